package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handover-dev/handover/generator/store"
)

// TestCacheSameOutput edits a copy of the English example in the ways a
// CI run meets them and checks after each edit that a build with the
// render cache of the earlier builds writes exactly what a clean build
// writes.
func TestCacheSameOutput(t *testing.T) {
	site := t.TempDir()
	copyTree(t, "../examples/en-small", site)
	cache := t.TempDir()
	page := filepath.Join(site, "content/instructions/issue-refund.md")
	edits := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"unchanged", func(*testing.T) {}},
		{"body edit", func(t *testing.T) { appendFile(t, page, "\nOne more sentence.\n") }},
		{"code block", func(t *testing.T) { appendFile(t, page, "\n```sql\nselect 1;\n```\n") }},
		{"new link", func(t *testing.T) {
			appendFile(t, page, "\nSee [the dock decision](../decisions/0001-grade-returns-at-dock.md).\n")
		}},
		{"title edit", func(t *testing.T) { replaceInFile(t, page, "title: Issue a refund", "title: Refund") }},
		{"new page", func(t *testing.T) {
			writeFile(t, filepath.Join(site, "content/instructions/new.md"), "---\ntitle: New\nowner: lgarcia\n---\n\nLinks to [refunds](issue-refund.md).\n")
		}},
		{"page removed", func(t *testing.T) { removeFile(t, filepath.Join(site, "content/instructions/new.md")) }},
		{"people edit", func(t *testing.T) {
			replaceInFile(t, filepath.Join(site, "people.yaml"), "Lucía García", "Lucía García-Ruiz")
		}},
	}
	for _, e := range edits {
		e.edit(t)
		clean := buildInMemory(t, Options{Site: site, Now: sessionNow})
		warm := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
		again := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
		for _, got := range []map[string][]byte{warm, again} {
			if diff := diffFiles(clean, got); diff != "" {
				t.Fatalf("after %s, the cached build differs from a clean build: %s", e.name, diff)
			}
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "render", "out")); len(entries) == 0 {
		t.Fatal("the cache holds no outputs")
	}
}

// TestCacheCorruptEntry checks that a damaged entry is rebuilt, not used.
func TestCacheCorruptEntry(t *testing.T) {
	site := t.TempDir()
	copyTree(t, "../examples/en-small", site)
	cache := t.TempDir()
	clean := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
	_ = filepath.WalkDir(filepath.Join(cache, "render", "body"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_ = os.WriteFile(p, []byte("garbage"), 0o644)
		}
		return nil
	})
	if diff := diffFiles(clean, buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})); diff != "" {
		t.Fatalf("with damaged body entries: %s", diff)
	}
}

func buildInMemory(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	mem := &MemSink{}
	opts.Sink = mem
	if _, err := Build(context.Background(), opts); err != nil && err != ErrContent {
		t.Fatal(err)
	}
	return mem.Files
}

func diffFiles(want, got map[string][]byte) string {
	var out []string
	for name, w := range want {
		if g, ok := got[name]; !ok {
			out = append(out, "missing "+name)
		} else if !bytes.Equal(w, g) {
			out = append(out, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			out = append(out, "extra "+name)
		}
	}
	if len(out) > 5 {
		out = append(out[:5], "…")
	}
	return strings.Join(out, ", ")
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, string(data)+text)
}

func replaceInFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	writeFile(t, name, strings.Replace(string(data), old, new, 1))
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}

// TestCacheBounded edits a page again and again, as CI does, with no floor
// under the cache's size: the entries each edit makes stale (the print
// document, the search index) must go, every build must still equal a
// clean one, and a build after the last trim must find everything it
// needs (it writes no entry).
func TestCacheBounded(t *testing.T) {
	defer func(f int64) { store.Floor = f }(store.Floor)
	store.Floor = 0
	site := t.TempDir()
	copyTree(t, "../examples/en-small", site)
	cache := t.TempDir()
	page := filepath.Join(site, "content/instructions/issue-refund.md")
	var sizes []int64
	for i := range 30 {
		appendFile(t, page, fmt.Sprintf("\nEdit %d.\n", i))
		got := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
		if diff := diffFiles(buildInMemory(t, Options{Site: site, Now: sessionNow}), got); diff != "" {
			t.Fatalf("edit %d: the cached build differs from a clean build: %s", i, diff)
		}
		sizes = append(sizes, treeSize(t, cache))
	}
	first := sizes[0]
	for i, s := range sizes {
		if s > store.Keep*first*11/10 {
			t.Fatalf("after edit %d the cache holds %d bytes, more than %d× the %d of the first build: %v", i, s, store.Keep, first, sizes)
		}
	}
	before := treeNames(t, cache)
	buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
	if after := treeNames(t, cache); !slices.Equal(before, after) {
		t.Fatalf("a build with no change after trimming wrote entries: %d before, %d after", len(before), len(after))
	}
}

func treeSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func treeNames(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestCacheSharedWhileTrimmed builds two sites at once, again and again,
// into one cache folder that each build trims down to what it used itself,
// so that each removes entries the other is using: every build must still
// write what a clean build writes.
func TestCacheSharedWhileTrimmed(t *testing.T) {
	defer func(f, k int64) { store.Floor, store.Keep = f, k }(store.Floor, store.Keep)
	store.Floor, store.Keep = 0, 1 // each build keeps only what it used
	cache := t.TempDir()
	sites := []string{t.TempDir(), t.TempDir()}
	copyTree(t, "../examples/en-small", sites[0])
	copyTree(t, "../examples/nl-klantenservice", sites[1])
	clean := make([]map[string][]byte, len(sites))
	for i, site := range sites {
		clean[i] = buildInMemory(t, Options{Site: site, Now: sessionNow})
	}
	errs := make(chan string, 2*len(sites)*4)
	var wg sync.WaitGroup
	for i, site := range sites {
		wg.Go(func() {
			for range 4 {
				mem := &MemSink{}
				if _, err := Build(context.Background(), Options{Site: site, Now: sessionNow, CacheDir: cache, Sink: mem}); err != nil && err != ErrContent {
					errs <- err.Error()
					return
				}
				if diff := diffFiles(clean[i], mem.Files); diff != "" {
					errs <- filepath.Base(site) + ": " + diff
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
