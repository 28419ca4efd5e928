package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder turns YAML nodes into typed values, reporting each problem at the
// position of the offending node under one rule.
type decoder struct {
	file  string
	line  int // added to node lines: the line before the YAML starts
	rule  string
	diags *Diagnostics
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line + d.line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	*d.diags = append(*d.diags, Diagnostic{Severity: Error, Pos: d.pos(n), Rule: d.rule, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	*d.diags = append(*d.diags, Diagnostic{Severity: Warning, Pos: d.pos(n), Rule: d.rule, Message: fmt.Sprintf(format, args...)})
}

// yamlLine finds the line in a yaml error message. yaml.v3 reports syntax
// errors only as text, so this is the one place a position comes from a string.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// lineOf returns the 1-based line of the first occurrence of s in src, or 1.
func lineOf(src []byte, s string) int {
	i := bytes.Index(src, []byte(s))
	if i < 0 {
		return 1
	}
	return bytes.Count(src[:i], []byte("\n")) + 1
}

// parserProblems are the messages of yaml.v3's parser, whose line numbers
// are 0-based where those of its scanner are 1-based.
var parserProblems = []string{"did not find expected", "found duplicate %", "found incompatible YAML", "found undefined tag handle", "while parsing a"}

func isParserError(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// parseYAML parses src into a document node; a syntax error becomes a
// diagnostic at its line.
func (d *decoder) parseYAML(src []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if isParserError(msg) {
				line++ // yaml.v3 counts lines from 0 for parser (not scanner) errors
			}
		}
		if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
			line = lineOf(src, "*"+m[1]) // the composer's errors carry no line
		}
		*d.diags = append(*d.diags, Diagnostic{Severity: Error, Pos: Pos{File: d.file, Line: line + d.line, Col: 1}, Rule: d.rule, Message: "invalid YAML: " + msg})
		return nil, false
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, true // empty document
	}
	return doc.Content[0], true
}

// deref follows an alias one step; nodes are never expanded recursively,
// so alias bombs cost nothing. The node returned carries the alias's
// position, so a problem with the value is reported where it is used.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		c := *n.Alias
		c.Line, c.Column = n.Line, n.Column
		return &c
	}
	return n
}

// pairs returns the key/value pairs of a mapping, reporting duplicate keys.
func (d *decoder) pairs(n *yaml.Node) [][2]*yaml.Node {
	seen := map[string]*yaml.Node{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be a plain word")
			continue
		}
		if k.Value == "<<" {
			continue // merge keys are not expanded
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "duplicate key %q (first at line %d)", k.Value, first.Line+d.line)
			continue
		}
		seen[k.Value] = k
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str decodes a scalar as text.
func (d *decoder) str(key string, n *yaml.Node) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be text, not a %s", key, kindName(n))
		return ""
	}
	return n.Value
}

// strs decodes a list of scalars; a single scalar is a list of one.
func (d *decoder) strs(key string, n *yaml.Node) []string {
	switch {
	case isNull(n):
		return nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}
	case n.Kind != yaml.SequenceNode:
		d.errorf(n, "%s must be a list, not a %s", key, kindName(n))
		return nil
	}
	var out []string
	for _, item := range n.Content {
		item = deref(item)
		if item.Kind != yaml.ScalarNode {
			d.errorf(item, "each item of %s must be text, not a %s", key, kindName(item))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// ref decodes a single id.
func (d *decoder) ref(key string, n *yaml.Node) Ref {
	s := strings.TrimSpace(d.str(key, n))
	if s == "" {
		return Ref{}
	}
	return Ref{ID: s, Pos: d.pos(n)}
}

// refs decodes a list of ids; a single id is a list of one.
func (d *decoder) refs(key string, n *yaml.Node) []Ref {
	if isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if r := d.ref(key, n); !r.IsZero() {
			return []Ref{r}
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of ids, not a %s", key, kindName(n))
		return nil
	}
	var out []Ref
	for _, item := range n.Content {
		if r := d.ref(key, deref(item)); !r.IsZero() {
			out = append(out, r)
		}
	}
	return out
}

func (d *decoder) date(key string, n *yaml.Node) Date {
	s := d.str(key, n)
	if s == "" {
		return Date{}
	}
	t, err := ParseDate(s)
	if err != nil {
		d.errorf(n, "%s: %v", key, err)
	}
	return t
}

func (d *decoder) interval(key string, n *yaml.Node) Interval {
	s := d.str(key, n)
	if s == "" {
		return Interval{}
	}
	iv, err := ParseInterval(s)
	if err != nil {
		d.errorf(n, "%s: %v", key, err)
	}
	return iv
}

func (d *decoder) integer(key string, n *yaml.Node, lo, hi int) int {
	s := d.str(key, n)
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		d.errorf(n, "%s must be a whole number from %d to %d, not %q", key, lo, hi, s)
		return 0
	}
	return v
}

func (d *decoder) boolean(key string, n *yaml.Node) *bool {
	s := d.str(key, n)
	if s == "" {
		return nil
	}
	var v bool
	switch strings.ToLower(s) {
	case "true", "yes", "ja", "on":
		v = true
	case "false", "no", "nee", "off":
	default:
		d.errorf(n, "%s must be true or false, not %q", key, s)
		return nil
	}
	return &v
}

// oneOf decodes a scalar that must be one of allowed.
func (d *decoder) oneOf(key string, n *yaml.Node, allowed []string) string {
	s := d.str(key, n)
	if s == "" || allowed == nil {
		return s
	}
	for _, a := range allowed {
		if strings.EqualFold(s, a) {
			return a
		}
	}
	d.errorf(n, "%s %q is not one of %s", key, s, strings.Join(allowed, ", "))
	return "" // the caller's default, not a value the rest of the build cannot use
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "value"
}

// suggest returns " (did you mean X?)" for the known word closest to s.
func suggest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dist := EditDistanceBelow(s, k, bestD); dist < bestD {
			best, bestD = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// EditDistance returns the Levenshtein distance of a and b, for
// "did you mean" suggestions.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// EditDistanceBelow returns the Levenshtein distance of a and b when it is
// below limit, and limit otherwise. It computes only the band of width
// limit around the diagonal, so it takes time linear in the lengths times
// limit, where EditDistance takes their product: a suggestion for a name
// of a megabyte must not take hours.
func EditDistanceBelow(a, b string, limit int) int {
	if limit <= 0 {
		return 0
	}
	if len(a)-len(b) >= limit || len(b)-len(a) >= limit {
		return limit
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, limit)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit+1), min(len(b), i+limit-1)
		cur[lo-1] = limit // outside the band
		if lo == 1 {
			cur[0] = min(i, limit)
		}
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, limit)
			best = min(best, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = limit
		}
		if best >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
