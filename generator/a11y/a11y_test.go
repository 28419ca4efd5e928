// Package a11y tests the built example sites the way their readers meet
// them: axe-core and the Nu HTML Checker on one page of every page type,
// the print dossier printed to PDF by Chromium, and the whole site served
// under a sub-path and crawled link by link.
//
// The tests find axe-core and vnu-jar under $HANDOVER_TEST_TOOLS, or else
// under the user cache folder (~/.cache/handover-test/node_modules), where
// .ci/run installs them; when they are missing and npm is on PATH the tests
// run `npm install --prefix DIR axe-core@4 vnu-jar` themselves. Missing
// Chromium, Java or npm packages skip the browser and validator tests,
// except with CI=true, where they fail.
package a11y

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator"
)

// prefix is the sub-path the sites are served under, as on an intranet.
const prefix = "/intranet/overdracht/"

// builtSite is one example built into a temp folder.
type builtSite struct {
	name  string
	dir   string
	title string // handover.yaml title: the print cover must show it
	org   string
	pages []pageRef
}

// pageRef is one page to check: its type and its path under the site
// root, with a query for the search page.
type pageRef struct{ kind, path string }

// pageType names one page type and where to find a page of it: a path or
// a glob under the site root; optional types may be missing from a site.
type pageType struct {
	kind, glob string
	optional   bool
}

// pageTypes lists every page type of the output.
func pageTypes() []pageType {
	return []pageType{
		{kind: "home", glob: "index.html"},
		{kind: "process list", glob: "processes/index.html"},
		{kind: "process", glob: "processes/*/index.html"},
		{kind: "instruction", glob: "instructions/*/index.html"},
		{kind: "decision list", glob: "decisions/index.html"},
		{kind: "decision", glob: "decisions/*/index.html"},
		{kind: "governance", glob: "governance/*/index.html"},
		{kind: "risk list", glob: "risks/index.html"},
		{kind: "risk", glob: "risks/*/index.html"},
		{kind: "kpi list", glob: "kpis/index.html"},
		{kind: "kpi", glob: "kpis/*/index.html"},
		{kind: "training", glob: "trainings/*/index.html"},
		{kind: "meeting", glob: "meetings/*/index.html"},
		{kind: "people", glob: "people/index.html"},
		{kind: "person", glob: "people/*/index.html"},
		{kind: "search", glob: "search/index.html"},
		{kind: "readiness", glob: "readiness/index.html"},
		{kind: "maintenance", glob: "maintenance/index.html"},
		{kind: "print", glob: "print/index.html"},
		{kind: "404", glob: "404.html"},
		{kind: "changes", glob: "changes/index.html", optional: true},
		{kind: "page", glob: "over/*/index.html", optional: true},
		{kind: "tags", glob: "tags/index.html", optional: true},
		{kind: "tag", glob: "tags/*/index.html", optional: true},
	}
}

// searchQueries gives each example a query with results, so the search
// page is checked with its results and facets shown.
func searchQueries() map[string]string {
	return map[string]string{"nl-klantenservice": "klacht", "en-small": "refund"}
}

// TestExamples builds both examples once and runs every check on them.
func TestExamples(t *testing.T) {
	sites := buildSites(t)
	t.Run("crawl", func(t *testing.T) {
		for _, s := range sites {
			t.Run(s.name, func(t *testing.T) { checkCrawl(t, s) })
		}
	})
	t.Run("vnu", func(t *testing.T) { checkValid(t, sites) })
	t.Run("browser", func(t *testing.T) {
		axe := axeSource(t)
		ctx := newBrowser(t)
		for _, s := range sites {
			srv := serveSite(t, s.dir)
			t.Run(s.name+"/keyboard", func(t *testing.T) { checkKeyboard(ctx, t, srv.URL+prefix) })
			for _, scheme := range []string{"light", "dark"} {
				t.Run(s.name+"/axe/"+scheme, func(t *testing.T) { checkAxe(ctx, t, axe, srv.URL+prefix, s, scheme) })
			}
			t.Run(s.name+"/pdf", func(t *testing.T) { checkPDF(ctx, t, srv.URL+prefix, s) })
		}
	})
}

// buildSites builds both examples with a fixed "today".
func buildSites(t *testing.T) []*builtSite {
	t.Helper()
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	var sites []*builtSite
	for _, name := range []string{"nl-klantenservice", "en-small"} {
		dir := filepath.Join(t.TempDir(), name)
		res, err := generator.Build(context.Background(), generator.Options{
			Site: filepath.Join("..", "..", "examples", name), Destination: dir, Now: now})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := &builtSite{name: name, dir: dir, title: res.Site.Config.Title, org: res.Site.Config.Organisation}
		s.pages = choosePages(t, dir, searchQueries()[name])
		sites = append(sites, s)
	}
	return sites
}

// choosePages picks one page of every type: of several candidates the
// largest file, which shows the most of its layout.
func choosePages(t *testing.T, dir, query string) []pageRef {
	t.Helper()
	var refs []pageRef
	for _, pt := range pageTypes() {
		matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pt.glob)))
		if err != nil {
			t.Fatal(err)
		}
		best := largest(matches)
		if best == "" {
			if !pt.optional {
				t.Errorf("%s: no %s page (%s)", filepath.Base(dir), pt.kind, pt.glob)
			}
			continue
		}
		rel, _ := filepath.Rel(dir, best)
		ref := pageRef{kind: pt.kind, path: filepath.ToSlash(rel)}
		if pt.kind == "search" && query != "" {
			ref.path += "?q=" + query
		}
		refs = append(refs, ref)
	}
	return refs
}

// largest returns the biggest of the files, the first by name on a tie.
func largest(files []string) string {
	sort.Strings(files)
	best, size := "", int64(-1)
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > size {
			best, size = f, fi.Size()
		}
	}
	return best
}

// need skips the test for a missing tool, or fails it in CI.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("required in CI: "+format, args...)
	}
	t.Skipf("skipped: "+format, args...)
}
