package content

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// field is one front matter key: how its value is decoded into a page and,
// for a key that names people or pages, where the reference is kept. The
// list below is the one place a key is written: decoding, resolving the
// references and copying a cached page all read it.
type field struct {
	key    string
	decode func(d *decoder, p *Page, key string, v *yaml.Node)

	// A reference field: one names a single Ref, many a list. pages is set
	// when it names pages (of kind target, any kind when empty); else it
	// names people or roles.
	one    func(m *Meta) *Ref
	many   func(m *Meta) *[]Ref
	pages  bool
	target Kind

	// own gives a copy of the page (the decoded-page cache's clone, a
	// Site.Fork) its own copy of what the field decoded into lists of
	// structs holding references (raci, milestones): resolving and a
	// fork's references write into them.
	own func(m *Meta)
}

// fields are the front matter keys handover knows, in the order their
// references are resolved. Any other key belongs to another generator
// (layout, permalink, …) and is ignored.
var fields = []field{
	{key: "title", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Title = strings.TrimSpace(d.str(k, v)) }},
	{key: "id", decode: decodeID},
	{key: "type", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Type = d.str(k, v) }},
	{key: "summary", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Summary = strings.TrimSpace(d.str(k, v)) }},
	{key: "description", decode: func(d *decoder, p *Page, k string, v *yaml.Node) {
		if p.Summary == "" { // summary wins when both are given
			p.Summary = strings.TrimSpace(d.str(k, v))
		}
	}},
	who("owner", func(m *Meta) *Ref { return &m.Owner }),
	{key: "status", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Status = strings.ToLower(d.str(k, v)) }},
	{key: "reviewed", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Reviewed = d.date(k, v) }},
	{key: "review_every", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.ReviewEvery = d.interval(k, v) }},
	{key: "tags", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Tags = d.strs(k, v) }},
	pagesOf("related", "", func(m *Meta) *[]Ref { return &m.Related }),
	{key: "weight", decode: func(d *decoder, p *Page, k string, v *yaml.Node) {
		p.Meta.Weight = d.integer(k, v, -1_000_000, 1_000_000)
	}},
	{key: "language", decode: func(d *decoder, p *Page, k string, v *yaml.Node) {
		p.Meta.Language = d.oneOf(k, v, []string{"nl", "en"})
	}},
	{key: "draft", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Draft = ptrTrue(d.boolean(k, v)) }},

	// process
	who("sponsor", func(m *Meta) *Ref { return &m.Sponsor }),
	who("approved_by", func(m *Meta) *Ref { return &m.ApprovedBy }),
	{key: "approved_on", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.ApprovedOn = d.date(k, v) }},
	pagesOf("kpis", KindKPI, func(m *Meta) *[]Ref { return &m.KPIs }),
	pagesOf("instructions", KindInstruction, func(m *Meta) *[]Ref { return &m.Instructions }),
	pagesOf("risks", KindRisk, func(m *Meta) *[]Ref { return &m.Risks }),

	// instruction
	pageOf("process", KindProcess, func(m *Meta) *Ref { return &m.Process }),
	{key: "tools", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Tools = d.strs(k, v) }},

	// decision (date is shared with training)
	{key: "date", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Date = d.date(k, v) }},
	{key: "number", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Number = strings.TrimSpace(d.str(k, v)) }},
	whos("decided_by", func(m *Meta) *[]Ref { return &m.DecidedBy }),
	// MADR's names for decided_by (adr.go): names or ids, resolved with it
	{key: "decision-makers", decode: decodeDeciders},
	{key: "deciders", decode: decodeDeciders},
	pagesOf("supersedes", KindDecision, func(m *Meta) *[]Ref { return &m.Supersedes }),

	// governance: the rows' references are resolved by resolveRACI
	{key: "raci", decode: func(d *decoder, p *Page, _ string, v *yaml.Node) { p.Meta.RACI = decodeRACI(d, v) },
		own: func(m *Meta) {
			m.RACI = slices.Clone(m.RACI)
			for i := range m.RACI {
				row := &m.RACI[i]
				row.R, row.A, row.C, row.I = slices.Clone(row.R), slices.Clone(row.A), slices.Clone(row.C), slices.Clone(row.I)
			}
		}},

	// risk
	{key: "likelihood", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Likelihood = d.integer(k, v, 1, 5) }},
	{key: "impact", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Impact = d.integer(k, v, 1, 5) }},
	{key: "mitigation", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Mitigation = d.str(k, v) }},
	who("mitigation_owner", func(m *Meta) *Ref { return &m.MitigationOwner }),

	// kpi (frequency is shared with meeting)
	{key: "unit", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Unit = d.str(k, v) }},
	{key: "baseline", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Baseline = d.str(k, v) }},
	{key: "target", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Target = d.str(k, v) }},
	{key: "frequency", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Frequency = d.str(k, v) }},
	{key: "source", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Source = d.str(k, v) }},
	{key: "measurements", decode: func(d *decoder, p *Page, _ string, v *yaml.Node) { decodeMeasurements(d, p, v) }},

	// home page: the exit plan; the references are resolved by resolvePage
	{key: "milestones", decode: func(d *decoder, p *Page, _ string, v *yaml.Node) { p.Meta.Milestones = decodeMilestones(d, v) },
		own: func(m *Meta) {
			m.Milestones = slices.Clone(m.Milestones)
			for i := range m.Milestones {
				m.Milestones[i].Pages = slices.Clone(m.Milestones[i].Pages)
			}
		}},

	// training
	whos("audience", func(m *Meta) *[]Ref { return &m.Audience }),
	{key: "completed", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Completed = d.boolean(k, v) }},
	{key: "materials", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Materials = d.strs(k, v) }},

	// meeting
	{key: "weekday", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Weekday = d.str(k, v) }},
	{key: "time", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Time = d.str(k, v) }},
	{key: "duration", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Duration = d.str(k, v) }},
	{key: "starts", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Starts = d.date(k, v) }},
	who("chair", func(m *Meta) *Ref { return &m.Chair }),
	whos("participants", func(m *Meta) *[]Ref { return &m.Participants }),
	{key: "agenda", decode: func(d *decoder, p *Page, k string, v *yaml.Node) { p.Meta.Agenda = d.strs(k, v) }},
}

// who is a field naming one person or role.
func who(key string, ref func(*Meta) *Ref) field {
	return field{key: key, one: ref, decode: func(d *decoder, p *Page, k string, v *yaml.Node) { *ref(&p.Meta) = d.ref(k, v) }}
}

// whos is a field naming a list of people or roles.
func whos(key string, refs func(*Meta) *[]Ref) field {
	return field{key: key, many: refs, decode: func(d *decoder, p *Page, k string, v *yaml.Node) { *refs(&p.Meta) = d.refs(k, v) }}
}

// pageOf is a field naming one page of kind target.
func pageOf(key string, target Kind, ref func(*Meta) *Ref) field {
	f := who(key, ref)
	f.pages, f.target = true, target
	return f
}

// pagesOf is a field naming a list of pages of kind target ("" for any).
func pagesOf(key string, target Kind, refs func(*Meta) *[]Ref) field {
	f := whos(key, refs)
	f.pages, f.target = true, target
	return f
}

// fieldByKey finds a field by its key.
var fieldByKey = func() map[string]*field {
	m := make(map[string]*field, len(fields))
	for i := range fields {
		m[fields[i].key] = &fields[i]
	}
	return m
}()

func ptrTrue(b *bool) bool { return b != nil && *b }
