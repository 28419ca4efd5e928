package check

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// Decisions do not supersede each other in a loop.
var _ = register(&Rule{
	ID: "supersede-cycle", Level: content.Error, Item: "readiness.decisions", Reads: ReadsFront | ReadsSite,
	Summary: "Decisions that supersede each other in a loop.",
	Site: func(s *Site, add Add) {
		for _, d := range s.checkCycles() {
			add(d.Rule, d.Pos, "%s", d.Message)
		}
	},
})

// checkCycles reports decisions that supersede each other in a loop.
func (s *Site) checkCycles() content.Diagnostics {
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
	for _, p := range s.Content.Pages {
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
