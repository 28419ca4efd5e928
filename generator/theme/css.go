package theme

import (
	"regexp"
	"strings"
)

// The reader's colour scheme (issue 19): dark follows the system unless
// the reader chose light, or the reader chose dark with the header's
// switch (app.js sets data-theme on <html>, base.html before the first
// paint). DarkCSS gives rules written for dark mode both scopes.

// cssRule matches a one-line rule of chroma's style sheets: an optional
// comment, the selector and its block.
var cssRule = regexp.MustCompile(`(?m)^((?:/\*[^*]*\*/ )?)([^{}\n]+?)( ?\{[^}\n]*\}?)$`)

// DarkCSS returns rules (one per line, as chroma writes them) for the dark
// scheme: under prefers-color-scheme dark unless the reader chose light,
// and for the reader's choice of dark.
func DarkCSS(rules string) string {
	scope := func(prefix string) string {
		return cssRule.ReplaceAllStringFunc(rules, func(line string) string {
			m := cssRule.FindStringSubmatch(line)
			sels := strings.Split(m[2], ",")
			for i, s := range sels {
				sels[i] = prefix + " " + strings.TrimSpace(s)
			}
			return m[1] + strings.Join(sels, ", ") + m[3]
		})
	}
	return "@media (prefers-color-scheme: dark) {\n" + scope(":root:not([data-theme=light])") + "}\n" + scope(":root[data-theme=dark]")
}
