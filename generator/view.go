package generator

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

// view is what a template sees: the page being rendered and the site.
type view struct {
	b        *builder
	Page     *content.Page // nil for generated pages (people, search, …)
	Layout   string
	Title    string
	Dir      string // output folder of this page, "" for the root
	Body     template.HTML
	Headings []Heading
	Section  *section
	Person   *content.Person
	Role     *content.Role
	Involved *content.Involvement
	Data     any // layout-specific data
}

// Config returns the site settings.
func (v *view) Config() *content.Config { return &v.b.site.Config }

// Site returns the content model.
func (v *view) Site() *content.Site { return v.b.site }

// Lang returns the UI language.
func (v *view) Lang() string { return v.b.site.Config.Language }

// PageLang returns the language of the page text.
func (v *view) PageLang() string {
	if v.Page != nil && v.Page.Meta.Language != "" {
		return v.Page.Meta.Language
	}
	return v.Lang()
}

// BaseURL returns the absolute URL of the published site with a final
// slash, or "" when none is configured. Only the 404 page uses it: a web
// server shows that page for missing paths at any depth, where relative
// links cannot work.
func (v *view) BaseURL() string {
	u := v.b.baseURL()
	if u != "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// Root returns the relative path to the site root ("./", "../../").
func (v *view) Root() string { return rootOf(v.Dir) }

// T returns the UI label for key.
func (v *view) T(key string) string { return v.b.theme.Label(key) }

// Href returns the relative link to a page.
func (v *view) Href(p *content.Page) string { return relPath(v.Dir, pageOut(p)) }

// Out returns the relative link to an output path ("people/index.html"),
// where the build wrote it (moved out of the way of the user's file).
func (v *view) Out(p string) string { return relPath(v.Dir, v.b.out(p)) }

// SectionHref returns the relative link to a section's list page.
func (v *view) SectionHref(s *section) string { return relPath(v.Dir, s.URL()+"index.html") }

// SectionTitle returns the title of a section.
func (v *view) SectionTitle(s *section) string { return s.Title(v.b.theme) }

// PersonHref returns the link to the page of a person or role id.
func (v *view) PersonHref(id string) string { return relPath(v.Dir, v.b.out(personOut(id))) }

// CalendarHref returns the link to the calendar of a person or role id.
func (v *view) CalendarHref(id string) string {
	return relPath(v.Dir, v.b.out(personDir(id)+"calendar.ics"))
}

// Who renders a reference to a person, role or page as a link with its name.
func (v *view) Who(r content.Ref) template.HTML {
	switch {
	case r.Person != nil || r.Role != nil:
		return template.HTML(fmt.Sprintf(`<a href="%s">%s</a>`, template.HTMLEscapeString(v.PersonHref(r.ID)), template.HTMLEscapeString(r.Name())))
	case r.Page != nil:
		return template.HTML(fmt.Sprintf(`<a href="%s">%s</a>`, template.HTMLEscapeString(v.Href(r.Page)), template.HTMLEscapeString(r.Page.Title)))
	}
	return template.HTML(template.HTMLEscapeString(r.ID))
}

// Whos renders a list of references separated by commas.
func (v *view) Whos(refs []content.Ref) template.HTML {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = string(v.Who(r))
	}
	return template.HTML(strings.Join(parts, ", "))
}

// Date formats a date as "20 november 2026" or "20 November 2026".
func (v *view) Date(d content.Date) string { return v.dates().Date(d.Time) }

// Today returns the build date.
func (v *view) Today() content.Date { return v.b.now }

// NextReview returns a page's next review date.
func (v *view) NextReview(p *content.Page) content.Date {
	d, _ := p.Meta.NextReview()
	return d
}

// Overdue reports whether a page's review is overdue on the build date.
func (v *view) Overdue(p *content.Page) bool {
	d, ok := p.Meta.NextReview()
	return ok && d.Before(v.b.now.Time)
}

// Status returns the label of a status value.
func (v *view) Status(s string) string {
	if l, ok := v.b.theme.Labels["status."+s]; ok {
		return l
	}
	return s // a status of another tool's vocabulary, as written: never a label key
}

// Backlinks returns the pages whose text links to the page of v.
func (v *view) Backlinks() []*content.Page { return v.b.backlinks[v.Page] }

// KindLabel returns the label of a page kind.
func (v *view) KindLabel(k content.Kind) string { return v.T("kind." + string(k)) }

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title, Href string
}

// Crumbs returns the trail from the home page to this page's folder.
func (v *view) Crumbs() []Crumb {
	out := []Crumb{{Title: v.T("home"), Href: v.Out("index.html")}}
	if v.Page == nil {
		return out
	}
	dir := v.Page.Path
	var trail []Crumb
	for {
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			break
		}
		dir = dir[:i]
		s := v.b.sections[dir]
		if s == nil || v.Page.List && s.Index == v.Page {
			continue
		}
		trail = append([]Crumb{{Title: s.Title(v.b.theme), Href: v.SectionHref(s)}}, trail...)
	}
	return append(out, trail...)
}

// NavItem is a top-level entry of the site navigation.
type NavItem struct {
	Title, Href string
	Current     bool
	Count       int
}

// Nav returns the top-level folders in the order of their kinds.
func (v *view) Nav() []NavItem {
	idx := v.b.navIndex()
	cur := v.NavSection()
	var out []NavItem
	for _, s := range idx.tops {
		out = append(out, NavItem{Title: s.Title(v.b.theme), Href: v.SectionHref(s), Current: s.Dir == cur, Count: idx.count[s]})
	}
	return out
}

// NavSection returns the top-level folder the page is in: the navigation
// marks it as current.
func (v *view) NavSection() string {
	cur := ""
	if v.Page != nil {
		cur, _, _ = strings.Cut(v.Page.Path, "/")
	} else if v.Section != nil {
		cur, _, _ = strings.Cut(v.Section.Dir, "/")
	}
	return cur
}

// Cached renders the theme template name with this page, once per build
// for all pages with the same layout, folder depth and key, like Hugo's
// partialCached: for the parts of a page that are the same on many pages
// (header, navigation, footer). What the template shows may depend only on
// the site, the page's depth and the key.
func (v *view) Cached(name string, key ...any) (template.HTML, error) {
	k := fmt.Sprint(name, "\x00", v.Layout, "\x00", v.Root(), "\x00", key)
	if html, ok := v.b.partials.Load(k); ok {
		return html.(template.HTML), nil
	}
	t := v.b.theme.Layout(v.Layout).Lookup(name)
	if t == nil {
		return "", fmt.Errorf("no template %q", name)
	}
	var buf strings.Builder
	if err := t.Execute(&buf, v); err != nil {
		return "", err
	}
	html, _ := v.b.partials.LoadOrStore(k, template.HTML(buf.String()))
	return html.(template.HTML), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// KPI returns the measurements of KPI p and their charts, or nil. They
// are drawn once per build: every process page's KPI table and the KPI
// list show them as well as the KPI's own page.
func (v *view) KPI(p *content.Page) *vw.KPI {
	if p == nil || p.Kind != content.KindKPI || p.List {
		return nil
	}
	if k, ok := v.b.partials.Load(kpiKey{p}); ok {
		return k.(*vw.KPI)
	}
	var k *vw.KPI
	if s := v.b.checks.Measurements(p); len(s.Points) > 0 {
		k = vw.NewKPI(p, s.Points, v.Lang(), v.T)
		if st, ok := v.b.checks.Stale(p); ok {
			k.StaleFrom, k.StaleBuilt = st.From, st.From <= v.b.now.String()
		}
	}
	x, _ := v.b.partials.LoadOrStore(kpiKey{p}, k)
	return x.(*vw.KPI)
}

// kpiKey keys a KPI's charts in builder.partials.
type kpiKey struct{ p *content.Page }

// AnyKPI reports whether one of the KPIs has measurements: the KPI table
// then has a column for the small charts.
func (v *view) AnyKPI(ps []*content.Page) bool {
	for _, p := range ps {
		if p.Kind == content.KindKPI && (len(p.Meta.Measurements) > 0 || p.Meta.MeasurementsFile != "") {
			return true
		}
	}
	return false
}

// Number writes a value as the site's language does: 3,5 in Dutch.
func (v *view) Number(x float64) string { return vw.Number(x, v.Lang()) }
