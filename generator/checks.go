package generator

import (
	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/check"
)

// The check stage lives in package check; these are the names of its
// results in the generator's API (Result.Readiness) and templates.
type (
	Readiness = check.Readiness
	Orphan    = check.Orphan
	TaskRow   = check.TaskRow
)

// newChecks gives the check stage what it reads of this build: the
// content, today, the site's files and labels, and what rendering learned
// of each body.
func (b *builder) newChecks() *check.Site {
	return &check.Site{
		Content: b.site, Today: b.now, FS: b.opts.FS,
		// the theme of the build at the time of the check: a version's build
		// takes its parent's theme after its checks are made (useVersionContext)
		Label: func(key string) string { return b.theme.Label(key) },
		Body:  func(p *content.Page) *built.Body { return b.bodies[p] },
		Resolves: func(from, dest string) bool {
			_, problem := b.find(&content.Page{File: from}, dest)
			return problem == ""
		},
		Meeting: b.meeting,
	}
}
