package history

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// benchRepo makes a repository with files pages under content/ and commits
// commits, each changing ten pages, some renaming or deleting one, with a
// tag every 40 commits. It uses one git fast-import to be quick.
func benchRepo(b *testing.B, files, commits int) *Repo {
	b.Helper()
	f := newFixture(b)
	var s strings.Builder
	for c := range commits {
		when := day(1).Unix() + int64(c)*3600
		fmt.Fprintf(&s, "commit refs/heads/main\nmark :%d\nauthor A <a@x> %d +0000\ncommitter A <a@x> %d +0000\n", c+1, when, when)
		msg := fmt.Sprintf("change %d", c)
		fmt.Fprintf(&s, "data %d\n%s\n", len(msg), msg)
		if c > 0 {
			fmt.Fprintf(&s, "from :%d\n", c)
		}
		touched := files
		if c > 0 {
			touched = 10
		}
		for i := range touched {
			page := (c*10 + i) % files
			body := fmt.Sprintf("# Page %d\n\nversion %d\n", page, c)
			fmt.Fprintf(&s, "M 100644 inline content/section %d/page %d.md\ndata %d\n%s\n", page%20, page, len(body), body)
		}
		if c > 0 && c%20 == 0 {
			fmt.Fprintf(&s, "R \"content/section %d/page %d.md\" \"content/moved/page %d.md\"\n", c%20, c, c)
		}
		if c > 0 && c%25 == 0 {
			fmt.Fprintf(&s, "D \"content/section %d/page %d.md\"\n", (c+7)%20, c+7)
		}
		if c%40 == 39 {
			fmt.Fprintf(&s, "reset refs/tags/v%d\nfrom :%d\n\n", c/40, c+1)
		}
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = f.dir
	cmd.Stdin = strings.NewReader(s.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v\n%s", err, out)
	}
	f.git(alice, day(1), "checkout", "-q", "-f", "main")
	return f.open("")
}

func BenchmarkLog(b *testing.B) {
	r := benchRepo(b, 1000, 200)
	ctx := context.Background()
	tags, err := r.Tags(ctx, "v*")
	if err != nil || len(tags) != 5 {
		b.Fatalf("tags = %v, %v; want 5", tags, err)
	}
	revs := []string{r.Head()}
	for _, t := range tags {
		revs = append(revs, t.Commit)
	}
	b.ResetTimer()
	for b.Loop() {
		l, err := r.Log(ctx, "content", revs...)
		if err != nil {
			b.Fatal(err)
		}
		for _, rev := range revs {
			if files := l.Files(rev); len(files) < 900 {
				b.Fatalf("Files(%s) has %d files, want about 1000", rev, len(files))
			}
		}
	}
}

func BenchmarkTreeFS(b *testing.B) {
	r := benchRepo(b, 1000, 20)
	ctx := context.Background()
	for b.Loop() {
		if _, err := r.TreeFS(ctx, r.Head(), "content"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	var x, y strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&x, "line %d\n", i)
		if i%10 == 0 {
			fmt.Fprintf(&y, "changed %d\n", i)
		} else {
			fmt.Fprintf(&y, "line %d\n", i)
		}
	}
	for b.Loop() {
		Diff(x.String(), y.String())
	}
}
