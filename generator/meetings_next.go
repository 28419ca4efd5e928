package generator

import (
	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

// nextMeetings is how many next dates a meeting page shows.
const nextMeetings = 3

// MeetingNext returns the next dates of meeting p, or nil when it has
// none to show (no frequency or start, or values the meeting rule
// reports).
func (v *view) MeetingNext(p *content.Page) *vw.MeetingNext {
	return v.meetingNext(p, nextMeetings)
}

func (v *view) meetingNext(p *content.Page, n int) *vw.MeetingNext {
	if p == nil || p.Kind != content.KindMeeting || p.List || p.Meta.Starts.IsZero() {
		return nil
	}
	mt, ok := v.b.meeting(p)
	if !ok {
		return nil
	}
	return vw.NextMeeting(p, mt, v.b.now.Time, n, v.dates())
}

// Meetings returns the next date of every meeting of the site, for the
// home page.
func (v *view) Meetings() []*vw.MeetingNext {
	var out []*vw.MeetingNext
	for _, p := range v.b.site.Pages {
		if m := v.meetingNext(p, 1); m != nil {
			out = append(out, m)
		}
	}
	return out
}
