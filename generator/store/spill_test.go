package store

import (
	"os"
	"strings"
	"testing"
)

// TestSpillRoundTrip writes entries and reads them back in another order,
// and checks that the file is gone from its folder at once.
func TestSpillRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s, err := NewSpill(dir, ".public.spill-")
	if err != nil {
		t.Fatal(err)
	}
	a, empty, b := s.Put([]byte("first")), s.Put(nil), s.Put([]byte("second"))
	if got := string(s.Get(b)); got != "second" {
		t.Errorf("b = %q", got)
	}
	if got := string(s.Get(a)); got != "first" {
		t.Errorf("a = %q", got)
	}
	if got := s.Get(empty); len(got) != 0 {
		t.Errorf("empty = %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 && s.name == "" {
		t.Errorf("spill file left behind: %v", entries)
	}
	var none *Spill
	if err := none.Close(); err != nil {
		t.Errorf("closing no spill: %v", err)
	}
}

// TestSpillFailure checks that a spill whose file fails reports it when
// closed: its pages have no bodies.
func TestSpillFailure(t *testing.T) {
	s, err := NewSpill(t.TempDir(), "spill-")
	if err != nil {
		t.Fatal(err)
	}
	s.f.Close() // every read and write then fails
	s.Get(s.Put([]byte("lost")))
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "kept on disk") {
		t.Fatalf("got %v, want the spill's error", err)
	}
}
