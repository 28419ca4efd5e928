package search

// Compound splitting: Dutch writes compounds as one word (klantenservice,
// werkinstructie). A compound is indexed also under its parts, so a query for
// a part finds it. The parts are words that the site itself uses; nothing
// outside the site is consulted.

const (
	minPart     = 4 // shortest part a compound is split into
	minCompound = 8 // shortest word worth splitting (two parts of four)
	maxParts    = 4 // more parts than this is guesswork
	// maxCompound is the longest word, in bytes, that is split: split
	// looks up every substring of the word, which takes time cubic in its
	// length. Words are cut to maxWord letters before they get here; the
	// bound in bytes keeps words of letters outside ASCII cheap too.
	maxCompound = 64
)

// isLinking reports whether c is a Dutch linking morpheme that may follow a
// part: arbeid-s-contract, pann-e-koek.
func isLinking(c byte) bool { return c == 's' || c == 'e' }

// splitter splits compounds into words of a vocabulary. It is not safe for
// concurrent use.
type splitter struct {
	vocab map[string]bool
	memo  map[string][]string
}

func newSplitter(vocab map[string]bool) *splitter {
	return &splitter{vocab: vocab, memo: map[string][]string{}}
}

// parts returns every known word inside the compound w, finest split first
// included (klantenservicemedewerker → klantenservice, klanten, service,
// medewerker), or nil when w is not a compound of known words.
func (s *splitter) parts(w string) []string {
	if p, ok := s.memo[w]; ok {
		return p
	}
	var out []string
	if top := s.split(w); len(top) > 1 {
		seen := map[string]bool{}
		for _, p := range top {
			out = appendUnique(out, seen, p)
			for _, q := range s.parts(p) {
				out = appendUnique(out, seen, q)
			}
		}
	}
	s.memo[w] = out
	return out
}

func appendUnique(out []string, seen map[string]bool, w string) []string {
	if seen[w] {
		return out
	}
	seen[w] = true
	return append(out, w)
}

// split finds the split of w into the fewest vocabulary words (each at least
// minPart bytes, optionally followed by a linking s or e), preferring a
// longer first part on ties. It returns nil when there is none, and for
// words shorter than minCompound or longer than maxCompound bytes.
func (s *splitter) split(w string) []string {
	n := len(w)
	if n < minCompound || n > maxCompound {
		return nil
	}
	// best[i] is the fewest parts covering w[i:]; next[i] the end of the
	// first part and skip[i] the length of its linking morpheme.
	const none = maxParts + 1
	best := make([]int, n+1)
	next := make([]int, n+1)
	for i := range best {
		best[i] = none
	}
	best[n] = 0
	for i := n - minPart; i >= 0; i-- {
		for j := n; j >= i+minPart; j-- {
			if (i == 0 && j == n) || !s.vocab[w[i:j]] {
				continue
			}
			if c := best[j] + 1; c < best[i] {
				best[i], next[i] = c, j
			}
			if j+1 < n && isLinking(w[j]) {
				if c := best[j+1] + 1; c < best[i] {
					best[i], next[i] = c, -j // negative: a linking letter follows
				}
			}
		}
	}
	if best[0] > maxParts {
		return nil
	}
	var out []string
	for i := 0; i < n; {
		j := next[i]
		k := j
		if j < 0 {
			j = -j
			k = j + 1
		}
		out = append(out, w[i:j])
		i = k
	}
	return out
}
