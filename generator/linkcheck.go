package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
)

// checkLinks reports links to anchors that their target page does not
// have, and records every page's backlinks in the build (b.backlinks),
// never in the content model, which stays as loading made it.
func (b *builder) checkLinks() content.Diagnostics {
	var diags content.Diagnostics
	anchors := map[*content.Page]map[string]bool{}
	back := map[*content.Page][]*content.Page{}
	for _, p := range b.site.Pages {
		diags = append(diags, b.linkDiags(p, anchors)...)
		for _, l := range b.bodies[p].Links {
			if t := l.Target.Page; t != nil && t != p {
				back[t] = append(back[t], p)
			}
		}
	}
	for t, ps := range back {
		back[t] = uniqPages(ps)
	}
	b.backlinks = back
	return diags
}

// linkDiags returns what rendering p's body reported and its links to
// anchors that their target page does not have. anchors caches the
// heading ids of target pages.
func (b *builder) linkDiags(p *content.Page, anchors map[*content.Page]map[string]bool) content.Diagnostics {
	r := b.bodies[p]
	diags := append(content.Diagnostics(nil), r.Diags...)
	for _, l := range r.Links {
		t := l.Target.Page
		if t == nil || l.Target.Anchor == "" || strings.HasPrefix(l.Target.Anchor, "fn:") || strings.HasPrefix(l.Target.Anchor, "fnref") {
			continue
		}
		set := anchors[t]
		if set == nil {
			set = map[string]bool{}
			for _, h := range b.bodies[t].Headings {
				set[h.ID] = true
			}
			anchors[t] = set
		}
		if !set[l.Target.Anchor] {
			diags = append(diags, content.Diag("missing-anchor", l.Pos,
				fmt.Sprintf("%s has no heading #%s%s", t.File, l.Target.Anchor, closest(l.Target.Anchor, set))))
		}
	}
	return diags
}

// maxAnchorTypos is the most edits a suggested anchor may be away from the
// link's: a third of the anchor's length, up to this, so that comparing
// with a long anchor takes time linear in its length.
const maxAnchorTypos = 16

// closest suggests the anchor nearest to a, if any is close.
func closest(a string, set map[string]bool) string {
	best, bestD := "", min(len(a)/3+2, maxAnchorTypos)
	for s := range set {
		if d := content.EditDistanceBelow(a, s, bestD+1); d < bestD || d == bestD && s < best {
			best, bestD = s, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean #%s?)", best)
}

// uniqPages orders pages by path and removes repeats.
func uniqPages(ps []*content.Page) []*content.Page {
	if len(ps) < 2 {
		return ps
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
	out := ps[:1]
	for _, p := range ps[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}
