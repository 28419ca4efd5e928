package generator

import (
	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// A recurring meeting with an agenda keeps the handover alive.
var _ = register(&rule{
	id: "rhythm-missing", level: content.Warning, item: "readiness.rhythm", reads: readsSite,
	summary: "No recurring meeting with an agenda.",
	site: func(b *builder, add addFunc) {
		for _, p := range b.site.Pages {
			if !p.List && keepsRhythm(p) {
				return
			}
		}
		if len(b.site.Pages) > 0 {
			add("rhythm-missing", content.Pos{File: path0(b.site.ContentDir, "meetings")}, "no recurring meeting with an agenda keeps the handover alive: add a meeting with frequency and agenda")
		}
	},
})

// keepsRhythm reports whether p is a recurring meeting with an agenda.
func keepsRhythm(p *content.Page) bool {
	return p.Kind == content.KindMeeting && calendar.ValidFrequency(p.Meta.Frequency) && len(p.Meta.Agenda) > 0
}
