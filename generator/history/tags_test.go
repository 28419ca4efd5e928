package history

import (
	"context"
	"errors"
	"path"
	"slices"
	"testing"
)

func TestTags(t *testing.T) {
	s := newStory(t)
	r := s.open("")
	// A second tag on v1.1's commit orders by name among equal dates.
	s.git(carol, day(11), "tag", "v1.1.1", "v1.1")
	// A tag of a blob is not a version.
	blob := s.git(alice, day(12), "rev-parse", "HEAD:README.md")
	s.git(alice, day(12), "tag", "v9-blob", blob)
	tests := []struct {
		pattern string
		want    []Tag
	}{
		{"v*", []Tag{
			{Name: "v2.0", Commit: s.c6, Date: day(6)},
			{Name: "v1.1.1", Commit: s.c4, Date: day(4)},
			{Name: "v1.1", Commit: s.c4, Date: day(4)},
			{Name: "v1.0", Commit: s.c2, Date: day(2)},
		}},
		{"other-*", []Tag{{Name: "other-1", Commit: s.c5, Date: day(5)}}},
		{"release-*", nil},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got, err := r.Tags(context.Background(), tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tags(%q) =\n%v\nwant\n%v", tt.pattern, got, tt.want)
			}
		})
	}
	if _, err := r.Tags(context.Background(), "v["); err == nil {
		t.Error("bad pattern: no error")
	} else if !errors.Is(err, path.ErrBadPattern) {
		t.Errorf("bad pattern: %v, want path.ErrBadPattern", err)
	}
}

func TestNaturalCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"v1.9", "v1.10", -1},
		{"v1.10", "v1.9", 1},
		{"v2.0", "v2.0", 0},
		{"v1.0", "v1.0.1", -1},
		{"v01", "v1", -1}, // equal numbers fall back to the string order
		{"v1a", "v1b", -1},
		{"a", "B", 1},
		{"v10", "va", -1},
	}
	for _, tt := range tests {
		got := naturalCompare(tt.a, tt.b)
		if sign(got) != tt.want {
			t.Errorf("naturalCompare(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
