package generator

import (
	"html/template"
	"strings"
	"testing"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/theme"
)

// linksTemplate is the template that view.Links replaces.
const linksTemplate = `{{define "links"}}{{$v := index . 0}}{{$ps := index . 1}}{{if $ps}}<ul class="pagelist">{{range $ps}}<li><a href="{{$v.Href .}}">{{.Title}}</a>{{with .Meta.Status}} <span class="status status-{{.}}">{{$v.Status .}}</span>{{end}}</li>{{end}}</ul>{{end}}{{end}}`

// TestLinksLikeTemplate checks that view.Links writes what html/template
// writes for the same list, for titles, statuses and paths with every
// character that escaping treats specially.
func TestLinksLikeTemplate(t *testing.T) {
	th := &theme.Theme{Labels: map[string]string{"status.approved": "Goed & <klaar>", "status.x+'y\"": "a+b"}}
	b := &builder{theme: th}
	v := &view{b: b, Dir: "processes/intake/"}
	var pages []*content.Page
	for i, s := range []struct{ path, title, status string }{
		{"instructions/plain.md", "Plain", ""},
		{"instructions/één-stap.md", `Tom & Jerry's "<b>" + 1`, "approved"},
		{"instructions/a (b) c!$@.md", "\x00nul", `x+'y"`},
		{"instructions/100%25 zeker.md", "Procent % en %zz", "draft"},
		{"processes/intake.md", "Zelf", "approved"},
		{"café/ü ber/_index.md", "Übersicht", ""},
	} {
		p := &content.Page{Path: s.path, URL: content.URLOf(s.path), Title: s.title}
		p.Meta.Status = s.status
		p.List = strings.HasSuffix(s.path, "_index.md")
		pages = append(pages, p)
		_ = i
	}
	tpl := template.Must(template.New("").Funcs(template.FuncMap{"pair": func(a, b any) []any { return []any{a, b} }}).Parse(linksTemplate))
	for n := range len(pages) + 1 {
		var want strings.Builder
		if err := tpl.ExecuteTemplate(&want, "links", []any{v, pages[:n]}); err != nil {
			t.Fatal(err)
		}
		if got := string(v.Links(pages[:n])); got != want.String() {
			t.Errorf("%d pages:\n got %s\nwant %s", n, got, want.String())
		}
	}
}
