package generator

import (
	"fmt"
	"sort"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// writeCalendars writes calendar.ics with the meeting rhythm and every next
// review, and people/ID/calendar.ics with only what concerns that person.
func (b *builder) writeCalendars(sink Sink) error {
	all := b.calendar(b.site.Config.Title, func(content.Ref) bool { return true }, nil)
	data, err := all.Bytes()
	if err != nil {
		return fmt.Errorf("calendar.ics: %w", err)
	}
	if err := sink.Write("calendar.ics", data); err != nil {
		return err
	}
	for _, p := range b.site.People.Persons {
		mine := func(r content.Ref) bool {
			if r.ID == p.ID {
				return true
			}
			for _, role := range p.Roles {
				if r.ID == role.ID {
					return true
				}
			}
			return false
		}
		cal := b.calendar(b.site.Config.Title+" · "+p.Name, mine, p)
		data, err := cal.Bytes()
		if err != nil {
			return fmt.Errorf("calendar of %s: %w", p.ID, err)
		}
		if err := sink.Write(personDir(p.ID)+"calendar.ics", data); err != nil {
			return err
		}
	}
	return nil
}

func personDir(id string) string { return "people/" + content.Slug(id) + "/" }

// calendar collects the meetings and reviews that match concerns.
func (b *builder) calendar(name string, concerns func(content.Ref) bool, who *content.Person) *calendar.Calendar {
	cal := &calendar.Calendar{Name: name, Stamp: b.now.Time, BaseURL: b.baseURL()}
	for _, p := range b.site.Pages {
		m := &p.Meta
		if p.List {
			continue
		}
		if p.Kind == content.KindMeeting && m.Frequency != "" && !m.Starts.IsZero() && b.meetingConcerns(p, concerns) {
			if mt, ok := b.meeting(p); ok {
				cal.Meetings = append(cal.Meetings, mt)
			}
		}
		if next, ok := m.NextReview(); ok && concerns(m.Owner) {
			cal.Reviews = append(cal.Reviews, calendar.Review{UID: p.ID, Title: b.theme.label("next_review") + ": " + p.Title,
				URL: pageOut(p), Date: next.Time, Owner: person(m.Owner)})
		}
	}
	sort.Slice(cal.Meetings, func(i, j int) bool { return cal.Meetings[i].UID < cal.Meetings[j].UID })
	return cal
}

func (b *builder) meetingConcerns(p *content.Page, concerns func(content.Ref) bool) bool {
	if concerns(p.Meta.Chair) {
		return true
	}
	for _, r := range p.Meta.Participants {
		if concerns(r) {
			return true
		}
	}
	return false
}

// meeting converts a meeting page; invalid values were reported by the checks.
func (b *builder) meeting(p *content.Page) (calendar.Meeting, bool) {
	m := &p.Meta
	if !calendar.ValidFrequency(m.Frequency) {
		return calendar.Meeting{}, false
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
	mt := calendar.Meeting{UID: p.ID, Title: p.Title, Description: p.Summary, URL: pageOut(p), Frequency: m.Frequency,
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

func (b *builder) baseURL() string {
	if b.opts.BaseURL != "" {
		return b.opts.BaseURL
	}
	return b.site.Config.BaseURL
}
