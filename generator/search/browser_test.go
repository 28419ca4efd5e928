package search

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// newBrowser starts headless Debian chromium with a fresh profile, or skips
// the test when it is not installed (outside CI; in CI that fails).
func newBrowser(t *testing.T) context.Context {
	return browsertest.New(t, 90*time.Second)
}

// resultsJS lists the hrefs of the links in #search-results, once there are
// any results or a message.
const resultsJS = `(() => { const r = document.getElementById('search-results');
  if (!r || !r.firstChild) return null;
  return Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href')).join(' ') || r.textContent; })()`

// TestBrowser runs the search UI in chromium, from file:// and over http.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeBrowserSite(t, dir)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	bases := map[string]string{"file": (&url.URL{Scheme: "file", Path: dir + "/"}).String(), "http": srv.URL + "/"}
	for _, scheme := range []string{"file", "http"} {
		base := bases[scheme]
		t.Run(scheme, func(t *testing.T) {
			for _, tc := range queryCases {
				t.Run(tc.name, func(t *testing.T) { checkQuery(ctx, t, base, tc) })
			}
			t.Run("markup in query", func(t *testing.T) { checkMarkup(ctx, t, base) })
			t.Run("facets", func(t *testing.T) { checkFacets(ctx, t, base) })
			t.Run("a link per matching page", func(t *testing.T) { checkAllLinks(ctx, t, base) })
			t.Run("prefix while typing", func(t *testing.T) { checkDropdown(ctx, t, base) })
			t.Run("keyboard", func(t *testing.T) { checkKeyboard(ctx, t, base, scheme) })
		})
	}
}

// queryCases open search/index.html?q=… and check the results: want is
// what the first link must contain, or the message shown.
var queryCases = []struct{ name, q, first, notIn string }{
	{"dutch stemming", "werkinstructies", "instructions/ticket-triage/", ""},
	{"english stemming", "policy", "pages/policies/", ""},
	{"diacritics folded", "coordinatie", "instructions/ticket-triage/", ""},
	{"diacritics in query", "cOöRDinatie", "instructions/ticket-triage/", ""},
	{"ligature ij", "ijsselmeer", "meetings/ijsselmeer/", ""},
	{"compound part", "service", "", "decisions/"},
	{"person by role", "teamleider", "people/jdevries/", ""},
	{"decision by number", "0005", "decisions/0005-ticketsysteem/", ""},
	{"decision by short number", "5", "decisions/0005-ticketsysteem/", ""},
	{"section anchor", "escalatie", "processes/klachten/", ""},
	{"no results", "xyzzyqq", "Geen resultaten voor “xyzzyqq”", "<a"},
}

func checkQuery(ctx context.Context, t *testing.T, base string, tc struct{ name, q, first, notIn string }) {
	got := openResults(ctx, t, base+"search/index.html?q="+url.QueryEscape(tc.q))
	first := strings.Fields(got)
	if tc.first != "" && (len(first) == 0 || !strings.Contains(got, tc.first) || !strings.Contains(first[0]+" "+got, tc.first)) {
		t.Fatalf("q=%q: results %q, want first %q", tc.q, got, tc.first)
	}
	if tc.first != "" && !strings.HasPrefix(got, "../") && !strings.HasPrefix(got, "Geen") {
		t.Errorf("q=%q: links %q are not relative to the site root", tc.q, got)
	}
	if tc.first != "" && strings.HasPrefix(got, "../") && !strings.Contains(first[0], tc.first) {
		t.Errorf("q=%q: first result %q, want %q", tc.q, first[0], tc.first)
	}
	if tc.notIn != "" && strings.Contains(got, tc.notIn) {
		t.Errorf("q=%q: results %q contain %q", tc.q, got, tc.notIn)
	}
	if tc.name == "compound part" && !strings.Contains(got, "processes/klachten/") {
		t.Errorf("q=service: %q does not find klantenservice in processes/klachten/", got)
	}
	if tc.name == "section anchor" && !strings.Contains(first[0], "#escalatie") {
		t.Errorf("q=escalatie: %q does not link to the section", first[0])
	}
}

func openResults(ctx context.Context, t *testing.T, u string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[string](resultsJS, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("%s: no results shown: %v", u, err)
	}
	return got
}

func checkMarkup(ctx context.Context, t *testing.T, base string) {
	q := `<img src=x onerror="window.pwned=1"><b>werkinstructie</b>`
	got := openResults(ctx, t, base+"search/index.html?q="+url.QueryEscape(q))
	if !strings.Contains(got, "instructions/ticket-triage/") {
		t.Errorf("markup query: results %q, want the werkinstructie", got)
	}
	probe, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[document.querySelectorAll('img, b').length, typeof window.pwned,
		document.getElementById('search-page-input').value].join('|')`))
	if err != nil {
		t.Fatal(err)
	}
	if probe != "0|undefined|"+q {
		t.Errorf("markup query: elements|pwned|input = %q, want no element created and the text kept", probe)
	}
	// no results: the query is shown back, as text
	got = openResults(ctx, t, base+"search/index.html?q="+url.QueryEscape(`<img src=x onerror="window.pwned=1">zzqq`))
	if !strings.Contains(got, `<img src=x`) {
		t.Errorf("the no-results message %q does not show the query as text", got)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('img').length + (window.pwned ? 100 : 0)`)); n != 0 {
		t.Errorf("markup in the query created %d elements", n)
	}
}

func checkFacets(ctx context.Context, t *testing.T, base string) {
	got := openResults(ctx, t, base+"search/index.html?q=tickets&type=decision")
	if !strings.Contains(got, "decisions/0005") || strings.Contains(got, "instructions/") {
		t.Fatalf("q=tickets&type=decision: results %q, want only the decision", got)
	}
	// tick "instruction" as well: both show, and the URL keeps both
	err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-facets input[name="type"][value="instruction"]`)))
	if err != nil {
		t.Fatal(err)
	}
	both, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = `+resultsJS+`;
		return s && s.includes('instructions/') && s.includes('decisions/') ? s + ' ' + location.search : null; })()`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("after ticking instruction: %v", err)
	}
	if !strings.Contains(both, "type=decision") || !strings.Contains(both, "type=instruction") {
		t.Errorf("facets not kept in the URL: %q", both)
	}
	got = openResults(ctx, t, base+"search/index.html?q=klanten&owner="+url.QueryEscape("Marieke Bakker"))
	if strings.Contains(got, "processes/klachten/") {
		t.Errorf("owner facet let through another owner's page: %q", got)
	}
}

// dropdownJS lists the hrefs in the dropdown once it shows the results for
// what the search box holds.
const dropdownJS = `(() => { const d = document.getElementById('search-dropdown');
  if (!d || d.hidden || !d.firstChild || d.dataset.query !== document.getElementById('search-input').value) return null;
  return Array.from(d.querySelectorAll('a')).map(a => a.getAttribute('href')).join(' ') || d.textContent; })()`

func checkDropdown(ctx context.Context, t *testing.T, base string) {
	err := chromedp.Do(ctx, chromedp.Navigate(base+"processes/klachten/index.html"),
		chromedp.SendKeys(chromedp.ID("search-input"), "klachtenaf"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[string](dropdownJS, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("no dropdown: %v", err)
	}
	if !strings.HasPrefix(got, "../../processes/klachten/") {
		t.Errorf("prefix klachtenaf: dropdown %q, want Klachtenafhandeling first, relative to data-root", got)
	}
}

// slashKey presses "/" as a keyboard does: one keyDown that carries the
// text, so that preventDefault on keydown keeps the character out of the
// box. (chromedp.KeyEvent sends a separate char event that nothing can
// cancel.)
func slashKey() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text = "/"
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	}
}

func checkKeyboard(ctx context.Context, t *testing.T, base, scheme string) {
	err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		slashKey())
	if err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id + '|' + document.getElementById('search-input').value`))
	if err != nil || focused != "search-input|" {
		t.Fatalf("after '/': focus and value %q (%v), want the empty search box focused", focused, err)
	}
	err = chromedp.Do(ctx, chromedp.KeyEvent("werkinstructie"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[string](dropdownJS, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no dropdown: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	want := "instructions/ticket-triage/"
	if scheme == "file" {
		want += "index.html"
	}
	// the page navigates away under a poll, so ask again until it has
	var loc string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && !strings.Contains(loc, want); {
		time.Sleep(100 * time.Millisecond)
		loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	}
	if !strings.Contains(loc, want) {
		t.Errorf("ArrowDown + Enter went to %q, want %q", loc, want)
	}
	// Escape closes the dropdown
	err = chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.SendKeys(chromedp.ID("search-input"), "klacht"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[string](dropdownJS, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no dropdown: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('search-dropdown').hidden`))
	if !hidden {
		t.Error("Escape did not close the dropdown")
	}
}

// checkAllLinks searches a word on more pages than the search page shows in
// full: every matching page has its link, the first ten with a snippet, and
// a link made before its title was loaded (?open=) forwards to the page.
func checkAllLinks(ctx context.Context, t *testing.T, base string) {
	got := openResults(ctx, t, base+"search/index.html?q=archief")
	links, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const as = Array.from(document.querySelectorAll('#search-results a'));
		if (as.some(a => a.getAttribute('href').includes('?open='))) return null;
		return as.length + '|' + document.querySelectorAll('#search-results .search-result-snippet').length + '|' +
			as.map(a => a.getAttribute('href')).join(' '); })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("q=archief: the links %q never all got their page: %v", got, err)
	}
	parts := strings.SplitN(links, "|", 3)
	if want := fmt.Sprint(archiveDocs); parts[0] != want || parts[1] != "10" {
		t.Errorf("q=archief: %s links and %s snippets, want %s links (one per matching page) and 10 snippets", parts[0], parts[1], want)
	}
	seen := map[string]bool{}
	for _, h := range strings.Fields(parts[2]) {
		if !strings.Contains(h, "pages/archief-") || seen[h] {
			t.Errorf("q=archief: link %q is not a distinct archive page", h)
		}
		seen[h] = true
	}
	// a link made before the title blocks loaded: ?open=DOC&v=VERSION
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(r => { window.__handoverSearch = (n, d) => r(d.v);
		const s = document.createElement('script'); s.src = 'manifest.js?x=' + Date.now(); document.head.appendChild(s); })`,
		chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html?open=0&v="+url.QueryEscape(v))); err != nil {
		t.Fatal(err)
	}
	var loc string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && (loc == "" || strings.Contains(loc, "search/")); {
		time.Sleep(100 * time.Millisecond)
		loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	}
	if loc == "" || strings.Contains(loc, "search/") {
		t.Errorf("search/index.html?open=0 stayed at %q, want it to forward to document 0's page", loc)
	}
}
