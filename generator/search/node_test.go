package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
)

// assetsDir is where the browser side lives.
const assetsDir = "../../themes/default/assets/search"

// nodePath returns the node binary, or skips the test when there is none,
// unless CI is "true": there a missing node fails.
func nodePath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required in CI: ", err)
		}
		t.Skip("node not installed")
	}
	return p
}

// runHarness runs testdata/harness.js with stdin and returns its output.
func runHarness(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	abs, err := filepath.Abs(assetsDir)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nodePath(t), append([]string{"testdata/harness.js", args[0], abs}, args[1:]...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("harness %v: %v\n%s", args, err, stderr.String())
	}
	return string(out)
}

// TestSnowballAgreesWithJS stems the word lists with the Go stemmers and
// with snowball.js and requires the same stem for every word.
func TestSnowballAgreesWithJS(t *testing.T) {
	for _, tc := range []struct{ lang, algo string }{{"nl", "nl"}, {"en", "en"}} {
		t.Run(tc.lang, func(t *testing.T) {
			words := readWords(t, tc.lang)
			if len(words) < 300 {
				t.Fatalf("word list has %d words, want several hundred", len(words))
			}
			got := strings.Split(strings.TrimSuffix(runHarness(t, strings.Join(words, "\n")+"\n", "snowball", tc.algo), "\n"), "\n")
			if len(got) != len(words) {
				t.Fatalf("harness returned %d stems for %d words", len(got), len(words))
			}
			st := newStemmer(tc.lang)
			for i, w := range words {
				want := snowballOnly(st, w)
				if got[i] != want {
					t.Errorf("%s: Go %q, JS %q", w, want, got[i])
				}
			}
		})
	}
}

// snowballOnly runs the Snowball algorithm alone, without the Dutch plural
// rule, as snowball.js does.
func snowballOnly(s *stemmer, w string) string {
	s.env.SetCurrent(w)
	if s.lang == "en" {
		return englishStem(s.env)
	}
	return dutchStem(s.env)
}

func englishStem(env *snowballstem.Env) string {
	english.Stem(env)
	return env.Current()
}

func dutchStem(env *snowballstem.Env) string {
	dutch.Stem(env)
	return env.Current()
}

// TestPipelineAgreesWithJS runs whole lines of text (with diacritics,
// punctuation, numbers and stop words) through both text pipelines.
func TestPipelineAgreesWithJS(t *testing.T) {
	lines := []string{
		"De coördinatie van één werkinstructie",
		"Ĳsselmeer: ideeën, categorieën en financiële risico's!",
		"Besluit 0005 — klantenservice/Klachtenafhandeling (v2.1)",
		"Straße, Æsir, Øresund, Łódź, naïve café résumé",
		"The policies were reviewed; running the KPI's is ALL that matters.",
		// words longer than maxWord letters count as their first maxWord
		strings.Repeat("Werkinstructie", 10) + " " + strings.Repeat("ay", 40) + " " + strings.Repeat("ж", 70),
		strings.Repeat("é", 63) + "ïk " + strings.Repeat("a", 63) + "\U00010428b " + strings.Repeat("\U00010400", 70),
	}
	lines = append(lines, readWords(t, "nl")...)
	lines = append(lines, readWords(t, "en")...)
	got := strings.Split(strings.TrimSuffix(runHarness(t, strings.Join(lines, "\n")+"\n", "pipeline"), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("harness returned %d lines for %d", len(got), len(lines))
	}
	nl, en := newStemmer("nl"), newStemmer("en")
	for i, l := range lines {
		var a, b []string
		for _, w := range tokenize(l) {
			a = append(a, nl.stem(w))
			b = append(b, en.stem(w))
		}
		if want := strings.Join(a, " ") + "\t" + strings.Join(b, " "); got[i] != want {
			t.Errorf("%q:\n Go %q\n JS %q", l, want, got[i])
		}
	}
}

// queryReport is one line of the harness's query output.
type queryReport struct {
	Query  string   `json:"query"`
	Hits   int      `json:"hits"`
	Files  int      `json:"files"`
	Bytes  int      `json:"bytes"`
	Facets int      `json:"facetBytes"`
	Titles int      `json:"titleBytes"`
	Eager  bool     `json:"eager"`
	MS     float64  `json:"ms"`    // median of 21 runs
	MinMS  float64  `json:"minMs"` // fastest of them
	Loaded []string `json:"loaded"`
}

// firstQueries builds n synthetic documents, writes the index and runs
// two-word queries in the harness, cold, in the given mode.
func firstQueries(t *testing.T, n int, mode string) []queryReport {
	t.Helper()
	nodePath(t)
	files, err := Build(synthDocs(t, n), Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeSite(t, site, files)
	vocab := readWords(t, "nl")
	// Zipf ranks: the synthetic text uses low ranks most
	var common []string
	for _, w := range vocab {
		if !stopWords[w] && len(w) > 3 {
			common = append(common, w)
		}
	}
	queries := []string{
		common[0] + " " + common[1],
		common[2] + " " + common[30],
		common[10] + " " + common[200],
		common[100] + " " + common[400],
		common[5] + " " + common[3][:4],
	}
	var reps []queryReport
	out := runHarness(t, "", append([]string{"query", site, mode}, queries...)...)
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return reps
}

// writeSite writes Build's files under dir.
func writeSite(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFirstQueryBytes checks the budget: a first two-word query on
// 10,000 pages loads at most 150 KB (runtime, manifest, shards and the
// fragments of the results shown: 6 in the dropdown, 10 on the search page;
// there also the type facet and, when they are small, the title blocks that
// give every other hit its link). The other facets, which load when their
// panel opens, and the title blocks of every hit, which load as the results
// scroll into view, are logged apart. The time a query takes is logged, not
// asserted: it measures the machine as much as the code, and belongs in
// bench/search.sh (BENCHMARKS.md).
func TestFirstQueryBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 documents")
	}
	const budget = 150 * 1024
	for _, n := range []int{1000, 10000} {
		for _, mode := range []string{"dropdown", "page"} {
			for _, r := range firstQueries(t, n, mode) {
				t.Logf("%5d pages %-8s %-24q hits %5d files %2d bytes %6d (eager titles %v; + facets %5d, + all titles %6d) query %.2f ms",
					n, mode, r.Query, r.Hits, r.Files, r.Bytes, r.Eager, r.Facets, r.Titles, r.MS)
				if r.Hits == 0 {
					t.Errorf("%q: no hits; the query should match", r.Query)
				}
				if n == 10000 && r.Bytes > budget {
					t.Errorf("%d pages, %s, %q: first query loads %d bytes, budget %d", n, mode, r.Query, r.Bytes, budget)
				}
			}
		}
	}
}
