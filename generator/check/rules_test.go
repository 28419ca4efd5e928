package check

import (
	"io/fs"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/themes"
)

// TestRuleRegistry checks what the rule values promise: every rule is in
// content.Rules with its level and summary, says what it reads and has a
// check, and every readiness item a rule names is on the checklist with
// its label in both languages; every item of the checklist is blocked by
// some rule or finds blockers of its own.
func TestRuleRegistry(t *testing.T) {
	if len(rules) == 0 {
		t.Fatal("no rules registered")
	}
	items := map[string]readinessItem{}
	for _, it := range checklist {
		items[it.key] = it
	}
	labels := map[string]map[string]string{}
	for _, lang := range []string{"nl", "en"} {
		src, err := fs.ReadFile(themes.Default, "default/i18n/"+lang+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var l map[string]string
		if err := yaml.Unmarshal(src, &l); err != nil {
			t.Fatal(err)
		}
		labels[lang] = l
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		seen[r.ID] = true
		if lvl, ok := content.Rules[r.ID]; !ok || lvl != r.Level {
			t.Errorf("rule %s: content.Rules has %v %v, want %v", r.ID, lvl, ok, r.Level)
		}
		if strings.TrimSpace(content.RuleSummaries[r.ID]) == "" || r.Summary != content.RuleSummaries[r.ID] {
			t.Errorf("rule %s has no summary in content.RuleSummaries", r.ID)
		}
		if r.Reads == 0 {
			t.Errorf("rule %s does not say what it reads", r.ID)
		}
		if r.Page == nil && r.Site == nil {
			t.Errorf("rule %s has no check", r.ID)
		}
		if r.Item != "" {
			if _, ok := items[r.Item]; !ok {
				t.Errorf("rule %s blocks %s, which is not on the checklist", r.ID, r.Item)
			}
		}
	}
	for _, it := range checklist {
		if len(rulesOf(it.key)) == 0 && it.more == nil && it.needs == "" {
			t.Errorf("checklist item %s has nothing that can keep it from done", it.key)
		}
		for lang, l := range labels {
			if l[it.key] == "" {
				t.Errorf("checklist item %s has no label in %s", it.key, lang)
			}
		}
	}
	for id := range content.Rules {
		if strings.TrimSpace(content.RuleSummaries[id]) == "" {
			t.Errorf("rule %s has no summary", id)
		}
	}
}

// TestPatchKnowsRules: every readiness rule is one a patch runs again for
// the edited pages alone (Patchable). A new rule over the
// whole site, or a page rule that reads other pages, makes every save a
// full build until the patch learns what its findings depend on.
func TestPatchKnowsRules(t *testing.T) {
	for _, r := range rules {
		if r.Site != nil && !patchedSiteRules[r.ID] {
			t.Errorf("rule %s checks the whole site; the patch does not know what its findings depend on", r.ID)
		}
		if r.Page != nil && r.Reads&ReadsSite != 0 {
			t.Errorf("rule %s reads other pages than the one it checks; a patch runs it for edited pages only", r.ID)
		}
	}
	if !Patchable() {
		t.Error("Patchable is false: no save is patched")
	}
}
