package generator

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/versions"
)

// VersionBar is the version switcher of a page, and on an older version the
// banner that links to the current one.
type VersionBar struct {
	Links       []VersionLink
	Old         string // the older version this page belongs to; "" on the current one
	CurrentHref string // on an older version: this page in the current version
	ChangesHref string // the changes page of the current version
	// Placeholder is set while an older version is built: the parent build
	// puts the switcher there.
	Placeholder template.HTML
}

// VersionLink is one entry of the version switcher.
type VersionLink struct {
	Name, Href string
	Current    bool // the version this page belongs to
}

// versionSlot is the Data of the view that fills in the switcher of a page
// of an older version.
type versionSlot struct {
	v       *versions.Version
	id, out string // the page's id ("" for generated pages) and output path in its version
}

// Versions returns the version switcher of the page, or nil when the site
// has no older versions.
func (v *view) Versions() *VersionBar {
	if v.Layout == "404" {
		return nil // served at any depth, so relative links would not work
	}
	if v.b.opts.version != nil {
		return &VersionBar{Placeholder: placeholder}
	}
	g := v.b.git
	if g == nil || len(g.versions) == 0 {
		return nil
	}
	id, out := "", v.outPath()
	if v.Page != nil {
		id = v.Page.ID
	}
	slot, _ := v.Data.(*versionSlot)
	if slot != nil {
		id, out = slot.id, slot.out
	}
	bar := &VersionBar{ChangesHref: relPath(v.Dir, "changes/index.html")}
	bar.Links = append(bar.Links, VersionLink{Name: v.T("version.current"),
		Href: relPath(v.Dir, g.current.Target(id, out)), Current: slot == nil})
	for _, ver := range g.versions {
		bar.Links = append(bar.Links, VersionLink{Name: ver.Tag.Name,
			Href: relPath(v.Dir, ver.Dir+ver.Index.Target(id, out)), Current: slot != nil && slot.v == ver})
	}
	if slot != nil {
		bar.Old = slot.v.Tag.Name
		bar.CurrentHref = relPath(v.Dir, g.current.Target(id, out))
	}
	return bar
}

// fillVersionSlot replaces the placeholder in a page of an older version
// (name is its path inside the version) with its switcher and banner.
func (b *builder) fillVersionSlot(ver *versions.Version, name string, data []byte) ([]byte, error) {
	i := bytes.Index(data, []byte(placeholder))
	if i < 0 {
		return data, nil
	}
	dir := dirOf(name)
	if dir != "" {
		dir += "/"
	}
	slot := &versionSlot{v: ver, id: ver.Index.IDOf(name), out: name}
	vw := &view{b: b, Layout: "page", Dir: ver.Dir + dir, Data: slot}
	var buf bytes.Buffer
	buf.Write(data[:i])
	if err := b.theme.Layout("page").ExecuteTemplate(&buf, "partials/versions", vw); err != nil {
		return nil, fmt.Errorf("render %s%s: %w", ver.Dir, name, err)
	}
	buf.Write(data[i+len(placeholder):])
	return buf.Bytes(), nil
}

// PageChange is a commit as a page's history shows it.
type PageChange struct {
	Date    content.Date
	Author  string
	Subject string
}

func pageChange(c history.Commit) PageChange {
	return PageChange{Date: content.Day(c.Date), Author: c.Author, Subject: c.Subject}
}

// maxHistory bounds the commits listed in a page's history.
const maxHistory = 50

// LastChange returns the newest commit that changed the page, or nil when
// git does not tell (no git, a shallow clone, a file not committed).
func (v *view) LastChange() *PageChange {
	if v.Page == nil || v.b.git == nil {
		return nil
	}
	c, ok := v.b.git.files.Last(v.Page.File)
	if !ok {
		return nil
	}
	pc := pageChange(c)
	return &pc
}

// History returns the commits that changed the page, newest first.
func (v *view) History() []PageChange {
	if v.Page == nil || v.b.git == nil {
		return nil
	}
	commits := v.b.git.files[v.Page.File]
	out := make([]PageChange, 0, min(len(commits), maxHistory))
	for _, c := range commits[:min(len(commits), maxHistory)] {
		out = append(out, pageChange(c))
	}
	return out
}

// ChangeList returns the content of the changes page, or nil when there are
// no versions to compare.
func (v *view) ChangeList() *ChangeList {
	l, _ := v.Data.(*ChangeList)
	return l
}

// DiffPage returns the content of a diff page, or nil on other pages.
func (v *view) DiffPage() *DiffPage {
	d, _ := v.Data.(*DiffPage)
	return d
}

// OlderVersion reports whether the page belongs to an older version.
func (v *view) OlderVersion() bool { return v.b.opts.version != nil }
