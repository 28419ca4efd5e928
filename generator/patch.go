package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/check"
)

// maxPatch is the most files one edit may touch and still be patched into
// the previous build; more (a checkout, a search and replace) build anew.
const maxPatch = 32

// pageEdit is one page of the previous build saved again: its Markdown, its
// front matter or both changed, and it is still the same page (same file,
// id, URL and kind).
type pageEdit struct {
	old   *content.Page       // the page of the previous build, which is only read
	page  *content.Page       // its copy in the patched build; it becomes now when the patch is made
	now   *content.Page       // the page as saved, its references resolved
	diags content.Diagnostics // what loading it reported
	was   cacheEntry          // the page as loaded before, with its diagnostics
	r     *built.Body         // its body, rendered again

	moved   map[content.Pos]content.Pos // positions of references that stayed, before → after
	dropped map[content.Pos]bool        // positions of references that went
	people  []involve                   // changes to what people and roles are named for
}

// involve is one change to the involvement of a person or role: the page
// is added to or removed from one of its lists.
type involve struct {
	id   string
	list func(*content.Involvement) *[]*content.Page
	add  bool
}

// patch builds the site again after edits of existing pages, without
// loading and checking the whole site: the usual save of a work
// instruction's text, title or front matter. Edits that change what a page
// links to, its headings, the pages its front matter names, its id, URL or
// kind, or that add or remove pages, build anew; so does the home page,
// whose body feeds the readiness checks.
//
// The patched build is a fork of the build before (content.Site.Fork):
// every page, person and body is a copy, which the build before never
// sees. The edited pages are changed in the fork, in place, so that
// everything in it that points at them (lists, backlinks, references) sees
// the new version, and only what depends on them is computed again: their
// bodies, their diagnostics, the orphans, the order of their folder's list
// and the people they name. The build before, which may still be serving,
// is only read: it stays as it was, and an edit the patch cannot account
// for builds anew from the content instead.
// ok is false when the edit needs a full build.
func (s *Session) patch() (b *builder, res *Result, err error, ok bool) {
	prev := s.prev
	if prev == nil || s.all || len(s.changed) == 0 || len(s.changed) > maxPatch || content.Day(today(s.opts.Now)) != prev.now || !check.Patchable() {
		return nil, nil, nil, false
	}
	var edits []*pageEdit
	front := false // an edit changed more than a body
	for _, file := range slices.Sorted(maps.Keys(s.changed)) {
		old := prev.pageByFile(file)
		if old == nil {
			if prev.irrelevant(file) {
				continue // an editor's temporary file, a hidden file: no build reads it
			}
			return nil, nil, nil, false
		}
		was, had := s.before[file]
		if !had || old.ID == "_index" {
			return nil, nil, nil, false
		}
		np, nd := content.LoadPage(prev.opts.FS, file, prev.site.ContentDir, content.LoadOptions{Cache: s.pages})
		if np == nil || np.File != old.File || np.Path != old.Path || np.URL != old.URL || np.ID != old.ID ||
			np.Kind != old.Kind || np.List != old.List || np.Section != old.Section {
			return nil, nil, nil, false
		}
		if !slices.Equal(np.Meta.Tags, old.Meta.Tags) {
			return nil, nil, nil, false // the tag pages (tags.go) may come or go
		}
		e := &pageEdit{old: old, now: np, diags: nd, was: was}
		bodyOnly := content.SameExceptBody(was.page, np) && reflect.DeepEqual(was.diags, nd)
		if !bodyOnly && old.Kind == content.KindDecision {
			// What a decision record says of the records it supersedes and
			// of those that supersede it is linked across pages by
			// content.Load (adr.go), out of this code's sight.
			return nil, nil, nil, false
		}
		front = front || !bodyOnly
		edits = append(edits, e)
	}

	b, f := s.takeFork(prev)
	for _, e := range edits {
		e.page = f.Page(e.old)
		if !e.resolve(b.site) {
			return nil, nil, nil, false
		}
		e.r = s.body(b, e.now) // its links point into the fork, which b renders against
		before := b.bodies[e.page]
		if !sameTargets(before.Links, e.r.Links) || !slices.Equal(before.Headings, e.r.Headings) {
			return nil, nil, nil, false // other pages' backlinks and anchors would change
		}
	}

	for _, e := range edits {
		b.bodies[e.page] = e.r
	}
	raw, orphans, changed, ok := s.diagnose(prev, b, edits)
	if !ok {
		return nil, nil, nil, false
	}
	diags := prev.diags
	if changed {
		diags = b.site.Config.Levels(raw, b.opts.Strict)
		diags.Sort()
	}
	if diags.HasErrors() && front {
		// Front matter with an error is left to a full build, which
		// reports it with everything it touches.
		return nil, nil, nil, false
	}

	resort := map[*section]bool{}
	for _, e := range edits {
		if e.now.Title != e.page.Title || e.now.Meta.Weight != e.page.Meta.Weight {
			if sec := b.sections[dirOf(e.page.Path)]; sec != nil && !e.page.List {
				resort[sec] = true
			}
		}
		e.commit(b.site)
	}
	for sec := range resort {
		sortPages(sec.Pages)
	}
	b.checks.KeepOrphans(orphans)

	if changed {
		b.raw, b.diags = raw, diags
		b.ready = b.checks.Readiness(diags)
	}
	res = &Result{Site: b.site, Diagnostics: diags, Readiness: b.ready}
	if diags.HasErrors() {
		// Only bodies changed: the dev server shows the errors over the
		// patched site.
		return b, res, ErrContent, true
	}
	return b, res, nil, true
}

// resolve gives the saved page the references of the page it replaces and
// the relations other pages give it. A reference it keeps points where it
// pointed; one to a different person or role is looked up, and must be
// found. Any other change of what the front matter names (a process,
// related pages, RACI letters) makes resolve return false.
func (e *pageEdit) resolve(site *content.Site) bool {
	was, now := refSlots(&e.page.Meta), refSlots(&e.now.Meta)
	if was == nil || now == nil {
		return false // a reference of a kind this code does not know
	}
	e.moved, e.dropped = map[content.Pos]content.Pos{}, map[content.Pos]bool{}
	for _, field := range refFields(was, now) {
		a, b := was[field], now[field]
		if slices.EqualFunc(a, b, func(x, y *content.Ref) bool { return x.ID == y.ID }) {
			for i := range a {
				b[i].Person, b[i].Role, b[i].Page = a[i].Person, a[i].Role, a[i].Page
				e.moved[a[i].Pos] = b[i].Pos
			}
			continue
		}
		list := personLists[field]
		if list == nil {
			return false
		}
		for _, r := range b {
			if r.IsZero() {
				continue
			}
			r.Person, r.Role = site.Person(r.ID), site.Role(r.ID)
			if r.Person == nil && r.Role == nil {
				return false // an unknown id: its diagnostic is the full build's
			}
		}
		for _, r := range a {
			e.dropped[r.Pos] = true
		}
		if e.page.List {
			continue // list pages name nobody (content's derive leaves them out)
		}
		wasIDs, nowIDs := resolvedIDs(a), resolvedIDs(b)
		for id := range wasIDs {
			if !nowIDs[id] {
				e.people = append(e.people, involve{id: id, list: list})
			}
		}
		for id := range nowIDs {
			if !wasIDs[id] {
				e.people = append(e.people, involve{id: id, list: list, add: true})
			}
		}
	}
	slices.SortFunc(e.people, func(x, y involve) int { return strings.Compare(x.id, y.id) })
	if len(e.page.Meta.RACI) != len(e.now.Meta.RACI) {
		return false // the rows keep their place in memory (commit)
	}
	keepRelations(e.now, e.page)
	return true
}

// commit makes the edited page of the fork the saved one, in place: every
// pointer to it in the fork now sees the new version. RACI rows keep their
// place in memory, as the pages of the processes they name point at them.
func (e *pageEdit) commit(site *content.Site) {
	p := e.page
	rows := p.Meta.RACI
	copy(rows, e.now.Meta.RACI)
	e.now.Meta.RACI = rows
	*p = *e.now
	for _, c := range e.people {
		v := site.Involved[c.id]
		if v == nil {
			v = &content.Involvement{}
			site.Involved[c.id] = v
		}
		list := c.list(v)
		i := sort.Search(len(*list), func(i int) bool { return (*list)[i].Path >= p.Path })
		switch {
		case c.add && (i == len(*list) || (*list)[i] != p):
			*list = slices.Insert(*list, i, p)
		case !c.add && i < len(*list) && (*list)[i] == p:
			*list = slices.Delete(*list, i, i+1)
		}
		if v.Empty() {
			delete(site.Involved, c.id)
		}
	}
}

// diagnose returns the raw diagnostics of the patched build b and its
// orphans: those of the previous build, with what the edited pages
// reported before replaced by what they report now, and whether either
// changed. ok is false when an edited page has a diagnostic this code
// cannot account for, or when the site's meeting rhythm changed. What the
// pages reported before is worked out on the previous build, which is
// only read; b, the fork, has their saved bodies already.
func (s *Session) diagnose(prev, b *builder, edits []*pageEdit) (raw content.Diagnostics, orphans []Orphan, changed, ok bool) {
	edited := map[*content.Page]*pageEdit{}
	for _, e := range edits {
		edited[e.page] = e
	}
	rhythmWas, rhythmNow := false, false
	for _, p := range b.site.Pages {
		if p.List {
			continue
		}
		rhythmWas = rhythmWas || check.KeepsRhythm(p)
		if e := edited[p]; e != nil {
			p = e.now
		}
		rhythmNow = rhythmNow || check.KeepsRhythm(p)
	}
	if rhythmWas != rhythmNow {
		return nil, nil, false, false
	}

	raw = prev.raw
	// The orphans are in page order: an edited page's new ones take the
	// place of its old ones. The fork holds those of the build before.
	kept := b.checks.Orphans()
	done := map[*content.Page]bool{}
	for _, o := range kept {
		e := edited[o.Page]
		if e == nil {
			orphans = append(orphans, o)
			continue
		}
		if !done[e.page] {
			done[e.page] = true
			orphans = append(orphans, e.orphans(b)...)
		}
	}
	// An edited page that had no orphans may have some now, in page order.
	for _, e := range edits {
		if done[e.page] {
			continue
		}
		add := e.orphans(b)
		if len(add) == 0 {
			continue
		}
		at := sort.Search(len(orphans), func(i int) bool { return orphans[i].Page.Path >= e.page.Path })
		orphans = slices.Insert(orphans, at, add...)
	}

	anchors := [2]map[*content.Page]map[string]bool{{}, {}}
	for _, e := range edits {
		was, now := e.was.diags, e.diags
		for _, d := range prev.raw {
			if d.Pos.File != e.page.File {
				continue
			}
			switch d.Rule {
			case content.RuleUnknownRef, "supersede-cycle":
				if at, ok := e.moved[d.Pos]; ok {
					was = append(was, d)
					d.Pos = at
					now = append(now, d)
				} else if e.dropped[d.Pos] {
					was = append(was, d)
				}
			}
		}
		add := func(list *content.Diagnostics) check.Add {
			return func(rule string, pos content.Pos, format string, args ...any) {
				*list = append(*list, check.Diag(rule, pos, format, args))
			}
		}
		if !e.page.List {
			prev.checks.CheckPage(e.old, add(&was))
			b.checks.CheckPage(e.now, add(&now))
		}
		for _, o := range prev.checks.Orphans() {
			if o.Page == e.old {
				if d, ok := check.OrphanDiag(o); ok {
					was = append(was, d)
				}
			}
		}
		for _, o := range e.orphans(b) {
			o.Page = e.now // its message names the page as saved
			if d, ok := check.OrphanDiag(o); ok {
				now = append(now, d)
			}
		}
		was = append(was, prev.linkDiags(e.old, anchors[0])...)
		now = append(now, b.linkDiags(e.page, anchors[1])...)
		// What the page reported before must be all that the build
		// before has in its file, or the patch would keep a stale
		// diagnostic.
		var at []int
		for i, d := range raw {
			if d.Pos.File == e.page.File {
				at = append(at, i)
			}
		}
		if len(at) != len(was) {
			return nil, nil, false, false
		}
		taken := make([]bool, len(at))
		for _, d := range was {
			found := false
			for k, i := range at {
				if !taken[k] && reflect.DeepEqual(raw[i], d) {
					taken[k], found = true, true
					break
				}
			}
			if !found {
				return nil, nil, false, false
			}
		}
		if slices.EqualFunc(was, now, func(x, y content.Diagnostic) bool { return reflect.DeepEqual(x, y) }) {
			continue
		}
		if !changed {
			raw, changed = slices.Clone(raw), true
		}
		for i := len(at) - 1; i >= 0; i-- {
			raw = slices.Delete(raw, at[i], at[i]+1)
		}
		raw = append(raw, now...)
	}
	// Orphans hold no slice: equal values name the same page, field and
	// person of the fork.
	changed = changed || !slices.Equal(orphans, kept)
	return raw, orphans, changed, true
}

// orphans returns what the saved page leaves without an owner, pointing at
// the page of the build (whose content it becomes).
func (e *pageEdit) orphans(b *builder) []Orphan {
	out := check.PageOrphans(e.now, b.now)
	for i := range out {
		out[i].Page = e.page
	}
	return out
}

// irrelevant reports whether a changed path, which no page of the build was
// read from, is one that no build reads either: gone again (an editor's
// temporary file renamed over a page), hidden, or outside the folders the
// content is read from.
func (b *builder) irrelevant(file string) bool {
	dir := strings.TrimSuffix(file, "/") + "/"
	for _, p := range b.site.Pages {
		if p.File == file || strings.HasPrefix(p.File, dir) {
			return false
		}
	}
	for _, f := range b.site.Static {
		if f.File == file || strings.HasPrefix(f.File, dir) {
			return false
		}
	}
	for seg := range strings.SplitSeq(file, "/") {
		if strings.HasPrefix(seg, ".") {
			return true // content.Load skips hidden files and folders
		}
	}
	if slices.Contains(b.measurementFiles(), file) {
		return false // a KPI's measurements (check.MeasurementsPath), under data/ or in its folder
	}
	if top, _, _ := strings.Cut(file, "/"); b.site.ContentDir != "." && top != b.site.ContentDir && top != "static" {
		return true
	}
	_, err := fs.Stat(b.opts.FS, file)
	return errors.Is(err, fs.ErrNotExist)
}

// personLists are the front matter keys that name people or roles, with
// the list of a person's involvement that a page naming them is in (as
// content's derive fills them).
var personLists = map[string]func(*content.Involvement) *[]*content.Page{
	"Owner":           func(v *content.Involvement) *[]*content.Page { return &v.Owns },
	"Sponsor":         func(v *content.Involvement) *[]*content.Page { return &v.Sponsors },
	"ApprovedBy":      func(v *content.Involvement) *[]*content.Page { return &v.Approved },
	"DecidedBy":       func(v *content.Involvement) *[]*content.Page { return &v.Decided },
	"Chair":           func(v *content.Involvement) *[]*content.Page { return &v.Chairs },
	"Participants":    func(v *content.Involvement) *[]*content.Page { return &v.Meetings },
	"MitigationOwner": func(v *content.Involvement) *[]*content.Page { return &v.Mitigates },
	"Audience":        func(v *content.Involvement) *[]*content.Page { return &v.Trainings },
}

var (
	refType        = reflect.TypeFor[content.Ref]()
	refsType       = reflect.TypeFor[[]content.Ref]()
	rowsType       = reflect.TypeFor[[]content.RACIRow]()
	milestonesType = reflect.TypeFor[[]content.Milestone]()
)

// refSlots returns every reference in m by the field it is written in
// ("Owner", "Related", "RACI.0.A"), in order, or nil when m holds
// references in a shape this code does not know.
func refSlots(m *content.Meta) map[string][]*content.Ref {
	out := map[string][]*content.Ref{}
	var walk func(v reflect.Value, prefix string) bool
	walk = func(v reflect.Value, prefix string) bool {
		for i := range v.NumField() {
			f, name := v.Field(i), prefix+v.Type().Field(i).Name
			switch f.Type() {
			case refType:
				out[name] = append(out[name], f.Addr().Interface().(*content.Ref))
			case refsType:
				refs := f.Interface().([]content.Ref)
				out[name] = make([]*content.Ref, len(refs))
				for j := range refs {
					out[name][j] = &refs[j]
				}
			case rowsType, milestonesType: // issue 17: the exit plan's milestones
				for j := range f.Len() {
					if !walk(f.Index(j), fmt.Sprintf("%s.%d.", name, j)) {
						return false
					}
				}
			default:
				if holdsRef(f.Type()) {
					return false
				}
			}
		}
		return true
	}
	if !walk(reflect.ValueOf(m).Elem(), "") {
		return nil
	}
	return out
}

// holdsRef reports whether values of t can hold a content.Ref.
func holdsRef(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		if t == refType {
			return true
		}
		for i := range t.NumField() {
			if holdsRef(t.Field(i).Type) {
				return true
			}
		}
	case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Map:
		return holdsRef(t.Elem())
	}
	return false
}

// refFields returns the fields of both, sorted.
func refFields(a, b map[string][]*content.Ref) []string {
	names := slices.Collect(maps.Keys(a))
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// resolvedIDs returns the ids of the references that name someone.
func resolvedIDs(refs []*content.Ref) map[string]bool {
	out := map[string]bool{}
	for _, r := range refs {
		if r.Person != nil || r.Role != nil {
			out[r.ID] = true
		}
	}
	return out
}

// keepRelations gives p the relations that other pages give old, which
// an edit that names the same pages does not change.
func keepRelations(p, old *content.Page) {
	p.SupersededBy, p.Instructions, p.Risks, p.KPIs = old.SupersededBy, old.Instructions, old.Risks, old.KPIs
	p.Decisions, p.RACI, p.ReferencedBy = old.Decisions, old.RACI, old.ReferencedBy
}

// fork returns the start of a patched build: a copy of b's content
// (content.Site.Fork), with b's bodies, backlinks, folders, orphans and
// checklist pointing into it, and the fork that maps b's pages to their
// copies. b is only read; what no stage writes (settings, theme, the
// rendered HTML, the diagnostics, the git history) is shared.
func (b *builder) fork() (*builder, *content.Fork) {
	f := b.site.Fork()
	c := &builder{opts: b.opts, site: f.Site, md: b.md, hl: b.hl, theme: b.theme, now: b.now,
		outputs: b.outputs, git: b.git, session: b.session, cache: b.cache, raw: b.raw, diags: b.diags, complete: true}
	c.bodies = make(map[*content.Page]*built.Body, len(b.bodies))
	for p, r := range b.bodies {
		c.bodies[f.Page(p)] = r.Relink(f.Page)
	}
	c.backlinks = make(map[*content.Page][]*content.Page, len(b.backlinks))
	for p, from := range b.backlinks {
		c.backlinks[f.Page(p)] = f.Pages(from)
	}
	c.sections = forkSections(b.sections, f)
	c.ready = b.ready.Fork(f)
	world := b.linkWorld()
	c.worldOnce.Do(func() { c.world = world })
	c.checks = c.newChecks()
	c.checks.KeepOrphans(check.ForkOrphans(b.checks.Orphans(), f))
	return c, f
}

// spare is a fork of a build (fork) made in the background once the build
// is served (Session.Prefork), while the user reads it: the next save is
// patched into it without waiting for the copy. The build it copies is
// only read, by the servers of its pages as well, which is safe as
// nothing writes it.
type spare struct {
	of   *builder
	done chan struct{}
	b    *builder
	f    *content.Fork
}

// Prefork starts making, in the background, the fork of the last build
// that the next save will be patched into; the dev server calls it once
// the build is served, so that the copy does not compete with showing it.
// Without it a patch makes its fork itself.
func (s *Session) Prefork() {
	if s.prev != nil && s.spare == nil {
		s.spare = forkLater(s.prev)
	}
}

// forkLater starts making a fork of b.
func forkLater(b *builder) *spare {
	sp := &spare{of: b, done: make(chan struct{})}
	go func() {
		defer close(sp.done)
		sp.b, sp.f = b.fork()
	}()
	return sp
}

// takeFork returns the fork of prev made in the background, waiting for
// it if need be, or makes one. A fork is used once: the patch writes it.
func (s *Session) takeFork(prev *builder) (*builder, *content.Fork) {
	sp := s.spare
	s.spare = nil
	if sp != nil && sp.of == prev {
		<-sp.done
		return sp.b, sp.f
	}
	return prev.fork()
}

// pageByFile returns the page read from file, or nil.
func (b *builder) pageByFile(file string) *content.Page {
	for _, p := range b.site.Pages {
		if p.File == file {
			return p
		}
	}
	return nil
}

// sameTargets reports whether two bodies link to the same pages and files
// of the site, in the same order: then backlinks, orphans and what links
// to what are unchanged. Links out of the site do not count.
func sameTargets(a, b []built.Link) bool {
	return slices.EqualFunc(internal(a), internal(b), func(x, y built.Link) bool {
		return x.Target.Page == y.Target.Page && x.Target.Out == y.Target.Out
	})
}

func internal(ls []built.Link) []built.Link {
	out := make([]built.Link, 0, len(ls))
	for _, l := range ls {
		if l.Target.Page != nil || l.Target.Out != "" {
			out = append(out, l)
		}
	}
	return out
}
