package calendar

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// unfold joins physical lines back into content lines (RFC 5545 3.1).
func unfold(s string) string {
	return strings.ReplaceAll(s, "\r\n ", "")
}

// unescape decodes a TEXT value; it is written independently of
// escapeText so that the two check each other.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// written returns what lineWriter.text writes for name and value.
func written(name, value string) string {
	var w lineWriter
	w.text(name, value)
	return w.buf.String()
}

// checkPhysicalLines fails t when a line of out is not CRLF-terminated,
// longer than 75 octets, or not valid UTF-8 on its own.
func checkPhysicalLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("output does not end in CRLF: %q", out)
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > maxLineOctets {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d is not valid UTF-8 on its own: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, line)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"line 1\nline 2", `line 1\nline 2`},
		{"crlf\r\nand cr\r", `crlf\nand cr\n`},
		{"tab\tstays", "tab\tstays"},
		{"bell\a and nul\x00 go", "bell and nul go"},
		{"colon: quote\" stay", "colon: quote\" stay"},
		{"bad \xff utf-8", "bad \uFFFD utf-8"},
		{`\n is not a newline`, `\\n is not a newline`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParamValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jan de Vries", "Jan de Vries"},
		{"Bakker, M.", `"Bakker, M."`},
		{"a;b", `"a;b"`},
		{"Team: MT", `"Team: MT"`},
		{`Jan "JJ" Jansen`, "Jan 'JJ' Jansen"},
		{"two\nlines", "two lines"},
		{"Zoë Ünal", "Zoë Ünal"},
	}
	for _, tt := range tests {
		if got := paramValue(tt.in); got != tt.want {
			t.Errorf("paramValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"short", "SUMMARY:x", []string{"SUMMARY:x"}},
		{"exactly 75", strings.Repeat("a", 75), []string{strings.Repeat("a", 75)}},
		{"76", strings.Repeat("a", 76), []string{strings.Repeat("a", 75), "a"}},
		{"continuations hold 74", strings.Repeat("a", 75+74+1),
			[]string{strings.Repeat("a", 75), strings.Repeat("a", 74), "a"}},
		// "é" is two octets at offsets 74 and 75: it moves to the next line.
		{"no split in a sequence", strings.Repeat("a", 74) + "éb",
			[]string{strings.Repeat("a", 74), "éb"}},
		// "€" is three octets at offsets 73..75.
		{"three octets", strings.Repeat("a", 73) + "€",
			[]string{strings.Repeat("a", 73), "€"}},
	}
	for _, tt := range tests {
		got := fold(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: fold = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLongDutchDescription(t *testing.T) {
	desc := "Tijdens het overleg bespreken we de financiële rapportage, " +
		"de coördinatie met de ploegleiders en de rôle van de zoë-werkgroep; " +
		"daarnaast: reïntegratie, één prioriteit per week, café-afspraken en " +
		"de naïeve aannames uit Q3. Ook: ‘privé’ → ‘zakelijk’, €120 per uur, " +
		"ĳsbaan—Ærø—Øresund—Ångström, 日本語のテキスト en emoji 🎉🎉🎉 tot slot."
	if len(desc) < 300 {
		t.Fatalf("test text has %d octets, want at least 300", len(desc))
	}
	out := written("DESCRIPTION", desc)
	checkPhysicalLines(t, out)
	if n := strings.Count(out, "\r\n"); n < 5 {
		t.Errorf("folded into %d lines, want at least 5", n)
	}
	value := strings.TrimPrefix(strings.TrimSuffix(unfold(out), "\r\n"), "DESCRIPTION:")
	if got := unescape(value); got != desc {
		t.Errorf("round trip:\n got %q\nwant %q", got, desc)
	}
}

// FuzzText checks that any text written as a property comes back from
// unfolding and unescaping, and that no physical line is too long.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a;b,c\\d\ne", strings.Repeat("é", 80),
		strings.Repeat("a", 74) + "🎉", "\r\n\r\x00\xff", "ATTENDEE;CN=x:y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := written("DESCRIPTION", s)
		checkPhysicalLines(t, out)
		value, ok := strings.CutPrefix(strings.TrimSuffix(unfold(out), "\r\n"), "DESCRIPTION:")
		if !ok || strings.Contains(value, "\r\n") {
			t.Fatalf("not one content line: %q", out)
		}
		if got, want := unescape(value), cleanText(s); got != want {
			t.Fatalf("round trip of %q: got %q, want %q", s, got, want)
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) && cleanText(s) != s {
			t.Fatalf("cleanText changed clean text %q", s)
		}
	})
}
