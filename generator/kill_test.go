package generator

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killSite writes a generated site of n pages; rev changes every page's
// text, and odd revisions add pages and remove others, so two revisions
// differ in file list and in file contents.
func killSite(t *testing.T, dir string, n, rev int) {
	t.Helper()
	files := map[string]string{
		"handover.yaml": "title: Kill test\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n  review-missing: off\n  missing-sponsor: off\n",
		"people.yaml":   "people:\n  - id: jan\n    name: Jan\n",
	}
	for i := range n {
		if rev%2 == 1 && i%10 == 0 {
			continue // removed in this revision
		}
		files[fmt.Sprintf("content/deel-%d/pagina-%d.md", i%12, i)] = fmt.Sprintf(
			"---\ntitle: Pagina %d revisie %d\nowner: jan\ntags: [r%d]\n---\n# Pagina %d\n\nRevisie %d van pagina %d, met [een link](../deel-1/pagina-1.md).\n\n## Stap 1\n\n%s\n",
			i, rev, rev, i, rev, i, strings.Repeat("Tekst van de overdracht. ", 40))
	}
	if rev%2 == 1 {
		for i := range n / 10 {
			files[fmt.Sprintf("content/nieuw/extra-%d.md", i)] = fmt.Sprintf("---\ntitle: Extra %d\nowner: jan\n---\nNieuw.\n", i)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
}

// treeHashes returns the sha256 of every file under dir by slash path.
func treeHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for p, data := range readTree(t, dir) {
		out[p] = sha256.Sum256(data)
	}
	return out
}

// sameTree reports whether two trees have the same files with the same contents.
func sameTree(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, h := range a {
		if g, ok := b[p]; !ok || g != h {
			return false
		}
	}
	return true
}

// treeDiff describes how got differs from want, briefly.
func treeDiff(want, got map[string][32]byte) string {
	var missing, extra, changed []string
	for p, h := range want {
		if g, ok := got[p]; !ok {
			missing = append(missing, p)
		} else if g != h {
			changed = append(changed, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	for _, l := range [][]string{missing, extra, changed} {
		slices.Sort(l)
	}
	short := func(l []string) string {
		if len(l) > 5 {
			return strings.Join(l[:5], " ") + fmt.Sprintf(" … (%d)", len(l))
		}
		return strings.Join(l, " ")
	}
	return fmt.Sprintf("missing %s; extra %s; changed %s", short(missing), short(extra), short(changed))
}

// runCLI runs the handover binary and fails the test unless it exits 0.
func runCLI(t *testing.T, bin string, args ...string) time.Duration {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000")
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("handover %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// TestKillDuringBuild kills `handover build` with SIGKILL at random
// moments while it replaces a published site, and checks after each kill
// that the published folder is exactly the old site or exactly the new
// one, never a mix; a normal build afterwards removes what the killed
// builds left.
func TestKillDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and a 300-page site many times")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "handover")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/handover-dev/handover/cmd/handover").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const pages = 300
	sites := [2]string{filepath.Join(root, "site-a"), filepath.Join(root, "site-b")}
	var refs [2]map[string][32]byte
	var took time.Duration
	for i, site := range sites {
		killSite(t, site, pages, i)
		ref := filepath.Join(root, fmt.Sprintf("ref-%d", i))
		took = max(took, runCLI(t, bin, "build", "-q", "-d", ref, site))
		refs[i] = treeHashes(t, ref)
	}
	if sameTree(refs[0], refs[1]) {
		t.Fatal("the two revisions build to the same site; the test could not tell them apart")
	}
	dest := filepath.Join(root, "pub", "public")
	runCLI(t, bin, "build", "-q", "-d", dest, sites[0])
	published := 0
	rng := rand.New(rand.NewPCG(7, 7)) // seeded: a failure can be repeated
	for i := range 15 {
		next := sites[(published+1)%2]
		delay := time.Duration(rng.Int64N(int64(took) * 6 / 5))
		cmd := exec.Command(bin, "build", "-q", "-d", dest, next)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		got := treeHashes(t, dest)
		switch {
		case sameTree(got, refs[published]):
		case sameTree(got, refs[(published+1)%2]):
			published = (published + 1) % 2
		default:
			t.Fatalf("kill %d after %v (build err %v): the published site is neither the old nor the new one:\nagainst old: %s\nagainst new: %s",
				i, delay, err, treeDiff(refs[published], got), treeDiff(refs[(published+1)%2], got))
		}
		t.Logf("kill %d after %v: published revision %d (%v)", i, delay, published, err)
	}
	runCLI(t, bin, "build", "-q", "-d", dest, sites[(published+1)%2])
	if got := treeHashes(t, dest); !sameTree(got, refs[(published+1)%2]) {
		t.Errorf("the build after the kills did not publish the new site: %s", treeDiff(refs[(published+1)%2], got))
	}
	if left := siblings(t, dest); len(left) > 0 {
		t.Errorf("the build after the kills left %v beside the output", left)
	}
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output there is more than the output: %v", names)
	}
}
