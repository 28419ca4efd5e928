package generator

import (
	"fmt"
	"strings"

	"github.com/handover-dev/handover/content"
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
		if p.Kind == content.KindMeeting && p.Meta.Frequency != "" && len(p.Meta.Agenda) > 0 {
			hasRhythm = true
		}
	}
	cfg := &b.site.Config
	if cfg.Commitment.By.IsZero() || cfg.Commitment.Date.IsZero() {
		add("commitment-missing", content.Pos{File: "handover.yaml", Line: max(cfg.Commitment.Pos.Line, 1), Col: 1},
			"no written management commitment: add commitment with by, date and document to handover.yaml")
	}
	if !hasRhythm && len(b.site.Pages) > 0 {
		add("rhythm-missing", content.Pos{File: path0(b.site.ContentDir, "meetings")}, "no recurring meeting with an agenda keeps the handover alive: add a meeting with frequency and agenda")
	}
	ds = append(ds, b.checkCycles()...)
	return ds
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
	b.checkOrphans(p, add)
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

// checkOrphans reports what is owned by someone who left.
func (b *builder) checkOrphans(p *content.Page, add addFunc) {
	for _, key := range []string{"owner", "sponsor", "mitigation_owner", "chair"} {
		ref := refOf(&p.Meta, key)
		if ref.Person != nil && !ref.Person.Left.IsZero() && !ref.Person.Left.After(b.now.Time) {
			add("orphan", ref.Pos, "%s %s left on %s; hand %q over to someone else", key, ref.Person.Name, ref.Person.Left, p.Title)
		}
	}
}

func refOf(m *content.Meta, key string) content.Ref {
	switch key {
	case "owner":
		return m.Owner
	case "sponsor":
		return m.Sponsor
	case "mitigation_owner":
		return m.MitigationOwner
	}
	return m.Chair
}

var frequencies = []string{"weekly", "biweekly", "monthly", "quarterly"}

func (b *builder) checkMeeting(p *content.Page, add addFunc) {
	m := &p.Meta
	if m.Frequency != "" && !containsFold(frequencies, m.Frequency) {
		add("meeting", p.Pos("frequency"), "frequency %q is not one of %s", m.Frequency, strings.Join(frequencies, ", "))
	}
	if m.Weekday != "" {
		if _, ok := weekday(m.Weekday); !ok {
			add("meeting", p.Pos("weekday"), "weekday %q is not a day of the week", m.Weekday)
		}
	}
	if m.Time != "" {
		if _, _, ok := clock(m.Time); !ok {
			add("meeting", p.Pos("time"), "time %q is not a time such as 09:30", m.Time)
		}
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
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
