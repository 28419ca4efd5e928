package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
	"github.com/handover-dev/handover/generator/serve"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags("serve", "handover serve [flags] [SITE]",
		"Builds SITE in memory, serves it and updates open pages in place after every saved change.\nNothing is written into SITE. While the content has errors the last good site stays served\nand the open page shows the errors. After the first build, each save prints the diagnostics\nit added and a summary line.",
		"handover serve examples/nl-klantenservice\nhandover serve --port 8080 --open mijn-overdracht")
	port := fs.Int("port", serve.DefaultPort, "`port` to listen on; 0 picks a free one (the address is printed)")
	bind := fs.String("bind", "127.0.0.1", "`address` to bind; beyond loopback anyone on the network can read the site")
	open := fs.Bool("open", false, "open the site in the default browser")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	quiet := fs.BoolP("quiet", "q", false, "print only diagnostics")
	if code, done := parse(fs, args, e); done {
		return code
	}
	site, ok := siteArg(fs, e)
	if !ok {
		return exitUsage
	}
	var shown seen
	p := *port
	if p == 0 {
		p = serve.AnyPort // ServeOptions takes 0 for the default port
	}
	err := generator.Serve(ctx, generator.ServeOptions{Site: site, Bind: *bind, Port: p, Log: e.stderr, Strict: *strict,
		OnReady: func(url string) {
			fmt.Fprintf(e.stderr, "handover: serving %s on %s (Ctrl-C to stop)\n", site, url)
			if *open {
				openBrowser(url)
			}
		},
		OnBuild: func(res *generator.Result, err error) {
			printDiagnostics(e, shown.fresh(res.Diagnostics))
			if err != nil && !errors.Is(err, generator.ErrContent) {
				fmt.Fprintf(e.stderr, "handover serve: %v\n", err)
			}
			if !*quiet || err != nil {
				fmt.Fprintf(e.stderr, "%s ", time.Now().Format("15:04:05"))
				summary(e, "built", res, res.Duration)
			}
		}})
	if err != nil {
		fmt.Fprintf(e.stderr, "handover serve: %v\n", err)
		return failure(err)
	}
	return exitOK
}

// seen remembers the diagnostics of the last build, so that each save
// prints only what it changed: on a large site every build has thousands
// of warnings, and the summary line counts them all.
type seen struct {
	last content.Diagnostics
	keys map[string]bool
}

// fresh returns the diagnostics of ds that the last build did not have.
func (s *seen) fresh(ds content.Diagnostics) content.Diagnostics {
	if s.keys != nil && len(ds) == len(s.last) && (len(ds) == 0 || &ds[0] == &s.last[0]) {
		return nil // the build kept the diagnostics of the one before
	}
	keys := make(map[string]bool, len(ds))
	var out content.Diagnostics
	for _, d := range ds {
		k := fmt.Sprint(d.Pos, "\x00", d.Severity, "\x00", d.Rule, "\x00", d.Message, "\x00", d.Notes)
		keys[k] = true
		if !s.keys[k] {
			out = append(out, d)
		}
	}
	s.last, s.keys = ds, keys
	return out
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}
