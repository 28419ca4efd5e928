package importer

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
)

// plan is the site an import writes, made in memory before any file is.
type plan struct {
	src     fs.FS
	source  *source
	exclude string // the site folder, when it is inside the source

	files  map[string][]byte // site path → bytes
	assets map[string]bool   // site paths that are attachments, not pages
	origin map[string]string // site path → source path
	people map[string]string // person id → name (the deciders)
	lost   []string          // what could not be carried over, "path:line: what"
	dutch  int               // words of the pages that are Dutch rather than English
}

// skipDirs are folders of other tools that hold no documentation.
var skipDirs = map[string]bool{"node_modules": true, "vendor": true, "site": true, "_site": true, "public": true,
	"build": true, "resources": false, ".git": true, "venv": true, ".venv": true, "__pycache__": true}

// collect plans every page, record and attachment of the source.
func (p *plan) collect() error {
	p.assets = map[string]bool{}
	s := p.source
	roots := []string{s.root}
	if s.root != "." {
		roots = append(append(roots, s.extra...), s.decisions...)
	}
	seen := map[string]bool{}
	var records []string
	for _, root := range roots {
		err := fs.WalkDir(p.src, root, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if f != root && (strings.HasPrefix(name, ".") || d.IsDir() && (skipDirs[name] || f == p.exclude || f == s.static) ||
				d.IsDir() && strings.HasPrefix(name, "_") && s.kind == "jekyll" && f != "_posts") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || seen[f] || !d.Type().IsRegular() {
				return nil
			}
			seen[f] = true
			switch {
			case p.inDecisions(f) && isMarkdown(f):
				records = append(records, f)
			case isMarkdown(f) || strings.EqualFold(path.Ext(f), ".mdx"):
				p.page(f)
			case s.root != "." && root != "." && !p.inDecisions(f) || content.IsAsset(f):
				p.asset(f, "content/"+p.sitePath(f))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if s.static != "" {
		_ = fs.WalkDir(p.src, s.static, func(f string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				p.asset(f, "static/"+trimDir(f, s.static))
			}
			return nil
		})
	}
	p.records(records)
	p.folderPages()
	p.relink()
	return nil
}

// inDecisions reports whether f is in one of the source's decision logs.
func (p *plan) inDecisions(f string) bool {
	for _, d := range p.source.decisions {
		if hasPrefixDir(f, d) {
			return true
		}
	}
	return false
}

// sitePath returns the path under content/ of a source file: under the
// pages' folder as it is there, a decision log's files under decisions/.
func (p *plan) sitePath(f string) string {
	for _, d := range p.source.decisions {
		if hasPrefixDir(f, d) {
			return path.Join("decisions", trimDir(f, d))
		}
	}
	for _, x := range p.source.extra {
		if hasPrefixDir(f, x) {
			return f // an other docs instance: under its own name
		}
	}
	rel := trimDir(f, p.source.root)
	if p.source.kind == "wiki" && strings.EqualFold(rel, "Home.md") {
		return "_index.md"
	}
	return rel
}

// asset plans an attachment.
func (p *plan) asset(f, to string) {
	data, err := fs.ReadFile(p.src, f)
	if err != nil {
		p.lost = append(p.lost, fmt.Sprintf("%s: cannot read: %v", f, err))
		return
	}
	p.files[to], p.assets[to], p.origin[to] = data, true, f
}

// integer is a weight as the other tools write it.
var integer = regexp.MustCompile(`^-?[0-9]+$`)

// page plans one Markdown page.
func (p *plan) page(f string) {
	data, err := fs.ReadFile(p.src, f)
	if err != nil {
		p.lost = append(p.lost, fmt.Sprintf("%s: cannot read: %v", f, err))
		return
	}
	rel := p.sitePath(f)
	if content.IsTemplate(path.Base(f)) && isMarkdown(f) {
		p.template(f, rel, data)
		return
	}
	if strings.EqualFold(path.Ext(rel), ".mdx") {
		rel = strings.TrimSuffix(rel, path.Ext(rel)) + ".md"
		data = p.stripMDX(f, data)
	}
	if p.source.kind == "hugo" {
		data = p.hugoShortcodes(f, data)
	}
	if p.source.kind == "wiki" {
		base := path.Base(rel)
		if strings.HasPrefix(base, "_") && base != "_index.md" { // _Sidebar.md, _Footer.md
			p.lost = append(p.lost, f+": the wiki's "+strings.TrimSuffix(base, path.Ext(base))+" is not carried over: handover makes its own navigation")
			return
		}
		data = wikiLinks.ReplaceAllFunc(data, wikiLink)
	}
	fm, body := splitFront(data)
	p.countWords(body)
	m := newFront(fm)
	for _, key := range m.dayFirstDates() {
		p.lost = append(p.lost, fmt.Sprintf("%s: %s was written day first; it is %s now", f, key, m.str(key)))
	}
	if t := m.str("type"); t != "" {
		if _, ok := content.ParseKind(t); !ok {
			// Hugo's layout type ("docs", "blog"), Jekyll's: not a page type
			m.drop("type")
			p.lost = append(p.lost, fmt.Sprintf("%s: type %q is the other tool's layout, not a handover page type: dropped", f, t))
		}
	}
	if t := p.titleOf(f, m, body); t != "" && m.str("title") == "" {
		m.set("title", t)
	}
	for _, key := range []string{"sidebar_position", "nav_order", "weight"} {
		if w := m.str(key); w != "" && m.str("weight") == "" && integer.MatchString(w) {
			m.setRaw("weight", w)
		}
	}
	if w, ok := p.source.weights[trimDir(f, p.source.root)]; ok && m.str("weight") == "" {
		m.setRaw("weight", fmt.Sprint(w))
	}
	if base := p.source.docsBase; base != "" {
		// links to the pages' own URL path ("/docs/x", "/kennisbank/x") are site-absolute links to the content here
		body = regexp.MustCompile(`\]\(/`+regexp.QuoteMeta(base)+`(/|\))`).ReplaceAll(body, []byte("](/$1"))
	}
	to := "content/" + rel
	p.files[to], p.origin[to] = join(m, body), f
}

// titleOf returns the title a page gets: from the nav or the sidebar, else
// the one handover would take, else its file name (noted in the report).
func (p *plan) titleOf(f string, m *front, body []byte) string {
	if t := p.source.titles[trimDir(f, p.source.root)]; t != "" {
		return t
	}
	for _, key := range []string{"sidebar_label", "linkTitle", "nav_title"} {
		if t := m.str(key); t != "" {
			return t
		}
	}
	if m.str("title") != "" || firstHeading.Match(body) {
		return ""
	}
	if anyHeading.Match(body) {
		return "" // handover takes the first heading of any level
	}
	stem := strings.TrimSuffix(path.Base(f), path.Ext(f))
	if strings.EqualFold(stem, "index") || strings.EqualFold(stem, "readme") || stem == "_index" {
		return "" // a folder's page is titled after its folder
	}
	t := strings.NewReplacer("-", " ", "_", " ").Replace(stem)
	t = strings.ToUpper(t[:1]) + t[1:]
	p.lost = append(p.lost, fmt.Sprintf("%s: has no title and no heading: titled %q after its file", f, t))
	return t
}

var (
	firstHeading = regexp.MustCompile(`(?m)^#[ \t]+\S`)
	anyHeading   = regexp.MustCompile(`(?m)^#{1,6}[ \t]+\S`)
	mdxLine      = regexp.MustCompile(`^(import|export)\s`)
	wikiLinks    = regexp.MustCompile(`\[\[([^\]|]+)(?:\|([^\]]+))?\]\]`)
	nlWords      = regexp.MustCompile(`\b(de|het|een|van|niet|zijn|wordt|voor|naar|ook|bij|worden)\b`)
	enWords      = regexp.MustCompile(`\b(the|and|of|is|not|are|for|with|this|that|be|to)\b`)
)

// stripMDX leaves out the import and export lines of an MDX file, which
// Markdown would show as text, and notes each.
func (p *plan) stripMDX(f string, data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	out := lines[:0]
	fence := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			if fence == "" {
				fence = t[:3]
			} else if strings.HasPrefix(t, fence) {
				fence = ""
			}
		}
		if fence == "" && l == strings.TrimLeft(l, " \t") && mdxLine.MatchString(l) {
			p.lost = append(p.lost, fmt.Sprintf("%s:%d: MDX %s line left out: %s", f, i+1, strings.Fields(l)[0], truncate(t, 80)))
			continue
		}
		out = append(out, l)
	}
	p.lost = append(p.lost, f+": MDX file imported as Markdown: JSX components in it are raw HTML, which handover leaves out")
	return []byte(strings.Join(out, "\n"))
}

// wikiLink turns a wiki link [[Page Name]] or [[Page Name|text]] into a
// Markdown link to Page-Name.md.
func wikiLink(m []byte) []byte {
	sub := wikiLinks.FindSubmatch(m)
	target, text := strings.TrimSpace(string(sub[1])), strings.TrimSpace(string(sub[2]))
	if text == "" {
		text = target
	}
	anchor := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, anchor = target[:i], target[i:]
	}
	file := strings.ReplaceAll(target, " ", "-") + ".md"
	if target == "" {
		file = ""
	}
	return []byte("[" + text + "](" + file + anchor + ")")
}

// countWords adds the evidence of a page's language.
func (p *plan) countWords(body []byte) {
	if len(body) > 20000 {
		body = body[:20000]
	}
	low := []byte(strings.ToLower(string(body)))
	p.dutch += len(nlWords.FindAllIndex(low, -1)) - len(enWords.FindAllIndex(low, -1))
}

// folderPages keeps one page per folder: of index.md and README.md (and
// _index.md) the one handover takes, the others renamed so that each stays
// a page.
func (p *plan) folderPages() {
	byDir := map[string][]string{}
	for name := range p.files {
		if !strings.HasPrefix(name, "content/") || p.assets[name] || !isMarkdown(name) {
			continue
		}
		stem := strings.ToLower(strings.TrimSuffix(path.Base(name), path.Ext(name)))
		if stem == "index" || stem == "readme" || stem == "_index" || stem == "index.html" {
			byDir[path.Dir(name)] = append(byDir[path.Dir(name)], name)
		}
	}
	rank := map[string]int{"_index": 0, "index": 1, "index.html": 2, "readme": 3}
	for _, dir := range sortedKeys(byDir) {
		names := byDir[dir]
		if len(names) < 2 {
			continue
		}
		sort.Slice(names, func(i, j int) bool {
			a := strings.ToLower(strings.TrimSuffix(path.Base(names[i]), path.Ext(names[i])))
			b := strings.ToLower(strings.TrimSuffix(path.Base(names[j]), path.Ext(names[j])))
			return rank[a] < rank[b] || rank[a] == rank[b] && names[i] < names[j]
		})
		for _, name := range names[1:] {
			stem := strings.ToLower(strings.TrimSuffix(path.Base(name), path.Ext(name)))
			to := path.Join(dir, "about-"+strings.Trim(stem, "_")+".md")
			// a page about the folder, not one of its kind (a README
			// beside a decision log's index is no decision)
			fm, body := splitFront(p.files[name])
			m := newFront(fm)
			m.set("type", "page")
			p.files[to], p.origin[to] = join(m, body), p.origin[name]
			delete(p.files, name)
			delete(p.origin, name)
			p.lost = append(p.lost, fmt.Sprintf("%s: %s is this folder's page, so this one is %s", p.origin[to], path.Base(names[0]), strings.TrimPrefix(to, "content/")))
		}
	}
}

// writeConfig plans handover.yaml and people.yaml.
func (p *plan) writeConfig() {
	s := p.source
	lang := s.language
	if lang == "" {
		lang = "en"
		if p.dutch > 0 {
			lang = "nl"
		}
	}
	title := s.title
	if title == "" {
		title = "Imported documentation"
		if lang == "nl" {
			title = "Geïmporteerde documentatie"
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by handover import from a %s source; edit freely.\n", s.kind)
	fmt.Fprintf(&b, "title: %s\nlanguage: %s\n", yamlString(title), lang)
	p.files["handover.yaml"] = []byte(b.String())
	if len(p.people) == 0 {
		return
	}
	b.Reset()
	b.WriteString("# The deciders of the imported decisions; add their roles, e-mail and phone.\npeople:\n")
	for _, id := range sortedKeys(p.people) {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n", yamlString(id), yamlString(p.people[id]))
	}
	p.files["people.yaml"] = []byte(b.String())
}

// yamlString quotes s for YAML when it needs it.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[]&*!|>'\"%@`,") || strings.TrimSpace(s) != s || s == "true" || s == "false" || s == "null" || s == "yes" || s == "no" {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// template plans a template for new pages or records as a page that shows
// its source: placeholders such as {YYYY-MM-DD} are not front matter
// handover could read, and the template is there to be copied.
func (p *plan) template(f, rel string, data []byte) {
	fence := "```"
	for strings.Contains(string(data), fence) {
		fence += "`"
	}
	title := strings.TrimSuffix(path.Base(f), path.Ext(f))
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\n", yamlString("Template: "+title))
	fmt.Fprintf(&b, "The template %s, as written:\n\n%smarkdown\n%s\n%s\n", code(path.Base(f)), fence, strings.TrimRight(string(data), "\n"), fence)
	to := "content/" + rel
	p.files[to], p.origin[to] = []byte(b.String()), f
}
