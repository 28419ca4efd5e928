package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// engineDocs is a small Dutch site for the engine tests: a process, its
// instruction and owner, a decision with a date, a folder's main page, and
// pages for synonyms, phrases, facts and short words.
func engineDocs() []Document {
	return []Document{
		{URL: "processes/klachtenafhandeling/", Title: "Klachtenafhandeling", Kind: "process", Owner: "Samira el Amrani",
			Facts:    []Fact{{"Eigenaar", "Samira el Amrani (Teamleider klachten)"}},
			Sections: []Section{{Text: "Elke klacht wordt binnen vijf werkdagen bevestigd. Stap 1: de klantenservice registreert de klacht; dan volgt de afhandeling."}}},
		{URL: "instructions/klacht-registreren/", Title: "Klacht registreren", Kind: "instruction",
			Sections: []Section{{Text: "Registreer de klacht in het systeem. Medewerkers klantenservice doen dit dagelijks."}}},
		{URL: "people/selamrani/", Title: "Samira el Amrani", AltTitles: []string{"Teamleider klachten"}, Kind: "person",
			Keywords: []string{"Teamleider klachten"}, Sections: []Section{{Text: "Teamleider klachten; behandelt elke klacht die escaleert."}}},
		{URL: "decisions/0003-geen-ai/", Title: "Geen AI bij het beoordelen", Kind: "decision", Keywords: []string{"0003", "3"},
			Facts:    []Fact{{"Besluit", "0003"}, {"Datum", "17 maart 2026 (2026-03-17)"}},
			Sections: []Section{{Text: "Een klacht beoordeelt altijd een mens."}}},
		{URL: "kpis/", Title: "KPI's", AltTitles: []string{"KPI", "KPI's"}, Kind: "page", Main: true,
			Sections: []Section{{Text: "De kengetallen van de klantenservice."}}},
		{URL: "kpis/doorlooptijd/", Title: "Doorlooptijd e-mail", Kind: "kpi", Keywords: []string{"KPI"},
			Facts:    []Fact{{"Doel", "<= 8 werkuren"}},
			Sections: []Section{{Text: "De doorlooptijd in werkuren; de KPI wordt wekelijks gemeten."}}},
		{URL: "risks/uitval/", Title: "Uitval van de leverancier", Kind: "risk",
			Facts:    []Fact{{"Maatregel", "Terugval naar menselijke wachtrijen"}},
			Sections: []Section{{Text: "De leverancier kan uitvallen; stap 1 is de terugval."}}},
		{URL: "instructions/incident-melden/", Title: "Incident melden", Kind: "instruction",
			Sections: []Section{{Text: "Meld elk incident direct in ServiceNow."}}},
		{URL: "meetings/weekstart/", Title: "Weekstart", Kind: "meeting",
			Facts:    []Fact{{"Eigenaar", "Jan de Vries (Teamleider)"}, {"Voorzitter", "Jan de Vries (Teamleider)"}, {"Agenda", "Cijfers; Bezetting"}},
			Sections: []Section{{Text: "Het wekelijkse overleg van de teamleiders."}}},
		{URL: "pages/lezer/", Title: "Controle", Kind: "page", Sections: []Section{{Text: "De tweede lezer controleert elk document."}}},
		{URL: "pages/lezer-los/", Title: "Andere controle", Kind: "page", Sections: []Section{{Text: "Een lezer kijkt; daarna een tweede keer."}}},
		{URL: "people/mt/", Title: "Managementteam", Kind: "person", Keywords: []string{"mt"}},
	}
}

// engineResult is one query's answer from the harness's run mode.
type engineResult struct {
	Q          string   `json:"q"`
	URLs       []string `json:"urls"`
	Full       int      `json:"full"`
	Complete   bool     `json:"complete"`
	Short      bool     `json:"short"`
	Suggestion string   `json:"suggestion"`
	Facts      []string `json:"facts"`
	Snippet    string   `json:"snippet"`
}

// runEngine builds docs and runs the queries in one engine, in order.
func runEngine(t *testing.T, docs []Document, opts Options, queries ...string) map[string]engineResult {
	t.Helper()
	nodePath(t)
	files, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeSite(t, site, files)
	in, _ := json.Marshal(queries)
	var out []engineResult
	if err := json.Unmarshal([]byte(runHarness(t, string(in), "run", site)), &out); err != nil {
		t.Fatal(err)
	}
	m := map[string]engineResult{}
	for _, r := range out {
		m[r.Q] = r
	}
	return m
}

func first(r engineResult) string {
	if len(r.URLs) == 0 {
		return ""
	}
	return r.URLs[0]
}

var engineSynonyms = Options{SiteLanguage: "nl", Synonyms: [][]string{{"storing", "incident", "uitval"}, {"Kengetal", "prestatie indicator"}}}

// TestEngineTypos: a word the site does not have finds the pages of the
// nearest word, says "did you mean" with the site's spelling, and a word
// being typed keeps its results ("klachtenafhandelin" is no typo).
func TestEngineTypos(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms,
		"klachtenafhandleing", "klachtenafhandelin", "klachtenaf", "klacht registeren", "klacht", "voorziter")
	for _, q := range []string{"klachtenafhandleing", "klachtenafhandelin", "klachtenaf"} {
		if first(r[q]) != "processes/klachtenafhandeling/" {
			t.Errorf("%q: first %q, want processes/klachtenafhandeling/ (%v)", q, first(r[q]), r[q].URLs)
		}
	}
	if got := r["klachtenafhandleing"].Suggestion; got != "klachtenafhandeling" {
		t.Errorf("klachtenafhandleing: suggestion %q, want klachtenafhandeling", got)
	}
	if got := r["klacht registeren"]; first(got) != "instructions/klacht-registreren/" || got.Suggestion != "klacht registreren" {
		t.Errorf("klacht registeren: first %q, suggestion %q; want the instruction and \"klacht registreren\"", first(got), got.Suggestion)
	}
	for _, q := range []string{"klachtenafhandelin", "klacht"} {
		if r[q].Suggestion != "" {
			t.Errorf("%q: suggestion %q for a word the site has (or is typing)", q, r[q].Suggestion)
		}
	}
	if r["voorziter"].Suggestion != "voorzitter" || first(r["voorziter"]) != "meetings/weekstart/" {
		t.Errorf("voorziter: %+v, want the meeting whose chair is named, and \"voorzitter\"", r["voorziter"])
	}
}

// TestEngineRanking: a title match ranks above body matches, a process
// above a person page for a topic, a folder's main page first for its own
// topic, and the person first for their name.
func TestEngineRanking(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms, "klacht", "klachten", "kpi", "samira el amrani", "teamleider klachten")
	for _, q := range []string{"klacht", "klachten"} {
		got := r[q].URLs
		if len(got) < 3 || got[0] != "processes/klachtenafhandeling/" || got[1] != "instructions/klacht-registreren/" {
			t.Errorf("%q: %v, want the process, then the instruction (titles) before the others", q, got)
		}
		if i := slices.Index(got, "people/selamrani/"); i >= 0 && i < 2 {
			t.Errorf("%q: the person page ranks %d, above a process or instruction", q, i+1)
		}
	}
	if first(r["kpi"]) != "kpis/" {
		t.Errorf("kpi: %v, want the folder's main page first", r["kpi"].URLs)
	}
	if first(r["samira el amrani"]) != "people/selamrani/" {
		t.Errorf("samira el amrani: %v, want the person first", r["samira el amrani"].URLs)
	}
	if i := slices.Index(r["teamleider klachten"].URLs, "people/selamrani/"); i < 0 || i > 1 {
		t.Errorf("teamleider klachten: %v, want the person among the first two (their function is their title)", r["teamleider klachten"].URLs)
	}
}

// TestEngineSoftMatching: pages with most of the words follow those with
// all of them, counted apart; when none has all, the best partial matches
// are the results, marked incomplete; "alert(1)" in markup does not find
// every page with a 1.
func TestEngineSoftMatching(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms, "klacht registreren", "klacht registreren xyzzy",
		"<script>alert(1)</script>", "stap 1")
	got := r["klacht registreren"]
	if got.Full < 1 || got.URLs[0] != "instructions/klacht-registreren/" || len(got.URLs) <= got.Full || !got.Complete {
		t.Errorf("klacht registreren: %d with all words of %v, want the instruction first and pages with one word after", got.Full, got.URLs)
	}
	for _, u := range got.URLs[got.Full:] {
		if u == "instructions/klacht-registreren/" {
			t.Errorf("klacht registreren: the page with both words is also among the partial matches")
		}
	}
	got = r["klacht registreren xyzzy"]
	if got.Full != 0 || got.Complete || len(got.URLs) == 0 || got.URLs[0] != "instructions/klacht-registreren/" {
		t.Errorf("klacht registreren xyzzy: full %d, complete %v, %v; want the pages with most words, marked incomplete", got.Full, got.Complete, got.URLs)
	}
	if n := len(r["<script>alert(1)</script>"].URLs); n != 0 {
		t.Errorf("<script>alert(1)</script>: %d hits %v, want none", n, r["<script>alert(1)</script>"].URLs)
	}
	if got := r["stap 1"]; got.Full != 2 {
		t.Errorf("stap 1: %d pages with both words %v, want the 2 that say \"stap 1\"", got.Full, got.URLs)
	}
}

// TestEngineCompoundsSynonymsDates: a compound of the query is found as its
// parts, a site synonym (also one of two words) finds the pages of the
// others, and a date in either written form finds the page with that date.
func TestEngineCompoundsSynonymsDates(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms, "klantenservicemedewerker", "storing", "storing melden",
		"kengetal", "17 maart 2026", "2026-03-17", "besluit 17-03-2026", "maart 2026", "0003", "3")
	if first(r["klantenservicemedewerker"]) != "instructions/klacht-registreren/" {
		t.Errorf("klantenservicemedewerker: %v, want the page with \"medewerkers klantenservice\"", r["klantenservicemedewerker"].URLs)
	}
	for _, want := range []string{"risks/uitval/", "instructions/incident-melden/"} {
		if !slices.Contains(r["storing"].URLs, want) {
			t.Errorf("storing: %v, want %s through the synonyms", r["storing"].URLs, want)
		}
	}
	if first(r["storing melden"]) != "instructions/incident-melden/" || r["storing melden"].Full != 1 {
		t.Errorf("storing melden: %v (%d with both), want Incident melden alone", r["storing melden"].URLs, r["storing melden"].Full)
	}
	if !slices.Contains(r["kengetal"].URLs, "kpis/") {
		t.Errorf("kengetal: %v, want the KPI page (\"kengetallen\")", r["kengetal"].URLs)
	}
	for _, q := range []string{"17 maart 2026", "2026-03-17", "besluit 17-03-2026", "maart 2026", "0003", "3"} {
		if first(r[q]) != "decisions/0003-geen-ai/" {
			t.Errorf("%q: %v, want the decision of that date or number first", q, r[q].URLs)
		}
	}
	if f := r["2026-03-17"].Facts; len(f) == 0 || !strings.Contains(f[0], "[17] [maart] [2026]") {
		t.Errorf("2026-03-17: facts %q, want the date marked in the snippet", f)
	}
}

// TestEnginePhrases: a quoted phrase matches its words in a row only; a
// page with the words apart drops among the partial matches.
func TestEnginePhrases(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms, `"tweede lezer"`, `tweede lezer`, `“tweede lezer”`)
	for _, q := range []string{`"tweede lezer"`, `“tweede lezer”`} {
		if got := r[q]; got.Full != 1 || first(got) != "pages/lezer/" {
			t.Errorf("%s: %d full %v, want only the page with the phrase", q, got.Full, got.URLs)
		}
	}
	if got := r["tweede lezer"]; got.Full != 2 {
		t.Errorf("tweede lezer (no quotes): %d full %v, want both pages", got.Full, got.URLs)
	}
}

// TestEngineShortAndFacts: one or two letters search only a whole word the
// site has (MT) and otherwise report short, not "no results"; a fact that
// matches shows in the snippet.
func TestEngineShortAndFacts(t *testing.T) {
	r := runEngine(t, engineDocs(), engineSynonyms, "mt", "kl", "x", "voorzitter weekstart", "voorzitter weekstart vries", "terugval")
	if first(r["mt"]) != "people/mt/" || r["mt"].Short {
		t.Errorf("mt: %+v, want the management team", r["mt"])
	}
	for _, q := range []string{"kl", "x"} {
		if !r[q].Short || len(r[q].URLs) != 0 {
			t.Errorf("%q: %+v, want no hits and short", q, r[q])
		}
	}
	if got := r["voorzitter weekstart"]; first(got) != "meetings/weekstart/" || len(got.Facts) == 0 || got.Facts[0] != "Voorzitter: Jan de Vries (Teamleider)" {
		t.Errorf("voorzitter weekstart: %+v, want the meeting with its chair shown", got)
	}
	// the fact whose label matches comes first, though the owner (listed
	// first) matches too
	if got := r["voorzitter weekstart vries"]; len(got.Facts) != 2 || !strings.HasPrefix(got.Facts[0], "Voorzitter: Jan de [Vries]") {
		t.Errorf("voorzitter weekstart vries: facts %q, want the chair first, then the owner", got.Facts)
	}
	if got := r["terugval"]; first(got) != "risks/uitval/" || len(got.Facts) == 0 || !strings.Contains(got.Facts[0], "[Terugval]") {
		t.Errorf("terugval: %+v, want the risk with its mitigation, marked", got)
	}
}

// TestEngineIndependentQueries: a query answers the same after other
// queries (which loaded other shards) as in a fresh engine.
func TestEngineIndependentQueries(t *testing.T) {
	docs := synthDocs(t, 400)
	alone := runEngine(t, docs, Options{SiteLanguage: "nl"}, "organisatei")
	after := runEngine(t, docs, Options{SiteLanguage: "nl"}, "aandacht", "verbetering", "zorgen", "organisatie", "organisatei")
	if !slices.Equal(alone["organisatei"].URLs, after["organisatei"].URLs) || len(alone["organisatei"].URLs) == 0 {
		t.Errorf("organisatei: %d hits alone, %d after other queries; want the same, and some", len(alone["organisatei"].URLs), len(after["organisatei"].URLs))
	}
}

// TestEngineRareMisspelling: a word the site misspells on one page does
// not hide the many pages of the word meant: the page with the misspelling
// comes first, the others follow, and the search offers the right word.
func TestEngineRareMisspelling(t *testing.T) {
	docs := []Document{{URL: "pages/typo/", Title: "Verslag", Kind: "page", Sections: []Section{{Text: "De organisatei van het werk."}}}}
	for i := range 40 {
		docs = append(docs, Document{URL: "pages/p" + itoa(i) + "/", Title: "Pagina " + itoa(i), Kind: "page",
			Sections: []Section{{Text: "De organisatie van het werk, deel " + itoa(i) + "."}}})
	}
	r := runEngine(t, docs, Options{SiteLanguage: "nl"}, "organisatei")["organisatei"]
	if first(r) != "pages/typo/" || r.Full != 41 || r.Suggestion != "organisatie" {
		t.Errorf("organisatei: first %q, %d pages, suggestion %q; want the misspelt page first, all 41, and \"organisatie\"", first(r), r.Full, r.Suggestion)
	}
}
