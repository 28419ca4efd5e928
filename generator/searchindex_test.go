package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handover-dev/handover/content"
)

// searchScript decodes what the index file search/name.js registers.
func searchScript(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files["search/"+name+".js"]
	if !ok {
		t.Fatalf("no search/%s.js", name)
	}
	s := strings.TrimSuffix(string(b), ");\n")
	i := strings.Index(s, ",")
	if i < 0 || json.Unmarshal([]byte(s[i+1:]), v) != nil {
		t.Fatalf("search/%s.js: %.80s", name, s)
	}
}

// searchFragment is the part of a page's search fragment the tests read.
type searchFragment struct {
	URL   string      `json:"u"`
	Kind  string      `json:"k"`
	Facts [][2]string `json:"f"`
}

// searchFragments returns the fragment of every indexed page by URL.
func searchFragments(t *testing.T, files map[string][]byte) map[string]searchFragment {
	t.Helper()
	out := map[string]searchFragment{}
	for p := range files {
		if name, ok := strings.CutPrefix(p, "search/f/"); ok {
			var fr searchFragment
			searchScript(t, files, "f/"+strings.TrimSuffix(name, ".js"), &fr)
			out[fr.URL] = fr
		}
	}
	return out
}

func hasFact(fr searchFragment, label, text string) bool {
	for _, f := range fr.Facts {
		if f[0] == label && f[1] == text {
			return true
		}
	}
	return false
}

// TestSearchFacts: what front matter says is in the search index, in the
// site's language, as the snippets show it: owners and sponsors by name and
// role, a meeting's chair, participants and agenda, a decision's number and
// date in both written forms, a KPI's target, a risk's mitigation, what a
// person owns; and the folders' main pages, also those the build writes.
func TestSearchFacts(t *testing.T) {
	b := buildArchiveFS(t, exampleFS(t, "nl-klantenservice", ""))
	if b.err != nil {
		t.Fatal(b.err)
	}
	frs := searchFragments(t, b.files)
	for _, tc := range []struct{ url, label, text string }{
		{"processes/klachtafhandeling/", "Eigenaar", "Samira el Amrani (Teamleider klachtenafhandeling)"},
		{"processes/klachtafhandeling/", "Inhoudelijk sponsor", "Ruud Smit (Compliance officer)"},
		{"meetings/ai-board/", "Voorzitter", "Thomas Mulder (Productowner AI in klantcontact)"},
		{"meetings/weekstart-klantcontact/", "Deelnemers", "Teamleiders klantenservice, Karin de Jong (Kwaliteitscoach klantenservice), Thomas Mulder (Productowner AI in klantcontact), Noor Hendriks (Functioneel beheerder klantcontactsystemen)"},
		{"decisions/0003-geen-ai-in-klachtbeoordeling/", "Datum", "17 maart 2026 (2026-03-17)"},
		{"decisions/0003-geen-ai-in-klachtbeoordeling/", "Besluit", "0003"},
		{"decisions/0003-geen-ai-in-klachtbeoordeling/", "Besloten door", "Managementteam"},
		{"kpis/escalatiegraad-chatbot/", "Doel", "<= 30 %"},
		{"risks/kyc-fraude-niet-herkend/", "Maatregel", "Elke aanvraag wordt door een KYC-medewerker beoordeeld; AI-documentcontrole is alleen tweede lezer; steekproef door FEC-team per kwartaal."},
		{"instructions/klacht-registreren/", "Proces", "Klachtafhandeling"},
		{"people/selamrani/", "Functie", "Teamleider klachtenafhandeling"},
	} {
		if fr, ok := frs[tc.url]; !ok || !hasFact(fr, tc.label, tc.text) {
			t.Errorf("%s: facts %q, want %s: %s", tc.url, fr.Facts, tc.label, tc.text)
		}
	}
	if fr := frs["meetings/ai-board/"]; !strings.Contains(strings.Join(fr.Facts[len(fr.Facts)-2][:], " "), "Besluiten voor het besluitenlog") {
		t.Errorf("meetings/ai-board/: facts %q, want the agenda", fr.Facts)
	}
	if !strings.Contains(strings.Join(frs["people/selamrani/"].Facts[len(frs["people/selamrani/"].Facts)-1][:], " "), "Klachtafhandeling") {
		t.Errorf("people/selamrani/: facts %q, want what she owns", frs["people/selamrani/"].Facts)
	}
	var m struct {
		Main  string      `json:"main"`
		Start [][2]string `json:"start"`
	}
	searchScript(t, b.files, "manifest", &m)
	if len(m.Start) < 8 || m.Start[0] != [2]string{"", "Overdrachtsdocument AI in klantcontact"} {
		t.Errorf("start pages %q, want the home page and the main pages of the folders", m.Start)
	}
	// the English example: dates in English, and folders without _index.md
	// have a main page in the index as well
	en := buildArchiveFS(t, exampleFS(t, "en-small", ""))
	if en.err != nil {
		t.Fatal(en.err)
	}
	frs = searchFragments(t, en.files)
	if !hasFact(frs["decisions/0002-grade-returns-in-one-pass/"], "Date", "30 June 2026 (2026-06-30)") {
		t.Errorf("English decision: facts %q, want Date: 30 June 2026 (2026-06-30)", frs["decisions/0002-grade-returns-in-one-pass/"].Facts)
	}
	if fr, ok := frs["decisions/"]; !ok || fr.Kind != "page" {
		t.Errorf("en-small: the decision log (no _index.md) is not in the index: %v", fr)
	}
}

// TestSearchSynonymsConfig: search.synonyms in handover.yaml reach the
// index folded; a group of one word, or a list that is no list of groups,
// is a config error with its line.
func TestSearchSynonymsConfig(t *testing.T) {
	b := buildArchiveFS(t, exampleFS(t, "en-small", "search:\n  synonyms:\n    - [Refund, reimbursement, money back]\n    - [fraud, scam]\n"))
	if b.err != nil {
		t.Fatal(b.err)
	}
	var m struct {
		Syn [][]string `json:"syn"`
	}
	searchScript(t, b.files, "manifest", &m)
	if got, _ := json.Marshal(m.Syn); string(got) != `[["refund","reimbursement","money back"],["fraud","scam"]]` {
		t.Errorf("manifest synonyms %s", got)
	}
	orig, err := os.ReadFile(filepath.Join("..", "examples", "en-small", "handover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for bad, want := range map[string]string{
		"search:\n  synonyms:\n    - [alleen]\n": "two or more words",
		"search:\n  synonyms: storing\n":         "must be a list of groups",
		"search:\n  synoniemen: []\n":            `unknown key "synoniemen" under search`,
	} {
		b := buildArchiveFS(t, exampleFS(t, "en-small", bad))
		var found bool
		for _, d := range b.res.Diagnostics {
			found = found || d.Pos.File == "handover.yaml" && d.Pos.Line > bytes.Count(orig, []byte("\n")) && strings.Contains(d.Message, want)
		}
		if !found {
			t.Errorf("%q: diagnostics %v, want %q on its line", bad, b.res.Diagnostics, want)
		}
		if strings.Contains(bad, "alleen") && !errors.Is(b.err, ErrContent) {
			t.Errorf("%q: build error %v, want a content error", bad, b.err)
		}
	}
}

// TestSearchJudgedQueries runs handover's search (engine.js in node) over
// the judged queries of bench/searcheval/testdata/queries.tsv on both
// examples, built with the synonyms of testdata/synonyms.yaml, and holds it
// to the targets of issue 21 on the queries tuned against and on the
// held-out ones: recall@3 ≥ 0.95, MRR ≥ 0.90, at most 3% without results,
// and typo queries' recall@3 ≥ 0.80 (`make searcheval` puts Pagefind and
// MiniSearch beside it).
func TestSearchJudgedQueries(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required in CI: ", err)
		}
		t.Skip("node not installed")
	}
	eval := filepath.Join("..", "bench", "searcheval")
	dir := t.TempDir()
	args := []string{filepath.Join(eval, "eval.mjs"), "--queries", filepath.Join(eval, "testdata", "queries.tsv"),
		"--assets", filepath.Join("..", "themes", "default", "assets", "search"), "--engines", "handover", "--json", filepath.Join(dir, "out.json")}
	for _, site := range []struct{ name, example string }{{"nl", "nl-klantenservice"}, {"en", "en-small"}} {
		yaml := filepath.Join(dir, site.name+".yaml")
		if err := os.WriteFile(yaml, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(node, filepath.Join(eval, "eval.mjs"), "--add-synonyms", filepath.Join(eval, "testdata", "synonyms.yaml"), site.name, yaml).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		extra, _ := os.ReadFile(yaml)
		b := buildArchiveFS(t, exampleFS(t, site.example, "\n"+string(extra)))
		if b.err != nil {
			t.Fatal(b.err)
		}
		pub := filepath.Join(dir, site.name)
		for p, data := range b.files {
			if !strings.HasPrefix(p, "search/") {
				continue
			}
			full := filepath.Join(pub, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args = append(args, "--site", site.name+"="+pub)
	}
	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	table, err := cmd.Output()
	if err != nil {
		t.Fatalf("eval.mjs: %v\n%s", err, stderr.String())
	}
	t.Logf("\n%s", table)
	data, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res map[string][]struct {
		Q struct {
			Split, Kind, Query string
		} `json:"q"`
		Total  int     `json:"total"`
		Recall float64 `json:"recall"`
		RR     float64 `json:"rr"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	rows := res["handover"]
	if len(rows) < 60 {
		t.Fatalf("%d judged queries, want at least 60", len(rows))
	}
	for _, split := range []string{"tune", "heldout"} {
		var n, typos int
		var recall, rr, zero, typo float64
		for _, r := range rows {
			if r.Q.Split != split {
				continue
			}
			n++
			recall += r.Recall
			rr += r.RR
			if r.Total == 0 {
				zero++
			}
			if r.Q.Kind == "typo" {
				typos++
				typo += r.Recall
			}
		}
		if n == 0 || typos == 0 {
			t.Fatalf("%s: %d queries, %d typos", split, n, typos)
		}
		recall, rr, zero, typo = recall/float64(n), rr/float64(n), zero/float64(n), typo/float64(typos)
		round := func(x float64) float64 { return math.Round(x*100) / 100 }
		if round(recall) < 0.95 || round(rr) < 0.90 || zero > 0.03 || round(typo) < 0.80 {
			t.Errorf("%s (%d queries): recall@3 %.2f, MRR %.2f, %.1f%% without results, typo recall@3 %.2f; want ≥ 0.95, ≥ 0.90, ≤ 3%%, ≥ 0.80",
				split, n, recall, rr, zero*100, typo)
		}
	}
}

// TestSearchKindNames: the index names every page type of the registry, and
// people's pages, in the site language, so the search UI shows no kind id
// and needs no change for a new page type.
func TestSearchKindNames(t *testing.T) {
	for site, want := range map[string]map[string]string{
		"nl-small": {"decision": "Besluit", "instruction": "Werkinstructie", "meeting": "Overleg", "person": "Persoon"},
		"en-small": {"decision": "Decision", "instruction": "Work instruction", "meeting": "Meeting", "person": "Person"},
	} {
		b := buildArchiveFS(t, exampleFS(t, site, ""))
		if b.err != nil && !errors.Is(b.err, ErrContent) {
			t.Fatal(b.err)
		}
		var m struct {
			Kinds map[string]string `json:"kinds"`
		}
		searchScript(t, b.files, "manifest", &m)
		for _, k := range append(slices.Clone(content.Kinds), "person") {
			if m.Kinds[string(k)] == "" || m.Kinds[string(k)] == string(k) {
				t.Errorf("%s: manifest names kind %q %q", site, k, m.Kinds[string(k)])
			}
		}
		for k, name := range want {
			if m.Kinds[k] != name {
				t.Errorf("%s: kind %s is %q, want %q", site, k, m.Kinds[k], name)
			}
		}
	}
}
