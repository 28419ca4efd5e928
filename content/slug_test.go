package content

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestAnchor(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Risico's en maatregelen", "risicos-en-maatregelen"},
		{"Risico’s en maatregelen", "risicos-en-maatregelen"},
		{"Coördinatie één", "coordinatie-een"},
		{norm.NFD.String("Coördinatie één"), "coordinatie-een"},
		{"Stap 3: Controleer", "stap-3-controleer"},
		{"ĳsbeer", "ijsbeer"},
		{"Ĳsselmeer", "ijsselmeer"},
		{"  Leading and trailing  ", "leading-and-trailing"},
		{"A -- B", "a-b"},
		{"snake_case name", "snake_case-name"},
		{"C++ & Go!", "c-go"},
		{"Ελληνικά Κείμενο", "ελληνικα-κειμενο"},
		{"日本語", "日本語"},
		{"", ""},
		{"!!!", ""},
		{"`code` here", "code-here"},
	} {
		if got := Anchor(tc.in); got != tc.want {
			t.Errorf("Anchor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAnchorIJAfterWord pins a bug: the ĳ ligature after a space joins the
// words without a dash, because its case never writes the pending dash.
func TestAnchorIJAfterWord(t *testing.T) {
	if got, want := Anchor("Het ĳs"), "het-ijs"; got != want {
		t.Fatalf("Anchor(%q) = %q, want %q (the ĳ case drops the pending dash)", "Het ĳs", got, want)
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"incident handling", "incident-handling"},
		{"Incident Handling", "incident-handling"},
		{"a#b", "a-b"},
		{"a?b", "a-b"},
		{"100%", "100"},
		{"50% klaar", "50-klaar"},
		{`say "hi"`, "say-hi"},
		{"risico's", "risico-s"},
		{"<b>bold</b>", "b-bold-b"},
		{`back\slash`, "back-slash"},
		{"a:b|c*d", "a-b-c-d"},
		{"Ελληνικά", "ελληνικά"},
		{"Überblick", "überblick"},
		{norm.NFD.String("Überblick"), "überblick"},
		{"日本語", "日本語"},
		{"con", "_con"},
		{"CON", "_con"},
		{"con.tar", "_con.tar"},
		{"lpt1", "_lpt1"},
		{"console", "console"},
		{"", "_"},
		{".", "_"},
		{"..", "_"},
		{"...", "_"},
		{"-", "_"},
		{"###", "_"},
		{".hidden", "hidden"},
		{"trailing.", "trailing"},
		{"a\x00b", "a-b"},
		{"a\xffb", "a-b"},
		{"tab\there", "tab-here"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Slug(tc.in); Slug(got) != got {
			t.Errorf("Slug(%q) = %q is not stable: Slug again gives %q", tc.in, got, Slug(got))
		}
	}
}

func TestURLOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"_index.md", ""},
		{"processes/_index.md", "processes/"},
		{"processes/sub/_index.md", "processes/sub/"},
		{"processes/incident-handling.md", "processes/incident-handling/"},
		{"instructions/it/backup.md", "instructions/it/backup/"},
		{"Processes/Incident Handling.md", "processes/incident-handling/"},
		{"notes/a#b?.md", "notes/a-b/"},
		{"notes/100%.md", "notes/100/"},
		{`notes/"quoted".md`, "notes/quoted/"},
		{"notes/<b>x.md", "notes/b-x/"},
		{"notes/Ελληνικά.md", "notes/ελληνικά/"},
		{"con.md", "_con/"},
		{"aux/nul.md", "_aux/_nul/"},
		{"page.markdown", "page/"},
		{"a.b.md", "a.b/"},
		{"../escape.md", "_/escape/"},
		{"./x.md", "_/x/"},
		{"a//b.md", "a/b/"},
	} {
		if got := URLOf(tc.in); got != tc.want {
			t.Errorf("URLOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	nfc, nfd := "processes/Coördinatie één.md", norm.NFD.String("processes/Coördinatie één.md")
	if URLOf(nfc) != URLOf(nfd) {
		t.Errorf("NFC and NFD names give different URLs: %q and %q", URLOf(nfc), URLOf(nfd))
	}
}

func TestStaticPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"commitment.pdf", "commitment.pdf"},
		{"Docs/Rapport Q1.PDF", "docs/rapport-q1.pdf"},
		{"img/Logo.SVG", "img/logo.svg"},
		{"con.txt", "_con.txt"},
		{"archive.tar.gz", "archive.tar.gz"},
		{"noext", "noext"},
		{"a b/c d/e f.png", "a-b/c-d/e-f.png"},
		{norm.NFD.String("Überblick.pdf"), "überblick.pdf"},
	} {
		if got := StaticPath(tc.in); got != tc.want {
			t.Errorf("StaticPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStaticPathExtension pins a bug: the extension is only lower-cased,
// so characters that Slug removes (space, '#', '?', '%') survive in it.
func TestStaticPathExtension(t *testing.T) {
	for _, in := range []string{"report.p df", "x.a#b", "x.a?b", "x.100%"} {
		if got := StaticPath(in); !validOutPath(got) {
			t.Fatalf("StaticPath(%q) = %q keeps reserved characters in the extension", in, got)
		}
	}
}
