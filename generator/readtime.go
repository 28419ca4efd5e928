package generator

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
	"github.com/handover-dev/handover/generator/check"
)

// Read time (issue 17): what a page gives readtime.js, which recomputes in
// the reader's browser whatever depends on today. Which blockers of the
// checklist hold from which day is the check stage's (check/dated.go).

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
		out = append(out, ReviewRow{Page: p, Due: m.Date, Late: check.DayAfter(m.Date)})
	}
	return out
}

// ExitPlanOf returns the exit plan of the home page p, for the print dossier.
func (v *view) ExitPlanOf(p *content.Page) *ExitPlan {
	w := *v
	w.Page = p
	return w.ExitPlan()
}
