package serve

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// browser starts a headless Chromium for one test, or skips the test when
// there is none (fails instead in CI).
func browser(t *testing.T) context.Context {
	return browsertest.New(t, 60*time.Second, chromedp.WindowSize(1000, 700))
}

// eval runs a JavaScript expression in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// waitJS polls a boolean JavaScript expression until it is true, and
// returns how long that took. A reload in progress makes single
// evaluations fail; those count as false.
func waitJS(t *testing.T, ctx context.Context, js string) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 10*time.Second {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", js)
	return 0
}

// waitClients waits until n pages are connected to the event stream.
func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(5 * time.Millisecond) {
		s.hub.mu.Lock()
		got := len(s.hub.clients)
		s.hub.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("not %d clients connected", n)
}

func tallPage(text string) []byte {
	return []byte(`<!doctype html><html><head><meta charset="utf-8"><title>Doc</title></head><body>` +
		`<div style="height:3000px">top</div><p id="text">` + text + `</p>` +
		`<div style="height:3000px">bottom</div></body></html>`)
}

func TestBrowserLiveReload(t *testing.T) {
	ctx := browser(t)
	site := testSite()
	site["doc/index.html"] = tallPage("version one")
	s, base := startServer(t, site)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/doc/")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)
	eval[float64](t, ctx, `window.scrollTo(0, 1700), window.scrollY`)

	// An edit: the page shows the new text where the reader was.
	site = testSite()
	site["doc/index.html"] = tallPage("version two")
	start := time.Now()
	s.Publish(site)
	waitJS(t, ctx, `document.getElementById('text') !== null && document.getElementById('text').textContent === 'version two'`)
	t.Logf("Publish to new text in the browser: %v", time.Since(start))
	waitJS(t, ctx, `document.readyState === 'complete'`)
	y := eval[float64](t, ctx, `window.scrollY`)
	if math.Abs(y-1700) > 2 {
		t.Errorf("scroll position after the edit %v, want 1700", y)
	}

	// A broken build: the overlay appears without a reload.
	waitClients(t, s, 1)
	eval[int](t, ctx, `window.__marker = 1`)
	s.SetErrors([]Problem{{File: "content/doc.md", Line: 2, Col: 3, Level: "error", Rule: "front-matter",
		Message: "<i>unterminated</i> front matter", Source: "title: [x"}})
	d := waitJS(t, ctx, `(function(){var o=document.getElementById('__handover-overlay');`+
		`return !!o && o.textContent.indexOf('content/doc.md:2:3: error: <i>unterminated</i> front matter (front-matter)') >= 0})()`)
	t.Logf("SetErrors to overlay: %v", d)
	marker := eval[int](t, ctx, `window.__marker || 0`)
	italics := eval[int](t, ctx, `document.querySelectorAll('#__handover-overlay i').length`)
	if marker != 1 || italics != 0 {
		t.Errorf("page reloaded (%v) or message became markup (%d <i>)", marker != 1, italics)
	}

	// A new page load while errors are set shows the server's overlay.
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById('__handover-overlay')`)
	waitClients(t, s, 1)

	// The fix: the overlay goes away.
	s.SetErrors(nil)
	waitJS(t, ctx, `document.getElementById('__handover-overlay') === null`)

	// The page's source deleted: it reloads into the 404 page.
	delete(site, "doc/index.html")
	s.Publish(site)
	waitJS(t, ctx, `document.body !== null && document.body.textContent.indexOf('Page not found') >= 0`)

	// Recovery: the page comes back on the 404 page by itself.
	waitClients(t, s, 1)
	site["doc/index.html"] = tallPage("version three")
	s.Publish(site)
	waitJS(t, ctx, `document.getElementById('text') !== null && document.getElementById('text').textContent === 'version three'`)
}

func TestBrowserUnrelatedChange(t *testing.T) {
	ctx := browser(t)
	site := testSite()
	site["doc/index.html"] = tallPage("stays")
	s, base := startServer(t, site)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/doc/")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)
	eval[int](t, ctx, `window.__marker = 7`)
	site = testSite()
	site["doc/index.html"] = tallPage("stays")
	site["processes/index.html"] = []byte("<body>changed elsewhere</body>")
	s.Publish(site)
	time.Sleep(300 * time.Millisecond)
	marker := eval[int](t, ctx, `window.__marker || 0`)
	if marker != 7 {
		t.Error("a change to another page reloaded this one")
	}
	// A change to the style sheet the page uses is swapped into it.
	site = testSite()
	site["doc/index.html"] = []byte(strings.Replace(string(tallPage("styled")), "<title>", `<link rel="stylesheet" href="/style.css"><title>`, 1))
	s.Publish(site)
	waitJS(t, ctx, `document.getElementById('text') !== null && document.getElementById('text').textContent === 'styled'`)
	waitClients(t, s, 1)
	site["style.css"] = []byte("body{color:red}")
	s.Publish(site)
	waitJS(t, ctx, `getComputedStyle(document.body).color === 'rgb(255, 0, 0)'`)
}
