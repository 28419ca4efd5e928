package serve

import (
	"strings"
	"testing"
)

func TestInject(t *testing.T) {
	settings := clientSettings{Version: "v-1", Status: 200}
	tests := []struct {
		name     string
		page     string
		problems []Problem
		// before and after are what must surround the injected block.
		before, after string
		want          []string
		not           []string
	}{
		{
			name:   "before the last body end tag",
			page:   "<html><body><p>x</p><script>'</body>'</script></body></html>",
			before: "<script>'</body>'</script>",
			after:  "</body></html>",
			want:   []string{`window.__handover={"version":"v-1","status":200}`, "/__handover/events"},
			not:    []string{`id="__handover-overlay"`},
		},
		{
			name:   "upper-case end tag",
			page:   "<HTML><BODY>x</BODY></HTML>",
			before: "x",
			after:  "</BODY></HTML>",
		},
		{
			name:   "no body end tag appends",
			page:   "<p>fragment",
			before: "<p>fragment",
		},
		{
			name:   "overlay escapes problems",
			page:   "<body></body>",
			before: "<body>",
			after:  "</body>",
			problems: []Problem{{
				File: "content/a.md", Line: 3, Col: 5, Level: "error", Rule: "broken-link",
				Message: `link to <script>alert(1)</script>`, Source: "see [x](<b>.md)",
			}},
			want: []string{
				`id="__handover-overlay"`,
				"content/a.md:3:5: error: link to &lt;script&gt;alert(1)&lt;/script&gt; (broken-link)",
				"see [x](&lt;b&gt;.md)\n    ^",
				"1 problem in the site",
			},
			not: []string{"<script>alert(1)", "<b>.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(inject([]byte(tt.page), settings, tt.problems, EnglishLabels()))
			start := strings.Index(got, "<style data-handover>")
			end := strings.LastIndex(got, "</script>\n") + len("</script>\n")
			if start < 0 || end < start {
				t.Fatalf("no injected block in %q", got)
			}
			if got[:start] != tt.page[:len(tt.page)-len(tt.after)] || !strings.HasSuffix(got[:start], tt.before) {
				t.Errorf("before the block: %q, want the page up to %q", got[:start], tt.before)
			}
			if got[end:] != tt.after {
				t.Errorf("after the block: %q, want %q", got[end:], tt.after)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("contains %q", n)
				}
			}
		})
	}
}

func TestClientHasNoScriptEnd(t *testing.T) {
	if strings.Contains(strings.ToLower(liveJS), "</script") {
		t.Error("client.js or idiomorph.js contains </script, which would end the inline script")
	}
	for _, sink := range []string{".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write"} {
		if strings.Contains(clientJS, sink) {
			t.Errorf("client.js uses %s; build the overlay from text nodes", sink)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "content/a.md", Line: 3, Col: 5, Level: "error", Rule: "broken-link", Message: "no page"},
			"content/a.md:3:5: error: no page (broken-link)"},
		{Problem{File: "handover.yaml", Line: 2, Level: "warning", Message: "old"}, "handover.yaml:2: warning: old"},
		{Problem{File: "people.yaml", Message: "unreadable"}, "people.yaml: unreadable"},
		{Problem{Message: "build failed"}, "build failed"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestProblemCaret(t *testing.T) {
	tests := []struct {
		source string
		col    int
		want   string
	}{
		{"abc", 1, "^"},
		{"abc", 3, "  ^"},
		{"abc", 4, "   ^"},
		{"abc", 5, ""},
		{"\tx: [", 4, "\t  ^"},
		{"één", 3, "  ^"},
		{"abc", 0, ""},
		{"", 1, ""},
	}
	for _, tt := range tests {
		if got := (Problem{Source: tt.source, Col: tt.col}).caret(); got != tt.want {
			t.Errorf("caret(%q, %d) = %q, want %q", tt.source, tt.col, got, tt.want)
		}
	}
}
