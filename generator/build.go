// Package generator turns a handover site into its static output: it loads
// the content model, renders every page, runs the checks and publishes the
// result atomically.
//
// It is the pipeline: it runs the stages (content loads, render's goldmark
// setup and the body and link rendering here, check, the views and
// outputs here with view and output, publish) in one direction, and the
// dev server's Session, which keeps a build and, after an edit, patches a
// fork of it (patch.go) or builds anew. It may import every stage package; none imports it
// (TestPackageLayers, docs/architecture.md).
package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/yuin/goldmark"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/check"
	"github.com/handover-dev/handover/generator/output"
	"github.com/handover-dev/handover/generator/publish"
	"github.com/handover-dev/handover/generator/render"
	"github.com/handover-dev/handover/generator/store"
	"github.com/handover-dev/handover/generator/theme"
)

// Options configures one build.
type Options struct {
	Site        string                             // the site root folder
	FS          fs.FS                              // read the site from here instead of Site (git trees, tests)
	Destination string                             // output folder; default Site/public
	Now         time.Time                          // "today" for review dates; zero means SOURCE_DATE_EPOCH or the clock
	Strict      bool                               // warnings become errors
	BaseURL     string                             // only for absolute URLs in sitemap.xml
	Force       bool                               // allow writing into a non-empty folder that handover did not write
	DryRun      bool                               // run every stage but write nothing (handover check)
	Version     string                             // generator version shown in the footer
	Sink        Sink                               // write here instead of Destination (the dev server's memory); a Sink that is an output.Streamer gets large pages as streams
	Versions    bool                               // also build the git tags matching versions.tags into versions/TAG/
	CacheDir    string                             // keeps built versions between builds; safe to lose or share
	Progress    func(done, total int, what string) // reports long work; may be nil
	Archive     string                             // after publishing, also write the site as this zip file
	PDF         string                             // after publishing, also print the dossier to this PDF file (print.go)
	Waiting     func(pid int)                      // called when another build into Destination holds it; may be nil
	version     *versionContext                    // set when building an older version inside another build
	publishDir  string                             // where the output goes: Destination with links resolved
}

// Result is what a build did.
type Result struct {
	Site        *content.Site // after a build that wrote files, its pages' Body is nil
	Pages       int           // HTML pages written
	Files       int           // all files written
	Diagnostics content.Diagnostics
	Duration    time.Duration
	Published   bool // the output was replaced by the new site
	Readiness   *Readiness
	Notes       []string // how the output was published, when the user should know (a folder updated in place, files left alone)
}

// ErrContent is returned when the content has errors; the old output stays.
var ErrContent = errors.New("the content has errors")

// ErrUsage is wrapped by the errors of a build called with a path it must
// not use: a missing site, an output, archive or cache path that would
// touch the sources or a file handover did not write.
var ErrUsage = publish.ErrUsage

// builder holds the state of one build; it is used by one Build call only.
type builder struct {
	opts     Options
	site     *content.Site
	md       goldmark.Markdown
	hl       *render.Highlighter
	theme    *theme.Theme
	now      content.Date
	sections map[string]*section
	outputs  map[string]bool // generated output paths that links may name
	bodies   map[*content.Page]*built.Body
	// backlinks are the pages whose text links to each page (checkLinks)
	backlinks map[*content.Page][]*content.Page
	git       *gitInfo // page history and versions; nil outside git
	ready     *Readiness
	checks    *check.Site  // the check stage's view of this build (newChecks)
	session   *Session     // nil outside the dev server
	cache     *renderCache // --cache DIR; nil without
	spill     *store.Spill // rendered bodies kept on disk; nil when they stay in memory

	worldOnce sync.Once
	world     uint64

	partials sync.Map // rendered theme parts by key (view.Cached)

	release  bool                // let go of what is used: a one-shot build into files
	raw      content.Diagnostics // every diagnostic before handover.yaml's levels
	diags    content.Diagnostics // after them, sorted: the build's diagnostics
	complete bool                // prepare ran every stage: a session may patch this build
}

// Build builds the site described by opts.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.FS == nil {
		if err := CheckSite(opts.Site); err != nil {
			return &Result{}, err
		}
	}
	writing := opts.Sink == nil && !opts.DryRun
	if writing && opts.Destination == "" {
		opts.Destination = filepath.Join(orDot(opts.Site), "public")
	}
	// Every path is checked before anything is read, and the destination
	// is locked before anything is written beside it.
	var target *publish.Target
	if writing {
		paths := publish.Paths{Site: opts.Site, Destination: opts.Destination, Archive: opts.Archive, Cache: opts.CacheDir, PDF: opts.PDF, Force: opts.Force}
		if err := publish.Check(paths); err != nil {
			return &Result{}, err
		}
		t, err := publish.Open(ctx, opts.Destination, opts.Force, opts.Waiting)
		if err != nil {
			return &Result{}, err
		}
		defer t.Close()
		target, opts.publishDir = t, t.Dir
		if opts.CacheDir != "" {
			if err := publish.ClaimCache(opts.CacheDir); err != nil {
				return &Result{}, err
			}
		}
	}
	b, res, err := prepare(ctx, opts, nil)
	defer func() { res.Duration = time.Since(start) }()
	defer b.spill.Close()
	if err != nil {
		return res, err
	}
	opts = b.opts
	if home := b.site.PageByID("_index"); b.release && home != nil {
		home.Body = nil // the one body kept past rendering: the readiness checks read it
	}
	sink := opts.Sink
	var stage *publish.Stage
	if target != nil {
		if stage, err = target.Stage(); err != nil {
			return res, err
		}
		defer stage.Cleanup()
		sink = output.Stage{Stage: stage}
	}
	if sink == nil {
		sink = output.Discard{}
	}
	counting := &output.Counting{Sink: sink}
	if err := b.writeSite(ctx, counting); err != nil {
		return res, err
	}
	if c := b.renderCache(); c != nil {
		var trimmed sync.WaitGroup
		trimmed.Go(c.Trim) // beside publishing, which waits for the disk
		defer trimmed.Wait()
	}
	res.Pages, res.Files = counting.Pages, counting.Files
	if err := b.spill.Close(); err != nil {
		return res, err
	}
	if stage != nil {
		archive, inside := archiveIn(opts.Archive, target.Dir)
		if inside {
			if err := stage.Own(archive); err != nil {
				return res, err
			}
		}
		if err := b.ownPDF(stage, target.Dir); err != nil {
			return res, err
		}
		rep, err := stage.Publish()
		if err != nil {
			return res, err
		}
		res.Published, res.Notes = true, rep.Notes
		pdfErr := b.writePDF(ctx, target.Dir) // a PDF that fails leaves the site and the archive as they are
		if opts.Archive != "" {
			if err := publish.WriteArchive(target.Dir, opts.Archive, archiveStamp(opts.Now)); err != nil {
				return res, err
			}
		}
		if pdfErr != nil {
			return res, pdfErr
		}
	}
	return res, nil
}

func orDot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

// archiveIn returns the slash path of the archive file inside the output
// folder dir, and whether it is there.
func archiveIn(archive, dir string) (string, bool) {
	if archive == "" {
		return "", false
	}
	abs, err := filepath.Abs(archive)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(real, filepath.Base(abs))
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// prepare runs every stage before writing: load, render the page bodies,
// check. It returns ErrContent when the diagnostics hold errors. A session
// lends it what the previous build of the same site left.
func prepare(ctx context.Context, opts Options, s *Session) (*builder, *Result, error) {
	if opts.FS == nil {
		if opts.Site == "" {
			opts.Site = "."
		}
		opts.FS = os.DirFS(opts.Site)
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Site, "public")
	}
	var exclude []string
	if rel, err := filepath.Rel(opts.Site, opts.Destination); err == nil && filepath.IsLocal(rel) {
		exclude = append(exclude, filepath.ToSlash(rel))
	}
	lo := content.LoadOptions{Exclude: exclude, Reserved: reservedOutputs}
	if s != nil {
		lo.Cache = s.pages
	}
	site, diags := content.Load(opts.FS, lo)
	res := &Result{Site: site}
	b := &builder{opts: opts, site: site, now: content.Day(today(opts.Now)), hl: render.NewHighlighter(), session: s}
	// A build into files, or a check, lets go of what it has used: the
	// Markdown of a page once it is rendered, its HTML once its page and
	// the print document have it. At 100,000 pages that is a gigabyte.
	b.release = s == nil && opts.Sink == nil
	if s != nil {
		b.hl = s.hl
	}
	b.md = render.NewMarkdown(site.Config.Unsafe, b.hl)
	th, err := s.loadTheme(opts.FS, site.Config)
	if err != nil {
		res.Diagnostics = diags
		return b, res, err
	}
	b.theme = th
	b.checks = b.newChecks()
	b.indexSections()
	diags = append(diags, b.dropShadowedStatic()...)
	if s != nil && s.git != nil {
		b.git = s.git
	} else {
		diags = append(diags, b.loadHistory(ctx)...)
	}
	if b.release {
		b.spill = newSpillFor(site, cmp.Or(opts.publishDir, opts.Destination))
	}
	if err := b.renderBodies(ctx); err != nil {
		return b, res, err
	}
	// The link check (which records backlinks) and the readiness rules
	// (which read no backlinks) run side by side.
	var linkDiags content.Diagnostics
	linked := make(chan struct{})
	go func() {
		defer close(linked)
		linkDiags = b.checkLinks()
	}()
	checkDiags := b.checks.Run()
	<-linked
	diags = append(diags, linkDiags...)
	diags = append(diags, checkDiags...)
	b.raw, b.complete = diags, true
	diags = b.levels(diags)
	diags.Sort()
	res.Diagnostics, b.diags = diags, diags
	b.ready = b.checks.Readiness(diags)
	res.Readiness = b.ready
	if diags.HasErrors() {
		return b, res, ErrContent
	}
	return b, res, nil
}

// CheckSite reports a SITE folder that is not there or not a folder: a
// mistyped path must not build, and publish, an empty site.
func CheckSite(dir string) error {
	if dir == "" {
		dir = "."
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return publish.Usage(fmt.Sprintf("site folder %s does not exist (handover new site %s creates one)", dir, dir))
	case err != nil:
		return fmt.Errorf("site folder: %w", err)
	case !fi.IsDir():
		return publish.Usage(fmt.Sprintf("site %s is a file, not a folder (SITE is the folder that holds handover.yaml and content/)", dir))
	}
	return nil
}

// today returns now, or the day SOURCE_DATE_EPOCH pins, or the clock's.
func today(now time.Time) time.Time {
	if !now.IsZero() {
		return now.UTC()
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// renderBodies converts every page's Markdown on all cores.
func (b *builder) renderBodies(ctx context.Context) error {
	pages := b.site.Pages
	b.session.begin(b)
	out := make([]*built.Body, len(pages))
	err := parallel(ctx, len(pages), func(i int) error {
		out[i] = b.session.body(b, pages[i])
		if b.spill != nil {
			if b.cache != nil {
				out[i].HTMLSum = sumString(out[i].HTML) // the output cache's key, without reading it back
			}
			b.stash(out[i])
		}
		if b.release && pages[i].ID != "_index" {
			pages[i].Body = nil
		}
		return nil
	})
	b.bodies = make(map[*content.Page]*built.Body, len(pages))
	for i, p := range pages {
		b.bodies[p] = out[i]
	}
	return err
}

// parallel calls f for 0..n-1 on all cores, stopping at the first error or
// when ctx is done.
func parallel(ctx context.Context, n int, f func(i int) error) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
loop:
	for i := range n {
		select {
		case <-ctx.Done():
			break loop
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// archiveStamp is the modification time of the entries of a build's
// archive: Options.Now or SOURCE_DATE_EPOCH exactly, or else today at
// midnight, so two builds of the same content on one day give the same zip.
func archiveStamp(now time.Time) time.Time {
	t := today(now)
	if now.IsZero() && os.Getenv("SOURCE_DATE_EPOCH") == "" {
		t = t.Truncate(24 * time.Hour)
	}
	return t
}
