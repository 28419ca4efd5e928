package check

import "github.com/handover-dev/handover/content"

// Every RACI activity has exactly one accountable.
var _ = register(&Rule{
	ID: "raci-accountable", Level: content.Error, Item: "readiness.governance", Reads: ReadsFront,
	Summary: "A RACI activity without exactly one accountable (A).",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind != content.KindGovernance {
			return
		}
		for _, row := range p.Meta.RACI {
			if len(row.A) != 1 {
				add("raci-accountable", row.Pos, "activity %q has %d accountable (A); it needs exactly one", row.Activity, len(row.A))
			}
		}
	},
})
