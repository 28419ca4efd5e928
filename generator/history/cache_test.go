package history

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestKey(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		same bool
	}{
		{"equal parts", []string{"abc", "v1"}, []string{"abc", "v1"}, true},
		{"other generator", []string{"abc", "v1"}, []string{"abc", "v2"}, false},
		{"split moved", []string{"ab", "c"}, []string{"a", "bc"}, false},
		{"extra empty part", []string{"abc"}, []string{"abc", ""}, false},
	}
	for _, tt := range tests {
		ka, kb := Key(tt.a...), Key(tt.b...)
		if (ka == kb) != tt.same {
			t.Errorf("%s: Key(%q) = %s, Key(%q) = %s", tt.name, tt.a, ka, tt.b, kb)
		}
		if !validKey(ka) || !isKey(ka) {
			t.Errorf("%s: Key %q is not a valid key", tt.name, ka)
		}
	}
}

func TestCache(t *testing.T) {
	c := Cache{Dir: filepath.Join(t.TempDir(), "versions")}
	key := Key("commit", "gen 1.0", "theme")
	if _, ok := c.Get(key); ok {
		t.Fatal("Get before Put found an entry")
	}
	files := map[string][]byte{"index.html": []byte("<h1>v1</h1>"), "a/b/index.html": []byte("b")}
	if err := c.Put(key, files); err != nil {
		t.Fatal(err)
	}
	dir, ok := c.Get(key)
	if !ok {
		t.Fatal("Get after Put found nothing")
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	// A second Put of the same key keeps the first entry.
	if err := c.Put(key, map[string][]byte{"other.html": nil}); err != nil {
		t.Errorf("second Put: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.html")); err == nil {
		t.Error("second Put replaced the entry")
	}
	bad := []struct {
		key   string
		files map[string][]byte
	}{
		{"../escape", nil},
		{".hidden", nil},
		{"", nil},
		{Key("x"), map[string][]byte{"../up.html": nil}},
		{Key("y"), map[string][]byte{"/abs.html": nil}},
	}
	for _, b := range bad {
		if err := c.Put(b.key, b.files); err == nil {
			t.Errorf("Put(%q, %v): no error", b.key, b.files)
		}
		if _, ok := c.Get(b.key); ok {
			t.Errorf("Get(%q) found an entry after a failed Put", b.key)
		}
	}
	assertEntries(t, c.Dir, 1)
}

// TestCacheTrim checks which entries Trim removes: those not kept and not
// used for the given age, and leftovers of writes over an hour old; never
// other files.
func TestCacheTrim(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	keep, recent, old, usedNow := Key("keep"), Key("recent"), Key("old"), Key("used")
	for _, k := range []string{keep, recent, old, usedNow} {
		if err := c.Put(k, map[string][]byte{"index.html": []byte(k)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{".tmp-old", ".tmp-writing", "unrelated"} {
		if err := os.Mkdir(filepath.Join(c.Dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ago := func(name string, d time.Duration) {
		then := time.Now().Add(-d)
		if err := os.Chtimes(filepath.Join(c.Dir, name), then, then); err != nil {
			t.Fatal(err)
		}
	}
	week := 7 * 24 * time.Hour
	ago(keep, 2*week)
	ago(recent, week/2)
	ago(old, 2*week)
	ago(usedNow, 2*week)
	ago(".tmp-old", 2*time.Hour)
	ago("unrelated", 2*week)
	c.Use(usedNow) // a build used it: it is new again

	if err := c.Trim(week, keep); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{keep: true, recent: true, old: false, usedNow: true,
		".tmp-old": false, ".tmp-writing": true, "unrelated": true}
	for name, exists := range want {
		_, err := os.Stat(filepath.Join(c.Dir, name))
		if (err == nil) != exists {
			t.Errorf("%s exists = %v, want %v", name, err == nil, exists)
		}
	}
	if err := (Cache{Dir: filepath.Join(c.Dir, "missing")}).Trim(week); err != nil {
		t.Errorf("Trim of a missing dir: %v", err)
	}
}

// assertEntries checks the number of entries in dir, leftovers included.
func assertEntries(t *testing.T, dir string, want int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != want {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %q, want %d entries", dir, names, want)
	}
}
