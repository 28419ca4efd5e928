package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runCLI runs the command line with args and returns the exit code and
// what it printed. Colour is off unless color is set.
func runCLI(t *testing.T, color bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIContext(context.Background(), color, args...)
}

// runCLIContext is runCLI under ctx, for a command that may keep running.
func runCLIContext(ctx context.Context, color bool, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(ctx, args, &env{stdout: &out, stderr: &errOut, color: color, tty: color})
	return code, out.String(), errOut.String()
}

// writeSite writes files (slash path → text) into a new temp site folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// brokenSite has one error (a broken link on line 4, column 5) and one
// warning (a process without sponsor).
func brokenSite(t *testing.T) string {
	return writeSite(t, map[string]string{
		"handover.yaml":          "title: Broken\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n  review-missing: off\n",
		"people.yaml":            "people:\n  - id: jan\n",
		"content/processes/p.md": "---\ntitle: P\nowner: jan\n---\nSee [x](missing.md).\n",
	})
}

func TestMain(m *testing.M) {
	// Pin today for the examples' review dates: 20 November 2026.
	os.Setenv("SOURCE_DATE_EPOCH", "1795132800")
	os.Exit(m.Run())
}

func TestExitCodes(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "en-small")
	for _, tc := range []struct {
		name string
		args func(t *testing.T) []string
		want int
	}{
		{"build ok", func(t *testing.T) []string {
			return []string{"build", "-q", "-d", filepath.Join(t.TempDir(), "out"), example}
		}, exitOK},
		{"check ok", func(t *testing.T) []string { return []string{"check", example} }, exitOK},
		{"build content error", func(t *testing.T) []string {
			return []string{"build", "-d", filepath.Join(t.TempDir(), "out"), brokenSite(t)}
		}, exitContent},
		{"check content error", func(t *testing.T) []string { return []string{"check", brokenSite(t)} }, exitContent},
		{"strict turns a warning into an error", func(t *testing.T) []string {
			site := writeSite(t, map[string]string{
				"handover.yaml": "title: W\nlanguage: en\n",
				"content/n.md":  "# N\n",
			})
			return []string{"check", "--strict", site}
		}, exitContent},
		{"warnings only", func(t *testing.T) []string {
			site := writeSite(t, map[string]string{
				"handover.yaml": "title: W\nlanguage: en\n",
				"content/n.md":  "# N\n",
			})
			return []string{"check", site}
		}, exitOK},
		{"bad flag", func(*testing.T) []string { return []string{"build", "--no-such-flag"} }, exitUsage},
		{"bad flag check", func(*testing.T) []string { return []string{"check", "-x"} }, exitUsage},
		{"bad format", func(*testing.T) []string { return []string{"check", "--format", "xml", example} }, exitUsage},
		{"too many args", func(*testing.T) []string { return []string{"build", "a", "b"} }, exitUsage},
		{"unknown command", func(*testing.T) []string { return []string{"bild"} }, exitUsage},
		{"no command", func(*testing.T) []string { return nil }, exitUsage},
		{"version", func(*testing.T) []string { return []string{"version"} }, exitOK},
		{"--version", func(*testing.T) []string { return []string{"--version"} }, exitOK},
		{"help", func(*testing.T) []string { return []string{"--help"} }, exitOK},
		{"new unknown type", func(t *testing.T) []string { return []string{"new", "widget", "X", t.TempDir()} }, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args(t)
			code, out, errOut := runCLI(t, false, args...)
			if code != tc.want {
				t.Errorf("handover %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, tc.want, out, errOut)
			}
		})
	}
}

// TestBuildContentErrorOutput: a failing build prints the diagnostic as
// path:line:col: level: message (rule), the path starting with SITE (here
// absolute: a temp folder outside the working directory), and writes
// nothing.
func TestBuildContentErrorOutput(t *testing.T) {
	site := brokenSite(t)
	dest := filepath.Join(t.TempDir(), "out")
	code, _, errOut := runCLI(t, false, "build", "-d", dest, site)
	if code != exitContent {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	in := regexp.QuoteMeta(filepath.ToSlash(site) + "/")
	want := regexp.MustCompile(`(?m)^` + in + `content/processes/p\.md:5:5: error: .* \(broken-link\)$`)
	if !want.MatchString(errOut) {
		t.Errorf("stderr lacks the broken-link line:\n%s", errOut)
	}
	if !regexp.MustCompile(`(?m)^` + in + `content/processes/p\.md:2:1: warning: .* \(missing-sponsor\)$`).MatchString(errOut) {
		t.Errorf("stderr lacks the missing-sponsor line:\n%s", errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("failed build created %s: %v", dest, err)
	}
}

// TestNoSuchSite: a SITE that is not there, or is a file, is bad usage for
// every command that reads a site: a mistyped path must not build, publish
// or serve an empty site, nor create the folder.
func TestNoSuchSite(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "overdrahct")
	file := filepath.Join(dir, "handover.yaml")
	if err := os.WriteFile(file, []byte("title: X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"build", missing},
		{"build", "-d", filepath.Join(dir, "out"), missing},
		{"check", missing},
		{"serve", "--port", "0", missing},
		{"new", "instruction", "Terugbellen", missing},
		{"build", file},
		{"check", file},
	} {
		// A serve that started after all would run until the context ends.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		code, _, errOut := runCLIContext(ctx, false, args...)
		cancel()
		if code != exitUsage {
			t.Errorf("handover %s: exit %d, want %d\n%s", strings.Join(args, " "), code, exitUsage, errOut)
		}
		site := args[len(args)-1]
		if want := "site folder " + site + " does not exist"; site == missing && !strings.Contains(errOut, want) {
			t.Errorf("handover %s: stderr %q does not say %q", strings.Join(args, " "), errOut, want)
		}
		if want := "is a file, not a folder"; site == file && !strings.Contains(errOut, want) {
			t.Errorf("handover %s: stderr %q does not say %q", strings.Join(args, " "), errOut, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the commands created %d entries beside %s, want none", len(entries)-1, file)
	}
}

// TestHelp: --help on every command prints its usage with an example, once,
// on stdout, and exits 0.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			code, out, errOut := runCLI(t, false, args...)
			if code != exitOK {
				t.Errorf("handover %s: exit %d, want 0\n%s", strings.Join(args, " "), code, errOut)
			}
			if !strings.Contains(out, "Example") || !strings.Contains(out, "handover "+c.name) {
				t.Errorf("handover %s: no example on stdout:\n%s", strings.Join(args, " "), out)
			}
			if n := strings.Count(out, "Usage:"); n != 1 || errOut != "" {
				t.Errorf("handover %s: usage %d times on stdout, stderr %q; want it once, on stdout only", strings.Join(args, " "), n, errOut)
			}
		}
	}
	code, out, _ := runCLI(t, false, "--help")
	if code != exitOK {
		t.Errorf("handover --help: exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(out, c.name) {
			t.Errorf("handover --help does not list %s", c.name)
		}
	}
}

// TestCheckJSON: check --format json prints an object with a diagnostics
// array (file, line, column, level, rule, message) and a summary.
func TestCheckJSON(t *testing.T) {
	site := brokenSite(t)
	code, out, errOut := runCLI(t, false, "check", "--format", "json", site)
	if code != exitContent {
		t.Errorf("exit %d, want 1\n%s", code, errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	var diags []map[string]any
	if err := json.Unmarshal(raw["diagnostics"], &diags); err != nil {
		t.Fatalf("diagnostics is not an array of objects: %v\n%s", err, out)
	}
	if len(diags) != 2 {
		t.Fatalf("want 2 diagnostics, got %d:\n%s", len(diags), out)
	}
	for _, d := range diags {
		for _, key := range []string{"file", "line", "column", "level", "rule", "message"} {
			if _, ok := d[key]; !ok {
				t.Errorf("diagnostic lacks %q: %v", key, d)
			}
		}
	}
	found := false
	for _, d := range diags {
		if d["rule"] == "broken-link" {
			found = true
			if d["file"] != filepath.ToSlash(site)+"/content/processes/p.md" || d["line"] != float64(5) || d["column"] != float64(5) || d["level"] != "error" {
				t.Errorf("broken-link diagnostic = %v", d)
			}
		}
	}
	if !found {
		t.Errorf("no broken-link diagnostic in %s", out)
	}
	var summary map[string]any
	if err := json.Unmarshal(raw["summary"], &summary); err != nil {
		t.Fatalf("summary: %v\n%s", err, out)
	}
	if summary["errors"] != float64(1) || summary["warnings"] != float64(1) {
		t.Errorf("summary = %v, want 1 error and 1 warning", summary)
	}
	if strings.Contains(errOut, "\x1b") || strings.Contains(out, "\x1b") {
		t.Error("escape codes in JSON mode")
	}

	// A clean site gives an empty array, not null.
	code, out, _ = runCLI(t, false, "check", "--format", "json", filepath.Join("..", "..", "examples", "en-small"))
	if code != exitOK {
		t.Errorf("clean site: exit %d", code)
	}
	if !regexp.MustCompile(`"diagnostics":\s*\[\s*\]`).MatchString(out) {
		t.Errorf("clean site: want \"diagnostics\": [], got\n%s", out)
	}
}

// TestCheckGitHub: check --format github prints workflow commands that
// annotate the line.
func TestCheckGitHub(t *testing.T) {
	site := brokenSite(t)
	code, out, _ := runCLI(t, false, "check", "--format", "github", "--path-prefix", "docs/handover", site)
	if code != exitContent {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^::error file=docs/handover/content/processes/p\.md,line=5,col=5,.*::.+$`).MatchString(out) {
		t.Errorf("no ::error line for the broken link:\n%s", out)
	}
	if !strings.Contains(out, "::warning file=docs/handover/content/processes/p.md,line=2") {
		t.Errorf("no ::warning line for the missing sponsor:\n%s", out)
	}
}

// TestNoColor: without colour (NO_COLOR, not a terminal) no escape codes
// are printed; with colour the level is coloured.
func TestNoColor(t *testing.T) {
	site := brokenSite(t)
	for _, args := range [][]string{
		{"check", site},
		{"build", "-d", filepath.Join(t.TempDir(), "out"), site},
		{"check", "--format", "github", site},
		{"bild"},
		{"build", "--nope"},
	} {
		_, out, errOut := runCLI(t, false, args...)
		if strings.Contains(out+errOut, "\x1b") {
			t.Errorf("handover %s printed escape codes without colour:\n%q", strings.Join(args, " "), out+errOut)
		}
	}
	_, _, errOut := runCLI(t, true, "check", site)
	if !strings.Contains(errOut, "\x1b[") {
		t.Errorf("with colour the level is not coloured:\n%q", errOut)
	}
	t.Setenv("NO_COLOR", "1")
	if newEnv().color {
		t.Error("newEnv: color with NO_COLOR set")
	}
}

// TestNewSiteBuilds: new site scaffolds a site that builds.
func TestNewSiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mijn-overdracht")
	if code, out, errOut := runCLI(t, false, "new", "site", dir); code != exitOK {
		t.Fatalf("new site: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, false, "build", "-q", dir)
	if code != exitOK {
		t.Fatalf("build of a new site: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Error(err)
	}
	code, out, errOut = runCLI(t, false, "new", "decision", "Tweede besluit", dir)
	if code != exitOK {
		t.Fatalf("new decision: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, false, "check", dir); code != exitOK {
		t.Errorf("check after new decision: exit %d\n%s", code, errOut)
	}
}

// TestVersion prints the version.
func TestVersion(t *testing.T) {
	_, out, _ := runCLI(t, false, "version")
	if !strings.HasPrefix(out, "handover ") || !strings.Contains(out, version) {
		t.Errorf("version printed %q", out)
	}
}
