package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
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
	{name: "search", prefixes: []string{"search/"}, cached: true, everyBody: true, lazy: true, write: (*builder).writeSearch},
	{name: "calendars", files: []string{"calendar.ics"}, match: func(n string) bool { return strings.HasSuffix(n, "calendar.ics") },
		cached: true, lazy: true, write: (*builder).writeCalendars},
	{name: "sitemap", files: []string{"sitemap.xml"}, match: isSitemap, cached: true, lazy: true, write: (*builder).writeSitemap},
	{name: "pages", files: []string{"api/pages.json"}, cached: true, lazy: true, write: (*builder).writePagesJSON},
	{name: "assets", prefixes: []string{"assets/"}, cached: true, lazy: true, write: (*builder).writeAssets},
	{name: "static", write: (*builder).writeStatic}, // each file is served from its source in the dev server
	{name: "versions", prefixes: []string{"versions/"}, write: (*builder).writeVersions},
}

// matches reports whether the step writes the output at name.
func (f siteFile) matches(name string) bool {
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
	{layout: "search", title: "search", dir: "search/"},
	{layout: "print", title: "print.title", dir: "print/"},
	{layout: "404", title: "notfound", file: "404.html"},
	{layout: "readiness", title: "readiness", dir: "readiness/", uncached: true},
	{layout: "changes", dir: "changes/", uncached: true, views: (*builder).changesViews},
}

// outPath is the file of a site page with one view.
func (p sitePage) outPath() string {
	if p.file != "" {
		return p.file
	}
	return p.dir + "index.html"
}

// views returns the site pages of b.
func (b *builder) sitePageViews() []*view {
	var out []*view
	for _, sp := range sitePages {
		if sp.views != nil {
			out = append(out, sp.views(b)...)
			continue
		}
		v := &view{b: b, Layout: sp.layout, Title: b.theme.label(sp.title), Dir: sp.dir}
		if sp.layout == "readiness" {
			v.Data = b.ready
		}
		out = append(out, v)
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

// generatedPrefixes are the folders whose files the build makes itself.
var generatedPrefixes = func() []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, f := range siteFiles {
		for _, p := range f.prefixes {
			add(p)
		}
	}
	for _, p := range sitePages {
		if p.dir != "" && p.file == "" {
			add(p.dir)
		}
	}
	return out
}()

// reservedOutputs are the outputs no page may take or pass through (see
// content.LoadOptions.Reserved).
var reservedOutputs = func() []string {
	var out []string
	for _, p := range sitePages {
		if p.file != "" {
			out = append(out, p.file)
		}
	}
	for _, f := range siteFiles {
		out = append(out, f.files...)
	}
	return append(out, generatedPrefixes...)
}()

// knownOutputs returns the generated outputs links may name: the site's
// own pages and files, every person's page and every section's list.
func (b *builder) knownOutputs() map[string]bool {
	out := map[string]bool{"index.html": true}
	for _, p := range sitePages {
		out[p.outPath()] = true
	}
	for _, f := range siteFiles {
		for _, name := range f.files {
			out[name] = true
		}
	}
	for _, p := range b.site.People.Persons {
		out[personOut(p.ID)] = true
	}
	for dir := range b.sections {
		out[content.URLOf(dir+"/_index.md")+"index.html"] = true
	}
	return out
}
