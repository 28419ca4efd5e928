package generator

import (
	"bytes"
	"io/fs"
	"strings"
	"sync"
)

// LazySite is a built site whose outputs are made when first asked for:
// the dev server renders only the pages a browser opens, so a rebuild
// after an edit costs little however large the site is. It implements
// serve.Files. The outputs equal those a full build writes.
type LazySite struct {
	b      *builder
	views  map[string]*view  // HTML pages by output path
	static map[string]string // output path → source file
	groups []*group          // outputs made together (search index, calendars, …)
	memo   sync.Map          // output path → []byte
}

// group is a set of outputs that one step writes at once.
type group struct {
	match func(name string) bool
	write func(Sink) error
	once  sync.Once
	files map[string][]byte
}

func newLazySite(b *builder) *LazySite {
	s := &LazySite{b: b, views: map[string]*view{}, static: map[string]string{}}
	for _, v := range b.pageViews() {
		s.views[v.outPath()] = v
	}
	for _, f := range b.site.Static {
		s.static[f.Out] = f.File
	}
	for _, f := range siteFiles {
		if f.lazy {
			s.groups = append(s.groups, &group{match: f.matches, write: func(sink Sink) error { return f.write(b, sink) }})
		}
	}
	return s
}

// Has reports whether the site has an output at name.
func (s *LazySite) Has(name string) bool {
	if _, ok := s.views[name]; ok {
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
	if v, ok := s.views[name]; ok {
		var buf bytes.Buffer
		if err := s.b.theme.layout(v.Layout).Execute(&buf, v); err != nil {
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
			g.once.Do(func() {
				mem := &MemSink{}
				_ = g.write(mem)
				g.files = mem.Files
			})
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
func (s *LazySite) Changed(prev *LazySite) []string {
	if prev == nil {
		return nil
	}
	var changed []string
	prev.memo.Range(func(k, v any) bool {
		name := k.(string)
		if strings.HasPrefix(name, "search/") {
			return true // fetched afresh by the page that uses it
		}
		now, ok := s.Get(name)
		if !ok || !bytes.Equal(now, v.([]byte)) {
			changed = append(changed, name)
		}
		return true
	})
	for name := range s.views {
		if _, had := prev.views[name]; !had {
			changed = append(changed, name)
		}
	}
	for name := range prev.views {
		if _, has := s.views[name]; !has {
			changed = append(changed, name)
		}
	}
	return uniqueSorted(changed)
}

// Files renders every output: the whole site, as a full build writes it.
func (s *LazySite) Files() map[string][]byte {
	out := map[string][]byte{}
	for name := range s.views {
		out[name], _ = s.Get(name)
	}
	for name := range s.static {
		out[name], _ = s.Get(name)
	}
	for _, g := range s.groups {
		g.once.Do(func() {
			mem := &MemSink{}
			_ = g.write(mem)
			g.files = mem.Files
		})
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
