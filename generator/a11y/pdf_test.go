package a11y

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// checkPDF prints print/index.html to PDF the way a reader's "Save as
// PDF" does and checks the result: several pages, the cover title and
// organisation on page one, no site navigation, and no link that leaves
// the document for another page of the site.
func checkPDF(ctx context.Context, t *testing.T, base string, s *builtSite) {
	ctx = withTimeout(t, ctx)
	if err := chromedp.Do(ctx, colorScheme("light"), chromedp.Navigate(base+"print/index.html")); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
	if err != nil {
		t.Fatal(err)
	}
	pdf := res.Data
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	if n := pdfPages(pdf); n < 4 {
		t.Errorf("PDF has %d pages, want a cover, a table of contents and the sections on their own pages", n)
	}
	inside := len(regexp.MustCompile(`/Dest\s*/`).FindAll(pdf, -1))
	if inside == 0 {
		t.Error("PDF has no in-document links; the table of contents should link to its sections")
	}
	t.Logf("PDF: %d pages, %d in-document links", pdfPages(pdf), inside)
	if m := regexp.MustCompile(`/URI\s*\(([^)]*\.html[^)]*)\)`).FindSubmatch(pdf); m != nil {
		t.Errorf("PDF links to another page of the site (%s); links should stay inside the document", m[1])
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	checkCover(t, file, s)
}

// pdfPages counts the page objects of a PDF (Chromium writes them
// uncompressed).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// checkCover reads page one with pdftotext (poppler-utils): it must show
// the site title and organisation, and none of the site's navigation.
func checkCover(t *testing.T, file string, s *builtSite) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		need(t, "pdftotext is not installed (apt-get install poppler-utils)")
	}
	out, err := exec.Command(tool, "-f", "1", "-l", "1", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	cover := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{s.title, s.org} {
		if want != "" && !strings.Contains(cover, want) {
			t.Errorf("PDF cover %q lacks %q", cover, want)
		}
	}
	if strings.Contains(cover, "readiness") || strings.Contains(cover, "Overdrachtscheck") || len(cover) > 400 {
		t.Errorf("PDF cover shows more than the cover: %q", cover)
	}
}
