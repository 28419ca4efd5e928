package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone rules to compare against, on any machine

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// decode parses c's output with github.com/emersion/go-ical and encodes it
// again, which checks the property counts RFC 5545 prescribes.
func decode(t *testing.T, c Calendar) *ical.Calendar {
	t.Helper()
	out, err := c.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the output: %v\n%s", err, out)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("go-ical finds the calendar invalid: %v", err)
	}
	return cal
}

func amsterdam(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// occurrences returns the first n starts of the only event in c.
func occurrences(t *testing.T, c Calendar, n int) []time.Time {
	t.Helper()
	events := decode(t, c).Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	set, err := events[0].RecurrenceSet(amsterdam(t))
	if err != nil || set == nil {
		t.Fatalf("recurrence set %v, error %v", set, err)
	}
	var got []time.Time
	next := set.Iterator()
	for range n {
		o, ok := next()
		if !ok {
			break
		}
		got = append(got, o)
	}
	return got
}

func TestGoICalParsesSmallCalendar(t *testing.T) {
	c := smallCalendar()
	c.Meetings[0].Description = "Wekelijks: financiële cijfers, coördinatie; één lijst\\map"
	cal := decode(t, c)
	if got := cal.Props.Get(ical.PropVersion).Value; got != "2.0" {
		t.Errorf("VERSION %q", got)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	m := events[0]
	desc, err := m.Props.Text(ical.PropDescription)
	want := "Wekelijks: financiële cijfers, coördinatie; één lijst\\map\n\nAgenda:\n1. KPI's\n2. Incidenten\n\nhttps://overdracht.example.nl/meetings/weekoverleg/"
	if err != nil || desc != want {
		t.Errorf("DESCRIPTION = %q, %v, want %q", desc, err, want)
	}
	attendee := m.Props.Get(ical.PropAttendee)
	if cn := attendee.Params.Get(ical.ParamCommonName); cn != "Bakker, M." || attendee.Value != "mailto:m.bakker@example.nl" {
		t.Errorf("ATTENDEE CN %q value %q", cn, attendee.Value)
	}
	end, err := m.DateTimeEnd(time.UTC)
	if want := time.Date(2026, 11, 3, 9, 15, 0, 0, time.UTC); err != nil || !end.Equal(want) {
		t.Errorf("DTEND = %v, %v, want %v (10:15 CET)", end, err, want)
	}
	r := events[1]
	start, err := r.DateTimeStart(time.UTC)
	if err != nil || r.Props.Get(ical.PropDateTimeStart).ValueType() != ical.ValueDate || start.Format(time.DateOnly) != "2027-01-05" {
		t.Errorf("review DTSTART = %v, %v, want the date 2027-01-05", start, err)
	}
}

func TestWeeklyExpansion(t *testing.T) {
	c := Calendar{Stamp: stamp(), Meetings: []Meeting{{
		UID: "m", Frequency: "weekly", Weekday: "Tuesday", Start: date(2026, 11, 2, 9, 30),
	}}}
	got := occurrences(t, c, 3)
	want := []string{"2026-11-03 09:30 CET", "2026-11-10 09:30 CET", "2026-11-17 09:30 CET"}
	if s := formatAll(got); s != strings.Join(want, ", ") {
		t.Errorf("occurrences %s, want %s", s, strings.Join(want, ", "))
	}
}

func TestMonthlyExpansionAcrossDST(t *testing.T) {
	c := Calendar{Stamp: stamp(), Meetings: []Meeting{{
		UID: "m", Frequency: "monthly", Weekday: "donderdag", Start: date(2026, 9, 4, 9, 30),
	}}}
	got := occurrences(t, c, 7)
	// Summer time ends 25 October 2026 and starts 28 March 2027.
	want := "2026-10-01 09:30 CEST, 2026-11-05 09:30 CET, 2026-12-03 09:30 CET, " +
		"2027-01-07 09:30 CET, 2027-02-04 09:30 CET, 2027-03-04 09:30 CET, 2027-04-01 09:30 CEST"
	if s := formatAll(got); s != want {
		t.Errorf("occurrences\n %s\nwant\n %s", s, want)
	}
	if utc := got[1].UTC().Format("15:04"); utc != "08:30" {
		t.Errorf("5 November at %s UTC, want 08:30", utc)
	}
}

func TestQuarterlyExpansion(t *testing.T) {
	c := Calendar{Stamp: stamp(), Meetings: []Meeting{{
		UID: "m", Frequency: "quarterly", Start: date(2026, 11, 20, 13, 0),
	}}}
	want := "2026-11-20 13:00 CET, 2027-02-20 13:00 CET, 2027-05-20 13:00 CEST"
	if s := formatAll(occurrences(t, c, 3)); s != want {
		t.Errorf("occurrences %s, want %s", s, want)
	}
}

func formatAll(ts []time.Time) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Format("2006-01-02 15:04 MST"))
	}
	return strings.Join(s, ", ")
}

// TestTimeZoneRules expands the VTIMEZONE's rules for 2026 to 2045 and
// compares every transition with the IANA database.
func TestTimeZoneRules(t *testing.T) {
	for _, id := range []string{"Europe/Amsterdam", "Europe/Berlin", "Europe/London",
		"Europe/Dublin", "Europe/Lisbon", "Europe/Helsinki"} {
		loc, err := time.LoadLocation(id)
		if err != nil {
			t.Fatal(err)
		}
		cal := decode(t, Calendar{Stamp: stamp(), TimeZone: id})
		var tz *ical.Component
		for _, child := range cal.Children {
			if child.Name == ical.CompTimezone {
				tz = child
			}
		}
		if tz == nil || tz.Props.Get(ical.PropTimezoneID).Value != id || len(tz.Children) != 2 {
			t.Fatalf("%s: no VTIMEZONE with TZID and two rules in %+v", id, tz)
		}
		for _, rule := range tz.Children {
			checkTransitions(t, id, loc, rule)
		}
	}
}

// checkTransitions checks that each onset of rule is a change of offset
// in loc from TZOFFSETFROM to TZOFFSETTO.
func checkTransitions(t *testing.T, id string, loc *time.Location, rule *ical.Component) {
	t.Helper()
	from, to := offset(t, rule, ical.PropTimezoneOffsetFrom), offset(t, rule, ical.PropTimezoneOffsetTo)
	opt, err := rule.Props.RecurrenceRule()
	if err != nil || opt == nil {
		t.Fatalf("%s %s: RRULE %v, %v", id, rule.Name, opt, err)
	}
	// DTSTART is local time before the change, so in TZOFFSETFROM.
	opt.Dtstart, err = rule.Props.DateTime(ical.PropDateTimeStart, time.FixedZone("from", from))
	if err != nil {
		t.Fatal(err)
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatal(err)
	}
	onsets := r.Between(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2046, 1, 1, 0, 0, 0, 0, time.UTC), true)
	if len(onsets) != 20 {
		t.Fatalf("%s %s: %d onsets in 20 years", id, rule.Name, len(onsets))
	}
	for _, on := range onsets {
		_, before := on.Add(-time.Second).In(loc).Zone()
		_, after := on.In(loc).Zone()
		if before != from || after != to {
			t.Errorf("%s %s at %v: IANA offset %d → %d, VTIMEZONE says %d → %d", id, rule.Name, on.UTC(), before, after, from, to)
		}
	}
}

// offset parses a UTC-OFFSET property ("+0100") into seconds.
func offset(t *testing.T, c *ical.Component, name string) int {
	t.Helper()
	v := c.Props.Get(name).Value
	ts, err := time.Parse("-0700", v)
	if err != nil {
		t.Fatalf("%s %q: %v", name, v, err)
	}
	_, off := ts.Zone()
	return off
}

// FuzzCalendar checks that any title and person go-ical can read back,
// with every physical line at most 75 octets.
func FuzzCalendar(f *testing.F) {
	f.Add("Weekoverleg; team, MT", "Bakker, M. \"Mo\"", "m@x.nl", "1. \\ één\r\ntwee")
	f.Add(strings.Repeat("ë", 60), "a:b;c", "x@y", "")
	f.Fuzz(func(t *testing.T, title, name, email, item string) {
		c := Calendar{Stamp: stamp(), Meetings: []Meeting{{
			UID: title, Title: title, Frequency: "weekly", Start: date(2026, 11, 2, 9, 30),
			Attendees: []Person{{name, email}}, Agenda: []string{item},
		}}}
		out, err := c.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		checkPhysicalLines(t, string(out))
		cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
		if err != nil {
			t.Fatalf("go-ical: %v\n%s", err, out)
		}
		ev := cal.Events()[0]
		if got, err := ev.Props.Text(ical.PropSummary); err != nil || got != cleanText(title) {
			t.Errorf("SUMMARY %q, %v, want %q", got, err, cleanText(title))
		}
		if got, err := ev.Props.Text(ical.PropUID); err != nil || !strings.HasPrefix(got, cleanText(title)) {
			t.Errorf("UID %q, %v, want it to start with %q", got, err, cleanText(title))
		}
	})
}
