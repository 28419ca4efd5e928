package view

import (
	"testing"
	"time"
)

func TestDateFmt(t *testing.T) {
	nl, en := NewDates("nl"), NewDates("en")
	day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC) // a Thursday
	for _, c := range []struct{ got, want string }{
		{nl.Date(day), "5 maart 2026"},
		{en.Date(day), "5 March 2026"},
		{nl.DateLong(day), "donderdag 5 maart 2026"},
		{en.DateLong(day), "Thursday 5 March 2026"},
		{nl.Weekday(time.Monday), "maandag"},
		{en.Weekday(time.Sunday), "Sunday"},
		{nl.Month(time.October), "oktober"},
		{NewDates("de").Month(time.May), "May"}, // another language gets English
		{nl.Duration(45 * time.Minute), "45 minuten"},
		{nl.Duration(time.Minute), "1 minuut"},
		{nl.Duration(time.Hour), "1 uur"},
		{nl.Duration(2 * time.Hour), "2 uur"},
		{nl.Duration(90 * time.Minute), "1 uur en 30 minuten"},
		{en.Duration(45 * time.Minute), "45 minutes"},
		{en.Duration(time.Hour), "1 hour"},
		{en.Duration(150 * time.Minute), "2 hours 30 minutes"},
		{en.Ordinal(1), "1st"}, {en.Ordinal(2), "2nd"}, {en.Ordinal(3), "3rd"}, {en.Ordinal(11), "11th"},
		{en.Ordinal(12), "12th"}, {en.Ordinal(13), "13th"}, {en.Ordinal(22), "22nd"}, {nl.Ordinal(15), "15e"},
		{nl.Date(time.Time{}), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDateFmtSchedule(t *testing.T) {
	may7 := time.Date(2026, 5, 7, 0, 0, 0, 0, time.UTC)
	jan15 := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	dec3 := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		s      Schedule
		nl, en string
	}{
		{Schedule{Frequency: "monthly", Weekday: "thursday", Time: "14:00", Duration: "1h", Starts: may7},
			"elke eerste donderdag van de maand, 14:00–15:00", "the first Thursday of every month, 14:00–15:00"},
		{Schedule{Frequency: "weekly", Weekday: "dinsdag", Time: "09:30", Duration: "45m"},
			"elke dinsdag, 09:30–10:15", "every Tuesday, 09:30–10:15"},
		{Schedule{Frequency: "Weekly", Weekday: "MON", Time: "9.30"}, "elke maandag, 09:30", "every Monday, 09:30"},
		{Schedule{Frequency: "biweekly", Weekday: "fri", Time: "16:00", Duration: "30m"},
			"om de week op vrijdag, 16:00–16:30", "every other Friday, 16:00–16:30"},
		{Schedule{Frequency: "monthly", Starts: jan15, Time: "10:00"}, "maandelijks op de 15e, 10:00", "monthly on the 15th, 10:00"},
		{Schedule{Frequency: "monthly", Starts: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)},
			"maandelijks op de laatste dag van de maand", "monthly on the last day of the month"},
		{Schedule{Frequency: "quarterly", Weekday: "wednesday", Duration: "2h"},
			"elk kwartaal op de eerste woensdag van de maand, 2 uur", "quarterly, on the first Wednesday of the month, 2 hours"},
		{Schedule{Starts: dec3, Duration: "1h30m"}, "donderdag 3 december 2026, 1 uur en 30 minuten", "Thursday 3 December 2026, 1 hour 30 minutes"},
		{Schedule{Frequency: "weekly", Starts: jan15, Time: "23:30", Duration: "1h"}, "elke donderdag, 23:30–00:30", "every Thursday, 23:30–00:30"},
		// what it cannot read stays as written, never a label key
		{Schedule{Frequency: "af en toe", Weekday: "ergens", Time: "vroeg", Duration: "lang"}, "af en toe, ergens, vroeg", "af en toe, ergens, vroeg"},
		{Schedule{Frequency: "maandelijks", Weekday: "do", Time: "14:00", Duration: "1h"}, "maandelijks, donderdag, 14:00–15:00", "monthly, Thursday, 14:00–15:00"},
	} {
		if got := NewDates("nl").Schedule(c.s); got != c.nl {
			t.Errorf("nl %+v: got %q, want %q", c.s, got, c.nl)
		}
		if got := NewDates("en").Schedule(c.s); got != c.en {
			t.Errorf("en %+v: got %q, want %q", c.s, got, c.en)
		}
	}
}

func TestFreqLabels(t *testing.T) {
	for _, c := range []struct{ in, nl, en string }{
		{"weekly", "wekelijks", "weekly"}, {"wekelijks", "wekelijks", "weekly"}, {"Per kwartaal", "per kwartaal", "quarterly"},
		{"maandelijks", "maandelijks", "monthly"}, {"om de dag", "om de dag", "om de dag"},
	} {
		if got := NewDates("nl").Freq(c.in); got != c.nl {
			t.Errorf("nl %q: got %q, want %q", c.in, got, c.nl)
		}
		if got := NewDates("en").Freq(c.in); got != c.en {
			t.Errorf("en %q: got %q, want %q", c.in, got, c.en)
		}
	}
}
