package content

import (
	"strings"
	"testing"
)

// TestTheme checks which themes handover.yaml may name: the built-in
// "default", or a folder under themes/ (one folder name, not a path).
func TestTheme(t *testing.T) {
	site := map[string]string{
		"content/_index.md":                  "# Home\n",
		"themes/huisstijl/assets/style.css":  "body { color: navy; }\n",
		"themes/default/templates/page.html": "x",
		"themes/file":                        "not a theme",
	}
	for _, tc := range []struct {
		theme   string
		unknown bool
	}{
		{"", false}, {"default", false}, {"huisstijl", false},
		{"defualt", true}, {"Huisstijl", true}, {"file", true}, {"themes", true}, {".", true}, {"..", true},
		{"../content", true}, {"huisstijl/assets", true}, {"/themes/huisstijl", true},
	} {
		files := map[string]string{"handover.yaml": "title: T\ntheme: '" + tc.theme + "'\n"}
		for k, v := range site {
			files[k] = v
		}
		_, ds := loadFiles(files)
		var got []Diagnostic
		for _, d := range ds {
			if strings.Contains(d.Message, "theme") {
				got = append(got, d)
			}
		}
		if tc.unknown != (len(got) == 1) || len(got) > 1 {
			t.Errorf("theme %q: diagnostics %v, want unknown %v", tc.theme, got, tc.unknown)
			continue
		}
		if tc.unknown && (got[0].Severity != Error || got[0].Rule != "config" || got[0].Pos != (Pos{File: "handover.yaml", Line: 2, Col: 8})) {
			t.Errorf("theme %q: %s, want an error at the value, 2:8 (config)", tc.theme, got[0])
		}
	}
}
