package a11y

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusState describes the focused element: what it is, whether it lies
// in the viewport and whether it draws a focus indicator.
type focusState struct {
	Desc    string `json:"desc"`
	Skip    bool   `json:"skip"`
	Visible bool   `json:"visible"`
	Ring    bool   `json:"ring"`
}

// focusJS reads the focusState of document.activeElement.
const focusJS = `(() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
  return {desc: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + (e.textContent || '').trim().slice(0, 30),
    skip: e.classList.contains('skip'),
    visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth,
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'}; })()`

// checkKeyboard walks the home page with Tab: the skip link comes first
// and shows itself, Enter on it moves to the main content, and every
// following tab stop draws a focus ring of at least 2px.
func checkKeyboard(ctx context.Context, t *testing.T, home string) {
	ctx = withTimeout(t, ctx)
	if err := chromedp.Do(ctx, colorScheme("light"), chromedp.Navigate(home+"index.html"), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	first := focus(ctx, t)
	if !first.Skip || !first.Visible || !first.Ring {
		t.Errorf("first tab stop %+v, want the visible skip link with a focus ring", first)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if hash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`)); err != nil || hash != "#main" {
		t.Errorf("after Enter on the skip link the location hash is %q (%v), want #main", hash, err)
	}
	for i := 0; i < 12; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if f := focus(ctx, t); !f.Ring {
			t.Errorf("tab stop %d (%s) shows no focus ring", i+2, f.Desc)
		}
	}
}

// focus returns the state of the focused element.
func focus(ctx context.Context, t *testing.T) focusState {
	t.Helper()
	f, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](focusJS))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
