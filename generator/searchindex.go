package generator

import (
	"slices"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/search"
	vw "github.com/handover-dev/handover/generator/view"
)

// writeSearch writes the search index: a document per page and per person.
func (b *builder) writeSearch(sink Sink) error {
	docs := make([]search.Document, 0, len(b.site.Pages)+len(b.site.People.Persons))
	for _, p := range b.site.Pages {
		docs = append(docs, b.searchDocument(p))
	}
	docs = append(docs, b.sectionDocuments()...)
	docs = append(docs, b.peopleDocuments()...)
	if b.release {
		for _, r := range b.bodies {
			r.Sections = nil // the documents have them, and are let go when the index is made
		}
	}
	return search.Write(docs, search.Options{SiteLanguage: b.site.Config.Language, Synonyms: b.site.Config.Search.Synonyms,
		Kinds: b.searchKinds()}, sink.Write)
}

// searchDocument describes a page to the search index.
func (b *builder) searchDocument(p *content.Page) search.Document {
	r := b.bodies[p]
	doc := search.Document{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Language: p.Meta.Language,
		Owner: p.Meta.Owner.Name(), Status: p.Meta.Status, Tags: p.Meta.Tags, Summary: r.Summary}
	if p.Meta.Owner.IsZero() {
		doc.Owner = ""
	}
	v := &view{b: b, Page: p}
	if p.List {
		doc.Kind = "page"
		doc.Main = true
		doc.AltTitles = b.kindNames(p.Kind)
	} else if l := b.theme.Label("kind." + string(p.Kind)); l != "kind."+string(p.Kind) {
		doc.Keywords = append(doc.Keywords, l) // "Training": what the result says the page is
	}
	for _, c := range v.Crumbs()[1:] {
		doc.Breadcrumb = append(doc.Breadcrumb, c.Title)
	}
	if num := vw.DecisionNumber(p); num != "" {
		doc.Keywords = append(doc.Keywords, num, strings.TrimLeft(num, "0"))
	}
	for _, ref := range []content.Ref{p.Meta.Owner, p.Meta.Sponsor} {
		if !ref.IsZero() {
			doc.Keywords = append(doc.Keywords, ref.Name())
		}
	}
	doc.Facts = b.searchFacts(p, v)
	if r.Spilled {
		doc.LoadSections = func() []search.Section { return b.searchSections(r) }
		return doc
	}
	doc.Sections = r.Sections
	return doc
}

// sectionDocuments describes the list pages of the top-level folders that
// have no _index.md: a folder's main page comes first for its own topic
// ("besluiten", "decisions") also when the build writes it from its pages.
func (b *builder) sectionDocuments() []search.Document {
	var docs []search.Document
	for _, s := range b.sections {
		if s.Index != nil || s.Dir == "" || strings.Contains(s.Dir, "/") || len(s.Pages) == 0 {
			continue
		}
		docs = append(docs, search.Document{URL: s.URL(), Title: s.Title(b.theme), Kind: "page", Main: true,
			AltTitles: b.kindNames(s.Kind)})
	}
	return docs
}

// searchKinds names every page type of the registry, and people's pages,
// in the site language: the search UI shows these.
func (b *builder) searchKinds() map[string]string {
	out := map[string]string{}
	for _, k := range append(slices.Clone(content.Kinds), "person") {
		if s := b.theme.Label("kind." + string(k)); s != "" && s != "kind."+string(k) {
			out[string(k)] = s
		}
	}
	return out
}

// kindPlurals are the labels that name the pages of a kind together, where
// the theme has one besides the folder's title (section.KIND).
var kindPlurals = map[content.Kind]string{
	content.KindDecision: "decisions", content.KindInstruction: "instructions", content.KindKPI: "kpis",
	content.KindMeeting: "meetings", content.KindRisk: "risks", content.KindTraining: "trainings",
}

// kindNames returns the names of kind in the site language (Besluit,
// Besluitenlog, Besluiten): a folder's main page counts them as its title,
// so that the topic finds it first.
func (b *builder) kindNames(k content.Kind) []string {
	if k == "" || k == content.KindPage {
		return nil
	}
	var out []string
	for _, key := range []string{"kind." + string(k), "section." + string(k), kindPlurals[k]} {
		if s := b.theme.Label(key); key != "" && s != key && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// searchFacts returns what a page's front matter says, in words, for the
// index and the result snippets: who owns and sponsors it (by name and
// role), a meeting's chair, participants and agenda, a decision's number,
// date and deciders, a KPI's target, a risk's mitigation, and so on.
func (b *builder) searchFacts(p *content.Page, v *view) []search.Fact {
	m := &p.Meta
	var out []search.Fact
	add := func(key, text string) {
		if text = strings.TrimSpace(text); text != "" {
			out = append(out, search.Fact{Label: b.theme.Label(key), Text: text})
		}
	}
	date := func(d content.Date) string {
		if d.IsZero() {
			return ""
		}
		return v.Date(d) + " (" + d.Format("2006-01-02") + ")"
	}
	add("owner", searchWho(m.Owner))
	if p.List {
		return out
	}
	switch p.Kind {
	case content.KindProcess:
		add("sponsor", searchWho(m.Sponsor))
		add("approved_by", strings.Trim(searchWho(m.ApprovedBy)+", "+date(m.ApprovedOn), ", "))
	case content.KindInstruction:
		if !m.Process.IsZero() {
			add("process", m.Process.Name())
		}
		add("tools", strings.Join(m.Tools, ", "))
	case content.KindDecision:
		if num := vw.DecisionNumber(p); num != "" {
			add("kind.decision", num)
		}
		add("date", date(m.Date))
		add("decided_by", searchWhos(m.DecidedBy))
		if m.Status != "" {
			add("status", b.theme.Label("status."+m.Status))
		}
		add("supersedes", searchWhos(m.Supersedes))
	case content.KindRisk:
		add("mitigation", m.Mitigation)
		add("mitigation_owner", searchWho(m.MitigationOwner))
	case content.KindKPI:
		add("target", strings.TrimSpace(m.Target+" "+m.Unit))
		add("baseline", strings.TrimSpace(m.Baseline+" "+m.Unit))
		add("frequency", b.frequency(m.Frequency))
		add("source", m.Source)
	case content.KindTraining:
		add("date", date(m.Date))
		add("audience", searchWhos(m.Audience))
	case content.KindMeeting:
		add("chair", searchWho(m.Chair))
		add("participants", searchWhos(m.Participants))
		add("agenda", strings.Join(m.Agenda, "; "))
		add("frequency", strings.Trim(b.frequency(m.Frequency)+", "+m.Time, ", "))
	case content.KindGovernance:
		var acts []string
		for _, row := range m.RACI {
			a := row.Activity
			if len(row.A) > 0 {
				a += " (A: " + searchWhos(row.A) + ")"
			}
			acts = append(acts, a)
		}
		add("activity", strings.Join(acts, "; "))
	}
	return out
}

// frequency names a frequency in the site language, or returns it as written.
func (b *builder) frequency(f string) string {
	if f == "" {
		return ""
	}
	if s := b.theme.Label("freq." + f); s != "freq."+f {
		return s
	}
	return f
}

// searchWho names what a reference points at: a person with their role
// ("Samira el Amrani (Teamleider klachtenafhandeling)"), a role or a page
// by its name, else the id as written.
func searchWho(r content.Ref) string {
	if r.IsZero() {
		return ""
	}
	if r.Person != nil && r.Person.Role != "" {
		return r.Person.Name + " (" + r.Person.Role + ")"
	}
	return r.Name()
}

// searchWhos names several references, separated by commas.
func searchWhos(refs []content.Ref) string {
	parts := make([]string, 0, len(refs))
	for _, r := range refs {
		if s := searchWho(r); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// maxOwned is how many of the pages a person owns their search document
// names: enough to find a person by what they own, and a fact a snippet
// can show.
const maxOwned = 12

// peopleDocuments makes people findable by name, function and role, and
// by what they own and chair.
func (b *builder) peopleDocuments() []search.Document {
	owns := map[string][]string{}
	chairs := map[string][]string{}
	for _, p := range b.site.Pages {
		if id := p.Meta.Owner.ID; id != "" && !p.List && len(owns[id]) < maxOwned {
			owns[id] = append(owns[id], p.Title)
		}
		if id := p.Meta.Chair.ID; id != "" && p.Kind == content.KindMeeting && len(chairs[id]) < maxOwned {
			chairs[id] = append(chairs[id], p.Title)
		}
	}
	fact := func(key, text string) search.Fact { return search.Fact{Label: b.theme.Label(key), Text: text} }
	var docs []search.Document
	for _, p := range b.site.People.Persons {
		kw := []string{p.ID, p.Role, p.Email}
		var roles []string
		for _, r := range p.Roles {
			kw = append(kw, r.Name)
			roles = append(roles, r.Name)
		}
		var facts []search.Fact
		for _, f := range []search.Fact{fact("function", p.Role), fact("roles", strings.Join(roles, ", ")),
			fact("owns", strings.Join(owns[p.ID], "; ")), fact("chairs", strings.Join(chairs[p.ID], "; "))} {
			if f.Text != "" {
				facts = append(facts, f)
			}
		}
		// a person is known by their function as much as by their name
		var alt []string
		if p.Role != "" {
			alt = []string{p.Role}
		}
		docs = append(docs, search.Document{URL: strings.TrimSuffix(personOut(p.ID), "index.html"), Title: p.Name, Kind: "person",
			AltTitles: alt, Breadcrumb: []string{b.theme.Label("people")}, Keywords: append(kw, b.theme.Label("person")), Facts: facts,
			Summary: strings.Trim(p.Role+" · "+p.Email, " ·")})
	}
	for _, r := range b.site.People.Roles {
		var facts []search.Fact
		if members := searchWhos(r.Members); members != "" {
			facts = append(facts, fact("members", members))
		}
		if len(owns[r.ID]) > 0 {
			facts = append(facts, fact("owns", strings.Join(owns[r.ID], "; ")))
		}
		docs = append(docs, search.Document{URL: strings.TrimSuffix(personOut(r.ID), "index.html"), Title: r.Name, Kind: "person",
			Breadcrumb: []string{b.theme.Label("people")}, Keywords: []string{r.ID, b.theme.Label("role")}, Facts: facts})
	}
	return docs
}
