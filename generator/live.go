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

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/serve"
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
}

// Serve builds the site in memory, serves it, and rebuilds after every
// change in the site folder until ctx is done. Nothing is written into the
// site. While the content has errors the last good site stays served and
// open pages show the errors.
func Serve(ctx context.Context, opts ServeOptions) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if err := CheckSite(opts.Site); err != nil {
		return err
	}
	srv := serve.New(serve.Options{Bind: opts.Bind, Port: opts.Port, Logger: opts.Log})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	addr, err := srv.Start(ctx)
	if err != nil {
		return err
	}
	session := NewSession(Options{Site: opts.Site, Strict: opts.Strict})
	session.TrustForget() // the watcher reports every change, or asks for a rescan
	var last *LazySite
	rebuild := func(changed []string, rescan bool) {
		if rescan {
			changed = nil
		}
		session.Forget(changed)
		res, site, err := session.Build(ctx)
		switch {
		case err == nil:
			srv.SetErrors(nil)
			srv.PublishFiles(site, site.Changed(last))
			last = site
		case ctx.Err() != nil:
			return
		default:
			srv.SetErrors(problems(opts.Site, res, err))
		}
		if opts.OnBuild != nil {
			opts.OnBuild(res, err)
		}
	}
	rebuild([]string{}, false)
	w, err := watch.New(opts.Site, watch.Options{Exclude: []string{"public"}})
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
		rebuild(b.Paths, b.Rescan)
	})
	<-ctx.Done()
	return srv.Wait()
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
