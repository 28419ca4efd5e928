package content

import "strings"

// Kind is the type of a page: what it describes and which front matter keys
// and checks apply to it.
type Kind string

// The page kinds of SPEC.md.
const (
	KindPage        Kind = "page"
	KindProcess     Kind = "process"
	KindInstruction Kind = "instruction"
	KindDecision    Kind = "decision"
	KindGovernance  Kind = "governance"
	KindRisk        Kind = "risk"
	KindKPI         Kind = "kpi"
	KindTraining    Kind = "training"
	KindMeeting     Kind = "meeting"
)

// KindSpec describes one page type. KindSpecs is the one place a kind is
// listed: loading (the folder and the statuses), the checks (owned,
// reviewed), scaffolding (handover new) and the labels (kind.NAME in the
// theme's i18n files) all read it. A new page type is one entry here
// (docs/architecture.md, "Add a page type").
type KindSpec struct {
	Kind     Kind
	Folder   string   // the top-level content folder of its pages
	Aliases  []string // other folder names taken for it
	Statuses []string // the values `status` may take; nil means any
	Owned    bool     // its pages must name an owner
	Reviewed bool     // its pages must carry reviewed and review_every
	Scaffold string   // the front matter `handover new KIND` starts with; {{today}} is today
}

// KindSpecs are the page types in the order the site presents them.
var KindSpecs = []KindSpec{
	{Kind: KindProcess, Folder: "processes", Aliases: []string{"process"}, Statuses: []string{"draft", "approved", "retired"}, Owned: true, Reviewed: true,
		Scaffold: "owner: \nsponsor: \nstatus: draft\nreviewed: {{today}}\nreview_every: 6m\nkpis: []\ninstructions: []\nrisks: []\n"},
	{Kind: KindInstruction, Folder: "instructions", Aliases: []string{"instruction"}, Statuses: []string{"draft", "approved", "retired"}, Owned: true, Reviewed: true,
		Scaffold: "owner: \nprocess: \nstatus: draft\nreviewed: {{today}}\nreview_every: 6m\ntools: []\n"},
	{Kind: KindGovernance, Folder: "governance",
		Scaffold: "owner: \nraci:\n  - activity: \n    R: []\n    A: \n    C: []\n    I: []\n"},
	{Kind: KindDecision, Folder: "decisions", Aliases: []string{"decision"}, Statuses: []string{"proposed", "accepted", "rejected", "superseded"},
		Scaffold: "date: {{today}}\nstatus: proposed\ndecided_by: \nsupersedes: []\n"},
	{Kind: KindRisk, Folder: "risks", Aliases: []string{"risk"}, Statuses: []string{"open", "mitigated", "accepted", "closed"}, Owned: true,
		Scaffold: "owner: \nstatus: open\nlikelihood: 3\nimpact: 3\nmitigation: \nmitigation_owner: \n"},
	{Kind: KindKPI, Folder: "kpis", Aliases: []string{"kpi"}, Owned: true,
		Scaffold: "owner: \nunit: \nbaseline: \ntarget: \nfrequency: monthly\nsource: \n"},
	{Kind: KindTraining, Folder: "trainings", Aliases: []string{"training"},
		Scaffold: "audience: []\ndate: {{today}}\ncompleted: false\nmaterials: []\n"},
	{Kind: KindMeeting, Folder: "meetings", Aliases: []string{"meeting"},
		Scaffold: "frequency: weekly\nweekday: monday\ntime: \"09:30\"\nduration: 45m\nstarts: {{today}}\nchair: \nparticipants: []\nagenda:\n  - \n"},
	{Kind: KindPage, Folder: "pages"}, // any other folder holds plain pages too
}

// Spec returns the description of kind k; an unknown kind is a plain page.
func (k Kind) Spec() *KindSpec {
	for i := range KindSpecs {
		if KindSpecs[i].Kind == k {
			return &KindSpecs[i]
		}
	}
	return &KindSpecs[len(KindSpecs)-1]
}

// Kinds lists every kind in the order the site presents them.
var Kinds = func() []Kind {
	out := make([]Kind, len(KindSpecs))
	for i, s := range KindSpecs {
		out[i] = s.Kind
	}
	return out
}()

// folderKinds maps a top-level content folder to the kind of its pages.
var folderKinds = func() map[string]Kind {
	out := map[string]Kind{}
	for _, s := range KindSpecs {
		if s.Kind == KindPage {
			continue
		}
		out[s.Folder] = s.Kind
		for _, a := range s.Aliases {
			out[a] = s.Kind
		}
	}
	return out
}()

// KindOfFolder returns the kind of pages in the top-level folder dir.
func KindOfFolder(dir string) Kind {
	if k, ok := folderKinds[strings.ToLower(dir)]; ok {
		return k
	}
	return KindPage
}

// ParseKind returns the kind named s, as written in a `type:` key.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	if k, ok := folderKinds[s]; ok {
		return k, true
	}
	return "", false
}

// Owned reports whether pages of kind k must have an owner.
func (k Kind) Owned() bool { return k.Spec().Owned }

// Reviewed reports whether pages of kind k must carry a review date and interval.
func (k Kind) Reviewed() bool { return k.Spec().Reviewed }
