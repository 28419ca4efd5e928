package generator

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator/publish"
)

// copySite copies examples/name into a temp folder, so the test may break it.
func copySite(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "examples", name)
	dst := filepath.Join(t.TempDir(), "site")
	copyTree(t, src, dst)
	return dst
}

// readTree returns every file under dir by slash path, or nil when dir is missing.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func buildTo(site, dest string, force bool) (*Result, error) {
	return Build(context.Background(), Options{Site: site, Destination: dest, Now: e2eToday, Force: force})
}

// siblings returns the names beside dest that start with "."+base(dest).
func siblings(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestPublishKeepsOldOutputOnError: a build with content errors leaves
// every published file byte-identical and no staging folder behind.
func TestPublishKeepsOldOutputOnError(t *testing.T) {
	site := copySite(t, "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	res, err := buildTo(site, dest, false)
	if err != nil {
		t.Fatalf("first build: %v\n%s", err, diagLines(res))
	}
	if !res.Published {
		t.Error("first build: Published = false")
	}
	before := readTree(t, dest)
	if _, ok := before[".handover-output"]; !ok {
		t.Error("the output has no .handover-output marker")
	}

	page := filepath.Join(site, "content", "processes", "parcel-returns.md")
	if err := os.WriteFile(page, []byte("---\ntitle: [unclosed\nowner: mchen\n---\nBody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = buildTo(site, dest, false)
	if !errors.Is(err, ErrContent) {
		t.Fatalf("build with invalid YAML: err = %v, want ErrContent", err)
	}
	if res.Published {
		t.Error("failed build: Published = true")
	}
	compareFiles(t, "after a failed build", before, readTree(t, dest))
	if s := siblings(t, dest); len(s) != 0 {
		t.Errorf("failed build left %v beside the output", s)
	}
}

// TestPublishReplacesOutput: a good build replaces the output as a whole,
// so pages that were removed from the content disappear.
func TestPublishReplacesOutput(t *testing.T) {
	site := copySite(t, "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	if res, err := buildTo(site, dest, false); err != nil {
		t.Fatalf("first build: %v\n%s", err, diagLines(res))
	}
	gone := filepath.Join(dest, "trainings", "returns-grading", "index.html")
	if _, err := os.Stat(gone); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content", "trainings", "returns-grading.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "notes.md"), []byte("# Notes\n\nNew page.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := buildTo(site, dest, false)
	if err != nil {
		t.Fatalf("second build: %v\n%s", err, diagLines(res))
	}
	if _, err := os.Stat(gone); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the page of a removed file is still published: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "notes", "index.html")); err != nil {
		t.Errorf("the new page is not published: %v", err)
	}
	if s := siblings(t, dest); len(s) != 0 {
		t.Errorf("build left %v beside the output", s)
	}
}

// TestPublishRemovesLeftovers: staging folders of killed builds beside the
// output are removed by the next good build.
func TestPublishRemovesLeftovers(t *testing.T) {
	site := copySite(t, "en-small")
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if res, err := buildTo(site, dest, false); err != nil {
		t.Fatalf("first build: %v\n%s", err, diagLines(res))
	}
	// A killed build's staging folder and old site carry the marker; an
	// empty one was killed before it wrote the marker.
	for _, name := range []string{".public.new-xyz", ".public.old-123"} {
		if err := os.MkdirAll(filepath.Join(parent, name, "processes"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, name, "index.html"), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, name, publish.Marker), []byte("written by handover"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(parent, ".public.new-empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A folder of the user's that happens to match the pattern is not
	// handover's: it has no marker.
	users := filepath.Join(parent, ".public.new-mine")
	if err := os.Mkdir(users, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(users, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(parent, ".other-folder")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if res, err := buildTo(site, dest, false); err != nil {
		t.Fatalf("second build: %v\n%s", err, diagLines(res))
	}
	if s := siblings(t, dest); len(s) != 1 || s[0] != ".public.new-mine" {
		t.Errorf("beside the output: %v, want only the user's .public.new-mine", s)
	}
	if data, err := os.ReadFile(filepath.Join(users, "notes.txt")); err != nil || string(data) != "mine" {
		t.Errorf("the user's folder was touched: %q %v", data, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a folder that is not a leftover of handover was removed: %v", err)
	}
}

// TestPublishCancelled: a cancelled build publishes nothing and leaves the
// old output as it was.
func TestPublishCancelled(t *testing.T) {
	site := copySite(t, "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	if res, err := buildTo(site, dest, false); err != nil {
		t.Fatalf("first build: %v\n%s", err, diagLines(res))
	}
	before := readTree(t, dest)
	if err := os.WriteFile(filepath.Join(site, "content", "notes.md"), []byte("# Notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Build(ctx, Options{Site: site, Destination: dest, Now: e2eToday})
	if err == nil {
		t.Fatal("cancelled build returned no error")
	}
	if res != nil && res.Published {
		t.Error("cancelled build: Published = true")
	}
	compareFiles(t, "after a cancelled build", before, readTree(t, dest))
	if s := siblings(t, dest); len(s) != 0 {
		t.Errorf("cancelled build left %v beside the output", s)
	}
}

// TestPublishRefusesSources: the output may never be the site root,
// content/, static/, themes/ or a parent of the site, and handover does not
// write into a non-empty folder it did not write unless forced.
func TestPublishRefusesSources(t *testing.T) {
	site := copySite(t, "en-small")
	before := readTree(t, site)
	for _, dest := range []string{
		site,
		site + string(filepath.Separator),
		filepath.Join(site, "content"),
		filepath.Join(site, "static"),
		filepath.Dir(site),
		filepath.Join(site, "content", ".."),
	} {
		for _, force := range []bool{false, true} {
			res, err := buildTo(site, dest, force)
			if err == nil || errors.Is(err, ErrContent) {
				t.Errorf("Build to %s (force %v): err = %v, want a refusal", dest, force, err)
			}
			if res != nil && res.Published {
				t.Errorf("Build to %s: Published = true", dest)
			}
		}
	}
	compareFiles(t, "site after refused builds", before, readTree(t, site))
	if s := siblings(t, site); len(s) != 0 {
		t.Errorf("refused builds left %v beside the site", s)
	}
}

// TestPublishRefusesInsideSources: an output folder inside content/ or
// static/ would be read back as content and, with Force, replace source
// files; Force does not make it safe.
func TestPublishRefusesInsideSources(t *testing.T) {
	site := copySite(t, "en-small")
	for _, dir := range []string{"content/notes", "static/files"} {
		src := filepath.Join(site, filepath.FromSlash(dir))
		if err := os.MkdirAll(src, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "keep.md"), []byte("# Keep\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := readTree(t, site)
	for _, dir := range []string{"content/notes", "static/files"} {
		dest := filepath.Join(site, filepath.FromSlash(dir))
		res, err := buildTo(site, dest, true)
		if err == nil {
			t.Errorf("BUG: Build with Force to %s (inside the sources) succeeded (Published %v); it replaced the source folder", dir, res.Published)
		}
	}
	compareFiles(t, "sources after builds into them", before, readTree(t, site))
}

// TestPublishRefusesForeignFolder: a non-empty folder without the marker is
// refused, and used with Force; an empty folder is fine.
func TestPublishRefusesForeignFolder(t *testing.T) {
	site := copySite(t, "en-small")
	dest := filepath.Join(t.TempDir(), "www")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "precious.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := buildTo(site, dest, false)
	if err == nil || errors.Is(err, ErrContent) {
		t.Fatalf("Build into a foreign folder: err = %v, want a refusal", err)
	}
	if res.Published {
		t.Error("refused build: Published = true")
	}
	if data, err := os.ReadFile(filepath.Join(dest, "precious.txt")); err != nil || string(data) != "keep me" {
		t.Errorf("refused build touched the folder: %q, %v", data, err)
	}
	if res, err := buildTo(site, dest, true); err != nil {
		t.Fatalf("Build with Force: %v\n%s", err, diagLines(res))
	}
	if _, err := os.Stat(filepath.Join(dest, ".handover-output")); err != nil {
		t.Errorf("forced build wrote no marker: %v", err)
	}

	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if res, err := buildTo(site, empty, false); err != nil {
		t.Errorf("Build into an empty folder: %v\n%s", err, diagLines(res))
	}
}

// TestPublishDefaultDestination: without Destination the site goes to
// SITE/public, which is not read back as content on the next build.
func TestPublishDefaultDestination(t *testing.T) {
	site := copySite(t, "en-small")
	for i := range 2 {
		res, err := Build(context.Background(), Options{Site: site, Now: e2eToday})
		if err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, diagLines(res))
		}
		if len(res.Diagnostics) != 0 {
			t.Errorf("build %d: %s", i, diagLines(res))
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public", "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "public")); err == nil {
		t.Error("the output was copied into itself")
	}
}

// TestDryRunWritesNothing: DryRun (handover check) runs everything and
// writes nothing.
func TestDryRunWritesNothing(t *testing.T) {
	site := copySite(t, "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Site: site, Destination: dest, Now: e2eToday, DryRun: true})
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, diagLines(res))
	}
	if res.Published {
		t.Error("dry run: Published = true")
	}
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run created the output: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run created SITE/public: %v", err)
	}
	if s := siblings(t, dest); len(s) != 0 {
		t.Errorf("dry run left %v", s)
	}
}

// TestSourceDateEpoch: with Options.Now zero, SOURCE_DATE_EPOCH pins today
// for the build date and the review checks.
func TestSourceDateEpoch(t *testing.T) {
	site := `
-- handover.yaml --
title: Epoch
language: en
checks:
  commitment-missing: off
  rhythm-missing: off
-- people.yaml --
people:
  - id: jan
-- content/processes/p.md --
---
title: P
owner: jan
sponsor: jan
reviewed: 2026-10-01
review_every: 3m
---
`
	zero := func(o *Options) { o.Now = time.Time{} }
	for _, tc := range []struct {
		epoch   time.Time
		footer  string
		overdue bool
	}{
		{time.Date(2026, 11, 20, 23, 59, 0, 0, time.UTC), "20 November 2026", false},
		{time.Date(2027, 1, 2, 0, 0, 1, 0, time.UTC), "2 January 2027", true},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(tc.epoch.Unix(), 10))
		res, files := buildTxtar(t, site, zero)
		overdue := false
		for _, d := range res.Diagnostics {
			if d.Rule == "review-overdue" {
				overdue = true
			}
		}
		if overdue != tc.overdue {
			t.Errorf("epoch %s: review-overdue = %v, want %v (%s)", tc.epoch, overdue, tc.overdue, diagLines(res))
		}
		page := mustFile(t, files, "processes/p/index.html")
		if !strings.Contains(page, tc.footer) {
			t.Errorf("epoch %s: page does not show the build date %q", tc.epoch, tc.footer)
		}
		if want := `<meta name="handover:today" content="` + tc.epoch.Format("2006-01-02") + `">`; !strings.Contains(page, want) {
			t.Errorf("epoch %s: page lacks %s", tc.epoch, want)
		}
		// Two builds with the same epoch are identical.
		_, again := buildTxtar(t, site, zero)
		compareFiles(t, "same SOURCE_DATE_EPOCH", files, again)
	}
}
