package history

import "strings"

// Op says what happened to a line between two texts.
type Op int

// The operations of a diff.
const (
	Equal  Op = iota // in both texts
	Delete           // only in the old text
	Insert           // only in the new text
)

// String returns the sign used in unified diffs: " ", "-" or "+".
func (o Op) String() string {
	switch o {
	case Delete:
		return "-"
	case Insert:
		return "+"
	}
	return " "
}

// Line is one line of a diff.
type Line struct {
	Op   Op
	Text string // without its line ending
	Old  int    // 1-based line number in the old text, 0 for an inserted line
	New  int    // 1-based line number in the new text, 0 for a deleted line
}

// maxEdits bounds the work of Diff: when the texts differ in more lines than
// this, the differing middle is shown as removed and added as a whole. It
// keeps time and memory (about maxEdits² integers) bounded for huge changes.
const maxEdits = 2000

// Diff returns a shortest line diff (Myers' algorithm) from a to b. Line
// endings are normalized, so a change from CRLF to LF alone is no change.
func Diff(a, b string) []Line {
	x, y := splitLines(a), splitLines(b)
	ids := map[string]int{}
	xi, yi := lineIDs(x, ids), lineIDs(y, ids)
	pre := 0
	for pre < len(xi) && pre < len(yi) && xi[pre] == yi[pre] {
		pre++
	}
	suf := 0
	for suf < len(xi)-pre && suf < len(yi)-pre && xi[len(xi)-1-suf] == yi[len(yi)-1-suf] {
		suf++
	}
	ops := make([]Op, 0, len(x)+len(y))
	for range pre {
		ops = append(ops, Equal)
	}
	ops = append(ops, myers(xi[pre:len(xi)-suf], yi[pre:len(yi)-suf])...)
	for range suf {
		ops = append(ops, Equal)
	}
	return number(ops, x, y)
}

// splitLines splits s into lines without their endings; a final line ending
// does not start another line.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// lineIDs maps each line to a small integer, equal lines to equal integers.
func lineIDs(lines []string, ids map[string]int) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		id, ok := ids[l]
		if !ok {
			id = len(ids)
			ids[l] = id
		}
		out[i] = id
	}
	return out
}

// number attaches the text and line numbers to a sequence of operations.
func number(ops []Op, x, y []string) []Line {
	lines := make([]Line, 0, len(ops))
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case Equal:
			lines = append(lines, Line{Op: Equal, Text: y[j], Old: i + 1, New: j + 1})
			i, j = i+1, j+1
		case Delete:
			lines = append(lines, Line{Op: Delete, Text: x[i], Old: i + 1})
			i++
		case Insert:
			lines = append(lines, Line{Op: Insert, Text: y[j], New: j + 1})
			j++
		}
	}
	return lines
}

// myers returns the operations of a shortest edit script from a to b, or a
// delete-all, insert-all script when that script is longer than maxEdits.
func myers(a, b []int) []Op {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	var trace [][]int // trace[d] holds v[-d-1 .. d+1] as it was before step d
	for d := 0; d <= n+m && d <= maxEdits; d++ {
		trace = append(trace, append([]int(nil), v[offset-d-1:offset+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
				x = v[offset+k+1]
			} else {
				x = v[offset+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	ops := make([]Op, 0, n+m)
	for range n {
		ops = append(ops, Delete)
	}
	for range m {
		ops = append(ops, Insert)
	}
	return ops
}

// backtrack follows the trace of myers back from (n, m) to (0, 0).
func backtrack(trace [][]int, n, m int) []Op {
	var rev []Op
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		at := func(k int) int { return v[k+d+1] }
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, Equal)
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, Insert)
			} else {
				rev = append(rev, Delete)
			}
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
