package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// A KPI can be measured: it has an owner, a unit, a target and a frequency.
var _ = register(&rule{
	id: "kpi-measurable", level: content.Error, item: "readiness.kpis", reads: readsFront,
	summary: "A KPI without owner, unit, target or frequency.",
	page: func(b *builder, p *content.Page, add addFunc) {
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
