package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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
		return failure(err)
	}
	switch *format {
	case "json":
		writeJSON(e, res)
	case "github":
		writeGitHub(e, res.Diagnostics)
		if !*quiet {
			checkSummary(e, res)
		}
	default:
		printDiagnostics(e, res.Diagnostics)
		if !*quiet {
			checkSummary(e, res)
		}
	}
	if res.Diagnostics.HasErrors() {
		return exitContent
	}
	return exitOK
}

// checkSummary prints the line that closes a check. Unlike build's, it
// does not speak of output: check writes none.
func checkSummary(e *env, res *generator.Result) {
	pages := 0
	if res.Site != nil {
		pages = len(res.Site.Pages)
	}
	ready := ""
	if res.Readiness != nil {
		ready = fmt.Sprintf(", readiness %d%%", res.Readiness.Score)
	}
	fmt.Fprintf(e.stderr, "handover: checked %d pages in %s, %s, %s%s\n", pages, res.Duration.Round(time.Millisecond),
		plural(res.Diagnostics.Count(content.Warning), "warning"), plural(res.Diagnostics.Count(content.Error), "error"), ready)
}

// jsonDiag is one diagnostic of --format json. Line and column are 1-based;
// 0 means the whole file or the whole line.
type jsonDiag struct {
	File    string     `json:"file"`
	Line    int        `json:"line"`
	Column  int        `json:"column"`
	Level   string     `json:"level"`
	Rule    string     `json:"rule"`
	Message string     `json:"message"`
	Notes   []jsonNote `json:"notes,omitempty"`
}

// jsonNote is a related place, such as where a duplicate was first defined.
type jsonNote struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// jsonReport is the whole output of --format json.
type jsonReport struct {
	Diagnostics []jsonDiag `json:"diagnostics"`
	Summary     struct {
		Pages    int `json:"pages"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Score    int `json:"readiness_score"`
		Done     int `json:"readiness_done"`  // checklist items done
		Items    int `json:"readiness_items"` // checklist items in all
	} `json:"summary"`
}

func writeJSON(e *env, res *generator.Result) {
	rep := jsonReport{Diagnostics: []jsonDiag{}}
	for _, d := range res.Diagnostics {
		jd := jsonDiag{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Rule, d.Message, nil}
		for _, n := range d.Notes {
			jd.Notes = append(jd.Notes, jsonNote{n.Pos.File, n.Pos.Line, n.Pos.Col, n.Message})
		}
		rep.Diagnostics = append(rep.Diagnostics, jd)
	}
	rep.Summary.Errors = res.Diagnostics.Count(content.Error)
	rep.Summary.Warnings = res.Diagnostics.Count(content.Warning)
	if res.Site != nil {
		rep.Summary.Pages = len(res.Site.Pages)
	}
	if r := res.Readiness; r != nil {
		rep.Summary.Score, rep.Summary.Items = r.Score, len(r.Items)
		for _, it := range r.Items {
			if it.Done {
				rep.Summary.Done++
			}
		}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(rep)
}

// GitHub workflow command escaping (actions/toolkit, command.ts): data
// escapes %, CR and LF; property values also : and ,.
var (
	ghData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProp = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeGitHub prints workflow commands that annotate the lines in a pull
// request: ::error file=F,line=L,col=C,title=RULE::MESSAGE. A diagnostic
// about a whole file has no line; notes follow the message on lines of
// their own.
func writeGitHub(e *env, ds content.Diagnostics) {
	for _, d := range ds {
		props := "file=" + ghProp.Replace(d.Pos.File)
		if d.Pos.Line > 0 {
			props += fmt.Sprintf(",line=%d", d.Pos.Line)
			if d.Pos.Col > 0 {
				props += fmt.Sprintf(",col=%d", d.Pos.Col)
			}
		}
		msg := d.Message
		for _, n := range d.Notes {
			msg += "\n" + n.Pos.String() + ": note: " + n.Message
		}
		fmt.Fprintf(e.stdout, "::%s %s,title=%s::%s\n", d.Severity, props, ghProp.Replace(d.Rule), ghData.Replace(msg))
	}
}
