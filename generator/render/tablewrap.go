package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableWraps puts every Markdown table in a <div class="table-wrap">, the
// box the theme lets scroll sideways: a table wider than a phone then
// scrolls inside the text instead of widening the page (issue 19). The
// theme's own tables use the same wrapper; app.js makes a wrapper whose
// table overflows focusable, so that the keyboard can scroll it.
type tableWraps struct{}

// Extend implements goldmark.Extender.
func (tableWraps) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableWrapper{}, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableWrapRenderer{}, 100)))
}

// kindTableWrap is the node that holds one table.
var kindTableWrap = ast.NewNodeKind("TableWrap")

type tableWrap struct{ ast.BaseBlock }

func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

func (n *tableWrap) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type tableWrapper struct{}

// Transform wraps each table of the document.
func (tableWrapper) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == extast.KindTable {
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		parent := t.Parent()
		w := &tableWrap{}
		parent.InsertBefore(parent, t, w)
		parent.RemoveChild(parent, t)
		w.AppendChild(w, t)
	}
}

type tableWrapRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableWrap, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<div class=\"table-wrap\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
