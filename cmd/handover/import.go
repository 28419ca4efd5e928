package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/handover-dev/handover/generator/importer"
)

func runImport(ctx context.Context, e *env, args []string) int {
	fs := newFlags("import", "handover import [--from KIND] SRC SITE",
		"Writes a handover site into SITE from the documentation in SRC, which it does not change: its pages,\n"+
			"images and attachments, folder pages, titles from the nav or sidebar, decision records as decisions\n"+
			"(number, date, status, deciders, supersede links), a handover.yaml, and a report page (import-report)\n"+
			"of what could not be carried over and every problem the site still has. SITE must be empty or an\n"+
			"earlier import: files handover did not write, or that were changed since, are left alone.\n"+
			"KIND: "+strings.Join(importer.Kinds, ", ")+", or auto (from mkdocs.yml, docusaurus.config.*, hugo.toml,\n"+
			"_config.yml, .log4brains.yml, doc/adr, docs/decisions).",
		"handover import --from mkdocs ../runbooks overdracht\nhandover import ../architecture-decisions besluiten   # --from auto")
	from := fs.String("from", "auto", "the `kind` of documentation in SRC")
	quiet := fs.BoolP("quiet", "q", false, "print only the summary line")
	if code, done := parse(fs, args, e); done {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitUsage
	}
	res, err := importer.Import(ctx, importer.Options{From: *from, Source: fs.Arg(0), Site: fs.Arg(1)})
	if err != nil {
		fmt.Fprintf(e.stderr, "handover import: %v\n", err)
		return failure(err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.stderr, "handover: note: %s\n", n)
	}
	byRule := map[string]int{}
	errs := 0
	for _, d := range res.Diagnostics {
		byRule[d.Rule]++
		if d.Severity.String() == "error" {
			errs++
		}
	}
	if !*quiet {
		var rules []string
		for r := range byRule {
			rules = append(rules, r)
		}
		sort.Strings(rules)
		for _, r := range rules {
			fmt.Fprintf(e.stderr, "  %-18s %d\n", r, byRule[r])
		}
	}
	fmt.Fprintf(e.stdout, "handover: imported %s from %s into %s: %d pages (%d decisions), %d files, %d problems (%d errors) listed in content/%s, in %dms\n",
		res.Kind, fs.Arg(0), fs.Arg(1), res.Pages, res.Decisions, res.Files, len(res.Diagnostics), errs, importer.ReportPage, res.Duration.Milliseconds())
	return exitOK
}
