package importer

import (
	"github.com/handover-dev/handover/content"

	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// front is a page's front matter as a YAML mapping, edited key by key and
// written back in its order, with the keys the import adds first.
type front struct {
	node   *yaml.Node // the mapping; nil when the page had none
	broken []byte     // front matter that did not parse: kept as it was
}

// splitFront cuts a page into its front matter (without the --- lines) and
// body; fm is nil when the page has none.
func splitFront(data []byte) (fm, body []byte) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, data
	}
	rest := data[4:]
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if t := string(bytes.TrimRight(line, " \t")); t == "---" || t == "..." {
			if end < 0 {
				return rest[:off], nil
			}
			return rest[:off], rest[off+end+1:]
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, data
}

func newFront(fm []byte) *front {
	f := &front{}
	if fm == nil {
		return f
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		if len(bytes.TrimSpace(fm)) > 0 {
			f.broken = fm
		}
		return f
	}
	f.node = doc.Content[0]
	return f
}

// str returns the scalar value of key, or "".
func (f *front) str(key string) string {
	if v := f.get(key); v != nil && v.Kind == yaml.ScalarNode {
		return strings.TrimSpace(v.Value)
	}
	return ""
}

// get returns the value node of key, or nil.
func (f *front) get(key string) *yaml.Node {
	if f.node == nil {
		return nil
	}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		if f.node.Content[i].Value == key {
			return f.node.Content[i+1]
		}
	}
	return nil
}

// set sets key to the text s.
func (f *front) set(key, s string) {
	f.put(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
}

// setRaw sets key to a scalar YAML reads as it is (a number, a date).
func (f *front) setRaw(key, s string) {
	f.put(key, &yaml.Node{Kind: yaml.ScalarNode, Value: s})
}

// setList sets key to a list of texts.
func (f *front) setList(key string, items []string) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
	f.put(key, n)
}

// drop removes key.
func (f *front) drop(key string) {
	if f.node == nil {
		return
	}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		if f.node.Content[i].Value == key {
			f.node.Content = append(f.node.Content[:i], f.node.Content[i+2:]...)
			return
		}
	}
}

func (f *front) put(key string, v *yaml.Node) {
	if f.broken != nil {
		return // kept as written: the build reports it
	}
	if f.node == nil {
		f.node = &yaml.Node{Kind: yaml.MappingNode}
	}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		if f.node.Content[i].Value == key {
			f.node.Content[i+1] = v
			return
		}
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Value: key}
	f.node.Content = append([]*yaml.Node{k, v}, f.node.Content...)
}

// join writes front matter m and body as one page.
func join(m *front, body []byte) []byte {
	var b bytes.Buffer
	switch {
	case m.broken != nil:
		b.WriteString("---\n")
		b.Write(m.broken)
		b.WriteString("---\n")
	case m.node != nil && len(m.node.Content) > 0:
		b.WriteString("---\n")
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		_ = enc.Encode(m.node)
		_ = enc.Close()
		b.WriteString("---\n")
	}
	b.Write(body)
	return b.Bytes()
}

// yamlNode and scalarNode name yaml.v3's types where records read values.
type yamlNode = yaml.Node

const scalarNode = yaml.ScalarNode

// dayFirstDates rewrites the top-level values written as a date day first
// (27-03-2019) as handover writes dates (2019-03-27), and returns the
// keys it rewrote.
func (f *front) dayFirstDates() []string {
	if f.node == nil || f.broken != nil {
		return nil
	}
	var keys []string
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		v := f.node.Content[i+1]
		if v.Kind != yaml.ScalarNode || !strings.Contains(v.Value, "-") {
			continue
		}
		if d, ok := content.ParseDayFirst(v.Value); ok {
			v.Value, v.Tag, v.Style = d.String(), "", 0
			keys = append(keys, f.node.Content[i].Value)
		}
	}
	return keys
}
