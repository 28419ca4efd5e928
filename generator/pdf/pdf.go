// Package pdf prints the dossier of a published site (print/index.html) to
// a PDF file with a Chromium or Chrome found on the machine, driven over
// the DevTools protocol (chromedp).
//
// The PDF is the same bytes for the same site and browser:
//   - the page's scripts do not run (they would mark reviews overdue by the
//     reader's clock, not the dossier's date);
//   - the table of contents gets its page numbers in a second pass: the
//     first print tells, through the PDF's named destinations, on which
//     page each entry starts, the numbers are filled in and the dossier
//     printed again, until the numbers are those of the print (Chromium's
//     CSS has no target-counter());
//   - the document information is rewritten: Creator "handover …" (by
//     which publish.Check knows a PDF handover wrote and may replace),
//     Producer naming the browser's PDF engine, and CreationDate and
//     ModDate set to the date the caller gives (the build's
//     SOURCE_DATE_EPOCH or today) instead of the clock's;
//   - links to the site's own files are made relative to the site, so the
//     folder it was published in leaves no trace;
//   - the IDs of the structure elements of the tagged PDF, which Chromium
//     takes from Blink's DOM node ids (they differ from print to print),
//     are numbered in the order they appear.
//
// Chromium writes no document ID and no other time: two prints of the same
// dossier differ in nothing else (TestPrintPDF prints twice and compares).
//
// pdf imports only the standard library and chromedp; the generator calls it.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Options says what to print and where.
type Options struct {
	Page    string    // the HTML file to print: print/index.html of the published site
	Root    string    // the published site's folder: links to its files become relative
	Out     string    // the PDF file to write
	Paper   string    // "a4" or "letter": the paper when the page's CSS names none
	Date    time.Time // CreationDate and ModDate
	Creator string    // the Creator of the PDF, starting with "handover"
	Browser string    // the browser to run; "" finds one (Find)
	Timeout time.Duration
}

// EnvBrowser names the environment variable that, when set, is the
// browser handover prints with.
const EnvBrowser = "HANDOVER_CHROMIUM"

// ErrNoBrowser is what Write returns, wrapped with what to install, when
// no browser can be found.
var ErrNoBrowser = errors.New("no Chromium or Chrome found to print the PDF with")

// install says how to get a browser on each system.
const install = "install Chromium or Google Chrome (Debian and Ubuntu: apt-get install chromium; Fedora: dnf install chromium; " +
	"macOS: brew install --cask chromium; Windows: winget install Google.Chrome, or use Microsoft Edge), " +
	"or set " + EnvBrowser + " to the browser's program"

// Find returns the browser to print with: $HANDOVER_CHROMIUM, or else the
// first Chromium, Chrome or Edge on PATH or in its usual place.
func Find() (string, error) {
	if p := os.Getenv(EnvBrowser); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v; %s", ErrNoBrowser, EnvBrowser, p, err, install)
		}
		return found, nil
	}
	for _, p := range locations(runtime.GOOS) {
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
	}
	return "", fmt.Errorf("%w: %s", ErrNoBrowser, install)
}

// locations are the names and paths Find tries on goos, in order.
func locations(goos string) []string {
	switch goos {
	case "darwin":
		return []string{
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			"chromium", "google-chrome",
		}
	case "windows":
		local := os.Getenv("LOCALAPPDATA")
		return []string{
			"chrome", "chrome.exe",
			`C:\Program Files\Google\Chrome\Application\chrome.exe`,
			`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
			filepath.Join(local, `Google\Chrome\Application\chrome.exe`),
			filepath.Join(local, `Chromium\Application\chrome.exe`),
			"msedge", "msedge.exe",
			`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
			`C:\Program Files\Microsoft\Edge\Application\msedge.exe`,
		}
	}
	return []string{
		"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
		"headless_shell", "microsoft-edge", "microsoft-edge-stable",
		"/usr/bin/chromium", "/usr/lib/chromium/chromium", "/snap/bin/chromium", "/usr/local/bin/chrome",
	}
}

// Write prints o.Page to the PDF file o.Out, which it replaces whole: a
// failed print leaves the file as it was.
func Write(ctx context.Context, o Options) error {
	browser := o.Browser
	if browser == "" {
		var err error
		if browser, err = Find(); err != nil {
			return err
		}
	}
	page, err := filepath.Abs(o.Page)
	if err != nil {
		return err
	}
	if _, err := os.Stat(page); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	profile, err := os.MkdirTemp("", "handover-chromium-")
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	defer os.RemoveAll(profile)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("force-color-profile", "srgb"),
	}
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		// Chromium's sandbox refuses to run as root (containers, CI).
		opts = append(opts, chromedp.NoSandbox)
	}
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil { // starts the browser: no timeout on this call
		return fmt.Errorf("pdf: starting %s: %w", browser, err)
	}
	tctx, cancelTimeout := context.WithTimeout(bctx, timeout)
	defer cancelTimeout()
	pdf, err := printDossier(tctx, fileURL(page), o.Paper)
	if err != nil {
		return fmt.Errorf("pdf: %s: %w", browser, err)
	}
	pdf, err = finish(pdf, o)
	if err != nil {
		return err
	}
	return writeFile(o.Out, pdf)
}

// printDossier loads the page with its scripts off and prints it, filling
// in the page numbers of the table of contents until they are right.
func printDossier(ctx context.Context, pageURL, paper string) ([]byte, error) {
	setup := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}, {Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	})
	if err := chromedp.Do(ctx, setup, chromedp.Navigate(pageURL)); err != nil {
		return nil, err
	}

	size := chromedp.PaperA4
	if paper == "letter" {
		size = chromedp.PaperLetter
	}
	var numbers map[string]int
	var pdf []byte
	for pass := 0; ; pass++ {
		if err := fillTOC(ctx, numbers); err != nil {
			return nil, err
		}
		opts := []chromedp.PDFOption{chromedp.PDFPaper(size), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFStream()}
		if pass == 0 {
			// Only for the pages: the structure and the outline, which do
			// not move a line, are left out of the print that is never kept.
			opts = append(opts, func(p *page.PrintToPDFParams) {
				p.GenerateTaggedPDF, p.GenerateDocumentOutline = new(false), new(false)
			})
		} else {
			opts = append(opts, chromedp.PDFOutlineAndTagged())
		}
		var err error
		pdf, err = chromedp.Run(ctx, chromedp.PrintToPDF(opts...))
		if err != nil {
			return nil, err
		}
		f, err := parse(pdf)
		if err != nil {
			return nil, err
		}
		dests, err := f.destinations()
		if err != nil {
			return nil, err
		}
		if pass > 0 && sameNumbers(numbers, dests) || pass == 3 {
			// Right, or as close as four prints get (a table of contents
			// whose own length keeps changing with its numbers).
			return pdf, nil
		}
		numbers = dests
	}
}

// fillTOC writes the page numbers into the table of contents: each
// element with data-toc-page="ID" gets the page of the element ID.
func fillTOC(ctx context.Context, numbers map[string]int) error {
	var js strings.Builder
	js.WriteString("(function(n){document.querySelectorAll('[data-toc-page]').forEach(function(e){var p=n[e.getAttribute('data-toc-page')];e.textContent=p?String(p):'';});return true;})({")
	first := true
	for _, id := range sortedKeys(numbers) {
		if !first {
			js.WriteByte(',')
		}
		first = false
		js.WriteString(strconv.Quote(id))
		js.WriteByte(':')
		js.WriteString(strconv.Itoa(numbers[id]))
	}
	js.WriteString("})")
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js.String()))
	return err
}

// sameNumbers reports whether every entry numbered in want is on that page in got.
func sameNumbers(want, got map[string]int) bool {
	for id, n := range want {
		if got[id] != n {
			return false
		}
	}
	return len(got) >= len(want)
}

// finish sets the document information, makes links to the site's files
// relative and numbers the structure elements' IDs.
func finish(pdf []byte, o Options) ([]byte, error) {
	f, err := parse(pdf)
	if err != nil {
		return nil, err
	}
	producer := "handover, printed by Chromium"
	if info, ok := f.resolve(f.trailer["Info"]).(dict); ok {
		if p, ok := info["Producer"].(string); ok && p != "" {
			producer = "handover with " + p // Skia/PDF mNNN: the engine's version
		}
	}
	creator := o.Creator
	if !strings.HasPrefix(creator, "handover") {
		creator = strings.TrimSpace("handover " + creator)
	}
	ed, err := f.infoEdit(creator, producer, pdfDate(o.Date))
	if err != nil {
		return nil, err
	}
	edits := append([]edit{ed}, f.nodeIDEdits()...)
	if o.Root != "" {
		if root, err := filepath.Abs(o.Root); err == nil {
			edits = append(edits, f.uriEdits(strings.TrimSuffix(fileURL(root), "/")+"/")...)
		}
	}
	out := f.rewrite(edits)
	if _, err := parse(out); err != nil { // what it wrote, it can read
		return nil, fmt.Errorf("pdf: rewriting the document information: %w", err)
	}
	return out, nil
}

// pdfDate formats t (UTC) as a PDF date.
func pdfDate(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format("D:20060102150405+00'00'")
}

// fileURL returns the file:// URL of an absolute path.
func fileURL(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// writeFile writes data to file through a temporary file beside it.
func writeFile(file string, data []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-")
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("pdf: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
