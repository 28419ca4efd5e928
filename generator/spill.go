package generator

import (
	"crypto/sha256"
	"io"
	"path/filepath"
	"sync/atomic"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/publish"
	"github.com/handover-dev/handover/generator/store"
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

// stash moves the HTML and the search sections of r into the spill file.
func (b *builder) stash(r *built.Body) {
	var e bodyEncoder
	e.sections(r.Sections)
	r.SectionsAt = b.spill.Put(e.buf)
	r.HTMLAt = b.spill.Put([]byte(r.HTML))
	r.HTML, r.Sections, r.Spilled = "", nil, true
}

// For tests: how many spill files were made, and a function to call on each.
var (
	spillsMade atomic.Int64
	spillHook  func(*store.Spill)
)

// html returns the HTML of a body, from the spill file if it is there.
func (b *builder) html(r *built.Body) string {
	if !r.Spilled {
		return r.HTML
	}
	return string(b.spill.Get(r.HTMLAt))
}

// htmlSum returns the SHA-256 of a body's HTML; a spilled body's was taken
// before it went to disk.
func (b *builder) htmlSum(r *built.Body) [sha256.Size]byte {
	if !r.Spilled {
		return sumString(r.HTML)
	}
	return r.HTMLSum
}

func sumString(s string) (sum [sha256.Size]byte) {
	h := sha256.New()
	_, _ = io.WriteString(h, s)
	h.Sum(sum[:0])
	return sum
}

// searchSections returns the search sections of a body.
func (b *builder) searchSections(r *built.Body) []Section {
	if !r.Spilled {
		return r.Sections
	}
	d := &bodyDecoder{buf: b.spill.Get(r.SectionsAt)}
	return d.sections()
}

// newSpillFor returns the spill file of a one-shot build of site into
// dest, or nil when the site is small enough to keep in memory or no file
// can be made (memory then works, only slower).
func newSpillFor(site *content.Site, dest string) *store.Spill {
	var size int64
	for _, p := range site.Pages {
		size += int64(len(p.Body))
	}
	if size < spillAbove {
		return nil
	}
	s, err := store.NewSpill(filepath.Dir(filepath.Clean(dest)), publish.SpillPrefix(dest))
	if err != nil {
		s, err = store.NewSpill("", "handover-spill-")
	}
	if err != nil {
		return nil
	}
	spillsMade.Add(1)
	if spillHook != nil {
		spillHook(s)
	}
	return s
}
