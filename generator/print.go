package generator

import (
	"html/template"
	"regexp"
	"strings"

	"github.com/handover-dev/handover/content"
)

// printAnchor returns the id of a page, or of a heading in it, inside the
// print document, where every page's headings share one document.
func printAnchor(p *content.Page, anchor string) string {
	id := "p-" + strings.ReplaceAll(content.Slug(p.ID), "/", "-")
	if anchor != "" {
		id += "--" + anchor
	}
	return id
}

// printHref returns where a resolved link points inside the print document:
// pages become in-document links, files stay files.
func printHref(res linkResult) string {
	switch {
	case res.external || res.href == "":
		return res.href
	case res.target.Page != nil && res.target.Page.List:
		return "#p-" + folders[res.target.Page.Kind] // the chapter of the folder's kind
	case res.target.Page != nil:
		return "#" + printAnchor(res.target.Page, res.target.Anchor)
	}
	href := relPath("print/", res.target.Out)
	if res.target.Anchor != "" {
		href += "#" + res.target.Anchor
	}
	return href
}

var (
	hrefAttr  = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	headingID = regexp.MustCompile(`<h([1-6]) id="`)
	footnotes = regexp.MustCompile(`(id|href)="(#?)(fn(?:ref)?:[^"]*)"`)
)

// printBody returns the body of p rewritten for the print document.
func (b *builder) printBody(p *content.Page) template.HTML {
	r := b.bodies[p]
	html := hrefAttr.ReplaceAllStringFunc(r.HTML, func(m string) string {
		name, val, _ := strings.Cut(m, `="`)
		if to, ok := r.print[unescapeAttr(strings.TrimSuffix(val, `"`))]; ok {
			return name + `="` + template.HTMLEscapeString(to) + `"`
		}
		return m
	})
	prefix := printAnchor(p, "")
	html = headingID.ReplaceAllString(html, `<h$1 id="`+prefix+`--`)
	html = footnotes.ReplaceAllString(html, `$1="$2`+prefix+`--$3"`)
	return template.HTML(html)
}

func unescapeAttr(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// PrintSection is one chapter of the print document.
type PrintSection struct {
	ID    string
	Title string
	Pages []*content.Page
}

// printSections lists the pages in document order: the kinds in their
// order, each folder's pages in their list order.
func (b *builder) printSections() []PrintSection {
	var out []PrintSection
	for _, k := range content.Kinds {
		var ps []*content.Page
		for _, p := range b.site.Pages {
			if !p.List && p.Kind == k && p.ID != "_index" {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		sortPages(ps)
		out = append(out, PrintSection{ID: "p-" + folders[k], Title: b.theme.label("section." + string(k)), Pages: ps})
	}
	return out
}

// PrintBody returns a page's body rewritten for the print document.
func (v *view) PrintBody(p *content.Page) template.HTML { return v.b.printBody(p) }

// PrintID returns the anchor of a page in the print document.
func (v *view) PrintID(p *content.Page) string { return printAnchor(p, "") }

// PrintSections returns the chapters of the print document.
func (v *view) PrintSections() []PrintSection { return v.b.printSections() }

// Home returns the handover document, or nil.
func (v *view) Home() *content.Page { return v.b.site.PageByID("_index") }
