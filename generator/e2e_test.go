package generator

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/handover-dev/handover/content"
)

// The end-to-end tests build the small sites in testdata/build/*.txtar in
// memory and assert on their output and diagnostics. The archive format is
// described in testdata/build/README.md.

// e2eToday is the "today" of every archive build: 20 November 2026.
var e2eToday = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// e2eControlFiles are the archive files that steer the test; every other
// file is a site file.
var e2eControlFiles = map[string]bool{"expect-diags": true, "assert": true, "options": true, "expect-readiness": true}

// e2eBuild is the outcome of one in-memory build.
type e2eBuild struct {
	t     *testing.T
	res   *Result
	err   error
	files map[string][]byte
}

// buildTxtar builds the site in the txtar archive text into memory with
// today pinned to 20 November 2026, and returns the result and the output
// files. Build errors other than ErrContent fail the test.
func buildTxtar(t *testing.T, archive string, opts ...func(*Options)) (*Result, map[string][]byte) {
	t.Helper()
	b := buildArchiveFS(t, siteFS(txtar.Parse([]byte(archive))), opts...)
	if b.err != nil && !errors.Is(b.err, ErrContent) {
		t.Fatalf("Build: %v", b.err)
	}
	return b.res, b.files
}

// siteFS returns the site files of an archive, leaving out the control files.
func siteFS(a *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if e2eControlFiles[f.Name] {
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

func buildArchiveFS(t *testing.T, fsys fstest.MapFS, opts ...func(*Options)) *e2eBuild {
	t.Helper()
	sink := &MemSink{}
	o := Options{Site: "site", FS: fsys, Sink: sink, Now: e2eToday}
	for _, f := range opts {
		f(&o)
	}
	res, err := Build(context.Background(), o)
	if res == nil {
		t.Fatalf("Build returned a nil result (err %v)", err)
	}
	return &e2eBuild{t: t, res: res, err: err, files: sink.Files}
}

// strict is a build option for buildTxtar.
func strict(o *Options) { o.Strict = true }

// TestBuildArchives builds every archive in testdata/build.
func TestBuildArchives(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "build", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no archives in testdata/build")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runArchive(t, file)
		})
	}
}

// archive is one archive of testdata/build, laid over its base.
type archive struct {
	comment   string
	fsys      fstest.MapFS
	diags     string // expect-diags
	hasDiags  bool
	asserts   string
	readiness string // expect-readiness
	hasReady  bool
	opts      []func(*Options)
	base      string // the archive it lays its files over, or ""
}

// loadArchive reads testdata/build/name: its control files, and its site
// files laid over those of its base (options: base NAME).
func loadArchive(t *testing.T, name string) archive {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "build", name))
	if err != nil {
		t.Fatal(err)
	}
	ar := archive{comment: string(a.Comment), fsys: fstest.MapFS{}}
	for _, f := range a.Files {
		switch f.Name {
		case "expect-diags":
			ar.diags, ar.hasDiags = string(f.Data), true
		case "assert":
			ar.asserts = string(f.Data)
		case "expect-readiness":
			ar.readiness, ar.hasReady = string(f.Data), true
		case "options":
			words := strings.Fields(string(f.Data))
			for i := 0; i < len(words); i++ {
				switch {
				case words[i] == "strict":
					ar.opts = append(ar.opts, strict)
				case words[i] == "base" && i+1 < len(words):
					ar.base = words[i+1]
					i++
				default:
					t.Fatalf("%s: options: unknown option %q", name, words[i])
				}
			}
		}
	}
	if ar.base != "" {
		base := loadArchive(t, ar.base+".txtar")
		if base.base != "" {
			t.Fatalf("%s: its base %s has a base itself", name, ar.base)
		}
		maps.Copy(ar.fsys, base.fsys)
	}
	maps.Copy(ar.fsys, siteFS(a))
	return ar
}

func runArchive(t *testing.T, file string) {
	ar := loadArchive(t, filepath.Base(file))
	b := buildArchiveFS(t, ar.fsys, ar.opts...)
	if b.err != nil && !errors.Is(b.err, ErrContent) {
		t.Fatalf("Build: %v", b.err)
	}
	b.assertDiags(ar.diags)
	if ar.hasDiags {
		// the archive lists its diagnostics in the order they are printed
		want, _ := parseExpectDiags(t, ar.diags)
		if len(want) == len(b.res.Diagnostics) {
			for i, d := range b.res.Diagnostics {
				if !want[i].matches(d) {
					t.Errorf("diagnostic %d is %s, want %s (sorted by file and line)", i+1, d, want[i].src)
				}
			}
		}
	}
	b.assertScript(ar.asserts)
	if ar.hasReady {
		checkReadiness(t, ar)
	}
	if comment := strings.TrimSpace(ar.comment); t.Failed() && strings.HasPrefix(comment, "BUG:") {
		t.Log(comment)
	}
}

// assertDiags compares the diagnostics with an expect-diags text.
func (b *e2eBuild) assertDiags(expect string) {
	t := b.t
	t.Helper()
	want, ignore := parseExpectDiags(t, expect)
	var got content.Diagnostics
	for _, d := range b.res.Diagnostics {
		if !ignore[d.Rule] {
			got = append(got, d)
		}
	}
	used := make([]bool, len(got))
	var missing []string
	for _, w := range want {
		found := false
		for i, d := range got {
			if !used[i] && w.matches(d) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			missing = append(missing, w.src)
		}
	}
	var extra []string
	for i, d := range got {
		if !used[i] {
			extra = append(extra, d.String())
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		var all []string
		for _, d := range b.res.Diagnostics {
			all = append(all, "\t"+d.String())
		}
		t.Errorf("diagnostics differ\nmissing:\n\t%s\nunexpected:\n\t%s\nall diagnostics:\n%s",
			strings.Join(missing, "\n\t"), strings.Join(extra, "\n\t"), strings.Join(all, "\n"))
	}
	// A build with errors must report ErrContent and write nothing.
	if b.res.Diagnostics.HasErrors() {
		if !errors.Is(b.err, ErrContent) {
			t.Errorf("diagnostics have errors but Build returned %v, want ErrContent", b.err)
		}
		if len(b.files) != 0 {
			t.Errorf("Build with content errors wrote %d files", len(b.files))
		}
	} else if b.err != nil {
		t.Errorf("Build returned %v without error diagnostics", b.err)
	}
}

// wantDiag is one line of expect-diags.
type wantDiag struct {
	src       string
	file      string
	line, col int
	level     string
	message   string
	rule      string
}

func (w wantDiag) matches(d content.Diagnostic) bool {
	return d.Pos.File == w.file && d.Pos.Line == w.line && d.Pos.Col == w.col &&
		d.Severity.String() == w.level && d.Rule == w.rule && strings.Contains(d.Message, w.message)
}

var expectDiagLine = regexp.MustCompile(`^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning): ?(.*?) ?\(([a-z-]+)\)$`)

// parseExpectDiags parses expect-diags: one diagnostic per line, and
// "ignore: rule rule…" lines naming rules left out of the comparison.
func parseExpectDiags(t *testing.T, src string) ([]wantDiag, map[string]bool) {
	t.Helper()
	var out []wantDiag
	ignore := map[string]bool{}
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "ignore:"); ok {
			for _, r := range strings.Fields(rest) {
				ignore[r] = true
			}
			continue
		}
		m := expectDiagLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("expect-diags:%d: cannot parse %q", i+1, l)
		}
		w := wantDiag{src: l, file: m[1], level: m[4], message: m[5], rule: m[6]}
		w.line, _ = strconv.Atoi(m[2])
		w.col, _ = strconv.Atoi(m[3])
		out = append(out, w)
	}
	return out, ignore
}

// assertScript runs the lines of an assert file.
func (b *e2eBuild) assertScript(src string) {
	t := b.t
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if err := b.assertLine(l); err != nil {
			t.Errorf("assert:%d: %s\n\t%v", i+1, l, err)
		}
	}
}

// assertLine checks one assertion, returning why it fails.
func (b *e2eBuild) assertLine(l string) error {
	neg := false
	if rest, ok := strings.CutPrefix(l, "! "); ok {
		neg, l = true, rest
	}
	if rest, ok := strings.CutPrefix(l, "exists "); ok {
		_, ok := b.files[strings.TrimSpace(rest)]
		if ok == neg {
			return fmt.Errorf("exists = %v", ok)
		}
		return nil
	}
	if neg {
		return fmt.Errorf("'!' goes before the operator, not the path")
	}
	target, expr, ok := strings.Cut(l, ": ")
	if !ok {
		return fmt.Errorf("want PATH[ main]: [!]contains|regexp TEXT")
	}
	pattern, inMain := strings.CutSuffix(target, " main")
	op, arg, _ := strings.Cut(expr, " ")
	if rest, ok := strings.CutPrefix(op, "!"); ok {
		neg, op = true, rest
	}
	var match func(string) bool
	switch op {
	case "contains":
		match = func(s string) bool { return strings.Contains(s, arg) }
	case "regexp":
		re, err := regexp.Compile(arg)
		if err != nil {
			return err
		}
		match = re.MatchString
	default:
		return fmt.Errorf("unknown operator %q", op)
	}
	paths := b.glob(pattern)
	if len(paths) == 0 {
		return fmt.Errorf("no output file matches %q; files: %s", pattern, strings.Join(b.list(), " "))
	}
	for _, p := range paths {
		text := string(b.files[p])
		if inMain {
			var err error
			if text, err = mainOf(text); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
		}
		if match(text) == neg {
			if neg {
				return fmt.Errorf("%s has it:\n%s", p, excerpt(text, arg))
			}
			return fmt.Errorf("%s does not have it; it reads:\n%s", p, truncateText(text, 4000))
		}
	}
	return nil
}

// glob returns the output paths matching pattern, in which '*' matches any
// run of characters, '/' included.
func (b *e2eBuild) glob(pattern string) []string {
	if !strings.Contains(pattern, "*") {
		if _, ok := b.files[pattern]; ok {
			return []string{pattern}
		}
		return nil
	}
	re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*") + "$")
	var out []string
	for p := range b.files {
		if re.MatchString(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func (b *e2eBuild) list() []string {
	var out []string
	for p := range b.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// mainOf returns the text inside the page's <main> element.
func mainOf(page string) (string, error) {
	i := strings.Index(page, "<main")
	j := strings.LastIndex(page, "</main>")
	if i < 0 || j < i {
		return "", errors.New("no <main> element")
	}
	return page[i:j], nil
}

// excerpt returns the text around the first occurrence of s.
func excerpt(text, s string) string {
	i := strings.Index(text, s)
	if i < 0 {
		if len(text) > 400 {
			return text[:400] + "…"
		}
		return text
	}
	return text[max(0, i-150):min(len(text), i+len(s)+150)]
}

// mustFile returns an output file or fails.
func mustFile(t *testing.T, files map[string][]byte, p string) string {
	t.Helper()
	data, ok := files[p]
	if !ok {
		var names []string
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Fatalf("no output file %s; have %s", p, strings.Join(names, " "))
	}
	return string(data)
}

// TestBuildTxtarHelper shows the helper used from Go: a site in a string.
func TestBuildTxtarHelper(t *testing.T) {
	res, files := buildTxtar(t, `
-- handover.yaml --
title: Helper
language: en
-- content/notes/hello.md --
# Hello

Some *text*.
`, strict)
	if res.Diagnostics.HasErrors() {
		// strict turns the readiness warnings of this bare site into errors.
		if len(files) != 0 {
			t.Errorf("strict build with errors wrote %d files", len(files))
		}
	} else {
		t.Errorf("strict build of a site without commitment or meetings had no errors: %v", res.Diagnostics)
	}
	res, files = buildTxtar(t, `
-- handover.yaml --
title: Helper
language: en
-- content/notes/hello.md --
# Hello

Some *text*.
`)
	if res.Diagnostics.HasErrors() {
		t.Fatalf("unexpected errors: %v", res.Diagnostics)
	}
	main, err := mainOf(mustFile(t, files, "notes/hello/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(main, "<em>text</em>") {
		t.Errorf("main lacks the body:\n%s", main)
	}
}

// TestArchivesHaveReadme keeps the archive format documented.
func TestArchivesHaveReadme(t *testing.T) {
	if _, err := os.Stat(filepath.Join("testdata", "build", "README.md")); err != nil {
		t.Error(err)
	}
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
