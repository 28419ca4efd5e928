// Command handover builds, checks and serves handover sites: the static
// site an interim manager leaves behind so that the change lasts.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/handover-dev/handover/generator"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes: 0 success, 1 content errors, 2 bad usage (a wrong flag or
// argument, a path handover refuses to write to), 3 a failure of the
// environment (disk full, read-only or busy folder, no permission), 130
// interrupted.
const (
	exitOK          = 0
	exitContent     = 1
	exitUsage       = 2
	exitIO          = 3
	exitInterrupted = 130
)

// failure returns the exit code of a command that failed with err, which
// is not a content error.
func failure(err error) int {
	switch {
	case errors.Is(err, generator.ErrUsage):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitIO
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) int
}

var commands = []command{
	{"build", "build the site into SITE/public", runBuild},
	{"check", "run every check without writing a site", runCheck},
	{"serve", "serve the site with live preview on 127.0.0.1:1313", runServe},
	{"new", "create a new site (new site DIR) or page (new TYPE \"Title\")", runNew},
	{"import", "write a handover site from MkDocs, Docusaurus, Hugo, a wiki or a decision log", runImport},
	{"version", "print the version", runVersion},
}

// env is the outside world of one command run.
type env struct {
	stdout, stderr io.Writer
	color          bool // stderr is a terminal and NO_COLOR is unset
	tty            bool
}

func main() {
	tuneGC()
	stopProfile := profile(os.Getenv("HANDOVER_CPUPROFILE"))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newEnv())
	stop()
	stopProfile()
	os.Exit(code)
}

// profile writes a CPU profile of the whole run to file when it is set
// (HANDOVER_CPUPROFILE=cpu.out handover build …), for BENCHMARKS.md.
func profile(file string) (stop func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "handover: HANDOVER_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// tuneGC sets the garbage collector for building sites, unless the user
// set GOGC or GOMEMLIMIT: the heap may grow to three times the live data
// instead of twice (a 10,000-page build is 5% faster and peaks under 1 GB,
// Hugo's peak is 1.25 GB), but the collector works harder rather than let it
// pass 3.5 GiB, so a 100,000-page build stays within 4 GiB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(3584 << 20)
	}
}

func newEnv() *env {
	tty := isTerminal(os.Stderr)
	_, noColor := os.LookupEnv("NO_COLOR")
	return &env{stdout: os.Stdout, stderr: os.Stderr, tty: tty, color: tty && !noColor && os.Getenv("TERM") != "dumb"}
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, e)
		}
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "handover: unknown command %q\nRun 'handover --help' for usage.\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `handover turns a handover content tree into a versioned, searchable static site.

Usage:
  handover <command> [flags] [SITE]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Examples:
  handover new site mijn-overdracht
  handover serve mijn-overdracht
  handover build --strict mijn-overdracht

Run 'handover <command> --help' for the flags of a command.
`)
}

func runVersion(_ context.Context, e *env, args []string) int {
	fs := newFlags("version", "handover version", "Prints the version of handover.", "handover version")
	if code, done := parse(fs, args, e); done {
		return code
	}
	fmt.Fprintf(e.stdout, "handover %s\n", version)
	return exitOK
}
