package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
	"github.com/handover-dev/handover/generator/output"
)

func runBuild(ctx context.Context, e *env, args []string) int {
	fs := newFlags("build", "handover build [flags] [SITE]",
		"Builds SITE (default .) into SITE/public. On content errors the previous output is left as it was.",
		"handover build\nhandover build -d /srv/intranet/overdracht --strict examples/nl-klantenservice\nhandover build --archive handover.zip\nhandover build --pdf overdracht.pdf")
	dest := fs.StringP("destination", "d", "", "output `folder` (default SITE/public)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	baseURL := fs.String("base-url", "", "absolute `URL` of the published site, for sitemap.xml, calendar links and api/pages.json (default base_url of handover.yaml)")
	force := fs.Bool("force", false, "write the site into a folder that also holds files handover did not write: those are left alone and listed, except one where the site has a file of the same name, which is replaced")
	quiet := fs.BoolP("quiet", "q", false, "print only diagnostics")
	versions := fs.Bool("versions", false, "also build every git tag matching versions.tags into versions/TAG/")
	cache := fs.String("cache", "", "keep rendered pages and built versions in `folder` and reuse what is unchanged in later builds (safe to lose or share; trimmed to a few times what a build uses)")
	archive := fs.String("archive", "", "also write the built site as one zip `file`, for upload or mail")
	pdfFile := fs.String("pdf", "", "also print the handover dossier (print/index.html) to a PDF `file`, with the Chromium or Chrome on this machine")
	pathPrefixFlag(fs)
	if code, done := parse(fs, args, e); done {
		return code
	}
	site, ok := siteArg(fs, e)
	if !ok {
		return exitUsage
	}
	if *baseURL != "" && !output.AbsoluteURL(*baseURL) {
		fmt.Fprintf(e.stderr, "handover build: --base-url %q is not an absolute URL such as https://intranet.example.nl/overdracht/\n", *baseURL)
		return exitUsage
	}
	opts := generator.Options{Site: site, Destination: *dest, Strict: *strict, BaseURL: *baseURL, Force: *force, Version: version,
		Versions: *versions, CacheDir: *cache, Archive: *archive, PDF: *pdfFile}
	if !*quiet {
		opts.Waiting = func(pid int) {
			holder := "another build"
			if pid > 0 {
				holder = fmt.Sprintf("another build (process %d)", pid)
			}
			fmt.Fprintf(e.stderr, "handover: waiting for %s writing into the same folder\n", holder)
		}
	}
	if e.tty && !*quiet {
		opts.Progress = func(done, total int, what string) {
			fmt.Fprintf(e.stderr, "handover: %s (%d/%d)\n", what, done+1, total)
		}
	}
	res, err := generator.Build(ctx, opts)
	printDiagnostics(e, withPrefix(res.Diagnostics, pathPrefix(site, fs)))
	if err != nil && !errors.Is(err, generator.ErrContent) {
		fmt.Fprintf(e.stderr, "handover build: %v\n", err)
		return failure(err)
	}
	if !*quiet {
		for _, n := range res.Notes {
			fmt.Fprintf(e.stderr, "handover: note: %s\n", n)
		}
		if res.Site != nil && err == nil {
			if n := output.SitemapNote(&res.Site.Config, *baseURL); n != "" {
				fmt.Fprintf(e.stderr, "handover: note: %s\n", n)
			}
		}
	}
	if !*quiet || err != nil {
		summary(e, "built", res, res.Duration)
	}
	if err != nil {
		return exitContent
	}
	return exitOK
}

// summary prints the one line that closes every build.
func summary(e *env, verb string, res *generator.Result, d time.Duration) {
	w, errs := res.Diagnostics.Count(content.Warning), res.Diagnostics.Count(content.Error)
	pages := res.Pages
	if pages == 0 && res.Site != nil {
		pages = len(res.Site.Pages)
	}
	status := fmt.Sprintf("%s %d pages in %s", verb, pages, d.Round(time.Millisecond))
	if errs > 0 {
		status = fmt.Sprintf("not %s: %d pages checked in %s; the previous output is unchanged", verb, pages, d.Round(time.Millisecond))
	}
	ready := ""
	if res.Readiness != nil {
		ready = fmt.Sprintf(", readiness %d%%", res.Readiness.Score)
	}
	fmt.Fprintf(e.stderr, "handover: %s, %s, %s%s\n", status, plural(w, "warning"), plural(errs, "error"), ready)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printDiagnostics prints each diagnostic as path:line:col: level: message (rule).
func printDiagnostics(e *env, ds content.Diagnostics) {
	for _, d := range ds {
		level := d.Severity.String()
		if e.color {
			code := "33"
			if d.Severity == content.Error {
				code = "31"
			}
			level = "\x1b[1;" + code + "m" + level + "\x1b[0m"
		}
		fmt.Fprintf(e.stderr, "%s: %s: %s (%s)\n", d.Pos, level, d.Message, d.Rule)
		for _, n := range d.Notes {
			fmt.Fprintf(e.stderr, "%s: note: %s\n", n.Pos, n.Message)
		}
	}
}
