package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Frequency is how often a meeting recurs.
type Frequency string

// The frequencies a meeting's front matter may name.
const (
	Weekly    Frequency = "weekly"
	Biweekly  Frequency = "biweekly"
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
)

// ParseFrequency returns the Frequency that s names, ignoring case and
// surrounding space, and whether it names one.
func ParseFrequency(s string) (Frequency, bool) {
	switch f := Frequency(strings.ToLower(strings.TrimSpace(s))); f {
	case Weekly, Biweekly, Monthly, Quarterly:
		return f, true
	}
	return "", false
}

// ValidFrequency reports whether s names a Frequency.
func ValidFrequency(s string) bool {
	_, ok := ParseFrequency(s)
	return ok
}

// ParseWeekday returns the weekday that s names: an English or Dutch day
// name ("tuesday", "dinsdag") or its common abbreviation ("tue", "di"),
// ignoring case and surrounding space.
func ParseWeekday(s string) (time.Weekday, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "sunday", "sun", "zondag", "zo":
		return time.Sunday, true
	case "monday", "mon", "maandag", "ma":
		return time.Monday, true
	case "tuesday", "tue", "dinsdag", "di":
		return time.Tuesday, true
	case "wednesday", "wed", "woensdag", "wo":
		return time.Wednesday, true
	case "thursday", "thu", "donderdag", "do":
		return time.Thursday, true
	case "friday", "fri", "vrijdag", "vr":
		return time.Friday, true
	case "saturday", "sat", "zaterdag", "za":
		return time.Saturday, true
	}
	return 0, false
}

// ParseClock parses a time of day written as H:MM or HH:MM ("09:30"), with
// a period also accepted as the separator ("9.30", as Dutch writes it).
func ParseClock(s string) (hour, minute int, err error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		h, m, ok = strings.Cut(strings.TrimSpace(s), ".")
	}
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, 0, fmt.Errorf("time %q is not HH:MM", s)
	}
	hour, herr := strconv.Atoi(h)
	minute, merr := strconv.Atoi(m)
	if herr != nil || merr != nil || !isDigits(h+m) || hour > 23 || minute > 59 {
		return 0, 0, fmt.Errorf("time %q is not a time of day HH:MM", s)
	}
	return hour, minute, nil
}

// isDigits reports whether s holds only ASCII digits, so that Atoi's
// tolerance of signs does not let "+9:30" through.
func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// ParseDuration parses a meeting's length in Go's notation ("45m", "1h",
// "1h30m", "90m"): positive, whole minutes, at most 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	switch {
	case err != nil:
		return 0, fmt.Errorf("duration %q is not like 45m, 1h or 1h30m", s)
	case d <= 0 || d > 24*time.Hour:
		return 0, fmt.Errorf("duration %q is not between 1m and 24h", s)
	case d%time.Minute != 0:
		return 0, fmt.Errorf("duration %q is not a whole number of minutes", s)
	}
	return d, nil
}
