package versions

import (
	"slices"
)

// Index lists what one version of the site holds, so that the
// version switcher can find a page in every version. It is stored with a
// cached version.
type Index struct {
	Pages  []Page   `json:"pages"`  // content pages, by file
	HTML   []string `json:"html"`   // every HTML output path, sorted
	Errors int      `json:"errors"` // content errors of the version's build

	byID   map[string]string // page id → output path
	idOf   map[string]string // output path → page id
	byFile map[string]Page
	html   map[string]bool
}

// Page is a content page of a version.
type Page struct {
	File  string `json:"file"` // slash path relative to the site root
	ID    string `json:"id"`
	Out   string `json:"out"` // "processes/x/index.html"
	Title string `json:"title"`
}

// fill fills the lookup maps from Pages and HTML.
func (x *Index) fill() {
	x.byID = make(map[string]string, len(x.Pages))
	x.idOf = make(map[string]string, len(x.Pages))
	x.byFile = make(map[string]Page, len(x.Pages))
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

// Target returns the output path in this version of the page with id, or
// for a page without one (people, search) the same output path, or else the
// version's home page.
func (x *Index) Target(id, out string) string {
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

// NewIndex makes the index of a version with pages and the HTML
// output paths html.
func NewIndex(pages []Page, html []string) *Index {
	x := &Index{Pages: pages, HTML: html}
	slices.Sort(x.HTML)
	x.HTML = slices.Compact(x.HTML)
	x.fill()
	return x
}

// PageOf returns the page read from file, and whether the version has it.
func (x *Index) PageOf(file string) (Page, bool) {
	p, ok := x.byFile[file]
	return p, ok
}

// IDOf returns the id of the page written to the output path out, or "".
func (x *Index) IDOf(out string) string { return x.idOf[out] }
