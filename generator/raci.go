package generator

import (
	"strings"

	"github.com/handover-dev/handover/content"
)

// raciPeople returns every person or role named in rows, in order of first appearance.
func raciPeople(rows []content.RACIRow) []content.Ref {
	seen := map[string]bool{}
	var out []content.Ref
	for _, row := range rows {
		for _, refs := range [][]content.Ref{row.R, row.A, row.C, row.I} {
			for _, r := range refs {
				if !seen[r.ID] {
					seen[r.ID] = true
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// raciLetters returns the letters id holds in row, such as "R, A".
func raciLetters(row content.RACIRow, id string) string {
	var out []string
	for _, l := range []struct {
		letter string
		refs   []content.Ref
	}{{"R", row.R}, {"A", row.A}, {"C", row.C}, {"I", row.I}} {
		for _, r := range l.refs {
			if r.ID == id {
				out = append(out, l.letter)
				break
			}
		}
	}
	return strings.Join(out, ", ")
}

func sortSections(ss []*section, order map[content.Kind]int) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && less(ss[j], ss[j-1], order); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

func less(a, b *section, order map[content.Kind]int) bool {
	if order[a.Kind] != order[b.Kind] {
		return order[a.Kind] < order[b.Kind]
	}
	return a.Dir < b.Dir
}
