package generator

import "github.com/handover-dev/handover/content"

// Every RACI activity has exactly one accountable.
var _ = register(&rule{
	id: "raci-accountable", level: content.Error, item: "readiness.governance", reads: readsFront,
	summary: "A RACI activity without exactly one accountable (A).",
	page: func(b *builder, p *content.Page, add addFunc) {
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
