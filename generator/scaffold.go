package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/examples"
	"github.com/handover-dev/handover/generator/publish"
)

// NewSite writes a new site into dir with one page of every kind, in the
// UI language lang ("nl" or "en"). It refuses a non-empty dir.
func NewSite(dir, lang string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return publish.Usage(fmt.Sprintf("%s is not empty; handover new site writes only into a new or empty folder", dir))
	}
	scaffold := "nl-small"
	if lang == "en" {
		scaffold = "en-small"
	}
	src, _ := fs.Sub(examples.Small, scaffold)
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if p == "handover.yaml" && lang != "" {
			data = regexp.MustCompile(`(?m)^language: *\w+`).ReplaceAll(data, []byte("language: "+lang))
		}
		return os.WriteFile(out, data, 0o644)
	})
}

// NewPage creates a page of kind in site from its template and returns its
// path. Decisions get the next free number.
func NewPage(site string, kind content.Kind, title string, now time.Time) (string, error) {
	if _, ok := content.ParseKind(string(kind)); !ok {
		return "", publish.Usage(fmt.Sprintf("unknown page type %q", kind))
	}
	spec := kind.Spec()
	folder := spec.Folder
	if err := CheckSite(site); err != nil {
		return "", err
	}
	dir := filepath.Join(site, "content", folder)
	name := content.Slug(title)
	if kind == content.KindDecision {
		name = fmt.Sprintf("%04d-%s", nextDecision(dir), name)
	}
	file := filepath.Join(dir, name+".md")
	if _, err := os.Stat(file); err == nil {
		return "", publish.Usage(fmt.Sprintf("%s already exists", file))
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	fm := strings.ReplaceAll(spec.Scaffold, "{{today}}", content.Day(now).String())
	text := fmt.Sprintf("---\ntitle: %s\n%s---\n\n", strconv.Quote(title), fm)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return file, os.WriteFile(file, []byte(text), 0o644)
}

// nextDecision returns one more than the highest NNNN- prefix in dir.
func nextDecision(dir string) int {
	entries, _ := os.ReadDir(dir)
	top := 0
	for _, e := range entries {
		num, _, ok := strings.Cut(path.Base(e.Name()), "-")
		if n, err := strconv.Atoi(num); ok && err == nil && n > top {
			top = n
		}
	}
	return top + 1
}
