// Package output is where the outputs of a build go and the formats of
// those that are data rather than pages: the sinks a build writes into
// (memory, the staging folder of package publish, one that counts, one
// that leaves paths out), streaming a large file into a sink, sitemap.xml
// and api/pages.json. The generator's outputs registry (outputs.go) says
// which outputs a build makes; the writers gather what they show from the
// built site and write it here.
//
// output may import content, publish and the standard library; never
// generator, render, check or view.
package output

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

// ErrNoStream is what Stream returns for a sink that takes whole files only.
var ErrNoStream = errors.New("the output takes whole files only")

// Streamer is a Sink that can also take a file as a stream: a page is
// written while it is rendered and never held in memory whole. The print
// document of a 100,000-page site is over half a gigabyte.
type Streamer interface {
	Stream(path string) (io.WriteCloser, error)
}

// Stream opens the file at p in s for writing, or returns ErrNoStream.
func Stream(s Sink, p string) (io.WriteCloser, error) {
	if st, ok := s.(Streamer); ok {
		return st.Stream(p)
	}
	return nil, ErrNoStream
}

// Discard takes every file and keeps none (a check that writes no site).
type Discard struct{}

// Write implements Sink.
func (Discard) Write(string, []byte) error { return nil }

// Stream implements Streamer.
func (Discard) Stream(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// Counting counts the files and pages that pass through it.
type Counting struct {
	Sink
	mu           sync.Mutex
	Pages, Files int
}

// Write implements Sink.
func (c *Counting) Write(p string, data []byte) error {
	c.count(p)
	return c.Sink.Write(p, data)
}

// Stream implements Streamer when the sink it counts for does.
func (c *Counting) Stream(p string) (io.WriteCloser, error) {
	w, err := Stream(c.Sink, p)
	if err == nil {
		c.count(p)
	}
	return w, err
}

func (c *Counting) count(p string) {
	c.mu.Lock()
	c.Files++
	if strings.HasSuffix(p, ".html") {
		c.Pages++
	}
	c.mu.Unlock()
}

// Stage writes into the staging folder of a build (package publish).
type Stage struct{ *publish.Stage }

// Stream implements Streamer.
func (s Stage) Stream(p string) (io.WriteCloser, error) { return s.Create(p) }

// Skip drops the files at or under some paths and passes on the rest.
type Skip struct {
	Sink
	Prefixes []string
}

// Write implements Sink.
func (s Skip) Write(p string, data []byte) error {
	for _, pre := range s.Prefixes {
		if strings.HasPrefix(p, pre) {
			return nil
		}
	}
	return s.Sink.Write(p, data)
}
