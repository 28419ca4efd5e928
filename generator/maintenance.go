package generator

import (
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/check"
)

// The maintenance overview (issue 17): every page's next review, overdue
// first, then due within 30 and 90 days, then later, grouped by owner with
// the owner's contact details. Its groups are those of the build day;
// readtime.js regroups the rows by the reader's today.

// maintenanceBuckets are the groups of the overview, in order, with the
// days ahead of today each reaches (-1: before today).
var maintenanceBuckets = []struct {
	key  string
	days int
}{{"overdue", -1}, {"soon", 30}, {"coming", 90}, {"later", 1 << 20}}

// Maintenance is the overview's data.
type Maintenance struct {
	Buckets []MaintenanceBucket
	Total   int
}

// MaintenanceBucket is one group of the overview: overdue, soon, coming, later.
type MaintenanceBucket struct {
	Key    string
	Owners []MaintenanceOwner
}

// Count returns the number of reviews in the bucket.
func (b MaintenanceBucket) Count() int {
	n := 0
	for _, o := range b.Owners {
		n += len(o.Rows)
	}
	return n
}

// MaintenanceOwner is what one owner has to review in a bucket.
type MaintenanceOwner struct {
	Owner content.Ref
	Key   string // the owner's id; "" for pages without owner
	Order int    // the owner's place in the overview: readtime.js keeps it
	Rows  []ReviewRow
}

// ReviewRow is one page with its next review.
type ReviewRow struct {
	Page *content.Page
	Due  content.Date
	Late string // the first day it is overdue (YYYY-MM-DD)
}

// reviewRows returns every page with a next review, soonest first.
func (b *builder) reviewRows() []ReviewRow {
	var out []ReviewRow
	for _, p := range b.site.Pages {
		if p.List {
			continue
		}
		if next, ok := p.Meta.NextReview(); ok {
			out = append(out, ReviewRow{Page: p, Due: next, Late: check.DayAfter(next)})
		}
	}
	sortReviews(out)
	return out
}

// Maintenance returns the overview as of the build day.
func (v *view) Maintenance() *Maintenance {
	b := v.b
	rows := b.reviewRows()
	// Owners in order of name, pages without an owner last.
	names := map[string]string{}
	for _, r := range rows {
		names[r.Page.Meta.Owner.ID] = r.Page.Meta.Owner.Name()
	}
	ids := sortedKeys(names)
	sort.SliceStable(ids, func(i, j int) bool {
		a, c := ids[i], ids[j]
		if (a == "") != (c == "") {
			return c == ""
		}
		return strings.ToLower(names[a]) < strings.ToLower(names[c])
	})
	order := map[string]int{}
	for i, id := range ids {
		order[id] = i
	}
	m := &Maintenance{Total: len(rows)}
	for _, bk := range maintenanceBuckets {
		bucket := MaintenanceBucket{Key: bk.key}
		groups := map[string]*MaintenanceOwner{}
		for _, r := range rows {
			if maintenanceBucket(r.Due, b.now) != bk.key {
				continue
			}
			id := r.Page.Meta.Owner.ID
			g := groups[id]
			if g == nil {
				g = &MaintenanceOwner{Owner: r.Page.Meta.Owner, Key: id, Order: order[id]}
				groups[id] = g
			}
			g.Rows = append(g.Rows, r)
		}
		for _, id := range ids {
			if g := groups[id]; g != nil {
				bucket.Owners = append(bucket.Owners, *g)
			}
		}
		m.Buckets = append(m.Buckets, bucket)
	}
	return m
}

// maintenanceBucket returns the group of a review due on due, seen on today.
func maintenanceBucket(due, today content.Date) string {
	days := int(due.Sub(today.Time).Hours() / 24)
	if due.Before(today.Time) {
		return "overdue"
	}
	for _, bk := range maintenanceBuckets[1:] {
		if days <= bk.days {
			return bk.key
		}
	}
	return "later"
}

// OwnReviews returns the reviews of the pages a person or role owns,
// soonest first: from what they own (content's derive), so that the pages
// of all people together take time linear in the site.
func (v *view) OwnReviews() []ReviewRow {
	if v.Involved == nil {
		return nil
	}
	var out []ReviewRow
	for _, p := range v.Involved.Owns {
		if r := v.ReviewOf(p); r != nil {
			out = append(out, *r)
		}
	}
	sortReviews(out)
	return out
}

func sortReviews(out []ReviewRow) {
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Due.Equal(out[j].Due.Time) {
			return out[i].Due.Before(out[j].Due.Time)
		}
		return out[i].Page.Title < out[j].Page.Title
	})
}

// ReviewOf returns the review of one page, for the badges in lists.
func (v *view) ReviewOf(p *content.Page) *ReviewRow {
	next, ok := p.Meta.NextReview()
	if !ok || p.List {
		return nil
	}
	return &ReviewRow{Page: p, Due: next, Late: check.DayAfter(next)}
}

// OverdueOn reports whether a review is overdue on the build day.
func (v *view) OverdueOn(r ReviewRow) bool { return r.Due.Before(v.b.now.Time) }
