package generator

import (
	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/check"
)

// Tasks is what a person's or role's page shows of their handover tasks.
type Tasks struct {
	Rows  []TaskRow
	Total string // hours a week, written out
	Over  bool   // more than the site allows
	Limit string
}

// Tasks returns the tasks of the person or role of the page, or nil.
func (v *view) Tasks() *Tasks {
	var rows []TaskRow
	var total float64
	switch {
	case v.Person != nil:
		rows, total = check.PersonTasks(v.Person)
	case v.Role != nil:
		for _, t := range v.Role.Tasks {
			rows = append(rows, TaskRow{Task: t})
			total += t.Hours
		}
	}
	if len(rows) == 0 {
		return nil
	}
	limit := v.b.checks.Capacity()
	return &Tasks{Rows: rows, Total: v.Number(total), Over: v.Person != nil && total > limit, Limit: v.Number(limit)}
}

// Hours writes hours a week in the site's language.
func (v *view) Hours(h float64) string { return v.Number(h) }

// Purpose returns the label of a handover purpose.
func (v *view) Purpose(key string) string {
	if key == "" {
		return ""
	}
	return v.T("purpose." + key)
}

// Unallotted returns the processes whose owner has no task naming them:
// nobody has time set aside to keep them alive.
func (v *view) Unallotted() []*content.Page {
	var out []*content.Page
	for _, p := range v.b.site.Pages {
		if p.List || p.Kind != content.KindProcess {
			continue
		}
		o := p.Meta.Owner
		var tasks []TaskRow
		switch {
		case o.Person != nil:
			tasks, _ = check.PersonTasks(o.Person)
		case o.Role != nil:
			for _, t := range o.Role.Tasks {
				tasks = append(tasks, TaskRow{Task: t})
			}
		default:
			continue // nobody or an unknown id: the owner rules report it
		}
		if !names(tasks, p) {
			out = append(out, p)
		}
	}
	return out
}

// names reports whether a task with time names page p.
func names(tasks []TaskRow, p *content.Page) bool {
	for _, t := range tasks {
		for _, r := range t.Pages {
			if r.Page == p && t.Hours > 0 {
				return true
			}
		}
	}
	return false
}
