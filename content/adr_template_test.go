package content

import "testing"

// TestIsTemplate: the templates of adr-tools, MADR, log4brains and Dutch
// logs are plain pages; a decision whose title has the word "template" is
// a decision (a 100,000-page corpus had three such records taken for
// templates, and every decision superseding them failed the build).
func TestIsTemplate(t *testing.T) {
	for name, want := range map[string]bool{
		"template.md":                               true,
		"TEMPLATE.md":                               true,
		"adr-template.md":                           true,
		"adr-template-bare-minimal.md":              true,
		"adr_template.md":                           true,
		"0000-template.md":                          true,
		"0000-adr.md":                               true,
		"besluit-sjabloon.md":                       true,
		"decision-record-template.md":               true,
		"10602-maintain-template-their-month.md":    false,
		"0012-use-a-template-for-contracts.md":      false,
		"0001-record-architecture-decisions.md":     false,
		"0000-use-markdown-any-decision-records.md": false,
		"templates-for-letters.md":                  false,
		"sjabloonbrieven.md":                        false,
	} {
		if got := isTemplate(name); got != want {
			t.Errorf("isTemplate(%q) = %v, want %v", name, got, want)
		}
	}
}
