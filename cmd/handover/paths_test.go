package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// inSite checks that every reported path starts with the site folder dir
// (the tests' sites are temp folders outside the working directory, so
// their paths are absolute) and returns the reports with paths relative
// to the site, as the archives expect them.
func inSite(t *testing.T, format string, got []reported, dir string) []reported {
	t.Helper()
	prefix := filepath.ToSlash(dir) + "/"
	out := make([]reported, len(got))
	for i, r := range got {
		rel, ok := strings.CutPrefix(r.File, prefix)
		if !ok {
			t.Errorf("%s: path %q does not start with the site folder %s", format, r.File, prefix)
		}
		r.File = rel
		out[i] = r
	}
	return out
}

// subfolderRepo lays out a repository whose handover site is in
// docs/handover, with one error (a broken link) and one warning, and makes
// it the working directory.
func subfolderRepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	site := filepath.Join(root, "docs", "handover")
	for name, data := range map[string]string{
		"handover.yaml":          "title: Sub\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n  review-missing: off\n",
		"people.yaml":            "people:\n  - id: jan\n",
		"content/processes/p.md": "---\ntitle: P\nowner: jan\n---\nSee [x](missing.md).\n",
		"content/notes/a.md":     "---\ntitle: A\nid: same\n---\n",
		"content/notes/b.md":     "---\ntitle: B\nid: same\n---\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	return root
}

// TestPathPrefix: diagnostic paths start with SITE as typed, so they are
// relative to the working directory; an absolute SITE inside it is made
// relative, one outside it stays absolute; --path-prefix replaces the
// start, and --path-prefix . gives the paths relative to SITE of before.
func TestPathPrefix(t *testing.T) {
	root := subfolderRepo(t)
	outside := brokenSite(t)
	for _, tc := range []struct {
		name string
		args []string
		want string // the broken link's path
	}{
		{"relative", []string{"docs/handover"}, "docs/handover/content/processes/p.md"},
		{"dot and slashes", []string{"./docs//handover/"}, "docs/handover/content/processes/p.md"},
		{"absolute inside", []string{filepath.Join(root, "docs", "handover")}, "docs/handover/content/processes/p.md"},
		{"absolute outside", []string{outside}, filepath.ToSlash(outside) + "/content/processes/p.md"},
		{"prefix", []string{"--path-prefix", "site/docs", "docs/handover"}, "site/docs/content/processes/p.md"},
		{"old form", []string{"--path-prefix", ".", "docs/handover"}, "content/processes/p.md"},
		{"empty prefix", []string{"--path-prefix=", "docs/handover"}, "content/processes/p.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errOut := runCLI(t, false, append([]string{"check"}, tc.args...)...)
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(tc.want) + `:5:5: error: .*\(broken-link\)$`).MatchString(errOut) {
				t.Errorf("no %s:5:5 in\n%s", tc.want, errOut)
			}
			_, _, errOut = runCLI(t, false, append([]string{"build", "-d", filepath.Join(t.TempDir(), "out")}, tc.args...)...)
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(tc.want) + `:5:5: error: .*\(broken-link\)$`).MatchString(errOut) {
				t.Errorf("build: no %s:5:5 in\n%s", tc.want, errOut)
			}
		})
	}
}

// TestCheckFormatsInSubfolder runs every format on a site in docs/handover
// from the repository root, as CI does: every path each format names,
// notes included, is a file or folder relative to the root, and the JSON
// report says where the site is.
func TestCheckFormatsInSubfolder(t *testing.T) {
	subfolderRepo(t)
	exists := func(format, p string) {
		t.Helper()
		if _, err := os.Stat(filepath.FromSlash(p)); err != nil {
			t.Errorf("%s: %q is not a path from the repository root: %v", format, p, err)
		}
	}
	for _, f := range checkFormats {
		code, out, errOut := runCLI(t, false, "check", "--format", f.name, "docs/handover")
		if code != exitContent {
			t.Errorf("%s: exit %d, want 1\n%s", f.name, code, errOut)
		}
		var paths []string
		switch f.name {
		case "text":
			for _, m := range regexp.MustCompile(`(?m)^([^: ]+):\d+:\d+: (?:error|warning|note): `).FindAllStringSubmatch(errOut, -1) {
				paths = append(paths, m[1])
			}
		case "github":
			for _, m := range regexp.MustCompile(`file=([^,]+)`).FindAllStringSubmatch(out, -1) {
				paths = append(paths, m[1])
			}
		case "json":
			var rep struct {
				Site        string
				Diagnostics []struct {
					File  string
					Notes []struct{ File string }
				}
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Site != "docs/handover" {
				t.Errorf("json: site %q, want docs/handover", rep.Site)
			}
			for _, d := range rep.Diagnostics {
				paths = append(paths, d.File)
				for _, n := range d.Notes {
					paths = append(paths, n.File)
				}
			}
		case "sarif":
			for _, m := range regexp.MustCompile(`"uri": "([^"]+)"`).FindAllStringSubmatch(out, -1) {
				paths = append(paths, m[1])
			}
		case "codequality":
			for _, m := range regexp.MustCompile(`"path": "([^"]+)"`).FindAllStringSubmatch(out, -1) {
				paths = append(paths, m[1])
			}
		case "junit":
			var suites junitSuites
			if err := xml.Unmarshal([]byte(out), &suites); err != nil {
				t.Fatal(err)
			}
			for _, c := range suites.Suites[0].Cases {
				paths = append(paths, c.Name)
			}
		}
		if len(paths) < 3 {
			t.Errorf("%s: %d paths, want the broken link, the duplicate and its first definition:\n%s%s", f.name, len(paths), out, errOut)
		}
		for _, p := range paths {
			if !strings.HasPrefix(p, "docs/handover/") {
				t.Errorf("%s: path %q does not start with docs/handover/", f.name, p)
			}
			exists(f.name, p)
		}
	}
}
