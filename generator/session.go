package generator

import (
	"bytes"
	"context"
	"errors"
	"hash/fnv"
	"html/template"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/render"
	"github.com/handover-dev/handover/generator/serve"
	"github.com/handover-dev/handover/generator/theme"
	vw "github.com/handover-dev/handover/generator/view"
)

// Session builds one site again and again (the dev server). It keeps what
// an edit does not change: decoded pages, rendered bodies, highlighted
// code and the git history. Every build still produces the whole site from
// the new content; what is reused is keyed by what it depends on, so the
// result equals a clean build. A Session is used by one goroutine at a time.
type Session struct {
	opts   Options
	pages  *content.Cache
	hl     *render.Highlighter
	git    *gitInfo
	mu     sync.Mutex
	bodies map[string]cachedBody // by page path
	world  uint64                // hash of what links resolve against

	lastSite *content.Site // the content of the last build
	theme    *theme.Theme  // kept while Forget names no theme or settings file

	// What a build may patch instead of building anew (see patch).
	prev    *builder              // the last build that ran every stage
	spare   *spare                // a fork of prev being made, for the next patch
	served  *LazySite             // the site of the last build, while patches follow it
	changed map[string]bool       // files named by Forget since the last build
	before  map[string]cacheEntry // what the page cache held for them then
	all     bool                  // everything was forgotten since the last build
	Patched bool                  // the last build patched the one before (tests, benchmarks)
}

type cacheEntry struct {
	page  *content.Page
	diags content.Diagnostics
}

// cachedBody is a rendered body kept between builds. Its links name
// their pages by path (targets), not by pointer: a pointer would keep the
// whole model of the build that rendered it alive, a fork's after each
// patch, for as long as the page is not edited again.
type cachedBody struct {
	in      bodyInputs // what the body was rendered from
	r       *built.Body
	targets []string // the path of each link's page, "" for none
}

// detach returns r as the session keeps it: its links without their
// pages, which targets names.
func detach(in bodyInputs, r *built.Body) cachedBody {
	targets := make([]string, len(r.Links))
	for i, l := range r.Links {
		if l.Target.Page != nil {
			targets[i] = l.Target.Page.Path
		}
	}
	return cachedBody{in: in, r: r.Relink(func(*content.Page) *content.Page { return nil }), targets: targets}
}

// attach returns a copy of the kept body whose links point at the pages
// of site.
func (c cachedBody) attach(site *content.Site) *built.Body {
	r := *c.r
	r.Links = slices.Clone(c.r.Links)
	for i, path := range c.targets {
		if path != "" {
			r.Links[i].Target.Page = site.PageByPath(path)
		}
	}
	return &r
}

// bodyInputs is everything of a page that its rendered body depends on,
// besides the link world.
type bodyInputs struct {
	file, url, title, summary string
	kind                      content.Kind
	unsafe                    bool
	line                      int // where the body starts in the file: the positions of its diagnostics
	body                      []byte
}

func inputsOf(p *content.Page, unsafe bool) bodyInputs {
	return bodyInputs{file: p.File, url: p.URL, title: p.Title, summary: p.Summary, kind: p.Kind, unsafe: unsafe, line: p.BodyLine, body: p.Body}
}

// same reports whether a and b are equal. Pages from the session's cache
// share their Markdown with the cached page, and comparing a slice with
// itself costs nothing, so this is cheaper than hashing every body.
func (a bodyInputs) same(b bodyInputs) bool {
	return a.file == b.file && a.url == b.url && a.title == b.title && a.summary == b.summary &&
		a.kind == b.kind && a.unsafe == b.unsafe && a.line == b.line && bytes.Equal(a.body, b.body)
}

// NewSession returns a session for the site in opts.
func NewSession(opts Options) *Session {
	hl := render.NewHighlighter()
	hl.Memo = true
	return &Session{opts: opts, pages: content.NewCache(), hl: hl, bodies: map[string]cachedBody{},
		changed: map[string]bool{}, before: map[string]cacheEntry{}}
}

// TrustForget makes the session rely on Forget to learn of every change,
// instead of looking at each file's size and time: for a file watcher.
func (s *Session) TrustForget() { s.pages.Trust = true }

// Forget drops what the session keeps about the files at paths (slash
// paths relative to the site root), or everything when paths is nil: after
// a change to handover.yaml, people.yaml or the theme, nothing is kept.
func (s *Session) Forget(paths []string) {
	for _, p := range paths {
		if p == "handover.yaml" || p == "people.yaml" || strings.HasPrefix(p, "themes/") || p == ".git" || strings.HasPrefix(p, ".git/") {
			paths = nil
			break
		}
	}
	if paths == nil {
		s.all = true
	}
	for _, p := range paths {
		if _, seen := s.before[p]; !seen {
			if page, diags, ok := s.pages.Entry(p); ok {
				s.before[p] = cacheEntry{page, diags}
			}
		}
		s.changed[p] = true
	}
	s.pages.Forget(paths)
	s.mu.Lock()
	defer s.mu.Unlock()
	if paths == nil {
		s.bodies = map[string]cachedBody{}
		s.git, s.theme = nil, nil
		return
	}
	for _, p := range paths {
		for path := range s.bodies {
			if path == p || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
				delete(s.bodies, path)
			}
		}
	}
}

// Build runs one build of the session's site and returns the result and
// the site to serve. When the content has errors it returns ErrContent
// and still the site, which every stage ran for; other errors give no site.
func (s *Session) Build(ctx context.Context) (*Result, *LazySite, error) {
	start := time.Now()
	b, res, err, patched := s.patch()
	if !patched {
		b, res, err = prepare(ctx, s.opts, s)
	}
	defer func() { res.Duration = time.Since(start) }()
	s.Patched = patched
	s.changed, s.before, s.all = map[string]bool{}, map[string]cacheEntry{}, false
	s.prev, s.spare = nil, nil
	if b != nil && b.complete {
		s.prev = b
	}
	if b != nil && b.git != nil {
		s.git = b.git
	}
	s.lastSite = res.Site
	if !patched {
		s.served = nil // the theme or the static files may have changed
	}
	if err != nil && !(errors.Is(err, ErrContent) && b != nil && b.complete) {
		return res, nil, err
	}
	// A build whose content has errors still ran every stage: its site is
	// returned with ErrContent, so that a dev server with nothing better to
	// show can show it beside the errors.
	var site *LazySite
	if patched && s.served != nil {
		site = patchedSite(b, s.served)
	} else {
		site = newLazySite(b)
	}
	s.served = site
	res.Pages = len(site.pageOf)
	return res, site, err
}

// body returns the rendered body of p, from the session when p's inputs
// and the set of link targets are what they were.
func (s *Session) body(b *builder, p *content.Page) *built.Body {
	if s == nil {
		return b.renderBody(p)
	}
	in := inputsOf(p, b.site.Config.Unsafe)
	s.mu.Lock()
	c, ok := s.bodies[p.Path]
	s.mu.Unlock()
	if ok && c.in.same(in) {
		return c.attach(b.site)
	}
	r := b.renderBody(p)
	kept := detach(in, r)
	s.mu.Lock()
	s.bodies[p.Path] = kept
	s.mu.Unlock()
	return r
}

// templateFuncs are the template functions the theme's own lack (theme.Load).
var templateFuncs = template.FuncMap{
	"raciPeople":  vw.RACIPeople,
	"raciLetters": vw.RACILetters,
}

// loadTheme returns the site's theme, kept from the build before when
// the session learns of every change (TrustForget): a change to the theme
// or to handover.yaml makes Forget drop it.
func (s *Session) loadTheme(fsys fs.FS, cfg content.Config) (*theme.Theme, error) {
	if s == nil || !s.pages.Trust {
		return theme.Load(fsys, cfg, templateFuncs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.theme == nil {
		th, err := theme.Load(fsys, cfg, templateFuncs)
		if err != nil {
			return nil, err
		}
		s.theme = th
	}
	return s.theme, nil
}

// linkWorld hashes what links resolve against: every page path, static
// file and generated output. It is computed once per build.
func (b *builder) linkWorld() uint64 {
	b.worldOnce.Do(func() {
		var names []string
		for _, p := range b.site.Pages {
			names = append(names, "p:"+p.Path+"\x00"+p.URL)
		}
		for _, f := range b.site.Static {
			names = append(names, "s:"+f.Out)
		}
		for o := range b.outputs {
			names = append(names, "o:"+o)
		}
		sort.Strings(names)
		h := fnv.New64a()
		for _, n := range names {
			h.Write([]byte(n))
			h.Write([]byte{0})
		}
		b.world = h.Sum64()
	})
	return b.world
}

// begin starts the body stage of a build: when links resolve against a
// different set of pages and files than before, no body is reused.
func (s *Session) begin(b *builder) {
	if s == nil {
		return
	}
	w := b.linkWorld()
	s.mu.Lock()
	defer s.mu.Unlock()
	if w != s.world {
		s.bodies = map[string]cachedBody{}
		s.world = w
	}
}

func sortStrings(s []string) { sort.Strings(s) }

// liveLabels returns the dev server's own texts from the theme of the last
// build that loaded it; ok is false before.
func (s *Session) liveLabels() (serve.Labels, bool) {
	s.mu.Lock()
	th := s.theme
	s.mu.Unlock()
	if th == nil {
		return serve.Labels{}, false
	}
	return labelsFrom(th), true
}
