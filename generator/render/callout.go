package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handover-dev/handover/generator/theme"
)

// Callouts (a note, a tip, a warning set apart from the text) are written
// three ways by the tools handover's users come from, and all three render
// as one <aside class="callout callout-FAMILY">, styled by the theme
// (callout.css), readable without JavaScript and in print:
//
//	> [!NOTE]                 GitHub and GitLab alerts: a blockquote whose
//	> Text.                   first line is [!KIND]
//
//	!!! tip "Title"           MkDocs (Material) admonitions; ??? and ???+
//	    Text, indented.       (collapsible there) are shown open
//
//	:::info[Beta]             Docusaurus and HackMD containers, up to a
//	Text.                     line of as many colons; :::tip Title too
//	:::
//
// A callout without a title of its own is titled by the theme's label
// callout.KIND in the site's language.

// KindCallout is the node kind of a callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a block set apart from the text: its children are the
// callout's content.
type Callout struct {
	ast.BaseBlock
	Name  string // as written, lower case: note, tip, warning, …
	Title string // its own title; "" for the label of its type
	fence int    // the colons that opened a container, which must close it
}

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Title": n.Title}, nil)
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// calloutFamilies maps the kinds of the three syntaxes onto the five the
// theme styles: note, tip, important, warning, danger.
var calloutFamilies = map[string]string{
	"note": "note", "info": "note", "todo": "note", "seealso": "note", "abstract": "note", "summary": "note",
	"tldr": "note", "example": "note", "quote": "note", "cite": "note", "question": "note", "help": "note",
	"faq": "note", "spoiler": "note", "secondary": "note", "details": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"important": "important",
	"warning":   "warning", "attention": "warning", "caution": "warning",
	"danger": "danger", "error": "danger", "failure": "danger", "fail": "danger", "missing": "danger", "bug": "danger",
}

// calloutLabels are the kinds with a label of their own (callout.KIND in
// the theme's i18n files); any other kind is titled by its family's.
var calloutLabels = map[string]bool{"note": true, "info": true, "tip": true, "important": true, "warning": true,
	"caution": true, "danger": true, "success": true, "question": true, "example": true, "quote": true, "bug": true,
	"abstract": true, "failure": true, "todo": true}

// family returns the family of a kind; an unknown kind is a note.
func family(kind string) string {
	if f, ok := calloutFamilies[kind]; ok {
		return f
	}
	return "note"
}

// labelSource holds the labels of the theme the current build uses; the
// goldmark converter, which outlives a build in the dev server, reads them.
type labelSource struct {
	label atomic.Pointer[func(string) string]
}

// set makes the callouts use the labels of label.
func (l *labelSource) set(label func(key string) string) {
	l.label.Store(&label)
}

// title returns the label of a kind.
func (l *labelSource) title(kind string) string {
	key := "callout." + kind
	if !calloutLabels[kind] {
		key = "callout." + family(kind)
	}
	if f := l.label.Load(); f != nil {
		if s := (*f)(key); s != key {
			return s
		}
	}
	return theme.HumanTitle(kind)
}

// callouts is the goldmark extension.
type callouts struct{ labels *labelSource }

// Extend implements goldmark.Extender.
func (c callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(admonitionParser{}, 150), util.Prioritized(containerParser{}, 150)),
		parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{c.labels}, 100)))
}

var (
	admonitionLine = regexp.MustCompile(`^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[^"\s]+)*(?:[ \t]+"([^"]*)")?[ \t]*$`)
	containerLine  = regexp.MustCompile(`^(:{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\[([^\]]*)\]|\{[^}]*\}|([^\s{][^{]*?))?[ \t]*(?:\{[^}]*\})?[ \t]*$`)
	alertLine      = regexp.MustCompile(`^\[!([A-Za-z]+)\][ \t]*(.*)$`)
)

// admonitionParser reads MkDocs admonitions: "!!! kind "Title"" and the
// lines indented by four spaces under it.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := admonitionLine.FindSubmatch(bytes.TrimRight(line, "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.Advance(seg.Len() - 1)
	return &Callout{Name: strings.ToLower(string(m[2])), Title: strings.TrimSpace(string(m[3]))}, parser.HasChildren
}

func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.Advance(len(line) - 1)
		return parser.Continue | parser.HasChildren
	}
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                 { return false }

// containerParser reads Docusaurus and HackMD containers: ":::kind[Title]"
// up to a line of at least as many colons.
type containerParser struct{}

func (containerParser) Trigger() []byte { return []byte{':'} }

func (containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := containerLine.FindSubmatch(bytes.TrimRight(line, "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	title := string(m[3])
	if title == "" {
		title = string(m[4])
	}
	reader.Advance(seg.Len() - 1)
	return &Callout{Name: strings.ToLower(string(m[2])), Title: strings.TrimSpace(title), fence: len(m[1])}, parser.HasChildren
}

func (containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if t := bytes.TrimSpace(line); len(t) >= node.(*Callout).fence && len(bytes.Trim(t, ":")) == 0 {
		reader.Advance(seg.Len() - 1)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (containerParser) Close(ast.Node, text.Reader, parser.Context) {}
func (containerParser) CanInterruptParagraph() bool                 { return true }
func (containerParser) CanAcceptIndentedLine() bool                 { return false }

// alertTransformer turns a blockquote that starts with a line [!KIND]
// into a callout.
type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		m := alertLine.FindSubmatch(bytes.TrimSpace(first.Value(src)))
		if m == nil {
			continue
		}
		c := &Callout{Name: strings.ToLower(string(m[1])), Title: strings.TrimSpace(string(m[2]))}
		dropFirstLine(para, first.Stop)
		if para.ChildCount() == 0 {
			q.RemoveChild(q, para)
		}
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// dropFirstLine removes the inline nodes of the paragraph's first line,
// which ends at offset stop of the source.
func dropFirstLine(para *ast.Paragraph, stop int) {
	for child := para.FirstChild(); child != nil; {
		next := child.NextSibling()
		t, ok := child.(*ast.Text)
		if !ok || t.Segment.Start >= stop {
			break
		}
		para.RemoveChild(para, child)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
		child = next
	}
	lines := para.Lines()
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		rest.Append(lines.At(i))
	}
	para.SetLines(rest)
}

// calloutRenderer writes a callout as an aside with its title.
type calloutRenderer struct{ labels *labelSource }

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.render)
}

func (r calloutRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	title := c.Title
	if title == "" {
		title = r.labels.title(c.Name)
	}
	_, _ = w.WriteString(`<aside class="callout callout-` + family(c.Name) + `" data-kind="` + html.EscapeString(c.Name) + `">` + "\n")
	_, _ = w.WriteString(`<p class="callout-title">` + html.EscapeString(title) + "</p>\n")
	return ast.WalkContinue, nil
}

// MayHaveCallout reports whether a line of Markdown (its indentation and
// blockquote markers trimmed) may open a callout, for the index's scan.
func MayHaveCallout(t string) bool {
	return strings.HasPrefix(t, "!!! ") || strings.HasPrefix(t, "??? ") || strings.HasPrefix(t, "???+ ") ||
		strings.HasPrefix(t, ":::") || strings.HasPrefix(t, "[!")
}
