package generator

import (
	"fmt"
	"io/fs"

	"github.com/handover-dev/handover/generator/built"
)

// Callouts are rendered by render (render/callout.go); the build links
// their styles from the pages that have one and copies them.

// calloutCSS is the theme's style sheet for callouts: a page with a
// callout links it at the start of its body, and a site without callouts
// has none, so its output is what it was before.
const calloutCSS = "assets/callout.css"

// calloutLink returns the element that loads the callout styles.
func (b *builder) calloutLink(pageDir string, r *built.Body) string {
	return b.pageAsset(pageDir, r, calloutCSS, `<link rel="stylesheet" href="%s">`+"\n")
}

// hasCallouts reports whether a page of the site has a callout: in its
// Markdown, as the index saw it, or in a body rendered since.
func (b *builder) hasCallouts() bool {
	if b.facts().callouts {
		return true
	}
	for _, r := range b.bodies {
		if r != nil && r.Callout {
			return true
		}
	}
	return false
}

// writeCalloutCSS copies the callout styles when a page has a callout.
func (b *builder) writeCalloutCSS(sink Sink) error {
	if !b.hasCallouts() {
		return nil
	}
	data, err := fs.ReadFile(b.theme.Files, calloutCSS)
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	return sink.Write(calloutCSS, data)
}
