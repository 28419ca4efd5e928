package generator

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/serve"
	"github.com/handover-dev/handover/generator/theme"
)

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
