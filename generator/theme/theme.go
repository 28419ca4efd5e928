// Package theme is the stage of the pipeline that loads the site's theme:
// the built-in one with the site's own files over it, parsed into one
// template set per layout, with the UI labels of the site language. It may
// import content, the embedded themes, yaml and the standard library; never
// generator, check or view.
package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/themes"
)

// Theme is the parsed theme: one template set per layout, the UI labels of
// the site language and the assets to copy.
type Theme struct {
	Layouts map[string]*template.Template
	Labels  map[string]string
	Lang    string
	Files   fs.FS // the merged theme (an Overlay): site files over the built-in ones
	// OwnPrint is set when the site has its own print layout, which may
	// show a page's body more than once.
	OwnPrint bool
}

// Overlay reads a file from the site's theme folder first, then the built-in theme.
type Overlay struct {
	site fs.FS // may be nil
	base fs.FS
}

// Open implements fs.FS.
func (o Overlay) Open(name string) (fs.File, error) {
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

// List returns the files under dir in both layers, sorted and without repeats.
func (o Overlay) List(dir string) []string {
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

// Load parses the templates of the theme the site names. funcs holds the
// functions the templates call besides the theme's own (join, pair, mul,
// rev5, deref, add, seq): generator's, which the built-in templates need.
func Load(site fs.FS, cfg content.Config, funcs template.FuncMap) (*Theme, error) {
	base, _ := fs.Sub(themes.Default, "default")
	o := Overlay{base: base}
	name := cfg.Theme
	if name == "" {
		name = "default"
	}
	if sub, err := fs.Sub(site, path.Join("themes", name)); err == nil {
		if _, err := fs.Stat(sub, "."); err == nil {
			o.site = sub
		}
	}
	t := &Theme{Layouts: map[string]*template.Template{}, Lang: cfg.Language, Files: o}
	if o.site != nil {
		_, err := fs.Stat(o.site, "templates/layouts/print.html")
		t.OwnPrint = err == nil
	}
	if err := t.loadLabels(o, cfg.Language); err != nil {
		return nil, err
	}
	common := template.New("").Funcs(baseFuncs).Funcs(funcs)
	var layouts []string
	for _, p := range o.List("templates") {
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
		t.Layouts[strings.TrimSuffix(path.Base(p), ".html")] = set.Lookup("base.html")
	}
	if t.Layouts["page"] == nil {
		return nil, fmt.Errorf("theme: templates/layouts/page.html is missing")
	}
	return t, nil
}

func (t *Theme) loadLabels(o fs.FS, lang string) error {
	src, err := fs.ReadFile(o, "i18n/"+lang+".yaml")
	if err != nil {
		return fmt.Errorf("theme: no labels for language %q: %w", lang, err)
	}
	if err := yaml.Unmarshal(src, &t.Labels); err != nil {
		return fmt.Errorf("theme: i18n/%s.yaml: %w", lang, err)
	}
	return nil
}

// Layout returns the template set for a layout name, falling back to "page".
func (t *Theme) Layout(name string) *template.Template {
	if l := t.Layouts[name]; l != nil {
		return l
	}
	return t.Layouts["page"]
}

// Label returns the UI text for key in the site language, or key when the
// theme has none.
func (t *Theme) Label(key string) string {
	if s, ok := t.Labels[key]; ok {
		return s
	}
	return key
}

// baseFuncs are the template functions of every theme; Load adds the
// caller's.
var baseFuncs = template.FuncMap{
	"join":  strings.Join,
	"pair":  func(a, b any) []any { return []any{a, b} },
	"mul":   func(a, b int) int { return a * b },
	"rev5":  func() []int { return []int{5, 4, 3, 2, 1} },
	"deref": func(b *bool) bool { return b != nil && *b },
	"add":   func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
}

// HumanTitle returns a title for a name the theme has no label for: a
// folder's or a callout kind's, with dashes and underscores as spaces and
// the first letter upper case.
func HumanTitle(name string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
