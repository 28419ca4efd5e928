package calendar

import (
	"testing"
	"time"
)

func TestParseFrequency(t *testing.T) {
	tests := []struct {
		in   string
		want Frequency
		ok   bool
	}{
		{"weekly", Weekly, true},
		{" Biweekly ", Biweekly, true},
		{"MONTHLY", Monthly, true},
		{"quarterly", Quarterly, true},
		{"", "", false},
		{"daily", "", false},
		{"wekelijks", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseFrequency(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseFrequency(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ValidFrequency(tt.in) != tt.ok {
			t.Errorf("ValidFrequency(%q) = %v, want %v", tt.in, !tt.ok, tt.ok)
		}
	}
}

func TestParseWeekday(t *testing.T) {
	tests := []struct {
		in   string
		want time.Weekday
		ok   bool
	}{
		{"monday", time.Monday, true},
		{"Maandag", time.Monday, true},
		{"TUESDAY", time.Tuesday, true},
		{" dinsdag ", time.Tuesday, true},
		{"woensdag", time.Wednesday, true},
		{"donderdag", time.Thursday, true},
		{"thu", time.Thursday, true},
		{"vrijdag", time.Friday, true},
		{"zaterdag", time.Saturday, true},
		{"zondag", time.Sunday, true},
		{"sunday", time.Sunday, true},
		{"zo", time.Sunday, true},
		{"", 0, false},
		{"dinsdagochtend", 0, false},
		{"lundi", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseWeekday(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseWeekday(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in           string
		hour, minute int
		ok           bool
	}{
		{"09:30", 9, 30, true},
		{"9:30", 9, 30, true},
		{"9.30", 9, 30, true},
		{"00:00", 0, 0, true},
		{"23:59", 23, 59, true},
		{"24:00", 0, 0, false},
		{"12:60", 0, 0, false},
		{"930", 0, 0, false},
		{"9:3", 0, 0, false},
		{"+9:30", 0, 0, false},
		{"09:30:00", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		h, m, err := ParseClock(tt.in)
		if h != tt.hour || m != tt.minute || (err == nil) != tt.ok {
			t.Errorf("ParseClock(%q) = %d, %d, %v, want %d, %d, ok %v", tt.in, h, m, err, tt.hour, tt.minute, tt.ok)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"45m", 45 * time.Minute, true},
		{"1h", time.Hour, true},
		{"1h30m", 90 * time.Minute, true},
		{"90m", 90 * time.Minute, true},
		{"24h", 24 * time.Hour, true},
		{"25h", 0, false},
		{"0m", 0, false},
		{"-1h", 0, false},
		{"90s", 0, false},
		{"90 minutes", 0, false},
		{"90", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseDuration(%q) = %v, %v, want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzParseClock checks that an accepted time of day is in range and
// reads back the same.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:30", "9.30", "24:00", "-1:00", "١٢:٣٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, err := ParseClock(s)
		if err != nil {
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("ParseClock(%q) = %d:%d, out of range", s, h, m)
		}
	})
}
