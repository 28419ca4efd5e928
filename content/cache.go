package content

import (
	"io/fs"
	"strings"
	"sync"
	"time"
)

// Cache keeps decoded pages between loads of one site, so that a rebuild
// after an edit reads and decodes only the files that changed (the dev
// server). A file is read again when its size or modification time
// changed, or after Forget. A Cache is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	pages map[string]cachedPage
	// Trust, when set, uses a cached page without looking at the file
	// again: the caller (a file watcher) calls Forget for every change.
	Trust bool
}

type cachedPage struct {
	size  int64
	mod   time.Time
	page  *Page // as decoded, before Resolve: never handed out itself
	diags Diagnostics
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{pages: map[string]cachedPage{}} }

// Forget drops what the cache holds for the files at paths (relative to
// the site root), or everything when paths is nil.
func (c *Cache) Forget(paths []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if paths == nil {
		c.pages = map[string]cachedPage{}
		return
	}
	for _, p := range paths {
		delete(c.pages, p)
		dir := strings.TrimSuffix(p, "/") + "/" // a folder that was replaced as a whole
		for file := range c.pages {
			if strings.HasPrefix(file, dir) {
				delete(c.pages, file)
			}
		}
	}
}

// Entry returns a copy of what the cache holds for file, whether or not
// the file changed since: the page as decoded and its diagnostics.
func (c *Cache) Entry(file string) (*Page, Diagnostics, bool) {
	c.mu.Lock()
	e, ok := c.pages[file]
	c.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	return e.page.clone(), append(Diagnostics(nil), e.diags...), true
}

// page returns a fresh copy of the cached page at file, if it is current.
func (c *Cache) page(fsys fs.FS, file string, diags *Diagnostics) (*Page, bool) {
	c.mu.Lock()
	e, ok := c.pages[file]
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	if !c.Trust {
		fi, err := fs.Stat(fsys, file)
		if err != nil || e.size != fi.Size() || !e.mod.Equal(fi.ModTime()) {
			return nil, false
		}
	}
	*diags = append(*diags, e.diags...)
	return e.page.clone(), true
}

// put stores a freshly decoded page.
func (c *Cache) put(fsys fs.FS, file string, p *Page, diags Diagnostics) {
	fi, err := fs.Stat(fsys, file)
	if err != nil || p == nil {
		return
	}
	c.mu.Lock()
	c.pages[file] = cachedPage{size: fi.Size(), mod: fi.ModTime(), page: p.clone(), diags: append(Diagnostics(nil), diags...)}
	c.mu.Unlock()
}

// clone returns a copy of an unresolved page that Resolve may change
// without touching p: every slice that Resolve writes into is copied.
func (p *Page) clone() *Page {
	q := *p
	m := &q.Meta
	for i := range fields {
		switch f := &fields[i]; {
		case f.many != nil:
			refs := f.many(m)
			*refs = append([]Ref(nil), *refs...)
		case f.own != nil:
			f.own(m)
		}
	}
	q.SupersededBy, q.Instructions, q.Risks, q.KPIs, q.Decisions, q.RACI, q.ReferencedBy = nil, nil, nil, nil, nil, nil, nil
	return &q
}
