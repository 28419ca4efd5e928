// Package history reads what handover needs from git: when each page last
// changed and by whom, the tags built as older versions, the content at a tag,
// and the text differences between versions.
//
// It shells out to the git binary, one process per question rather than one
// per file, and never touches the working tree or the index. Output is made
// independent of the user's git configuration where that configuration could
// change what git prints.
//
// history imports only the standard library; the generator and package
// versions call it.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNotRepo reports that a directory is not inside a git work tree, or that
// git is not installed. A build treats it as "no history", not as a failure.
var ErrNotRepo = errors.New("not a git repository")

// Repo is a git work tree, found by Open. A Repo is read-only and safe for
// concurrent use.
type Repo struct {
	root    string              // absolute path of the work tree
	prefix  string              // slash path of the opened dir below root, "" at root
	head    string              // commit hash of HEAD, "" when HEAD has no commits
	shallow map[string]struct{} // shallow boundary commits; nil in a full clone
}

// Open finds the git work tree that contains dir. It returns an error that
// matches ErrNotRepo (errors.Is) when dir is not in a work tree or git is not
// installed.
func Open(ctx context.Context, dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: git not found: %w", ErrNotRepo, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open repository: %w", err)
	}
	r := &Repo{root: abs}
	out, err := r.output(ctx, abs, "rev-parse", "--show-toplevel", "--show-prefix",
		"--is-shallow-repository", "--git-path", "shallow")
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("open repository: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w: %s: %w", ErrNotRepo, dir, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 4 {
		return nil, fmt.Errorf("%w: %s: unexpected rev-parse output %q", ErrNotRepo, dir, out)
	}
	r.root = lines[0]
	r.prefix = strings.TrimSuffix(lines[1], "/")
	if lines[2] == "true" {
		file := lines[3]
		if !filepath.IsAbs(file) {
			file = filepath.Join(abs, file)
		}
		if r.shallow, err = readShallow(file); err != nil {
			return nil, err
		}
	}
	r.head, err = r.Resolve(ctx, "HEAD")
	if err != nil && !errors.Is(err, errUnknownRev) {
		return nil, err
	}
	return r, nil
}

// readShallow reads the list of shallow boundary commits, one hash per line.
func readShallow(file string) (map[string]struct{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read shallow list: %w", err)
	}
	set := map[string]struct{}{}
	for _, h := range strings.Fields(string(data)) {
		set[h] = struct{}{}
	}
	return set, nil
}

// Root returns the absolute path of the work tree.
func (r *Repo) Root() string { return r.root }

// Prefix returns the slash path of the directory given to Open relative to
// Root, "" when it is the root itself. Join it with a folder name to get the
// sub argument of Log and TreeFS.
func (r *Repo) Prefix() string { return r.prefix }

// Head returns the commit hash of HEAD, or "" when HEAD has no commits yet
// (a new repository), which callers treat as "no history".
func (r *Repo) Head() string { return r.head }

// Shallow reports whether the clone is shallow, so that history before its
// boundary is missing and dates from it must not be shown.
func (r *Repo) Shallow() bool { return r.shallow != nil }

// errUnknownRev reports a revision that does not name a commit.
var errUnknownRev = errors.New("unknown revision")

// Resolve returns the full commit hash that rev (a branch, tag, hash or
// "HEAD") names.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	out, err := r.output(ctx, r.root, "rev-parse", "--verify", "--quiet",
		"--end-of-options", rev+"^{commit}")
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 {
			return "", fmt.Errorf("resolve %q: %w", rev, errUnknownRev)
		}
		return "", fmt.Errorf("resolve %q: %w", rev, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// joinSub returns the slash path of sub below the repository root, with a
// trailing slash, or "" for the whole tree.
func joinSub(sub string) string {
	sub = strings.Trim(filepath.ToSlash(sub), "/")
	if sub == "" || sub == "." {
		return ""
	}
	return sub + "/"
}

// gitArgs are given before every command. They keep user and system
// configuration from changing what git prints, and treat paths literally.
var gitArgs = []string{
	"--no-pager", "--literal-pathspecs",
	"-c", "core.quotepath=off",
	"-c", "color.ui=false",
	"-c", "diff.relative=false",
	"-c", "diff.renames=true",
	"-c", "log.follow=false",
	"-c", "log.showSignature=false",
	"-c", "i18n.logOutputEncoding=UTF-8",
}

// droppedEnv are environment variables that a parent git (a hook, an alias)
// may set and that would point our commands at another repository or add
// configuration.
var droppedEnv = []string{
	"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX",
	"GIT_COMMON_DIR", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
}

// command returns a git command run in dir with a fixed environment.
func (r *Repo) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append(append([]string{}, gitArgs...), args...)...)
	cmd.Dir = dir
	env := make([]string, 0, len(os.Environ())+4)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !dropped(name) {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "LC_ALL=C", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	return cmd
}

func dropped(name string) bool {
	for _, d := range droppedEnv {
		if name == d || strings.HasPrefix(name, "GIT_CONFIG_KEY_") || strings.HasPrefix(name, "GIT_CONFIG_VALUE_") {
			return true
		}
	}
	return false
}

// output runs git in dir and returns its standard output; a failure carries
// the first line of git's standard error.
func (r *Repo) output(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := r.command(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitError(args[0], &stderr, err)
	}
	return out, nil
}

// gitError wraps err with the git subcommand and the first line of stderr.
func gitError(sub string, stderr *bytes.Buffer, err error) error {
	line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
	if line == "" {
		return fmt.Errorf("git %s: %w", sub, err)
	}
	return fmt.Errorf("git %s: %s: %w", sub, line, err)
}

// stream runs git in the work tree and hands its standard output to read,
// then waits for git. The error of read wins over git's exit status.
func (r *Repo) stream(ctx context.Context, read func(*bufio.Reader) error, args ...string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := r.command(ctx, r.root, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	readErr := read(bufio.NewReaderSize(out, 64<<10))
	if readErr != nil {
		cancel() // stop git rather than drain output nobody reads
	}
	waitErr := cmd.Wait()
	if readErr != nil {
		return readErr
	}
	if waitErr != nil {
		return gitError(args[0], &stderr, waitErr)
	}
	return nil
}
