package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

var sessionNow = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// copyTree copies the folder src into dst, leaving out a built public/.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "public" && d.IsDir() {
			return filepath.SkipDir
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// edit is one change to a site folder, as an editor or git would make it.
type edit struct {
	name  string
	apply func(t *testing.T, dir string) []string // returns the changed paths
	patch bool                                    // a session patches this edit into the build before
}

func write(t *testing.T, dir, rel, text string) []string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// Write beside and rename over, as vim and JetBrains IDEs save.
	tmp := p + ".tmp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

func appendTo(t *testing.T, dir, rel, text string) []string {
	t.Helper()
	old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return write(t, dir, rel, string(old)+text)
}

func replaceIn(t *testing.T, dir, rel, old, new string) []string {
	t.Helper()
	text := mustRead(t, filepath.Join(dir, filepath.FromSlash(rel)))
	if !strings.Contains(text, old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	return write(t, dir, rel, strings.Replace(text, old, new, 1))
}

var sessionEdits = []edit{
	{"edit a body", func(t *testing.T, d string) []string {
		return appendTo(t, d, "content/processes/parcel-returns.md", "\n## Nieuwe stap\n\nEen extra alinea.\n")
	}, false},
	{"edit a body's text", func(t *testing.T, d string) []string {
		return appendTo(t, d, "content/processes/parcel-returns.md", "\nNog een alinea.\n")
	}, true},
	{"new page in a new folder", func(t *testing.T, d string) []string {
		return write(t, d, "content/handbook/tools/scanner.md", "---\ntitle: Scanner\n---\n\nSee [returns](../../processes/parcel-returns.md#nieuwe-stap).\n")
	}, false},
	{"misspell an anchor", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/handbook/tools/scanner.md", "#nieuwe-stap", "#nieuwe-stp")
	}, true},
	{"correct the anchor", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/handbook/tools/scanner.md", "#nieuwe-stp", "#nieuwe-stap")
	}, true},
	{"retitle a linked page", func(t *testing.T, d string) []string {
		p := filepath.Join(d, "content/handbook/tools/scanner.md")
		return write(t, d, "content/handbook/tools/scanner.md", mustRead(t, p)[:0]+"---\ntitle: Handscanner\n---\n\nSee [returns](../../processes/parcel-returns.md).\n")
	}, false},
	{"break a link", func(t *testing.T, d string) []string {
		return appendTo(t, d, "content/handbook/tools/scanner.md", "\n[gone](missing.md)\n")
	}, true},
	{"move the broken link down a line", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/handbook/tools/scanner.md", "\n[gone]", "\n\n[gone]")
	}, true},
	{"fix it", func(t *testing.T, d string) []string {
		return write(t, d, "content/handbook/tools/scanner.md", "---\ntitle: Handscanner\n---\n\nFixed.\n")
	}, false},
	{"edit two bodies at once", func(t *testing.T, d string) []string {
		return append(appendTo(t, d, "content/handbook/tools/scanner.md", "\nMore.\n"),
			appendTo(t, d, "content/risks/refund-fraud.md", "\nMore.\n")...)
	}, true},
	{"edit the home page's body", func(t *testing.T, d string) []string {
		return appendTo(t, d, "content/_index.md", "\nMore.\n")
	}, false},
	{"change an owner", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/processes/parcel-returns.md", "owner: mchen", "owner: spatel")
	}, false},
	{"delete a page", func(t *testing.T, d string) []string {
		if err := os.Remove(filepath.Join(d, "content/handbook/tools/scanner.md")); err != nil {
			t.Fatal(err)
		}
		return []string{"content/handbook/tools/scanner.md"}
	}, false},
	{"change people.yaml", func(t *testing.T, d string) []string {
		return appendTo(t, d, "people.yaml", "")
	}, false},
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSessionEqualsFullBuild proves that after every edit of a sequence
// the dev server's site equals a clean full build of the same content.
func TestSessionEqualsFullBuild(t *testing.T) {
	dir := copySite(t, "en-small")
	s := NewSession(Options{Site: dir, Now: sessionNow})
	s.TrustForget()
	_, last, err := s.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last.Get("processes/parcel-returns/index.html") // an open page
	for _, e := range sessionEdits {
		paths := e.apply(t, dir)
		s.Forget(paths)
		res, site, err := s.Build(context.Background())
		if s.Patched != e.patch {
			t.Errorf("%s: patched = %v, want %v", e.name, s.Patched, e.patch)
		}
		full := &MemSink{}
		fres, ferr := Build(context.Background(), Options{Site: dir, Now: sessionNow, Sink: full})
		if (err == nil) != (ferr == nil) || fmt.Sprint(res.Diagnostics) != fmt.Sprint(fres.Diagnostics) {
			t.Fatalf("%s: session gave %v with diagnostics\n%v\nfull build %v with\n%v", e.name, err, res.Diagnostics, ferr, fres.Diagnostics)
		}
		if !reflect.DeepEqual(res.Readiness, fres.Readiness) {
			t.Errorf("%s: readiness differs from a full build", e.name)
		}
		if err != nil {
			continue
		}
		got := site.Files()
		assertSameFiles(t, e.name, got, full.Files)
		if e.name == "edit a body" && !slices.Contains(site.Changed(last), "processes/parcel-returns/index.html") {
			t.Errorf("%s: the open page is not reported as changed: %v", e.name, site.Changed(last))
		}
		last = site
	}
}

func assertSameFiles(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !bytes.Equal(got[n], want[n]) {
			t.Errorf("%s: %s differs from a full build", step, n)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: %s is served but a full build has no such file", step, n)
		}
	}
}

// TestSessionReusesBodies checks that an edit re-renders only the edited
// page's body.
func TestSessionReusesBodies(t *testing.T) {
	dir := copySite(t, "en-small")
	s := NewSession(Options{Site: dir, Now: sessionNow})
	if _, _, err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := map[string]*rendered{}
	for p, c := range s.bodies {
		before[p] = c.r
	}
	s.Forget(appendTo(t, dir, "content/processes/parcel-returns.md", "\nMore.\n"))
	if _, _, err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for p, c := range s.bodies {
		same := before[p] == c.r
		if p == "processes/parcel-returns.md" && same {
			t.Errorf("%s was not rendered again", p)
		}
		if p != "processes/parcel-returns.md" && !same {
			t.Errorf("%s was rendered again", p)
		}
	}
}
