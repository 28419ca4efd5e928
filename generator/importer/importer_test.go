package importer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
	"github.com/handover-dev/handover/generator/publish"
)

// migration is where the repositories of ../shared/migration are: written
// for other tools, kept as their owners keep them.
const migration = "../../../shared/migration"

// corpus is one repository of migration and what importing it must give.
type corpus struct {
	dir, kind string
	pages     string // the folder whose Markdown files must all be pages ("." for all)
	// want are the errors the imported site may still have: problems that
	// are real in the source, each with why. Anything else fails the test.
	want      map[string]string // message substring → why it is real
	wantCount int
}

var corpora = []corpus{
	{dir: "mkdocs-pagerduty-incident-response", kind: "mkdocs", pages: "docs"},
	{dir: "adr-tools", kind: "adr-tools", pages: "."},
	{dir: "madr", kind: "madr", pages: ".",
		want:      map[string]string{"a decision needs a date": "MADR's own records 0000-0018 have no date: MADR makes date optional, handover's decision log needs one"},
		wantCount: 19},
}

// TestImportMigrationCorpora imports each repository of migration, builds
// the imported site and checks what issue 20 asks: the source unchanged,
// every Markdown page a page of the output, every image the source
// references there, no raw label key on any page, and no error but those
// real in the source; a second import gives the same bytes.
func TestImportMigrationCorpora(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.dir, func(t *testing.T) {
			src := filepath.Join(migration, c.dir)
			if _, err := os.Stat(src); err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatalf("migration repositories missing in CI: %v", err)
				}
				t.Skipf("no %s beside the repository: %v", src, err)
			}
			before := treeSums(t, src)
			site := filepath.Join(t.TempDir(), "site")
			start := time.Now()
			res, err := Import(context.Background(), Options{From: "auto", Source: src, Site: site})
			if err != nil {
				t.Fatal(err)
			}
			if res.Kind != c.kind {
				t.Errorf("detected %s, want %s", res.Kind, c.kind)
			}
			took := time.Since(start)
			if after := treeSums(t, src); !equalSums(before, after) {
				t.Fatal("the import changed the source")
			}
			files, diags := build(t, site)
			byRule := map[string]int{}
			errs := 0
			for _, d := range diags {
				byRule[d.Rule]++
				if d.Severity != content.Error {
					continue
				}
				errs++
				real := false
				for sub := range c.want {
					real = real || strings.Contains(d.Message, sub)
				}
				if !real {
					t.Errorf("error not real in the source: %s", d)
				}
			}
			if errs != c.wantCount {
				t.Errorf("%d errors, want %d (the problems real in the source)", errs, c.wantCount)
			}
			t.Logf("%s: %d files written, %d pages (%d decisions), %d output files, import %v; diagnostics by rule: %v",
				c.dir, res.Files, res.Pages, res.Decisions, len(files), took.Round(time.Millisecond), byRule)
			checkPages(t, src, c.pages, site, files, res.Origins)
			checkImages(t, src, c.pages, diags)
			checkLabels(t, files)

			// again: the same bytes, and nothing of the user's touched
			first := treeSums(t, site)
			mine := filepath.Join(site, "content", "notes-of-mine.md")
			if err := os.WriteFile(mine, []byte("# Mine\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Import(context.Background(), Options{Source: src, Site: site}); err != nil {
				t.Fatal(err)
			}
			second := treeSums(t, site)
			delete(second, "content/notes-of-mine.md")
			if !equalSums(first, second) {
				t.Error("a second import gave other bytes")
			}
		})
	}
}

// build builds the site in memory.
func build(t *testing.T, site string) (map[string][]byte, content.Diagnostics) {
	t.Helper()
	sink := &generator.MemSink{}
	res, err := generator.Build(context.Background(), generator.Options{Site: site, Sink: sink, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
	if err != nil && !errors.Is(err, generator.ErrContent) {
		t.Fatal(err)
	}
	if err != nil { // the content has errors: build once more with them as warnings, to see the output
		cfg := filepath.Join(site, "handover.yaml")
		data, _ := os.ReadFile(cfg)
		tmp := t.TempDir()
		if err := os.CopyFS(tmp, os.DirFS(site)); err != nil {
			t.Fatal(err)
		}
		_ = os.WriteFile(filepath.Join(tmp, "handover.yaml"), append(data, []byte("checks:\n  front-matter: warning\n")...), 0o644)
		sink = &generator.MemSink{}
		if _, err := generator.Build(context.Background(), generator.Options{Site: tmp, Sink: sink, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("build with the source's own problems as warnings: %v", err)
		}
	}
	return sink.Files, res.Diagnostics
}

// checkPages asserts that every Markdown file under dir of the source is a
// page of the output: a page of the site comes from it, and is written.
func checkPages(t *testing.T, src, dir, site string, files map[string][]byte, origins map[string]string) {
	t.Helper()
	s, _ := content.Load(os.DirFS(site), content.LoadOptions{})
	from := map[string]*content.Page{}
	for _, p := range s.Pages {
		if _, ok := files[p.URL+"index.html"]; !ok {
			t.Errorf("page %s has no output %sindex.html", p.File, p.URL)
		}
		if o, ok := origins[p.File]; ok {
			from[o] = p
		}
	}
	n := 0
	_ = fs.WalkDir(os.DirFS(src), dir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && strings.HasPrefix(d.Name(), ".") && f != dir {
			return fs.SkipDir
		}
		if d.IsDir() || !isMarkdown(f) {
			return nil
		}
		n++
		if from[f] == nil {
			t.Errorf("source page %s is no page of the output", f)
		}
		return nil
	})
	t.Logf("%d Markdown files of the source, %d pages of the site", n, len(s.Pages))
}

var imageRef = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)`)

// checkImages asserts that no image the source references and has is a
// broken link in the imported site.
func checkImages(t *testing.T, src, dir string, diags content.Diagnostics) {
	t.Helper()
	broken := map[string]bool{}
	for _, d := range diags {
		if d.Rule == "broken-link" {
			broken[d.Message] = true
		}
	}
	count := 0
	_ = fs.WalkDir(os.DirFS(src), dir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isMarkdown(f) {
			return nil
		}
		data, _ := os.ReadFile(filepath.Join(src, f))
		for _, m := range imageRef.FindAllSubmatch(data, -1) {
			ref := string(m[1])
			if strings.Contains(ref, "://") {
				continue
			}
			if _, err := os.Stat(filepath.Join(src, path.Dir(f), ref)); err != nil {
				continue // not in the source either
			}
			count++
			for msg := range broken {
				if strings.Contains(msg, `"`+ref+`"`) {
					t.Errorf("image %s of %s is broken in the imported site: %s", ref, f, msg)
				}
			}
		}
		return nil
	})
	t.Logf("%d image references checked", count)
}

var rawLabel = regexp.MustCompile(`>\s*(status|kind|callout|section)\.[a-z][a-z .-]*<`)

// checkLabels asserts that no page shows a label key instead of its label.
func checkLabels(t *testing.T, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			if m := rawLabel.Find(data); m != nil {
				t.Errorf("%s shows the raw label key %s", name, m)
			}
		}
	}
}

// treeSums returns the hash of every file under dir.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hash(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalSums(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestImportRefusals: a folder with files of the user's and no marker is
// refused, as is a site that is the source; files handover did not write,
// or that were changed since the import, are left alone and named.
func TestImportRefusals(t *testing.T) {
	src := t.TempDir()
	write(t, src, "mkdocs.yml", "site_name: Runbooks\nnav:\n  - Start: index.md\n  - Restart the service: ops/restart.md\n")
	write(t, src, "docs/index.md", "Welcome.\n\nSee [restart](ops/restart.md#Stap-2).\n")
	write(t, src, "docs/ops/restart.md", "# Purpose\n\n## Stap 2\n\nDo it.\n")
	site := filepath.Join(t.TempDir(), "site")
	write(t, site, "thesis.docx", "mine")
	_, err := Import(context.Background(), Options{From: "mkdocs", Source: src, Site: site})
	if !errors.Is(err, publish.ErrUsage) {
		t.Fatalf("import into a folder of the user's: %v, want a refusal", err)
	}
	if _, err := Import(context.Background(), Options{Source: src, Site: src}); !errors.Is(err, publish.ErrUsage) {
		t.Fatalf("import into the source: %v, want a refusal", err)
	}
	site = filepath.Join(t.TempDir(), "site")
	res, err := Import(context.Background(), Options{From: "auto", Source: src, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "mkdocs" || res.Pages != 3 {
		t.Errorf("kind %s, %d pages; want mkdocs, 3 (two and the report)", res.Kind, res.Pages)
	}
	page := read(t, site, "content/ops/restart.md")
	if !strings.Contains(page, "title: Restart the service") || !strings.Contains(page, "weight: 2") {
		t.Errorf("the nav's title and order are not the page's:\n%s", page)
	}
	write(t, site, "content/ops/restart.md", "# Edited\n")
	write(t, site, "content/extra.md", "# Mine\n")
	res, err = Import(context.Background(), Options{Source: src, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, site, "content/ops/restart.md") != "# Edited\n" || read(t, site, "content/extra.md") != "# Mine\n" {
		t.Error("a second import overwrote a file that was changed or not handover's")
	}
	sort.Strings(res.Notes)
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "content/ops/restart.md was changed since the import") {
		t.Errorf("notes %q", res.Notes)
	}
}

func write(t *testing.T, dir, name, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestImportLog4brainsDatedRecords: log4brains names its records by date
// (20200924-use-x.md), keeps them in the folders .log4brains.yml names (the
// project's and each package's) and writes MADR 2's "- Status:" and
// "- Date:" lines; every record becomes a decision with its date and
// status, and "superseded by [record](file)" a supersede link.
func TestImportLog4brainsDatedRecords(t *testing.T) {
	src := t.TempDir()
	write(t, src, ".log4brains.yml", "project:\n  name: Demo\n  adrFolder: ./docs/adr\n  packages:\n    - name: core\n      path: ./packages/core\n      adrFolder: ./packages/core/docs/adr\n")
	write(t, src, "docs/adr/20200926-use-the-adr-number.md", "# Use the ADR number as its unique ID\n\n- Status: superseded by [20201016-use-the-slug](20201016-use-the-slug.md)\n- Date: 2020-09-26\n\n## Context\n\nText.\n")
	write(t, src, "docs/adr/20201016-use-the-slug.md", "# Use the ADR slug as its unique ID\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context\n\nText.\n")
	write(t, src, "docs/adr/template.md", "# [short title]\n\n- Status: [proposed | accepted]\n")
	write(t, src, "docs/adr/README.md", "# Architecture decision records\n")
	write(t, src, "packages/core/docs/adr/20201002-core-choice.md", "# Core choice\n\n- Status: accepted\n- Date: 2020-10-02\n")
	site := filepath.Join(t.TempDir(), "site")
	res, err := Import(context.Background(), Options{From: "auto", Source: src, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "log4brains" || res.Decisions != 3 {
		t.Fatalf("kind %s, %d decisions; want log4brains, 3 (both folders, no template, no README)", res.Kind, res.Decisions)
	}
	var old, newer string
	filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
		case strings.HasSuffix(p, "20200926-use-the-adr-number.md"):
			old = read(t, filepath.Dir(p), d.Name())
		case strings.HasSuffix(p, "20201016-use-the-slug.md"):
			newer = read(t, filepath.Dir(p), d.Name())
		}
		return err
	})
	for name, want := range map[string][]string{
		old:   {"date: 2020-09-26", "status: superseded"},
		newer: {"date: 2020-10-16", "status: accepted", "supersedes:", "20200926-use-the-adr-number"},
	} {
		for _, w := range want {
			if !strings.Contains(name, w) {
				t.Errorf("record lacks %q:\n%s", w, name)
			}
		}
	}
}

// TestImportHugoShortcodes: a multilingual Hugo site (Docsy's layout)
// imports its default language's contentDir; callout shortcodes (alert,
// pageinfo, notice, hint), also spanning lines or inside a paragraph,
// become callouts; ref becomes the link; an escaped shortcode in code is
// shown as Hugo shows it; other shortcodes lose their tags, keep their
// text and are noted; Hugo's layout "type" is dropped. The imported site
// builds with no error and no foreign-syntax warning.
func TestImportHugoShortcodes(t *testing.T) {
	src := t.TempDir()
	write(t, src, "hugo.yaml", "title: Docs\ncontentDir: content/en\ndefaultContentLanguage: en\nlanguages:\n  en:\n    title: Docs\n  nl:\n    contentDir: content/nl\n")
	write(t, src, "content/en/_index.md", "---\ntitle: Home\ntype: docs\n---\n{{% blocks/cover\n  title=\"Welcome\"\n  height=\"full\"\n%}}\nCover text.\n{{% /blocks/cover %}}\n\n{{% _param description %}}\n\nSee [the overview]({{< ref \"docs/overview.md\" >}}).\n")
	write(t, src, "content/en/docs/overview.md", "---\ntitle: Overview\n---\n{{% pageinfo color=\"warning td-max-width\" %}}\nA placeholder.\n{{% /pageinfo %}}\n\nText {{% alert title=\"Mind\" color=\"danger\" %}} Inline alert. {{% /alert %}}\n\n{{< notice tip >}}\nA tip.\n{{< /notice >}}\n\n```go-html-template\n{{</* imgproc sunset */>}}\n```\n")
	write(t, src, "content/nl/_index.md", "# Thuis\n")
	site := filepath.Join(t.TempDir(), "site")
	res, err := Import(context.Background(), Options{From: "auto", Source: src, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "hugo" || res.Pages != 3 {
		t.Errorf("kind %s, %d pages; want hugo, 3 (two and the report; not the Dutch one)", res.Kind, res.Pages)
	}
	home, overview := read(t, site, "content/_index.md"), read(t, site, "content/docs/overview.md")
	for page, want := range map[*string][]string{
		&home:     {"Cover text.", "[the overview](docs/overview.md)"},
		&overview: {":::warning\n\nA placeholder.\n\n:::", ":::danger[Mind]", "Inline alert.", ":::tip\n\nA tip.", "{{< imgproc sunset >}}"},
	} {
		for _, w := range want {
			if !strings.Contains(*page, w) {
				t.Errorf("page lacks %q:\n%s", w, *page)
			}
		}
	}
	if strings.Contains(home, "type:") || strings.Contains(home, "blocks/cover") || strings.Contains(home, "_param") {
		t.Errorf("Hugo's layout type or a dropped shortcode is left:\n%s", home)
	}
	report := read(t, site, "content/import-report.md")
	for _, w := range []string{`"blocks/cover"`, "content/nl", `type "docs"`} {
		if !strings.Contains(report, w) {
			t.Errorf("the report does not note %s", w)
		}
	}
	for _, d := range res.Diagnostics {
		if d.Severity == content.Error || d.Rule == "foreign-syntax" {
			t.Errorf("imported site: %s", d)
		}
	}
}
