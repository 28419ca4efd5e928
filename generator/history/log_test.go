package history

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hashes returns the hashes of commits, to compare histories briefly.
func hashes(cs []Commit) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Hash
	}
	return out
}

func TestLogFiles(t *testing.T) {
	s := newStory(t)
	ctx := context.Background()
	r := s.open("")
	tags, err := r.Tags(ctx, "v*")
	if err != nil {
		t.Fatal(err)
	}
	revs := []string{r.Head()}
	for _, tag := range tags {
		revs = append(revs, tag.Commit)
	}
	l, err := r.Log(ctx, "content", revs...)
	if err != nil {
		t.Fatal(err)
	}
	if l.Shallow {
		t.Error("Shallow = true in a full repository")
	}
	tests := []struct {
		name string
		at   string
		want map[string][]string // path → commit hashes, newest first
	}{
		{"head", s.c6, map[string][]string{
			"_index.md":      {s.c1},
			"link.md":        {s.c1},
			"processes/b.md": {s.c6, s.c3, s.c2, s.c1},
			unicodePage:      {s.c2},
			"new.md":         {s.c6},
		}},
		{"v1.0", s.c2, map[string][]string{
			"_index.md":      {s.c1},
			"link.md":        {s.c1},
			"processes/a.md": {s.c2, s.c1},
			"old.md":         {s.c1},
			unicodePage:      {s.c2},
		}},
		{"v1.1", s.c4, map[string][]string{
			"_index.md":      {s.c1},
			"link.md":        {s.c1},
			"processes/b.md": {s.c3, s.c2, s.c1},
			unicodePage:      {s.c2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := l.Files(tt.at)
			if len(files) != len(tt.want) {
				t.Errorf("Files has %d paths %v, want %d", len(files), keys(files), len(tt.want))
			}
			for p, want := range tt.want {
				if got := hashes(files[p]); !slices.Equal(got, want) {
					t.Errorf("Files[%q] = %v, want %v", p, got, want)
				}
			}
		})
	}
	if l.Files("0000000000000000000000000000000000000000") != nil {
		t.Error("Files of a commit not in the log is not nil")
	}
}

func keys(f Files) []string {
	var out []string
	for k := range f {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestLogCommitFields(t *testing.T) {
	s := newStory(t)
	r := s.open("")
	l, err := r.Log(context.Background(), "", r.Head())
	if err != nil {
		t.Fatal(err)
	}
	files := l.Files(r.Head())
	tests := []struct {
		path string
		want Commit
	}{
		{"content/processes/b.md", Commit{Hash: s.c6, Author: alice.name, Email: alice.email, Date: day(6), Subject: "Add new page"}},
		{"content/" + unicodePage, Commit{Hash: s.c2, Author: bob.name, Email: bob.email, Date: day(2), Subject: "Add unicode page"}},
		{"README.md", Commit{Hash: s.c5, Author: bob.name, Email: bob.email, Date: day(5), Subject: "Touch readme"}},
	}
	for _, tt := range tests {
		got, ok := files.Last(tt.path)
		if !ok || got != tt.want {
			t.Errorf("Last(%q) = %+v, %v; want %+v", tt.path, got, ok, tt.want)
		}
	}
	if c, ok := files.Last("content/old.md"); ok {
		t.Errorf("Last of a deleted file = %+v, want none", c)
	}
	between := l.Between(s.c2, s.c4)
	if len(between) != 2 || between[0].Subject != `Remove old: "quotes" ; $HOME` {
		t.Errorf("subject with quotes, CRLF and control characters: %+v", between)
	}
}

func TestLogBetween(t *testing.T) {
	s := newStory(t)
	r := s.open("")
	l, err := r.Log(context.Background(), "content", s.c2, s.c4, r.Head())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		a, b string
		want []string
	}{
		{"first version", "", s.c2, []string{s.c2, s.c1}},
		{"v1.0 to v1.1", s.c2, s.c4, []string{s.c4, s.c3}},
		{"v1.1 to head, outside content too", s.c4, s.c6, []string{s.c6, s.c5}},
		{"same", s.c4, s.c4, nil},
		{"backwards", s.c6, s.c2, nil},
		{"unknown", "nope", s.c6, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hashes(l.Between(tt.a, tt.b)); !slices.Equal(got, tt.want) {
				t.Errorf("Between = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLogBranchesAndMerge(t *testing.T) {
	f := newFixture(t)
	base := f.commit(alice, day(1), "base", map[string]string{"content/a.md": "a\n", "content/b.md": "b\n"})
	f.git(alice, day(2), "checkout", "-q", "-b", "side")
	f.git(alice, day(2), "mv", "content/a.md", "content/renamed.md")
	side := f.commit(alice, day(2), "rename on side", nil)
	f.git(bob, day(3), "checkout", "-q", "main")
	main := f.commit(bob, day(3), "edit b on main", map[string]string{"content/b.md": "b2\n"})
	f.git(carol, day(4), "merge", "-q", "--no-ff", "-m", "merge side", "side")
	r := f.open("content")
	if r.Prefix() != "content" {
		t.Errorf("Prefix = %q, want content", r.Prefix())
	}
	l, err := r.Log(context.Background(), r.Prefix(), r.Head())
	if err != nil {
		t.Fatal(err)
	}
	files := l.Files(r.Head())
	want := map[string][]string{"renamed.md": {side, base}, "b.md": {main, base}}
	for p, w := range want {
		if got := hashes(files[p]); !slices.Equal(got, w) {
			t.Errorf("Files[%q] = %v, want %v", p, got, w)
		}
	}
	if _, ok := files["a.md"]; ok {
		t.Error("renamed-away a.md still listed")
	}
}

func TestShallowClone(t *testing.T) {
	s := newStory(t)
	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, s.dir, alice, day(7), "clone", "-q", "--depth", "2", "file://"+s.dir, clone)
	r, err := Open(context.Background(), clone)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Shallow() {
		t.Fatal("Shallow() = false in a --depth 2 clone")
	}
	l, err := r.Log(context.Background(), "content", r.Head())
	if err != nil {
		t.Fatal(err)
	}
	if !l.Shallow {
		t.Error("Log.Shallow = false")
	}
	files := l.Files(r.Head())
	if c, ok := files.Last("new.md"); !ok || c.Hash != s.c6 {
		t.Errorf("Last(new.md) = %+v, %v; want %s", c, ok, s.c6)
	}
	// _index.md last changed before the boundary: no date rather than the
	// boundary's.
	if c, ok := files.Last("_index.md"); ok {
		t.Errorf("Last(_index.md) = %+v in a shallow clone, want none", c)
	}
	if got := hashes(files["processes/b.md"]); !slices.Equal(got, []string{s.c6}) {
		t.Errorf("history of b.md = %v, want only %s", got, s.c6)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("not a repository", func(t *testing.T) {
		_, err := Open(ctx, t.TempDir())
		if !errors.Is(err, ErrNotRepo) {
			t.Errorf("Open = %v, want ErrNotRepo", err)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		_, err := Open(ctx, filepath.Join(t.TempDir(), "nope"))
		if !errors.Is(err, ErrNotRepo) {
			t.Errorf("Open = %v, want ErrNotRepo", err)
		}
	})
	t.Run("git missing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := Open(ctx, t.TempDir())
		if !errors.Is(err, ErrNotRepo) {
			t.Errorf("Open = %v, want ErrNotRepo", err)
		}
	})
	t.Run("no commits", func(t *testing.T) {
		r := newFixture(t).open("")
		if r.Head() != "" {
			t.Errorf("Head = %q, want empty", r.Head())
		}
		l, err := r.Log(ctx, "content", r.Head())
		if err != nil || l.Files(r.Head()) != nil {
			t.Errorf("Log of an empty repository = %v, %v; want no files", l, err)
		}
	})
	t.Run("detached worktree", func(t *testing.T) {
		s := newStory(t)
		wt := filepath.Join(t.TempDir(), "wt")
		s.git(alice, day(7), "worktree", "add", "-q", "--detach", wt, "v1.0")
		r, err := Open(ctx, filepath.Join(wt, "content"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Head() != s.c2 || r.Prefix() != "content" {
			t.Errorf("Head, Prefix = %s, %q; want %s, content", r.Head(), r.Prefix(), s.c2)
		}
		if !strings.HasSuffix(r.Root(), "wt") {
			t.Errorf("Root = %q, want the worktree", r.Root())
		}
	})
	t.Run("git environment of a hook", func(t *testing.T) {
		s := newStory(t)
		t.Setenv("GIT_DIR", filepath.Join(t.TempDir(), "elsewhere"))
		r := s.open("content")
		if r.Head() != s.c6 {
			t.Errorf("Head = %s, want %s", r.Head(), s.c6)
		}
	})
}

func TestLogIgnoresUserConfig(t *testing.T) {
	s := newStory(t)
	ctx := context.Background()
	read := func() (Files, []Tag) {
		r := s.open("content")
		l, err := r.Log(ctx, r.Prefix(), r.Head())
		if err != nil {
			t.Fatal(err)
		}
		tags, err := r.Tags(ctx, "v*")
		if err != nil {
			t.Fatal(err)
		}
		return l.Files(r.Head()), tags
	}
	wantFiles, wantTags := read()
	config := filepath.Join(t.TempDir(), "gitconfig")
	settings := "[core]\nquotepath = true\n[color]\nui = always\n[diff]\nrelative = true\nrenames = false\n" +
		"[log]\nfollow = true\nshowSignature = true\ndate = relative\ndecorate = full\n" +
		"[i18n]\nlogOutputEncoding = ISO-8859-1\n"
	if err := os.WriteFile(config, []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", config)
	gotFiles, gotTags := read()
	if !slices.Equal(keys(gotFiles), keys(wantFiles)) || !slices.Equal(gotTags, wantTags) {
		t.Fatalf("with user config: files %q, tags %v; want %q, %v", keys(gotFiles), gotTags, keys(wantFiles), wantTags)
	}
	for p, cs := range wantFiles {
		if !slices.Equal(gotFiles[p], cs) {
			t.Errorf("with user config, %s: %v, want %v", p, gotFiles[p], cs)
		}
	}
}
