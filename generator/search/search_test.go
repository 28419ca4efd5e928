package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Coördinatie", "coordinatie"},
		{"één", "een"},
		{"Ĳsselmeer", "ijsselmeer"},
		{"Straße", "strasse"},
		{"ÆØ", "aeo"},
		{"naïve café", "naive cafe"},
		{"plain ASCII", "plain ascii"},
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"De coördinatie van één werkinstructie", "coordinatie werkinstructie"},
		{"KPI's en ticket-triage (v2)", "kpi ticket triage v2"},
		{"Besluit 0005, stap 3", "besluit 0005 stap 3"},
		{"a b c", ""},
		{"The policies of IT", "policies it"},
	} {
		if got := strings.Join(tokenize(tc.in), " "); got != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	nl, en := newStemmer("nl"), newStemmer("en")
	for _, tc := range []struct {
		s        *stemmer
		in, want string
	}{
		{nl, "werkinstructies", "werkinstructie"},
		{nl, "werkinstructie", "werkinstructie"},
		{nl, "categorieen", "categorie"},
		{nl, "klachten", "klacht"},
		{en, "policies", "polici"},
		{en, "policy", "polici"},
		{en, "running", "run"},
		{nl, "0005", "0005"},
	} {
		if got := tc.s.stem(tc.in); got != tc.want {
			t.Errorf("%s stem(%q) = %q, want %q", tc.s.lang, tc.in, got, tc.want)
		}
	}
}

func TestCompoundParts(t *testing.T) {
	vocab := map[string]bool{}
	for _, w := range strings.Fields("klanten service klantenservice medewerker arbeid contract werk instructie ticket") {
		vocab[w] = true
	}
	sp := newSplitter(vocab)
	for _, tc := range []struct{ in, want string }{
		{"klantenservice", "klanten service"},
		{"klantenservicemedewerker", "klantenservice klanten service medewerker"},
		{"arbeidscontract", "arbeid contract"},
		{"werkinstructie", "werk instructie"},
		{"werkinstructies", ""}, // "instructies" is no known word
		{"service", ""},
		{"ticketsysteem", ""},
	} {
		if got := strings.Join(sp.parts(tc.in), " "); got != tc.want {
			t.Errorf("parts(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPostingsEncoding(t *testing.T) {
	var b strings.Builder
	ids := []int{0, 3, 40, 1100, 99999}
	prev := 0
	for i, id := range ids {
		appendVarint(&b, id-prev)
		appendDigit(&b, i*15)
		prev = id
	}
	docs, imps := decodePostings(b.String())
	if !slices.Equal(docs, ids) || !slices.Equal(imps, []int{0, 15, 30, 45, 60}) {
		t.Errorf("decoded %v %v", docs, imps)
	}
	if got := decodeVarints(encodeIDs(ids)); !slices.Equal(got, []int{0, 3, 37, 1060, 98899}) {
		t.Errorf("encodeIDs deltas %v", got)
	}
	dense := denseForm(b.String(), 100000) // too sparse: stays
	if dense != b.String() {
		t.Errorf("denseForm of sparse postings changed them")
	}
	var c strings.Builder
	for i := range 4 {
		appendVarint(&c, min(i, 1))
		appendDigit(&c, 40+i)
	}
	if got := denseForm(c.String(), 5); got != "~opqrA" {
		t.Errorf("denseForm of 4 of 5 documents = %q, want ~opqrA", got)
	}
}

// TestDeterministic builds the same documents in two orders and wants the
// same bytes.
func TestDeterministic(t *testing.T) {
	docs := synthDocs(t, 300)
	a, err := Build(docs, Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled, Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between builds", p)
		}
		if !strings.HasPrefix(p, "search/") {
			t.Errorf("%s is outside search/", p)
		}
	}
}

// loadScript decodes the data that an index file registers.
func loadScript(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files["search/"+name+".js"]
	if !ok {
		t.Fatalf("no search/%s.js", name)
	}
	prefix := registerFunc + `("` + name + `",`
	s := strings.TrimSuffix(string(b), ");\n")
	if !strings.HasPrefix(s, prefix) {
		t.Fatalf("%s.js starts %.40q", name, s)
	}
	if err := json.Unmarshal([]byte(s[len(prefix):]), v); err != nil {
		t.Fatal(err)
	}
}

// TestShards checks that every term sits in the shard the manifest's
// boundaries send a lookup to, and that shard terms are sorted.
func TestShards(t *testing.T) {
	files, err := Build(synthDocs(t, 2000), Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	loadScript(t, files, "manifest", &m)
	firsts := strings.Split(m.Shards, " ")
	if m.Docs != 2000 || len(firsts) < 10 {
		t.Fatalf("manifest: %d docs, %d shards", m.Docs, len(firsts))
	}
	for i := range firsts {
		var sh shard
		loadScript(t, files, "t/"+itoa(i), &sh)
		if !slices.IsSorted(sh.Terms) || !strings.HasPrefix(sh.Terms[0], firsts[i]) {
			t.Errorf("shard %d: unsorted or first term %q, manifest %q", i, sh.Terms[0], firsts[i])
		}
		for _, term := range sh.Terms {
			j, _ := slices.BinarySearch(firsts, term)
			if j == len(firsts) || firsts[j] != term {
				j--
			}
			if j != i {
				t.Fatalf("term %q is in shard %d, lookup finds %d", term, i, j)
			}
		}
		if len(sh.Terms) != len(sh.IDF) || len(sh.Terms) != len(sh.Postings) {
			t.Errorf("shard %d: lengths differ", i)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestTitleFromSlug checks the titles that title blocks leave out, in Go
// and in engine.js.
func TestTitleFromSlug(t *testing.T) {
	cases := []struct{ in, want string }{
		{"de-voornaamste/", "De voornaamste"},
		{"1106-de-voornaamste/", "De voornaamste"},
		{"adoption-route/", "Adoption route"},
		{"2024/", "2024"},
		{"wi-0042/", "Wi 0042"},
		{"coördinatie/", ""},
		{"", ""},
	}
	var in []string
	for _, tc := range cases {
		if got := titleFromSlug(tc.in); got != tc.want {
			t.Errorf("titleFromSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in != "" {
			in = append(in, tc.in)
		}
	}
	got := strings.Fields(strings.ReplaceAll(runHarness(t, strings.Join(in, "\n")+"\n", "slug"), " ", "_"))
	for i, seg := range in {
		want := strings.ReplaceAll(cmp.Or(cases[i].want, "-"), " ", "_")
		if i >= len(got) || got[i] != want {
			t.Errorf("engine.js titleFromSlug(%q) differs from Go %q: %v", seg, want, got)
		}
	}
}

// TestTitleBlocks checks that every document's line can be rebuilt from
// its title block.
func TestTitleBlocks(t *testing.T) {
	docs := browserDocs()
	files, err := Build(docs, Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	loadScript(t, files, "manifest", &m)
	var b struct {
		G [][3]string          `json:"g"`
		R [][3]json.RawMessage `json:"r"`
	}
	loadScript(t, files, "d/0", &b)
	sorted := sortDocuments(docs)
	if m.TitleBlock != titleBlockSize || len(b.R) != len(sorted) {
		t.Fatalf("block of %d rows for %d documents", len(b.R), len(sorted))
	}
	for i, d := range sorted {
		var g int
		var seg, title string
		json.Unmarshal(b.R[i][0], &g)
		json.Unmarshal(b.R[i][1], &seg)
		json.Unmarshal(b.R[i][2], &title)
		if b.G[g][0]+seg != d.URL || cmp.Or(title, titleFromSlug(seg)) != d.Title || b.G[g][2] != d.Kind {
			t.Errorf("row %d: %v %q %q, want %q %q", i, b.G[g], seg, title, d.URL, d.Title)
		}
	}
}

// TestStrongest checks the linear selection of the strongest postings
// against sorting: the n largest impacts, the lower index first among
// equals, in index order.
func TestStrongest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		impacts := make([]int, rng.IntN(1200))
		spread := 1 + rng.IntN(maxImpact)
		for i := range impacts {
			impacts[i] = 1 + rng.IntN(spread)
		}
		n := rng.IntN(700)
		order := make([]int, len(impacts))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return impacts[b] - impacts[a] })
		want := order[:min(n, len(order))]
		slices.Sort(want)
		if got := strongest(impacts, n); !slices.Equal(got, want) {
			t.Fatalf("round %d: strongest(%d of %d) = %v, want %v", round, n, len(impacts), got, want)
		}
	}
}

// TestFoldTable checks that folding Latin text a letter at a time from the
// table gives what decomposing the whole text gives, on random text of
// ASCII, Latin, combining marks and other scripts.
func TestFoldTable(t *testing.T) {
	runes := []rune("aZ09 -.éÉëËïöüÿçÇñÑåÅøØæÆœŒßĳĲłŁđĐðþÞŉǅǆǲªºµ¹²½ſ\u0301\u0308\u00a0\u00b4ΣσςДжऄ한글\ufffd")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		s := b.String()
		if got, want := fold(s), foldAny(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r < latinEnd; r++ {
		if got, want := fold(string(r)), foldAny(string(r)); got != want {
			t.Fatalf("fold(%q) = %q, want %q", r, got, want)
		}
	}
}
