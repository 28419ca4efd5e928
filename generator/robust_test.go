package generator

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/handover-dev/handover/content"
)

// tag is one start tag found in an HTML file.
type tag struct {
	name  string
	attrs map[string]string // lower-case names; values with entities decoded
	raw   string
}

// scanTags lists the start tags of an HTML document the way a browser's
// tokenizer sees them: comments skipped, the text of script and style
// elements not parsed as markup, attribute values quoted or bare.
func scanTags(doc string) []tag {
	var out []tag
	for i := 0; i < len(doc); {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return out
			}
			i += 4 + end + 3
			continue
		case len(rest) < 2 || !isASCIILetter(rest[1]):
			i++
			continue
		}
		t, n := parseTag(rest)
		out = append(out, t)
		i += n
		if t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title" {
			// raw text until the end tag
			end := strings.Index(strings.ToLower(doc[i:]), "</"+t.name)
			if end < 0 {
				break
			}
			i += end
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// parseTag parses the start tag at the beginning of s ("<a href=x>"),
// returning it and its length.
func parseTag(s string) (tag, int) {
	i := 1
	for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	t := tag{name: strings.ToLower(s[1:i]), attrs: map[string]string{}}
	for i < len(s) {
		for i < len(s) && (isSpaceByte(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) || s[i] == '>' {
			break
		}
		start := i
		for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' && (s[i] != '=' || i == start) {
			i++
		}
		name := strings.ToLower(s[start:i])
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		val := ""
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpaceByte(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					end = len(s) - i - 1
				}
				val = s[i+1 : i+1+end]
				i += end + 2
			} else {
				vs := i
				for i < len(s) && !isSpaceByte(s[i]) && s[i] != '>' {
					i++
				}
				val = s[vs:i]
			}
		}
		if _, dup := t.attrs[name]; !dup { // browsers keep the first
			t.attrs[name] = html.UnescapeString(val)
		}
	}
	if i < len(s) {
		i++ // '>'
	}
	i = min(i, len(s))
	t.raw = s[:i]
	return t, i
}

// urlAttrs are the attributes whose value a browser follows as a URL.
var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset", "cite", "ping"}

// dangerousScheme returns the script-running scheme a URL attribute value
// starts with, as a browser reads it (entities already decoded; control
// characters and white space ignored), or "".
func dangerousScheme(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' {
			s := strings.ToLower(b.String())
			switch s {
			case "javascript", "vbscript", "livescript":
				return s
			case "data":
				return s
			}
			return ""
		}
		if r == '/' || r == '?' || r == '#' {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

// themeScript is the src of a script element the theme writes itself.
// themeInlineScript is the inline script of the theme's pages, as
// partials/chrome.html defines it (partials/themescript).
var themeInlineScript = func() string {
	data, err := os.ReadFile(filepath.Join("..", "themes", "default", "templates", "partials", "chrome.html"))
	if err != nil {
		panic(err)
	}
	m := regexp.MustCompile(`(?s)\{\{define "partials/themescript"\}\}(<script>.*?</script>)\{\{end\}\}`).FindSubmatch(data)
	if m == nil {
		panic("partials/chrome.html defines no partials/themescript")
	}
	return string(m[1])
}()

var themeScript = regexp.MustCompile(`^(\./|(\.\./)*)assets/[a-z0-9/_-]+\.js$`)

var eventAttr = regexp.MustCompile(`^on[a-z]+$`)

// markupProblems lists what in one output file could run script in a
// reader's browser: in HTML a script element that is not one of the
// theme's, an on* event attribute, a URL attribute with a script scheme or
// an iframe, object or embed; in other text files the string "<script" or
// "</script" (JSON must escape '<').
func markupProblems(name string, data []byte) []string {
	var out []string
	switch {
	case strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm"):
		// the theme's one inline script (the colour scheme, set before the
		// page is painted) is the theme's; any other inline script is not
		for _, t := range scanTags(strings.ReplaceAll(string(data), themeInlineScript, "")) {
			out = append(out, tagProblems(t)...)
		}
	case strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".xml"):
		if strings.HasPrefix(name, "assets/") {
			return nil // the theme's own code
		}
		low := bytes.ToLower(data)
		for _, s := range []string{"<script", "</script", "<img", "<iframe", "<svg"} {
			if i := bytes.Index(low, []byte(s)); i >= 0 {
				out = append(out, fmt.Sprintf("contains %q: %s", s, excerpt(string(data), string(data[i:i+len(s)]))))
			}
		}
	}
	return out
}

// tagProblems lists what in one start tag could run script.
func tagProblems(t tag) []string {
	var out []string
	switch t.name {
	case "script":
		if src, ok := t.attrs["src"]; !ok || !themeScript.MatchString(src) {
			out = append(out, "script element not from the theme: "+t.raw)
		}
	case "iframe", "object", "embed", "frame", "frameset", "base", "applet":
		out = append(out, "element "+t.name+" from content: "+t.raw)
	case "meta":
		if strings.EqualFold(t.attrs["http-equiv"], "refresh") {
			out = append(out, "meta refresh: "+t.raw)
		}
	}
	for a, v := range t.attrs {
		if eventAttr.MatchString(a) {
			out = append(out, "event handler attribute "+a+": "+t.raw)
		}
		for _, u := range urlAttrs {
			if a == u && dangerousScheme(v) != "" {
				out = append(out, "URL with scheme "+dangerousScheme(v)+": "+t.raw)
			}
		}
		if a == "style" && strings.Contains(strings.ToLower(v), "expression(") || a == "srcdoc" {
			out = append(out, "script in "+a+": "+t.raw)
		}
	}
	return out
}

// icsProblems checks that every unfolded line of a calendar is a property
// (NAME[;params]:value), so no value can start a property or component of
// its own, and that there are as many BEGIN as END lines.
func icsProblems(data []byte) []string {
	var out []string
	text := strings.ReplaceAll(string(data), "\r\n ", "")
	text = strings.ReplaceAll(text, "\r\n\t", "")
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		out = append(out, "a bare CR or LF inside a line")
	}
	prop := regexp.MustCompile(`^[A-Z][A-Z0-9-]*(;[A-Za-z0-9-]+=("[^"]*"|[^;:,"]*)(,("[^"]*"|[^;:,"]*))*)*:`)
	begins, ends := 0, 0
	for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if !prop.MatchString(l) {
			out = append(out, fmt.Sprintf("line %q is not a property", l))
		}
		if strings.HasPrefix(l, "BEGIN:") {
			begins++
		}
		if strings.HasPrefix(l, "END:") {
			ends++
		}
	}
	if begins != ends {
		out = append(out, fmt.Sprintf("%d BEGIN and %d END lines", begins, ends))
	}
	return out
}

// robustCase is one kind of bad or unusual input, built end to end from a
// real folder: the site files, an optional setup for what a map of strings
// cannot hold (symbolic links, FIFOs, permissions), and what the build
// must say or write.
type robustCase struct {
	name  string
	files map[string]string
	setup func(t *testing.T, site string)
	want  []wantAt // diagnostics that must be reported
	// ok means the input is legal: the build must publish without errors.
	ok    bool
	check func(t *testing.T, files map[string][]byte, diags content.Diagnostics)
	// maxAlloc bounds the bytes the build may allocate; 0 means 1 GB.
	maxAlloc uint64
}

// wantAt is an expected diagnostic: its rule, file and line (-1: any line).
type wantAt struct {
	rule, file string
	line       int
	message    string // a substring, or ""
}

func (w wantAt) String() string {
	return fmt.Sprintf("%s:%d: (%s) %q", w.file, w.line, w.rule, w.message)
}

func (w wantAt) matches(d content.Diagnostic) bool {
	return d.Rule == w.rule && d.Pos.File == w.file && (w.line < 0 || d.Pos.Line == w.line) && strings.Contains(d.Message, w.message)
}

// robustBase is the rest of every case's site: settings that keep the
// readiness warnings quiet, and a person to own pages.
var robustBase = map[string]string{
	"handover.yaml": "title: Robust\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n  review-missing: off\n  missing-sponsor: off\n",
	"people.yaml":   "people:\n  - id: jan\n    name: Jan\n",
}

// runRobust builds one case from a real temporary folder into a
// destination beside it and checks what every build must guarantee.
func runRobust(t *testing.T, c robustCase) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	outParent := filepath.Join(root, "out")
	dest := filepath.Join(outParent, "public")
	files := map[string]string{}
	maps.Copy(files, robustBase)
	maps.Copy(files, c.files)
	for name, text := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c.setup != nil {
		c.setup(t, site)
	}
	before := treeListing(t, root)
	alloc := allocated()
	res, err := buildNoPanic(t, Options{Site: site, Destination: dest, Now: e2eToday})
	if n, limit := allocated()-alloc, cmp.Or(c.maxAlloc, 1<<30); n > limit {
		t.Errorf("the build allocated %d MB, more than %d MB", n>>20, limit>>20)
	}
	if res == nil {
		t.Fatalf("Build returned no result: %v", err)
	}
	if err != nil && !errors.Is(err, ErrContent) {
		t.Errorf("Build failed with a Go error instead of diagnostics: %v", err)
	}
	diags := res.Diagnostics
	for _, d := range diags {
		if strings.Contains(d.Message, "goroutine ") || strings.Contains(d.Message, "panic") || strings.Contains(d.Message, ".go:") {
			t.Errorf("diagnostic shows internals: %s", d)
		}
		if d.Pos.File != "" && (!filepath.IsLocal(filepath.FromSlash(d.Pos.File)) || strings.Contains(d.Pos.File, root)) {
			t.Errorf("diagnostic file %q is not relative to the site: %s", d.Pos.File, d)
		}
	}
	for _, w := range c.want {
		if !slices.ContainsFunc(diags, w.matches) {
			t.Errorf("missing diagnostic %s", w)
		}
	}
	for _, d := range diags {
		if d.Severity == content.Error && !slices.ContainsFunc(c.want, func(w wantAt) bool { return w.matches(d) }) {
			t.Errorf("unexpected error: %s", d)
		}
	}
	if c.ok && err != nil {
		t.Errorf("legal input did not build: %v\n%s", err, diagText(diags))
	}
	if t.Failed() {
		t.Logf("all diagnostics:\n%s", diagText(diags))
	}
	// Nothing is written outside the destination: the site folder is as it
	// was, and beside the destination there is at most the destination.
	after := treeListing(t, root)
	for p := range after {
		inDest := p == "out/public" || strings.HasPrefix(p, "out/public/")
		if !before[p] && !inDest && p != "out" {
			t.Errorf("build wrote %s outside its destination", p)
		}
	}
	out := map[string][]byte{}
	if err == nil {
		out = readTree(t, dest)
		for p, data := range out {
			for _, problem := range markupProblems(p, data) {
				t.Errorf("%s: %s", p, problem)
			}
		}
	} else if _, statErr := os.Stat(dest); statErr == nil {
		t.Errorf("a failed build published %s", dest)
	}
	if c.check != nil {
		c.check(t, out, diags)
	}
}

// allocated returns the bytes allocated so far by the process.
func allocated() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

// requireLinearRendering stops a test that builds a huge page when
// rendering costs more than linear in the page size: then a 10 MB page
// takes many minutes (it did: body.go's sections concatenated the text of
// each section with +=, 470 s for 10 MB). It compares the bytes a build
// allocates for a 256 kB and a 512 kB page: about twice as much when
// linear, four times as much when quadratic.
func requireLinearRendering(t *testing.T, _ string) {
	t.Helper()
	cost := func(size int) uint64 {
		para := "Een regel tekst met *nadruk* en een [link](https://example.com/).\n\n"
		fsys := fstest.MapFS{
			"handover.yaml":      {Data: []byte(robustBase["handover.yaml"])},
			"people.yaml":        {Data: []byte(robustBase["people.yaml"])},
			"content/notes/p.md": {Data: []byte(fm + strings.Repeat(para, size/len(para)))},
		}
		runtime.GC()
		before := allocated()
		if _, err := Build(context.Background(), Options{Site: "site", FS: fsys, Sink: &MemSink{}, Now: e2eToday}); err != nil {
			t.Fatal(err)
		}
		return allocated() - before
	}
	base, one, two := cost(0), cost(256<<10), cost(512<<10)
	if ratio := float64(two-base) / float64(one-base); ratio > 3 {
		t.Fatalf("doubling a page's size multiplies what the build allocates by %.1f (%d MB for 256 kB, %d MB for 512 kB): rendering is quadratic in the page size",
			ratio, (one-base)>>20, (two-base)>>20)
	}
}

// TestMegabyteWord builds pages whose title, summary, tags, heading, body,
// link text and id are one word of a megabyte, with a link to a heading the
// page lacks and a reference to an id that is not there, so that the build
// looks for the closest anchor and id. Each step superlinear in the length
// of a word takes hours on it (the search index's compound split and
// stemmers, the edit distance of the suggestions did), so the test fails
// when the build has not finished after a minute: a guard against a hang,
// not a time limit; the build takes about a second.
func TestMegabyteWord(t *testing.T) {
	for _, pattern := range []string{"ay", "éa"} {
		t.Run(pattern, func(t *testing.T) {
			size := 1 << 20
			if raceDetector {
				size = 1 << 16 // still hours for a step quadratic in the word's length
			}
			w := strings.Repeat(pattern, size/len(pattern))
			anchor := content.Anchor(w)
			fsys := fstest.MapFS{
				"handover.yaml": {Data: []byte(robustBase["handover.yaml"] + "  missing-anchor: warning\n  unknown-reference: warning\n")},
				"people.yaml":   {Data: []byte(robustBase["people.yaml"])},
				"content/notes/p.md": {Data: []byte("---\ntitle: " + w + "\nsummary: " + w + "\nowner: jan\ntags: [" + w + "]\nrelated: [" + w + "x]\n---\n" +
					w + "\n\n## " + w + "\n\n" + w + " [" + w + "](#" + anchor + ") [x](#" + anchor + "x)\n")},
				"content/notes/q.md": {Data: []byte("---\nid: " + w + "\nowner: jan\n---\n# Q\n")},
			}
			// A hang guard, not a speed test: the build takes about a
			// second; a step superlinear in a word's length takes hours.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			sink := &MemSink{}
			var res *Result
			var err error
			done := make(chan struct{})
			go func() {
				defer close(done)
				res, err = Build(ctx, Options{Site: "site", FS: fsys, Sink: sink, Now: e2eToday})
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Minute):
				t.Fatal("the build has not finished after five minutes: a step takes time superlinear in the length of a word")
			}
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if m := page(t, sink.Files, "notes/p/index.html"); !strings.Contains(m, w) || !strings.Contains(m, `id="`+anchor+`"`) {
				t.Error("the page lacks the word or its heading's id")
			}
			for _, want := range []wantAt{{"missing-anchor", "content/notes/p.md", 12, "did you mean #" + anchor + "?"},
				{"unknown-reference", "content/notes/p.md", 6, "did you mean \"" + w + "\"?"}} {
				if !slices.ContainsFunc(res.Diagnostics, want.matches) {
					t.Errorf("no %s diagnostic at line %d with its suggestion", want.rule, want.line)
				}
			}
			if _, ok := sink.Files["search/manifest.js"]; !ok {
				t.Error("no search index")
			}
		})
	}
}

// buildNoPanic runs Build, turning a panic into a test failure.
func buildNoPanic(t *testing.T, opts Options) (res *Result, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Build panicked: %v", r)
		}
	}()
	return Build(context.Background(), opts)
}

// treeListing lists every path under root (slash, relative), without
// following symbolic links.
func treeListing(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable folders of a case
		}
		rel, _ := filepath.Rel(root, p)
		if rel != "." {
			out[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diagText(ds content.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("\t" + d.String() + "\n")
	}
	return b.String()
}

// page returns the text inside <main> of an output page, failing when absent.
func page(t *testing.T, files map[string][]byte, p string) string {
	t.Helper()
	m, err := mainOf(mustFile(t, files, p))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return m
}

// billionLaughsYAML is front matter whose aliases would expand to 10^9 nodes.
func billionLaughsYAML() string {
	var b strings.Builder
	b.WriteString("---\ntitle: Laughs\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("tags: *a8\nrelated: *a8\n---\nBody.\n")
	return b.String()
}

const fm = "---\ntitle: T\nowner: jan\n---\n"

// TestRobustInput builds every kind of bad input of issue 7 end to end.
func TestRobustInput(t *testing.T) {
	const p = "content/notes/p.md"
	fmErr := func(line int, msg string) wantAt { return wantAt{"front-matter", p, line, msg} }
	cases := []robustCase{
		{name: "invalid yaml", files: map[string]string{p: "---\ntitle: T\nowner: [jan\n---\n"},
			want: []wantAt{fmErr(-1, "invalid YAML")}},
		{name: "invalid yaml tab", files: map[string]string{p: "---\ntitle: T\n\towner: jan\n---\n"},
			want: []wantAt{fmErr(3, "invalid YAML")}},
		{name: "unterminated front matter", files: map[string]string{p: "---\ntitle: T\nowner: jan\n\nBody.\n"},
			want: []wantAt{fmErr(1, "no closing ---"), fmErr(1, "no title")}},
		{name: "front matter is a list", files: map[string]string{p: "---\n- a\n- b\n---\n# T\n"},
			want: []wantAt{fmErr(2, "not a list")}},
		{name: "front matter is a scalar", files: map[string]string{p: "---\njust text\n---\n# T\n"},
			want: []wantAt{fmErr(2, "not a single value")}},
		{name: "wrong types", files: map[string]string{p: "---\ntitle: [a, b]\ntags: {a: 1}\nweight: heavy\ndraft: maybe\nreviewed: 2026-13-01\n---\n# T\n"},
			want: []wantAt{fmErr(2, "title must be text"), fmErr(3, "tags must be a list"), fmErr(4, "weight"), fmErr(5, "draft"), fmErr(6, "reviewed")}},
		{name: "duplicate keys", files: map[string]string{p: "---\ntitle: A\nowner: jan\ntitle: B\n---\n"},
			want: []wantAt{fmErr(4, "duplicate key \"title\"")}},
		{name: "alias bomb", files: map[string]string{p: billionLaughsYAML()},
			want: []wantAt{fmErr(-1, "each item of tags must be text"), fmErr(-1, "related must be text")},
			check: func(t *testing.T, _ map[string][]byte, diags content.Diagnostics) {
				if len(diags) > 40 {
					t.Errorf("%d diagnostics for one alias bomb", len(diags))
				}
			}},
		{name: "deep nesting yaml", files: map[string]string{p: "---\ntitle: T\ntags: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n"},
			want: []wantAt{fmErr(-1, "")}},
		{name: "deep nesting yaml mappings", files: map[string]string{p: "---\ntitle: T\nx: " + strings.Repeat("{a: ", 20000) + "1" + strings.Repeat("}", 20000) + "\n---\n"},
			want: []wantAt{fmErr(-1, "")}},
		{name: "bom and crlf", files: map[string]string{p: "\ufeff---\r\ntitle: T\r\nowner: nobody\r\n---\r\n# Kop\r\n\r\nText *em*.\r\n"},
			want: []wantAt{{"unknown-reference", p, 3, "nobody"}}},
		{name: "bom and crlf build", ok: true, files: map[string]string{p: "\ufeff---\r\ntitle: T\r\nowner: jan\r\n---\r\n## Kop\r\n\r\nText *em*.\r\n"},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				m := page(t, files, "notes/p/index.html")
				if !strings.Contains(m, `id="kop"`) || !strings.Contains(m, "<em>em</em>") || strings.Contains(m, "\r") || strings.Contains(m, "\ufeff") {
					t.Errorf("CRLF page not parsed like LF:\n%s", m)
				}
			}},
		{name: "old mac cr", ok: true, files: map[string]string{p: "---\rtitle: T\rowner: jan\r---\r# Kop\r"}},
		{name: "invalid utf-8 and nul", ok: true, files: map[string]string{p: fm + "ok\nbad \xff\xfe here\nnul \x00 here\n"},
			want: []wantAt{{"encoding", p, 6, ""}},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				m := page(t, files, "notes/p/index.html")
				if strings.ContainsRune(m, 0) || !utf8.ValidString(m) || !strings.Contains(m, "\uFFFD") {
					t.Errorf("bad bytes not replaced:\n%q", m)
				}
			}},
		{name: "nul in front matter", files: map[string]string{p: "---\ntitle: T\x00x\nowner: jan\n---\n"}, ok: true,
			want: []wantAt{{"encoding", p, 2, ""}}},
		{name: "empty page", files: map[string]string{p: ""},
			want: []wantAt{fmErr(-1, "no title")}},
		{name: "empty front matter", ok: true, files: map[string]string{p: "---\n---\n# T\n"}},
		{name: "empty settings", ok: true, files: map[string]string{"handover.yaml": "", "people.yaml": "", "content/notes/p.md": "# T\n"}},
		{name: "ten megabyte page", ok: true, setup: requireLinearRendering, maxAlloc: 8 << 30, files: map[string]string{p: fm + strings.Repeat("Een regel tekst met *nadruk* en een [link](https://example.com/).\n\n", 10<<20/70)},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				if n := len(files["notes/p/index.html"]); n < 10<<20 {
					t.Errorf("the 10 MB page came out as %d bytes", n)
				}
			}},
		{name: "page above the size limit", files: map[string]string{p: fm + strings.Repeat("x", 33<<20)},
			want: []wantAt{{"file", p, 0, "MB"}}},
		{name: "50000 nested brackets", ok: true, files: map[string]string{p: fm + strings.Repeat("[", 50000) + "x" + strings.Repeat("]", 50000) + "\n"}},
		{name: "50000 open brackets and links", files: map[string]string{p: fm + strings.Repeat("[", 50000) + "x" + strings.Repeat("](y.md)", 50000) + "\n"},
			want: []wantAt{{"broken-link", p, -1, ""}}},
		{name: "50000 nested blockquotes", files: map[string]string{p: fm + strings.Repeat("> ", 50000) + "x\n"},
			want: []wantAt{{"file", p, 5, "nest"}}},
		{name: "50000 nested lists", files: map[string]string{p: fm + "text\n\n" + strings.Repeat("- ", 50000) + "x\n"},
			want: []wantAt{{"file", p, 7, "nest"}}},
		{name: "indented lists", files: map[string]string{p: fm + nestedList(2000)},
			want: []wantAt{{"file", p, -1, "nest"}}},
		{name: "100 nested blockquotes build", ok: true, files: map[string]string{p: fm + strings.Repeat("> ", 100) + "x\n"}},
		{name: "50000 emphasis runs", ok: true, files: map[string]string{p: fm + strings.Repeat("*a ", 50000) + "\n\n" + strings.Repeat("*", 50000) + "a" + strings.Repeat("*", 50000) + "\n"}},
		{name: "odd file names", ok: true, files: map[string]string{
			"content/notes/a b.md": "# Space\n", "content/notes/c#d.md": "# Hash\n", "content/notes/e?f.md": "# Question\n",
			"content/notes/100%.md": "# Percent\n", "content/notes/\"q'.md": "# Quotes\n", "content/notes/<b>x.md": "# Markup\n",
			"content/notes/Überblick.md": "# Umlaut\n", "content/notes/процесс.md": "# Cyrillic\n", "content/notes/" + norm.NFD.String("één.md"): "# NFD\n",
			p: fm + "[1](a%20b.md) [2](c%23d.md) [3](e%3Ff.md) [4](100%25.md) [5](%22q'.md) [6](%3Cb%3Ex.md) [7](Überblick.md) [8](процесс.md) [9](één.md)\n"},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				for _, want := range []string{"notes/a-b/index.html", "notes/c-d/index.html", "notes/e-f/index.html", "notes/100/index.html",
					"notes/q/index.html", "notes/b-x/index.html", "notes/überblick/index.html", "notes/процесс/index.html", "notes/één/index.html"} {
					mustFile(t, files, want)
				}
				m := page(t, files, "notes/p/index.html")
				for _, href := range []string{`href="../a-b/index.html"`, `href="../%C3%BCberblick/index.html"`, `href="../%C3%A9%C3%A9n/index.html"`} {
					if !strings.Contains(m, href) {
						t.Errorf("page lacks %s:\n%s", href, m)
					}
				}
			}},
		{name: "nfd and nfc both", files: map[string]string{"content/notes/" + norm.NFC.String("één.md"): "# NFC\n", "content/notes/" + norm.NFD.String("één.md"): "# NFD\n"},
			want: []wantAt{{"duplicate-id", "content/notes/" + norm.NFC.String("één.md"), 1, "URL"}}},
		{name: "two files one url", files: map[string]string{"content/notes/a b.md": "# A\n", "content/notes/a-b.md": "# B\n"},
			want: []wantAt{{"duplicate-id", "content/notes/a-b.md", 1, "URL"}}},
		{name: "two files one url by case", files: map[string]string{"content/notes/Foo.md": "# A\n", "content/notes/foo.md": "# B\n"},
			want: []wantAt{{"duplicate-id", "content/notes/foo.md", 1, "URL"}}},
		{name: "two folders one url by case", files: map[string]string{"content/Notes/x.md": "# A\n", "content/notes/x.md": "# B\n"},
			want: []wantAt{{"duplicate-id", "content/notes/x.md", 1, "URL"}}},
		{name: "same id", files: map[string]string{"content/notes/a.md": "---\nid: same\n---\n# A\n", "content/notes/b.md": "---\nid: same\n---\n# B\n"},
			want: []wantAt{{"duplicate-id", "content/notes/b.md", 2, "same"}}},
		{name: "links that leave the site", files: map[string]string{p: fm +
			"[a](../../../etc/passwd)\n\n[b](%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd)\n\n[c](/etc/passwd)\n\n[d](C:\\Windows\\win.ini)\n\n" +
			"[e](a%00b.md)\n\n[f](file:///etc/passwd)\n\n[g](..%2F..%2F..%2Fhandover.yaml)\n\n[h](/../../people.yaml)\n\n![i](../../../../etc/hostname)\n"},
			want: []wantAt{{"broken-link", p, 5, ""}, {"broken-link", p, 7, ""}, {"broken-link", p, 9, ""}, {"broken-link", p, 11, ""},
				{"broken-link", p, 13, ""}, {"broken-link", p, 15, ""}, {"broken-link", p, 17, ""}, {"broken-link", p, 19, ""}, {"broken-link", p, 21, ""}}},
		// The ids are front-matter errors (lowered to warnings here, so that
		// the site is written) and the pages keep the ids of their paths.
		{name: "ids that try to leave", ok: true, files: map[string]string{
			"handover.yaml":      robustBase["handover.yaml"] + "  front-matter: warning\n",
			"content/notes/a.md": "---\nid: ../../../etc/passwd\n---\n# A\n", "content/notes/b.md": "---\nid: /etc/shadow\n---\n# B\n",
			"content/notes/c.md": "---\nid: \"C:\\\\x\"\n---\n# C\n", "content/notes/d.md": "---\nid: \"x\\0y\"\n---\n# D\n",
			"content/notes/con.md": "# Con\n", "content/aux.md": "# Aux\n", "content/nul/lpt1.md": "# Lpt\n"},
			want: []wantAt{{"front-matter", "content/notes/a.md", 2, "not a plain relative path"}, {"front-matter", "content/notes/b.md", 2, "not a plain relative path"},
				{"front-matter", "content/notes/c.md", 2, "not a plain relative path"}, {"front-matter", "content/notes/d.md", 2, "not a plain relative path"}},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				for _, want := range []string{"notes/a/index.html", "notes/_con/index.html", "_aux/index.html", "_nul/_lpt1/index.html"} {
					mustFile(t, files, want)
				}
				for _, id := range []string{"notes/a", "notes/b", "notes/c", "notes/d"} {
					if !strings.Contains(mustFile(t, files, id+"/index.html"), `<meta name="handover:id" content="`+id+`">`) {
						t.Errorf("%s does not keep the id of its path", id)
					}
				}
			}},
		{name: "people ids that try to leave", ok: true, files: map[string]string{
			"people.yaml": "people:\n  - id: jan\n  - id: ../../evil\n  - id: con\n  - id: \"a/b\"\n  - id: \"<b>x\"\n"},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				for _, want := range []string{"people/evil/index.html", "people/_con/index.html", "people/a-b/index.html", "people/b-x/index.html"} {
					mustFile(t, files, want)
				}
			}},
		{name: "people ids one url", files: map[string]string{"people.yaml": "people:\n  - id: jan\n  - id: Piet\n  - id: piet\n"},
			want: []wantAt{{"people", "people.yaml", 4, "piet"}}},
		{name: "static collides with page", files: map[string]string{p: fm, "static/notes/p/index.html": "static", "static/search/index.html": "x"},
			// static/search/index.html is the user's: the search page moves to _handover/search/ (issue 20)
			want: []wantAt{{"duplicate-id", "static/notes/p/index.html", 0, "collides"}}},
		{name: "static collides with static", files: map[string]string{p: fm, "static/a b.png": "1", "static/a-b.png": "2"},
			want: []wantAt{{"duplicate-id", "static/a-b.png", 0, "collides"}}},
		{name: "folder named x.md", ok: true, files: map[string]string{"content/notes/x.md/page.md": "# In x.md\n", p: fm},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				mustFile(t, files, "notes/x.md/page/index.html")
			}},
		{name: "symlinks", setup: symlinkSetup,
			want: []wantAt{{"file", "content/notes/out.md", 0, "symbolic link"}, {"file", "content/notes/loop", 0, "symbolic link"},
				{"file", "content/notes/etc", 0, "symbolic link"}, {"file", "static/passwd", 0, "symbolic link"},
				{"file", "content/notes/in.md", 0, "symbolic link"}, {"file", "handover.yaml", 0, "symbolic link"}},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				for p, data := range files {
					if bytes.Contains(data, []byte("root:")) || bytes.Contains(data, []byte("SECRET")) {
						t.Errorf("%s holds content from outside the site", p)
					}
				}
			}},
		{name: "fifos", setup: fifoSetup,
			want: []wantAt{{"file", "content/notes/pipe.md", 0, "not a regular file"}, {"file", "static/pipe.png", 0, "not a regular file"},
				{"file", "people.yaml", 0, "not a regular file"}}},
		{name: "unreadable files", setup: unreadableSetup, want: unreadableWants()},
		{name: "markup never runs", ok: true, files: map[string]string{
			"handover.yaml": "title: '<script>alert(1)</script>'\norganisation: '\"><img src=x onerror=alert(2)>'\nlanguage: en\nchecks:\n  broken-link: warning\n  raw-html: off\n  commitment-missing: off\n  rhythm-missing: off\n",
			"people.yaml":   "people:\n  - id: jan\n    name: '<script>alert(3)</script>'\n    role: '\" onmouseover=\"alert(4)'\n",
			p: "---\ntitle: '</title><script>alert(5)</script>'\nowner: jan\ntags: ['\"><svg onload=alert(6)>']\nsummary: '\" onfocus=\"alert(7)'\n---\n" +
				"<script>alert(8)</script>\n\n<img src=x onerror=alert(9)>\n\n<a href=\"#\" onclick=\"alert(10)\">x</a> <iframe src=x></iframe>\n\n" +
				schemeLinks + "\n[ok](https://example.com/)\n",
			"content/meetings/m.md": "---\ntitle: '<b onclick=x>M</b>'\nfrequency: weekly\nweekday: monday\ntime: \"09:00\"\nstarts: 2026-11-02\nchair: jan\nagenda: ['<script>alert(11)</script>']\n---\n"},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				m := page(t, files, "notes/p/index.html")
				if !strings.Contains(m, `<a href="https://example.com/">ok</a>`) {
					t.Errorf("the safe link is gone:\n%s", m)
				}
				for _, bad := range []string{"alert(8)", "alert(9)", "alert(10)", "<iframe"} {
					if strings.Contains(m, bad) {
						t.Errorf("raw HTML %s is in the page although markdown.unsafe is off", bad)
					}
				}
				for _, problem := range icsProblems(files["calendar.ics"]) {
					t.Errorf("calendar.ics: %s", problem)
				}
				if len(files) == 0 || !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(p string) bool { return strings.HasPrefix(p, "search/") }) {
					t.Error("no search files to check")
				}
			}},
		{name: "raw html with unsafe", ok: true, files: map[string]string{
			"handover.yaml": "title: U\nlanguage: en\nmarkdown:\n  unsafe: true\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n",
			p:               fm + "<span class=\"keep\">kept</span>\n"},
			check: func(t *testing.T, files map[string][]byte, _ content.Diagnostics) {
				if m := page(t, files, "notes/p/index.html"); !strings.Contains(m, `<span class="keep">kept</span>`) {
					t.Errorf("markdown.unsafe: true did not keep raw HTML:\n%s", m)
				}
			}},
		{name: "bad handover.yaml", files: map[string]string{"handover.yaml": badHandoverYAML},
			want: []wantAt{{"config", "handover.yaml", 1, "not one of"}, {"config", "handover.yaml", 2, "title must be text"},
				{"config", "handover.yaml", 3, `unknown key "organsation"`}, {"config", "handover.yaml", 3, `did you mean "organisation"`},
				{"config", "handover.yaml", 5, "until"}, {"config", "handover.yaml", 6, `did you mean "name"`},
				{"config", "handover.yaml", 7, "commitment must be a mapping"}, {"config", "handover.yaml", 9, `did you mean "tags"`},
				{"config", "handover.yaml", 11, `did you mean "broken-link"`}, {"config", "handover.yaml", 12, "level of"},
				{"config", "handover.yaml", 14, "unsafe must be true or false"}, {"config", "handover.yaml", 15, `did you mean "theme"`}}},
		{name: "bad people.yaml", files: map[string]string{"people.yaml": badPeopleYAML},
			want: []wantAt{{"people", "people.yaml", 3, "name must be text"}, {"people", "people.yaml", 4, `did you mean "email"`},
				{"people", "people.yaml", 5, "left"}, {"people", "people.yaml", 6, "needs an id"}, {"people", "people.yaml", 8, "duplicate"},
				{"people", "people.yaml", 11, "members"}, {"people", "people.yaml", 12, `did you mean "roles"`}}},
		{name: "people.yaml not a mapping", files: map[string]string{"people.yaml": "- jan\n- piet\n"},
			want: []wantAt{{"people", "people.yaml", 1, "mapping"}}},
		{name: "handover.yaml invalid", files: map[string]string{"handover.yaml": "title: [\n"},
			want: []wantAt{{"config", "handover.yaml", -1, "invalid YAML"}}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			start := time.Now()
			runRobust(t, c)
			t.Logf("built in %v", time.Since(start)) // for the issue note; not asserted
		})
	}
}

// schemeLinks writes every dangerous spelling of a script scheme in every
// kind of link Markdown has.
var schemeLinks = func() string {
	var b strings.Builder
	for i, s := range []string{"javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)",
		"&#x6A;avascript:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "jav&#x09;ascript:alert(1)"} {
		fmt.Fprintf(&b, "[l%d](%s) ![i%d](%s) [r%d][ref%d]\n\n[ref%d]: %s\n\n", i, s, i, s, i, i, i, s)
		if !strings.ContainsAny(s, " \t&") {
			fmt.Fprintf(&b, "<%s>\n\n", s)
		}
	}
	return b.String()
}()

// nestedList is a list nested n levels deep by indentation.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

const badHandoverYAML = `language: de
title: [a, b]
organsation: X
interim:
  until: someday
  nmae: Y
commitment: yes
versions:
  tag: "v*"
checks:
  broken-links: warning
  missing-owner: loud
markdown:
  unsafe: maybe
thme: x
`

const badPeopleYAML = `people:
  - id: jan
    name: [Jan, de Vries]
    emial: jan@example.com
    left: soon
  - name: Nobody
  - id: piet
  - id: piet
roles:
  - id: mt
    members: {a: b}
role:
  - id: x
`

// symlinkSetup links out of the site (a file, a folder, /etc), back into
// itself (a loop) and to a file inside the site.
func symlinkSetup(t *testing.T, site string) {
	outside := filepath.Join(filepath.Dir(site), "secret.md")
	if err := os.WriteFile(outside, []byte("# SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(site, "handover.yaml"))
	for link, target := range map[string]string{
		"content/notes/out.md":  outside,
		"content/notes/loop":    "..",
		"content/notes/etc":     "/etc",
		"static/passwd":         "/etc/passwd",
		"content/notes/in.md":   "p.md",
		"content/notes/p.md":    "",
		"handover.yaml":         outside,
		"content/notes/ok.md":   "",
		"content/notes/real/x":  "",
		"content/notes/real/up": "",
	} {
		p := filepath.Join(site, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target == "" {
			continue
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symbolic links not supported: %v", err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "content/notes/p.md"), []byte(fm), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fifoSetup puts FIFOs where a page, a static file and people.yaml are
// expected: reading one would block the build forever.
func fifoSetup(t *testing.T, site string) {
	if err := os.Remove(filepath.Join(site, "people.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"content/notes/pipe.md", "static/pipe.png", "people.yaml"} {
		p := filepath.Join(site, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "content/notes/p.md"), []byte("# P\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// unreadableFiles are made mode 000 by unreadableSetup.
var unreadableFiles = []string{"content/notes/secret.md", "static/secret.png"}

func unreadableSetup(t *testing.T, site string) {
	for _, f := range unreadableFiles {
		p := filepath.Join(site, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# Secret\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o644) })
	}
}

// unreadableWants is what unreadable files give: a diagnostic each, or
// nothing when the tests run as root, for whom mode 000 does not block
// reading (then the files are read like any other).
func unreadableWants() []wantAt {
	if canReadMode000() {
		return nil
	}
	return []wantAt{{"file", unreadableFiles[0], 0, "cannot read"}, {"file", unreadableFiles[1], 0, "cannot read"}}
}

// canReadMode000 reports whether this process can read a file of mode 000.
func canReadMode000() bool {
	dir, err := os.MkdirTemp("", "mode000")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("x"), 0o000); err != nil {
		return false
	}
	_, err = os.ReadFile(p)
	return err == nil
}
