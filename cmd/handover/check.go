package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
)

// checkFormats are the report formats of handover check, each with the
// function that prints it.
var checkFormats = []struct {
	name  string
	write func(e *env, r *report)
}{
	{"text", func(e *env, r *report) { printDiagnostics(e, r.diags) }},
	{"json", writeJSON},
	{"github", func(e *env, r *report) { writeGitHub(e, r.diags) }},
	{"sarif", writeSARIF},
	{"codequality", writeCodeQuality},
	{"junit", writeJUnit},
}

// report is what a check found, with the paths of its diagnostics as the
// command line shows them.
type report struct {
	res   *generator.Result
	diags content.Diagnostics // res.Diagnostics, paths relative to the working directory
	site  string              // what those paths start with: the site folder, "." for none
}

func runCheck(ctx context.Context, e *env, args []string) int {
	fs := newFlags("check", "handover check [flags] [SITE]",
		"Runs every content and handover-readiness check of a build without writing anything.\nExit status 1 when a check at level error fails.\n"+
			"Paths in the report are relative to the working directory (docs/handover/content/x.md for SITE docs/handover),\nso CI annotations land on the file in the repository.",
		"handover check --format github docs/handover\nhandover check --strict --format json examples/nl-klantenservice\nhandover check --format sarif . > handover.sarif")
	format := fs.String("format", "text", "output `format`: "+formatNames())
	strict := fs.Bool("strict", false, "treat warnings as errors")
	quiet := fs.BoolP("quiet", "q", false, "print only diagnostics")
	pathPrefixFlag(fs)
	if code, done := parse(fs, args, e); done {
		return code
	}
	site, ok := siteArg(fs, e)
	if !ok {
		return exitUsage
	}
	var write func(*env, *report)
	for _, f := range checkFormats {
		if f.name == *format {
			write = f.write
		}
	}
	if write == nil {
		fmt.Fprintf(e.stderr, "handover check: unknown format %q (use %s)\n", *format, formatNames())
		return exitUsage
	}
	res, err := generator.Build(ctx, generator.Options{Site: site, Strict: *strict, DryRun: true, Version: version})
	if err != nil && !errors.Is(err, generator.ErrContent) {
		fmt.Fprintf(e.stderr, "handover check: %v\n", err)
		return failure(err)
	}
	prefix := pathPrefix(site, fs)
	write(e, &report{res: res, diags: withPrefix(res.Diagnostics, prefix), site: cmpDot(prefix)})
	if (*format == "text" || *format == "github") && !*quiet {
		checkSummary(e, res)
	}
	if res.Diagnostics.HasErrors() {
		return exitContent
	}
	return exitOK
}

func formatNames() string {
	names := make([]string, len(checkFormats))
	for i, f := range checkFormats {
		names[i] = f.name
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// pathPrefixFlag adds --path-prefix to a command that prints diagnostics.
func pathPrefixFlag(fs *pflag.FlagSet) {
	fs.String("path-prefix", "", "start diagnostic paths with `dir` instead of SITE's path from the working directory; \".\" gives paths relative to SITE")
}

// pathPrefix returns what the paths of diagnostics start with: the value
// of --path-prefix when it is given, or else SITE as typed, cleaned; an
// absolute SITE inside the working directory is made relative to it. ""
// means paths relative to SITE, as for SITE ".".
func pathPrefix(site string, fs *pflag.FlagSet) string {
	if f := fs.Lookup("path-prefix"); f != nil && f.Changed {
		site = f.Value.String()
	} else if filepath.IsAbs(site) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, site); err == nil && filepath.IsLocal(rel) {
				site = rel
			}
		}
	}
	if p := path.Clean(filepath.ToSlash(site)); p != "." {
		return p
	}
	return ""
}

// withPrefix returns a copy of ds whose paths start with prefix.
func withPrefix(ds content.Diagnostics, prefix string) content.Diagnostics {
	if prefix == "" {
		return ds
	}
	at := func(p content.Pos) content.Pos {
		if p.File != "" {
			p.File = prefix + "/" + p.File
		}
		return p
	}
	out := make(content.Diagnostics, len(ds))
	for i, d := range ds {
		d.Pos = at(d.Pos)
		if d.Notes != nil {
			notes := make([]content.Note, len(d.Notes))
			for j, n := range d.Notes {
				notes[j] = content.Note{Pos: at(n.Pos), Message: n.Message}
			}
			d.Notes = notes
		}
		out[i] = d
	}
	return out
}

func cmpDot(prefix string) string {
	if prefix == "" {
		return "."
	}
	return prefix
}

// fingerprints returns, for each diagnostic, a fingerprint that is the same
// in every run that finds it, also when lines are added above it: a hash of
// its rule, file and message and of how many equal ones come before it in
// the file.
func fingerprints(ds content.Diagnostics) []string {
	out := make([]string, len(ds))
	seen := map[[sha256.Size]byte]int{}
	for i, d := range ds {
		key := sha256.Sum256([]byte(d.Rule + "\x00" + d.Pos.File + "\x00" + d.Message))
		h := sha256.Sum256(fmt.Appendf(key[:], "\x00%d", seen[key]))
		seen[key]++
		out[i] = hex.EncodeToString(h[:16])
	}
	return out
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

// jsonDiag is one diagnostic of --format json. File is relative to the
// working directory (see pathPrefix); line and column are 1-based, 0 means
// the whole file or the whole line.
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
	Site        string     `json:"site"` // the folder the files are in: file minus "site/" is the path inside the site
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

func writeJSON(e *env, r *report) {
	res := r.res
	rep := jsonReport{Site: r.site, Diagnostics: []jsonDiag{}}
	for _, d := range r.diags {
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
