package check

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

var _ = register(&Rule{
	ID: "capacity", Level: content.Warning, Reads: ReadsSite,
	Summary: "A person whose handover tasks (their own and their roles') take more hours a week than capacity.hours_per_week (8).",
	Site: func(s *Site, add Add) {
		limit := s.Capacity()
		for _, p := range s.Content.People.Persons {
			if gone(p, s.Today) {
				continue
			}
			if _, total := PersonTasks(p); total > limit {
				add("capacity", p.Pos, "%s has %s hours a week of handover tasks, more than the %s hours a week the site allows (capacity.hours_per_week)",
					p.Name, hours(total), hours(limit))
			}
		}
	},
})

// Capacity returns the hours a week of handover tasks one person may have.
func (s *Site) Capacity() float64 {
	if h := s.Content.Config.Capacity.HoursPerWeek; h > 0 {
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

// PersonTasks returns a person's tasks, their own first, and the hours
// they add up to.
func PersonTasks(p *content.Person) ([]TaskRow, float64) {
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
