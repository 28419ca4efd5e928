package check

import (
	"time"

	"github.com/handover-dev/handover/content"
)

// Read time (issue 17): a handover site is read for months after its
// build, when nobody rebuilds it. Everything that depends on today's date
// is written into the page as data, and themes/default/assets/readtime.js
// recomputes it in the reader's browser: overdue reviews, people who have
// left, milestones, stale KPIs, the days until (or since) the interim
// manager's departure, the next meetings. Without JavaScript a page shows
// the state on its build day and says so ("stand per 20 november 2026").

// datedBlocker is a blocker of a readiness item that depends on the date:
// it keeps the item from done from its day on. The dashboard shows every
// one, hidden until that day, so that readtime.js can show those the
// reader's today has reached; the diagnostic its rule gives on the build
// day (rule at pos) is not shown twice.
type datedBlocker struct {
	Blocker
	rule string
	pos  content.Pos
}

// datedSources are, per readiness item, the functions that list its
// dated blockers.
var datedSources = map[string][]func(s *Site) []datedBlocker{}

// addDated registers a source of dated blockers for the item key.
func addDated(key string, f func(s *Site) []datedBlocker) bool {
	datedSources[key] = append(datedSources[key], f)
	return true
}

// dated returns the dated blockers of item key, leaving out those of
// rules switched off in handover.yaml, each marked hidden when its day
// lies after the build day.
func (s *Site) dated(key string) []datedBlocker {
	var out []datedBlocker
	for _, f := range datedSources[key] {
		for _, d := range f(s) {
			if lvl, ok := s.Content.Config.Checks[d.rule]; ok && lvl == content.Off {
				continue
			}
			d.Hidden = d.From > s.Today.String()
			out = append(out, d)
		}
	}
	return out
}

// DayAfter returns the day after d as YYYY-MM-DD: a review or milestone
// due on d is late from the next day on.
func DayAfter(d content.Date) string { return d.AddDate(0, 0, 1).Format(time.DateOnly) }

// Reviews: a page is overdue from the day after its next review.
var _ = addDated("readiness.current", func(s *Site) []datedBlocker {
	var out []datedBlocker
	for _, p := range s.Content.Pages {
		m := &p.Meta
		next, ok := m.NextReview()
		if p.List || !ok {
			continue
		}
		out = append(out, datedBlocker{
			Blocker: Blocker{Page: p, File: p.File, From: DayAfter(next), Kind: "review",
				Message: s.sayMsg(newMsg("review overdue since %s (reviewed %s, every %s)", next, m.Reviewed, m.ReviewEvery))},
			rule: "review-overdue", pos: p.Pos("reviewed")})
	}
	return out
})

// Leavers: what a person owns is orphaned from the day they leave; what a
// role owns from the day its last member leaves.
var _ = addDated("readiness.owners", func(s *Site) []datedBlocker {
	var out []datedBlocker
	type gone struct {
		day content.Date
		ok  bool
	}
	roles := map[*content.Role]gone{} // a role's last leaving day, once per role
	add := func(p *content.Page, field, activity string, ref content.Ref) {
		var left content.Date
		var ok bool
		if ref.Role != nil {
			g, seen := roles[ref.Role]
			if !seen {
				g.day, g.ok = leaves(ref)
				roles[ref.Role] = g
			}
			left, ok = g.day, g.ok
		} else {
			left, ok = leaves(ref)
		}
		if !ok {
			return
		}
		o := Orphan{Page: p, Field: field, Activity: activity, Who: ref, Reason: OrphanLeft, Pos: ref.Pos}
		if ref.Person != nil {
			o.Left = ref.Person.Left
		}
		out = append(out, datedBlocker{Blocker: Blocker{Page: p, File: p.File, From: left.String(), Kind: "left", Message: s.sayMsg(o.msg())},
			rule: "orphan", pos: ref.Pos})
	}
	for _, p := range s.Content.Pages {
		if p.List {
			continue
		}
		m := &p.Meta
		add(p, "owner", "", m.Owner)
		add(p, "sponsor", "", m.Sponsor)
		add(p, "mitigation_owner", "", m.MitigationOwner)
		add(p, "chair", "", m.Chair)
		for _, row := range m.RACI {
			for _, a := range row.A {
				add(p, FieldA, row.Activity, a)
			}
		}
	}
	return out
})

// leaves returns the day from which ref names nobody who is still there:
// a person's `left`, the last `left` of a role whose members all leave.
func leaves(ref content.Ref) (content.Date, bool) {
	switch {
	case ref.Person != nil:
		return ref.Person.Left, !ref.Person.Left.IsZero()
	case ref.Role != nil:
		var last content.Date
		n := 0
		for _, m := range ref.Role.Members {
			if m.Person == nil {
				continue
			}
			if m.Person.Left.IsZero() {
				return content.Date{}, false
			}
			n++
			if m.Person.Left.After(last.Time) {
				last = m.Person.Left
			}
		}
		return last, n > 0
	}
	return content.Date{}, false
}
