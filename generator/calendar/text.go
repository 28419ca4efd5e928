package calendar

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest physical line RFC 5545 allows, without CRLF.
const maxLineOctets = 75

// param is one property parameter, such as CN=Jan.
type param struct {
	name, value string
}

// lineWriter collects content lines, folded and CRLF-terminated.
type lineWriter struct {
	buf bytes.Buffer
}

// line writes one logical content line, folding it as needed.
func (w *lineWriter) line(s string) {
	for i, part := range fold(s) {
		if i > 0 {
			w.buf.WriteByte(' ')
		}
		w.buf.WriteString(part)
		w.buf.WriteString("\r\n")
	}
}

// prop writes a property whose value is already in its encoded form.
func (w *lineWriter) prop(name string, params []param, value string) {
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteString(";" + p.name + "=" + paramValue(p.value))
	}
	b.WriteString(":" + value)
	w.line(b.String())
}

// text writes a property of value type TEXT, escaped.
func (w *lineWriter) text(name, value string) {
	w.prop(name, nil, escapeText(value))
}

// fold splits a content line into physical lines: the first at most 75
// octets, the rest at most 74 so that with their leading space they are 75
// too. It never splits a UTF-8 sequence.
func fold(s string) []string {
	var parts []string
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit // not UTF-8; cannot happen for cleaned text
		}
		parts = append(parts, s[:cut])
		s = s[cut:]
		limit = maxLineOctets - 1
	}
	return append(parts, s)
}

// cleanText makes s representable as iCalendar TEXT: valid UTF-8, CRLF
// and CR as LF, and no control characters other than tab and LF.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || !isControl(r) {
			return r
		}
		return -1
	}, s)
}

// isControl reports whether r is a CONTROL character of RFC 5545.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f
}

// textEscaper escapes the characters RFC 5545 TEXT values reserve; it is
// made once because building a Replacer is costly and it is never changed.
var textEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\n", `\n`)

// escapeText encodes s as an RFC 5545 TEXT value (section 3.3.11).
func escapeText(s string) string {
	return textEscaper.Replace(cleanText(s))
}

// paramValue encodes s as a parameter value, quoting it when it holds a
// character that paramtext does not allow. A double quote cannot appear
// in either form, so it becomes a single quote.
func paramValue(s string) string {
	s = strings.ReplaceAll(cleanText(s), "\n", " ")
	s = strings.ReplaceAll(s, "\t", " ")
	s = strings.ReplaceAll(s, `"`, "'")
	if strings.ContainsAny(s, ";:,") {
		return `"` + s + `"`
	}
	return s
}
