package view

import (
	"path"
	"strings"

	"github.com/handover-dev/handover/content"
)

// decisionDigits is how many digits a decision number is shown with, as
// adr-tools and MADR number their records: "0003".
const decisionDigits = 4

// DecisionNumber returns the number of a decision record as readers cite
// it ("besluit 0003"): the number front matter key, else the number its
// file name starts with (0003-geen-ai.md, as adr-tools, MADR and the
// importer name records), padded to four digits; "" for a page that has
// none or is no decision.
func DecisionNumber(p *content.Page) string {
	if p == nil || p.Kind != content.KindDecision || p.List {
		return ""
	}
	n := p.Meta.Number
	if n == "" {
		name := path.Base(p.File)
		i := 0
		for i < len(name) && name[i] >= '0' && name[i] <= '9' {
			i++
		}
		if i == 0 || i > 9 || i < len(name) && name[i] != '-' && name[i] != '_' && name[i] != '.' && name[i] != ' ' {
			return ""
		}
		n = name[:i]
	}
	return padNumber(n)
}

// padNumber keeps the digits of a number as written ("ADR-7" → "0007",
// "12" → "0012", "00031" → "00031"); text without digits stays as written.
func padNumber(n string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, n)
	if digits == "" {
		return n
	}
	if len(digits) < decisionDigits {
		digits = strings.Repeat("0", decisionDigits-len(digits)) + digits
	}
	return digits
}
