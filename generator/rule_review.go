package generator

import "github.com/handover-dev/handover/content"

// Reviews: processes and instructions carry a review date and interval,
// and are reviewed in time.

var _ = register(&rule{
	id: "review-missing", level: content.Warning, item: "readiness.current", reads: readsFront,
	summary: "A process or instruction with no review date or interval.",
	page: func(b *builder, p *content.Page, add addFunc) {
		if m := &p.Meta; p.Kind.Reviewed() && (m.Reviewed.IsZero() || m.ReviewEvery.IsZero()) {
			add("review-missing", p.Pos("title"), "%s %q has no review date and interval (reviewed, review_every)", p.Kind, p.Title)
		}
	},
})

var _ = register(&rule{
	id: "review-overdue", level: content.Warning, item: "readiness.current", reads: readsFront | readsToday,
	summary: "A page whose next review (reviewed + review_every) lies before today.",
	page: func(b *builder, p *content.Page, add addFunc) {
		m := &p.Meta
		if next, ok := m.NextReview(); ok && next.Before(b.now.Time) {
			add("review-overdue", p.Pos("reviewed"), "review overdue since %s (reviewed %s, every %s)", next, m.Reviewed, m.ReviewEvery)
		}
	},
})
