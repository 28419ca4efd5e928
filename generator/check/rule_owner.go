package check

import "github.com/handover-dev/handover/content"

// Owners: what must be owned has an owner, a process a sponsor, and
// nothing is owned by someone who has left.

var _ = register(&Rule{
	ID: "missing-owner", Level: content.Error, Item: "readiness.owners", Reads: ReadsFront,
	Summary: "A process, instruction, KPI or risk that nobody owns.",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind.Owned() && p.Meta.Owner.IsZero() {
			add("missing-owner", p.Pos("title"), "%s %q has no owner", p.Kind, p.Title)
		}
	},
})

var _ = register(&Rule{
	ID: "missing-sponsor", Level: content.Warning, Item: "readiness.owners", Reads: ReadsFront,
	Summary: "A process without a subject-matter sponsor.",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind == content.KindProcess && p.Meta.Sponsor.IsZero() {
			add("missing-sponsor", p.Pos("title"), "process %q has no subject-matter sponsor", p.Title)
		}
	},
})

// orphan reports what no other rule does: owners who left, and processes
// whose RACI activities name nobody accountable.
var _ = register(&Rule{
	ID: "orphan", Level: content.Warning, Item: "readiness.owners", Reads: ReadsFront | ReadsSite | ReadsToday,
	Summary: "Something owned by a person who left, or by a role all of whose members left; a process whose RACI rows name nobody accountable.",
	Site: func(s *Site, add Add) {
		for _, o := range s.Orphans() {
			if d, ok := OrphanDiag(o); ok {
				add(d.Rule, d.Pos, "%s", d.Message)
			}
		}
	},
})

// OrphanDiag returns the diagnostic of an orphan that no other rule
// reports: an owner who left, a process whose RACI activities name nobody
// accountable.
func OrphanDiag(o Orphan) (content.Diagnostic, bool) {
	if o.Reason == OrphanLeft || o.Reason == OrphanNobody && o.Field == FieldRACI {
		return content.Diag("orphan", o.Pos, o.message()), true
	}
	return content.Diagnostic{}, false
}
