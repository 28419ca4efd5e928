package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// field is a part of a document that is weighted on its own (BM25F).
type field int

const (
	fieldTitle field = iota
	fieldMeta        // keywords and tags
	fieldHeadings
	fieldSummary
	fieldBody
	fieldOwner
	fieldFacts // structured facts from front matter
	numFields
)

// fieldWeights rank a word in the title above one in a heading above one in
// the body. A word in the title is also marked as such in its postings
// (titleFlag), and engine.js ranks those matches first.
var fieldWeights = [numFields]float64{8, 5, 3, 2, 1, 1, 2}

const (
	bm25K1     = 1.2
	bm25B      = 0.75
	partWeight = 0.5 // a compound counts half for each of its parts
)

// fieldTexts returns the texts of each field of d.
func fieldTexts(d *Document) [numFields][]string {
	var f [numFields][]string
	f[fieldTitle] = append([]string{d.Title}, d.AltTitles...)
	f[fieldMeta] = append(append([]string{}, d.Keywords...), d.Tags...)
	f[fieldSummary] = []string{d.Summary}
	f[fieldOwner] = []string{d.Owner}
	for _, s := range d.sections() {
		f[fieldHeadings] = append(f[fieldHeadings], s.Heading)
		f[fieldBody] = append(f[fieldBody], s.Text)
	}
	for _, x := range d.Facts {
		f[fieldFacts] = append(f[fieldFacts], x.Label+": "+x.Text)
	}
	return f
}

// index is the inverted index: for each term its documents, in document
// order, encoded as (delta, impact) pairs.
type index struct {
	terms    []string // sorted
	df       []int
	postings []string
}

// batchSize is how many documents' term weights are held at once before
// they go into the postings.
const batchSize = 1024

// buildIndex runs two passes over the documents, both in parallel. The
// first splits each document into words, numbers the distinct words and
// keeps each document as a list of word numbers (4 bytes a word, and
// nothing the collector has to scan), with its field lengths. Between the
// passes every distinct word is stemmed and, if Dutch, split into the
// parts the site's own vocabulary knows, once per language it occurs in.
// The second pass adds up the weighted term frequencies of each document
// from those answers. Each document's text is read once.
//
// Postings larger than tierMin bytes are tiered (tier.go).
func buildIndex(docs []*Document, langs []string, tierMin int) *index {
	workers := runtime.GOMAXPROCS(0)
	dicts := make([]*wordDict, workers)
	for w := range dicts {
		dicts[w] = newWordDict()
	}
	lens := make([][numFields]int, len(docs))
	ids := make([][]uint32, len(docs)) // word numbers of dicts[owner[i]], field after field
	owner := make([]int, len(docs))
	parallel(len(docs), workers, func(w, i int) {
		d, lang := dicts[w], langBit(langs[i])
		var out []uint32
		for f, texts := range fieldTexts(docs[i]) {
			for _, t := range texts {
				for _, x := range indexWords(t) {
					out = append(out, d.id(x, lang))
					lens[i][f]++
				}
			}
		}
		ids[i], owner[i] = out, w
	})
	words, remap := mergeDicts(dicts)
	for i, list := range ids {
		m := remap[owner[i]]
		for j, id := range list {
			list[j] = m[id]
		}
	}
	terms, refs := analyzeVocabulary(words, workers)
	avg := averageLengths(lens)
	inv := newInverter(len(terms))
	scratch := make([]*weights, workers)
	for start := 0; start < len(docs); start += batchSize {
		batch := make([][]termImpact, min(batchSize, len(docs)-start))
		parallel(len(batch), workers, func(w, i int) {
			if scratch[w] == nil {
				scratch[w] = &weights{tf: make([]float64, len(terms)), title: make([]bool, len(terms))}
			}
			d := start + i
			batch[i] = scratch[w].impacts(ids[d], lens[d], refs[langBit(langs[d])>>1], &avg)
			ids[d] = nil
		})
		inv.add(start, batch)
	}
	return inv.index(terms, tierMin)
}

// langBit is the bit of a document language in wordDict's masks: 1 for
// Dutch, 2 for English.
func langBit(lang string) uint8 {
	if lang == "en" {
		return 2
	}
	return 1
}

// wordDict numbers the distinct words one goroutine meets, and remembers
// the languages each occurs in.
type wordDict struct {
	ids   map[string]uint32
	words []string
	langs []uint8
}

func newWordDict() *wordDict { return &wordDict{ids: map[string]uint32{}} }

func (d *wordDict) id(x string, lang uint8) uint32 {
	id, ok := d.ids[x]
	if !ok {
		// x is a slice of its document's folded text: a copy lets the
		// text go once the document is read.
		x = strings.Clone(x)
		id = uint32(len(d.words))
		d.ids[x] = id
		d.words = append(d.words, x)
		d.langs = append(d.langs, 0)
	}
	d.langs[id] |= lang
	return id
}

// vocabWord is a distinct word of the site and the languages it occurs in.
type vocabWord struct {
	text  string
	langs uint8
}

// mergeDicts returns the words of all dictionaries, sorted so that the
// numbering does not depend on which goroutine met a word first, and for
// each dictionary its numbers in that list.
func mergeDicts(dicts []*wordDict) ([]vocabWord, [][]uint32) {
	all := map[string]uint8{}
	for _, d := range dicts {
		for i, x := range d.words {
			all[x] |= d.langs[i]
		}
	}
	words := make([]vocabWord, 0, len(all))
	for x, l := range all {
		words = append(words, vocabWord{x, l})
	}
	slices.SortFunc(words, func(a, b vocabWord) int { return strings.Compare(a.text, b.text) })
	number := make(map[string]uint32, len(words))
	for i, w := range words {
		number[w.text] = uint32(i)
	}
	remap := make([][]uint32, len(dicts))
	for k, d := range dicts {
		remap[k] = make([]uint32, len(d.words))
		for i, x := range d.words {
			remap[k][i] = number[x]
		}
	}
	return words, remap
}

// termRef is one term a word counts for: its stem, its number without
// leading zeros, or (part) a part of a compound, which counts half.
type termRef struct {
	term uint32
	part bool
}

// analyzeVocabulary stems every word, and splits the Dutch compounds, in
// each language the word occurs in. It returns the terms, numbered, and
// for Dutch (0) and English (1) the terms of each word by word number.
func analyzeVocabulary(words []vocabWord, workers int) ([]string, [2][][]termRef) {
	vocab := map[string]bool{}
	for _, w := range words {
		if w.langs&1 != 0 && len(w.text) >= minPart {
			vocab[w.text] = true
		}
	}
	type analysed struct {
		terms [2][]string
		parts [2]int // the last parts of terms[l] are compound parts
	}
	out := make([]analysed, len(words))
	states := make([]*workerState, workers)
	parallel(len(words), workers, func(wk, i int) {
		if states[wk] == nil {
			states[wk] = newWorkerState(vocab)
		}
		ws, x := states[wk], words[i].text
		for l, lang := range [2]string{"nl", "en"} {
			if words[i].langs&(1<<l) == 0 {
				continue
			}
			st := ws.stem[lang]
			ts := []string{st.stem(x)}
			if t := trimZeros(x); t != "" {
				ts = append(ts, t)
			}
			n := 0
			if lang == "nl" && len(x) >= minCompound {
				for _, p := range ws.split.parts(x) {
					ts = append(ts, st.stem(p))
					n++
				}
			}
			out[i].terms[l], out[i].parts[l] = ts, n
		}
	})
	number := map[string]uint32{}
	var terms []string
	var refs [2][][]termRef
	for l := range refs {
		refs[l] = make([][]termRef, len(words))
	}
	for i := range out {
		for l, ts := range out[i].terms {
			if ts == nil {
				continue
			}
			rs := make([]termRef, len(ts))
			for j, t := range ts {
				id, ok := number[t]
				if !ok {
					id = uint32(len(terms))
					number[t] = id
					terms = append(terms, t)
				}
				rs[j] = termRef{term: id, part: j >= len(ts)-out[i].parts[l]}
			}
			refs[l][i] = rs
		}
	}
	return terms, refs
}

// averageLengths returns the mean length of each field, at least 1.
func averageLengths(lens [][numFields]int) [numFields]float64 {
	var avg [numFields]float64
	for _, l := range lens {
		for f, n := range l {
			avg[f] += float64(n)
		}
	}
	for f := range avg {
		avg[f] = math.Max(avg[f]/math.Max(float64(len(lens)), 1), 1)
	}
	return avg
}

// workerState is what one goroutine reuses across words.
type workerState struct {
	stem  map[string]*stemmer
	split *splitter
}

func newWorkerState(vocab map[string]bool) *workerState {
	return &workerState{
		stem:  map[string]*stemmer{"nl": newStemmer("nl"), "en": newStemmer("en")},
		split: newSplitter(vocab),
	}
}

// termImpact is the quantised BM25F weight (1-31) of a term in a document,
// plus titleFlag when the term is in its title.
type termImpact struct {
	term   uint32
	impact uint8
}

// weights adds up term frequencies for one goroutine: tf has a slot for
// every term, title whether the term is in the document's title, and
// touched says which slots the current document used.
type weights struct {
	tf      []float64
	title   []bool
	touched []uint32
}

// impacts returns the weight of every term of one document, given as word
// numbers field after field, with refs the terms of each word in the
// document's language; idf is applied in the browser, per term.
func (ws *weights) impacts(ids []uint32, lens [numFields]int, refs [][]termRef, avg *[numFields]float64) []termImpact {
	for f, n := range lens {
		norm := fieldWeights[f] / (1 - bm25B + bm25B*float64(n)/avg[f])
		for _, id := range ids[:n] {
			for _, r := range refs[id] {
				if ws.tf[r.term] == 0 {
					ws.touched = append(ws.touched, r.term)
				}
				if r.part {
					ws.tf[r.term] += norm * partWeight
				} else {
					ws.tf[r.term] += norm
				}
				if f == int(fieldTitle) {
					ws.title[r.term] = true
				}
			}
		}
		ids = ids[n:]
	}
	out := make([]termImpact, len(ws.touched))
	for i, t := range ws.touched {
		v := ws.tf[t]
		q := max(1, min(maxWeight, int(math.Round(v/(bm25K1+v)*maxWeight))))
		if ws.title[t] {
			q |= titleFlag
		}
		out[i] = termImpact{term: t, impact: uint8(q)}
		ws.tf[t], ws.title[t] = 0, false
	}
	ws.touched = ws.touched[:0]
	return out
}

// inverter turns per-document term weights into postings per term.
type inverter struct {
	states []termState
	docs   int
}

type termState struct {
	last, df int
	buf      strings.Builder
}

func newInverter(terms int) *inverter { return &inverter{states: make([]termState, terms)} }

// add appends the documents first, first+1, … with the given term weights.
func (v *inverter) add(first int, batch [][]termImpact) {
	v.docs = max(v.docs, first+len(batch))
	for i, m := range batch {
		doc := first + i
		for _, ti := range m {
			s := &v.states[ti.term]
			appendVarint(&s.buf, doc-s.last)
			appendDigit(&s.buf, int(ti.impact))
			s.last, s.df = doc, s.df+1
		}
	}
}

// index returns the postings sorted by term, tiering those larger than
// tierMin bytes.
func (v *inverter) index(terms []string, tierMin int) *index {
	order := make([]int, 0, len(terms))
	for t := range terms {
		if v.states[t].df > 0 {
			order = append(order, t)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(terms[a], terms[b]) })
	idx := &index{terms: make([]string, len(order)), df: make([]int, len(order)), postings: make([]string, len(order))}
	for i, t := range order {
		s := &v.states[t]
		idx.terms[i], idx.df[i] = terms[t], s.df
		idx.postings[i] = compact(s.buf.String(), v.docs, tierMin)
		s.buf = strings.Builder{}
	}
	return idx
}

// denseMark starts postings in dense form: after it, one character per
// document, its impact, 0 ('A') where the term does not occur. A term on
// most pages is smaller that way than as (delta, impact) pairs.
const denseMark = '~'

// compact returns the shortest of the sparse postings, their dense form
// and, when still longer than tierMin bytes, their tiered form, decoding
// them at most once.
func compact(sparse string, docs, tierMin int) string {
	best := sparse
	var ids, impacts []int
	if len(sparse) > docs { // else too sparse for the dense form to win
		ids, impacts = decodePostings(sparse)
		if dense := denseOf(ids, impacts, docs); len(dense) < len(best) {
			best = dense
		}
	}
	if len(best) > tierMin {
		if ids == nil {
			ids, impacts = decodePostings(sparse)
		}
		if tiered := tieredOf(ids, impacts, docs); len(tiered) < len(best) {
			best = tiered
		}
	}
	return best
}

// denseOf returns the dense form of decoded postings over docs documents.
func denseOf(ids, impacts []int, docs int) string {
	b := make([]byte, docs+1)
	b[0] = denseMark
	for i := 1; i < len(b); i++ {
		b[i] = alphabet[0]
	}
	for i, id := range ids {
		b[id+1] = alphabet[impacts[i]]
	}
	return string(b)
}

// parallel calls fn(worker, i) for i in [0, n) on up to workers goroutines;
// worker is the goroutine's number, for state that it alone uses.
func parallel(n, workers int, fn func(worker, i int)) {
	workers = min(workers, max(n/16, 1))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(w, i)
			}
		}(w)
	}
	wg.Wait()
}
