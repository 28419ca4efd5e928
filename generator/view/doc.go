// Package view is the presentation stage: what a page shows, computed from
// content values (dates in words, heatmap, RACI tables, diffs, KPI charts);
// the generator's template view calls it. view may import content, calendar,
// history, yaml (front matter diffs) and the standard library; never
// generator, render or check.
package view
