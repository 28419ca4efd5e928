package generator

import (
	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

// RiskGrade returns the grade of a score (see view.RiskGrade).
func (v *view) RiskGrade(score int) string { return vw.RiskGrade(score) }

// RiskGrades lists the grades from low to high with the scores in each,
// for the heatmap's legend.
func (v *view) RiskGrades() [][2]string {
	return [][2]string{{"low", "1–4"}, {"medium", "5–9"}, {"high", "10–14"}, {"critical", "15–25"}}
}

// Heatmap places the risks on a 5 × 5 grid (see view.Heatmap).
func (v *view) Heatmap(risks []*content.Page) []vw.HeatRow { return vw.Heatmap(risks) }
