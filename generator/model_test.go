package generator

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// modelPrint writes down what the load, render and check stages made of a
// build: every page, person, role and static file of the content model,
// each page's rendered body, the backlinks, the diagnostics and the
// readiness checklist. Pointers inside are written as addresses, so a
// reference that is moved shows as well as a value that is changed.
func modelPrint(b *builder) string {
	var out strings.Builder
	site := b.site
	fmt.Fprintf(&out, "config %#v\n", site.Config)
	for _, p := range site.Pages {
		fmt.Fprintf(&out, "page %p %#v\n", p, *p)
		if r := b.bodies[p]; r != nil {
			fmt.Fprintf(&out, "body %p %#v\n", r, *r)
		}
		fmt.Fprintf(&out, "backlinks %v\n", b.backlinks[p])
	}
	for _, p := range site.People.Persons {
		fmt.Fprintf(&out, "person %p %#v\n", p, *p)
	}
	for _, r := range site.People.Roles {
		fmt.Fprintf(&out, "role %p %#v\n", r, *r)
	}
	for _, id := range slices.Sorted(maps.Keys(site.Involved)) {
		fmt.Fprintf(&out, "involved %s %#v\n", id, *site.Involved[id])
	}
	for _, f := range site.Static {
		fmt.Fprintf(&out, "static %#v\n", f)
	}
	fmt.Fprintf(&out, "diagnostics %#v\nreadiness %#v\n", b.diags, *b.ready)
	return out.String()
}

// TestStagesDoNotWriteTheModel holds the pipeline's one-way rule: the views
// and outputs read what loading, rendering and checking made and never
// write into it, and a later build of a dev-server session shares with the
// build before it what did not change (decoded pages, rendered bodies)
// without writing into that build. The one exception is a patch
// (patch.go), which commits an edit into the edited pages of the build it
// patches, and into the lists of who is involved in what: the test holds
// it to that.
func TestStagesDoNotWriteTheModel(t *testing.T) {
	dir := copySite(t, "nl-klantenservice")
	s := NewSession(Options{Site: dir, Now: sessionNow})
	s.TrustForget()
	_, site, err := s.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string, site *LazySite) {
		before := modelPrint(site.b)
		site.Files() // every page and output, as a full build writes them
		if after := modelPrint(site.b); after != before {
			t.Errorf("%s: rendering the outputs changed the model:\n%s", step, firstDiff(before, after))
		}
	}
	check("first build", site)
	dir2 := copySite(t, "en-small")
	s2 := NewSession(Options{Site: dir2, Now: sessionNow})
	s2.TrustForget()
	_, prev, err := s2.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	full := 0
	for _, e := range sessionEdits {
		was := modelPrint(prev.b)
		paths := e.apply(t, dir2)
		edited := map[string]bool{}
		for _, p := range paths {
			if pg := prev.b.pageByFile(p); pg != nil {
				edited[fmt.Sprintf("page %p ", pg)] = true
			}
		}
		s2.Forget(paths)
		_, now, err := s2.Build(context.Background())
		after := modelPrint(prev.b)
		switch {
		case !s2.Patched:
			full++
			if after != was {
				t.Errorf("%s: the next build changed the build before it:\n%s", e.name, firstDiff(was, after))
			}
		default:
			// A patch commits the edit into the edited pages and the
			// lists of who is involved in what; nothing else.
			if line, ok := patchWroteOnly(was, after, edited); !ok {
				t.Errorf("%s: the patch changed more of the build before it than the edited pages:\n%s", e.name, line)
			}
		}
		if err != nil || now == nil {
			continue
		}
		check(e.name, now)
		prev = now
	}
	if full < 5 {
		t.Errorf("only %d edits built anew; the test compares too little", full)
	}
}

// TestBuildDoesNotWriteTheModel: the one-shot build's writing stage (the
// pages, the print document, the search index, the calendars, …) leaves
// the model that loading, rendering and checking made as it was, when the
// build keeps it (a build into a Sink: a one-shot build into files lets go
// of what it has used instead, see release).
func TestBuildDoesNotWriteTheModel(t *testing.T) {
	for _, name := range []string{"nl-klantenservice", "en-small"} {
		dir := copySite(t, name)
		b, _, err := prepare(context.Background(), Options{Site: dir, Now: sessionNow, Sink: &MemSink{}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		before := modelPrint(b)
		mem := &MemSink{}
		if err := b.writeSite(context.Background(), mem); err != nil {
			t.Fatal(err)
		}
		if len(mem.Files) < 50 {
			t.Fatalf("%s: %d files written", name, len(mem.Files))
		}
		if after := modelPrint(b); after != before {
			t.Errorf("%s: writing the site changed the model:\n%s", name, firstDiff(before, after))
		}
	}
}

// patchWroteOnly reports whether the model printed after differs from
// before only in the lines of the edited pages (their "page ADDR " lines)
// and of who is involved in what; else it returns the first other line.
func patchWroteOnly(before, after string, edited map[string]bool) (string, bool) {
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	if len(bl) != len(al) {
		return fmt.Sprintf("%d lines before, %d after", len(bl), len(al)), false
	}
	for i := range bl {
		if bl[i] == al[i] || strings.HasPrefix(bl[i], "involved ") {
			continue
		}
		if edited[pagePrefix(bl[i])] {
			continue
		}
		return firstDiff(bl[i], al[i]), false
	}
	return "", true
}

// pagePrefix returns "page ADDR " of a page line of modelPrint, or "".
func pagePrefix(line string) string {
	if !strings.HasPrefix(line, "page ") {
		return ""
	}
	if i := strings.IndexByte(line[5:], ' '); i >= 0 {
		return line[:5+i+1]
	}
	return ""
}

// firstDiff returns the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if x, y := al[i], bl[i]; x != y {
			at := 0
			for at < min(len(x), len(y)) && x[at] == y[at] {
				at++
			}
			from := max(at-200, 0)
			return fmt.Sprintf("before: …%.400s\nafter:  …%.400s", x[from:], y[from:])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(al), len(bl))
}
