package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/theme"
)

// version is an older version of the site: a git tag built into versions/TAG/.
type version struct {
	tag     history.Tag
	dir     string            // output folder, "versions/TAG/"
	index   *versionIndex     // its pages and HTML files
	sources map[string][]byte // each page's source text at the tag, by file
	files   map[string][]byte // its output, when it is not in the cache
	entry   string            // the cache entry that holds its output
}

// output returns the files of the version, from memory or from the cache.
func (v *version) output() (map[string][]byte, error) {
	if v.entry == "" {
		return v.files, nil
	}
	return readEntry(v.entry)
}

// manifestName is the file in a cache entry that holds the versionIndex; it
// is not part of the output.
const manifestName = ".handover-version.json"

// cacheFormat changes whenever what a cache entry holds changes.
const cacheFormat = "handover-version-1"

// versionBuilder builds the older versions of one build.
type versionBuilder struct {
	b       *builder
	repo    *history.Repo
	log     *history.Log
	cache   *history.Cache // nil without Options.CacheDir
	keyBase []string       // the parts of every cache key besides the tag
	used    []string       // the cache keys of this build's versions
}

// versionsKept is how long a cached version no build has used is kept: long
// enough for a site built once a month, and an upgraded handover's old
// entries go in the end.
const versionsKept = 31 * 24 * time.Hour

// run builds or fetches every tag and works out what changed between them.
func (vb *versionBuilder) run(ctx context.Context, tags []history.Tag) content.Diagnostics {
	b := vb.b
	if b.opts.CacheDir != "" {
		vb.cache = &history.Cache{Dir: b.opts.CacheDir}
	}
	vb.keyBase = []string{cacheFormat, b.opts.Version, themeHash(b.theme), b.theme.Lang,
		vb.repo.Prefix(), fmt.Sprint(vb.log.Shallow), baseURL(b)}
	g := b.git
	g.current = currentIndex(b)
	var diags content.Diagnostics
	problems := map[string]int{}
	for i, t := range tags {
		v, err := vb.version(ctx, t, i, len(tags))
		if err != nil {
			if ctx.Err() != nil {
				return diags // the build reports the cancellation
			}
			diags = append(diags, b.gitDiag("version %s was not built: %v", t.Name, err))
			continue
		}
		g.versions = append(g.versions, v)
		if v.index.Errors > 0 {
			problems[t.Name] = v.index.Errors
		}
	}
	if len(problems) > 0 {
		diags = append(diags, b.problemsDiag(problems))
	}
	g.changes = vb.changes()
	if vb.cache != nil && ctx.Err() == nil {
		_ = vb.cache.Trim(versionsKept, vb.used...) // trimming only saves space
	}
	return diags
}

// problemsDiag sums up the errors of the older versions in one warning: they
// are published as they were, and the current build does not fail on them.
func (b *builder) problemsDiag(problems map[string]int) content.Diagnostic {
	total := 0
	var parts []string
	for _, name := range sortedKeys(problems) {
		total += problems[name]
		parts = append(parts, fmt.Sprintf("%s: %d", name, problems[name]))
	}
	d := content.Diag("git", content.Pos{File: "handover.yaml"},
		fmt.Sprintf("older versions have %d content errors (%s); they are published as they were", total, strings.Join(parts, ", ")))
	return d
}

// version returns the older version of tag t, from the cache or built now.
func (vb *versionBuilder) version(ctx context.Context, t history.Tag, i, n int) (*version, error) {
	b := vb.b
	v := &version{tag: t, dir: "versions/" + t.Name + "/"}
	key := history.Key(append([]string{t.Commit, t.Name}, vb.keyBase...)...)
	tree, err := vb.repo.TreeFS(ctx, t.Commit, vb.repo.Prefix())
	if err != nil {
		return nil, err
	}
	if vb.cache != nil {
		vb.used = append(vb.used, key)
		if entry, ok := vb.cache.Get(key); ok {
			vb.cache.Use(key)
			if idx, err := readManifest(entry); err == nil {
				vb.progress(i, n, "version "+t.Name+" from the cache")
				v.index, v.entry = idx, entry
				v.sources = pageSources(tree, idx)
				return v, nil
			}
		}
	}
	vb.progress(i, n, "building version "+t.Name)
	vc := &versionContext{theme: b.theme}
	if !vb.log.Shallow {
		vc.files = vb.log.Files(t.Commit)
	}
	sink := &MemSink{Files: map[string][]byte{}}
	opts := Options{FS: tree, Sink: sink, Now: versionDate(t), Version: b.opts.Version, version: vc}
	if base := baseURL(b); base != "" {
		opts.BaseURL = base + v.dir
	}
	res, err := Build(ctx, opts)
	if err != nil {
		return nil, err
	}
	v.index = indexOf(res.Site, sink.Files)
	v.index.Errors = countErrors(res.Diagnostics, vc.checks)
	v.sources = pageSources(tree, v.index)
	v.files = sink.Files
	if vb.cache != nil {
		if vb.store(key, v) == nil {
			// Read it back when writing, so that many versions need not
			// be held in memory at once.
			v.entry, _ = vb.cache.Get(key)
			v.files = nil
		}
	}
	return v, nil
}

// store puts the output and index of v into the cache under key.
func (vb *versionBuilder) store(key string, v *version) error {
	manifest, err := json.Marshal(v.index)
	if err != nil {
		return err
	}
	files := maps.Clone(v.files)
	files[manifestName] = manifest
	return vb.cache.Put(key, files)
}

// progress reports long work through Options.Progress.
func (vb *versionBuilder) progress(done, total int, what string) {
	if p := vb.b.opts.Progress; p != nil {
		p(done, total, what)
	}
}

// countErrors counts the diagnostics of a version's build that are errors
// by the version's own settings (its build relaxed them to warnings).
func countErrors(ds content.Diagnostics, checks map[string]content.Severity) int {
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

// baseURL returns the absolute URL of the published site with a final
// slash, or "".
func baseURL(b *builder) string {
	base := b.opts.BaseURL
	if base == "" {
		base = b.site.Config.BaseURL
	}
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// themeHash returns a hash of every file of the theme a build uses: the
// embedded one with the site's overrides over it.
func themeHash(t *theme.Theme) string {
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

// pageSources reads the source text of every page of idx from tree.
func pageSources(tree fs.FS, idx *versionIndex) map[string][]byte {
	out := make(map[string][]byte, len(idx.Pages))
	for _, p := range idx.Pages {
		if data, err := fs.ReadFile(tree, p.File); err == nil {
			out[p.File] = data
		}
	}
	return out
}

// readManifest reads the versionIndex stored in a cache entry.
func readManifest(entry string) (*versionIndex, error) {
	data, err := os.ReadFile(filepath.Join(entry, manifestName))
	if err != nil {
		return nil, err
	}
	idx := &versionIndex{}
	if err := json.Unmarshal(data, idx); err != nil {
		return nil, fmt.Errorf("cache entry %s: %w", entry, err)
	}
	idx.init()
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
