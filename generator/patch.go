package generator

import (
	"maps"
	"reflect"
	"slices"

	"github.com/handover-dev/handover/content"
)

// maxPatch is the most files one edit may touch and still be patched into
// the previous build; more (a checkout, a search and replace) build anew.
const maxPatch = 32

// editedBody is one page whose Markdown body changed and nothing else.
type editedBody struct {
	page *content.Page // the page of the previous build
	body []byte        // its new Markdown body
	r    *rendered     // the new body rendered
}

// patch builds the site again after edits that changed only the Markdown
// bodies of existing pages, without loading and checking the whole site:
// the usual save of a work instruction. It re-renders those bodies and
// takes everything else from the previous build, which is correct as long
// as each new body links to the same pages and has the same headings and
// summary, and its front matter, title and load diagnostics are unchanged.
// The home page's body feeds the readiness checks, so it is never patched.
// ok is false when the edit needs a full build.
func (s *Session) patch() (b *builder, res *Result, err error, ok bool) {
	prev := s.prev
	if prev == nil || s.all || len(s.changed) == 0 || len(s.changed) > maxPatch || content.Day(today(s.opts.Now)) != prev.now {
		return nil, nil, nil, false
	}
	b = prev.fork()
	var edits []editedBody
	for _, file := range slices.Sorted(maps.Keys(s.changed)) {
		old := prev.pageByFile(file)
		before, had := s.before[file]
		if old == nil || !had || old.ID == "_index" {
			return nil, nil, nil, false
		}
		np, nd := content.LoadPage(prev.opts.FS, file, prev.site.ContentDir, content.LoadOptions{Cache: s.pages})
		if !content.SameExceptBody(before.page, np) || !reflect.DeepEqual(before.diags, nd) {
			return nil, nil, nil, false
		}
		edited := *old
		edited.Body = np.Body
		r := s.body(b, &edited)
		was := prev.bodies[old]
		if !sameTargets(was.Links, r.Links) || !slices.Equal(was.Headings, r.Headings) || was.Summary != r.Summary {
			return nil, nil, nil, false
		}
		edits = append(edits, editedBody{page: old, body: np.Body, r: r})
	}

	b.bodies = maps.Clone(prev.bodies)
	for _, e := range edits {
		b.bodies[e.page] = e.r
	}
	raw, same := prev.raw, true
	wasAnchors, nowAnchors := map[*content.Page]map[string]bool{}, map[*content.Page]map[string]bool{}
	for _, e := range edits {
		was, now := prev.linkDiags(e.page, wasAnchors), b.linkDiags(e.page, nowAnchors)
		if !reflect.DeepEqual(was, now) {
			raw, same = append(removeDiags(raw, was), now...), false
		}
	}
	for _, e := range edits {
		// Nothing reads a page's Markdown once its body is rendered, so the
		// previous site, which may still be serving, is not disturbed.
		e.page.Body = e.body
	}
	res = &Result{Site: b.site, Diagnostics: prev.diags, Readiness: prev.ready}
	if !same {
		b.raw = raw
		b.diags = b.site.Config.Levels(raw, b.opts.Strict)
		b.diags.Sort()
		b.ready = b.readiness(b.diags)
		res.Diagnostics, res.Readiness = b.diags, b.ready
	}
	if res.Diagnostics.HasErrors() {
		return b, res, ErrContent, true
	}
	return b, res, nil, true
}

// fork returns a builder that shares everything of b but its bodies: the
// start of a patched build.
func (b *builder) fork() *builder {
	c := &builder{opts: b.opts, site: b.site, md: b.md, hl: b.hl, theme: b.theme, now: b.now,
		sections: b.sections, outputs: b.outputs, bodies: b.bodies, backlinks: b.backlinks, git: b.git, ready: b.ready,
		session: b.session, cache: b.cache, raw: b.raw, diags: b.diags, complete: true}
	world, orphans := b.linkWorld(), b.orphans()
	c.worldOnce.Do(func() { c.world = world })
	c.orphanOnce.Do(func() { c.orphanList = orphans })
	return c
}

// pageByFile returns the page read from file, or nil.
func (b *builder) pageByFile(file string) *content.Page {
	for _, p := range b.site.Pages {
		if p.File == file {
			return p
		}
	}
	return nil
}

// sameTargets reports whether two bodies link to the same pages and files
// of the site, in the same order: then backlinks, orphans and what links
// to what are unchanged. Links out of the site do not count.
func sameTargets(a, b []link) bool {
	return slices.EqualFunc(internal(a), internal(b), func(x, y link) bool {
		return x.target.Page == y.target.Page && x.target.Out == y.target.Out
	})
}

func internal(ls []link) []link {
	out := make([]link, 0, len(ls))
	for _, l := range ls {
		if l.target.Page != nil || l.target.Out != "" {
			out = append(out, l)
		}
	}
	return out
}

// removeDiags returns ds without one occurrence of each diagnostic of
// drop.
func removeDiags(ds, drop content.Diagnostics) content.Diagnostics {
	out := slices.Clone(ds)
	for _, d := range drop {
		if i := slices.IndexFunc(out, func(x content.Diagnostic) bool { return reflect.DeepEqual(x, d) }); i >= 0 {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}
