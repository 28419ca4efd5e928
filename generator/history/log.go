package history

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Commit is one commit as shown to readers: who made it, when, and its
// subject line.
type Commit struct {
	Hash    string    // full hash
	Author  string    // author name as recorded
	Email   string    // author email as recorded
	Date    time.Time // author date, in UTC
	Subject string    // first paragraph of the message on one line
}

// Log is the history of the files under one folder of the repository, read
// in one git pass for a set of revisions (the current commit and the tags).
// Ask it for the files at one of those revisions with Files, and for the
// commits between two of them with Between.
type Log struct {
	// Shallow is true when the clone is shallow: history before the boundary
	// is missing, so some files have no known last change.
	Shallow bool

	nodes []node         // every commit, children before parents
	index map[string]int // commit hash → position in nodes
}

// node is a commit in the graph with the changes it made under the folder.
type node struct {
	Commit
	parents  []int    // positions in Log.nodes, resolved after reading
	hashes   []string // parent hashes as read
	changes  []change // empty for merges and commits outside the folder
	boundary bool     // a shallow boundary: its changes are not real
}

// change is one entry of git's --name-status output, paths relative to the
// folder; from is set for renames and copies.
type change struct {
	status   byte // 'A', 'M', 'D', 'R', 'C', 'T'
	from, to string
}

// maxSubject bounds the length of a stored subject line in bytes.
const maxSubject = 1000

// logFormat puts a record separator before each commit and NUL after each
// field, so that any character in a message is read correctly.
const logFormat = "%x1e%H%x00%P%x00%aI%x00%an%x00%ae%x00%s%x00"

// Log reads, in one git log pass, the commits reachable from any of revs with
// the changes each made under sub (a slash path relative to the repository
// root, "" for all). Empty revs are skipped; with none left Log returns an
// empty history, which is the case for a repository without commits.
func (r *Repo) Log(ctx context.Context, sub string, revs ...string) (*Log, error) {
	l := &Log{Shallow: r.Shallow(), index: map[string]int{}}
	args := []string{"log", "-z", "--name-status", "-M", "--date-order",
		"--full-history", "--sparse", "--no-show-signature",
		"--format=" + logFormat, "--end-of-options"}
	n := len(args)
	for _, rev := range revs {
		if rev != "" {
			args = append(args, rev)
		}
	}
	if len(args) == n {
		return l, nil
	}
	prefix := joinSub(sub)
	args = append(args, "--")
	if prefix != "" {
		args = append(args, prefix)
	}
	p := &logParser{log: l, prefix: prefix, shallow: r.shallow, strs: map[string]string{}}
	if err := r.stream(ctx, p.read, args...); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	l.link()
	return l, nil
}

// link resolves parent hashes to positions. A parent outside the log (only
// possible past a shallow boundary) is dropped.
func (l *Log) link() {
	for i := range l.nodes {
		n := &l.nodes[i]
		for _, h := range n.hashes {
			if j, ok := l.index[h]; ok {
				n.parents = append(n.parents, j)
			}
		}
		n.hashes = nil
	}
}

// logParser reads the NUL-separated output of git log.
type logParser struct {
	log     *Log
	prefix  string
	shallow map[string]struct{}
	strs    map[string]string // interned names, emails and paths
}

// read consumes the whole log output.
func (p *logParser) read(br *bufio.Reader) error {
	tok, err := readToken(br)
	for err == nil {
		switch {
		case strings.HasPrefix(tok, "\x1e"):
			err = p.header(br, tok[1:])
		case tok == "":
			// the empty field after each header
		default:
			err = p.change(br, strings.TrimPrefix(tok, "\n"))
		}
		if err == nil {
			tok, err = readToken(br)
		}
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// readToken returns the next NUL-terminated field without its NUL. At the end
// of the output it returns io.EOF, also after a last unterminated field.
func readToken(br *bufio.Reader) (string, error) {
	s, err := br.ReadString(0)
	if err != nil {
		if errors.Is(err, io.EOF) && strings.TrimSpace(s) != "" {
			return "", fmt.Errorf("truncated git log output %q", s)
		}
		return "", err
	}
	return s[:len(s)-1], nil
}

// header reads the fields of one commit after its hash.
func (p *logParser) header(br *bufio.Reader, hash string) error {
	var f [5]string
	for i := range f {
		tok, err := readToken(br)
		if err != nil {
			return fmt.Errorf("commit %s: %w", hash, unexpectedEOF(err))
		}
		f[i] = tok
	}
	date, err := time.Parse(time.RFC3339, f[1])
	if err != nil {
		return fmt.Errorf("commit %s: date: %w", hash, err)
	}
	_, boundary := p.shallow[hash]
	p.log.index[hash] = len(p.log.nodes)
	p.log.nodes = append(p.log.nodes, node{
		Commit: Commit{
			Hash:    hash,
			Author:  p.intern(cleanText(f[2])),
			Email:   p.intern(cleanText(f[3])),
			Date:    date.UTC(),
			Subject: subject(f[4]),
		},
		hashes:   strings.Fields(f[0]),
		boundary: boundary,
	})
	return nil
}

// change reads one --name-status entry whose status is tok.
func (p *logParser) change(br *bufio.Reader, tok string) error {
	if len(p.log.nodes) == 0 || tok == "" {
		return fmt.Errorf("unexpected git log field %q", tok)
	}
	paths := 1
	if tok[0] == 'R' || tok[0] == 'C' {
		paths = 2
	}
	var ps [2]string
	for i := 0; i < paths; i++ {
		s, err := readToken(br)
		if err != nil {
			return unexpectedEOF(err)
		}
		ps[i] = s
	}
	c := change{status: tok[0], to: ps[0]}
	if paths == 2 {
		c.from, c.to = ps[0], ps[1]
	}
	// Paths that leave or enter the folder (a rename out of it) turn into a
	// delete or an add of the part inside.
	from, fromIn := strings.CutPrefix(c.from, p.prefix)
	to, toIn := strings.CutPrefix(c.to, p.prefix)
	switch {
	case !toIn && (c.from == "" || !fromIn):
		return nil
	case !toIn:
		c = change{status: 'D', to: from}
	case c.from != "" && !fromIn:
		c = change{status: 'A', to: to}
	default:
		c.to = to
		if c.from != "" {
			c.from = p.intern(from)
		}
	}
	c.to = p.intern(c.to)
	n := &p.log.nodes[len(p.log.nodes)-1]
	n.changes = append(n.changes, c)
	return nil
}

// intern returns one shared copy of s, so that a long history of the same
// authors and paths stays small in memory.
func (p *logParser) intern(s string) string {
	if v, ok := p.strs[s]; ok {
		return v
	}
	p.strs[s] = s
	return s
}

func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// cleanText makes a field from a commit valid UTF-8 without control
// characters at its ends (a CR from a CRLF message, say).
func cleanText(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}

// subject cleans a subject line (control characters become spaces) and
// bounds its length.
func subject(s string) string {
	s = cleanText(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	if len(s) <= maxSubject {
		return s
	}
	cut := maxSubject
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
