package history_test

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/handover-dev/handover/generator/history"
)

// Example shows the calls of one build: one Log for the current tree and
// every version, then the files of each.
func Example() {
	ctx := context.Background()
	repo, err := history.Open(ctx, "site")
	if errors.Is(err, history.ErrNotRepo) {
		return // build without dates
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	tags, err := repo.Tags(ctx, "v*")
	if err != nil {
		fmt.Println(err)
		return
	}
	revs := []string{repo.Head()}
	for _, t := range tags {
		revs = append(revs, t.Commit)
	}
	content := path.Join(repo.Prefix(), "content")
	hist, err := repo.Log(ctx, content, revs...)
	if err != nil {
		fmt.Println(err)
		return
	}
	if hist.Shallow {
		fmt.Println("shallow clone: last-changed dates are incomplete")
	}
	if c, ok := hist.Files(repo.Head()).Last("processes/incident-handling.md"); ok {
		fmt.Println(c.Date.Format("2006-01-02"), c.Author)
	}
	for i, t := range tags {
		prev := ""
		if i+1 < len(tags) {
			prev = tags[i+1].Commit
		}
		fmt.Println(t.Name, len(hist.Between(prev, t.Commit)), "commits")
		fsys, err := repo.TreeFS(ctx, t.Commit, repo.Prefix())
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = fsys // build the version from fsys
	}
}
