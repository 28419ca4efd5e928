package check

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// An open risk has a mitigation and someone who carries it out.
var _ = register(&Rule{
	ID: "risk-mitigation", Level: content.Error, Item: "readiness.risks", Reads: ReadsFront,
	Summary: "An open risk without a mitigation or a mitigation owner.",
	Page: func(s *Site, p *content.Page, add Add) {
		m := &p.Meta
		if p.Kind == content.KindRisk && (m.Status == "" || m.Status == "open") && (strings.TrimSpace(m.Mitigation) == "" || m.MitigationOwner.IsZero()) {
			add("risk-mitigation", p.Pos("title"), "open risk %q needs a mitigation and a mitigation_owner", p.Title)
		}
	},
})
