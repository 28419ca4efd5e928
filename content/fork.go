package content

import "slices"

// Fork is a copy of a resolved site that shares nothing a caller may write
// with the site it was made from: every page, person, role, RACI row and
// involvement list is a new value, and every pointer between them points
// into the copy. What no one writes after loading (Markdown, strings,
// dates, the settings' maps) is shared.
//
// The dev server patches an edit into a fork of the build before (the
// generator's patch.go), so that the build before, which may still be
// serving, is never written: a site is not changed after it is made.
type Fork struct {
	Site    *Site
	pages   map[*Page]*Page
	persons map[*Person]*Person
	roles   map[*Role]*Role
}

// Page returns the copy of a page of the forked site, or nil for nil.
func (f *Fork) Page(p *Page) *Page {
	if p == nil {
		return nil
	}
	return f.pages[p]
}

// Pages returns the copies of pages, in a new slice.
func (f *Fork) Pages(pages []*Page) []*Page { return mapped(pages, f.Page) }

// Ref returns r pointing at the copies of what it names.
func (f *Fork) Ref(r Ref) Ref {
	if r.Person != nil {
		r.Person = f.persons[r.Person]
	}
	if r.Role != nil {
		r.Role = f.roles[r.Role]
	}
	if r.Page != nil {
		r.Page = f.pages[r.Page]
	}
	return r
}

// Fork returns a copy of the resolved site s; s is only read. The work is
// linear in the size of the model: one copy of each page, person and role
// and of each list of references.
func (s *Site) Fork() *Fork {
	f := &Fork{
		pages:   make(map[*Page]*Page, len(s.Pages)),
		persons: make(map[*Person]*Person, len(s.People.Persons)),
		roles:   make(map[*Role]*Role, len(s.People.Roles)),
	}
	c := *s
	f.Site = &c

	// First a new value for everything a pointer may name, then the
	// pointers.
	c.Pages = copies(s.Pages, f.pages)
	c.People.Persons = copies(s.People.Persons, f.persons)
	c.People.Roles = copies(s.People.Roles, f.roles)

	// A RACI row is pointed at (RACIRef.Row) by the pages of the process
	// it names: the rows of a governance page move with it.
	rows := map[*RACIRow]*RACIRow{}
	for k, p := range c.Pages {
		m := &p.Meta
		for i := range fields {
			if fl := &fields[i]; fl.own != nil {
				fl.own(m)
			}
		}
		for i := range m.RACI {
			rows[&s.Pages[k].Meta.RACI[i]] = &m.RACI[i]
		}
	}
	for _, p := range c.Pages {
		f.meta(&p.Meta)
		p.successors = f.refs(p.successors)
		p.SupersededBy = f.Pages(p.SupersededBy)
		p.Instructions = f.Pages(p.Instructions)
		p.Risks = f.Pages(p.Risks)
		p.KPIs = f.Pages(p.KPIs)
		p.Decisions = f.Pages(p.Decisions)
		p.ReferencedBy = f.Pages(p.ReferencedBy)
		p.RACI = f.raciRefs(p.RACI, rows)
	}
	for _, p := range c.People.Persons {
		if p.Roles != nil {
			roles := make([]*Role, len(p.Roles))
			for i, r := range p.Roles {
				roles[i] = f.roles[r]
			}
			p.Roles = roles
		}
		p.Tasks = f.tasks(p.Tasks)
	}
	for _, r := range c.People.Roles {
		r.Members = f.refs(r.Members)
		r.Tasks = f.tasks(r.Tasks)
	}

	c.Config.Commitment.By = f.Ref(s.Config.Commitment.By)
	if s.Config.Signoff != nil {
		c.Config.Signoff = make([]Signatory, len(s.Config.Signoff))
		for i, sg := range s.Config.Signoff {
			sg.By = f.Ref(sg.By)
			c.Config.Signoff[i] = sg
		}
	}
	c.Static = slices.Clone(s.Static)
	c.byID = forkMap(s.byID, f.pages)
	c.byPath = forkMap(s.byPath, f.pages)
	c.persons = forkMap(s.persons, f.persons)
	c.roles = forkMap(s.roles, f.roles)
	if s.Involved != nil {
		c.Involved = make(map[string]*Involvement, len(s.Involved))
		for id, v := range s.Involved {
			c.Involved[id] = &Involvement{
				Owns: f.Pages(v.Owns), Sponsors: f.Pages(v.Sponsors), Approved: f.Pages(v.Approved),
				Decided: f.Pages(v.Decided), Chairs: f.Pages(v.Chairs), Meetings: f.Pages(v.Meetings),
				Mitigates: f.Pages(v.Mitigates), Trainings: f.Pages(v.Trainings),
				RACI: f.raciRoles(v.RACI, rows), Commitment: v.Commitment,
			}
		}
	}
	return f
}

// copies returns a new value of each of in, made in one block, and
// records each copy in to.
func copies[T any](in []*T, to map[*T]*T) []*T {
	if in == nil {
		return nil
	}
	block := make([]T, len(in))
	out := make([]*T, len(in))
	for i, x := range in {
		block[i] = *x
		out[i] = &block[i]
		to[x] = &block[i]
	}
	return out
}

// forkMap returns a copy of m whose values are their copies in to.
func forkMap[T any](m map[string]*T, to map[*T]*T) map[string]*T {
	if m == nil {
		return nil
	}
	out := make(map[string]*T, len(m))
	for k, v := range m {
		out[k] = to[v]
	}
	return out
}

// meta points every reference of m at the copies; m's lists of
// references are its own (a copy), or shared ones are copied first.
func (f *Fork) meta(m *Meta) {
	for i := range fields {
		switch fl := &fields[i]; {
		case fl.one != nil:
			r := fl.one(m)
			*r = f.Ref(*r)
		case fl.many != nil:
			refs := fl.many(m)
			*refs = f.refs(*refs)
		}
	}
	for i := range m.RACI {
		row := &m.RACI[i]
		row.Process = f.Ref(row.Process)
		row.R, row.A, row.C, row.I = f.refs(row.R), f.refs(row.A), f.refs(row.C), f.refs(row.I)
	}
	for i := range m.Milestones {
		ms := &m.Milestones[i]
		ms.Owner = f.Ref(ms.Owner)
		ms.Pages = f.refs(ms.Pages)
	}
}

// refs returns a new list of the references, pointing at the copies.
func (f *Fork) refs(refs []Ref) []Ref { return mapped(refs, f.Ref) }

func (f *Fork) tasks(tasks []Task) []Task {
	return mapped(tasks, func(t Task) Task {
		t.Pages = f.refs(t.Pages)
		return t
	})
}

// raci returns r pointing at the copies of its page and row.
func (f *Fork) raci(r RACIRef, rows map[*RACIRow]*RACIRow) RACIRef {
	return RACIRef{Page: f.Page(r.Page), Row: rows[r.Row]}
}

func (f *Fork) raciRefs(refs []RACIRef, rows map[*RACIRow]*RACIRow) []RACIRef {
	return mapped(refs, func(r RACIRef) RACIRef { return f.raci(r, rows) })
}

func (f *Fork) raciRoles(roles []RACIRole, rows map[*RACIRow]*RACIRow) []RACIRole {
	return mapped(roles, func(r RACIRole) RACIRole { return RACIRole{Letter: r.Letter, Ref: f.raci(r.Ref, rows)} })
}

// mapped returns a new list of each element of in given to f; nil for
// nil, as the fork must equal its site.
func mapped[T any](in []T, f func(T) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}
