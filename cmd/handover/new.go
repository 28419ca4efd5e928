package main

import (
	"context"
	"fmt"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator"
)

func runNew(_ context.Context, e *env, args []string) int {
	fs := newFlags("new", "handover new site DIR | handover new TYPE \"Title\" [SITE]",
		"Creates a new site with one page of every type, or a new page of TYPE (process, instruction, decision,\ngovernance, risk, kpi, training, meeting, page) from its template. Decisions get the next number.",
		"handover new site mijn-overdracht\nhandover new decision \"Chatbot alleen in het Nederlands\" mijn-overdracht")
	lang := fs.String("lang", "nl", "UI `language` of a new site: nl or en")
	if code, done := parse(fs, args, e); done {
		return code
	}
	a := fs.Args()
	if len(a) == 2 && a[0] == "site" {
		if err := generator.NewSite(a[1], *lang); err != nil {
			fmt.Fprintf(e.stderr, "handover new site: %v\n", err)
			return failure(err)
		}
		fmt.Fprintf(e.stdout, "Created a handover site in %s. Next: handover serve %s\n", a[1], a[1])
		return exitOK
	}
	if len(a) < 2 || len(a) > 3 {
		fs.Usage()
		return exitUsage
	}
	kind, ok := content.ParseKind(a[0])
	if !ok {
		fmt.Fprintf(e.stderr, "handover new: unknown type %q\n", a[0])
		return exitUsage
	}
	site := "."
	if len(a) == 3 {
		site = a[2]
	}
	file, err := generator.NewPage(site, kind, a[1], time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "handover new: %v\n", err)
		return failure(err)
	}
	fmt.Fprintln(e.stdout, file)
	return exitOK
}
