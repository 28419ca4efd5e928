package generator

import (
	"context"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/themes"
)

// themeLabels returns the labels of every language of the built-in theme.
func themeLabels(t *testing.T) map[string]map[string]string {
	t.Helper()
	files, err := fs.Glob(themes.Default, "default/i18n/*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("i18n files: %v %v", files, err)
	}
	out := map[string]map[string]string{}
	for _, f := range files {
		data, err := fs.ReadFile(themes.Default, f)
		if err != nil {
			t.Fatal(err)
		}
		labels := map[string]string{}
		if err := yaml.Unmarshal(data, &labels); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(path.Base(f), ".yaml")] = labels
	}
	return out
}

// TestKindLabels checks that every page type of content.KindSpecs has its
// labels in every language: kind.K (a page's type) and section.K (its
// folder and its chapter of the print dossier), and status.S for each
// status it takes. A new page type cannot miss them.
func TestKindLabels(t *testing.T) {
	for lang, labels := range themeLabels(t) {
		for _, spec := range content.KindSpecs {
			keys := []string{"kind." + string(spec.Kind), "section." + string(spec.Kind)}
			for _, s := range spec.Statuses {
				keys = append(keys, "status."+s)
			}
			for _, k := range keys {
				if strings.TrimSpace(labels[k]) == "" {
					t.Errorf("i18n/%s.yaml: no label %s for page type %s", lang, k, spec.Kind)
				}
			}
		}
	}
}

// exampleLangFS returns examples/name as a file system, with the interface
// language set to lang.
func exampleLangFS(t *testing.T, name, lang string) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "examples", name)
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "public/") {
			return nil // a local build's output, not the example
		}
		if rel == "handover.yaml" && lang != "" {
			data = regexp.MustCompile(`(?m)^language: *\w+`).ReplaceAll(data, []byte("language: "+lang))
		}
		fsys[rel] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// buildFS builds a site from fsys into memory and returns its result and files.
func buildFS(t *testing.T, fsys fs.FS) (*Result, map[string][]byte) {
	t.Helper()
	sink := &MemSink{}
	res, err := Build(context.Background(), Options{Site: "site", FS: fsys, Sink: sink, Now: e2eToday})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, diagLines(res))
	}
	return res, sink.Files
}

var (
	// hidden are the parts of a page whose text no reader sees.
	hiddenRE = regexp.MustCompile(`(?is)<(script|style|template)\b[^>]*>.*?</(script|style|template)>`)
	// codeRE are code blocks and spans: the site's own text, which may
	// name keys of its own (a YAML example with decided_by).
	codeRE = regexp.MustCompile(`(?is)<(pre|code)\b[^>]*>.*?</(pre|code)>`)
	// labelAttrRE are the attributes whose values people see or hear.
	labelAttrRE = regexp.MustCompile(`(?i)\s(?:aria-label|title|placeholder|alt)="([^"]*)"`)
	tagRE2      = regexp.MustCompile(`(?s)<[^>]*>`)
	// dottedRE is a word.word token, or a word_word one, as label keys are.
	dottedRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)+|[A-Za-z]+(?:_[A-Za-z]+)+`)
	// rawPrefixRE are keys the templates build from values (kind.KIND,
	// status.VALUE): such a key is raw even when no label file has it.
	rawPrefixRE = regexp.MustCompile(`^(kind|section|status|freq|raci|readiness|orphan|orphans|print|signoff)\.[a-z0-9_-]+$`)
)

// pageText returns what a reader of page meets as text: the text between
// the tags and the values of the attributes that are read out or shown,
// without scripts, styles and code.
func pageText(page string) string {
	page = hiddenRE.ReplaceAllString(page, " ")
	page = codeRE.ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range labelAttrRE.FindAllStringSubmatch(page, -1) {
		b.WriteString(html.UnescapeString(m[1]))
		b.WriteString("\n")
	}
	b.WriteString(html.UnescapeString(tagRE2.ReplaceAllString(page, " ")))
	return b.String()
}

// TestNoRawLabelKeys builds both examples in both languages and fails on
// any label key that reached a reader instead of its text: a key of
// i18n/*.yaml (section.page, next_review), or one the templates make from
// a value (kind.x, status.x, freq.x), in the text or the read-out
// attributes of any HTML page.
func TestNoRawLabelKeys(t *testing.T) {
	keys := map[string]bool{}
	for _, labels := range themeLabels(t) {
		for k := range labels {
			if strings.ContainsAny(k, "._") {
				keys[k] = true
			}
		}
	}
	for _, name := range []string{"nl-klantenservice", "en-small"} {
		for _, lang := range []string{"nl", "en"} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				_, files := buildFS(t, exampleLangFS(t, name, lang))
				pages := 0
				for _, p := range sortedKeys(files) {
					if !strings.HasSuffix(p, ".html") {
						continue
					}
					pages++
					seen := map[string]bool{}
					for _, tok := range dottedRE.FindAllString(pageText(string(files[p])), -1) {
						if (keys[tok] || rawPrefixRE.MatchString(tok)) && !seen[tok] {
							seen[tok] = true
							t.Errorf("%s: raw label key %q", p, tok)
						}
					}
				}
				if pages < 20 {
					t.Errorf("only %d HTML pages", pages)
				}
			})
		}
	}
}

// elementAt returns the element of tag that starts at i in page, up to
// its matching end tag, counting the same tag nested in it.
func elementAt(page, tag string, i int) string {
	open, end := "<"+tag, "</"+tag+">"
	depth := 0
	for j := i; j < len(page); {
		o := strings.Index(page[j:], open)
		c := strings.Index(page[j:], end)
		if c < 0 {
			return page[i:]
		}
		if o >= 0 && o < c {
			if k := j + o + len(open); k < len(page) && (page[k] == ' ' || page[k] == '>') {
				depth++
			}
			j += o + len(open)
			continue
		}
		depth--
		j += c + len(end)
		if depth == 0 {
			return page[i:j]
		}
	}
	return page[i:]
}

// elementByID returns the element of tag with id in page, or "".
func elementByID(page, tag, id string) string {
	i := strings.Index(page, ` id="`+id+`"`)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(page[:i], "<"+tag)
	if start < 0 {
		return ""
	}
	return elementAt(page, tag, start)
}

var (
	// navRE are the parts of a page that only lead elsewhere: the
	// breadcrumb, the page's table of contents, the version switcher, the
	// related pages and backlinks, the history of the page, the cards and
	// subsections of a list, the home page's overview.
	navRE = []*regexp.Regexp{
		regexp.MustCompile(`(?s)<nav\b.*?</nav>`),
		regexp.MustCompile(`(?s)<footer class="page-history">.*?</footer>`),
		regexp.MustCompile(`(?s)<section class="(?:related|backlinks|subsections|overview)">.*?</section>`),
		regexp.MustCompile(`(?s)<ul class="cards">.*?</ul>`),
	}
	// blockRE are the tags that end a block of text.
	blockRE = regexp.MustCompile(`(?i)</?(?:dt|dd|th|td|tr|li|p|h[1-6]|caption|div|section|table|thead|tbody|ul|ol|dl|header|article|pre|blockquote|figure|figcaption|details|summary|br)\b[^>]*>`)
)

// blocks returns the blocks of text of an HTML fragment: the text of each
// cell, fact, item, paragraph and heading, with white space collapsed.
func blocks(fragment string) []string {
	fragment = hiddenRE.ReplaceAllString(fragment, " ")
	fragment = blockRE.ReplaceAllString(fragment, "\n")
	fragment = html.UnescapeString(tagRE2.ReplaceAllString(fragment, ""))
	var out []string
	for _, l := range strings.Split(fragment, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// screenBlocks returns the blocks of text of a page's content: its <main>
// without what only leads elsewhere.
func screenBlocks(page string) []string {
	i := strings.Index(page, "<main")
	if i < 0 {
		return nil
	}
	main := elementAt(page, "main", i)
	for _, re := range navRE {
		main = re.ReplaceAllString(main, "")
	}
	return blocks(main)
}

// TestPrintHasWhatPagesShow compares, on both examples, what every page
// shows with its part of the print dossier: each block of text of the
// page's content (its facts, tables, RACI matrix, agenda, registers and
// text) must be in the dossier's section with the page's print id; a
// folder's list page in the chapter of its kind; the home page's text in
// the handover document's section; the readiness page and the people
// page in the dossier's parts of those names. Only navigation is left out.
func TestPrintHasWhatPagesShow(t *testing.T) {
	for _, name := range []string{"nl-klantenservice", "en-small"} {
		t.Run(name, func(t *testing.T) {
			res, files := buildFS(t, exampleLangFS(t, name, ""))
			doc := string(files["print/index.html"])
			if doc == "" {
				t.Fatal("no print/index.html")
			}
			covered := map[string]int{}
			check := func(what, out, id, tag string, strip *regexp.Regexp) {
				t.Helper()
				page := string(files[out])
				if page == "" {
					t.Errorf("%s: no %s", what, out)
					return
				}
				if strip != nil {
					page = strip.ReplaceAllString(page, "")
				}
				section := elementByID(doc, tag, id)
				if section == "" {
					t.Errorf("%s: the dossier has no <%s id=%q>", what, tag, id)
					return
				}
				text := "\n" + strings.Join(blocks(section), "\n") + "\n"
				missing := 0
				for _, b := range screenBlocks(page) {
					if !strings.Contains(text, b) {
						if missing++; missing <= 5 {
							t.Errorf("%s (%s): %q is on the page but not in the dossier's #%s", what, out, truncateText(b, 120), id)
						}
					}
				}
				covered[what]++
			}
			home := regexp.MustCompile(`(?s)<header class="page-head">.*?</header>`) // on the cover
			for _, p := range res.Site.Pages {
				switch {
				case p.ID == "_index":
					check("home", pageOut(p), printAnchor(p, ""), "section", home)
				case p.List:
					check("list "+string(p.Kind), pageOut(p), printTarget(p), "section", nil)
				default:
					check(string(p.Kind), pageOut(p), printAnchor(p, ""), "section", nil)
				}
			}
			// Folders without an _index.md have list pages too.
			for _, k := range []content.Kind{content.KindDecision, content.KindRisk, content.KindKPI} {
				out := k.Spec().Folder + "/index.html"
				if _, ok := files[out]; ok && covered["list "+string(k)] == 0 {
					check("list "+string(k), out, printChapter(k), "section", nil)
				}
			}
			check("readiness", "readiness/index.html", "print-readiness", "section", nil)
			check("people", "people/index.html", "print-people", "section", nil)
			var kinds []string
			for _, spec := range content.KindSpecs {
				if spec.Kind != content.KindPage && covered[string(spec.Kind)] == 0 {
					t.Errorf("no page of type %s was compared", spec.Kind)
				}
			}
			for k := range covered {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			t.Logf("compared: %v", covered)
			for _, want := range []string{"home", "list decision", "list risk", "list kpi", "readiness", "people"} {
				if covered[want] == 0 {
					t.Errorf("no %s page was compared (have %v)", want, kinds)
				}
			}
		})
	}
}

// TestSignoffAndPaper checks signoff and print.paper in handover.yaml: who
// signs (a person in the role signoff gives, each member of a role who has
// not left, a name), the paper of the dossier's @page rule, and the
// diagnostics of what cannot be used.
func TestSignoffAndPaper(t *testing.T) {
	site := fstest.MapFS{
		"handover.yaml": {Data: []byte(`title: Proef
language: nl
print:
  paper: letter
signoff:
  - by: jan
    role: Directeur, neemt over
  - by: mt
  - name: Interim Manager
    role: draagt over
`)},
		"people.yaml": {Data: []byte(`people:
  - id: jan
    name: Jan Jansen
    role: Directeur
  - id: els
    name: Els de Wit
    role: Controller
  - id: oud
    name: Oud Lid
    left: 2026-01-31
roles:
  - id: mt
    name: Managementteam
    members: [els, oud]
`)},
		"content/_index.md": {Data: []byte("# Overdracht\n\nTekst.\n")},
	}
	b := buildArchiveFS(t, site)
	doc := string(b.files["print/index.html"])
	if doc == "" {
		t.Fatalf("no print/index.html (%v)", b.err)
	}
	signoff := strings.Join(blocks(elementByID(doc, "section", "print-signoff")), "\n")
	for _, want := range []string{"Jan Jansen\nDirecteur, neemt over", "Els de Wit\nController · Managementteam", "Interim Manager\ndraagt over"} {
		if !strings.Contains(signoff, want) {
			t.Errorf("the sign-off lacks %q:\n%s", want, signoff)
		}
	}
	if strings.Contains(signoff, "Oud Lid") {
		t.Error("a member who left signs")
	}
	if !strings.Contains(doc, "@page { size: letter;") || !strings.Contains(doc, "@page wide { size: letter landscape; }") {
		t.Error("print.paper: letter is not the dossier's paper")
	}

	site["handover.yaml"] = &fstest.MapFile{Data: []byte("title: Proef\n")}
	b = buildArchiveFS(t, site)
	doc = string(b.files["print/index.html"])
	if !strings.Contains(doc, "@page { size: A4;") {
		t.Error("the default paper is not A4")
	}
	if n := strings.Count(elementByID(doc, "section", "print-signoff"), "<dt>Naam</dt><dd></dd><dt>Functie</dt>"); n != 2 {
		t.Errorf("with no signoff and no commitment the sign-off page has %d blank signatories, want 2", n)
	}

	site["handover.yaml"] = &fstest.MapFile{Data: []byte("title: Proef\nprint:\n  paper: a3\nsignoff:\n  - by: niemand\n  - role: zonder wie\n")}
	b = buildArchiveFS(t, site)
	got := fmt.Sprint(b.res.Diagnostics)
	for _, want := range []string{
		`handover.yaml:3:10: error: paper "a3" is not one of a4, letter (config)`,
		`handover.yaml:5:9: error: signoff by "niemand" is not a person or role in people.yaml (unknown-reference)`,
		`handover.yaml:6:5: error: each item of signoff needs by (a person or role id of people.yaml) or name (config)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// TestPrintLinksStayInside checks that links of the text to pages the
// build makes, which the dossier holds too, stay inside the dossier: the
// readiness checklist, the people and a person, a folder's list without
// _index.md; a file stays a file, and every in-document link has its target.
func TestPrintLinksStayInside(t *testing.T) {
	site := fstest.MapFS{
		"handover.yaml": {Data: []byte("title: Proef\n")},
		"people.yaml":   {Data: []byte("people:\n  - id: jan\n    name: Jan Jansen\n")},
		"content/_index.md": {Data: []byte("# Overdracht\n\n[gereedheid](/readiness/), [mensen](/people/), " +
			"[Jan](/people/jan/), [processen](processes/), [verklaring](../static/verklaring.pdf).\n")},
		"content/processes/iets.md": {Data: []byte("---\ntitle: Iets\nowner: jan\n---\n\nTekst.\n")},
		"static/verklaring.pdf":     {Data: []byte("%PDF-1.4\n")},
	}
	b := buildArchiveFS(t, site)
	doc := string(b.files["print/index.html"])
	home := elementByID(doc, "section", "p-_index")
	if doc == "" {
		t.Fatalf("no dossier: %v\n%s", b.err, diagLines(b.res))
	}
	for _, want := range []string{`href="#print-readiness"`, `href="#print-people"`, `href="#pp-jan"`, `href="#p-processes"`, `href="../verklaring.pdf"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the handover document in the dossier lacks %s:\n%s", want, home)
		}
	}
	ids := htmlIDs(doc)
	for _, m := range regexp.MustCompile(`href="#([^"]*)"`).FindAllStringSubmatch(doc, -1) {
		if !ids[html.UnescapeString(m[1])] {
			t.Errorf("the dossier links to #%s, which it does not have", m[1])
		}
	}

	// A site whose content has a folder print/: the dossier moves to
	// _handover/print/, and its links to files follow it.
	site["content/print/notities.md"] = &fstest.MapFile{Data: []byte("# Notities\n\nOver afdrukken.\n")}
	b = buildArchiveFS(t, site)
	doc = string(b.files["_handover/print/index.html"])
	if doc == "" {
		t.Fatalf("no _handover/print/index.html: %v", sortedKeys(b.files))
	}
	home = elementByID(doc, "section", "p-_index")
	for _, want := range []string{`href="#print-readiness"`, `href="#pp-jan"`, `href="../../verklaring.pdf"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the moved dossier lacks %s:\n%s", want, home)
		}
	}
}
