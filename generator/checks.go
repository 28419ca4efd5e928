package generator

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// check runs the handover-readiness rules of SPEC.md over the site.
// build and check share it: it only reports, never writes.
func (b *builder) check() content.Diagnostics {
	var ds content.Diagnostics
	add := func(rule string, pos content.Pos, format string, args ...any) {
		ds = append(ds, content.Diag(rule, pos, fmt.Sprintf(format, args...)))
	}
	hasRhythm := false
	for _, p := range b.site.Pages {
		if p.List {
			continue
		}
		b.checkPage(p, add)
		if p.Kind == content.KindMeeting && calendar.ValidFrequency(p.Meta.Frequency) && len(p.Meta.Agenda) > 0 {
			hasRhythm = true
		}
	}
	b.checkCommitment(add)
	if !hasRhythm && len(b.site.Pages) > 0 {
		add("rhythm-missing", content.Pos{File: path0(b.site.ContentDir, "meetings")}, "no recurring meeting with an agenda keeps the handover alive: add a meeting with frequency and agenda")
	}
	// Orphans that no other rule reports: owners who left, and processes
	// whose RACI activities name nobody accountable.
	for _, o := range b.orphans() {
		if o.Reason == OrphanLeft || o.Reason == OrphanNobody && o.Field == FieldRACI {
			add("orphan", o.Pos, "%s", o.message())
		}
	}
	ds = append(ds, b.checkCycles()...)
	return ds
}

// checkCommitment reports a management commitment that is not in
// writing: one without by, date or document, or whose document names
// nothing the site has.
func (b *builder) checkCommitment(add addFunc) {
	c := &b.site.Config.Commitment
	pos := content.Pos{File: "handover.yaml", Line: max(c.Pos.Line, 1), Col: max(c.Pos.Col, 1)}
	switch {
	case c.By.IsZero() || c.Date.IsZero():
		add("commitment-missing", pos, "no written management commitment: add commitment with by, date and document to handover.yaml")
	case strings.TrimSpace(c.Document) == "":
		add("commitment-missing", pos, "the management commitment has no document: add commitment.document (a page, a file under static/ or an http(s) URL) to handover.yaml")
	}
	if doc := strings.TrimSpace(c.Document); doc != "" && !b.documentExists(doc) {
		add("commitment-missing", c.DocumentPos, "commitment document %q not found: name a page, a file under static/ or an http(s) URL", doc)
	}
}

// documentExists reports whether doc, a document named in handover.yaml,
// is an http(s) URL, a page's id, or a page or static file as a link in
// handover.yaml or in content/_index.md would name it
// (static/commitment.pdf, content/governance/commitment.md,
// governance/commitment.md).
func (b *builder) documentExists(doc string) bool {
	switch schemeOf(doc) {
	case "http", "https":
		u, err := url.Parse(doc)
		return err == nil && u.Host != ""
	case "":
	default:
		return false
	}
	if b.site.PageByID(doc) != nil {
		return true
	}
	p, _, _ := strings.Cut(doc, "#")
	if p == "" || strings.ContainsAny(p, "\x00\\") {
		return false
	}
	for _, from := range []string{"handover.yaml", path0(b.site.ContentDir, "_index.md")} {
		if _, problem := b.find(&content.Page{File: from}, p); problem == "" {
			return true
		}
	}
	return false
}

func path0(contentDir, dir string) string {
	if contentDir == "." {
		return dir
	}
	return contentDir + "/" + dir
}

type addFunc func(rule string, pos content.Pos, format string, args ...any)

func (b *builder) checkPage(p *content.Page, add addFunc) {
	m := &p.Meta
	if p.Kind.Owned() && m.Owner.IsZero() {
		add("missing-owner", p.Pos("title"), "%s %q has no owner", p.Kind, p.Title)
	}
	if p.Kind == content.KindProcess && m.Sponsor.IsZero() {
		add("missing-sponsor", p.Pos("title"), "process %q has no subject-matter sponsor", p.Title)
	}
	if p.Kind.Reviewed() && (m.Reviewed.IsZero() || m.ReviewEvery.IsZero()) {
		add("review-missing", p.Pos("title"), "%s %q has no review date and interval (reviewed, review_every)", p.Kind, p.Title)
	}
	if next, ok := m.NextReview(); ok && next.Before(b.now.Time) {
		add("review-overdue", p.Pos("reviewed"), "review overdue since %s (reviewed %s, every %s)", next, m.Reviewed, m.ReviewEvery)
	}
	switch p.Kind {
	case content.KindGovernance:
		for _, row := range m.RACI {
			if len(row.A) != 1 {
				add("raci-accountable", row.Pos, "activity %q has %d accountable (A); it needs exactly one", row.Activity, len(row.A))
			}
		}
	case content.KindRisk:
		if (m.Status == "" || m.Status == "open") && (strings.TrimSpace(m.Mitigation) == "" || m.MitigationOwner.IsZero()) {
			add("risk-mitigation", p.Pos("title"), "open risk %q needs a mitigation and a mitigation_owner", p.Title)
		}
	case content.KindKPI:
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
	case content.KindTraining:
		if m.Completed == nil || !*m.Completed {
			add("training-incomplete", p.Pos("completed"), "training %q is not completed", p.Title)
		}
	case content.KindMeeting:
		b.checkMeeting(p, add)
	}
}

// checkMeeting reports meeting keys that the calendar cannot use. It
// parses with the calendar's own functions, so a meeting that passes the
// check is one that calendar.ics can write.
func (b *builder) checkMeeting(p *content.Page, add addFunc) {
	m := &p.Meta
	if m.Frequency != "" && !calendar.ValidFrequency(m.Frequency) {
		add("meeting", p.Pos("frequency"), "frequency %q is not one of weekly, biweekly, monthly, quarterly", m.Frequency)
	}
	if m.Weekday != "" {
		if _, ok := calendar.ParseWeekday(m.Weekday); !ok {
			add("meeting", p.Pos("weekday"), "weekday %q is not a day of the week", m.Weekday)
		}
	}
	if m.Time != "" {
		if _, _, err := calendar.ParseClock(m.Time); err != nil {
			add("meeting", p.Pos("time"), "time %q is not a time such as 09:30", m.Time)
		}
	}
	if m.Duration != "" {
		if _, err := calendar.ParseDuration(m.Duration); err != nil {
			add("meeting", p.Pos("duration"), "%v", err)
		}
	}
}

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

func (o Orphan) message() string {
	what := fmt.Sprintf("%s %q", o.Page.Kind, o.Page.Title)
	switch {
	case o.Reason == OrphanNobody && o.Field == FieldRACI:
		return fmt.Sprintf("nobody is accountable for process %q: its RACI activities have no A", o.Page.Title)
	case o.Reason == OrphanLeft && o.Who.Role != nil:
		return fmt.Sprintf("%s %s has no members left; hand %s over to someone else", o.Field, o.Who.Name(), what)
	case o.Reason == OrphanLeft:
		field := o.Field
		if o.Field == FieldA {
			field, what = "accountable (A)", fmt.Sprintf("activity %q", o.Activity)
		}
		return fmt.Sprintf("%s %s left on %s; hand %s over to someone else", field, o.Who.Name(), o.Left, what)
	case o.Reason == OrphanUnknown:
		return fmt.Sprintf("%s %q is not in people.yaml", o.Field, o.Who.ID)
	}
	return fmt.Sprintf("%s has no %s", what, o.Field)
}

// orphans lists, in page order, what is owned by nobody, by an id that
// people.yaml does not know, or by someone who left on or before today.
// The checks and the dashboard share one list per build.
func (b *builder) orphans() []Orphan {
	b.orphanOnce.Do(func() { b.orphanList = b.findOrphans() })
	return b.orphanList
}

func (b *builder) findOrphans() []Orphan {
	var out []Orphan
	for _, p := range b.site.Pages {
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
			if o, ok := b.orphanRef(p, f.key, f.ref); ok {
				out = append(out, o)
			}
		}
		for _, row := range m.RACI {
			if len(row.A) == 0 {
				out = append(out, Orphan{Page: p, Field: FieldA, Activity: row.Activity, Reason: OrphanNobody, Pos: row.Pos})
			}
			for _, a := range row.A {
				if o, ok := b.orphanRef(p, FieldA, a); ok {
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
func (b *builder) orphanRef(p *content.Page, key string, ref content.Ref) (Orphan, bool) {
	o := Orphan{Page: p, Field: key, Who: ref, Pos: ref.Pos}
	switch {
	case ref.IsZero():
		return o, false
	case ref.Person == nil && ref.Role == nil:
		o.Reason = OrphanUnknown
	case ref.Person != nil && b.gone(ref.Person):
		o.Reason, o.Left = OrphanLeft, ref.Person.Left
	case ref.Role != nil && b.emptyRole(ref.Role):
		o.Reason = OrphanLeft
	default:
		return o, false
	}
	return o, true
}

// gone reports whether person left on or before today.
func (b *builder) gone(person *content.Person) bool {
	return !person.Left.IsZero() && !person.Left.After(b.now.Time)
}

// emptyRole reports whether every member of a role with members has left.
// A role without members is a function, not a group: it is not orphaned.
func (b *builder) emptyRole(r *content.Role) bool {
	n := 0
	for _, m := range r.Members {
		if m.Person == nil {
			continue
		}
		n++
		if !b.gone(m.Person) {
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
