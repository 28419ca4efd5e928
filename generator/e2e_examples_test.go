package generator

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// exampleSites are the complete sites in examples/ that must build cleanly.
var exampleSites = []string{"nl-klantenservice", "en-small", "nl-small"}

// buildExample builds examples/name into a fresh temp folder and returns it.
func buildExample(t *testing.T, name string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{
		Site:        filepath.Join("..", "examples", name),
		Destination: dest,
		Now:         e2eToday,
	})
	if err != nil {
		t.Fatalf("build %s: %v\n%s", name, err, diagLines(res))
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("%s: want no diagnostics, got\n%s", name, diagLines(res))
	}
	if !res.Published {
		t.Errorf("%s: Published = false", name)
	}
	return dest
}

func diagLines(res *Result) string {
	if res == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString("\t" + d.String() + "\n")
	}
	return b.String()
}

// TestExamplesLinks builds both examples and checks every href and src of
// every HTML page: relative, no external resources, each target file exists
// and each #fragment is an id in it. That is what makes the site work under
// any sub-path and opened from disk.
func TestExamplesLinks(t *testing.T) {
	for _, name := range exampleSites {
		t.Run(name, func(t *testing.T) {
			dest := buildExample(t, name)
			checkOutputLinks(t, dest)
		})
	}
}

var (
	tagRE  = regexp.MustCompile(`(?is)<([a-z][a-z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>`)
	attrRE = regexp.MustCompile(`(?is)([a-z][a-z0-9:_-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))`)
	idRE   = regexp.MustCompile(`(?is)\s(?:id|name)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))`)
	cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]+)`)
)

// linkAttrs are the attributes that name another resource.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true, "poster": true, "data": true}

// ref is one link found in an output file.
type ref struct {
	tag, attr, value string
}

// htmlRefs returns the links in an HTML page.
func htmlRefs(page string) []ref {
	var out []ref
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		tag := strings.ToLower(m[1])
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			name := strings.ToLower(a[1])
			val := a[3] + a[4] + a[5]
			if name == "srcset" {
				for _, part := range strings.Split(val, ",") {
					if f := strings.Fields(part); len(f) > 0 {
						out = append(out, ref{tag, name, html.UnescapeString(f[0])})
					}
				}
				continue
			}
			if linkAttrs[name] && !(tag == "meta" || tag == "html") {
				out = append(out, ref{tag, name, html.UnescapeString(val)})
			}
		}
	}
	return out
}

// htmlIDs returns the ids (and names) defined in a page.
func htmlIDs(page string) map[string]bool {
	ids := map[string]bool{}
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		for _, a := range idRE.FindAllStringSubmatch(" "+m[2], -1) {
			ids[html.UnescapeString(a[2]+a[3]+a[4])] = true
		}
	}
	return ids
}

// checkOutputLinks checks every link of every HTML page and style sheet in dir.
func checkOutputLinks(t *testing.T, dir string) {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	idCache := map[string]map[string]bool{}
	ids := func(p string) map[string]bool {
		if m, ok := idCache[p]; ok {
			return m
		}
		m := htmlIDs(string(files[p]))
		idCache[p] = m
		return m
	}
	var names []string
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	problems := 0
	report := func(format string, args ...any) {
		problems++
		if problems <= 40 {
			t.Errorf(format, args...)
		}
	}
	htmlPages, checked := 0, 0
	for _, p := range names {
		switch {
		case strings.HasSuffix(p, ".css"):
			for _, m := range cssURL.FindAllStringSubmatch(string(files[p]), -1) {
				u := m[1] + m[2]
				if isRemote(u) || strings.HasPrefix(u, "/") {
					report("%s: style sheet loads %q: no external or absolute resources", p, u)
				}
			}
			continue
		case !strings.HasSuffix(p, ".html"):
			continue
		}
		htmlPages++
		page := string(files[p])
		for _, r := range htmlRefs(page) {
			checked++
			v := strings.TrimSpace(r.value)
			lower := strings.ToLower(v)
			switch {
			case v == "":
				report("%s: <%s %s=\"\">: empty link", p, r.tag, r.attr)
			case strings.HasPrefix(v, "/"):
				report("%s: <%s %s=%q>: absolute link; every internal link must be relative", p, r.tag, r.attr, v)
			case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
			case isRemote(v):
				// Content may link out with <a>, but the site never loads
				// anything from elsewhere (CDN, web fonts, scripts, images).
				if r.tag != "a" {
					report("%s: <%s %s=%q>: external resource", p, r.tag, r.attr, v)
				}
			case hasScheme(v):
				report("%s: <%s %s=%q>: unexpected scheme", p, r.tag, r.attr, v)
			default:
				checkRelative(p, v, files, ids, report)
			}
		}
	}
	t.Logf("%d HTML pages, %d links checked", htmlPages, checked)
	if htmlPages < 10 {
		t.Errorf("only %d HTML pages in %s", htmlPages, dir)
	}
	if problems > 40 {
		t.Errorf("… and %d more link problems", problems-40)
	}
}

func isRemote(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "//")
}

// hasScheme reports whether u starts with "scheme:".
func hasScheme(u string) bool {
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// checkRelative resolves link v from page p and checks its file and fragment.
func checkRelative(p, v string, files map[string][]byte, ids func(string) map[string]bool, report func(string, ...any)) {
	raw, frag, hasFrag := strings.Cut(v, "#")
	raw, _, _ = strings.Cut(raw, "?")
	target := p
	if raw != "" {
		u, err := url.PathUnescape(raw)
		if err != nil {
			report("%s: href %q: bad escape: %v", p, v, err)
			return
		}
		target = path.Join(path.Dir(p), u)
		if strings.HasSuffix(u, "/") || u == "." || u == ".." {
			// A folder link needs a server; from disk it shows a listing.
			report("%s: link %q names a folder, not its index.html (breaks when opened from disk)", p, v)
			target = path.Join(target, "index.html")
		}
		if target == ".." || strings.HasPrefix(target, "../") {
			report("%s: link %q leaves the site", p, v)
			return
		}
		if _, ok := files[target]; !ok {
			report("%s: link %q: no file %s in the output", p, v, target)
			return
		}
	}
	if !hasFrag || !strings.HasSuffix(target, ".html") {
		return
	}
	f, err := url.PathUnescape(frag)
	if err != nil {
		f = frag
	}
	if f == "" {
		report("%s: link %q has an empty fragment", p, v)
		return
	}
	if !ids(target)[f] {
		report("%s: link %q: %s has no id %q", p, v, target, f)
	}
}

// TestLinkScanner keeps the scanner of TestExamplesLinks honest.
func TestLinkScanner(t *testing.T) {
	page := `<a href="../x/index.html#a&amp;b">x</a><img alt='>' src='y.png'><link rel=stylesheet href=/abs.css>` +
		`<h2 id="a&amp;b">t</h2><p title="<a href=no>">`
	got := htmlRefs(page)
	want := []ref{{"a", "href", "../x/index.html#a&b"}, {"img", "src", "y.png"}, {"link", "href", "/abs.css"}}
	if len(got) != len(want) {
		t.Fatalf("htmlRefs = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ref %d = %v, want %v", i, got[i], want[i])
		}
	}
	if !htmlIDs(page)["a&b"] {
		t.Errorf("htmlIDs misses a&b: %v", htmlIDs(page))
	}
	var problems []string
	files := map[string][]byte{
		"a/index.html": []byte(`<a href="../b/index.html#nope">`),
		"b/index.html": []byte(`<h1 id="top">`),
	}
	checkRelative("a/index.html", "../b/index.html#nope", files, func(p string) map[string]bool { return htmlIDs(string(files[p])) },
		func(f string, args ...any) { problems = append(problems, f) })
	checkRelative("a/index.html", "../c/", files, func(p string) map[string]bool { return nil },
		func(f string, args ...any) { problems = append(problems, f) })
	if len(problems) != 3 {
		t.Errorf("checkRelative found %d problems, want 3 (missing id, folder link, missing file)", len(problems))
	}
}

// TestDeterministic builds the same site several times, with one core and
// with all, and wants byte-identical output.
func TestDeterministic(t *testing.T) {
	build := func() map[string][]byte {
		sink := &MemSink{}
		res, err := Build(context.Background(), Options{Site: filepath.Join("..", "examples", "nl-klantenservice"), Sink: sink, Now: e2eToday})
		if err != nil {
			t.Fatalf("build: %v\n%s", err, diagLines(res))
		}
		return sink.Files
	}
	first := build()
	if len(first) < 20 {
		t.Fatalf("only %d files", len(first))
	}
	old := runtime.GOMAXPROCS(1)
	one := build()
	runtime.GOMAXPROCS(max(old, 2))
	two := build()
	runtime.GOMAXPROCS(old)
	again := build()
	for name, other := range map[string]map[string][]byte{"GOMAXPROCS=1": one, "GOMAXPROCS=2": two, "second build": again} {
		compareFiles(t, name, first, other)
	}
}

// compareFiles reports the differences between two outputs, the first ten in full.
func compareFiles(t *testing.T, name string, want, got map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, p+" is missing")
		case !bytes.Equal(w, g):
			i := 0
			for i < len(w) && i < len(g) && w[i] == g[i] {
				i++
			}
			diffs = append(diffs, fmt.Sprintf("%s differs at byte %d:\n\twant …%q…\n\tgot  …%q…", p, i,
				w[max(0, i-60):min(len(w), i+60)], g[max(0, i-60):min(len(g), i+60)]))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra file "+p)
		}
	}
	if len(diffs) == 0 {
		return
	}
	sort.Strings(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("… and %d more differences", len(diffs)-10))
	}
	t.Errorf("%s:\n\t%s", name, strings.Join(diffs, "\n\t"))
}

// TestDeterministicArchives builds every archive twice and compares all bytes.
func TestDeterministicArchives(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "build", "*.txtar"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, a := buildTxtar(t, string(data))
		_, b := buildTxtar(t, string(data))
		compareFiles(t, filepath.Base(file), a, b)
	}
}
