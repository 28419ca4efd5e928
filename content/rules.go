package content

import "sort"

// Rule is one rule of the diagnostics: its id, its default level (which
// handover.yaml's checks may change) and, in one line, what it finds (the
// description in SARIF reports and the docs).
type Rule struct {
	ID      string
	Level   Severity
	Summary string
}

// inputRules are the rules that guard the input itself, reported while
// loading and rendering. The readiness rules are values of the generator,
// each with its check (generator/rule_*.go), and define themselves with
// DefineRule.
var inputRules = []Rule{
	{ID: "front-matter", Level: Error, Summary: "Front matter that does not parse, a key of the wrong type, or a page without a title."},
	{ID: "broken-link", Level: Error, Summary: "A link to a page or file that does not exist, or that leaves the site."},
	{ID: "missing-anchor", Level: Error, Summary: "A link to a #heading that the target page does not have."},
	{ID: "unknown-reference", Level: Error, Summary: "A person, role or page id in front matter that does not exist."},
	{ID: "duplicate-id", Level: Error, Summary: "Two pages with one id, or two files that map to one URL."},
	{ID: "config", Level: Error, Summary: "handover.yaml that does not parse, or a value of the wrong type."},
	{ID: "people", Level: Error, Summary: "people.yaml that does not parse, duplicate ids, or unknown role members."},
	{ID: "encoding", Level: Warning, Summary: "Invalid UTF-8 or NUL bytes in a file."},
	{ID: "file", Level: Error, Summary: "An unreadable file, a symbolic link, a special file, or a page over 32 MB."},
	{ID: "foreign-syntax", Level: Warning, Summary: "Syntax of another generator (Liquid tags, shortcodes, admonitions) that shows as text."},
	{ID: "raw-html", Level: Warning, Summary: "Raw HTML left out because markdown.unsafe is off."},
	{ID: "git", Level: Warning, Summary: "Page history unavailable (a shallow clone), or an older version with errors."},
}

// Rules holds every rule id with its default severity, and RuleSummaries
// what each finds. Both are filled by DefineRule, from the rule values.
var (
	Rules         = map[string]Severity{}
	RuleSummaries = map[string]string{}
)

func init() {
	for _, r := range inputRules {
		DefineRule(r)
	}
}

// DefineRule adds a rule. A rule is defined once; a second definition of
// an id is a programming error.
func DefineRule(r Rule) {
	if _, dup := Rules[r.ID]; dup || r.ID == "" {
		panic("content: rule " + r.ID + " defined twice")
	}
	Rules[r.ID] = r.Level
	RuleSummaries[r.ID] = r.Summary
}

// RuleIDs returns the rule ids in sorted order.
func RuleIDs() []string {
	ids := make([]string, 0, len(Rules))
	for id := range Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Levels applies the configured level of each rule to ds: rules set to off
// are dropped, others take their configured level, and with strict every
// warning becomes an error.
func (c *Config) Levels(ds Diagnostics, strict bool) Diagnostics {
	out := ds[:0:0]
	for _, d := range ds {
		if lvl, ok := c.Checks[d.Rule]; ok {
			d.Severity = lvl
		}
		if d.Severity == Off {
			continue
		}
		if strict && d.Severity == Warning {
			d.Severity = Error
		}
		out = append(out, d)
	}
	return out
}

// Diag returns a diagnostic of rule at its default severity.
func Diag(rule string, pos Pos, msg string) Diagnostic {
	sev, ok := Rules[rule]
	if !ok {
		sev = Error
	}
	return Diagnostic{Severity: sev, Pos: pos, Rule: rule, Message: msg}
}
