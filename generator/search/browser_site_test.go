package search

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// archiveDocs is how many pages mention the archive: more than the search
// page shows in full.
const archiveDocs = 14

// browserDocs is the small site the browser tests search.
func browserDocs() []Document {
	docs := browserBase()
	for i := range archiveDocs {
		// letters, not numbers: other tests search numbers
		c := string(rune('a' + i))
		docs = append(docs, Document{URL: "pages/archief-" + c + "/", Title: "Archiefregel " + strings.ToUpper(c),
			Kind: "page", Breadcrumb: []string{"Archief"}, Sections: []Section{{Text: "Het archief bewaart stukken."}}})
	}
	return docs
}

// browserBase is the core of the browser test site.
func browserBase() []Document {
	return []Document{
		{URL: "", Title: "Overdracht klantenservice", Kind: "page", Sections: []Section{
			{Text: "Het overdrachtsdocument: context, doel en exitplan. Goede service staat voorop."}}},
		{URL: "processes/klachten/", Title: "Klachtenafhandeling", Kind: "process", Owner: "Jan de Vries",
			Status: "approved", Tags: []string{"klanten"}, Breadcrumb: []string{"Processen"},
			Summary: "Hoe we klachten van klanten afhandelen.", Sections: []Section{
				{Text: "Elke klacht wordt binnen twee dagen beantwoord."},
				{Anchor: "escalatie", Heading: "Escalatie", Text: "Bij een escalatie neemt de klantenservice contact op met de teamleider."}}},
		{URL: "instructions/ticket-triage/", Title: "Werkinstructie ticket-triage", Kind: "instruction",
			Owner: "Marieke Bakker", Status: "draft", Tags: []string{"tickets"}, Breadcrumb: []string{"Werkinstructies"},
			Sections: []Section{{Anchor: "stappen", Heading: "Stappen", Text: "De coördinatie van tickets gebeurt dagelijks door het team."}}},
		{URL: "decisions/0005-ticketsysteem/", Title: "Keuze nieuw systeem", Kind: "decision", Status: "accepted",
			Keywords: []string{"0005"}, Breadcrumb: []string{"Besluiten"},
			Sections: []Section{{Text: "Wij kiezen een nieuw systeem voor tickets en meldingen."}}},
		{URL: "pages/policies/", Title: "Security policies", Kind: "page", Language: "en",
			Sections: []Section{{Anchor: "backups", Heading: "Backups", Text: "Running backups are checked every week by the operations team."}}},
		{URL: "meetings/ijsselmeer/", Title: "Overleg Ĳsselmeer", Kind: "meeting", Owner: "Jan de Vries",
			Sections: []Section{{Text: "Maandelijks overleg met de vestiging aan het water."}}},
		{URL: "people/jdevries/", Title: "Jan de Vries", Kind: "person",
			Keywords: []string{"Jan de Vries", "Teamleider klantenservice"},
			Sections: []Section{{Text: "Teamleider klantenservice."}}},
	}
}

// pageHTML is a page that follows the page contract: data-root, the search
// form in the header, search.js and search.css; the search page also has
// #search-facets and #search-results.
func pageHTML(root, title string, searchPage bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="nl" data-root="%s"><head><meta charset="utf-8"><title>%s</title>`,
		root, html.EscapeString(title))
	layout := "page"
	if searchPage {
		layout = "search"
	}
	fmt.Fprintf(&b, `<link rel="stylesheet" href="%sassets/search/search.css"><script src="%sassets/search/search.js" defer></script></head><body class="layout-%s">`, root, root, layout)
	fmt.Fprintf(&b, `<header><form class="search" role="search" action="%ssearch/index.html" method="get">`, root)
	b.WriteString(`<label for="search-input">Zoeken</label><input id="search-input" name="q" type="search" autocomplete="off" placeholder="Zoeken"></form></header><main>`)
	fmt.Fprintf(&b, `<h1>%s</h1>`, html.EscapeString(title))
	if searchPage {
		// as themes/default/templates/layouts/search.html
		b.WriteString(`<form class="search-form" role="search" action="index.html" method="get"><label for="search-page-input">Zoekterm</label>` +
			`<input id="search-page-input" name="q" type="search" autocomplete="off" autofocus><button type="submit">Zoeken</button></form>` +
			`<div class="search-layout"><div id="search-results" aria-live="polite"></div><div id="search-facets"></div></div>`)
	} else {
		b.WriteString(`<h2 id="escalatie">Escalatie</h2><p>Tekst.</p>`)
	}
	b.WriteString(`</main></body></html>`)
	return b.String()
}

// writeBrowserSite writes the index, the assets and one HTML page per
// document into dir.
func writeBrowserSite(t testing.TB, dir string) {
	t.Helper()
	docs := browserDocs()
	files, err := Build(docs, Options{SiteLanguage: "nl", Kinds: map[string]string{"page": "Pagina", "process": "Proces", "instruction": "Werkinstructie", "decision": "Besluit"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		root := strings.Repeat("../", strings.Count(d.URL, "/"))
		files[d.URL+"index.html"] = []byte(pageHTML(root, d.Title, false))
	}
	files["search/index.html"] = []byte(pageHTML("../", "Zoeken", true))
	addSearchAssets(t, files)
	writeSite(t, dir, files)
}

// addSearchAssets adds the theme's search runtime (assets/search/) to files.
func addSearchAssets(t testing.TB, files map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(assetsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(assetsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files["assets/search/"+e.Name()] = b
	}
}
