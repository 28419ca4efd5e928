package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// stamp is the DTSTAMP of every test calendar.
func stamp() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) }

// crlf turns a Go raw string into iCalendar line endings.
func crlf(s string) string {
	return strings.ReplaceAll(strings.TrimPrefix(s, "\n"), "\n", "\r\n")
}

func smallCalendar() Calendar {
	return Calendar{
		Name:    "Overdracht klantenservice",
		Stamp:   stamp(),
		BaseURL: "https://overdracht.example.nl/",
		Meetings: []Meeting{{
			UID:       "meetings/weekoverleg",
			Title:     "Weekoverleg",
			URL:       "meetings/weekoverleg/",
			Frequency: "weekly",
			Weekday:   "dinsdag",
			Start:     date(2026, 11, 2, 9, 30),
			Duration:  45 * time.Minute,
			Organizer: Person{"Jan de Vries", "jan@example.nl"},
			Attendees: []Person{{"Bakker, M.", "m.bakker@example.nl"}, {"Zonder Mail", ""}},
			Agenda:    []string{"KPI's", "Incidenten"},
		}},
		Reviews: []Review{{
			UID:   "processes/incident-handling",
			Title: "Review: Incidentafhandeling",
			Date:  date(2027, 1, 5, 0, 0),
			Owner: Person{Name: "Jan de Vries"},
		}},
	}
}

func TestGolden(t *testing.T) {
	want := crlf(`
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//handover-dev//handover//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Overdracht klantenservice
X-WR-TIMEZONE:Europe/Amsterdam
BEGIN:VTIMEZONE
TZID:Europe/Amsterdam
X-LIC-LOCATION:Europe/Amsterdam
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:meetings/weekoverleg@handover
DTSTAMP:20261101T120000Z
DTSTART;TZID=Europe/Amsterdam:20261103T093000
DTEND;TZID=Europe/Amsterdam:20261103T101500
RRULE:FREQ=WEEKLY;BYDAY=TU
SUMMARY:Weekoverleg
DESCRIPTION:Agenda:\n1. KPI's\n2. Incidenten\n\nhttps://overdracht.example.
 nl/meetings/weekoverleg/
URL:https://overdracht.example.nl/meetings/weekoverleg/
ORGANIZER;CN=Jan de Vries:mailto:jan@example.nl
ATTENDEE;CN="Bakker, M.";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FA
 LSE:mailto:m.bakker@example.nl
END:VEVENT
BEGIN:VEVENT
UID:review/processes/incident-handling@handover
DTSTAMP:20261101T120000Z
DTSTART;VALUE=DATE:20270105
DTEND;VALUE=DATE:20270106
SUMMARY:Review: Incidentafhandeling
CATEGORIES:Review
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
`)
	c := smallCalendar()
	got, err := c.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil || buf.String() != want {
		t.Errorf("Write differs from Bytes (err %v)", err)
	}
}

func TestEventsSortedByUID(t *testing.T) {
	c := Calendar{Stamp: stamp(), Reviews: []Review{
		{UID: "b", Title: "B", Date: stamp()},
		{UID: "x@elsewhere", Title: "X", Date: stamp()},
		{UID: "a", Title: "A", Date: stamp()},
	}, Meetings: []Meeting{{UID: "z", Title: "Z", Start: stamp()}}}
	out, err := c.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	for _, line := range strings.Split(string(out), "\r\n") {
		if uid, ok := strings.CutPrefix(line, "UID:"); ok {
			uids = append(uids, uid)
		}
	}
	want := "review/a@handover review/b@handover x@elsewhere z@handover"
	if got := strings.Join(uids, " "); got != want {
		t.Errorf("UIDs in order %q, want %q", got, want)
	}
}

func TestBytesErrors(t *testing.T) {
	tests := []struct {
		name string
		c    Calendar
		want string
	}{
		{"zone", Calendar{Stamp: stamp(), TimeZone: "America/Phoenix"}, "unsupported time zone"},
		{"stamp", Calendar{}, "zero Stamp"},
		{"frequency", Calendar{Stamp: stamp(), Meetings: []Meeting{{UID: "m", Frequency: "daily"}}}, `meeting "m": unknown frequency`},
		{"weekday", Calendar{Stamp: stamp(), Meetings: []Meeting{{UID: "m", Weekday: "lundi"}}}, "unknown weekday"},
		{"duplicate", Calendar{Stamp: stamp(), Meetings: []Meeting{{UID: "m"}, {UID: "m@handover"}}}, "duplicate UID"},
	}
	for _, tt := range tests {
		_, err := tt.c.Bytes()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestEventLines checks single properties of one event.
func TestEventLines(t *testing.T) {
	tests := []struct {
		name    string
		c       Calendar
		want    []string
		notWant []string
	}{
		{"default length", Calendar{Meetings: []Meeting{{UID: "m", Start: date(2026, 3, 29, 1, 30)}}},
			[]string{"DTSTART;TZID=Europe/Amsterdam:20260329T013000", "DTEND;TZID=Europe/Amsterdam:20260329T023000"},
			[]string{"RRULE:FREQ=WEEKLY", "RRULE:FREQ=MONTHLY"}},
		{"zone and domain", Calendar{TimeZone: "Europe/London", Domain: "example.nl",
			Meetings: []Meeting{{UID: "m", Start: date(2026, 1, 1, 9, 0), Duration: 25 * time.Hour / 25}}},
			[]string{"UID:m@example.nl", "TZID:Europe/London", "TZNAME:BST", "DTSTART;TZID=Europe/London:20260101T090000"},
			[]string{"Amsterdam"}},
		{"relative URL without BaseURL", Calendar{Reviews: []Review{{UID: "r", URL: "processes/a/", Description: "Check it"}}},
			[]string{`DESCRIPTION:Check it`},
			[]string{"URL:", "processes/a/"}},
		{"relative URL with BaseURL", Calendar{BaseURL: "https://intranet.example.nl/overdracht",
			Reviews: []Review{{UID: "r", URL: "processes/a/", Description: "Check it"}}},
			[]string{`DESCRIPTION:Check it\n\nhttps://intranet.example.nl/overdracht/processes/a/`,
				"URL:https://intranet.example.nl/overdracht/processes/a/"}, nil},
		{"alarm", Calendar{ReviewAlarm: 15 * time.Hour, Reviews: []Review{{UID: "r", Title: "T"}}},
			[]string{"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15H"}, nil},
		{"attendees deduplicated", Calendar{Meetings: []Meeting{{UID: "m",
			Organizer: Person{"A", "a@x.nl"},
			Attendees: []Person{{"A", "A@x.nl"}, {"B", "b@x.nl"}, {"B again", "b@x.nl"}, {"C", "not an address"}}}}},
			[]string{"ORGANIZER;CN=A:mailto:a@x.nl"},
			[]string{"ATTENDEE;CN=A;", "CN=B again", "CN=C"}},
	}
	for _, tt := range tests {
		tt.c.Stamp = stamp()
		out, err := tt.c.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		text := unfold(string(out))
		for _, w := range tt.want {
			if !strings.Contains(text, w+"\r\n") {
				t.Errorf("%s: no line %q in\n%s", tt.name, w, text)
			}
		}
		for _, nw := range tt.notWant {
			if strings.Contains(text, nw) {
				t.Errorf("%s: unexpected %q in\n%s", tt.name, nw, text)
			}
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{15 * time.Minute, "PT15M"},
		{time.Hour, "PT1H"},
		{90 * time.Minute, "PT1H30M"},
		{24 * time.Hour, "P1D"},
		{26 * time.Hour, "P1DT2H"},
		{time.Second, "PT0M"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.in); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSupportedTimeZone(t *testing.T) {
	for id, want := range map[string]bool{"Europe/Amsterdam": true, "Europe/London": true, "UTC": false, "": false} {
		if SupportedTimeZone(id) != want {
			t.Errorf("SupportedTimeZone(%q) = %v, want %v", id, !want, want)
		}
	}
}
