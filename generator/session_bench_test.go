package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkSessionEdit measures the dev server's rebuild after a one-page
// edit, up to the edited page being rendered: the work between a save and
// the page's new version. BENCH_SITE names a site (default: the English
// example). "body" appends a paragraph (the usual save), "title" changes
// the title in the front matter, which the pages listing the page show
// too, and "front" another key of the front matter (tools, or a tag). All
// three are patched into a fork of the previous build (patch.go), which
// the dev server makes in the background once a build is served
// (Session.Prefork): each edit here waits for it first, as a user's next
// save comes long after the fork (BenchmarkFork) is made.
func BenchmarkSessionEdit(b *testing.B) {
	for _, kind := range []string{"body", "title", "front"} {
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
	var building, showing time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s.Prefork() // as the dev server does once a build is served
		s.settle()
		b.StartTimer()
		text := fmt.Appendf(nil, "%s\nEdit %d.\n", original, i)
		switch kind {
		case "title":
			text = retitled(original, fmt.Sprintf("Edit %d", i))
		case "front":
			text = withFrontKey(original, "tools", fmt.Sprintf("[Edit %d]", i))
		}
		if err := os.WriteFile(page, text, 0o644); err != nil {
			b.Fatal(err)
		}
		s.Forget([]string{filepath.ToSlash(rel)})
		start := time.Now()
		res, site, err := s.Build(context.Background())
		built := time.Now()
		building += built.Sub(start)
		if err != nil {
			b.Fatalf("%v: %v", err, res.Diagnostics[:min(3, len(res.Diagnostics))])
		}
		if !s.Patched {
			b.Fatalf("%s edit: not patched", kind)
		}
		if out == "" {
			out = s.pageOut(filepath.ToSlash(rel))
		}
		if _, ok := site.Get(out); !ok {
			b.Fatalf("no output %s", out)
		}
		showing += time.Since(built)
	}
	// The two parts of the time: the build, and the edited page's HTML.
	b.ReportMetric(float64(building.Microseconds())/1000/float64(b.N), "build-ms/op")
	b.ReportMetric(float64(showing.Microseconds())/1000/float64(b.N), "page-ms/op")
}

// BenchmarkFork measures the copy of a build that the dev server makes in
// the background after each build, for the next save to be patched into
// (patch.go): BENCH_SITE names the site (default: the English example).
func BenchmarkFork(b *testing.B) {
	src := os.Getenv("BENCH_SITE")
	if src == "" {
		src = "../examples/en-small"
	}
	s := NewSession(Options{Site: src, Now: sessionNow})
	if _, _, err := s.Build(context.Background()); err != nil && err != ErrContent {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(s.prev.site.Pages)), "pages")
	b.ResetTimer()
	for range b.N {
		s.prev.fork()
	}
}

// settle waits for the fork the session makes in the background.
func (s *Session) settle() {
	if s.spare != nil {
		<-s.spare.done
	}
}

// withFrontKey returns the page src with key: value in its front matter.
func withFrontKey(src []byte, key, value string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			lines[i] = key + ": " + value + "\n"
			return []byte(strings.Join(lines, ""))
		}
	}
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		return []byte(lines[0] + key + ": " + value + "\n" + strings.Join(lines[1:], ""))
	}
	return append([]byte("---\n"+key+": "+value+"\n---\n"), src...)
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

// firstPage returns the first work instruction of the site in path order,
// the page bench/preview and bench/devserver.py edit too, or else its
// first page that is not a decision (a decision's front matter is linked
// across pages, and always built anew).
func firstPage(b *testing.B, dir string) string {
	var found, other string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" || filepath.Base(p) == "_index.md" {
			return nil
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
		top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		if found == "" && top == "instructions" {
			found = p
		}
		if other == "" && top != "decisions" && strings.Contains(filepath.ToSlash(rel), "/") {
			other = p
		}
		return nil
	})
	if found == "" {
		found = other
	}
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
