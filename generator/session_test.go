package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
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
	}, true},
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
	}, true},
	{"retitle an instruction, which its process lists", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/instructions/issue-refund.md", "title: Issue a refund for a grade C or mismatched return", "title: Refund a grade C return")
	}, true},
	{"a title that moves the page up its folder's list", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/instructions/issue-refund.md", "title: Refund a grade C return", "title: A refund for grade C")
	}, true},
	{"a weight, one line more of front matter", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/instructions/inspect-returned-parcel.md", "\ntitle:", "\nweight: 5\ntitle:")
	}, true},
	{"a summary, and the body's first line", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/instructions/issue-refund.md", "\nstatus: approved", "\nsummary: When and how a refund is released by hand.\nstatus: approved")
	}, true},
	{"a status", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/processes/parcel-returns.md", "status: approved", "status: draft")
	}, true},
	{"a review date long ago (overdue)", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/risks/refund-fraud.md", "reviewed: 2026-10-14", "reviewed: 2025-01-14")
	}, true},
	{"an owner nobody knows", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/risks/refund-fraud.md", "owner: lgarcia", "owner: lgarcai")
	}, false},
	{"the owner corrected", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/risks/refund-fraud.md", "owner: lgarcai", "owner: lgarcia")
	}, true},
	{"another chair and fewer participants", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/meetings/returns-weekly.md", "chair: mchen\nparticipants: [lgarcia, jokafor, spatel]", "chair: spatel\nparticipants: [lgarcia, ops-board]")
	}, true},
	{"a RACI activity renamed", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/governance/returns-raci.md", "activity: Weekly returns review", "activity: Weekly review of returns")
	}, true},
	{"another accountable in the RACI", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/governance/returns-raci.md", "    A: spatel\n    C: [jokafor]", "    A: lgarcia\n    C: [jokafor]")
	}, false},
	{"a decision retitled (decision records are linked across pages by Load)", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/decisions/0002-grade-returns-in-one-pass.md", "title: Grade every return once", "title: Grade each return once")
	}, false},
	{"a decision's text", func(t *testing.T, d string) []string {
		return appendTo(t, d, "content/decisions/0002-grade-returns-in-one-pass.md", "\nOne more reason.\n")
	}, true},
	{"a decision supersedes no more", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/decisions/0002-grade-returns-in-one-pass.md", "supersedes: [decisions/0001-grade-returns-at-dock]\n", "")
	}, false},
	{"a meeting without agenda: no rhythm left", func(t *testing.T, d string) []string {
		text := mustRead(t, filepath.Join(d, "content/meetings/returns-weekly.md"))
		i, j := strings.Index(text, "agenda:\n"), strings.Index(text, "reviewed:")
		return write(t, d, "content/meetings/returns-weekly.md", text[:i]+text[j:])
	}, false},
	{"a saved page and an editor's temporary files", func(t *testing.T, d string) []string {
		paths := replaceIn(t, d, "content/kpis/return-cycle-time.md", "\ntitle:", "\n# measured weekly\ntitle:")
		return append(paths, "content/kpis/return-cycle-time.md.tmp~", "content/kpis/.return-cycle-time.md.swp", "notes.txt")
	}, true},
	{"a folder's list page", func(t *testing.T, d string) []string {
		return write(t, d, "content/instructions/_index.md", "---\ntitle: Work instructions\n---\n\nHow the work is done.\n")
	}, false},
	{"the folder's list page retitled (navigation and breadcrumbs)", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/instructions/_index.md", "title: Work instructions", "title: How we work")
	}, true},
	{"front matter that does not parse", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/kpis/return-cycle-time.md", "\ntitle:", "\ntitle: [unclosed\nold:")
	}, false},
	{"front matter fixed (the title came from the first heading while it was broken)", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/kpis/return-cycle-time.md", "\ntitle: [unclosed\nold:", "\ntitle:")
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
	// issue 17: a KPI's measurements, in front matter and in a CSV file
	{"a KPI measurement in front matter", func(t *testing.T, d string) []string {
		return replaceIn(t, d, "content/kpis/return-cycle-time.md", "{date: 2026-11-16, value: 2.9}", "{date: 2026-11-16, value: 3.6}")
	}, true},
	{"measurements moved into a CSV file under data/", func(t *testing.T, d string) []string {
		csv := write(t, d, "data/kpis/return-cycle-time.csv", "date,value\n2026-10-01,5\n2026-11-01,4.1\n")
		text := mustRead(t, filepath.Join(d, "content/kpis/return-cycle-time.md"))
		i, j := strings.Index(text, "measurements:"), strings.Index(text, "source:")
		return append(csv, write(t, d, "content/kpis/return-cycle-time.md", text[:i]+"measurements: data/kpis/return-cycle-time.csv\n"+text[j:])...)
	}, true},
	{"only the CSV file edited", func(t *testing.T, d string) []string {
		return write(t, d, "data/kpis/return-cycle-time.csv", "date,value\n2026-10-01,5\n2026-11-01,2.2\n")
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
	s, dir, last := startSession(t, "en-small")
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
		if e.name == "edit a body" && !slices.Contains(site.Changed(last, nil), "processes/parcel-returns/index.html") {
			t.Errorf("%s: the open page is not reported as changed: %v", e.name, site.Changed(last, nil))
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
	before := map[string]*built.Body{}
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

// TestPatchKnowsPageFields: a patch (patch.go) replaces an edited page's
// fields by those of the saved file and keeps the relations other pages
// give it. A field content.Page gains must be sorted into one of the two
// here, and into keepRelations if it is a relation, or a patched build
// would lose it or keep it stale.
func TestPatchKnowsPageFields(t *testing.T) {
	// successors: what a decision record says supersedes it, which Load
	// links into other pages; patch builds anew for any change to a
	// decision's front matter.
	own := []string{"File", "Path", "URL", "ID", "Kind", "List", "Section", "Title", "Meta", "keys", "Body", "BodyLine",
		"Summary", "brokenFrontMatter", "front", "successors"}
	relations := []string{"SupersededBy", "Instructions", "Risks", "KPIs", "Decisions", "RACI", "ReferencedBy"}
	known := map[string]bool{}
	for _, f := range append(own, relations...) {
		known[f] = true
	}
	typ := reflect.TypeFor[content.Page]()
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; !known[name] {
			t.Errorf("content.Page has a field %s that patch.go does not know", name)
		}
		delete(known, typ.Field(i).Name)
	}
	for name := range known {
		t.Errorf("content.Page has no field %s any more: update this test and patch.go", name)
	}
	// keepRelations copies exactly the relations.
	var from, to content.Page
	fv := reflect.ValueOf(&from).Elem()
	for _, name := range relations {
		f := fv.FieldByName(name)
		f.Set(reflect.MakeSlice(f.Type(), 1, 1))
	}
	keepRelations(&to, &from)
	tv := reflect.ValueOf(&to).Elem()
	for _, name := range relations {
		if tv.FieldByName(name).Len() != 1 {
			t.Errorf("keepRelations does not keep %s", name)
		}
	}
}

// TestChangedMakesOnlyOpenPages: after a save, the dev server makes again
// only the pages a browser has open to tell whether they changed; every
// other page looked at before is reported as changed without being made.
func TestChangedMakesOnlyOpenPages(t *testing.T) {
	s, dir, prev := startSession(t, "en-small")
	const open, looked = "processes/parcel-returns/index.html", "index.html"
	for _, name := range []string{open, looked, "assets/style.css"} {
		if _, ok := prev.Get(name); !ok {
			t.Fatalf("no %s", name)
		}
	}
	isOpen := func(name string) bool { return name == open }
	for _, e := range []struct {
		file, text string
		changed    bool // whether the open page changes
	}{
		{"content/processes/parcel-returns.md", "\nNog een alinea.\n", true},
		{"content/_index.md", "\nEen alinea op de voorpagina.\n", false},
	} {
		s.Forget(appendTo(t, dir, e.file, e.text))
		_, site, err := s.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		changed := site.Changed(prev, isOpen)
		if slices.Contains(changed, open) != e.changed {
			t.Errorf("%s edited: the open page changed = %v, want %v (%v)", e.file, !e.changed, e.changed, changed)
		}
		if !slices.Contains(changed, looked) {
			t.Errorf("%s edited: the page looked at before is not reported: %v", e.file, changed)
		}
		if slices.Contains(changed, "assets/style.css") {
			t.Errorf("%s edited: the stylesheet is reported: %v", e.file, changed)
		}
		if _, made := site.memo.Load(looked); made {
			t.Errorf("%s edited: the page no browser has open was made again", e.file)
		}
		if _, made := site.memo.Load(open); !made {
			t.Errorf("%s edited: the open page was not made", e.file)
		}
		prev = site
		prev.Get(looked) // looked at again
	}
}

// TestSessionKeepsNoModel: the rendered bodies a session keeps between
// builds name the pages they link to by path, so that they keep no
// build's model alive (a fork's after each patch).
func TestSessionKeepsNoModel(t *testing.T) {
	s, dir, _ := startSession(t, "en-small")
	for _, file := range []string{"content/processes/parcel-returns.md", "content/instructions/issue-refund.md"} {
		s.Forget(appendTo(t, dir, file, "\nNog een alinea.\n"))
		if _, _, err := s.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		if !s.Patched {
			t.Fatalf("%s: not patched", file)
		}
	}
	links := 0
	for path, c := range s.bodies {
		for i, l := range c.r.Links {
			if l.Target.Page != nil {
				t.Errorf("%s: the kept body's link %d holds a page", path, i)
			}
			if c.targets[i] != "" {
				links++
			}
		}
	}
	if links == 0 {
		t.Fatal("no kept body links to a page: the test checks nothing")
	}
}

// TestPatchLetsTheBuildBeforeGo: once a patched build is served, nothing
// the session keeps holds the build it was patched from, whose memory can
// go: a chain of patches holds one model (and the fork made for the next
// save), not one per build.
func TestPatchLetsTheBuildBeforeGo(t *testing.T) {
	s, dir, site := startSession(t, "en-small")
	for _, name := range []string{"index.html", "processes/parcel-returns/index.html", "assets/style.css"} {
		if _, ok := site.Get(name); !ok {
			t.Fatalf("no %s", name)
		}
	}
	build := weak.Make(site.b)
	var pages []weak.Pointer[content.Page]
	for _, p := range site.b.site.Pages {
		pages = append(pages, weak.Make(p))
	}
	site = nil
	for i, file := range []string{"content/processes/parcel-returns.md", "content/instructions/issue-refund.md"} {
		if i == 1 {
			s.Prefork()
		}
		s.Forget(appendTo(t, dir, file, "\nNog een alinea.\n"))
		_, now, err := s.Build(context.Background())
		if err != nil || !s.Patched {
			t.Fatalf("%s: patched %v, %v", file, s.Patched, err)
		}
		if _, ok := now.Get("processes/parcel-returns/index.html"); !ok {
			t.Fatal("no page")
		}
	}
	runtime.GC()
	runtime.GC()
	if build.Value() != nil {
		t.Error("the first build is still alive after two patches")
	}
	alive := 0
	for _, p := range pages {
		if p.Value() != nil {
			alive++
		}
	}
	if alive > 0 {
		t.Errorf("%d of the first build's %d pages are still alive after two patches", alive, len(pages))
	}
	runtime.KeepAlive(s) // what the session keeps is what is tested
}

// startSession copies the example site name, and builds it in a session
// that learns of every change from Forget, as the dev server's does.
func startSession(t *testing.T, name string) (*Session, string, *LazySite) {
	t.Helper()
	dir := copySite(t, name)
	s := NewSession(Options{Site: dir, Now: sessionNow})
	s.TrustForget()
	_, site, err := s.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, dir, site
}
