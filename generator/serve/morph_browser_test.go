package serve

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// morphPage is a page shaped like the theme's: a search box that a
// deferred script enhances, a <details>, and text far down. class is the
// body's class (the layout), text the paragraph that edits change.
func morphPage(class, text string) []byte {
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + text + `</title>` +
		`<meta name="description" content="about ` + text + `">` +
		`<link rel="stylesheet" href="/style.css"><script src="/app.js" defer></script></head>` +
		`<body class="` + class + `"><header><form class="search"><input id="search-input" type="search" autocomplete="off"></form></header>` +
		`<main><h1 id="title">` + text + `</h1>` +
		`<details id="more"><summary>More</summary><p>Hidden until opened.</p></details>` +
		`<div style="height:3000px">top</div><p id="text">` + text + `</p>` +
		`<div style="height:3000px">bottom</div></main></body></html>`)
}

// morphSite is a site with the page at /doc/, its style sheet and a script
// that adds to the search box what the theme's search.js adds: a
// drop-down list and ARIA attributes, which the server's HTML lacks.
func morphSite(class, text, color string) map[string][]byte {
	site := testSite()
	site["doc/index.html"] = morphPage(class, text)
	site["style.css"] = []byte("body{color:" + color + "}")
	// Like search.js, it also loads part of its index as a script.
	site["app.js"] = []byte(`document.addEventListener('DOMContentLoaded', function () {
  var input = document.getElementById('search-input');
  var list = document.createElement('ul');
  list.id = 'search-dropdown';
  list.appendChild(document.createElement('li')).textContent = 'a result';
  input.setAttribute('aria-controls', 'search-dropdown');
  input.parentNode.appendChild(list);
  var index = document.createElement('script');
  index.src = '/index-part.js';
  document.head.appendChild(index);
});`)
	site["index-part.js"] = []byte("window.__indexPart = 1;")
	return site
}

// TestBrowserMorphKeepsState edits the open page while the reader has
// scrolled it, typed into the search box (which has the focus) and opened
// a <details>, with the error overlay showing: the page is updated in
// place, with all of that as it was, and without a reload.
func TestBrowserMorphKeepsState(t *testing.T) {
	ctx := browser(t)
	s, base := startServer(t, morphSite("layout-process", "version one", "rgb(0, 0, 0)"))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/doc/"), chromedp.WaitVisible("#search-input")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)
	waitJS(t, ctx, `document.getElementById('search-dropdown') !== null && window.__indexPart === 1`)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-input", "klacht")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `document.getElementById('more').open = true`)
	eval[int](t, ctx, `window.__marker = 42`)
	eval[float64](t, ctx, `window.scrollTo(0, 1700), window.scrollY`)
	s.SetErrors([]Problem{{File: "content/doc.md", Line: 1, Level: "error", Rule: "front-matter", Message: "broken"}})
	waitJS(t, ctx, `!!document.getElementById('__handover-overlay')`)

	s.Publish(morphSite("layout-process", "version two", "rgb(0, 0, 0)"))
	waitJS(t, ctx, `document.getElementById('text').textContent === 'version two'`)

	checks := []struct{ what, js string }{
		{"no reload (the window's marker is there)", `window.__marker === 42`},
		{"updated in place once", `window.__handover.morphs === 1`},
		{"title changed", `document.title === 'version two'`},
		{"heading changed", `document.getElementById('title').textContent === 'version two'`},
		{"meta description changed", `document.querySelector('meta[name=description]').content === 'about version two'`},
		{"typed text kept", `document.getElementById('search-input').value === 'klacht'`},
		{"focus kept", `document.activeElement === document.getElementById('search-input')`},
		{"details still open", `document.getElementById('more').open === true`},
		{"script's drop-down kept", `document.getElementById('search-dropdown') !== null && document.getElementById('search-dropdown').textContent === 'a result'`},
		{"script's attribute kept", `document.getElementById('search-input').getAttribute('aria-controls') === 'search-dropdown'`},
		{"overlay still shown", `!!document.getElementById('__handover-overlay')`},
		{"client not duplicated", `document.querySelectorAll('script[data-handover]').length === 1 && document.querySelectorAll('style[data-handover]').length === 1`},
	}
	for _, c := range checks {
		if !eval[bool](t, ctx, c.js) {
			t.Errorf("after the edit: %s: %s is false", c.what, c.js)
		}
	}
	if y := eval[float64](t, ctx, `window.scrollY`); math.Abs(y-1700) > 0.5 {
		t.Errorf("scroll position after the edit %v, want 1700", y)
	}

	// A second edit with the errors fixed: the overlay goes, the rest stays.
	s.SetErrors(nil)
	waitJS(t, ctx, `document.getElementById('__handover-overlay') === null`)
	s.Publish(morphSite("layout-process", "version three", "rgb(0, 0, 0)"))
	waitJS(t, ctx, `document.getElementById('text').textContent === 'version three'`)
	if !eval[bool](t, ctx, `window.__marker === 42 && window.__handover.morphs === 2 && document.getElementById('search-input').value === 'klacht'`) {
		t.Error("the second edit reloaded the page or lost the typed text")
	}
}

// TestBrowserStyleSwap changes only the style sheet: it is swapped for the
// new one without the document being fetched or touched.
func TestBrowserStyleSwap(t *testing.T) {
	ctx := browser(t)
	s, base := startServer(t, morphSite("layout-process", "styled", "rgb(0, 0, 0)"))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/doc/")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)
	waitJS(t, ctx, `getComputedStyle(document.body).color === 'rgb(0, 0, 0)'`)
	eval[int](t, ctx, `window.__marker = 7`)
	eval[bool](t, ctx, `document.getElementById('text').__mine = true`)
	eval[float64](t, ctx, `window.scrollTo(0, 900), window.scrollY`)

	s.Publish(morphSite("layout-process", "styled", "rgb(255, 0, 0)"))
	waitJS(t, ctx, `getComputedStyle(document.body).color === 'rgb(255, 0, 0)'`)
	checks := []struct{ what, js string }{
		{"no reload", `window.__marker === 7`},
		{"document not morphed", `window.__handover.morphs === 0`},
		{"element untouched", `document.getElementById('text').__mine === true`},
		{"one style sheet link left", `document.querySelectorAll('link[rel=stylesheet]').length === 1`},
		{"scroll kept", `window.scrollY === 900`},
	}
	for _, c := range checks {
		if !eval[bool](t, ctx, c.js) {
			t.Errorf("after the style sheet changed: %s: %s is false", c.what, c.js)
		}
	}
}

// TestBrowserMorphFallsBack changes the page's layout (another template,
// as when a page's type changes): the page is reloaded, keeping its
// scroll position, instead of morphed.
func TestBrowserMorphFallsBack(t *testing.T) {
	ctx := browser(t)
	s, base := startServer(t, morphSite("layout-process", "before", "rgb(0, 0, 0)"))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/doc/")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)
	eval[int](t, ctx, `window.__marker = 3`)
	eval[float64](t, ctx, `window.scrollTo(0, 1200), window.scrollY`)

	s.Publish(morphSite("layout-instruction", "after", "rgb(0, 0, 0)"))
	waitJS(t, ctx, `document.body !== null && document.body.className === 'layout-instruction' && document.readyState === 'complete'`)
	if marker := eval[int](t, ctx, `window.__marker || 0`); marker != 0 {
		t.Error("the page was morphed into another layout instead of reloaded")
	}
	waitJS(t, ctx, `document.getElementById('text').textContent === 'after'`)
	if y := eval[float64](t, ctx, `window.scrollY`); math.Abs(y-1200) > 2 {
		t.Errorf("scroll position after the reload %v, want 1200", y)
	}

	// Other scripts are a change of layout too.
	waitClients(t, s, 1)
	eval[int](t, ctx, `window.__marker = 4`)
	site := morphSite("layout-instruction", "scripted", "rgb(0, 0, 0)")
	site["doc/index.html"] = []byte(strings.Replace(string(morphPage("layout-instruction", "scripted")),
		"<link rel", `<script src="/extra.js" defer></script><link rel`, 1))
	site["extra.js"] = []byte("window.__extra = 1;")
	s.Publish(site)
	waitJS(t, ctx, `window.__extra === 1 && document.getElementById('text').textContent === 'scripted'`)
	if marker := eval[int](t, ctx, `window.__marker || 0`); marker != 0 {
		t.Error("a page that loads another script was morphed instead of reloaded")
	}
}
