package generator

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/versions"
)

// versionBuilder builds the older versions of one build.
type versionBuilder struct {
	b       *builder
	repo    *history.Repo
	log     *history.Log
	cache   *history.Cache // nil without Options.CacheDir
	keyBase []string       // the parts of every cache key besides the tag
	used    []string       // the cache keys of this build's versions
}

// run builds or fetches every tag and works out what changed between them.
func (vb *versionBuilder) run(ctx context.Context, tags []history.Tag) content.Diagnostics {
	b := vb.b
	if b.opts.CacheDir != "" {
		vb.cache = &history.Cache{Dir: b.opts.CacheDir}
	}
	vb.keyBase = []string{versions.CacheFormat, b.opts.Version, versions.ThemeHash(b.theme), b.theme.Lang,
		vb.repo.Prefix(), fmt.Sprint(vb.log.Shallow), baseURL(b)}
	g := b.git
	g.current = currentIndex(b)
	var diags content.Diagnostics
	problems := map[string]int{}
	for i, t := range tags {
		v, err := vb.version(ctx, t, i, len(tags))
		if err != nil {
			if ctx.Err() != nil {
				return diags // the build reports the cancellation
			}
			diags = append(diags, b.gitDiag("version %s was not built: %v", t.Name, err))
			continue
		}
		g.versions = append(g.versions, v)
		if v.Index.Errors > 0 {
			problems[t.Name] = v.Index.Errors
		}
	}
	if len(problems) > 0 {
		diags = append(diags, b.problemsDiag(problems))
	}
	g.changes = vb.changes()
	if vb.cache != nil && ctx.Err() == nil {
		_ = vb.cache.Trim(versions.Kept, vb.used...) // trimming only saves space
	}
	return diags
}

// problemsDiag sums up the errors of the older versions in one warning: they
// are published as they were, and the current build does not fail on them.
func (b *builder) problemsDiag(problems map[string]int) content.Diagnostic {
	total := 0
	var parts []string
	for _, name := range sortedKeys(problems) {
		total += problems[name]
		parts = append(parts, fmt.Sprintf("%s: %d", name, problems[name]))
	}
	d := content.Diag("git", content.Pos{File: "handover.yaml"},
		fmt.Sprintf("older versions have %d content errors (%s); they are published as they were", total, strings.Join(parts, ", ")))
	return d
}

// version returns the older version of tag t, from the cache or built now.
func (vb *versionBuilder) version(ctx context.Context, t history.Tag, i, n int) (*versions.Version, error) {
	b := vb.b
	v := &versions.Version{Tag: t, Dir: "versions/" + t.Name + "/"}
	key := history.Key(append([]string{t.Commit, t.Name}, vb.keyBase...)...)
	tree, err := vb.repo.TreeFS(ctx, t.Commit, vb.repo.Prefix())
	if err != nil {
		return nil, err
	}
	if vb.cache != nil {
		vb.used = append(vb.used, key)
		if entry, ok := vb.cache.Get(key); ok {
			vb.cache.Use(key)
			if idx, err := versions.ReadManifest(entry); err == nil {
				vb.progress(i, n, "version "+t.Name+" from the cache")
				v.Index, v.Entry = idx, entry
				v.Sources = versions.PageSources(tree, idx)
				return v, nil
			}
		}
	}
	vb.progress(i, n, "building version "+t.Name)
	vc := &versionContext{theme: b.theme}
	if !vb.log.Shallow {
		vc.files = vb.log.Files(t.Commit)
	}
	sink := &MemSink{Files: map[string][]byte{}}
	opts := Options{FS: tree, Sink: sink, Now: versionDate(t), Version: b.opts.Version, version: vc}
	if base := baseURL(b); base != "" {
		opts.BaseURL = base + v.Dir
	}
	res, err := Build(ctx, opts)
	if err != nil {
		return nil, err
	}
	v.Index = indexOf(res.Site, sink.Files)
	v.Index.Errors = versions.CountErrors(res.Diagnostics, vc.checks)
	v.Sources = versions.PageSources(tree, v.Index)
	v.Files = sink.Files
	if vb.cache != nil {
		if versions.Store(vb.cache, key, v) == nil {
			// Read it back when writing, so that many versions need not
			// be held in memory at once.
			v.Entry, _ = vb.cache.Get(key)
			v.Files = nil
		}
	}
	return v, nil
}

// progress reports long work through Options.Progress.
func (vb *versionBuilder) progress(done, total int, what string) {
	if p := vb.b.opts.Progress; p != nil {
		p(done, total, what)
	}
}

// baseURL returns the absolute URL of the published site with a final
// slash, or "".
func baseURL(b *builder) string {
	base := b.baseURL()
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// indexOf makes the index of a built version of the site and its output files.
func indexOf(site *content.Site, files map[string][]byte) *versions.Index {
	var html []string
	for name := range files {
		if path.Ext(name) == ".html" {
			html = append(html, name)
		}
	}
	return versions.NewIndex(indexPages(site), html)
}

// currentIndex makes the index of the site being built, before its output
// is written: its pages and the generated pages links may name.
func currentIndex(b *builder) *versions.Index {
	pages := indexPages(b.site)
	var html []string
	for _, p := range pages {
		html = append(html, p.Out)
	}
	for out := range b.outputs {
		if strings.HasSuffix(out, ".html") {
			html = append(html, out)
		}
	}
	for _, r := range b.site.People.Roles {
		html = append(html, personOut(r.ID))
	}
	return versions.NewIndex(pages, html)
}

// indexPages lists the pages of site as a version's index names them.
func indexPages(site *content.Site) []versions.Page {
	pages := make([]versions.Page, 0, len(site.Pages))
	for _, p := range site.Pages {
		pages = append(pages, versions.Page{File: p.File, ID: p.ID, Out: pageOut(p), Title: p.Title})
	}
	return pages
}
