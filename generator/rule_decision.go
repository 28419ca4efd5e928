package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// Decisions do not supersede each other in a loop.
var _ = register(&rule{
	id: "supersede-cycle", level: content.Error, item: "readiness.decisions", reads: readsFront | readsSite,
	summary: "Decisions that supersede each other in a loop.",
	site: func(b *builder, add addFunc) {
		for _, d := range b.checkCycles() {
			add(d.Rule, d.Pos, "%s", d.Message)
		}
	},
})

// checkCycles reports decisions that supersede each other in a loop.
func (b *builder) checkCycles() content.Diagnostics {
	var ds content.Diagnostics
	state := map[*content.Page]int{} // 1 visiting, 2 done
	var visit func(p *content.Page, chain []*content.Page)
	visit = func(p *content.Page, chain []*content.Page) {
		state[p] = 1
		for _, ref := range p.Meta.Supersedes {
			t := ref.Page
			if t == nil {
				continue
			}
			if state[t] == 1 {
				names := []string{}
				for _, c := range append(chain, p, t) {
					names = append(names, c.ID)
				}
				ds = append(ds, content.Diag("supersede-cycle", ref.Pos, "decisions supersede each other in a loop: "+strings.Join(trimChain(names, t.ID), " → ")))
				continue
			}
			if state[t] == 0 {
				visit(t, append(chain, p))
			}
		}
		state[p] = 2
	}
	for _, p := range b.site.Pages {
		if p.Kind == content.KindDecision && state[p] == 0 {
			visit(p, nil)
		}
	}
	return ds
}

func trimChain(names []string, start string) []string {
	for i, n := range names {
		if n == start {
			return names[i:]
		}
	}
	return names
}
