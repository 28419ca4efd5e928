package generator

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// tag is one start tag found in an HTML file.
type tag struct {
	name  string
	attrs map[string]string // lower-case names; values with entities decoded
	raw   string
}

// scanTags lists the start tags of an HTML document the way a browser's
// tokenizer sees them: comments skipped, the text of script and style
// elements not parsed as markup, attribute values quoted or bare.
func scanTags(doc string) []tag {
	var out []tag
	for i := 0; i < len(doc); {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return out
			}
			i += 4 + end + 3
			continue
		case len(rest) < 2 || !isASCIILetter(rest[1]):
			i++
			continue
		}
		t, n := parseTag(rest)
		out = append(out, t)
		i += n
		if t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title" {
			// raw text until the end tag
			end := strings.Index(strings.ToLower(doc[i:]), "</"+t.name)
			if end < 0 {
				break
			}
			i += end
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// parseTag parses the start tag at the beginning of s ("<a href=x>"),
// returning it and its length.
func parseTag(s string) (tag, int) {
	i := 1
	for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	t := tag{name: strings.ToLower(s[1:i]), attrs: map[string]string{}}
	for i < len(s) {
		for i < len(s) && (isSpaceByte(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) || s[i] == '>' {
			break
		}
		start := i
		for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' && (s[i] != '=' || i == start) {
			i++
		}
		name := strings.ToLower(s[start:i])
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		val := ""
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpaceByte(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					end = len(s) - i - 1
				}
				val = s[i+1 : i+1+end]
				i += end + 2
			} else {
				vs := i
				for i < len(s) && !isSpaceByte(s[i]) && s[i] != '>' {
					i++
				}
				val = s[vs:i]
			}
		}
		if _, dup := t.attrs[name]; !dup { // browsers keep the first
			t.attrs[name] = html.UnescapeString(val)
		}
	}
	if i < len(s) {
		i++ // '>'
	}
	i = min(i, len(s))
	t.raw = s[:i]
	return t, i
}

// urlAttrs are the attributes whose value a browser follows as a URL.
var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset", "cite", "ping"}

// dangerousScheme returns the script-running scheme a URL attribute value
// starts with, as a browser reads it (entities already decoded; control
// characters and white space ignored), or "".
func dangerousScheme(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' {
			s := strings.ToLower(b.String())
			switch s {
			case "javascript", "vbscript", "livescript":
				return s
			case "data":
				return s
			}
			return ""
		}
		if r == '/' || r == '?' || r == '#' {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

// themeScript is the src of a script element the theme writes itself.
var themeScript = regexp.MustCompile(`^(\./|(\.\./)*)assets/[a-z0-9/_-]+\.js$`)

var eventAttr = regexp.MustCompile(`^on[a-z]+$`)

// markupProblems lists what in one output file could run script in a
// reader's browser: in HTML a script element that is not one of the
// theme's, an on* event attribute, a URL attribute with a script scheme or
// an iframe, object or embed; in other text files the string "<script" or
// "</script" (JSON must escape '<').
func markupProblems(name string, data []byte) []string {
	var out []string
	switch {
	case strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm"):
		for _, t := range scanTags(string(data)) {
			out = append(out, tagProblems(t)...)
		}
	case strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".xml"):
		if strings.HasPrefix(name, "assets/") {
			return nil // the theme's own code
		}
		low := bytes.ToLower(data)
		for _, s := range []string{"<script", "</script", "<img", "<iframe", "<svg"} {
			if i := bytes.Index(low, []byte(s)); i >= 0 {
				out = append(out, fmt.Sprintf("contains %q: %s", s, excerpt(string(data), string(data[i:i+len(s)]))))
			}
		}
	}
	return out
}

// tagProblems lists what in one start tag could run script.
func tagProblems(t tag) []string {
	var out []string
	switch t.name {
	case "script":
		if src, ok := t.attrs["src"]; !ok || !themeScript.MatchString(src) {
			out = append(out, "script element not from the theme: "+t.raw)
		}
	case "iframe", "object", "embed", "frame", "frameset", "base", "applet":
		out = append(out, "element "+t.name+" from content: "+t.raw)
	case "meta":
		if strings.EqualFold(t.attrs["http-equiv"], "refresh") {
			out = append(out, "meta refresh: "+t.raw)
		}
	}
	for a, v := range t.attrs {
		if eventAttr.MatchString(a) {
			out = append(out, "event handler attribute "+a+": "+t.raw)
		}
		for _, u := range urlAttrs {
			if a == u && dangerousScheme(v) != "" {
				out = append(out, "URL with scheme "+dangerousScheme(v)+": "+t.raw)
			}
		}
		if a == "style" && strings.Contains(strings.ToLower(v), "expression(") || a == "srcdoc" {
			out = append(out, "script in "+a+": "+t.raw)
		}
	}
	return out
}

// icsProblems checks that every unfolded line of a calendar is a property
// (NAME[;params]:value), so no value can start a property or component of
// its own, and that there are as many BEGIN as END lines.
func icsProblems(data []byte) []string {
	var out []string
	text := strings.ReplaceAll(string(data), "\r\n ", "")
	text = strings.ReplaceAll(text, "\r\n\t", "")
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		out = append(out, "a bare CR or LF inside a line")
	}
	prop := regexp.MustCompile(`^[A-Z][A-Z0-9-]*(;[A-Za-z0-9-]+=("[^"]*"|[^;:,"]*)(,("[^"]*"|[^;:,"]*))*)*:`)
	begins, ends := 0, 0
	for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if !prop.MatchString(l) {
			out = append(out, fmt.Sprintf("line %q is not a property", l))
		}
		if strings.HasPrefix(l, "BEGIN:") {
			begins++
		}
		if strings.HasPrefix(l, "END:") {
			ends++
		}
	}
	if begins != ends {
		out = append(out, fmt.Sprintf("%d BEGIN and %d END lines", begins, ends))
	}
	return out
}
