package calendar

import (
	"slices"
	"testing"
	"time"
)

func date(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, time.UTC)
}

func TestRule(t *testing.T) {
	mon := date(2026, 11, 2, 9, 30) // a Monday
	tests := []struct {
		frequency, weekday string
		start              time.Time
		rrule              string
		first              time.Time
	}{
		{"weekly", "tuesday", mon, "FREQ=WEEKLY;BYDAY=TU", date(2026, 11, 3, 9, 30)},
		{"weekly", "maandag", mon, "FREQ=WEEKLY;BYDAY=MO", mon},
		{"weekly", "zondag", mon, "FREQ=WEEKLY;BYDAY=SU", date(2026, 11, 8, 9, 30)},
		{"weekly", "", mon, "FREQ=WEEKLY;BYDAY=MO", mon},
		{"biweekly", "vrijdag", mon, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", date(2026, 11, 6, 9, 30)},
		// 1 October 2026 is a Thursday, so from the 2nd the next first
		// Thursday is 5 November.
		{"monthly", "thursday", date(2026, 10, 1, 14, 0), "FREQ=MONTHLY;BYDAY=1TH", date(2026, 10, 1, 14, 0)},
		{"monthly", "thursday", date(2026, 10, 2, 14, 0), "FREQ=MONTHLY;BYDAY=1TH", date(2026, 11, 5, 14, 0)},
		{"monthly", "", date(2026, 10, 15, 14, 0), "FREQ=MONTHLY;BYMONTHDAY=15", date(2026, 10, 15, 14, 0)},
		{"Quarterly", "maandag", date(2026, 12, 10, 10, 0), "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", date(2027, 1, 4, 10, 0)},
		{"quarterly", "", date(2026, 12, 10, 10, 0), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10", date(2026, 12, 10, 10, 0)},
		// Every month has a meeting, as the page says "monthly": on the
		// 31st the last day of each month. The 29th and 30th stay; the
		// build warns that February skips them (ShortMonths).
		{"monthly", "", date(2027, 1, 31, 10, 0), "FREQ=MONTHLY;BYMONTHDAY=-1", date(2027, 1, 31, 10, 0)},
		{"monthly", "", date(2027, 1, 30, 10, 0), "FREQ=MONTHLY;BYMONTHDAY=30", date(2027, 1, 30, 10, 0)},
		{"monthly", "", date(2027, 1, 29, 10, 0), "FREQ=MONTHLY;BYMONTHDAY=29", date(2027, 1, 29, 10, 0)},
		{"monthly", "", date(2027, 2, 28, 10, 0), "FREQ=MONTHLY;BYMONTHDAY=28", date(2027, 2, 28, 10, 0)},
		{"quarterly", "", date(2026, 12, 31, 10, 0), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", date(2026, 12, 31, 10, 0)},
		{"", "", mon, "", mon},
		{"", "woensdag", mon, "", date(2026, 11, 4, 9, 30)},
	}
	for _, tt := range tests {
		r, err := newRule(tt.frequency, tt.weekday, tt.start)
		if err != nil {
			t.Errorf("newRule(%q, %q): %v", tt.frequency, tt.weekday, err)
			continue
		}
		if got := r.String(); got != tt.rrule {
			t.Errorf("newRule(%q, %q) = %q, want %q", tt.frequency, tt.weekday, got, tt.rrule)
		}
		if got := r.first(tt.start); !got.Equal(tt.first) {
			t.Errorf("%s %s from %v: first = %v, want %v", tt.frequency, tt.weekday, tt.start, got, tt.first)
		}
	}
}

func TestRuleErrors(t *testing.T) {
	tests := []struct{ frequency, weekday string }{
		{"daily", "monday"},
		{"weekly", "someday"},
	}
	for _, tt := range tests {
		if _, err := newRule(tt.frequency, tt.weekday, time.Time{}); err == nil {
			t.Errorf("newRule(%q, %q) succeeded, want an error", tt.frequency, tt.weekday)
		}
	}
}

func TestShortMonths(t *testing.T) {
	tests := []struct {
		frequency, weekday string
		start              time.Time
		want               []time.Month
		last               bool
	}{
		{"monthly", "", date(2027, 1, 30, 10, 0), []time.Month{time.February}, false},
		{"monthly", "", date(2027, 3, 29, 10, 0), []time.Month{time.February}, false},
		{"quarterly", "", date(2027, 1, 30, 10, 0), nil, false}, // January, April, July, October
		{"quarterly", "", date(2026, 11, 30, 10, 0), []time.Month{time.February}, false},
		{"monthly", "", date(2027, 1, 31, 10, 0), nil, true},
		{"quarterly", "", date(2027, 1, 31, 10, 0), nil, true},
		{"monthly", "", date(2027, 1, 28, 10, 0), nil, false},
		{"monthly", "maandag", date(2027, 1, 30, 10, 0), nil, false},
		{"weekly", "", date(2027, 1, 31, 10, 0), nil, false},
	}
	for _, tt := range tests {
		if got := ShortMonths(tt.frequency, tt.weekday, tt.start); !slices.Equal(got, tt.want) {
			t.Errorf("ShortMonths(%s %s from %v) = %v, want %v", tt.frequency, tt.weekday, tt.start, got, tt.want)
		}
		if got := LastDayOfMonth(tt.frequency, tt.weekday, tt.start); got != tt.last {
			t.Errorf("LastDayOfMonth(%s %s from %v) = %v, want %v", tt.frequency, tt.weekday, tt.start, got, tt.last)
		}
	}
}
