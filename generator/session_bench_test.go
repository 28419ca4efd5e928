package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSessionEdit measures the dev server's rebuild after a one-page
// edit, up to the edited page being rendered: the work between a save and
// the reload. BENCH_SITE names a site (default: the English example).
// "body" appends a paragraph (the usual save, patched into the previous
// build); "title" changes the title in the front matter, which needs the
// whole site loaded and checked again.
func BenchmarkSessionEdit(b *testing.B) {
	for _, kind := range []string{"body", "title"} {
		b.Run(kind, func(b *testing.B) { benchSessionEdit(b, kind) })
	}
}

func benchSessionEdit(b *testing.B, kind string) {
	src := os.Getenv("BENCH_SITE")
	if src == "" {
		src = "../examples/en-small"
	}
	dir := b.TempDir()
	copyTreeB(b, src, dir)
	page := firstPage(b, dir)
	original, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	s := NewSession(Options{Site: dir, Now: sessionNow})
	s.TrustForget()
	if _, _, err := s.Build(context.Background()); err != nil && err != ErrContent {
		b.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, page)
	out := ""
	b.ResetTimer()
	for i := range b.N {
		text := fmt.Appendf(nil, "%s\nEdit %d.\n", original, i)
		if kind == "title" {
			text = retitled(original, fmt.Sprintf("Edit %d", i))
		}
		if err := os.WriteFile(page, text, 0o644); err != nil {
			b.Fatal(err)
		}
		s.Forget([]string{filepath.ToSlash(rel)})
		res, site, err := s.Build(context.Background())
		if err != nil {
			b.Fatalf("%v: %v", err, res.Diagnostics[:min(3, len(res.Diagnostics))])
		}
		if s.Patched != (kind == "body") {
			b.Fatalf("%s edit: patched = %v", kind, s.Patched)
		}
		if out == "" {
			out = s.pageOut(filepath.ToSlash(rel))
		}
		if _, ok := site.Get(out); !ok {
			b.Fatalf("no output %s", out)
		}
	}
}

// retitled returns the page src with title as its front matter's title.
func retitled(src []byte, title string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "title:") {
			lines[i] = "title: " + title + "\n"
			return []byte(strings.Join(lines, ""))
		}
	}
	return append([]byte("---\ntitle: "+title+"\n---\n"), src...)
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
