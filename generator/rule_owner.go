package generator

import "github.com/handover-dev/handover/content"

// Owners: what must be owned has an owner, a process a sponsor, and
// nothing is owned by someone who has left.

var _ = register(&rule{
	id: "missing-owner", level: content.Error, item: "readiness.owners", reads: readsFront,
	summary: "A process, instruction, KPI or risk that nobody owns.",
	page: func(b *builder, p *content.Page, add addFunc) {
		if p.Kind.Owned() && p.Meta.Owner.IsZero() {
			add("missing-owner", p.Pos("title"), "%s %q has no owner", p.Kind, p.Title)
		}
	},
})

var _ = register(&rule{
	id: "missing-sponsor", level: content.Warning, item: "readiness.owners", reads: readsFront,
	summary: "A process without a subject-matter sponsor.",
	page: func(b *builder, p *content.Page, add addFunc) {
		if p.Kind == content.KindProcess && p.Meta.Sponsor.IsZero() {
			add("missing-sponsor", p.Pos("title"), "process %q has no subject-matter sponsor", p.Title)
		}
	},
})

// orphan reports what no other rule does: owners who left, and processes
// whose RACI activities name nobody accountable.
var _ = register(&rule{
	id: "orphan", level: content.Warning, item: "readiness.owners", reads: readsFront | readsSite | readsToday,
	summary: "Something owned by a person who left, or by a role all of whose members left; a process whose RACI rows name nobody accountable.",
	site: func(b *builder, add addFunc) {
		for _, o := range b.orphans() {
			if d, ok := orphanDiag(o); ok {
				add(d.Rule, d.Pos, "%s", d.Message)
			}
		}
	},
})

// orphanDiag returns the diagnostic of an orphan that no other rule
// reports: an owner who left, a process whose RACI activities name nobody
// accountable.
func orphanDiag(o Orphan) (content.Diagnostic, bool) {
	if o.Reason == OrphanLeft || o.Reason == OrphanNobody && o.Field == FieldRACI {
		return content.Diag("orphan", o.Pos, o.message()), true
	}
	return content.Diagnostic{}, false
}
