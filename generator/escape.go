package generator

import (
	"html/template"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/render"
)

// The views build small, often repeated pieces of HTML in Go instead of in
// a template (Links below, print.go): html/template calls an escaper
// through reflection for every value it prints, which made long lists of
// links the costliest part of a page. They escape exactly as html/template
// does (render.HTMLText, render.HrefAttr), so the output is the same as
// that of the template they replace (TestLinksLikeTemplate).

// Links renders pages as a list of links, each with its status: what
// pages show for backlinks, a process's instructions and decisions, and
// what a person owns or decides.
func (v *view) Links(ps []*content.Page) template.HTML {
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<ul class="pagelist">`)
	for _, p := range ps {
		b.WriteString(`<li><a href="`)
		b.WriteString(render.HrefAttr(v.Href(p)))
		b.WriteString(`">`)
		b.WriteString(render.HTMLText(p.Title))
		b.WriteString(`</a>`)
		if s := p.Meta.Status; s != "" {
			b.WriteString(` <span class="status status-`)
			b.WriteString(render.HTMLText(s))
			b.WriteString(`">`)
			b.WriteString(render.HTMLText(v.Status(s)))
			b.WriteString(`</span>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}
