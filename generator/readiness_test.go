package generator

import (
	"bytes"
	"context"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // Europe/Amsterdam for the calendar expansion, on any machine

	"github.com/handover-dev/handover/generator/internal/browsertest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/emersion/go-ical"
	"golang.org/x/tools/txtar"
)

// readinessItems are the checklist items in the order the dashboard shows them.
var readinessItems = []string{"owners", "current", "governance", "decisions", "risks", "kpis", "trainings", "commitment", "rhythm", "document"}

// wantReadiness is an archive's expect-readiness.
type wantReadiness struct {
	todo    map[string]bool
	orphans []string // "FILE FIELD REASON [ID]"
}

func parseExpectReadiness(src string) wantReadiness {
	w := wantReadiness{todo: map[string]bool{}}
	for l := range strings.Lines(src) {
		if rest, ok := strings.CutPrefix(l, "todo:"); ok {
			for _, item := range strings.Fields(rest) {
				w.todo[item] = true
			}
		}
		if rest, ok := strings.CutPrefix(l, "orphans:"); ok {
			w.orphans = append(w.orphans, strings.Join(strings.Fields(rest), " "))
		}
	}
	return w
}

var dashboardRow = regexp.MustCompile(`<tr class="(done|todo)" data-item="readiness\.([a-z]+)" data-done="(true|false)"><th scope="row">[^<]+</th><td><span class="badge (done|todo)">`)

// checkReadiness checks an archive's expect-readiness: every checklist
// item is done or not done as expected, both in the build result and on
// readiness/index.html, and the orphans report lists exactly the expected
// rows. An archive with errors writes no site, so its failing rules are
// lowered to warnings for this build: the levels do not change what is
// done.
func checkReadiness(t *testing.T, ar archive) {
	t.Helper()
	want := parseExpectReadiness(ar.readiness)
	fsys := maps.Clone(ar.fsys)
	want.lowerErrors(t, ar, fsys)
	b := buildArchiveFS(t, fsys)
	if b.err != nil {
		t.Fatalf("Build: %v\n%v", b.err, b.res.Diagnostics)
	}
	r := b.res.Readiness
	var got []string
	for _, it := range r.Items {
		if !it.Done {
			got = append(got, strings.TrimPrefix(it.Key, "readiness."))
		}
		if it.Done != (len(it.Blockers) == 0) {
			t.Errorf("%s: done %v with blockers %v", it.Key, it.Done, it.Blockers)
		}
	}
	if wantTodo := want.todoList(); !slices.Equal(got, wantTodo) {
		t.Errorf("items not done %v, want %v", got, wantTodo)
	}
	if score := (len(readinessItems) - len(got)) * 100 / len(readinessItems); r.Score != score {
		t.Errorf("score %d, want %d", r.Score, score)
	}
	if ar.base == "readiness_base" && (!r.HasUntil || r.DaysLeft != 41) {
		t.Errorf("days left %d (%v), want 41 until 2026-12-31", r.DaysLeft, r.HasUntil)
	}
	var orphans []string
	for _, o := range r.Orphans {
		orphans = append(orphans, strings.TrimSpace(strings.Join([]string{o.Page.File, o.Field, o.Reason, o.Who.ID}, " ")))
	}
	if !slices.Equal(orphans, want.orphans) {
		t.Errorf("orphans\n\t%s\nwant\n\t%s", strings.Join(orphans, "\n\t"), strings.Join(want.orphans, "\n\t"))
	}
	html := mustFile(t, b.files, "readiness/index.html")
	assertDashboard(t, html, want, len(want.orphans))
}

// lowerErrors sets, in fsys, every rule that the archive expects as an
// error to warning in handover.yaml, and drops --strict.
func (w wantReadiness) lowerErrors(t *testing.T, ar archive, fsys fstest.MapFS) {
	t.Helper()
	diags, _ := parseExpectDiags(t, ar.diags)
	var levels []string
	for _, d := range diags {
		if d.level == "error" && !slices.Contains(levels, d.rule) {
			levels = append(levels, d.rule)
		}
	}
	if len(levels) == 0 || ar.opts != nil {
		return
	}
	cfg := fsys["handover.yaml"]
	if bytes.Contains(cfg.Data, []byte("\nchecks:")) {
		t.Fatal("an archive with errors may not set checks: itself")
	}
	data := append(bytes.Clone(cfg.Data), "checks:\n"...)
	for _, rule := range levels {
		data = append(data, "  "+rule+": warning\n"...)
	}
	fsys["handover.yaml"] = &fstest.MapFile{Data: data, Mode: 0o644}
}

func (w wantReadiness) todoList() []string {
	var out []string
	for _, item := range readinessItems {
		if w.todo[item] {
			out = append(out, item)
		}
	}
	return out
}

// assertDashboard checks the rows of the checklist and the orphans report.
func assertDashboard(t *testing.T, html string, want wantReadiness, orphans int) {
	t.Helper()
	main, err := mainOf(html)
	if err != nil {
		t.Fatal(err)
	}
	rows := dashboardRow.FindAllStringSubmatch(main, -1)
	var items []string
	for _, m := range rows {
		items = append(items, m[2])
		done := !want.todo[m[2]]
		if (m[1] == "done") != done || (m[3] == "true") != done || (m[4] == "done") != done {
			t.Errorf("dashboard row %s: class %s, data-done %s, badge %s; want done=%v", m[2], m[1], m[3], m[4], done)
		}
	}
	if !slices.Equal(items, readinessItems) {
		t.Errorf("dashboard rows %v, want %v\n%s", items, readinessItems, main)
	}
	if got := strings.Count(main, "<tr data-orphan="); got != orphans {
		t.Errorf("orphans report has %d rows, want %d", got, orphans)
	}
	if orphans == 0 && !strings.Contains(main, `class="orphans-none"`) {
		t.Error("no orphans, but the report does not say so")
	}
}

// TestOrphansReportRow: a row names the page, the field and the person
// with why, linked to the page and the person.
func TestOrphansReportRow(t *testing.T) {
	ra := loadArchive(t, "readiness_orphan_left.txtar")
	b := buildArchiveFS(t, ra.fsys)
	main, err := mainOf(mustFile(t, b.files, "readiness/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<tr data-orphan="left"><th scope="row"><a href="../governance/desk/index.html">Desk governance</a></th><td>Accountable (A): Run intake</td><td><a href="../people/piet/index.html">Piet Peters</a></td><td>has left (1 November 2026)</td></tr>`,
		`<tr data-orphan="left"><th scope="row"><a href="../risks/backlog/index.html">Backlog grows</a></th><td>Mitigation owner</td>`,
	} {
		if !strings.Contains(main, want) {
			t.Errorf("readiness page lacks\n%s\nin\n%s", want, main)
		}
	}
}

// calendarSite is the clean readiness site with one meeting of each
// frequency and a page that a role owns.
const calendarSite = `
-- content/meetings/biweekly.md --
---
title: Backlog refinement
frequency: biweekly
weekday: donderdag
time: "14:00"
duration: 1h30m
starts: 2026-11-05
chair: els
agenda: [Backlog]
---
-- content/meetings/monthly.md --
---
title: Board review
frequency: monthly
weekday: monday
time: "10:00"
starts: 2026-11-01
chair: board
agenda: [Figures]
---
-- content/meetings/monthday.md --
---
title: Month close
frequency: monthly
time: "16:00"
starts: 2026-11-15
chair: jan
agenda: [Close]
---
-- content/meetings/quarterly.md --
---
title: Quarterly steering
frequency: quarterly
weekday: friday
time: "13:00"
duration: 2h
starts: 2026-10-01
agenda: [Strategy]
---
-- content/pages/charter.md --
---
title: Board charter
owner: board
reviewed: 2026-06-01
review_every: 1y
---
`

// TestCalendarExpands parses calendar.ics with github.com/emersion/go-ical
// and expands each meeting's RRULE (github.com/teambition/rrule-go, inside
// go-ical): weekly, biweekly, monthly by weekday and by day of the month,
// and quarterly meetings recur as their front matter says, and every page
// with a review date has an all-day review event for its owner.
func TestCalendarExpands(t *testing.T) {
	ra := loadArchive(t, "readiness_base.txtar")
	for _, f := range txtar.Parse([]byte(calendarSite)).Files {
		ra.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	b := buildArchiveFS(t, ra.fsys)
	if b.err != nil || len(b.res.Diagnostics) > 0 {
		t.Fatalf("Build: %v %v", b.err, b.res.Diagnostics)
	}
	cal := parseICS(t, b.files["calendar.ics"])
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"meetings/weekly":            "2026-11-03 09:30 CET-10:15, 2026-11-10 09:30 CET-10:15, 2026-11-17 09:30 CET-10:15",
		"meetings/biweekly":          "2026-11-05 14:00 CET-15:30, 2026-11-19 14:00 CET-15:30, 2026-12-03 14:00 CET-15:30",
		"meetings/monthly":           "2026-11-02 10:00 CET-11:00, 2026-12-07 10:00 CET-11:00, 2027-01-04 10:00 CET-11:00",
		"meetings/monthday":          "2026-11-15 16:00 CET-17:00, 2026-12-15 16:00 CET-17:00, 2027-01-15 16:00 CET-17:00",
		"meetings/quarterly":         "2026-10-02 13:00 CEST-15:00, 2027-01-01 13:00 CET-15:00, 2027-04-02 13:00 CEST-15:00",
		"review/processes/intake":    "2027-04-01",
		"review/instructions/triage": "2027-01-01",
		"review/pages/charter":       "2027-06-01",
	}
	got := map[string]string{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		// UIDs end in the site's name in calendars (calendar.id, else from
		// the base URL, else from the title and organisation).
		uid, domain, _ := strings.Cut(uid, "@")
		if domain != "clean-handover.example.handover" {
			t.Errorf("%s: UID domain %q, want clean-handover.example.handover", uid, domain)
		}
		start, err := ev.DateTimeStart(loc)
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", uid, err)
		}
		if ev.Props.Get(ical.PropDateTimeStart).ValueType() == ical.ValueDate {
			got[uid] = start.Format(time.DateOnly)
			if org := ev.Props.Get(ical.PropOrganizer); uid != "review/pages/charter" && (org == nil || org.Value != "mailto:jan@example.org") {
				t.Errorf("%s: ORGANIZER %v, want the owner jan", uid, org)
			}
			continue
		}
		end, err := ev.DateTimeEnd(loc)
		if err != nil {
			t.Fatalf("%s: DTEND: %v", uid, err)
		}
		length := end.Sub(start)
		set, err := ev.RecurrenceSet(loc)
		if err != nil || set == nil {
			t.Fatalf("%s: recurrence %v, %v", uid, set, err)
		}
		next := set.Iterator()
		var occ []string
		for range 3 {
			o, ok := next()
			if !ok {
				break
			}
			occ = append(occ, o.Format("2006-01-02 15:04 MST")+"-"+o.Add(length).Format("15:04"))
		}
		got[uid] = strings.Join(occ, ", ")
		if desc, _ := ev.Props.Text(ical.PropDescription); !strings.Contains(desc, "Agenda:\n1. ") {
			t.Errorf("%s: the description has no agenda: %q", uid, desc)
		}
	}
	for uid, w := range want {
		if got[uid] != w {
			t.Errorf("%s:\n got %s\nwant %s", uid, got[uid], w)
		}
	}
	for uid := range got {
		if _, ok := want[uid]; !ok {
			t.Errorf("unexpected event %s: %s", uid, got[uid])
		}
	}
}

// TestPersonCalendars: people/ID/calendar.ics holds only that person's
// items: meetings they chair or attend and reviews of what they own;
// people/ROLE/calendar.ics the same for a role.
func TestPersonCalendars(t *testing.T) {
	ra := loadArchive(t, "readiness_base.txtar")
	for _, f := range txtar.Parse([]byte(calendarSite)).Files {
		ra.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	b := buildArchiveFS(t, ra.fsys)
	if b.err != nil {
		t.Fatal(b.err)
	}
	want := map[string][]string{
		// jan chairs weekly and monthday, is in the board, owns intake and triage.
		"jan": {"meetings/monthday", "meetings/weekly", "review/instructions/triage", "review/processes/intake"},
		// els chairs biweekly, attends weekly, is in the board.
		"els": {"meetings/biweekly", "meetings/weekly"},
		// The board meets monthly and owns the charter.
		"board": {"meetings/monthly", "review/pages/charter"},
		// piet only attends weekly: no roles, owns nothing.
		"piet": {"meetings/weekly"},
	}
	for id, uids := range want {
		cal := parseICS(t, b.files["people/"+id+"/calendar.ics"])
		if page := string(b.files["people/"+id+"/index.html"]); !strings.Contains(page, `<a href="calendar.ics">`) {
			t.Errorf("people/%s/index.html does not link to its calendar", id)
		}
		var got []string
		for _, ev := range cal.Events() {
			uid, _ := ev.Props.Text(ical.PropUID)
			uid, _, _ = strings.Cut(uid, "@")
			got = append(got, uid)
		}
		sort.Strings(got)
		if !slices.Equal(got, uids) {
			t.Errorf("people/%s/calendar.ics has %v, want %v", id, got, uids)
		}
	}
	if page := string(b.files["people/jan/index.html"]); !strings.Contains(page, `<a href="../board/calendar.ics">`) {
		t.Error("people/jan/index.html does not link to the calendar of the board")
	}
}

// parseICS decodes an iCalendar file with go-ical and encodes it again,
// which also validates it.
func parseICS(t *testing.T, data []byte) *ical.Calendar {
	t.Helper()
	if len(data) == 0 {
		t.Fatal("no calendar")
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical: %v\n%s", err, data)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("go-ical finds the calendar invalid: %v", err)
	}
	return cal
}

// newChromium starts headless chromium with a fresh profile, or skips the
// test when it is not installed (in CI, CI=true, that fails instead).
func newChromium(t *testing.T) context.Context {
	return browsertest.New(t, 90*time.Second)
}

// badgeJS reports whether the page's "review overdue" badge is visible.
const badgeJS = `(() => { const b = document.querySelector('[data-overdue]');
  if (!b) return 'missing';
  return (!b.hidden && getComputedStyle(b).display !== 'none' && b.getClientRects().length > 0) ? 'visible' : 'hidden'; })()`

// TestReviewBadgeInBrowser: a site built long ago (Options.Now in 2020)
// and read today. Whether a review is overdue is decided by readtime.js
// from the reader's clock in the site's time zone: a page due in 2021 was
// fine on the build date but is overdue now, and shows the badge; a page
// reviewed yesterday does not.
// Without JavaScript the build-time state shows: no badge for the page
// due in 2021, the badge for a page already overdue in 2020.
func TestReviewBadgeInBrowser(t *testing.T) {
	ctx := newChromium(t)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	site := t.TempDir()
	files := map[string]string{
		"handover.yaml":              "title: Stale\nlanguage: en\n",
		"people.yaml":                "people:\n  - id: jan\n    name: Jan\n",
		"content/processes/stale.md": "---\ntitle: Stale\nowner: jan\nsponsor: jan\nreviewed: 2020-01-01\nreview_every: 1y\n---\n",
		"content/processes/fresh.md": "---\ntitle: Fresh\nowner: jan\nsponsor: jan\nreviewed: " + yesterday + "\nreview_every: 1y\n---\n",
		"content/processes/old.md":   "---\ntitle: Old\nowner: jan\nsponsor: jan\nreviewed: 2019-01-01\nreview_every: 6m\n---\n",
		"content/processes/edge.md":  "---\ntitle: Edge\nowner: jan\nsponsor: jan\nreviewed: 2026-01-01\nreview_every: 1y\n---\n",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	built := time.Date(2020, 1, 15, 12, 0, 0, 0, time.UTC)
	if res, err := Build(context.Background(), Options{Site: site, Destination: out, Now: built}); err != nil {
		t.Fatalf("Build: %v %v", err, res.Diagnostics)
	}
	page := func(id string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, "processes", id, "index.html"))}).String()
	}
	badge := func(ctx context.Context, id string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(page(id))); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](badgeJS))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		return state
	}
	// The HTML itself carries the build-time state.
	for id, hidden := range map[string]bool{"stale": true, "fresh": true, "old": false} {
		html, err := os.ReadFile(filepath.Join(out, "processes", id, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(html, []byte("data-overdue hidden>")); got != hidden {
			t.Errorf("%s: built with the badge hidden=%v, want %v", id, got, hidden)
		}
	}
	t.Run("javascript", func(t *testing.T) {
		for id, want := range map[string]string{"stale": "visible", "fresh": "hidden", "old": "visible"} {
			if got := badge(ctx, id); got != want {
				t.Errorf("%s: badge %s, want %s", id, got, want)
			}
		}
	})
	// The review of Edge is due on 1 January 2027, so it is overdue from
	// the 2nd. At 23:30 UTC on 1 January it is the 2nd in Amsterdam, the
	// site's time zone, and still the 1st in New York: the site's zone
	// decides, as for every other date the reader's browser works out.
	t.Run("site time zone", func(t *testing.T) {
		for _, c := range []struct {
			at   time.Time
			want string
		}{
			{time.Date(2027, 1, 1, 22, 30, 0, 0, time.UTC), "hidden"},  // 23:30 on the 1st in Amsterdam
			{time.Date(2027, 1, 1, 23, 30, 0, 0, time.UTC), "visible"}, // 00:30 on the 2nd
		} {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			if _, err := chromedp.Call(tab, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/New_York"}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tab, fakeClock(c.at)); err != nil {
				t.Fatal(err)
			}
			if got := badge(tab, "edge"); got != c.want {
				t.Errorf("at %s (New York browser): badge %s, want %s", c.at, got, c.want)
			}
		}
	})
	t.Run("no javascript", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{"stale": "hidden", "fresh": "hidden", "old": "visible"} {
			if got := badge(tab, id); got != want {
				t.Errorf("%s: badge %s, want %s (the build-time state)", id, got, want)
			}
		}
	})
}
