package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/content"
)

// corporaDir holds real content written by others, beside the repository.
const corporaDir = "../../shared/corpora"

// TestCorpora builds every corpus: no crash, a page for each Markdown file,
// every diagnostic with a position and a rule, and foreign syntax only ever
// a warning.
func TestCorpora(t *testing.T) {
	entries, err := os.ReadDir(corporaDir)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpora missing in CI: %v", err)
		}
		t.Skipf("no corpora beside the repository: %v", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(corporaDir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
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
