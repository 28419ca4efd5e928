package content

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-10-01", "2026-10-01"},
		{" 2026-10-01 ", "2026-10-01"},
		{"2024-02-29", "2024-02-29"},
		{"2026-10-01T10:30:00Z", "2026-10-01"},
		{"2026-10-01T23:30:00+14:00", "2026-10-01"},
		{"2026-10-01T00:30:00-11:00", "2026-10-01"},
		{"2026-10-01 10:30:00", "2026-10-01"},
		{"2026-10-01T10:30:00", "2026-10-01"},
		{"2026-10-01 10:30", "2026-10-01"},
		{"9999-12-31", "9999-12-31"},
	} {
		d, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tc.in, d, tc.want)
		}
		if h, m, s := d.Clock(); h+m+s != 0 || d.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, want midnight UTC", tc.in, d.Time)
		}
	}
}

func TestParseDateBad(t *testing.T) {
	for _, in := range []string{
		"", "x", "2026", "2026-10", "2023-02-29", "2026-13-01", "2026-00-10", "2026-10-32", "01-10-2026",
		"2026/10/01", "26-10-01", "2026-1-1", "2026-10-01x", "20261-10-01", "-2026-10-01",
	} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", in, d)
		}
	}
}

// TestParseDateYearOne pins an edge: 0001-01-01 parses to the zero time, so
// the Date counts as "not set" (a decision dated so gets "needs a date").
func TestParseDateYearOne(t *testing.T) {
	d, err := ParseDate("0001-01-01")
	if err == nil && d.IsZero() {
		t.Fatal("ParseDate(\"0001-01-01\") succeeds but the Date is zero, i.e. not set")
	}
}
