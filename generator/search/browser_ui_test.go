package search

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handover-dev/handover/generator/internal/browsertest"
)

// eval runs js in the page and returns its value.
func eval[T any](ctx context.Context, t *testing.T, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// poll waits until js returns a value other than null.
func poll[T any](ctx context.Context, t *testing.T, what, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](js, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// resultsText is the text of #search-results once it shows anything, with
// its links.
const resultsText = `(() => { const r = document.getElementById('search-results');
  if (!r || !r.textContent.trim() || r.querySelector('.search-result-title') && r.textContent.includes('…') && !r.querySelector('.search-result-snippet')) return null;
  return r.textContent + ' | ' + Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href')).join(' '); })()`

// TestBrowserSearchUI checks the search page and the box of issue 21 in
// Chromium from file://: the page's own box holds the query and searches as
// one types, Escape keeps the query, one or two letters show no "no
// results", a query without results offers what to try and no empty facet,
// a misspelt query offers the right spelling, the facets sit beside the
// results, the results come right after the box in keyboard order, and
// markup in the query runs nothing and finds nothing.
func TestBrowserSearchUI(t *testing.T) {
	ctx := browsertest.New(t, 120*time.Second, chromedp.WindowSize(1280, 900))
	dir := t.TempDir()
	writeBrowserSite(t, dir)
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String()
	page := func(q string) string { return base + "search/index.html?q=" + url.QueryEscape(q) }
	open := func(t *testing.T, u string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		return poll[string](ctx, t, u, resultsText)
	}

	t.Run("the page's box holds the query and searches as one types", func(t *testing.T) {
		open(t, page("klacht"))
		if v := eval[string](ctx, t, `document.getElementById('search-page-input').value`); v != "klacht" {
			t.Fatalf("page box holds %q, want klacht", v)
		}
		eval[bool](ctx, t, `(document.getElementById('search-page-input').value = '') === ''`)
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("search-page-input"), "werkinstructie")); err != nil {
			t.Fatal(err)
		}
		got := poll[string](ctx, t, "results for the typed query", `(() => { const s = `+resultsText+`;
			return s && s.includes('ticket-triage') && location.search.includes('werkinstructie') ? s : null; })()`)
		if strings.Contains(got, "klachten/") {
			t.Errorf("after typing werkinstructie the results still hold the klacht results: %q", got)
		}
		// the page type is named as the index names it (the theme's kind.* labels)
		if kinds := eval[string](ctx, t, `Array.from(document.querySelectorAll('#search-results .search-result-kind')).map(e => e.textContent).join('|')`); !strings.Contains(kinds, "Werkinstructie") || strings.Contains(kinds, "instruction") {
			t.Errorf("result types %q, want the index's names (Werkinstructie), no kind ids", kinds)
		}
	})

	t.Run("Escape keeps the query", func(t *testing.T) {
		open(t, page("klacht"))
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("search-page-input")), chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // a search for "" would have run by now
		if v := eval[string](ctx, t, `document.getElementById('search-page-input').value + '|' + document.querySelectorAll('#search-results .search-result').length`); !strings.HasPrefix(v, "klacht|") || strings.HasSuffix(v, "|0") {
			t.Errorf("after Escape in the page's box: %q, want the query and its results kept", v)
		}
		err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.SendKeys(chromedp.ID("search-input"), "klacht"))
		if err != nil {
			t.Fatal(err)
		}
		poll[string](ctx, t, "dropdown", dropdownJS)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		if v := eval[string](ctx, t, `document.getElementById('search-input').value + '|' + document.getElementById('search-dropdown').hidden`); v != "klacht|true" {
			t.Errorf("after Escape twice in the header's box: %q, want the query kept and the dropdown closed", v)
		}
	})

	t.Run("one or two letters show no no-results", func(t *testing.T) {
		got := open(t, page("kl"))
		if strings.Contains(got, "Geen resultaten") || !strings.Contains(got, "drie letters") {
			t.Errorf("q=kl: %q, want the hint to type three letters and no \"Geen resultaten\"", got)
		}
		err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.SendKeys(chromedp.ID("search-input"), "k"))
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		if v := eval[string](ctx, t, `(d => d.hidden ? 'hidden' : d.textContent)(document.getElementById('search-dropdown'))`); v != "hidden" {
			t.Errorf("one letter in the header's box shows %q, want nothing", v)
		}
	})

	t.Run("no results offer what to try, without an empty facet", func(t *testing.T) {
		got := open(t, page("xyzzyqq"))
		if !strings.Contains(got, "Geen resultaten voor “xyzzyqq”") || !strings.Contains(got, "spelling") {
			t.Errorf("q=xyzzyqq: %q, want no results and advice", got)
		}
		if n := eval[int](ctx, t, `document.querySelectorAll('#search-facets details').length`); n != 0 {
			t.Errorf("q=xyzzyqq: %d facets shown without results", n)
		}
	})

	t.Run("a misspelt query offers the right spelling", func(t *testing.T) {
		got := open(t, page("klachtenafhandleing"))
		if !strings.Contains(got, "processes/klachten/") {
			t.Fatalf("q=klachtenafhandleing: %q, want Klachtenafhandeling", got)
		}
		s := poll[string](ctx, t, "suggestion", `(() => { const a = document.querySelector('#search-results .search-suggestion a');
			return a ? a.textContent + '|' + a.getAttribute('href') : null; })()`)
		if !strings.HasPrefix(s, "klachtenafhandeling|") || !strings.Contains(s, "q=klachtenafhandeling") {
			t.Errorf("suggestion %q, want a link that searches klachtenafhandeling", s)
		}
	})

	t.Run("the facets sit beside the results", func(t *testing.T) {
		open(t, page("tickets"))
		v := eval[string](ctx, t, `(() => { const r = document.getElementById('search-results').getBoundingClientRect(),
			f = document.getElementById('search-facets').getBoundingClientRect(),
			first = document.getElementById('search-results').compareDocumentPosition(document.getElementById('search-facets')) & 4;
			return [Math.round(f.top - r.top), f.left >= r.right ? 'right' : 'not right', first ? 'results first' : 'facets first'].join('|'); })()`)
		if v != "0|right|results first" {
			t.Errorf("facets: %q, want them at the results' height, to their right, after them in the page", v)
		}
	})

	t.Run("the results come right after the box", func(t *testing.T) {
		open(t, page("klacht"))
		poll[string](ctx, t, "snippets", `document.querySelector('#search-results .search-result-snippet') ? 'ok' : null`)
		if v := eval[string](ctx, t, `document.activeElement.id`); v != "search-page-input" {
			t.Errorf("on load the focus is on %q, want the page's search box", v)
		}
		var where string
		for range 2 {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			if where = eval[string](ctx, t, `document.activeElement.closest('#search-results') ? 'results' : document.activeElement.tagName`); where == "results" {
				break
			}
		}
		if where != "results" {
			t.Errorf("two Tabs from the box reach %q, want the first result", where)
		}
	})

	t.Run("markup in the query runs nothing", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
			t.Fatal(err)
		}
		got := open(t, page("<script>alert(1)</script>"))
		if !strings.Contains(got, "Geen resultaten voor “<script>alert(1)</script>”") {
			t.Errorf("q=<script>alert(1)</script>: %q, want no results, the query shown as text", got)
		}
		if n := eval[int](ctx, t, `Array.from(document.scripts).filter(s => s.textContent.includes('alert')).length`); n != 0 {
			t.Errorf("%d scripts with the query's code in the page", n)
		}
	})
}

// TestBrowserFirstQueryBytes measures in Chromium, from file://, the search
// files a first query loads on a site of 10,000 pages: on the search page
// (the runtime, the index files, the fragments of the first results and
// whatever the page loads once they are shown) and in the dropdown of a
// content page. Budget: 150 KB (150,000 bytes).
func TestBrowserFirstQueryBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 documents")
	}
	ctx := browsertest.New(t, 5*time.Minute, chromedp.WindowSize(1280, 900))
	const n, budget = 10000, 150000
	files, err := Build(synthDocs(t, n), Options{SiteLanguage: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files["search/index.html"] = []byte(pageHTML("../", "Zoeken", true))
	files["index.html"] = []byte(pageHTML("", "Start", false))
	addSearchAssets(t, files)
	writeSite(t, dir, files)
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String()
	vocab := readWords(t, "nl")
	var common []string
	for _, w := range vocab {
		if !stopWords[w] && len(w) > 3 {
			common = append(common, w)
		}
	}
	queries := []string{common[0] + " " + common[1], common[2] + " " + common[30], common[10] + " " + common[200],
		common[100] + " " + common[400], common[5] + " " + common[3][:4]}
	// loaded sums the files of the search that the page has loaded: every
	// file comes through a <script src> or <link href> element (search.js
	// adds one per index file and keeps it; Chromium keeps no resource
	// timing for file://), each counted once
	loaded := func(t *testing.T) (int, int) {
		names := eval[[]string](ctx, t, `Array.from(new Set(Array.from(document.querySelectorAll('script[src], link[href]'),
			e => (e.src || e.href).split('?')[0])))`)
		total, count := 0, 0
		for _, name := range names {
			u, err := url.Parse(name)
			if err != nil || !strings.HasPrefix(u.Path, dir+"/") {
				continue
			}
			rel := strings.TrimPrefix(u.Path, dir+"/")
			if !strings.HasPrefix(rel, "search/") && !strings.HasPrefix(rel, "assets/search/") {
				continue
			}
			fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			total += int(fi.Size())
			count++
		}
		return total, count
	}
	for _, q := range queries {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		poll[string](ctx, t, q, `document.querySelectorAll('#search-results .search-result-snippet').length >= 10 ? 'ok' : null`)
		time.Sleep(time.Second) // anything the shown results make the page load
		bytes, count := loaded(t)
		t.Logf("%d pages, search page, %-24q %2d files %6d bytes", n, q, count, bytes)
		if bytes > budget {
			t.Errorf("search page, %q: the first query loads %d bytes of search files, budget %d", q, bytes, budget)
		}
		// the query arrives whole, as one input event: typed key by key on a
		// busy machine, the debounce lets the prefixes of the last word
		// ("aanpak a", "aanpak aa") search too and load their shards,
		// which is not the first query's cost
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
			t.Fatal(err)
		}
		eval[bool](ctx, t, `(() => { const i = document.getElementById('search-input'); i.focus(); i.value = `+strconv.Quote(q)+`;
			i.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
		poll[string](ctx, t, q, dropdownJS)
		time.Sleep(time.Second)
		bytes, count = loaded(t)
		t.Logf("%d pages, dropdown,    %-24q %2d files %6d bytes", n, q, count, bytes)
		if bytes > budget {
			t.Errorf("dropdown, %q: the first query loads %d bytes of search files, budget %d", q, bytes, budget)
		}
	}
}
