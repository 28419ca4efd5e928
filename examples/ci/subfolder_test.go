package ci

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The site of the subfolder runs: examples/nl-klantenservice in
// docs/handover of a repository, with a broken link.
const subSite = "docs/handover"

// repo lays out that repository, builds handover onto PATH as the
// templates' install step would, and returns the root and the broken page.
func repo(t *testing.T) (root, page, path string) {
	t.Helper()
	root = t.TempDir()
	src := filepath.Join("..", "nl-klantenservice")
	site := filepath.Join(root, filepath.FromSlash(subSite))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == "public" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(site, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(filepath.Join(site, rel), data, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(site, "content", "processes", "*.md"))
	f, err := os.OpenFile(pages[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "\nSee [the old page](no-such-page.md).")
	f.Close()
	rel, _ := filepath.Rel(root, pages[0])
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "handover"), "github.com/handover-dev/handover/cmd/handover")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return root, filepath.ToSlash(rel), bin + string(os.PathListSeparator) + os.Getenv("PATH")
}

// runChecks runs, from the repository root, every command of cmds that
// runs handover check, as the CI system would with bash; a failing command
// does not stop the others (the templates run the reports before the
// check that decides). It returns what each printed on standard output.
func runChecks(t *testing.T, root, path string, cmds []string, env ...string) []string {
	t.Helper()
	var outs []string
	for _, c := range cmds {
		if !strings.Contains(c, "handover check") {
			continue
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", c)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), append(env, "PATH="+path, "SOURCE_DATE_EPOCH=1795132800")...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			t.Fatalf("%s: %v\n%s", c, err, stderr.String())
		}
		outs = append(outs, stdout.String())
	}
	if len(outs) == 0 {
		t.Fatal("no command runs handover check")
	}
	return outs
}

// lines splits the commands of a template into single lines.
func lines(cmds string) []string {
	var out []string
	for l := range strings.Lines(cmds) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// inRepo asserts that every path is a file or folder of the repository at
// root, and that the broken page is among them.
func inRepo(t *testing.T, what, root, page string, paths []string) {
	t.Helper()
	found := false
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil || filepath.IsAbs(p) {
			t.Errorf("%s: %q is not a path in the repository: %v", what, p, err)
		}
		found = found || p == page
	}
	if !found {
		t.Errorf("%s: no report on %s among %v", what, page, paths)
	}
}

// TestGitHubSubfolder runs the check steps of the GitHub workflow with
// SITE docs/handover: every annotation's file and every SARIF location is
// a file of the repository, so GitHub attaches them to the pull request.
func TestGitHubSubfolder(t *testing.T) {
	root, page, path := repo(t)
	doc := load(t, ".github/workflows/handover.yml")
	build := doc["jobs"].(map[string]any)["build"]
	outs := runChecks(t, root, path, lines(commands(build)), "SITE="+subSite)
	var files []string
	for _, out := range outs {
		for _, m := range regexp.MustCompile(`(?m)^::(?:error|warning) file=([^,]+)`).FindAllStringSubmatch(out, -1) {
			files = append(files, m[1])
		}
	}
	inRepo(t, "annotations", root, page, files)
	data, err := os.ReadFile(filepath.Join(root, "handover.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	var uris []string
	for _, r := range sarif.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.URIBaseID != "%SRCROOT%" {
			t.Errorf("SARIF location %+v is not relative to the repository root", loc)
		}
		uris = append(uris, loc.URI)
	}
	inRepo(t, "SARIF", root, page, uris)
}

// TestGitLabSubfolder runs the check job of the GitLab template with SITE
// docs/handover: every Code Quality location is a file of the project.
func TestGitLabSubfolder(t *testing.T) {
	root, page, path := repo(t)
	doc := load(t, ".gitlab-ci.yml")
	runChecks(t, root, path, lines(commands(doc["check"])), "SITE="+subSite)
	data, err := os.ReadFile(filepath.Join(root, "gl-code-quality-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Location struct{ Path string }
	}
	if err := json.Unmarshal(data, &issues); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, is := range issues {
		paths = append(paths, is.Location.Path)
	}
	inRepo(t, "Code Quality", root, page, paths)
}

// TestAzureSubfolder runs the check step of the Azure template with SITE
// docs/handover: every JUnit test case is a file of the repository, and
// the broken page's case failed.
func TestAzureSubfolder(t *testing.T) {
	root, page, path := repo(t)
	doc := load(t, "azure-pipelines.yml")
	cmds := strings.ReplaceAll(commands(doc["steps"]), "$(SITE)", subSite) // Azure's macro syntax
	runChecks(t, root, path, lines(cmds))
	data, err := os.ReadFile(filepath.Join(root, "handover-check.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range suites.Suites[0].Cases {
		names = append(names, c.Name)
		if (c.Failure != nil) != (c.Name == page) {
			t.Errorf("test case %s: failed %v", c.Name, c.Failure != nil)
		}
	}
	inRepo(t, "JUnit", root, page, names)
}
