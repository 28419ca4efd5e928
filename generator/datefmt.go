package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
	vw "github.com/handover-dev/handover/generator/view"
)

// The formatter as the templates see it.

func (v *view) dates() vw.Dates { return vw.NewDates(v.Lang()) }

// Weekday names a weekday written in either language ("thursday",
// "do") in the site's language; what it cannot read stays as written.
func (v *view) Weekday(s string) string {
	if wd, ok := calendar.ParseWeekday(s); ok {
		return v.dates().Weekday(wd)
	}
	return s
}

// Duration writes a length of time given as "45m" or "1h30m" in words
// ("45 minuten"); what it cannot read stays as written.
func (v *view) Duration(s string) string {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return s
	}
	return v.dates().Duration(d)
}

// Schedule describes when the meeting p is held: "elke dinsdag,
// 09:30–10:15". It is "" for a page without frequency, weekday, time or
// start.
func (v *view) Schedule(p *content.Page) string {
	m := &p.Meta
	if m.Frequency == "" && m.Weekday == "" && m.Time == "" && m.Starts.IsZero() && m.Duration == "" {
		return ""
	}
	return vw.UpperFirst(v.dates().Schedule(vw.Schedule{Frequency: m.Frequency, Weekday: m.Weekday, Time: m.Time,
		Duration: m.Duration, Starts: m.Starts.Time}))
}

// Freq returns the label of a frequency written in either language; one
// it does not know stays as written, so no label key ever shows.
func (v *view) Freq(s string) string {
	key, ok := vw.FreqKey(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	if l, ok := v.b.theme.Labels["freq."+key]; ok {
		return l
	}
	return v.dates().Freq(s)
}
