package view

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

// NextMeeting returns what page p shows of meeting mt (as its calendar
// has it): its recurrence for readtime.js and its next n dates as of now,
// written with dates; nil when the recurrence cannot be made (values the
// meeting rule reports).
func NextMeeting(p *content.Page, mt calendar.Meeting, now time.Time, n int, dates Dates) *MeetingNext {
	pat, err := calendar.Recurrence(mt.Frequency, mt.Weekday, mt.Start)
	if err != nil {
		return nil
	}
	length := mt.Duration
	data, _ := json.Marshal(meetingPattern{First: pat.First.Format(time.DateOnly), Once: pat.Once, Monthly: pat.Monthly, Interval: pat.Interval,
		ByDay: pat.ByDay, Weekday: int(pat.Weekday), MonthDay: pat.MonthDay, Start: pat.First.Format("15:04"), Minutes: int(length / time.Minute)})
	out := &MeetingNext{Page: p, Data: string(data)}
	// As of the build day: meetings of that day count from its start.
	for _, t := range pat.Next(now, length, n) {
		out.Next = append(out.Next, meetingWhen(t, length, dates))
	}
	return out
}

// meetingWhen writes a meeting's date and time: "donderdag 3 december
// 2026, 14:00–15:00".
func meetingWhen(t time.Time, length time.Duration, dates Dates) string {
	end := t.Add(length)
	return fmt.Sprintf("%s, %s–%s", dates.DateLong(content.Day(t).Time), t.Format("15:04"), end.Format("15:04"))
}
