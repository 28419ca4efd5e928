package content

import (
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Config is the decoded handover.yaml.
type Config struct {
	Title        string
	Language     string // UI language: "nl" or "en"
	Organisation string
	Theme        string
	ThemePos     Pos // of the theme's value
	BaseURL      string
	EditURL      string // edit_url: the prefix of a page's "edit this page" link, followed by its file
	Robots       string // the robots meta value; "noindex, nofollow" unless set
	Interim      struct {
		Name  string
		Until Date
	}
	Commitment struct {
		By          Ref
		Date        Date
		Document    string
		Pos         Pos // of the commitment key
		DocumentPos Pos // of the document's value
	}
	Versions struct {
		Tags string
	}
	// Calendar.ID names the site in its calendars' event UIDs
	// (calendar.id); empty means one derived from BaseURL or the title.
	Calendar struct {
		ID string
	}
	Checks   map[string]Severity
	CheckPos map[string]Pos
	Unsafe   bool // markdown.unsafe: raw HTML in content is kept
	// Search.Synonyms are groups of words that search treats as the same
	// (search.synonyms: [[storing, incident, uitval], …]).
	Search struct {
		Synonyms [][]string
	}
	// Print configures the print dossier and its PDF (print.paper: "a4",
	// the default when empty, or "letter").
	Print struct {
		Paper string
	}
	Signoff []Signatory // who signs the print dossier (signoff), in order
	// Capacity is the most hours a week of handover tasks one person is
	// given before the capacity rule warns (capacity.hours_per_week);
	// zero means the default, 8.
	Capacity struct {
		HoursPerWeek float64
	}
}

// Signatory is one entry of signoff in handover.yaml: who signs the print
// dossier, by a person or role id of people.yaml (a role stands for each
// of its members) or by name, and in what capacity.
type Signatory struct {
	By   Ref
	Name string
	Role string
}

var configKeys = []string{"title", "language", "organisation", "organization", "theme", "base_url", "baseurl", "robots", "interim",
	"commitment", "versions", "checks", "markdown", "calendar", "print", "signoff", "search", "capacity", "edit_url"}

// decodeConfig decodes handover.yaml; unknown keys are named with a suggestion.
func decodeConfig(file string, src []byte, diags *Diagnostics) Config {
	c := Config{Language: "nl", Robots: "noindex, nofollow", Checks: map[string]Severity{}, CheckPos: map[string]Pos{}}
	d := &decoder{file: file, rule: "config", diags: diags}
	root := d.mapping(src)
	if root == nil {
		return c
	}
	for _, kv := range d.pairs(root) {
		k, v := kv[0].Value, kv[1]
		switch k {
		case "title":
			c.Title = d.str(k, v)
		case "language":
			c.Language = d.oneOf(k, v, []string{"nl", "en"})
		case "organisation", "organization":
			c.Organisation = d.str(k, v)
		case "theme":
			c.Theme, c.ThemePos = d.str(k, v), d.pos(v)
		case "base_url", "baseurl":
			c.BaseURL = d.baseURL(k, v)
		case "robots":
			c.Robots = d.str(k, v)
		case "edit_url":
			c.EditURL = d.editURL(k, v)
		case "interim":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"name":  func(k string, v *yaml.Node) { c.Interim.Name = d.str(k, v) },
				"until": func(k string, v *yaml.Node) { c.Interim.Until = d.date(k, v) },
			})
		case "commitment":
			c.Commitment.Pos = d.pos(kv[0])
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"by":       func(k string, v *yaml.Node) { c.Commitment.By = d.ref(k, v) },
				"date":     func(k string, v *yaml.Node) { c.Commitment.Date = d.date(k, v) },
				"document": func(k string, v *yaml.Node) { c.Commitment.Document, c.Commitment.DocumentPos = d.str(k, v), d.pos(v) },
			})
		case "versions":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"tags": func(k string, v *yaml.Node) { c.Versions.Tags = d.str(k, v) },
			})
		case "calendar":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"id": func(k string, v *yaml.Node) { c.Calendar.ID = d.calendarID(k, v) },
			})
		case "print":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"paper": func(k string, v *yaml.Node) { c.Print.Paper = d.oneOf(k, v, []string{"a4", "letter"}) },
			})
		case "signoff":
			d.list(v, k, func(n *yaml.Node) { c.Signoff = append(c.Signoff, decodeSignatory(d, n)) })
		case "checks":
			decodeChecks(d, v, &c)
		case "markdown":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"unsafe": func(k string, v *yaml.Node) { c.Unsafe = ptrTrue(d.boolean(k, v)) },
			})
		case "capacity":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"hours_per_week": func(k string, v *yaml.Node) {
					if h, ok := d.number(k, v); ok && h <= 0 {
						d.errorf(v, "capacity.hours_per_week must be more than 0, not %s", v.Value)
					} else if ok {
						c.Capacity.HoursPerWeek = h
					}
				},
			})
		case "search":
			d.fields(v, k, map[string]func(string, *yaml.Node){
				"synonyms": func(k string, v *yaml.Node) { c.Search.Synonyms = decodeSynonyms(d, v) },
			})
		default:
			d.warnf(kv[0], "unknown key %q in handover.yaml%s", k, suggest(k, configKeys))
		}
	}
	return c
}

// decodeSignatory decodes one entry of signoff: {by: id, role: text} or
// {name: text, role: text}.
func decodeSignatory(d *decoder, n *yaml.Node) Signatory {
	var x Signatory
	d.fields(n, "signoff", map[string]func(string, *yaml.Node){
		"by":   func(k string, v *yaml.Node) { x.By = d.ref(k, v) },
		"name": func(k string, v *yaml.Node) { x.Name = strings.TrimSpace(d.str(k, v)) },
		"role": func(k string, v *yaml.Node) { x.Role = strings.TrimSpace(d.str(k, v)) },
	})
	if x.By.IsZero() && x.Name == "" {
		d.errorf(n, "each item of signoff needs by (a person or role id of people.yaml) or name")
	}
	return x
}

// checkTheme reports a theme that is neither the built-in "default" nor a
// folder themes/NAME of the site in fsys; the build would use the built-in
// theme in its place without a word.
func (c *Config) checkTheme(fsys fs.FS, diags *Diagnostics) {
	if c.Theme == "" || c.Theme == "default" {
		return
	}
	if fs.ValidPath(c.Theme) && c.Theme != "." && !strings.Contains(c.Theme, "/") {
		if fi, err := fs.Stat(fsys, "themes/"+c.Theme); err == nil && fi.IsDir() {
			return
		}
	}
	known := []string{"default"}
	entries, _ := fs.ReadDir(fsys, "themes")
	for _, e := range entries {
		if e.IsDir() {
			known = append(known, e.Name())
		}
	}
	*diags = append(*diags, Diag("config", c.ThemePos, fmt.Sprintf("unknown theme %q: the site has no folder themes/%s, and the built-in theme is \"default\"%s",
		c.Theme, c.Theme, suggest(c.Theme, known))))
}

func decodeChecks(d *decoder, v *yaml.Node, c *Config) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "checks must map rule ids to error, warning or off")
		return
	}
	for _, kv := range d.pairs(v) {
		rule := kv[0].Value
		if _, ok := Rules[rule]; !ok {
			d.warnf(kv[0], "unknown check %q%s", rule, suggest(rule, RuleIDs()))
			continue
		}
		switch strings.ToLower(d.str(rule, kv[1])) {
		case "error":
			c.Checks[rule] = Error
		case "warning", "warn":
			c.Checks[rule] = Warning
		case "off", "false", "ignore":
			c.Checks[rule] = Off
		default:
			d.errorf(kv[1], "level of %s must be error, warning or off", rule)
			continue
		}
		c.CheckPos[rule] = d.pos(kv[0])
	}
}

// decodeSynonyms decodes search.synonyms: a list of groups, each a list of
// at least two words or phrases.
func decodeSynonyms(d *decoder, v *yaml.Node) [][]string {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "search.synonyms must be a list of groups, such as [[storing, incident, uitval]], not a %s", kindName(v))
		return nil
	}
	var out [][]string
	for _, item := range v.Content {
		item = deref(item)
		if item.Kind != yaml.SequenceNode || len(item.Content) < 2 {
			d.errorf(item, "each group of search.synonyms must list two or more words, such as [storing, incident, uitval]")
			continue
		}
		if g := d.strs("each synonym group", item); len(g) >= 2 {
			out = append(out, g)
		}
	}
	return out
}

// mapping parses src and returns its top-level mapping, or nil after a diagnostic.
func (d *decoder) mapping(src []byte) *yaml.Node {
	root, ok := d.parseYAML(src)
	if !ok || root == nil {
		return nil
	}
	root = deref(root)
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "%s must be a mapping of keys to values, not a %s", d.file, kindName(root))
		return nil
	}
	return root
}

// fields decodes a nested mapping with one setter per known key.
func (d *decoder) fields(n *yaml.Node, parent string, set map[string]func(string, *yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not a %s", parent, kindName(n))
		return
	}
	known := make([]string, 0, len(set))
	for k := range set {
		known = append(known, k)
	}
	for _, kv := range d.pairs(n) {
		if f, ok := set[kv[0].Value]; ok {
			f(kv[0].Value, kv[1])
			continue
		}
		d.warnf(kv[0], "unknown key %q under %s%s", kv[0].Value, parent, suggest(kv[0].Value, known))
	}
}

// calendarID decodes calendar.id: the part after "@" of every event UID,
// so it must be one word a calendar app keeps as it is.
func (d *decoder) calendarID(key string, n *yaml.Node) string {
	id := strings.TrimSpace(d.str(key, n))
	if strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '@' }) {
		d.errorf(n, "calendar %s %q must be one word without spaces or \"@\", such as overdracht.example.nl", key, id)
		return ""
	}
	return id
}

// baseURL decodes base_url, which must be an absolute http or https URL:
// the sitemap, the calendars and the 404 page put it in front of paths.
// editURL decodes edit_url: an absolute http(s) URL, such as the edit
// link of a GitLab or GitHub repository's branch, that a page's file
// follows.
func (d *decoder) editURL(key string, n *yaml.Node) string {
	s := strings.TrimSpace(d.str(key, n))
	if u, err := url.Parse(s); s != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "") {
		d.warnf(n, "%s %q is not an absolute URL such as https://gitlab.example.nl/org/site/-/edit/main/; pages have no edit link", key, s)
		return ""
	}
	return s
}

func (d *decoder) baseURL(key string, n *yaml.Node) string {
	s := strings.TrimSpace(d.str(key, n))
	if u, err := url.Parse(s); s != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "") {
		d.warnf(n, "%s %q is not an absolute URL such as https://intranet.example.nl/overdracht/; it is left out", key, s)
		return ""
	}
	return s
}
