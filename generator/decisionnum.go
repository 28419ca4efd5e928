package generator

import (
	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

// DecisionNumber returns the number of a decision record, "" for other pages.
func (v *view) DecisionNumber(p *content.Page) string { return vw.DecisionNumber(p) }
