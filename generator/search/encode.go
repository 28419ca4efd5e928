package search

import "strings"

// Postings, facet runs and tag lists travel as strings of the 64 characters
// below: JSON-safe, so a string needs no escaping, and about twice as small
// as a JSON array of numbers. engine.js decodes them (decodeVarints).
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// maxImpact is the largest impact of one posting: a quantised term weight
// of 1 to maxWeight, plus titleFlag when the term is in the page's title
// (or a compound of the title holds it). engine.js reads both parts.
const (
	maxImpact = 63
	maxWeight = 31
	titleFlag = 32
)

// appendVarint appends v as a variable-length number: each character carries
// 5 bits, and characters 32-63 mean "more characters follow".
func appendVarint(b *strings.Builder, v int) {
	for v >= 32 {
		b.WriteByte(alphabet[32+(v&31)])
		v >>= 5
	}
	b.WriteByte(alphabet[v])
}

// appendDigit appends one value 0-63 as a single character.
func appendDigit(b *strings.Builder, v int) {
	b.WriteByte(alphabet[v])
}

// decodeVarints is the inverse of a string of appendVarint calls; tests use
// it to check the encoding.
func decodeVarints(s string) []int {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		c := strings.IndexByte(alphabet, s[i])
		if c >= 32 {
			v |= (c - 32) << shift
			shift += 5
			continue
		}
		out = append(out, v|c<<shift)
		v, shift = 0, 0
	}
	return out
}

// encodeIDs encodes ascending document ids as deltas.
func encodeIDs(ids []int) string {
	var b strings.Builder
	prev := 0
	for _, id := range ids {
		appendVarint(&b, id-prev)
		prev = id
	}
	return b.String()
}

// decodePostings is the inverse of the (appendVarint delta, appendDigit
// impact) pairs of sparse postings: documents and impacts.
func decodePostings(s string) (docs, impacts []int) {
	docs, impacts = make([]int, 0, len(s)/2), make([]int, 0, len(s)/2) // a posting is 2 characters or more
	v, shift, doc := 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := int(digitOf[s[i]])
		if c >= 32 {
			v |= (c - 32) << shift
			shift += 5
			continue
		}
		doc += v | c<<shift
		v, shift = 0, 0
		i++
		docs = append(docs, doc)
		impacts = append(impacts, int(digitOf[s[i]]))
	}
	return docs, impacts
}

// digitOf is the value of each character of alphabet (a lookup; the
// postings of a 100,000-page index are decoded once to choose their form).
var digitOf = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()
