package generator

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// The next meeting (issue 17): a meeting page and the home page show the
// next dates of each meeting, not its rule. The build writes the dates as
// of its day and the recurrence as data; readtime.js writes the dates as
// of the reader's today, in the site's language and time zone.

// nextMeetings is how many next dates a meeting page shows.
const nextMeetings = 3

// MeetingNext is what a page shows of a meeting's next dates.
type MeetingNext struct {
	Page *content.Page
	Data string   // the recurrence as JSON for readtime.js
	Next []string // the next dates as of the build day, written out
}

// meetingPattern is the JSON readtime.js expands (see calendar.Pattern).
type meetingPattern struct {
	First    string `json:"first"`
	Once     bool   `json:"once,omitempty"`
	Monthly  bool   `json:"monthly,omitempty"`
	Interval int    `json:"interval"`
	ByDay    bool   `json:"byday,omitempty"`
	Weekday  int    `json:"weekday"`
	MonthDay int    `json:"monthday"`
	Start    string `json:"start"`
	Minutes  int    `json:"minutes"`
}

// MeetingNext returns the next dates of meeting p, or nil when it has
// none to show (no frequency or start, or values the meeting rule
// reports).
func (v *view) MeetingNext(p *content.Page) *MeetingNext {
	return v.meetingNext(p, nextMeetings)
}

func (v *view) meetingNext(p *content.Page, n int) *MeetingNext {
	if p == nil || p.Kind != content.KindMeeting || p.List || p.Meta.Starts.IsZero() {
		return nil
	}
	mt, ok := v.b.meeting(p)
	if !ok {
		return nil
	}
	pat, err := calendar.Recurrence(mt.Frequency, mt.Weekday, mt.Start)
	if err != nil {
		return nil
	}
	length := mt.Duration
	data, _ := json.Marshal(meetingPattern{First: pat.First.Format(time.DateOnly), Once: pat.Once, Monthly: pat.Monthly, Interval: pat.Interval,
		ByDay: pat.ByDay, Weekday: int(pat.Weekday), MonthDay: pat.MonthDay, Start: pat.First.Format("15:04"), Minutes: int(length / time.Minute)})
	out := &MeetingNext{Page: p, Data: string(data)}
	// As of the build day: meetings of that day count from its start.
	for _, t := range pat.Next(v.b.now.Time, length, n) {
		out.Next = append(out.Next, v.meetingWhen(t, length))
	}
	return out
}

// meetingWhen writes a meeting's date and time: "donderdag 3 december
// 2026, 14:00–15:00".
func (v *view) meetingWhen(t time.Time, length time.Duration) string {
	end := t.Add(length)
	return fmt.Sprintf("%s, %s–%s", v.DateLong(content.Day(t)), t.Format("15:04"), end.Format("15:04"))
}

// Meetings returns the next date of every meeting of the site, for the
// home page.
func (v *view) Meetings() []*MeetingNext {
	var out []*MeetingNext
	for _, p := range v.b.site.Pages {
		if m := v.meetingNext(p, 1); m != nil {
			out = append(out, m)
		}
	}
	return out
}
