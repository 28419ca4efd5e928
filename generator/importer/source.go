package importer

import (
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kinds are the kinds of source Import reads, as --from names them.
var Kinds = []string{"mkdocs", "docusaurus", "hugo", "jekyll", "wiki", "adr-tools", "madr", "log4brains"}

// source is what Import knows of the tree it reads: its kind, the folder
// whose Markdown becomes the site's content, the decision logs in it, and
// what its configuration says of titles, order and language.
type source struct {
	kind      string
	root      string            // folder of the pages ("docs", "content", "."), slash path in SRC
	static    string            // folder of files served at the site root (Docusaurus "static"), or ""
	decisions []string          // folders (slash paths in SRC) whose records become decisions/
	titles    map[string]string // page file (slash path in SRC) → title from the nav or sidebar
	weights   map[string]int    // page file → order from the nav
	title     string            // the site's title
	language  string            // "nl" or "en" when the configuration says so
	docsBase  string            // the URL path the pages are served under (Docusaurus: "docs"), which links may start with
	extra     []string          // more folders of pages (Docusaurus' other docs instances), imported under their own name
	notes     []string          // what the configuration has that handover does not carry over
}

// detect returns the kind of the tree in fsys: from its configuration
// files, else from the shape of its decision log, else "wiki" (a folder
// of Markdown).
func detect(fsys fs.FS) string {
	has := func(names ...string) bool {
		for _, n := range names {
			if _, err := fs.Stat(fsys, n); err == nil {
				return true
			}
		}
		return false
	}
	switch {
	case has("mkdocs.yml", "mkdocs.yaml"):
		return "mkdocs"
	case has("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"):
		return "docusaurus"
	case has(".log4brains.yml", ".log4brains.yaml"):
		return "log4brains"
	case has("hugo.toml", "hugo.yaml", "hugo.json") || has("config.toml", "config.yaml") && has("content"):
		return "hugo"
	case has(".adr-dir", "doc/adr", "docs/adr", "doc/architecture/decisions", "docs/architecture/decisions") && adrToolsShape(fsys):
		return "adr-tools"
	case has("docs/decisions", "docs/adr", "doc/adr", "decisions", "adr"):
		return "madr"
	case has("_config.yml", "_config.yaml", "docs/_config.yml", "docs/_config.yaml"):
		return "jekyll" // GitHub Pages builds docs/ as readily as the root
	}
	return "wiki"
}

// adrToolsShape reports whether the decision log has adr-tools' "## Status"
// sections rather than MADR's front matter.
func adrToolsShape(fsys fs.FS) bool {
	for _, dir := range decisionDirs(fsys, "adr-tools") {
		entries, _ := fs.ReadDir(fsys, dir)
		for _, e := range entries {
			if !isRecordFile(e.Name()) {
				continue
			}
			data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
			if err == nil && statusSection.Match(data) {
				return true
			}
		}
	}
	return false
}

// statusSection is adr-tools' "## Status" heading.
var statusSection = regexp.MustCompile(`(?m)^##\s+Status\s*$`)

var numbered = regexp.MustCompile(`^(?:[0-9]{1,6}|[0-9]{8})[-_ ].+\.(md|markdown)$`)

// isRecordFile reports whether a file name is that of a record: numbered
// (0001-use-x.md, as adr-tools and MADR name them) or dated
// (20200924-use-x.md, as log4brains does).
func isRecordFile(name string) bool { return numbered.MatchString(strings.ToLower(name)) }

// decisionDirs returns the decision log folders of the tree, as the tools
// of kind keep them.
func decisionDirs(fsys fs.FS, kind string) []string {
	var cands []string
	if data, err := fs.ReadFile(fsys, ".adr-dir"); err == nil {
		cands = append(cands, strings.TrimSpace(string(data)))
	}
	if kind == "log4brains" {
		if data, err := fs.ReadFile(fsys, ".log4brains.yml"); err == nil {
			// the project's log, then each package's
			for _, m := range regexp.MustCompile(`(?m)^\s*adrFolder:\s*["']?([^"'\n]+)`).FindAllSubmatch(data, -1) {
				cands = append(cands, strings.TrimPrefix(strings.TrimSpace(string(m[1])), "./"))
			}
		}
	}
	cands = append(cands, "doc/adr", "docs/adr", "docs/decisions", "doc/decisions", "docs/architecture/decisions",
		"doc/architecture/decisions", "docs/architecture-decisions", "adr", "decisions", "docs/adrs", "adrs")
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		c = path.Clean(c)
		if seen[c] {
			continue
		}
		seen[c] = true
		if fi, err := fs.Stat(fsys, c); err == nil && fi.IsDir() && hasRecords(fsys, c) {
			out = append(out, c)
		}
	}
	return out
}

// hasRecords reports whether dir holds a numbered Markdown record.
func hasRecords(fsys fs.FS, dir string) bool {
	entries, _ := fs.ReadDir(fsys, dir)
	for _, e := range entries {
		if !e.IsDir() && isRecordFile(e.Name()) {
			return true
		}
	}
	return false
}

// readSource reads the configuration of a tree of kind.
func readSource(fsys fs.FS, kind string) *source {
	s := &source{kind: kind, root: ".", titles: map[string]string{}, weights: map[string]int{}}
	switch kind {
	case "mkdocs":
		s.root = "docs"
		s.readMkDocs(fsys)
	case "docusaurus":
		s.root, s.static, s.docsBase = "docs", "static", "docs"
		s.readRouteBases(fsys)
		s.title = configString(fsys, []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"}, `(?m)^\s*title:\s*['"]([^'"]+)['"]`)
		if loc := configString(fsys, []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"}, `defaultLocale:\s*['"]([a-zA-Z-]+)['"]`); loc != "" {
			s.language = loc
		}
	case "hugo":
		s.root, s.static = "content", "static"
		files := []string{"hugo.toml", "config.toml", "hugo.yaml", "config.yaml"}
		s.title = configString(fsys, files, `(?m)^\s*title\s*[:=]\s*['"]?([^'"\n]+)['"]?`)
		s.language = configString(fsys, files, `(?m)^\s*(?:languageCode|defaultContentLanguage)\s*[:=]\s*['"]?([a-zA-Z-]+)`)
		// a multilingual site keeps each language's pages in its own
		// contentDir (content/en, content/nl): the default language's
		// are the site, the others are noted
		if dir := configString(fsys, files, `(?m)^contentDir\s*[:=]\s*['"]?([^'"\n#]+)`); dir != "" {
			dir = path.Clean(strings.TrimPrefix(strings.TrimSpace(dir), "./"))
			if fi, err := fs.Stat(fsys, dir); err == nil && fi.IsDir() && fs.ValidPath(dir) {
				s.root = dir
			}
		}
		for _, m := range regexp.MustCompile(`(?m)^\s+contentDir\s*[:=]\s*['"]?([^'"\n#]+)`).FindAllStringSubmatch(configText(fsys, files), -1) {
			if dir := path.Clean(strings.TrimPrefix(strings.TrimSpace(m[1]), "./")); dir != s.root {
				s.notes = append(s.notes, "the pages of another language, in "+dir+", are not imported: a handover site has one language")
			}
		}
	case "jekyll":
		files := []string{"_config.yml", "_config.yaml"}
		if !has(fsys, files...) && has(fsys, "docs/_config.yml", "docs/_config.yaml") {
			s.root, files = "docs", []string{"docs/_config.yml", "docs/_config.yaml"}
		}
		s.title = configString(fsys, files, `(?m)^title:\s*['"]?([^'"\n]+)['"]?`)
		s.language = configString(fsys, files, `(?m)^(?:lang|locale):\s*['"]?([a-zA-Z-]+)`)
	case "madr", "log4brains", "adr-tools":
		if kind == "madr" {
			s.title = configString(fsys, []string{"docs/_config.yml", "_config.yml"}, `(?m)^title:\s*['"]?([^'"\n]+)['"]?`)
		}
	}
	if fi, err := fs.Stat(fsys, s.root); err != nil || !fi.IsDir() {
		s.root = "."
	}
	if s.static != "" {
		if fi, err := fs.Stat(fsys, s.static); err != nil || !fi.IsDir() {
			s.static = ""
		}
	}
	s.decisions = decisionDirs(fsys, kind)
	if s.root != "." { // a decision log outside the pages' folder is imported too
		kept := s.decisions[:0]
		for _, d := range s.decisions {
			if d == s.root || strings.HasPrefix(d, s.root+"/") || kind == "adr-tools" || kind == "madr" || kind == "log4brains" {
				kept = append(kept, d)
			}
		}
		s.decisions = kept
	}
	if strings.HasPrefix(strings.ToLower(s.language), "nl") {
		s.language = "nl"
	} else if s.language != "" {
		s.language = "en"
	}
	return s
}

// has reports whether the tree has one of names.
func has(fsys fs.FS, names ...string) bool {
	for _, n := range names {
		if _, err := fs.Stat(fsys, n); err == nil {
			return true
		}
	}
	return false
}

// configText returns the first of files the tree has, or "".
func configText(fsys fs.FS, files []string) string {
	for _, f := range files {
		if data, err := fs.ReadFile(fsys, f); err == nil {
			return string(data)
		}
	}
	return ""
}

// configString returns the first match of re in the first of files that has one.
func configString(fsys fs.FS, files []string, re string) string {
	r := regexp.MustCompile(re)
	for _, f := range files {
		if data, err := fs.ReadFile(fsys, f); err == nil {
			if m := r.FindSubmatch(data); m != nil {
				return strings.TrimSpace(string(m[1]))
			}
		}
	}
	return ""
}

// readMkDocs reads mkdocs.yml: docs_dir, site_name, theme.language and the
// nav, whose titles become the pages' titles and whose order their weight.
func (s *source) readMkDocs(fsys fs.FS) {
	data, err := fs.ReadFile(fsys, "mkdocs.yml")
	if err != nil {
		data, err = fs.ReadFile(fsys, "mkdocs.yaml")
	}
	if err != nil {
		return
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		s.notes = append(s.notes, "mkdocs.yml could not be read as YAML (it may use !!python tags); titles come from the pages")
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		switch k {
		case "docs_dir":
			s.root = strings.Trim(path.Clean(v.Value), "/")
		case "site_name":
			s.title = v.Value
		case "theme":
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value == "language" || v.Content[j].Value == "locale" {
					s.language = v.Content[j+1].Value
				}
			}
		case "nav", "pages":
			s.readNav(v)
		case "plugins", "markdown_extensions", "extra_css", "extra_javascript", "theme_dir", "extra":
			s.notes = append(s.notes, "mkdocs.yml "+k+" is not carried over: handover has its own theme and Markdown extensions")
		}
	}
	sort.Strings(s.notes)
}

// readNav walks an MkDocs nav: "file.md", {Title: file.md} and
// {Section: [items]}.
func (s *source) readNav(n *yaml.Node) {
	order := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, item := range n.Content {
			switch item.Kind {
			case yaml.ScalarNode:
				order++
				s.weights[s.navFile(item.Value)] = order
			case yaml.MappingNode:
				for j := 0; j+1 < len(item.Content); j += 2 {
					title, v := item.Content[j].Value, item.Content[j+1]
					if v.Kind == yaml.SequenceNode {
						walk(v)
						continue
					}
					if strings.Contains(v.Value, "://") {
						continue // an external link in the nav
					}
					order++
					f := s.navFile(v.Value)
					s.titles[f], s.weights[f] = title, order
				}
			}
		}
	}
	walk(n)
}

// navFile is the key of a nav entry: the file's path under the docs folder.
func (s *source) navFile(p string) string { return path.Clean(strings.TrimPrefix(p, "/")) }

// readRouteBases reads the URL paths of Docusaurus' docs instances: the one
// whose folder the source has beside docs/ (communities/) is imported under
// its name, where links to it (/communities/x) find it; another is the
// path of docs/ itself (routeBasePath: "kennisbank").
func (s *source) readRouteBases(fsys fs.FS) {
	re := regexp.MustCompile(`routeBasePath:\s*['"]([^'"]*)['"]`)
	for _, f := range []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"} {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			continue
		}
		for _, m := range re.FindAllSubmatch(data, -1) {
			base := strings.Trim(string(m[1]), "/")
			if fi, err := fs.Stat(fsys, base); err == nil && fi.IsDir() && base != "docs" && base != "" {
				s.extra = append(s.extra, base)
			} else {
				s.docsBase = base
			}
		}
	}
}
