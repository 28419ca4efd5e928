package generator

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
	"github.com/handover-dev/handover/themes"
)

// theme is the parsed theme: one template set per layout, the UI labels of
// the site language and the assets to copy.
type theme struct {
	layouts map[string]*template.Template
	labels  map[string]string
	lang    string
	files   fs.FS // the merged theme: site files over the built-in ones
	// ownPrint is set when the site has its own print layout, which may
	// show a page's body more than once.
	ownPrint bool
}

// overlay reads a file from the site's theme folder first, then the built-in theme.
type overlay struct {
	site fs.FS // may be nil
	base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.site != nil {
		// Only regular files: a FIFO in a theme must not hang the build.
		if fi, err := fs.Stat(o.site, name); err == nil && (fi.Mode().IsRegular() || fi.IsDir()) {
			if f, err := o.site.Open(name); err == nil {
				return f, nil
			}
		}
	}
	return o.base.Open(name)
}

// list returns the files under dir in both layers, sorted and without repeats.
func (o overlay) list(dir string) []string {
	seen := map[string]bool{}
	for _, layer := range []fs.FS{o.site, o.base} {
		if layer == nil {
			continue
		}
		_ = fs.WalkDir(layer, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
			}
			return nil
		})
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// loadTheme parses the templates of the theme the site names.
func loadTheme(site fs.FS, cfg content.Config) (*theme, error) {
	base, _ := fs.Sub(themes.Default, "default")
	o := overlay{base: base}
	name := cfg.Theme
	if name == "" {
		name = "default"
	}
	if sub, err := fs.Sub(site, path.Join("themes", name)); err == nil {
		if _, err := fs.Stat(sub, "."); err == nil {
			o.site = sub
		}
	}
	t := &theme{layouts: map[string]*template.Template{}, lang: cfg.Language, files: o}
	if o.site != nil {
		_, err := fs.Stat(o.site, "templates/layouts/print.html")
		t.ownPrint = err == nil
	}
	if err := t.loadLabels(o, cfg.Language); err != nil {
		return nil, err
	}
	common := template.New("").Funcs(funcs)
	var layouts []string
	for _, p := range o.list("templates") {
		src, err := fs.ReadFile(o, p)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if strings.HasPrefix(p, "templates/layouts/") {
			layouts = append(layouts, p)
			continue
		}
		if _, err := common.New(strings.TrimPrefix(p, "templates/")).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	for _, p := range layouts {
		src, _ := fs.ReadFile(o, p)
		set, err := common.Clone()
		if err == nil {
			_, err = set.New(p).Parse(string(src))
		}
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		t.layouts[strings.TrimSuffix(path.Base(p), ".html")] = set.Lookup("base.html")
	}
	if t.layouts["page"] == nil {
		return nil, fmt.Errorf("theme: templates/layouts/page.html is missing")
	}
	return t, nil
}

func (t *theme) loadLabels(o fs.FS, lang string) error {
	src, err := fs.ReadFile(o, "i18n/"+lang+".yaml")
	if err != nil {
		return fmt.Errorf("theme: no labels for language %q: %w", lang, err)
	}
	if err := yaml.Unmarshal(src, &t.labels); err != nil {
		return fmt.Errorf("theme: i18n/%s.yaml: %w", lang, err)
	}
	return nil
}

// layout returns the template set for a layout name, falling back to "page".
func (t *theme) layout(name string) *template.Template {
	if l := t.layouts[name]; l != nil {
		return l
	}
	return t.layouts["page"]
}

// label returns the UI text for key in the site language.
func (t *theme) label(key string) string {
	if s, ok := t.labels[key]; ok {
		return s
	}
	return key
}

var funcs = template.FuncMap{
	"join":        strings.Join,
	"pair":        func(a, b any) []any { return []any{a, b} },
	"mul":         func(a, b int) int { return a * b },
	"rev5":        func() []int { return []int{5, 4, 3, 2, 1} },
	"deref":       func(b *bool) bool { return b != nil && *b },
	"raciPeople":  vw.RACIPeople,
	"raciLetters": vw.RACILetters,
	"add":         func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
}
