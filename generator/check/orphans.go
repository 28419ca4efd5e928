package check

import (
	"github.com/handover-dev/handover/content"
)

// Orphan reasons: why something has nobody to look after it.
const (
	OrphanNobody  = "nobody"  // the field is empty
	OrphanUnknown = "unknown" // the id is not in people.yaml
	OrphanLeft    = "left"    // the person, or every member of the role, has left
)

// Orphan fields that are not front matter keys.
const (
	FieldA    = "A"    // a RACI activity's accountable, on the governance page
	FieldRACI = "raci" // a process that RACI activities name, none with an A
)

// Orphan is something owned by nobody, by an id not in people.yaml, or by
// someone who has left: one row of the orphans report.
type Orphan struct {
	Page     *content.Page
	Field    string // owner, sponsor, mitigation_owner, chair, A or raci
	Activity string // the RACI activity, for FieldA
	Who      content.Ref
	Reason   string // OrphanNobody, OrphanUnknown or OrphanLeft
	Left     content.Date
	Pos      content.Pos
}

// FieldKey returns the label key of the field, for the readiness page.
func (o Orphan) FieldKey() string {
	if o.Field == FieldA || o.Field == FieldRACI {
		return "orphan.field." + o.Field
	}
	return o.Field
}

// ReasonKey returns the label key of the reason, for the readiness page.
func (o Orphan) ReasonKey() string {
	if o.Reason == OrphanLeft && o.Who.Role != nil {
		return "orphan.left.role"
	}
	return "orphan." + o.Reason
}

func (o Orphan) message() string { return o.msg().String() }

// msg is the orphan's message before it is formatted, for the site's
// language (say.go).
func (o Orphan) msg() msg {
	what := newMsg("%s %q", o.Page.Kind, o.Page.Title)
	switch {
	case o.Reason == OrphanNobody && o.Field == FieldRACI:
		return newMsg("nobody is accountable for process %q: its RACI activities have no A", o.Page.Title)
	case o.Reason == OrphanLeft && o.Who.Role != nil:
		return newMsg("%s %s has no members left; hand %s over to someone else", field(o.Field), o.Who.Name(), what)
	case o.Reason == OrphanLeft:
		f := any(field(o.Field))
		if o.Field == FieldA {
			f, what = newMsg("accountable (A)"), newMsg("activity %q", o.Activity)
		}
		return newMsg("%s %s left on %s; hand %s over to someone else", f, o.Who.Name(), o.Left, what)
	case o.Reason == OrphanUnknown:
		return newMsg("%s %q is not in people.yaml", field(o.Field), o.Who.ID)
	}
	return newMsg("%s has no %s", what, field(o.Field))
}

// Orphans lists, in page order, what is owned by nobody, by an id that
// people.yaml does not know, or by someone who left on or before today.
// The checks and the dashboard share one list per build.
func (s *Site) Orphans() []Orphan {
	if o := s.orphans.Load(); o != nil {
		return *o
	}
	o := findOrphans(s.Content.Pages, s.Today)
	s.orphans.CompareAndSwap(nil, &o)
	return *s.orphans.Load()
}

// findOrphans lists the orphans of pages as of today.
func findOrphans(pages []*content.Page, today content.Date) []Orphan {
	var out []Orphan
	for _, p := range pages {
		if p.List {
			continue
		}
		m := &p.Meta
		if p.Kind.Owned() && m.Owner.IsZero() {
			out = append(out, Orphan{Page: p, Field: "owner", Reason: OrphanNobody, Pos: p.Pos("title")})
		}
		openRisk := p.Kind == content.KindRisk && (m.Status == "" || m.Status == "open")
		if openRisk && m.MitigationOwner.IsZero() {
			out = append(out, Orphan{Page: p, Field: "mitigation_owner", Reason: OrphanNobody, Pos: p.Pos("title")})
		}
		for _, f := range []struct {
			key string
			ref content.Ref
		}{{"owner", m.Owner}, {"sponsor", m.Sponsor}, {"mitigation_owner", m.MitigationOwner}, {"chair", m.Chair}} {
			if o, ok := orphanRef(today, p, f.key, f.ref); ok {
				out = append(out, o)
			}
		}
		for _, row := range m.RACI {
			if len(row.A) == 0 {
				out = append(out, Orphan{Page: p, Field: FieldA, Activity: row.Activity, Reason: OrphanNobody, Pos: row.Pos})
			}
			for _, a := range row.A {
				if o, ok := orphanRef(today, p, FieldA, a); ok {
					o.Activity = row.Activity
					out = append(out, o)
				}
			}
		}
		if p.Kind == content.KindProcess && len(p.RACI) > 0 && !accountable(p) {
			out = append(out, Orphan{Page: p, Field: FieldRACI, Reason: OrphanNobody, Pos: p.Pos("title")})
		}
	}
	return out
}

// orphanRef reports whether ref, written at key of p, points at nobody who
// is still there.
func orphanRef(today content.Date, p *content.Page, key string, ref content.Ref) (Orphan, bool) {
	o := Orphan{Page: p, Field: key, Who: ref, Pos: ref.Pos}
	switch {
	case ref.IsZero():
		return o, false
	case ref.Person == nil && ref.Role == nil:
		o.Reason = OrphanUnknown
	case ref.Person != nil && gone(ref.Person, today):
		o.Reason, o.Left = OrphanLeft, ref.Person.Left
	case ref.Role != nil && emptyRole(ref.Role, today):
		o.Reason = OrphanLeft
	default:
		return o, false
	}
	return o, true
}

// gone reports whether person left on or before today.
func gone(person *content.Person, today content.Date) bool {
	return !person.Left.IsZero() && !person.Left.After(today.Time)
}

// emptyRole reports whether every member of a role with members has left.
// A role without members is a function, not a group: it is not orphaned.
func emptyRole(r *content.Role, today content.Date) bool {
	n := 0
	for _, m := range r.Members {
		if m.Person == nil {
			continue
		}
		n++
		if !gone(m.Person, today) {
			return false
		}
	}
	return n > 0
}

// accountable reports whether some RACI activity of process p names an A.
func accountable(p *content.Page) bool {
	for _, r := range p.RACI {
		if len(r.Row.A) > 0 {
			return true
		}
	}
	return false
}

// PageOrphans returns what page p leaves without an owner as of today,
// on its own: a patched build finds the orphans of the pages it edits.
func PageOrphans(p *content.Page, today content.Date) []Orphan {
	return findOrphans([]*content.Page{p}, today)
}
