package render

import (
	"bytes"
	"fmt"
	"hash/fnv"
	stdhtml "html"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/theme"
)

// NewMarkdown returns the goldmark converter of the site: GFM, footnotes,
// definition lists, callouts (callout.go), heading attributes, raw HTML
// only when unsafe, and code blocks highlighted by chroma with CSS classes
// (Mermaid diagrams as their source, mermaid.go).
func NewMarkdown(unsafe bool, hl *Highlighter) goldmark.Markdown {
	opts := []renderer.Option{html.WithXHTML()}
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, callouts{&hl.labels}, htmlAnchors{}, tableWraps{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(append(opts,
			renderer.WithNodeRenderers(util.Prioritized(hl, 100)))...),
	)
}

// HeadingIDs gives headings readable, unique ids (content.Anchor), also for
// Dutch text with diacritics and apostrophes.
type HeadingIDs struct {
	used map[string]bool
}

// NewHeadingIDs returns the ids of a page with no heading yet.
func NewHeadingIDs() *HeadingIDs { return &HeadingIDs{used: map[string]bool{}} }

// Generate returns a fresh id for a heading with text value.
func (h *HeadingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := content.Anchor(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id set explicitly with {#id}.
func (h *HeadingIDs) Put(value []byte) { h.used[string(value)] = true }

// Highlighter renders fenced code blocks with chroma, caching each block
// by language and text: highlighting is most of the cost of rendering.
type Highlighter struct {
	Memo  bool     // keep highlighted blocks in cache: a session's next build reuses them
	cache sync.Map // uint64 → []byte
	fmt   *chromahtml.Formatter
	disk  atomic.Pointer[CodeStore] // also keeps blocks between builds; nil without --cache

	labels labelSource // the theme's labels, for the titles of callouts (callout.go)
}

// CodeStore keeps highlighted code blocks between builds (the build
// cache), by language and text.
type CodeStore interface {
	// Get returns the HTML of a block kept before, and the key under
	// which Put keeps it when it was not.
	Get(lang, code string) (html []byte, key string, ok bool)
	// Put keeps the HTML of a block under the key Get gave.
	Put(key string, html []byte)
}

// KeepIn makes the highlighter also read and store blocks in c, so that
// a build in which every body is rendered again (a page was added) still
// highlights only new code. The first store it is given stays.
func (h *Highlighter) KeepIn(c CodeStore) {
	if h.disk.Load() == nil {
		kept := c // on the heap only the first time: every page's render calls this
		h.disk.CompareAndSwap(nil, &kept)
	}
}

// SetCalloutLabels makes the callouts of the converters made with h titled by
// label: the theme's labels of the build that uses them.
func (h *Highlighter) SetCalloutLabels(label func(key string) string) { h.labels.set(label) }

// NewHighlighter returns a highlighter with an empty cache.
func NewHighlighter() *Highlighter {
	return &Highlighter{fmt: chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *Highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (h *Highlighter) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	lang := ""
	if block.Info != nil {
		lang = strings.ToLower(strings.Fields(string(block.Info.Segment.Value(src)) + " ")[0])
	}
	lines := block.Lines()
	size := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Len()
	}
	var code strings.Builder
	code.Grow(size)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	if IsMermaid(lang) {
		_, _ = w.WriteString(mermaidHTML(code.String()))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.Write(h.highlight(lang, code.String()))
	return ast.WalkSkipChildren, nil
}

// highlight returns the HTML of one code block.
func (h *Highlighter) highlight(lang, code string) []byte {
	sum := fnv.New64a()
	sum.Write([]byte(lang))
	sum.Write([]byte{0})
	sum.Write([]byte(code))
	key := sum.Sum64()
	if v, ok := h.cache.Load(key); ok {
		return v.([]byte)
	}
	var disk CodeStore
	var diskKey string
	if d := h.disk.Load(); d != nil {
		disk = *d
		data, k, ok := disk.Get(lang, code)
		if diskKey = k; ok {
			h.remember(key, data)
			return data
		}
	}
	var out bytes.Buffer
	out.Grow(7*len(code) + 256) // chroma's spans make a block's HTML six to seven times its text
	lexer := lexers.Get(lang)
	if lang == "" || lexer == nil {
		out.WriteString(`<pre class="hl-chroma"><code>`)
		out.WriteString(stdhtml.EscapeString(code))
		out.WriteString("</code></pre>\n")
	} else {
		it, err := lexer.Tokenise(nil, code)
		if err != nil || h.fmt.Format(&out, styles.Fallback, it) != nil {
			out.Reset()
			out.WriteString(`<pre class="hl-chroma"><code>` + stdhtml.EscapeString(code) + "</code></pre>\n")
		}
	}
	b := out.Bytes()
	h.remember(key, b)
	if disk != nil {
		disk.Put(diskKey, b)
	}
	return b
}

// remember keeps a highlighted block for the next build of a session. A
// single build does not: its blocks are in the page bodies already, and at
// 100,000 pages a second copy is a quarter of a gigabyte.
func (h *Highlighter) remember(key uint64, html []byte) {
	if h.Memo {
		h.cache.Store(key, html)
	}
}

// ChromaCSS returns the highlighting style sheet: a light style, and a dark
// one for readers whose system prefers it.
func ChromaCSS() string {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))
	var light, dark bytes.Buffer
	_ = f.WriteCSS(&light, styles.Get("github"))
	_ = f.WriteCSS(&dark, styles.Get("github-dark"))
	return "/* code highlighting (chroma) */\n" + light.String() +
		theme.DarkCSS(darkResets(light.String(), dark.String())+dark.String())
}

// cssClass finds the class that a chroma CSS rule styles.
var cssClass = regexp.MustCompile(`(?m)^/\* [A-Za-z]+ \*/ \.hl-chroma \.(hl-[a-z0-9]+) \{`)

// darkResets returns rules that reset, in the dark style, every token class
// that only the light style colours: otherwise dark text would stay on the
// dark background.
func darkResets(light, dark string) string {
	styled := map[string]bool{}
	for _, m := range cssClass.FindAllStringSubmatch(dark, -1) {
		styled[m[1]] = true
	}
	var b strings.Builder
	for _, m := range cssClass.FindAllStringSubmatch(light, -1) {
		if c := m[1]; !styled[c] {
			fmt.Fprintf(&b, ".hl-chroma .%s { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit }\n", c)
		}
	}
	return b.String()
}
