package generator

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/calendar"
)

// dateFmt writes dates, weekdays, months, durations and meeting schedules
// in the site's language ("nl" or "en"; any other language gets English):
// a Dutch site says "elke eerste donderdag van de maand, 14:00–15:00",
// never "thursday 14:00 (1h)". The templates reach it through the view
// (Date, DateLong, Weekday, Duration, Schedule, Freq); build-time dates of
// other outputs can use it directly with newDateFmt.
type dateFmt struct{ lang string }

// newDateFmt returns the formatter of a language.
func newDateFmt(lang string) dateFmt {
	if lang != "nl" {
		lang = "en"
	}
	return dateFmt{lang: lang}
}

var weekdayNames = map[string][7]string{
	"nl": {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// Month returns the name of a month: "maart", "March".
func (f dateFmt) Month(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return months[f.lang][m-1]
}

// Weekday returns the name of a weekday: "donderdag", "Thursday".
func (f dateFmt) Weekday(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return weekdayNames[f.lang][d]
}

// Date returns "20 november 2026" or "20 November 2026"; "" for the zero time.
func (f dateFmt) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + f.Month(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateLong returns the date with its weekday: "vrijdag 20 november 2026",
// "Friday 20 November 2026".
func (f dateFmt) DateLong(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return f.Weekday(t.Weekday()) + " " + f.Date(t)
}

// Duration returns a length of time in words: "45 minuten", "1 uur en 30
// minuten"; "45 minutes", "1 hour 30 minutes". Seconds are dropped.
func (f dateFmt) Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var hours, mins string
	switch f.lang {
	case "nl":
		hours = strconv.Itoa(h) + " uur"
		mins = plural(m, "minuut", "minuten")
	default:
		hours = plural(h, "hour", "hours")
		mins = plural(m, "minute", "minutes")
	}
	switch {
	case h == 0:
		return mins
	case m == 0:
		return hours
	case f.lang == "nl":
		return hours + " en " + mins
	}
	return hours + " " + mins
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Ordinal returns a day of the month as an ordinal: "15e", "15th".
func (f dateFmt) Ordinal(n int) string {
	s := strconv.Itoa(n)
	if f.lang == "nl" {
		return s + "e"
	}
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "th"
	case n%10 == 1:
		return s + "st"
	case n%10 == 2:
		return s + "nd"
	case n%10 == 3:
		return s + "rd"
	}
	return s + "th"
}

// clockSpan returns "14:00–15:00" for a start time and a length, "14:00"
// without a length; a time it cannot read is returned as written.
func clockSpan(at string, d time.Duration) string {
	h, m, err := calendar.ParseClock(at)
	if err != nil {
		return strings.TrimSpace(at)
	}
	start := time.Date(2000, 1, 1, h, m, 0, 0, time.UTC)
	s := start.Format("15:04")
	if d > 0 {
		s += "–" + start.Add(d).Format("15:04")
	}
	return s
}

// Schedule is when a meeting is held, as its front matter says it.
type Schedule struct {
	Frequency, Weekday, Time, Duration string
	Starts                             time.Time
}

// Schedule describes when a meeting is held, in words, following the
// recurrence its calendar gets (generator/calendar): a monthly or
// quarterly meeting with a weekday is on the first such day of the month;
// without a weekday on the day of the month it starts.
//
//	weekly, tuesday, 09:30, 45m   → elke dinsdag, 09:30–10:15
//	monthly, thursday, 14:00, 1h  → elke eerste donderdag van de maand, 14:00–15:00
//	monthly, start on the 15th    → maandelijks op de 15e
func (f dateFmt) Schedule(s Schedule) string {
	nl := f.lang == "nl"
	wdName, hasWD := "", false
	if s.Weekday != "" {
		if wd, ok := calendar.ParseWeekday(s.Weekday); ok {
			wdName, hasWD = f.Weekday(wd), true
		} else {
			wdName = strings.TrimSpace(s.Weekday)
		}
	} else if !s.Starts.IsZero() {
		wdName, hasWD = f.Weekday(s.Starts.Weekday()), true
	}
	day := ""
	if !s.Starts.IsZero() {
		if s.Starts.Day() >= 31 {
			day = map[bool]string{true: "op de laatste dag van de maand", false: "on the last day of the month"}[nl]
		} else if nl {
			day = "op de " + f.Ordinal(s.Starts.Day())
		} else {
			day = "on the " + f.Ordinal(s.Starts.Day())
		}
	}
	byDay := s.Weekday != "" && hasWD
	var when string
	freq, known := calendar.ParseFrequency(s.Frequency)
	switch {
	case strings.TrimSpace(s.Frequency) == "":
		if !s.Starts.IsZero() {
			when = f.DateLong(s.Starts)
		}
	case !known && wdName != "":
		when = f.Freq(s.Frequency) + ", " + wdName
	case !known:
		when = f.Freq(s.Frequency)
	case freq == calendar.Weekly && wdName != "":
		when = pick(nl, "elke "+wdName, "every "+wdName)
	case freq == calendar.Weekly:
		when = pick(nl, "wekelijks", "weekly")
	case freq == calendar.Biweekly && wdName != "":
		when = pick(nl, "om de week op "+wdName, "every other "+wdName)
	case freq == calendar.Biweekly:
		when = pick(nl, "tweewekelijks", "every two weeks")
	case freq == calendar.Monthly && byDay:
		when = pick(nl, "elke eerste "+wdName+" van de maand", "the first "+wdName+" of every month")
	case freq == calendar.Monthly && day != "":
		when = pick(nl, "maandelijks ", "monthly ") + day
	case freq == calendar.Monthly:
		when = pick(nl, "maandelijks", "monthly")
	case freq == calendar.Quarterly && byDay:
		when = pick(nl, "elk kwartaal op de eerste "+wdName+" van de maand", "quarterly, on the first "+wdName+" of the month")
	case freq == calendar.Quarterly && day != "":
		when = pick(nl, "elk kwartaal ", "quarterly ") + day
	default:
		when = pick(nl, "elk kwartaal", "quarterly")
	}
	var dur time.Duration
	if s.Duration != "" {
		if d, err := calendar.ParseDuration(s.Duration); err == nil {
			dur = d
		}
	}
	var parts []string
	if when != "" {
		parts = append(parts, when)
	}
	switch {
	case strings.TrimSpace(s.Time) != "":
		parts = append(parts, clockSpan(s.Time, dur))
	case dur > 0:
		parts = append(parts, f.Duration(dur))
	case s.Duration != "":
		parts = append(parts, strings.TrimSpace(s.Duration))
	}
	return strings.Join(parts, ", ")
}

func pick(nl bool, dutch, english string) string {
	if nl {
		return dutch
	}
	return english
}

// freqKeys maps how a frequency may be written, in either language, to
// its label key (freq.KEY in themes/default/i18n).
var freqKeys = map[string]string{
	"daily": "daily", "dagelijks": "daily",
	"weekly": "weekly", "wekelijks": "weekly",
	"biweekly": "biweekly", "tweewekelijks": "biweekly", "fortnightly": "biweekly",
	"monthly": "monthly", "maandelijks": "monthly",
	"quarterly": "quarterly", "per kwartaal": "quarterly", "kwartaal": "quarterly", "driemaandelijks": "quarterly",
	"yearly": "yearly", "annually": "yearly", "jaarlijks": "yearly",
}

// Freq returns the label of a frequency written in either language
// ("wekelijks", "weekly"), or the frequency as written when it is none of
// them: never a label key.
func (f dateFmt) Freq(s string) string {
	key, ok := freqKeys[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return strings.TrimSpace(s)
	}
	return freqLabels[f.lang][key]
}

// freqLabels are the frequency labels of both languages, as in i18n/*.yaml
// (freq.*); the view prefers the theme's labels (view.Freq).
var freqLabels = map[string]map[string]string{
	"nl": {"daily": "dagelijks", "weekly": "wekelijks", "biweekly": "tweewekelijks", "monthly": "maandelijks", "quarterly": "per kwartaal", "yearly": "jaarlijks"},
	"en": {"daily": "daily", "weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly"},
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// The formatter as the templates see it.

func (v *view) dates() dateFmt { return newDateFmt(v.Lang()) }

// DateLong formats a date with its weekday: "vrijdag 20 november 2026".
func (v *view) DateLong(d content.Date) string { return v.dates().DateLong(d.Time) }

// Weekday names a weekday written in either language ("thursday",
// "do") in the site's language; what it cannot read stays as written.
func (v *view) Weekday(s string) string {
	if wd, ok := calendar.ParseWeekday(s); ok {
		return v.dates().Weekday(wd)
	}
	return s
}

// Duration writes a length of time given as "45m" or "1h30m" in words
// ("45 minuten"); what it cannot read stays as written.
func (v *view) Duration(s string) string {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return s
	}
	return v.dates().Duration(d)
}

// Schedule describes when the meeting p is held: "elke dinsdag,
// 09:30–10:15". It is "" for a page without frequency, weekday, time or
// start.
func (v *view) Schedule(p *content.Page) string {
	m := &p.Meta
	if m.Frequency == "" && m.Weekday == "" && m.Time == "" && m.Starts.IsZero() && m.Duration == "" {
		return ""
	}
	return upperFirst(v.dates().Schedule(Schedule{Frequency: m.Frequency, Weekday: m.Weekday, Time: m.Time,
		Duration: m.Duration, Starts: m.Starts.Time}))
}

// Freq returns the label of a frequency written in either language; one
// it does not know stays as written, so no label key ever shows.
func (v *view) Freq(s string) string {
	key, ok := freqKeys[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return strings.TrimSpace(s)
	}
	if l, ok := v.b.theme.Labels["freq."+key]; ok {
		return l
	}
	return v.dates().Freq(s)
}
