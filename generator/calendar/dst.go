package calendar

import (
	"fmt"
	"iter"
	"time"
)

// DSTProblem is a start of a meeting on a day when a daylight saving change
// skips or repeats its clock time. RFC 5545 says what a client must do (a
// skipped time moves on by the change, a repeated time is its first
// instance), but calendar apps do not agree on it, so the meeting lands at
// different times for different participants.
type DSTProblem struct {
	Day     time.Time // the date of the change, as wall time
	Skipped bool      // the clocks jump over the time; else they pass it twice
	// From and To are the wall clock times of the change: "02:00" and
	// "03:00" when the clocks of Amsterdam go forward, the other way round
	// when they go back.
	From, To string
}

// DSTConflict returns the first start of m, in its first years of
// recurrence, that a daylight saving change of timeZone skips or repeats.
// It reports false for a time zone the calendar does not support.
func DSTConflict(m Meeting, timeZone string, years int) (DSTProblem, bool) {
	z, ok := lookupZone(timeZone)
	if !ok {
		return DSTProblem{}, false
	}
	r, err := newRule(m.Frequency, m.Weekday, m.Start)
	if err != nil {
		return DSTProblem{}, false
	}
	first := r.first(wallClock(m.Start))
	// The changes happen at 01:00 UTC: the hour from 01:00 + offset in
	// standard time is skipped in spring and passed twice in autumn.
	if first.Hour() != 1+z.offset {
		return DSTProblem{}, false
	}
	for t := range r.occurrences(first, first.AddDate(years, 0, 0)) {
		if t.Weekday() != time.Sunday || t.Day() < 25 || t.Month() != time.March && t.Month() != time.October {
			continue
		}
		early, late := fmt.Sprintf("%02d:00", 1+z.offset), fmt.Sprintf("%02d:00", 2+z.offset)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if t.Month() == time.March {
			return DSTProblem{Day: day, Skipped: true, From: early, To: late}, true
		}
		return DSTProblem{Day: day, From: late, To: early}, true
	}
	return DSTProblem{}, false
}

// occurrences yields the starts of the rule from first, which matches it,
// until before end, as wall time.
func (r rule) occurrences(first, end time.Time) iter.Seq[time.Time] {
	return func(yield func(time.Time) bool) {
		for i, t := 1, first; t.IsZero() || t.Before(end); i++ {
			if !t.IsZero() && !yield(t) || r.once {
				return
			}
			switch {
			case !r.monthly:
				t = addDays(first, 7*r.interval*i)
			case r.byDay:
				t = firstWeekdayOfMonth(addMonths(first, r.interval*i), r.weekday)
			default:
				t = dayOfMonth(addMonths(first, r.interval*i), r.monthDay)
			}
		}
	}
}

// dayOfMonth returns day d of t's month at t's clock time: the last day
// of the month for the 31st (see monthDays); for the 29th and 30th the
// zero time when the month does not have the day, as a client skips it.
func dayOfMonth(t time.Time, d int) time.Time {
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case d >= 31:
		d = last
	case d > last:
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
