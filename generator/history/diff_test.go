package history

import (
	"fmt"
	"strings"
	"testing"
)

// render writes a diff as one string: a sign and the text per line.
func render(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s%s|", l.Op, l.Text)
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"both empty", "", "", ""},
		{"equal", "a\nb\n", "a\nb\n", " a| b|"},
		{"insert into empty", "", "a\nb", "+a|+b|"},
		{"delete all", "a\nb\n", "", "-a|-b|"},
		{"change middle", "a\nb\nc\n", "a\nx\nc\n", " a|-b|+x| c|"},
		{"insert at start", "b\nc\n", "a\nb\nc\n", "+a| b| c|"},
		{"append", "a\n", "a\nb\n", " a|+b|"},
		{"crlf is no change", "a\r\nb\r\n", "a\nb\n", " a| b|"},
		{"missing final newline is no change", "a\nb", "a\nb\n", " a| b|"},
		{"blank lines kept", "a\n\nb\n", "a\nb\n", " a|-| b|"},
		{"move", "a\nb\nc\n", "c\na\nb\n", "+c| a| b|-c|"},
		{"shortest script", "a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n",
			"-a|-b| c|+b| a| b|-b| a|+c|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.a, tt.b)
			if r := render(got); r != tt.want {
				t.Errorf("Diff = %q, want %q", r, tt.want)
			}
			checkNumbers(t, got, tt.a, tt.b)
		})
	}
}

// checkNumbers asserts that the diff rebuilds both texts through its line
// numbers.
func checkNumbers(t *testing.T, lines []Line, a, b string) {
	t.Helper()
	x, y := splitLines(a), splitLines(b)
	nx, ny := 0, 0
	for _, l := range lines {
		if l.Op != Insert {
			nx++
			if l.Old != nx || x[l.Old-1] != l.Text {
				t.Fatalf("line %+v: want old line %d %q", l, nx, x[nx-1])
			}
		}
		if l.Op != Delete {
			ny++
			if l.New != ny || y[l.New-1] != l.Text {
				t.Fatalf("line %+v: want new line %d %q", l, ny, y[ny-1])
			}
		}
	}
	if nx != len(x) || ny != len(y) {
		t.Fatalf("diff covers %d/%d old and %d/%d new lines", nx, len(x), ny, len(y))
	}
}

func TestDiffLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	lines := Diff("same\n"+a.String()+"end\n", "same\n"+b.String()+"end\n")
	if len(lines) != 40002 || lines[0].Op != Equal || lines[1].Op != Delete ||
		lines[20001].Op != Insert || lines[40001].Op != Equal {
		t.Errorf("beyond maxEdits: got %d lines, want keep, 20000 deleted, 20000 inserted, keep", len(lines))
	}
}

func TestHunks(t *testing.T) {
	ten := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	tests := []struct {
		name    string
		a, b    string
		context int
		want    []string // "@@ -s,n +s,n @@" then the rendered lines
	}{
		{"no change", ten, ten, 3, nil},
		{"one change", ten, strings.Replace(ten, "5\n", "five\n", 1), 1,
			[]string{"@@ -4,3 +4,3 @@  4|-5|+five| 6|"}},
		{"far apart", ten, strings.Replace(strings.Replace(ten, "2\n", "two\n", 1), "9\n", "nine\n", 1), 1,
			[]string{"@@ -1,3 +1,3 @@  1|-2|+two| 3|", "@@ -8,3 +8,3 @@  8|-9|+nine| 10|"}},
		{"close together merge", ten, strings.Replace(strings.Replace(ten, "4\n", "", 1), "6\n", "", 1), 1,
			[]string{"@@ -3,5 +3,3 @@  3|-4| 5|-6| 7|"}},
		{"insert into empty", "", "a\n", 3, []string{"@@ -0,0 +1,1 @@ +a|"}},
		{"delete at end, zero context", "a\nb\n", "a\n", 0, []string{"@@ -2,1 +1,0 @@ -b|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range Hunks(Diff(tt.a, tt.b), tt.context) {
				got = append(got, fmt.Sprintf("@@ -%d,%d +%d,%d @@ %s",
					h.OldStart, h.OldLines, h.NewStart, h.NewLines, render(h.Lines)))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Hunks =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func FuzzDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("", "x\r\ny")
	f.Fuzz(func(t *testing.T, a, b string) {
		lines := Diff(a, b)
		checkNumbers(t, lines, a, b)
		for _, h := range Hunks(lines, 3) {
			if len(h.Lines) == 0 {
				t.Fatal("empty hunk")
			}
		}
	})
}
