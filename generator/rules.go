package generator

import (
	"fmt"

	"github.com/handover-dev/handover/content"
)

// rule is one readiness rule: the one value that says its id, its default
// level, what it finds, the readiness item it keeps from done, what it
// reads and its check. Each lives in a rule_*.go file, alone or with its
// family, and registers itself; content.Rules learns its id and level from
// here, and the readiness checklist which rules block each item
// (docs/architecture.md, "Add a rule").
type rule struct {
	id      string
	level   content.Severity
	summary string // one line: what it finds
	item    string // the key of the readiness item it keeps from done; "" for none
	reads   reads  // what the check reads: live preview runs it again when that changes

	// The check: page runs for every page that is not a folder's list,
	// site once for the whole site. Either may be nil.
	page func(b *builder, p *content.Page, add addFunc)
	site func(b *builder, add addFunc)
}

// reads says what a rule's check reads.
type reads uint8

const (
	readsFront reads = 1 << iota // the page's front matter and the pages and people it names
	readsBody                    // the page's rendered body: its links and headings
	readsSite                    // the other pages, people.yaml or handover.yaml
	readsToday                   // today's date
)

// addFunc reports one finding of a rule.
type addFunc func(rule string, pos content.Pos, format string, args ...any)

// rules are the readiness rules, in the order of their files.
var rules []*rule

// register adds r to the rules and its id and level to content.Rules.
func register(r *rule) *rule {
	rules = append(rules, r)
	content.DefineRule(content.Rule{ID: r.id, Level: r.level, Summary: r.summary})
	return r
}

// check runs the readiness rules over the site. build and check share it:
// it only reports, never writes.
func (b *builder) check() content.Diagnostics {
	var ds content.Diagnostics
	add := func(rule string, pos content.Pos, format string, args ...any) {
		ds = append(ds, ruleDiag(rule, pos, format, args))
	}
	for _, p := range b.site.Pages {
		if !p.List {
			b.checkPage(p, add)
		}
	}
	for _, r := range rules {
		if r.site != nil {
			r.site(b, add)
		}
	}
	return ds
}

// ruleDiag is a rule's finding: its message in English, and its format
// and arguments for the site's language (say.go).
func ruleDiag(rule string, pos content.Pos, format string, args []any) content.Diagnostic {
	d := content.Diag(rule, pos, fmt.Sprintf(format, englishArgs(args)...))
	d.Format, d.Args = format, args
	return d
}

// checkPage runs every rule's page check over p.
func (b *builder) checkPage(p *content.Page, add addFunc) { b.checkPageReading(p, add, ^reads(0)) }

// checkPageReading runs over p the page checks of the rules that read any
// of what: live preview runs those whose input an edit changed.
func (b *builder) checkPageReading(p *content.Page, add addFunc, what reads) {
	for _, r := range rules {
		if r.page != nil && r.reads&what != 0 {
			r.page(b, p, add)
		}
	}
}

// rulesOf returns the ids of the rules that keep the readiness item key
// from done.
func rulesOf(key string) []string {
	var ids []string
	for _, r := range rules {
		if r.item == key {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// path0 returns dir inside the content folder.
func path0(contentDir, dir string) string {
	if contentDir == "." {
		return dir
	}
	return contentDir + "/" + dir
}
