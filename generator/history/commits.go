package history

// Changed returns the commits of the log that changed files under its
// folder, children before parents (newest first along each line of
// history): the days on which the site changed, for its readiness over
// time (issue 17).
func (l *Log) Changed() []Commit {
	var out []Commit
	for _, n := range l.nodes {
		if len(n.changes) > 0 && !n.boundary {
			out = append(out, n.Commit)
		}
	}
	return out
}
