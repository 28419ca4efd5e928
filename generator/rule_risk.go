package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// An open risk has a mitigation and someone who carries it out.
var _ = register(&rule{
	id: "risk-mitigation", level: content.Error, item: "readiness.risks", reads: readsFront,
	summary: "An open risk without a mitigation or a mitigation owner.",
	page: func(b *builder, p *content.Page, add addFunc) {
		m := &p.Meta
		if p.Kind == content.KindRisk && (m.Status == "" || m.Status == "open") && (strings.TrimSpace(m.Mitigation) == "" || m.MitigationOwner.IsZero()) {
			add("risk-mitigation", p.Pos("title"), "open risk %q needs a mitigation and a mitigation_owner", p.Title)
		}
	},
})
