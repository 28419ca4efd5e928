// Package built holds what the render stage makes of each page and hands
// on: a body as HTML with its headings, search sections, summary, the
// links it makes into the site and their targets, and the diagnostics
// rendering found. The check stage reads a body's links and headings; the
// views and outputs read the rest. A Body is made once per page and
// content (the render cache and the dev server share it between builds
// while the page's inputs are equal); nothing writes into it after, except
// that a one-shot build into files lets go of what the last reader of a
// part has used (generator's release), when no one else holds it.
//
// built may import content, search (for its Section), store (for where a
// spilled body is kept) and the standard library; never generator.
package built

import (
	"crypto/sha256"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/search"
	"github.com/handover-dev/handover/generator/store"
)

// Heading is a heading of a rendered body, for the table of contents and
// the anchor check. A Heading of Level 0 is an anchor written in HTML
// (render/htmlanchor.go): a place links may point to, in no table of
// contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the plain text under one heading, for the search index.
type Section = search.Section

// Target is where a link inside the site goes.
type Target struct {
	Page   *content.Page // nil for a static file or an external URL
	Out    string        // output path relative to the site root ("x/index.html", "img/a.png")
	Anchor string
}

// Link is a link in a body that points into the site, kept to check its
// anchor and to find the backlinks.
type Link struct {
	Pos    content.Pos
	Target Target
}

// Body is a page body turned into HTML, with what the later stages need.
type Body struct {
	HTML     string
	Headings []Heading
	Sections []Section
	Links    []Link
	Summary  string
	Diags    content.Diagnostics
	Print    map[string]string // href in the page → href in the print document
	Diagram  bool              // it has a Mermaid diagram
	Callout  bool              // it has a callout

	// A large build keeps HTML and Sections in its spill file instead of
	// in memory (generator/spill.go): where, and the HTML's hash for the
	// output cache's key.
	Spilled            bool
	HTMLAt, SectionsAt store.Ref
	HTMLSum            [sha256.Size]byte
}

// Relink returns a copy of r whose links point at to(page) instead of
// their pages: the copies in a fork (content.Fork.Page), or none for a
// body kept between builds. What else r holds is shared: nothing writes
// into a Body after it is made.
func (r *Body) Relink(to func(*content.Page) *content.Page) *Body {
	c := *r
	if r.Links != nil {
		c.Links = make([]Link, len(r.Links))
		for i, l := range r.Links {
			if l.Target.Page != nil {
				l.Target.Page = to(l.Target.Page)
			}
			c.Links[i] = l
		}
	}
	return &c
}
