package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/content"
	vw "github.com/handover-dev/handover/generator/view"
)

// The rules report in English: the command line, CI annotations and SARIF
// speak one language. The site speaks its own: the readiness checklist says
// the same findings in the site's language, with dates and intervals as the
// site writes them ("12 mei 2027", "6 maanden"; "12 May 2027", "6 months").
// A finding keeps its format and arguments (content.Diagnostic.Format and
// Args, or a msg), and say puts them in the site's words: the format from
// the catalog below, each argument as the site names it (a page type, a
// date, an interval, a front matter key).

// msg is a message before it is formatted.
type msg struct {
	format string
	args   []any
}

// newMsg keeps a message for the site's language.
func newMsg(format string, args ...any) msg { return msg{format: format, args: args} }

// String returns the message in English.
func (m msg) String() string { return fmt.Sprintf(m.format, englishArgs(m.args)...) }

// field is a front matter key named in a message ("owner"): the site names
// it by its label.
type field string

// frequency is a KPI's or meeting's frequency as written ("weekly").
type frequency string

// say returns the message of format and args in the site's language, or
// english when the catalog has no translation of format.
func (s *Site) say(format string, args []any, english string) string {
	if format == "" || s.Content == nil || s.Label == nil {
		return english
	}
	if s.Content.Config.Language == "nl" {
		nl, ok := dutchMessages[format]
		if !ok {
			return english
		}
		format = nl
	}
	local := make([]any, len(args))
	for i, a := range args {
		local[i] = s.sayArg(a)
	}
	return vw.UpperFirst(fmt.Sprintf(format, local...))
}

// sayMsg returns m in the site's language.
func (s *Site) sayMsg(m msg) string { return s.say(m.format, m.args, m.String()) }

// sayDiag returns the message of a diagnostic in the site's language.
func (s *Site) sayDiag(d content.Diagnostic) string { return s.say(d.Format, d.Args, d.Message) }

// sayArg returns one argument as the site names it.
func (s *Site) sayArg(a any) any {
	switch v := a.(type) {
	case msg:
		return lowerFirst(s.sayMsg(v))
	case content.Kind:
		return lowerFirst(s.label("kind." + string(v)))
	case content.Date:
		if v.IsZero() {
			return ""
		}
		return vw.NewDates(s.Content.Config.Language).Date(v.Time)
	case content.Interval:
		return sayInterval(v, s.Content.Config.Language)
	case field:
		if l := s.label(string(v)); l != string(v) && l != "" {
			return lowerFirst(l)
		}
		return string(v)
	case frequency:
		return vw.NewDates(s.Content.Config.Language).Freq(string(v))
	}
	return a
}

// englishArgs returns the arguments as the English message says them.
func englishArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case msg:
			out[i] = v.String()
		case field:
			out[i] = string(v)
		case frequency:
			out[i] = string(v)
		default:
			out[i] = a
		}
	}
	return out
}

// lowerFirst puts a label in the middle of a sentence: "Werkinstructie"
// becomes "werkinstructie"; an abbreviation ("KPI", "RACI") stays.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || n == len(s) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// sayInterval says a review interval in words: "9 maanden", "1 year".
func sayInterval(iv content.Interval, lang string) string {
	units := [3][2]string{{"year", "years"}, {"month", "months"}, {"day", "days"}}
	and := " and "
	if lang == "nl" {
		units, and = [3][2]string{{"jaar", "jaar"}, {"maand", "maanden"}, {"dag", "dagen"}}, " en "
	}
	var parts []string
	for i, n := range []int{iv.Years, iv.Months, iv.Days} {
		if n != 0 {
			parts = append(parts, vw.Plural(n, units[i][0], units[i][1]))
		}
	}
	return strings.Join(parts, and)
}

// dutchMessages are the messages of the rules, the orphans and the dated
// blockers in Dutch, keyed by their English format; the arguments come in
// the same order. TestDutchMessages holds every format a finding of the
// readiness checklist uses to a translation here.
var dutchMessages = map[string]string{
	// rules
	"%s %q has no owner":                                                                           "%s %q heeft geen eigenaar",
	"process %q has no subject-matter sponsor":                                                     "proces %q heeft geen inhoudelijk sponsor",
	"%s %q has no review date and interval (reviewed, review_every)":                               "%s %q heeft geen reviewdatum en -interval (reviewed, review_every)",
	"review overdue since %s (reviewed %s, every %s)":                                              "review verlopen sinds %s (gecontroleerd op %s, elke %s)",
	"activity %q has %d accountable (A); it needs exactly one":                                     "activiteit %q heeft %d eindverantwoordelijken (A); er moet er precies één zijn",
	"KPI %q is not measurable without %s":                                                          "KPI %q is niet meetbaar zonder %s",
	"open risk %q needs a mitigation and a mitigation_owner":                                       "open risico %q heeft een maatregel en een eigenaar van de maatregel nodig (mitigation, mitigation_owner)",
	"training %q is not completed":                                                                 "training %q is niet afgerond",
	"no written management commitment: add commitment with by, date and document to handover.yaml": "geen schriftelijke managementverklaring: voeg commitment met by, date en document toe aan handover.yaml",
	"the management commitment has no document: add commitment.document (a page, a file under static/ or an http(s) URL) to handover.yaml": "de managementverklaring heeft geen document: voeg commitment.document (een pagina, een bestand onder static/ of een http(s)-URL) toe aan handover.yaml",
	"commitment document %q not found: name a page, a file under static/ or an http(s) URL":                                                "document van de managementverklaring %q niet gevonden: noem een pagina, een bestand onder static/ of een http(s)-URL",
	"no recurring meeting with an agenda keeps the handover alive: add a meeting with frequency and agenda":                                "geen terugkerend overleg met een agenda houdt de overdracht levend: voeg een overleg toe met frequency en agenda",
	"%s has %s hours a week of handover tasks, more than the %s hours a week the site allows (capacity.hours_per_week)":                    "%s heeft %s uur per week aan overdrachtstaken, meer dan de %s uur per week die de site toestaat (capacity.hours_per_week)",
	"KPI %q was last measured on %s; measured %s, it is stale from %s":                                                                     "KPI %q is het laatst gemeten op %s; hij wordt %s gemeten en is verouderd vanaf %s",
	"milestone %q was due on %s and is not done":                                                                                           "mijlpaal %q was gepland op %s en is niet afgerond",
	// orphans
	"nobody is accountable for process %q: its RACI activities have no A": "niemand is eindverantwoordelijk voor proces %q: de RACI-activiteiten hebben geen A",
	"%s %s has no members left; hand %s over to someone else":             "%s %s heeft geen leden meer; draag %s over aan iemand anders",
	"%s %s left on %s; hand %s over to someone else":                      "%s %s is vertrokken op %s; draag %s over aan iemand anders",
	"%s %q is not in people.yaml":                                         "%s %q staat niet in people.yaml",
	"%s has no %s":                                                        "%s heeft geen %s",
	"%s %q":                                                               "%s %q",
	"activity %q":                                                         "activiteit %q",
	"accountable (A)":                                                     "eindverantwoordelijke (A)",
}
