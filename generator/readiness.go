package generator

import (
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
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
}

// Blocker is a place that keeps an item from done.
type Blocker struct {
	Page    *content.Page // nil when the place is not a page
	File    string
	Message string
}

// readinessRules maps each checklist item to the rules that block it.
var readinessRules = []struct {
	key   string
	rules []string
}{
	{"readiness.owners", []string{"missing-owner", "missing-sponsor", "orphan"}},
	{"readiness.current", []string{"review-overdue", "review-missing"}},
	{"readiness.governance", []string{"raci-accountable"}},
	{"readiness.decisions", []string{"supersede-cycle"}},
	{"readiness.risks", []string{"risk-mitigation"}},
	{"readiness.kpis", []string{"kpi-measurable"}},
	{"readiness.trainings", []string{"training-incomplete"}},
	{"readiness.commitment", []string{"commitment-missing"}},
	{"readiness.rhythm", []string{"rhythm-missing"}},
	{"readiness.document", nil},
}

// readiness evaluates the checklist from the diagnostics of the build.
func (b *builder) readiness(diags content.Diagnostics) *Readiness {
	byFile := map[string]*content.Page{}
	for _, p := range b.site.Pages {
		byFile[p.File] = p
	}
	r := &Readiness{Orphans: b.orphans()}
	has := map[content.Kind]int{} // pages per kind, for items that need at least one
	for _, p := range b.site.Pages {
		if !p.List {
			has[p.Kind]++
		}
	}
	done := 0
	for _, item := range readinessRules {
		it := ReadinessItem{Key: item.key}
		for _, d := range diags {
			if contains(item.rules, d.Rule) {
				it.Blockers = append(it.Blockers, Blocker{Page: byFile[d.Pos.File], File: d.Pos.File, Message: d.Message})
			}
		}
		it.Blockers = append(it.Blockers, b.missing(item.key, has)...)
		if item.key == "readiness.owners" {
			it.Blockers = append(it.Blockers, b.unknownOwners(r.Orphans)...)
		}
		it.Done = len(it.Blockers) == 0
		if it.Done {
			done++
		}
		r.Items = append(r.Items, it)
	}
	r.Score = done * 100 / len(r.Items)
	if until := b.site.Config.Interim.Until; !until.IsZero() {
		r.HasUntil = true
		r.DaysLeft = int(until.Sub(b.now.Time).Hours() / 24)
	}
	return r
}

// unknownOwners lists the owners that are not in people.yaml: the
// unknown-reference rule reports them, and they keep the owners item from done.
func (b *builder) unknownOwners(orphans []Orphan) []Blocker {
	var out []Blocker
	for _, o := range orphans {
		if o.Reason == OrphanUnknown {
			out = append(out, Blocker{Page: o.Page, File: o.Page.File, Message: o.message()})
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// missing reports what an item lacks beyond the rules: pages of a kind that
// do not exist at all, or a handover document without its parts.
func (b *builder) missing(key string, has map[content.Kind]int) []Blocker {
	need := map[string]content.Kind{"readiness.governance": content.KindGovernance, "readiness.decisions": content.KindDecision,
		"readiness.risks": content.KindRisk, "readiness.kpis": content.KindKPI, "readiness.trainings": content.KindTraining}
	if k, ok := need[key]; ok && has[k] == 0 {
		return []Blocker{{Message: b.theme.label("readiness.none") + " " + b.theme.label("kind."+string(k))}}
	}
	if key == "readiness.governance" {
		return b.ungoverned()
	}
	if key == "readiness.document" {
		return b.documentGaps()
	}
	return nil
}

// ungoverned lists processes that no RACI activity covers.
func (b *builder) ungoverned() []Blocker {
	var out []Blocker
	for _, p := range b.site.Pages {
		if p.Kind == content.KindProcess && !p.List && len(p.RACI) == 0 {
			out = append(out, Blocker{Page: p, File: p.File, Message: b.theme.label("readiness.noraci")})
		}
	}
	return out
}

// documentGaps checks that the handover document (the home page) gives
// context and points to the decisions, the risks and the contact points.
func (b *builder) documentGaps() []Blocker {
	home := b.site.PageByID("_index")
	if home == nil || len(strings.TrimSpace(string(home.Body))) == 0 {
		return []Blocker{{File: "content/_index.md", Message: b.theme.label("readiness.nodocument")}}
	}
	linked := map[content.Kind]bool{}
	people := false
	for _, l := range b.bodies[home].Links {
		if l.target.Page != nil {
			linked[l.target.Page.Kind] = true
		}
		if strings.HasPrefix(l.target.Out, "people/") {
			people = true
		}
	}
	for _, h := range b.bodies[home].Headings {
		if t := strings.ToLower(h.Text); strings.Contains(t, "contact") {
			people = true
		}
	}
	var out []Blocker
	for _, k := range []content.Kind{content.KindDecision, content.KindRisk} {
		if !linked[k] && !b.linksSection(home, k) {
			out = append(out, Blocker{Page: home, File: home.File, Message: b.theme.label("readiness.doc." + string(k))})
		}
	}
	if !people {
		out = append(out, Blocker{Page: home, File: home.File, Message: b.theme.label("readiness.doc.contact")})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Message < out[j].Message })
	return out
}

// linksSection reports whether p links to the list page of kind's folder.
func (b *builder) linksSection(p *content.Page, k content.Kind) bool {
	for _, l := range b.bodies[p].Links {
		if l.target.Page == nil && strings.HasPrefix(l.target.Out, k.Spec().Folder+"/") {
			return true
		}
		if l.target.Page != nil && l.target.Page.List && l.target.Page.Kind == k {
			return true
		}
	}
	return false
}
