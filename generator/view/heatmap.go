package view

import "github.com/handover-dev/handover/content"

// HeatCell is one cell of the risk heatmap: a likelihood and an impact,
// their score (likelihood × impact), its grade and the risks in it.
type HeatCell struct {
	Likelihood, Impact, Score int
	Grade                     string // low, medium, high, critical (heat.GRADE in i18n)
	Risks                     []*content.Page
}

// Count returns the number of risks in the cell.
func (c HeatCell) Count() int { return len(c.Risks) }

// HeatRow is one likelihood of the heatmap, its cells by impact 1 to 5.
type HeatRow struct {
	Likelihood int
	Cells      []HeatCell
}

// RiskGrade grades a risk score of 1 to 25: 1–4 low, 5–9 medium, 10–14
// high, 15–25 critical. The heatmap, the register and a risk's page colour
// a score by its grade.
func RiskGrade(score int) string {
	switch {
	case score >= 15:
		return "critical"
	case score >= 10:
		return "high"
	case score >= 5:
		return "medium"
	}
	return "low"
}

// Heatmap places the risks on a 5 × 5 grid: a row per likelihood from 5
// down to 1, a cell per impact from 1 to 5. A risk without a likelihood
// or impact of 1 to 5 is left out (the checks report it).
func Heatmap(risks []*content.Page) []HeatRow {
	rows := make([]HeatRow, 5)
	for i := range rows {
		l := 5 - i
		rows[i] = HeatRow{Likelihood: l, Cells: make([]HeatCell, 5)}
		for j := range rows[i].Cells {
			im := j + 1
			rows[i].Cells[j] = HeatCell{Likelihood: l, Impact: im, Score: l * im, Grade: RiskGrade(l * im)}
		}
	}
	for _, p := range risks {
		l, im := p.Meta.Likelihood, p.Meta.Impact
		if l < 1 || l > 5 || im < 1 || im > 5 {
			continue
		}
		c := &rows[5-l].Cells[im-1]
		c.Risks = append(c.Risks, p)
	}
	return rows
}
