package generator

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/serve"
	"github.com/handover-dev/handover/generator/theme"
	"github.com/handover-dev/handover/generator/watch"
)

// ServeOptions configures Serve.
type ServeOptions struct {
	Site    string
	Bind    string
	Port    int // 0 means 1313; serve.AnyPort picks a free port
	Log     io.Writer
	Strict  bool
	OnReady func(url string) // called once the server listens
	// OnBuild is called after every build with its result (tests, the CLI's summary).
	OnBuild func(res *Result, err error)

	onBatch func(paths []string, rescan bool) // tests: each batch of changes, before its build
}

// Serve builds the site in memory, serves it, and rebuilds after every
// change in the site folder until ctx is done. Nothing is written into the
// site. While the content has errors the last good site stays served and
// open pages show the errors; before the first good build, the site with
// errors is served under them.
func Serve(ctx context.Context, opts ServeOptions) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if err := CheckSite(opts.Site); err != nil {
		return err
	}
	srv := serve.New(serve.Options{Bind: opts.Bind, Port: opts.Port, Logger: opts.Log, Labels: peekLabels(opts.Site)})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	addr, err := srv.Start(ctx)
	if err != nil {
		return err
	}
	session := NewSession(Options{Site: opts.Site, Strict: opts.Strict})
	session.TrustForget() // the watcher reports every change, or asks for a rescan
	var shown *LazySite   // the site served
	good := false         // shown had no errors
	rebuild := func(changed []string, rescan bool) {
		if rescan {
			changed = nil
		}
		session.Forget(changed)
		res, site, err := session.Build(ctx)
		if labels, ok := session.liveLabels(); ok {
			srv.SetLabels(labels)
		}
		switch {
		case err == nil:
			srv.SetErrors(nil)
			srv.PublishFiles(site, site.Changed(shown, srv.Open()))
			shown, good = site, true
		case ctx.Err() != nil:
			return
		default:
			srv.SetErrors(problems(opts.Site, res, err))
			// Before the first good build there is no good site to keep:
			// serve this one, its pages under the error overlay, rather
			// than a 404. Once a good site was served it stays served.
			if !good && site != nil {
				srv.PublishFiles(site, site.Changed(shown, srv.Open()))
				shown = site
			}
		}
		if opts.OnBuild != nil {
			opts.OnBuild(res, err)
		}
		session.Prefork() // the copy the next save is patched into (patch.go)
	}
	rebuild([]string{}, false)
	// The output folder of `handover build`, its lock and its staging
	// folders are written beside the sources, never read by a build.
	w, err := watch.New(opts.Site, watch.Options{Exclude: []string{outputDir}, Ignore: outputNoise})
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	if opts.OnReady != nil {
		opts.OnReady("http://" + addr + "/")
	}
	go w.Run(ctx, func(b watch.Batch) {
		if b.Warning != "" {
			fmt.Fprintf(opts.Log, "warning: %s; rebuilding everything\n", b.Warning)
		}
		if opts.onBatch != nil {
			opts.onBatch(b.Paths, b.Rescan)
		}
		rebuild(b.Paths, b.Rescan)
	})
	<-ctx.Done()
	return srv.Wait()
}

// outputDir is where `handover build` writes the site unless told otherwise.
const outputDir = "public"

// outputNoise reports whether rel, a slash path relative to the site root,
// is something `handover build` writes beside its output folder: the
// lock (.public.lock), a staging folder (.public.new-*), an old site
// being swapped out (.public.old-*) or a spill file (.public.spill-*).
func outputNoise(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return strings.HasPrefix(top, "."+outputDir+".")
}

// peekLabels returns the dev server's own texts in the language that the
// site's handover.yaml names, before the first build has read it; English
// when that cannot be told.
func peekLabels(site string) serve.Labels {
	var cfg struct {
		Language string `yaml:"language"`
		Theme    string `yaml:"theme"`
	}
	data, err := os.ReadFile(filepath.Join(site, "handover.yaml"))
	if err != nil || yaml.Unmarshal(data, &cfg) != nil {
		return serve.Labels{}
	}
	if cfg.Language == "" {
		cfg.Language = "nl" // as content.Load
	}
	th, err := theme.Load(os.DirFS(site), content.Config{Language: cfg.Language, Theme: cfg.Theme}, templateFuncs)
	if err != nil {
		return serve.Labels{}
	}
	return labelsFrom(th)
}

// labelsFrom takes the dev server's texts from a theme's labels (live.*
// in themes/default/i18n); what the theme lacks stays English.
func labelsFrom(th *theme.Theme) serve.Labels {
	l := func(key string) string {
		if s, ok := th.Labels[key]; ok {
			return s
		}
		return ""
	}
	return serve.Labels{Lang: th.Lang, ProblemsOne: l("live.problems.one"), ProblemsMany: l("live.problems.many"),
		Close: l("live.close"), BuildingTitle: l("live.building.title"), Building: l("live.building"),
		NotFoundTitle: l("live.notfound.title"), NotFound: l("live.notfound")}
}

// problems turns the diagnostics of a failed build into overlay entries
// with their source line.
func problems(site string, res *Result, err error) []serve.Problem {
	var out []serve.Problem
	if res != nil {
		for _, d := range res.Diagnostics {
			if d.Severity != content.Error {
				continue
			}
			out = append(out, serve.Problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Level: d.Severity.String(),
				Rule: d.Rule, Message: d.Message, Source: sourceLine(os.DirFS(site), d.Pos)})
		}
	}
	if len(out) == 0 && err != nil {
		out = append(out, serve.Problem{Level: "error", Rule: "build", Message: err.Error()})
	}
	return out
}

// sourceLine returns line pos.Line of pos.File, or "".
func sourceLine(fsys fs.FS, pos content.Pos) string {
	if pos.Line < 1 || !filepath.IsLocal(filepath.FromSlash(pos.File)) {
		return ""
	}
	f, err := fsys.Open(pos.File)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if n == pos.Line {
			return strings.TrimRight(sc.Text(), "\r")
		}
	}
	return ""
}

// Elapsed formats a build duration for the terminal.
func Elapsed(d time.Duration) string { return d.Round(time.Millisecond).String() }
