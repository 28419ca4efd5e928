package calendar

import "time"

// milestoneCategory is the CATEGORIES of an exit plan milestone's event.
const milestoneCategory = "Milestone"

// milestoneEvent resolves r to an all-day event of the exit plan.
func (c *Calendar) milestoneEvent(r Review) event {
	return c.dayEvent("milestone/", milestoneCategory, r)
}

// Pattern is a meeting's recurrence in the shape the site's browser
// script expands (themes/default/assets/readtime.js), so that a page read
// long after its build shows the meeting's next dates: the first
// occurrence and how the next ones follow from it, exactly as calendar.ics
// says (RRULE).
type Pattern struct {
	First    time.Time // the first occurrence, as wall time
	Once     bool      // no recurrence
	Monthly  bool      // by month, else by week
	Interval int       // weeks or months between occurrences
	ByDay    bool      // monthly on the first Weekday of the month, else on MonthDay
	Weekday  time.Weekday
	MonthDay int // 31 means the last day of the month
}

// Recurrence returns the pattern of a meeting's recurrence from its
// frequency ("" for one meeting), weekday ("" for that of start) and
// first possible start (wall time).
func Recurrence(frequency, weekday string, start time.Time) (Pattern, error) {
	r, err := newRule(frequency, weekday, start)
	if err != nil {
		return Pattern{}, err
	}
	first := r.first(wallClock(start))
	return Pattern{First: first, Once: r.once, Monthly: r.monthly, Interval: r.interval, ByDay: r.byDay,
		Weekday: r.weekday, MonthDay: r.monthDay}, nil
}

// Next returns the first n starts of the pattern that end after from
// (wall time), given the meeting's length; fewer when the meeting does
// not recur. Skipped dates (the 30th in February) are left out, as a
// calendar app leaves them out.
func (p Pattern) Next(from time.Time, length time.Duration, n int) []time.Time {
	r := rule{once: p.Once, monthly: p.Monthly, interval: max(p.Interval, 1), weekday: p.Weekday, byDay: p.ByDay, monthDay: p.MonthDay}
	from = wallClock(from)
	// Jump close to from: the expansion is linear in the occurrences
	// before it otherwise, and a site may be read years after its build.
	first := p.First
	if !r.once && from.Sub(first) > 62*24*time.Hour {
		if !r.monthly {
			weeks := int(from.Sub(first).Hours()/24/7) / r.interval * r.interval
			first = addDays(first, 7*(weeks-r.interval))
		} else {
			months := (from.Year()-first.Year())*12 + int(from.Month()-first.Month())
			months = months/r.interval*r.interval - r.interval
			if months > 0 {
				m := addMonths(first, months)
				if r.byDay {
					first = firstWeekdayOfMonth(m, r.weekday)
				} else {
					first = time.Date(m.Year(), m.Month(), 1, first.Hour(), first.Minute(), 0, 0, time.UTC)
					first = dayOfMonth(first, r.monthDay)
					for first.IsZero() { // a month without the day: the next one that has it
						months += r.interval
						m = addMonths(p.First, months)
						first = dayOfMonth(m, r.monthDay)
					}
				}
			}
		}
	}
	var out []time.Time
	for t := range r.occurrences(first, first.AddDate(100, 0, 0)) {
		if t.Add(length).After(from) {
			out = append(out, t)
			if len(out) == n {
				break
			}
		}
	}
	return out
}
