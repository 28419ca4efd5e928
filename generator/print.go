package generator

import (
	"html/template"
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
		return "#p-" + res.target.Page.Kind.Spec().Folder // the chapter of the folder's kind
	case res.target.Page != nil:
		return "#" + printAnchor(res.target.Page, res.target.Anchor)
	}
	href := relPath("print/", res.target.Out)
	if res.target.Anchor != "" {
		href += "#" + res.target.Anchor
	}
	return href
}

// printBody returns the body of p rewritten for the print document: links
// to pages become in-document links, and heading and footnote ids get the
// page's prefix so that they stay unique in one document. It scans the
// HTML that goldmark wrote, whose attribute syntax is fixed.
func (b *builder) printBody(p *content.Page) template.HTML {
	r := b.bodies[p]
	prefix := printAnchor(p, "") + "--"
	src := b.html(r)
	release := b.release && !b.theme.ownPrint
	if release {
		r.HTML = "" // the built-in print layout shows each page once; the page's view has its own reference
	}
	var out strings.Builder
	out.Grow(len(src) + len(src)/8)
	for {
		i := strings.IndexByte(src, '=')
		if i < 0 {
			out.WriteString(src)
			break
		}
		name := attrName(src[:i])
		if name == "" || i+1 >= len(src) || src[i+1] != '"' {
			out.WriteString(src[:i+1])
			src = src[i+1:]
			continue
		}
		end := strings.IndexByte(src[i+2:], '"')
		if end < 0 {
			out.WriteString(src)
			break
		}
		val := src[i+2 : i+2+end]
		out.WriteString(src[:i+2])
		out.WriteString(b.printAttr(r, name, val, prefix, src[:i]))
		out.WriteByte('"')
		src = src[i+3+end:]
	}
	if release {
		r.print = nil
	}
	return template.HTML(out.String())
}

// attrName returns the attribute name that ends before, if it is one the
// print document rewrites.
func attrName(before string) string {
	for _, n := range []string{" href", " src", " id"} {
		if strings.HasSuffix(before, n) {
			return n[1:]
		}
	}
	return ""
}

// printAttr returns the rewritten value of one attribute.
func (b *builder) printAttr(r *rendered, name, val, prefix, before string) string {
	switch name {
	case "href", "src":
		if to, ok := r.print[unescapeAttr(val)]; ok {
			return template.HTMLEscapeString(to)
		}
		if strings.HasPrefix(val, "#fn") {
			return "#" + prefix + val[1:]
		}
	case "id":
		if isHeadingTag(before) || strings.HasPrefix(val, "fn") {
			return prefix + val
		}
	}
	return val
}

// isHeadingTag reports whether before ends inside an <hN tag.
func isHeadingTag(before string) bool {
	i := strings.LastIndexByte(before, '<')
	return i >= 0 && len(before) >= i+3 && before[i+1] == 'h' && before[i+2] >= '1' && before[i+2] <= '6'
}

// attrUnescaper undoes the escaping goldmark applies to attribute values;
// a Replacer is safe for concurrent use and costly to build, so there is one.
var attrUnescaper = strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">")

func unescapeAttr(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return attrUnescaper.Replace(s)
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
		out = append(out, PrintSection{ID: "p-" + k.Spec().Folder, Title: b.theme.label("section." + string(k)), Pages: ps})
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
