package history

import (
	"unicode"
	"unicode/utf8"
)

// Segment is a run of text of a changed line: the same in both versions of
// the line, or only in the one it belongs to (Changed).
type Segment struct {
	Text    string
	Changed bool
}

// maxWordTokens bounds the word diff of a pair of lines; longer lines are
// marked changed as a whole.
const maxWordTokens = 4000

// WordDiff compares an old and a new version of one line word by word
// (Myers' algorithm over words, runs of spaces and single punctuation
// marks) and returns the segments of each: what the old line lost and the
// new line gained are Changed. Joined, the segments give the lines back.
func WordDiff(old, new string) (oldSegs, newSegs []Segment) {
	x, y := tokens(old), tokens(new)
	if len(x)+len(y) > maxWordTokens {
		return whole(old), whole(new)
	}
	ids := map[string]int{}
	ops := myers(lineIDs(x, ids), lineIDs(y, ids))
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case Equal:
			oldSegs = appendSeg(oldSegs, x[i], false)
			newSegs = appendSeg(newSegs, y[j], false)
			i, j = i+1, j+1
		case Delete:
			oldSegs = appendSeg(oldSegs, x[i], true)
			i++
		case Insert:
			newSegs = appendSeg(newSegs, y[j], true)
			j++
		}
	}
	return absorbSpaces(oldSegs), absorbSpaces(newSegs)
}

func whole(s string) []Segment {
	if s == "" {
		return nil
	}
	return []Segment{{Text: s, Changed: true}}
}

// appendSeg adds text to the last segment when it has the same state.
func appendSeg(segs []Segment, text string, changed bool) []Segment {
	if n := len(segs); n > 0 && segs[n-1].Changed == changed {
		segs[n-1].Text += text
		return segs
	}
	return append(segs, Segment{Text: text, Changed: changed})
}

// absorbSpaces joins an unchanged run of spaces between two changed runs
// into them ("a b" → "c d" marks "a b" whole, not "a", "b"), which reads
// better than a highlight per word.
func absorbSpaces(segs []Segment) []Segment {
	out := segs[:0:0]
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if !s.Changed && i > 0 && i+1 < len(segs) && isSpace(s.Text) && len(out) > 0 && out[len(out)-1].Changed {
			out[len(out)-1].Text += s.Text + segs[i+1].Text
			i++
			continue
		}
		if len(out) > 0 && out[len(out)-1].Changed == s.Changed {
			out[len(out)-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return s != ""
}

// tokens splits a line into words (letters and digits), runs of spaces
// and single other characters.
func tokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		class := tokenClass(r)
		if class == 0 {
			out = append(out, s[:n])
			s = s[n:]
			continue
		}
		end := n
		for end < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[end:])
			if tokenClass(r2) != class {
				break
			}
			end += n2
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

// tokenClass is 1 for a letter or digit, 2 for a space, 0 for anything
// else (a token of its own).
func tokenClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
		return 1
	case unicode.IsSpace(r):
		return 2
	}
	return 0
}
