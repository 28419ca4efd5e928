package generator

import (
	"html/template"
	"strings"

	"github.com/handover-dev/handover/content"
)

// The helpers below build small, often repeated pieces of HTML in Go
// instead of in a template: html/template calls an escaper through
// reflection for every value it prints, which made long lists of links the
// costliest part of a page. They escape exactly as html/template does, so
// the output is the same as that of the template they replace
// (TestLinksLikeTemplate).

// htmlText escapes s as html/template does for text and quoted attributes.
func htmlText(s string) string { return templateEscaper.Replace(s) }

var templateEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// hrefAttr escapes a relative URL for an href attribute: html/template's
// URL normalisation (percent-encoding what a URL may not hold) followed by
// its attribute escaping.
func hrefAttr(u string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return htmlText(b.String())
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

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
		b.WriteString(hrefAttr(v.Href(p)))
		b.WriteString(`">`)
		b.WriteString(htmlText(p.Title))
		b.WriteString(`</a>`)
		if s := p.Meta.Status; s != "" {
			b.WriteString(` <span class="status status-`)
			b.WriteString(htmlText(s))
			b.WriteString(`">`)
			b.WriteString(htmlText(v.Status(s)))
			b.WriteString(`</span>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}
