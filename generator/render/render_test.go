package render

import (
	"bytes"
	"html"
	"html/template"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// convert renders src with a converter whose callouts are titled by labels.
func convert(t *testing.T, src string, labels map[string]string) string {
	t.Helper()
	hl := NewHighlighter()
	if labels != nil {
		hl.SetCalloutLabels(func(key string) string {
			if s, ok := labels[key]; ok {
				return s
			}
			return key
		})
	}
	md := NewMarkdown(false, hl)
	ctx := parser.NewContext(parser.WithIDs(NewHeadingIDs()))
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out, parser.WithContext(ctx)); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestCallouts checks the three ways to write a callout, the family of a
// kind and the title: its own, the label of its kind or family, or the
// kind itself without labels.
func TestCallouts(t *testing.T) {
	labels := map[string]string{"callout.note": "Opmerking", "callout.warning": "Waarschuwing", "callout.tip": "Tip"}
	for _, c := range []struct{ name, src, want string }{
		{"alert", "> [!WARNING]\n> Let op.\n", `<aside class="callout callout-warning" data-kind="warning">` + "\n" + `<p class="callout-title">Waarschuwing</p>` + "\n<p>Let op.</p>\n</aside>\n"},
		{"alert title", "> [!NOTE] Eigen titel\n> Tekst.\n", `<p class="callout-title">Eigen titel</p>`},
		{"admonition", "!!! tip \"Handig\"\n    Ingesprongen tekst.\n", `<aside class="callout callout-tip" data-kind="tip">` + "\n" + `<p class="callout-title">Handig</p>` + "\n<p>Ingesprongen tekst.</p>\n</aside>\n"},
		{"container", ":::hint\nTekst.\n:::\n", `<aside class="callout callout-tip" data-kind="hint">` + "\n" + `<p class="callout-title">Tip</p>` + "\n<p>Tekst.</p>\n</aside>\n"},
		{"container title", ":::info[Beta]\nTekst.\n:::\n", `<p class="callout-title">Beta</p>`},
		{"unknown kind", ":::my-kind\nTekst.\n:::\n", `<aside class="callout callout-note" data-kind="my-kind">` + "\n" + `<p class="callout-title">Opmerking</p>`},
		{"plain quote", "> Gewoon citaat.\n", "<blockquote>\n<p>Gewoon citaat.</p>\n</blockquote>\n"},
	} {
		if got := convert(t, c.src, labels); !strings.Contains(got, c.want) {
			t.Errorf("%s: got\n%s\nwant it to hold\n%s", c.name, got, c.want)
		}
	}
	if got := convert(t, ":::my_kind\nTekst.\n:::\n", nil); !strings.Contains(got, `<p class="callout-title">My kind</p>`) {
		t.Errorf("without labels a callout is titled by its kind: %s", got)
	}
}

func TestMayHaveCallout(t *testing.T) {
	for s, want := range map[string]bool{"!!! note": true, "???+ tip": true, ":::info": true, "[!NOTE]": true, "!!!note": false, "text": false} {
		if MayHaveCallout(s) != want {
			t.Errorf("MayHaveCallout(%q) = %v", s, !want)
		}
	}
}

// TestHeadingIDs checks readable ids for Dutch text, numbered repeats and
// ids set with {#id}, which a generated id does not take.
func TestHeadingIDs(t *testing.T) {
	h := NewHeadingIDs()
	h.Put([]byte("doel"))
	var got []string
	for _, s := range []string{"Één café's overzicht", "Doel", "Stappen", "Stappen", "", "!!"} {
		got = append(got, string(h.Generate([]byte(s), ast.KindHeading)))
	}
	want := []string{"een-cafes-overzicht", "doel-1", "stappen", "stappen-1", "section", "section-1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids %q, want %q", got, want)
	}
}

// TestTableWrap checks that a table is wrapped in the box that scrolls.
func TestTableWrap(t *testing.T) {
	got := convert(t, "| a | b |\n|---|---|\n| 1 | 2 |\n", nil)
	if !strings.HasPrefix(got, "<div class=\"table-wrap\">\n<table>") || !strings.HasSuffix(got, "</table>\n</div>\n") {
		t.Errorf("table not wrapped:\n%s", got)
	}
}

// TestHTMLAnchors checks that anchors written in HTML become ids, also
// without raw HTML, and that other raw HTML stays out.
func TestHTMLAnchors(t *testing.T) {
	got := convert(t, "<a name=\"correctie\"></a>\n\nTekst met <a id='x'>anker</a> en <b>vet</b>.\n", nil)
	for _, want := range []string{`<p><a id="correctie"></a></p>` + "\n", `Tekst met <a id="x"></a>anker en <!-- raw HTML omitted -->vet<!-- raw HTML omitted -->.`} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to hold\n%s", got, want)
		}
	}
	// An anchor tag alone on its line starts an HTML block.
	doc := NewMarkdown(false, NewHighlighter()).Parser().Parse(text.NewReader([]byte("<a id=\"a\"/>\n<a name='b'></a>\n")))
	if b, ok := doc.FirstChild().(*HTMLAnchorBlock); !ok || strings.Join(b.IDs, ",") != "a,b" {
		t.Errorf("a block of anchors is not one HTMLAnchorBlock: %T", doc.FirstChild())
	}
	if got := convert(t, "<a id=\"a\"/>\n<a name='b'></a>\n", nil); got != `<a id="a"></a><a id="b"></a>`+"\n" {
		t.Errorf("a block of anchors: %q", got)
	}
}

// store is a CodeStore in memory that counts what it is asked.
type store struct {
	blocks    map[string][]byte
	gets, put int
}

func (s *store) Get(lang, code string) ([]byte, string, bool) {
	s.gets++
	b, ok := s.blocks[lang+"\x00"+code]
	return b, lang + "\x00" + code, ok
}

func (s *store) Put(key string, html []byte) {
	s.put++
	s.blocks[key] = html
}

// TestHighlighter checks highlighting, escaping without a known language,
// Mermaid diagrams as their source, and that the store it keeps blocks in
// is read before chroma runs.
func TestHighlighter(t *testing.T) {
	got := convert(t, "```go\nx := 1\n```\n\n```\n<b>&\n```\n\n```Mermaid extra\ngraph TD; A-->B\n```\n", nil)
	for _, want := range []string{`<pre class="hl-chroma">`, `<span class="hl-nx">x</span>`, "<pre class=\"hl-chroma\"><code>&lt;b&gt;&amp;\n</code></pre>\n", "<pre class=\"mermaid\">graph TD; A--&gt;B\n</pre>\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to hold\n%s", got, want)
		}
	}
	s := &store{blocks: map[string][]byte{"go\x00kept\n": []byte("<pre>from the store</pre>\n")}}
	hl := NewHighlighter()
	hl.KeepIn(s)
	hl.KeepIn(&store{}) // the first store stays
	if got := string(hl.highlight("go", "kept\n")); got != "<pre>from the store</pre>\n" {
		t.Errorf("a kept block: %q", got)
	}
	first := hl.highlight("go", "y := 2\n")
	if s.put != 1 || !bytes.Equal(s.blocks["go\x00y := 2\n"], first) {
		t.Errorf("a new block is not put in the store (%d puts)", s.put)
	}
	if !IsMermaid("mermaid") || IsMermaid("Mermaid") {
		t.Error("IsMermaid takes the language lower case")
	}
}

// TestChromaCSS checks that the dark style has both scopes and resets the
// classes only the light style colours.
func TestChromaCSS(t *testing.T) {
	css := ChromaCSS()
	for _, want := range []string{"/* code highlighting (chroma) */\n", "@media (prefers-color-scheme: dark) {\n", ":root:not([data-theme=light]) .hl-chroma", ":root[data-theme=dark] .hl-chroma"} {
		if !strings.Contains(css, want) {
			t.Errorf("chroma.css lacks %q", want)
		}
	}
	light := "/* Keyword */ .hl-chroma .hl-k { color: #000 }\n/* Name */ .hl-chroma .hl-n { color: #111 }\n"
	dark := "/* Keyword */ .hl-chroma .hl-k { color: #fff }\n"
	if got, want := darkResets(light, dark), ".hl-chroma .hl-n { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit }\n"; got != want {
		t.Errorf("darkResets = %q, want %q", got, want)
	}
}

// TestEscapeLikeTemplate checks HTMLText and HrefAttr against what
// html/template writes for the same text and href.
func TestEscapeLikeTemplate(t *testing.T) {
	tpl := template.Must(template.New("").Parse(`<a href="{{.}}">{{.}}</a>`))
	for _, s := range []string{"plain", `Tom & Jerry's "<b>" + 1`, "\x00nul", "één stap/a (b) c!$@.html", "100%25 zeker", "procent % en %zz", "a b#c?d=e"} {
		var want strings.Builder
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="` + HrefAttr(s) + `">` + HTMLText(s) + `</a>`; got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	}
	if got := html.EscapeString(`<a href="x">'&'</a>`); got != "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;" {
		t.Errorf("html.EscapeString: %s", got)
	}
}
