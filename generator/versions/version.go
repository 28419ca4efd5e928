package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/theme"
)

// Version is an older version of the site: a git tag built into versions/TAG/.
type Version struct {
	Tag     history.Tag
	Dir     string            // output folder, "versions/TAG/"
	Index   *Index            // its pages and HTML files
	Sources map[string][]byte // each page's source text at the tag, by file
	Files   map[string][]byte // its output, when it is not in the cache
	Entry   string            // the cache entry that holds its output
}

// Output returns the files of the version, from memory or from the cache.
func (v *Version) Output() (map[string][]byte, error) {
	if v.Entry == "" {
		return v.Files, nil
	}
	return readEntry(v.Entry)
}

// manifestName is the file in a cache entry that holds the Index; it
// is not part of the output.
const manifestName = ".handover-version.json"

// CacheFormat changes whenever what a cache entry holds changes.
const CacheFormat = "handover-version-1"

// Kept is how long a cached version no build has used is kept: long
// enough for a site built once a month, and an upgraded handover's old
// entries go in the end.
const Kept = 31 * 24 * time.Hour

// CountErrors counts the diagnostics of a version's build that are errors
// by the version's own settings (its build relaxed them to warnings).
func CountErrors(ds content.Diagnostics, checks map[string]content.Severity) int {
	n := 0
	for _, d := range ds {
		lvl, ok := checks[d.Rule]
		if !ok {
			if lvl, ok = content.Rules[d.Rule]; !ok {
				lvl = content.Error
			}
		}
		if lvl == content.Error {
			n++
		}
	}
	return n
}

// ThemeHash returns a hash of every file of the theme a build uses: the
// embedded one with the site's overrides over it.
func ThemeHash(t *theme.Theme) string {
	h := sha256.New()
	o, ok := t.Files.(theme.Overlay)
	if !ok {
		return ""
	}
	for _, dir := range []string{"templates", "i18n", "assets"} {
		for _, p := range o.List(dir) {
			data, _ := fs.ReadFile(o, p)
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
			h.Write(data)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PageSources reads the source text of every page of idx from tree.
func PageSources(tree fs.FS, idx *Index) map[string][]byte {
	out := make(map[string][]byte, len(idx.Pages))
	for _, p := range idx.Pages {
		if data, err := fs.ReadFile(tree, p.File); err == nil {
			out[p.File] = data
		}
	}
	return out
}

// ReadManifest reads the Index stored in a cache entry.
func ReadManifest(entry string) (*Index, error) {
	data, err := os.ReadFile(filepath.Join(entry, manifestName))
	if err != nil {
		return nil, err
	}
	idx := &Index{}
	if err := json.Unmarshal(data, idx); err != nil {
		return nil, fmt.Errorf("cache entry %s: %w", entry, err)
	}
	idx.fill()
	return idx, nil
}

// readEntry reads the output files stored in a cache entry.
func readEntry(entry string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(entry), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || p == manifestName {
			return err
		}
		data, err := os.ReadFile(filepath.Join(entry, filepath.FromSlash(p)))
		files[p] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("version cache: %w", err)
	}
	return files, nil
}

// Store puts the output and index of v into the cache under key.
func Store(c *history.Cache, key string, v *Version) error {
	manifest, err := json.Marshal(v.Index)
	if err != nil {
		return err
	}
	files := maps.Clone(v.Files)
	files[manifestName] = manifest
	return c.Put(key, files)
}
