package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/handover-dev/handover/content"
)

// readinessDir holds the build archives; readiness_*.txtar are one site
// per readiness defect: readiness_base.txtar is the clean site, every other
// lays its files over it (options: base readiness_base).
var readinessDir = filepath.Join("..", "..", "generator", "testdata", "build")

// reported is one diagnostic as a format printed it.
type reported struct {
	File      string
	Line, Col int
	Level     string
	Rule      string
	Message   string
}

func (r reported) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s (%s)", r.File, r.Line, r.Col, r.Level, r.Message, r.Rule)
}

// readinessSite is a readiness archive laid over readiness_base.txtar.
type readinessSite struct {
	files  map[string]string
	want   []reported // message is a substring
	strict bool
	todo   int // checklist items not done
}

var expectLine = regexp.MustCompile(`^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning): ?(.*?) ?\(([a-z-]+)\)$`)

func loadReadinessSite(t *testing.T, name string) readinessSite {
	t.Helper()
	s := readinessSite{files: map[string]string{}}
	for _, file := range []string{"readiness_base.txtar", name} {
		a, err := txtar.ParseFile(filepath.Join(readinessDir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			switch f.Name {
			case "expect-diags":
				s.want = parseExpect(t, string(f.Data))
			case "options":
				s.strict = strings.Contains(string(f.Data), "strict")
			case "expect-readiness":
				for l := range strings.Lines(string(f.Data)) {
					if rest, ok := strings.CutPrefix(l, "todo:"); ok {
						s.todo = len(strings.Fields(rest))
					}
				}
			default:
				s.files[f.Name] = string(f.Data)
			}
		}
	}
	return s
}

func parseExpect(t *testing.T, src string) []reported {
	t.Helper()
	var out []reported
	for l := range strings.Lines(src) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m := expectLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("expect-diags: cannot parse %q", l)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		out = append(out, reported{m[1], line, col, m[4], m[6], m[5]})
	}
	return out
}

// TestCheckReadinessArchives runs handover check on every readiness site
// in all three formats: each reports exactly the expected diagnostics
// (rule, file, line, column, level), sorted, with matching exit status and
// summary.
func TestCheckReadinessArchives(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(readinessDir, "readiness_*.txtar"))
	if err != nil || len(names) < 2 {
		t.Fatalf("archives in %s: %v %v", readinessDir, names, err)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			t.Parallel()
			s := loadReadinessSite(t, name)
			dir := writeSite(t, s.files)
			wantCode := exitOK
			for _, w := range s.want {
				if w.Level == "error" {
					wantCode = exitContent
				}
			}
			for _, format := range []string{"text", "json", "github"} {
				args := []string{"check", "--format", format}
				if s.strict {
					args = append(args, "--strict")
				}
				code, out, errOut := runCLI(t, false, append(args, dir)...)
				if code != wantCode {
					t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", format, code, wantCode, out, errOut)
				}
				var got []reported
				switch format {
				case "text":
					got = parseText(t, errOut, len(s.want))
				case "json":
					got = parseJSON(t, out, s)
				case "github":
					got = parseGitHub(t, out)
				}
				compareReported(t, format, inSite(t, format, got, dir), s.want)
			}
		})
	}
}

func compareReported(t *testing.T, format string, got, want []reported) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		g, w := got[i], want[i]
		if format == "github" && w.Line == 0 {
			w.Col = 0 // a whole-file annotation has neither line nor column
		}
		ok = g.File == w.File && g.Line == w.Line && g.Col == w.Col && g.Level == w.Level && g.Rule == w.Rule &&
			strings.Contains(g.Message, w.Message)
	}
	if !ok {
		t.Errorf("%s: diagnostics differ\ngot:\n\t%s\nwant:\n\t%s", format, join(got), join(want))
	}
	sorted := slices.IsSortedFunc(got, func(a, b reported) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	if !sorted {
		t.Errorf("%s: diagnostics not sorted by file and line:\n\t%s", format, join(got))
	}
}

func join(rs []reported) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	return strings.Join(s, "\n\t")
}

var summaryLine = regexp.MustCompile(`(?m)^handover: checked \d+ pages in \S+, (\d+) warnings?, (\d+) errors?, readiness (\d+)%$`)

// parseText reads "path:line:col: level: message (rule)" lines and checks
// the closing summary.
func parseText(t *testing.T, stderr string, n int) []reported {
	t.Helper()
	var got []reported
	var warnings, errors int
	for l := range strings.Lines(stderr) {
		l = strings.TrimRight(l, "\n")
		if strings.HasPrefix(l, "handover: ") {
			continue
		}
		m := expectLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("text: line %q is not path:line:col: level: message (rule)", l)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		got = append(got, reported{m[1], line, col, m[4], m[6], m[5]})
		if m[4] == "error" {
			errors++
		} else {
			warnings++
		}
	}
	m := summaryLine.FindStringSubmatch(stderr)
	if m == nil {
		t.Errorf("text: no summary line in\n%s", stderr)
	} else if m[1] != strconv.Itoa(warnings) || m[2] != strconv.Itoa(errors) {
		t.Errorf("text: summary %q, want %d warnings and %d errors", m[0], warnings, errors)
	}
	return got
}

func parseJSON(t *testing.T, stdout string, s readinessSite) []reported {
	t.Helper()
	var rep struct {
		Diagnostics []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Level   string `json:"level"`
			Rule    string `json:"rule"`
			Message string `json:"message"`
		} `json:"diagnostics"`
		Summary struct {
			Pages, Errors, Warnings int
			Score                   int `json:"readiness_score"`
			Done                    int `json:"readiness_done"`
			Items                   int `json:"readiness_items"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	var got []reported
	var errors, warnings int
	for _, d := range rep.Diagnostics {
		got = append(got, reported{d.File, d.Line, d.Column, d.Level, d.Rule, d.Message})
		if d.Level == "error" {
			errors++
		} else {
			warnings++
		}
	}
	sum := rep.Summary
	if sum.Errors != errors || sum.Warnings != warnings || sum.Pages == 0 {
		t.Errorf("json: summary %+v, want %d errors, %d warnings", sum, errors, warnings)
	}
	if sum.Items != 10 || sum.Done != 10-s.todo || sum.Score != (10-s.todo)*100/10 {
		t.Errorf("json: summary %+v, want %d of 10 items done", sum, 10-s.todo)
	}
	return got
}

var githubLine = regexp.MustCompile(`^::(error|warning) file=([^,]*)(?:,line=(\d+)(?:,col=(\d+))?)?,title=([^,:]*)::(.*)$`)

// ghUnescape undoes the workflow command escaping of writeGitHub.
var ghUnescape = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")

func parseGitHub(t *testing.T, stdout string) []reported {
	t.Helper()
	var got []reported
	for l := range strings.Lines(stdout) {
		l = strings.TrimRight(l, "\n")
		m := githubLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("github: %q is not a workflow command", l)
			continue
		}
		line, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		got = append(got, reported{ghUnescape.Replace(m[2]), line, col, m[1], ghUnescape.Replace(m[5]), ghUnescape.Replace(m[6])})
	}
	return got
}

// TestGitHubEscaping: the workflow command escapes %, CR and LF in the
// message, and also : and , in properties, so a file name or message
// cannot end the command early or add properties; notes follow on lines
// of their own; a whole-file diagnostic has no line.
func TestGitHubEscaping(t *testing.T) {
	ds := content.Diagnostics{
		{Severity: content.Error, Pos: content.Pos{File: "content/a,b:c%d.md", Line: 3, Col: 7}, Rule: "broken-link",
			Message: "100% broken:\r\nsee ::error file=x::"},
		{Severity: content.Warning, Pos: content.Pos{File: "content/meetings"}, Rule: "rhythm-missing", Message: "none"},
		{Severity: content.Error, Pos: content.Pos{File: "content/b.md", Line: 2, Col: 1}, Rule: "duplicate-id", Message: "duplicate page id b",
			Notes: []content.Note{{Pos: content.Pos{File: "content/a.md", Line: 2, Col: 1}, Message: "first defined here"}}},
	}
	var out strings.Builder
	writeGitHub(&env{stdout: &out}, ds)
	want := "::error file=content/a%2Cb%3Ac%25d.md,line=3,col=7,title=broken-link::100%25 broken:%0D%0Asee ::error file=x::\n" +
		"::warning file=content/meetings,title=rhythm-missing::none\n" +
		"::error file=content/b.md,line=2,col=1,title=duplicate-id::duplicate page id b%0Acontent/a.md:2:1: note: first defined here\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	for l := range strings.Lines(out.String()) {
		if strings.Count(l, "\n") != 1 || strings.ContainsAny(strings.TrimSuffix(l, "\n"), "\r\n") {
			t.Errorf("command spans lines: %q", l)
		}
	}
}

// TestCheckJSONNotes: notes travel with their diagnostic in JSON.
func TestCheckJSONNotes(t *testing.T) {
	site := writeSite(t, map[string]string{
		"handover.yaml":      "title: D\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n",
		"content/notes/a.md": "---\ntitle: A\nid: same\n---\n",
		"content/notes/b.md": "---\ntitle: B\nid: same\n---\n",
	})
	code, out, _ := runCLI(t, false, "check", "--format", "json", site)
	if code != exitContent {
		t.Errorf("exit %d, want 1\n%s", code, out)
	}
	if !regexp.MustCompile(`"rule": "duplicate-id",\s*"message": "[^"]*",\s*"notes": \[\s*\{\s*"file": "` + regexp.QuoteMeta(filepath.ToSlash(site)) + `/content/notes/a.md",\s*"line": 3`).MatchString(out) {
		t.Errorf("no duplicate-id with a note pointing at a.md:\n%s", out)
	}
}
