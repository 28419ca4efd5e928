package generator

import "github.com/handover-dev/handover/content"

// Every training is completed.
var _ = register(&rule{
	id: "training-incomplete", level: content.Warning, item: "readiness.trainings", reads: readsFront,
	summary: "A training that is not completed.",
	page: func(b *builder, p *content.Page, add addFunc) {
		if m := &p.Meta; p.Kind == content.KindTraining && (m.Completed == nil || !*m.Completed) {
			add("training-incomplete", p.Pos("completed"), "training %q is not completed", p.Title)
		}
	},
})
