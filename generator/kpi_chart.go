package generator

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
)

// KPIs that stay visible (issue 17): a KPI's measurements (date, value),
// in its front matter or in a CSV file beside the page or under data/,
// drawn at build time as an SVG line chart with its baseline and target
// (with a table of the same numbers), a small chart per KPI on the list,
// and flagged as stale, on the build day and at read time, when its last
// measurement is older than its frequency allows.

// maxMeasurementsFile is the largest CSV file of measurements read.
const maxMeasurementsFile = 8 << 20

// kpiSeries is a KPI's measurements in date order, with what could not be
// read.
type kpiSeries struct {
	points []content.Measurement
	diags  content.Diagnostics
	file   string // the CSV file, relative to the site root; "" for front matter
}

// measurements returns p's measurements: those of its front matter, or
// those of the CSV file it names. The rules, the dashboard, the page and
// the list all ask; the file is read once per build (a patched build is a
// new builder, so an edit is read again).
func (b *builder) measurements(p *content.Page) kpiSeries {
	if s, ok := b.series.Load(p); ok {
		return s.(kpiSeries)
	}
	s := b.readMeasurements(p)
	b.series.Store(p, s)
	return s
}

func (b *builder) readMeasurements(p *content.Page) kpiSeries {
	m := &p.Meta
	s := kpiSeries{points: m.Measurements}
	if m.MeasurementsFile != "" {
		s.file = measurementsPath(p)
		s.points = nil
		if s.file == "" {
			s.diags = append(s.diags, content.Diag("kpi-measurements", m.MeasurementsPos,
				fmt.Sprintf("measurements %q must be a file beside the page or under data/, inside the site", m.MeasurementsFile)))
			return s
		}
		fi, err := fs.Stat(b.opts.FS, s.file)
		switch {
		case err != nil:
			s.diags = append(s.diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s cannot be read: %v", s.file, unwrapPathErr(err))))
			return s
		case !fi.Mode().IsRegular():
			s.diags = append(s.diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s is not a regular file", s.file)))
			return s
		case fi.Size() > maxMeasurementsFile:
			s.diags = append(s.diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s is larger than 8 MB", s.file)))
			return s
		}
		data, err := fs.ReadFile(b.opts.FS, s.file)
		if err != nil {
			s.diags = append(s.diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s cannot be read: %v", s.file, unwrapPathErr(err))))
			return s
		}
		pts, diags := content.ParseMeasurementsCSV(s.file, data)
		for i := range diags {
			diags[i].Rule = "kpi-measurements"
		}
		s.points, s.diags = pts, diags
	}
	s.points = append([]content.Measurement(nil), s.points...)
	sort.SliceStable(s.points, func(i, j int) bool { return s.points[i].Date.Before(s.points[j].Date.Time) })
	return s
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// measurementsPath returns the site path of p's measurements file: under
// data/ when it says so, else relative to the page's folder; "" when it
// leaves the site.
func measurementsPath(p *content.Page) string {
	f := strings.TrimSpace(strings.ReplaceAll(p.Meta.MeasurementsFile, "\\", "/"))
	var out string
	if strings.HasPrefix(f, "data/") || strings.HasPrefix(f, "/data/") {
		out = path.Clean(strings.TrimPrefix(f, "/"))
	} else {
		out = path.Join(path.Dir(p.File), f)
	}
	if !fs.ValidPath(out) || strings.HasPrefix(f, "/") && !strings.HasPrefix(f, "/data/") {
		return ""
	}
	return out
}

var _ = register(&rule{
	id: "kpi-measurements", level: content.Error, item: "readiness.kpis", reads: readsFront,
	summary: "KPI measurements that cannot be read: a missing CSV file, a line without a date or a number.",
	page: func(b *builder, p *content.Page, add addFunc) {
		if p.Kind != content.KindKPI || p.Meta.MeasurementsFile == "" {
			return
		}
		for _, d := range b.measurements(p).diags {
			add(d.Rule, d.Pos, "%s", d.Message)
		}
	},
})

var _ = register(&rule{
	id: "kpi-stale", level: content.Warning, item: "readiness.kpis", reads: readsFront | readsToday,
	summary: "A KPI whose last measurement is older than its frequency allows (one and a half periods).",
	page: func(b *builder, p *content.Page, add addFunc) {
		if st, ok := b.kpiStale(p); ok && st.from <= b.now.String() {
			add("kpi-stale", st.pos, st.message.format, st.message.args...)
		}
	},
})

var _ = addDated("readiness.kpis", func(b *builder) []datedBlocker {
	var out []datedBlocker
	for _, p := range b.site.Pages {
		if st, ok := b.kpiStale(p); ok {
			out = append(out, datedBlocker{Blocker: Blocker{Page: p, File: p.File, From: st.from, Kind: "kpi", Message: b.sayMsg(st.message)},
				rule: "kpi-stale", pos: st.pos})
		}
	}
	return out
})

type staleness struct {
	from    string // the first day the KPI is stale
	pos     content.Pos
	message msg
	last    content.Measurement
}

// kpiPeriods are the days between measurements of each frequency.
var kpiPeriods = map[string]int{"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92, "yearly": 366, "annually": 366,
	"dagelijks": 1, "wekelijks": 7, "tweewekelijks": 14, "maandelijks": 31, "per kwartaal": 92, "kwartaal": 92, "jaarlijks": 366}

// kpiStale returns from when KPI p is stale: one and a half periods of
// its frequency after its last measurement. A KPI without measurements or
// without a known frequency is never stale.
func (b *builder) kpiStale(p *content.Page) (staleness, bool) {
	if p.List || p.Kind != content.KindKPI {
		return staleness{}, false
	}
	days, ok := kpiPeriods[strings.ToLower(strings.TrimSpace(p.Meta.Frequency))]
	if !ok {
		return staleness{}, false
	}
	s := b.measurements(p)
	if len(s.points) == 0 {
		return staleness{}, false
	}
	last := s.points[len(s.points)-1]
	from := last.Date.AddDate(0, 0, (3*days+1)/2+1)
	pos := p.Pos("measurements")
	return staleness{from: from.Format(time.DateOnly), pos: pos, last: last,
		message: newMsg("KPI %q was last measured on %s; measured %s, it is stale from %s", p.Title, last.Date, frequency(p.Meta.Frequency), content.Day(from))}, true
}

// measurementFiles lists the CSV files the KPIs read: the output cache
// keys every page by them, as KPI pages and lists show what they hold.
func (b *builder) measurementFiles() []string {
	var out []string
	for _, p := range b.site.Pages {
		if p.Kind == content.KindKPI && p.Meta.MeasurementsFile != "" {
			if f := measurementsPath(p); f != "" {
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}
