package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeID sets a page's id from its front matter. An id must be a plain
// relative slash path (processes/intake): one that is not is a front-matter
// error at the value, and the page keeps the id of its path.
func decodeID(d *decoder, p *Page, key string, v *yaml.Node) {
	raw := strings.TrimSpace(d.str(key, v))
	id := normID(raw)
	if id == "" {
		return
	}
	problem := idProblem(raw)
	if problem == "" {
		problem = idProblem(id) // "...md" is ".." once .md is gone
	}
	if problem != "" {
		d.errorf(v, "id %q is not a plain relative path: it %s; the page keeps the id of its path", raw, problem)
		return
	}
	p.ID = id
}

// idProblem says why id is not a plain relative slash path, or returns ""
// when it is one: no empty, "." or ".." segment, no leading '/', no
// backslash, control character or drive letter.
func idProblem(id string) string {
	switch {
	case !utf8.ValidString(id):
		return "is not valid UTF-8"
	case strings.ContainsFunc(id, unicode.IsControl):
		return "holds a control character"
	case strings.Contains(id, `\`):
		return `holds a backslash (separate folders with "/")`
	case strings.HasPrefix(id, "/"):
		return `starts with "/"`
	case len(id) >= 2 && id[1] == ':' && ('a' <= id[0]|0x20 && id[0]|0x20 <= 'z'):
		return "starts with a drive letter"
	}
	for seg := range strings.SplitSeq(id, "/") {
		switch seg {
		case "":
			return "has an empty segment"
		case ".", "..":
			return fmt.Sprintf("has a %q segment", seg)
		}
	}
	return ""
}
