package generator

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
	"github.com/handover-dev/handover/generator/check"
)

// milestoneEvents are the exit plan's milestones for calendar.ics.
func (b *builder) milestoneEvents() []calendar.Review {
	home := b.site.PageByID("_index")
	var out []calendar.Review
	for i, ms := range check.Milestones(home) {
		if ms.Date.IsZero() {
			continue
		}
		title := b.theme.Label("milestone") + ": " + ms.Title
		if ms.Done {
			title += " (" + b.theme.Label("milestone.done") + ")"
		}
		out = append(out, calendar.Review{UID: fmt.Sprintf("%d-%s", i+1, content.Slug(ms.Title)), Title: title, URL: "index.html",
			Date: ms.Date.Time, Owner: person(ms.Owner)})
	}
	return out
}

// ExitPlan is what the handover document shows of the milestones.
type ExitPlan struct {
	SVG  template.HTML
	Rows []MilestoneRow
}

// MilestoneRow is one milestone with its place in the timeline.
type MilestoneRow struct {
	N    int
	M    content.Milestone
	Late string // the first day it is late (YYYY-MM-DD); "" when done
	// LateOnBuild: not done and late on the build day.
	LateOnBuild bool
}

// ExitPlan returns the home page's milestones and their timeline, or nil.
func (v *view) ExitPlan() *ExitPlan {
	ms := check.Milestones(v.Page)
	if len(ms) == 0 {
		return nil
	}
	plan := &ExitPlan{}
	for i, m := range ms {
		r := MilestoneRow{N: i + 1, M: m}
		if !m.Done && !m.Date.IsZero() {
			r.Late = check.DayAfter(m.Date)
			r.LateOnBuild = m.Date.Before(v.b.now.Time)
		}
		plan.Rows = append(plan.Rows, r)
	}
	plan.SVG = v.timelineSVG(plan.Rows)
	return plan
}

// timelineSVG draws the milestones on a time axis from the earliest of
// them (or the build day) to the latest (or the departure), with the
// months, the build day and the departure marked. Drawn at build time,
// it reads without JavaScript and prints; readtime.js adds a line for
// the reader's today. The table after it says the same in words.
func (v *view) timelineSVG(rows []MilestoneRow) template.HTML {
	const w, left, right, axis = 720.0, 28.0, 28.0, 100.0
	start, end := v.b.now.Time, v.b.now.Time
	until := v.b.site.Config.Interim.Until
	for _, r := range rows {
		if d := r.M.Date; !d.IsZero() {
			start, end = minTime(start, d.Time), maxTime(end, d.Time)
		}
	}
	if !until.IsZero() {
		start, end = minTime(start, until.Time), maxTime(end, until.Time)
	}
	start, end = start.AddDate(0, 0, -10), end.AddDate(0, 0, 10)
	span := end.Sub(start).Hours()
	x := func(t time.Time) float64 { return left + (w-left-right)*t.Sub(start).Hours()/span }
	esc := template.HTMLEscapeString
	var s strings.Builder
	title := v.T("exitplan.timeline")
	fmt.Fprintf(&s, `<svg class="timeline-svg" viewBox="0 0 %.0f 146" role="img" aria-labelledby="ho-exitplan-title ho-exitplan-desc" data-start="%s" data-end="%s" data-x0="%.0f" data-x1="%.0f" preserveAspectRatio="xMidYMid meet">`,
		w, content.Day(start), content.Day(end), left, w-right)
	fmt.Fprintf(&s, `<title id="ho-exitplan-title">%s</title><desc id="ho-exitplan-desc">`, esc(title))
	for i, r := range rows {
		if i > 0 {
			s.WriteString("; ")
		}
		state := v.T("milestone.open")
		switch {
		case r.M.Done:
			state = v.T("milestone.done")
		case r.LateOnBuild:
			state = v.T("milestone.late")
		}
		fmt.Fprintf(&s, "%d. %s, %s, %s", r.N, esc(r.M.Title), esc(v.Date(r.M.Date)), esc(state))
	}
	s.WriteString(`</desc>`)
	fmt.Fprintf(&s, `<line class="axis" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/>`, left, axis, w-right, axis)
	// Month ticks: the first of every month in the range, labelled with
	// its short name (and the year in January and on the first tick).
	names := v.dates().MonthNames()
	first := true
	step := 1
	if span/24 > 400 {
		step = 3
	}
	for t := time.Date(start.Year(), start.Month()+1, 1, 0, 0, 0, 0, time.UTC); t.Before(end); t = t.AddDate(0, step, 0) {
		label := names[t.Month()-1]
		if len(label) > 3 {
			label = label[:3]
		}
		if first || t.Month() == time.January {
			label += fmt.Sprintf(" %d", t.Year())
		}
		first = false
		fmt.Fprintf(&s, `<line class="tick" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/><text class="month" x="%.1f" y="%.0f">%s</text>`,
			x(t), axis, x(t), axis+6, x(t), axis+22, esc(label))
	}
	// The departure's and the build day's labels are on two lines, each
	// on the side of its line where there is room.
	marker := func(class string, t time.Time, label string, y float64) {
		anchor, dx := "start", 4.0
		if x(t) > w*0.6 {
			anchor, dx = "end", -4.0
		}
		fmt.Fprintf(&s, `<g class="%s"><line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/><text x="%.1f" y="%.0f" text-anchor="%s">%s</text></g>`,
			class, x(t), y-14, x(t), axis+28, x(t)+dx, y, anchor, esc(label))
	}
	if !until.IsZero() {
		marker("departure", until.Time, v.T("exitplan.departure"), 18)
	}
	marker("built", v.b.now.Time, v.T("rt.asof")+" "+v.Date(v.b.now), 40)
	fmt.Fprintf(&s, `<g class="rt-today" display="none"><line x1="0" y1="30" x2="0" y2="%.0f"/><text x="0" y="%.0f"></text></g>`, axis+28, axis+40)
	// The milestones, their numbers staggered when they would overlap.
	lastX, level := -100.0, 0
	for _, r := range rows {
		if r.M.Date.IsZero() {
			continue
		}
		cx := x(r.M.Date.Time)
		if cx-lastX < 18 {
			level = (level + 1) % 3
		} else {
			level = 0
		}
		lastX = cx
		class := "ms open"
		switch {
		case r.M.Done:
			class = "ms done"
		case r.LateOnBuild:
			class = "ms late"
		}
		late := ""
		if r.Late != "" {
			late = fmt.Sprintf(` data-late="%s"`, r.Late)
		}
		fmt.Fprintf(&s, `<g class="%s"%s><circle cx="%.1f" cy="%.0f" r="7"><title>%d. %s, %s</title></circle><text class="n" x="%.1f" y="%.0f">%d</text></g>`,
			class, late, cx, axis, r.N, esc(r.M.Title), esc(v.Date(r.M.Date)), cx, axis-14-float64(level)*16, r.N)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
