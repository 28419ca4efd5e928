package search

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The tests below feed the index and the browser's query code one word of
// a megabyte. Each step that is superlinear in a word's length takes hours
// on it (the compound split looked up every substring: 216 s for 40,000
// letters; the Snowball stemmers copy the word for every letter they
// change), so a step that regresses hangs the test, and finishes() turns
// the hang into a failure.

// megaWord is a word of n bytes of pattern: "ay" makes both Snowball
// stemmers change every other letter.
func megaWord(pattern string, n int) string {
	return strings.Repeat(pattern, n/len(pattern))
}

// finishes runs f and fails the test when f has not returned after a
// minute. It guards against a hang, work superlinear in the input that
// takes hours, not against slowness: linear work takes well under a second.
func finishes(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s has not finished after a minute: it takes time superlinear in the length of a word", what)
	}
}

// TestCutWord checks that words longer than maxWord letters count as their
// first maxWord letters, counted in runes, and that shorter words are kept.
func TestCutWord(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"werkinstructie", "werkinstructie"},
		{strings.Repeat("a", maxWord), strings.Repeat("a", maxWord)},
		{strings.Repeat("a", maxWord+1), strings.Repeat("a", maxWord)},
		{strings.Repeat("ж", 100), strings.Repeat("ж", maxWord)},
		{strings.Repeat("a", maxWord-1) + "жж", strings.Repeat("a", maxWord-1) + "ж"},
	} {
		if got := cutWord(tc.in); got != tc.want {
			t.Errorf("cutWord(%.20q… %d bytes) = %d bytes, want %d", tc.in, len(tc.in), len(got), len(tc.want))
		}
	}
	var ws []string
	finishes(t, "tokenize", func() { ws = tokenize("Kop " + megaWord("Ay", 1<<20) + " staart") })
	if len(ws) != 3 || ws[1] != megaWord("ay", 2*maxWord)[:maxWord] || ws[2] != "staart" {
		t.Errorf("tokenize of a megabyte word gave %d words: %.80q", len(ws), ws)
	}
}

// TestCompoundLongWord checks that the splitter leaves a word of a
// megabyte alone, also when the vocabulary knows its parts, and words of
// more than maxCompound bytes, while it still splits shorter compounds.
func TestCompoundLongWord(t *testing.T) {
	parts := []string{"werkinstructie", "klantenservice", "medewerkers", "ticketsysteem"}
	vocab := map[string]bool{}
	for _, w := range parts {
		vocab[w] = true
	}
	sp := newSplitter(vocab)
	for _, pattern := range []string{"klantenservice", "ay"} {
		var got []string
		finishes(t, "splitting "+pattern, func() { got = sp.parts(megaWord(pattern, 1<<20)) })
		if got != nil {
			t.Errorf("a megabyte of %s split into %d parts", pattern, len(got))
		}
	}
	w := strings.Join(parts, "")
	if got := strings.Join(sp.parts(w), " "); got != strings.Join(parts, " ") {
		t.Errorf("parts(%q) = %q", w, got)
	}
	vocab["klantenservicemedewerkers"] = true
	long := "werkinstructie" + strings.Repeat("klantenservicemedewerkers", 2)
	long += strings.Repeat("e", maxCompound+1-len(long))
	if got := sp.parts(long); got != nil {
		t.Errorf("%q, more than maxCompound bytes, split into %q", long, got)
	}
}

// TestMegabyteWordIndex builds the index of a page whose title, heading and
// body are one word of a megabyte, and checks that the index holds the
// word's first maxWord letters, stemmed, and no longer term.
func TestMegabyteWordIndex(t *testing.T) {
	for _, pattern := range []string{"ay", "ké", "ж"} {
		w := megaWord(pattern, 1<<20)
		docs := []Document{
			{URL: "notes/p/", Title: w, Kind: "page", Summary: w, Tags: []string{w}, Keywords: []string{w},
				Sections: []Section{{Text: w}, {Anchor: "kop", Heading: w, Text: w + " " + w}}},
			{URL: "notes/q/", Title: "Gewone pagina", Kind: "page", Sections: []Section{{Text: "Gewone tekst."}}},
		}
		var files map[string][]byte
		finishes(t, "indexing a megabyte of "+pattern, func() {
			var err error
			if files, err = Build(docs, Options{SiteLanguage: "nl"}); err != nil {
				t.Error(err)
			}
		})
		var m manifest
		loadScript(t, files, "manifest", &m)
		var terms []string
		for i := range strings.Fields(m.Shards) {
			var sh shard
			loadScript(t, files, "t/"+itoa(i), &sh)
			terms = append(terms, sh.Terms...)
		}
		want := newStemmer("nl").stem(cutWord(fold(w)))
		found := false
		for _, term := range terms {
			found = found || term == want
			if n := utf8.RuneCountInString(term); n > maxWord {
				t.Errorf("%s: a term of %d letters", pattern, n)
			}
		}
		if !found {
			t.Errorf("%s: the index lacks the stem %q of the word's first %d letters; terms %q", pattern, want, maxWord, terms)
		}
	}
}

// TestLongQueryInJS runs a query of one word of a megabyte, and one of a
// megabyte of words, through engine.js as the search page does, over an
// index with that word in a page's title and heading: the query must
// finish, count the word's first maxWord letters as Go does, find the page
// and mark the word in its snippet (whose text holds 150 letters of it).
func TestLongQueryInJS(t *testing.T) {
	node := nodePath(t)
	w := megaWord("ay", 1<<20)
	docs := []Document{
		{URL: "notes/p/", Title: w, Kind: "page", Sections: []Section{{Anchor: "kop", Heading: w, Text: "Begin " + w[:150] + " eind."}}},
		{URL: "notes/q/", Title: "Gewone pagina", Kind: "page", Sections: []Section{{Text: "Gewone tekst."}}},
	}
	files, err := Build(docs, Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeSite(t, site, files)
	cut := cutWord(w)
	for _, tc := range []struct {
		name, query string
		words       int
	}{
		{"one word", w, 1},
		{"many words", strings.Repeat(cut+" ", (1<<20)/(len(cut)+1)), 32},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			out := runHarnessWithin(t, node, time.Minute, tc.query, "search", site)
			var got struct {
				Words []struct {
					Word   string   `json:"word"`
					Exact  []string `json:"exact"`
					Prefix string   `json:"prefix"`
				} `json:"words"`
				Hits  []int `json:"hits"`
				Marks []int `json:"marks"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %.200s", err, out)
			}
			if len(got.Words) != tc.words {
				t.Fatalf("the query has %d words, want %d", len(got.Words), tc.words)
			}
			q := got.Words[0]
			// a Dutch site: the query is stemmed in Dutch only (manifest langs)
			wantExact := []string{newStemmer("nl").stem(cut)}
			if q.Word != cut || !sameSet(q.Exact, wantExact) {
				t.Errorf("engine.js reads the word as %.80q with terms %q; Go indexes %.80q as %q", q.Word, q.Exact, cut, wantExact)
			}
			if len(got.Hits) != 1 || len(got.Marks) != 1 || got.Marks[0] == 0 {
				t.Errorf("hits %v with marked words %v, want the one page with the word, marked", got.Hits, got.Marks)
			}
		})
	}
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	a, b = slices.Compact(slices.Sorted(slices.Values(a))), slices.Compact(slices.Sorted(slices.Values(b)))
	return slices.Equal(a, b)
}

// runHarnessWithin is runHarness with stdin of any size, failing the test
// when the harness has not finished within d.
func runHarnessWithin(t *testing.T, node string, d time.Duration, stdin string, mode string, args ...string) string {
	t.Helper()
	abs, err := filepath.Abs(assetsDir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{"testdata/harness.js", mode, abs}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("harness %s has not finished after %v: engine.js takes time superlinear in the length of a word", mode, d)
	}
	if err != nil {
		t.Fatalf("harness %s: %v\n%s", mode, err, stderr.String())
	}
	return string(out)
}
