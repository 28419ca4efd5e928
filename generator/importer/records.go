package importer

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/content"
)

// record is a decision record on its way into decisions/.
type record struct {
	from, to   string // source file, site path
	id         string // its page id: "decisions/0001-use-git"
	m          *front
	body       []byte
	supersedes []string // ids or "#N"
	successors []string
}

// records plans the decision records of the source's decision logs: each
// gets front matter with its title, date, status (in handover's words),
// deciders (as people of people.yaml) and the records it supersedes, and
// loses the body lines that said those things.
func (p *plan) records(files []string) {
	var recs []*record
	for _, f := range files {
		base := path.Base(f)
		stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
		if content.IsTemplate(base) || stem == "index" || stem == "readme" || stem == "_index" {
			p.page(f) // the log's own page, or a template: a page, not a decision
			continue
		}
		if !isRecordFile(base) {
			p.page(f)
			continue
		}
		if r := p.record(f); r != nil {
			recs = append(recs, r)
		}
	}
	byNumber := map[int]*record{}
	byID := map[string]*record{}
	for _, r := range recs {
		if m := leadingNumber.FindStringSubmatch(path.Base(r.to)); m != nil {
			n, _ := strconv.Atoi(m[1])
			byNumber[n] = r
		}
		byID[r.id] = r
	}
	find := func(ref string) *record {
		if n, err := strconv.Atoi(strings.TrimPrefix(ref, "#")); err == nil && strings.HasPrefix(ref, "#") {
			return byNumber[n]
		}
		return byID[ref]
	}
	for _, r := range recs {
		for _, ref := range r.successors {
			if t := find(ref); t != nil {
				t.supersedes = append(t.supersedes, r.id)
			} else {
				p.lost = append(p.lost, fmt.Sprintf("%s: superseded by %s, which is no record of this log", r.from, strings.TrimPrefix(ref, "#")))
			}
		}
	}
	for _, r := range recs {
		var ids []string
		seen := map[string]bool{}
		for _, ref := range r.supersedes {
			t := find(ref)
			if t == nil {
				p.lost = append(p.lost, fmt.Sprintf("%s: supersedes %s, which is no record of this log", r.from, strings.TrimPrefix(ref, "#")))
				continue
			}
			if !seen[t.id] && t != r {
				seen[t.id] = true
				ids = append(ids, t.id)
			}
		}
		sort.Strings(ids)
		if len(ids) > 0 {
			r.m.setList("supersedes", ids)
		}
		p.files[r.to], p.origin[r.to] = join(r.m, r.body), r.from
	}
}

var leadingNumber = regexp.MustCompile(`^0*([0-9]+)`)

// record reads one decision record.
func (p *plan) record(f string) *record {
	data, err := fs.ReadFile(p.src, f)
	if err != nil {
		p.lost = append(p.lost, fmt.Sprintf("%s: cannot read: %v", f, err))
		return nil
	}
	rel := p.sitePath(f)
	fm, body := splitFront(data)
	p.countWords(body)
	m := newFront(fm)
	rec := content.ReadRecord(rel, body)
	r := &record{from: f, to: "content/" + rel, id: strings.TrimSuffix(rel, path.Ext(rel)), m: m}

	if m.str("title") == "" && rec.Title != "" {
		m.set("title", rec.Title)
	}
	dateLine := 0
	if m.str("date") == "" {
		if d, err := content.ParseDate(rec.Date); err == nil && rec.Date != "" {
			m.setRaw("date", d.Format("2006-01-02"))
			dateLine = rec.DateLine
		} else if rec.Date != "" {
			p.lost = append(p.lost, fmt.Sprintf("%s:%d: date %q is not a date like 2016-02-12: left in the text", f, rec.DateLine+frontLines(fm), rec.Date))
		} else {
			p.lost = append(p.lost, f+": has no date; a decision needs one (add date: to its front matter)")
		}
	}
	raw := m.str("status")
	if raw == "" {
		raw = rec.Status
	}
	r.successors = append(rec.Successors, content.SupersededBy(rel, m.str("status"))...)
	if raw != "" {
		if st, ok := content.DecisionStatus(raw); ok {
			m.set("status", st)
		} else {
			m.drop("status")
			p.lost = append(p.lost, fmt.Sprintf("%s: status %q is none of proposed, accepted, rejected, superseded: left out", f, raw))
		}
	}
	r.supersedes = append(r.supersedes, rec.Supersedes...)
	if s := m.get("supersedes"); s != nil {
		for _, item := range append([]*yamlNode{s}, s.Content...) {
			if item.Value != "" {
				r.supersedes = append(r.supersedes, "decisions/"+strings.TrimSuffix(path.Base(item.Value), ".md"))
			}
		}
		m.drop("supersedes")
	}
	names := rec.Deciders
	for _, key := range []string{"decision-makers", "deciders", "decided_by"} {
		if v := m.get(key); v != nil {
			if v.Kind == scalarNode {
				names = splitList(v.Value)
			} else {
				names = nil
				for _, item := range v.Content {
					names = append(names, splitList(item.Value)...)
				}
			}
			m.drop(key)
		}
	}
	if len(names) > 0 {
		var ids []string
		for _, n := range names {
			id := content.Slug(n)
			if _, ok := p.people[id]; !ok {
				p.people[id] = n
			}
			ids = append(ids, id)
		}
		m.setList("decided_by", ids)
	}
	if len(rec.Tags) > 0 && m.get("tags") == nil {
		m.setList("tags", rec.Tags)
	}
	r.body = dropLines(body, rec.Lines, rec.DateLine, dateLine)
	return r
}

// frontLines returns the lines the front matter and its fences take.
func frontLines(fm []byte) int {
	if fm == nil {
		return 0
	}
	return strings.Count(string(fm), "\n") + 2
}

// dropLines removes the given body lines (1-based) that said what the front
// matter says now, keeps an unreadable date line, takes the number out of
// the title heading, and collapses the blank lines left behind.
func dropLines(body []byte, lines []int, dateLine, parsedDate int) []byte {
	drop := map[int]bool{}
	for _, l := range lines {
		drop[l] = l != dateLine || parsedDate != 0
	}
	var out []string
	h1 := false
	for i, l := range strings.Split(string(body), "\n") {
		if drop[i+1] {
			continue
		}
		if !h1 && strings.HasPrefix(l, "# ") {
			h1 = true
			l = "# " + content.RecordTitle(strings.TrimSpace(l[2:]))
		}
		if l == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}

var listSeparator = regexp.MustCompile(`\s*(?:,|;| and | en |&)\s*`)

// splitList splits "Oliver Kopp, Stefan Kapferer" into names.
func splitList(s string) []string {
	var out []string
	for _, part := range listSeparator.Split(strings.Trim(s, "[]"), -1) {
		if part = strings.Trim(strings.TrimSpace(part), `"'*_`); part != "" {
			out = append(out, part)
		}
	}
	return out
}
