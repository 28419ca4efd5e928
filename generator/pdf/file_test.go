package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// samplePDF writes a PDF the way Chromium's Skia does: the document
// information first, uncompressed objects, a classic cross-reference table.
// Page 2 (object 5) holds the destination "p-b#1", a link to a file of the
// site and one elsewhere; two structure elements have IDs from Blink.
func samplePDF(root string) []byte {
	objs := []string{
		"<</Title (Dossier \\(afdruk\\))\n/Creator (Mozilla/5.0 \\(X11\\) HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261206053755+00'00')\n/ModDate (D:20261206053755+00'00')>>",
		"<</Type /Catalog\n/Pages 3 0 R\n/Dests 6 0 R>>",
		"<</Type /Pages\n/Count 2\n/Kids [4 0 R 7 0 R]>>",
		"<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 594.96 841.92]>>",
		"<</Type /Page\n/Parent 7 0 R\n/MediaBox [0 0 841.92 594.96]\n/Annots [8 0 R 9 0 R]>>",
		"<</p-a [4 0 R /XYZ 6 827.66998 0]\n/p-b#231 [5 0 R /XYZ 6 580.70996 0]\n/p-c <</D [5 0 R /Fit]>>>>",
		"<</Type /Pages\n/Parent 3 0 R\n/Count 1\n/Kids [5 0 R]>>",
		"<</Type /Annot\n/Subtype /Link\n/A <</S /URI\n/URI (" + root + "/commitment.pdf)>>>>",
		"<</Type /Annot\n/Subtype /Link\n/A <</S /URI\n/URI (https://example.com/x)>>>>",
		"<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [(node00000278)]>>]\n/ID (node00000012)>>",
		"<</Type /StructElem\n/S /TH\n/ID (node00000278)>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs)+1)
	for i, o := range objs {
		offsets[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF", len(objs)+1, xref)
	return b.Bytes()
}

// checkOffsets fails unless every object of data is where its
// cross-reference entry says.
func checkOffsets(t *testing.T, data []byte) *file {
	t.Helper()
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for n, off := range f.offsets {
		if want := fmt.Sprintf("%d 0 obj", n); !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("object %d: offset %d points at %q", n, off, data[off:min(len(data), off+12)])
		}
	}
	return f
}

func TestDestinations(t *testing.T) {
	f := checkOffsets(t, samplePDF("file:///srv/site"))
	got, err := f.destinations()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"p-a": 1, "p-b#1": 2, "p-c": 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("destinations = %v, want %v", got, want)
	}
}

// TestFinish rewrites the document information and the links, and checks
// that the result is a PDF whose every object is found, with the title
// kept, the dates pinned, handover as Creator, the link to the site's file
// relative and the other link as it was.
func TestFinish(t *testing.T) {
	root := t.TempDir()
	data := samplePDF(fileURL(root))
	date := time.Date(2026, 9, 21, 14, 13, 20, 0, time.UTC)
	out, err := finish(data, Options{Root: root, Date: date, Creator: "handover 1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	f := checkOffsets(t, out)
	info, _ := f.resolve(f.trailer["Info"]).(dict)
	for k, want := range map[string]string{
		"Title":        "Dossier (afdruk)",
		"Creator":      "handover 1.2.3",
		"Producer":     "handover with Skia/PDF m156",
		"CreationDate": "D:20260921141320+00'00'",
		"ModDate":      "D:20260921141320+00'00'",
	} {
		if info[k] != want {
			t.Errorf("/%s = %q, want %q", k, info[k], want)
		}
	}
	if bytes.Contains(out, []byte(fileURL(root))) || !bytes.Contains(out, []byte("/URI (commitment.pdf)")) {
		t.Errorf("the link to the site's file is not relative:\n%s", out)
	}
	if !bytes.Contains(out, []byte("/URI (https://example.com/x)")) {
		t.Error("the link elsewhere changed")
	}
	if !bytes.Contains(out, []byte("/Headers [(node00000001)]>>]\n/ID (node00000002)")) || !bytes.Contains(out, []byte("/S /TH\n/ID (node00000001)")) {
		t.Errorf("the structure elements' IDs are not numbered in order:\n%s", out)
	}
	if got, _ := f.destinations(); got["p-b#1"] != 2 {
		t.Errorf("destinations after the rewrite: %v", got)
	}
	if !regexp.MustCompile(`(?s)\A%PDF-1\.4\n.*%%EOF\n\z`).Match(out) {
		t.Error("not a whole PDF")
	}
	again, _ := finish(data, Options{Root: root, Date: date, Creator: "handover 1.2.3"})
	if !bytes.Equal(out, again) {
		t.Error("finish is not deterministic")
	}
}

func TestParseRefusesOtherShapes(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a PDF":   []byte("hello"),
		"no xref":     []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9999\n%%EOF"),
		"xref stream": []byte("%PDF-1.7\n1 0 obj\n<</Type /XRef>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF"),
	} {
		if _, err := parse(data); !errors.Is(err, errShape) {
			t.Errorf("%s: err = %v, want errShape", name, err)
		}
	}
}

func TestLiteralStrings(t *testing.T) {
	l := &lexer{b: []byte(`(a\(b\)c \\ \101 (nested) \n)`)}
	if got := l.value(); got != "a(b)c \\ A (nested) \n" {
		t.Errorf("got %q", got)
	}
	if got := literal(`x (y) \z`); got != `(x \(y\) \\z)` {
		t.Errorf("literal = %s", got)
	}
}

// TestFindNoBrowser checks the message without a browser: it says what
// to install.
func TestFindNoBrowser(t *testing.T) {
	t.Setenv(EnvBrowser, "/nonexistent/chromium")
	_, err := Find()
	if !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("err = %v, want ErrNoBrowser", err)
	}
	for _, want := range []string{"apt-get install chromium", "brew install", EnvBrowser} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if err := Write(t.Context(), Options{Page: "x.html", Out: t.TempDir() + "/x.pdf"}); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("Write: err = %v, want ErrNoBrowser", err)
	}
	if _, err := os.Stat(t.TempDir() + "/x.pdf"); err == nil {
		t.Error("Write without a browser wrote a file")
	}
}
