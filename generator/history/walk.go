package history

// Files maps the path of each file (relative to the folder given to Log) to
// the commits that changed it, newest first.
type Files map[string][]Commit

// Last returns the newest commit that changed the file at path. It reports
// false when the file has no known change: it is not in git, or, in a shallow
// clone, it last changed before the boundary.
func (f Files) Last(path string) (Commit, bool) {
	cs := f[path]
	if len(cs) == 0 {
		return Commit{}, false
	}
	return cs[0], true
}

// dead marks, during a walk, a path whose older changes belong to a file that
// does not exist at the revision walked from.
const dead = "\x00"

// Files returns the history of every file under the folder as it is at
// commit, one of the revisions given to Log (as a full hash), following
// renames. Changes of a shallow boundary commit are left out, because they
// show everything the boundary contains as added. It returns nil when commit
// is not in the log.
func (l *Log) Files(commit string) Files {
	start, ok := l.index[commit]
	if !ok {
		return nil
	}
	reach := l.reachable(start)
	files := Files{}
	// names maps a path, while walking back in time, to the path that file
	// has at commit, or to dead.
	names := map[string]string{}
	name := func(p string) string {
		if n, ok := names[p]; ok {
			return n
		}
		return p
	}
	for i := start; i < len(l.nodes); i++ {
		n := &l.nodes[i]
		if !reach[i] || n.boundary {
			continue
		}
		for _, c := range n.changes {
			key := name(c.to)
			if key != dead && c.status != 'D' {
				files[key] = append(files[key], n.Commit)
			}
			switch c.status {
			case 'A', 'C', 'D':
				// Before this commit the path held no file, or another one.
				names[c.to] = dead
			case 'R':
				names[c.to] = dead
				names[c.from] = key
			}
		}
	}
	return files
}

// reachable marks the positions of the commits reachable from start. Parents
// always come after their children in l.nodes, so one forward pass suffices.
func (l *Log) reachable(start int) []bool {
	reach := make([]bool, len(l.nodes))
	reach[start] = true
	for i := start; i < len(l.nodes); i++ {
		if !reach[i] {
			continue
		}
		for _, p := range l.nodes[i].parents {
			reach[p] = true
		}
	}
	return reach
}

// Between returns the commits reachable from b but not from a, newest first:
// what happened between two versions. a may be "" for everything up to b.
// Commits that did not touch the folder are included. It returns nil when a
// or b is not a revision given to Log.
func (l *Log) Between(a, b string) []Commit {
	end, ok := l.index[b]
	if !ok {
		return nil
	}
	var seen []bool
	if a != "" {
		start, ok := l.index[a]
		if !ok {
			return nil
		}
		seen = l.reachable(start)
	}
	var out []Commit
	for i, in := range l.reachable(end) {
		if in && (seen == nil || !seen[i]) {
			out = append(out, l.nodes[i].Commit)
		}
	}
	return out
}
