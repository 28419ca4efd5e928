package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover-dev/handover/generator/store"
)

// TestSpillSameOutput builds both examples with every body kept on disk
// and checks that the site is exactly what a build in memory writes, and
// that the spill file is gone afterwards.
func TestSpillSameOutput(t *testing.T) {
	for _, example := range []string{"nl-klantenservice", "en-small"} {
		t.Run(example, func(t *testing.T) {
			site := filepath.Join("..", "examples", example)
			out := t.TempDir()
			cache := t.TempDir()
			build := func(dest, cacheDir string) {
				t.Helper()
				if _, err := Build(context.Background(), Options{Site: site, Destination: dest, CacheDir: cacheDir, Now: sessionNow}); err != nil {
					t.Fatal(err)
				}
			}
			build(filepath.Join(out, "memory"), "")
			made := spillsMade.Load()
			defer func(old int64) { spillAbove = old }(spillAbove)
			spillAbove = 0
			// Without a cache, then with an empty one and with a full one.
			for _, run := range []struct{ dest, cache string }{{"disk", ""}, {"cold", cache}, {"warm", cache}} {
				build(filepath.Join(out, run.dest), run.cache)
				if diff := diffFiles(readTree(t, filepath.Join(out, "memory")), readTree(t, filepath.Join(out, run.dest))); diff != "" {
					t.Fatalf("a build that spills (%s) differs from one in memory: %s", run.dest, diff)
				}
			}
			if spillsMade.Load() != made+3 {
				t.Fatal("the builds did not keep their bodies on disk")
			}
			entries, _ := os.ReadDir(out)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".spill-") {
					t.Errorf("spill file left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestSpillFailureNotPublished checks that a build whose spill file cannot
// be read back fails and leaves the published site alone.
func TestSpillFailureNotPublished(t *testing.T) {
	site := filepath.Join("..", "examples", "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Site: site, Destination: dest, Now: sessionNow}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)
	defer func(old int64) { spillAbove = old }(spillAbove)
	spillAbove = 0
	spillHook = func(s *store.Spill) { s.Close() } // every read and write then fails
	defer func() { spillHook = nil }()
	_, err := Build(context.Background(), Options{Site: site, Destination: dest, Now: sessionNow})
	if err == nil || !strings.Contains(err.Error(), "kept on disk") {
		t.Fatalf("got %v, want the spill's error", err)
	}
	if diff := diffFiles(before, readTree(t, dest)); diff != "" {
		t.Fatalf("a failed build changed the published site: %s", diff)
	}
}

// TestSpillCachedEdit edits a body between two builds that spill and share
// a cache: the edited page must not come out of the cache as it was.
func TestSpillCachedEdit(t *testing.T) {
	defer func(old int64) { spillAbove = old }(spillAbove)
	spillAbove = 0
	site, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	copyTree(t, "../examples/en-small", site)
	build := func(dest, cacheDir string) map[string][]byte {
		t.Helper()
		dest = filepath.Join(out, dest)
		if _, err := Build(context.Background(), Options{Site: site, Destination: dest, CacheDir: cacheDir, Now: sessionNow}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dest)
	}
	made := spillsMade.Load()
	build("before", cache)
	appendFile(t, filepath.Join(site, "content/instructions/issue-refund.md"), "\nOne more sentence.\n")
	if diff := diffFiles(build("clean", ""), build("cached", cache)); diff != "" {
		t.Fatalf("after a body edit, the cached build that spills differs from a clean build: %s", diff)
	}
	if spillsMade.Load() != made+3 {
		t.Fatal("the builds did not keep their bodies on disk")
	}
}
