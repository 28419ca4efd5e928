package generator

import (
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/handover-dev/handover/generator/publish"
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

// stageSink writes into the staging folder of a build (package publish).
type stageSink struct{ *publish.Stage }

func (s stageSink) stream(p string) (io.WriteCloser, error) { return s.Create(p) }
