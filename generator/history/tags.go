package history

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
)

// Tag is a git tag that names a commit.
type Tag struct {
	Name   string    // name without refs/tags/, e.g. "v1.0"
	Commit string    // hash of the commit it names, annotated tags peeled
	Date   time.Time // committer date of that commit, in UTC
}

// tagFormat prints, per tag, the object it points at and, for an annotated
// tag, the object the tag object points at.
const tagFormat = "%(refname)%00%(objecttype)%00%(objectname)%00%(committerdate:iso-strict)" +
	"%00%(*objecttype)%00%(*objectname)%00%(*committerdate:iso-strict)"

// Tags returns the tags whose name matches pattern (path.Match syntax, like
// "v*"), newest first by commit date, then by name with numbers compared as
// numbers (v1.10 before v1.9). Tags that do not name a commit are skipped.
func (r *Repo) Tags(ctx context.Context, pattern string) ([]Tag, error) {
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("tag pattern %q: %w", pattern, err)
	}
	out, err := r.output(ctx, r.root, "for-each-ref", "--format="+tagFormat, "refs/tags")
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	var tags []Tag
	for _, line := range strings.Split(string(out), "\n") {
		t, ok, err := parseTag(line)
		if err != nil {
			return nil, err
		}
		if match, _ := path.Match(pattern, t.Name); ok && match {
			tags = append(tags, t)
		}
	}
	slices.SortFunc(tags, func(a, b Tag) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return naturalCompare(b.Name, a.Name)
	})
	return tags, nil
}

// parseTag reads one line of for-each-ref output. It reports false for an
// empty line and for a tag of something other than a commit.
func parseTag(line string) (Tag, bool, error) {
	f := strings.Split(line, "\x00")
	if len(f) != 7 {
		return Tag{}, false, nil
	}
	name := strings.TrimPrefix(f[0], "refs/tags/")
	kind, hash, date := f[1], f[2], f[3]
	if kind == "tag" {
		kind, hash, date = f[4], f[5], f[6]
	}
	if kind != "commit" {
		return Tag{}, false, nil
	}
	t, err := time.Parse(time.RFC3339, date)
	if err != nil {
		return Tag{}, false, fmt.Errorf("tag %s: date: %w", name, err)
	}
	return Tag{Name: name, Commit: hash, Date: t.UTC()}, true, nil
}

// naturalCompare compares a and b like strings, except that runs of digits
// compare by their numeric value; names equal that way ("v01", "v1") compare
// as strings.
func naturalCompare(a, b string) int {
	if c := numericCompare(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func numericCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na := strings.TrimLeft(a[:da], "0")
			nb := strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// digits returns the length of the run of ASCII digits that s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
