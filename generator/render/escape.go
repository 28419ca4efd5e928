package render

import "strings"

// The escapers below let generator build small, often repeated pieces of
// HTML in Go instead of in a template (generator's escape.go says why).
// They escape exactly as html/template does, so the output is the same
// as that of the template they replace.

// HTMLText escapes s as html/template does for text and quoted attributes.
func HTMLText(s string) string { return templateEscaper.Replace(s) }

var templateEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// HrefAttr escapes a relative URL for an href attribute: html/template's
// URL normalisation (percent-encoding what a URL may not hold) followed by
// its attribute escaping.
func HrefAttr(u string) string {
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
	return HTMLText(b.String())
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
