package view

import (
	"fmt"
	"strings"

	"github.com/handover-dev/handover/content"
)

// RACIPeople returns every person or role named in rows, in order of first appearance.
func RACIPeople(rows []content.RACIRow) []content.Ref {
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

// RACILetters returns the letters id holds in row, such as "R, A".
func RACILetters(row content.RACIRow, id string) string {
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

// RACIGroup is a run of columns of a RACI matrix under one heading: the
// roles named in it, the members of one role of people.yaml, or the
// other people.
type RACIGroup struct {
	Name   string
	People []content.Ref
}

// RACITable is one table of a RACI matrix: its activities and its people
// grouped by role, Columns in the order the groups show them.
type RACITable struct {
	Rows    []content.RACIRow
	Groups  []RACIGroup
	Columns []content.Ref
	Part    string // "1/2" when the matrix is split over tables (print), else ""
}

// Grouped reports whether the table shows a row of group headings: when
// its people fall into more than one group, or into one named group.
func (t *RACITable) Grouped() bool {
	return len(t.Groups) > 1 || len(t.Groups) == 1 && t.Groups[0].Name != ""
}

// NewRACITable groups people, the columns of table part (0-based) of parts,
// by role: first the roles named as such (under the heading asRolesName),
// then the members of each of roles (people.yaml) in its order (a person
// in several roles under the first), then everybody else (under
// othersName). Within a group the columns keep their order.
func NewRACITable(rows []content.RACIRow, people []content.Ref, part, parts int, roles []*content.Role, asRolesName, othersName string) *RACITable {
	t := &RACITable{Rows: rows}
	if parts > 1 {
		t.Part = fmt.Sprintf("%d/%d", part+1, parts)
	}
	first := map[string]int{} // person id → index of the first role with them as member
	for i := len(roles) - 1; i >= 0; i-- {
		for _, m := range roles[i].Members {
			first[m.ID] = i
		}
	}
	var asRoles, others []content.Ref
	byRole := make([][]content.Ref, len(roles))
	for _, r := range people {
		i, member := first[r.ID]
		switch {
		case r.Role != nil:
			asRoles = append(asRoles, r)
		case member && r.Person != nil:
			byRole[i] = append(byRole[i], r)
		default:
			others = append(others, r)
		}
	}
	add := func(name string, refs []content.Ref) {
		if len(refs) > 0 {
			t.Groups = append(t.Groups, RACIGroup{Name: name, People: refs})
			t.Columns = append(t.Columns, refs...)
		}
	}
	add(asRolesName, asRoles)
	for i, refs := range byRole {
		add(roles[i].Name, refs)
	}
	if len(t.Groups) == 0 {
		add("", others)
	} else {
		add(othersName, others)
	}
	return t
}

// GroupStart reports whether column i (of Columns) is the first of its
// group, where the matrix draws a line between groups.
func (t *RACITable) GroupStart(i int) bool {
	n := 0
	for _, g := range t.Groups {
		if i == n {
			return len(t.Groups) > 1
		}
		n += len(g.People)
	}
	return false
}
