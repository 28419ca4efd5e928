package search

import "fmt"

// Dates are found however they are written: "17 maart 2026", "March 17,
// 2026", "2026-03-17" and "17-03-2026" all give the term "20260317", and
// also "202603", the term of "maart 2026". A page is indexed under the
// date terms of its text and facts besides its words, and engine.js turns
// a date in a query into the same term (findDates there), so that a query
// for a date finds the pages that name it in any of these forms.

// monthOf numbers the folded names of the months in Dutch and English and
// their usual abbreviations; engine.js has the same table.
var monthOf = map[string]int{
	"januari": 1, "january": 1, "jan": 1,
	"februari": 2, "february": 2, "feb": 2,
	"maart": 3, "march": 3, "mrt": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"augustus": 8, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// number returns w as a number when it has 1 to max digits.
func number(w string, max int) (int, bool) {
	if len(w) == 0 || len(w) > max || !isDigits(w) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		n = n*10 + int(w[i]-'0')
	}
	return n, true
}

func isDay(w string) (int, bool) {
	d, ok := number(w, 2)
	return d, ok && d >= 1 && d <= 31
}

func isMonthNumber(w string) (int, bool) {
	m, ok := number(w, 2)
	return m, ok && m >= 1 && m <= 12
}

func isYear(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	y, ok := number(w, 4)
	return y, ok && y >= 1900 && y <= 2099
}

// dateAt returns the number of words of the date that starts at ws[i],
// with its year, month and day (0 for a month alone), or 0 when no date
// starts there. Every form has a number first or second, so most words
// are passed over without looking them up.
func dateAt(ws []string, i int) (n, y, m, d int) {
	at := func(k int) string {
		if i+k < len(ws) {
			return ws[i+k]
		}
		return ""
	}
	a, b := at(0), at(1)
	digit := func(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }
	switch {
	case digit(a):
		c := at(2)
		if d, ok := isDay(a); ok {
			if m, ok := monthOf[b]; ok {
				if y, ok := isYear(c); ok {
					return 3, y, m, d // 17 maart 2026
				}
			}
			if m, ok := isMonthNumber(b); ok {
				if y, ok := isYear(c); ok {
					return 3, y, m, d // 17-03-2026
				}
			}
		}
		if y, ok := isYear(a); ok {
			if m, ok := isMonthNumber(b); ok {
				if d, ok := isDay(c); ok {
					return 3, y, m, d // 2026-03-17
				}
			}
		}
	case digit(b):
		if m, ok := monthOf[a]; ok {
			if d, ok := isDay(b); ok {
				if y, ok := isYear(at(2)); ok {
					return 3, y, m, d // March 17, 2026
				}
			}
			if y, ok := isYear(b); ok {
				return 2, y, m, 0 // maart 2026
			}
		}
	}
	return 0, 0, 0, 0
}

// dateTerms returns the terms of the dates in the folded words ws, in
// order: "20260317" and "202603" for a day, "202603" for a month.
func dateTerms(ws []string) []string {
	var out []string
	for i := 0; i < len(ws); {
		n, y, m, d := dateAt(ws, i)
		if n == 0 {
			i++
			continue
		}
		if d > 0 {
			out = append(out, fmt.Sprintf("%04d%02d%02d", y, m, d))
		}
		out = append(out, fmt.Sprintf("%04d%02d", y, m))
		i += n
	}
	return out
}

// indexWords folds text and returns the words the index holds for it:
// its words without stop words, then the terms of its dates.
func indexWords(text string) []string {
	ws := words(fold(text))
	dates := dateTerms(ws)
	out := ws[:0]
	for _, w := range ws {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return append(out, dates...)
}
