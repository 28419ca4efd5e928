package check

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// A KPI can be measured: it has an owner, a unit, a target and a frequency.
var _ = register(&Rule{
	ID: "kpi-measurable", Level: content.Error, Item: "readiness.kpis", Reads: ReadsFront,
	Summary: "A KPI without owner, unit, target or frequency.",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind != content.KindKPI {
			return
		}
		m := &p.Meta
		var missing []string
		for _, f := range []struct {
			name  string
			empty bool
		}{{"owner", m.Owner.IsZero()}, {"unit", m.Unit == ""}, {"target", m.Target == ""}, {"frequency", m.Frequency == ""}} {
			if f.empty {
				missing = append(missing, f.name)
			}
		}
		if len(missing) > 0 {
			add("kpi-measurable", p.Pos("title"), "KPI %q is not measurable without %s", p.Title, strings.Join(missing, ", "))
		}
	},
})
