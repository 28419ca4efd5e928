package content

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// diagLines formats ds without the file name, so sites whose files only
// differ in encoding can be compared.
func diagLines(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d: %s: %s (%s)", d.Pos.Line, d.Pos.Col, d.Severity, d.Message, d.Rule))
	}
	return out
}

// TestLoadLineEndings checks that a BOM, CRLF or CR line ends give exactly
// the diagnostics and title of the LF file.
func TestLoadLineEndings(t *testing.T) {
	lf := "---\ntitle: [a]\ntags: {a: 1}\nowner: nobody\nsummary: a: b\n---\n\n# Heading\n"
	lf2 := "---\ntitle: T\nstatus: bad\ntags: {a: 1}\n---\n# H\n"
	for _, src := range []string{lf, lf2, "---\ntitle: x\n", "---\n- a\n---\n# L\n"} {
		s0, want := loadFiles(map[string]string{"content/processes/a.md": src})
		for name, variant := range map[string]string{
			"BOM":      "\ufeff" + src,
			"CRLF":     strings.ReplaceAll(src, "\n", "\r\n"),
			"BOM+CRLF": "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n"),
			"CR":       strings.ReplaceAll(src, "\n", "\r"),
		} {
			s, got := loadFiles(map[string]string{"content/processes/a.md": variant})
			if !slices.Equal(diagLines(got), diagLines(want)) {
				t.Errorf("%s of %q:\ngot  %q\nwant %q", name, src, diagLines(got), diagLines(want))
			}
			if len(s.Pages) != 1 || s.Pages[0].Title != s0.Pages[0].Title || string(s.Pages[0].Body) != string(s0.Pages[0].Body) {
				t.Errorf("%s of %q: page differs from the LF page", name, src)
			}
		}
	}
}

func TestLoadEncoding(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
	}{
		{"invalid byte in body", "# T\n\nab\xffc\n", 3, 3},
		{"NUL in front matter", "---\ntitle: a\x00b\n---\n", 2, 9},
		{"invalid byte in title", "---\ntitle: \xc3\x28\n---\n", 2, 8},
		{"NUL on line 1", "\x00", 1, 1},
	} {
		s, ds := loadFiles(map[string]string{"content/a.md": tc.src})
		var enc []Diagnostic
		for _, d := range ds {
			if d.Rule == "encoding" {
				enc = append(enc, d)
			}
		}
		if len(enc) != 1 || enc[0].Pos.Line != tc.line || enc[0].Pos.Col != tc.col || enc[0].Severity != Warning {
			t.Errorf("%s: encoding diagnostics %v, want one warning at %d:%d", tc.name, enc, tc.line, tc.col)
		}
		for _, p := range s.Pages {
			if !utf8.ValidString(p.Title) || !utf8.Valid(p.Body) || strings.ContainsRune(p.Title+string(p.Body), 0) {
				t.Errorf("%s: page keeps invalid text: title %q body %q", tc.name, p.Title, p.Body)
			}
		}
	}
}

func TestLoadEmptyFiles(t *testing.T) {
	s, ds := loadFiles(map[string]string{
		"handover.yaml":     "",
		"people.yaml":       "",
		"content/_index.md": "",
		"static/empty.txt":  "",
	})
	for _, d := range ds {
		if d.Pos.File != "content/_index.md" || d.Rule != RuleFrontMatter {
			t.Errorf("unexpected diagnostic for empty files: %s", d)
		}
	}
	if len(ds) != 0 {
		t.Logf("diagnostics: %v", ds)
	}
	if len(s.Pages) != 1 || s.Pages[0].URL != "" || s.Pages[0].Title == "" || !s.Pages[0].List {
		t.Errorf("empty home page not loaded as the list page with a title: %+v", s.Pages)
	}
	if s.Config.Language != "nl" {
		t.Errorf("empty handover.yaml: language %q, want the default nl", s.Config.Language)
	}
}

// billionLaughs is the YAML alias bomb: nine levels of nine aliases.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		fmt.Fprintf(&b, "%c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(c)
	}
	b.WriteString("tags: *i\nrelated: *i\nagenda: *i\nraci: *i\nsummary: *i\n---\n")
	return b.String()
}

// TestLoadHostile checks that alias bombs and deep nesting finish fast,
// with bounded memory, and are reported as front matter errors.
func TestLoadHostile(t *testing.T) {
	for name, src := range map[string]string{
		"billion laughs":   billionLaughs(),
		"deep flow lists":  "---\ntitle: x\ntags: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n---\n",
		"deep block lists": "---\ntitle: x\ntags:\n  " + strings.Repeat("- ", 10000) + "x\n---\n",
		"deep mappings":    "---\ntitle: x\nraci: " + strings.Repeat("{a: ", 10000) + "1" + strings.Repeat("}", 10000) + "\n---\n",
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		s, ds := loadFiles(map[string]string{"content/a.md": src})
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if elapsed > 5*time.Second {
			t.Errorf("%s: Load took %v", name, elapsed)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
			t.Errorf("%s: Load allocated %d MB", name, alloc>>20)
		}
		if !ds.HasErrors() {
			t.Errorf("%s: no error reported", name)
		}
		if len(ds) > 1000 {
			t.Errorf("%s: %d diagnostics, want a bounded number", name, len(ds))
		}
		if len(s.Pages) != 1 {
			t.Errorf("%s: %d pages, want the page loaded anyway", name, len(s.Pages))
		}
	}
}

func TestLoadTitle(t *testing.T) {
	s, _ := loadFiles(map[string]string{
		"content/fm.md":               "---\ntitle: '  From front matter  '\n---\n# Heading\n",
		"content/heading.md":          "Intro\n\n# From heading #\n",
		"content/fenced.md":           "~~~\n# no\n~~~\n\n# Yes\n",
		"content/indented.md":         "    # code\n\n   # Three spaces\n",
		"content/processes/_index.md": "Text.\n",
		"content/_index.md":           "Text.\n",
	})
	for path, want := range map[string]string{
		"fm.md":               "From front matter",
		"heading.md":          "From heading",
		"fenced.md":           "Yes",
		"indented.md":         "Three spaces",
		"processes/_index.md": "Processes",
		"_index.md":           "Home",
	} {
		if p := s.PageByPath(path); p == nil || p.Title != want {
			t.Errorf("title of %s = %v, want %q", path, p, want)
		} else if p.Title != want {
			t.Errorf("title of %s = %q, want %q", path, p.Title, want)
		}
	}
}

// TestLoadTitleHashInHeading pins a bug: firstHeading strips every trailing
// '#', but a closing sequence needs a space before it ("# C#" is "C#").
func TestLoadTitleHashInHeading(t *testing.T) {
	s, _ := loadFiles(map[string]string{"content/a.md": "# Werken met C#\n"})
	if got := s.Pages[0].Title; got != "Werken met C#" {
		t.Fatalf("title of %q is %q, want %q", "# Werken met C#", got, "Werken met C#")
	}
}

// TestLoadTitleNonASCIIFolder pins a bug: humanize upper-cases the first
// byte, not the first letter, so a folder "ëvents" gets an invalid UTF-8 title.
func TestLoadTitleNonASCIIFolder(t *testing.T) {
	s, _ := loadFiles(map[string]string{"content/ëvents/_index.md": "Text.\n"})
	if got := s.Pages[0].Title; got != "Ëvents" {
		t.Fatalf("title of ëvents/_index.md is %q (valid UTF-8: %v), want %q", got, utf8.ValidString(got), "Ëvents")
	}
}

// TestLoadRootModeStatic pins a bug: without a content/ folder the site
// root is walked, and handover.yaml and people.yaml (names, e-mail
// addresses, phone numbers) become static files copied into the output.
func TestLoadRootModeStatic(t *testing.T) {
	s, _ := loadFiles(map[string]string{
		"handover.yaml": "title: x\n",
		"people.yaml":   "people:\n  - id: a\n    email: a@example.nl\n",
		"a.md":          "# A\n",
		"img/logo.png":  "png",
	})
	if s.ContentDir != "." {
		t.Fatalf("ContentDir = %q, want .", s.ContentDir)
	}
	if !s.HasStatic("img/logo.png") {
		t.Errorf("img/logo.png is not a static file")
	}
	for _, f := range s.Static {
		if f.File == "people.yaml" || f.File == "handover.yaml" {
			t.Fatalf("%s is published as a static file", f.File)
		}
	}
}

func TestLoadIDsAndURLs(t *testing.T) {
	s, ds := loadFiles(map[string]string{
		"content/_index.md":                "# Home\n",
		"content/processes/_index.md":      "# Processes\n",
		"content/processes/Intake Flow.md": "# Intake\n",
		"content/con.md":                   "# Con\n",
		"content/notes/x.markdown":         "---\ntitle: X\nid: custom/x.md\n---\n",
	})
	if ds.HasErrors() {
		t.Fatalf("unexpected errors: %v", ds)
	}
	for _, tc := range []struct{ path, id, url string }{
		{"_index.md", "_index", ""},
		{"processes/_index.md", "processes", "processes/"},
		{"processes/Intake Flow.md", "processes/Intake Flow", "processes/intake-flow/"},
		{"con.md", "con", "_con/"},
		{"notes/x.markdown", "custom/x", "notes/x/"},
	} {
		p := s.PageByPath(tc.path)
		if p == nil {
			t.Errorf("no page %s", tc.path)
			continue
		}
		if p.ID != tc.id || p.URL != tc.url {
			t.Errorf("%s: id %q url %q, want %q %q", tc.path, p.ID, p.URL, tc.id, tc.url)
		}
		if s.PageByID(tc.id) != p || s.PageByID(tc.id+".md") != p {
			t.Errorf("PageByID(%q) does not find %s", tc.id, tc.path)
		}
	}
	if p := s.PageByPath("processes/_index.md"); p.Kind != KindProcess || !p.List {
		t.Errorf("processes/_index.md: kind %s list %v", p.Kind, p.List)
	}
}

func pagePaths(ps []*Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

const relationsPeople = `people:
  - id: jan
  - id: piet
  - id: klaas
roles:
  - id: mt
    members: [jan, piet]
`

func relationsSite(t *testing.T) *Site {
	t.Helper()
	s, ds := loadFiles(map[string]string{
		"people.yaml":   relationsPeople,
		"handover.yaml": "commitment:\n  by: mt\n  date: 2026-11-15\n",
		"content/processes/intake.md": `---
title: Intake
owner: jan
sponsor: mt
instructions: [instructions/listed]
kpis: [kpis/k]
risks: [risks/r]
---
`,
		"content/instructions/listed.md": "---\ntitle: Listed\nowner: jan\n---\n",
		"content/instructions/named.md":  "---\ntitle: Named\nowner: piet\nprocess: processes/intake\n---\n",
		"content/instructions/both.md":   "---\ntitle: Both\nprocess: processes/intake.md\n---\n",
		"content/kpis/k.md":              "# K\n",
		"content/risks/r.md":             "---\ntitle: R\nmitigation_owner: klaas\n---\n",
		"content/decisions/0001-old.md":  "---\ntitle: Old\ndate: 2025-01-01\ndecided_by: [jan]\n---\n",
		"content/decisions/0002-new.md": `---
title: New
date: 2026-01-01
decided_by: [mt, jan]
supersedes: [decisions/0001-old]
related: [processes/intake]
---
`,
		"content/decisions/0003-newer.md": "---\ntitle: Newer\ndate: 2026-02-01\nsupersedes: decisions/0001-old\n---\n",
		"content/governance/g.md": `---
title: G
raci:
  - activity: Triage
    process: processes/intake
    R: [jan, piet]
    A: mt
    C: klaas
    I: [jan]
  - activity: Unrelated
    A: piet
---
`,
		"content/processes/_index.md": "---\nowner: klaas\n---\n# Processes\n",
	})
	// Adding "both" to the process's own list must not list it twice.
	if ds.HasErrors() {
		t.Fatalf("unexpected errors: %v", ds)
	}
	return s
}

func TestDeriveRelations(t *testing.T) {
	s := relationsSite(t)
	intake := s.PageByID("processes/intake")
	if got, want := pagePaths(intake.Instructions), []string{"instructions/both.md", "instructions/listed.md", "instructions/named.md"}; !slices.Equal(got, want) {
		t.Errorf("instructions of intake = %v, want %v", got, want)
	}
	if got := pagePaths(intake.KPIs); !slices.Equal(got, []string{"kpis/k.md"}) {
		t.Errorf("kpis of intake = %v", got)
	}
	if got := pagePaths(intake.Risks); !slices.Equal(got, []string{"risks/r.md"}) {
		t.Errorf("risks of intake = %v", got)
	}
	if got := pagePaths(intake.Decisions); !slices.Equal(got, []string{"decisions/0002-new.md"}) {
		t.Errorf("decisions of intake = %v", got)
	}
	if len(intake.RACI) != 1 || intake.RACI[0].Row.Activity != "Triage" || intake.RACI[0].Page.ID != "governance/g" {
		t.Errorf("RACI of intake = %+v, want the Triage row of governance/g", intake.RACI)
	}
	old := s.PageByID("decisions/0001-old")
	if got, want := pagePaths(old.SupersededBy), []string{"decisions/0002-new.md", "decisions/0003-newer.md"}; !slices.Equal(got, want) {
		t.Errorf("0001 superseded by %v, want %v", got, want)
	}
	if got := pagePaths(s.PageByID("decisions/0002-new").SupersededBy); len(got) != 0 {
		t.Errorf("0002 superseded by %v, want none", got)
	}
	if got, want := pagePaths(intake.ReferencedBy), []string{"decisions/0002-new.md", "instructions/both.md", "instructions/named.md"}; !slices.Equal(got, want) {
		t.Errorf("intake referenced by %v, want %v", got, want)
	}
	if got := pagePaths(s.PageByID("kpis/k").ReferencedBy); !slices.Equal(got, []string{"processes/intake.md"}) {
		t.Errorf("kpis/k referenced by %v", got)
	}
}

func TestDeriveInvolvement(t *testing.T) {
	s := relationsSite(t)
	letters := func(id string) string {
		var b []string
		for _, r := range s.Involved[id].RACI {
			b = append(b, r.Letter+":"+r.Ref.Row.Activity)
		}
		slices.Sort(b)
		return strings.Join(b, " ")
	}
	jan, piet, klaas, mt := s.Involved["jan"], s.Involved["piet"], s.Involved["klaas"], s.Involved["mt"]
	if jan == nil || piet == nil || klaas == nil || mt == nil {
		t.Fatalf("Involved lacks someone: %v", s.Involved)
	}
	if got, want := pagePaths(jan.Owns), []string{"instructions/listed.md", "processes/intake.md"}; !slices.Equal(slices.Sorted(slices.Values(got)), want) {
		t.Errorf("jan owns %v, want %v", got, want)
	}
	if got, want := pagePaths(jan.Decided), []string{"decisions/0001-old.md", "decisions/0002-new.md"}; !slices.Equal(got, want) {
		t.Errorf("jan decided %v, want %v", got, want)
	}
	if got := letters("jan"); got != "I:Triage R:Triage" {
		t.Errorf("jan RACI = %q", got)
	}
	if got := letters("piet"); got != "A:Unrelated R:Triage" {
		t.Errorf("piet RACI = %q", got)
	}
	if got := letters("mt"); got != "A:Triage" {
		t.Errorf("mt RACI = %q", got)
	}
	if got := letters("klaas"); got != "C:Triage" {
		t.Errorf("klaas RACI = %q", got)
	}
	if !mt.Commitment || len(mt.Sponsors) != 1 || len(mt.Decided) != 1 {
		t.Errorf("mt involvement = %+v", mt)
	}
	if got := pagePaths(klaas.Owns); len(got) != 0 {
		t.Errorf("klaas owns %v; the owner of an _index.md list page does not count", got)
	}
	if got := pagePaths(klaas.Mitigates); !slices.Equal(got, []string{"risks/r.md"}) {
		t.Errorf("klaas mitigates %v", got)
	}
	if role := s.Role("mt"); role == nil || len(role.Members) != 2 || s.Person("jan").Roles[0] != role {
		t.Errorf("role mt not resolved: %+v", role)
	}
}

// TestLoadManyKeys checks that 20,000 ignored keys load fast and quietly.
func TestLoadManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: x\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	b.WriteString("---\n")
	start := time.Now()
	_, ds := loadFiles(map[string]string{"content/a.md": b.String()})
	if len(ds) != 0 || time.Since(start) > 5*time.Second {
		t.Errorf("20,000 unknown keys: %d diagnostics in %v", len(ds), time.Since(start))
	}
}

// TestLoadRootModeStaticFolder pins a bug: without a content/ folder the
// walk of the root skips static/, and the static/ walk only runs when there
// is a content/ folder, so static/ files are never copied.
func TestLoadRootModeStaticFolder(t *testing.T) {
	s, _ := loadFiles(map[string]string{
		"a.md":                  "# A\n",
		"static/commitment.pdf": "pdf",
	})
	if !s.HasStatic("commitment.pdf") {
		t.Fatalf("in a site without content/, static/commitment.pdf is not a static file (statics: %v)", s.Static)
	}
}

// TestLoadFolderKindCase: the URL of Processes/x.md is lower case, but the
// kind comes from the folder name as written.
func TestLoadFolderKindCase(t *testing.T) {
	s, _ := loadFiles(map[string]string{"content/Processes/x.md": "# X\n"})
	if p := s.Pages[0]; p.URL != "processes/x/" || p.Kind != KindProcess {
		t.Errorf("Processes/x.md has URL %q and kind %s, want processes/x/ and process", p.URL, p.Kind)
	}
}

func TestOutputClash(t *testing.T) {
	reserved := []string{"404.html", "sitemap.xml", "search/", "people/"}
	for _, c := range []struct {
		url, want string
	}{
		{"", ""},
		{"notes/a/", ""},
		{"search/", "search/, which the build writes itself"},
		{"people/team/", "people/, which the build writes itself"},
		{"searching/", ""},
		{"404.html/", "404.html, which the build writes itself"},
		{"sitemap.xml/x/", "sitemap.xml, which the build writes itself"},
		{"index.html/", "index.html, the page of its folder"},
		{"notes/index.html/deeper/", "notes/index.html, the page of its folder"},
		{"notes/myindex.html/", ""},
		{"notes/index.htmlx/", ""},
	} {
		if got := outputClash(c.url, reserved); got != c.want {
			t.Errorf("outputClash(%q) = %q, want %q", c.url, got, c.want)
		}
	}
}
