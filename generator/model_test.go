package generator

import (
	"context"
	"fmt"
	"maps"
	"regexp"
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
	for _, dir := range slices.Sorted(maps.Keys(b.sections)) {
		sec := b.sections[dir]
		fmt.Fprintf(&out, "section %q %p index %p pages %v subs %v\n", dir, sec, sec.Index, sec.Pages, sec.Subs)
	}
	fmt.Fprintf(&out, "orphans %#v\n", b.checks.Orphans())
	fmt.Fprintf(&out, "diagnostics %#v\nreadiness %#v\n", b.diags, *b.ready)
	return out.String()
}

// TestStagesDoNotWriteTheModel holds the pipeline's one-way rule: the views
// and outputs read what loading, rendering and checking made and never
// write into it, and a later build of a dev-server session, patched
// (patch.go) or not, shares with the build before it what did not change
// (decoded pages, rendered bodies) without writing into that build. A
// patched build works on a fork of the build before: it holds no page,
// person, role, body or folder of it.
func TestStagesDoNotWriteTheModel(t *testing.T) {
	_, _, site := startSession(t, "nl-klantenservice")
	check := func(step string, site *LazySite) {
		before := modelPrint(site.b)
		site.Files() // every page and output, as a full build writes them
		if after := modelPrint(site.b); after != before {
			t.Errorf("%s: rendering the outputs changed the model:\n%s", step, firstDiff(before, after))
		}
	}
	check("first build", site)
	s2, dir2, prev := startSession(t, "en-small")
	full, patched := 0, 0
	for i, e := range sessionEdits {
		was := modelPrint(prev.b)
		if i%2 == 0 {
			s2.Prefork() // half the patches take the fork made in the background
		}
		s2.Forget(e.apply(t, dir2))
		_, now, err := s2.Build(context.Background())
		if after := modelPrint(prev.b); after != was {
			t.Errorf("%s (patched %v): the next build changed the build before it:\n%s", e.name, s2.Patched, firstDiff(was, after))
		}
		if s2.Patched {
			patched++
		} else {
			full++
		}
		if err != nil || now == nil {
			continue
		}
		if s2.Patched {
			if shared := sharedAddresses(was, modelPrint(now.b)); len(shared) > 0 {
				t.Errorf("%s: the patched build holds %d pointers of the build before, such as %s", e.name, len(shared), shared[0])
			}
		}
		check(e.name, now)
		prev = now
	}
	if full < 5 || patched < 5 {
		t.Errorf("%d edits built anew, %d patched; the test compares too little", full, patched)
	}
}

// sharedAddresses returns the addresses of pages, people, bodies and
// folders of the build printed as before (modelPrint) that the build
// printed as after holds.
func sharedAddresses(before, after string) []string {
	owned := map[string]bool{}
	for line := range strings.Lines(before) {
		for _, prefix := range []string{"page ", "body ", "person ", "role "} {
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				owned[strings.Fields(rest)[0]] = true
			}
		}
		if rest, ok := strings.CutPrefix(line, "section "); ok {
			owned[strings.Fields(rest)[1]] = true
		}
	}
	var out []string
	for _, addr := range address.FindAllString(after, -1) {
		if owned[addr] {
			out = append(out, addr)
		}
	}
	return out
}

var address = regexp.MustCompile(`0x[0-9a-f]+`)

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
