package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// This file reads and rewrites the PDF that Chromium (Skia) writes: a
// classic cross-reference table, uncompressed objects outside the page
// contents. It reads the page each named destination is on (the table of
// contents' page numbers) and rewrites the document information (Creator,
// Producer, dates), the links to the site's own files and the IDs of the
// structure elements, then writes the cross-reference table anew. It is not a general PDF library: a file of
// another shape is an error, not a guess.

// file is a parsed PDF.
type file struct {
	data       []byte
	offsets    map[int]int // object number → byte offset of "N G obj"
	size       int         // /Size of the trailer
	trailer    dict
	trailerSrc []byte // the trailer dictionary as written
	xrefAt     int    // where the cross-reference table starts
}

type (
	dict map[string]any
	name string
	ref  struct{ num, gen int }
)

var errShape = errors.New("pdf: not a PDF of the shape Chromium writes")

// parse reads the cross-reference table and the trailer of data.
func parse(data []byte) (*file, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errShape
	}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", errShape)
	}
	l := &lexer{b: data, i: i + len("startxref")}
	at, ok := l.value().(int)
	if !ok || at <= 0 || at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		return nil, fmt.Errorf("%w: no cross-reference table", errShape)
	}
	f := &file{data: data, offsets: map[int]int{}, xrefAt: at}
	l.i = at + len("xref")
	for {
		l.space()
		if bytes.HasPrefix(data[l.i:], []byte("trailer")) {
			l.i += len("trailer")
			break
		}
		first, ok1 := l.value().(int)
		count, ok2 := l.value().(int)
		if !ok1 || !ok2 || count < 0 || count > len(data)/20 {
			return nil, fmt.Errorf("%w: bad cross-reference table", errShape)
		}
		l.space()
		for n := range count {
			if l.i+20 > len(data) {
				return nil, fmt.Errorf("%w: short cross-reference table", errShape)
			}
			e := data[l.i : l.i+20]
			off, err := strconv.Atoi(string(e[:10]))
			if err != nil {
				return nil, fmt.Errorf("%w: bad cross-reference entry %q", errShape, e)
			}
			if e[17] == 'n' {
				f.offsets[first+n] = off
			}
			l.i += 20
		}
	}
	l.space()
	start := l.i
	t, ok := l.value().(dict)
	if !ok {
		return nil, fmt.Errorf("%w: no trailer", errShape)
	}
	f.trailer, f.trailerSrc = t, data[start:l.i]
	f.size, _ = t["Size"].(int)
	if f.size == 0 {
		return nil, fmt.Errorf("%w: trailer without /Size", errShape)
	}
	return f, nil
}

// object returns the value of object num, following nothing.
func (f *file) object(num int) (any, int, int) {
	off, ok := f.offsets[num]
	if !ok || off >= len(f.data) {
		return nil, 0, 0
	}
	l := &lexer{b: f.data, i: off}
	l.value() // number
	l.value() // generation
	l.space()
	if !bytes.HasPrefix(f.data[l.i:], []byte("obj")) {
		return nil, 0, 0
	}
	l.i += len("obj")
	l.space()
	start := l.i
	v := l.value()
	return v, start, l.i
}

// resolve returns v, or the object v refers to.
func (f *file) resolve(v any) any {
	for range 8 {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v, _, _ = f.object(r.num)
	}
	return nil
}

// pages returns the object numbers of the pages in order.
func (f *file) pages() ([]int, error) {
	root, _ := f.resolve(f.trailer["Root"]).(dict)
	if root == nil {
		return nil, fmt.Errorf("%w: no catalog", errShape)
	}
	var out []int
	seen := map[int]bool{}
	var walk func(v any, depth int) error
	walk = func(v any, depth int) error {
		r, ok := v.(ref)
		if !ok || seen[r.num] || depth > 64 {
			return fmt.Errorf("%w: bad page tree", errShape)
		}
		seen[r.num] = true
		d, _ := f.resolve(r).(dict)
		switch d["Type"] {
		case name("Page"):
			out = append(out, r.num)
		case name("Pages"):
			kids, _ := f.resolve(d["Kids"]).([]any)
			for _, k := range kids {
				if err := walk(k, depth+1); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("%w: bad page tree node", errShape)
		}
		return nil
	}
	return out, walk(root["Pages"], 0)
}

// destinations returns the page number (from 1) of each named destination:
// Chromium makes one for every element a link inside the document points to.
func (f *file) destinations() (map[string]int, error) {
	pages, err := f.pages()
	if err != nil {
		return nil, err
	}
	pageOf := map[int]int{}
	for i, num := range pages {
		pageOf[num] = i + 1
	}
	out := map[string]int{}
	add := func(key string, d any) {
		d = f.resolve(d)
		if dd, ok := d.(dict); ok {
			d = f.resolve(dd["D"])
		}
		if a, ok := d.([]any); ok && len(a) > 0 {
			if r, ok := a[0].(ref); ok && pageOf[r.num] > 0 {
				out[key] = pageOf[r.num]
			}
		}
	}
	root, _ := f.resolve(f.trailer["Root"]).(dict)
	if dests, ok := f.resolve(root["Dests"]).(dict); ok {
		for k, v := range dests {
			add(k, v)
		}
	}
	if names, ok := f.resolve(root["Names"]).(dict); ok {
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			node, ok := f.resolve(v).(dict)
			if !ok || depth > 32 {
				return
			}
			if kv, ok := f.resolve(node["Names"]).([]any); ok {
				for i := 0; i+1 < len(kv); i += 2 {
					if k, ok := kv[i].(string); ok {
						add(k, kv[i+1])
					}
				}
			}
			kids, _ := f.resolve(node["Kids"]).([]any)
			for _, k := range kids {
				walk(k, depth+1)
			}
		}
		walk(names["Dests"], 0)
	}
	return out, nil
}

// edit replaces data[at:at+n] with repl.
type edit struct {
	at, n int
	repl  []byte
}

// rewrite applies edits and writes a new cross-reference table, so that
// every object is found where it now is.
func (f *file) rewrite(edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	kept := edits[:0]
	last := 0
	for _, e := range edits {
		if e.at >= last && e.at+e.n <= f.xrefAt { // overlapping or outside the objects: never made by this package
			kept = append(kept, e)
			last = e.at + e.n
		}
	}
	edits = kept
	var out bytes.Buffer
	out.Grow(len(f.data) + 1024)
	shift := func(off int) int { // where the byte at off of the old file is now
		d := 0
		for _, e := range edits {
			if e.at+e.n <= off {
				d += len(e.repl) - e.n
			}
		}
		return off + d
	}
	last = 0
	for _, e := range edits {
		out.Write(f.data[last:e.at])
		out.Write(e.repl)
		last = e.at + e.n
	}
	out.Write(f.data[last:f.xrefAt])
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n", f.size)
	for n := range f.size {
		if off, ok := f.offsets[n]; ok {
			fmt.Fprintf(&out, "%010d 00000 n \n", shift(off))
		} else {
			out.WriteString("0000000000 65535 f \n")
		}
	}
	out.WriteString("trailer\n")
	out.Write(f.trailerSrc)
	fmt.Fprintf(&out, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes()
}

// infoEdit returns the edit that makes the document information
// dictionary set: Title kept, Creator, Producer and the dates as given.
func (f *file) infoEdit(creator, producer, date string) (edit, error) {
	r, ok := f.trailer["Info"].(ref)
	if !ok {
		return edit{}, fmt.Errorf("%w: no document information", errShape)
	}
	v, start, end := f.object(r.num)
	info, ok := v.(dict)
	if !ok {
		return edit{}, fmt.Errorf("%w: bad document information", errShape)
	}
	var b strings.Builder
	b.WriteString("<<")
	if _, ok := info["Title"]; ok {
		// The title as Chromium wrote it (the page's <title>), byte for byte.
		if m := titleRE.Find(f.data[start:end]); m != nil {
			b.Write(m)
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "/Creator %s\n/Producer %s\n/CreationDate (%s)\n/ModDate (%s)>>", literal(creator), literal(producer), date, date)
	return edit{at: start, n: end - start, repl: []byte(b.String())}, nil
}

// titleRE finds the /Title entry of the information dictionary: a literal
// string (with escapes) or a hex string.
var titleRE = regexp.MustCompile(`/Title\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)`)

// uriEdits returns the edits that make links to files under prefix (a
// file:// URL ending in "/") relative: /URI (file:///…/public/x.pdf)
// becomes /URI (x.pdf). Where the site was published then leaves no
// trace in the PDF.
func (f *file) uriEdits(prefix string) []edit {
	var out []edit
	lit := []byte("(" + escapeLiteral(prefix))
	data := f.data[:f.xrefAt]
	for i := 0; ; {
		j := bytes.Index(data[i:], lit)
		if j < 0 {
			return out
		}
		at := i + j
		before := bytes.TrimRight(data[max(0, at-16):at], " \t\r\n")
		if bytes.HasSuffix(before, []byte("/URI")) {
			out = append(out, edit{at: at, n: len(lit), repl: []byte("(")})
		}
		i = at + len(lit)
	}
}

// nodeIDRE is the ID of a structure element of a tagged PDF, which
// Chromium takes from Blink's DOM node ids: numbers given out as nodes are
// first asked for, which differ from print to print of the same page.
var nodeIDRE = regexp.MustCompile(`\(node(\d+)\)`)

// nodeIDEdits returns the edits that number the IDs of the structure
// elements (and the references to them in /Headers) in the order they
// first appear in the file, each with as many digits as it had.
func (f *file) nodeIDEdits() []edit {
	var out []edit
	seen := map[string]int{}
	for _, m := range nodeIDRE.FindAllSubmatchIndex(f.data[:f.xrefAt], -1) {
		id := string(f.data[m[2]:m[3]])
		n, ok := seen[id]
		if !ok {
			n = len(seen) + 1
			seen[id] = n
		}
		out = append(out, edit{at: m[2], n: m[3] - m[2], repl: fmt.Appendf(nil, "%0*d", m[3]-m[2], n)})
	}
	return out
}

// literal returns s as a PDF literal string.
func literal(s string) string { return "(" + escapeLiteral(s) + ")" }

func escapeLiteral(s string) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`).Replace(s)
}

// lexer reads PDF values.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// space skips white space and comments.
func (l *lexer) space() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// value reads one value: a dict, array, name, string, number, reference
// or keyword; nil at the end or on what it cannot read.
func (l *lexer) value() any {
	l.space()
	if l.i >= len(l.b) {
		return nil
	}
	switch c := l.b[l.i]; {
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		l.i += 2
		d := dict{}
		for {
			l.space()
			if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
				l.i += 2
				return d
			}
			k, ok := l.value().(name)
			if !ok {
				return nil
			}
			d[string(k)] = l.value()
		}
	case c == '<':
		end := bytes.IndexByte(l.b[l.i:], '>')
		if end < 0 {
			return nil
		}
		hex := bytes.Map(func(r rune) rune {
			if isSpace(byte(r)) {
				return -1
			}
			return r
		}, l.b[l.i+1:l.i+end])
		l.i += end + 1
		if len(hex)%2 == 1 {
			hex = append(hex, '0')
		}
		out := make([]byte, len(hex)/2)
		for i := range out {
			v, err := strconv.ParseUint(string(hex[2*i:2*i+2]), 16, 8)
			if err != nil {
				return nil
			}
			out[i] = byte(v)
		}
		return string(out)
	case c == '[':
		l.i++
		var a []any
		for {
			l.space()
			if l.i >= len(l.b) {
				return nil
			}
			if l.b[l.i] == ']' {
				l.i++
				return a
			}
			a = append(a, l.value())
		}
	case c == '(':
		return l.literalString()
	case c == '/':
		l.i++
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		return name(decodeName(l.b[start:l.i]))
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		tok := string(l.b[start:l.i])
		n, err := strconv.Atoi(tok)
		if err != nil {
			fl, _ := strconv.ParseFloat(tok, 64)
			return fl
		}
		// "N G R" is a reference.
		save := l.i
		l.space()
		gs := l.i
		for l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '9' {
			l.i++
		}
		if l.i > gs {
			g, _ := strconv.Atoi(string(l.b[gs:l.i]))
			l.space()
			if l.i < len(l.b) && l.b[l.i] == 'R' && (l.i+1 == len(l.b) || isSpace(l.b[l.i+1]) || isDelim(l.b[l.i+1])) {
				l.i++
				return ref{num: n, gen: g}
			}
		}
		l.i = save
		return n
	default:
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		if l.i == start {
			l.i++ // a stray delimiter
			return nil
		}
		return string(l.b[start:l.i]) // true, false, null, a keyword
	}
}

// literalString reads a ( ) string with its escapes and balanced parentheses.
func (l *lexer) literalString() any {
	l.i++ // (
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '\\':
			if l.i >= len(l.b) {
				return nil
			}
			e := l.b[l.i]
			l.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				if e == '\r' && l.i < len(l.b) && l.b[l.i] == '\n' {
					l.i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
						v = v*8 + int(l.b[l.i]-'0')
						l.i++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil
}

// decodeName undoes the #xx escapes of a name.
func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
