package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// userTree is a folder with a new site and files of the user's around it,
// the way a newcomer's working folder looks.
type userTree struct {
	root, site string
	before     map[string][]byte // every file before the command, by path below root
}

func newUserTree(t *testing.T) *userTree {
	t.Helper()
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if code, _, errOut := runCLI(t, false, "new", "site", "--lang", "en", site); code != exitOK {
		t.Fatalf("new site: %d %s", code, errOut)
	}
	for name, data := range map[string]string{
		"notes.txt":               "my notes\n",
		"www/thesis.docx":         "a thesis that took a year\n",
		"other.zip":               "", // replaced by a real zip below
		"mine/render/keep.txt":    "not a cache\n",
		"site/static/logo.txt":    "logo\n",
		"webroot/.placeholder":    "",
		"site/content/nieuw.md":   "# Nieuw\n",
		"notes-lock/.public.lock": "my own notes in a file of an unlucky name\n",
	} {
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
	w, _ := zw.Create("letter.txt")
	w.Write([]byte("a zip of the user's"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(root, "other.zip"), zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	u := &userTree{root: root, site: site}
	u.before = snapshot(t, root)
	return u
}

// snapshot reads every regular file below root.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// resnap takes the snapshot again, leaving out the files handover wrote
// into the output folders outs (as listed in their markers).
func (u *userTree) resnap(t *testing.T, outs ...string) {
	t.Helper()
	u.before = snapshot(t, u.root)
	for _, out := range outs {
		data, err := os.ReadFile(filepath.Join(u.root, out, ".handover-output"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for _, l := range lines[1:] {
			delete(u.before, out+"/"+l)
		}
		delete(u.before, out+"/.handover-output")
	}
}

// intact fails the test when a file that was there before is changed or
// gone, byte for byte; except lists files the command may replace.
func (u *userTree) intact(t *testing.T, except ...string) {
	t.Helper()
	after := snapshot(t, u.root)
	skip := map[string]bool{}
	for _, e := range except {
		skip[e] = true
	}
	for name, data := range u.before {
		if skip[name] {
			continue
		}
		got, ok := after[name]
		if !ok {
			t.Errorf("the user's file %s is gone", name)
		} else if !bytes.Equal(got, data) {
			t.Errorf("the user's file %s was changed: %q, was %q", name, got, data)
		}
	}
}

// TestPublishNeverTouchesUserFiles runs each mistake of issue 15 on the
// command line and checks the exit code, the message and that every file
// that was there before is intact, byte for byte.
func TestPublishNeverTouchesUserFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  string // the working folder, below the tree's root
		args []string
		code int
		msg  string
	}{
		{"-d an existing file", "", []string{"build", "-d", "notes.txt", "site"}, exitUsage, "is an existing file"},
		{"-d the site's configuration from inside the site", "site", []string{"build", "-d", "handover.yaml", "."}, exitUsage, "lies inside the site's sources (handover.yaml)"},
		{"-d people.yaml", "", []string{"build", "-d", "site/people.yaml", "site"}, exitUsage, "lies inside the site's sources (people.yaml)"},
		{"--archive over people.yaml", "", []string{"build", "--archive", "site/people.yaml", "site"}, exitUsage, "--archive site/people.yaml lies inside the site's sources"},
		{"--archive over a zip of the user's", "", []string{"build", "--archive", "other.zip", "site"}, exitUsage, "not an archive handover wrote"},
		{"--archive over a folder", "", []string{"build", "--archive", "www", "site"}, exitUsage, "is a folder"},
		{"--archive inside content", "", []string{"build", "--archive", "site/content/site.zip", "site"}, exitUsage, "inside the site's sources (content)"},
		{"-d an existing folder inside content", "site", []string{"build", "-d", "content/processes", "."}, exitUsage, "lies inside the site's sources (content)"},
		{"-d a new folder inside content", "site", []string{"build", "-d", "content/nieuw", "."}, exitUsage, "lies inside the site's sources (content)"},
		{"-d a new folder inside static", "", []string{"build", "-d", "site/static/out", "site"}, exitUsage, "lies inside the site's sources (static)"},
		{"-d a folder inside themes", "", []string{"build", "-d", "site/themes/x", "site"}, exitUsage, "lies inside the site's sources (themes)"},
		{"-d the site itself", "", []string{"build", "-d", "site", "site"}, exitUsage, "is the site folder itself"},
		{"-d a parent of the site", "", []string{"build", "-d", ".", "site"}, exitUsage, "is a folder above the site"},
		{"-d a foreign folder without --force", "", []string{"build", "-d", "www", "site"}, exitUsage, "holds files handover did not write (thesis.docx)"},
		{"--cache inside content", "", []string{"build", "--cache", "site/content", "site"}, exitUsage, "--cache site/content lies inside the site's sources"},
		{"--cache a folder of the user's", "", []string{"build", "--cache", "mine", "site"}, exitUsage, "--cache mine holds render"},
		{"--cache an existing file", "", []string{"build", "--cache", "notes.txt", "site"}, exitUsage, "is an existing file"},
		{"--cache inside the output", "", []string{"build", "--cache", "site/public/cache", "site"}, exitUsage, "overlap"},
		{"--cache around the output", "", []string{"build", "-d", "out/site", "--cache", "out", "site"}, exitUsage, "overlap"},
		{"-d below an existing file", "", []string{"build", "-d", "notes.txt/sub", "site"}, exitUsage, "a folder on its path is an existing file"},
		{"--archive over the output's marker", "", []string{"build", "--archive", "site/public/.handover-output", "site"}, exitUsage, "would replace handover's marker"},
		{"--archive over a page of the site", "", []string{"build", "--archive", "site/public/index.html", "site"}, exitUsage, "would replace index.html of the site itself"},
		{"a lock file that is not handover's", "", []string{"build", "-d", "notes-lock/public", "site"}, exitUsage, "is not a lock handover wrote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newUserTree(t)
			t.Chdir(filepath.Join(u.root, tc.dir))
			code, _, errOut := runCLI(t, false, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("handover %s: exit %d, want %d with %q\n%s", strings.Join(tc.args, " "), code, tc.code, tc.msg, errOut)
			}
			if strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "broken-link") {
				t.Errorf("want one clear line, got:\n%s", errOut)
			}
			u.intact(t)
			if _, err := os.Stat(filepath.Join(u.site, "public")); !errors.Is(err, fs.ErrNotExist) && tc.code != exitOK {
				t.Errorf("a refused build published the site: %v", err)
			}
		})
	}
}

// TestPublishForce: --force writes the site into a folder of the user's,
// leaves every file it did not write alone and lists them; a later build
// removes the pages it no longer has, but never the user's files.
func TestPublishForce(t *testing.T) {
	u := newUserTree(t)
	t.Chdir(u.root)
	code, _, errOut := runCLI(t, false, "build", "--force", "-d", "www", "site")
	if code != exitOK || !strings.Contains(errOut, "left alone 1 file in www that handover did not write: thesis.docx") {
		t.Fatalf("build --force: exit %d\n%s", code, errOut)
	}
	u.intact(t)
	if _, err := os.Stat("www/index.html"); err != nil {
		t.Fatalf("the site was not written: %v", err)
	}
	// The user adds a file, and removes a page from the site.
	if err := os.WriteFile("www/later.txt", []byte("added after the build"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove("site/content/nieuw.md"); err != nil {
		t.Fatal(err)
	}
	u.resnap(t, "www")
	code, _, errOut = runCLI(t, false, "build", "-d", "www", "site")
	if code != exitOK {
		t.Fatalf("second build, without --force, into a folder handover wrote into: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "left alone 2 files") || !strings.Contains(errOut, "later.txt") {
		t.Errorf("second build does not list the files it left alone:\n%s", errOut)
	}
	u.intact(t)
	if _, err := os.Stat("www/nieuw/index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the page of a removed file is still there: %v", err)
	}
	// A file of the user's where the site has one is replaced only with --force.
	if err := os.MkdirAll("www2", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("www2/404.html", []byte("user's 404 page"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, false, "build", "--force", "-d", "www2", "site"); code != exitOK || !strings.Contains(errOut, "replaced 1 file in www2 that handover did not write (--force): 404.html") {
		t.Errorf("build --force over a user's file at an output path: exit %d\n%s", code, errOut)
	}
	// In a folder handover wrote, a file the user put where the site has
	// one is not replaced without --force.
	if err := os.Remove("www/404.html"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("www/404.html", []byte("user's 404 page"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("www/.handover-output", bytes.ReplaceAll(must(os.ReadFile("www/.handover-output")), []byte("\n404.html\n"), []byte("\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	u.resnap(t, "www")
	u.before["www/404.html"] = []byte("user's 404 page")
	code, _, errOut = runCLI(t, false, "build", "-d", "www", "site")
	if code != exitUsage || !strings.Contains(errOut, "www holds 404.html, which handover did not write") {
		t.Errorf("build over a user's file at an output path: exit %d\n%s", code, errOut)
	}
	u.intact(t)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestPublishUserFileInOutput: a file the user drops into SITE/public is
// kept by the next build, which says so.
func TestPublishUserFileInOutput(t *testing.T) {
	u := newUserTree(t)
	t.Chdir(u.root)
	if code, _, errOut := runCLI(t, false, "build", "site"); code != exitOK {
		t.Fatalf("build: %d\n%s", code, errOut)
	}
	if err := os.WriteFile("site/public/handout.pdf", []byte("%PDF user"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.resnap(t, "site/public")
	code, _, errOut := runCLI(t, false, "build", "site")
	if code != exitOK || !strings.Contains(errOut, "handout.pdf") {
		t.Errorf("second build: exit %d\n%s", code, errOut)
	}
	u.intact(t)
}

// TestPublishPermissions: the published folder and files have the ordinary
// permissions, so a web server running as another user can read them.
func TestPublishPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	u := newUserTree(t)
	if code, _, errOut := runCLI(t, false, "build", "-q", u.site); code != exitOK {
		t.Fatalf("build: %d\n%s", code, errOut)
	}
	err := filepath.WalkDir(filepath.Join(u.site, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if fi.Mode().Perm() != want {
			return fmt.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// TestPublishSymlink: SITE/public as a link to the web root fills the web
// root, and the link stays a link.
func TestPublishSymlink(t *testing.T) {
	u := newUserTree(t)
	webroot := filepath.Join(u.root, "webroot")
	if err := os.Remove(filepath.Join(webroot, ".placeholder")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(u.site, "public")
	if err := os.Symlink(webroot, link); err != nil {
		t.Fatal(err)
	}
	delete(u.before, "webroot/.placeholder")
	for range 2 {
		code, _, errOut := runCLI(t, false, "build", u.site)
		if code != exitOK || !strings.Contains(errOut, "is a symbolic link: the site is written to "+webroot) {
			t.Fatalf("build: exit %d\n%s", code, errOut)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("SITE/public is no longer a link: %v %v", fi.Mode(), err)
	}
	if _, err := os.Stat(filepath.Join(webroot, "index.html")); err != nil {
		t.Errorf("the web root was not filled: %v", err)
	}
	u.intact(t)
}

// mountTmpfs mounts a small tmpfs on dir, when the test runs as root.
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a file system needs root; CI runs as root")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, opts); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount tmpfs on %s: %v", dir, err)
		}
		t.Skipf("mount tmpfs: %v (a container without CAP_SYS_ADMIN)", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// TestPublishMountPoint: a destination that is a mount point (a container
// volume, a share) cannot be swapped; it is updated in place, and says so.
func TestPublishMountPoint(t *testing.T) {
	u := newUserTree(t)
	dest := filepath.Join(u.root, "volume")
	mountTmpfs(t, dest, "size=64m")
	for i := range 2 {
		code, _, errOut := runCLI(t, false, "build", "-d", dest, u.site)
		if code != exitOK || !strings.Contains(errOut, "is a mount point") {
			t.Fatalf("build %d into a mount point: exit %d\n%s", i, code, errOut)
		}
		if i == 0 {
			if err := os.Remove(filepath.Join(u.site, "content", "nieuw.md")); err != nil {
				t.Fatal(err)
			}
			delete(u.before, "site/content/nieuw.md")
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("the volume was not filled: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "nieuw", "index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a removed page is still on the volume: %v", err)
	}
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".handover-new-") {
			t.Errorf("staging folder left on the volume: %s", e.Name())
		}
	}
	u.intact(t)
}

// TestPublishDiskFull: a build that fails for want of space exits 3 (an
// environment failure, not bad usage) and leaves the published site as it
// was.
func TestPublishDiskFull(t *testing.T) {
	u := newUserTree(t)
	disk := filepath.Join(u.root, "disk")
	mountTmpfs(t, disk, "size=1m")
	dest := filepath.Join(disk, "public")
	// A tiny site (about 300 KB, most of it the theme's assets) fits, also
	// twice while it is swapped; the same site with a page of 740 KB, which
	// the print document holds again, does not.
	small := writeSite(t, map[string]string{"handover.yaml": "title: S\nlanguage: en\n", "content/a.md": "# A\n"})
	if code, _, errOut := runCLI(t, false, "build", "-q", "-d", dest, small); code != exitOK {
		t.Fatalf("small build: %d\n%s", code, errOut)
	}
	before := snapshot(t, dest)
	big := strings.Repeat("Een lange alinea over de overdracht. ", 20000)
	if err := os.WriteFile(filepath.Join(small, "content", "a.md"), []byte("# A\n\n"+big+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, false, "build", "-q", "-d", dest, small)
	if code != exitIO || !strings.Contains(errOut, "no space left on device") {
		t.Errorf("build onto a full disk: exit %d, want %d\n%s", code, exitIO, errOut)
	}
	after := snapshot(t, dest)
	if len(after) != len(before) {
		t.Errorf("the published site changed: %d files, was %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("published %s changed", name)
		}
	}
}

// TestPublishConcurrentBuilds starts two real handover processes building
// one site at the same moment, several rounds: both succeed, one waits for
// the other, and the published folder is always one complete build that
// later builds accept.
func TestPublishConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "handover")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(root, "site")
	if out, err := exec.Command(bin, "new", "site", "--lang", "en", site).CombinedOutput(); err != nil {
		t.Fatalf("new site: %v\n%s", err, out)
	}
	waited := 0
	for round := range 6 {
		var wg sync.WaitGroup
		outs := make([][]byte, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				outs[i], errs[i] = exec.Command(bin, "build", site).CombinedOutput()
			})
		}
		wg.Wait()
		for i := range 2 {
			if errs[i] != nil {
				t.Fatalf("round %d, build %d: %v\n%s", round, i, errs[i], outs[i])
			}
			if strings.Contains(string(outs[i]), "waiting for another build") {
				waited++
			}
		}
		for _, f := range []string{"index.html", "print/index.html", ".handover-output", "search/manifest.js"} {
			if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
				t.Fatalf("round %d: the published site lacks %s: %v", round, f, err)
			}
		}
		entries, _ := os.ReadDir(site)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public") {
				t.Errorf("round %d: %s left beside the output", round, e.Name())
			}
		}
	}
	if waited == 0 {
		t.Log("no round overlapped enough for one build to wait; the rounds still checked the result")
	}
}
