package check

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

// Series is a KPI's measurements in date order, with what could not be
// read.
type Series struct {
	Points []content.Measurement
	Diags  content.Diagnostics
	File   string // the CSV file, relative to the site root; "" for front matter
}

// Measurements returns p's measurements: those of its front matter, or
// those of the CSV file it names. The rules, the dashboard, the page and
// the list all ask; the file is read once per Site (a patched build makes
// a new Site, so an edit is read again).
func (s *Site) Measurements(p *content.Page) Series {
	if ser, ok := s.series.Load(p); ok {
		return ser.(Series)
	}
	ser, _ := s.series.LoadOrStore(p, s.readMeasurements(p)) // every caller gets the same
	return ser.(Series)
}

func (s *Site) readMeasurements(p *content.Page) Series {
	m := &p.Meta
	ser := Series{Points: m.Measurements}
	if m.MeasurementsFile != "" {
		ser.File = MeasurementsPath(p)
		ser.Points = nil
		if ser.File == "" {
			ser.Diags = append(ser.Diags, content.Diag("kpi-measurements", m.MeasurementsPos,
				fmt.Sprintf("measurements %q must be a file beside the page or under data/, inside the site", m.MeasurementsFile)))
			return ser
		}
		fi, err := fs.Stat(s.FS, ser.File)
		switch {
		case err != nil:
			ser.Diags = append(ser.Diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s cannot be read: %v", ser.File, unwrapPathErr(err))))
			return ser
		case !fi.Mode().IsRegular():
			ser.Diags = append(ser.Diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s is not a regular file", ser.File)))
			return ser
		case fi.Size() > maxMeasurementsFile:
			ser.Diags = append(ser.Diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s is larger than 8 MB", ser.File)))
			return ser
		}
		data, err := fs.ReadFile(s.FS, ser.File)
		if err != nil {
			ser.Diags = append(ser.Diags, content.Diag("kpi-measurements", m.MeasurementsPos, fmt.Sprintf("measurements file %s cannot be read: %v", ser.File, unwrapPathErr(err))))
			return ser
		}
		pts, diags := content.ParseMeasurementsCSV(ser.File, data)
		for i := range diags {
			diags[i].Rule = "kpi-measurements"
		}
		ser.Points, ser.Diags = pts, diags
	}
	ser.Points = append([]content.Measurement(nil), ser.Points...)
	sort.SliceStable(ser.Points, func(i, j int) bool { return ser.Points[i].Date.Before(ser.Points[j].Date.Time) })
	return ser
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// MeasurementsPath returns the site path of p's measurements file: under
// data/ when it says so, else relative to the page's folder; "" when it
// leaves the site.
func MeasurementsPath(p *content.Page) string {
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

var _ = register(&Rule{
	ID: "kpi-measurements", Level: content.Error, Item: "readiness.kpis", Reads: ReadsFront,
	Summary: "KPI measurements that cannot be read: a missing CSV file, a line without a date or a number.",
	Page: func(s *Site, p *content.Page, add Add) {
		if p.Kind != content.KindKPI || p.Meta.MeasurementsFile == "" {
			return
		}
		for _, d := range s.Measurements(p).Diags {
			add(d.Rule, d.Pos, "%s", d.Message)
		}
	},
})

var _ = register(&Rule{
	ID: "kpi-stale", Level: content.Warning, Item: "readiness.kpis", Reads: ReadsFront | ReadsToday,
	Summary: "A KPI whose last measurement is older than its frequency allows (one and a half periods).",
	Page: func(s *Site, p *content.Page, add Add) {
		if st, ok := s.Stale(p); ok && st.From <= s.Today.String() {
			add("kpi-stale", st.Pos, st.message.format, st.message.args...)
		}
	},
})

var _ = addDated("readiness.kpis", func(s *Site) []datedBlocker {
	var out []datedBlocker
	for _, p := range s.Content.Pages {
		if st, ok := s.Stale(p); ok {
			out = append(out, datedBlocker{Blocker: Blocker{Page: p, File: p.File, From: st.From, Kind: "kpi", Message: s.sayMsg(st.message)},
				rule: "kpi-stale", pos: st.Pos})
		}
	}
	return out
})

// Staleness says from which day a KPI is stale, where, and its last
// measurement (Site.Stale).
type Staleness struct {
	From    string // the first day the KPI is stale
	Pos     content.Pos
	message msg
	Last    content.Measurement
}

// kpiPeriods are the days between measurements of each frequency.
var kpiPeriods = map[string]int{"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92, "yearly": 366, "annually": 366,
	"dagelijks": 1, "wekelijks": 7, "tweewekelijks": 14, "maandelijks": 31, "per kwartaal": 92, "kwartaal": 92, "jaarlijks": 366}

// Stale returns from when KPI p is stale: one and a half periods of
// its frequency after its last measurement. A KPI without measurements or
// without a known frequency is never stale.
func (s *Site) Stale(p *content.Page) (Staleness, bool) {
	if p.List || p.Kind != content.KindKPI {
		return Staleness{}, false
	}
	days, ok := kpiPeriods[strings.ToLower(strings.TrimSpace(p.Meta.Frequency))]
	if !ok {
		return Staleness{}, false
	}
	ser := s.Measurements(p)
	if len(ser.Points) == 0 {
		return Staleness{}, false
	}
	last := ser.Points[len(ser.Points)-1]
	from := last.Date.AddDate(0, 0, (3*days+1)/2+1)
	pos := p.Pos("measurements")
	return Staleness{From: from.Format(time.DateOnly), Pos: pos, Last: last,
		message: newMsg("KPI %q was last measured on %s; measured %s, it is stale from %s", p.Title, last.Date, frequency(p.Meta.Frequency), content.Day(from))}, true
}
