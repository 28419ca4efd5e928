package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// recorder runs a Watcher and collects the batches it delivers.
type recorder struct {
	mu      sync.Mutex
	batches []Batch
	signal  chan struct{}
}

func startWatcher(t *testing.T, root string, opts Options) (*Watcher, *recorder) {
	t.Helper()
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	return w, runWatcher(t, w)
}

func runWatcher(t *testing.T, w *Watcher) *recorder {
	t.Helper()
	rec := &recorder{signal: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		w.Run(ctx, func(b Batch) {
			rec.mu.Lock()
			rec.batches = append(rec.batches, b)
			rec.mu.Unlock()
			select {
			case rec.signal <- struct{}{}:
			default:
			}
		})
	}()
	t.Cleanup(func() {
		cancel()
		<-finished
		if err := w.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return rec
}

// paths returns the union of the paths delivered so far.
func (r *recorder) paths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all []string
	for _, b := range r.batches {
		all = append(all, b.Paths...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.batches)
}

// waitFor waits until every path in want has been delivered.
func (r *recorder) waitFor(t *testing.T, want ...string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		got := r.paths()
		missing := 0
		for _, p := range want {
			if _, ok := slices.BinarySearch(got, p); !ok {
				missing++
			}
		}
		if missing == 0 {
			return
		}
		select {
		case <-r.signal:
		case <-deadline:
			t.Fatalf("%d of %d paths not delivered; got %q", missing, len(want), got)
		}
	}
}

// settle waits for a quiet moment so events of earlier steps are in.
func settle() { time.Sleep(100 * time.Millisecond) }

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherEditorSaves(t *testing.T) {
	tests := []struct {
		name string
		save func(t *testing.T, target string)
	}{
		{"in place (VS Code)", func(t *testing.T, target string) {
			write(t, target, "new")
		}},
		{"rename over (atomic save)", func(t *testing.T, target string) {
			tmp := target + ".tmp-123"
			write(t, tmp, "new")
			if err := os.Rename(tmp, target); err != nil {
				t.Fatal(err)
			}
		}},
		{"JetBrains safe write", func(t *testing.T, target string) {
			write(t, target+"___jb_tmp___", "new")
			mustRename(t, target, target+"___jb_old___")
			mustRename(t, target+"___jb_tmp___", target)
			mustRemove(t, target+"___jb_old___")
		}},
		{"vim backup and rename", func(t *testing.T, target string) {
			dir := filepath.Dir(target)
			write(t, filepath.Join(dir, "4913"), "")
			mustRemove(t, filepath.Join(dir, "4913"))
			mustRename(t, target, target+"~")
			write(t, target, "new")
			write(t, filepath.Join(dir, ".a.md.swp"), "swap")
			mustRemove(t, target+"~")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			target := filepath.Join(root, "content", "a.md")
			write(t, target, "old")
			_, rec := startWatcher(t, root, Options{})
			tt.save(t, target)
			rec.waitFor(t, "content/a.md")
			settle()
			// Other paths may be reported (a temp name no filter knows),
			// but only ones that are gone again, so a rebuild skips them.
			for _, p := range rec.paths() {
				if p == "content/a.md" || p == "content" {
					continue
				}
				if _, err := os.Lstat(filepath.Join(root, p)); err == nil {
					t.Errorf("delivered %q, which still exists", p)
				}
			}
			// The folder is still watched after the save.
			write(t, filepath.Join(root, "content", "b.md"), "b")
			rec.waitFor(t, "content/b.md")
		})
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func mustRemove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherNewFolders(t *testing.T) {
	root := t.TempDir()
	_, rec := startWatcher(t, root, Options{})
	// Created with content at once, before the watcher can add the folder.
	write(t, filepath.Join(root, "content", "risks", "deep", "r1.md"), "r1")
	rec.waitFor(t, "content/risks/deep/r1.md")
	// The new folders are watched from now on.
	write(t, filepath.Join(root, "content", "risks", "deep", "r2.md"), "r2")
	rec.waitFor(t, "content/risks/deep/r2.md")

	// A folder moved in from outside the root, with its files.
	outside := t.TempDir()
	write(t, filepath.Join(outside, "kpis", "k.md"), "k")
	mustRename(t, filepath.Join(outside, "kpis"), filepath.Join(root, "content", "kpis"))
	rec.waitFor(t, "content/kpis", "content/kpis/k.md")
	write(t, filepath.Join(root, "content", "kpis", "k2.md"), "k2")
	rec.waitFor(t, "content/kpis/k2.md")
}

func TestWatcherDeletion(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content", "a.md"), "a")
	write(t, filepath.Join(root, "content", "old", "x.md"), "x")
	_, rec := startWatcher(t, root, Options{})
	mustRemove(t, filepath.Join(root, "content", "a.md"))
	rec.waitFor(t, "content/a.md")
	if err := os.RemoveAll(filepath.Join(root, "content", "old")); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "content/old", "content/old/x.md")
	settle()
	// Recreating the folder watches it again.
	write(t, filepath.Join(root, "content", "old", "y.md"), "y")
	rec.waitFor(t, "content/old/y.md")
}

// TestWatcherSymlinkedRoot: a site folder that is itself a symbolic link
// (a checkout linked into place) is watched where it points.
func TestWatcherSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	write(t, filepath.Join(real, "content", "a.md"), "a")
	link := filepath.Join(dir, "site")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, rec := startWatcher(t, link, Options{})
	write(t, filepath.Join(link, "content", "a.md"), "b")
	rec.waitFor(t, "content/a.md")
	write(t, filepath.Join(real, "content", "new", "b.md"), "b")
	rec.waitFor(t, "content/new/b.md")
}

func TestWatcherIgnores(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "public", "index.html"), "out")
	write(t, filepath.Join(root, ".git", "HEAD"), "ref")
	_, rec := startWatcher(t, root, Options{
		Exclude: []string{"public"},
		Ignore:  func(rel string) bool { return strings.HasSuffix(rel, ".bak") },
	})
	write(t, filepath.Join(root, "public", "index.html"), "out2")
	write(t, filepath.Join(root, "public", "new", "index.html"), "out3")
	write(t, filepath.Join(root, ".git", "index.lock"), "lock")
	write(t, filepath.Join(root, "content", ".a.md.swp"), "swap")
	write(t, filepath.Join(root, "content", "a.md~"), "backup")
	write(t, filepath.Join(root, "content", "a.md.bak"), "bak")
	write(t, filepath.Join(root, "content", "a.md"), "real")
	rec.waitFor(t, "content/a.md")
	settle()
	want := []string{"content", "content/a.md"}
	if got := rec.paths(); !slices.Equal(got, want) {
		t.Errorf("paths = %q, want %q", got, want)
	}
}

func TestWatcherBurst(t *testing.T) {
	const n = 2000
	root := t.TempDir()
	_, rec := startWatcher(t, root, Options{})
	var want []string
	start := time.Now()
	for i := range n {
		rel := fmt.Sprintf("content/dir%02d/page%04d.md", i%20, i)
		write(t, filepath.Join(root, filepath.FromSlash(rel)), "page")
		want = append(want, rel)
	}
	written := time.Since(start)
	rec.waitFor(t, want...)
	settle()
	t.Logf("wrote %d files in %v", n, written)
	// A batch of a burst is cut only by a pause of five quiet periods in
	// the writing, or by DefaultMaxDelay: so at most one per such pause of
	// the time the writing took (a busy machine pauses more), never one
	// per file.
	if got, most := rec.count(), int(written/(DefaultQuiet*burstQuietFactor))+3; got > most {
		t.Errorf("a burst of %d files written in %v gave %d batches, want at most %d", n, written, got, most)
	}
	t.Logf("%d files in %d batches", n, rec.count())
}

func TestWatcherEditDuringDelivery(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var batches []Batch
	release := make(chan struct{})
	got := make(chan struct{}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		w.Run(ctx, func(b Batch) {
			mu.Lock()
			batches = append(batches, b)
			first := len(batches) == 1
			mu.Unlock()
			got <- struct{}{}
			if first {
				<-release // a slow rebuild
			}
		})
	}()
	defer func() { cancel(); <-finished; _ = w.Close() }()
	write(t, filepath.Join(root, "a.md"), "1")
	<-got
	for i := range 5 { // edits while the first rebuild runs
		write(t, filepath.Join(root, fmt.Sprintf("b%d.md", i)), "2")
		time.Sleep(30 * time.Millisecond)
	}
	close(release)
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no batch after the slow delivery")
	}
	settle()
	mu.Lock()
	defer mu.Unlock()
	if len(batches) != 2 {
		t.Fatalf("got %d batches, want 2: %v", len(batches), batches)
	}
	if want := []string{"b0.md", "b1.md", "b2.md", "b3.md", "b4.md"}; !slices.Equal(batches[1].Paths, want) {
		t.Errorf("second batch = %q, want %q", batches[1].Paths, want)
	}
}

// fakeBackend stands in for fsnotify; Add fails once limit folders are
// watched.
type fakeBackend struct {
	mu      sync.Mutex
	added   []string
	limit   int
	events  chan fsnotify.Event
	errs    chan error
	removed []string
}

func (f *fakeBackend) Add(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.added) >= f.limit {
		return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
	}
	f.added = append(f.added, name)
	return nil
}

func (f *fakeBackend) Remove(name string) error {
	f.removed = append(f.removed, name)
	return nil
}

func (f *fakeBackend) Close() error { return nil }

func newFake(t *testing.T, root string, limit int) (*Watcher, *fakeBackend) {
	t.Helper()
	fb := &fakeBackend{limit: limit, events: make(chan fsnotify.Event), errs: make(chan error)}
	w, err := newWatcher(root, Options{}, fb, fb.events, fb.errs)
	if err != nil {
		t.Fatal(err)
	}
	return w, fb
}

func TestWatcherRescan(t *testing.T) {
	tests := []struct {
		name     string
		limit    int
		err      error
		wantWarn string
	}{
		{"watch limit at start", 1, nil, "limit on watched folders"},
		{"event overflow", 100, fsnotify.ErrEventOverflow, "some were lost"},
		{"other watcher error", 100, fmt.Errorf("bad descriptor"), "bad descriptor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, filepath.Join(root, "content", "a.md"), "a")
			w, fb := newFake(t, root, tt.limit)
			rec := runWatcher(t, w)
			if tt.err != nil {
				fb.errs <- tt.err
			}
			deadline := time.After(5 * time.Second)
			for rec.count() == 0 {
				select {
				case <-rec.signal:
				case <-deadline:
					t.Fatal("no batch")
				}
			}
			rec.mu.Lock()
			b := rec.batches[0]
			rec.mu.Unlock()
			if !b.Rescan || !strings.Contains(b.Warning, tt.wantWarn) {
				t.Errorf("batch = %+v, want Rescan with a warning containing %q", b, tt.wantWarn)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	write(t, file, "x")
	for _, root := range []string{filepath.Join(dir, "missing"), file} {
		if w, err := New(root, Options{}); err == nil {
			_ = w.Close()
			t.Errorf("New(%q) succeeded, want an error", root)
		}
	}
}

// TestWatcherAtomicSave: an editor's atomic save (a temporary file beside
// the page, renamed over it) is one batch that names the page; how long it
// takes is logged here and measured by bench/preview, not asserted.
func TestWatcherAtomicSave(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan Batch, 4)
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		w.Run(ctx, func(b Batch) { got <- b })
	}()
	defer func() { cancel(); <-finished; _ = w.Close() }()
	var lat []time.Duration
	for i := range 15 {
		target := filepath.Join(root, "page.md")
		tmp := filepath.Join(root, fmt.Sprintf(".page.md.%d.tmp", i))
		start := time.Now()
		write(t, tmp, fmt.Sprint(i))
		mustRename(t, tmp, target)
		select {
		case b := <-got:
			lat = append(lat, time.Since(start))
			if !slices.Contains(b.Paths, "page.md") {
				t.Errorf("save %d: the batch %q does not name the page", i, b.Paths)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no batch")
		}
		settle()
		for len(got) > 0 {
			if b := <-got; !slices.Contains(b.Paths, "page.md") && len(b.Paths) > 0 {
				t.Errorf("save %d: a second batch %q", i, b.Paths)
			}
		}
	}
	slices.Sort(lat)
	t.Logf("save to batch: median %v, min %v, max %v", lat[len(lat)/2], lat[0], lat[len(lat)-1])
}
