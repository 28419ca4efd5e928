package view

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
)

// The readable diff of a page between two versions (layouts/changes.html):
// its front matter compared field by field, with people and pages by
// name ("Eigenaar: Thomas Mulder → Karin de Jong"), and its text as a
// line diff with the words that changed within a line marked, shown
// unified or side by side.

// FieldChange is one front matter key that differs between two versions.
type FieldChange struct {
	Key           string // the key as written ("owner", "raci")
	Label         string // its name in the site language ("Eigenaar")
	Before, After string // the values as readers read them; "" when absent
	Op            string // "changed", "added" or "removed"
}

// DiffHunk is a run of changed lines with the lines around them.
type DiffHunk struct {
	Header             string // "@@ -3,4 +3,5 @@", line numbers of the files
	OldStart, NewStart int
	Lines              []DiffLine
}

// DiffLine is one line of a diff; Op is "del", "ins" or "same".
type DiffLine struct {
	Op       string
	Old, New int // line numbers in the files, 0 where the line does not exist
	Text     string
	// Segs are the words of a changed line that has a counterpart in the
	// other version, marking what changed; nil shows Text as a whole.
	Segs []history.Segment
}

// SplitRow is one row of the side-by-side diff: a line of the old text, of
// the new text, or both (nil for none).
type SplitRow struct {
	Old, New *DiffLine
}

// DiffPart splits a page's source into front matter and body; fm is nil
// without front matter (or with front matter that is not closed, which
// then counts as body).
type diffPart struct {
	fm, body []byte
	bodyLine int
}

func splitSource(src string) diffPart {
	fm, body, line, ok := content.SplitFrontMatter([]byte(src))
	if !ok {
		return diffPart{body: []byte(src), bodyLine: 1}
	}
	return diffPart{fm: fm, body: body, bodyLine: line}
}

// FieldNames names front matter keys and values in the site's language.
type FieldNames struct {
	Label func(key string) string               // a key's name ("Eigenaar")
	Value func(key string, n *yaml.Node) string // a value as readers read it
}

// Fields returns the front matter keys that differ between the versions
// old and new of a page's source, in the order of the new version, removed
// keys last.
func Fields(old, new string, names FieldNames) []FieldChange {
	oldKeys, oldVals := frontFields(splitSource(old).fm)
	newKeys, newVals := frontFields(splitSource(new).fm)
	var out []FieldChange
	for _, k := range newKeys {
		nv := newVals[k]
		ov, had := oldVals[k]
		switch {
		case !had:
			out = append(out, fieldChange(names, k, nil, nv))
		case yamlText(ov) != yamlText(nv):
			out = append(out, fieldChanges(names, k, ov, nv)...)
		}
	}
	for _, k := range oldKeys {
		if _, ok := newVals[k]; !ok {
			out = append(out, fieldChange(names, k, oldVals[k], nil))
		}
	}
	return out
}

// fieldChanges compares the values of key; a list of RACI rows is
// compared row by row, by activity.
func fieldChanges(names FieldNames, key string, ov, nv *yaml.Node) []FieldChange {
	oldRows, okOld := rowsByActivity(ov)
	newRows, okNew := rowsByActivity(nv)
	if !okOld || !okNew {
		return []FieldChange{fieldChange(names, key, ov, nv)}
	}
	label := names.Label(key)
	var out []FieldChange
	for _, a := range newRows.order {
		o, had := oldRows.rows[a]
		n := newRows.rows[a]
		if had && yamlText(o) == yamlText(n) {
			continue
		}
		fc := fieldChange(names, key, o, n)
		fc.Label = label + ": " + a
		if had {
			fc.Before = RowValue(o, names)
		}
		fc.After = RowValue(n, names)
		out = append(out, fc)
	}
	for _, a := range oldRows.order {
		if _, ok := newRows.rows[a]; !ok {
			fc := fieldChange(names, key, oldRows.rows[a], nil)
			fc.Label = label + ": " + a
			fc.Before = RowValue(oldRows.rows[a], names)
			out = append(out, fc)
		}
	}
	return out
}

func fieldChange(names FieldNames, key string, ov, nv *yaml.Node) FieldChange {
	fc := FieldChange{Key: key, Label: names.Label(key), Op: "changed"}
	switch {
	case ov == nil:
		fc.Op = "added"
	case nv == nil:
		fc.Op = "removed"
	}
	if ov != nil {
		fc.Before = names.Value(key, ov)
	}
	if nv != nil {
		fc.After = names.Value(key, nv)
	}
	return fc
}

type activityRows struct {
	order []string
	rows  map[string]*yaml.Node
}

// rowsByActivity reads a list of mappings that each have an activity.
func rowsByActivity(n *yaml.Node) (activityRows, bool) {
	out := activityRows{rows: map[string]*yaml.Node{}}
	if n == nil || n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return out, false
	}
	for _, row := range n.Content {
		a := mapValue(row, "activity")
		if a == nil || a.Kind != yaml.ScalarNode || out.rows[a.Value] != nil {
			return out, false
		}
		out.order = append(out.order, a.Value)
		out.rows[a.Value] = row
	}
	return out, true
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// frontFields decodes front matter into its top-level keys, in order.
func frontFields(fm []byte) ([]string, map[string]*yaml.Node) {
	vals := map[string]*yaml.Node{}
	if len(bytes.TrimSpace(fm)) == 0 {
		return nil, vals
	}
	var doc yaml.Node
	if yaml.Unmarshal(fm, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, vals
	}
	m := doc.Content[0]
	var keys []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if _, dup := vals[k]; !dup {
			keys = append(keys, k)
		}
		vals[k] = m.Content[i+1]
	}
	return keys, vals
}

// yamlText is a canonical text of a YAML value, for comparing.
func yamlText(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	out, err := yaml.Marshal(n)
	if err != nil {
		return ""
	}
	return string(out)
}

// fieldLabels name the front matter keys whose label key is not the key
// itself.
var fieldLabels = map[string]string{
	"review_every": "field.review_every", "title": "field.title", "summary": "field.summary",
	"description": "field.summary", "weight": "field.weight", "language": "field.language",
	"draft": "field.draft", "raci": "raci", "mitigation_owner": "mitigation_owner", "time": "field.time",
	"weekday": "field.weekday", "starts": "starts", "decision-makers": "decided_by", "deciders": "decided_by",
	"type": "field.type", "id": "field.id", "completed": "completed", "kpis": "kpis", "risks": "risks",
	"instructions": "instructions", "number": "number", "measurements": "field.measurements",
}

// FieldLabel names a front matter key in the site's language: its label
// when labels has one, else the key as written.
func FieldLabel(key string, labels func(key string) (string, bool)) string {
	for _, k := range []string{fieldLabels[key], key} {
		if l, ok := labels(k); ok && k != "" {
			return l
		}
	}
	return key
}

// RowValue writes a mapping (a RACI row) as "key: value; key: value",
// leaving out its activity, which names the row.
func RowValue(n *yaml.Node, names FieldNames) string {
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	var parts []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if k == "activity" && mapValue(n, "activity") != nil && len(n.Content) > 2 {
			continue
		}
		label := k
		if len(k) > 1 {
			label = names.Label(k)
		}
		parts = append(parts, label+": "+names.Value(k, n.Content[i+1]))
	}
	return strings.Join(parts, "; ")
}

// BodyHunks returns the hunks of the line diff of the page's body, with
// line numbers of the files and the changed words of each changed line
// that has a counterpart.
func BodyHunks(old, new string) []DiffHunk {
	o, n := splitSource(old), splitSource(new)
	if (o.fm == nil) != (n.fm == nil) {
		o, n = diffPart{body: []byte(old), bodyLine: 1}, diffPart{body: []byte(new), bodyLine: 1}
	}
	var out []DiffHunk
	for _, h := range history.Hunks(history.Diff(string(o.body), string(n.body)), 3) {
		dh := DiffHunk{OldStart: h.OldStart + o.bodyLine - 1, NewStart: h.NewStart + n.bodyLine - 1}
		for _, l := range h.Lines {
			dl := DiffLine{Op: "same", Text: l.Text}
			if l.Old > 0 {
				dl.Old = l.Old + o.bodyLine - 1
			}
			if l.New > 0 {
				dl.New = l.New + n.bodyLine - 1
			}
			switch l.Op {
			case history.Delete:
				dl.Op = "del"
			case history.Insert:
				dl.Op = "ins"
			}
			dh.Lines = append(dh.Lines, dl)
		}
		markWords(dh.Lines)
		dh.Header = hunkHeader(h, o.bodyLine-1, n.bodyLine-1)
		out = append(out, dh)
	}
	return out
}

// hunkHeader writes a hunk's header with the line numbers of the files:
// its lines are numbered within the body, which starts after oldOff and
// newOff lines of front matter.
func hunkHeader(h history.Hunk, oldOff, newOff int) string {
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@", h.OldStart+oldOff, h.OldLines, h.NewStart+newOff, h.NewLines)
}

// markWords marks the changed words of each deleted line that has a
// counterpart among the inserted lines of the same change (pairLines).
func markWords(lines []DiffLine) {
	forRuns(lines, func(dels, adds []DiffLine) {
		for _, pr := range pairLines(dels, adds) {
			a, b := &dels[pr[0]], &adds[pr[1]]
			a.Segs, b.Segs = history.WordDiff(a.Text, b.Text)
		}
	})
}

// forRuns calls f with each run of deleted lines and the run of inserted
// lines right after it (either may be empty), as slices of lines.
func forRuns(lines []DiffLine, f func(dels, adds []DiffLine)) {
	for i := 0; i < len(lines); {
		if lines[i].Op == "same" {
			i++
			continue
		}
		d := i
		for i < len(lines) && lines[i].Op == "del" {
			i++
		}
		ins := i
		for i < len(lines) && lines[i].Op == "ins" {
			i++
		}
		f(lines[d:ins], lines[ins:i])
	}
}

// maxPairWork bounds the line comparisons of one change; a larger change
// is paired line by line in order.
const maxPairWork = 400

// pairLines pairs the deleted lines of a change with the inserted lines
// they became, in order: each deleted line with the first inserted line
// after the previous pair that is similar to it (word by word). Lines that changed beyond that, or were only added or
// removed, stay unpaired: a word diff of unrelated lines is noise.
func pairLines(dels, adds []DiffLine) [][2]int {
	var out [][2]int
	if len(dels)*len(adds) > maxPairWork {
		for k := 0; k < len(dels) && k < len(adds); k++ {
			if similar(dels[k].Text, adds[k].Text) {
				out = append(out, [2]int{k, k})
			}
		}
		return out
	}
	next := 0
	for i := range dels {
		for j := next; j < len(adds); j++ {
			if similar(dels[i].Text, adds[j].Text) {
				out = append(out, [2]int{i, j})
				next = j + 1
				break
			}
		}
	}
	return out
}

// similar reports whether two lines share, compared word by word, at
// least half of the shorter one's text and a quarter of the longer one's:
// a line with words added is its old version grown, not a new line.
func similar(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	oldSegs, _ := history.WordDiff(a, b)
	same := 0
	for _, s := range oldSegs {
		if !s.Changed {
			same += len(strings.TrimSpace(s.Text))
		}
	}
	la, lb := len(strings.TrimSpace(a)), len(strings.TrimSpace(b))
	shorter, longer := min(la, lb), max(la, lb)
	return longer > 0 && 2*same >= shorter && 4*same >= longer
}

// Split returns the rows of the side-by-side view of a hunk: unchanged
// lines on both sides; in a change, each deleted line beside the line it
// became (pairLines), the other deleted and inserted lines beside each
// other in order.
func (h DiffHunk) Split() []SplitRow {
	var rows []SplitRow
	zip := func(dels, adds []DiffLine) {
		for k := 0; k < len(dels) || k < len(adds); k++ {
			var r SplitRow
			if k < len(dels) {
				r.Old = &dels[k]
			}
			if k < len(adds) {
				r.New = &adds[k]
			}
			rows = append(rows, r)
		}
	}
	for i := 0; i < len(h.Lines); {
		if h.Lines[i].Op == "same" {
			rows = append(rows, SplitRow{Old: &h.Lines[i], New: &h.Lines[i]})
			i++
			continue
		}
		d := i
		for i < len(h.Lines) && h.Lines[i].Op == "del" {
			i++
		}
		ins := i
		for i < len(h.Lines) && h.Lines[i].Op == "ins" {
			i++
		}
		dels, adds := h.Lines[d:ins], h.Lines[ins:i]
		di, aj := 0, 0
		for _, pr := range pairLines(dels, adds) {
			zip(dels[di:pr[0]], adds[aj:pr[1]])
			rows = append(rows, SplitRow{Old: &dels[pr[0]], New: &adds[pr[1]]})
			di, aj = pr[0]+1, pr[1]+1
		}
		zip(dels[di:], adds[aj:])
	}
	return rows
}
