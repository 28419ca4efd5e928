package generator

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/theme"
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
	var themes []*theme.Theme
	for _, lang := range []string{"nl", "en"} {
		th, err := theme.Load(fstest.MapFS{}, content.Config{Language: lang}, templateFuncs)
		if err != nil {
			t.Fatal(err)
		}
		themes = append(themes, th)
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.id] {
			t.Errorf("rule %s registered twice", r.id)
		}
		seen[r.id] = true
		if lvl, ok := content.Rules[r.id]; !ok || lvl != r.level {
			t.Errorf("rule %s: content.Rules has %v %v, want %v", r.id, lvl, ok, r.level)
		}
		if strings.TrimSpace(content.RuleSummaries[r.id]) == "" || r.summary != content.RuleSummaries[r.id] {
			t.Errorf("rule %s has no summary in content.RuleSummaries", r.id)
		}
		if r.reads == 0 {
			t.Errorf("rule %s does not say what it reads", r.id)
		}
		if r.page == nil && r.site == nil {
			t.Errorf("rule %s has no check", r.id)
		}
		if r.item != "" {
			if _, ok := items[r.item]; !ok {
				t.Errorf("rule %s blocks %s, which is not on the checklist", r.id, r.item)
			}
		}
	}
	for _, it := range checklist {
		if len(rulesOf(it.key)) == 0 && it.more == nil && it.needs == "" {
			t.Errorf("checklist item %s has nothing that can keep it from done", it.key)
		}
		for _, th := range themes {
			if th.Label(it.key) == it.key {
				t.Errorf("checklist item %s has no label in %s", it.key, th.Lang)
			}
		}
	}
	for id := range content.Rules {
		if strings.TrimSpace(content.RuleSummaries[id]) == "" {
			t.Errorf("rule %s has no summary", id)
		}
	}
}
