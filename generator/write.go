package generator

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/handover-dev/handover/content"
)

// writeSite renders every page and copies every file into sink.
func (b *builder) writeSite(ctx context.Context, sink Sink) error {
	pages := b.pageViews()
	err := parallel(ctx, len(pages), func(i int) error {
		return b.writeView(sink, pages[i])
	})
	if err != nil {
		return err
	}
	steps := []func(Sink) error{b.writeStatic, b.writeAssets, b.writeSitemap, b.writeSearch, b.writeCalendars, b.writeVersions}
	for _, step := range steps {
		if err := step(sink); err != nil {
			return err
		}
	}
	return nil
}

// pageViews lists every HTML page of the site with its layout.
func (b *builder) pageViews() []*view {
	var out []*view
	for _, p := range b.site.Pages {
		if p.List {
			continue
		}
		r := b.bodies[p]
		out = append(out, &view{b: b, Page: p, Layout: string(p.Kind), Title: p.Title, Dir: p.URL,
			Body: template.HTML(r.HTML), Headings: r.Headings, Section: b.sections[dirOf(p.Path)]})
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
	out = append(out, b.peopleViews()...)
	out = append(out,
		&view{b: b, Layout: "search", Title: b.theme.label("search"), Dir: "search/"},
		&view{b: b, Layout: "print", Title: b.theme.label("print.title"), Dir: "print/"},
		&view{b: b, Layout: "404", Title: b.theme.label("notfound"), Dir: ""},
		&view{b: b, Layout: "readiness", Title: b.theme.label("readiness"), Dir: "readiness/", Data: b.ready},
	)
	out = append(out, b.changesViews()...)
	return out
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

// writeView executes the layout of v and writes the page.
func (b *builder) writeView(sink Sink, v *view) error {
	var buf bytes.Buffer
	if err := b.theme.layout(v.Layout).Execute(&buf, v); err != nil {
		return fmt.Errorf("render %s: %w", v.outPath(), err)
	}
	return sink.Write(v.outPath(), buf.Bytes())
}

// peopleViews returns the people index and a page per person and role.
func (b *builder) peopleViews() []*view {
	out := []*view{{b: b, Layout: "people", Title: b.theme.label("people"), Dir: "people/"}}
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
	o := b.theme.files.(overlay)
	for _, p := range o.list("assets") {
		data, err := fs.ReadFile(o, p)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if err := sink.Write(p, data); err != nil {
			return err
		}
	}
	return sink.Write("assets/chroma.css", []byte(chromaCSS()))
}

// writeSitemap writes sitemap.xml with every page, absolute when a base URL is set.
func (b *builder) writeSitemap(sink Sink) error {
	base := b.opts.BaseURL
	if base == "" {
		base = b.site.Config.BaseURL
	}
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range b.site.Pages {
		fmt.Fprintf(&buf, "  <url><loc>%s</loc>", escapeHTML(base+relPath("", pageOut(p))))
		if !p.Meta.Reviewed.IsZero() {
			fmt.Fprintf(&buf, "<lastmod>%s</lastmod>", p.Meta.Reviewed)
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	return sink.Write("sitemap.xml", buf.Bytes())
}
