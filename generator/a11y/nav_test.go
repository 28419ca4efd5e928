package a11y

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handover-dev/handover/generator"
)

// The navigation of issue 19 in Chromium, on the English example built
// with edit_url: the phone's drawer menu with and without JavaScript, the
// light/dark switch (kept across reloads, over http and from file://,
// and harmless when storage is blocked), the table of contents marking the
// heading being read, previous and next links, and the edit link.

const navEditURL = "https://gitlab.example.nl/org/site/-/edit/main/"

// buildNavSite builds a copy of the English example with edit_url set.
func buildNavSite(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("..", "..", "examples", "en-small"))); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "handover.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(data, []byte("\nedit_url: "+navEditURL+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	res, err := generator.Build(context.Background(), generator.Options{Site: src, Destination: dir, Now: layoutToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "config" {
			t.Fatalf("edit_url: %v", d)
		}
	}
	return dir
}

func TestNavigation(t *testing.T) {
	dir := buildNavSite(t)
	srv := serveSite(t, dir)
	base := srv.URL + prefix
	process := "processes/parcel-returns/index.html"
	ctx := newBrowser(t)

	t.Run("drawer", func(t *testing.T) { checkDrawer(withTimeout(t, ctx), t, base+process) })
	t.Run("drawer-without-js", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(ctx) // a tab of its own
		defer cancel()
		checkDrawerNoJS(withTimeout(t, ctx), t, base+process)
	})
	t.Run("theme-http", func(t *testing.T) { checkTheme(withTimeout(t, ctx), t, base+process) })
	t.Run("theme-file", func(t *testing.T) {
		checkTheme(withTimeout(t, ctx), t, "file://"+filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(process))))
	})
	t.Run("theme-storage-blocked", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(ctx)
		defer cancel()
		checkThemeBlocked(withTimeout(t, ctx), t, base+process)
	})
	t.Run("toc", func(t *testing.T) { checkTOC(withTimeout(t, ctx), t, base+process) })
	t.Run("pager", func(t *testing.T) { checkPager(withTimeout(t, ctx), t, base+"instructions/index.html") })
	t.Run("edit", func(t *testing.T) {
		ctx := withTimeout(t, ctx)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(base+process)); err != nil {
			t.Fatal(err)
		}
		got := evalOn[[]string](ctx, t, `(() => { const a = document.querySelector('.edit-page a'); return a ? [a.href, String(!!a.offsetParent), a.textContent] : []; })()`)
		want := navEditURL + "content/processes/parcel-returns.md"
		if len(got) != 3 || got[0] != want || got[1] != "true" || got[2] != "Edit this page" {
			t.Errorf("edit link %q, want a shown link %q named Edit this page", got, want)
		}
		if n := evalOn[int](ctx, t, `document.querySelectorAll('.edit-page').length`); n != 1 {
			t.Errorf("%d edit links, want 1", n)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"people/index.html")); err != nil {
			t.Fatal(err)
		}
		if n := evalOn[int](ctx, t, `document.querySelectorAll('.edit-page').length`); n != 0 {
			t.Errorf("the people page, which no file describes, has %d edit links", n)
		}
	})
}

// evalOn evaluates js in the tab of ctx.
func evalOn[T any](ctx context.Context, t *testing.T, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// navShown tells whether the navigation is drawn, and where.
const navShown = `(() => { const n = document.getElementById('site-nav'); const r = n.getBoundingClientRect();
  return getComputedStyle(n).display !== 'none' && r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top < innerHeight; })()`

// checkDrawer opens and closes the drawer of a phone-wide page: the text
// comes first, the menu opens with the current page marked and the focus
// inside, and Escape and the close link close it, giving the focus back
// to the menu link.
func checkDrawer(ctx context.Context, t *testing.T, url string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(url), chromedp.WaitVisible(".menu-button")); err != nil {
		t.Fatal(err)
	}
	if !evalOn[bool](ctx, t, `!!(document.querySelector('main').compareDocumentPosition(document.getElementById('site-nav')) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
		t.Error("the navigation comes before the text in the document")
	}
	if evalOn[bool](ctx, t, navShown) {
		t.Fatal("the navigation is shown before the menu is opened")
	}
	if y := evalOn[float64](ctx, t, `document.getElementById('search-input').getBoundingClientRect().bottom`); y > 160 {
		t.Errorf("the search box ends %v px down the phone's screen, want it at the top", y)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".menu-button")); err != nil {
		t.Fatal(err)
	}
	if !evalOn[bool](ctx, t, navShown) {
		t.Fatal("the menu link did not open the navigation")
	}
	state := evalOn[[]string](ctx, t, `[document.querySelector('.menu-button').getAttribute('aria-expanded'),
	  String(document.getElementById('site-nav').contains(document.activeElement)),
	  (document.querySelector('#site-nav [aria-current=page]') || {}).textContent || '']`)
	if state[0] != "true" || state[1] != "true" || state[2] != "Parcel returns" {
		t.Errorf("open drawer: aria-expanded %s, focus inside %s, current page %q; want true, true, Parcel returns", state[0], state[1], state[2])
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if evalOn[bool](ctx, t, navShown) {
		t.Fatal("Escape did not close the navigation")
	}
	if !evalOn[bool](ctx, t, `document.activeElement === document.querySelector('.menu-button') && document.activeElement.getAttribute('aria-expanded') === 'false'`) {
		t.Error("after Escape the focus is not back on the closed menu link")
	}
	if err := chromedp.Do(ctx, chromedp.Click(".menu-button"), chromedp.Click(".drawer-close")); err != nil {
		t.Fatal(err)
	}
	if evalOn[bool](ctx, t, navShown) {
		t.Error("the close link did not close the navigation")
	}
	// Wide, the navigation is a sidebar that stays on screen.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 1500)`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`scrollY > 500`)); err != nil {
		t.Fatal(err)
	}
	if !evalOn[bool](ctx, t, navShown) || evalOn[float64](ctx, t, `Math.abs(document.getElementById('site-nav').getBoundingClientRect().top)`) > 1 {
		t.Error("at 1280 px the sidebar does not stay at the top of the window when the page scrolls")
	}
}

// checkDrawerNoJS opens the drawer without JavaScript: the menu link's
// target shows the navigation, the close link hides it.
func checkDrawerNoJS(ctx context.Context, t *testing.T, url string) {
	noJS := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, noJS, chromedp.EmulateViewport(390, 800), chromedp.Navigate(url), chromedp.WaitVisible(".menu-button")); err != nil {
		t.Fatal(err)
	}
	// Evaluate runs though the page's scripts do not.
	if evalOn[bool](ctx, t, `document.documentElement.classList.contains('nav-open') || !document.querySelector('.theme-toggle').hidden`) {
		t.Fatal("the page's scripts ran")
	}
	if evalOn[bool](ctx, t, navShown) {
		t.Fatal("the navigation is shown before the menu is opened")
	}
	if err := chromedp.Do(ctx, chromedp.Click(".menu-button")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](navShown)); err != nil {
		t.Fatal("without JavaScript the menu link did not open the navigation")
	}
	if err := chromedp.Do(ctx, chromedp.Click(".drawer-close")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!(`+navShown+`)`)); err != nil {
		t.Error("without JavaScript the close link did not close the navigation")
	}
	if !evalOn[bool](ctx, t, `document.querySelector('.toc details').open`) {
		t.Error("without JavaScript the table of contents is closed")
	}
}

// themeState is the scheme the page is drawn in and what the switch says.
const themeState = `[document.documentElement.getAttribute('data-theme') || 'system',
  document.querySelector('.theme-toggle').getAttribute('data-choice') || '',
  getComputedStyle(document.body).backgroundColor,
  String(document.querySelector('.theme-toggle').hidden),
  window.__themeAtBody === undefined ? 'unknown' : (window.__themeAtBody || 'system')]`

// themeAtBody records, when <body> starts, the scheme the head chose: the
// page is drawn in it from the first paint, before app.js runs.
const themeAtBody = `new MutationObserver((_, o) => { if (document.body) { window.__themeAtBody = document.documentElement.getAttribute('data-theme'); o.disconnect(); } }).observe(document, {childList: true, subtree: true});`

func onNewDocument(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return err
	})
}

// checkTheme switches system → light → dark → system, reloading between:
// the choice is kept and drawn before the first paint.
func checkTheme(ctx context.Context, t *testing.T, url string) {
	if err := chromedp.Do(ctx, onNewDocument(themeAtBody), chromedp.EmulateViewport(1280, 800), colorScheme("light"), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	_ = evalOn[bool](ctx, t, `(() => { try { localStorage.clear(); } catch (e) {} return true; })()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	light, dark := "rgb(255, 255, 255)", "rgb(15, 20, 25)"
	steps := []struct {
		want, bg string
	}{{"light", light}, {"dark", dark}, {"system", light}}
	got := evalOn[[]string](ctx, t, themeState)
	if got[0] != "system" || got[1] != "system" || got[2] != light || got[3] != "false" {
		t.Fatalf("first visit: %q, want system, a shown switch saying system and the light background", got)
	}
	for _, st := range steps {
		if err := chromedp.Do(ctx, chromedp.Click(".theme-toggle")); err != nil {
			t.Fatal(err)
		}
		got := evalOn[[]string](ctx, t, themeState)
		if got[0] != st.want || got[1] != st.want || got[2] != st.bg {
			t.Errorf("switched to %s: %q", st.want, got)
		}
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(".theme-toggle")); err != nil {
			t.Fatal(err)
		}
		got = evalOn[[]string](ctx, t, themeState)
		if got[0] != st.want || got[1] != st.want || got[2] != st.bg || got[4] != st.want {
			t.Errorf("%s after a reload: %q (the last is the scheme before app.js ran)", st.want, got)
		}
	}
	// The reader's choice wins over the system's preference.
	if err := chromedp.Do(ctx, colorScheme("dark"), chromedp.Click(".theme-toggle")); err != nil {
		t.Fatal(err)
	}
	if got := evalOn[[]string](ctx, t, themeState); got[0] != "light" || got[2] != light {
		t.Errorf("light chosen on a dark system: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".theme-toggle"), chromedp.Click(".theme-toggle"), colorScheme("light")); err != nil {
		t.Fatal(err)
	}
}

// checkThemeBlocked loads a page whose localStorage throws, as with
// blocked storage: no script fails, and the switch still works for the
// page.
func checkThemeBlocked(ctx context.Context, t *testing.T, url string) {
	block := `Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});
window.__errors = []; window.addEventListener('error', e => window.__errors.push(e.message));`
	if err := chromedp.Do(ctx, onNewDocument(block), chromedp.EmulateViewport(1280, 800), colorScheme("light"), chromedp.Navigate(url), chromedp.WaitVisible(".theme-toggle")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".theme-toggle")); err != nil {
		t.Fatal(err)
	}
	got := evalOn[[]string](ctx, t, `[document.documentElement.getAttribute('data-theme') || 'system', window.__errors.join('; ')]`)
	if got[0] != "light" || got[1] != "" {
		t.Errorf("with storage blocked: scheme %s, script errors %q; want light and none", got[0], got[1])
	}
}

// checkTOC scrolls a wide page with a table of contents: it is a column
// beside the text that stays on screen, and marks the heading being read.
func checkTOC(ctx context.Context, t *testing.T, url string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url), chromedp.WaitVisible(".toc")); err != nil {
		t.Fatal(err)
	}
	if !evalOn[bool](ctx, t, `document.querySelector('.toc').getBoundingClientRect().left >= document.querySelector('.body').getBoundingClientRect().right`) {
		t.Error("the table of contents is not a column right of the text")
	}
	links := evalOn[[]string](ctx, t, `[...document.querySelectorAll('.toc a')].map(a => a.getAttribute('href'))`)
	if len(links) < 3 {
		t.Fatalf("table of contents %q, want at least 3 entries", links)
	}
	for _, i := range []int{2, 0, len(links) - 1} {
		id := strings.TrimPrefix(links[i], "#")
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('`+id+`').scrollIntoView({block: 'start'})`)); err != nil {
			t.Fatal(err)
		}
		js := `(() => { const a = document.querySelector('.toc a[href="#` + id + `"]'); return a.classList.contains('active') && a.getAttribute('aria-current') === 'location' && document.querySelectorAll('.toc a.active').length === 1; })()`
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js)); err != nil {
			marked := evalOn[[]string](ctx, t, `[...document.querySelectorAll('.toc a.active')].map(a => a.getAttribute('href'))`)
			t.Errorf("scrolled to %s: marked %q", id, marked)
		}
		if top := evalOn[float64](ctx, t, `document.querySelector('.toc-box').getBoundingClientRect().top`); top < 0 || top > 120 {
			t.Errorf("scrolled to %s: the table of contents is at %v px, want it kept on screen", id, top)
		}
	}
}

// checkPager follows the next links through the instructions folder and
// back: each link leads to the page it names.
func checkPager(ctx context.Context, t *testing.T, url string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for range 4 {
		next := evalOn[string](ctx, t, `(document.querySelector('.pager-next .pager-title') || {}).textContent || ''`)
		if next == "" {
			break
		}
		href := evalOn[string](ctx, t, `document.querySelector('.pager-next').href`)
		if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
			t.Fatal(err)
		}
		if h1 := evalOn[string](ctx, t, `document.querySelector('h1').textContent`); h1 != next {
			t.Fatalf("next %q led to %s, titled %q", next, href, h1)
		}
		seen = append(seen, next)
	}
	if len(seen) != 2 {
		t.Fatalf("followed next through %q, want the folder's 2 instructions and then no next link", seen)
	}
	prev := evalOn[string](ctx, t, `document.querySelector('.pager-prev .pager-title').textContent`)
	if prev != seen[0] {
		t.Errorf("the last instruction's previous page is %q, want %q", prev, seen[0])
	}
}
