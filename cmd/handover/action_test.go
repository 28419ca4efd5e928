package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository's root, where action.yml and
// .pre-commit-hooks.yaml are.
var repoRoot = filepath.Join(sourceDir, "..", "..")

// copyDir copies the files under src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == "public" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// repoWithSite lays out a repository with a copy of examples/NAME in
// docs/handover and returns its root.
func repoWithSite(t *testing.T, name string) string {
	t.Helper()
	root := t.TempDir()
	copyDir(t, exampleDir(t, name), filepath.Join(root, "docs", "handover"))
	return root
}

// breakSite adds a broken link to the site's first process and returns
// the path of that page from the repository root.
func breakSite(t *testing.T, root string) string {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "handover", "content", "processes", "*.md"))
	if len(pages) == 0 {
		t.Fatal("no process page")
	}
	f, err := os.OpenFile(pages[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "\nSee [the old page](no-such-page.md).")
	f.Close()
	rel, _ := filepath.Rel(root, pages[0])
	return filepath.ToSlash(rel)
}

// actionFile is the part of action.yml a runner reads.
type actionFile struct {
	Name   string
	Inputs map[string]struct {
		Description string
		Default     string
	}
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	ID, Name, Uses, Run, Shell, If string
	Env                            map[string]string
	With                           map[string]string
}

// runner runs the steps of a composite action the way GitHub's runner
// does: run steps with bash in the workspace, expressions of inputs and
// step outputs substituted, $GITHUB_PATH and $GITHUB_OUTPUT read after each
// step. A uses step is not run: it is recorded with its inputs.
type runner struct {
	t         *testing.T
	workspace string
	inputs    map[string]string
	outputs   map[string]map[string]string // step id → name → value
	path      []string                     // prepended to PATH, newest first
	uses      map[string]map[string]string // action → its with, evaluated
	env       []string
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// eval returns the value of an expression the action uses: inputs.NAME,
// steps.ID.outputs.NAME, or whether one of them is not empty.
func (r *runner) eval(expr string) string {
	if left, ok := strings.CutSuffix(expr, " != ''"); ok {
		return fmt.Sprint(r.eval(left) != "")
	}
	parts := strings.Split(expr, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		if v, ok := r.inputs[parts[1]]; ok {
			return v
		}
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return r.outputs[parts[1]][parts[3]]
	}
	r.t.Fatalf("action.yml: expression %q is not one the test runner knows", expr)
	return ""
}

func (r *runner) expand(s string) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string { return r.eval(expression.FindStringSubmatch(m)[1]) })
}

// runSteps runs the action's steps until one fails, and returns the output
// of each run step by name and the error of the one that failed.
func (r *runner) runSteps(steps []actionStep) (map[string]string, error) {
	printed := map[string]string{}
	for _, s := range steps {
		if s.If != "" && r.eval(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s.If, "${{"), "}}"))) != "true" {
			continue
		}
		if s.Uses != "" {
			with := map[string]string{}
			for k, v := range s.With {
				with[k] = r.expand(v)
			}
			r.uses[s.Uses] = with
			continue
		}
		if s.Shell != "bash" {
			r.t.Fatalf("step %q: shell %q, want bash (a composite action's run step must name its shell)", s.Name, s.Shell)
		}
		out, err := r.run(s)
		printed[s.Name] = out
		if err != nil {
			return printed, fmt.Errorf("step %q: %v\n%s", s.Name, err, out)
		}
	}
	return printed, nil
}

// run runs one run step as GitHub does: bash --noprofile --norc -eo
// pipefail, with the step's env and the files of GITHUB_PATH and
// GITHUB_OUTPUT.
func (r *runner) run(s actionStep) (string, error) {
	dir := r.t.TempDir()
	ghPath, ghOutput := filepath.Join(dir, "path"), filepath.Join(dir, "output")
	for _, f := range []string{ghPath, ghOutput} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", r.expand(s.Run))
	cmd.Dir = r.workspace
	cmd.Env = append(append([]string{}, r.env...), "GITHUB_PATH="+ghPath, "GITHUB_OUTPUT="+ghOutput,
		"PATH="+strings.Join(append(append([]string{}, r.path...), os.Getenv("PATH")), string(os.PathListSeparator)))
	for k, v := range s.Env {
		cmd.Env = append(cmd.Env, k+"="+r.expand(v))
	}
	out, err := cmd.CombinedOutput()
	for _, l := range readLines(r.t, ghPath) {
		r.path = append([]string{l}, r.path...)
	}
	if s.ID != "" {
		r.outputs[s.ID] = map[string]string{}
		for _, l := range readLines(r.t, ghOutput) {
			if k, v, ok := strings.Cut(l, "="); ok {
				r.outputs[s.ID][k] = v
			}
		}
	}
	return string(out), err
}

func readLines(t *testing.T, file string) []string {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// loadAction parses action.yml and returns a runner for it in workspace
// with inputs over the defaults.
func loadAction(t *testing.T, workspace string, inputs map[string]string) (*runner, actionFile) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" || a.Name == "" {
		t.Fatalf("action.yml: runs.using %q, name %q; want a composite action with a name", a.Runs.Using, a.Name)
	}
	r := &runner{t: t, workspace: workspace, inputs: map[string]string{}, outputs: map[string]map[string]string{}, uses: map[string]map[string]string{},
		env: append(os.Environ(), "GITHUB_ACTION_PATH="+repoRoot, "GOBIN="+t.TempDir(), "CI=true")}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("action.yml: input %s has no description", name)
		}
		r.inputs[name] = in.Default
	}
	for name, v := range inputs {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %s", name)
		}
		r.inputs[name] = v
	}
	return r, a
}

// TestGitHubAction runs the steps of action.yml, as GitHub's runner would,
// on a repository with examples/nl-klantenservice in docs/handover: the
// action installs handover from this repository with go install, checks the
// site (writing a SARIF report), builds it and hands public/ to
// actions/upload-artifact. On a site with an error the check step fails
// with an annotation on the file, from the repository root, and the build
// does not run.
func TestGitHubAction(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		need(t, "go is not on PATH")
	}
	root := repoWithSite(t, "nl-klantenservice")
	r, a := loadAction(t, root, map[string]string{"site": "docs/handover", "strict": "true", "base-url": "https://intranet.example.nl/overdracht/"})
	printed, err := r.runSteps(a.Runs.Steps)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.uses["actions/setup-go@v5"]; !ok {
		t.Error("action.yml does not set up Go with actions/setup-go@v5")
	}
	upload, ok := r.uses["actions/upload-artifact@v4"]
	if !ok || upload["name"] != "handover-site" || upload["path"] != "docs/handover/public" {
		t.Errorf("upload-artifact with %v, want name handover-site and path docs/handover/public", upload)
	}
	for _, f := range []string{"docs/handover/public/index.html", "docs/handover/public/api/pages.json", "handover.sarif"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Errorf("after the action: %v", err)
		}
	}
	sarif, _ := os.ReadFile(filepath.Join(root, "handover.sarif"))
	if !strings.Contains(string(sarif), `"version": "2.1.0"`) || !strings.Contains(string(sarif), `"results": []`) {
		t.Errorf("handover.sarif of a clean site:\n%s", sarif)
	}
	if r.outputs["build"]["site-dir"] != "docs/handover/public" || r.outputs["check"]["sarif"] != "handover.sarif" {
		t.Errorf("outputs %v", r.outputs)
	}
	for name, out := range printed {
		if strings.Contains(out, "::error") || strings.Contains(out, "::warning") {
			t.Errorf("step %q annotated a clean site:\n%s", name, out)
		}
	}

	// A broken link: the check step fails, its annotation names the file
	// from the repository root, the SARIF file has the result, and there
	// is no build.
	root = repoWithSite(t, "nl-klantenservice")
	page := breakSite(t, root)
	r, a = loadAction(t, root, map[string]string{"site": "docs/handover"})
	printed, err = r.runSteps(a.Runs.Steps)
	if err == nil {
		t.Fatal("the action passed a site with a broken link")
	}
	annotations := regexp.MustCompile(`(?m)^::error file=([^,]+),line=\d+`).FindAllStringSubmatch(printed["Check (annotates the pull request)"], -1)
	if len(annotations) != 1 || annotations[0][1] != page {
		t.Errorf("annotations %v, want one on %s:\n%v", annotations, page, printed)
	}
	if _, ok := printed["Build"]; ok {
		t.Error("the build ran after a failed check")
	}
	if sarif, _ := os.ReadFile(filepath.Join(root, "handover.sarif")); !strings.Contains(string(sarif), `"uri": "`+page+`"`) {
		t.Errorf("handover.sarif lacks the broken link's file %s:\n%s", page, sarif)
	}
}

// preCommitHook is one entry of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID, Name, Description, Entry, Language, Files string
	PassFilenames                                 *bool `yaml:"pass_filenames"`
	Args                                          []string
}

// TestPreCommitHooks checks .pre-commit-hooks.yaml as pre-commit reads it
// (id, name, entry and language given; a files pattern that picks the
// site's sources) and runs each hook as pre-commit does with language
// golang: go install ./... of this repository, then the entry with the
// hook's args in the repository root. With args [docs/handover] it passes
// examples/nl-klantenservice and stops a commit that breaks a link, naming
// the file from the repository root.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) == 0 || hooks[0].ID != "handover-check" {
		t.Fatalf("hooks %+v, want handover-check first", hooks)
	}
	bin := t.TempDir()
	install := exec.Command("go", "install", "./...")
	install.Dir, install.Env = repoRoot, append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./... (what pre-commit runs for language: golang): %v\n%s", err, out)
	}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %+v: want id, name, entry, language golang and pass_filenames false", h)
		}
		files := regexp.MustCompile(h.Files)
		for _, p := range []string{"docs/handover/content/processes/intake.md", "handover.yaml", "docs/handover/people.yaml", "site/static/img/x.svg"} {
			if !files.MatchString(p) {
				t.Errorf("hook %s: files does not match %s", h.ID, p)
			}
		}
		for _, p := range []string{"README.md", "cmd/main.go", "docs/handover/public/index.html"} {
			if files.MatchString(p) {
				t.Errorf("hook %s: files matches %s", h.ID, p)
			}
		}
		root := repoWithSite(t, "nl-klantenservice")
		hook := func() (int, string) {
			argv := append(strings.Fields(h.Entry), append(h.Args, "docs/handover")...)
			cmd := exec.Command(filepath.Join(bin, argv[0]), argv[1:]...)
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); ok {
				return ee.ExitCode(), string(out)
			} else if err != nil {
				t.Fatal(err)
			}
			return 0, string(out)
		}
		if code, out := hook(); code != 0 {
			t.Errorf("hook %s on the example: exit %d\n%s", h.ID, code, out)
		}
		page := breakSite(t, root)
		code, out := hook()
		if code != exitContent || !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(page)+`:\d+:\d+: error: .*\(broken-link\)$`).MatchString(out) {
			t.Errorf("hook %s after breaking a link: exit %d, want 1 and an error on %s:\n%s", h.ID, code, page, out)
		}
	}
}
