package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readPage reads one Markdown file into a Page; nil when it cannot be read.
func readPage(fsys fs.FS, file, contentDir string, maxSize int64, diags *Diagnostics) *Page {
	if fi, err := fs.Stat(fsys, file); err == nil && fi.Size() > maxSize {
		*diags = append(*diags, Diag("file", Pos{File: file}, fmt.Sprintf("file is %d MB, more than the %d MB a page may have", fi.Size()>>20, maxSize>>20)))
		return nil
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		*diags = append(*diags, Diag("file", Pos{File: file}, fmt.Sprintf("cannot read: %v", unwrapPathErr(err))))
		return nil
	}
	rel := file
	if contentDir != "." {
		rel = strings.TrimPrefix(file, contentDir+"/")
	}
	return parsePage(file, rel, src, diags)
}

// frontHash hashes a page's front matter source, and whether it was
// closed.
func frontHash(fm []byte, closed bool) [sha256.Size]byte {
	h := sha256.New()
	h.Write(fm)
	if !closed {
		h.Write([]byte{0xff})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// parsePage decodes the source of the page at rel (under the content root).
func parsePage(file, rel string, src []byte, diags *Diagnostics) *Page {
	p := &Page{File: file, Path: rel, URL: URLOf(rel)}
	src = normalize(file, src, diags)
	fm, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		*diags = append(*diags, Diag(RuleFrontMatter, Pos{File: file, Line: 1, Col: 1}, "front matter starts with --- but has no closing --- line"))
		body, bodyLine = src, 1
	}
	p.Body, p.BodyLine = body, bodyLine
	p.front = frontHash(fm, ok)
	if fm != nil {
		decodeFrontMatter(p, fm, diags)
	}
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	stem := strings.TrimSuffix(name, path.Ext(name))
	p.List = isFolderPage(stem)
	if top, _, _ := strings.Cut(rel, "/"); strings.Contains(rel, "/") {
		p.Section = top
	}
	p.Kind = KindOfFolder(p.Section)
	if p.Meta.Type != "" {
		if k, ok := ParseKind(p.Meta.Type); ok {
			p.Kind = k
		} else {
			*diags = append(*diags, Diag(RuleFrontMatter, p.Pos("type"), fmt.Sprintf("unknown type %q; use one of process, instruction, decision, governance, risk, kpi, training, meeting, page", p.Meta.Type)))
		}
	}
	if p.Kind == KindDecision && !p.List {
		p.readRecord(diags)
	}
	if p.ID == "" {
		p.ID = strings.TrimSuffix(rel, path.Ext(rel))
		if p.List {
			p.ID = dir
			if dir == "" {
				p.ID = "_index"
			}
		}
	}
	p.validate(diags)
	if line, depth := deepestNesting(p.Body); depth > MaxNesting {
		*diags = append(*diags, Diag("file", Pos{File: file, Line: p.BodyLine + line - 1, Col: 1},
			fmt.Sprintf("blockquotes and lists nest %d levels deep here, more than the %d a page may have; the page is left empty", depth, MaxNesting)))
		p.Body = nil // goldmark takes quadratic time and more in the depth of nesting
	}
	return p
}

// MaxNesting is the deepest nesting of blockquotes and lists a page may
// have. goldmark's time grows with the square of the depth or faster
// (50,000 nested "> " take over a second, 5,000 nested list items almost
// two minutes), so a page nested deeper is not rendered.
const MaxNesting = 100

// deepestNesting returns the line (1-based, in body) that starts the most
// deeply nested block and its depth: one level per '>' and per list marker
// at the line's start, and per two columns of indentation. Lines inside
// fenced code blocks are not counted.
func deepestNesting(body []byte) (line, depth int) {
	var code fences
	for n := 1; len(body) > 0; n++ {
		l := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		// Only a line that starts with a fence character can open or close a
		// code block: the others need no string to know they are inside one.
		if t := bytes.TrimLeft(l, " \t>"); len(t) > 0 && (t[0] == '`' || t[0] == '~') {
			if code.skip(string(t)) {
				continue
			}
		} else if code.open != "" {
			continue
		}
		if d := nestingOf(l); d > depth {
			line, depth = n, d
		}
	}
	return line, depth
}

// nestingOf returns the nesting depth of one line's start.
func nestingOf(l []byte) int {
	depth, cols := 0, 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == ' ':
			cols++
		case c == '\t':
			cols += 4
		case c == '>':
			depth++
			if i+1 < len(l) && l[i+1] == ' ' {
				i++ // the space after '>' belongs to the marker
			}
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 >= len(l) || l[j] != '.' && l[j] != ')' || l[j+1] != ' ' && l[j+1] != '\t' {
				return depth + cols/2
			}
			depth++
			i = j + 1
		default:
			return depth + cols/2
		}
	}
	return depth + cols/2
}

// validate checks the values that depend on the page's kind and sets the title.
func (p *Page) validate(diags *Diagnostics) {
	if allowed := p.Kind.Spec().Statuses; allowed != nil && p.Meta.Status != "" && !p.List && !contains(allowed, p.Meta.Status) {
		*diags = append(*diags, Diag(RuleFrontMatter, p.Pos("status"), fmt.Sprintf("status %q of a %s is not one of %s", p.Meta.Status, p.Kind, strings.Join(allowed, ", "))))
		p.Meta.Status = "" // reported: the page shows no status rather than an unknown one
	}
	if p.Kind == KindDecision && !p.List && p.Meta.Date.IsZero() {
		*diags = append(*diags, Diag(RuleFrontMatter, p.Pos("date"), "a decision needs a date"))
	}
	if p.Title == "" {
		p.Title = firstHeading(p.Body)
	}
	if p.Title == "" {
		p.Title = humanize(strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path)))
		if p.List {
			p.Title = humanize(path.Base(path.Dir(p.Path)))
		} else if !p.brokenFrontMatter {
			d := Diag(RuleFrontMatter, p.Pos("title"), fmt.Sprintf("page has no title: it is titled %q after its file; add title: to the front matter or start with a # heading", p.Title))
			d.Severity = Warning // MkDocs and Hugo title such a page after its file too
			*diags = append(*diags, d)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// firstHeading returns the text of the first ATX level-1 heading outside
// code fences, or else of the first heading of any level.
func firstHeading(body []byte) string {
	var code fences
	sub := ""
	for _, line := range bytes.Split(body, []byte("\n")) {
		t := strings.TrimLeft(string(line), " ")
		if len(string(line))-len(t) > 3 || code.skip(t) {
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return headingText(t[1:])
		}
		if sub == "" && strings.HasPrefix(t, "#") {
			if lvl := len(t) - len(strings.TrimLeft(t, "#")); lvl <= 6 && strings.HasPrefix(t[lvl:], " ") {
				sub = headingText(t[lvl:])
			}
		}
	}
	return sub // no level-1 heading: the first heading of any level
}

// closingHashes is the optional closing run of an ATX heading: after a space.
var closingHashes = regexp.MustCompile(`(^|[ \t]+)#+[ \t]*$`)

// headingText returns the text of an ATX heading's line as a title: the
// closing hashes, an attribute block ({#id}) and inline markup left out
// ("The `adr` command" → "The adr command").
func headingText(s string) string {
	s = strings.TrimSpace(closingHashes.ReplaceAllString(strings.TrimSpace(s), ""))
	s = strings.TrimSpace(headingAttrs.ReplaceAllString(s, ""))
	if strings.ContainsAny(s, "`*_[") {
		s = inlineLink.ReplaceAllString(s, "$1")
		s = strings.ReplaceAll(s, "`", "")
		s = emphasis.ReplaceAllString(s, "$2")
	}
	return strings.TrimSpace(s)
}

var (
	headingAttrs = regexp.MustCompile(`\s*\{[#.][^{}]*\}\s*$`)
	inlineLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	emphasis     = regexp.MustCompile(`(\*\*|__|\*)([^*_]+?)(\*\*|__|\*)`)
)

// fences follows the fenced code blocks of a Markdown text line by line.
type fences struct{ open string }

// skip reports whether line (its indentation trimmed) opens or closes a
// fenced code block or lies inside one.
func (f *fences) skip(line string) bool {
	if m := fenceOf(line); m != "" {
		if f.open == "" {
			f.open = m
		} else if strings.HasPrefix(line, f.open) {
			f.open = ""
		}
		return true
	}
	return f.open != ""
}

func fenceOf(line string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(line, f) {
			return f
		}
	}
	return ""
}

// humanize turns a file name into a title: "0001-use-git" → "0001 use git".
func humanize(name string) string {
	if name == "." || name == "" {
		return "Home"
	}
	s := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
