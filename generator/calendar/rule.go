package calendar

import (
	"fmt"
	"strconv"
	"time"
)

// dayCodes holds the two-letter RFC 5545 code of each weekday, Sunday first.
const dayCodes = "SUMOTUWETHFRSA"

// dayCode returns the two-letter RFC 5545 code of wd ("TU").
func dayCode(wd time.Weekday) string {
	return dayCodes[2*wd : 2*wd+2]
}

// rule is a meeting's recurrence, reduced to the shapes the content model
// can express.
type rule struct {
	once     bool         // no recurrence at all
	monthly  bool         // FREQ=MONTHLY, else FREQ=WEEKLY
	interval int          // 1, 2 or 3
	weekday  time.Weekday // the day for weekly rules and BYDAY=1XX
	byDay    bool         // monthly on the first weekday, else BYMONTHDAY
	monthDay int          // BYMONTHDAY for a monthly rule without a weekday
}

// newRule derives the recurrence of a meeting from its frequency, weekday
// and start.
func newRule(frequency, weekday string, start time.Time) (rule, error) {
	r := rule{weekday: start.Weekday(), monthDay: start.Day(), interval: 1}
	if weekday != "" {
		wd, ok := ParseWeekday(weekday)
		if !ok {
			return rule{}, fmt.Errorf("unknown weekday %q", weekday)
		}
		r.weekday, r.byDay = wd, true
	}
	if frequency == "" {
		r.once = true
		return r, nil
	}
	f, ok := ParseFrequency(frequency)
	if !ok {
		return rule{}, fmt.Errorf("unknown frequency %q", frequency)
	}
	switch f {
	case Biweekly:
		r.interval = 2
	case Monthly:
		r.monthly = true
	case Quarterly:
		r.monthly, r.interval = true, 3
	}
	return r, nil
}

// String returns the RRULE value, or "" for a single meeting.
func (r rule) String() string {
	if r.once {
		return ""
	}
	s := "FREQ=WEEKLY"
	if r.monthly {
		s = "FREQ=MONTHLY"
	}
	if r.interval > 1 {
		s += ";INTERVAL=" + strconv.Itoa(r.interval)
	}
	switch {
	case !r.monthly:
		s += ";BYDAY=" + dayCode(r.weekday)
	case r.byDay:
		s += ";BYDAY=1" + dayCode(r.weekday)
	default:
		s += ";BYMONTHDAY=" + strconv.Itoa(r.monthDay)
	}
	return s
}

// first returns the first date on or after start that matches the rule,
// keeping start's clock time, so that DTSTART is itself an occurrence as
// RFC 5545 requires.
func (r rule) first(start time.Time) time.Time {
	switch {
	case r.once && !r.byDay, r.monthly && !r.byDay:
		return start
	case !r.monthly:
		return addDays(start, daysUntil(start.Weekday(), r.weekday))
	}
	first := firstWeekdayOfMonth(start, r.weekday)
	if first.Before(start) {
		first = firstWeekdayOfMonth(addMonths(start, 1), r.weekday)
	}
	return first
}

// daysUntil returns how many days from weekday from it is to the next
// weekday to, zero when they are the same.
func daysUntil(from, to time.Weekday) int {
	return (int(to) - int(from) + 7) % 7
}

// firstWeekdayOfMonth returns the first wd in t's month at t's clock time.
func firstWeekdayOfMonth(t time.Time, wd time.Weekday) time.Time {
	day1 := time.Date(t.Year(), t.Month(), 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return addDays(day1, daysUntil(day1.Weekday(), wd))
}

// addDays adds n calendar days to t's wall date, ignoring its zone.
func addDays(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day()+n, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// addMonths returns the first day of the month n months after t's.
func addMonths(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month()+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
