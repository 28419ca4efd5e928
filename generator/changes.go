package generator

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/versions"
	vw "github.com/handover-dev/handover/generator/view"
)

// snapshot is one version of the site as the changes page compares them:
// an older version or the current tree.
type snapshot struct {
	name    string // the tag, "" for the current tree
	dir     string // where its pages are in the output: "versions/TAG/", "" for the current tree
	commit  string
	date    time.Time // the tag's date; zero for the current tree
	index   *versions.Index
	sources map[string][]byte // page source text by file
}

// changeSet is what changed from one version to the next.
type changeSet struct {
	to      *snapshot
	from    *snapshot       // the version before; nil for the oldest
	added   []versions.Page // pages of to that from did not have
	changed []versions.Page // pages of to whose source text differs from from's
	removed []versions.Page // pages of from that to does not have
	commits []history.Commit
}

// diffDir names the folder of a change set's diff pages below changes/. Git
// does not allow a tag named HEAD, so the current tree cannot clash with one.
func (cs *changeSet) diffDir() string {
	if cs.to.name == "" {
		return "changes/HEAD/"
	}
	return "changes/" + cs.to.name + "/"
}

// diffOut returns the output path of the diff page of a changed page.
func (cs *changeSet) diffOut(p versions.Page) string { return cs.diffDir() + p.Out }

// changes compares each version with the one before it, by page source
// text, newest first.
func (vb *versionBuilder) changes() []*changeSet {
	b := vb.b
	var snaps []*snapshot
	for _, v := range slices.Backward(b.git.versions) {
		snaps = append(snaps, &snapshot{name: v.Tag.Name, dir: v.Dir, commit: v.Tag.Commit, date: v.Tag.Date,
			index: v.Index, sources: v.Sources})
	}
	cur := b.git.current
	snaps = append(snaps, &snapshot{commit: vb.repo.Head(), index: cur, sources: versions.PageSources(b.opts.FS, cur)})
	var sets []*changeSet
	for i, s := range snaps {
		cs := &changeSet{to: s}
		prev := ""
		if i > 0 {
			cs.from = snaps[i-1]
			prev = cs.from.commit
			compare(cs)
		}
		cs.commits = vb.log.Between(prev, s.commit)
		sets = append(sets, cs)
	}
	slices.Reverse(sets)
	return sets
}

// compare fills the added, changed and removed pages of cs; pages are the
// same page when they have the same file.
func compare(cs *changeSet) {
	for _, p := range cs.to.index.Pages {
		old, ok := cs.from.index.PageOf(p.File)
		switch {
		case !ok:
			cs.added = append(cs.added, p)
		case !bytes.Equal(cs.from.sources[old.File], cs.to.sources[p.File]):
			cs.changed = append(cs.changed, p)
		}
	}
	for _, p := range cs.from.index.Pages {
		if _, ok := cs.to.index.PageOf(p.File); !ok {
			cs.removed = append(cs.removed, p)
		}
	}
}

// maxCommits bounds the commits listed per version on the changes page.
const maxCommits = 100

// ChangeList is what the changes page shows: every version, newest first.
type ChangeList struct {
	Versions []ChangeVersion
}

// ChangeVersion is one version on the changes page.
type ChangeVersion struct {
	Name, Href  string // the version and its home page
	Since       string // the version before, "" for the oldest
	SinceHref   string
	Date        content.Date // zero for the current tree
	Pages       int
	Added       []ChangeLink
	Changed     []ChangeLink
	Removed     []ChangeLink
	Commits     []PageChange
	MoreCommits int // commits left out of Commits
}

// ChangeLink is a page on the changes page; Diff links to the changes of its
// text, for changed pages.
type ChangeLink struct {
	Title, Href, Diff string
}

// DiffPage is the text of one page compared between two versions.
type DiffPage struct {
	Title, Version, Since string
	NewHref, OldHref      string
	ChangesHref           string
	old, new              string
	view                  *view // names fields and values in the site language
}

// Hunks returns the changed lines of the page's text (below its front
// matter, which Fields compares) with three lines around them.
func (d *DiffPage) Hunks() []vw.DiffHunk { return vw.BodyHunks(d.old, d.new) }

// changesViews returns the changes page and a diff page per changed page.
func (b *builder) changesViews() []*view {
	index := &view{b: b, Layout: "changes", Title: b.theme.Label("changes"), Dir: "changes/"}
	if b.git == nil || len(b.git.changes) == 0 {
		return []*view{index}
	}
	list := &ChangeList{}
	index.Data = list
	out := []*view{index}
	for _, cs := range b.git.changes {
		list.Versions = append(list.Versions, b.changeVersion(index.Dir, cs))
		for _, p := range cs.changed {
			out = append(out, b.diffView(cs, p))
		}
	}
	return out
}

// versionName returns the name of a snapshot as readers see it.
func (b *builder) versionName(s *snapshot) string {
	if s.name == "" {
		return b.theme.Label("version.current")
	}
	return s.name
}

// changeVersion makes the entry of the changes page for cs.
func (b *builder) changeVersion(dir string, cs *changeSet) ChangeVersion {
	cv := ChangeVersion{Name: b.versionName(cs.to), Href: relPath(dir, cs.to.dir+"index.html"), Pages: len(cs.to.index.Pages)}
	if !cs.to.date.IsZero() {
		cv.Date = content.Day(cs.to.date)
	}
	if cs.from != nil {
		cv.Since, cv.SinceHref = b.versionName(cs.from), relPath(dir, cs.from.dir+"index.html")
	}
	link := func(s *snapshot, p versions.Page) ChangeLink {
		return ChangeLink{Title: p.Title, Href: relPath(dir, s.dir+p.Out)}
	}
	for _, p := range cs.added {
		cv.Added = append(cv.Added, link(cs.to, p))
	}
	for _, p := range cs.changed {
		l := link(cs.to, p)
		l.Diff = relPath(dir, cs.diffOut(p))
		cv.Changed = append(cv.Changed, l)
	}
	for _, p := range cs.removed {
		cv.Removed = append(cv.Removed, link(cs.from, p))
	}
	for i, c := range cs.commits {
		if i == maxCommits {
			cv.MoreCommits = len(cs.commits) - i
			break
		}
		cv.Commits = append(cv.Commits, pageChange(c))
	}
	return cv
}

// diffView makes the diff page of page p of change set cs.
func (b *builder) diffView(cs *changeSet, p versions.Page) *view {
	out := cs.diffOut(p)
	dir := strings.TrimSuffix(out, "index.html")
	old, _ := cs.from.index.PageOf(p.File)
	d := &DiffPage{Title: p.Title, Version: b.versionName(cs.to), Since: b.versionName(cs.from),
		NewHref: relPath(dir, cs.to.dir+p.Out), OldHref: relPath(dir, cs.from.dir+old.Out),
		ChangesHref: relPath(dir, "changes/index.html"),
		old:         string(cs.from.sources[p.File]), new: string(cs.to.sources[p.File])}
	title := fmt.Sprintf("%s: %s → %s", p.Title, d.Since, d.Version)
	v := &view{b: b, Layout: "changes", Title: title, Dir: dir, Data: d}
	d.view = v
	return v
}
