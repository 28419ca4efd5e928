package publish

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Marker is the file by which handover knows an output folder it wrote. It
// lists every file the build wrote there (the manifest): the next build
// replaces and removes only those, and leaves every other file alone.
const Marker = ".handover-output"

// manifestHeader starts a marker that lists its files. A marker of an
// older handover holds only legacyHeader, and all of its folder is taken
// as handover's.
const (
	manifestHeader = "written by handover: the files listed below are replaced or removed by the next build; every other file is left alone"
	legacyHeader   = "written by handover; the folder is replaced on each build"
)

// Target is a destination folder that one build holds locked.
type Target struct {
	Given string // as the user named it
	Dir   string // where the output goes: clean, absolute, symbolic links resolved

	lock  *Lock
	force bool
	mount bool // Dir cannot be swapped as a whole: it is updated in place
	notes []string
}

// Open checks the destination again under its lock and returns it locked:
// a build into the same folder waits until this one has released it.
// waiting is called when another build holds the lock.
func Open(ctx context.Context, given string, force bool, waiting func(pid int)) (*Target, error) {
	dir, err := realPath(given)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	t := &Target{Given: given, Dir: dir, force: force}
	if fi, err := os.Lstat(filepath.Clean(given)); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s is a symbolic link: the site is written to %s", given, dir))
	}
	if t.lock, err = Acquire(ctx, dir, waiting); err != nil {
		return nil, err
	}
	if err := t.check(); err != nil {
		t.Close()
		return nil, err
	}
	cleanLeftovers(dir)
	return t, nil
}

// check looks at the destination as it is now that the build holds it.
func (t *Target) check() error {
	fi, err := os.Stat(t.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output folder: %w", err)
	case !fi.IsDir():
		return refuse("-d %s is an existing file, not a folder; handover never replaces a file it did not write: choose a folder", t.Given)
	}
	entries, err := os.ReadDir(t.Dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if len(entries) > 0 && !t.force && !hasMarker(t.Dir) {
		names := make([]string, 0, 3)
		for _, e := range entries[:min(3, len(entries))] {
			names = append(names, e.Name())
		}
		return refuse("output folder %s holds files handover did not write (%s); choose an empty or new folder, or use --force to write the site into it and leave those files alone", t.Given, strings.Join(names, ", "))
	}
	t.mount = isMountPoint(t.Dir)
	if t.mount {
		t.notes = append(t.notes, fmt.Sprintf("%s is a mount point, which cannot be replaced as a whole: it was updated in place, file by file", t.Given))
	}
	return nil
}

func hasMarker(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// Close releases the destination's lock.
func (t *Target) Close() { t.lock.Release() }

// stagePrefix starts the name of a staging folder inside a destination
// that is updated in place.
const stagePrefix = ".handover-new-"

// Stage makes the folder the build writes its output into.
func (t *Target) Stage() (*Stage, error) {
	parent, prefix := filepath.Dir(t.Dir), "."+filepath.Base(t.Dir)+".new-"
	if t.mount {
		parent, prefix = t.Dir, stagePrefix
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	dir, err := mkdirRandom(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	s := &Stage{t: t, dir: dir, made: map[string]bool{"": true}, files: map[string]bool{}}
	// The marker is written first, so that a staging folder a killed build
	// left is known as handover's, and last again with the manifest.
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(manifestHeader+"\n"), 0o644); err != nil {
		s.Cleanup()
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return s, nil
}

// mkdirRandom makes a new folder prefix+random in parent with the ordinary
// permissions (0755 under the usual umask), unlike os.MkdirTemp's 0700: the
// folder becomes the published site, which a web server running as another
// user must read.
func mkdirRandom(parent, prefix string) (string, error) {
	for range 100 {
		var b [6]byte
		_, _ = rand.Read(b[:])
		dir := filepath.Join(parent, prefix+hex.EncodeToString(b[:]))
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free name for a staging folder in %s", parent)
}

// cleanLeftovers removes what builds into dir that were killed left: their
// staging folders and old sites beside it (or inside it, for a folder
// updated in place), each known by its marker, and their spill files. It
// runs under the destination's lock, so no running build's work is removed.
func cleanLeftovers(dir string) {
	base := filepath.Base(dir)
	var dirs []string
	for _, pattern := range []string{
		filepath.Join(filepath.Dir(dir), "."+base+".new-*"),
		filepath.Join(filepath.Dir(dir), "."+base+".old-*"),
		filepath.Join(dir, stagePrefix+"*"),
	} {
		m, _ := filepath.Glob(pattern)
		dirs = append(dirs, m...)
	}
	for _, d := range dirs {
		if fi, err := os.Lstat(d); err == nil && fi.IsDir() {
			if hasMarker(d) {
				removeMarked(d)
			} else {
				_ = os.Remove(d) // killed before its marker: empty
			}
		}
	}
	spills, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), SpillPrefix(dir)+"*"))
	for _, f := range spills {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() {
			_ = os.Remove(f)
		}
	}
}

// SpillPrefix names the temporary files of a build into dest, beside it,
// so that the next build removes those a killed build left.
func SpillPrefix(dest string) string { return "." + filepath.Base(dest) + ".spill-" }

// Stage is the folder a build writes its output into before it is
// published. Write and Create may be called from many goroutines at once.
type Stage struct {
	t   *Target
	dir string

	mu    sync.Mutex
	made  map[string]bool // folders made, by slash path
	files map[string]bool // files written, by slash path
	owned []string        // files written into the published folder afterwards (the archive)
}

// Write writes the output file p (a slash path relative to the site root).
func (s *Stage) Write(p string, data []byte) error {
	full, err := s.path(p)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// path returns where the output file p goes, making its folder.
func (s *Stage) path(p string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(p)) || p == Marker {
		return "", fmt.Errorf("output path %q leaves the output folder", p)
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	dir := filepath.ToSlash(filepath.Dir(filepath.FromSlash(p)))
	if dir == "." {
		dir = ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[p] = true
	if !s.made[dir] {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		s.made[dir] = true
	}
	return full, nil
}

// Create opens the output file p for writing as a stream: a page is
// written while it is rendered and never held in memory whole.
func (s *Stage) Create(p string) (io.WriteCloser, error) {
	full, err := s.path(p)
	if err != nil {
		return nil, err
	}
	f, err := os.Create(full)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	w := writers.Get().(*bufio.Writer)
	w.Reset(f)
	return &fileStream{w: w, f: f}, nil
}

// writers holds the buffers of file streams: a page is written in pieces
// of a few bytes, and each piece should not be a system call.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

type fileStream struct {
	w *bufio.Writer
	f *os.File
}

func (s *fileStream) Write(p []byte) (int, error) { return s.w.Write(p) }

func (s *fileStream) Close() error {
	err := s.w.Flush()
	s.w.Reset(nil)
	writers.Put(s.w)
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// Own records that the file p (a slash path in the destination) will be
// written there after publishing, so the next build knows it as its own.
// It refuses a path the build has written a file of the site to, or a
// folder of the site at.
func (s *Stage) Own(p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files[p] || s.made[p] {
		return refuse("--archive %s would replace %s of the site itself; choose a path the site does not use", filepath.Join(s.t.Given, filepath.FromSlash(p)), p)
	}
	s.owned = append(s.owned, p)
	return nil
}

// Cleanup removes the staging folder of a build that did not publish.
func (s *Stage) Cleanup() {
	if s.dir != "" {
		removeMarked(s.dir)
		s.dir = ""
	}
}

// removeMarked removes a folder of handover's with all it holds, its
// marker last: a build killed on the way leaves a folder that the next
// build still knows as handover's, never an unmarked half.
func removeMarked(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != Marker {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	_ = os.Remove(filepath.Join(dir, Marker))
	_ = os.Remove(dir)
}

// Report says how a build was published, for the build's summary.
type Report struct {
	InPlace   bool     // updated file by file rather than swapped whole
	LeftAlone []string // files handover did not write, kept (slash paths in the destination)
	Replaced  []string // files handover did not write, replaced because of --force
	Notes     []string // what the user should know, one sentence each
}

// Publish puts the staged output in place of the destination's, whole: by
// one atomic exchange of the folders when the destination holds only what
// handover wrote, or else file by file, leaving every other file alone.
func (s *Stage) Publish() (*Report, error) {
	rep := &Report{Notes: slices.Clone(s.t.notes)}
	manifest := s.manifest()
	if err := writeFileAtomic(filepath.Join(s.dir, Marker), manifest, 0o644); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	dest := s.t.Dir
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.dir, dest); err != nil {
			return nil, publishError(dest, err)
		}
		s.dir = ""
		return rep, nil
	}
	old, err := readManifest(dest)
	if err != nil {
		return nil, err
	}
	foreign, err := foreignFiles(dest, old)
	if err != nil {
		return nil, err
	}
	if !s.t.mount && len(foreign) == 0 {
		err := exchange(s.dir, dest)
		if err == nil {
			rep.Notes = append(rep.Notes, s.removeOld(old)...)
			return rep, nil
		}
		if !canUpdateInPlace(err) {
			return nil, publishError(dest, err)
		}
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s cannot be replaced as a whole (%v): it was updated in place, file by file", s.t.Given, errors.Unwrap(err)))
	}
	rep.InPlace = true
	if err := s.inPlace(old, foreign, rep); err != nil {
		return nil, err
	}
	if len(rep.LeftAlone) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("left alone %d %s in %s that handover did not write: %s", len(rep.LeftAlone), plural(len(rep.LeftAlone), "file", "files"), s.t.Given, list(rep.LeftAlone)))
	}
	if len(rep.Replaced) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("replaced %d %s in %s that handover did not write (--force): %s", len(rep.Replaced), plural(len(rep.Replaced), "file", "files"), s.t.Given, list(rep.Replaced)))
	}
	return rep, nil
}

// manifest is the marker's text: the header and every file of the build.
func (s *Stage) manifest() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.files)+len(s.owned))
	for p := range s.files {
		names = append(names, p)
	}
	names = append(names, s.owned...)
	sort.Strings(names)
	names = slices.Compact(names)
	var b strings.Builder
	b.WriteString(manifestHeader + "\n")
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// manifestOf is what a destination's marker says handover wrote there.
type manifestOf struct {
	all   bool            // a marker of an older handover: every file is handover's
	files map[string]bool // the files listed
}

func (m manifestOf) has(p string) bool { return m.all || m.files[p] }

// readManifest reads the marker of dest; a folder without one has no file
// of handover's.
func readManifest(dest string) (manifestOf, error) {
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return manifestOf{}, nil
	}
	if err != nil {
		return manifestOf{}, fmt.Errorf("output folder: %w", err)
	}
	text := string(data)
	if !strings.HasPrefix(text, manifestHeader+"\n") {
		// An older handover's marker: it replaced the whole folder.
		return manifestOf{all: strings.HasPrefix(text, legacyHeader)}, nil
	}
	m := manifestOf{files: map[string]bool{}}
	for _, line := range strings.Split(strings.TrimPrefix(text, manifestHeader+"\n"), "\n") {
		if line != "" && filepath.IsLocal(filepath.FromSlash(line)) {
			m.files[line] = true
		}
	}
	return m, nil
}

// foreignFiles lists the files in dest that handover did not write, as
// slash paths, sorted; a staging folder of the build itself is skipped.
func foreignFiles(dest string, m manifestOf) ([]string, error) {
	if m.all {
		return nil, nil
	}
	var out []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dest {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(rel, stagePrefix) && hasMarker(p) {
				return fs.SkipDir
			}
			return nil
		}
		if rel != Marker && !m.has(rel) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// removeOld removes the site the exchange moved to the staging folder's
// name. A file there that handover did not write (one added while the build
// ran) is kept, with the folder, and said.
func (s *Stage) removeOld(old manifestOf) []string {
	oldDir := s.dir
	s.dir = ""
	if old.all {
		removeMarked(oldDir)
		return nil
	}
	for p := range old.files {
		_ = removeFile(filepath.Join(oldDir, filepath.FromSlash(p)))
	}
	// The marker goes last, so that a build killed on the way leaves a
	// folder the next build knows as its own.
	removeEmptyDirs(oldDir)
	if entries, _ := os.ReadDir(oldDir); len(entries) == 1 && entries[0].Name() == Marker {
		_ = os.Remove(filepath.Join(oldDir, Marker))
		_ = os.Remove(oldDir)
	}
	if _, err := os.Stat(oldDir); err == nil {
		return []string{fmt.Sprintf("files handover did not write appeared in %s while it was built; they are kept in %s", s.t.Given, oldDir)}
	}
	return nil
}

// inPlace moves the staged files into dest one by one, each replaced
// atomically, then removes the files of the previous build that this one
// no longer has, and writes the marker last. Files handover did not write
// are left alone; one in the way of a new file is replaced only with
// --force, and a folder in the way is never removed. Every conflict is
// found before the first file moves.
func (s *Stage) inPlace(old manifestOf, foreign []string, rep *Report) error {
	dest := s.t.Dir
	isForeign := map[string]bool{}
	for _, f := range foreign {
		isForeign[f] = true
	}
	s.mu.Lock()
	files := make([]string, 0, len(s.files))
	for p := range s.files {
		files = append(files, p)
	}
	s.mu.Unlock()
	sort.Strings(files)
	for _, p := range files {
		if err := s.conflict(dest, p, old, isForeign, rep); err != nil {
			return err
		}
	}
	for _, p := range files {
		to := filepath.Join(dest, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return publishError(dest, err)
		}
		if err := moveFile(filepath.Join(s.dir, filepath.FromSlash(p)), to); err != nil {
			return publishError(dest, err)
		}
	}
	kept := map[string]bool{}
	for _, p := range files {
		kept[p] = true
	}
	for p := range old.files {
		if !kept[p] {
			full := filepath.Join(dest, filepath.FromSlash(p))
			if removeFile(full) == nil {
				removeEmptyParents(filepath.Dir(full), dest)
			}
		}
	}
	if err := moveFile(filepath.Join(s.dir, Marker), filepath.Join(dest, Marker)); err != nil {
		return publishError(dest, err)
	}
	s.Cleanup()
	for _, f := range foreign {
		if !kept[f] {
			rep.LeftAlone = append(rep.LeftAlone, f)
		}
	}
	return nil
}

// conflict checks that the new file p can take its place in dest.
func (s *Stage) conflict(dest, p string, old manifestOf, isForeign map[string]bool, rep *Report) error {
	// Every folder on the way must be a folder, or a file of handover's.
	parts := strings.Split(p, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(dir)))
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return publishError(dest, err)
		}
		if !fi.IsDir() {
			if old.has(dir) {
				if err := removeFile(filepath.Join(dest, filepath.FromSlash(dir))); err != nil {
					return publishError(dest, err)
				}
				break
			}
			return refuse("%s holds %s, which handover did not write, where the site needs a folder; move it away and build again", s.t.Given, dir)
		}
	}
	fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return publishError(dest, err)
	case fi.IsDir():
		if entries, _ := os.ReadDir(filepath.Join(dest, filepath.FromSlash(p))); len(entries) == 0 {
			return os.Remove(filepath.Join(dest, filepath.FromSlash(p)))
		}
		return refuse("%s holds a folder %s where the site has a file; handover never removes a folder it did not write: move it away and build again", s.t.Given, p)
	case isForeign[p] && !s.t.force:
		return refuse("%s holds %s, which handover did not write, where the site has a file of the same name; move it away, or use --force to replace it", s.t.Given, p)
	case isForeign[p]:
		rep.Replaced = append(rep.Replaced, p)
	}
	return nil
}

// moveFile renames from over to, or copies it where the two are on
// different file systems (a mount inside the destination).
func moveFile(from, to string) error {
	err := os.Rename(from, to)
	if err == nil || !isCrossDevice(err) {
		return err
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeFileAtomic(to, data, 0o644)
}

// writeFileAtomic writes data to a temporary file beside p and renames it
// over p, so a reader sees the old file or the new, never half of one.
func writeFileAtomic(p string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), perm&^umask()); err != nil {
		return err
	}
	return os.Rename(f.Name(), p)
}

// removeFile removes p when it is a file or a link, never a folder.
func removeFile(p string) error {
	fi, err := os.Lstat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder", p)
	}
	return os.Remove(p)
}

// removeEmptyDirs removes the empty folders under root, and root when it
// is left empty.
func removeEmptyDirs(root string) {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails on a folder that is not empty
	}
}

// removeEmptyParents removes dir and the folders above it up to stop
// (exclusive) while they are empty.
func removeEmptyParents(dir, stop string) {
	for within(dir, stop) && dir != stop {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// publishError names the folder an I/O error of publishing is about.
func publishError(dest string, err error) error {
	return fmt.Errorf("publish into %s: %w", dest, err)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// list names up to five paths, and how many more there are.
func list(paths []string) string {
	if len(paths) <= 5 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:5], ", "), len(paths)-5)
}
