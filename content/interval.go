package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Interval is a calendar period such as a review interval: `30d`, `6w`, `3m`,
// `1y`, or ISO 8601 `P3M`, `P1Y6M`, `P2W`.
type Interval struct {
	Years, Months, Days int
}

// IsZero reports whether the interval is empty.
func (iv Interval) IsZero() bool { return iv == Interval{} }

// AddTo returns t moved forward by the interval.
func (iv Interval) AddTo(t time.Time) time.Time { return t.AddDate(iv.Years, iv.Months, iv.Days) }

// String returns the short form, such as "3m" or "1y6m".
func (iv Interval) String() string {
	var b strings.Builder
	for _, p := range []struct {
		n    int
		unit string
	}{{iv.Years, "y"}, {iv.Months, "m"}, {iv.Days, "d"}} {
		if p.n != 0 {
			fmt.Fprintf(&b, "%d%s", p.n, p.unit)
		}
	}
	return b.String()
}

const maxIntervalPart = 10000

// ParseInterval parses a review interval.
func ParseInterval(s string) (Interval, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Interval{}, fmt.Errorf("empty interval")
	}
	if s[0] == 'P' || s[0] == 'p' {
		return parseISOInterval(s)
	}
	var iv Interval
	rest := strings.ToLower(s)
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) {
			return Interval{}, fmt.Errorf("%q is not an interval such as 30d, 6w, 3m or 1y", s)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > maxIntervalPart {
			return Interval{}, fmt.Errorf("%q is out of range", s)
		}
		if err := iv.add(n, rest[i]); err != nil {
			return Interval{}, fmt.Errorf("%q: %w", s, err)
		}
		rest = rest[i+1:]
	}
	if iv.IsZero() {
		return Interval{}, fmt.Errorf("%q is an empty interval", s)
	}
	if iv.Years > maxIntervalPart || iv.Months > maxIntervalPart || iv.Days > maxIntervalPart {
		return Interval{}, fmt.Errorf("%q is out of range", s)
	}
	return iv, nil
}

func (iv *Interval) add(n int, unit byte) error {
	switch unit {
	case 'd':
		iv.Days += n
	case 'w':
		iv.Days += 7 * n
	case 'm':
		iv.Months += n
	case 'y':
		iv.Years += n
	default:
		return fmt.Errorf("unknown unit %q (use d, w, m or y)", unit)
	}
	return nil
}

// parseISOInterval parses the date part of an ISO 8601 duration (PnYnMnWnD).
func parseISOInterval(s string) (Interval, error) {
	body := strings.ToLower(s[1:])
	if body == "" || strings.ContainsAny(body, "thp") {
		return Interval{}, fmt.Errorf("%q: only whole days, weeks, months and years are allowed", s)
	}
	iv, err := ParseInterval(body)
	if err != nil {
		return Interval{}, fmt.Errorf("%q is not an ISO 8601 period such as P3M", s)
	}
	return iv, nil
}
