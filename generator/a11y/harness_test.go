package a11y

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHarnessFindsViolations proves the checkers are wired up: on a page
// that is broken on purpose (testdata/bad.html) axe-core must report low
// contrast and an image without alt text, and vnu must report an error.
func TestHarnessFindsViolations(t *testing.T) {
	t.Run("vnu", func(t *testing.T) {
		java, args := vnuCommand(t)
		args = append(args, "--errors-only", filepath.Join("testdata", "bad.html"))
		out, err := exec.Command(java, args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "error") {
			t.Errorf("vnu accepted testdata/bad.html (%v): %s", err, out)
		}
	})
	t.Run("axe", func(t *testing.T) {
		axe := axeSource(t)
		ctx := withTimeout(t, newBrowser(t))
		srv := serveSite(t, "testdata")
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+prefix+"bad.html"), chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			t.Fatal(err)
		}
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, v := range vs {
			found[v.ID] = true
		}
		for _, id := range []string{"color-contrast", "image-alt"} {
			if !found[id] {
				t.Errorf("axe did not report %s on testdata/bad.html; got %v", id, found)
			}
		}
	})
}
