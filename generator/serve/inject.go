package serve

import (
	_ "embed" // the live-reload client
	"encoding/json"
	"fmt"
	"html"
	"strings"
)

// clientJS is the live-reload client that every HTML response carries:
// it listens for changes, morphs the open page into its new version with
// idiomorphJS, swaps changed style sheets and shows the error overlay.
//
//go:embed client.js
var clientJS string

// idiomorphJS is the DOM-morphing library the client uses, vendored with
// its licence header (idiomorph.js).
//
//go:embed idiomorph.js
var idiomorphJS string

// liveJS is what the page runs: both, in one function, so that neither
// adds a global name to the page.
var liveJS = "(function () {\n" + idiomorphJS + "\n" + clientJS + "\n}());\n"

// overlayStyle styles the error overlay, whether the server wrote it into
// the page or the client built it after an event.
const overlayStyle = `<style data-handover>
#__handover-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.72);font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#222}
#__handover-overlay .hd-box{max-width:70rem;margin:2rem auto;padding:1rem 1.25rem;background:#fff;border-top:6px solid #c62828;border-radius:4px;box-shadow:0 4px 24px rgba(0,0,0,.4)}
#__handover-overlay .hd-title{margin:0 0 .75rem;font-weight:bold}
#__handover-overlay .hd-problem{margin:.75rem 0;padding-top:.5rem;border-top:1px solid #ddd}
#__handover-overlay .hd-msg{margin:0;white-space:pre-wrap;color:#b71c1c}
#__handover-overlay .hd-warning .hd-msg{color:#8a5a00}
#__handover-overlay .hd-src{margin:.25rem 0 0;padding:.5rem;background:#f6f6f6;white-space:pre;overflow-x:auto}
#__handover-overlay .hd-close{float:right;font:inherit;font-size:1.25rem;line-height:1;border:0;background:none;cursor:pointer}
</style>`

// clientSettings tells the client which version of the site and which
// status its page was served with.
type clientSettings struct {
	Version string `json:"version"`
	Status  int    `json:"status"`
}

// problemView is a Problem as the overlay shows it.
type problemView struct {
	Text   string `json:"text"`
	Level  string `json:"level"`
	Source string `json:"source"`
	Caret  string `json:"caret"`
}

func views(problems []Problem) []problemView {
	list := make([]problemView, len(problems))
	for i, p := range problems {
		list[i] = problemView{Text: p.String(), Level: p.Level, Source: p.Source, Caret: p.caret()}
	}
	return list
}

// inject returns page with the overlay style, the error overlay when there
// are problems, and the live-reload client inserted before the last
// </body>, or at the end when there is none. page is not changed. Every
// element it adds carries data-handover (the overlay also its id), so the
// client leaves them out when it morphs the page into a new version.
func inject(page []byte, settings clientSettings, problems []Problem, l Labels) []byte {
	var add strings.Builder
	add.WriteString(overlayStyle)
	if len(problems) > 0 {
		writeOverlay(&add, problems, l)
	}
	// json.Marshal escapes <, > and &, so no "</script" can close the tag.
	cfg, err := json.Marshal(settings)
	if err != nil {
		panic(fmt.Sprintf("serve: encode client settings: %v", err))
	}
	fmt.Fprintf(&add, "<script data-handover>window.__handover=%s;\n%s</script>\n", cfg, liveJS)

	at := lastIndexFold(page, "</body")
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:at]...)
	out = append(out, add.String()...)
	return append(out, page[at:]...)
}

// writeOverlay writes the error overlay as HTML; the client builds the
// same structure from DOM nodes.
func writeOverlay(b *strings.Builder, problems []Problem, l Labels) {
	b.WriteString(`<div id="__handover-overlay" data-handover role="alert"><div class="hd-box">`)
	fmt.Fprintf(b, `<button type="button" class="hd-close" aria-label="%s">&#215;</button>`, html.EscapeString(l.Close))
	fmt.Fprintf(b, `<p class="hd-title">%s</p>`, html.EscapeString(l.problems(len(problems))))
	for _, v := range views(problems) {
		fmt.Fprintf(b, `<div class="hd-problem hd-%s"><p class="hd-msg">%s</p>`,
			levelClass(v.Level), html.EscapeString(v.Text))
		if v.Source != "" {
			src := v.Source
			if v.Caret != "" {
				src += "\n" + v.Caret
			}
			fmt.Fprintf(b, `<pre class="hd-src">%s</pre>`, html.EscapeString(src))
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div></div>`)
}

// levelClass keeps a level usable as part of a class name.
func levelClass(level string) string {
	if level == "warning" {
		return "warning"
	}
	return "error"
}

// lastIndexFold returns the index of the last ASCII case-insensitive
// occurrence of the lower-case tag in b, or -1.
func lastIndexFold(b []byte, tag string) int {
	for i := len(b) - len(tag); i >= 0; i-- {
		if b[i] == '<' && strings.EqualFold(string(b[i:i+len(tag)]), tag) {
			return i
		}
	}
	return -1
}
