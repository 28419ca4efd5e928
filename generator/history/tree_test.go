package history

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestTreeFS(t *testing.T) {
	s := newStory(t)
	r := s.open("")
	// A dirty work tree must not leak into a tagged version.
	s.write(map[string]string{"content/_index.md": "uncommitted\n", "content/untracked.md": "x\n"})
	tests := []struct {
		rev, sub string
		want     map[string]string // path → content
	}{
		{"v1.0", "content", map[string]string{
			"_index.md":      "# Handover\r\n\r\nCRLF text\r\n",
			"processes/a.md": "# A\n\none\ntwo\n",
			"old.md":         "# Old\n", // deleted later
			unicodePage:      "# Ünïcode\n",
		}},
		{"v2.0", "content/", map[string]string{
			"_index.md":      "# Handover\r\n\r\nCRLF text\r\n",
			"processes/b.md": "# B\n\none\ntwo\nthree\n",
			"new.md":         "# New\n", // added later
			unicodePage:      "# Ünïcode\n",
		}},
		{"v1.0", "content/processes", map[string]string{"a.md": "# A\n\none\ntwo\n"}},
		{"v1.0", "nope", map[string]string{}},
		{"v1.0", "content/dir with space", map[string]string{"ünïcode page.md": "# Ünïcode\n"}},
		{s.c1, "", map[string]string{
			"README.md":                  "readme\n",
			"contentious/not-content.md": "outside content/\n",
			"content/_index.md":          "# Handover\r\n\r\nCRLF text\r\n",
			"content/processes/a.md":     "# A\n\none\n",
			"content/old.md":             "# Old\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.rev+"/"+tt.sub, func(t *testing.T) {
			fsys, err := r.TreeFS(context.Background(), tt.rev, tt.sub)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, fsys, tt.want)
		})
	}
	if _, err := r.TreeFS(context.Background(), "no-such-tag", "content"); err == nil {
		t.Error("TreeFS of an unknown revision: no error")
	}
	data, err := os.ReadFile(filepath.Join(s.dir, "content", "_index.md"))
	if err != nil || string(data) != "uncommitted\n" {
		t.Errorf("work tree changed: %q, %v", data, err)
	}
}

// checkTree asserts that fsys holds exactly the files of want, and that it
// behaves as an fs.FS should.
func checkTree(t *testing.T, fsys fs.FS, want map[string]string) {
	t.Helper()
	var got []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("files = %q, want %d files", got, len(want))
	}
	var paths []string
	for p, w := range want {
		paths = append(paths, p)
		data, err := fs.ReadFile(fsys, p)
		if err != nil || string(data) != w {
			t.Errorf("%s = %q, %v; want %q", p, data, err, w)
		}
	}
	if err := fstest.TestFS(fsys, paths...); err != nil {
		t.Error(err)
	}
}

func TestMemFSErrors(t *testing.T) {
	fsys := newMemFS(map[string][]byte{"a/b.txt": []byte("b")})
	tests := []struct {
		name string
		do   func() error
	}{
		{"open missing", func() error { _, err := fsys.Open("a/c.txt"); return err }},
		{"open invalid", func() error { _, err := fsys.Open("../a"); return err }},
		{"read dir as file", func() error { _, err := fsys.ReadFile("a"); return err }},
		{"readdir of file", func() error { _, err := fsys.ReadDir("a/b.txt"); return err }},
		{"read from dir", func() error {
			f, err := fsys.Open("a")
			if err != nil {
				return nil // Open must succeed: a nil here fails the test
			}
			_, err = f.Read(make([]byte, 1))
			return err
		}},
	}
	for _, tt := range tests {
		if err := tt.do(); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
