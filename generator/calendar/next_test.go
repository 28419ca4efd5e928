package calendar

import (
	"testing"
	"time"
)

// TestPatternNext: the next dates, which jump ahead to the reader's day,
// are those the recurrence expanded from its first occurrence gives, for
// every shape of rule and for days years after the start.
func TestPatternNext(t *testing.T) {
	start := time.Date(2026, 1, 29, 14, 0, 0, 0, time.UTC)
	for _, c := range []struct{ freq, weekday string }{
		{"weekly", "thursday"}, {"biweekly", "maandag"}, {"monthly", "donderdag"}, {"quarterly", "tue"},
		{"monthly", ""}, {"quarterly", ""}, {"", ""}, {"monthly", ""},
	} {
		for _, s := range []time.Time{start, time.Date(2026, 1, 31, 9, 30, 0, 0, time.UTC), time.Date(2026, 3, 30, 9, 30, 0, 0, time.UTC)} {
			p, err := Recurrence(c.freq, c.weekday, s)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := newRule(c.freq, c.weekday, s)
			var all []time.Time
			for o := range r.occurrences(p.First, p.First.AddDate(12, 0, 0)) {
				all = append(all, o)
			}
			for from := s.AddDate(0, 0, -3); from.Before(s.AddDate(9, 0, 0)); from = from.AddDate(0, 0, 17) {
				got := p.Next(from, time.Hour, 3)
				var want []time.Time
				for _, o := range all {
					if o.Add(time.Hour).After(from) && len(want) < 3 {
						want = append(want, o)
					}
				}
				if len(got) != len(want) {
					t.Fatalf("%s %s from %s: %v, want %v", c.freq, c.weekday, from, got, want)
				}
				for i := range got {
					if !got[i].Equal(want[i]) {
						t.Fatalf("%s %s start %s from %s: %v, want %v", c.freq, c.weekday, s, from, got, want)
					}
				}
			}
		}
	}
}
