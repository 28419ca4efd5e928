package importer

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// mdLink finds inline links and images: its groups are the "!", the text
// and the destination.
var mdLink = regexp.MustCompile(`(!?)\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^)\s]+)([^)\n]*)\)`)

// relink rewrites, in every planned page, the relative links whose target
// the import moved (doc/adr/ is decisions/ now) and shows as text the
// links to files of the source it does not carry over (code, tests); a
// link to a file the source does not have either is left for the build
// to report, as a problem of the source.
func (p *plan) relink() {
	toSite := map[string]string{} // source file → site file
	dirs := map[string]string{}   // source folder → site folder
	for site, src := range p.origin {
		toSite[src] = site
		for s, d := path.Dir(src), path.Dir(site); ; s, d = path.Dir(s), path.Dir(d) {
			if _, ok := dirs[s]; !ok {
				dirs[s] = d
			}
			if s == "." || d == "." || path.Base(s) != path.Base(d) {
				break
			}
		}
	}
	for _, site := range sortedKeys(p.files) {
		src, ok := p.origin[site]
		if !ok || p.assets[site] || !isMarkdown(site) {
			continue
		}
		p.files[site] = p.relinkPage(site, src, p.files[site], toSite, dirs)
	}
}

// relinkPage rewrites the links of one page outside code blocks.
func (p *plan) relinkPage(site, src string, data []byte, toSite, dirs map[string]string) []byte {
	lines := strings.Split(string(data), "\n")
	fence := ""
	changed := false
	for i, l := range lines {
		t := strings.TrimLeft(l, " >")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			if fence == "" {
				fence = t[:3]
			} else if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.Contains(l, "](") {
			continue
		}
		nl := mdLink.ReplaceAllStringFunc(l, func(m string) string {
			g := mdLink.FindStringSubmatch(m)
			dest := strings.Trim(g[3], "<>")
			if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":") {
				return m
			}
			target, frag, _ := strings.Cut(dest, "#")
			target, _, _ = strings.Cut(target, "?")
			if u, err := url.PathUnescape(target); err == nil {
				target = u
			}
			from := path.Join(path.Dir(src), target)
			if strings.HasPrefix(from, "../") || from == ".." {
				return m // outside the source: the build reports it
			}
			to, found := toSite[from]
			if !found {
				to, found = dirs[from]
			}
			if !found {
				if _, err := fs.Stat(p.src, from); err != nil {
					return m // not in the source either: a problem of the source
				}
				p.lost = append(p.lost, fmt.Sprintf("%s:%d: link to %s, which is not part of the imported documentation, is shown as text", src, i+1, target))
				if g[1] == "!" {
					return g[2]
				}
				return g[2]
			}
			rel := relTo(path.Dir(site), to)
			if strings.HasSuffix(target, "/") && !strings.HasSuffix(rel, "/") {
				rel += "/"
			}
			if rel == target || path.Clean(rel) == path.Clean(target) {
				return m
			}
			if frag != "" {
				rel += "#" + frag
			}
			return g[1] + "[" + g[2] + "](" + rel + g[4] + ")"
		})
		if nl != l {
			lines[i], changed = nl, true
		}
	}
	if !changed {
		return data
	}
	return []byte(strings.Join(lines, "\n"))
}

// relTo returns the relative path from folder dir to the file or folder to.
func relTo(dir, to string) string {
	a := strings.Split(dir, "/")
	b := strings.Split(to, "/")
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	out := strings.Repeat("../", len(a)-i) + strings.Join(b[i:], "/")
	if out == "" {
		return "./"
	}
	return out
}
