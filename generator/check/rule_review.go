package check

import "github.com/handover-dev/handover/content"

// Reviews: processes and instructions carry a review date and interval,
// and are reviewed in time.

var _ = register(&Rule{
	ID: "review-missing", Level: content.Warning, Item: "readiness.current", Reads: ReadsFront,
	Summary: "A process or instruction with no review date or interval.",
	Page: func(s *Site, p *content.Page, add Add) {
		if m := &p.Meta; p.Kind.Reviewed() && (m.Reviewed.IsZero() || m.ReviewEvery.IsZero()) {
			add("review-missing", p.Pos("title"), "%s %q has no review date and interval (reviewed, review_every)", p.Kind, p.Title)
		}
	},
})

var _ = register(&Rule{
	ID: "review-overdue", Level: content.Warning, Item: "readiness.current", Reads: ReadsFront | ReadsToday,
	Summary: "A page whose next review (reviewed + review_every) lies before today.",
	Page: func(s *Site, p *content.Page, add Add) {
		m := &p.Meta
		if next, ok := m.NextReview(); ok && next.Before(s.Today.Time) {
			add("review-overdue", p.Pos("reviewed"), "review overdue since %s (reviewed %s, every %s)", next, m.Reviewed, m.ReviewEvery)
		}
	},
})
