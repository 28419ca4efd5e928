package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheTrim checks the policy of trim on a folder of entries made by
// hand: what the build used stays, the rest goes least recently used first
// until the folder is within Keep times what was used, and a half
// written entry goes once it is an hour old.
func TestCacheTrim(t *testing.T) {
	defer func(f int64) { Floor = f }(Floor)
	Floor = 0
	c := NewCache(filepath.Join(t.TempDir(), "render"))
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
	c.Put("body", strings.Repeat("a", 64), bytes.Repeat([]byte("u"), 100)) // used: 100 bytes, so the limit is 400
	oldest := stale(strings.Repeat("b", 64), 200, 72*time.Hour)
	older := stale(strings.Repeat("c", 64), 200, 48*time.Hour)
	recent := stale(strings.Repeat("d", 64), 150, 2*time.Hour)
	newest := stale(strings.Repeat("e", 64), 50, time.Minute)
	leftover := filepath.Join(filepath.Dir(recent), tmpPrefix+"1")
	writeFile(t, leftover, "half")
	_ = os.Chtimes(leftover, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	writing := filepath.Join(filepath.Dir(recent), tmpPrefix+"2")
	writeFile(t, writing, "half")

	c.Trim()

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
	c.Trim()
	if _, err := os.Stat(big); err != nil {
		t.Fatalf("trim listed the folder although the size file said it was within the limit: %v", err)
	}
	// ... for a day at most.
	_ = os.Chtimes(sizePath, now.Add(-25*time.Hour), now.Add(-25*time.Hour))
	c.Trim()
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
	c := NewCache(filepath.Join(t.TempDir(), "render"))
	for _, age := range []time.Duration{2 * touchAfter, touchAfter / 2} {
		key := fmt.Sprintf("%064d", age)
		c.Put("hl", key, []byte("<pre></pre>"))
		p := c.path("hl", key)
		then := time.Now().Add(-age).Truncate(time.Second)
		if err := os.Chtimes(p, then, then); err != nil {
			t.Fatal(err)
		}
		if data, ok := c.Get("hl", key); !ok || string(data) != "<pre></pre>" {
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

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
