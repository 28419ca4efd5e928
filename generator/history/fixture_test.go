package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture is a git repository made for a test, with fixed authors and dates.
type fixture struct {
	t   testing.TB
	dir string
}

// person is a commit author.
type person struct{ name, email string }

var (
	alice = person{"Alice Ångström", "alice@example.nl"}
	bob   = person{"Bob de Vries", "bob@example.nl"}
	carol = person{"Carol", "carol@example.nl"}
)

// day returns noon UTC on day n of 2026.
func day(n int) time.Time { return time.Date(2026, 1, n, 12, 0, 0, 0, time.UTC) }

// newFixture makes an empty repository in a temporary directory.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is required in CI: ", err)
		}
		t.Skip("git not installed")
	}
	f := &fixture{t: t, dir: t.TempDir()}
	f.git(person{}, time.Time{}, "init", "-q", "-b", "main")
	return f
}

// git runs a git command in the fixture as who at when, isolated from the
// user's configuration, and returns its trimmed output.
func (f *fixture) git(who person, when time.Time, args ...string) string {
	f.t.Helper()
	return runGit(f.t, f.dir, who, when, args...)
}

func runGit(t testing.TB, dir string, who person, when time.Time, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	date := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
		"GIT_AUTHOR_NAME="+who.name, "GIT_AUTHOR_EMAIL="+who.email,
		"GIT_COMMITTER_NAME="+who.name, "GIT_COMMITTER_EMAIL="+who.email,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes files (slash paths) into the work tree; an empty content
// removes the file.
func (f *fixture) write(files map[string]string) {
	f.t.Helper()
	for name, data := range files {
		p := filepath.Join(f.dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				f.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			f.t.Fatal(err)
		}
	}
}

// commit writes files, stages everything and commits it; it returns the hash.
func (f *fixture) commit(who person, when time.Time, msg string, files map[string]string) string {
	f.t.Helper()
	f.write(files)
	f.git(who, when, "add", "-A")
	f.git(who, when, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", msg)
	return f.git(who, when, "rev-parse", "HEAD")
}

// open opens the fixture's repository from the folder rel below it.
func (f *fixture) open(rel string) *Repo {
	f.t.Helper()
	r, err := Open(context.Background(), filepath.Join(f.dir, rel))
	if err != nil {
		f.t.Fatalf("Open: %v", err)
	}
	return r
}

// story is the history the tests share, with the hash of each commit.
type story struct {
	*fixture
	c1, c2, c3, c4, c5, c6 string
}

// unicodePage is a path with a space and non-ASCII letters.
const unicodePage = "dir with space/ünïcode page.md"

// newStory makes a repository with six commits under content/ and outside,
// a rename, a deletion, a symlink, and tags v1.0 (at c2), v1.1 (annotated,
// at c4), v2.0 (at c6) and other-1 (at c5).
func newStory(t testing.TB) *story {
	f := newFixture(t)
	s := &story{fixture: f}
	s.c1 = f.commit(alice, day(1), "Initial handover", map[string]string{
		"content/_index.md":          "# Handover\r\n\r\nCRLF text\r\n",
		"content/processes/a.md":     "# A\n\none\n",
		"content/old.md":             "# Old\n",
		"README.md":                  "readme\n",
		"contentious/not-content.md": "outside content/\n",
	})
	if err := os.Symlink("_index.md", filepath.Join(f.dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	f.git(alice, day(1), "add", "-A")
	f.git(alice, day(1), "commit", "-q", "--amend", "--no-edit")
	s.c1 = f.git(alice, day(1), "rev-parse", "HEAD")
	s.c2 = f.commit(bob, day(2), "Add unicode page", map[string]string{
		"content/processes/a.md": "# A\n\none\ntwo\n",
		"content/" + unicodePage: "# Ünïcode\n",
	})
	f.git(bob, day(2), "tag", "v1.0")
	f.git(alice, day(3), "mv", "content/processes/a.md", "content/processes/b.md")
	s.c3 = f.commit(alice, day(3), "Rename a to b", map[string]string{"README.md": "readme 2\n"})
	s.c4 = f.commit(carol, day(4), "Remove old: \"quotes\" ; $HOME \x1e\r\n\r\nbody\r\n", map[string]string{
		"content/old.md": "",
	})
	f.git(carol, day(10), "tag", "-a", "-m", "release 1.1", "v1.1")
	s.c5 = f.commit(bob, day(5), "Touch readme", map[string]string{"README.md": "readme 3\n"})
	f.git(bob, day(5), "tag", "other-1")
	s.c6 = f.commit(alice, day(6), "Add new page", map[string]string{
		"content/new.md":         "# New\n",
		"content/processes/b.md": "# B\n\none\ntwo\nthree\n",
	})
	f.git(alice, day(6), "tag", "v2.0")
	return s
}
