package generator

import (
	"fmt"
	"html"
	"io/fs"
	"strings"

	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/output"
	"github.com/handover-dev/handover/generator/theme"
)

// Mermaid diagrams (```mermaid blocks) are drawn in the browser by the
// mermaid library, which the theme carries (assets/mermaid/, with its
// licence): nothing is loaded from the internet, and it works from
// file://. A diagram is written as <pre class="mermaid"> holding its
// source, which reads as text without JavaScript; a page with one ends
// with a script element for assets/mermaid/load.js, which loads the
// library (5.5 MB) on that page only. A site without diagrams gets none of
// these files, so its output is what it was before.

// mermaidDir is the theme folder of the library and its loader.
const mermaidDir = "assets/mermaid/"

// mermaidLoader is the loader script, relative to the site root.
const mermaidLoader = mermaidDir + "load.js"

// mermaidScript returns the script element that ends a page with a
// diagram.
func (b *builder) mermaidScript(pageDir string, r *built.Body) string {
	return b.pageAsset(pageDir, r, mermaidLoader, `<script src="%s" defer></script>`+"\n")
}

// hasDiagrams reports whether a page of the site has a diagram: in its
// Markdown, as the index saw it, or in a body rendered since (a dev
// server's patch).
func (b *builder) hasDiagrams() bool {
	if b.facts().diagrams {
		return true
	}
	for _, r := range b.bodies {
		if r != nil && r.Diagram {
			return true
		}
	}
	return false
}

// writeMermaid copies the library, its licence and the loader when a
// page has a diagram.
func (b *builder) writeMermaid(sink Sink) error {
	if !b.hasDiagrams() {
		return nil
	}
	o := b.theme.Files.(theme.Overlay)
	for _, p := range o.List(strings.TrimSuffix(mermaidDir, "/")) {
		data, err := fs.ReadFile(o, p)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if err := sink.Write(p, data); err != nil {
			return err
		}
	}
	return nil
}

// withoutExtras leaves the assets only some pages need (the mermaid
// library, the callout styles) out of the theme's other assets: their own
// steps write them when a page needs them.
func withoutExtras(write func(*builder, Sink) error) func(*builder, Sink) error {
	return func(b *builder, sink Sink) error {
		return write(b, output.Skip{Sink: sink, Prefixes: []string{mermaidDir, calloutCSS}})
	}
}

// pageAsset returns the element that loads an asset a page needs (format
// holds %s for its href), and records the asset's path in the print
// document, which is in another folder.
func (b *builder) pageAsset(pageDir string, r *built.Body, asset, format string) string {
	out := b.out(asset)
	src := relPath(pageDir, out)
	if r.Print == nil {
		r.Print = map[string]string{}
	}
	r.Print[src] = relPath("print/", out)
	return fmt.Sprintf(format, html.EscapeString(src))
}
