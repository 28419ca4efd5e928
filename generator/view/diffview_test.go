package view

import (
	"strings"
	"testing"

	"github.com/handover-dev/handover/generator/history"
)

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
	hunks := BodyHunks(old, new)
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
