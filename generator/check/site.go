package check

import (
	"io/fs"
	"sync"
	"sync/atomic"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/calendar"
)

// Site is what the rules read: the content model as loaded, today, and
// what rendering learned of the bodies. The facts several rules and the
// dashboard share (the orphans, a KPI's measurements) are worked out once
// per Site. A Site is not changed by the checks; a new build, or a patched
// one, makes a new Site.
type Site struct {
	Content *content.Site
	Today   content.Date
	// FS holds the site's files: a KPI's measurements are read from it.
	FS fs.FS
	// Label returns the theme's text for a label key in the site's language.
	Label func(key string) string
	// Body returns the rendered body of p (its links and headings), or nil.
	Body func(p *content.Page) *built.Body
	// Resolves reports whether a link to dest, written in the file from,
	// names a page or file of the site.
	Resolves func(from, dest string) bool
	// Meeting returns a meeting page as calendar.ics writes it.
	Meeting func(p *content.Page) (calendar.Meeting, bool)

	orphans atomic.Pointer[[]Orphan] // found once per Site, or kept from a patch (KeepOrphans)
	series  sync.Map                 // a KPI's measurements (*content.Page → Series), read once per Site
}

// label returns the theme's label for key, or key without a theme.
func (s *Site) label(key string) string {
	if s.Label == nil {
		return key
	}
	return s.Label(key)
}

// KeepOrphans gives s the orphans a patched build worked out for the
// edited pages, instead of finding them again.
func (s *Site) KeepOrphans(o []Orphan) { s.orphans.Store(&o) }
