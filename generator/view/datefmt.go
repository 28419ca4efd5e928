package view

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/generator/calendar"
)

// Dates writes dates, weekdays, months, durations and meeting schedules
// in the site's language ("nl" or "en"; any other language gets English):
// a Dutch site says "elke eerste donderdag van de maand, 14:00–15:00",
// never "thursday 14:00 (1h)". The templates reach it through the view
// (Date, DateLong, Weekday, Duration, Schedule, Freq); build-time dates of
// other outputs can use it directly with NewDates.
type Dates struct{ lang string }

// NewDates returns the formatter of a language.
func NewDates(lang string) Dates {
	if lang != "nl" {
		lang = "en"
	}
	return Dates{lang: lang}
}

var months = map[string][]string{
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var weekdayNames = map[string][7]string{
	"nl": {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// Month returns the name of a month: "maart", "March".
func (f Dates) Month(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return months[f.lang][m-1]
}

// MonthNames returns the names of the months, January first; the caller
// gets its own copy.
func (f Dates) MonthNames() []string { return append([]string(nil), months[f.lang]...) }

// WeekdayNames returns the names of the weekdays, Sunday first.
func (f Dates) WeekdayNames() [7]string { return weekdayNames[f.lang] }

// Weekday returns the name of a weekday: "donderdag", "Thursday".
func (f Dates) Weekday(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return weekdayNames[f.lang][d]
}

// Date returns "20 november 2026" or "20 November 2026"; "" for the zero time.
func (f Dates) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + f.Month(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateLong returns the date with its weekday: "vrijdag 20 november 2026",
// "Friday 20 November 2026".
func (f Dates) DateLong(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return f.Weekday(t.Weekday()) + " " + f.Date(t)
}

// Duration returns a length of time in words: "45 minuten", "1 uur en 30
// minuten"; "45 minutes", "1 hour 30 minutes". Seconds are dropped.
func (f Dates) Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var hours, mins string
	switch f.lang {
	case "nl":
		hours = strconv.Itoa(h) + " uur"
		mins = Plural(m, "minuut", "minuten")
	default:
		hours = Plural(h, "hour", "hours")
		mins = Plural(m, "minute", "minutes")
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

// Plural returns n with the singular or plural of a word: "1 minuut",
// "45 minuten".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Ordinal returns a day of the month as an ordinal: "15e", "15th".
func (f Dates) Ordinal(n int) string {
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
func (f Dates) Schedule(s Schedule) string {
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

// FreqKey returns the label key of a frequency written in either language
// ("wekelijks", "weekly" → "weekly"; the label is freq.KEY), or false.
func FreqKey(s string) (string, bool) {
	key, ok := freqKeys[strings.ToLower(strings.TrimSpace(s))]
	return key, ok
}

// Freq returns the label of a frequency written in either language
// ("wekelijks", "weekly"), or the frequency as written when it is none of
// them: never a label key.
func (f Dates) Freq(s string) string {
	key, ok := FreqKey(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	return freqLabels[f.lang][key]
}

// freqLabels are the frequency labels of both languages, as in i18n/*.yaml
// (freq.*); the view prefers the theme's labels (the generator's view.Freq).
var freqLabels = map[string]map[string]string{
	"nl": {"daily": "dagelijks", "weekly": "wekelijks", "biweekly": "tweewekelijks", "monthly": "maandelijks", "quarterly": "per kwartaal", "yearly": "jaarlijks"},
	"en": {"daily": "daily", "weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly", "quarterly": "quarterly", "yearly": "yearly"},
}

// UpperFirst returns s with its first letter in upper case.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
