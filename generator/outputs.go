package generator

import (
	"io"
	"path"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/output"
)

// This file is the registry of outputs: every file or folder the build
// makes besides the pages of the content. The full build (writeSite), the
// dev server (LazySite), the output cache, the reserved paths no page or
// static file may take, and the paths links may name are all derived from
// these two lists. A new output is one entry here and the function that
// writes it (docs/architecture.md, "Add an output").

// siteFile is an output step: a function that writes a set of files at
// once (the search index, the calendars, …).
type siteFile struct {
	name string // the step's name: progress, cache keys

	// What it writes: files at these paths, and every file under these
	// folders (slash paths ending in "/"). A custom match covers outputs
	// that are not under one folder (each person's calendar).
	files    []string
	prefixes []string
	match    func(name string) bool

	cached    bool // the output cache may keep its files
	everyBody bool // its files depend on every page's body, not only on the site
	lazy      bool // the dev server makes it when first asked for

	write func(b *builder, sink Sink) error
}

// siteFiles are the output steps, in the order the build starts them.
var siteFiles = []siteFile{
	{name: "search", prefixes: []string{"search/"}, cached: true, everyBody: true, lazy: true, write: moved((*builder).writeSearch)},
	{name: "calendars", files: []string{"calendar.ics"}, match: func(n string) bool { return strings.HasSuffix(n, "calendar.ics") },
		cached: true, lazy: true, write: moved((*builder).writeCalendars)},
	{name: "sitemap", files: []string{"sitemap.xml"}, match: output.IsSitemap, cached: true, lazy: true, write: moved((*builder).writeSitemap)},
	{name: "pages", files: []string{"api/pages.json"}, cached: true, lazy: true, write: moved((*builder).writePagesJSON)},
	// before assets, whose folder holds them: a page with a diagram or a
	// callout is what makes them, so they depend on every body; copies of
	// theme files, they are not worth a cache entry
	{name: "diagrams", prefixes: []string{mermaidDir}, everyBody: true, lazy: true, write: moved((*builder).writeMermaid)},
	{name: "callouts", files: []string{calloutCSS}, everyBody: true, lazy: true, write: moved((*builder).writeCalloutCSS)},
	{name: "assets", prefixes: []string{"assets/"}, cached: true, lazy: true, write: moved(withoutExtras((*builder).writeAssets))},
	{name: "static", write: (*builder).writeStatic}, // the user's own files: never moved; each is served from its source in the dev server
	{name: "versions", prefixes: []string{"versions/"}, write: moved((*builder).writeVersions)},
}

// matches reports whether the step writes the output at name, at its own
// path or moved out of the way of the user's (movedPrefix).
func (f siteFile) matches(name string) bool {
	name = strings.TrimPrefix(name, movedPrefix)
	if f.match != nil {
		return f.match(name)
	}
	for _, p := range f.files {
		if name == p {
			return true
		}
	}
	for _, p := range f.prefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// sitePage is a page the build makes that no content file describes.
type sitePage struct {
	layout   string // its template, also its name
	title    string // the label of its title
	dir      string // its folder ("search/"); "" with file for a file at the root
	file     string // its file, when not dir + "index.html"
	uncached bool   // it depends on the diagnostics or the history: always rendered
	// views returns the pages of a layout with more than one (people,
	// changes); nil means the one page above.
	views func(b *builder) []*view
}

// sitePages are the pages the build makes, after the pages and sections
// of the content, in this order.
var sitePages = []sitePage{
	{layout: "person", dir: "people/", views: (*builder).peopleViews},
	{layout: "tag", dir: "tags/", views: (*builder).tagViews}, // tags.go
	{layout: "search", title: "search", dir: "search/"},
	{layout: "print", title: "print.title", dir: "print/"},
	{layout: "404", title: "notfound", file: "404.html"},
	{layout: "readiness", title: "readiness", dir: "readiness/", uncached: true},
	{layout: "maintenance", title: "maintenance", dir: "maintenance/"}, // issue 17: every review, overdue first
	{layout: "changes", dir: "changes/", uncached: true, views: (*builder).changesViews},
}

// outPath is the file of a site page with one view.
func (p sitePage) outPath() string {
	if p.file != "" {
		return p.file
	}
	return p.dir + "index.html"
}

// views returns the site pages of b, each in its folder or, where the
// user's content has a file, moved out of its way (movedPrefix). A page
// that is one file at the root (404.html) cannot move: the user's wins.
func (b *builder) sitePageViews() []*view {
	var out []*view
	for _, sp := range sitePages {
		if sp.file != "" && b.out(sp.file) != sp.file {
			continue
		}
		var views []*view
		if sp.views != nil {
			views = sp.views(b)
		} else {
			v := &view{b: b, Layout: sp.layout, Title: b.theme.Label(sp.title), Dir: sp.dir}
			if sp.layout == "readiness" {
				v.Data = b.ready
			}
			views = []*view{v}
		}
		for _, v := range views {
			if sp.file == "" {
				v.Dir = strings.TrimSuffix(b.out(v.Dir+"index.html"), "index.html")
			}
		}
		out = append(out, views...)
	}
	return out
}

// alwaysRendered reports whether pages of layout are never taken from the
// output cache.
func alwaysRendered(layout string) bool {
	for _, sp := range sitePages {
		if sp.layout == layout {
			return sp.uncached
		}
	}
	return false
}

// movedPrefix is the folder a generated output moves into when the
// user's content has a file at its path (a page search/README.md, a
// static sitemap.xml) or needs a folder there: the user's file wins, and
// SPEC's path stays that of every output no user file claims. No page or
// static file can be written under it (reservedOutputs).
const movedPrefix = "_handover/"

// claims are the output paths of the user's content: every page, folder
// list page and static file, and the folders they need.
type claims struct {
	files map[string]bool // output files ("search/index.html")
	dirs  map[string]bool // folders the files need, with a final slash ("search/")
	any   bool            // one of them is the path of a generated output
}

// claim records the outputs of the site's content, once its sections are
// known, and whether any takes a generated output's path.
func (b *builder) claim() {
	c := &claims{files: map[string]bool{}, dirs: map[string]bool{}}
	add := func(out string) {
		c.files[out] = true
		for d := path.Dir(out); d != "." && !c.dirs[d+"/"]; d = path.Dir(d) {
			c.dirs[d+"/"] = true
		}
	}
	for _, p := range b.site.Pages {
		if !p.List {
			add(pageOut(p))
		}
	}
	for _, s := range b.sections {
		add(s.URL() + "index.html")
	}
	for _, f := range b.site.Static {
		add(f.Out)
	}
	b.facts().claims = c
	for _, name := range generatedRoots {
		if c.takes(name) {
			c.any = true
			return
		}
	}
}

// takes reports whether the user's content has a file at name, a file
// under the folder name (when name ends in "/") or at it as a file, or a
// file where name needs a folder.
func (c *claims) takes(name string) bool {
	if strings.HasSuffix(name, "/") {
		return c.dirs[name] || c.files[strings.TrimSuffix(name, "/")]
	}
	if c.files[name] || c.dirs[name+"/"] {
		return true
	}
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		if c.files[d] {
			return true
		}
	}
	return false
}

// out returns where the generated output at name is written: name, or
// name under movedPrefix when the user's content takes it.
func (b *builder) out(name string) string {
	if c := b.facts().claims; c == nil || !c.any || !c.takes(name) {
		return name
	}
	return movedPrefix + name
}

// moved makes an output step write each file where b.out puts it.
func moved(write func(*builder, Sink) error) func(*builder, Sink) error {
	return func(b *builder, sink Sink) error {
		if c := b.facts().claims; c == nil || !c.any {
			return write(b, sink)
		}
		return write(b, movingSink{sink, b})
	}
}

// movingSink writes each generated file where b.out puts it.
type movingSink struct {
	Sink
	b *builder
}

func (m movingSink) Write(p string, data []byte) error { return m.Sink.Write(m.b.out(p), data) }

// Stream implements output.Streamer.
func (m movingSink) Stream(p string) (io.WriteCloser, error) {
	return output.Stream(m.Sink, m.b.out(p))
}

// generatedRoots are the files and folders of siteFiles and sitePages: a
// site whose content takes none of them has every output at SPEC's path.
var generatedRoots = func() []string {
	var out []string
	for _, f := range siteFiles {
		out = append(append(out, f.files...), f.prefixes...)
	}
	for _, p := range sitePages {
		if p.file != "" {
			out = append(out, p.file)
		} else {
			out = append(out, p.dir)
		}
	}
	return out
}()

// reservedOutputs are the outputs no page may take or pass through (see
// content.LoadOptions.Reserved): only the folder generated outputs move
// into; every other generated path gives way to the user's file.
var reservedOutputs = []string{movedPrefix}

// knownOutputs returns the generated outputs links may name: the site's
// own pages and files, every person's page and every section's list.
func (b *builder) knownOutputs() map[string]bool {
	out := map[string]bool{"index.html": true}
	for _, p := range sitePages {
		out[b.out(p.outPath())] = true
	}
	for _, f := range siteFiles {
		for _, name := range f.files {
			out[b.out(name)] = true
		}
	}
	for _, p := range b.site.People.Persons {
		out[b.out(personOut(p.ID))] = true
	}
	for dir := range b.sections {
		out[content.URLOf(dir+"/_index.md")+"index.html"] = true
	}
	return out
}
