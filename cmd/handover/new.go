package main

import (
	"context"
	"fmt"
)

func runNew(ctx context.Context, e *env, args []string) int {
	fmt.Fprintln(e.stderr, "handover new: not yet wired")
	return exitUsage
}
