package generator

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// agenda holds the calendar entries of the site, and which person or role
// each concerns, collected in one pass over the pages.
type agenda struct {
	meetings []calendar.Meeting
	reviews  []calendar.Review
	byID     map[string][]int // person or role id → meeting indices
	reviewBy map[string][]int // owner id → review indices
}

func (b *builder) agenda() *agenda {
	a := &agenda{byID: map[string][]int{}, reviewBy: map[string][]int{}}
	for _, p := range b.site.Pages {
		m := &p.Meta
		if p.List {
			continue
		}
		if p.Kind == content.KindMeeting && m.Frequency != "" && !m.Starts.IsZero() {
			if mt, ok := b.meeting(p); ok {
				a.meetings = append(a.meetings, mt)
				for _, r := range append([]content.Ref{m.Chair}, m.Participants...) {
					if !r.IsZero() {
						a.byID[r.ID] = append(a.byID[r.ID], len(a.meetings)-1)
					}
				}
			}
		}
		if next, ok := m.NextReview(); ok {
			a.reviews = append(a.reviews, calendar.Review{UID: p.ID, Title: b.theme.Label("next_review") + ": " + p.Title,
				URL: pageOut(p), Date: next.Time, Owner: person(m.Owner)})
			a.reviewBy[m.Owner.ID] = append(a.reviewBy[m.Owner.ID], len(a.reviews)-1)
		}
	}
	return a
}

// writeCalendars writes calendar.ics with the meeting rhythm and every next
// review, people/ID/calendar.ics with the meetings a person chairs or
// attends and the reviews of what they own, and people/ROLE/calendar.ics the
// same for a role.
func (b *builder) writeCalendars(sink Sink) error {
	a := b.agenda()
	all := &calendar.Calendar{Name: b.site.Config.Title, Stamp: b.now.Time, BaseURL: b.baseURL(), Domain: b.calendarDomain(),
		Meetings: a.meetings, Reviews: a.reviews, Milestones: b.milestoneEvents()}
	if err := b.writeCalendar(sink, "calendar.ics", all); err != nil {
		return err
	}
	for _, p := range b.site.People.Persons {
		// A person's calendar has only their own items; what concerns a
		// role is in the role's calendar, which the person's page links
		// to. Copying a role's items into the calendar of each member
		// made the calendars grow with the square of the site: a role of
		// 2,000 members with 500 meetings is a million events.
		if err := b.writeCalendar(sink, personDir(p.ID)+"calendar.ics", b.calendarOf(a, p.Name, p.ID)); err != nil {
			return err
		}
	}
	for _, r := range b.site.People.Roles {
		if err := b.writeCalendar(sink, personDir(r.ID)+"calendar.ics", b.calendarOf(a, r.Name, r.ID)); err != nil {
			return err
		}
	}
	return nil
}

// calendarOf returns the calendar named name with the meetings that id
// (a person or a role) chairs or attends and the reviews of what id owns.
func (b *builder) calendarOf(a *agenda, name, id string) *calendar.Calendar {
	cal := &calendar.Calendar{Name: b.site.Config.Title + " · " + name, Stamp: b.now.Time, BaseURL: b.baseURL(), Domain: b.calendarDomain()}
	// The lists are in ascending order; a person who chairs a meeting and
	// is listed among its participants appears twice in a row.
	for _, i := range slices.Compact(slices.Clone(a.byID[id])) {
		cal.Meetings = append(cal.Meetings, a.meetings[i])
	}
	for _, i := range a.reviewBy[id] {
		cal.Reviews = append(cal.Reviews, a.reviews[i])
	}
	return cal
}

func (b *builder) writeCalendar(sink Sink, name string, cal *calendar.Calendar) error {
	data, err := cal.Bytes()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return sink.Write(name, data)
}

func personDir(id string) string { return "people/" + content.Slug(id) + "/" }

// meeting converts a meeting page; invalid values were reported by the checks.
func (b *builder) meeting(p *content.Page) (calendar.Meeting, bool) {
	m := &p.Meta
	if !calendar.ValidFrequency(m.Frequency) {
		return calendar.Meeting{}, false
	}
	if m.Weekday != "" {
		if _, ok := calendar.ParseWeekday(m.Weekday); !ok {
			return calendar.Meeting{}, false
		}
	}
	start := m.Starts.Time
	if h, min, err := calendar.ParseClock(m.Time); err == nil {
		start = start.Add(time.Duration(h)*time.Hour + time.Duration(min)*time.Minute)
	} else {
		start = start.Add(9 * time.Hour)
	}
	dur, err := calendar.ParseDuration(m.Duration)
	if err != nil {
		dur = time.Hour
	}
	mt := calendar.Meeting{UID: p.ID, Title: p.Title, Description: b.meetingText(p, start), URL: pageOut(p), Frequency: m.Frequency,
		Weekday: m.Weekday, Start: start, Duration: dur, Organizer: person(m.Chair), Agenda: m.Agenda}
	for _, r := range m.Participants {
		mt.Attendees = append(mt.Attendees, person(r))
	}
	return mt, true
}

func person(r content.Ref) calendar.Person {
	if r.Person != nil {
		return calendar.Person{Name: r.Person.Name, Email: r.Person.Email}
	}
	return calendar.Person{Name: r.Name()}
}

// meetingText is the description of a meeting's events: its summary, and
// for a meeting on the 31st that it is held on the last day of the month,
// which the recurrence rule says in a form people do not read.
func (b *builder) meetingText(p *content.Page, start time.Time) string {
	if !calendar.LastDayOfMonth(p.Meta.Frequency, p.Meta.Weekday, start) {
		return p.Summary
	}
	return strings.TrimSpace(b.theme.Label("calendar.lastday") + "\n\n" + p.Summary)
}

// calendarDomain returns the part after "@" of the site's event UIDs, so
// that the events of two sites whose calendars one person subscribes to
// stay apart, and stay the same from build to build: calendar.id from
// handover.yaml, else the host and path of the base URL, else the site's
// title and organisation.
func (b *builder) calendarDomain() string {
	cfg := &b.site.Config
	if cfg.Calendar.ID != "" {
		return cfg.Calendar.ID
	}
	if u, err := url.Parse(b.baseURL()); err == nil && u.Host != "" {
		return strings.ToLower(u.Host) + strings.TrimSuffix(u.EscapedPath(), "/")
	}
	var parts []string
	for _, s := range []string{cfg.Title, cfg.Organisation} {
		if slug := strings.ReplaceAll(content.Slug(s), "@", "-"); slug != "" {
			parts = append(parts, slug)
		}
	}
	return strings.Join(append(parts, calendar.DefaultDomain), ".")
}

func (b *builder) baseURL() string {
	if b.opts.BaseURL != "" {
		return b.opts.BaseURL
	}
	return b.site.Config.BaseURL
}
