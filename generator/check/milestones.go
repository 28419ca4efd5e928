package check

import (
	"github.com/handover-dev/handover/content"
)

// The exit plan (issue 17): the home page's `milestones:` (title, date,
// owner, done, pages), drawn as a timeline on the handover document, put
// into calendar.ics, and checked: a milestone past its date that is not
// done is a finding, on the build day and, on the dashboard, on the
// reader's today.

var _ = register(&Rule{
	ID: "milestone-overdue", Level: content.Warning, Item: "readiness.document", Reads: ReadsFront | ReadsToday,
	Summary: "A milestone of the exit plan past its date that is not done.",
	Site: func(s *Site, add Add) {
		for _, ms := range Milestones(s.Content.PageByID("_index")) {
			if !ms.Done && !ms.Date.IsZero() && ms.Date.Before(s.Today.Time) {
				m := milestoneMessage(ms)
				add("milestone-overdue", ms.Pos, m.format, m.args...)
			}
		}
	},
})

var _ = addDated("readiness.document", func(s *Site) []datedBlocker {
	home := s.Content.PageByID("_index")
	var out []datedBlocker
	for _, ms := range Milestones(home) {
		if ms.Done || ms.Date.IsZero() {
			continue
		}
		out = append(out, datedBlocker{Blocker: Blocker{Page: home, File: home.File, From: DayAfter(ms.Date), Kind: "milestone",
			Message: s.sayMsg(milestoneMessage(ms))}, rule: "milestone-overdue", pos: ms.Pos})
	}
	return out
})

func milestoneMessage(ms content.Milestone) msg {
	return newMsg("milestone %q was due on %s and is not done", ms.Title, ms.Date)
}

// Milestones returns the exit plan of the home page p.
func Milestones(p *content.Page) []content.Milestone {
	if p == nil || p.ID != "_index" {
		return nil
	}
	return p.Meta.Milestones
}
