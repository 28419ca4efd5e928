// Package importer writes a handover site from documentation kept for
// another tool (an MkDocs, Docusaurus, Hugo or Jekyll site, a GitHub or
// GitLab wiki, an adr-tools, MADR or log4brains decision log) without
// changing it: its pages, images and attachments, its folder pages, the
// titles of its nav or sidebar, its decision records as decisions with
// their number, date, status, deciders and supersede links, a
// handover.yaml, a people.yaml of the deciders, and a report page of what
// could not be carried over and every problem the site still has.
//
// handover writes into SITE only when it is empty or holds an earlier
// import (its marker, .handover-import, lists every file the import wrote
// with its hash), and then replaces or removes only those of its files
// nobody has changed since: a file of the user's, or one edited after the
// import, is left alone and named in a note. The same source gives the
// same bytes.
//
// importer is a user of the generator, not a stage of it: it may import
// content, generator (to build what it wrote) and publish.
package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
	"github.com/handover-dev/handover/generator/publish"
)

// Options says what to import, from where, to where.
type Options struct {
	From   string // a kind of Kinds, or "auto" (or "") to detect it
	Source string // the folder of the existing documentation; never written
	Site   string // the handover site to write
}

// Result is what an import did.
type Result struct {
	Kind        string
	Pages       int // Markdown pages written
	Decisions   int // of which decisions
	Files       int // every file written, pages included
	Diagnostics content.Diagnostics
	Notes       []string          // files left alone, and why
	Origins     map[string]string // each page and attachment written (site path) → its source file
	Duration    time.Duration
}

// Marker is the file by which handover knows a site folder it imported.
const Marker = ".handover-import"

const markerHead = "written by handover import: the files below (sha256, path) are handover's; the next import into this folder rewrites or removes those nobody has changed\n"

// ReportPage is the path of the import report under content/.
const ReportPage = "import-report.md"

// Import writes the site. Problems of the content are in Result; an error
// is a refusal (ErrUsage) or a failure to read or write.
func Import(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if err := checkPaths(opts.Source, opts.Site); err != nil {
		return nil, err
	}
	src := os.DirFS(opts.Source)
	kind := opts.From
	if kind == "" || kind == "auto" {
		kind = detect(src)
	} else if !known(kind) {
		return nil, publish.Usage(fmt.Sprintf("unknown --from %q; use one of %s or auto", kind, strings.Join(Kinds, ", ")))
	}
	old, err := readMarker(opts.Site)
	if err != nil {
		return nil, err
	}
	s := readSource(src, kind)
	p := &plan{src: src, source: s, files: map[string][]byte{}, origin: map[string]string{}, people: map[string]string{}}
	p.exclude = siteInSource(opts.Source, opts.Site)
	if err := p.collect(); err != nil {
		return nil, err
	}
	p.writeConfig()
	res := &Result{Kind: kind, Origins: p.origin}
	diags, err := p.check(ctx)
	if err != nil {
		return nil, err
	}
	res.Diagnostics = diags
	p.writeReport(diags)
	for name := range p.files {
		if strings.HasPrefix(name, "content/") && isMarkdown(name) {
			res.Pages++
			if strings.HasPrefix(name, "content/decisions/") && !folderPage(name) && !content.IsTemplate(path.Base(name)) {
				res.Decisions++
			}
		}
	}
	notes, written, err := publishFiles(opts.Site, p.files, old)
	if err != nil {
		return res, err
	}
	res.Files, res.Notes = written, notes
	res.Duration = time.Since(start)
	return res, nil
}

func known(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// checkPaths refuses a source that is not a folder, and a site that is
// the source or holds it.
func checkPaths(srcDir, site string) error {
	if site == "" || srcDir == "" {
		return publish.Usage("handover import needs SRC and SITE")
	}
	fi, err := os.Stat(srcDir)
	if err != nil || !fi.IsDir() {
		return publish.Usage(fmt.Sprintf("source %s is not a folder", srcDir))
	}
	a, err1 := filepath.Abs(srcDir)
	b, err2 := filepath.Abs(site)
	if err1 != nil || err2 != nil {
		return publish.Usage("cannot resolve the paths")
	}
	if real, err := filepath.EvalSymlinks(a); err == nil {
		a = real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(b)); err == nil {
		b = filepath.Join(dir, filepath.Base(b))
	}
	if rel, err := filepath.Rel(b, a); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return publish.Usage(fmt.Sprintf("site %s is or holds the source %s; import into a new folder beside it", site, srcDir))
	}
	if fi, err := os.Stat(site); err == nil && !fi.IsDir() {
		return publish.Usage(fmt.Sprintf("site %s is a file", site))
	}
	return nil
}

// siteInSource returns the site folder as a slash path inside the source,
// when it is there: the import does not read its own output.
func siteInSource(srcDir, site string) string {
	a, _ := filepath.Abs(srcDir)
	b, _ := filepath.Abs(site)
	if rel, err := filepath.Rel(a, b); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return ""
}

// readMarker returns the files an earlier import wrote into site, with
// their hashes; nil for a missing or empty folder. A folder with other
// files and no marker is refused.
func readMarker(site string) (map[string]string, error) {
	entries, err := os.ReadDir(site)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(site, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, publish.Usage(fmt.Sprintf("site %s is not empty and holds no earlier import (%s); import into a new or empty folder", site, Marker))
	}
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	lines := strings.Split(string(data), "\n")
	for _, l := range lines[1:] {
		if sum, name, ok := strings.Cut(l, "  "); ok {
			out[name] = sum
		}
	}
	return out, nil
}

// publishFiles writes files into site, by the marker's rules, and the new
// marker. It returns the notes on files left alone and how many it wrote.
func publishFiles(site string, files map[string][]byte, old map[string]string) ([]string, int, error) {
	var notes []string
	kept := map[string]string{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	ours := func(name string) (exists, unchanged bool) {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			return !errors.Is(err, fs.ErrNotExist), false
		}
		sum, listed := old[name]
		return true, listed && sum == hash(data)
	}
	written := 0
	for _, name := range names {
		exists, unchanged := ours(name)
		if exists && !unchanged {
			if sum, listed := old[name]; listed {
				kept[name] = sum
				notes = append(notes, name+" was changed since the import: left alone")
			} else {
				notes = append(notes, name+" is not handover's: left alone")
			}
			continue
		}
		if err := writeFile(site, name, files[name]); err != nil {
			return notes, written, err
		}
		kept[name] = hash(files[name])
		written++
	}
	var gone []string
	for name := range old {
		if _, still := files[name]; !still {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	for _, name := range gone {
		if exists, unchanged := ours(name); exists && unchanged {
			if err := os.Remove(filepath.Join(site, filepath.FromSlash(name))); err != nil {
				return notes, written, err
			}
		} else if exists {
			kept[name] = old[name]
			notes = append(notes, name+" is no longer imported but was changed since: left alone")
		}
	}
	var m strings.Builder
	m.WriteString(markerHead)
	for _, name := range sortedKeys(kept) {
		fmt.Fprintf(&m, "%s  %s\n", kept[name], name)
	}
	return notes, written, writeFile(site, Marker, []byte(m.String()))
}

// writeFile writes data to site/name whole: into a temporary file beside
// it that is then renamed over it.
func writeFile(site, name string, data []byte) error {
	dst := filepath.Join(site, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".handover-import-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// check runs handover's checks on the planned site, in memory: the
// problems the report lists. Attachments are there as empty files, which
// is all a link needs.
func (p *plan) check(ctx context.Context) (content.Diagnostics, error) {
	mfs := fstest.MapFS{}
	for name, data := range p.files {
		mfs[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	for name := range p.assets {
		mfs[name] = &fstest.MapFile{Mode: 0o644}
	}
	res, err := generator.Build(ctx, generator.Options{FS: mfs, DryRun: true, Now: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil && !errors.Is(err, generator.ErrContent) {
		return nil, err
	}
	var out content.Diagnostics
	for _, d := range res.Diagnostics {
		if d.Rule == "review-overdue" || d.Rule == "training-incomplete" {
			continue // depend on the day: the report is the same whenever the import runs
		}
		out = append(out, d)
	}
	return out, nil
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// hasPrefixDir reports whether p is dir or lies under it.
func hasPrefixDir(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// trimDir returns p relative to dir.
func trimDir(p, dir string) string {
	if dir == "." {
		return p
	}
	return strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
}

var _ = bytes.Equal

// folderPage reports whether name is the page of its folder (_index.md,
// index.md, README.md), which lists the folder rather than being one of it.
func folderPage(name string) bool {
	base := path.Base(name)
	stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
	return stem == "_index" || stem == "index" || stem == "readme"
}
