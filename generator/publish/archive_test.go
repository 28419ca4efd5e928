package publish

import (
	"testing"
	"time"
)

// TestArchiveTime checks the clamping rules.
func TestArchiveTime(t *testing.T) {
	cases := []struct{ in, want time.Time }{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 3, 4, 5, 6, 7, 8, time.FixedZone("CET", 3600)), time.Date(2026, 3, 4, 4, 6, 7, 0, time.UTC)},
	}
	for _, c := range cases {
		if got := archiveTime(c.in); !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("archiveTime(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
