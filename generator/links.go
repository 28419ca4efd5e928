package generator

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/render"
)

// linkResult is the outcome of resolving one link destination.
type linkResult struct {
	href     string // rewritten destination; "" drops the link
	target   built.Target
	external bool
	problem  string // why the link is broken, "" when fine
	rule     string
}

var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true, "sftp": true,
	"news": true, "irc": true, "xmpp": true, "sip": true, "msteams": true, "teams": true, "notes": true, "smb": true}

// resolveLink turns a destination written in page from into its href in the
// output, which is relative to the output folder of from.
func (b *builder) resolveLink(from *content.Page, dest string) linkResult {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		return linkResult{href: ""}
	}
	if scheme := content.LinkScheme(dest); scheme != "" {
		if safeSchemes[scheme] {
			return linkResult{href: dest, external: true}
		}
		return linkResult{problem: "link with scheme " + scheme + ": is not allowed and was removed", rule: "broken-link"}
	}
	if strings.HasPrefix(dest, "//") {
		return linkResult{href: dest, external: true}
	}
	raw, frag, _ := strings.Cut(dest, "#")
	raw, _, _ = strings.Cut(raw, "?")
	p, err := url.PathUnescape(raw)
	if err != nil {
		p = raw
	}
	if strings.ContainsAny(p, "\x00\\") {
		return linkResult{problem: "link target " + quote(dest) + " is not a valid path", rule: "broken-link"}
	}
	if p == "" { // "#anchor" on the same page
		frag = b.anchorFor(from, frag)
		return linkResult{href: "#" + frag, target: built.Target{Page: from, Out: pageOut(from), Anchor: frag}}
	}
	t, problem := b.find(from, p)
	if problem != "" {
		return linkResult{problem: problem, rule: "broken-link"}
	}
	if t.Page != nil && frag != "" {
		frag = b.anchorFor(t.Page, frag)
	}
	t.Anchor = frag
	href := relPath(from.URL, t.Out)
	if frag != "" {
		href += "#" + frag
	}
	return linkResult{href: href, target: t}
}

// find locates the page or file a path in a link names: relative to the
// page's source file, or site-absolute from the content root.
func (b *builder) find(from *content.Page, p string) (built.Target, string) {
	var rel string // relative to the site root
	contentDir := b.site.ContentDir
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(path.Join(contentDir, p))
	} else {
		rel = path.Join(path.Dir(from.File), p)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return built.Target{}, "link " + quote(p) + " leaves the site"
	}
	// A link to a Markdown file or folder in the content tree.
	cp := rel
	if contentDir != "." {
		if rel == contentDir {
			cp = "."
		} else if c, ok := strings.CutPrefix(rel, contentDir+"/"); ok {
			cp = c
		} else {
			cp = ""
		}
	}
	if cp != "" {
		for _, cand := range []string{cp, cp + "/_index.md", cp + ".md", cp + "/index.md", cp + "/README.md"} {
			cand = strings.TrimPrefix(cand, "./")
			if pg := b.site.PageByPath(cand); pg != nil {
				return built.Target{Page: pg, Out: pageOut(pg)}, ""
			}
		}
		if out := content.StaticPath(cp); b.site.HasStatic(out) {
			return built.Target{Out: out}, ""
		}
		if b.isSection(cp) {
			return built.Target{Out: content.URLOf(cp+"/_index.md") + "index.html"}, ""
		}
	}
	if rest, ok := strings.CutPrefix(rel, "static/"); ok {
		if out := content.StaticPath(rest); b.site.HasStatic(out) {
			return built.Target{Out: out}, ""
		}
	}
	// A site-absolute link to an output path ("/people/", "/commitment.pdf").
	if strings.HasPrefix(p, "/") {
		out := strings.TrimPrefix(path.Clean(p), "/")
		if b.site.HasStatic(out) || b.outputs[out] {
			return built.Target{Out: out}, ""
		}
		if b.outputs[out+"/index.html"] {
			return built.Target{Out: out + "/index.html"}, ""
		}
	}
	return built.Target{}, "link to " + quote(p) + " points to no page or file"
}

// isSection reports whether dir (under the content root) is a folder with pages.
func (b *builder) isSection(dir string) bool {
	return b.sections[strings.Trim(dir, "/")] != nil
}

// pageOut returns the output file of a page.
func pageOut(p *content.Page) string { return p.URL + "index.html" }

// relPath returns the href from a page in folder fromDir (a URL ending in
// '/', or "" for the root) to the output path to, percent-encoded.
func relPath(fromDir, to string) string {
	from := strings.Split(strings.TrimSuffix(fromDir, "/"), "/")
	if fromDir == "" {
		from = nil
	}
	dst := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(dst)-1 && from[i] == dst[i] {
		i++
	}
	var sb strings.Builder
	for range from[i:] {
		sb.WriteString("../")
	}
	sb.WriteString(strings.Join(dst[i:], "/"))
	return (&url.URL{Path: sb.String()}).EscapedPath()
}

// rootOf returns the relative path from a page folder to the site root.
func rootOf(dir string) string {
	n := strings.Count(dir, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

func quote(s string) string { return `"` + s + `"` }

// scanHeadings notes, before any body is rendered, the heading ids of
// every page and whether any page has a Mermaid diagram: a link written
// for GitHub or GitLab (#failoverswitchover, #Context) is rewritten to the
// id handover gives the heading (#failover-switchover, #context) while its
// page is rendered, before the target page is. The ids are those goldmark
// makes (render.HeadingIDs, from the heading's last source line); where this scan
// of the Markdown and goldmark disagree, the anchor check after rendering
// still reports the link.
func (b *builder) scanHeadings() {
	pages := b.site.Pages
	ids := make([]string, len(pages))
	diagram, callout := make([]bool, len(pages)), make([]bool, len(pages))
	_ = parallel(context.Background(), len(pages), func(i int) error {
		ids[i], diagram[i], callout[i] = headingIDsOf(pages[i].Body)
		return nil
	})
	f := b.facts()
	f.headings = make(map[string]string, len(pages))
	for i, p := range pages {
		if ids[i] != "" {
			f.headings[p.Path] = ids[i]
		}
		f.diagrams = f.diagrams || diagram[i]
		f.callouts = f.callouts || callout[i]
	}
}

// headingIDsOf returns the heading ids of a Markdown body, each followed
// by NUL, whether it has a fenced mermaid block and whether a line may
// open a callout.
func headingIDsOf(body []byte) (ids string, diagram, callout bool) {
	gen := render.NewHeadingIDs()
	var out strings.Builder
	var fence string
	prev := "" // the previous line, when it may be a setext heading's text
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		t := strings.TrimLeft(string(line), " ")
		if len(line)-len(t) > 3 {
			prev = ""
			continue
		}
		for strings.HasPrefix(t, ">") {
			t = strings.TrimLeft(t[1:], " ")
		}
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			n := len(t) - len(strings.TrimLeft(t, t[:1]))
			fence = strings.Repeat(t[:1], n)
			info := strings.ToLower(strings.TrimSpace(t[n:]))
			diagram = diagram || info == "mermaid" || strings.HasPrefix(info, "mermaid ") || strings.HasPrefix(info, "{mermaid")
			prev = ""
			continue
		}
		callout = callout || render.MayHaveCallout(t)
		switch {
		case strings.HasPrefix(t, "#"):
			lvl := len(t) - len(strings.TrimLeft(t, "#"))
			if lvl <= 6 && (len(t) == lvl || t[lvl] == ' ' || t[lvl] == '\t') {
				out.WriteString(headingID(gen, closingHashes(strings.TrimSpace(t[lvl:]))))
				out.WriteByte(0)
				prev = ""
				continue
			}
		case prev != "" && (strings.Trim(t, "= \t") == "" || strings.Trim(t, "- \t") == "") && strings.TrimSpace(t) != "":
			out.WriteString(headingID(gen, prev))
			out.WriteByte(0)
			prev = ""
			continue
		}
		prev = ""
		if s := strings.TrimSpace(t); s != "" && !strings.ContainsAny(s[:1], "-*+|<") && !startsList(s) {
			prev = s
		}
	}
	return out.String(), diagram, callout
}

// headingID returns the id goldmark gives a heading whose last line is
// text: an explicit {#id}, or one made by gen.
func headingID(gen *render.HeadingIDs, text string) string {
	if m := explicitID.FindStringSubmatch(text); m != nil {
		gen.Put([]byte(m[1]))
		return m[1]
	}
	return string(gen.Generate([]byte(attrBlock.ReplaceAllString(text, "")), ast.KindHeading))
}

var (
	explicitID = regexp.MustCompile(`\{[^{}]*#([^\s{}.#]+)[^{}]*\}\s*$`)
	attrBlock  = regexp.MustCompile(`\s*\{[^{}]*\}\s*$`)
	trailHash  = regexp.MustCompile(`(^|[ \t]+)#+[ \t]*$`)
)

func closingHashes(s string) string { return strings.TrimSpace(trailHash.ReplaceAllString(s, "")) }

// startsList reports whether s starts with an ordered list marker.
func startsList(s string) bool {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')')
}

// anchorFor returns the id of the heading of page t that anchor a names:
// a itself when t has it, else the heading whose id a matches as GitHub
// and GitLab match them (case, diacritics and punctuation aside:
// #failoverswitchover, #Failover-Switchover and #failover-switchover are
// one), else a, which the anchor check reports.
func (b *builder) anchorFor(t *content.Page, a string) string {
	ids := b.facts().headings[t.Path]
	if ids == "" || strings.HasPrefix(ids, a+"\x00") || strings.Contains(ids, "\x00"+a+"\x00") {
		return a
	}
	want := foldAnchor(a)
	if want == "" {
		return a
	}
	for ids != "" {
		id, rest, _ := strings.Cut(ids, "\x00")
		if foldAnchor(id) == want {
			return id
		}
		ids = rest
	}
	return a
}

// foldAnchor reduces an anchor to what GitHub, GitLab and handover agree
// on: its letters and digits, lower case, without diacritics.
func foldAnchor(a string) string {
	if u, err := url.PathUnescape(a); err == nil {
		a = u
	}
	return strings.NewReplacer("-", "", "_", "").Replace(content.Anchor(a))
}
