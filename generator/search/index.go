package search

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
	numFields
)

// fieldWeights rank a word in the title above one in a heading above one in
// the body.
var fieldWeights = [numFields]float64{8, 5, 3, 2, 1, 1}

const (
	bm25K1     = 1.2
	bm25B      = 0.75
	partWeight = 0.5 // a compound counts half for each of its parts
)

// fieldTexts returns the texts of each field of d.
func fieldTexts(d *Document) [numFields][]string {
	var f [numFields][]string
	f[fieldTitle] = []string{d.Title}
	f[fieldMeta] = append(append([]string{}, d.Keywords...), d.Tags...)
	f[fieldSummary] = []string{d.Summary}
	f[fieldOwner] = []string{d.Owner}
	for _, s := range d.sections() {
		f[fieldHeadings] = append(f[fieldHeadings], s.Heading)
		f[fieldBody] = append(f[fieldBody], s.Text)
	}
	return f
}

// docWords is a document split into words, per field.
type docWords [numFields][]string

// size returns about how many bytes w holds.
func (w *docWords) size() int64 {
	var n int64
	for _, list := range w {
		n += int64(cap(list)) * 16
		for _, x := range list {
			n += int64(len(x))
		}
	}
	return n
}

// keepWords is how many bytes of analysed words the first pass of
// buildIndex keeps for the second, which otherwise analyses each document
// again: all documents of a 10,000-page site, the first part of a larger one.
const keepWords = 128 << 20

func analyzeWords(d *Document) docWords {
	var w docWords
	for f, texts := range fieldTexts(d) {
		for _, t := range texts {
			if ws := tokenize(t); w[f] == nil {
				w[f] = ws
			} else {
				w[f] = append(w[f], ws...)
			}
		}
	}
	return w
}

// index is the inverted index: for each term its documents, in document
// order, encoded as (delta, impact) pairs.
type index struct {
	terms    []string // sorted
	df       []int
	postings []string
}

type termState struct {
	last, df int
	buf      strings.Builder
}

// batchSize is how many documents the second pass holds in memory at once.
const batchSize = 1024

// buildIndex runs two passes over the documents, both in parallel: the
// first collects the vocabulary that compounds are split with and the field
// lengths, the second the weighted term frequencies. The words of the first
// documents, up to keepWords bytes, are kept between the passes; the rest
// are analysed again, so memory stays flat at 100,000 pages.
//
// Postings larger than tierMin bytes are tiered (tier.go).
func buildIndex(docs []*Document, langs []string, tierMin int) *index {
	workers := runtime.GOMAXPROCS(0)
	vocabs := make([]map[string]bool, workers)
	lens := make([][numFields]int, len(docs))
	kept := make([]*docWords, len(docs))
	var keptBytes atomic.Int64
	parallel(len(docs), workers, func(w, i int) {
		if vocabs[w] == nil {
			vocabs[w] = map[string]bool{}
		}
		words := analyzeWords(docs[i])
		if keptBytes.Add(words.size()) <= keepWords {
			kept[i] = &words
		}
		for f, ws := range words {
			lens[i][f] = len(ws)
			for _, x := range ws {
				if langs[i] == "nl" && len(x) >= minPart && !vocabs[w][x] {
					// x is a slice of the document's folded text: the
					// copy lets that text go once the words are used,
					// instead of keeping every document's (200 MB at
					// 100,000 pages).
					vocabs[w][strings.Clone(x)] = true
				}
			}
		}
	})
	vocab := map[string]bool{}
	for _, v := range vocabs {
		for x := range v {
			vocab[x] = true
		}
	}
	avg := averageLengths(lens)
	states := make([]*workerState, workers)
	for w := range states {
		states[w] = newWorkerState(vocab)
	}
	inv := newInverter()
	for start := 0; start < len(docs); start += batchSize {
		batch := make([]map[string]int, min(batchSize, len(docs)-start))
		parallel(len(batch), workers, func(w, i int) {
			words := kept[start+i]
			if words == nil {
				analyzed := analyzeWords(docs[start+i])
				words = &analyzed
			}
			kept[start+i] = nil
			batch[i] = states[w].impacts(words, lens[start+i], langs[start+i], &avg)
		})
		inv.add(start, batch)
	}
	return inv.index(tierMin)
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

// workerState is what one goroutine reuses across documents.
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

// impacts returns the quantised BM25F weight (1-63) of every term of one
// document; idf is applied in the browser, per term.
func (ws *workerState) impacts(w *docWords, lens [numFields]int, lang string, avg *[numFields]float64) map[string]int {
	st := ws.stem[lang]
	tf := map[string]float64{}
	for f, list := range w {
		norm := fieldWeights[f] / (1 - bm25B + bm25B*float64(lens[f])/avg[f])
		for _, x := range list {
			tf[st.stem(x)] += norm
			if t := trimZeros(x); t != "" {
				tf[t] += norm
			}
			if lang != "nl" || len(x) < minCompound {
				continue
			}
			for _, p := range ws.split.parts(x) {
				tf[st.stem(p)] += norm * partWeight
			}
		}
	}
	out := make(map[string]int, len(tf))
	for t, v := range tf {
		q := int(math.Round(v / (bm25K1 + v) * maxImpact))
		out[t] = max(1, min(maxImpact, q))
	}
	return out
}

// inverter turns per-document term weights into postings per term.
type inverter struct {
	states map[string]*termState
	docs   int
}

func newInverter() *inverter { return &inverter{states: map[string]*termState{}} }

// add appends the documents first, first+1, … with the given term weights.
func (v *inverter) add(first int, batch []map[string]int) {
	v.docs = max(v.docs, first+len(batch))
	for i, m := range batch {
		doc := first + i
		for t, q := range m {
			s := v.states[t]
			if s == nil {
				// A term may be a slice of its document's folded text:
				// a copy lets that text go (60 MB at 100,000 pages).
				s = &termState{}
				v.states[strings.Clone(t)] = s
			}
			appendVarint(&s.buf, doc-s.last)
			appendDigit(&s.buf, q)
			s.last, s.df = doc, s.df+1
		}
	}
}

// index returns the postings sorted by term, tiering those larger than
// tierMin bytes.
func (v *inverter) index(tierMin int) *index {
	idx := &index{terms: make([]string, 0, len(v.states))}
	for t := range v.states {
		idx.terms = append(idx.terms, t)
	}
	sort.Strings(idx.terms)
	idx.df = make([]int, len(idx.terms))
	idx.postings = make([]string, len(idx.terms))
	for i, t := range idx.terms {
		idx.df[i], idx.postings[i] = v.states[t].df, v.states[t].buf.String()
		sparse := idx.postings[i]
		if dense := denseForm(sparse, v.docs); len(dense) < len(idx.postings[i]) {
			idx.postings[i] = dense
		}
		if len(idx.postings[i]) > tierMin {
			if tiered := tieredForm(sparse, v.docs); len(tiered) < len(idx.postings[i]) {
				idx.postings[i] = tiered
			}
		}
	}
	return idx
}

// denseMark starts postings in dense form: after it, one character per
// document, its impact, 0 ('A') where the term does not occur. A term on
// most pages is smaller that way than as (delta, impact) pairs.
const denseMark = '~'

// denseForm returns the dense form of sparse postings over docs documents.
func denseForm(sparse string, docs int) string {
	if len(sparse) <= docs { // too sparse to win
		return sparse
	}
	ids, impacts := decodePostings(sparse)
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
