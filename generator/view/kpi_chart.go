package view

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
)

// What a KPI page and the KPI list draw of a KPI's measurements (issue
// 17): an SVG line chart with its baseline and target, and a small chart
// for the list. Reading the measurements and telling when a KPI is stale
// are package check's (Site.Measurements, Site.Stale).

// KPI is what a KPI page and the KPI list show of its measurements.
type KPI struct {
	Chart      template.HTML // the line chart
	Spark      template.HTML // the small chart of the list
	Points     []content.Measurement
	Last       content.Measurement
	LastText   string // the last value as written in the site's language
	HasTarget  bool
	Meets      bool
	StaleFrom  string // YYYY-MM-DD; "" when it cannot go stale
	StaleBuilt bool   // stale on the build day
}

// NewKPI returns what KPI p shows of its measurements pts (at least one,
// in date order), in language lang with the labels of label; the caller
// sets StaleFrom and StaleBuilt.
func NewKPI(p *content.Page, pts []content.Measurement, lang string, label func(key string) string) *KPI {
	t := kpiText{lang: lang, dates: NewDates(lang), label: label}
	k := &KPI{Points: pts, Last: pts[len(pts)-1]}
	k.LastText = Number(k.Last.Value, lang)
	op, target, okT := parseTarget(p.Meta.Target, p.Meta.Baseline)
	if okT {
		k.HasTarget, k.Meets = true, meets(op, k.Last.Value, target)
	}
	k.Chart = kpiChart(p, pts, t)
	k.Spark = kpiSpark(p, pts, t)
	return k
}

// kpiText writes the numbers, dates and labels of the charts.
type kpiText struct {
	lang  string
	dates Dates
	label func(key string) string
}

func (t kpiText) num(x float64) string       { return Number(x, t.lang) }
func (t kpiText) date(d content.Date) string { return t.dates.Date(d.Time) }

// Number writes a value as language lang does: 3,5 in Dutch.
func Number(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if math.Abs(x) < 1e15 && math.Abs(x-math.Round(x*100)/100) < 1e-9 {
		s = strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	}
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseTarget reads a KPI target such as "<= 3", ">= 80%", "< 2" or "3".
// A bare number is a ceiling when the baseline lies above it, else a floor.
func parseTarget(target, baseline string) (string, float64, bool) {
	t := strings.TrimSpace(target)
	op := ""
	for _, o := range []string{"<=", ">=", "≤", "≥", "==", "<", ">", "="} {
		if strings.HasPrefix(t, o) {
			op, t = o, strings.TrimSpace(strings.TrimPrefix(t, o))
			break
		}
	}
	fields := strings.Fields(t)
	if len(fields) == 0 {
		return "", 0, false
	}
	x, err := content.ParseNumber(fields[0])
	if err != nil {
		return "", 0, false
	}
	switch op {
	case "≤":
		op = "<="
	case "≥":
		op = ">="
	case "==":
		op = "="
	case "":
		op = ">="
		if base, ok := firstNumber(baseline); ok && base > x {
			op = "<="
		}
	}
	return op, x, true
}

func firstNumber(s string) (float64, bool) {
	f := strings.Fields(strings.TrimLeft(strings.TrimSpace(s), "<>=≤≥ "))
	if len(f) == 0 {
		return 0, false
	}
	x, err := content.ParseNumber(f[0])
	return x, err == nil
}

func meets(op string, x, target float64) bool {
	switch op {
	case "<=":
		return x <= target
	case "<":
		return x < target
	case ">":
		return x > target
	case "=":
		return x == target
	}
	return x >= target
}

// kpiChart draws the measurements as a line with the baseline and the
// target as horizontal lines.
func kpiChart(p *content.Page, pts []content.Measurement, t kpiText) template.HTML {
	const w, h, left, right, top, bottom = 640.0, 240.0, 56.0, 20.0, 18.0, 34.0
	esc := template.HTMLEscapeString
	lo, hi := pts[0].Value, pts[0].Value
	for _, m := range pts {
		lo, hi = math.Min(lo, m.Value), math.Max(hi, m.Value)
	}
	base, hasBase := firstNumber(p.Meta.Baseline)
	_, target, hasTarget := parseTarget(p.Meta.Target, p.Meta.Baseline)
	if hasBase {
		lo, hi = math.Min(lo, base), math.Max(hi, base)
	}
	if hasTarget {
		lo, hi = math.Min(lo, target), math.Max(hi, target)
	}
	if hi-lo <= 0 {
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
	}
	step := niceStep((hi - lo) / 4)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if !(hi > lo) { // beyond float precision: no scale to draw
		hi = lo + 1
	}
	t0, t1 := pts[0].Date.Time, pts[len(pts)-1].Date.Time
	if !t1.After(t0) {
		t0, t1 = t0.AddDate(0, 0, -15), t1.AddDate(0, 0, 15)
	}
	x := func(t time.Time) float64 { return left + (w-left-right)*t.Sub(t0).Hours()/t1.Sub(t0).Hours() }
	y := func(val float64) float64 {
		if r := (hi - val) / (hi - lo); !math.IsNaN(r) && !math.IsInf(r, 0) {
			return top + (h-top-bottom)*r
		}
		return top + (h-top-bottom)/2
	}
	var s strings.Builder
	id := "kpi-" + content.Slug(p.ID)
	title := fmt.Sprintf("%s: %s", p.Title, t.label("kpi.chart"))
	fmt.Fprintf(&s, `<svg class="kpi-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d">`, w, h, id, id)
	fmt.Fprintf(&s, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id,
		esc(fmt.Sprintf("%s %s %s %s; %s", t.label("kpi.last"), t.num(pts[len(pts)-1].Value), p.Meta.Unit, t.date(pts[len(pts)-1].Date), t.label("kpi.table.note"))))
	for i, g := 0, lo; i <= 12 && g <= hi+step/2; i, g = i+1, g+step {
		fmt.Fprintf(&s, `<line class="grid" x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f"/><text class="ylabel" x="%.0f" y="%.1f">%s</text>`,
			left, y(g), w-right, y(g), left-6, y(g)+4, esc(t.num(g)))
	}
	if hasBase {
		fmt.Fprintf(&s, `<g class="baseline"><line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f"/><text x="%.0f" y="%.1f">%s %s</text></g>`,
			left, y(base), w-right, y(base), w-right-4, y(base)-5, esc(t.label("baseline")), esc(t.num(base)))
	}
	if hasTarget {
		fmt.Fprintf(&s, `<g class="target"><line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f"/><text x="%.0f" y="%.1f">%s %s</text></g>`,
			left, y(target), w-right, y(target), w-right-4, y(target)-5, esc(t.label("target")), esc(p.Meta.Target))
	}
	var line []string
	for _, m := range pts {
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(m.Date.Time), y(m.Value)))
	}
	fmt.Fprintf(&s, `<polyline class="series" points="%s"/>`, strings.Join(line, " "))
	for _, m := range pts {
		fmt.Fprintf(&s, `<circle class="point" cx="%.1f" cy="%.1f" r="3.5"><title>%s: %s</title></circle>`,
			x(m.Date.Time), y(m.Value), esc(t.date(m.Date)), esc(t.num(m.Value)))
	}
	fmt.Fprintf(&s, `<text class="xlabel" x="%.0f" y="%.0f">%s</text><text class="xlabel end" x="%.0f" y="%.0f">%s</text>`,
		left, h-10, esc(t.date(content.Day(t0))), w-right, h-10, esc(t.date(content.Day(t1))))
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// kpiSpark draws the small chart of the KPI list.
func kpiSpark(p *content.Page, pts []content.Measurement, t kpiText) template.HTML {
	const w, h, pad = 120.0, 32.0, 4.0
	lo, hi := pts[0].Value, pts[0].Value
	for _, m := range pts {
		lo, hi = math.Min(lo, m.Value), math.Max(hi, m.Value)
	}
	_, target, hasTarget := parseTarget(p.Meta.Target, p.Meta.Baseline)
	if hasTarget {
		lo, hi = math.Min(lo, target), math.Max(hi, target)
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	n := len(pts)
	x := func(i int) float64 {
		if n == 1 {
			return w / 2
		}
		return pad + (w-2*pad)*float64(i)/float64(n-1)
	}
	y := func(val float64) float64 {
		if r := (hi - val) / (hi - lo); !math.IsNaN(r) && !math.IsInf(r, 0) {
			return pad + (h-2*pad)*r
		}
		return h / 2
	}
	var line []string
	for i, m := range pts {
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(i), y(m.Value)))
	}
	last := pts[n-1]
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="kpi-spark" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img"><title>%s</title>`, w, h, w, h,
		template.HTMLEscapeString(fmt.Sprintf("%s: %s %s %s (%s)", p.Title, t.label("kpi.last"), t.num(last.Value), p.Meta.Unit, t.date(last.Date))))
	if hasTarget {
		fmt.Fprintf(&s, `<line class="target" x1="0" y1="%.1f" x2="%.0f" y2="%.1f"/>`, y(target), w, y(target))
	}
	fmt.Fprintf(&s, `<polyline class="series" points="%s"/><circle class="point" cx="%.1f" cy="%.1f" r="2.5"/></svg>`,
		strings.Join(line, " "), x(n-1), y(last.Value))
	return template.HTML(s.String())
}

// niceStep rounds a step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}
