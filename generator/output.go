package generator

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Sink receives the output files of a build. Write is called from many
// goroutines at once, with slash paths relative to the site root.
type Sink interface {
	Write(path string, data []byte) error
}

// MemSink keeps the output in memory (the dev server, tests).
type MemSink struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// Write implements Sink.
func (m *MemSink) Write(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	m.Files[p] = data
	return nil
}

// errNoStream is what stream returns for a sink that takes whole files only.
var errNoStream = errors.New("the output takes whole files only")

// streamer is a Sink that can also take a file as a stream: a page is
// written while it is rendered and never held in memory whole. The print
// document of a 100,000-page site is over half a gigabyte.
type streamer interface {
	stream(path string) (io.WriteCloser, error)
}

// stream opens the file at p in s for writing, or returns errNoStream.
func stream(s Sink, p string) (io.WriteCloser, error) {
	if st, ok := s.(streamer); ok {
		return st.stream(p)
	}
	return nil, errNoStream
}

type discard struct{}

func (discard) Write(string, []byte) error { return nil }

func (discard) stream(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// countingSink counts what passes through it.
type countingSink struct {
	Sink
	mu           sync.Mutex
	pages, files int
}

func (c *countingSink) Write(p string, data []byte) error {
	c.count(p)
	return c.Sink.Write(p, data)
}

func (c *countingSink) stream(p string) (io.WriteCloser, error) {
	w, err := stream(c.Sink, p)
	if err == nil {
		c.count(p)
	}
	return w, err
}

func (c *countingSink) count(p string) {
	c.mu.Lock()
	c.files++
	if strings.HasSuffix(p, ".html") {
		c.pages++
	}
	c.mu.Unlock()
}

// marker is the file by which handover recognises an output folder it wrote.
const marker = ".handover-output"

// stagingDir is a new output folder written beside the published one and
// swapped in when the build succeeds, so readers never see a half site.
type stagingDir struct {
	dest, dir string
	mu        sync.Mutex
	made      map[string]bool
}

// newStaging checks that dest may be written and makes the staging folder.
func newStaging(site, dest string, force bool) (*stagingDir, error) {
	if err := checkDestination(site, dest, force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(dest))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	cleanLeftovers(dest)
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, marker), []byte("written by handover; the folder is replaced on each build\n"), 0o644); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &stagingDir{dest: dest, dir: dir, made: map[string]bool{"": true}}, nil
}

// cleanLeftovers removes staging folders of builds that were killed.
func cleanLeftovers(dest string) {
	base := filepath.Base(dest)
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+base+".new-*"))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+base+".old-*"))
	spills, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), spillPrefix(dest)+"*"))
	for _, m := range append(append(matches, old...), spills...) {
		_ = os.RemoveAll(m)
	}
}

// checkDestination refuses output folders that would destroy sources.
func checkDestination(site, dest string, force bool) error {
	absSite, err1 := filepath.Abs(site)
	absDest, err2 := filepath.Abs(dest)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, src := range []string{absSite, filepath.Join(absSite, "content"), filepath.Join(absSite, "static"), filepath.Join(absSite, "themes")} {
		if rel, err := filepath.Rel(absDest, src); err == nil && filepath.IsLocal(rel) || absDest == src {
			return fmt.Errorf("output folder %s would replace the sources in %s; choose another with -d", dest, src)
		}
		if src == absSite {
			continue // public/ inside the site root is the default
		}
		if rel, err := filepath.Rel(src, absDest); err == nil && filepath.IsLocal(rel) {
			return fmt.Errorf("output folder %s lies inside the sources in %s; choose another with -d", dest, src)
		}
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) == 0 || force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, marker)); err != nil {
		return fmt.Errorf("output folder %s is not empty and was not written by handover; empty it or use --force", dest)
	}
	return nil
}

// Write implements Sink.
func (s *stagingDir) Write(p string, data []byte) error {
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
func (s *stagingDir) path(p string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return "", fmt.Errorf("output path %q leaves the output folder", p)
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	dir := filepath.Dir(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.made[dir] {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		s.made[dir] = true
	}
	return full, nil
}

func (s *stagingDir) stream(p string) (io.WriteCloser, error) {
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

// publish swaps the staging folder in place of the published one.
func (s *stagingDir) publish() error {
	if _, err := os.Lstat(s.dest); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		s.dir = ""
		return nil
	}
	if err := exchange(s.dir, s.dest); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// s.dir now holds the old site: remove it.
	_ = os.RemoveAll(s.dir)
	s.dir = ""
	return nil
}

// cleanup removes the staging folder of a build that did not publish.
func (s *stagingDir) cleanup() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}
