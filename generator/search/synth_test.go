package search

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// readWords returns the words of testdata/words-LANG.txt, one per line.
func readWords(t testing.TB, lang string) []string {
	t.Helper()
	f, err := os.Open("testdata/words-" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			out = append(out, w)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// synthDocs makes n Dutch documents shaped like the benchmark corpus
// (../shared/bench): a body of about 2.5 KB in 3-6 sections, Zipf-distributed
// words, 9 kinds, 40 owners, 1-4 of 20 tags. The same n gives the same
// documents.
func synthDocs(t testing.TB, n int) []Document {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	text := zipfText(t, rng)
	kinds := []string{"process", "instruction", "decision", "governance", "risk", "kpi", "training", "meeting", "page"}
	statuses := []string{"draft", "approved", "retired", ""}
	docs := make([]Document, n)
	for i := range docs {
		kind := kinds[rng.IntN(len(kinds))]
		d := Document{
			URL:        fmt.Sprintf("%ss/page-%05d/", kind, i),
			Title:      text(2 + rng.IntN(4)),
			Kind:       kind,
			Breadcrumb: []string{"Home", kind},
			Owner:      fmt.Sprintf("Persoon %02d", rng.IntN(40)),
			Status:     statuses[rng.IntN(len(statuses))],
			Summary:    text(12),
			Keywords:   []string{fmt.Sprintf("%04d", i)},
		}
		for range 1 + rng.IntN(4) {
			d.Tags = append(d.Tags, fmt.Sprintf("tag%02d", rng.IntN(20)))
		}
		for s := range 3 + rng.IntN(4) {
			d.Sections = append(d.Sections, Section{
				Anchor:  fmt.Sprintf("sectie-%d", s),
				Heading: text(2 + rng.IntN(3)),
				Text:    text(40 + rng.IntN(120)),
			})
		}
		docs[i] = d
	}
	return docs
}

// zipfText returns a function that makes text of n words drawn from the
// Dutch word list with Zipf frequencies, as in real text.
func zipfText(t testing.TB, rng *rand.Rand) func(words int) string {
	vocab := readWords(t, "nl")
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	return func(words int) string {
		ws := make([]string, words)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
}
