package search

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestDateTerms: a date gives the same terms in each written form, a month
// with its year gives the month's term, and numbers that are no date give
// none.
func TestDateTerms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Besloten op 17 maart 2026 door het MT", "20260317 202603"},
		{"2026-03-17", "20260317 202603"},
		{"17-03-2026", "20260317 202603"},
		{"March 17, 2026", "20260317 202603"},
		{"17 March 2026", "20260317 202603"},
		{"op 1 mei 2026 en 2 MEI 2026", "20260501 202605 20260502 202605"},
		{"maart 2027", "202703"},
		{"17 mrt 2026 en 9 sept 2026", "20260317 202603 20260909 202609"},
		{"stap 17 van 2026", ""},
		{"32 maart 2026", "202603"}, // no day 32: "maart 2026" remains
		{"2026-13-01 en 1899-01-01", ""},
		{"12345678 en 2026 3 17", "20260317 202603"},
	} {
		if got := strings.Join(dateTerms(words(fold(tc.in))), " "); got != tc.want {
			t.Errorf("dateTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// the index holds a page's date terms besides its words
	if got := strings.Join(indexWords("Datum: 17 maart 2026 (2026-03-17)"), " "); got != "datum 17 maart 2026 2026 03 17 20260317 202603 20260317 202603" {
		t.Errorf("indexWords = %q", got)
	}
}

// TestDatesAgreeWithJS: engine.js finds the same date terms in a query as
// the index in a page.
func TestDatesAgreeWithJS(t *testing.T) {
	lines := []string{
		"17 maart 2026", "2026-03-17", "17-03-2026", "March 17, 2026", "op 1 mei 2026 en 2 MEI 2026",
		"maart 2027", "17 mrt 2026 en 9 sept 2026", "stap 17 van 2026", "32 maart 2026", "2026-13-01 en 1899-01-01",
		"12345678 en 2026 3 17", "31 december 1999, 1 jan 2000", "oktober 2026 tot november 2026", "may 2026 june",
	}
	got := strings.Split(strings.TrimSuffix(runHarness(t, strings.Join(lines, "\n")+"\n", "dates"), "\n"), "\n")
	for i, l := range lines {
		want := strings.Join(dateTerms(words(fold(l))), " ")
		if i >= len(got) || got[i] != want {
			t.Errorf("%q: engine.js %q, Go %q", l, got[min(i, len(got)-1)], want)
		}
	}
}

// TestStemmersAgreeOnVocabulary stems every word of both word lists with
// each of thirty endings (Dutch and English suffixes the two algorithms
// treat apart) in Go and in snowball.js, and requires the same stems: the
// Snowball algorithms in snowball.js are handover's own code.
func TestStemmersAgreeOnVocabulary(t *testing.T) {
	endings := []string{"", "s", "es", "ies", "ied", "ed", "eed", "edly", "ing", "ingly", "ly", "ness", "ational",
		"ization", "fulli", "ousli", "biliti", "ogi", "ement", "ion", "e", "ll", "y", "heden", "heid", "end", "ig", "lijk", "baar", "ene"}
	var ws []string
	for _, lang := range []string{"nl", "en"} {
		for _, w := range readWords(t, lang) {
			for _, e := range endings {
				ws = append(ws, fold(w)+e)
			}
		}
	}
	ws = append(ws, "generous", "communal", "arsenal", "skies", "dying", "sky", "yay", "ay", "aiia", "yoyo", "maan", "gemen", "heden")
	for _, tc := range []struct{ lang, algo string }{{"nl", "nl"}, {"en", "en"}} {
		got := strings.Split(strings.TrimSuffix(runHarness(t, strings.Join(ws, "\n")+"\n", "snowball", tc.algo), "\n"), "\n")
		if len(got) != len(ws) {
			t.Fatalf("%s: %d stems for %d words", tc.lang, len(got), len(ws))
		}
		st, bad := newStemmer(tc.lang), 0
		for i, w := range ws {
			if want := snowballOnly(st, w); got[i] != want {
				if bad++; bad <= 10 {
					t.Errorf("%s %q: Go %q, snowball.js %q", tc.lang, w, want, got[i])
				}
			}
		}
		t.Logf("%s: %d words stemmed alike", tc.lang, len(ws)-bad)
	}
}

// TestDutchPluralStems: plurals in -ven and -zen meet their singular.
func TestDutchPluralStems(t *testing.T) {
	nl := newStemmer("nl")
	for _, pair := range [][2]string{{"steekproeven", "steekproef"}, {"reizen", "reis"}, {"huizen", "huis"}, {"brieven", "brief"}} {
		if a, b := nl.stem(pair[0]), nl.stem(pair[1]); a != b {
			t.Errorf("%s → %q, %s → %q: want the same stem", pair[0], a, pair[1], b)
		}
	}
	if got := dutchStemEnd("av"); got != "av" {
		t.Errorf("dutchStemEnd(av) = %q: stems of two letters stay", got)
	}
}

// TestTitleFlag: a term in the title (or a part of a compound in it) is
// flagged in its postings, the same term in the text is not.
func TestTitleFlag(t *testing.T) {
	docs := sortDocuments([]Document{
		{URL: "a/", Title: "Klachtafhandeling", Kind: "process", Sections: []Section{{Text: "De afhandeling van een klacht."}}},
		{URL: "b/", Title: "Registratie", Kind: "instruction", Sections: []Section{{Text: "Elke klacht wordt geregistreerd; de afhandeling volgt."}}},
	})
	idx := buildIndex(docs, []string{"nl", "nl"}, tierMinBytes)
	flags := func(term string) []bool {
		i, ok := slices.BinarySearch(idx.terms, term)
		if !ok {
			t.Fatalf("no term %q in %q", term, idx.terms)
		}
		var ds, imps []int
		if strings.HasPrefix(idx.postings[i], string(denseMark)) {
			for d := 1; d < len(idx.postings[i]); d++ {
				if q := int(digitOf[idx.postings[i][d]]); q > 0 {
					ds, imps = append(ds, d-1), append(imps, q)
				}
			}
		} else {
			ds, imps = decodePostings(idx.postings[i])
		}
		out := make([]bool, len(docs))
		for k, d := range ds {
			if imps[k]&maxWeight == 0 {
				t.Errorf("%q: a weight of 0 in %v", term, imps)
			}
			out[d] = imps[k]&titleFlag != 0
		}
		return out
	}
	// documents sort by kind: instruction b, then process a
	if got := flags("klacht"); !slices.Equal(got, []bool{false, true}) {
		t.Errorf("klacht in title (by compound part) of a, text of b: flags %v, want [false true]", got)
	}
	if got := flags("registratie"); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("registratie: flags %v, want [true false]", got)
	}
}

// TestFactsAndManifest: facts are indexed and kept in the fragment, the
// fragment says whether it holds the whole text, and the manifest lists
// the languages, the folded synonyms, the main pages and the start pages.
func TestFactsAndManifest(t *testing.T) {
	long := strings.Repeat("woord ", 200)
	docs := []Document{
		{URL: "", Title: "Overdracht", Kind: "page", Main: true, Sections: []Section{{Text: "Start."}}},
		{URL: "processes/", Title: "Processen", Kind: "page", Main: true, AltTitles: []string{"Proces"}},
		{URL: "processes/a/", Title: "Klachten", Kind: "process", Facts: []Fact{{"Sponsor", "Ruud Smit (Compliance officer)"}},
			Sections: []Section{{Text: "Kort."}}},
		{URL: "processes/sub/", Title: "Sub", Kind: "page", Main: true},
		{URL: "pages/lang/", Title: "Lang", Kind: "page", Language: "en", Sections: []Section{{Text: long}}},
	}
	files, err := Build(docs, Options{SiteLanguage: "nl", Synonyms: [][]string{{"Storing", "Incident"}, {"alleen"}, {"storing", "incident"}, {"de", "het"}}})
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		manifest
		Syn [][]string `json:"syn"`
	}
	loadScript(t, files, "manifest", &m)
	if m.Langs != "nl en" {
		t.Errorf("langs %q, want \"nl en\"", m.Langs)
	}
	if len(m.Syn) != 1 || !slices.Equal(m.Syn[0], []string{"storing", "incident"}) {
		t.Errorf("synonyms %q, want one group [storing incident]: folded, without duplicates, groups of one or stop words", m.Syn)
	}
	if got := decodeVarints(m.Main); len(got) != 3 {
		t.Errorf("main pages %v, want 3", got)
	}
	if len(m.Start) != 2 || m.Start[0] != [2]string{"", "Overdracht"} || m.Start[1] != [2]string{"processes/", "Processen"} {
		t.Errorf("start pages %q, want the top-level main pages (not processes/sub/)", m.Start)
	}
	sorted := sortDocuments(docs)
	for i, d := range sorted {
		var fr fragment
		loadScript(t, files, fragmentPath(i), &fr)
		switch d.URL {
		case "processes/a/":
			if len(fr.Facts) != 1 || fr.Facts[0][0] != "Sponsor" || !fr.Complete {
				t.Errorf("%s: facts %q complete %v", d.URL, fr.Facts, fr.Complete)
			}
		case "pages/lang/":
			if fr.Complete {
				t.Errorf("%s: a cut text is marked complete", d.URL)
			}
		}
	}
	idx := buildIndex(sorted, []string{"nl", "nl", "nl", "nl", "en"}, tierMinBytes)
	nl := newStemmer("nl")
	for _, w := range []string{"compliance", "sponsor", "proces"} {
		if _, ok := slices.BinarySearch(idx.terms, nl.stem(w)); !ok {
			t.Errorf("%q (from a fact or an alternative title) is not indexed", w)
		}
	}
}

// TestDeterministicFeatures: documents with facts, alternative titles and
// main pages, and synonyms, give the same bytes in any order.
func TestDeterministicFeatures(t *testing.T) {
	docs := synthDocs(t, 200)
	for i := range docs {
		docs[i].Facts = []Fact{{"Eigenaar", docs[i].Owner}, {"Datum", "17 maart 2026 (2026-03-17)"}}
		docs[i].Main = i%50 == 0
		if docs[i].Main {
			docs[i].AltTitles = []string{"Overzicht"}
		}
	}
	opts := Options{SiteLanguage: "nl", Synonyms: [][]string{{"storing", "incident", "uitval"}, {"kpi", "kengetal"}}}
	a, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled, opts)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
}
