package generator

import (
	"strconv"

	"github.com/handover-dev/handover/content"
)

// Roles that keep it alive (issue 17): people.yaml says what a person or
// role is for in the handover (purpose) and which tasks they carry with
// the hours a week each takes. A person's handover tasks are their own and
// those of their roles; over the limit (capacity.hours_per_week, 8 by
// default) is a warning, and the dashboard lists the processes whose owner
// has no time for them.

// defaultCapacity is the hours a week of handover tasks one person is
// given when handover.yaml does not say.
const defaultCapacity = 8.0

var _ = register(&rule{
	id: "capacity", level: content.Warning, reads: readsSite,
	summary: "A person whose handover tasks (their own and their roles') take more hours a week than capacity.hours_per_week (8).",
	site: func(b *builder, add addFunc) {
		limit := b.capacity()
		for _, p := range b.site.People.Persons {
			if b.gone(p) {
				continue
			}
			if _, total := personTasks(p); total > limit {
				add("capacity", p.Pos, "%s has %s hours a week of handover tasks, more than the %s hours a week the site allows (capacity.hours_per_week)",
					p.Name, hours(total), hours(limit))
			}
		}
	},
})

func (b *builder) capacity() float64 {
	if h := b.site.Config.Capacity.HoursPerWeek; h > 0 {
		return h
	}
	return defaultCapacity
}

func hours(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// TaskRow is one handover task as a person's or role's page shows it.
type TaskRow struct {
	content.Task
	Role *content.Role // the role the task comes with; nil for the person's own
}

// personTasks returns a person's tasks, their own first, and the hours
// they add up to.
func personTasks(p *content.Person) ([]TaskRow, float64) {
	var out []TaskRow
	var total float64
	for _, t := range p.Tasks {
		out = append(out, TaskRow{Task: t})
		total += t.Hours
	}
	for _, r := range p.Roles {
		for _, t := range r.Tasks {
			out = append(out, TaskRow{Task: t, Role: r})
			total += t.Hours
		}
	}
	return out, total
}

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
		rows, total = personTasks(v.Person)
	case v.Role != nil:
		for _, t := range v.Role.Tasks {
			rows = append(rows, TaskRow{Task: t})
			total += t.Hours
		}
	}
	if len(rows) == 0 {
		return nil
	}
	limit := v.b.capacity()
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
			tasks, _ = personTasks(o.Person)
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
