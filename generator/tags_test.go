package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTagPagesCacheAndSession adds, renames and removes tags in a copy of
// the English example and checks after each edit that a build with the
// render cache of the earlier builds and the dev server's lazy site both
// write exactly what a clean build writes, tag pages included: a tag page
// comes and goes with its tag, and a page's title on the tag pages (and
// in every page's navigation) follows an edit.
func TestTagPagesCacheAndSession(t *testing.T) {
	site := copySite(t, "en-small")
	cache := t.TempDir()
	page := "content/instructions/issue-refund.md"
	s := NewSession(Options{Site: site, Now: sessionNow})
	s.TrustForget()
	if _, _, err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		edit  func(t *testing.T) []string
		has   []string // tag pages the build must have
		hasNo []string // and must not
		text  map[string]string
	}{
		{"tags added", func(t *testing.T) []string {
			return replaceIn(t, site, page, "\ntitle:", "\ntags: [Refunds, finance]\ntitle:")
		}, []string{"tags/index.html", "tags/refunds/index.html", "tags/finance/index.html"}, nil,
			map[string]string{"tags/refunds/index.html": "Issue a refund"}},
		{"a tag renamed", func(t *testing.T) []string {
			return replaceIn(t, site, page, "tags: [Refunds, finance]", "tags: [Refunds, money]")
		}, []string{"tags/money/index.html"}, []string{"tags/finance/index.html"}, nil},
		{"the tagged page retitled", func(t *testing.T) []string {
			return replaceIn(t, site, page, "title: Issue a refund", "title: Release a refund")
		}, []string{"tags/money/index.html"}, nil,
			map[string]string{"tags/refunds/index.html": "Release a refund", "processes/parcel-returns/index.html": "Release a refund"}},
		{"the body edited", func(t *testing.T) []string {
			return appendTo(t, site, page, "\nOne more line.\n")
		}, []string{"tags/money/index.html"}, nil, nil},
		{"tags removed", func(t *testing.T) []string {
			return replaceIn(t, site, page, "tags: [Refunds, money]\n", "")
		}, nil, []string{"tags/index.html", "tags/refunds/index.html", "tags/money/index.html"}, nil},
	}
	for _, st := range steps {
		paths := st.edit(t)
		clean := buildInMemory(t, Options{Site: site, Now: sessionNow})
		for _, name := range st.has {
			if clean[name] == nil {
				t.Errorf("%s: no %s", st.name, name)
			}
		}
		for _, name := range st.hasNo {
			if clean[name] != nil {
				t.Errorf("%s: %s is still written", st.name, name)
			}
		}
		for name, want := range st.text {
			if !strings.Contains(string(clean[name]), want) {
				t.Errorf("%s: %s does not show %q", st.name, name, want)
			}
		}
		warm := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
		again := buildInMemory(t, Options{Site: site, Now: sessionNow, CacheDir: cache})
		for _, got := range []map[string][]byte{warm, again} {
			if diff := diffFiles(clean, got); diff != "" {
				t.Fatalf("%s: the cached build differs from a clean build: %s", st.name, diff)
			}
		}
		s.Forget(paths)
		_, lazy, err := s.Build(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		assertSameFiles(t, st.name, lazy.Files(), clean)
		if len(st.has) > 0 {
			if _, ok := lazy.Get(st.has[0]); !ok {
				t.Errorf("%s: the dev server does not serve %s", st.name, st.has[0])
			}
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(cache, "render", "out", "*")); len(matches) == 0 {
		t.Fatal("the cache holds no outputs")
	}
}
