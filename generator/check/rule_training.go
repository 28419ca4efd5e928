package check

import "github.com/handover-dev/handover/content"

// Every training is completed.
var _ = register(&Rule{
	ID: "training-incomplete", Level: content.Warning, Item: "readiness.trainings", Reads: ReadsFront,
	Summary: "A training that is not completed.",
	Page: func(s *Site, p *content.Page, add Add) {
		if m := &p.Meta; p.Kind == content.KindTraining && (m.Completed == nil || !*m.Completed) {
			add("training-incomplete", p.Pos("completed"), "training %q is not completed", p.Title)
		}
	},
})
