package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handover-dev/handover/content"
)

// need skips a test whose tool is missing, and fails it in CI (CI=true),
// where .ci/run installs every tool.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// python returns a Python 3 that imports every module in modules: the one
// $HANDOVER_PYTHON names, python3 on PATH, or Debian's (where .ci/run
// installs the python3-* packages when PATH has another Python first).
func python(t *testing.T, modules ...string) string {
	t.Helper()
	for _, py := range []string{os.Getenv("HANDOVER_PYTHON"), "python3", "/usr/bin/python3"} {
		if py == "" {
			continue
		}
		if exec.Command(py, "-c", "import "+strings.Join(modules, ", ")).Run() == nil {
			return py
		}
	}
	need(t, "no python3 with %s (apt-get install %s)", strings.Join(modules, ", "), "python3-"+strings.Join(modules, " python3-"))
	return ""
}

// checkOutput runs handover check --format format in the working
// directory and returns what it printed on standard output.
func checkOutput(t *testing.T, format string, args ...string) string {
	t.Helper()
	_, out, errOut := runCLI(t, false, append([]string{"check", "-q", "--format", format}, args...)...)
	if errOut != "" {
		t.Errorf("%s: printed on standard error:\n%s", format, errOut)
	}
	return out
}

// writeTemp writes data into a temp file named name and returns its path.
func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// validateSARIF validates a log against the OASIS SARIF 2.1.0 schema with
// Python's jsonschema.
const validateSARIF = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft4Validator.check_schema(schema)
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for f in sys.argv[2:]:
    for e in sorted(v.iter_errors(json.load(open(f))), key=str):
        bad += 1
        print(f, "/".join(map(str, e.absolute_path)), e.message)
sys.exit(1 if bad else 0)
`

// TestSARIFSchema: --format sarif is valid against the OASIS SARIF 2.1.0
// schema, for a site with errors, warnings, notes and a whole-folder
// diagnostic and for a clean one; every result names its rule by id and
// index, and carries the file relative to the working directory.
func TestSARIFSchema(t *testing.T) {
	py := python(t, "jsonschema")
	root := subfolderRepo(t)
	if err := os.WriteFile(filepath.Join(root, "docs/handover/content/notes/é ü:x.md"), []byte("[a](gone.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	withErrors := checkOutput(t, "sarif", "--strict", "docs/handover")
	clean := checkOutput(t, "sarif", exampleDir(t, "en-small"))
	schema, _ := filepath.Abs(filepath.Join(testdataDir(t), "sarif-schema-2.1.0.json"))
	files := []string{writeTemp(t, "errors.sarif", withErrors), writeTemp(t, "clean.sarif", clean)}
	if out, err := exec.Command(py, append([]string{"-c", validateSARIF, schema}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s\n%s", err, out, withErrors)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(withErrors), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) < 4 {
		t.Fatalf("%d results, want at least 4:\n%s", len(run.Results), withErrors)
	}
	related := 0
	for _, r := range run.Results {
		if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID || rule.ShortDescription.Text == r.RuleID {
			t.Errorf("result %s: rule %d is %+v", r.RuleID, r.RuleIndex, rule)
		}
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation
		if !strings.HasPrefix(uri.URI, "docs/handover/") || uri.URIBaseID != srcRoot || r.Level != "error" || r.PartialFingerprints[fingerprintKey] == "" {
			t.Errorf("result %+v", r)
		}
		related += len(r.RelatedLocations)
	}
	if related == 0 {
		t.Errorf("the duplicate id has no related location:\n%s", withErrors)
	}
	if !strings.Contains(withErrors, `"uri": "docs/handover/content/notes/%C3%A9%20%C3%BC%3Ax.md"`) {
		t.Errorf("a file name with spaces, accents and a colon is not percent-encoded:\n%s", withErrors)
	}
	if ids := ruleIDs(run.Tool.Driver.Rules); !slices.Equal(ids, content.RuleIDs()) {
		t.Errorf("rules %v, want every rule of content.Rules", ids)
	}
}

func ruleIDs(rules []sarifRule) []string {
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestRuleSummaries: every rule has a summary for the SARIF rule list.
func TestRuleSummaries(t *testing.T) {
	for _, id := range content.RuleIDs() {
		if content.RuleSummaries[id] == "" {
			t.Errorf("rule %s has no entry in content.RuleSummaries", id)
		}
	}
	for id := range content.RuleSummaries {
		if _, ok := content.Rules[id]; !ok {
			t.Errorf("content.RuleSummaries describes %s, which is not a rule", id)
		}
	}
}

// TestJUnitSchema: --format junit is valid against the JUnit schema of
// Jenkins' xUnit plugin (xmllint), has a test case per page, fails the
// file with an error, and fails nothing on a clean site.
func TestJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		need(t, "xmllint is not installed (apt-get install libxml2-utils)")
	}
	subfolderRepo(t)
	schema, _ := filepath.Abs(filepath.Join(testdataDir(t), "junit-10.xsd"))
	for _, tc := range []struct {
		name     string
		args     []string
		failures int
	}{
		{"errors", []string{"docs/handover"}, 2}, // the broken link; the duplicate id
		{"clean", []string{exampleDir(t, "nl-klantenservice")}, 0},
	} {
		out := checkOutput(t, "junit", tc.args...)
		file := writeTemp(t, tc.name+".xml", out)
		if res, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput(); err != nil {
			t.Errorf("%s: not valid JUnit XML: %v\n%s\n%s", tc.name, err, res, out)
		}
		var suites junitSuites
		if err := xml.Unmarshal([]byte(out), &suites); err != nil {
			t.Fatal(err)
		}
		s := suites.Suites[0]
		failed := 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				failed++
			}
		}
		if s.Failures != tc.failures || failed != tc.failures || suites.Failures != tc.failures || s.Tests != len(s.Cases) || s.Tests < 3 {
			t.Errorf("%s: %d tests, %d failures (%d failed cases), want %d:\n%s", tc.name, s.Tests, s.Failures, failed, tc.failures, out)
		}
	}
}

// TestCodeQualityFields checks --format codequality field by field as
// GitLab's Code Quality report format defines it: an array of issues, each
// with a description, a check name, a fingerprint unique in the report, a
// severity GitLab knows and a location whose path is relative to the
// repository root and whose first line is at least 1. A finding keeps its
// fingerprint when lines are added above it; two equal findings in one
// file have two.
func TestCodeQualityFields(t *testing.T) {
	root := subfolderRepo(t)
	page := filepath.Join(root, "docs/handover/content/processes/p.md")
	if err := os.WriteFile(page, []byte("---\ntitle: P\nowner: jan\n---\nSee [x](missing.md).\n\nAnd [again](missing.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	type issue map[string]any
	read := func() []issue {
		var issues []issue
		out := checkOutput(t, "codequality", "docs/handover")
		if err := json.Unmarshal([]byte(out), &issues); err != nil {
			t.Fatalf("not a JSON array: %v\n%s", err, out)
		}
		return issues
	}
	before := read()
	if len(before) != 4 {
		t.Fatalf("%d issues, want 4 (two broken links, a duplicate id, a missing sponsor): %v", len(before), before)
	}
	for _, is := range before {
		if want := map[bool]string{true: "minor", false: "major"}[is["check_name"] == "missing-sponsor"]; is["severity"] != want {
			t.Errorf("%v: severity %v, want %s (errors major, warnings minor)", is["check_name"], is["severity"], want)
		}
	}
	fingerprints := map[string]bool{}
	for _, is := range before {
		for _, key := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, ok := is[key].(string); !ok || s == "" {
				t.Errorf("%s is not a non-empty string: %v", key, is)
			}
		}
		if _, ok := content.Rules[is["check_name"].(string)]; !ok {
			t.Errorf("check_name %v is not a rule", is["check_name"])
		}
		if !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, is["severity"].(string)) {
			t.Errorf("severity %v is not one GitLab knows", is["severity"])
		}
		fp := is["fingerprint"].(string)
		if fingerprints[fp] {
			t.Errorf("fingerprint %s twice", fp)
		}
		fingerprints[fp] = true
		loc, _ := is["location"].(map[string]any)
		p, _ := loc["path"].(string)
		lines, _ := loc["lines"].(map[string]any)
		begin, _ := lines["begin"].(float64)
		if _, err := os.Stat(p); err != nil || strings.HasPrefix(p, "./") || filepath.IsAbs(p) || begin < 1 || begin != float64(int(begin)) {
			t.Errorf("location %v: path must be a file relative to the repository root and lines.begin an integer ≥ 1 (%v)", loc, err)
		}
	}
	if !slices.Equal(fingerprintsOf(read()), fingerprintsOf(before)) {
		t.Error("fingerprints differ between two runs")
	}
	// Three lines above the links: the same findings, other lines.
	data, _ := os.ReadFile(page)
	if err := os.WriteFile(page, []byte(strings.Replace(string(data), "---\nSee", "---\n# P\n\nIntro.\nSee", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	after := read()
	if !slices.Equal(fingerprintsOf(after), fingerprintsOf(before)) {
		t.Errorf("fingerprints changed when lines moved:\n%v\n%v", before, after)
	}
	if linesOf(after) == linesOf(before) {
		t.Errorf("the lines did not move: %v", linesOf(after))
	}
}

func fingerprintsOf[T ~map[string]any](issues []T) []string {
	var out []string
	for _, is := range issues {
		out = append(out, is["fingerprint"].(string))
	}
	slices.Sort(out)
	return out
}

func linesOf[T ~map[string]any](issues []T) string {
	var out []string
	for _, is := range issues {
		b, _ := json.Marshal(is["location"])
		out = append(out, string(b))
	}
	return strings.Join(out, " ")
}

// TestCheckFormatsDeterministic: two runs print the same bytes in every
// format.
func TestCheckFormatsDeterministic(t *testing.T) {
	subfolderRepo(t)
	for _, f := range checkFormats {
		if f.name == "text" {
			continue // its summary says how long the check took
		}
		if a, b := checkOutput(t, f.name, "docs/handover"), checkOutput(t, f.name, "docs/handover"); a != b {
			t.Errorf("%s: two runs differ:\n%s\n%s", f.name, a, b)
		}
	}
}

// testdataDir returns cmd/handover/testdata, also after a test changed
// the working directory.
func testdataDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(sourceDir, "testdata")
}

// exampleDir returns the absolute path of examples/NAME.
func exampleDir(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(sourceDir, "..", "..", "examples", name)
}

// sourceDir is this package's folder, taken before any test changes the
// working directory.
var sourceDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return wd
}()
