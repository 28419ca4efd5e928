package check

import (
	"slices"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
)

// Readiness is the handover checklist evaluated over the site.
type Readiness struct {
	Items    []ReadinessItem
	Score    int // percentage of items done
	DaysLeft int // days until interim.until; meaningful when HasUntil
	HasUntil bool
	Orphans  []Orphan // what is owned by nobody, by unknown ids or by people who left
}

// ReadinessItem is one line of the checklist with what keeps it from done.
type ReadinessItem struct {
	Key      string // label key, "readiness.owners"
	Done     bool
	Blockers []Blocker
	// Later are the blockers that depend on the date and keep the item
	// from done only after the build day (dated.go): the dashboard
	// shows them hidden, for readtime.js.
	Later []Blocker
}

// Blocker is a place that keeps an item from done.
type Blocker struct {
	Page    *content.Page // nil when the place is not a page
	File    string
	Message string
	// A blocker that depends on the date (dated.go) keeps the item from
	// done from the day From (YYYY-MM-DD) on; Kind says what it is
	// (review, left, milestone, kpi), Hidden that the build day is before
	// From. readtime.js shows it when the reader's today reaches From.
	From   string
	Kind   string
	Hidden bool
}

// readinessItem is one line of the checklist. The rules that keep it from
// done name it (Rule.Item); it may also need at least one page of a kind,
// and find more blockers of its own.
type readinessItem struct {
	key   string       // its label key
	needs content.Kind // a kind of which the site must have a page; "" for none
	more  func(s *Site, r *Readiness) []Blocker
}

// checklist are the items of the checklist, in the order it shows them.
// A rule that needs an item of its own adds it with addItem, in its file.
var checklist = []readinessItem{
	{key: "readiness.owners", more: func(s *Site, r *Readiness) []Blocker { return s.unknownOwners(r.Orphans) }},
	{key: "readiness.current"},
	{key: "readiness.governance", needs: content.KindGovernance, more: func(s *Site, _ *Readiness) []Blocker { return s.ungoverned() }},
	{key: "readiness.decisions", needs: content.KindDecision},
	{key: "readiness.risks", needs: content.KindRisk},
	{key: "readiness.kpis", needs: content.KindKPI},
	{key: "readiness.trainings", needs: content.KindTraining},
	{key: "readiness.commitment"},
	{key: "readiness.rhythm"},
	{key: "readiness.document", more: func(s *Site, _ *Readiness) []Blocker { return s.documentGaps() }},
}

// addItem adds an item at the end of the checklist.
func addItem(it readinessItem) readinessItem {
	checklist = append(checklist, it)
	return it
}

// Readiness evaluates the checklist from the diagnostics of the build.
func (s *Site) Readiness(diags content.Diagnostics) *Readiness {
	byFile := map[string]*content.Page{}
	for _, p := range s.Content.Pages {
		byFile[p.File] = p
	}
	r := &Readiness{Orphans: s.Orphans()}
	has := map[content.Kind]int{} // pages per kind, for items that need at least one
	for _, p := range s.Content.Pages {
		if !p.List {
			has[p.Kind]++
		}
	}
	done := 0
	for _, item := range checklist {
		it := ReadinessItem{Key: item.key}
		blocking := rulesOf(item.key)
		dated := s.dated(item.key)
		shown := map[string]bool{} // the diagnostics the dated blockers stand for
		for _, d := range dated {
			shown[d.rule+"\x00"+d.pos.String()] = true
		}
		for _, d := range diags {
			if slices.Contains(blocking, d.Rule) && !shown[d.Rule+"\x00"+d.Pos.String()] {
				it.Blockers = append(it.Blockers, Blocker{Page: byFile[d.Pos.File], File: d.Pos.File, Message: s.sayDiag(d)})
			}
		}
		for _, d := range dated {
			if d.Hidden {
				it.Later = append(it.Later, d.Blocker)
			} else {
				it.Blockers = append(it.Blockers, d.Blocker)
			}
		}
		switch {
		case item.needs != "" && has[item.needs] == 0:
			it.Blockers = append(it.Blockers, Blocker{Message: s.label("readiness.none") + " " + s.label("kind."+string(item.needs))})
		case item.more != nil:
			it.Blockers = append(it.Blockers, item.more(s, r)...)
		}
		it.Done = len(it.Blockers) == 0
		if it.Done {
			done++
		}
		r.Items = append(r.Items, it)
	}
	r.Score = done * 100 / len(r.Items)
	if until := s.Content.Config.Interim.Until; !until.IsZero() {
		r.HasUntil = true
		r.DaysLeft = int(until.Sub(s.Today.Time).Hours() / 24)
	}
	return r
}

// unknownOwners lists the owners that are not in people.yaml: the
// unknown-reference rule reports them, and they keep the owners item from done.
func (s *Site) unknownOwners(orphans []Orphan) []Blocker {
	var out []Blocker
	for _, o := range orphans {
		if o.Reason == OrphanUnknown {
			out = append(out, Blocker{Page: o.Page, File: o.Page.File, Message: s.sayMsg(o.msg())})
		}
	}
	return out
}

// ungoverned lists processes that no RACI activity covers.
func (s *Site) ungoverned() []Blocker {
	var out []Blocker
	for _, p := range s.Content.Pages {
		if p.Kind == content.KindProcess && !p.List && len(p.RACI) == 0 {
			out = append(out, Blocker{Page: p, File: p.File, Message: s.label("readiness.noraci")})
		}
	}
	return out
}

// documentGaps checks that the handover document (the home page) gives
// context and points to the decisions, the risks and the contact points.
func (s *Site) documentGaps() []Blocker {
	home := s.Content.PageByID("_index")
	if home == nil || len(strings.TrimSpace(string(home.Body))) == 0 {
		return []Blocker{{File: "content/_index.md", Message: s.label("readiness.nodocument")}}
	}
	linked := map[content.Kind]bool{}
	people := false
	body := s.Body(home)
	if body == nil {
		body = &built.Body{}
	}
	for _, l := range body.Links {
		if l.Target.Page != nil {
			linked[l.Target.Page.Kind] = true
		}
		if strings.HasPrefix(l.Target.Out, "people/") {
			people = true
		}
	}
	for _, h := range body.Headings {
		if t := strings.ToLower(h.Text); strings.Contains(t, "contact") {
			people = true
		}
	}
	var out []Blocker
	for _, k := range []content.Kind{content.KindDecision, content.KindRisk} {
		if !linked[k] && !linksSection(body, k) {
			out = append(out, Blocker{Page: home, File: home.File, Message: s.label("readiness.doc." + string(k))})
		}
	}
	if !people {
		out = append(out, Blocker{Page: home, File: home.File, Message: s.label("readiness.doc.contact")})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Message < out[j].Message })
	return out
}

// linksSection reports whether a body links to the list page of kind's folder.
func linksSection(body *built.Body, k content.Kind) bool {
	for _, l := range body.Links {
		if t := l.Target; t.Page == nil && strings.HasPrefix(t.Out, k.Spec().Folder+"/") {
			return true
		}
		if t := l.Target; t.Page != nil && t.Page.List && t.Page.Kind == k {
			return true
		}
	}
	return false
}
