package content

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// This file reads the decision records of other tools as decisions, so a
// decision log copied into decisions/ builds without rewriting:
//
//   - adr-tools: a "# 1. Title" heading, a "Date: 2016-02-12" line and a
//     "## Status" section, which may say "Superseded by [3. …](0003-….md)"
//     or "Supersedes [1. …](0001-….md)";
//   - MADR 3 and 4: front matter status ("superseded by ADR-0057"), date,
//     decision-makers or deciders;
//   - MADR 2 and log4brains: a "* Status: accepted" list under the title
//     (Status, Deciders, Date, Tags).
//
// What the front matter says wins; the rest is read from the body, with
// its positions. A file named like a template (adr-template.md,
// template.md) is a plain page, not a decision.

// decisionStatuses maps the status words of other decision logs, English
// and Dutch, onto handover's (KindDecision's Statuses). "deprecated" is
// superseded: the decision was in force and no longer is, which
// "rejected" (never in force) would misstate.
var decisionStatuses = map[string]string{
	"proposed": "proposed", "draft": "proposed", "pending": "proposed", "in progress": "proposed",
	"under review": "proposed", "in review": "proposed", "review": "proposed", "on hold": "proposed", "deferred": "proposed",
	"postponed": "proposed", "suggested": "proposed", "wip": "proposed", "voorgesteld": "proposed", "voorstel": "proposed",
	"concept": "proposed", "in behandeling": "proposed", "uitgesteld": "proposed", "ter besluitvorming": "proposed",

	"accepted": "accepted", "approved": "accepted", "adopted": "accepted", "agreed": "accepted", "decided": "accepted",
	"done": "accepted", "implemented": "accepted", "active": "accepted", "amended": "accepted", "final": "accepted",
	"aangenomen": "accepted", "geaccepteerd": "accepted", "akkoord": "accepted", "besloten": "accepted",
	"goedgekeurd": "accepted", "vastgesteld": "accepted", "genomen": "accepted", "ingevoerd": "accepted",

	"rejected": "rejected", "declined": "rejected", "withdrawn": "rejected", "abandoned": "rejected", "cancelled": "rejected",
	"canceled": "rejected", "afgewezen": "rejected", "verworpen": "rejected", "ingetrokken": "rejected", "vervallen": "rejected",

	"superseded": "superseded", "replaced": "superseded", "deprecated": "superseded", "obsolete": "superseded",
	"retired": "superseded", "vervangen": "superseded", "achterhaald": "superseded", "verouderd": "superseded",
}

// DecisionStatus returns handover's status for s, a decision's status as
// another decision log writes it ("Accepted", "superseded by ADR-0057",
// "deprecated"), and whether it knows s.
func DecisionStatus(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if st, ok := decisionStatuses[s]; ok {
		return st, true
	}
	if _, _, ok := successorPrefix(s); ok {
		return "superseded", true
	}
	// "Accepted on 2020-01-02", "accepted (2019)", "Rejected.", "on hold"
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '(' || r == '[' || r == ',' || r == ':' })
	for n := 1; n <= 2 && n <= len(words); n++ {
		if st, ok := decisionStatuses[strings.TrimRight(strings.Join(words[:n], " "), ".!;")]; ok {
			return st, true
		}
	}
	return "", false
}

// successorPrefix cuts "superseded by", "replaced by" or "vervangen door"
// off the start of s (lower case).
func successorPrefix(s string) (rest string, prefix string, ok bool) {
	for _, p := range []string{"superseded by", "superceded by", "replaced by", "vervangen door", "deprecated by"} {
		if r, found := strings.CutPrefix(s, p); found {
			return strings.TrimSpace(r), p, true
		}
	}
	return "", "", false
}

// Record is what a decision record's body and front matter say besides
// handover's keys: the importer writes it as front matter.
type Record struct {
	Title      string   // the first heading without its number ("1. Title" → "Title")
	Date       string   // as written
	Status     string   // as written, lower case
	Deciders   []string // names or ids
	Supersedes []string // page ids ("decisions/0001-x") or record numbers ("#7")
	Successors []string // the same, of the records that supersede this one
	Tags       []string
	// Lines are the body lines (1-based, within the body) that say only
	// these things (the Date: line, the status list, the Status section),
	// which the importer moves into front matter.
	Lines    []int
	DateLine int // the body line of Date:, 0 for none

	datePos, statusPos Pos
	decidersPos        Pos
}

var (
	recordNumber  = regexp.MustCompile(`^(?i:adr)?[-_ ]?0*([0-9]{1,6})\s*[.:)\-–—]\s*`)
	mdLink        = regexp.MustCompile(`\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	numberRef     = regexp.MustCompile(`(?i)(?:adr|#)[-_ ]?0*([0-9]{1,6})\b`)
	nameSeparator = regexp.MustCompile(`\s*(?:,|;| and | en |&)\s*`)
	fileNumber    = regexp.MustCompile(`^0*([0-9]+)`)
	keyValueLine  = regexp.MustCompile(`^(?:[-*+]\s+)?[*_]{0,2}([A-Za-z][A-Za-z -]{1,24}?)[*_]{0,2}\s*:[*_]{0,2}\s*(.*)$`)
)

// RecordTitle returns the heading of a decision record without its number:
// "1. Record architecture decisions" → "Record architecture decisions",
// "ADR-0007: Use Go" → "Use Go".
func RecordTitle(heading string) string {
	if m := recordNumber.FindStringIndex(heading); m != nil && m[1] < len(heading) {
		return strings.TrimSpace(heading[m[1]:])
	}
	return heading
}

// IsTemplate reports whether a file in a decision log is a template for
// new records rather than a decision (adr-template.md, template.md).
func IsTemplate(name string) bool { return isTemplate(name) }

// SupersededBy returns the records a status such as "superseded by
// ADR-0057" or "Superseded by [3. …](0003-….md)" names, as page ids
// relative to the folder of rel, or record numbers ("#57"); nil for any
// other status.
func SupersededBy(rel, status string) []string {
	rest, _, ok := successorPrefix(strings.ToLower(strings.TrimSpace(status)))
	if !ok {
		return nil
	}
	return recordRefs(status, rest, path.Dir(rel))
}

// isTemplate reads a file name as the logs name their templates: every
// word of it one of templateWords, and one of them "template" or
// "sjabloon" (template.md, adr-template-bare-minimal.md, 0000-template.md,
// besluit_sjabloon.md), or adr-tools' 0000-adr.md. A record whose title
// has the word ("0012-use-a-template-for-contracts.md") is a decision.
func isTemplate(name string) bool {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	if stem == "0000-adr" {
		return true
	}
	words := strings.FieldsFunc(stem, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 0 && strings.Trim(words[0], "0") == "" {
		words = words[1:] // a record number of zeros: the template's place in the log
	}
	named := false
	for _, w := range words {
		switch w {
		case "template", "templates", "sjabloon":
			named = true
		case "adr", "madr", "decision", "decisions", "record", "records", "besluit", "besluiten",
			"bare", "minimal", "short", "long", "full", "new", "nieuw", "example", "voorbeeld":
		default:
			return false
		}
	}
	return named
}

// ReadRecord reads the record parts of the body of the page at rel (a
// path under the content root, for the ids of the records it links to).
func ReadRecord(rel string, body []byte) Record {
	return scanRecord(&Page{Path: rel, File: rel, Body: body, BodyLine: 1})
}

// scanRecord reads a decision record's header: the first heading, the
// key: value lines above the first section, and the Status section.
func scanRecord(p *Page) Record {
	var rec Record
	var code fences
	inStatus, header, h1 := false, true, false
	dir := path.Dir(p.Path)
	pos := func(i, col int) Pos { return Pos{File: p.File, Line: p.BodyLine + i, Col: col} }
	for i, line := range strings.Split(string(p.Body), "\n") {
		t := strings.TrimSpace(line)
		if code.skip(strings.TrimLeft(line, " ")) {
			continue
		}
		if strings.HasPrefix(t, "#") {
			lvl := len(t) - len(strings.TrimLeft(t, "#"))
			text := headingText(t[lvl:])
			if lvl == 1 && !h1 {
				h1 = true
				rec.Title = RecordTitle(text)
				continue
			}
			header = false
			inStatus = lvl >= 2 && (strings.EqualFold(text, "status") || strings.EqualFold(text, "Besluitstatus"))
			if inStatus {
				rec.Lines = append(rec.Lines, i+1)
			}
			continue
		}
		if inStatus {
			if t == "" || rec.statusLine(t, dir, pos(i, 1+len(line)-len(strings.TrimLeft(line, " ")))) {
				rec.Lines = append(rec.Lines, i+1)
			}
			continue
		}
		if !header || t == "" {
			continue
		}
		m := keyValueLine.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		key, val := strings.ToLower(strings.TrimSpace(m[1])), strings.TrimSpace(m[2])
		at := pos(i, 1+len(line)-len(strings.TrimLeft(line, " ")))
		switch key {
		case "date", "datum", "decision date", "last updated":
			if rec.Date == "" {
				rec.Date, rec.datePos, rec.DateLine = strings.Trim(val, "*_ "), at, i+1
			}
		case "status":
			_ = rec.statusLine(strings.Trim(val, "*_ "), dir, at)
		case "deciders", "decision-makers", "decision makers", "decided by", "besluitvormers", "besloten door":
			rec.Deciders, rec.decidersPos = splitNames(val), at
		case "tags":
			for _, tag := range strings.Split(val, ",") {
				if tag = strings.Trim(strings.TrimSpace(tag), "`"); tag != "" {
					rec.Tags = append(rec.Tags, tag)
				}
			}
		default:
			continue
		}
		rec.Lines = append(rec.Lines, i+1)
	}
	return rec
}

// statusLine reads one line of a status: the status itself on the first,
// links to superseding and superseded records on any. It reports whether
// the line says only that (an "Amended by" line says more).
func (rec *Record) statusLine(t, dir string, at Pos) bool {
	lower := strings.ToLower(strings.TrimLeft(t, "-*+ "))
	if rest, _, ok := successorPrefix(lower); ok {
		rec.Successors = append(rec.Successors, recordRefs(t, rest, dir)...)
		rec.Status, rec.statusPos = "superseded", at
		return true
	}
	for _, p := range []string{"supersedes", "supercedes", "vervangt", "replaces"} {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			rec.Supersedes = append(rec.Supersedes, recordRefs(t, rest, dir)...)
			return true
		}
	}
	if rec.Status == "" {
		s := mdLink.ReplaceAllString(strings.TrimLeft(t, "-*+ "), "")
		rec.Status, rec.statusPos = strings.ToLower(strings.Trim(strings.TrimSpace(s), "*_.")), at
		return true
	}
	return false
}

// recordRefs returns the records a status line names: the targets of its
// Markdown links (as page ids relative to dir), else numbers ("ADR-0057").
func recordRefs(line, rest, dir string) []string {
	var out []string
	for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
		target, _, _ := strings.Cut(m[1], "#")
		if target == "" || strings.Contains(target, "://") {
			continue
		}
		out = append(out, strings.TrimSuffix(path.Join(dir, target), path.Ext(target)))
	}
	if len(out) > 0 {
		return out
	}
	for _, m := range numberRef.FindAllStringSubmatch(rest, -1) {
		out = append(out, "#"+m[1])
	}
	if len(out) == 0 {
		if n, err := strconv.Atoi(strings.TrimLeft(strings.Trim(rest, ". "), "0")); err == nil {
			out = append(out, "#"+strconv.Itoa(n))
		}
	}
	return out
}

// splitNames splits "Oliver Kopp, Stefan Kapferer and Jan" into names.
func splitNames(s string) []string {
	s = strings.Trim(s, "[]")
	var out []string
	for _, part := range nameSeparator.Split(s, -1) {
		if part = strings.Trim(strings.TrimSpace(part), `"'*_`); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// readRecord fills what a decision page's front matter leaves out from
// its body as a decision record, maps the status of other tools onto
// handover's, and marks templates as plain pages.
func (p *Page) readRecord(diags *Diagnostics) {
	if isTemplate(path.Base(p.Path)) {
		if p.Meta.Type == "" {
			p.Kind = KindPage
		}
		return
	}
	rec := scanRecord(p)
	if p.Title == "" && rec.Title != "" {
		p.Title = rec.Title
	}
	if p.Meta.Date.IsZero() && rec.Date != "" && !p.hasKey("date") {
		d, err := ParseDate(rec.Date)
		if err != nil {
			*diags = append(*diags, Diag(RuleFrontMatter, rec.datePos, fmt.Sprintf("date %q of this decision record is not a date like 2016-02-12", rec.Date)))
		}
		p.Meta.Date = d
	}
	if len(p.Meta.DecidedBy) == 0 {
		for _, name := range rec.Deciders {
			p.Meta.DecidedBy = append(p.Meta.DecidedBy, Ref{ID: name, Pos: rec.decidersPos})
		}
	}
	if len(p.Meta.Supersedes) == 0 {
		for _, id := range rec.Supersedes {
			p.Meta.Supersedes = append(p.Meta.Supersedes, Ref{ID: id, Pos: rec.statusPos})
		}
	}
	if len(p.Meta.Tags) == 0 {
		p.Meta.Tags = rec.Tags
	}
	statusPos := p.Pos("status")
	if p.Meta.Status == "" && !p.hasKey("status") {
		p.Meta.Status, statusPos = rec.Status, rec.statusPos
	}
	for _, id := range rec.Successors {
		p.successors = append(p.successors, Ref{ID: id, Pos: statusPos})
	}
	if p.Meta.Status != "" {
		st, ok := DecisionStatus(p.Meta.Status)
		if rest, _, succ := successorPrefix(p.Meta.Status); succ && len(rec.Successors) == 0 {
			for _, id := range recordRefs(rest, rest, path.Dir(p.Path)) {
				p.successors = append(p.successors, Ref{ID: id, Pos: statusPos})
			}
		}
		if !ok {
			*diags = append(*diags, Diag(RuleFrontMatter, statusPos, fmt.Sprintf("status %q of a decision is not one of %s, nor a word of adr-tools or MADR for one (deprecated, approved, on hold, …)",
				p.Meta.Status, strings.Join(KindDecision.Spec().Statuses, ", "))))
		}
		p.Meta.Status = st // "" when unknown: never a raw status on the page
	}
	p.front = recordHash(p.front, rec)
}

// decodeDeciders reads MADR's decision-makers or deciders, a list or
// "Oliver Kopp, Stefan Kapferer", into decided_by when that is not given:
// linkRecords finds the people by name.
func decodeDeciders(d *decoder, p *Page, key string, v *yaml.Node) {
	if p.hasKey("decided_by") {
		return
	}
	p.Meta.DecidedBy = nil
	for _, r := range d.refs(key, v) {
		for _, name := range splitNames(r.ID) {
			p.Meta.DecidedBy = append(p.Meta.DecidedBy, Ref{ID: name, Pos: r.Pos})
		}
	}
}

// hasKey reports whether the front matter wrote key.
func (p *Page) hasKey(key string) bool {
	for _, k := range p.keys {
		if k.key == key {
			return true
		}
	}
	return false
}

// recordHash mixes what the body of a record says into the page's front
// matter hash, so the dev server sees a changed Date: line as a change of
// more than the body.
func recordHash(front [32]byte, rec Record) [32]byte {
	parts := append([]string{rec.Title, rec.Date, rec.Status, "\x01"}, rec.Deciders...)
	parts = append(append(append(parts, "\x02"), rec.Supersedes...), "\x03")
	parts = append(append(parts, rec.Successors...), "\x04")
	parts = append(parts, rec.Tags...)
	if len(parts) == 7 && parts[0] == "" && parts[1] == "" && parts[2] == "" {
		return front // nothing read from the body: the hash stays that of the front matter
	}
	return frontHash(append(front[:], strings.Join(parts, "\x00")...), true)
}

// linkRecords completes, once every page is indexed, what decision records
// say of each other and of people: "superseded by X" becomes X's
// supersedes, a record number ("ADR-0057") the id of that record, and a
// decider's name the id of the person or role of that name.
func (s *Site) linkRecords(diags *Diagnostics) {
	numbers := map[string]map[int]*Page{} // folder → record number → page
	byNumber := func(dir, ref string) *Page {
		n, err := strconv.Atoi(strings.TrimPrefix(ref, "#"))
		if err != nil {
			return nil
		}
		if numbers[dir] == nil {
			numbers[dir] = map[int]*Page{}
			for _, p := range s.Pages {
				if p.Kind == KindDecision && path.Dir(p.Path) == dir {
					if m := fileNumber.FindStringSubmatch(path.Base(p.Path)); m != nil {
						k, _ := strconv.Atoi(m[1])
						numbers[dir][k] = p
					}
				}
			}
		}
		return numbers[dir][n]
	}
	find := func(from *Page, ref string) *Page {
		if strings.HasPrefix(ref, "#") {
			return byNumber(path.Dir(from.Path), ref)
		}
		if p := s.byID[normID(ref)]; p != nil {
			return p
		}
		return s.PageByPath(ref + ".md")
	}
	names := s.peopleByName()
	for _, p := range s.Pages {
		if p.Kind != KindDecision || p.List {
			continue
		}
		for i, r := range p.Meta.Supersedes {
			if t := find(p, r.ID); t != nil && strings.HasPrefix(r.ID, "#") {
				p.Meta.Supersedes[i].ID = t.ID
			}
		}
		for _, r := range p.successors {
			t := find(p, r.ID)
			if t == nil {
				*diags = append(*diags, Diag(RuleUnknownRef, r.Pos, fmt.Sprintf("superseded by %q: no decision record of that number or file", strings.TrimPrefix(r.ID, "#"))))
				continue
			}
			if !hasRef(t.Meta.Supersedes, p.ID) {
				t.Meta.Supersedes = append(t.Meta.Supersedes, Ref{ID: p.ID, Pos: r.Pos})
			}
		}
		for i, r := range p.Meta.DecidedBy {
			if id, ok := names[strings.ToLower(strings.Join(strings.Fields(r.ID), " "))]; ok && s.persons[r.ID] == nil && s.roles[r.ID] == nil {
				p.Meta.DecidedBy[i].ID = id
			}
		}
	}
}

// peopleByName maps the lower-case names of people and roles to their ids.
func (s *Site) peopleByName() map[string]string {
	out := map[string]string{}
	for _, r := range s.People.Roles {
		out[strings.ToLower(r.Name)] = r.ID
	}
	for _, p := range s.People.Persons {
		out[strings.ToLower(p.Name)] = p.ID
	}
	return out
}

func hasRef(refs []Ref, id string) bool {
	for _, r := range refs {
		if r.ID == id {
			return true
		}
	}
	return false
}
