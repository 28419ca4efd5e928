package generator

import (
	"net/url"
	"path"
	"strings"

	"github.com/handover-dev/handover/content"
)

// target is where a link in the content points once resolved.
type target struct {
	Page   *content.Page // nil for a static file or an external URL
	Out    string        // output path relative to the site root ("x/index.html", "img/a.png")
	Anchor string
}

// linkResult is the outcome of resolving one link destination.
type linkResult struct {
	href     string // rewritten destination; "" drops the link
	target   target
	external bool
	problem  string // why the link is broken, "" when fine
	rule     string
}

// schemeOf returns the lower-case URL scheme of dest, ignoring the spaces,
// control characters and entities browsers ignore ("java\tscript:").
func schemeOf(dest string) string {
	var b strings.Builder
	for _, r := range dest {
		switch {
		case r == ':':
			return strings.ToLower(b.String())
		case r <= ' ' || r == 0x7f:
			continue
		case r == '/' || r == '?' || r == '#':
			return ""
		}
		b.WriteRune(r)
	}
	return ""
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
	if scheme := schemeOf(dest); scheme != "" {
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
		return linkResult{href: "#" + frag, target: target{Page: from, Out: pageOut(from), Anchor: frag}}
	}
	t, problem := b.find(from, p)
	if problem != "" {
		return linkResult{problem: problem, rule: "broken-link"}
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
func (b *builder) find(from *content.Page, p string) (target, string) {
	var rel string // relative to the site root
	contentDir := b.site.ContentDir
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(path.Join(contentDir, p))
	} else {
		rel = path.Join(path.Dir(from.File), p)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return target{}, "link " + quote(p) + " leaves the site"
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
				return target{Page: pg, Out: pageOut(pg)}, ""
			}
		}
		if out := content.StaticPath(cp); b.site.HasStatic(out) {
			return target{Out: out}, ""
		}
		if b.isSection(cp) {
			return target{Out: content.URLOf(cp+"/_index.md") + "index.html"}, ""
		}
	}
	if rest, ok := strings.CutPrefix(rel, "static/"); ok {
		if out := content.StaticPath(rest); b.site.HasStatic(out) {
			return target{Out: out}, ""
		}
	}
	// A site-absolute link to an output path ("/people/", "/commitment.pdf").
	if strings.HasPrefix(p, "/") {
		out := strings.TrimPrefix(path.Clean(p), "/")
		if b.site.HasStatic(out) || b.outputs[out] {
			return target{Out: out}, ""
		}
		if b.outputs[out+"/index.html"] {
			return target{Out: out + "/index.html"}, ""
		}
	}
	return target{}, "link to " + quote(p) + " points to no page or file"
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
