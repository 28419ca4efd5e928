package view

import (
	"testing"

	"github.com/handover-dev/handover/content"
)

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
		if got := DecisionNumber(c.p); got != c.want {
			t.Errorf("%s (number %q): got %q, want %q", c.p.File, c.p.Meta.Number, got, c.want)
		}
	}
}

func TestHeatmap(t *testing.T) {
	risk := func(l, i int) *content.Page {
		return &content.Page{Kind: content.KindRisk, Meta: content.Meta{Likelihood: l, Impact: i}}
	}
	rows := Heatmap([]*content.Page{risk(4, 5), risk(4, 5), risk(1, 2), risk(5, 1), risk(0, 3), risk(3, 6)})
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	total := 0
	for i, r := range rows {
		if r.Likelihood != 5-i || len(r.Cells) != 5 {
			t.Fatalf("row %d: likelihood %d with %d cells, want %d with 5", i, r.Likelihood, len(r.Cells), 5-i)
		}
		for j, c := range r.Cells {
			if c.Impact != j+1 || c.Likelihood != r.Likelihood || c.Score != c.Likelihood*c.Impact || c.Grade != RiskGrade(c.Score) {
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
		if got := RiskGrade(score); got != want {
			t.Errorf("grade of %d: %s, want %s", score, got, want)
		}
	}
}
