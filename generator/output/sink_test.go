package output

import (
	"errors"
	"io"
	"testing"
)

// TestSinks: a counting sink counts files and pages and streams when the
// sink under it can, a memory sink cannot stream, and Skip leaves out what
// is under its prefixes.
func TestSinks(t *testing.T) {
	mem := &MemSink{}
	c := &Counting{Sink: Skip{Sink: mem, Prefixes: []string{"assets/mermaid/"}}}
	for _, p := range []string{"index.html", "a/index.html", "assets/app.css", "assets/mermaid/m.js"} {
		if err := c.Write(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if c.Files != 4 || c.Pages != 2 {
		t.Errorf("counted %d files, %d pages; want 4, 2", c.Files, c.Pages)
	}
	if len(mem.Files) != 3 || mem.Files["assets/mermaid/m.js"] != nil {
		t.Errorf("memory holds %d files: %v", len(mem.Files), mem.Files)
	}
	if _, err := Stream(c, "b/index.html"); !errors.Is(err, ErrNoStream) {
		t.Errorf("a memory sink streams: %v", err)
	}
	d := &Counting{Sink: Discard{}}
	w, err := Stream(d, "big/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, "<p>"); err != nil || w.Close() != nil || d.Pages != 1 {
		t.Errorf("streaming through a counting sink: %v, %d pages", err, d.Pages)
	}
}
