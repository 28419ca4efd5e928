package generator

import (
	"path"
	"slices"
	"strings"

	"github.com/handover-dev/handover/content"
)

// versionIndex lists what one version of the site holds, so that the
// version switcher can find a page in every version. It is stored with a
// cached version.
type versionIndex struct {
	Pages  []indexPage `json:"pages"`  // content pages, by file
	HTML   []string    `json:"html"`   // every HTML output path, sorted
	Errors int         `json:"errors"` // content errors of the version's build

	byID   map[string]string // page id → output path
	idOf   map[string]string // output path → page id
	byFile map[string]indexPage
	html   map[string]bool
}

// indexPage is a content page of a version.
type indexPage struct {
	File  string `json:"file"` // slash path relative to the site root
	ID    string `json:"id"`
	Out   string `json:"out"` // "processes/x/index.html"
	Title string `json:"title"`
}

// init fills the lookup maps from Pages and HTML.
func (x *versionIndex) init() {
	x.byID = make(map[string]string, len(x.Pages))
	x.idOf = make(map[string]string, len(x.Pages))
	x.byFile = make(map[string]indexPage, len(x.Pages))
	x.html = make(map[string]bool, len(x.HTML))
	for _, p := range x.Pages {
		x.byID[p.ID] = p.Out
		x.idOf[p.Out] = p.ID
		x.byFile[p.File] = p
	}
	for _, h := range x.HTML {
		x.html[h] = true
	}
}

// target returns the output path in this version of the page with id, or
// for a page without one (people, search) the same output path, or else the
// version's home page.
func (x *versionIndex) target(id, out string) string {
	if id != "" {
		if o, ok := x.byID[id]; ok {
			return o
		}
		return "index.html"
	}
	if x.html[out] {
		return out
	}
	return "index.html"
}

// indexOf makes the index of a built site and its output files.
func indexOf(site *content.Site, files map[string][]byte) *versionIndex {
	x := &versionIndex{}
	for _, p := range site.Pages {
		x.Pages = append(x.Pages, indexPage{File: p.File, ID: p.ID, Out: pageOut(p), Title: p.Title})
	}
	for name := range files {
		if path.Ext(name) == ".html" {
			x.HTML = append(x.HTML, name)
		}
	}
	slices.Sort(x.HTML)
	x.init()
	return x
}

// currentIndex makes the index of the site being built, before its output
// is written: its pages and the generated pages links may name.
func currentIndex(b *builder) *versionIndex {
	x := &versionIndex{}
	seen := map[string]bool{}
	for _, p := range b.site.Pages {
		x.Pages = append(x.Pages, indexPage{File: p.File, ID: p.ID, Out: pageOut(p), Title: p.Title})
		seen[pageOut(p)] = true
	}
	for out := range b.outputs {
		if strings.HasSuffix(out, ".html") {
			seen[out] = true
		}
	}
	for _, r := range b.site.People.Roles {
		seen[personOut(r.ID)] = true
	}
	x.HTML = sortedKeys(seen)
	x.init()
	return x
}
