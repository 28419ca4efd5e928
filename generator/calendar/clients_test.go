package calendar

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The tests in this file hand calendar.ics to the clients its readers use
// and compare what they make of it with the meetings as a page describes
// them: Mozilla's ical.js (Thunderbird; npm ical.js, which .ci/run installs
// under $HANDOVER_TEST_TOOLS) and Python's icalendar with dateutil
// (Debian's python3-icalendar). Each expands every meeting for the whole of
// 2027, across both daylight saving changes.

// need skips a test whose tool is missing, and fails it in CI (CI=true),
// where .ci/run installs every tool.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// year is the span the clients expand: 2027, in Amsterdam.
var yearStart, yearEnd = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)

// clientMeetings are meetings of every shape the content model has, all
// starting in January 2027, none at a time a DST change touches. The 29th
// and 30th skip February, as the build warns.
func clientMeetings() []Meeting {
	return []Meeting{
		{UID: "weekly", Frequency: "weekly", Weekday: "dinsdag", Start: date(2027, 1, 1, 10, 0)},
		{UID: "biweekly", Frequency: "biweekly", Weekday: "friday", Start: date(2027, 1, 4, 16, 30)},
		{UID: "first-monday", Frequency: "monthly", Weekday: "maandag", Start: date(2027, 1, 2, 9, 0)},
		{UID: "the-15th", Frequency: "monthly", Start: date(2027, 1, 15, 13, 0)},
		{UID: "the-29th", Frequency: "monthly", Start: date(2027, 1, 29, 11, 0)},
		{UID: "the-30th", Frequency: "monthly", Start: date(2027, 1, 30, 14, 0)},
		{UID: "the-31st", Frequency: "monthly", Start: date(2027, 1, 31, 9, 0)},
		{UID: "quarterly-31st", Frequency: "quarterly", Start: date(2027, 1, 31, 15, 0)},
		{UID: "quarterly-first-tuesday", Frequency: "quarterly", Weekday: "tuesday", Start: date(2027, 1, 1, 8, 30)},
	}
}

// expected returns the starts of m in 2027 as the page describes it, in
// UTC: brute force over every day of the year, the wall time placed in
// Amsterdam by Go's own zone data.
func expected(t *testing.T, m Meeting) []string {
	t.Helper()
	loc := amsterdam(t)
	f, _ := ParseFrequency(m.Frequency)
	weekday, byDay := ParseWeekday(m.Weekday)
	interval := map[Frequency]int{Weekly: 1, Biweekly: 2, Monthly: 1, Quarterly: 3}[f]
	var out []string
	var first time.Time
	for d := yearStart; d.Before(yearEnd); d = d.AddDate(0, 0, 1) {
		if d.Before(time.Date(m.Start.Year(), m.Start.Month(), m.Start.Day(), 0, 0, 0, 0, time.UTC)) {
			continue
		}
		last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		var ok bool
		switch {
		case f == Weekly || f == Biweekly:
			ok = d.Weekday() == weekday && (first.IsZero() || int(d.Sub(first).Hours()/24)%(7*interval) == 0)
		case byDay: // the first such weekday of the month
			ok = d.Weekday() == weekday && d.Day() <= 7
		case m.Start.Day() == 31: // the last day of the month
			ok = d.Day() == last
		default: // that day; a month without it has no meeting
			ok = d.Day() == m.Start.Day()
		}
		if ok && !first.IsZero() && f != Weekly && f != Biweekly {
			ok = (int(d.Month())-int(first.Month())+12*(d.Year()-first.Year()))%interval == 0
		}
		if !ok {
			continue
		}
		if first.IsZero() {
			first = d
		}
		at := time.Date(d.Year(), d.Month(), d.Day(), m.Start.Hour(), m.Start.Minute(), 0, 0, loc)
		out = append(out, at.UTC().Format("2006-01-02T15:04:05Z"))
	}
	return out
}

// clientCalendar writes the test calendar into a temp file.
func clientCalendar(t *testing.T, meetings []Meeting) string {
	t.Helper()
	c := Calendar{Stamp: stamp(), Meetings: meetings}
	data, err := c.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "calendar.ics")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// compareStarts compares a client's starts per UID with the expected ones.
func compareStarts(t *testing.T, client string, meetings []Meeting, got map[string][]string) {
	t.Helper()
	for _, m := range meetings {
		want := expected(t, m)
		if len(want) < 4 {
			t.Fatalf("%s: only %d starts expected; the test is wrong", m.UID, len(want))
		}
		g := got[m.UID+"@"+DefaultDomain]
		for i := range g {
			g[i] = strings.Replace(g[i], ".000Z", "Z", 1)
		}
		if !slices.Equal(g, want) {
			t.Errorf("%s: %s expands %s to\n\t%v\nwant\n\t%v", client, m.UID, ruleOf(t, m), g, want)
		}
	}
}

func ruleOf(t *testing.T, m Meeting) string {
	r, err := newRule(m.Frequency, m.Weekday, m.Start)
	if err != nil {
		t.Fatal(err)
	}
	return r.String()
}

// TestOccurrencesMatchThePage: the occurrences DSTConflict walks are those
// the page describes.
func TestOccurrencesMatchThePage(t *testing.T) {
	loc := amsterdam(t)
	for _, m := range clientMeetings() {
		r, _ := newRule(m.Frequency, m.Weekday, m.Start)
		var got []string
		for o := range r.occurrences(r.first(m.Start), yearEnd) {
			got = append(got, time.Date(o.Year(), o.Month(), o.Day(), o.Hour(), o.Minute(), 0, 0, loc).UTC().Format("2006-01-02T15:04:05Z"))
		}
		if want := expected(t, m); !slices.Equal(got, want) {
			t.Errorf("%s: occurrences\n\t%v\nwant\n\t%v", m.UID, got, want)
		}
	}
}

// icalJS returns node and the path of ical.js.
func icalJS(t *testing.T) (string, string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		need(t, "node is not installed (apt-get install nodejs)")
	}
	dir := os.Getenv("HANDOVER_TEST_TOOLS")
	if dir == "" {
		cache, _ := os.UserCacheDir()
		dir = filepath.Join(cache, "handover-test")
	}
	lib := filepath.Join(dir, "node_modules", "ical.js", "dist", "ical.js")
	if _, err := os.Stat(lib); err != nil {
		need(t, "ical.js is not installed: npm install --prefix %s ical.js@2", dir)
	}
	return node, lib
}

// TestICalJSExpandsAYear: ical.js expands every meeting of 2027 to the
// days and times the page describes, using the calendar's own VTIMEZONE
// across both DST changes; a monthly meeting on the 31st is on the last
// day of every month.
func TestICalJSExpandsAYear(t *testing.T) {
	node, lib := icalJS(t)
	file := clientCalendar(t, clientMeetings())
	out, err := exec.Command(node, filepath.Join("testdata", "clients", "expand.mjs"), lib, file, yearEnd.Format(time.RFC3339)).CombinedOutput()
	if err != nil {
		t.Fatalf("ical.js: %v\n%s", err, out)
	}
	var got map[string][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	compareStarts(t, "ical.js", clientMeetings(), got)
}

// pythonICalendar returns a Python 3 with icalendar and dateutil.
func pythonICalendar(t *testing.T) string {
	t.Helper()
	for _, py := range []string{os.Getenv("HANDOVER_PYTHON"), "python3", "/usr/bin/python3"} {
		if py != "" && exec.Command(py, "-c", "import icalendar, dateutil, zoneinfo").Run() == nil {
			return py
		}
	}
	need(t, "no python3 with icalendar and dateutil (apt-get install python3-icalendar)")
	return ""
}

// pythonExpand runs expand.py on a calendar of meetings.
func pythonExpand(t *testing.T, meetings []Meeting) (starts map[string][]string, dst map[string][][2]string) {
	t.Helper()
	py := pythonICalendar(t)
	out, err := exec.Command(py, filepath.Join("testdata", "clients", "expand.py"), clientCalendar(t, meetings), yearEnd.Format(time.RFC3339)).CombinedOutput()
	if err != nil {
		t.Fatalf("python icalendar: %v\n%s", err, out)
	}
	var res struct {
		Starts map[string][]string
		DST    map[string][][2]string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return res.Starts, res.DST
}

// TestPythonICalendarExpandsAYear: Python's icalendar and dateutil expand
// every meeting of 2027 to the days and times the page describes, and
// find no start a DST change skips or repeats.
func TestPythonICalendarExpandsAYear(t *testing.T) {
	starts, dst := pythonExpand(t, clientMeetings())
	compareStarts(t, "icalendar", clientMeetings(), starts)
	for uid, problems := range dst {
		if len(problems) > 0 {
			t.Errorf("%s: starts a DST change touches: %v", uid, problems)
		}
	}
}

// TestDSTConflictAgreesWithPython: a meeting at 02:30 on Sundays starts at
// a time the spring change skips and the autumn change repeats; Python
// finds those days, and DSTConflict reports the first of them from each
// start, and nothing for a time or a weekday the changes do not touch.
func TestDSTConflictAgreesWithPython(t *testing.T) {
	meetings := []Meeting{
		{UID: "sunday-0230", Frequency: "weekly", Weekday: "zondag", Start: date(2027, 1, 1, 2, 30)},
		{UID: "sunday-0230-from-april", Frequency: "weekly", Weekday: "sunday", Start: date(2027, 4, 1, 2, 30)},
		{UID: "the-28th-0200", Frequency: "monthly", Start: date(2027, 1, 28, 2, 0)}, // 28 March 2027 is a Sunday
		{UID: "sunday-0330", Frequency: "weekly", Weekday: "sunday", Start: date(2027, 1, 1, 3, 30)},
		{UID: "monday-0230", Frequency: "weekly", Weekday: "monday", Start: date(2027, 1, 1, 2, 30)},
	}
	_, dst := pythonExpand(t, meetings)
	for _, m := range meetings {
		got, ok := DSTConflict(m, DefaultTimeZone, 10)
		var want [][2]string
		for _, p := range dst[m.UID+"@"+DefaultDomain] {
			want = append(want, p)
		}
		switch {
		case len(want) == 0 && ok:
			t.Errorf("%s: DSTConflict reports %+v, Python finds no start a change touches", m.UID, got)
		case len(want) > 0 && !ok:
			t.Errorf("%s: DSTConflict reports nothing, Python finds %v", m.UID, want)
		case len(want) > 0:
			kind := map[bool]string{true: "skipped", false: "repeated"}[got.Skipped]
			if w := want[0]; got.Day.Format("2006-01-02") != w[0] || kind != w[1] {
				t.Errorf("%s: DSTConflict %s %s, Python's first %v", m.UID, got.Day.Format("2006-01-02"), kind, w)
			}
		}
	}
	if got, _ := DSTConflict(meetings[0], DefaultTimeZone, 10); got.From != "02:00" || got.To != "03:00" || !got.Skipped {
		t.Errorf("spring change: %+v, want 02:00 → 03:00 skipped", got)
	}
	if got, _ := DSTConflict(meetings[1], DefaultTimeZone, 10); got.From != "03:00" || got.To != "02:00" || got.Skipped {
		t.Errorf("autumn change: %+v, want 03:00 → 02:00 repeated", got)
	}
}
