package render

import "html"

// A Mermaid diagram (a ```mermaid block) is written as <pre class="mermaid">
// holding its source, which reads as text without JavaScript; the theme's
// copy of the mermaid library draws it in the browser (generator's
// mermaid.go adds the library to the pages that need it).

// IsMermaid reports whether a fenced code block's language is mermaid.
func IsMermaid(lang string) bool { return lang == "mermaid" }

// mermaidHTML returns the element a diagram is written as.
func mermaidHTML(code string) string {
	return `<pre class="mermaid">` + html.EscapeString(code) + "</pre>\n"
}
