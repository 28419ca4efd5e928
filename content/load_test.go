package content

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// The archives in testdata/load hold one site each. Every file but `expect`
// is a site file. `expect` lists every diagnostic Load must report, one per
// line, as `path:line[:col]: level: message-substring (rule)`; a line
// `note: path:line[:col]` after it asks for a note at that place. Without
// a column the column is not compared; `path: level: …` means line 0 (the
// whole file). Lines starting with '#' are comments.

// loadArchive builds a site from the txtar archive at file and loads it.
func loadArchive(t *testing.T, file string) (*Site, Diagnostics, []byte) {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var expect []byte
	for _, f := range a.Files {
		if f.Name == "expect" {
			expect = f.Data
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	s, ds := Load(fsys, LoadOptions{})
	return s, ds, expect
}

// loadFiles loads a site made of files, path → content.
func loadFiles(files map[string]string) (*Site, Diagnostics) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return Load(fsys, LoadOptions{})
}

// wantDiag is one line of an expect file.
type wantDiag struct {
	src      string // the expect line, for messages
	file     string
	line     int
	col      int // -1: not compared
	severity string
	message  string
	rule     string
	notes    []wantNote
}

type wantNote struct {
	file      string
	line, col int
}

var (
	expectLine = regexp.MustCompile(`^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning): (.*) \(([a-z-]+)\)$`)
	noteLine   = regexp.MustCompile(`^note: (.+?):(\d+)(?::(\d+))?$`)
)

func parseExpect(t *testing.T, src []byte) []*wantDiag {
	t.Helper()
	var out []*wantDiag
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := noteLine.FindStringSubmatch(l); m != nil {
			if len(out) == 0 {
				t.Fatalf("expect:%d: note before any diagnostic", i+1)
			}
			n := wantNote{file: m[1], line: atoi(m[2]), col: -1}
			if m[3] != "" {
				n.col = atoi(m[3])
			}
			out[len(out)-1].notes = append(out[len(out)-1].notes, n)
			continue
		}
		m := expectLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("expect:%d: cannot read %q", i+1, l)
		}
		w := &wantDiag{src: l, file: m[1], line: atoi(m[2]), col: -1, severity: m[4], message: m[5], rule: m[6]}
		if m[3] != "" {
			w.col = atoi(m[3])
		}
		out = append(out, w)
	}
	return out
}

func atoi(s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

func (w *wantDiag) matches(d Diagnostic) bool {
	if d.Pos.File != w.file || d.Pos.Line != w.line || (w.col >= 0 && d.Pos.Col != w.col) ||
		d.Severity.String() != w.severity || d.Rule != w.rule || !strings.Contains(d.Message, w.message) {
		return false
	}
	for _, n := range w.notes {
		found := false
		for _, dn := range d.Notes {
			if dn.Pos.File == n.file && dn.Pos.Line == n.line && (n.col < 0 || dn.Pos.Col == n.col) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// checkDiags reports every expected diagnostic that is missing and every
// diagnostic that is not expected.
func checkDiags(t *testing.T, got Diagnostics, want []*wantDiag) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, d := range got {
			if !used[i] && w.matches(d) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing diagnostic: %s", w.src)
		}
	}
	for i, d := range got {
		if !used[i] {
			t.Errorf("unexpected diagnostic: %s%s", d, notesString(d))
		}
	}
}

func notesString(d Diagnostic) string {
	var b strings.Builder
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "\n\tnote: %s: %s", n.Pos, n.Message)
	}
	return b.String()
}

func TestLoadArchives(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "load", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no archives: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, ds, expect := loadArchive(t, file)
			checkDiags(t, ds, parseExpect(t, expect))
		})
	}
}
