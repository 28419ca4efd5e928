package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity is how much a Diagnostic matters.
type Severity int

// The severities, from least to most serious. Off means the rule is disabled.
const (
	Off Severity = iota
	Warning
	Error
)

// String returns the word used in diagnostics and configuration.
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// Pos is a place in a source file. Line and Col are 1-based; a zero Line
// means the whole file, a zero Col the whole line.
type Pos struct {
	File string // slash path relative to the site root
	Line int
	Col  int
}

// String formats p as path:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Note points at a related place, such as where something was first defined.
type Note struct {
	Pos     Pos
	Message string
}

// Diagnostic is one finding about the content, with the rule that found it.
type Diagnostic struct {
	Severity Severity
	Pos      Pos
	Rule     string
	Message  string
	Notes    []Note
	// Format and Args are Message before it was formatted, when a rule
	// gave them: the site says the finding in its own language
	// (generator/check/say.go), the command line in English.
	Format string
	Args   []any
}

// String formats d as "path:line:col: level: message (rule)".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s (%s)", d.Pos, d.Severity, d.Message, d.Rule)
}

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// Sort orders the list by file, line, column, rule and message.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many diagnostics have severity s.
func (ds Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool { return ds.Count(Error) > 0 }
