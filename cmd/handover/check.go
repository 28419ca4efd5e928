package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
)

func runCheck(ctx context.Context, e *env, args []string) int {
	fs := newFlags("check", "handover check [flags] [SITE]",
		"Runs every content and handover-readiness check of a build without writing anything.\nExit status 1 when a check at level error fails.",
		"handover check --format github\nhandover check --strict --format json examples/nl-klantenservice")
	format := fs.String("format", "text", "output `format`: text, json or github")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	quiet := fs.BoolP("quiet", "q", false, "print only diagnostics")
	if code, done := parse(fs, args, e); done {
		return code
	}
	site, ok := siteArg(fs, e)
	if !ok {
		return exitUsage
	}
	if *format != "text" && *format != "json" && *format != "github" {
		fmt.Fprintf(e.stderr, "handover check: unknown format %q (use text, json or github)\n", *format)
		return exitUsage
	}
	res, err := generator.Build(ctx, generator.Options{Site: site, Strict: *strict, DryRun: true, Version: version})
	if err != nil && !errors.Is(err, generator.ErrContent) {
		fmt.Fprintf(e.stderr, "handover check: %v\n", err)
		return exitUsage
	}
	switch *format {
	case "json":
		writeJSON(e, res)
	case "github":
		writeGitHub(e, res.Diagnostics)
	default:
		printDiagnostics(e, res.Diagnostics)
		if !*quiet {
			summary(e, "checked", res, res.Duration)
		}
	}
	if res.Diagnostics.HasErrors() {
		return exitContent
	}
	return exitOK
}

type jsonDiag struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Level   string `json:"level"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

type jsonReport struct {
	Diagnostics []jsonDiag `json:"diagnostics"`
	Summary     struct {
		Pages    int `json:"pages"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Score    int `json:"readiness_score"`
	} `json:"summary"`
}

func writeJSON(e *env, res *generator.Result) {
	rep := jsonReport{Diagnostics: []jsonDiag{}}
	for _, d := range res.Diagnostics {
		rep.Diagnostics = append(rep.Diagnostics, jsonDiag{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Rule, d.Message})
	}
	rep.Summary.Errors = res.Diagnostics.Count(content.Error)
	rep.Summary.Warnings = res.Diagnostics.Count(content.Warning)
	if res.Site != nil {
		rep.Summary.Pages = len(res.Site.Pages)
	}
	if res.Readiness != nil {
		rep.Summary.Score = res.Readiness.Score
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(rep)
}

// writeGitHub prints workflow commands that annotate the lines in a pull request.
func writeGitHub(e *env, ds content.Diagnostics) {
	esc := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	for _, d := range ds {
		fmt.Fprintf(e.stdout, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", d.Severity, prop.Replace(d.Pos.File), max(d.Pos.Line, 1), max(d.Pos.Col, 1), prop.Replace(d.Rule), esc.Replace(d.Message))
	}
}
