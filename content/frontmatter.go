package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// RuleFrontMatter is the rule of every front matter diagnostic.
const RuleFrontMatter = "front-matter"

// normalize returns src with a BOM removed, CRLF and CR as LF, and invalid
// UTF-8 and NUL bytes replaced, reporting the replacements.
func normalize(file string, src []byte, diags *Diagnostics) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		line, col := firstBadByte(src)
		*diags = append(*diags, Diagnostic{Severity: Warning, Pos: Pos{File: file, Line: line, Col: col}, Rule: "encoding",
			Message: "the file is not valid UTF-8 text; bad bytes are shown as \uFFFD"})
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	return src
}

func firstBadByte(src []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return line, col
}

// splitFrontMatter cuts src into YAML front matter and body. It returns the
// front matter (nil when there is none), and the line on which the body starts.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---")) || !isFenceLine(firstLine(src)) {
		return nil, src, 1, true
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	if bytes.IndexByte(src, '\n') < 0 {
		return nil, nil, 1, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var cur []byte
		if end < 0 {
			cur = rest[off:]
		} else {
			cur = rest[off : off+end]
		}
		if isFenceLine(cur) || string(bytes.TrimRight(cur, " \t")) == "..." {
			fm = rest[:off]
			if end < 0 {
				return fm, nil, line + 1, true
			}
			return fm, rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 1, false
}

func firstLine(src []byte) []byte {
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		return src[:i]
	}
	return src
}

func isFenceLine(l []byte) bool { return string(bytes.TrimRight(l, " \t")) == "---" }

// decodeFrontMatter fills p from the front matter mapping.
func decodeFrontMatter(p *Page, fm []byte, diags *Diagnostics) {
	d := &decoder{file: p.File, line: 1, rule: RuleFrontMatter, diags: diags}
	root, ok := d.parseYAML(fm)
	p.brokenFrontMatter = !ok
	if !ok || root == nil {
		return
	}
	root = deref(root)
	if root.Kind != yaml.MappingNode {
		if isNull(root) {
			return
		}
		d.errorf(root, "front matter must be a mapping of keys to values, not a %s", kindName(root))
		return
	}
	pairs := d.pairs(root)
	p.keys = make([]keyPos, 0, len(pairs))
	for _, kv := range pairs {
		pos := d.pos(kv[0])
		p.keys = append(p.keys, keyPos{kv[0].Value, pos.Line, pos.Col})
		decodeKey(d, p, kv[0].Value, kv[1])
	}
}

func decodeKey(d *decoder, p *Page, key string, v *yaml.Node) {
	if f := fieldByKey[key]; f != nil {
		f.decode(d, p, key, v)
	}
}

// mappings calls each with every mapping of the list n; a list that is no
// list is the error "LIST, not a KIND", an item that is no mapping the
// error item. A null list is empty.
func (d *decoder) mappings(n *yaml.Node, list, item string, each func(*yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s, not a %s", list, kindName(n))
		return
	}
	for _, it := range n.Content {
		if it = deref(it); it.Kind != yaml.MappingNode {
			d.errorf(it, "%s", item)
			continue
		}
		each(it)
	}
}

func decodeRACI(d *decoder, n *yaml.Node) []RACIRow {
	var rows []RACIRow
	d.mappings(n, "raci must be a list of {activity, R, A, C, I}", "each raci item must be a mapping with activity, R, A, C and I", func(item *yaml.Node) {
		row := RACIRow{Pos: d.pos(item)}
		for _, kv := range d.pairs(item) {
			k, v := kv[0].Value, kv[1]
			switch strings.ToLower(k) {
			case "activity":
				row.Activity = d.str(k, v)
			case "process":
				row.Process = d.ref(k, v)
			case "r":
				row.R = d.refs(k, v)
			case "a":
				row.A = d.refs(k, v)
			case "c":
				row.C = d.refs(k, v)
			case "i":
				row.I = d.refs(k, v)
			default:
				d.warnf(kv[0], "unknown raci key %q%s", k, suggest(k, []string{"activity", "process", "R", "A", "C", "I"}))
			}
		}
		if row.Activity == "" {
			d.errorf(item, "raci item has no activity")
		}
		rows = append(rows, row)
	})
	return rows
}
