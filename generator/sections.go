package generator

import (
	"cmp"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/theme"
)

// section is a folder of the content tree and its list page.
type section struct {
	Dir   string        // folder under the content root, "" for the root
	Index *content.Page // its _index.md, if any
	Pages []*content.Page
	Subs  []*section
	Kind  content.Kind

	// cache is the render cache of the build, kept by the root section
	// because it is made with the index; nil without --cache.

	// facts are what the index knows of the whole content (the root
	// section's only): every build made from this index, a dev server's
	// patched one too, shares them.
	facts *siteFacts
}

// URL returns the output folder of the section's list page.
func (s *section) URL() string {
	if s.Dir == "" {
		return ""
	}
	return content.URLOf(s.Dir + "/_index.md")
}

// Title returns the title of the list page.
func (s *section) Title(t *theme.Theme) string {
	if s.Index != nil {
		return s.Index.Title
	}
	if s.Dir == "" {
		return t.Label("home")
	}
	if s.Kind != content.KindPage && !strings.Contains(s.Dir, "/") {
		return t.Label("section." + string(s.Kind))
	}
	return theme.HumanTitle(path.Base(s.Dir))
}

// indexSections groups the pages into folders, ordered by weight then title.
func (b *builder) indexSections() {
	b.sections = map[string]*section{}
	get := func(dir string) *section { return b.sectionOf(dir) }
	for _, p := range b.site.Pages {
		dir := path.Dir(p.Path)
		if dir == "." {
			dir = ""
		}
		s := get(dir)
		if p.List {
			s.Index = p
			continue
		}
		s.Pages = append(s.Pages, p)
	}
	for _, s := range b.sections {
		sortPages(s.Pages)
		sort.Slice(s.Subs, func(i, j int) bool { return s.Subs[i].Dir < s.Subs[j].Dir })
	}
	root := b.sectionOf("")
	root.facts = &siteFacts{}
	if b.theme != nil {
		b.hl.SetCalloutLabels(b.theme.Label)
	}
	b.claim()
	b.outputs = b.knownOutputs()
	b.scanHeadings()
	b.cache = newRenderCache(b)
}

// siteFacts are what the index knows of the whole content before any body
// is rendered.
type siteFacts struct {
	claims   *claims           // the output paths of the user's content (outputs.go)
	headings map[string]string // each page's heading ids by path, each followed by NUL (links.go)
	diagrams bool              // a page has a Mermaid diagram (mermaid.go)
	callouts bool              // a page may have a callout (render/callout.go)
}

// facts returns what the index knows of the whole content.
func (b *builder) facts() *siteFacts {
	if root := b.sections[""]; root != nil && root.facts != nil {
		return root.facts
	}
	return &siteFacts{}
}

// dropShadowedStatic removes static files that would overwrite a file the
// build generates, and reports each.
func (b *builder) dropShadowedStatic() content.Diagnostics {
	var diags content.Diagnostics
	kept := b.site.Static[:0]
	for _, f := range b.site.Static {
		// Every other generated output moves out of a static file's way.
		if strings.HasPrefix(f.Out, movedPrefix) {
			diags = append(diags, content.Diag("duplicate-id", content.Pos{File: f.File}, "static file "+f.Out+" is in "+movedPrefix+", the folder of the build's own files; skipped"))
			continue
		}
		kept = append(kept, f)
	}
	b.site.Static = kept
	return diags
}

// sectionOf returns the section of dir, creating it and its parents.
func (b *builder) sectionOf(dir string) *section {
	if s := b.sections[dir]; s != nil {
		return s
	}
	top, _, _ := strings.Cut(dir, "/")
	s := &section{Dir: dir, Kind: content.KindOfFolder(top)}
	b.sections[dir] = s
	if dir != "" {
		parent := path.Dir(dir)
		if parent == "." {
			parent = ""
		}
		ps := b.sectionOf(parent)
		ps.Subs = append(ps.Subs, s)
	}
	return s
}

// forkSections returns a copy of the folders whose pages are their copies
// in f (a dev server's patch, patch.go). What the index knows of the whole
// content (facts) is shared: nothing changes it after the index is made.
func forkSections(secs map[string]*section, f *content.Fork) map[string]*section {
	out := make(map[string]*section, len(secs))
	for dir, s := range secs {
		c := *s
		c.Index, c.Pages = f.Page(s.Index), f.Pages(s.Pages)
		out[dir] = &c
	}
	for _, c := range out {
		if c.Subs != nil {
			subs := make([]*section, len(c.Subs))
			for i, sub := range c.Subs {
				subs[i] = out[sub.Dir]
			}
			c.Subs = subs
		}
	}
	return out
}

// sortPages orders pages by weight, then title, then path.
func sortPages(ps []*content.Page) {
	// The titles are lowered once, not on each of n log n comparisons.
	type keyed struct {
		p     *content.Page
		title string
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i] = keyed{p, strings.ToLower(p.Title)}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		a, b := x.p, y.p
		if a.Meta.Weight != b.Meta.Weight {
			return cmp.Compare(a.Meta.Weight, b.Meta.Weight)
		}
		if a.Kind == content.KindDecision && b.Kind == content.KindDecision {
			return strings.Compare(b.Path, a.Path) // newest decision number first
		}
		if a.Title != b.Title {
			return strings.Compare(x.title, y.title) // titles that differ in case only keep their order
		}
		return strings.Compare(a.Path, b.Path)
	})
	for i := range ks {
		ps[i] = ks[i].p
	}
}

func personOut(id string) string { return "people/" + content.Slug(id) + "/index.html" }
