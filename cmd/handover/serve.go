package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"time"

	"github.com/handover-dev/handover/generator"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags("serve", "handover serve [flags] [SITE]",
		"Builds SITE in memory, serves it and reloads open pages after every saved change.\nNothing is written into SITE. While the content has errors the last good site stays served\nand the open page shows the errors.",
		"handover serve examples/nl-klantenservice\nhandover serve --port 8080 --open mijn-overdracht")
	port := fs.Int("port", 1313, "`port` to listen on")
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
	err := generator.Serve(ctx, generator.ServeOptions{Site: site, Bind: *bind, Port: *port, Log: e.stderr, Strict: *strict,
		OnReady: func(url string) {
			fmt.Fprintf(e.stderr, "handover: serving %s on %s (Ctrl-C to stop)\n", site, url)
			if *open {
				openBrowser(url)
			}
		},
		OnBuild: func(res *generator.Result, err error) {
			printDiagnostics(e, res.Diagnostics)
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
