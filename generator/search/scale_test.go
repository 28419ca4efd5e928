package search

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"slices"
	"strings"
	"testing"
)

// TestTieredPostings round-trips tiered postings: the same documents, the
// top impacts kept, the others at the rest impact.
func TestTieredPostings(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var b strings.Builder
	var ids, imps []int
	prev := 0
	for d := 0; d < 50000; d++ {
		if rng.IntN(3) == 0 {
			continue
		}
		q := 1 + rng.IntN(maxImpact)
		appendVarint(&b, d-prev)
		appendDigit(&b, q)
		ids, imps, prev = append(ids, d), append(imps, q), d
	}
	tiered := tieredForm(b.String(), 50000)
	if len(tiered) >= len(b.String())/3 {
		t.Errorf("tiered form %d bytes, sparse %d: not much smaller", len(tiered), b.Len())
	}
	docs, got := decodeTiered(tiered)
	if !slices.Equal(docs, ids) {
		t.Fatalf("tiered form lost or added documents: %d, want %d", len(docs), len(ids))
	}
	kept := 0
	for i := range got {
		if got[i] == imps[i] {
			kept++
		}
	}
	if kept < tierTop {
		t.Errorf("%d impacts kept exactly, want at least the top %d", kept, tierTop)
	}
	out := runHarness(t, tiered+"\n", "decode")
	if want := fmt.Sprint(docs, got) + "\n"; out != want {
		t.Errorf("engine.js decodes tiered postings differently from Go:\n JS %.200s\n Go %.200s", out, want)
	}
}

// scaleDocs makes n short Dutch pages (a title and one section of 30-60
// words from the same Zipf vocabulary as synthDocs), so that 100,000 of them
// build in seconds, with words as common as in real text.
func scaleDocs(t testing.TB, n int) []Document {
	rng := rand.New(rand.NewPCG(2, uint64(n)))
	text := zipfText(t, rng)
	kinds := []string{"process", "instruction", "decision", "risk", "kpi", "page"}
	docs := make([]Document, n)
	for i := range docs {
		kind := kinds[rng.IntN(len(kinds))]
		docs[i] = Document{
			URL: fmt.Sprintf("%ss/p%06d/", kind, i), Title: text(2 + rng.IntN(3)), Kind: kind,
			Owner: fmt.Sprintf("Persoon %03d", rng.IntN(500)), Keywords: []string{fmt.Sprintf("k%06d", i)},
			Tags:     []string{fmt.Sprintf("tag%02d", rng.IntN(30))},
			Sections: []Section{{Text: text(30 + rng.IntN(31))}},
		}
	}
	return docs
}

// TestScale100k builds 100,000 pages and runs first queries in node: the
// search page's first two-word query stays within 150 KB, including for
// the most common words, whose postings are tiered, and every query finds
// exactly the pages that an untiered index finds.
func TestScale100k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 documents")
	}
	nodePath(t)
	const n, budget = 100000, 150 * 1024
	docs := scaleDocs(t, n)
	files, err := Build(docs, Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	// one file rather than 100,000: the harness reads the index from it
	site := filepath.Join(t.TempDir(), "site.json")
	packed := make(map[string]string, len(files))
	for p, b := range files {
		packed[p] = string(b)
	}
	data, err := json.Marshal(packed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(site, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var common []string
	for _, w := range readWords(t, "nl") {
		if !stopWords[w] && len(w) > 3 {
			common = append(common, w)
		}
	}
	// a trailing stop word turns off prefix matching, so the expected pages
	// are those with every word
	queries := []string{
		common[0] + " " + common[1] + " de",
		common[2] + " " + common[40] + " de",
		common[3] + " " + common[300] + " de",
		common[500] + " " + common[700] + " de",
		"k004711",
		common[0] + " " + common[2][:4],
	}
	t.Setenv("HARNESS_IDS", "1")
	var reps []struct {
		queryReport
		IDs []int `json:"ids"`
	}
	out := runHarness(t, "", append([]string{"query", site, "page"}, queries...)...)
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	sorted := sortDocuments(docs)
	langs := make([]string, len(sorted))
	for i := range langs {
		langs[i] = "nl"
	}
	exact := buildIndex(sorted, langs, math.MaxInt)
	tiered := 0
	for _, sh := range files {
		tiered += strings.Count(string(sh), `"!`)
	}
	t.Logf("%d pages: %d tiered postings, manifest %d bytes", n, tiered, len(files["search/manifest.js"]))
	if tiered == 0 {
		t.Error("no postings were tiered at 100,000 pages")
	}
	for i, r := range reps {
		t.Logf("%-28q hits %6d files %2d bytes %6d query %.2f ms", r.Query, r.Hits, r.Files, r.Bytes, r.MS)
		if r.Bytes > budget {
			t.Errorf("%q: first query loads %d bytes, budget %d", r.Query, r.Bytes, budget)
		}
		if i == len(queries)-1 { // prefix query: bytes only
			continue
		}
		want := expectedHits(exact, queries[i])
		got := slices.Sorted(slices.Values(r.IDs))
		if !slices.Equal(got, want) {
			t.Errorf("%q: %d hits, an untiered index has %d", r.Query, len(got), len(want))
		}
		if len(want) == 0 {
			t.Errorf("%q: no hits; the query should match", r.Query)
		}
	}
	if len(reps) > 4 && (len(reps[4].IDs) != 1 || !strings.HasSuffix(sorted[reps[4].IDs[0]].URL, "p004711/")) {
		t.Errorf("k004711: hits %v, want the one page with that keyword", reps[4].IDs)
	}
}

// expectedHits returns the documents that have every word of q (both
// stems, no prefix), from untiered postings.
func expectedHits(idx *index, q string) []int {
	nl, en := newStemmer("nl"), newStemmer("en")
	var out []int
	for k, w := range tokenize(q) {
		set := map[int]bool{}
		for _, term := range []string{nl.stem(w), en.stem(w)} {
			if i, ok := slices.BinarySearch(idx.terms, term); ok {
				var ds []int
				if strings.HasPrefix(idx.postings[i], string(denseMark)) {
					ds = denseDocs(idx.postings[i])
				} else {
					ds, _ = decodePostings(idx.postings[i])
				}
				for _, d := range ds {
					set[d] = true
				}
			}
		}
		if k == 0 {
			out = slices.Sorted(func(yield func(int) bool) {
				for d := range set {
					if !yield(d) {
						return
					}
				}
			})
			continue
		}
		out = slices.DeleteFunc(out, func(d int) bool { return !set[d] })
	}
	return out
}

// denseDocs lists the documents of dense postings.
func denseDocs(s string) []int {
	var out []int
	for i := 1; i < len(s); i++ {
		if s[i] != alphabet[0] {
			out = append(out, i-1)
		}
	}
	return out
}
