package generator

import (
	"encoding/binary"
	"errors"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/store"
)

// bodyCacheKey hashes everything renderBody reads: the page's own inputs,
// whether raw HTML is allowed, and the pages and files links resolve against.
func (c *renderCache) bodyCacheKey(b *builder, p *content.Page) string {
	k := store.NewKey("body").Str(c.linkWorld(b))
	for _, s := range []string{p.File, p.Path, p.URL, p.ID, p.Title, p.Summary, string(p.Kind)} {
		k.Str(s)
	}
	if b.site.Config.Unsafe {
		k.Str("unsafe")
	}
	return k.Bytes(p.Body).Sum()
}

// body returns the stored body under key, with its link targets found
// again in the site of this build, or nil.
func (c *renderCache) body(b *builder, key string) *built.Body {
	data, ok := c.Get("body", key)
	if !ok {
		return nil
	}
	r, err := decodeBody(data, b.site)
	if err != nil {
		return nil
	}
	return r
}

// putBody stores a rendered body.
func (c *renderCache) putBody(key string, r *built.Body) { c.Put("body", key, encodeBody(r)) }

// A stored body is a flat sequence of varints and length-prefixed strings,
// in the order encodeBody writes them; links name their target page by
// path. (gob would write its type descriptions into every entry, and
// reading those was most of the cost of a warm build.)
func encodeBody(r *built.Body) []byte {
	var e bodyEncoder
	e.str(r.HTML)
	e.str(r.Summary)
	e.int(len(r.Headings))
	for _, h := range r.Headings {
		e.int(h.Level)
		e.str(h.ID)
		e.str(h.Text)
	}
	e.sections(r.Sections)
	e.int(len(r.Links))
	for _, l := range r.Links {
		e.pos(l.Pos)
		page := ""
		if l.Target.Page != nil {
			page = l.Target.Page.Path
		}
		e.str(page)
		e.str(l.Target.Out)
		e.str(l.Target.Anchor)
	}
	e.int(len(r.Diags))
	for _, d := range r.Diags {
		e.int(int(d.Severity))
		e.pos(d.Pos)
		e.str(d.Rule)
		e.str(d.Message)
		e.int(len(d.Notes))
		for _, n := range d.Notes {
			e.pos(n.Pos)
			e.str(n.Message)
		}
	}
	e.int(len(r.Print))
	for _, k := range sortedKeys(r.Print) {
		e.str(k)
		e.str(r.Print[k])
	}
	return e.buf
}

type bodyEncoder struct{ buf []byte }

func (e *bodyEncoder) int(n int)    { e.buf = binary.AppendVarint(e.buf, int64(n)) }
func (e *bodyEncoder) str(s string) { e.int(len(s)); e.buf = append(e.buf, s...) }
func (e *bodyEncoder) pos(p content.Pos) {
	e.str(p.File)
	e.int(p.Line)
	e.int(p.Col)
}

// sections writes search sections (encodeBody, and the spill file).
func (e *bodyEncoder) sections(secs []Section) {
	e.int(len(secs))
	for _, s := range secs {
		e.str(s.Anchor)
		e.str(s.Heading)
		e.str(s.Text)
	}
}

var errBadEntry = errors.New("damaged cache entry")

type bodyDecoder struct {
	buf []byte
	err error
}

func (d *bodyDecoder) int() int {
	n, k := binary.Varint(d.buf)
	if k <= 0 {
		d.err, d.buf = errBadEntry, nil
		return 0
	}
	d.buf = d.buf[k:]
	return int(n)
}

// count reads a length that must fit in what is left of the entry.
func (d *bodyDecoder) count() int {
	n := d.int()
	if n < 0 || n > len(d.buf) {
		d.err, d.buf = errBadEntry, nil
		return 0
	}
	return n
}

func (d *bodyDecoder) str() string {
	n := d.count()
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *bodyDecoder) pos() content.Pos {
	return content.Pos{File: d.str(), Line: d.int(), Col: d.int()}
}

// sections reads what bodyEncoder.sections wrote.
func (d *bodyDecoder) sections() []Section {
	var out []Section
	for n := d.count(); n > 0; n-- {
		out = append(out, Section{Anchor: d.str(), Heading: d.str(), Text: d.str()})
	}
	return out
}

func decodeBody(data []byte, site *content.Site) (*built.Body, error) {
	d := &bodyDecoder{buf: data}
	r := &built.Body{HTML: d.str(), Summary: d.str()}
	for n := d.count(); n > 0; n-- {
		r.Headings = append(r.Headings, Heading{Level: d.int(), ID: d.str(), Text: d.str()})
	}
	r.Sections = d.sections()
	for n := d.count(); n > 0; n-- {
		l := built.Link{Pos: d.pos()}
		if path := d.str(); path != "" {
			if l.Target.Page = site.PageByPath(path); l.Target.Page == nil {
				return nil, errBadEntry // cannot happen with an equal link world
			}
		}
		l.Target.Out, l.Target.Anchor = d.str(), d.str()
		r.Links = append(r.Links, l)
	}
	for n := d.count(); n > 0; n-- {
		diag := content.Diagnostic{Severity: content.Severity(d.int()), Pos: d.pos(), Rule: d.str(), Message: d.str()}
		for m := d.count(); m > 0; m-- {
			diag.Notes = append(diag.Notes, content.Note{Pos: d.pos(), Message: d.str()})
		}
		r.Diags = append(r.Diags, diag)
	}
	if n := d.count(); n > 0 {
		r.Print = make(map[string]string, n)
		for ; n > 0; n-- {
			k := d.str()
			r.Print[k] = d.str()
		}
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, errBadEntry
	}
	return r, nil
}
