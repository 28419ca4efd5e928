package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/pdf"
	"github.com/handover-dev/handover/generator/publish"
	vw "github.com/handover-dev/handover/generator/view"
)

// needPDFTools returns the poppler-utils programs the PDF tests read the
// dossier with, after checking that a browser is there to print it.
// Without them the test is skipped on a developer's machine and fails in
// CI (CI=true, .ci/run installs chromium and poppler-utils), so a missing
// browser never passes for green.
func needPDFTools(t *testing.T) (pdftotext, pdfinfo, pdftoppm string) {
	t.Helper()
	missing := func(what string, err error) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", what, err)
		}
		t.Skipf("%s is not installed: %v", what, err)
	}
	if _, err := pdf.Find(); err != nil {
		missing("chromium", err)
	}
	tools := make([]string, 3)
	for i, name := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		p, err := exec.LookPath(name)
		if err != nil {
			missing(name+" (apt-get install poppler-utils)", err)
		}
		tools[i] = p
	}
	return tools[0], tools[1], tools[2]
}

// run runs a program and returns its standard output.
func run(t *testing.T, prog string, args ...string) string {
	t.Helper()
	out, err := exec.Command(prog, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", filepath.Base(prog), strings.Join(args, " "), err)
	}
	return string(out)
}

// squash removes all white space and hyphens: text that wraps in the PDF
// is compared letter for letter (pdftotext joins a line that ends in a
// hyphen to the next without it).
func squash(s string) string {
	return strings.NewReplacer("-", "", "\u00ad", "").Replace(strings.Join(strings.Fields(s), ""))
}

// buildPDF builds site into a fresh folder and prints its dossier to a PDF
// there; it returns the build's result and the PDF's path.
func buildPDF(t *testing.T, site string) (*Result, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "dossier.pdf")
	res, err := Build(context.Background(), Options{Site: site, Destination: filepath.Join(dir, "public"), Now: e2eToday, PDF: file})
	if err != nil {
		t.Fatalf("build %s: %v\n%s", site, err, diagLines(res))
	}
	return res, file
}

// pageSizes returns the size of every page of a PDF as pdfinfo gives it
// ("594.96 x 841.92 pts (A4)").
func pageSizes(t *testing.T, pdfinfo, file string, pages int) []string {
	t.Helper()
	out := run(t, pdfinfo, "-f", "1", "-l", strconv.Itoa(pages), file)
	var sizes []string
	for _, m := range regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+(.+)$`).FindAllStringSubmatch(out, -1) {
		sizes = append(sizes, strings.TrimSpace(m[1]))
	}
	return sizes
}

// pdfPageCount returns the number of pages pdfinfo reads in a PDF.
func pdfPageCount(t *testing.T, pdfinfo, file string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, pdfinfo, file))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", file)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// longestCodeLine returns the longest line inside a fenced code block of
// the site's pages.
func longestCodeLine(t *testing.T, site string) string {
	t.Helper()
	longest := ""
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		in := false
		for _, l := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(strings.TrimSpace(l), "```"):
				in = !in
			case in && len(l) > len(longest):
				longest = l
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return longest
}

// headingOn reports whether the text of a page, as pdftotext -layout gives
// it, has title as a heading: a line of its own (its first 20 letters or
// more when it wraps), not a cell of a table that names it.
func headingOn(page, title string) bool {
	for _, l := range strings.Split(page, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" && strings.HasPrefix(title, l) && (l == title || len(l) >= 20) {
			return true
		}
	}
	return false
}

// dutchDate formats d as the Dutch pages do ("12 maart 2026").
func dutchDate(d content.Date) string {
	return fmt.Sprintf("%d %s %d", d.Day(), vw.NewDates("nl").Month(d.Month()), d.Year())
}

// TestPrintPDF prints the Dutch example to PDF with `handover build --pdf`
// and reads it back with poppler-utils: every RACI activity, KPI target,
// risk mitigation and decision date is in it, the longest line of code
// whole (it wraps, nothing is cut off), the pages are A4 (the RACI matrix
// of many people on landscape A4), the table of contents gives the page
// each part starts on, and the sign-off page is the last. Printing twice,
// into two folders, gives the same bytes.
//
// With HANDOVER_PDF_PAGES=DIR it also writes images of the cover, the
// table of contents, a RACI page and a page with code into DIR, to look at.
func TestPrintPDF(t *testing.T) {
	pdftotext, pdfinfo, pdftoppm := needPDFTools(t)
	site := filepath.Join("..", "examples", "nl-klantenservice")
	res, file := buildPDF(t, site)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !publish.IsHandoverPDF(file) {
		t.Error("the PDF is not known as handover's: a second build would refuse to replace it")
	}
	info := run(t, pdfinfo, file)
	stamp := archiveStamp(e2eToday).Format("Mon Jan _2 15:04:05 2006 UTC") // like the archive's entries
	for _, want := range []string{"Creator:         handover", "CreationDate:    " + stamp, "ModDate:         " + stamp, "Tagged:          yes"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}

	text := run(t, pdftotext, file, "-")
	flat := squash(text)
	type want struct{ what, value string }
	var wants []want
	for _, p := range res.Site.Pages {
		if p.List {
			continue
		}
		m := p.Meta
		for _, row := range m.RACI {
			wants = append(wants, want{"RACI activity", row.Activity})
		}
		switch p.Kind {
		case content.KindKPI:
			wants = append(wants, want{"KPI target", m.Target})
		case content.KindRisk:
			wants = append(wants, want{"risk mitigation", m.Mitigation})
		case content.KindDecision:
			wants = append(wants, want{"decision date", dutchDate(m.Date)})
		}
	}
	code := longestCodeLine(t, site)
	wants = append(wants, want{"longest line of code", strings.TrimSpace(code)})
	for _, w := range wants {
		if w.value == "" || !strings.Contains(flat, squash(w.value)) {
			t.Errorf("the PDF lacks the %s %q", w.what, w.value)
		}
	}
	if len(wants) < 20 {
		t.Errorf("only %d values checked", len(wants))
	}

	// Pages: A4, the RACI matrices on landscape A4; the table of contents
	// right; the sign-off page last.
	pages := pdfPageCount(t, pdfinfo, file)
	sizes := pageSizes(t, pdfinfo, file, pages)
	var landscape []int
	for i, s := range sizes {
		switch s {
		case "594.96 x 841.92 pts (A4)":
		case "841.92 x 594.96 pts (A4)":
			landscape = append(landscape, i+1)
		default:
			t.Errorf("page %d is %s, want A4", i+1, s)
		}
	}
	if len(sizes) != pages || len(landscape) == 0 {
		t.Errorf("%d page sizes for %d pages, landscape pages %v: want the RACI matrix of 14 people on landscape A4", len(sizes), pages, landscape)
	}
	pageText := func(n int) string {
		return run(t, pdftotext, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), file, "-")
	}
	for _, n := range landscape {
		if !strings.Contains(pageText(n), "RACI") {
			t.Errorf("landscape page %d has no RACI matrix", n)
		}
	}
	toc := run(t, pdftotext, "-layout", "-f", "2", "-l", "3", file, "-")
	entries := regexp.MustCompile(`(?m)^ *(\S.*?\S) {2,}(\d+)$`).FindAllStringSubmatch(toc, -1)
	if n := 3 + len(res.Site.Pages); len(entries) < n-12 { // readiness, people, sign-off, every page or chapter (less folders of one kind)
		t.Errorf("the table of contents has %d numbered entries, want about %d:\n%s", len(entries), n, toc)
	}
	last := 0
	for _, e := range entries {
		title, n := e[1], e[2]
		page, _ := strconv.Atoi(n)
		if page < last || page > pages {
			t.Errorf("table of contents: %q on page %d, after page %d of %d", title, page, last, pages)
		}
		last = page
		if !headingOn(run(t, pdftotext, "-layout", "-f", n, "-l", n, file, "-"), title) {
			t.Errorf("table of contents: %q on page %d, which does not have it as a heading", title, page)
		}
	}
	if last != pages || !strings.Contains(pageText(pages), "Ondertekening") || !strings.Contains(pageText(pages), "Handtekening") {
		t.Errorf("the sign-off should be the last page, %d; the table of contents ends at %d", pages, last)
	}
	cover := strings.Join(strings.Fields(pageText(1)), " ")
	for _, w := range []string{"Overdracht AI in klantcontact", "Voorbeeld Financiële Diensten", "Hanneke Vos", "31 december 2026",
		"Managementteam, 15 november 2026", "static/commitment.pdf", "100% · stand per 20 november 2026"} {
		if !strings.Contains(cover, w) {
			t.Errorf("the cover lacks %q: %s", w, cover)
		}
	}
	if strings.Contains(cover, "Pagina") {
		t.Errorf("the cover has a page number or running header: %s", cover)
	}
	if p2 := pageText(2); !strings.Contains(p2, "Overdracht AI in klantcontact") || !strings.Contains(p2, "Versie: 20 november 2026") || !strings.Contains(p2, "Pagina 2 van "+strconv.Itoa(pages)) {
		t.Errorf("page 2 lacks the running header or the page number:\n%s", p2)
	}

	// The same input gives the same bytes, wherever it is published.
	_, again := buildPDF(t, site)
	data2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, data2) {
		i := 0
		for i < len(data) && i < len(data2) && data[i] == data2[i] {
			i++
		}
		t.Errorf("two prints differ at byte %d of %d: %q ≠ %q", i, len(data), data[i:min(len(data), i+40)], data2[i:min(len(data2), i+40)])
	}

	if dir := os.Getenv("HANDOVER_PDF_PAGES"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		codePage := 0
		for n := 1; n <= pages && codePage == 0; n++ {
			if strings.Contains(squash(pageText(n)), squash(code)) {
				codePage = n
			}
		}
		for name, n := range map[string]int{"cover": 1, "toc": 2, "raci": landscape[0], "code": codePage} {
			run(t, pdftoppm, "-png", "-r", "80", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", file, filepath.Join(dir, name))
			t.Logf("%s: page %d", filepath.Join(dir, name+".png"), n)
		}
	}
}

// TestPrintPDFWideRACI prints a site on Letter paper (print.paper) whose
// RACI matrix names 20 people: the pages are Letter, the matrix is on
// landscape pages in tables of at most 16 people, each with every
// activity, and every name and every letter is printed.
func TestPrintPDFWideRACI(t *testing.T) {
	pdftotext, pdfinfo, _ := needPDFTools(t)
	site := t.TempDir()
	var people, r strings.Builder
	people.WriteString("people:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&people, "  - id: p%02d\n    name: Medewerker Nummer%02d\n    role: Functie %d\n", i, i, i)
	}
	r.WriteString("---\ntitle: Brede RACI\nowner: p01\nraci:\n")
	for a := 1; a <= 6; a++ {
		fmt.Fprintf(&r, "  - activity: Activiteit nummer %d met een wat langere omschrijving\n    R: [p%02d, p%02d]\n    A: p%02d\n    C: [p%02d, p%02d]\n    I: [p%02d, p%02d, p%02d]\n",
			a, a, a+6, (a*3)%20+1, a+12, (a+14)%20+1, (a*7)%20+1, (a*5)%20+1, 20-a)
	}
	r.WriteString("---\n\nDe tabel hierboven is leidend.\n")
	files := map[string]string{
		"handover.yaml":                     "title: Brede overdracht\nlanguage: nl\norganisation: Proef\nprint:\n  paper: letter\nsignoff:\n  - by: p01\n  - name: Interim\n    role: draagt over\n",
		"people.yaml":                       people.String(),
		"content/_index.md":                 "# Overdracht\n\nTekst.\n",
		"content/governance/brede-raci.md":  r.String(),
		"content/processes/iets-doen.md":    "---\ntitle: Iets doen\nowner: p02\n---\n\nUitleg.\n",
		"content/instructions/handeling.md": "---\ntitle: Handeling\nowner: p03\n---\n\n```\n" + strings.Repeat("lange_regel_zonder_spaties_", 12) + "EINDE\n```\n",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "dossier.pdf")
	res, err := Build(context.Background(), Options{Site: site, Destination: filepath.Join(dir, "public"), Now: e2eToday, PDF: file})
	if err != nil && !errors.Is(err, ErrContent) {
		t.Fatalf("build: %v", err)
	}
	if !res.Published {
		t.Fatalf("not published: %v\n%s", err, diagLines(res))
	}
	pages := pdfPageCount(t, pdfinfo, file)
	var landscape []int
	for i, s := range pageSizes(t, pdfinfo, file, pages) {
		switch s {
		case "612 x 792 pts (letter)":
		case "792 x 612 pts (letter)":
			landscape = append(landscape, i+1)
		default:
			t.Errorf("page %d is %s, want Letter", i+1, s)
		}
	}
	if len(landscape) == 0 {
		t.Fatal("no landscape page for the RACI matrix of 20 people")
	}
	var wide string
	for _, n := range landscape {
		wide += run(t, pdftotext, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), file, "-")
	}
	flat := squash(wide)
	for i := 1; i <= 20; i++ {
		if name := fmt.Sprintf("MedewerkerNummer%02d", i); !strings.Contains(flat, name) {
			t.Errorf("the landscape pages lack %s", name)
		}
	}
	for a := 1; a <= 6; a++ {
		act := fmt.Sprintf("Activiteit nummer %d met een wat langere omschrijving", a)
		if n := strings.Count(flat, squash(act)); n != 2 {
			t.Errorf("%q is %d times on the landscape pages, want twice: once in each table", act, n)
		}
	}
	if n := strings.Count(wide, "RACI-matrix per activiteit ("); n != 2 {
		t.Errorf("%d tables of the matrix, want 2 (20 people, at most 16 a table):\n%s", n, wide)
	}
	all := squash(run(t, pdftotext, file, "-"))
	if !strings.Contains(all, strings.Repeat("lange_regel_zonder_spaties_", 12)+"EINDE") {
		t.Error("the long line of code is cut off")
	}
	if !strings.Contains(all, "MedewerkerNummer01") || !strings.Contains(all, "Interim") {
		t.Error("the sign-off lacks who signs")
	}
}

// TestPrintPDFWithoutBrowser builds with --pdf and no browser: the build
// fails with a message that says what to install, as a failure of the
// environment (exit 3, not bad usage), and the site is published all the
// same.
func TestPrintPDFWithoutBrowser(t *testing.T) {
	t.Setenv(pdf.EnvBrowser, filepath.Join(t.TempDir(), "no-chromium"))
	dir := t.TempDir()
	file := filepath.Join(dir, "dossier.pdf")
	res, err := Build(context.Background(), Options{Site: filepath.Join("..", "examples", "en-small"), Destination: filepath.Join(dir, "public"), Now: e2eToday, PDF: file})
	if !errors.Is(err, pdf.ErrNoBrowser) || errors.Is(err, ErrUsage) || errors.Is(err, ErrContent) {
		t.Fatalf("err = %v, want one that wraps pdf.ErrNoBrowser (exit 3)", err)
	}
	for _, want := range []string{"--pdf " + file, "apt-get install chromium", "published"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if !res.Published {
		t.Error("the site was not published")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "print", "index.html")); err != nil {
		t.Errorf("the site is not there: %v", err)
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("a PDF was written without a browser")
	}
}

// TestPDFPathChecks checks --pdf like the other path flags: refused inside
// the sources, over a folder, over a file handover did not write, over the
// archive, inside the cache and over a page of the site; a PDF handover
// wrote may be replaced.
func TestPDFPathChecks(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"content", "www"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "content", "_index.md"), []byte("# Overdracht\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	theirs := filepath.Join(root, "theirs.pdf")
	ours := filepath.Join(root, "ours.pdf")
	if err := os.WriteFile(theirs, []byte("%PDF-1.7\n1 0 obj\n<</Creator (Word)>>\nendobj\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ours, []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Title (x)\n/Creator (handover 1.0)>>\nendobj\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, pdf, archive, cache, want string
	}{
		{name: "inside content", pdf: filepath.Join(site, "content", "x.pdf"), want: "inside the site's sources (content)"},
		{name: "over handover.yaml", pdf: filepath.Join(site, "handover.yaml"), want: "inside the site's sources (handover.yaml)"},
		{name: "a folder", pdf: filepath.Join(site, "www"), want: "is a folder"},
		{name: "a PDF of the user's", pdf: theirs, want: "not a PDF handover wrote"},
		{name: "the archive", pdf: filepath.Join(root, "x.zip"), archive: filepath.Join(root, "x.zip"), want: "name the same file"},
		{name: "inside the cache", pdf: filepath.Join(root, "cache", "x.pdf"), cache: filepath.Join(root, "cache"), want: "inside the cache folder"},
		{name: "a PDF handover wrote", pdf: ours},
		{name: "a new file", pdf: filepath.Join(root, "new.pdf")},
	} {
		err := publish.Check(publish.Paths{Site: site, Destination: filepath.Join(root, "public"), PDF: c.pdf, Archive: c.archive, Cache: c.cache})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (!errors.Is(err, publish.ErrUsage) || !strings.Contains(fmt.Sprint(err), c.want)):
			t.Errorf("%s: err = %v, want a refusal that says %q", c.name, err, c.want)
		}
	}
	// Over a file of the site itself, inside the output folder.
	dest := filepath.Join(root, "out")
	_, err := Build(context.Background(), Options{Site: site, Destination: dest, Now: e2eToday, PDF: filepath.Join(dest, "index.html")})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "--pdf") {
		t.Errorf("--pdf over the site's index.html: err = %v, want a refusal", err)
	}
}
