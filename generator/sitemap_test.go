package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/output"
)

// need skips a test whose tool is missing, and fails it in CI (CI=true),
// where .ci/run installs every tool.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// xmllint validates the XML files against the XSD schema with xmllint.
func xmllint(t *testing.T, schema string, files map[string][]byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		need(t, "xmllint is not installed (apt-get install libxml2-utils)")
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "--noout", "--schema", schema, p).CombinedOutput(); err != nil {
			t.Errorf("%s is not valid against %s: %v\n%s\n%s", name, filepath.Base(schema), err, out, excerpt(string(data), "<url>"))
		}
	}
}

// sitemapXSD is the sitemaps.org schema, shipped in testdata.
var sitemapXSD = filepath.Join("testdata", "sitemaps.org", "sitemap.xsd")

// exampleFS reads examples/name into memory with handover.yaml extended
// by extra.
func exampleFS(t *testing.T, name, extra string) fstest.MapFS {
	t.Helper()
	fsys := exampleLangFS(t, name, "")
	cfg := fsys["handover.yaml"]
	fsys["handover.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(cfg.Data), extra...), Mode: cfg.Mode}
	return fsys
}

// TestSitemapXSD: the sitemap.xml of the Dutch example, with a base URL
// and robots that allow indexing, is valid against the sitemaps.org 0.9
// schema (xmllint); the sitemap handover wrote before, with relative
// <loc>s, is not, which shows that the schema is checked.
func TestSitemapXSD(t *testing.T) {
	b := buildArchiveFS(t, exampleFS(t, "nl-klantenservice", "robots: index, follow\n"), func(o *Options) {
		o.BaseURL = "https://intranet.example.nl/overdracht"
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	sitemap := b.files["sitemap.xml"]
	if got := strings.Count(string(sitemap), "<loc>https://intranet.example.nl/overdracht/"); got != len(b.res.Site.Pages) || got < 40 {
		t.Errorf("%d absolute <loc>s for %d pages", got, len(b.res.Site.Pages))
	}
	xmllint(t, sitemapXSD, map[string][]byte{"sitemap.xml": sitemap})
	relative := strings.ReplaceAll(string(sitemap), "https://intranet.example.nl/overdracht/", "")
	bin, _ := exec.LookPath("xmllint")
	p := filepath.Join(t.TempDir(), "relative.xml")
	if err := os.WriteFile(p, []byte(relative), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", "--schema", sitemapXSD, p).CombinedOutput(); err == nil || !strings.Contains(string(out), "minLength") {
		t.Errorf("a sitemap with relative <loc>s passes the schema: %v\n%s", err, out)
	}
}

// TestSitemapSplit: a site with more URLs than a sitemap may hold gets
// sitemap-1.xml, sitemap-2.xml, … each valid against the schema, and
// sitemap.xml as their index with absolute URLs; the files are output
// paths of the sitemap step.
func TestSitemapSplit(t *testing.T) {
	base := "https://www.example.org/handover/"
	var urls []output.SitemapURL
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		urls = append(urls, output.SitemapURL{Loc: base + name + "/index.html", Lastmod: "2026-10-01"})
	}
	files := output.SitemapFiles(base, urls, 2)
	var names []string
	children := map[string][]byte{}
	for _, f := range files {
		names = append(names, f.Name)
		if !output.IsSitemap(f.Name) {
			t.Errorf("%s is not an output of the sitemap step", f.Name)
		}
		if f.Name != "sitemap.xml" {
			children[f.Name] = f.Data
		}
	}
	if strings.Join(names, " ") != "sitemap-1.xml sitemap-2.xml sitemap-3.xml sitemap.xml" {
		t.Fatalf("files %v", names)
	}
	xmllint(t, sitemapXSD, children)
	var index struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files[3].Data, &index); err != nil {
		t.Fatal(err)
	}
	if index.XMLName.Local != "sitemapindex" || index.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || len(index.Sitemaps) != 3 {
		t.Fatalf("index %+v", index)
	}
	for i, s := range index.Sitemaps {
		if want := base + names[i]; s.Loc != want {
			t.Errorf("index entry %d: %s, want %s", i, s.Loc, want)
		}
	}
	if !output.IsSitemap("sitemap.xml") || output.IsSitemap("sitemap-x.xml") || output.IsSitemap("sitemap-1.xml/") || output.IsSitemap("my-sitemap.xml") {
		t.Error("output.IsSitemap matches the wrong names")
	}
	if one := output.SitemapFiles(base, urls, 5); len(one) != 1 || one[0].Name != "sitemap.xml" {
		t.Errorf("five URLs of at most five: %d files", len(one))
	}
}

// TestSitemapNote: the build writes sitemap.xml only with an absolute base
// URL and robots that let search engines index the pages, and otherwise
// says why.
func TestSitemapNote(t *testing.T) {
	for _, tc := range []struct {
		robots, baseURL, flag string
		want                  string // in the note; "" for a sitemap
	}{
		{"noindex, nofollow", "", "", `"noindex, nofollow"`},
		{"noindex, nofollow", "https://x.example.org/", "", `"noindex, nofollow"`},
		{"none", "https://x.example.org/", "", `"none"`},
		{"index, follow", "", "", "base_url"},
		{"index, follow", "", "https://x.example.org/", ""},
		{"all", "https://x.example.org/", "", ""},
		{"", "https://x.example.org/", "", ""},
		{"index", "intranet/x", "", "not absolute"},
	} {
		cfg := &content.Config{Robots: tc.robots, BaseURL: tc.baseURL}
		got := output.SitemapNote(cfg, tc.flag)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("robots %q, base_url %q, --base-url %q: note %q, want %q", tc.robots, tc.baseURL, tc.flag, got, tc.want)
		}
	}
}

// TestSitemapAndRobotsAgree: in every example, built as it is, pages say
// noindex and there is no sitemap; with robots that allow indexing and a
// base URL there is one, and pages say so.
func TestSitemapAndRobotsAgree(t *testing.T) {
	for _, name := range exampleSites {
		for _, extra := range []string{"", "robots: index, follow\nbase_url: https://www.example.org/\n"} {
			b := buildArchiveFS(t, exampleFS(t, name, extra))
			if b.err != nil {
				t.Fatal(b.err)
			}
			_, has := b.files["sitemap.xml"]
			indexed := !strings.Contains(string(b.files["index.html"]), `content="noindex`)
			if has != indexed || has != (extra != "") {
				t.Errorf("%s with %q: sitemap %v, pages indexable %v", name, extra, has, indexed)
			}
		}
	}
}

// TestPagesJSONSchema validates api/pages.json of every example, built in
// its git repository (so last_changed is filled in) and with a base URL,
// against the JSON schema docs/extensions.md gives for it.
func TestPagesJSONSchema(t *testing.T) {
	py := ""
	for _, c := range []string{os.Getenv("HANDOVER_PYTHON"), "python3", "/usr/bin/python3"} {
		if c != "" && exec.Command(c, "-c", "import jsonschema").Run() == nil {
			py = c
			break
		}
	}
	if py == "" {
		need(t, "no python3 with jsonschema (apt-get install python3-jsonschema)")
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "extensions.md"))
	if err != nil {
		t.Fatal(err)
	}
	schema := ""
	for _, block := range strings.Split(string(doc), "```json\n")[1:] {
		if body, _, _ := strings.Cut(block, "```"); strings.Contains(body, `"title": "handover api/pages.json"`) {
			schema = body
		}
	}
	if schema == "" {
		t.Fatal("docs/extensions.md has no ```json block with the schema of api/pages.json")
	}
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "schema.json")}
	if err := os.WriteFile(files[0], []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range exampleSites {
		sink := &MemSink{}
		_, err := Build(context.Background(), Options{Site: filepath.Join("..", "examples", name), Sink: sink, Now: e2eToday, BaseURL: "https://www.example.org/" + name})
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".json")
		if err := os.WriteFile(f, sink.Files["api/pages.json"], 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	const validate = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
v = cls(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for f in sys.argv[2:]:
    doc = json.load(open(f))
    for e in sorted(v.iter_errors(doc), key=str):
        bad += 1
        print(f, "/".join(map(str, e.absolute_path)), e.message)
    if not any(p["last_changed"] for p in doc["pages"]):
        bad += 1
        print(f, "no page has last_changed")
sys.exit(1 if bad else 0)
`
	if out, err := exec.Command(py, append([]string{"-c", validate}, files...)...).CombinedOutput(); err != nil {
		t.Errorf("api/pages.json does not follow its schema: %v\n%s", err, out)
	}
}
