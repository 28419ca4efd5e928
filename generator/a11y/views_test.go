package a11y

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/handover-dev/handover/generator"
)

// The views of issue 19 as readers meet them in Chromium: the RACI matrix
// of twenty people (generator/testdata/build/views_raci20.txtar), the risk
// register with its heatmap, the decision log and the readable diff of a
// changes/ page (the Dutch example, built with a version tag). At 1280
// and 390 px wide, light and dark, no page is wider than the window and
// axe-core (WCAG 2.2 AA and best practices) reports no violation of
// impact moderate or higher. With HANDOVER_SHOTS=DIR every page is also
// saved as a full-page screenshot in DIR, to look at.

// viewsToday is the build date of the view tests.
var viewsToday = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// viewPage is one page the test opens.
type viewPage struct{ name, url string }

func TestViews(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	nl := buildVersionedExample(t)
	raci := buildArchive(t, filepath.Join("..", "testdata", "build", "views_raci20.txtar"))
	nlSrv, raciSrv := serveSite(t, nl), serveSite(t, raci)
	diff := "changes/HEAD/processes/klachtafhandeling/index.html"
	if _, err := os.Stat(filepath.Join(nl, filepath.FromSlash(diff))); err != nil {
		t.Fatalf("the versioned build has no diff page: %v", err)
	}
	pages := []viewPage{
		{"raci", raciSrv.URL + prefix + "governance/raci/index.html"},
		{"risks", nlSrv.URL + prefix + "risks/index.html"},
		{"decisions", nlSrv.URL + prefix + "decisions/index.html"},
		{"diff", nlSrv.URL + prefix + diff},
		{"changes", nlSrv.URL + prefix + "changes/index.html"},
		{"meetings", nlSrv.URL + prefix + "meetings/index.html"},
		{"trainings", nlSrv.URL + prefix + "trainings/index.html"},
		{"processes", nlSrv.URL + prefix + "processes/index.html"},
		{"governance", nlSrv.URL + prefix + "governance/ai-klantcontact/index.html"},
	}
	t.Run("vnu", func(t *testing.T) {
		var files []string
		for _, p := range pages {
			dir, rel := nl, strings.TrimPrefix(p.url, nlSrv.URL+prefix)
			if strings.HasPrefix(p.url, raciSrv.URL) {
				dir, rel = raci, strings.TrimPrefix(p.url, raciSrv.URL+prefix)
			}
			files = append(files, filepath.Join(dir, filepath.FromSlash(rel)))
		}
		checkValidFiles(t, files)
	})
	shots := os.Getenv("HANDOVER_SHOTS")
	for _, width := range []int64{1280, 390} {
		for _, scheme := range []string{"light", "dark"} {
			for _, p := range pages {
				name := p.name + "-" + itoa(width) + "-" + scheme
				t.Run(name, func(t *testing.T) {
					ctx := withTimeout(t, ctx)
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), colorScheme(scheme), chromedp.Navigate(p.url)); err != nil {
						t.Fatal(err)
					}
					if dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](isDark)); err != nil || dark != (scheme == "dark") {
						t.Fatalf("dark color scheme %v, want %v (%v)", dark, scheme == "dark", err)
					}
					checkNoSideScroll(ctx, t)
					runAxe(ctx, t, axe, p.name)
					if shots != "" {
						saveShot(ctx, t, filepath.Join(shots, name+".png"))
					}
				})
			}
		}
	}
	t.Run("raci-sticky-390", func(t *testing.T) { checkRACISticky(withTimeout(t, ctx), t, pages[0].url) })
	t.Run("diff-toggle", func(t *testing.T) { checkDiffToggle(withTimeout(t, ctx), t, pages[3].url, shots) })
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// checkNoSideScroll fails when the page is wider than the window.
func checkNoSideScroll(ctx context.Context, t *testing.T) {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	if w[0] > w[1] {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)`))
		t.Errorf("page is %d px wide in a %d px window; widest: %v", w[0], w[1], wide)
	}
}

// checkRACISticky scrolls the RACI matrix's box both ways on a phone: the
// activity column stays at the box's left edge, the header rows at its top.
func checkRACISticky(ctx context.Context, t *testing.T, url string) {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 700), colorScheme("light"), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
  const box = document.querySelector('.raci-scroll');
  box.scrollLeft = 600; box.scrollTop = 150;
  const b = box.getBoundingClientRect();
  const row = document.querySelector('.raci-matrix tbody tr:nth-child(6) th[scope=row]').getBoundingClientRect();
  const head = document.querySelector('.raci-matrix thead').getBoundingClientRect();
  return [box.scrollLeft, box.scrollTop, row.left - b.left, head.top - b.top, box.scrollWidth - box.clientWidth];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[4] <= 0 {
		t.Fatalf("the RACI matrix of 20 people does not scroll inside its box at 390 px (overflow %v)", got[4])
	}
	if got[0] == 0 || got[1] == 0 {
		t.Fatalf("the box did not scroll: left %v, top %v", got[0], got[1])
	}
	if d := got[2]; d < -1 || d > 2 {
		t.Errorf("the activity column is %v px from the box's left edge after scrolling sideways, want 0 (sticky)", d)
	}
	if d := got[3]; d < -1 || d > 2 {
		t.Errorf("the header rows are %v px from the box's top after scrolling down, want 0 (sticky)", d)
	}
}

// checkDiffToggle switches the diff to side by side and back, without any
// script: the two views are radio buttons and CSS.
func checkDiffToggle(ctx context.Context, t *testing.T, url, shots string) {
	const shown = `[!!document.querySelector('.diff-unified').offsetParent, !!document.querySelector('.diff-split').offsetParent]`
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), colorScheme("light"), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		click        string
		uni, sbsWant bool
	}{{"", true, false}, {`label[for=diff-view-split]`, false, true}, {`label[for=diff-view-unified]`, true, false}} {
		if step.click != "" {
			if err := chromedp.Do(ctx, chromedp.Click(step.click)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](shown))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != step.uni || got[1] != step.sbsWant {
			t.Errorf("after %q: unified shown %v, side by side shown %v; want %v, %v", step.click, got[0], got[1], step.uni, step.sbsWant)
		}
		if step.sbsWant { // side by side fits the window too, at both widths
			for _, w := range []int64{1280, 390} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
					t.Fatal(err)
				}
				checkNoSideScroll(ctx, t)
				if shots != "" {
					saveShot(ctx, t, filepath.Join(shots, "diff-split-"+itoa(w)+"-light.png"))
				}
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func saveShot(ctx context.Context, t *testing.T, file string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildArchive writes the site files of a txtar archive into a folder and
// builds it.
func buildArchive(t *testing.T, file string) string {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for _, f := range a.Files {
		if f.Name == "assert" || f.Name == "expect-diags" || f.Name == "options" {
			continue
		}
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	if _, err := generator.Build(context.Background(), generator.Options{Site: src, Destination: out, Now: viewsToday}); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return out
}

// buildVersionedExample copies the Dutch example into a git repository,
// tags it v1.0, changes a process (its owner, a sentence and a long
// line) and builds the site with its versions, so that changes/ has a
// diff page.
func buildVersionedExample(t *testing.T) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		need(t, "git is not installed")
	}
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(filepath.Join("..", "..", "examples", "nl-klantenservice"))); err != nil {
		t.Fatal(err)
	}
	run := func(when string, args ...string) {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "HOME="+src, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
			"GIT_AUTHOR_NAME=Jan de Vries", "GIT_AUTHOR_EMAIL=jan@example.nl", "GIT_COMMITTER_NAME=Jan de Vries",
			"GIT_COMMITTER_EMAIL=jan@example.nl", "GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("2026-11-01T12:00:00Z", "init", "-q", "-b", "main")
	run("2026-11-01T12:00:00Z", "add", "-A")
	run("2026-11-01T12:00:00Z", "commit", "-q", "-m", "Eerste overdracht")
	run("2026-11-01T12:00:00Z", "tag", "v1.0")
	page := filepath.Join(src, "content", "processes", "klachtafhandeling.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "owner: selamrani", "owner: kdejong", 1)
	s = strings.Replace(s, "reviewed: 2026-09-14", "reviewed: 2026-11-18", 1)
	s = strings.Replace(s, "binnen **vijf werkdagen** bevestigen", "binnen **drie werkdagen** bevestigen", 1)
	s = strings.Replace(s, "## Doel en reikwijdte\n", "## Doel en reikwijdte\n\nDeze zeer lange regel zonder regeleinde laat zien dat de weergave van wijzigingen lange regels afbreekt in plaats van de pagina breder te maken dan het scherm: Overdrachtsdocumentverantwoordelijkheidsverdeling en https://voorbeeldfd.nl/klachten/regeling/2026/versie-3/bijlage-b/tabel-4 blijven binnen de kolom.\n", 1)
	if s == string(data) {
		t.Fatal("the example's process changed; update the edits of buildVersionedExample")
	}
	if err := os.WriteFile(page, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	run("2026-11-18T12:00:00Z", "commit", "-q", "-am", "Klachtafhandeling overgedragen aan Karin de Jong")
	out := filepath.Join(t.TempDir(), "site")
	if _, err := generator.Build(context.Background(), generator.Options{Site: src, Destination: out, Now: viewsToday, Versions: true}); err != nil {
		t.Fatalf("versioned example: %v", err)
	}
	return out
}
