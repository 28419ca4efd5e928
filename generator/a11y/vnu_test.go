package a11y

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// checkValid runs the Nu HTML Checker once over the chosen page of every
// type of every site and fails on each error it reports.
func checkValid(t *testing.T, sites []*builtSite) {
	var files []string
	for _, s := range sites {
		for _, p := range s.pages {
			file, _, _ := strings.Cut(p.path, "?")
			files = append(files, filepath.Join(s.dir, filepath.FromSlash(file)))
		}
	}
	checkValidFiles(t, files)
	t.Logf("validated %d pages", len(files))
}

// checkValidFiles runs the Nu HTML Checker over files and fails on each
// error it reports.
func checkValidFiles(t *testing.T, files []string) {
	java, args := vnuCommand(t)
	args = append(append(args, "--errors-only", "--format", "json", "--stdout"), files...)
	out, err := exec.Command(java, args...).Output()
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v; output not JSON (%v): %.500s", err, jerr, out)
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "fatal" {
			t.Errorf("%s:%d: %s\n\t%s", shortURL(m.URL), m.LastLine, m.Message, m.Extract)
		}
	}
	if err != nil && !t.Failed() {
		t.Errorf("vnu exited with %v but reported no error", err)
	}
}

// shortURL turns vnu's file: URL into the path from the site's folder on.
func shortURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	parts := strings.Split(p.Path, "/")
	for i, part := range parts {
		if part == "nl-klantenservice" || part == "en-small" {
			return strings.Join(parts[i:], "/")
		}
	}
	return fmt.Sprint(p.Path)
}
