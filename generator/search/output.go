package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Every index file is a script that hands its data to the runtime:
//
//	__handoverSearch("t/3", {...});
//
// The runtime defines __handoverSearch before it adds the <script> tag.
// That is how data reaches the page from file://, where fetch and XHR are
// blocked.
const registerFunc = "__handoverSearch"

// minShardBytes is the smallest size a term shard grows to before the next
// one starts; see shardTarget.
const minShardBytes = 2 << 10

// manifest is search/manifest.js: what the runtime needs before a query.
type manifest struct {
	Version  string `json:"v"`    // changes whenever any index file changes
	Docs     int    `json:"n"`    // number of documents
	Language string `json:"lang"` // site language
	// Shards holds, space-separated, for each shard t/<i>.js the shortest
	// prefix of its first term that sorts after the previous shard's terms.
	Shards string `json:"shards"`
	// TitleBlock is how many documents each title block d/<i>.js covers,
	// TitleBytes the size of all of them together (see titles.go).
	TitleBlock int `json:"tb"`
	TitleBytes int `json:"tz"`
	// Langs are the languages of the documents, space-separated: engine.js
	// stems a query in these only.
	Langs string `json:"langs"`
	// Synonyms are the site's synonym groups, each member folded.
	Synonyms [][]string `json:"syn,omitempty"`
	// Main lists the folders' main pages (Document.Main), as deltas.
	Main string `json:"main,omitempty"`
	// Start holds [URL, title] of the home page and the main pages of the
	// top-level folders, which a query without results offers.
	Start [][2]string `json:"start,omitempty"`
	// Kinds names the page types in the site language (Options.Kinds).
	Kinds map[string]string `json:"kinds,omitempty"`
}

// shard is search/t/<i>.js: terms in order, with idf and postings.
type shard struct {
	Terms    []string `json:"t"`
	IDF      []int    `json:"i"` // idf × 100
	Postings []string `json:"p"` // (delta doc, impact) pairs, see encode.go
}

// fragment is search/f/<doc>.js: what a result shows.
type fragment struct {
	URL        string     `json:"u"`
	Title      string     `json:"t"`
	Kind       string     `json:"k"`
	Language   string     `json:"l"`
	Breadcrumb []string   `json:"b"`
	Owner      string     `json:"o,omitempty"`
	Status     string     `json:"s,omitempty"`
	Tags       []string   `json:"g,omitempty"`
	Summary    string     `json:"m,omitempty"`
	Sections   [][]string `json:"x"`           // [anchor, heading, text]
	Facts      [][]string `json:"f,omitempty"` // [label, text]
	// Complete is set when Sections hold the page's whole text: a phrase
	// not in them is not on the page.
	Complete bool `json:"c,omitempty"`
}

// A fragment keeps only the start of each section: results show a snippet,
// and ten fragments must fit in the first query's budget.
const (
	maxSectionText  = 600  // bytes of one section's text kept for snippets
	maxFragmentText = 1600 // bytes of section text kept per page
	maxSummary      = 300
	maxFactText     = 240 // bytes of one fact kept for snippets
)

// writeFiles encodes the index as script files and hands each to w as
// soon as it is made: the fragments of a 100,000-page site are 200 MB.
func writeFiles(w *fileWriter, docs []*Document, langs []string, idx *index, site string, opts Options) error {
	firsts, err := writeShards(w, idx, len(docs))
	if err != nil {
		return err
	}
	for i, d := range docs {
		if err := w.script(fragmentPath(i), newFragment(d, langs[i])); err != nil {
			return err
		}
	}
	facets := newFacetFiles(docs)
	for _, name := range slices.Sorted(maps.Keys(facets)) {
		if err := w.script("g/"+name, facets[name]); err != nil {
			return err
		}
	}
	titleBytes := 0
	for i := 0; i < len(docs); i += titleBlockSize {
		n, err := w.scriptSize("d/"+strconv.Itoa(i/titleBlockSize), newTitleBlock(docs[i:min(i+titleBlockSize, len(docs))]))
		if err != nil {
			return err
		}
		titleBytes += n
	}
	m := manifest{Version: w.version(), Docs: len(docs), Language: site, Shards: strings.Join(firsts, " "),
		TitleBlock: titleBlockSize, TitleBytes: titleBytes, Langs: languages(langs), Synonyms: foldSynonyms(opts.Synonyms), Kinds: opts.Kinds}
	var main []int
	for i, d := range docs {
		if !d.Main {
			continue
		}
		main = append(main, i)
		if strings.Count(d.URL, "/") <= 1 {
			m.Start = append(m.Start, [2]string{d.URL, d.Title})
		}
	}
	m.Main = encodeIDs(main)
	slices.SortFunc(m.Start, func(a, b [2]string) int { return cmp.Compare(a[0], b[0]) }) // the home page ("") first
	return w.script("manifest", m)
}

// languages lists the languages of the documents, space-separated, in the
// order nl, en.
func languages(langs []string) string {
	var have [2]bool
	for _, l := range langs {
		have[langBit(l)>>1] = true
	}
	out := make([]string, 0, 2)
	for i, l := range [2]string{"nl", "en"} {
		if have[i] {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}

// foldSynonyms folds each member of each group to its words (without stop
// words, as in a query) joined by spaces, drops members without words and groups of fewer than two
// members, and drops groups seen before, so that the manifest holds what
// engine.js compares with the query's words.
func foldSynonyms(groups [][]string) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, g := range groups {
		var members []string
		have := map[string]bool{}
		for _, m := range g {
			ws := tokenize(m)
			if len(ws) > maxQueryWords {
				ws = ws[:maxQueryWords]
			}
			f := strings.Join(ws, " ")
			if f != "" && !have[f] {
				have[f] = true
				members = append(members, f)
			}
		}
		key := strings.Join(members, "|")
		if len(members) < 2 || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, members)
	}
	return out
}

// maxQueryWords is how many words of a query engine.js reads (MAX_QUERY_WORDS).
const maxQueryWords = 32

// fragmentPath is the name of document i's fragment; engine.js builds the
// same name.
func fragmentPath(i int) string { return "f/" + strconv.FormatInt(int64(i), 36) }

// writeShards cuts the sorted terms into shards and returns the first term
// of each.
func writeShards(w *fileWriter, idx *index, docs int) ([]string, error) {
	total := 0
	for i, t := range idx.terms {
		total += len(t) + len(idx.postings[i]) + 12
	}
	target := shardTarget(total)
	var firsts []string
	var cur shard
	size := 0
	prevLast := ""
	flush := func() error {
		if len(cur.Terms) == 0 {
			return nil
		}
		firsts = append(firsts, separator(prevLast, cur.Terms[0]))
		prevLast = cur.Terms[len(cur.Terms)-1]
		err := w.script("t/"+strconv.Itoa(len(firsts)-1), cur)
		cur, size = shard{}, 0
		return err
	}
	for i, t := range idx.terms {
		if size >= target {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		df := float64(idx.df[i])
		idf := math.Log(1 + (float64(docs)-df+0.5)/(df+0.5))
		cur.Terms = append(cur.Terms, t)
		cur.IDF = append(cur.IDF, int(math.Round(idf*100)))
		cur.Postings = append(cur.Postings, idx.postings[i])
		size += len(t) + len(idx.postings[i]) + 12
	}
	return firsts, flush()
}

// separator returns the shortest prefix of first that sorts after last, so
// that the manifest need not hold whole terms: a lookup goes to the last
// shard whose separator is <= the term, the same shard as with first.
func separator(last, first string) string {
	if last == "" {
		return first
	}
	for i := range first {
		if i > 0 && first[:i] > last {
			return first[:i]
		}
	}
	return first
}

// shardTarget returns the shard size for an index of total bytes. A query
// loads about three shards (two stems of each word, mostly neighbours, and
// the prefix of the last word) and the manifest, which holds about 10 bytes
// per shard; 3·total/shards + 10·shards is least at shards = √(0.3·total),
// that is at shards of √(10·total/3) bytes.
func shardTarget(total int) int {
	return max(minShardBytes, int(math.Sqrt(float64(total)*10/3)))
}

func newFragment(d *Document, lang string) fragment {
	f := fragment{
		URL: d.URL, Title: d.Title, Kind: d.Kind, Language: lang,
		Breadcrumb: nonNil(d.Breadcrumb), Owner: d.Owner, Status: d.Status,
		Tags: d.Tags, Summary: truncate(d.Summary, maxSummary), Sections: [][]string{},
	}
	budget := maxFragmentText
	f.Complete = len(d.Summary) <= maxSummary
	for _, s := range d.sections() {
		text := truncate(s.Text, min(maxSectionText, max(budget, 0)))
		budget -= len(text)
		f.Complete = f.Complete && len(text) == len(s.Text)
		f.Sections = append(f.Sections, []string{s.Anchor, s.Heading, text})
	}
	for _, x := range d.Facts {
		f.Facts = append(f.Facts, []string{x.Label, truncate(x.Text, maxFactText)})
	}
	return f
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// truncate cuts s to at most n bytes at a word boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < 0 {
		cut = 0
	}
	return s[:cut] + " …"
}

// fileWriter hands the index files to write and remembers a hash of
// each for the manifest's version.
type fileWriter struct {
	write func(name string, data []byte) error
	sums  map[string]uint64
}

// script writes search/<name>.js registering v under name.
func (w *fileWriter) script(name string, v any) error {
	_, err := w.scriptSize(name, v)
	return err
}

// scriptSize is script, and returns the size of the file.
func (w *fileWriter) scriptSize(name string, v any) (int, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return 0, fmt.Errorf("search: encoding %s: %w", name, err)
	}
	var b bytes.Buffer
	b.Grow(len(data) + len(name) + 32)
	fmt.Fprintf(&b, "%s(%q,", registerFunc, name)
	b.Write(data)
	b.WriteString(");\n")
	path := "search/" + name + ".js"
	h := fnv.New64a()
	h.Write(b.Bytes())
	w.sums[path] = h.Sum64()
	return b.Len(), w.write(path, b.Bytes())
}

// version hashes every file written so far, in path order.
func (w *fileWriter) version() string {
	h := fnv.New64a()
	var sum [8]byte
	for _, p := range slices.Sorted(maps.Keys(w.sums)) {
		h.Write([]byte(p))
		binary.LittleEndian.PutUint64(sum[:], w.sums[p])
		h.Write(sum[:])
	}
	return strconv.FormatUint(h.Sum64(), 36)
}
