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

// shortest is the length of the shortest month: a monthly meeting on a
// later day skips the months that do not have it (RFC 5545 leaves an
// occurrence on a date that does not exist out), while the page promises
// one a month.
const shortest = 28

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
		s += ";" + monthDays(r.monthDay)
	}
	return s
}

// monthDays returns the BYMONTHDAY of a monthly meeting on day d. On the
// 31st it is the last day of every month (BYMONTHDAY=-1), as the page
// promises a meeting every month. The 29th and 30th stay as they are: "that
// day, or the last day of a shorter month" (BYMONTHDAY=28,29,30;BYSETPOS=-1)
// is not expanded alike by calendar apps (ical.js ignores BYSETPOS there),
// so the build warns about them instead (ShortMonths).
func monthDays(d int) string {
	if d >= 31 {
		return "BYMONTHDAY=-1"
	}
	return "BYMONTHDAY=" + strconv.Itoa(d)
}

// LastDayOfMonth reports whether a meeting recurs on the last day of each
// month: a monthly or quarterly meeting without a weekday that starts on
// the 31st.
func LastDayOfMonth(frequency, weekday string, start time.Time) bool {
	r, err := newRule(frequency, weekday, start)
	return err == nil && r.monthly && !r.byDay && r.monthDay > shortest && monthDays(r.monthDay) == "BYMONTHDAY=-1"
}

// ShortMonths returns the months in which a monthly or quarterly meeting
// on a day of the month is left out because they do not have that day:
// RFC 5545 skips an occurrence on a date that does not exist. February
// counts with 28 days, as three years in four.
func ShortMonths(frequency, weekday string, start time.Time) []time.Month {
	r, err := newRule(frequency, weekday, start)
	if err != nil || !r.monthly || r.byDay || r.monthDay <= shortest || r.monthDay >= 31 {
		return nil
	}
	var out []time.Month
	for i := 0; i < 12; i += r.interval {
		m := (start.Month()-1+time.Month(i))%12 + 1
		if days := time.Date(2027, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); days < r.monthDay {
			out = append(out, m)
		}
	}
	return out
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
