package generator

import (
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	vw "github.com/handover-dev/handover/generator/view"
)

// The readable diff of a page between two versions (layouts/changes.html)
// is computed in package view; the names of fields and values come from
// the site and its theme.

// Fields returns the front matter keys that differ between the versions,
// in the order of the new version, removed keys last.
func (d *DiffPage) Fields() []vw.FieldChange {
	if d.view == nil {
		return nil
	}
	return vw.Fields(d.old, d.new, d.view.fieldNames())
}

// fieldNames names fields and values for the diff, as the site does.
func (v *view) fieldNames() vw.FieldNames {
	return vw.FieldNames{Label: v.fieldLabel, Value: v.fieldValue}
}

// fieldLabel names a front matter key in the site language: its label
// when the theme has one, else the key as written.
func (v *view) fieldLabel(key string) string {
	return vw.FieldLabel(key, func(k string) (string, bool) {
		l, ok := v.b.theme.Labels[k]
		return l, ok
	})
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// fieldValue writes a front matter value as readers read it: people, roles
// and pages by name, dates, statuses, frequencies, weekdays and durations
// in the site language, lists joined with commas.
func (v *view) fieldValue(key string, n *yaml.Node) string {
	switch n.Kind {
	case yaml.AliasNode:
		return v.fieldValue(key, n.Alias)
	case yaml.SequenceNode:
		parts := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind == yaml.MappingNode {
				parts = append(parts, vw.RowValue(c, v.fieldNames()))
			} else {
				parts = append(parts, v.fieldValue(key, c))
			}
		}
		sep := ", "
		if len(parts) > 0 && n.Content[0].Kind == yaml.MappingNode {
			sep = " | "
		}
		return strings.Join(parts, sep)
	case yaml.MappingNode:
		return vw.RowValue(n, v.fieldNames())
	}
	s := strings.TrimSpace(n.Value)
	switch {
	case s == "" || n.Tag == "!!null":
		return ""
	case key == "status":
		return v.Status(strings.ToLower(s))
	case key == "frequency":
		return v.Freq(s)
	case key == "weekday":
		return v.Weekday(s)
	case key == "duration":
		return v.Duration(s)
	case n.Tag == "!!bool":
		if strings.EqualFold(s, "true") || strings.EqualFold(s, "yes") {
			return v.T("yes")
		}
		return v.T("no")
	case isoDate.MatchString(s):
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return v.dates().Date(t)
		}
	}
	return v.refName(s)
}

// refName returns the name of the person, role or page an id names in the
// current site, or the text as written.
func (v *view) refName(s string) string {
	site := v.b.site
	if p := site.Person(s); p != nil {
		return p.Name
	}
	if r := site.Role(s); r != nil {
		return r.Name
	}
	if p := site.PageByID(s); p != nil && p.Title != "" {
		return p.Title
	}
	return s
}
