package generator

import (
	"context"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handover-dev/handover/content"
)

// corporaDir holds real content written by others, beside the repository.
const corporaDir = "../../shared/corpora"

// TestCorpora builds every corpus: no crash, a page for each Markdown file,
// every diagnostic with a position and a rule, and foreign syntax only ever
// a warning.
func TestCorpora(t *testing.T) {
	for name, dir := range corpora(t) {
		t.Run(name, func(t *testing.T) {
			mem := &MemSink{}
			res, err := Build(context.Background(), Options{Site: dir, Sink: mem, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
			if err != nil && err != ErrContent {
				t.Fatalf("build: %v", err)
			}
			md := countMarkdown(t, dir)
			if got := len(res.Site.Pages); got != md {
				t.Errorf("%d pages for %d Markdown files", got, md)
			}
			for _, d := range res.Diagnostics {
				if d.Pos.File == "" || d.Rule == "" || d.Message == "" {
					t.Errorf("diagnostic without file, rule or message: %+v", d)
				}
				if d.Rule == "foreign-syntax" && d.Severity != content.Warning {
					t.Errorf("foreign syntax is not a warning: %s", d)
				}
			}
			t.Logf("%d pages, %d errors, %d warnings", md, res.Diagnostics.Count(content.Error), res.Diagnostics.Count(content.Warning))
		})
	}
}

// TestCorporaWritten builds every corpus into a folder with every error
// turned into a warning, as a team does while it fixes its content: the
// site must be written whole (in memory no two outputs can collide; on
// disk a file where a folder must go fails the build), with a page for
// every page of the content model.
func TestCorporaWritten(t *testing.T) {
	all := corpora(t)
	var cfg strings.Builder
	cfg.WriteString("checks:\n")
	for _, rule := range content.RuleIDs() {
		if content.Rules[rule] == content.Error {
			fmt.Fprintf(&cfg, "  %s: warning\n", rule)
		}
	}
	for name, dir := range all {
		t.Run(name, func(t *testing.T) {
			fsys := withFile{FS: os.DirFS(dir), name: "handover.yaml", data: []byte(cfg.String())}
			dest := filepath.Join(t.TempDir(), "public")
			res, err := Build(context.Background(), Options{Site: dir, FS: fsys, Destination: dest, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if res.Diagnostics.HasErrors() {
				t.Fatalf("errors left: %v", res.Diagnostics)
			}
			for _, p := range res.Site.Pages {
				if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(p.URL), "index.html")); err != nil {
					t.Errorf("page %s was not written: %v", p.File, err)
				}
			}
		})
	}
}

// corpora returns the corpus folders by name, in name order; a missing
// corpora folder skips the test, except in CI.
func corpora(t *testing.T) iter.Seq2[string, string] {
	entries, err := os.ReadDir(corporaDir)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpora missing in CI: %v", err)
		}
		t.Skipf("no corpora beside the repository: %v", err)
	}
	return func(yield func(string, string) bool) {
		for _, e := range entries {
			if e.IsDir() && !yield(e.Name(), filepath.Join(corporaDir, e.Name())) {
				return
			}
		}
	}
}

// withFile is fsys with one more file at its root.
type withFile struct {
	fs.FS
	name string
	data []byte
}

func (w withFile) Open(name string) (fs.File, error) {
	if name == w.name {
		return fstest.MapFS{w.name: {Data: w.data, Mode: 0o644}}.Open(name)
	}
	return w.FS.Open(name)
}

func countMarkdown(t *testing.T, dir string) int {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && (strings.HasSuffix(strings.ToLower(p), ".md") || strings.HasSuffix(strings.ToLower(p), ".markdown")) {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
