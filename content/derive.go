package content

import "sort"

// Involvement is everything a person or role is named for across the site.
type Involvement struct {
	Owns       []*Page
	Sponsors   []*Page
	Approved   []*Page
	Decided    []*Page
	Chairs     []*Page
	Meetings   []*Page // participant
	Mitigates  []*Page // mitigation owner
	Trainings  []*Page // audience
	RACI       []RACIRole
	Commitment bool
}

// RACIRole is one letter a person or role holds in a RACI activity.
type RACIRole struct {
	Letter string // R, A, C or I
	Ref    RACIRef
}

// Empty reports whether nothing names the person.
func (v *Involvement) Empty() bool {
	return len(v.Owns)+len(v.Sponsors)+len(v.Approved)+len(v.Decided)+len(v.Chairs)+len(v.Meetings)+
		len(v.Mitigates)+len(v.Trainings)+len(v.RACI) == 0 && !v.Commitment
}

// derive computes the relations that no page states itself.
func (s *Site) derive() {
	s.Involved = map[string]*Involvement{}
	inv := func(ref Ref) *Involvement {
		if ref.Person == nil && ref.Role == nil {
			return nil
		}
		v := s.Involved[ref.ID]
		if v == nil {
			v = &Involvement{}
			s.Involved[ref.ID] = v
		}
		return v
	}
	add := func(list *[]*Page, p *Page) {
		if len(*list) == 0 || (*list)[len(*list)-1] != p {
			*list = append(*list, p)
		}
	}
	if v := inv(s.Config.Commitment.By); v != nil {
		v.Commitment = true
	}
	for _, p := range s.Pages {
		if p.List {
			continue
		}
		m := &p.Meta
		for _, x := range []struct {
			refs []Ref
			list func(*Involvement) *[]*Page
		}{
			{[]Ref{m.Owner}, func(v *Involvement) *[]*Page { return &v.Owns }},
			{[]Ref{m.Sponsor}, func(v *Involvement) *[]*Page { return &v.Sponsors }},
			{[]Ref{m.ApprovedBy}, func(v *Involvement) *[]*Page { return &v.Approved }},
			{m.DecidedBy, func(v *Involvement) *[]*Page { return &v.Decided }},
			{[]Ref{m.Chair}, func(v *Involvement) *[]*Page { return &v.Chairs }},
			{m.Participants, func(v *Involvement) *[]*Page { return &v.Meetings }},
			{[]Ref{m.MitigationOwner}, func(v *Involvement) *[]*Page { return &v.Mitigates }},
			{m.Audience, func(v *Involvement) *[]*Page { return &v.Trainings }},
		} {
			for _, ref := range x.refs {
				if v := inv(ref); v != nil {
					add(x.list(v), p)
				}
			}
		}
		for i := range m.RACI {
			row := &m.RACI[i]
			for _, l := range []struct {
				letter string
				refs   []Ref
			}{{"R", row.R}, {"A", row.A}, {"C", row.C}, {"I", row.I}} {
				for _, ref := range l.refs {
					if v := inv(ref); v != nil {
						v.RACI = append(v.RACI, RACIRole{Letter: l.letter, Ref: RACIRef{Page: p, Row: row}})
					}
				}
			}
			if pr := row.Process.Page; pr != nil {
				pr.RACI = append(pr.RACI, RACIRef{Page: p, Row: row})
			}
		}
		s.derivePage(p)
	}
	for _, p := range s.Pages {
		for _, list := range []*[]*Page{&p.SupersededBy, &p.Instructions, &p.Risks, &p.KPIs, &p.Decisions, &p.ReferencedBy} {
			*list = uniquePages(*list)
		}
	}
}

// derivePage adds p to the relations of the pages it names.
func (s *Site) derivePage(p *Page) {
	m := &p.Meta
	for _, ref := range m.Supersedes {
		if ref.Page != nil {
			ref.Page.SupersededBy = append(ref.Page.SupersededBy, p)
		}
	}
	if pr := m.Process.Page; pr != nil && p.Kind == KindInstruction {
		pr.Instructions = append(pr.Instructions, p)
	}
	if p.Kind == KindProcess {
		for _, x := range []struct {
			refs []Ref
			list *[]*Page
		}{{m.Instructions, &p.Instructions}, {m.Risks, &p.Risks}, {m.KPIs, &p.KPIs}} {
			for _, ref := range x.refs {
				if ref.Page != nil {
					*x.list = append(*x.list, ref.Page)
				}
			}
		}
	}
	for _, ref := range m.Related {
		if t := ref.Page; t != nil {
			if p.Kind == KindDecision {
				t.Decisions = append(t.Decisions, p)
			}
			if t.Kind == KindDecision {
				p.Decisions = append(p.Decisions, t)
			}
		}
	}
	for _, refs := range [][]Ref{m.KPIs, m.Instructions, m.Risks, {m.Process}, m.Supersedes, m.Related} {
		for _, ref := range refs {
			if ref.Page != nil && ref.Page != p {
				ref.Page.ReferencedBy = append(ref.Page.ReferencedBy, p)
			}
		}
	}
}

// uniquePages sorts pages by path and removes repeats.
func uniquePages(ps []*Page) []*Page {
	sort.Slice(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || ps[i-1] != p {
			out = append(out, p)
		}
	}
	return out
}
