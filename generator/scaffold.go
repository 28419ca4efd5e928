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

// folders maps a kind to the folder its pages live in.
var folders = map[content.Kind]string{
	content.KindProcess: "processes", content.KindInstruction: "instructions", content.KindDecision: "decisions",
	content.KindGovernance: "governance", content.KindRisk: "risks", content.KindKPI: "kpis",
	content.KindTraining: "trainings", content.KindMeeting: "meetings", content.KindPage: "pages",
}

// pageTemplates holds the front matter a new page of each kind starts with.
var pageTemplates = map[content.Kind]string{
	content.KindProcess:     "owner: \nsponsor: \nstatus: draft\nreviewed: {{today}}\nreview_every: 6m\nkpis: []\ninstructions: []\nrisks: []\n",
	content.KindInstruction: "owner: \nprocess: \nstatus: draft\nreviewed: {{today}}\nreview_every: 6m\ntools: []\n",
	content.KindDecision:    "date: {{today}}\nstatus: proposed\ndecided_by: \nsupersedes: []\n",
	content.KindGovernance:  "owner: \nraci:\n  - activity: \n    R: []\n    A: \n    C: []\n    I: []\n",
	content.KindRisk:        "owner: \nstatus: open\nlikelihood: 3\nimpact: 3\nmitigation: \nmitigation_owner: \n",
	content.KindKPI:         "owner: \nunit: \nbaseline: \ntarget: \nfrequency: monthly\nsource: \n",
	content.KindTraining:    "audience: []\ndate: {{today}}\ncompleted: false\nmaterials: []\n",
	content.KindMeeting:     "frequency: weekly\nweekday: monday\ntime: \"09:30\"\nduration: 45m\nstarts: {{today}}\nchair: \nparticipants: []\nagenda:\n  - \n",
	content.KindPage:        "",
}

// NewPage creates a page of kind in site from its template and returns its
// path. Decisions get the next free number.
func NewPage(site string, kind content.Kind, title string, now time.Time) (string, error) {
	folder := folders[kind]
	if folder == "" {
		return "", publish.Usage(fmt.Sprintf("unknown page type %q", kind))
	}
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
	fm := strings.ReplaceAll(pageTemplates[kind], "{{today}}", content.Day(now).String())
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
