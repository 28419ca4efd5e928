package check

import (
	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// A recurring meeting with an agenda keeps the handover alive.
var _ = register(&Rule{
	ID: "rhythm-missing", Level: content.Warning, Item: "readiness.rhythm", Reads: ReadsSite,
	Summary: "No recurring meeting with an agenda.",
	Site: func(s *Site, add Add) {
		for _, p := range s.Content.Pages {
			if !p.List && KeepsRhythm(p) {
				return
			}
		}
		if len(s.Content.Pages) > 0 {
			add("rhythm-missing", content.Pos{File: path0(s.Content.ContentDir, "meetings")}, "no recurring meeting with an agenda keeps the handover alive: add a meeting with frequency and agenda")
		}
	},
})

// KeepsRhythm reports whether p is a recurring meeting with an agenda.
func KeepsRhythm(p *content.Page) bool {
	return p.Kind == content.KindMeeting && calendar.ValidFrequency(p.Meta.Frequency) && len(p.Meta.Agenda) > 0
}
