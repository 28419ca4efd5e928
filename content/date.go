package content

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day without a time, as written in front matter
// (`2026-10-01`). The zero Date means "not set".
type Date struct {
	time.Time
}

// ParseDate parses a YYYY-MM-DD date; a full timestamp is accepted and cut to its day.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1000 {
			return Date{}, fmt.Errorf("%q is not a plausible date", s)
		}
		return Day(t), nil
	}
	if t, err := time.Parse("2-1-2006", s); err == nil && t.Year() >= 1000 {
		// day first, the Dutch way: one format only, so say which date
		return Date{}, fmt.Errorf("%q is not a date such as 2026-10-01: write %s", s, t.Format("2006-01-02"))
	}
	return Date{}, fmt.Errorf("%q is not a date such as 2026-10-01", s)
}

// ParseDayFirst reads a date written day first with the year last
// (27-03-2019, 3-7-2018), as Dutch documents write them; handover's
// own files write dates as 2019-03-27.
func ParseDayFirst(s string) (Date, bool) {
	t, err := time.Parse("2-1-2006", strings.TrimSpace(s))
	if err != nil || t.Year() < 1000 {
		return Date{}, false
	}
	return Day(t), true
}

// String returns the date as YYYY-MM-DD, or "" when not set.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Day returns the calendar day of t as a Date.
func Day(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}
