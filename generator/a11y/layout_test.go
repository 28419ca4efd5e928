package a11y

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handover-dev/handover/generator"
)

// The layout of issue 19 as readers meet it in Chromium: every page type
// of the small examples in both languages (and of the Dutch customer
// service example, which has tag pages), at 1280 px in the light scheme
// and at 390 px (a phone) in the dark one. No page is wider than the
// window, no raw label key ("section.page") shows, and axe-core (WCAG 2.2
// AA and best practices) reports no violation of impact moderate or
// higher.

// layoutToday is the build date of the layout tests.
var layoutToday = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// layoutSites are the examples the layout test builds, with a query that
// has results for the search page.
var layoutSites = []struct{ name, query string }{
	{"nl-small", "retour"},
	{"en-small", "refund"},
	{"nl-klantenservice", "klacht"},
}

func TestLayout(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	for _, site := range layoutSites {
		dir := filepath.Join(t.TempDir(), site.name)
		if _, err := generator.Build(context.Background(), generator.Options{
			Site: filepath.Join("..", "..", "examples", site.name), Destination: dir, Now: layoutToday}); err != nil {
			t.Fatalf("%s: %v", site.name, err)
		}
		pages := choosePages(t, dir, site.query)
		srv := serveSite(t, dir)
		for _, view := range []struct {
			width  int64
			scheme string
		}{{1280, "light"}, {390, "dark"}} {
			for _, p := range pages {
				t.Run(site.name+"/"+itoa(view.width)+"/"+p.kind, func(t *testing.T) {
					ctx := withTimeout(t, ctx)
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(view.width, 900), colorScheme(view.scheme), chromedp.Navigate(srv.URL+prefix+p.path)); err != nil {
						t.Fatal(err)
					}
					if p.kind == "search" {
						if _, err := chromedp.Run(ctx, chromedp.Poll[bool](searchShown)); err != nil {
							t.Fatalf("no search results shown: %v", err)
						}
					}
					checkWidth(ctx, t)
					runAxe(ctx, t, axe, p.path)
					checkNoLabelKeys(ctx, t)
					if shots := os.Getenv("HANDOVER_SHOTS"); shots != "" {
						png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
						if err == nil {
							name := strings.NewReplacer("/", "-", " ", "-").Replace(site.name + "-" + p.kind + "-" + itoa(view.width) + "-" + view.scheme)
							_ = os.MkdirAll(shots, 0o755)
							err = os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
						}
						if err != nil {
							t.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// checkWidth fails when the page is wider than the window, naming the
// elements that stick out.
func checkWidth(ctx context.Context, t *testing.T) {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	if w[0] > w[1] {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`))
		t.Errorf("the page is %d px wide in a %d px window; sticking out: %v", w[0], w[1], wide)
	}
}

// visibleText returns what the page shows and says: its rendered text
// (all <details> opened first, code left out) and the labels, titles,
// placeholders and alternative texts of its elements.
const visibleText = `(() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const skip = new Set(['SCRIPT', 'STYLE', 'CODE', 'PRE', 'KBD', 'SAMP', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode()); ) {
    let e = n.parentElement, code = false;
    for (let p = e; p; p = p.parentElement) if (skip.has(p.tagName)) { code = true; break; }
    if (!code && e.getClientRects().length) out.push(n.data);
  }
  document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-label-system], [data-label-light], [data-label-dark]').forEach(e => {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-label-system', 'data-label-light', 'data-label-dark']) if (e.hasAttribute(a)) out.push(e.getAttribute(a));
  });
  out.push(document.title);
  return out.join('\n');
})()`

// checkNoLabelKeys fails on text that looks like a label key the theme
// did not translate.
func checkNoLabelKeys(ctx context.Context, t *testing.T) {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](visibleText))
	if err != nil {
		t.Fatal(err)
	}
	if keys := labelKeys(text); len(keys) > 0 {
		t.Errorf("raw label keys shown: %q", keys)
	}
}

var (
	wordChunk = regexp.MustCompile(`[\p{L}\p{N}_.@/:#-]+`)
	keyLike   = regexp.MustCompile(`^[a-z][a-z0-9]*(?:[._][A-Za-z0-9]+)+$`)
	// fileOrHost are the last parts of file names and host names, which
	// look like keys ("commitment.pdf", "example.nl").
	fileOrHost = map[string]bool{"nl": true, "com": true, "org": true, "net": true, "be": true, "eu": true, "io": true, "dev": true,
		"pdf": true, "ics": true, "html": true, "htm": true, "md": true, "yaml": true, "yml": true, "json": true, "xml": true, "csv": true,
		"xlsx": true, "docx": true, "pptx": true, "txt": true, "js": true, "css": true, "png": true, "jpg": true, "svg": true, "zip": true}
)

// labelKeys returns the words of text that look like label keys of the
// theme's i18n files: lower case parts joined by dots or underscores
// ("section.page", "approved_by", "raci.R"). File and host names, and
// abbreviations of one letter a part ("d.w.z."), are not keys.
func labelKeys(text string) []string {
	var out []string
	for _, w := range wordChunk.FindAllString(text, -1) {
		w = strings.TrimRight(w, ".:-#")
		if !keyLike.MatchString(w) {
			continue
		}
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '_' })
		if fileOrHost[parts[len(parts)-1]] {
			continue
		}
		short, letters := true, true
		for _, p := range parts {
			short = short && len(p) == 1
			letters = letters && strings.ContainsAny(strings.ToLower(p), "abcdefghijklmnopqrstuvwxyz")
		}
		if short || !letters {
			continue
		}
		out = append(out, w)
	}
	return out
}

// TestLabelKeyPattern proves that the check finds the keys of a theme
// that forgot a label, and leaves the look-alikes of ordinary text alone.
func TestLabelKeyPattern(t *testing.T) {
	got := labelKeys("Hoofdstuk section.page · Eigenaar: approved_by, raci.R (kind.process). " +
		"Mail mark.bakker@example.nl, zie commitment.pdf, d.w.z. versie v1.2 of https://example.nl/a.b en 3.5 uur.")
	want := []string{"section.page", "approved_by", "raci.R", "kind.process"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("labelKeys = %q, want %q", got, want)
	}
}
