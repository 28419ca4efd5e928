package importer

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// Hugo shortcodes are template calls inside the Markdown. The common
// callout shortcodes of Hugo's documentation themes (Docsy's alert and
// pageinfo, the Learn and Relearn themes' notice, Hugo Book's hint, Hextra's
// callout) become Docusaurus-style containers, which handover renders as
// callouts; ref and relref become the link they stand for; any other
// shortcode on a line of its own is dropped, its content kept, and noted.

var (
	// shortcodeTag is one shortcode tag, {{< name args >}} or
	// {{% name args %}}, or a closing tag {{< /name >}}; it may span lines.
	// Hugo's escaped form {{</* … */>}} is not one.
	shortcodeTag = regexp.MustCompile(`(?s)\{\{([<%])\s*(/?)\s*([A-Za-z_][\w/.-]*)\b(.*?)\s*/?[%>]\}\}`)
	blankLines   = regexp.MustCompile(`\n{3,}`)
	shortcodeArg = regexp.MustCompile(`(\w+)\s*=\s*"([^"]*)"|"([^"]*)"|(\S+)`)
)

// calloutShortcodes are the shortcodes that are callouts, with the kind
// each is when its arguments name none.
var calloutShortcodes = map[string]string{
	"alert": "note", "pageinfo": "info", "notice": "note", "hint": "note", "callout": "note",
	"admonition": "note", "note": "note", "tip": "tip", "warning": "warning", "info": "info", "caution": "caution",
}

// calloutColours maps the colours and types the themes take as arguments
// onto callout kinds.
var calloutColours = map[string]string{
	"primary": "note", "secondary": "note", "info": "info", "note": "note", "tip": "tip", "success": "success",
	"warning": "warning", "danger": "danger", "error": "danger", "important": "important", "caution": "caution",
	"light": "note", "dark": "note",
}

// hugoShortcodes rewrites the shortcodes of the page f outside code blocks.
func (p *plan) hugoShortcodes(f string, body []byte) []byte {
	if !strings.Contains(string(body), "{{") {
		return body
	}
	var out, text strings.Builder
	dropped := map[string]bool{}
	var order []string
	flush := func() {
		out.WriteString(shortcodeTag.ReplaceAllStringFunc(text.String(), func(tag string) string {
			m := shortcodeTag.FindStringSubmatch(tag)
			closing, name, args := m[2] == "/", strings.ToLower(m[3]), m[4]
			if def, ok := calloutShortcodes[name]; ok {
				if closing {
					return "\n\n:::\n\n"
				}
				return "\n\n" + calloutOpening(def, args) + "\n\n"
			}
			if (name == "ref" || name == "relref") && !closing {
				if a := shortcodeArg.FindStringSubmatch(strings.TrimSpace(args)); a != nil {
					return p.refTarget(f, a[2]+a[3]+a[4])
				}
			}
			if !dropped[name] {
				dropped[name] = true
				order = append(order, name)
			}
			return ""
		}))
		text.Reset()
	}
	fence := ""
	for _, l := range strings.SplitAfter(string(body), "\n") {
		t := strings.TrimLeft(l, " ")
		isFence := strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
		switch {
		case fence == "" && isFence:
			flush()
			fence = t[:3]
			out.WriteString(l)
		case fence != "":
			if isFence && strings.HasPrefix(t, fence) {
				fence = ""
			}
			out.WriteString(l)
		default:
			text.WriteString(l)
		}
	}
	flush()
	for _, name := range order {
		p.lost = append(p.lost, fmt.Sprintf("%s: the Hugo shortcode %q is not carried over: its tags are dropped, the text between them kept", f, name))
	}
	// a callout opened inside a paragraph leaves blank lines behind;
	// Hugo shows an escaped shortcode ({{</* x */>}}) as the shortcode
	res := blankLines.ReplaceAllString(out.String(), "\n\n")
	return []byte(strings.NewReplacer("{{</*", "{{<", "*/>}}", ">}}", "{{%/*", "{{%", "*/%}}", "%}}").Replace(res))
}

// calloutOpening returns the container line that opens a callout shortcode
// with args: its kind from a color or type argument or the first
// positional one, its title from a title argument.
func calloutOpening(kind, args string) string {
	title := ""
	for _, m := range shortcodeArg.FindAllStringSubmatch(args, -1) {
		key, val := strings.ToLower(m[1]), m[2]
		if key == "" {
			val = m[3] + m[4]
		}
		switch key {
		case "title":
			title = val
		case "", "color", "type", "style", "context":
			for _, word := range strings.Fields(strings.ToLower(val)) {
				if k, ok := calloutColours[word]; ok {
					kind = k
					break
				}
			}
		}
	}
	if title = strings.NewReplacer("[", "", "]", "").Replace(strings.TrimSpace(title)); title != "" {
		return ":::" + kind + "[" + title + "]"
	}
	return ":::" + kind
}

// refTarget returns the link a ref or relref shortcode of page f stands
// for: a path relative to f's folder when the file is there, else one
// relative to the site's content (site-absolute).
func (p *plan) refTarget(f, ref string) string {
	target, frag, _ := strings.Cut(ref, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" {
		return frag
	}
	if strings.HasPrefix(target, "/") {
		return target + frag
	}
	if _, err := fs.Stat(p.src, path.Join(path.Dir(f), target)); err == nil {
		return target + frag
	}
	return "/" + target + frag
}
