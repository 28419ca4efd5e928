package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/output"
	"github.com/handover-dev/handover/generator/render"
	"github.com/handover-dev/handover/generator/theme"
)

// writeSite renders every page and copies every file into sink. The steps
// that make the search index, the calendars and the other site-wide files
// run on the same cores as the pages, the longest first, so that no phase
// of the build waits for one core alone.
func (b *builder) writeSite(ctx context.Context, sink Sink) error {
	oc, err := b.newOutputCache(ctx)
	if err != nil {
		return err
	}
	if b.release {
		for _, r := range b.bodies {
			r.Links, r.Diags = nil, nil // checked and counted; writing needs neither
		}
	}
	pages := b.pageViews()
	// The print document holds every page: start it first, and write the
	// other pages in its order, so that a page's HTML, which both need, can
	// go soon after the two have it.
	order := map[*content.Page]int{}
	if home := b.site.PageByID("_index"); home != nil {
		order[home] = 0
	}
	for _, s := range b.printSections() {
		for _, p := range s.Pages {
			order[p] = len(order)
		}
	}
	rank := func(v *view) int {
		if v.Layout == "print" {
			return -1
		}
		if n, ok := order[v.Page]; ok && v.Page != nil {
			return n
		}
		return len(order)
	}
	sort.SliceStable(pages, func(i, j int) bool { return rank(pages[i]) < rank(pages[j]) })
	var steps []func(Sink) error
	for _, f := range siteFiles {
		write := func(sink Sink) error { return f.write(b, sink) }
		if f.cached {
			write = oc.step(write, f.name, f.everyBody)
		}
		steps = append(steps, write)
	}
	var jobs []func() error
	for i, v := range pages {
		if i == 1 || len(pages) == 1 {
			for _, step := range steps {
				jobs = append(jobs, func() error { return step(sink) })
			}
		}
		jobs = append(jobs, func() error { return b.writeView(sink, v, oc) })
	}
	report := b.progress(len(jobs), "writing pages")
	return parallel(ctx, len(jobs), func(i int) error {
		defer report()
		return jobs[i]()
	})
}

// progress returns a function to call after each of total units of work:
// on large sites it reports every quarter through Options.Progress.
func (b *builder) progress(total int, what string) func() {
	p := b.opts.Progress
	if p == nil || total < 2000 {
		return func() {}
	}
	var done atomic.Int64
	return func() {
		n := int(done.Add(1))
		if n%(total/4) == 0 && n < total {
			p(n-1, total, what)
		}
	}
}

// pageViews lists every HTML page of the site with its layout.
func (b *builder) pageViews() []*view {
	var out []*view
	for _, p := range b.site.Pages {
		if p.List {
			continue
		}
		out = append(out, b.pageView(p))
	}
	for _, s := range b.sections {
		v := &view{b: b, Layout: "list", Title: s.Title(b.theme), Dir: s.URL(), Section: s}
		if s.Dir == "" {
			v.Layout = "home"
			if title := b.site.Config.Title; title != "" && s.Index == nil {
				v.Title = title
			}
		}
		if s.Index != nil {
			r := b.bodies[s.Index]
			v.Page, v.Body, v.Headings = s.Index, template.HTML(r.HTML), r.Headings
		}
		out = append(out, v)
	}
	return append(out, b.sitePageViews()...)
}

// pageView returns the view of a page that is not a folder's list page
// (the dev server makes them one by one after an edit, lazy.go).
func (b *builder) pageView(p *content.Page) *view {
	r := b.bodies[p]
	return &view{b: b, Page: p, Layout: string(p.Kind), Title: p.Title, Dir: p.URL,
		Body: template.HTML(r.HTML), Headings: r.Headings, Section: b.sections[dirOf(p.Path)]}
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// outPath returns the file a view is written to.
func (v *view) outPath() string {
	if v.Layout == "404" {
		return "404.html"
	}
	return v.Dir + "index.html"
}

// writeView executes the layout of v and writes the page, or copies the
// page from the cache when its inputs are unchanged.
func (b *builder) writeView(sink Sink, v *view, oc *outputCache) error {
	key := oc.viewKey(v)
	if key != "" {
		if data, ok := oc.c.Get("out", key); ok {
			return sink.Write(v.outPath(), data)
		}
	}
	if r := b.bodies[v.Page]; v.Page != nil && r != nil && r.Spilled {
		v.Body = template.HTML(b.html(r)) // read back only for a page that is rendered
	}
	if key == "" {
		w, err := output.Stream(sink, v.outPath())
		if err == nil {
			err = b.theme.Layout(v.Layout).Execute(w, v)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("render %s: %w", v.outPath(), err)
			}
			if b.release {
				v.Body, v.Headings = "", nil // written: the HTML may go once the print document has it too
			}
			return nil
		}
		if !errors.Is(err, output.ErrNoStream) {
			return err
		}
	}
	var buf bytes.Buffer
	size := len(v.Body) + 16<<10
	buf.Grow(size)
	if err := b.theme.Layout(v.Layout).Execute(&buf, v); err != nil {
		return fmt.Errorf("render %s: %w", v.outPath(), err)
	}
	if key != "" {
		oc.c.Put("out", key, buf.Bytes())
	}
	return sink.Write(v.outPath(), buf.Bytes())
}

// peopleViews returns the people index and a page per person and role.
func (b *builder) peopleViews() []*view {
	out := []*view{{b: b, Layout: "people", Title: b.theme.Label("people"), Dir: "people/"}}
	none := &content.Involvement{}
	for _, p := range b.site.People.Persons {
		inv := b.site.Involved[p.ID]
		if inv == nil {
			inv = none
		}
		out = append(out, &view{b: b, Layout: "person", Title: p.Name, Dir: strings.TrimSuffix(personOut(p.ID), "index.html"), Person: p, Involved: inv})
	}
	for _, r := range b.site.People.Roles {
		inv := b.site.Involved[r.ID]
		if inv == nil {
			inv = none
		}
		out = append(out, &view{b: b, Layout: "person", Title: r.Name, Dir: strings.TrimSuffix(personOut(r.ID), "index.html"), Role: r, Involved: inv})
	}
	return out
}

// writeStatic copies static/ and the non-Markdown files of content/.
func (b *builder) writeStatic(sink Sink) error {
	for _, f := range b.site.Static {
		data, err := fs.ReadFile(b.opts.FS, f.File)
		if err != nil {
			return fmt.Errorf("static: %w", err)
		}
		if err := sink.Write(f.Out, data); err != nil {
			return err
		}
	}
	return nil
}

// writeAssets copies the theme's assets and the highlighting styles.
func (b *builder) writeAssets(sink Sink) error {
	o := b.theme.Files.(theme.Overlay)
	for _, p := range o.List("assets") {
		data, err := fs.ReadFile(o, p)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if err := sink.Write(p, data); err != nil {
			return err
		}
	}
	return sink.Write("assets/chroma.css", []byte(render.ChromaCSS()))
}
