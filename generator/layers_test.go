package generator

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// layers says which packages of this module each stage package may import
// (docs/architecture.md, "Packages"): data flows one way, load (content) →
// render → check → built → views and outputs → publish, and no stage
// package imports the generator, which runs them. A package missing here
// fails the test, so a new one states its place.
var layers = map[string][]string{
	"content":            {},
	"generator/theme":    {"content", "themes"},
	"generator/render":   {"content", "generator/theme"},
	"generator/store":    {},
	"generator/search":   {},
	"generator/built":    {"content", "generator/search", "generator/store"},
	"generator/calendar": {},
	"generator/history":  {},
	"generator/view":     {"content", "generator/calendar", "generator/history"},
	"generator/check":    {"content", "generator/built", "generator/calendar", "generator/view"},
	"generator/versions": {"content", "generator/history", "generator/theme"},
	"generator/publish":  {},
	"generator/output":   {"content", "generator/publish"},
	"generator/pdf":      {},
	"generator/serve":    {},
	"generator/watch":    {},
	// the importer writes a site and builds it to check it: it is a user
	// of the generator, not a stage of it
	"generator/importer": {"content", "generator", "generator/publish"},
	// a test helper
	"generator/internal/browsertest": {},
}

const module = "github.com/handover-dev/handover/"

// TestPackageLayers reads the imports of every package of content/ and
// generator/ (tests left out) and fails on one a package may not import,
// and on a package without a doc comment saying its job.
func TestPackageLayers(t *testing.T) {
	seen := map[string]bool{}
	top, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../content", "."} {
		err := filepath.WalkDir(root, func(dir string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			if dir != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(top, abs)
			if err != nil {
				return err
			}
			pkg := filepath.ToSlash(rel)
			if pkg == "generator" {
				return nil // the pipeline itself: it may import every stage
			}
			imports, doc, files := packageImports(t, dir)
			if files == 0 {
				return nil
			}
			seen[pkg] = true
			allowed, ok := layers[pkg]
			if !ok {
				t.Errorf("package %s is not in layers: say which packages it may import", pkg)
				return nil
			}
			for _, imp := range imports {
				if !slices.Contains(allowed, imp) {
					t.Errorf("package %s imports %s, which its layer does not allow (allowed: %v)", pkg, imp, allowed)
				}
			}
			if !doc && !strings.HasPrefix(pkg, "generator/internal") {
				t.Errorf("package %s has no doc comment saying its job and what it may import", pkg)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for pkg := range layers {
		if !seen[pkg] {
			t.Errorf("layers names %s, which has no Go files", pkg)
		}
	}
}

// packageImports returns the module's packages that the non-test files in
// dir import, whether one of them has a package doc comment, and how many
// files there are.
func packageImports(t *testing.T, dir string) (imports []string, doc bool, files int) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files++
		if f.Doc != nil && strings.HasPrefix(f.Doc.Text(), "Package "+f.Name.Name+" ") {
			doc = true
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if rest, ok := strings.CutPrefix(p, module); ok && !slices.Contains(imports, rest) {
				imports = append(imports, rest)
			}
		}
	}
	return imports, doc, files
}
