package search

import (
	"strings"
)

// Very common words are tiered. On a 100,000-page site a word on most pages
// has postings of 100 KB even in dense form, and a two-word query would load
// two of them. Such a word matters for which pages match (every word must),
// but hardly for their order: its idf is near 0. So its postings become
//
//	'!', the rest impact (one character), a bitmap of the documents that
//	have the word (6 per character), '.', and the (delta, impact) pairs of
//	the tierTop documents where the word weighs most
//
// which keeps the set of matching pages exact and gives every other document
// the rest impact: the rounded mean of their weights, without the title
// flag (the top documents are those with the word in the title first,
// since the flag is the impact's high bit). Only postings larger
// than tierMinBytes are tiered, so sites up to about 16,000 pages rank
// exactly.
const (
	tierMark     = '!'
	tierMinBytes = 16 << 10
	tierTop      = 500
)

// tieredOf returns the tiered form of decoded postings over docs documents.
func tieredOf(ids, impacts []int, docs int) string {
	top := strongest(impacts, tierTop)
	inTop := make([]bool, len(ids))
	for _, i := range top {
		inTop[i] = true
	}
	sum, n := 0, 0
	for i, q := range impacts {
		if !inTop[i] {
			sum, n = sum+q&maxWeight, n+1
		}
	}
	rest := 1
	if n > 0 {
		rest = max(1, (sum+n/2)/n)
	}
	bits := make([]byte, (docs+5)/6)
	for _, id := range ids {
		bits[id/6] |= 1 << (id % 6)
	}
	var b strings.Builder
	b.WriteByte(tierMark)
	appendDigit(&b, rest)
	for _, x := range bits {
		appendDigit(&b, int(x))
	}
	b.WriteByte('.')
	prev := 0
	for _, i := range top {
		appendVarint(&b, ids[i]-prev)
		appendDigit(&b, impacts[i])
		prev = ids[i]
	}
	return b.String()
}

// strongest returns the indexes of the n largest impacts (all of them if
// there are fewer), the lower index first among equals, in index order.
// Impacts are 1-63, so counting them finds the cut in linear time.
func strongest(impacts []int, n int) []int {
	var count [maxImpact + 1]int
	for _, q := range impacts {
		count[q]++
	}
	n = min(n, len(impacts))
	cut, above := maxImpact, 0 // impacts above cut are all in; of cut itself, the first n-above
	for cut > 0 && above+count[cut] < n {
		above += count[cut]
		cut--
	}
	extra := n - above
	top := make([]int, 0, n)
	for i, q := range impacts {
		switch {
		case q > cut:
			top = append(top, i)
		case q == cut && extra > 0:
			top = append(top, i)
			extra--
		}
	}
	return top
}

// decodeTiered is the inverse of tieredOf, with the rest impact for the
// documents outside the top; tests use it.
func decodeTiered(s string) (docs, impacts []int) {
	rest := strings.IndexByte(alphabet, s[1])
	dot := strings.IndexByte(s, '.')
	for i := 2; i < dot; i++ {
		c := strings.IndexByte(alphabet, s[i])
		for bit := 0; bit < 6; bit++ {
			if c&(1<<bit) != 0 {
				docs = append(docs, (i-2)*6+bit)
				impacts = append(impacts, rest)
			}
		}
	}
	topDocs, topImpacts := decodePostings(s[dot+1:])
	j := 0
	for k, d := range topDocs {
		for docs[j] != d {
			j++
		}
		impacts[j] = topImpacts[k]
	}
	return docs, impacts
}
