package theme

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handover-dev/handover/content"
)

// stubs stand in for the functions generator gives the built-in templates.
var stubs = template.FuncMap{"raciPeople": func(any) any { return nil }, "raciLetters": func(any) any { return nil }}

// TestLoadBuiltIn loads the built-in theme in both languages: layouts,
// labels and the fallbacks of Layout and Label.
func TestLoadBuiltIn(t *testing.T) {
	for lang, home := range map[string]string{"en": "Home", "nl": "Start"} {
		th, err := Load(fstest.MapFS{}, content.Config{Language: lang}, stubs)
		if err != nil {
			t.Fatal(err)
		}
		if th.Lang != lang || th.OwnPrint {
			t.Errorf("%s: Lang %q, OwnPrint %v", lang, th.Lang, th.OwnPrint)
		}
		if th.Layout("no-such-layout") != th.Layouts["page"] || th.Layout("print") == th.Layouts["page"] {
			t.Errorf("%s: Layout falls back to page only for a layout the theme lacks", lang)
		}
		if got := th.Label("home"); got != home {
			t.Errorf("%s: Label(home) = %q", lang, got)
		}
		if got := th.Label("no.such.key"); got != "no.such.key" {
			t.Errorf("%s: a missing label is its key, not %q", lang, got)
		}
	}
	if _, err := Load(fstest.MapFS{}, content.Config{Language: "xx"}, stubs); err == nil || !strings.Contains(err.Error(), `no labels for language "xx"`) {
		t.Errorf("a language without labels: %v", err)
	}
	if _, err := Load(fstest.MapFS{}, content.Config{Language: "en"}, nil); err == nil {
		t.Error("the built-in templates parsed without generator's functions")
	}
}

// TestOverlay checks that the site's theme folder goes over the built-in
// theme: its files win, both layers are listed, and its own print layout
// is noticed.
func TestOverlay(t *testing.T) {
	site := fstest.MapFS{
		"themes/mine/i18n/en.yaml":                 {Data: []byte("home: Start\n")},
		"themes/mine/assets/extra.css":             {Data: []byte("x")},
		"themes/mine/assets/.hidden":               {Data: []byte("x")},
		"themes/mine/templates/layouts/print.html": {Data: []byte(`{{define "base.html"}}print{{end}}`)},
		"themes/default/assets/not-this-theme.css": {Data: []byte("x")},
	}
	th, err := Load(site, content.Config{Language: "en", Theme: "mine"}, stubs)
	if err != nil {
		t.Fatal(err)
	}
	if th.Label("home") != "Start" || th.Label("people") != "people" {
		t.Errorf("the site's labels replace the built-in file: home %q, people %q", th.Label("home"), th.Label("people"))
	}
	if !th.OwnPrint {
		t.Error("the site's print layout is not noticed")
	}
	var out strings.Builder
	if err := th.Layout("print").Execute(&out, nil); err != nil || out.String() != "print" {
		t.Errorf("the site's print layout: %q, %v", out.String(), err)
	}
	o := th.Files.(Overlay)
	assets := o.List("assets")
	has := map[string]bool{}
	for i, p := range assets {
		has[p] = true
		if i > 0 && assets[i-1] >= p {
			t.Errorf("List is not sorted without repeats: %q", assets)
		}
	}
	if !has["assets/extra.css"] || !has["assets/callout.css"] || has["assets/.hidden"] || has["assets/not-this-theme.css"] {
		t.Errorf("List(assets) = %q", assets)
	}
	if data, err := fs.ReadFile(o, "assets/extra.css"); err != nil || string(data) != "x" {
		t.Errorf("the site's file: %q, %v", data, err)
	}
}

func TestHumanTitle(t *testing.T) {
	for in, want := range map[string]string{"werk-instructies": "Werk instructies", "my_kind": "My kind", "": "", "a": "A"} {
		if got := HumanTitle(in); got != want {
			t.Errorf("HumanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDarkCSS checks that every rule gets both dark scopes, its comment kept.
func TestDarkCSS(t *testing.T) {
	got := DarkCSS("/* Keyword */ .hl-chroma .hl-k, .hl-chroma .hl-kc { color: #fff }\n.bg { color: #000 }\n")
	want := "@media (prefers-color-scheme: dark) {\n" +
		"/* Keyword */ :root:not([data-theme=light]) .hl-chroma .hl-k, :root:not([data-theme=light]) .hl-chroma .hl-kc { color: #fff }\n" +
		":root:not([data-theme=light]) .bg { color: #000 }\n}\n" +
		"/* Keyword */ :root[data-theme=dark] .hl-chroma .hl-k, :root[data-theme=dark] .hl-chroma .hl-kc { color: #fff }\n" +
		":root[data-theme=dark] .bg { color: #000 }\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
