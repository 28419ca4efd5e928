package generator

import (
	"sort"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/check"
)

// KPIs that stay visible (issue 17): a KPI's measurements (date, value),
// in its front matter or in a CSV file beside the page or under data/
// (read by the check stage, check.Site.Measurements), drawn at build time
// as an SVG line chart with its baseline and target (with a table of the
// same numbers; generator/view), a small chart per KPI on the list, and
// flagged as stale, on the build day and at read time, when its last
// measurement is older than its frequency allows.

// measurementFiles lists the CSV files the KPIs read: the output cache
// keys every page by them, as KPI pages and lists show what they hold.
func (b *builder) measurementFiles() []string {
	var out []string
	for _, p := range b.site.Pages {
		if p.Kind == content.KindKPI && p.Meta.MeasurementsFile != "" {
			if f := check.MeasurementsPath(p); f != "" {
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}
