package generator

import (
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"
)

// TestViewsLanguage renders every page type in both languages (the small
// examples, and testdata/build/views_every_kind.txtar in Dutch and in
// English) and reads the text of every HTML page as a reader sees it (tags
// stripped, with the labels of aria-label, title, alt and placeholder). A
// Dutch site must not say an English weekday, month or duration ("thursday",
// "March", "1h", "45m") nor an English label; an English site no Dutch
// weekday, month or frequency; and no site may show a label key
// ("section.page", "freq.wekelijks").
func TestViewsLanguage(t *testing.T) {
	every, err := txtar.ParseFile(filepath.Join("testdata", "build", "views_every_kind.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	nlKinds := siteFS(every)
	enKinds := siteFS(every)
	enKinds["handover.yaml"] = &fstest.MapFile{Data: bytes.Replace(nlKinds["handover.yaml"].Data, []byte("language: nl"), []byte("language: en"), 1)}
	sites := []struct {
		name, lang string
		fsys       fstest.MapFS
	}{
		{"nl-small", "nl", exampleLangFS(t, "nl-small", "")},
		{"en-small", "en", exampleLangFS(t, "en-small", "")},
		{"every-kind-nl", "nl", nlKinds},
		{"every-kind-en", "en", enKinds},
	}
	keys := labelKeyPattern(t)
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			sink := &MemSink{}
			if _, err := Build(context.Background(), Options{Site: "site", FS: s.fsys, Sink: sink, Now: e2eToday}); err != nil {
				t.Fatalf("Build: %v", err)
			}
			words := foreignWords[s.lang]
			pages := 0
			for _, name := range sortedKeys(sink.Files) {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				text := visibleText(sink.Files[name])
				for _, re := range words {
					if m := re.FindString(text); m != "" {
						t.Errorf("%s: %q on a site in %q: …%s…", name, m, s.lang, around(text, re))
					}
				}
				if m := labelKey(keys, text); m != "" {
					t.Errorf("%s: label key %q in the text: …%s…", name, m, around(text, regexp.MustCompile(regexp.QuoteMeta(m))))
				}
			}
			if pages < 10 {
				t.Fatalf("only %d pages built", pages)
			}
		})
	}
}

// TestViewsLanguageCatches proves the checks can fail: the words and keys
// the issue saw on the Dutch example are found.
func TestViewsLanguageCatches(t *testing.T) {
	keys := labelKeyPattern(t)
	for _, bad := range []string{`<p>maandelijks, thursday 14:00 (1h)</p>`, `<dd>monday 09:30 (45m)</dd>`, `<p>17 March 2026</p>`,
		`<th>Owner</th>`, `<a title="Next review">x</a>`} {
		found := false
		for _, re := range foreignWords["nl"] {
			found = found || re.MatchString(visibleText([]byte(bad)))
		}
		if !found {
			t.Errorf("no English word found in %s", bad)
		}
	}
	for _, bad := range []string{`<h2>section.page</h2>`, `<td>freq.wekelijks</td>`, `<span aria-label="raci.scroll"></span>`, `<span>status.unknown</span>`} {
		if labelKey(keys, visibleText([]byte(bad))) == "" {
			t.Errorf("no label key found in %s", bad)
		}
	}
	if m := labelKey(keys, visibleText([]byte(`<p>Mail jan@voorbeeld.nl of zie people.yaml en https://example.nl/status.html</p>`))); m != "" {
		t.Error("an address or file name taken for a label key")
	}
}

// foreignWords are what a site in one language must not say in the other.
// Months that Dutch and English write alike (april, september, november,
// december) and words Dutch uses too ("Status", and "review", as in the
// theme's own "Volgende review") are left out.
var foreignWords = map[string][]*regexp.Regexp{
	"nl": {
		regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`),
		regexp.MustCompile(`(?i)\b(january|february|march|may|june|july|august|october)\b`),
		regexp.MustCompile(`\b\d+(h|m|min|hr|hrs)\b|\b\d+h\d+m?\b`),
		regexp.MustCompile(`\b(Owner|Owners|Reviewed|Next review|Overdue|Likelihood|Mitigation|Decided by|Completed|Frequency|Schedule|Duration|Every|Weekly|Monthly|Quarterly|Decision log|Risk register|Previous|Next|Search|Close|yes|no)\b`),
	},
	"en": {
		regexp.MustCompile(`(?i)\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b`),
		regexp.MustCompile(`(?i)\b(januari|februari|maart|mei|juni|juli|augustus|oktober)\b`),
		regexp.MustCompile(`(?i)\b(wekelijks|maandelijks|tweewekelijks|elke|uur|minuten|eigenaar|besluit)\b`),
		regexp.MustCompile(`\b\d+(h|m|min)\b|\b\d+h\d+m?\b`),
	},
}

// labelKeyPattern matches a label key of the theme's form: one of the
// prefixes the keys with a dot use (section., freq., status., …) and a
// word; so "section.page" is found, "voorbeeld.nl" and "people.yaml" are not.
func labelKeyPattern(t *testing.T) *regexp.Regexp {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "themes", "default", "i18n", "en.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]string
	if err := yaml.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var prefixes []string
	for k := range labels {
		if p, _, ok := strings.Cut(k, "."); ok && !seen[p] {
			seen[p] = true
			prefixes = append(prefixes, regexp.QuoteMeta(p))
		}
	}
	sort.Strings(prefixes)
	return regexp.MustCompile(`(?:^|[\s(>"'“])(?:` + strings.Join(prefixes, "|") + `)\.([a-z_][a-z_.]*?)(?:$|[\s),.:;<"'”])`)
}

// fileExt are the endings of file and host names, which look like keys
// ("people.yaml", "status.nl").
var fileExt = regexp.MustCompile(`^(yaml|yml|md|html?|nl|com|org|net|pdf|ics|json|csv|txt|js|css|svg|png|jpe?g)$`)

// labelKey returns the first label key in text, leaving out file names.
func labelKey(keys *regexp.Regexp, text string) string {
	for _, m := range keys.FindAllStringSubmatch(text, -1) {
		if !fileExt.MatchString(m[1]) {
			return strings.TrimSpace(m[0])
		}
	}
	return ""
}

var (
	dropElements = regexp.MustCompile(`(?is)<(script|style|template)\b[^>]*>.*?</(script|style|template)>`)
	readAttrs    = regexp.MustCompile(`(?i)\s(?:aria-label|title|alt|placeholder)="([^"]*)"`)
	anyTag       = regexp.MustCompile(`(?s)<[^>]*>`)
	spaces       = regexp.MustCompile(`\s+`)
)

// visibleText returns what a reader reads of a page: its text without the
// tags, scripts and styles, and the labels of its elements.
func visibleText(page []byte) string {
	s := dropElements.ReplaceAllString(string(page), " ")
	var b strings.Builder
	for _, m := range readAttrs.FindAllStringSubmatch(s, -1) {
		b.WriteString(" " + m[1] + " ")
	}
	b.WriteString(anyTag.ReplaceAllString(s, " "))
	return spaces.ReplaceAllString(html.UnescapeString(b.String()), " ")
}

// around returns the text around the first match of re, for the message.
func around(text string, re *regexp.Regexp) string {
	loc := re.FindStringIndex(text)
	if loc == nil {
		return ""
	}
	from, to := max(0, loc[0]-60), min(len(text), loc[1]+60)
	return text[from:to]
}
