package content

import "sort"

// Rules holds every rule id with its default severity. The readiness rules
// are those of SPEC.md; the others guard the input itself.
var Rules = map[string]Severity{
	"front-matter":        Error,
	"broken-link":         Error,
	"missing-anchor":      Error,
	"unknown-reference":   Error,
	"duplicate-id":        Error,
	"missing-owner":       Error,
	"missing-sponsor":     Warning,
	"review-overdue":      Warning,
	"review-missing":      Warning,
	"raci-accountable":    Error,
	"risk-mitigation":     Error,
	"kpi-measurable":      Error,
	"training-incomplete": Warning,
	"commitment-missing":  Warning,
	"rhythm-missing":      Warning,
	"supersede-cycle":     Error,
	"orphan":              Warning, // owned by someone who left, or by a role whose members all left
	"config":              Error,   // handover.yaml
	"people":              Error,   // people.yaml
	"encoding":            Warning, // invalid UTF-8 or NUL bytes
	"file":                Error,   // unreadable files, symlinks, special files
	"foreign-syntax":      Warning, // Liquid tags, shortcodes and the like from other generators
	"raw-html":            Warning, // raw HTML omitted because markdown.unsafe is off
	"meeting":             Error,   // a meeting with a bad frequency, weekday, time or duration
	"git":                 Warning, // history unavailable (shallow clone) or older versions with errors
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
