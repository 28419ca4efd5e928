package generator

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handover-dev/handover/generator/internal/browsertest"
)

// TestServeBrowserEdit saves a page's title and text, as an editor does,
// while the page is open in Chromium with the theme's own scripts: the
// reader has scrolled, typed into the search box (whose script loaded the
// index and opened its drop-down) and it has the focus. The page shows the
// new title and text without a reload, and all of that is as it was.
func TestServeBrowserEdit(t *testing.T) {
	ctx := browsertest.New(t, 90*time.Second, chromedp.WindowSize(1000, 600))
	url, dir, _ := liveServer(t)
	eval := func(js string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	wait := func(js string) {
		t.Helper()
		for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(5 * time.Millisecond) {
			if v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && v {
				return
			}
		}
		t.Fatalf("timed out waiting for %s", js)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"processes/parcel-returns/"), chromedp.WaitVisible("#search-input")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-input", "refund")); err != nil {
		t.Fatal(err)
	}
	wait(`(function () { var d = document.getElementById('search-dropdown'); return !!d && !d.hidden && d.children.length > 0; })()`)
	eval(`window.__marker = 5, window.scrollTo(0, 400), true`)
	y := 0.0
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`)); err == nil {
		y = v
	}
	if y < 100 {
		t.Fatalf("the page does not scroll (scrollY %v)", y)
	}

	page := filepath.Join(dir, "content/processes/parcel-returns.md")
	text := mustRead(t, page)
	text = strings.Replace(text, "title: Parcel returns", "title: Parcel returns, renamed", 1)
	text = strings.Replace(text, "## Purpose and scope\n", "## Purpose and scope\n\nSaved in the browser test: papaya.\n", 1)
	write(t, dir, "content/processes/parcel-returns.md", text)
	wait(`document.querySelector('h1').textContent.indexOf('Parcel returns, renamed') >= 0 && document.body.textContent.indexOf('papaya') >= 0`)

	checks := []struct{ what, js string }{
		{"no reload", `window.__marker === 5`},
		{"updated in place", `window.__handover.morphs >= 1`},
		{"typed text kept", `document.getElementById('search-input').value === 'refund'`},
		{"focus kept", `document.activeElement === document.getElementById('search-input')`},
		{"the search box's drop-down kept", `!!document.getElementById('search-dropdown') && document.getElementById('search-dropdown').children.length > 0`},
		{"the search box's attributes kept", `document.getElementById('search-input').getAttribute('aria-controls') === 'search-dropdown'`},
		{"document title", `document.title.indexOf('Parcel returns, renamed') === 0`},
	}
	for _, c := range checks {
		if !eval(c.js) {
			t.Errorf("after the save: %s: %s is false", c.what, c.js)
		}
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`)); err != nil || math.Abs(v-y) > 0.5 {
		t.Errorf("scroll position after the save %v (%v), want %v", v, err, y)
	}
}
