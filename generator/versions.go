package generator

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/generator/theme"
	"github.com/handover-dev/handover/generator/versions"
)

// gitInfo is what the build knows from git: each page's history and the
// versions (tags) of the site.
type gitInfo struct {
	files    history.Files       // commits per file (paths relative to the site root); nil when unknown
	versions []*versions.Version // older versions, newest first; empty without Options.Versions
	current  *versions.Index     // the pages of this build, for the switcher
	changes  []*changeSet        // newest first: the current tree, then each version
	trend    []ReadinessPoint    // the readiness score on each day the site changed (readiness_trend.go)
}

// versionContext tells the build of an older version where it sits in the
// output of the current build.
type versionContext struct {
	theme  *theme.Theme                // the current build's theme: every version looks the same
	files  history.Files               // page history as at the tag; nil when unknown
	checks map[string]content.Severity // set by the build: the version's own levels, before they were relaxed
}

// placeholder stands, in the pages of an older version, where the version
// switcher and banner go. They depend on the other versions and on the
// current tree, so the parent build fills them in when it copies the version
// into its output; that keeps the cached version independent of both.
const placeholder = "<!--handover:versions-->"

// loadHistory reads the git history of the site, once per build: the last
// change of every page and, with Options.Versions, the older versions.
func (b *builder) loadHistory(ctx context.Context) content.Diagnostics {
	if vc := b.opts.version; vc != nil {
		b.useVersionContext(vc)
		return nil
	}
	if b.opts.DryRun || b.opts.FS != os.DirFS(b.opts.Site) {
		// A check shows no dates; a tree in memory (tests) has no history.
		return nil
	}
	repo, err := history.Open(ctx, b.opts.Site)
	if errors.Is(err, history.ErrNotRepo) || err == nil && repo.Head() == "" {
		return nil
	}
	if err != nil {
		return content.Diagnostics{b.gitDiag("cannot read the git history, so pages show no last change: %v", err)}
	}
	var tags []history.Tag
	if b.opts.Versions && !b.opts.DryRun {
		pattern := b.site.Config.Versions.Tags
		if pattern == "" {
			pattern = "v*"
		}
		if tags, err = repo.Tags(ctx, pattern); err != nil {
			return content.Diagnostics{b.gitDiag("cannot list the versions: %v", err)}
		}
	}
	revs := []string{repo.Head()}
	for _, t := range tags {
		revs = append(revs, t.Commit)
	}
	log, err := repo.Log(ctx, repo.Prefix(), revs...)
	if err != nil {
		return content.Diagnostics{b.gitDiag("cannot read the git history, so pages show no last change: %v", err)}
	}
	g := &gitInfo{}
	b.git = g
	var diags content.Diagnostics
	if log.Shallow {
		diags = append(diags, b.gitDiag("this is a shallow git clone, so pages show no last change; clone with full history (fetch-depth: 0) to show them"))
	} else {
		g.files = log.Files(repo.Head())
		g.trend = b.readinessTrend(ctx, repo, log)
	}
	if len(tags) == 0 {
		return diags
	}
	vb := &versionBuilder{b: b, repo: repo, log: log}
	return append(diags, vb.run(ctx, tags)...)
}

// useVersionContext sets up the build of an older version: the history as
// at its tag and the parent's theme. The version's own levels are kept for
// the count of its errors; levels relaxes them, because a version is
// published as it was.
func (b *builder) useVersionContext(vc *versionContext) {
	b.git = &gitInfo{files: vc.files}
	b.theme = vc.theme
	vc.checks = maps.Clone(b.site.Config.Checks)
}

// levels applies the levels of handover.yaml (and --strict) to diags. In
// the build of an older version every error is a warning; the site's
// settings are read, never changed.
func (b *builder) levels(diags content.Diagnostics) content.Diagnostics {
	if b.opts.version == nil {
		return b.site.Config.Levels(diags, b.opts.Strict)
	}
	relaxed := b.site.Config
	relaxed.Checks = make(map[string]content.Severity, len(content.Rules))
	for _, rule := range content.RuleIDs() {
		if lvl, ok := b.site.Config.Checks[rule]; ok && lvl != content.Error {
			relaxed.Checks[rule] = lvl
		} else {
			relaxed.Checks[rule] = content.Warning
		}
	}
	return relaxed.Levels(diags, b.opts.Strict)
}

// gitDiag returns a warning of rule "git" about the site as a whole.
func (b *builder) gitDiag(format string, args ...any) content.Diagnostic {
	return content.Diag("git", content.Pos{File: b.site.ContentDir}, fmt.Sprintf(format, args...))
}

// writeVersions copies the older versions into the output, with their
// switcher and banner filled in.
func (b *builder) writeVersions(sink Sink) error {
	if b.git == nil {
		return nil
	}
	for _, v := range b.git.versions {
		if err := b.writeVersion(sink, v); err != nil {
			return err
		}
	}
	return nil
}

// writeVersion writes one older version below versions/TAG/.
func (b *builder) writeVersion(sink Sink, v *versions.Version) error {
	files, err := v.Output()
	if err != nil {
		return err
	}
	names := sortedKeys(files)
	return parallel(context.Background(), len(names), func(i int) error {
		name := names[i]
		data := files[name]
		if path.Ext(name) == ".html" {
			filled, err := b.fillVersionSlot(v, name, data)
			if err != nil {
				return err
			}
			data = filled
		}
		return sink.Write(v.Dir+name, data)
	})
}

// versionDate is "today" for the build of an older version: the day of its
// tag's commit. The version then shows what it showed when it was current,
// and its output depends on the commit only, which lets it be cached.
func versionDate(t history.Tag) time.Time { return t.Date }
