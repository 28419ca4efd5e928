package generator

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/render"
	"github.com/handover-dev/handover/generator/store"
)

// Heading and Section are the render stage's, in the generator's API and
// templates.
type (
	Heading = built.Heading
	Section = built.Section
)

// lineIndex maps byte offsets of a body to file lines and columns.
type lineIndex struct {
	file   string
	first  int   // line of the body's first byte
	starts []int // byte offset of each line start
	src    []byte
}

func newLineIndex(p *content.Page) *lineIndex {
	li := &lineIndex{file: p.File, first: p.BodyLine, starts: []int{0}, src: p.Body}
	for i, c := range p.Body {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// pos returns the position of byte offset off; columns count characters.
func (li *lineIndex) pos(off int) content.Pos {
	if off < 0 {
		return content.Pos{File: li.file, Line: li.first}
	}
	lo, hi := 0, len(li.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	off = min(off, len(li.src))
	return content.Pos{File: li.file, Line: li.first + lo, Col: utf8.RuneCount(li.src[li.starts[lo]:off]) + 1}
}

// renderBody converts the Markdown of p to HTML, rewriting its links,
// or takes it from the build cache when the page and the pages it can link
// to are as they were.
func (b *builder) renderBody(p *content.Page) *built.Body {
	c := b.renderCache()
	if c == nil {
		return b.convertBody(p)
	}
	b.hl.KeepIn(highlightStore{c})
	key := c.bodyCacheKey(b, p)
	if r := c.body(b, key); r != nil {
		return r
	}
	r := b.convertBody(p)
	c.putBody(key, r)
	return r
}

// highlightStore keeps the highlighter's code blocks in the build cache.
type highlightStore struct{ c *renderCache }

func highlightKey(lang, code string) string {
	return store.NewKey("highlight").Str(lang).Str(code).Sum()
}

// Get implements render.CodeStore.
func (s highlightStore) Get(lang, code string) ([]byte, string, bool) {
	key := highlightKey(lang, code)
	data, ok := s.c.Get("hl", key)
	return data, key, ok
}

// Put implements render.CodeStore.
func (s highlightStore) Put(key string, html []byte) { s.c.Put("hl", key, html) }

// convertBody converts the Markdown of p to HTML, rewriting its links.
func (b *builder) convertBody(p *content.Page) *built.Body {
	r := &built.Body{}
	li := newLineIndex(p)
	ctx := parser.NewContext(parser.WithIDs(render.NewHeadingIDs()))
	doc := b.md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(ctx))
	b.rewrite(p, doc, li, r)
	if h := firstH1(doc); h != nil && p.Title != "" && sameTitle(p, strings.TrimSpace(string(nodeText(h, p.Body)))) {
		h.Parent().RemoveChild(h.Parent(), h) // the title is shown by the layout
	}
	var out bytes.Buffer
	out.Grow(len(p.Body) + len(p.Body)/2 + 512) // HTML is about 1.5× its Markdown
	if r.Callout {
		out.WriteString(b.calloutLink(p.URL, r))
	}
	if err := b.md.Renderer().Render(&out, p.Body, doc); err != nil {
		r.Diags = append(r.Diags, content.Diag("file", content.Pos{File: p.File}, fmt.Sprintf("cannot render: %v", err)))
	}
	if r.Diagram {
		out.WriteString(b.mermaidScript(p.URL, r))
	}
	r.HTML = out.String()
	r.Sections = sections(doc, p.Body)
	r.Summary = p.Summary
	if r.Summary == "" {
		r.Summary = firstParagraph(doc, p.Body)
	}
	r.Diags = append(r.Diags, foreignSyntax(p, li)...)
	return r
}

// rewrite resolves every link and image and collects headings and raw HTML.
func (b *builder) rewrite(p *content.Page, doc ast.Node, li *lineIndex, r *built.Body) {
	rawHTML := -1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			r.Headings = append(r.Headings, Heading{Level: n.Level, ID: string(idb), Text: string(nodeText(n, p.Body))})
		case *ast.Link:
			n.Destination = b.linkDest(p, n.Destination, li.pos(n.Pos()), r)
		case *ast.Image:
			n.Destination = b.linkDest(p, n.Destination, li.pos(n.Pos()), r)
		case *ast.FencedCodeBlock:
			r.Diagram = r.Diagram || render.IsMermaid(strings.ToLower(string(n.Language(p.Body))))
		case *render.Callout:
			r.Callout = true
		case *render.HTMLAnchor: // a place to link to, not a heading (level 0)
			r.Headings = append(r.Headings, Heading{ID: n.ID})
		case *render.HTMLAnchorBlock:
			for _, id := range n.IDs {
				r.Headings = append(r.Headings, Heading{ID: id})
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			if rawHTML < 0 && !b.site.Config.Unsafe {
				rawHTML = htmlPos(n)
			}
		}
		return ast.WalkContinue, nil
	})
	if rawHTML >= 0 {
		r.Diags = append(r.Diags, content.Diag("raw-html", li.pos(rawHTML), "raw HTML is left out of the page; write Markdown, or set markdown.unsafe: true in handover.yaml"))
	}
}

func htmlPos(n ast.Node) int {
	if n.Pos() >= 0 {
		return n.Pos()
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
		return raw.Segments.At(0).Start
	}
	return -1
}

// linkDest resolves one destination and records what the checks need.
func (b *builder) linkDest(p *content.Page, dest []byte, pos content.Pos, r *built.Body) []byte {
	res := b.resolveLink(p, string(dest))
	if res.problem != "" {
		r.Diags = append(r.Diags, content.Diag(res.rule, pos, res.problem))
		if res.href == "" {
			return []byte("#")
		}
	}
	if !res.external && res.target.Out != "" {
		r.Links = append(r.Links, built.Link{Pos: pos, Target: res.target})
	}
	if r.Print == nil {
		r.Print = map[string]string{}
	}
	r.Print[res.href] = printHref(res)
	return []byte(res.href)
}

// sameTitle reports whether a page's first heading is its title, which
// the layout shows: as written, or with the number a decision record puts
// before it ("# 1. Record architecture decisions").
func sameTitle(p *content.Page, heading string) bool {
	return heading == p.Title || p.Kind == content.KindDecision && content.RecordTitle(heading) == p.Title
}

func firstH1(doc ast.Node) *ast.Heading {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			return h
		}
		if _, ok := c.(*ast.Heading); ok {
			return nil
		}
	}
	return nil
}

// nodeText returns the plain text inside n.
func nodeText(n ast.Node, src []byte) []byte { return appendNodeText(nil, n, src) }

// appendNodeText appends the plain text of n to buf.
func appendNodeText(buf []byte, n ast.Node, src []byte) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			buf = append(buf, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				buf = append(buf, ' ')
			}
		case *ast.String:
			buf = append(buf, c.Value...)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				buf = append(buf, seg.Value(src)...)
			}
		case *east.TableCell:
			buf = append(buf, ' ')
		}
		return ast.WalkContinue, nil
	})
	return buf
}

// sections splits the body into heading sections of plain text.
func sections(doc ast.Node, src []byte) []Section {
	cur := Section{}
	text := make([]byte, 0, len(src))
	var out []Section
	flush := func() {
		cur.Text = string(text)
		if strings.TrimSpace(cur.Text) != "" || cur.Heading != "" {
			out = append(out, cur)
		}
		text = text[:0]
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level <= 3 {
			flush()
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			cur = Section{Anchor: string(idb), Heading: string(nodeText(h, src))}
			continue
		}
		text = append(appendNodeText(text, c, src), '\n')
	}
	flush()
	return out
}

func firstParagraph(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			return truncate(strings.TrimSpace(string(nodeText(c, src))), 200)
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// liquid finds template tags of other generators (Liquid, Jekyll, Eleventy, Hugo shortcodes).
var liquid = regexp.MustCompile(`\{%-?\s*[a-zA-Z_]|\{\{<|\{\{%|\{\{\s*[a-zA-Z_.]+\s*\}\}`)

// foreignSyntax warns once per page about markup of other generators
// that handover shows as plain text. Admonitions and containers
// (!!! note, :::tip) are callouts now (render/callout.go).
// Tags in code (a fenced block, an indented one, an inline code span) are
// what the page shows on purpose: documentation of those generators.
func foreignSyntax(p *content.Page, li *lineIndex) content.Diagnostics {
	var out content.Diagnostics
	if at := firstOutsideCode(p.Body, liquid.FindAllIndex(p.Body, -1)); at >= 0 {
		out = append(out, content.Diag("foreign-syntax", li.pos(at), "template tag of another generator (Liquid, shortcode) is shown as text"))
	}
	return out
}

// firstOutsideCode returns the offset of the first of the matches (in
// order) that is not inside a fenced code block, an indented code line or
// an inline code span of its line, or -1. One pass over src.
func firstOutsideCode(src []byte, matches [][]int) int {
	fence := ""
	start := 0
	for len(matches) > 0 && start <= len(src) {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := string(src[start:end])
		t := strings.TrimLeft(line, " >")
		isFence := strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
		code := fence != "" || isFence || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
		for len(matches) > 0 && matches[0][0] <= end {
			if at := matches[0][0]; !code && strings.Count(line[:at-start], "`")%2 == 0 {
				return at
			}
			matches = matches[1:]
		}
		switch {
		case fence == "" && isFence:
			fence = t[:3]
		case fence != "" && isFence && strings.HasPrefix(t, fence):
			fence = ""
		}
		start = end + 1
	}
	return -1
}

// markerIndex returns the offset in "\n"+body at which marker (which starts
// with a line feed) begins, or -1, without copying body.
func markerIndex(body []byte, marker string) int {
	if bytes.HasPrefix(body, []byte(marker[1:])) {
		return 0
	}
	if i := bytes.Index(body, []byte(marker)); i >= 0 {
		return i + 1
	}
	return -1
}
