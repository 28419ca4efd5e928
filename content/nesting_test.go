package content

import (
	"bytes"
	"strings"
	"testing"
)

// TestDeepestNesting checks the line and depth found, with fenced code
// (whose lines do not count) opened and closed in the ways Markdown allows.
func TestDeepestNesting(t *testing.T) {
	for _, c := range []struct {
		body        string
		line, depth int
	}{
		{"a\n> > > x\n", 2, 3},
		{"```\n> > > > x\n```\n> y\n", 4, 1},
		{"~~~\n- - - x\n~~~\n", 0, 0},
		{"> ```\n> > > x\n> ```\n- a", 4, 1},
		{"x", 0, 0},
		{"``\n> > x", 2, 2},
		{"```go\n> > x\n````\n> y", 4, 1},
		{"~~~\n```\n> > x\n~~~\n1. > z\n", 5, 2},
		{"- a\n  - b\n    - c\n\n> - > d\n", 3, 3}, // the first line as deep as any
		{"", 0, 0},
	} {
		line, depth := deepestNesting([]byte(c.body))
		if ref, rdepth := splitNesting([]byte(c.body)); line != ref || depth != rdepth {
			t.Errorf("%q: (%d, %d), but line by line (%d, %d)", c.body, line, depth, ref, rdepth)
		}
		if line != c.line || depth != c.depth {
			t.Errorf("%q: line %d depth %d, want line %d depth %d", c.body, line, depth, c.line, c.depth)
		}
	}
}

// splitNesting is deepestNesting written plainly, line by line.
func splitNesting(body []byte) (line, depth int) {
	var code fences
	for i, l := range bytes.Split(body, []byte("\n")) {
		if code.skip(strings.TrimLeft(string(l), " \t>")) {
			continue
		}
		if d := nestingOf(l); d > depth {
			line, depth = i+1, d
		}
	}
	return line, depth
}

func FuzzDeepestNesting(f *testing.F) {
	for _, s := range []string{"> ```\n> > > x\n> ```\n- a", "~~~\n```\n> > x\n~~~\n1. > z\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		line, depth := deepestNesting(body)
		if rl, rd := splitNesting(body); line != rl || depth != rd {
			t.Fatalf("%q: (%d, %d), line by line (%d, %d)", body, line, depth, rl, rd)
		}
	})
}
