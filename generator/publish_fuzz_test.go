package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pathTree is a folder with a small site and the user's files around and
// inside it, for the property that no -d, --archive or --cache value ever
// changes a file handover did not write.
var pathTreeFiles = map[string]string{
	"site/handover.yaml":                 "title: P\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n",
	"site/people.yaml":                   "people:\n  - id: jan\n",
	"site/content/_index.md":             "# Home\n\nSee [p](processes/p.md).\n",
	"site/content/processes/p.md":        "---\ntitle: P\nowner: jan\nsponsor: jan\nreviewed: 2026-10-01\nreview_every: 1y\n---\nBody.\n",
	"site/content/processes/notes.txt":   "a note beside a page\n",
	"site/static/logo.txt":               "logo\n",
	"site/themes/mine/templates/x.html":  "x\n",
	"site/README.md":                     "readme of the repository\n",
	"notes.txt":                          "my notes\n",
	"www/thesis.docx":                    "a year of work\n",
	"www/sub/index.html":                 "my own page\n",
	"mine/render/keep.txt":               "not a cache\n",
	"cachelike/render/body/ab/cd":        "user data shaped like a cache\n",
	"deep/er/folder/file.txt":            "deep\n",
	"site/public/handout.pdf":            "dropped into the output by the user\n",
	"site/.git/HEAD":                     "ref: refs/heads/main\n",
	"site/content/decisions/0001-a.md":   "---\ntitle: A\ndate: 2026-01-01\ndecided_by: jan\nstatus: accepted\n---\nWhy.\n",
	"site/content/instructions/i.md":     "---\ntitle: I\nprocess: p\nowner: jan\n---\n1. Step.\n",
	"site/content/processes/sub/deep.md": "# Deep\n",
}

func writePathTree(t testing.TB) (root string, user map[string][]byte) {
	root = t.TempDir()
	for name, data := range pathTreeFiles {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("x.txt")
	w.Write([]byte("user zip"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(root, "user.zip"), zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2]string{{"www", "link-www"}, {"site/content", "link-content"}, {"notes.txt", "link-notes"}, {"nowhere", "dangling"}} {
		if err := os.Symlink(filepath.Join(root, l[0]), filepath.Join(root, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	return root, userFiles(t, root)
}

// userFiles reads every regular file below root that no handover output
// folder's marker lists, and no handover archive or cache holds.
func userFiles(t testing.TB, root string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if _, err := os.Stat(filepath.Join(p, ".handover-cache")); err == nil {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkUserFiles fails when a file of user is changed or gone.
func checkUserFiles(t testing.TB, root string, user map[string][]byte, what string) {
	for name, data := range user {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("%s: the user's file %s: %v", what, name, err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%s: the user's file %s changed: %q, was %q", what, name, got, data)
		}
	}
}

// pathIn turns a fuzzed path into one inside root: relative paths may
// climb with .. but not out of root. ok is false for paths that leave it.
func pathIn(root, p string) (string, bool) {
	if p == "" {
		return "", true
	}
	if strings.ContainsRune(p, 0) || len(p) > 200 {
		return "", false
	}
	full := filepath.Join(root, filepath.FromSlash(strings.TrimLeft(p, "/")))
	rel, err := filepath.Rel(root, full)
	if err != nil || !(rel == "." || filepath.IsLocal(rel)) {
		return "", false
	}
	return full, true
}

// FuzzPublishPaths builds a site with fuzzed -d, --archive and --cache
// values (and --force) inside a tree of the user's files: whatever the
// values, either the build is refused or every file handover did not
// write is unchanged, byte for byte. The tree is shared by the inputs, so
// what one build wrote is there for the next to respect.
func FuzzPublishPaths(f *testing.F) {
	for _, seed := range [][3]string{
		{"notes.txt", "", ""},
		{"site/handover.yaml", "", ""},
		{"site/people.yaml", "", ""},
		{"", "site/people.yaml", ""},
		{"", "user.zip", ""},
		{"www", "", ""},
		{"site/content/processes", "", ""},
		{"site/content/nieuw", "", ""},
		{"", "", "site/content"},
		{"site/public", "", "site/public/cache"},
		{"out", "out/site.zip", "cache"},
		{"site", "", ""},
		{".", "", ""},
		{"link-www", "", ""},
		{"link-content/x", "", ""},
		{"link-notes", "", ""},
		{"dangling", "", ""},
		{"", "", "mine"},
		{"", "", "cachelike"},
		{"deep", "deep/er/folder/file.txt", ""},
		{"site/static", "", ""},
		{"site/themes/mine", "", ""},
		{"site/.git", "", ""},
		{"site/README.md", "", ""},
		{"www/sub", "", ""},
		{"", "site/README.md", ""},
		{"", "site", ""},
		{"site/public/x/..", "", "site/public/../c"},
	} {
		f.Add(seed[0], seed[1], seed[2], false)
		f.Add(seed[0], seed[1], seed[2], true)
	}
	root, user := writePathTree(f)
	f.Fuzz(func(t *testing.T, dest, archive, cache string, force bool) {
		d, ok1 := pathIn(root, dest)
		a, ok2 := pathIn(root, archive)
		c, ok3 := pathIn(root, cache)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		res, err := Build(ctx, Options{Site: filepath.Join(root, "site"), Destination: d, Archive: a, CacheDir: c, Force: force, Now: e2eToday})
		if err != nil && !errors.Is(err, ErrUsage) && !errors.Is(err, ErrContent) {
			t.Fatalf("-d %q --archive %q --cache %q: neither built nor refused: %v", dest, archive, cache, err)
		}
		if err != nil && res != nil && res.Published {
			t.Fatalf("-d %q: refused but published", dest)
		}
		checkUserFiles(t, root, user, "-d "+dest+" --archive "+archive+" --cache "+cache)
	})
}
