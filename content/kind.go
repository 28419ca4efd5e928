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

// Kinds lists every kind in the order the site presents them.
var Kinds = []Kind{KindProcess, KindInstruction, KindGovernance, KindDecision, KindRisk, KindKPI, KindTraining, KindMeeting, KindPage}

// folderKinds maps a top-level content folder to the kind of its pages.
var folderKinds = map[string]Kind{
	"processes": KindProcess, "process": KindProcess,
	"instructions": KindInstruction, "instruction": KindInstruction,
	"decisions": KindDecision, "decision": KindDecision,
	"governance": KindGovernance,
	"risks":      KindRisk, "risk": KindRisk,
	"kpis": KindKPI, "kpi": KindKPI,
	"trainings": KindTraining, "training": KindTraining,
	"meetings": KindMeeting, "meeting": KindMeeting,
}

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

// Statuses lists the allowed values of `status` per kind; kinds without an
// entry accept any status.
var Statuses = map[Kind][]string{
	KindProcess:     {"draft", "approved", "retired"},
	KindInstruction: {"draft", "approved", "retired"},
	KindDecision:    {"proposed", "accepted", "rejected", "superseded"},
	KindRisk:        {"open", "mitigated", "accepted", "closed"},
}

// Owned reports whether pages of kind k must have an owner.
func (k Kind) Owned() bool {
	return k == KindProcess || k == KindInstruction || k == KindKPI || k == KindRisk
}

// Reviewed reports whether pages of kind k must carry a review date and interval.
func (k Kind) Reviewed() bool {
	return k == KindProcess || k == KindInstruction
}
