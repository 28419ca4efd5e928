package generator

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/handover-dev/handover/content"
)

// The fuzz targets here drive the real build with hostile input and assert
// properties of its output: no panic, every written path inside the output,
// and no markup from content that could run in a reader's browser. Run one
// with `go test -run '^$' -fuzz FuzzResolveLink ./generator/`.

// linkSeeds are link destinations that reach the interesting paths of
// resolveLink: schemes in every spelling, escapes, paths that leave the site.
var linkSeeds = []string{
	"", "#", "#stap-2", "other.md", "other.md#kop", "./other.md", "../notes/other.md", "/notes/other.md",
	"other", "other/", "/people/", "/", "?q=1", "other.md?x#y", "img.png", "/static/img.png",
	"javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "java\x00script:alert(1)",
	"&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#X6a;avascript:alert(1)", "&#0000106;avascript:alert(1)",
	" javascript:alert(1)", "\x01javascript:alert(1)", "jav&#x09;ascript:alert(1)", "javascript&colon;alert(1)",
	"vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "DATA:text/html,<script>alert(1)</script>",
	"%6A%61vascript:alert(1)", "javascript%3Aalert(1)", "\u200bjavascript:alert(1)", "ja\u00advascript:alert(1)",
	"../../../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "C:\\Windows\\win.ini",
	"file:///etc/passwd", "\\\\server\\share", "a\x00b.md", "con.md", "aux.md", "nul", "//evil.example/x",
	"<javascript:alert(1)>", "x\" onmouseover=\"alert(1)", "x' onerror='alert(1)", "x><script>alert(1)</script>",
	"%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "other.md#\"><script>alert(1)</script>", "#\" onclick=\"alert(1)",
	"https://example.com/\"onclick=\"x", "mailto:a@b.c?subject=<script>", "other.md#%3Cscript%3E",
}

// linkPage is a page whose body uses dest in every link form Markdown has.
func linkPage(dest string) string {
	return "# Links\n\n[x](" + dest + ")\n\n![i](" + dest + ")\n\n<" + dest + ">\n\n[r][ref]\n\n[ref]: " + dest + "\n\n" +
		"[t](<" + dest + "> \"t\")\n"
}

// fuzzSite is a two-page site whose first page has body.
func fuzzSite(body string) fstest.MapFS {
	return fstest.MapFS{
		"handover.yaml":           {Data: []byte("title: Fuzz\nlanguage: en\nchecks:\n  broken-link: warning\n  missing-anchor: warning\n")},
		"content/notes/page.md":   {Data: []byte(body)},
		"content/notes/other.md":  {Data: []byte("# Other\n\n## Kop\n")},
		"content/notes/img.png":   {Data: []byte("png")},
		"static/img.png":          {Data: []byte("png")},
		"content/notes/_index.md": {Data: []byte("# Notes\n")},
	}
}

// fuzzBuild builds fsys into memory and checks the properties every build
// must have, whatever its input.
func fuzzBuild(t *testing.T, fsys fstest.MapFS) map[string][]byte {
	t.Helper()
	sink := &MemSink{}
	res, err := Build(context.Background(), Options{Site: "site", FS: fsys, Sink: sink, Now: e2eToday})
	if res == nil {
		t.Fatalf("Build returned a nil result (err %v)", err)
	}
	if err != nil && !errors.Is(err, ErrContent) {
		t.Fatalf("Build: %v", err)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "goroutine ") || strings.Contains(d.Message, "panic") {
			t.Errorf("diagnostic carries a stack trace: %s", d)
		}
	}
	for p, data := range sink.Files {
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.ContainsAny(p, "\\\x00") || path.Clean(p) != p {
			t.Errorf("output path %q is not a clean local path", p)
		}
		for _, problem := range markupProblems(p, data) {
			t.Errorf("%s: %s", p, problem)
		}
	}
	return sink.Files
}

// FuzzResolveLink builds a page whose links (inline, image, autolink,
// reference) all point at dest.
func FuzzResolveLink(f *testing.F) {
	for _, s := range linkSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		files := fuzzBuild(t, fuzzSite(linkPage(dest)))
		page, ok := files["notes/page/index.html"]
		if !ok {
			return // the link made the page fail to build: a diagnostic, checked above
		}
		for _, a := range scanTags(string(page)) {
			for _, attr := range []string{"href", "src"} {
				v, ok := a.attrs[attr]
				if !ok {
					continue
				}
				if s := dangerousScheme(v); s != "" {
					t.Errorf("<%s %s=%q> keeps the scheme %s", a.name, attr, v, s)
				}
				if u, err := url.Parse(v); err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" {
					// a relative link must stay inside the output
					p, err := url.PathUnescape(u.Path)
					if err == nil && !strings.HasPrefix(v, "/") {
						if j := path.Join("notes/page", p); j == ".." || strings.HasPrefix(j, "../") {
							t.Errorf("<%s %s=%q> leaves the site", a.name, attr, v)
						}
					}
				}
			}
		}
	})
}

// FuzzURLOf maps arbitrary content paths to output paths: each must be a
// clean local path of safe segments, the same for NFC and NFD spellings,
// and relPath between two of them must lead from one to the other.
func FuzzURLOf(f *testing.F) {
	for _, s := range []string{
		"notes/a b.md", "notes/a#b?.md", "notes/100%.md", "notes/\"q'.md", "notes/<b>x</b>.md", "notes/Überblick.md",
		"notes/Ü" + "berblick.md", norm.NFD.String("notes/überblick.md"), "процессы/инструкция.md", "决策/0001-使用.md",
		"../x.md", "%2e%2e%2fx.md", "/etc/passwd.md", "C:\\x.md", "a\x00b.md", "con.md", "aux.md", "Con.Txt", "lpt1.md",
		"x.md/y.md", "_index.md", "a/_index.md", "..", ".", "", "...md", ".hidden.md", "a//b.md", "a/./b.md", "a/../../b.md",
		"\u202egnp.md", "a\u200bb.md", "\xff\xfe.md", "ſ.md", "İ.md",
	} {
		f.Add(s, "notes/other.md")
	}
	f.Fuzz(func(t *testing.T, rel, from string) {
		for _, out := range []string{content.URLOf(rel) + "index.html", content.StaticPath(rel)} {
			checkOutputPath(t, rel, out)
		}
		if utf8.ValidString(rel) {
			if a, b := content.URLOf(norm.NFC.String(rel)), content.URLOf(norm.NFD.String(rel)); a != b {
				t.Errorf("NFC and NFD of %q map to %q and %q", rel, a, b)
			}
		}
		fromDir := content.URLOf(from)
		to := content.URLOf(rel) + "index.html"
		href := relPath(fromDir, to)
		u, err := url.Parse(href)
		if err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("relPath(%q, %q) = %q is not a plain relative path (%v)", fromDir, to, href, err)
		}
		if got := path.Join(fromDir, u.Path); got != path.Clean(to) {
			t.Errorf("relPath(%q, %q) = %q leads to %q", fromDir, to, href, got)
		}
	})
}

// checkOutputPath asserts that out, the output path of rel, is clean, local
// and made of segments every OS and web server can hold.
func checkOutputPath(t *testing.T, rel, out string) {
	t.Helper()
	if !filepath.IsLocal(filepath.FromSlash(out)) || path.Clean(out) != out || strings.HasPrefix(out, "/") {
		t.Fatalf("%q maps to %q, which is not a clean local path", rel, out)
	}
	for _, seg := range strings.Split(out, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\\x00:*?\"<>|#%") {
			t.Errorf("%q maps to %q with the unsafe segment %q", rel, out, seg)
		}
		stem, _, _ := strings.Cut(seg, ".")
		switch strings.ToLower(stem) {
		case "con", "prn", "aux", "nul", "com1", "lpt1":
			t.Errorf("%q maps to %q with the Windows-reserved segment %q", rel, out, seg)
		}
		if !utf8.ValidString(seg) || !norm.NFC.IsNormalString(seg) {
			t.Errorf("%q maps to %q whose segment %q is not NFC UTF-8", rel, out, seg)
		}
		if strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
			t.Errorf("%q maps to %q whose segment %q ends in a dot or space (Windows drops them)", rel, out, seg)
		}
	}
}

// yamlString quotes s for YAML: JSON strings are YAML flow scalars.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// FuzzFrontMatterBuild puts arbitrary text in the title, owner name, tags,
// summary, agenda and site title and builds: markup must come out escaped
// in every HTML, JSON and calendar file.
func FuzzFrontMatterBuild(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)", "</title><script>x</script>",
		"javascript:alert(1)", "{{.Title}}", "\u2028\u2029", "a\nBEGIN:VEVENT\nSUMMARY:injected", "x\r\nATTENDEE:mailto:evil@x",
		"</script><script>alert(1)</script>", "\\u003cscript\\u003e", "<!--", "]]>", "&lt;script&gt;", "\x00\xff", "*anchor",
	} {
		f.Add(s, s, s)
	}
	f.Add("0000000000000000000000000", "0000000000000000000000000", "") // an empty tag once panicked in the search facets
	f.Fuzz(func(t *testing.T, title, name, tag string) {
		if !utf8.ValidString(title + name + tag) {
			return // JSON quoting would replace the bad bytes; encoding is FuzzFrontMatter's subject (content package)
		}
		fsys := fstest.MapFS{
			"handover.yaml": {Data: []byte("title: " + yamlString(title) + "\norganisation: " + yamlString(name) + "\nlanguage: en\n")},
			"people.yaml": {Data: []byte("people:\n  - id: jan\n    name: " + yamlString(name) + "\n    role: " + yamlString(tag) +
				"\n    email: " + yamlString(tag) + "\nroles:\n  - id: mt\n    name: " + yamlString(title) + "\n    members: [jan]\n")},
			"content/processes/p.md": {Data: []byte("---\ntitle: " + yamlString(title) + "\nowner: jan\nsponsor: mt\nreviewed: 2026-10-01\n" +
				"review_every: 1y\ntags: [" + yamlString(tag) + "]\nsummary: " + yamlString(name) + "\n---\nBody.\n")},
			"content/meetings/m.md": {Data: []byte("---\ntitle: " + yamlString(title) + "\nfrequency: weekly\nweekday: monday\ntime: \"09:00\"\n" +
				"starts: 2026-11-02\nchair: jan\nagenda: [" + yamlString(tag) + "]\n---\n")},
			"content/risks/r.md": {Data: []byte("---\ntitle: " + yamlString(tag) + "\nowner: jan\nlikelihood: 2\nimpact: 2\nmitigation: " +
				yamlString(title) + "\nmitigation_owner: jan\n---\n")},
		}
		files := fuzzBuild(t, fsys)
		if ics, ok := files["calendar.ics"]; ok {
			for _, problem := range icsProblems(ics) {
				t.Errorf("calendar.ics: %s", problem)
			}
		}
	})
}
