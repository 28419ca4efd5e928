package generator

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/serve"
	"github.com/handover-dev/handover/generator/theme"
)

func TestDateFmt(t *testing.T) {
	nl, en := newDateFmt("nl"), newDateFmt("en")
	day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC) // a Thursday
	for _, c := range []struct{ got, want string }{
		{nl.Date(day), "5 maart 2026"},
		{en.Date(day), "5 March 2026"},
		{nl.DateLong(day), "donderdag 5 maart 2026"},
		{en.DateLong(day), "Thursday 5 March 2026"},
		{nl.Weekday(time.Monday), "maandag"},
		{en.Weekday(time.Sunday), "Sunday"},
		{nl.Month(time.October), "oktober"},
		{newDateFmt("de").Month(time.May), "May"}, // another language gets English
		{nl.Duration(45 * time.Minute), "45 minuten"},
		{nl.Duration(time.Minute), "1 minuut"},
		{nl.Duration(time.Hour), "1 uur"},
		{nl.Duration(2 * time.Hour), "2 uur"},
		{nl.Duration(90 * time.Minute), "1 uur en 30 minuten"},
		{en.Duration(45 * time.Minute), "45 minutes"},
		{en.Duration(time.Hour), "1 hour"},
		{en.Duration(150 * time.Minute), "2 hours 30 minutes"},
		{en.Ordinal(1), "1st"}, {en.Ordinal(2), "2nd"}, {en.Ordinal(3), "3rd"}, {en.Ordinal(11), "11th"},
		{en.Ordinal(12), "12th"}, {en.Ordinal(13), "13th"}, {en.Ordinal(22), "22nd"}, {nl.Ordinal(15), "15e"},
		{nl.Date(time.Time{}), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDateFmtSchedule(t *testing.T) {
	may7 := time.Date(2026, 5, 7, 0, 0, 0, 0, time.UTC)
	jan15 := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	dec3 := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		s      Schedule
		nl, en string
	}{
		{Schedule{Frequency: "monthly", Weekday: "thursday", Time: "14:00", Duration: "1h", Starts: may7},
			"elke eerste donderdag van de maand, 14:00–15:00", "the first Thursday of every month, 14:00–15:00"},
		{Schedule{Frequency: "weekly", Weekday: "dinsdag", Time: "09:30", Duration: "45m"},
			"elke dinsdag, 09:30–10:15", "every Tuesday, 09:30–10:15"},
		{Schedule{Frequency: "Weekly", Weekday: "MON", Time: "9.30"}, "elke maandag, 09:30", "every Monday, 09:30"},
		{Schedule{Frequency: "biweekly", Weekday: "fri", Time: "16:00", Duration: "30m"},
			"om de week op vrijdag, 16:00–16:30", "every other Friday, 16:00–16:30"},
		{Schedule{Frequency: "monthly", Starts: jan15, Time: "10:00"}, "maandelijks op de 15e, 10:00", "monthly on the 15th, 10:00"},
		{Schedule{Frequency: "monthly", Starts: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)},
			"maandelijks op de laatste dag van de maand", "monthly on the last day of the month"},
		{Schedule{Frequency: "quarterly", Weekday: "wednesday", Duration: "2h"},
			"elk kwartaal op de eerste woensdag van de maand, 2 uur", "quarterly, on the first Wednesday of the month, 2 hours"},
		{Schedule{Starts: dec3, Duration: "1h30m"}, "donderdag 3 december 2026, 1 uur en 30 minuten", "Thursday 3 December 2026, 1 hour 30 minutes"},
		{Schedule{Frequency: "weekly", Starts: jan15, Time: "23:30", Duration: "1h"}, "elke donderdag, 23:30–00:30", "every Thursday, 23:30–00:30"},
		// what it cannot read stays as written, never a label key
		{Schedule{Frequency: "af en toe", Weekday: "ergens", Time: "vroeg", Duration: "lang"}, "af en toe, ergens, vroeg", "af en toe, ergens, vroeg"},
		{Schedule{Frequency: "maandelijks", Weekday: "do", Time: "14:00", Duration: "1h"}, "maandelijks, donderdag, 14:00–15:00", "monthly, Thursday, 14:00–15:00"},
	} {
		if got := newDateFmt("nl").Schedule(c.s); got != c.nl {
			t.Errorf("nl %+v: got %q, want %q", c.s, got, c.nl)
		}
		if got := newDateFmt("en").Schedule(c.s); got != c.en {
			t.Errorf("en %+v: got %q, want %q", c.s, got, c.en)
		}
	}
}

func TestFreqLabels(t *testing.T) {
	for _, c := range []struct{ in, nl, en string }{
		{"weekly", "wekelijks", "weekly"}, {"wekelijks", "wekelijks", "weekly"}, {"Per kwartaal", "per kwartaal", "quarterly"},
		{"maandelijks", "maandelijks", "monthly"}, {"om de dag", "om de dag", "om de dag"},
	} {
		if got := newDateFmt("nl").Freq(c.in); got != c.nl {
			t.Errorf("nl %q: got %q, want %q", c.in, got, c.nl)
		}
		if got := newDateFmt("en").Freq(c.in); got != c.en {
			t.Errorf("en %q: got %q, want %q", c.in, got, c.en)
		}
	}
}

func TestDecisionNumber(t *testing.T) {
	page := func(file, number string) *content.Page {
		return &content.Page{File: file, Kind: content.KindDecision, Meta: content.Meta{Number: number}}
	}
	for _, c := range []struct {
		p    *content.Page
		want string
	}{
		{page("content/decisions/0003-geen-ai.md", ""), "0003"},
		{page("content/decisions/7-use-go.md", ""), "0007"},
		{page("content/adr/0012_madr.md", ""), "0012"},
		{page("content/decisions/00031-x.md", ""), "00031"},
		{page("content/decisions/geen-nummer.md", ""), ""},
		{page("content/decisions/2026plan.md", ""), ""}, // digits that are not a record number
		{page("content/decisions/geen-nummer.md", "ADR-12"), "0012"},
		{page("content/decisions/0003-x.md", "41"), "0041"}, // the key wins
		{&content.Page{File: "content/processes/0003-x.md", Kind: content.KindProcess}, ""},
		{&content.Page{File: "content/decisions/_index.md", Kind: content.KindDecision, List: true}, ""},
	} {
		if got := decisionNumber(c.p); got != c.want {
			t.Errorf("%s (number %q): got %q, want %q", c.p.File, c.p.Meta.Number, got, c.want)
		}
	}
}

func TestHeatmap(t *testing.T) {
	risk := func(l, i int) *content.Page {
		return &content.Page{Kind: content.KindRisk, Meta: content.Meta{Likelihood: l, Impact: i}}
	}
	v := &view{}
	rows := v.Heatmap([]*content.Page{risk(4, 5), risk(4, 5), risk(1, 2), risk(5, 1), risk(0, 3), risk(3, 6)})
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	total := 0
	for i, r := range rows {
		if r.Likelihood != 5-i || len(r.Cells) != 5 {
			t.Fatalf("row %d: likelihood %d with %d cells, want %d with 5", i, r.Likelihood, len(r.Cells), 5-i)
		}
		for j, c := range r.Cells {
			if c.Impact != j+1 || c.Likelihood != r.Likelihood || c.Score != c.Likelihood*c.Impact || c.Grade != riskGrade(c.Score) {
				t.Errorf("cell %d,%d: %+v", r.Likelihood, j+1, c)
			}
			total += c.Count()
		}
	}
	if total != 4 {
		t.Errorf("%d risks placed, want 4 (two have no likelihood or impact of 1 to 5)", total)
	}
	for _, c := range []struct{ l, i, count int }{{4, 5, 2}, {1, 2, 1}, {5, 1, 1}, {3, 3, 0}} {
		if got := rows[5-c.l].Cells[c.i-1].Count(); got != c.count {
			t.Errorf("likelihood %d, impact %d: %d risks, want %d", c.l, c.i, got, c.count)
		}
	}
	for score, want := range map[int]string{1: "low", 4: "low", 5: "medium", 9: "medium", 10: "high", 12: "high", 15: "critical", 25: "critical"} {
		if got := riskGrade(score); got != want {
			t.Errorf("grade of %d: %s, want %s", score, got, want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	old, new := history.WordDiff("binnen **vijf werkdagen** bevestigen", "binnen **drie werkdagen** bevestigen")
	if got := marked(old); got != "binnen **[vijf] werkdagen** bevestigen" {
		t.Errorf("old: %s", got)
	}
	if got := marked(new); got != "binnen **[drie] werkdagen** bevestigen" {
		t.Errorf("new: %s", got)
	}
	// neighbouring changed words are one highlight, not one per word
	old, new = history.WordDiff("de eigenaar is Thomas Mulder.", "de eigenaar is Karin de Jong.")
	if got := marked(old); got != "de eigenaar is [Thomas Mulder]." {
		t.Errorf("old: %s", got)
	}
	if got := marked(new); got != "de eigenaar is [Karin de Jong]." {
		t.Errorf("new: %s", got)
	}
	old, new = history.WordDiff("", "nieuw")
	if marked(old) != "" || marked(new) != "[nieuw]" {
		t.Errorf("from nothing: %q, %q", marked(old), marked(new))
	}
}

// marked writes segments with the changed ones in brackets.
func marked(segs []history.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Changed {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestDiffPageHunks(t *testing.T) {
	old := "---\ntitle: A\nowner: tmulder\n---\n# A\n\nEerste regel.\nDe klacht wordt binnen vijf dagen bevestigd.\nLaatste regel.\n"
	new := "---\ntitle: A\nowner: kdejong\nreviewed: 2026-11-18\n---\n# A\n\nEerste regel.\nEen geheel nieuwe alinea over iets anders.\nDe klacht wordt binnen drie dagen bevestigd.\nLaatste regel.\n"
	hunks := bodyHunks(old, new)
	if len(hunks) != 1 {
		t.Fatalf("%d hunks, want 1: %+v", len(hunks), hunks)
	}
	h := hunks[0]
	// line numbers are those of the files, below the front matter
	if h.Header != "@@ -5,5 +6,6 @@" {
		t.Errorf("header %q", h.Header)
	}
	var del, ins []DiffLine
	for _, l := range h.Lines {
		switch l.Op {
		case "del":
			del = append(del, l)
		case "ins":
			ins = append(ins, l)
		}
		if strings.Contains(l.Text, "owner") {
			t.Errorf("front matter in the text diff: %q", l.Text)
		}
	}
	if len(del) != 1 || len(ins) != 2 || del[0].Old != 8 || ins[0].New != 9 || ins[1].New != 10 {
		t.Fatalf("lines: del %+v ins %+v", del, ins)
	}
	// the changed line is paired with the line it became, not with the new paragraph
	if got := marked(del[0].Segs); got != "De klacht wordt binnen [vijf] dagen bevestigd." {
		t.Errorf("deleted line: %s", got)
	}
	if ins[0].Segs != nil {
		t.Errorf("an unrelated new line has word marks: %+v", ins[0].Segs)
	}
	if got := marked(ins[1].Segs); got != "De klacht wordt binnen [drie] dagen bevestigd." {
		t.Errorf("inserted line: %s", got)
	}
	rows := h.Split()
	var pair *SplitRow
	for i, r := range rows {
		if r.Old != nil && r.New != nil && r.Old.Op == "del" {
			pair = &rows[i]
		}
	}
	if pair == nil || pair.New.New != 10 {
		t.Fatalf("side by side: the changed line is not beside its new version: %+v", rows)
	}
	if len(rows) != 6 {
		t.Errorf("side by side has %d rows, want 6", len(rows))
	}
}

func TestDiffPageFields(t *testing.T) {
	res, _ := buildTxtar(t, fieldsSite)
	b := &builder{site: res.Site}
	th, err := theme.Load(fstest.MapFS{}, content.Config{Language: "nl"}, templateFuncs)
	if err != nil {
		t.Fatal(err)
	}
	b.theme = th
	old := "---\ntitle: Klachten\nowner: tmulder\nstatus: draft\nreviewed: 2026-09-14\nfrequency: weekly\ntags: [a, b]\nraci:\n  - activity: Beoordelen\n    R: [tmulder]\n    A: mt\n  - activity: Melden\n    R: [kdejong]\n    A: mt\nrelated: [processes/intake]\n---\nTekst.\n"
	new := "---\ntitle: Klachten\nowner: kdejong\nstatus: approved\nreviewed: 2026-11-18\nfrequency: monthly\ntags: [a, c]\nraci:\n  - activity: Beoordelen\n    R: [kdejong]\n    A: mt\n  - activity: Melden\n    R: [kdejong]\n    A: mt\nsponsor: onbekend\n---\nTekst.\n"
	d := &DiffPage{old: old, new: new, view: &view{b: b}}
	var got []string
	for _, f := range d.Fields() {
		got = append(got, f.Op+" "+f.Label+": "+f.Before+" → "+f.After)
	}
	want := []string{
		"changed Eigenaar: Thomas Mulder → Karin de Jong",
		"changed Status: concept → vastgesteld",
		"changed Laatst gecontroleerd: 14 september 2026 → 18 november 2026",
		"changed Frequentie: wekelijks → maandelijks",
		"changed Labels: a, b → a, c",
		"changed Verantwoordelijkheden (RACI): Beoordelen: R: Thomas Mulder; A: Managementteam → R: Karin de Jong; A: Managementteam",
		"added Inhoudelijk sponsor:  → onbekend",
		"removed Gerelateerd: Intake → ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const fieldsSite = `
-- handover.yaml --
title: Test
language: nl
-- people.yaml --
people:
  - id: tmulder
    name: Thomas Mulder
  - id: kdejong
    name: Karin de Jong
roles:
  - id: mt
    name: Managementteam
    members: [tmulder]
-- content/_index.md --
# Test
-- content/processes/intake.md --
---
title: Intake
---
Intake.
`

func TestRACITableGroups(t *testing.T) {
	res, _ := buildTxtar(t, fieldsSite+`-- content/people.md --
# x
`)
	site := res.Site
	b := &builder{site: site}
	th, err := theme.Load(fstest.MapFS{}, content.Config{Language: "en"}, templateFuncs)
	if err != nil {
		t.Fatal(err)
	}
	b.theme = th
	ref := func(id string) content.Ref {
		return content.Ref{ID: id, Person: site.Person(id), Role: site.Role(id)}
	}
	people := []content.Ref{ref("kdejong"), ref("mt"), ref("tmulder"), ref("gone")}
	tb := (&view{b: b}).RACITable(nil, people, 0, 1)
	var got []string
	for _, g := range tb.Groups {
		var ids []string
		for _, p := range g.People {
			ids = append(ids, p.ID)
		}
		got = append(got, g.Name+": "+strings.Join(ids, " "))
	}
	want := "Roles: mt | Managementteam: tmulder | Other people: kdejong gone"
	if strings.Join(got, " | ") != want {
		t.Errorf("groups %q, want %q", strings.Join(got, " | "), want)
	}
	var cols []string
	for i, c := range tb.Columns {
		s := c.ID
		if tb.GroupStart(i) {
			s = "|" + s
		}
		cols = append(cols, s)
	}
	if strings.Join(cols, " ") != "|mt |tmulder |kdejong gone" {
		t.Errorf("columns %v", cols)
	}
	if !tb.Grouped() || tb.Part != "" {
		t.Errorf("grouped %v, part %q", tb.Grouped(), tb.Part)
	}
	// without roles there is one group and no row of group headings
	plain := (&view{b: b}).RACITable(nil, []content.Ref{ref("kdejong"), ref("gone")}, 1, 2)
	if len(plain.Groups) != 1 || plain.Grouped() || plain.GroupStart(0) || plain.Part != "2/2" {
		t.Errorf("plain table: %+v", plain)
	}
}

// TestServeLabelsComplete: the theme has every text of the dev server
// (error overlay, building and not-found pages) in both languages, so no
// Dutch site shows an English one.
func TestServeLabelsComplete(t *testing.T) {
	english := reflect.ValueOf(serve.EnglishLabels())
	for _, lang := range []string{"nl", "en"} {
		th, err := theme.Load(fstest.MapFS{}, content.Config{Language: lang}, templateFuncs)
		if err != nil {
			t.Fatal(err)
		}
		l := reflect.ValueOf(labelsFrom(th))
		for i := 0; i < l.NumField(); i++ {
			name, got := l.Type().Field(i).Name, l.Field(i).String()
			switch {
			case got == "":
				t.Errorf("%s: no live.* label for %s", lang, name)
			case lang == "nl" && name != "Lang" && got == english.Field(i).String():
				t.Errorf("nl: %s is English: %q", name, got)
			}
		}
	}
}
