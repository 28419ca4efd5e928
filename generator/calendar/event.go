package calendar

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Formats of DATE, local DATE-TIME and UTC DATE-TIME values.
const (
	dateFormat     = "20060102"
	localFormat    = "20060102T150405"
	utcFormat      = "20060102T150405Z"
	reviewCategory = "Review"
)

// meetingEvent resolves m to an event whose first occurrence matches its
// recurrence.
func (c *Calendar) meetingEvent(m Meeting) (event, error) {
	uid := c.uid("", m.UID)
	r, err := newRule(m.Frequency, m.Weekday, m.Start)
	if err != nil {
		return event{}, fmt.Errorf("calendar: meeting %q: %w", m.UID, err)
	}
	start := r.first(wallClock(m.Start))
	end := start.Add(cmpDuration(m.Duration))
	write := func(w *lineWriter) {
		w.line("BEGIN:VEVENT")
		c.writeCommon(w, uid)
		tz := []param{{"TZID", c.timeZone()}}
		w.prop("DTSTART", tz, start.Format(localFormat))
		w.prop("DTEND", tz, end.Format(localFormat))
		if rr := r.String(); rr != "" {
			w.line("RRULE:" + rr)
		}
		w.text("SUMMARY", m.Title)
		c.writeBody(w, m.Description, m.Agenda, m.URL)
		writePerson(w, "ORGANIZER", nil, m.Organizer)
		writeAttendees(w, m.Organizer, m.Attendees)
		w.line("END:VEVENT")
	}
	return event{uid: uid, write: write}, nil
}

// reviewEvent resolves r to an all-day event that does not block time.
func (c *Calendar) reviewEvent(r Review) event { return c.dayEvent("review/", reviewCategory, r) }

// dayEvent resolves r to an all-day event under the UID prefix and
// category given.
func (c *Calendar) dayEvent(prefix, category string, r Review) event {
	uid := c.uid(prefix, r.UID)
	day := time.Date(r.Date.Year(), r.Date.Month(), r.Date.Day(), 0, 0, 0, 0, time.UTC)
	write := func(w *lineWriter) {
		w.line("BEGIN:VEVENT")
		c.writeCommon(w, uid)
		date := []param{{"VALUE", "DATE"}}
		w.prop("DTSTART", date, day.Format(dateFormat))
		w.prop("DTEND", date, day.AddDate(0, 0, 1).Format(dateFormat))
		w.text("SUMMARY", r.Title)
		c.writeBody(w, r.Description, nil, r.URL)
		w.text("CATEGORIES", category)
		w.line("TRANSP:TRANSPARENT")
		writePerson(w, "ORGANIZER", nil, r.Owner)
		c.writeAlarm(w, r.Title)
		w.line("END:VEVENT")
	}
	return event{uid: uid, write: write}
}

// wallClock returns t's date and clock time in UTC, so that arithmetic on
// it is on the wall clock and never meets a daylight saving change.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// cmpDuration returns d, or the default meeting length when d is not
// positive.
func cmpDuration(d time.Duration) time.Duration {
	if d <= 0 {
		return defaultMeetingLength
	}
	return d
}

// writeCommon writes the properties every event starts with.
func (c *Calendar) writeCommon(w *lineWriter, uid string) {
	w.text("UID", uid)
	w.line("DTSTAMP:" + c.Stamp.UTC().Format(utcFormat))
}

// writeBody writes DESCRIPTION and, when it is absolute, URL.
func (c *Calendar) writeBody(w *lineWriter, text string, agenda []string, url string) {
	if d := c.description(text, agenda, url); d != "" {
		w.text("DESCRIPTION", d)
	}
	if u := c.absURL(url); u != "" && validURI(u) {
		w.prop("URL", nil, u)
	}
}

// validURI reports whether u can be written as a URI value unescaped.
func validURI(u string) bool {
	return utf8.ValidString(u) && !strings.ContainsFunc(u, func(r rune) bool {
		return r <= ' ' || r == 0x7f || r == '"'
	})
}

// writeAlarm writes a display reminder ReviewAlarm before the event.
func (c *Calendar) writeAlarm(w *lineWriter, title string) {
	if c.ReviewAlarm <= 0 {
		return
	}
	w.line("BEGIN:VALARM")
	w.line("ACTION:DISPLAY")
	w.text("DESCRIPTION", title)
	w.line("TRIGGER:-" + formatDuration(c.ReviewAlarm))
	w.line("END:VALARM")
}

// formatDuration writes a positive d as an RFC 5545 DURATION, to the
// minute: P1D, PT45M, P1DT2H.
func formatDuration(d time.Duration) string {
	mins := int(d / time.Minute)
	days, hours, mins := mins/(24*60), mins/60%24, mins%60
	s := "P"
	if days > 0 {
		s += fmt.Sprintf("%dD", days)
	}
	if hours > 0 || mins > 0 || days == 0 {
		s += "T"
	}
	if hours > 0 {
		s += fmt.Sprintf("%dH", hours)
	}
	if mins > 0 || (days == 0 && hours == 0) {
		s += fmt.Sprintf("%dM", mins)
	}
	return s
}

// writeAttendees writes an ATTENDEE for each person with an email, once per
// address and leaving out the organizer.
func writeAttendees(w *lineWriter, organizer Person, attendees []Person) {
	seen := map[string]bool{strings.ToLower(organizer.Email): true}
	for _, p := range attendees {
		key := strings.ToLower(p.Email)
		if seen[key] {
			continue
		}
		seen[key] = true
		params := []param{{"ROLE", "REQ-PARTICIPANT"}, {"PARTSTAT", "NEEDS-ACTION"}, {"RSVP", "FALSE"}}
		writePerson(w, "ATTENDEE", params, p)
	}
}

// writePerson writes p as a calendar address property with its name as
// CN; a person without a usable email is left out, as a CAL-ADDRESS must
// be a URI.
func writePerson(w *lineWriter, name string, params []param, p Person) {
	email := strings.TrimSpace(p.Email)
	if !validEmail(email) {
		return
	}
	if n := strings.TrimSpace(p.Name); n != "" {
		params = append([]param{{"CN", n}}, params...)
	}
	w.prop(name, params, "mailto:"+email)
}

// validEmail reports whether s looks enough like an address to be written
// as a mailto URI without escaping.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && validURI(s) &&
		!strings.ContainsAny(s, "<>,;:?#")
}
