package generator

import (
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
)

// Readiness over time (issue 17): the readiness score at the end of each
// day the site changed in git, as of that day, drawn on the dashboard up
// to the interim manager's departure, so that in week 1 it shows whether
// anchoring is on track. Bounded: one evaluation per day (its last commit),
// at most maxTrend days (spread over the history), each kept in the
// --cache folder like the versions.

// maxTrend is the most days of history evaluated.
const maxTrend = 60

// trendFormat changes whenever what a cached score means changes.
const trendFormat = "handover-readiness-1"

// ReadinessPoint is the readiness score on one day.
type ReadinessPoint struct {
	Day    content.Date
	Score  int
	Commit string // "" for the build itself
}

// readinessTrend evaluates the readiness at the last commit of each day
// that changed the site, up to the build day.
func (b *builder) readinessTrend(ctx context.Context, repo *history.Repo, log *history.Log) []ReadinessPoint {
	last := map[string]history.Commit{}
	for _, c := range log.Changed() {
		d := c.Date.UTC().Format(time.DateOnly)
		if cur, ok := last[d]; !ok || c.Date.After(cur.Date) {
			last[d] = c
		}
	}
	var days []string
	for _, d := range sortedKeys(last) {
		if d <= b.now.String() {
			days = append(days, d)
		}
	}
	if n := len(days); n > maxTrend { // spread the evaluations over the history
		kept := make([]string, 0, maxTrend)
		for i := range maxTrend {
			kept = append(kept, days[i*(n-1)/(maxTrend-1)])
		}
		days = kept
	}
	var cache *history.Cache
	if b.opts.CacheDir != "" {
		cache = &history.Cache{Dir: b.opts.CacheDir}
	}
	var out []ReadinessPoint
	for _, d := range days {
		if ctx.Err() != nil {
			return nil
		}
		c := last[d]
		day, _ := content.ParseDate(d)
		key := history.Key(trendFormat, c.Hash, d, b.opts.Version, repo.Prefix())
		if cache != nil {
			if dir, ok := cache.Get(key); ok {
				if data, err := os.ReadFile(filepath.Join(dir, "score")); err == nil {
					if score, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil {
						cache.Use(key)
						out = append(out, ReadinessPoint{Day: day, Score: score, Commit: c.Hash})
						continue
					}
				}
			}
		}
		score, ok := b.scoreAt(ctx, repo, c.Hash, day)
		if !ok {
			continue
		}
		if cache != nil {
			_ = cache.Put(key, map[string][]byte{"score": []byte(strconv.Itoa(score))}) // only saves time
		}
		out = append(out, ReadinessPoint{Day: day, Score: score, Commit: c.Hash})
	}
	return out
}

// scoreAt checks the site as it was at commit, as of day, and returns its
// readiness score.
func (b *builder) scoreAt(ctx context.Context, repo *history.Repo, commit string, day content.Date) (int, bool) {
	tree, err := repo.TreeFS(ctx, commit, repo.Prefix())
	if err != nil {
		return 0, false
	}
	_, res, err := prepare(ctx, Options{FS: tree, DryRun: true, Now: day.Add(12 * time.Hour), Version: b.opts.Version}, nil)
	if res == nil || res.Readiness == nil || err != nil && err != ErrContent {
		return 0, false
	}
	return res.Readiness.Score, true
}

// ReadinessTrend is the dashboard's chart of the score over time.
type ReadinessTrend struct {
	Points []ReadinessPoint
	SVG    template.HTML
}

// ReadinessTrend returns the score on each day the site changed and
// today's, or nil outside git.
func (v *view) ReadinessTrend() *ReadinessTrend {
	b := v.b
	if b.git == nil || len(b.git.trend) == 0 || b.ready == nil {
		return nil
	}
	pts := append([]ReadinessPoint(nil), b.git.trend...)
	if pts[len(pts)-1].Day.Before(b.now.Time) {
		pts = append(pts, ReadinessPoint{Day: b.now, Score: b.ready.Score})
	} else {
		pts[len(pts)-1].Score, pts[len(pts)-1].Commit = b.ready.Score, "" // the build is the truth of its day
	}
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Day.Before(pts[j].Day.Time) })
	return &ReadinessTrend{Points: pts, SVG: v.trendSVG(pts)}
}

// trendSVG draws the score from the first day to the departure (or the
// last day), 0 to 100%.
func (v *view) trendSVG(pts []ReadinessPoint) template.HTML {
	const w, h, left, right, top, bottom = 640.0, 200.0, 60.0, 20.0, 16.0, 30.0
	esc := template.HTMLEscapeString
	t0, t1 := pts[0].Day.Time, pts[len(pts)-1].Day.Time
	if until := v.b.site.Config.Interim.Until; !until.IsZero() && until.After(t1) {
		t1 = until.Time
	}
	if !t1.After(t0) {
		t0, t1 = t0.AddDate(0, 0, -7), t1.AddDate(0, 0, 7)
	}
	x := func(t time.Time) float64 { return left + (w-left-right)*t.Sub(t0).Hours()/t1.Sub(t0).Hours() }
	y := func(s int) float64 { return top + (h-top-bottom)*float64(100-s)/100 }
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="kpi-chart trend-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="ho-trend-t ho-trend-d">`, w, h)
	last := pts[len(pts)-1]
	fmt.Fprintf(&s, `<title id="ho-trend-t">%s</title><desc id="ho-trend-d">%s</desc>`, esc(v.T("trend.title")),
		esc(fmt.Sprintf("%s: %d%% (%s) … %d%% (%s); %s", v.T("readiness.score"), pts[0].Score, v.Date(pts[0].Day), last.Score, v.Date(last.Day), v.T("kpi.table.note"))))
	for _, g := range []int{0, 25, 50, 75, 100} {
		fmt.Fprintf(&s, `<line class="grid" x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f"/><text class="ylabel" x="%.0f" y="%.1f">%d%%</text>`,
			left, y(g), w-right, y(g), left-6, y(g)+4, g)
	}
	if until := v.b.site.Config.Interim.Until; !until.IsZero() && !until.Before(t0) {
		fmt.Fprintf(&s, `<g class="target"><line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/><text x="%.1f" y="%.0f">%s</text></g>`,
			x(until.Time), top, x(until.Time), h-bottom, x(until.Time)-4, top+10, esc(v.T("exitplan.departure")))
	}
	var line []string
	for _, p := range pts {
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(p.Day.Time), y(p.Score)))
	}
	fmt.Fprintf(&s, `<polyline class="series" points="%s"/>`, strings.Join(line, " "))
	for _, p := range pts {
		fmt.Fprintf(&s, `<circle class="point" cx="%.1f" cy="%.1f" r="3.5"><title>%s: %d%%</title></circle>`, x(p.Day.Time), y(p.Score), esc(v.Date(p.Day)), p.Score)
	}
	fmt.Fprintf(&s, `<text class="xlabel" x="%.0f" y="%.0f">%s</text><text class="xlabel end" x="%.0f" y="%.0f">%s</text></svg>`,
		left, h-8, esc(v.Date(content.Day(t0))), w-right, h-8, esc(v.Date(content.Day(t1))))
	return template.HTML(s.String())
}
