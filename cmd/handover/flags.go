package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/sys/unix"
)

// newFlags returns a flag set whose --help shows usage, a description and an example.
func newFlags(name, use, desc, example string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n\nFlags:\n%s\nExample:\n  %s\n", use, desc, fs.FlagUsages(), strings.ReplaceAll(example, "\n", "\n  "))
	}
	return fs
}

// parse parses args; done reports that the command should exit with code.
func parse(fs *pflag.FlagSet, args []string, e *env) (code int, done bool) {
	fs.SetOutput(e.stderr)
	usage := fs.Usage
	fs.Usage = func() {} // pflag shows it on --help itself, on stderr; it goes to stdout below, once
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return exitOK, true
		}
		fmt.Fprintf(e.stderr, "handover %s: %v\nRun 'handover %s --help' for usage.\n", fs.Name(), err, fs.Name())
		return exitUsage, true
	}
	return 0, false
}

// siteArg returns the single SITE argument, "." by default.
func siteArg(fs *pflag.FlagSet, e *env) (string, bool) {
	switch fs.NArg() {
	case 0:
		return ".", true
	case 1:
		return fs.Arg(0), true
	}
	fmt.Fprintf(e.stderr, "handover %s: too many arguments: %s\n", fs.Name(), strings.Join(fs.Args(), " "))
	return "", false
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
