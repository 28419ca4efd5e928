package generator

import (
	"context"
	"io/fs"
	"sort"
	"strconv"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/store"
)

// outputCache reuses output files of earlier builds whose inputs are the
// same. What a page shows of other pages (titles, front matter, summaries,
// relations, backlinks) is covered by one site key; a page's own body by
// its body hash. Outputs that depend on every body (print, search) are
// keyed by all body hashes; the readiness and change pages, which depend
// on the diagnostics and history, are always rendered.
type outputCache struct {
	c      *renderCache
	site   string                   // hash of everything but the bodies
	bodies string                   // hash of all bodies
	body   map[*content.Page]string // hash of each page's rendered body
}

// newOutputCache hashes the inputs of this build's outputs, or returns nil
// when the build has no cache or depends on git history.
func (b *builder) newOutputCache(ctx context.Context) (*outputCache, error) {
	c := b.renderCache()
	if c == nil || b.git != nil || b.opts.Versions {
		return nil, nil
	}
	pages := b.site.Pages
	front := make([]string, len(pages))
	body := make([]string, len(pages))
	err := parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		r := b.bodies[p]
		fm := p.FrontSum()
		// the title too: every page's navigation shows it (nav.go), and
		// it may come from the body's first heading
		k := store.NewKey("page").Str(p.File).Bytes(fm[:]).Str(strconv.Itoa(p.BodyLine)).Str(p.Summary).Str(r.Summary).Str(p.Title)
		for _, l := range r.Links {
			if l.Target.Page != nil {
				k.Str(l.Target.Page.Path) // backlinks of the target
			}
		}
		front[i] = k.Sum()
		sum := b.htmlSum(r)
		bk := store.NewKey("html").Bytes(sum[:])
		for _, h := range r.Headings {
			bk.Str(strconv.Itoa(h.Level)).Str(h.ID).Str(h.Text)
		}
		body[i] = bk.Sum()
		return nil
	})
	if err != nil {
		return nil, err
	}
	o := &outputCache{c: c, body: make(map[*content.Page]string, len(pages))}
	site := store.NewKey("site").Str(c.linkWorld(b)).Str(b.opts.Version).Str(b.opts.BaseURL).Str(b.now.String())
	for _, name := range append(append([]string{"handover.yaml", "people.yaml"}, b.themeFiles()...), b.measurementFiles()...) {
		data, _ := fs.ReadFile(b.opts.FS, name)
		site.Str(name).Bytes(data)
	}
	all := store.NewKey("bodies")
	for i, p := range pages {
		site.Str(front[i])
		all.Str(body[i])
		o.body[p] = body[i]
	}
	o.site, o.bodies = site.Sum(), all.Sum()
	return o, nil
}

// themeFiles lists the files of the site's own theme folder; the built-in
// theme is part of the binary, which every key includes.
func (b *builder) themeFiles() []string {
	var out []string
	_ = fs.WalkDir(b.opts.FS, "themes", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// viewKey returns the key of a page's output, or "" when it is always rendered.
func (o *outputCache) viewKey(v *view) string {
	if o == nil || v.Data != nil || alwaysRendered(v.Layout) {
		return ""
	}
	k := store.NewKey("view").Str(o.site).Str(v.outPath()).Str(v.Layout).Str(v.Title).Str(v.Dir)
	if v.Page != nil {
		k.Str(o.body[v.Page])
	}
	if v.Layout == "print" {
		k.Str(o.bodies)
	}
	return k.Sum()
}

// step wraps a step that writes several outputs so that its files come
// from the cache when its inputs are unchanged; everyBody says whether the
// outputs depend on every page body (the search index) or only on the site.
func (o *outputCache) step(write func(Sink) error, name string, everyBody bool) func(Sink) error {
	if o == nil {
		return write
	}
	k := store.NewKey("step").Str(name).Str(o.site)
	if everyBody {
		k.Str(o.bodies)
	}
	key := k.Sum()
	return func(sink Sink) error {
		files, ok := o.c.GetFiles("out", key)
		if !ok {
			mem := &MemSink{}
			if err := write(mem); err != nil {
				return err
			}
			files = mem.Files
			o.c.PutFiles("out", key, files)
		}
		for _, name := range sortedKeys(files) {
			if err := sink.Write(name, files[name]); err != nil {
				return err
			}
		}
		return nil
	}
}
