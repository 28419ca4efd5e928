package generator

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// trendGit runs git in dir at when, isolated from the user's settings.
func trendGit(t *testing.T, dir string, when time.Time, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	date := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

var trendRow = regexp.MustCompile(`<tr><td><time datetime="(\d{4}-\d\d-\d\d)">[^<]+</time></td><td class="num">(\d+)%</td></tr>`)

// TestReadinessTrend: a site that grew in git over three days (two
// commits on the last) shows on its dashboard the score at the end of each
// of those days and today's, rising as the handover was anchored; with
// --cache a second build takes the scores from the cache.
func TestReadinessTrend(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed: %v", err)
	}
	t.Run("en-small", func(t *testing.T) {
		readinessTrend(t, "en-small", `<section class="trend"><h2 id="ho-trend">Readiness over time</h2>`, "30 70 100 100")
	})
	// The Dutch example, with a history of its own.
	t.Run("nl-klantenservice", func(t *testing.T) {
		readinessTrend(t, "nl-klantenservice", `<section class="trend"><h2 id="ho-trend">Gereedheid door de tijd</h2>`, "30 70 100 100")
	})
}

func readinessTrend(t *testing.T, example, heading, want string) {
	repo := t.TempDir()
	site := filepath.Join(repo, "docs", "handover")
	src := os.DirFS(filepath.Join("..", "examples", example))
	copyFiles := func(keep func(p string) bool) {
		t.Helper()
		err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !keep(p) {
				return err
			}
			data, err := fs.ReadFile(src, p)
			if err == nil {
				dst := filepath.Join(site, filepath.FromSlash(p))
				if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
					err = os.WriteFile(dst, data, 0o644)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	day := func(s string, h int) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d.Add(time.Duration(h) * time.Hour)
	}
	trendGit(t, repo, time.Time{}, "init", "-q", "-b", "main")
	// Day 1: the home page and the process only.
	copyFiles(func(p string) bool {
		return !strings.HasPrefix(p, "content/") || p == "content/_index.md" || strings.HasPrefix(p, "content/processes/")
	})
	trendGit(t, repo, day("2026-10-01", 10), "add", "-A")
	trendGit(t, repo, day("2026-10-01", 10), "commit", "-q", "-m", "start")
	// Day 2: decisions, risks and governance.
	copyFiles(func(p string) bool {
		return strings.HasPrefix(p, "content/decisions/") || strings.HasPrefix(p, "content/risks/") || strings.HasPrefix(p, "content/governance/")
	})
	trendGit(t, repo, day("2026-10-15", 10), "add", "-A")
	trendGit(t, repo, day("2026-10-15", 10), "commit", "-q", "-m", "governance")
	// Day 3: the rest, in two commits; only the day's last counts.
	copyFiles(func(p string) bool { return strings.HasPrefix(p, "content/kpis/") })
	trendGit(t, repo, day("2026-11-02", 9), "add", "-A")
	trendGit(t, repo, day("2026-11-02", 9), "commit", "-q", "-m", "kpis")
	copyFiles(func(string) bool { return true })
	trendGit(t, repo, day("2026-11-02", 16), "add", "-A")
	trendGit(t, repo, day("2026-11-02", 16), "commit", "-q", "-m", "all")
	// A commit outside the site is no day of its history.
	if err := os.WriteFile(filepath.Join(repo, "README"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	trendGit(t, repo, day("2026-11-10", 9), "add", "-A")
	trendGit(t, repo, day("2026-11-10", 9), "commit", "-q", "-m", "readme")

	cache := filepath.Join(t.TempDir(), "cache")
	var out string
	build := func() string {
		t.Helper()
		out = filepath.Join(t.TempDir(), "public")
		res, err := Build(context.Background(), Options{Site: site, Destination: out, Now: e2eToday, CacheDir: cache})
		if err != nil {
			t.Fatalf("Build: %v %v", err, res.Diagnostics)
		}
		data, err := os.ReadFile(filepath.Join(out, "readiness", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	first := build()
	if !strings.Contains(first, heading) ||
		!strings.Contains(first, `<svg class="kpi-chart trend-chart"`) {
		t.Fatal("the dashboard has no chart of the readiness over time")
	}
	var days []string
	var scores []string
	for _, m := range trendRow.FindAllStringSubmatch(first, -1) {
		days, scores = append(days, m[1]), append(scores, m[2])
	}
	if strings.Join(days, " ") != "2026-10-01 2026-10-15 2026-11-02 2026-11-20" {
		t.Fatalf("days %v, want the three days the site changed and today", days)
	}
	// Day 1 lacks decisions, risks, governance, KPIs, trainings, the
	// rhythm and the document's links; day 2 still KPIs, trainings and
	// the rhythm.
	if got := strings.Join(scores, " "); got != want {
		t.Errorf("scores %s, want %s: rising to today's", got, want)
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && len(e.Name()) == 64 {
			if _, err := os.Stat(filepath.Join(cache, e.Name(), "score")); err == nil {
				n++
			}
		}
	}
	if n != 3 {
		t.Errorf("the cache holds %d scores, want 3 (one a day)", n)
	}
	// From the cache: the same page.
	if second := build(); second != first {
		t.Error("the second build, from the cache, gives another dashboard")
	}
	if os.Getenv("HANDOVER_SHOTS17") != "" {
		ctx := newChromium(t)
		for _, w := range []int64{1280, 390} {
			tab := openAt(t, ctx, e2eToday, fileURL(out, "readiness/index.html"), w)
			shotOf(t, tab, "trend-"+example+"-"+strconv.FormatInt(w, 10), "section.trend")
		}
	}
}

// TestKPICacheFollowsCSV: with --cache, a KPI page whose measurements are
// in a CSV file changes when only the CSV file changes.
func TestKPICacheFollowsCSV(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"handover.yaml":          "title: T\nlanguage: en\n",
		"people.yaml":            "people:\n  - id: jan\n    name: Jan\n",
		"content/kpis/k.md":      "---\ntitle: K\nowner: jan\nunit: x\ntarget: \"<= 3\"\nfrequency: monthly\nmeasurements: data/k.csv\n---\n",
		"data/k.csv":             "2026-11-01,4\n",
		"content/processes/p.md": "---\ntitle: P\nowner: jan\nsponsor: jan\nreviewed: 2026-11-01\nreview_every: 1y\n---\n",
	}
	write := func(name, data string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		write(name, data)
	}
	cache := filepath.Join(t.TempDir(), "cache")
	kpi := func() string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		if res, err := Build(context.Background(), Options{Site: site, Destination: out, Now: e2eToday, CacheDir: cache}); err != nil {
			t.Fatalf("Build: %v %v", err, res.Diagnostics)
		}
		data, err := os.ReadFile(filepath.Join(out, "kpis", "k", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if page := kpi(); !strings.Contains(page, "<strong>4</strong>") {
		t.Fatal("the KPI page does not show the last value 4")
	}
	write("data/k.csv", "2026-11-01,4\n2026-11-15,2.5\n")
	if page := kpi(); !strings.Contains(page, "<strong>2.5</strong>") {
		t.Error("after the CSV changed, the KPI page (from the cache?) does not show 2.5")
	}
}
