package generator

import (
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/content"
)

// The reader's navigation (issue 19): the page tree of the sidebar, the
// on-page table of contents, the previous and next page of a folder and
// the "edit this page" link. The tree and the pager are made in Go, like
// view.Links: they are on every page, and a template would cost more than
// the page's own text.

const (
	// navFullPages is the most content pages for which every section's
	// tree is in every page (collapsed but for the reader's own, as in
	// MkDocs Material). A larger site has only the tree of the page's own
	// section, the others as links: otherwise each page would carry the
	// whole site, and the output would grow with the square of its pages.
	navFullPages = 400
	// navWindow is the most pages of one folder the tree lists; a larger
	// folder lists those around the current page and links to its list.
	// It also bounds the subfolders listed. On a site above navFullPages
	// the window is smaller: each entry is on every page of the folder.
	navWindow      = 60
	navWindowLarge = 24
)

// window returns how many pages or subfolders of one folder the tree lists.
func (idx *navIndex) window() int {
	if idx.full {
		return navWindow
	}
	return navWindowLarge
}

// navIndex is what every page's navigation needs of the sections, made
// once per build (after a patch has sorted its folders).
type navIndex struct {
	tops  []*section            // the top-level folders in the order of their kinds
	pos   map[*content.Page]int // each page's place in its folder
	count map[*section]int      // pages in each folder and its subfolders
	pages int                   // content pages, list pages left out
	full  bool                  // every section's tree is in every page
}

type navKey struct{}

func (b *builder) navIndex() *navIndex {
	if x, ok := b.partials.Load(navKey{}); ok {
		return x.(*navIndex)
	}
	idx := &navIndex{pos: map[*content.Page]int{}}
	if root := b.sections[""]; root != nil {
		idx.tops = append(idx.tops, root.Subs...)
		order := map[content.Kind]int{}
		for i, k := range content.Kinds {
			order[k] = i
		}
		sortSections(idx.tops, order)
	}
	idx.count = make(map[*section]int, len(b.sections))
	for _, s := range b.sections {
		for i, p := range s.Pages {
			idx.pos[p] = i
		}
		idx.pages += len(s.Pages)
		for d := s.Dir; ; d = path.Dir(d) {
			if d == "." {
				d = ""
			}
			if a := b.sections[d]; a != nil {
				idx.count[a] += len(s.Pages)
			}
			if d == "" {
				break
			}
		}
	}
	idx.full = idx.pages <= navFullPages
	x, _ := b.partials.LoadOrStore(navKey{}, idx)
	return x.(*navIndex)
}

// navDir returns the folder of the page shown ("" for the home page and
// the pages the build makes) and whether it is one of the content's.
func (v *view) navDir() (string, bool) {
	switch {
	case v.Page != nil && !v.Page.List:
		return dirOf(v.Page.Path), true
	case v.Section != nil:
		return v.Section.Dir, true
	}
	return "", false
}

// onPath reports whether folder s holds the page shown, at any depth.
func (v *view) onPath(s *section) bool {
	dir, ok := v.navDir()
	return ok && s.Dir != "" && (dir == s.Dir || strings.HasPrefix(dir, s.Dir+"/"))
}

// NavTree returns the sidebar's page tree: each top-level folder a
// collapsible list (<details>, so it works without JavaScript) of its
// list page, its pages and its subfolders, the folders that hold the
// current page open and the current page marked with aria-current.
func (v *view) NavTree() template.HTML {
	idx := v.b.navIndex()
	var w strings.Builder
	w.WriteString(`<ul class="nav-tree">`)
	home := v.Layout == "home"
	v.navLink(&w, v.T("home"), v.Out("index.html"), home, "")
	if root := v.b.sections[""]; root != nil {
		v.navPages(&w, root, idx)
	}
	for _, s := range idx.tops {
		if idx.full || v.onPath(s) {
			w.WriteString(`<li class="nav-section">`)
			v.navFolder(&w, s, idx)
			w.WriteString(`</li>`)
			continue
		}
		w.WriteString(`<li class="nav-section"><a href="` + esc(v.SectionHref(s)) + `">` + esc(s.Title(v.b.theme)) +
			` <span class="count">` + strconv.Itoa(idx.count[s]) + `</span></a></li>`)
	}
	w.WriteString(`</ul><ul class="nav-tree nav-site">`)
	for _, g := range []struct{ label, out, layout string }{
		{"people", "people/index.html", "people"},
		{"tags", "tags/index.html", "tags"},
		{"readiness", "readiness/index.html", "readiness"},
		{"print", "print/index.html", "print"},
	} {
		if g.layout == "tags" && !v.b.hasTags() {
			continue
		}
		cur := ""
		switch {
		case v.Layout == g.layout:
			cur = "page"
		case g.layout == "people" && v.Layout == "person", g.layout == "tags" && v.Layout == "tag":
			cur = "true"
		}
		v.navLink(&w, v.T(g.label), v.Out(g.out), cur != "", cur)
	}
	w.WriteString(`</ul>`)
	return template.HTML(w.String())
}

// navLink writes one entry of the tree; current is the aria-current value
// ("page" when empty).
func (v *view) navLink(w *strings.Builder, title, href string, current bool, value string) {
	w.WriteString(`<li><a href="` + esc(href) + `"`)
	if current {
		if value == "" {
			value = "page"
		}
		w.WriteString(` aria-current="` + value + `"`)
	}
	w.WriteString(`>` + esc(title) + `</a></li>`)
}

// navFolder writes folder s as a <details>: its list page, its pages and
// its subfolders, open when it holds the current page.
func (v *view) navFolder(w *strings.Builder, s *section, idx *navIndex) {
	w.WriteString(`<details`)
	if v.onPath(s) {
		w.WriteString(` open`)
	}
	w.WriteString(`><summary>` + esc(s.Title(v.b.theme)) + ` <span class="count">` + strconv.Itoa(idx.count[s]) + `</span></summary><ul>`)
	list := v.Section == s && (v.Page == nil || v.Page.List)
	v.navLink(w, v.T("nav.overview"), v.SectionHref(s), list, "")
	v.navPages(w, s, idx)
	for i, sub := range s.Subs {
		if i == idx.window() {
			w.WriteString(`<li class="nav-more"><a href="` + esc(v.SectionHref(s)) + `">` + esc(v.T("nav.all")) + ` (` + strconv.Itoa(len(s.Subs)) + `)</a></li>`)
			break
		}
		w.WriteString(`<li class="nav-folder">`)
		if idx.full || v.onPath(sub) {
			v.navFolder(w, sub, idx)
		} else {
			// a large site: a folder off the page's path is a link to its list
			w.WriteString(`<a href="` + esc(v.SectionHref(sub)) + `">` + esc(sub.Title(v.b.theme)) + ` <span class="count">` + strconv.Itoa(idx.count[sub]) + `</span></a>`)
		}
		w.WriteString(`</li>`)
	}
	w.WriteString(`</ul></details>`)
}

// navPages writes the pages of folder s, at most idx.window() of them
// around the current page, and then a link to the folder's list for the
// rest.
func (v *view) navPages(w *strings.Builder, s *section, idx *navIndex) {
	pages, win := s.Pages, idx.window()
	lo, hi := 0, len(pages)
	if len(pages) > win {
		at := 0
		if v.Page != nil && !v.Page.List && dirOf(v.Page.Path) == s.Dir {
			at = idx.pos[v.Page]
		}
		lo = max(0, at-win/2)
		hi = min(len(pages), lo+win)
		lo = max(0, hi-win)
	}
	for _, p := range pages[lo:hi] {
		v.navLink(w, p.Title, v.Href(p), p == v.Page, "")
	}
	if lo > 0 || hi < len(pages) {
		w.WriteString(`<li class="nav-more"><a href="` + esc(v.SectionHref(s)) + `">` + esc(v.T("nav.all")) + ` (` + strconv.Itoa(len(pages)) + `)</a></li>`)
	}
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// PagerLink is the previous or next page of a folder.
type PagerLink struct {
	Title, Href string
}

// Pager returns the previous and next page within the page's folder, in
// the order of its list: a folder's list page comes before its first page.
func (v *view) Pager() (prev, next *PagerLink) {
	link := func(p *content.Page) *PagerLink { return &PagerLink{Title: p.Title, Href: v.Href(p)} }
	switch {
	case v.Page != nil && !v.Page.List:
		s := v.Section
		if s == nil || v.Layout == "home" {
			return nil, nil
		}
		i, ok := v.b.navIndex().pos[v.Page]
		if !ok || i >= len(s.Pages) || s.Pages[i] != v.Page {
			return nil, nil
		}
		if i > 0 {
			prev = link(s.Pages[i-1])
		} else if s.Dir != "" {
			prev = &PagerLink{Title: s.Title(v.b.theme), Href: v.SectionHref(s)}
		}
		if i+1 < len(s.Pages) {
			next = link(s.Pages[i+1])
		}
	case v.Section != nil && v.Layout == "list" && len(v.Section.Pages) > 0:
		next = link(v.Section.Pages[0])
	}
	return prev, next
}

// PagerLinks returns Pager's two links for a template: [prev, next].
func (v *view) PagerLinks() []*PagerLink {
	prev, next := v.Pager()
	if prev == nil && next == nil {
		return nil
	}
	return []*PagerLink{prev, next}
}

// TOCItem is one heading of the on-page table of contents, with the
// headings of the level below it.
type TOCItem struct {
	ID, Text string
	Children []TOCItem
}

// TOC returns the page's headings of levels 2 and 3 as a tree, or nil
// when there are too few to need a table of contents.
func (v *view) TOC() []TOCItem {
	var out []TOCItem
	n2, n := 0, 0
	for _, h := range v.Headings {
		switch {
		case h.Level == 2:
			out = append(out, TOCItem{ID: h.ID, Text: h.Text})
			n2++
			n++
		case h.Level == 3 && len(out) > 0:
			last := &out[len(out)-1]
			last.Children = append(last.Children, TOCItem{ID: h.ID, Text: h.Text})
			n++
		}
	}
	if n2 < 2 && n < 3 {
		return nil
	}
	return out
}

// EditURL returns the link to edit the page's source: handover.yaml's
// edit_url followed by the page's file relative to the site, or "" when
// edit_url is not set, for pages the build makes and for older versions.
func (v *view) EditURL() string {
	prefix := v.b.site.Config.EditURL
	if prefix == "" || v.Page == nil || v.Page.File == "" || v.b.opts.version != nil {
		return ""
	}
	parts := strings.Split(v.Page.File, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return prefix + strings.Join(parts, "/")
}
