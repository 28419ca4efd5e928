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
	"time"
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

// TestCacheTrim checks the policy of trim on a folder of entries made by
// hand: what the build used stays, the rest goes least recently used first
// until the folder is within cacheKeep times what was used, and a half
// written entry goes once it is an hour old.
func TestCacheTrim(t *testing.T) {
	defer func(f int64) { cacheFloor = f }(cacheFloor)
	cacheFloor = 0
	c := &renderCache{dir: filepath.Join(t.TempDir(), "render"), used: map[string]bool{}}
	now := time.Now()
	stale := func(key string, size int, age time.Duration) string {
		p := c.path("out", key)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, strings.Repeat("x", size))
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c.put("body", strings.Repeat("a", 64), bytes.Repeat([]byte("u"), 100)) // used: 100 bytes, so the limit is 400
	oldest := stale(strings.Repeat("b", 64), 200, 72*time.Hour)
	older := stale(strings.Repeat("c", 64), 200, 48*time.Hour)
	recent := stale(strings.Repeat("d", 64), 150, 2*time.Hour)
	newest := stale(strings.Repeat("e", 64), 50, time.Minute)
	leftover := filepath.Join(filepath.Dir(recent), tmpPrefix+"1")
	writeFile(t, leftover, "half")
	_ = os.Chtimes(leftover, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	writing := filepath.Join(filepath.Dir(recent), tmpPrefix+"2")
	writeFile(t, writing, "half")

	c.trim()

	// 100 + 200 + 200 + 150 + 50 = 700 bytes, over 4 × 100: the two
	// oldest go, down to 3 × 100.
	want := map[string]bool{
		c.path("body", strings.Repeat("a", 64)): true,
		oldest:                                  false,
		older:                                   false,
		recent:                                  true,
		newest:                                  true,
		leftover:                                false,
		writing:                                 true,
	}
	for p, want := range want {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: kept = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	sizePath := filepath.Join(c.dir, sizeFile)
	if data, _ := os.ReadFile(sizePath); string(data) != "300\n" {
		t.Errorf("size file = %q, want 300", data)
	}

	// The next build trusts the size file and lists nothing while it is
	// within the limit, even though the folder grew behind its back ...
	big := stale(strings.Repeat("f", 64), 1000, 96*time.Hour)
	c.trim()
	if _, err := os.Stat(big); err != nil {
		t.Fatalf("trim listed the folder although the size file said it was within the limit: %v", err)
	}
	// ... for a day at most.
	_ = os.Chtimes(sizePath, now.Add(-25*time.Hour), now.Add(-25*time.Hour))
	c.trim()
	if _, err := os.Stat(big); err == nil {
		t.Fatal("a day-old size file was still trusted")
	}
	if data, _ := os.ReadFile(sizePath); string(data) != "300\n" {
		t.Errorf("size file = %q, want 300", data)
	}
}

// TestCacheTouch checks that reading an entry sets its time when it is
// older than touchAfter, and leaves it alone otherwise.
func TestCacheTouch(t *testing.T) {
	c := &renderCache{dir: filepath.Join(t.TempDir(), "render"), used: map[string]bool{}}
	for _, age := range []time.Duration{2 * touchAfter, touchAfter / 2} {
		key := fmt.Sprintf("%064d", age)
		c.put("hl", key, []byte("<pre></pre>"))
		p := c.path("hl", key)
		then := time.Now().Add(-age).Truncate(time.Second)
		if err := os.Chtimes(p, then, then); err != nil {
			t.Fatal(err)
		}
		if data, ok := c.get("hl", key); !ok || string(data) != "<pre></pre>" {
			t.Fatalf("get = %q, %v", data, ok)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if touched := !info.ModTime().Equal(then); touched != (age > touchAfter) {
			t.Errorf("entry %v old: touched = %v (time %v)", age, touched, info.ModTime())
		}
	}
}

// TestCacheBounded edits a page again and again, as CI does, with no floor
// under the cache's size: the entries each edit makes stale (the print
// document, the search index) must go, every build must still equal a
// clean one, and a build after the last trim must find everything it
// needs (it writes no entry).
func TestCacheBounded(t *testing.T) {
	defer func(f int64) { cacheFloor = f }(cacheFloor)
	cacheFloor = 0
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
		if s > cacheKeep*first*11/10 {
			t.Fatalf("after edit %d the cache holds %d bytes, more than %d× the %d of the first build: %v", i, s, cacheKeep, first, sizes)
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
	defer func(f, k int64) { cacheFloor, cacheKeep = f, k }(cacheFloor, cacheKeep)
	cacheFloor, cacheKeep = 0, 1 // each build keeps only what it used
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
