package check

import (
	"fmt"

	"github.com/handover-dev/handover/content"
)

// Rule is one readiness rule: the one value that says its id, its default
// level, what it finds, the readiness item it keeps from done, what it
// reads and its check. Each lives in a rule_*.go file, alone or with its
// family, and registers itself; content.Rules learns its id and level from
// here, and the readiness checklist which rules block each item
// (docs/architecture.md, "Add a rule").
type Rule struct {
	ID      string
	Level   content.Severity
	Summary string // one line: what it finds
	Item    string // the key of the readiness item it keeps from done; "" for none
	Reads   Reads  // what the check reads: live preview runs it again when that changes

	// The check: Page runs for every page that is not a folder's list,
	// Site once for the whole site. Either may be nil.
	Page func(s *Site, p *content.Page, add Add)
	Site func(s *Site, add Add)
}

// Reads says what a rule's check reads.
type Reads uint8

const (
	ReadsFront Reads = 1 << iota // the page's front matter and the pages and people it names
	ReadsBody                    // the page's rendered body: its links and headings
	ReadsSite                    // the other pages, people.yaml or handover.yaml
	ReadsToday                   // today's date
)

// Add reports one finding of a rule.
type Add func(rule string, pos content.Pos, format string, args ...any)

// rules are the readiness rules, in the order of their files.
var rules []*Rule

// register adds r to the rules and its id and level to content.Rules.
func register(r *Rule) *Rule {
	rules = append(rules, r)
	content.DefineRule(content.Rule{ID: r.ID, Level: r.Level, Summary: r.Summary})
	return r
}

// Run runs the readiness rules over the site. It only reports, never
// writes: build and check share it.
func (s *Site) Run() content.Diagnostics {
	var ds content.Diagnostics
	add := func(rule string, pos content.Pos, format string, args ...any) {
		ds = append(ds, Diag(rule, pos, format, args))
	}
	for _, p := range s.Content.Pages {
		if !p.List {
			s.CheckPage(p, add)
		}
	}
	for _, r := range rules {
		if r.Site != nil {
			r.Site(s, add)
		}
	}
	return ds
}

// Diag is a rule's finding: its message in English, and its format and
// arguments for the site's language (say.go).
func Diag(rule string, pos content.Pos, format string, args []any) content.Diagnostic {
	d := content.Diag(rule, pos, fmt.Sprintf(format, englishArgs(args)...))
	d.Format, d.Args = format, args
	return d
}

// CheckPage runs every rule's page check over p.
func (s *Site) CheckPage(p *content.Page, add Add) {
	for _, r := range rules {
		if r.Page != nil {
			r.Page(s, p, add)
		}
	}
}

// rulesOf returns the ids of the rules that keep the readiness item key
// from done.
func rulesOf(key string) []string {
	var ids []string
	for _, r := range rules {
		if r.Item == key {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// patchedSiteRules are the readiness rules over the whole site whose
// findings a patch of the dev server keeps right: the commitment is in
// handover.yaml, which no patch changes; a patch changes no reference
// between pages, so no loop of decisions; it finds the orphans and the
// meeting rhythm again. The milestones are the home page's, which no
// patch edits; capacity reads people.yaml, which no patch changes either.
var patchedSiteRules = map[string]bool{"commitment-missing": true, "supersede-cycle": true, "orphan": true, "rhythm-missing": true,
	"milestone-overdue": true, "capacity": true}

// Patchable reports whether the readiness rules are all ones a patch runs
// again for the edited pages alone: page rules that read only their page,
// and the site rules above. A rule that reads other pages makes the dev
// server build anew after every edit until the patch learns what it
// depends on.
func Patchable() bool {
	for _, r := range rules {
		if r.Site != nil && !patchedSiteRules[r.ID] || r.Page != nil && r.Reads&ReadsSite != 0 {
			return false
		}
	}
	return true
}

// path0 returns dir inside the content folder.
func path0(contentDir, dir string) string {
	if contentDir == "." {
		return dir
	}
	return contentDir + "/" + dir
}
