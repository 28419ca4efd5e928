package generator

import (
	"bytes"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
)

// LazySite is a built site whose outputs are made when first asked for:
// the dev server renders only the pages a browser opens, so a rebuild
// after an edit costs little however large the site is. It implements
// serve.Files. The outputs equal those a full build writes.
type LazySite struct {
	b      *builder
	views  map[string]*view  // HTML pages by output path; nil after a patch (see patched)
	pageOf map[string]string // the same pages: the path of the content page each shows alone in its kind's layout, else ""
	static map[string]string // output path → source file
	groups []*group          // outputs made together (search index, calendars, …)
	memo   sync.Map          // output path → []byte

	// A patched build has the same pages as the build before (copies of
	// them, content.Site.Fork), so it takes their paths from it (pageOf)
	// instead of making a view of all 10,000 on the way to the browser:
	// its views are made when asked for, a content page's alone (made,
	// found by its path), any other with all of them at once (own). It
	// holds nothing of the build before, whose model may then go.
	patched bool
	pages   *int     // the same for sites with the same pages: a full build and the patches after it
	made    sync.Map // output path → *view
	ownOnce sync.Once
	own     map[string]*view
}

// group is a set of outputs that one step writes at once.
type group struct {
	name  string // the step's (siteFile.name)
	match func(name string) bool
	write func(Sink) error
	once  sync.Once
	files map[string][]byte
	ready atomic.Bool // files are made
}

// make makes the group's files once.
func (g *group) make() {
	g.once.Do(func() {
		mem := &MemSink{}
		_ = g.write(mem)
		g.files = mem.Files
		g.ready.Store(true)
	})
}

func newLazySite(b *builder) *LazySite {
	views := b.pageViews()
	s := &LazySite{b: b, views: make(map[string]*view, len(views)), pageOf: make(map[string]string, len(views)),
		static: make(map[string]string, len(b.site.Static)), pages: new(int)}
	for _, v := range views {
		name := v.outPath()
		s.views[name] = v
		s.pageOf[name] = ""
		if p := v.Page; p != nil && !p.List && v.Layout == string(p.Kind) {
			s.pageOf[name] = p.Path
		}
	}
	for _, f := range b.site.Static {
		s.static[f.Out] = f.File
	}
	for _, f := range siteFiles {
		if f.lazy {
			s.groups = append(s.groups, &group{name: f.name, match: f.matches, write: func(sink Sink) error { return f.write(b, sink) }})
		}
	}
	return s
}

// patchedSite returns the site of b, a build that a patch (patch.go) made
// from the build of prev: the same pages and files, some of them edited.
// It takes from prev the outputs no patch changes: the theme's assets
// (megabytes, with the diagram library) and the site's static files.
func patchedSite(b *builder, prev *LazySite) *LazySite {
	s := &LazySite{b: b, pageOf: prev.pageOf, static: prev.static, patched: true, pages: prev.pages}
	for _, f := range siteFiles {
		if f.lazy {
			s.groups = append(s.groups, &group{name: f.name, match: f.matches, write: func(sink Sink) error { return f.write(b, sink) }})
		}
	}
	s.keep(prev)
	return s
}

// view returns this build's view of the HTML page at name.
func (s *LazySite) view(name string) (*view, bool) {
	if !s.patched {
		v, ok := s.views[name]
		return v, ok
	}
	path, ok := s.pageOf[name]
	if !ok {
		return nil, false
	}
	if m, ok := s.made.Load(name); ok {
		return m.(*view), true
	}
	var now *view
	if path != "" {
		p := s.b.site.PageByPath(path)
		if p == nil {
			return nil, false
		}
		now = s.b.pageView(p)
	} else {
		s.ownOnce.Do(func() {
			s.own = map[string]*view{}
			for _, v := range s.b.pageViews() {
				s.own[v.outPath()] = v
			}
		})
		if now = s.own[name]; now == nil {
			return nil, false
		}
	}
	m, _ := s.made.LoadOrStore(name, now)
	return m.(*view), true
}

// keep takes from prev, the site of the build that a patch (patch.go)
// changed into this one, the outputs no patch changes: the theme's assets,
// when prev has made them, and the site's static files. Only pages are
// edited by a patch. It takes files, not prev's groups, which would keep
// prev's build alive.
func (s *LazySite) keep(prev *LazySite) {
	shared := map[*group]bool{}
	for i, g := range s.groups {
		if g.name == "assets" && i < len(prev.groups) && prev.groups[i].name == g.name && prev.groups[i].ready.Load() {
			g.files = prev.groups[i].files
			g.once.Do(func() { g.ready.Store(true) })
			shared[g] = true
		}
	}
	prev.memo.Range(func(k, v any) bool {
		name := k.(string)
		_, static := s.static[name]
		if static || shared[s.groupOf(name)] {
			s.memo.Store(name, v)
		}
		return true
	})
}

// groupOf returns the group that makes the output at name, or nil.
func (s *LazySite) groupOf(name string) *group {
	if _, ok := s.pageOf[name]; ok {
		return nil
	}
	if _, ok := s.static[name]; ok {
		return nil
	}
	for _, g := range s.groups {
		if g.match(name) {
			return g
		}
	}
	return nil
}

// Has reports whether the site has an output at name.
func (s *LazySite) Has(name string) bool {
	if _, ok := s.pageOf[name]; ok {
		return true
	}
	if _, ok := s.static[name]; ok {
		return true
	}
	_, ok := s.Get(name)
	return ok
}

// Get returns the output at name, making it on first use.
func (s *LazySite) Get(name string) ([]byte, bool) {
	if data, ok := s.memo.Load(name); ok {
		return data.([]byte), true
	}
	data, ok := s.make(name)
	if ok {
		s.memo.Store(name, data)
	}
	return data, ok
}

func (s *LazySite) make(name string) ([]byte, bool) {
	if v, ok := s.view(name); ok {
		var buf bytes.Buffer
		if err := s.b.theme.Layout(v.Layout).Execute(&buf, v); err != nil {
			return []byte(err.Error()), true
		}
		return buf.Bytes(), true
	}
	if file, ok := s.static[name]; ok {
		data, err := fs.ReadFile(s.b.opts.FS, file)
		return data, err == nil
	}
	for _, g := range s.groups {
		if g.match(name) {
			g.make()
			data, ok := g.files[name]
			return data, ok
		}
	}
	return nil, false
}

// Changed returns the outputs of prev that browsers may have open and
// that differ in s, plus the pages s has and prev had not: what open pages
// must reload for. Only outputs prev made are compared, so the cost is
// that of the pages that were looked at.
//
// open, when not nil, tells which HTML pages a browser has open now (the
// dev server's event streams): only those are made again and compared.
// Every other page prev made is listed as changed without being made (it
// may have changed), so that a page that comes back to the server later
// learns that it is out of date; s makes it when a browser asks. A save
// then costs the pages on screen, not every page looked at since the
// server started (the dashboard alone is 30 ms at 10,000 pages).
func (s *LazySite) Changed(prev *LazySite, open func(name string) bool) []string {
	if prev == nil {
		return nil
	}
	var changed []string
	prev.memo.Range(func(k, v any) bool {
		name := k.(string)
		if strings.HasPrefix(name, "search/") {
			return true // fetched afresh by the page that uses it
		}
		if open != nil && prev.isPage(name) && !open(name) {
			changed = append(changed, name)
			return true
		}
		now, ok := s.Get(name)
		if !ok || !bytes.Equal(now, v.([]byte)) {
			changed = append(changed, name)
		}
		return true
	})
	if s.pages == prev.pages {
		return uniqueSorted(changed) // a patch adds and removes no page
	}
	for name := range s.pageOf {
		if _, had := prev.pageOf[name]; !had {
			changed = append(changed, name)
		}
	}
	for name := range prev.pageOf {
		if _, has := s.pageOf[name]; !has {
			changed = append(changed, name)
		}
	}
	return uniqueSorted(changed)
}

// isPage reports whether name is a page of the site whose event stream
// is under its own name: not the 404 page, which is shown at any missing
// URL, and not a static file.
func (s *LazySite) isPage(name string) bool {
	_, ok := s.pageOf[name]
	return ok && name != "404.html"
}

// Files renders every output: the whole site, as a full build writes it.
func (s *LazySite) Files() map[string][]byte {
	out := map[string][]byte{}
	for name := range s.pageOf {
		out[name], _ = s.Get(name)
	}
	for name := range s.static {
		out[name], _ = s.Get(name)
	}
	for _, g := range s.groups {
		g.make()
		for name, data := range g.files {
			out[name] = data
		}
	}
	return out
}

func uniqueSorted(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, x := range list {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sortStrings(out)
	return out
}
