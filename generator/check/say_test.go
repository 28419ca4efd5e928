package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDutchMessages reads the generator's source: every message a finding
// of the readiness checklist can carry (the format of a rule that keeps an
// item from done, and every newMsg: orphans, dated blockers) has a Dutch
// translation with the same verbs in the same order, so a Dutch dashboard
// says no English sentence.
func TestDutchMessages(t *testing.T) {
	items := map[string]bool{}
	for _, r := range rules {
		items[r.ID] = r.Item != ""
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok {
				return true
			}
			at := -1
			switch {
			case id.Name == "newMsg" && len(call.Args) > 0:
				at = 0
			case id.Name == "add" && len(call.Args) > 2:
				if rule, ok := stringLit(call.Args[0]); ok && items[rule] {
					at = 2
				}
			}
			if at < 0 {
				return true
			}
			format, ok := stringLit(call.Args[at])
			if !ok {
				return true // a message made elsewhere: its newMsg is checked there
			}
			seen++
			nl, ok := dutchMessages[format]
			if !ok {
				t.Errorf("%s: %q has no Dutch translation in dutchMessages (say.go)", fset.Position(call.Pos()), format)
				return true
			}
			if verbs(nl) != verbs(format) {
				t.Errorf("%q: the Dutch %q has the verbs %q, want %q", format, nl, verbs(nl), verbs(format))
			}
			return true
		})
	}
	if seen < 20 {
		t.Errorf("found %d messages in the source; the scan misses them", seen)
	}
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// verbs lists the formatting verbs of a format, in order.
func verbs(format string) string {
	var out []string
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) {
			out = append(out, format[i:i+2])
			i++
		}
	}
	return strings.Join(out, " ")
}
