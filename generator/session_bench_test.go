package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSessionEdit measures the dev server's rebuild after a one-page
// edit, up to the edited page being rendered: the work between a save and
// the reload. BENCH_SITE names a site (default: the English example).
func BenchmarkSessionEdit(b *testing.B) {
	src := os.Getenv("BENCH_SITE")
	if src == "" {
		src = "../examples/en-small"
	}
	dir := b.TempDir()
	copyTreeB(b, src, dir)
	page := firstPage(b, dir)
	s := NewSession(Options{Site: dir, Now: sessionNow})
	s.TrustForget()
	if _, _, err := s.Build(context.Background()); err != nil && err != ErrContent {
		b.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, page)
	out := ""
	b.ResetTimer()
	for i := range b.N {
		f, err := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\nEdit %d.\n", i)
		f.Close()
		s.Forget([]string{filepath.ToSlash(rel)})
		res, site, err := s.Build(context.Background())
		if err != nil {
			b.Fatalf("%v: %v", err, res.Diagnostics[:min(3, len(res.Diagnostics))])
		}
		if out == "" {
			out = s.pageOut(filepath.ToSlash(rel))
		}
		if _, ok := site.Get(out); !ok {
			b.Fatalf("no output %s", out)
		}
	}
}

func (s *Session) pageOut(file string) string {
	for _, p := range s.lastSite.Pages {
		if p.File == file {
			return pageOut(p)
		}
	}
	return "index.html"
}

func firstPage(b *testing.B, dir string) string {
	var found string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && !d.IsDir() && filepath.Ext(p) == ".md" && filepath.Base(p) != "_index.md" {
			found = p
		}
		return nil
	})
	if found == "" {
		b.Fatal("no page")
	}
	return found
}

func copyTreeB(b *testing.B, src, dst string) {
	t := &testing.T{}
	copyTree(t, src, dst)
	if t.Failed() {
		b.Fatal("copy failed")
	}
}
