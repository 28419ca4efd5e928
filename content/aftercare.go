package content

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys of issue 17: what keeps a handover site true after the interim
// manager has left. The exit plan's milestones (on the home page), a KPI's
// measurements, and the handover purpose and tasks of people and roles.

// Milestone is one step of the exit plan (`milestones:` on the home page).
type Milestone struct {
	Title string
	Date  Date
	Owner Ref
	Done  bool
	Pages []Ref // the pages the milestone delivers
	Pos   Pos   // of the milestone's mapping
}

// Measurement is one value of a KPI on a day.
type Measurement struct {
	Date  Date
	Value float64
	Pos   Pos
}

// Task is one handover task of a person or role in people.yaml, with the
// time it takes and the pages it keeps alive.
type Task struct {
	Task  string
	Hours float64 // hours_per_week
	Pages []Ref
	Pos   Pos
}

// Purposes are the handover purposes a person or role may have
// (`purpose:` in people.yaml), by their canonical key; each value lists
// the spellings accepted for it.
var Purposes = map[string][]string{
	"change_champion": {"change champion", "change-champion", "change_champion", "verandercoach", "veranderkampioen", "champion"},
	"process_owner":   {"process owner", "process-owner", "process_owner", "proceseigenaar"},
	"sponsor":         {"sponsor", "subject-matter sponsor", "inhoudelijk sponsor"},
	"shadow_manager":  {"shadow manager", "shadow-manager", "shadow_manager", "schaduwmanager"},
}

// purposeKeys are the canonical purposes in the order messages list them.
var purposeKeys = []string{"change_champion", "process_owner", "sponsor", "shadow_manager"}

// ParsePurpose returns the canonical key of a purpose as written.
func ParsePurpose(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range purposeKeys {
		for _, a := range Purposes[k] {
			if s == a {
				return k, true
			}
		}
	}
	return "", false
}

func (d *decoder) purpose(key string, n *yaml.Node) string {
	s := d.str(key, n)
	if s == "" {
		return ""
	}
	p, ok := ParsePurpose(s)
	if !ok {
		d.errorf(n, "%s %q is not one of change_champion (verandercoach), process_owner (proceseigenaar), sponsor, shadow_manager (schaduwmanager)", key, s)
	}
	return p
}

// number decodes a scalar as a finite decimal number ("3", "2.5", "2,5").
func (d *decoder) number(key string, n *yaml.Node) (float64, bool) {
	s := strings.TrimSpace(d.str(key, n))
	if s == "" {
		return 0, false
	}
	v, err := ParseNumber(s)
	if err != nil {
		d.errorf(n, "%s: %v", key, err)
		return 0, false
	}
	return v, true
}

// ParseNumber parses a decimal number as people write it: "12", "-3.5",
// "3,5" (a Dutch decimal comma), "85%". Infinities and NaN are refused.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || strings.ContainsAny(t, "xXpP_") {
		return 0, fmt.Errorf("%q is not a number such as 12 or 3.5", s)
	}
	return v, nil
}

// decodeMilestones decodes the home page's `milestones:`.
func decodeMilestones(d *decoder, n *yaml.Node) []Milestone {
	var out []Milestone
	d.mappings(n, "milestones must be a list of {title, date, owner, done, pages}", "each milestone must be a mapping with title and date", func(item *yaml.Node) {
		m := Milestone{Pos: d.pos(item)}
		d.fields(item, "a milestone", map[string]func(string, *yaml.Node){
			"title": func(k string, v *yaml.Node) { m.Title = strings.TrimSpace(d.str(k, v)) },
			"date":  func(k string, v *yaml.Node) { m.Date = d.date(k, v) },
			"owner": func(k string, v *yaml.Node) { m.Owner = d.ref(k, v) },
			"done":  func(k string, v *yaml.Node) { m.Done = ptrTrue(d.boolean(k, v)) },
			"pages": func(k string, v *yaml.Node) { m.Pages = d.refs(k, v) },
		})
		switch {
		case m.Title == "":
			d.errorf(item, "milestone has no title")
		case m.Date.IsZero():
			d.errorf(item, "milestone %q has no date", m.Title)
		}
		out = append(out, m)
	})
	return out
}

// decodeMeasurements decodes a KPI's `measurements:`: a list of
// {date, value}, or the path of a CSV file (in the page's folder, or
// under data/ from the site root) that the build reads.
func decodeMeasurements(d *decoder, p *Page, n *yaml.Node) {
	if isNull(n) {
		return
	}
	if n.Kind == yaml.ScalarNode {
		p.Meta.MeasurementsFile, p.Meta.MeasurementsPos = strings.TrimSpace(n.Value), d.pos(n)
		return
	}
	d.mappings(n, "measurements must be a list of {date, value} or the path of a CSV file", "each measurement must be a mapping {date, value}", func(item *yaml.Node) {
		m := Measurement{Pos: d.pos(item)}
		var hasDate, hasValue, okValue bool
		d.fields(item, "a measurement", map[string]func(string, *yaml.Node){
			"date": func(k string, v *yaml.Node) { m.Date, hasDate = d.date(k, v), true },
			"value": func(k string, v *yaml.Node) {
				hasValue = true
				m.Value, okValue = d.number(k, v)
			},
		})
		switch {
		case !hasDate:
			d.errorf(item, "measurement has no date")
		case !hasValue:
			d.errorf(item, "measurement of %s has no value", m.Date)
		}
		if m.Date.IsZero() || !okValue {
			return // reported
		}
		p.Meta.Measurements = append(p.Meta.Measurements, m)
	})
}

// ParseMeasurementsCSV reads a KPI's measurements from CSV text: one
// `date,value` a line (a semicolon separates as well, as Dutch
// spreadsheets write it), an optional header line, `#` comments. Each bad
// line is a front-matter error at its line and column in file.
func ParseMeasurementsCSV(file string, data []byte) ([]Measurement, Diagnostics) {
	var diags Diagnostics
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sep := ','
	for rest := data; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) == 0 || t[0] == '#' {
			continue
		}
		if bytes.Contains(line, []byte(";")) { // the first line with data says
			sep = ';'
		}
		break
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.Comment, r.FieldsPerRecord, r.ReuseRecord = sep, '#', -1, true
	var out []Measurement
	for row := 0; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			pos := Pos{File: file, Line: 1, Col: 1}
			if errors.As(err, &pe) {
				pos = Pos{File: file, Line: pe.Line, Col: pe.Column}
				err = pe.Err
			}
			diags = append(diags, Diag("front-matter", pos, fmt.Sprintf("measurements: %v", err)))
			break // the reader cannot go on reliably after a quoting error
		}
		line, _ := r.FieldPos(0) // a record without error has a field
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 {
			diags = append(diags, Diag("front-matter", Pos{File: file, Line: line, Col: 1}, "measurements: a line must be date,value"))
			continue
		}
		dt, derr := ParseDate(rec[0])
		if derr != nil {
			if row == 0 { // a header line: date,value / datum,waarde
				continue
			}
			diags = append(diags, Diag("front-matter", Pos{File: file, Line: line, Col: 1}, "measurements: "+derr.Error()))
			continue
		}
		v, verr := ParseNumber(rec[1])
		if verr != nil {
			_, col := r.FieldPos(1)
			diags = append(diags, Diag("front-matter", Pos{File: file, Line: line, Col: col}, "measurements: "+verr.Error()))
			continue
		}
		out = append(out, Measurement{Date: dt, Value: v, Pos: Pos{File: file, Line: line, Col: 1}})
	}
	return out, diags
}

// decodeTasks decodes the `tasks:` of a person or role in people.yaml.
func decodeTasks(d *decoder, n *yaml.Node) []Task {
	var out []Task
	d.list(n, "tasks", func(item *yaml.Node) {
		t := Task{Pos: d.pos(item)}
		d.fields(item, "a task", map[string]func(string, *yaml.Node){
			"task": func(k string, v *yaml.Node) { t.Task = strings.TrimSpace(d.str(k, v)) },
			"hours_per_week": func(k string, v *yaml.Node) {
				if h, ok := d.number(k, v); ok {
					if h < 0 || h > 168 {
						d.errorf(v, "hours_per_week must be from 0 to 168, not %s", v.Value)
					} else {
						t.Hours = h
					}
				}
			},
			"pages": func(k string, v *yaml.Node) { t.Pages = d.refs(k, v) },
		})
		if t.Task == "" {
			d.errorf(item, "a task needs a description (task)")
		}
		out = append(out, t)
	})
	return out
}

// Hours returns the hours per week of tasks together.
func Hours(tasks []Task) float64 {
	var h float64
	for _, t := range tasks {
		h += t.Hours
	}
	return h
}
