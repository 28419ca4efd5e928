// Package calendar writes the site's meeting rhythm and review dates as an
// RFC 5545 iCalendar file that Outlook, Google Calendar and Apple Calendar
// import.
//
// calendar imports only the standard library and its iCalendar and
// recurrence libraries; the generator and the check stage call it.
package calendar

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// DefaultTimeZone is the time zone used when Calendar.TimeZone is empty.
const DefaultTimeZone = "Europe/Amsterdam"

// DefaultDomain is the suffix added to a UID that has no "@".
const DefaultDomain = "handover"

// defaultMeetingLength is used for a meeting without a Duration.
const defaultMeetingLength = time.Hour

// Person is an organizer, attendee or owner. Without an Email a person
// cannot be written as a calendar address and is left out.
type Person struct {
	Name  string
	Email string
}

// Meeting is a recurring meeting of the handover's review rhythm.
type Meeting struct {
	// UID identifies the meeting across builds, usually its page id
	// ("meetings/weekoverleg"); "@" and the calendar's Domain are added
	// when it has no "@".
	UID         string
	Title       string
	Description string // free text, written before the agenda
	URL         string // the page's URL relative to the site root, or absolute; may be empty
	// Frequency is weekly, biweekly, monthly or quarterly (see
	// ParseFrequency); empty means a single meeting.
	Frequency string
	// Weekday is an English or Dutch day name (see ParseWeekday); empty
	// means the weekday of Start.
	Weekday string
	// Start is the first possible occurrence as wall time in the
	// calendar's time zone: only its date and clock fields are used, its
	// Location is ignored. The event starts on the first date on or after
	// Start that matches the recurrence.
	Start     time.Time
	Duration  time.Duration // zero means one hour
	Organizer Person
	Attendees []Person
	Agenda    []string
}

// Review is an all-day event on the date a page is due for review.
type Review struct {
	// UID identifies the review, usually the page id; without an "@" it
	// becomes "review/UID@Domain", so a meeting page's review does not
	// collide with the meeting itself.
	UID         string
	Title       string
	Description string
	URL         string
	Date        time.Time // only the date fields are used
	Owner       Person
}

// Calendar is one iCalendar file: the site's calendar.ics or a person's.
type Calendar struct {
	Name     string // X-WR-CALNAME, the name clients show
	TimeZone string // IANA name of the site's zone; empty means DefaultTimeZone
	// Domain is the UID suffix, which keeps the events of two sites apart
	// when both calendars are subscribed to; empty means DefaultDomain.
	Domain string
	// BaseURL, when set, makes relative URLs absolute so they can be
	// written as the URL property and are clickable in a client.
	BaseURL string
	// Stamp is written as every event's DTSTAMP, so output depends only on
	// the input; the caller passes the build time.
	Stamp time.Time
	// ReviewAlarm, when positive, adds a reminder this long before the
	// start of each review day.
	ReviewAlarm time.Duration
	Meetings    []Meeting
	Reviews     []Review
	// Milestones are the exit plan's milestones, all-day events like
	// reviews (UIDs "milestone/N@Domain").
	Milestones []Review
}

// event is a VEVENT with its UID resolved, ready to be sorted and written.
type event struct {
	uid   string
	write func(w *lineWriter)
}

// Bytes returns the calendar as iCalendar text with CRLF line endings.
func (c *Calendar) Bytes() ([]byte, error) {
	zone, ok := lookupZone(c.timeZone())
	if !ok {
		return nil, fmt.Errorf("calendar: unsupported time zone %q", c.timeZone())
	}
	if c.Stamp.IsZero() {
		return nil, errors.New("calendar: zero Stamp")
	}
	events, err := c.events()
	if err != nil {
		return nil, err
	}
	var w lineWriter
	c.writeHeader(&w)
	zone.write(&w)
	for _, e := range events {
		e.write(&w)
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes(), nil
}

// Write writes the calendar to w; see Bytes.
func (c *Calendar) Write(w io.Writer) error {
	b, err := c.Bytes()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, bytes.NewReader(b))
	return err
}

func (c *Calendar) timeZone() string {
	return cmp.Or(c.TimeZone, DefaultTimeZone)
}

func (c *Calendar) writeHeader(w *lineWriter) {
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//handover-dev//handover//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.text("X-WR-CALNAME", cmp.Or(c.Name, "handover"))
	w.text("X-WR-TIMEZONE", c.timeZone())
}

// events resolves every meeting and review to an event, sorted by UID.
func (c *Calendar) events() ([]event, error) {
	events := make([]event, 0, len(c.Meetings)+len(c.Reviews))
	for _, m := range c.Meetings {
		e, err := c.meetingEvent(m)
		if err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	for _, r := range c.Reviews {
		events = append(events, c.reviewEvent(r))
	}
	for _, r := range c.Milestones {
		events = append(events, c.milestoneEvent(r))
	}
	slices.SortStableFunc(events, func(a, b event) int { return strings.Compare(a.uid, b.uid) })
	for i := 1; i < len(events); i++ {
		if events[i].uid == events[i-1].uid {
			return nil, fmt.Errorf("calendar: duplicate UID %q", events[i].uid)
		}
	}
	return events, nil
}

// uid returns id with the calendar's domain added when it has no "@".
func (c *Calendar) uid(prefix, id string) string {
	if strings.Contains(id, "@") {
		return id
	}
	return prefix + id + "@" + cmp.Or(c.Domain, DefaultDomain)
}

// absURL returns u made absolute against BaseURL, or "" when it cannot be.
func (c *Calendar) absURL(u string) string {
	if u == "" || strings.Contains(u, "://") {
		return u
	}
	if c.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(c.BaseURL, "/") + "/" + strings.TrimPrefix(u, "/")
}

// description joins the description, the numbered agenda and the URL,
// separated by blank lines, leaving out what is empty. A URL that cannot
// be made absolute is left out: in a calendar app a relative link leads
// nowhere.
func (c *Calendar) description(text string, agenda []string, url string) string {
	var parts []string
	if t := strings.TrimSpace(text); t != "" {
		parts = append(parts, t)
	}
	if len(agenda) > 0 {
		lines := []string{"Agenda:"}
		for i, item := range agenda {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, item))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if u := c.absURL(url); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, "\n\n")
}
