// Package ci holds the CI templates of examples/ci and the test that loads
// them; it has no code of its own.
package ci

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// install is the command every template must use to get handover.
const install = "go install github.com/handover-dev/handover/cmd/handover@latest"

// load parses a template into a generic map.
func load(t *testing.T, file string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

// commands gathers every shell line under the keys run, script and
// before_script.
func commands(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && (k == "run" || k == "script") {
					b.WriteString(s + "\n")
					continue
				}
				if l, ok := e.([]any); ok && (k == "script" || k == "before_script") {
					for _, s := range l {
						b.WriteString(s.(string) + "\n")
					}
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// need fails when the commands lack one of the wanted strings.
func need(t *testing.T, file, cmds string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(cmds, w) {
			t.Errorf("%s: no step runs %q; commands:\n%s", file, w, cmds)
		}
	}
}

// TestGitHubActions checks the workflow's triggers, jobs and steps, and
// runs actionlint on it when actionlint is installed.
func TestGitHubActions(t *testing.T) {
	file := ".github/workflows/handover.yml"
	doc := load(t, file)
	on, _ := doc["on"].(map[string]any)
	if _, ok := on["pull_request"]; !ok || on["push"] == nil {
		t.Errorf("%s: on = %v, want push and pull_request", file, doc["on"])
	}
	jobs, _ := doc["jobs"].(map[string]any)
	if jobs["build"] == nil || jobs["deploy"] == nil {
		t.Fatalf("%s: jobs %v, want build and deploy", file, jobs)
	}
	need(t, file, commands(doc), install, "handover check --format github", "handover check -q --format sarif", "handover build --strict")
	text, _ := os.ReadFile(file)
	for _, action := range []string{"actions/checkout@", "actions/upload-artifact@", "actions/upload-pages-artifact@", "actions/deploy-pages@", "github/codeql-action/upload-sarif@"} {
		if !strings.Contains(string(text), "uses: "+action) {
			t.Errorf("%s: does not use %s", file, action)
		}
	}
	if lint, err := exec.LookPath("actionlint"); err == nil {
		if out, err := exec.Command(lint, file).CombinedOutput(); err != nil {
			t.Errorf("actionlint: %v\n%s", err, out)
		}
	}
}

// TestGitLabCI checks the stages and that the pages job publishes public/.
func TestGitLabCI(t *testing.T) {
	file := ".gitlab-ci.yml"
	doc := load(t, file)
	stages, _ := doc["stages"].([]any)
	if len(stages) != 3 {
		t.Errorf("%s: stages %v, want check, build, deploy", file, stages)
	}
	for _, job := range []string{"check", "build", "pages"} {
		j, ok := doc[job].(map[string]any)
		if !ok || j["stage"] == nil || j["script"] == nil {
			t.Errorf("%s: job %s missing, or without stage and script", file, job)
		}
	}
	pages, _ := doc["pages"].(map[string]any)
	arts, _ := pages["artifacts"].(map[string]any)
	if paths, _ := arts["paths"].([]any); len(paths) != 1 || paths[0] != "public" {
		t.Errorf("%s: pages artifacts %v, want [public]", file, arts)
	}
	need(t, file, commands(doc), install, "handover check", "--format codequality", "handover build --strict")
	check, _ := doc["check"].(map[string]any)
	arts, _ = check["artifacts"].(map[string]any)
	reports, _ := arts["reports"].(map[string]any)
	if reports["codequality"] != "gl-code-quality-report.json" || arts["when"] != "always" {
		t.Errorf("%s: check artifacts %v, want reports: codequality: gl-code-quality-report.json, when: always", file, arts)
	}
}

// TestAzurePipelines checks the triggers and steps.
func TestAzurePipelines(t *testing.T) {
	file := "azure-pipelines.yml"
	doc := load(t, file)
	for _, key := range []string{"trigger", "pr", "pool", "steps"} {
		if doc[key] == nil {
			t.Errorf("%s: no %s", file, key)
		}
	}
	steps, _ := doc["steps"].([]any)
	published := 0
	for _, s := range steps {
		if m, ok := s.(map[string]any); ok && m["task"] == "PublishPipelineArtifact@1" {
			published++
		}
	}
	if published == 0 {
		t.Errorf("%s: no PublishPipelineArtifact@1 step", file)
	}
	junit := false
	for _, s := range steps {
		if m, ok := s.(map[string]any); ok && m["task"] == "PublishTestResults@2" {
			in, _ := m["inputs"].(map[string]any)
			junit = in["testResultsFormat"] == "JUnit" && in["testResultsFiles"] == "handover-check.xml" && m["condition"] == "succeededOrFailed()"
		}
	}
	if !junit {
		t.Errorf("%s: no PublishTestResults@2 of handover-check.xml as JUnit that runs when the check fails", file)
	}
	need(t, file, commands(doc), install, "handover check --format junit", "handover build --strict")
}
