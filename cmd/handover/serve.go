package main

import (
	"context"
	"fmt"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags("serve", "handover serve [flags] [SITE]",
		"Builds SITE in memory, serves it and reloads open pages after every saved change.",
		"handover serve examples/nl-klantenservice")
	_ = fs.Int("port", 1313, "`port` to listen on")
	_ = fs.String("bind", "127.0.0.1", "`address` to bind; beyond loopback anyone on the network can read the site")
	if code, done := parse(fs, args, e); done {
		return code
	}
	fmt.Fprintln(e.stderr, "handover serve: not yet wired")
	return exitUsage
}
