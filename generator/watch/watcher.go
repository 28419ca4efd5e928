package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default timings. A save reaches the receiver DefaultQuiet after the
// editor's last write, or SavedQuiet after the rename that ends an atomic
// save. DefaultMaxDelay only matters while changes keep
// coming without a pause: it is long enough that a git checkout of a few
// thousand files (up to about 2 s on a slow, busy disk) is one or two
// batches, not one per 300 ms, and short enough to show progress when a
// script keeps writing.
const (
	DefaultQuiet    = 20 * time.Millisecond
	DefaultMaxDelay = time.Second
)

// Options configures a Watcher. The zero value is usable.
type Options struct {
	// Ignore reports whether a slash path relative to the root is to be
	// ignored, in addition to Filter. An ignored folder is not watched.
	Ignore func(rel string) bool
	// Exclude lists folders relative to the root that are ignored with
	// everything below them, such as the output folder of a build.
	Exclude []string
	// Quiet is how long no change must arrive before a batch is
	// delivered; DefaultQuiet when zero.
	Quiet time.Duration
	// MaxDelay caps how long the first change of a batch waits while more
	// changes keep arriving; DefaultMaxDelay when zero.
	MaxDelay time.Duration
}

// backend is the part of fsnotify the Watcher uses, so tests can stand in
// for the kernel.
type backend interface {
	Add(name string) error
	Remove(name string) error
	Close() error
}

// Watcher watches a folder and everything below it, adding folders as they
// appear, and delivers the changes as batches. Changes to files written by
// rename (vim, JetBrains safe write, VS Code) arrive as changes to the
// target's path, because folders are watched, not files.
type Watcher struct {
	root   string
	opts   Options
	be     backend
	events <-chan fsnotify.Event
	errs   <-chan error
	// dirs holds the watched folders, relative to root. After New it is
	// used only by the goroutine running Run.
	dirs      map[string]bool
	startWarn string
	closeOnce sync.Once
	closeErr  error
}

// New starts watching root and every folder below it that is not ignored.
// Running into the system's watch limit is not an error: the first batch
// that Run delivers then asks for a rescan and says why.
func New(root string, opts Options) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w, err := newWatcher(root, opts, fsw, fsw.Events, fsw.Errors)
	if err != nil {
		_ = fsw.Close()
		return nil, err
	}
	return w, nil
}

func newWatcher(root string, opts Options, be backend, events <-chan fsnotify.Event, errs <-chan error) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	// The site folder itself may be a symbolic link (a checkout linked
	// into place): watch where it points, or the walk below would find no
	// folder to watch. Links inside the site are still never followed.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("watch %s: not a folder", root)
	}
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = DefaultMaxDelay
	}
	w := &Watcher{root: abs, opts: opts, be: be, events: events, errs: errs, dirs: map[string]bool{}}
	_, w.startWarn = w.addTree(abs)
	return w, nil
}

// Root returns the absolute path of the watched folder.
func (w *Watcher) Root() string { return w.root }

// Close stops watching. Run returns soon after.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() { w.closeErr = w.be.Close() })
	return w.closeErr
}

// ignored reports whether the change at rel is to be left out.
func (w *Watcher) ignored(rel string) bool {
	if Filter(rel) {
		return true
	}
	for _, dir := range w.opts.Exclude {
		if under(rel, dir) {
			return true
		}
	}
	return w.opts.Ignore != nil && w.opts.Ignore(rel)
}

// rel turns an absolute path below the root into a slash path relative to
// it; ok is false for the root itself and for paths outside it.
func (w *Watcher) rel(name string) (rel string, ok bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// addTree watches dir and every folder below it that is not ignored yet
// watched, and returns the files and folders found below dir, so that
// content created before the watch was in place is not missed. warning is
// set when a folder could not be watched.
func (w *Watcher) addTree(dir string) (found []string, warning string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, inside := w.rel(p)
		if inside && w.ignored(rel) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			// Gone already (a temp folder) or unreadable: its parent's
			// events still report it; nothing to watch.
			return nil
		}
		if inside {
			found = append(found, rel)
		}
		if !d.IsDir() || w.dirs[rel] {
			return nil
		}
		if err := w.be.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			warning = watchWarning(p, err)
			return filepath.SkipAll
		}
		w.dirs[rel] = true
		return nil
	})
	return found, warning
}

// watchWarning explains why a folder could not be watched.
func watchWarning(dir string, err error) string {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Sprintf("cannot watch %s: the system's limit on watched folders is reached "+
			"(raise fs.inotify.max_user_watches); changes there are found only by a full rebuild", dir)
	}
	return fmt.Sprintf("cannot watch %s: %v; changes there are found only by a full rebuild", dir, err)
}

// forget stops watching rel and the folders below it after it was removed
// or renamed away.
func (w *Watcher) forget(rel string) {
	if !w.dirs[rel] {
		return
	}
	for d := range w.dirs {
		if under(d, rel) {
			delete(w.dirs, d)
			// The kernel may have dropped the watch already.
			_ = w.be.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
		}
	}
}

// handle records what one file-system event changed.
func (w *Watcher) handle(ev fsnotify.Event, b *batcher, now time.Time) {
	rel, ok := w.rel(ev.Name)
	if !ok || w.ignored(rel) {
		return
	}
	if ev.Op == fsnotify.Chmod {
		return // attribute changes (touch, indexers) change no content
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(rel)
	}
	if !ev.Has(fsnotify.Create) {
		if ev.Has(fsnotify.Rename) {
			b.addRenamed(now, rel)
		} else {
			b.add(now, rel)
		}
		return
	}
	fi, err := os.Lstat(ev.Name)
	b.addCreated(now, rel, err == nil && fi.Mode().IsRegular())
	if err == nil && fi.IsDir() {
		found, warning := w.addTree(ev.Name)
		for _, f := range found {
			b.add(now, f)
		}
		if warning != "" {
			b.addRescan(now, warning)
		}
	}
}

// handleError turns an error from the kernel side into a rescan request.
func (w *Watcher) handleError(err error, b *batcher, now time.Time) {
	warning := fmt.Sprintf("file watcher: %v; rebuilding everything", err)
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		warning = "file changes came faster than they could be read and some were lost; rebuilding everything"
		// Folders created during the overflow may be unwatched.
		if _, w2 := w.addTree(w.root); w2 != "" {
			b.addRescan(now, w2)
		}
	}
	b.addRescan(now, warning)
}
