package content

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// RuleUnknownRef is the rule of references to ids that do not exist.
const RuleUnknownRef = "unknown-reference"

// index builds the lookup tables and reports ids and URLs used twice.
func (s *Site) index(diags *Diagnostics, reserved []string) {
	s.persons, s.roles = map[string]*Person{}, map[string]*Role{}
	for _, p := range s.People.Persons {
		if first, dup := s.persons[p.ID]; dup && p.ID != "" {
			*diags = append(*diags, dupDiag("people", p.Pos, "person id "+p.ID, first.Pos))
			continue
		}
		s.persons[p.ID] = p
	}
	for _, r := range s.People.Roles {
		if first, dup := s.roles[r.ID]; dup && r.ID != "" {
			*diags = append(*diags, dupDiag("people", r.Pos, "role id "+r.ID, first.Pos))
			continue
		}
		if p, clash := s.persons[r.ID]; clash {
			*diags = append(*diags, dupDiag("people", r.Pos, "id "+r.ID+" (a person and a role)", p.Pos))
		}
		s.roles[r.ID] = r
	}
	s.byID, s.byPath = map[string]*Page{}, map[string]*Page{}
	byURL := map[string]*Page{}
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		if first, dup := s.byID[p.ID]; dup && !s.renameDuplicate(p, first, diags) {
			s.byPath[p.Path] = first // links to its file reach the page of its id
			continue
		}
		if what := outputClash(strings.ToLower(p.URL), reserved); what != "" {
			*diags = append(*diags, Diag("duplicate-id", Pos{File: p.File, Line: 1, Col: 1},
				"the page's URL "+p.URL+" collides with "+what+"; rename the file, the page is left out"))
			continue
		}
		if first, dup := byURL[strings.ToLower(p.URL)]; dup {
			*diags = append(*diags, dupDiag("duplicate-id", Pos{File: p.File, Line: 1, Col: 1}, "URL "+p.URL+" (from "+first.File+")", Pos{File: first.File, Line: 1, Col: 1}))
			s.byPath[p.Path] = first // links to its file reach the page at its URL
			continue
		}
		s.byID[p.ID], s.byPath[p.Path], byURL[strings.ToLower(p.URL)] = p, p, p
		kept = append(kept, p)
	}
	s.Pages = kept
	s.statics = map[string]bool{}
	dirs := map[string]bool{} // folders the pages need in the output
	for u := range byURL {
		for d := strings.TrimSuffix(u, "/"); d != ""; d = path.Dir(d) {
			dirs[d] = true
			if !strings.Contains(d, "/") {
				break
			}
		}
	}
	statics := s.Static[:0]
	for _, f := range s.Static {
		if p := byURL[strings.ToLower(strings.TrimSuffix(f.Out, "index.html"))]; p != nil && strings.HasSuffix(f.Out, "index.html") || s.statics[f.Out] || dirs[strings.ToLower(f.Out)] {
			*diags = append(*diags, Diag("duplicate-id", Pos{File: f.File}, "static file "+f.Out+" collides with a page or another file; skipped"))
			continue
		}
		s.statics[f.Out] = true
		statics = append(statics, f)
	}
	s.Static = statics
}

// outputClash says what the output of a page at the lower-cased url would
// collide with, or "": a folder or file the generator writes, or the page
// of a folder, index.html, through which the url passes (a page in a
// folder named index.html: index.html.md itself is its folder's page).
func outputClash(url string, reserved []string) string {
	top, _, _ := strings.Cut(url, "/")
	for _, r := range reserved { // all at the top of the output
		switch {
		case r == top+"/":
			return r + ", which the build writes itself"
		case r == top && len(url) > len(top):
			return r + ", which the build writes itself"
		}
	}
	if !strings.Contains(url, "index.html/") {
		return ""
	}
	dir := ""
	for seg := range strings.SplitSeq(strings.TrimSuffix(url, "/"), "/") {
		dir = path.Join(dir, seg)
		if seg == "index.html" {
			return dir + ", the page of its folder"
		}
	}
	return ""
}

// renameDuplicate reports the second page with one id and gives one of the
// two pages another id; it reports whether p is kept. The page at the id's
// own path (processes/intake.md for processes/intake) keeps the id, so that
// of a copy that kept the original's id:, the copy is reported and every
// reference to the original still resolves. The other page is kept under
// the id of its path, or else of its file, so links to its file resolve as
// well: one mistake, one diagnostic.
func (s *Site) renameDuplicate(p, first *Page, diags *Diagnostics) bool {
	keep, moved := first, p
	if _, free := s.freeID(first); free && ownsID(p) && !ownsID(first) {
		keep, moved = p, first
	}
	*diags = append(*diags, dupDiag("duplicate-id", moved.Pos("id"), "page id "+moved.ID, keep.Pos("id")))
	id, ok := s.freeID(moved)
	if !ok {
		return false
	}
	if moved == first {
		delete(s.byID, first.ID)
		s.byID[id] = first
	}
	moved.ID = id
	return true
}

// ownsID reports whether p's id is the one its path gives it.
func ownsID(p *Page) bool { return p.List || p.ID == strings.TrimSuffix(p.Path, path.Ext(p.Path)) }

// freeID returns an id no page has yet for p: the id of its path, or else
// its file's path (which no id: can name, as ids drop ".md"). A folder's
// list page has no other id.
func (s *Site) freeID(p *Page) (string, bool) {
	if p.List {
		return "", false
	}
	for _, id := range []string{strings.TrimSuffix(p.Path, path.Ext(p.Path)), p.Path} {
		if s.byID[id] == nil {
			return id, true
		}
	}
	return "", false
}

func dupDiag(rule string, at Pos, what string, first Pos) Diagnostic {
	d := Diag(rule, at, "duplicate "+what)
	d.Notes = []Note{{Pos: first, Message: "first defined here"}}
	return d
}

// resolver resolves references and reports those that point nowhere.
type resolver struct {
	s     *Site
	diags *Diagnostics
}

// who resolves a reference to a person or role.
func (r resolver) who(key string, ref *Ref) {
	if ref.IsZero() {
		return
	}
	ref.Person, ref.Role = r.s.persons[ref.ID], r.s.roles[ref.ID]
	if ref.Person == nil && ref.Role == nil {
		known := make([]string, 0, len(r.s.persons)+len(r.s.roles))
		for id := range r.s.persons {
			known = append(known, id)
		}
		for id := range r.s.roles {
			known = append(known, id)
		}
		sort.Strings(known)
		*r.diags = append(*r.diags, Diag(RuleUnknownRef, ref.Pos, fmt.Sprintf("%s %q is not a person or role in people.yaml%s", key, ref.ID, suggest(ref.ID, known))))
	}
}

func (r resolver) whos(key string, refs []Ref) {
	for i := range refs {
		r.who(key, &refs[i])
	}
}

// page resolves a reference to a page, of kind want unless want is "".
func (r resolver) page(key string, ref *Ref, want Kind) {
	if ref.IsZero() {
		return
	}
	ref.Page = r.s.byID[normID(ref.ID)]
	if ref.Page == nil {
		*r.diags = append(*r.diags, Diag(RuleUnknownRef, ref.Pos, fmt.Sprintf("%s %q is not the id of a page%s", key, ref.ID, r.suggestPage(ref.ID))))
		return
	}
	if want != "" && ref.Page.Kind != want {
		*r.diags = append(*r.diags, Diag(RuleUnknownRef, ref.Pos, fmt.Sprintf("%s %q is a %s, not a %s", key, ref.ID, ref.Page.Kind, want)))
	}
}

func (r resolver) pages(key string, refs []Ref, want Kind) {
	for i := range refs {
		r.page(key, &refs[i], want)
	}
}

func (r resolver) suggestPage(id string) string {
	best, bestD := "", 4
	for other := range r.s.byID {
		if d := EditDistanceBelow(id, other, bestD+1); d < bestD || d == bestD && other < best {
			best, bestD = other, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// resolve fills in every reference and the relations derived from them.
func (s *Site) resolve(diags *Diagnostics) {
	r := resolver{s: s, diags: diags}
	for _, role := range s.People.Roles {
		for i := range role.Members {
			m := &role.Members[i]
			if m.Person = s.persons[m.ID]; m.Person == nil {
				*diags = append(*diags, Diag("people", m.Pos, fmt.Sprintf("member %q of role %s is not a person in people.yaml", m.ID, role.ID)))
				continue
			}
			m.Person.Roles = append(m.Person.Roles, role)
		}
	}
	for _, p := range s.People.Persons {
		for i := range p.Tasks {
			r.pages("pages", p.Tasks[i].Pages, "")
		}
	}
	for _, role := range s.People.Roles {
		for i := range role.Tasks {
			r.pages("pages", role.Tasks[i].Pages, "")
		}
	}
	r.who("commitment.by", &s.Config.Commitment.By)
	for i := range s.Config.Signoff {
		r.who("signoff by", &s.Config.Signoff[i].By)
	}
	for _, p := range s.Pages {
		r.resolvePage(p)
	}
	s.derive()
}

func (r resolver) resolvePage(p *Page) {
	m := &p.Meta
	for i := range fields {
		f := &fields[i]
		switch {
		case f.one != nil && f.pages:
			r.page(f.key, f.one(m), f.target)
		case f.one != nil:
			r.who(f.key, f.one(m))
		case f.many != nil && f.pages:
			r.pages(f.key, *f.many(m), f.target)
		case f.many != nil:
			r.whos(f.key, *f.many(m))
		}
	}
	for i := range m.Milestones {
		ms := &m.Milestones[i]
		r.who("owner", &ms.Owner)
		r.pages("pages", ms.Pages, "")
	}
	for i := range m.RACI {
		row := &m.RACI[i]
		r.page("process", &row.Process, KindProcess)
		r.whos("R", row.R)
		r.whos("A", row.A)
		r.whos("C", row.C)
		r.whos("I", row.I)
	}
}
