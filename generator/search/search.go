// Package search builds the site's full-text search index: a small manifest,
// term shards holding ranked postings, one fragment per page with the text
// that results show, and facet data; all as plain scripts, so that the
// browser side (themes/default/assets/search) loads them with <script> tags
// and search works from file:// as well as over http.
//
// search imports only the standard library and its stemmer; the generator
// gives it the documents, and package built names its Section.
package search

import (
	"cmp"
	"slices"
)

// Section is one heading section of a page; search indexes and links to
// sections, mdBook style.
type Section struct {
	Anchor  string // the heading's id; "" is the top of the page
	Heading string
	Text    string // plain text of the section, without markup
}

// Document is one page as search sees it.
type Document struct {
	URL        string   // page URL relative to the site root, e.g. "processes/klachten/"; home is ""
	Title      string   // page title
	Kind       string   // page type: process, instruction, decision, governance, risk, kpi, training, meeting, page, person
	Language   string   // "nl" or "en"; "" means the site language
	Breadcrumb []string // titles of the ancestors, outermost first
	Owner      string   // display name of the owner, "" if none
	Status     string   // status from front matter, "" if none
	Tags       []string // tags from front matter
	Keywords   []string // extra findable words: person names and roles, decision number like "0005"
	Summary    string   // one-line description shown when no section matches better
	Sections   []Section

	// Facts are what the page's front matter says in words: owner and
	// sponsor with their roles, a meeting's chair, participants and agenda,
	// a decision's number and date, a KPI's target, a risk's mitigation.
	// They are found like the text, and a result shows those that match.
	Facts []Fact
	// AltTitles are other names of the page that count as its title: a
	// folder's main page is also called by the name of its kind
	// ("Besluiten" for the decision log).
	AltTitles []string
	// Main marks a folder's main page (its _index.md), which comes first
	// for its own topic.
	Main bool

	// LoadSections, when set, is called for the sections instead of
	// reading Sections, each time they are needed (twice: for the index
	// and for the result fragment): a large site keeps them on disk
	// rather than in memory.
	LoadSections func() []Section
}

// sections returns the sections of d.
func (d *Document) sections() []Section {
	if d.LoadSections != nil {
		return d.LoadSections()
	}
	return d.Sections
}

// Fact is one labelled fact of a page: {"Voorzitter", "Thomas Mulder (Productowner AI in klantcontact)"}.
type Fact struct {
	Label, Text string
}

// Options configures Build.
type Options struct {
	SiteLanguage string // "nl" or "en": the language of documents without one
	// Synonyms are groups of words (or of a few words each) that a query
	// treats as the same: handover.yaml's search.synonyms.
	Synonyms [][]string
	// Kinds names each page type (Document.Kind) in the site language, for
	// the results and the type facet: the theme's labels, so that a new
	// page type needs no change to the search UI.
	Kinds map[string]string
}

// Build returns the index files keyed by slash path relative to the site
// root, all under "search/". The same documents give the same bytes, in
// whatever order they come.
func Build(docs []Document, opts Options) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := Write(docs, opts, func(name string, data []byte) error {
		files[name] = data
		return nil
	})
	return files, err
}

// Write is Build handing each file to write as soon as it is made, so
// that the index of a large site is never in memory whole. write is
// called from one goroutine at a time and may keep data.
func Write(docs []Document, opts Options, write func(name string, data []byte) error) error {
	site := opts.SiteLanguage
	if site != "en" {
		site = "nl"
	}
	sorted := sortDocuments(docs)
	langs := make([]string, len(sorted))
	for i, d := range sorted {
		langs[i] = languageOf(d, site)
	}
	idx := buildIndex(sorted, langs, tierMinBytes)
	return writeFiles(&fileWriter{write: write, sums: map[string]uint64{}}, sorted, langs, idx, site, opts)
}

// languageOf returns the stemming language of d.
func languageOf(d *Document, site string) string {
	switch d.Language {
	case "nl", "en":
		return d.Language
	}
	return site
}

// sortDocuments orders documents by kind, owner, status and URL, so that
// each facet combination is one run of consecutive document numbers (see
// facets.go), and so that the output does not depend on the input order.
func sortDocuments(docs []Document) []*Document {
	out := make([]*Document, len(docs))
	for i := range docs {
		out[i] = &docs[i]
	}
	slices.SortStableFunc(out, func(a, b *Document) int {
		return cmp.Or(
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Owner, b.Owner),
			cmp.Compare(a.Status, b.Status),
			cmp.Compare(a.URL, b.URL),
			cmp.Compare(a.Title, b.Title),
		)
	})
	return out
}
