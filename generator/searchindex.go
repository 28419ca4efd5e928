package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/search"
)

// writeSearch writes the search index: a document per page and per person.
func (b *builder) writeSearch(sink Sink) error {
	docs := make([]search.Document, 0, len(b.site.Pages)+len(b.site.People.Persons))
	for _, p := range b.site.Pages {
		docs = append(docs, b.searchDocument(p))
	}
	docs = append(docs, b.peopleDocuments()...)
	if b.release {
		for _, r := range b.bodies {
			r.Sections = nil // the documents have them, and are let go when the index is made
		}
	}
	return search.Write(docs, search.Options{SiteLanguage: b.site.Config.Language}, sink.Write)
}

// searchDocument describes a page to the search index.
func (b *builder) searchDocument(p *content.Page) search.Document {
	r := b.bodies[p]
	doc := search.Document{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Language: p.Meta.Language,
		Owner: p.Meta.Owner.Name(), Status: p.Meta.Status, Tags: p.Meta.Tags, Summary: r.Summary}
	if p.Meta.Owner.IsZero() {
		doc.Owner = ""
	}
	if p.List {
		doc.Kind = "page"
	}
	v := &view{b: b, Page: p}
	for _, c := range v.Crumbs()[1:] {
		doc.Breadcrumb = append(doc.Breadcrumb, c.Title)
	}
	if p.Kind == content.KindDecision {
		if num, _, ok := strings.Cut(p.Path[strings.LastIndexByte(p.Path, '/')+1:], "-"); ok {
			doc.Keywords = append(doc.Keywords, num, strings.TrimLeft(num, "0"))
		}
	}
	for _, ref := range []content.Ref{p.Meta.Owner, p.Meta.Sponsor} {
		if !ref.IsZero() {
			doc.Keywords = append(doc.Keywords, ref.Name())
		}
	}
	if r.spilled {
		doc.LoadSections = func() []search.Section { return b.searchSections(r) }
		return doc
	}
	doc.Sections = r.Sections
	return doc
}

// peopleDocuments makes people findable by name, function and role.
func (b *builder) peopleDocuments() []search.Document {
	var docs []search.Document
	for _, p := range b.site.People.Persons {
		kw := []string{p.ID, p.Role, p.Email}
		for _, r := range p.Roles {
			kw = append(kw, r.Name)
		}
		docs = append(docs, search.Document{URL: strings.TrimSuffix(personOut(p.ID), "index.html"), Title: p.Name, Kind: "person",
			Breadcrumb: []string{b.theme.label("people")}, Keywords: kw, Summary: strings.Trim(p.Role+" · "+p.Email, " ·")})
	}
	for _, r := range b.site.People.Roles {
		docs = append(docs, search.Document{URL: strings.TrimSuffix(personOut(r.ID), "index.html"), Title: r.Name, Kind: "person",
			Breadcrumb: []string{b.theme.label("people")}, Keywords: []string{r.ID}})
	}
	return docs
}
