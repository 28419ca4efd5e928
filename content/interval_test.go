package content

import (
	"strings"
	"testing"
	"time"
)

func TestParseInterval(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Interval
	}{
		{"30d", Interval{Days: 30}},
		{"6w", Interval{Days: 42}},
		{"3m", Interval{Months: 3}},
		{"1y", Interval{Years: 1}},
		{"1y6m", Interval{Years: 1, Months: 6}},
		{"3M", Interval{Months: 3}},
		{" 3m ", Interval{Months: 3}},
		{"P3M", Interval{Months: 3}},
		{"P1Y6M", Interval{Years: 1, Months: 6}},
		{"P2W", Interval{Days: 14}},
		{"P10D", Interval{Days: 10}},
		{"p1y", Interval{Years: 1}},
		{"0d3m", Interval{Months: 3}},
		{"10000d", Interval{Days: 10000}},
	} {
		got, err := ParseInterval(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseInterval(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseIntervalBad(t *testing.T) {
	for _, in := range []string{
		"", " ", "3x", "m", "3", "d3", "P", "p", "PT5H", "P1DT2H", "PT", "-3m", "+3m", "3.5m", "3 m", "0d", "P0D",
		"10001d", "99999999999999999999d", "9223372036854775808y", strings.Repeat("9", 1000) + "d",
	} {
		if iv, err := ParseInterval(in); err == nil {
			t.Errorf("ParseInterval(%q) = %+v, want an error", in, iv)
		}
	}
}

// TestParseIntervalNestedP pins a bug: parseISOInterval hands its body back
// to ParseInterval, which accepts a second leading P, so "PP3M" parses.
func TestParseIntervalNestedP(t *testing.T) {
	if iv, err := ParseInterval("PP3M"); err == nil {
		t.Fatalf("ParseInterval(%q) = %+v, want an error", "PP3M", iv)
	}
}

// TestIntervalRoundTrip checks that String gives back what parses to the
// same interval.
func TestIntervalRoundTrip(t *testing.T) {
	for _, in := range []string{"30d", "6w", "3m", "1y", "P1Y6M", "1y2m3d"} {
		iv, err := ParseInterval(in)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseInterval(iv.String())
		if err != nil || back != iv {
			t.Errorf("ParseInterval(%q).String() = %q parses to %+v, %v", in, iv.String(), back, err)
		}
	}
}

// TestIntervalBoundPerPart pins a bug: the 10000 bound is per part, so
// "10000y10000y" or "2000w" (14000 days) parse, and their String does not.
func TestIntervalBoundPerPart(t *testing.T) {
	for _, in := range []string{"10000y10000y", "2000w"} {
		iv, err := ParseInterval(in)
		if err != nil {
			continue
		}
		if _, err := ParseInterval(iv.String()); err != nil {
			t.Fatalf("ParseInterval(%q) = %q, which does not parse again: %v", in, iv, err)
		}
	}
}

func TestIntervalAddTo(t *testing.T) {
	base := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"30d", "2026-03-02"},
		{"1w", "2026-02-07"},
		{"1y", "2027-01-31"},
		{"P1Y6M", "2027-07-31"},
	} {
		iv, err := ParseInterval(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := iv.AddTo(base).Format("2006-01-02"); got != tc.want {
			t.Errorf("%s after 2026-01-31 = %s, want %s", tc.in, got, tc.want)
		}
	}
}
