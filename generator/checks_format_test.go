package generator

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// The archives in testdata/readiness are one site per readiness defect:
// base.txtar is a clean, fully ready site, and every other archive lays its
// files over it. Besides the site files an archive may hold
//
//	expect-diags      the exact diagnostics, as in testdata/build (README.md)
//	expect-readiness  "todo: ITEM…" the checklist items not done (all others
//	                  are done); "orphans: FILE FIELD REASON [ID]" one line
//	                  per row of the orphans report, in order
//	options           "strict" for --strict
//
// cmd/handover/check_test.go runs the same archives through `handover
// check` in every output format.

// readinessArchive is one archive of testdata/readiness over base.txtar.
type readinessArchive struct {
	name      string
	fsys      fstest.MapFS
	diags     string
	readiness string
	opts      []func(*Options)
}

func loadReadinessArchive(t *testing.T, name string) readinessArchive {
	t.Helper()
	ra := readinessArchive{name: name, fsys: fstest.MapFS{}}
	for _, file := range []string{"base.txtar", name} {
		a, err := txtar.ParseFile(filepath.Join("testdata", "readiness", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			switch f.Name {
			case "expect-diags":
				ra.diags = string(f.Data)
			case "expect-readiness":
				ra.readiness = string(f.Data)
			case "options":
				if strings.TrimSpace(string(f.Data)) != "strict" {
					t.Fatalf("%s: options: only strict is known", file)
				}
				ra.opts = append(ra.opts, strict)
			default:
				ra.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			}
		}
	}
	return ra
}

func readinessArchives(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "readiness", "*.txtar"))
	if err != nil || len(files) < 2 {
		t.Fatalf("archives in testdata/readiness: %v %v", files, err)
	}
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	return files
}

// TestReadinessDiagnostics builds each readiness archive: exactly the
// expected diagnostics, each printed as "path:line:col: level: message
// (rule)", sorted by file and line.
func TestReadinessDiagnostics(t *testing.T) {
	for _, name := range readinessArchives(t) {
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			t.Parallel()
			ra := loadReadinessArchive(t, name)
			b := buildArchiveFS(t, ra.fsys, ra.opts...)
			b.assertDiags(ra.diags)
			// The archives list the diagnostics in the order they are printed.
			want, _ := parseExpectDiags(t, ra.diags)
			for i, d := range b.res.Diagnostics {
				if i < len(want) && !want[i].matches(d) {
					t.Errorf("diagnostic %d is %s, want %s (sorted by file and line)", i+1, d, want[i].src)
				}
			}
		})
	}
}
