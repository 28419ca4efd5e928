package check

import (
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// Meetings can be put in a calendar, and calendar apps put them where the
// page says.

var _ = register(&Rule{
	ID: "meeting", Level: content.Error, Reads: ReadsFront,
	Summary: "A meeting whose frequency, weekday, time or duration cannot be put in a calendar.",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind == content.KindMeeting {
			s.checkMeeting(p, add)
		}
	},
})

// meeting-monthday: a day of the month that some months do not have, so
// that calendar apps leave the meeting out in them.
var _ = register(&Rule{
	ID: "meeting-monthday", Level: content.Warning, Reads: ReadsFront,
	Summary: "A monthly or quarterly meeting on the 29th or 30th, which calendar apps leave out in a month without that day.",
	Page: func(s *Site, p *content.Page, add Add) {
		m := &p.Meta
		mt, ok := s.scheduled(p)
		if !ok {
			return
		}
		if short := calendar.ShortMonths(mt.Frequency, mt.Weekday, mt.Start); len(short) > 0 {
			names := make([]string, len(short))
			for i, month := range short {
				names[i] = month.String()
			}
			add("meeting-monthday", p.Pos("starts"), "a %s meeting on day %d is left out in %s, which has no day %d, although the page says %s; start it on day 28 or earlier, on the 31st to meet on the last day of every month, or give a weekday",
				m.Frequency, mt.Start.Day(), strings.Join(names, " and "), mt.Start.Day(), m.Frequency)
		}
	},
})

// meeting-dst: a time that a daylight saving change skips or repeats on
// one of the meeting's days within the next ten years, where calendar
// apps disagree on when the meeting is.
var _ = register(&Rule{
	ID: "meeting-dst", Level: content.Warning, Reads: ReadsFront,
	Summary: "A meeting time that a daylight saving change skips or repeats, which calendar apps place differently.",
	Page: func(s *Site, p *content.Page, add Add) {
		m := &p.Meta
		mt, ok := s.scheduled(p)
		if !ok {
			return
		}
		if m.Time == "" {
			return
		}
		problem, ok := calendar.DSTConflict(mt, calendar.DefaultTimeZone, 10)
		if !ok {
			return
		}
		day := problem.Day.Format("Monday 2006-01-02")
		if problem.Skipped {
			add("meeting-dst", p.Pos("time"), "time %s does not exist on %s: the clocks of %s go forward from %s to %s, and calendar apps place the meeting differently; choose a time outside %s–%s",
				m.Time, day, calendar.DefaultTimeZone, problem.From, problem.To, problem.From, problem.To)
			return
		}
		add("meeting-dst", p.Pos("time"), "time %s occurs twice on %s: the clocks of %s go back from %s to %s, and calendar apps place the meeting differently; choose a time outside %s–%s",
			m.Time, day, calendar.DefaultTimeZone, problem.From, problem.To, problem.To, problem.From)
	},
})

// checkMeeting reports meeting keys that the calendar cannot use. It
// parses with the calendar's own functions, so a meeting that passes the
// check is one that calendar.ics can write.
func (s *Site) checkMeeting(p *content.Page, add Add) {
	m := &p.Meta
	if m.Frequency != "" && !calendar.ValidFrequency(m.Frequency) {
		add("meeting", p.Pos("frequency"), "frequency %q is not one of weekly, biweekly, monthly, quarterly", m.Frequency)
	}
	if m.Weekday != "" {
		if _, ok := calendar.ParseWeekday(m.Weekday); !ok {
			add("meeting", p.Pos("weekday"), "weekday %q is not a day of the week", m.Weekday)
		}
	}
	if m.Time != "" {
		if _, _, err := calendar.ParseClock(m.Time); err != nil {
			add("meeting", p.Pos("time"), "time %q is not a time such as 09:30", m.Time)
		}
	}
	if m.Duration != "" {
		if _, err := calendar.ParseDuration(m.Duration); err != nil {
			add("meeting", p.Pos("duration"), "%v", err)
		}
	}
}

// scheduled returns the schedule of a meeting page that has a frequency
// and a start date, as the calendar reads it.
func (s *Site) scheduled(p *content.Page) (calendar.Meeting, bool) {
	if p.Kind != content.KindMeeting || p.Meta.Frequency == "" || p.Meta.Starts.IsZero() {
		return calendar.Meeting{}, false
	}
	return s.Meeting(p)
}
