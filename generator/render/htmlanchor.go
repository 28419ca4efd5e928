package render

import (
	"bytes"
	"html"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Documents written for GitHub, GitLab and Jekyll often mark a place to link
// to with an HTML anchor: <a name="correctie"></a>, or <a id="x">text</a>
// around a heading's text. Raw HTML is left out of a page unless the site
// allows it, but these anchors carry no markup of their own: they become
// <a id="…"></a>, are not reported as raw HTML, and links to them resolve
// (the anchor check counts them with the headings, as Heading level 0).

// KindHTMLAnchor is the node kind of an anchor written in HTML.
var KindHTMLAnchor = ast.NewNodeKind("HTMLAnchor")

// HTMLAnchor is an anchor written <a name="ID"> or <a id="ID">, inline.
type HTMLAnchor struct {
	ast.BaseInline
	ID string
}

// Dump implements ast.Node.
func (n *HTMLAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

// Kind implements ast.Node.
func (n *HTMLAnchor) Kind() ast.NodeKind { return KindHTMLAnchor }

// KindHTMLAnchorBlock is the node kind of a line of HTML anchors.
var KindHTMLAnchorBlock = ast.NewNodeKind("HTMLAnchorBlock")

// HTMLAnchorBlock is an HTML block of nothing but anchors
// (<a name="x"></a> on a line of its own).
type HTMLAnchorBlock struct {
	ast.BaseBlock
	IDs []string
}

// Dump implements ast.Node.
func (n *HTMLAnchorBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// Kind implements ast.Node.
func (n *HTMLAnchorBlock) Kind() ast.NodeKind { return KindHTMLAnchorBlock }

var (
	// anchorOpen is one opening anchor tag without a link: its name or id.
	anchorOpen = regexp.MustCompile(`(?i)^<a\s+(?:name|id)\s*=\s*(?:"([^"<>]{1,200})"|'([^'<>]{1,200})')\s*(/?)>$`)
	// anchorLine is a line of anchors, each closed: <a name="x"></a>.
	anchorLine = regexp.MustCompile(`(?i)^(?:\s*<a\s+(?:name|id)\s*=\s*(?:"[^"<>]{1,200}"|'[^'<>]{1,200}')\s*(?:/>|>\s*</a\s*>))+\s*$`)
	anchorID   = regexp.MustCompile(`(?i)(?:name|id)\s*=\s*(?:"([^"<>]+)"|'([^'<>]+)')`)
)

// htmlAnchors is the goldmark extension.
type htmlAnchors struct{}

// Extend implements goldmark.Extender.
func (htmlAnchors) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(htmlAnchorTransformer{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlAnchorRenderer{}, 100)))
}

type htmlAnchorTransformer struct{}

// Transform replaces the anchors among the raw HTML of doc.
func (htmlAnchorTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("<a")) && !bytes.Contains(src, []byte("<A")) {
		return // no anchor: most pages, which need no walk
	}
	var inline []*ast.RawHTML
	var blocks []*ast.HTMLBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.RawHTML:
				inline = append(inline, n)
			case *ast.HTMLBlock:
				blocks = append(blocks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range inline {
		if n.Parent() == nil {
			continue // a closing tag taken with its anchor
		}
		m := anchorOpen.FindStringSubmatch(string(rawText(n.Segments, src)))
		if m == nil {
			continue
		}
		a := &HTMLAnchor{ID: m[1] + m[2]}
		parent := n.Parent()
		if m[3] == "" { // <a name="x">…</a>: the closing tag goes, the text stays
			for s := n.NextSibling(); s != nil; s = s.NextSibling() {
				if r, ok := s.(*ast.RawHTML); ok {
					t := bytes.ToLower(bytes.TrimSpace(rawText(r.Segments, src)))
					if bytes.Equal(t, []byte("</a>")) {
						parent.RemoveChild(parent, r)
						break
					}
					if bytes.HasPrefix(t, []byte("<a")) {
						break
					}
				}
			}
		}
		parent.ReplaceChild(parent, n, a)
	}
	for _, n := range blocks {
		var lines []byte
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			lines = append(lines, seg.Value(src)...)
		}
		if n.HasClosure() {
			closure := n.ClosureLine
			lines = append(lines, closure.Value(src)...)
		}
		if !anchorLine.Match(bytes.TrimSpace(lines)) {
			continue
		}
		b := &HTMLAnchorBlock{}
		for _, m := range anchorID.FindAllSubmatch(lines, -1) {
			b.IDs = append(b.IDs, string(m[1])+string(m[2]))
		}
		b.SetLines(n.Lines())
		n.Parent().ReplaceChild(n.Parent(), n, b)
	}
}

// rawText returns the text of raw HTML segments.
func rawText(segs *text.Segments, src []byte) []byte {
	var out []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		out = append(out, seg.Value(src)...)
	}
	return out
}

type htmlAnchorRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlAnchorRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHTMLAnchor, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			writeAnchor(w, n.(*HTMLAnchor).ID)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindHTMLAnchorBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			for _, id := range n.(*HTMLAnchorBlock).IDs {
				writeAnchor(w, id)
			}
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}

func writeAnchor(w util.BufWriter, id string) {
	_, _ = w.WriteString(`<a id="`)
	_, _ = w.WriteString(html.EscapeString(id))
	_, _ = w.WriteString(`"></a>`)
}
