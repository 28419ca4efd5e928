package generator

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/publish"
)

// spillAbove is the amount of Markdown above which a one-shot build keeps
// the rendered pages on disk instead of in memory. A page's HTML and its
// search sections are needed twice after rendering, by its page and by the
// print document or the search index, which come at the end. Held in
// memory they are the larger part of the live heap of a 100,000-page site
// (900 MB of 1.9 GB), and the collector, working under the memory limit,
// spends more time the larger that heap is. Below this size, memory is
// faster. A variable so that tests can make every build spill.
var spillAbove int64 = 128 << 20

// spill is a temporary file that rendered bodies are written to and read
// back from. The file is unlinked as soon as it is made (where the system
// allows), so a killed build leaves nothing behind.
type spill struct {
	mu   sync.Mutex
	f    *os.File
	name string
	off  int64
	err  error
}

// spillRef locates one entry in the spill file.
type spillRef struct{ off, n int64 }

// newSpill makes the spill file in dir ("" for the system's temporary
// folder): beside the output, which is on a disk, where the temporary
// folder may be memory.
func newSpill(dir, prefix string) (*spill, error) {
	f, err := os.CreateTemp(dir, prefix)
	if err != nil {
		return nil, err
	}
	s := &spill{f: f, name: f.Name()}
	if os.Remove(s.name) == nil {
		s.name = ""
	}
	spillsMade.Add(1)
	if spillHook != nil {
		spillHook(s)
	}
	return s, nil
}

// For tests: how many spill files were made, and a function to call on each.
var (
	spillsMade atomic.Int64
	spillHook  func(*spill)
)

// put appends data and returns where it is. An error is kept and reported
// by close; the entry then reads back as empty, and the build fails.
func (s *spill) put(data []byte) spillRef {
	s.mu.Lock()
	ref := spillRef{off: s.off, n: int64(len(data))}
	s.off += ref.n
	s.mu.Unlock()
	if _, err := s.f.WriteAt(data, ref.off); err != nil {
		s.fail(err)
		return spillRef{}
	}
	return ref
}

func (s *spill) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

// get reads an entry back.
func (s *spill) get(ref spillRef) []byte {
	buf := make([]byte, ref.n)
	if _, err := s.f.ReadAt(buf, ref.off); err != nil {
		s.fail(err)
		return nil
	}
	return buf
}

// close removes the file and returns the first error of its use; a build
// whose spill failed has pages without bodies and must not be published.
func (s *spill) close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		if err := s.f.Close(); s.err == nil {
			s.err = err
		}
		s.f = nil
		if s.name != "" {
			_ = os.Remove(s.name)
		}
	}
	if s.err != nil {
		return fmt.Errorf("rendered pages kept on disk: %w", s.err)
	}
	return nil
}

// stash moves the HTML and the search sections of r into the spill file.
func (s *spill) stash(r *rendered) {
	var e bodyEncoder
	e.sections(r.Sections)
	r.sectionsAt = s.put(e.buf)
	r.htmlAt = s.put([]byte(r.HTML))
	r.HTML, r.Sections, r.spilled = "", nil, true
}

// html returns the HTML of a body, from the spill file if it is there.
func (b *builder) html(r *rendered) string {
	if !r.spilled {
		return r.HTML
	}
	return string(b.spill.get(r.htmlAt))
}

// htmlSum returns the SHA-256 of a body's HTML; a spilled body's was taken
// before it went to disk.
func (b *builder) htmlSum(r *rendered) [sha256.Size]byte {
	if !r.spilled {
		return sumString(r.HTML)
	}
	return r.htmlSum
}

func sumString(s string) (sum [sha256.Size]byte) {
	h := sha256.New()
	_, _ = io.WriteString(h, s)
	h.Sum(sum[:0])
	return sum
}

// searchSections returns the search sections of a body.
func (b *builder) searchSections(r *rendered) []Section {
	if !r.spilled {
		return r.Sections
	}
	d := &bodyDecoder{buf: b.spill.get(r.sectionsAt)}
	return d.sections()
}

// newSpillFor returns the spill file of a one-shot build of site into
// dest, or nil when the site is small enough to keep in memory or no file
// can be made (memory then works, only slower).
func newSpillFor(site *content.Site, dest string) *spill {
	var size int64
	for _, p := range site.Pages {
		size += int64(len(p.Body))
	}
	if size < spillAbove {
		return nil
	}
	s, err := newSpill(filepath.Dir(filepath.Clean(dest)), publish.SpillPrefix(dest))
	if err != nil {
		s, err = newSpill("", "handover-spill-")
	}
	if err != nil {
		return nil
	}
	return s
}
