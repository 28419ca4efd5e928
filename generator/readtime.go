package generator

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
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
var datedSources = map[string][]func(b *builder) []datedBlocker{}

// addDated registers a source of dated blockers for the item key.
func addDated(key string, f func(b *builder) []datedBlocker) bool {
	datedSources[key] = append(datedSources[key], f)
	return true
}

// dated returns the dated blockers of item key, leaving out those of
// rules switched off in handover.yaml, each marked hidden when its day
// lies after the build day.
func (b *builder) dated(key string) []datedBlocker {
	var out []datedBlocker
	for _, f := range datedSources[key] {
		for _, d := range f(b) {
			if lvl, ok := b.site.Config.Checks[d.rule]; ok && lvl == content.Off {
				continue
			}
			d.Hidden = d.From > b.now.String()
			out = append(out, d)
		}
	}
	return out
}

// dayAfter returns the day after d as YYYY-MM-DD: a review or milestone
// due on d is late from the next day on.
func dayAfter(d content.Date) string { return d.AddDate(0, 0, 1).Format(time.DateOnly) }

// Reviews: a page is overdue from the day after its next review.
var _ = addDated("readiness.current", func(b *builder) []datedBlocker {
	var out []datedBlocker
	for _, p := range b.site.Pages {
		m := &p.Meta
		next, ok := m.NextReview()
		if p.List || !ok {
			continue
		}
		out = append(out, datedBlocker{
			Blocker: Blocker{Page: p, File: p.File, From: dayAfter(next), Kind: "review",
				Message: b.sayMsg(newMsg("review overdue since %s (reviewed %s, every %s)", next, m.Reviewed, m.ReviewEvery))},
			rule: "review-overdue", pos: p.Pos("reviewed")})
	}
	return out
})

// Leavers: what a person owns is orphaned from the day they leave; what a
// role owns from the day its last member leaves.
var _ = addDated("readiness.owners", func(b *builder) []datedBlocker {
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
		out = append(out, datedBlocker{Blocker: Blocker{Page: p, File: p.File, From: left.String(), Kind: "left", Message: b.sayMsg(o.msg())},
			rule: "orphan", pos: ref.Pos})
	}
	for _, p := range b.site.Pages {
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

// rtLabels are the labels readtime.js writes with.
var rtLabels = []string{"rt.asof", "rt.asof.today", "rt.builton", "rt.score.built", "rt.score.today", "rt.daysleft", "rt.leaves.today",
	"rt.left", "rt.departure", "rt.ago.days", "rt.ago.day", "rt.ago.months", "rt.ago.years", "rt.in.days", "rt.in.day", "rt.today", "rt.none",
	"readiness.done", "readiness.todo", "overdue", "rt.stale", "rt.kpi.fresh", "milestone.late", "milestone.due"}

// ReadTime returns what readtime.js needs to know of the site, as JSON:
// the build day, the language and time zone, month and weekday names and
// the labels it writes with.
func (v *view) ReadTime() string {
	lang := v.Lang()
	// month and weekday names, so that readtime.js does not depend on the
	// browser's locale data
	days := v.dates().WeekdayNames()
	m, w := v.dates().MonthNames(), days[:]
	labels := map[string]string{}
	for _, k := range rtLabels {
		labels[strings.TrimPrefix(k, "rt.")] = v.T(k)
	}
	data := struct {
		Built    string            `json:"built"`
		Lang     string            `json:"lang"`
		TZ       string            `json:"tz"`
		Until    string            `json:"until,omitempty"`
		Months   []string          `json:"months"`
		Weekdays []string          `json:"weekdays"`
		Labels   map[string]string `json:"labels"`
	}{v.b.now.String(), lang, calendar.DefaultTimeZone, v.b.site.Config.Interim.Until.String(), m, w, labels}
	out, _ := json.Marshal(data) // maps are written in key order
	return string(out)
}

// AsOf is the sentence that says which day a page's dates describe:
// "Stand per 20 november 2026". readtime.js replaces it with today's.
func (v *view) AsOf() template.HTML {
	return template.HTML(fmt.Sprintf(`<p class="asof" data-asof="%s">%s <time datetime="%s">%s</time></p>`,
		v.b.now, template.HTMLEscapeString(v.T("rt.asof")), v.b.now, template.HTMLEscapeString(v.Date(v.b.now))))
}

// DatedTrainings returns the trainings with a date that are not completed:
// planned until their day, not done after it.
func (v *view) DatedTrainings() []ReviewRow {
	var out []ReviewRow
	for _, p := range v.b.site.Pages {
		m := &p.Meta
		if p.List || p.Kind != content.KindTraining || m.Date.IsZero() || m.Completed != nil && *m.Completed {
			continue
		}
		out = append(out, ReviewRow{Page: p, Due: m.Date, Late: dayAfter(m.Date)})
	}
	return out
}

// ExitPlanOf returns the exit plan of the home page p, for the print dossier.
func (v *view) ExitPlanOf(p *content.Page) *ExitPlan {
	w := *v
	w.Page = p
	return w.ExitPlan()
}
