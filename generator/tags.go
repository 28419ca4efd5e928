package generator

import (
	"slices"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
)

// Tag pages (issue 19): each page's tags link to tags/SLUG/index.html,
// which lists the pages with that tag, and tags/index.html lists every
// tag. They are site pages of the outputs registry (outputs.go), so the
// full build, the dev server, the output cache and the reserved paths
// know them like the people pages.

// Tag is one tag of the site and the pages that have it.
type Tag struct {
	Name  string // as the first page (by path) writes it
	Slug  string // its folder under tags/
	Pages []*content.Page
}

// tagIndex is the site's tags by slug, made once per build.
type tagIndex struct {
	tags   []*Tag // sorted by name
	bySlug map[string]*Tag
}

type tagKey struct{}

// tagIndex returns the tags of the site's pages. Tags that differ only in
// case or punctuation share a slug and so a page; a tag without a letter
// or digit has no page.
func (b *builder) tagIndex() *tagIndex {
	if x, ok := b.partials.Load(tagKey{}); ok {
		return x.(*tagIndex)
	}
	idx := &tagIndex{bySlug: map[string]*Tag{}}
	pages := append([]*content.Page(nil), b.site.Pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	for _, p := range pages {
		seen := map[string]bool{}
		for _, name := range p.Meta.Tags {
			slug := content.Slug(strings.TrimSpace(name))
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			t := idx.bySlug[slug]
			if t == nil {
				t = &Tag{Name: strings.TrimSpace(name), Slug: slug}
				idx.bySlug[slug] = t
				idx.tags = append(idx.tags, t)
			}
			t.Pages = append(t.Pages, p)
		}
	}
	for _, t := range idx.tags {
		sortPages(t.Pages)
	}
	sort.Slice(idx.tags, func(i, j int) bool {
		a, b := strings.ToLower(idx.tags[i].Name), strings.ToLower(idx.tags[j].Name)
		if a != b {
			return a < b
		}
		return idx.tags[i].Slug < idx.tags[j].Slug
	})
	x, _ := b.partials.LoadOrStore(tagKey{}, idx)
	return x.(*tagIndex)
}

// hasTags reports whether the site has a tag page: whether a page has a
// tag with a letter or digit. Every page's navigation asks, and the first
// tag found answers; the index would sort every tag's pages.
func (b *builder) hasTags() bool {
	if x, ok := b.partials.Load(tagKey{}); ok {
		return len(x.(*tagIndex).tags) > 0
	}
	for _, p := range b.site.Pages {
		for _, name := range p.Meta.Tags {
			if content.Slug(strings.TrimSpace(name)) != "" {
				return true
			}
		}
	}
	return false
}

func tagOut(slug string) string { return "tags/" + slug + "/index.html" }

// tagViews returns the list of tags and a page per tag; none when no page
// has a tag.
func (b *builder) tagViews() []*view {
	idx := b.tagIndex()
	if len(idx.tags) == 0 {
		return nil
	}
	out := []*view{{b: b, Layout: "tags", Title: b.theme.Label("tags"), Dir: "tags/"}}
	for _, t := range idx.tags {
		out = append(out, &view{b: b, Layout: "tag", Title: t.Name, Dir: strings.TrimSuffix(tagOut(t.Slug), "index.html")})
	}
	return out
}

// Tags returns every tag of the site (the tags page).
func (v *view) Tags() []*Tag { return v.b.tagIndex().tags }

// Tag returns the tag of a tag page (by its folder, tags/SLUG/, so that
// the output cache keeps tag pages like any other), or nil.
func (v *view) Tag() *Tag {
	if v.Layout != "tag" {
		return nil
	}
	dir := strings.TrimSuffix(strings.TrimPrefix(v.Dir, movedPrefix), "/")
	return v.b.tagIndex().bySlug[strings.TrimPrefix(dir, "tags/")]
}

// TagHref returns the link to the page of a tag, or "" for a tag without
// one.
func (v *view) TagHref(name string) string {
	slug := content.Slug(strings.TrimSpace(name))
	if slug == "" {
		return ""
	}
	// A tag of the page itself has a page; only another one is looked up
	// in the index, which sorts every tag's pages (a dev server's patch
	// would make it for one page's tags).
	if p := v.Page; p == nil || !slices.Contains(p.Meta.Tags, name) {
		if v.b.tagIndex().bySlug[slug] == nil {
			return ""
		}
	}
	return v.Out(tagOut(slug))
}

// TagsHref returns the link to the list of tags.
func (v *view) TagsHref() string { return v.Out("tags/index.html") }
