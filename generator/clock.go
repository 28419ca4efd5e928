package generator

import (
	"strings"
	"time"
)

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"maandag": time.Monday, "dinsdag": time.Tuesday, "woensdag": time.Wednesday, "donderdag": time.Thursday,
	"vrijdag": time.Friday, "zaterdag": time.Saturday, "zondag": time.Sunday,
}

// weekday parses an English or Dutch day name.
func weekday(s string) (time.Weekday, bool) {
	d, ok := weekdays[strings.ToLower(strings.TrimSpace(s))]
	return d, ok
}

// clock parses a time of day such as "09:30".
func clock(s string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}
