package generator

import (
	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

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

// RACITable groups people, the columns of table part (0-based) of parts,
// by role (see view.NewRACITable).
func (v *view) RACITable(rows []content.RACIRow, people []content.Ref, part, parts int) *vw.RACITable {
	return vw.NewRACITable(rows, people, part, parts, v.b.site.People.Roles, v.T("raci.roles"), v.T("raci.others"))
}
