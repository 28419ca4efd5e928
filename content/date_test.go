package content

import (
	"strings"
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

// TestParseDateDayFirst: a date written day first (27-03-2019) is no date
// of handover's files, but the error says how to write it, and the
// importer reads it with ParseDayFirst.
func TestParseDateDayFirst(t *testing.T) {
	if _, err := ParseDate("27-03-2019"); err == nil || !strings.Contains(err.Error(), "write 2019-03-27") {
		t.Errorf("ParseDate(27-03-2019): %v, want an error that says 2019-03-27", err)
	}
	for in, want := range map[string]string{"27-03-2019": "2019-03-27", "3-7-2018": "2018-07-03", " 01-10-2026 ": "2026-10-01"} {
		if d, ok := ParseDayFirst(in); !ok || d.String() != want {
			t.Errorf("ParseDayFirst(%q) = %s %v, want %s", in, d, ok, want)
		}
	}
	for _, in := range []string{"2019-03-27", "32-01-2019", "10-13-2019", "1-1-19", "x"} {
		if d, ok := ParseDayFirst(in); ok {
			t.Errorf("ParseDayFirst(%q) = %s, want false", in, d)
		}
	}
}
