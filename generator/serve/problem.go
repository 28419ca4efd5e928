package serve

import (
	"fmt"
	"strings"
)

// Problem is one build diagnostic shown in the error overlay.
type Problem struct {
	// File is the path relative to the site root.
	File string
	// Line and Col are 1-based; 0 when unknown.
	Line int
	Col  int
	// Level is "error" or "warning".
	Level string
	// Rule is the check's rule id, such as "broken-link".
	Rule string
	// Message says what is wrong.
	Message string
	// Source is the offending source line, without its line break.
	Source string
}

// String formats p as the one-line diagnostic of the command line,
// "path:line:col: level: message (rule)", leaving out what is unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Level != "" {
		b.WriteString(p.Level + ": ")
	}
	b.WriteString(p.Message)
	if p.Rule != "" {
		b.WriteString(" (" + p.Rule + ")")
	}
	return b.String()
}

// caret returns the line under p.Source that points at p.Col: the source's
// tabs are kept so the caret lines up, every other character becomes a
// space. It is empty when the column is unknown or past the line.
func (p Problem) caret() string {
	if p.Col <= 0 || p.Source == "" {
		return ""
	}
	var b strings.Builder
	i := 0
	for _, r := range p.Source {
		if i == p.Col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	if i < p.Col-1 {
		return ""
	}
	return b.String() + "^"
}
