package calendar

import "fmt"

// zone is a time zone that follows the European Union's summer time rule:
// summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October.
type zone struct {
	id                 string
	standard, daylight string // abbreviations, such as CET and CEST
	offset             int    // standard offset from UTC in whole hours
}

// lookupZone returns the rules of a supported IANA time zone.
func lookupZone(id string) (zone, bool) {
	switch id {
	case "Europe/Amsterdam", "Europe/Brussels", "Europe/Luxembourg",
		"Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome",
		"Europe/Vienna", "Europe/Zurich", "Europe/Copenhagen",
		"Europe/Oslo", "Europe/Stockholm", "Europe/Warsaw",
		"Europe/Prague", "Europe/Budapest":
		return zone{id, "CET", "CEST", 1}, true
	case "Europe/London":
		return zone{id, "GMT", "BST", 0}, true
	case "Europe/Dublin":
		return zone{id, "GMT", "IST", 0}, true
	case "Europe/Lisbon":
		return zone{id, "WET", "WEST", 0}, true
	case "Europe/Helsinki", "Europe/Athens", "Europe/Riga",
		"Europe/Tallinn", "Europe/Vilnius", "Europe/Sofia",
		"Europe/Bucharest":
		return zone{id, "EET", "EEST", 2}, true
	}
	return zone{}, false
}

// SupportedTimeZone reports whether a Calendar can be written in the IANA
// time zone id.
func SupportedTimeZone(id string) bool {
	_, ok := lookupZone(id)
	return ok
}

// write writes the VTIMEZONE. The switch happens at 01:00 UTC, which is
// 01:00 + offset in standard time (spring) and 01:00 + offset + 1 in
// summer time (autumn); 1970 is the first year the rules are given for,
// as Google Calendar and most libraries write it.
func (z zone) write(w *lineWriter) {
	w.line("BEGIN:VTIMEZONE")
	w.text("TZID", z.id)
	w.text("X-LIC-LOCATION", z.id)
	z.writeRule(w, "DAYLIGHT", z.daylight, z.offset, z.offset+1, "19700329", "3")
	z.writeRule(w, "STANDARD", z.standard, z.offset+1, z.offset, "19701025", "10")
	w.line("END:VTIMEZONE")
}

// writeRule writes one STANDARD or DAYLIGHT sub-component; date is the
// last Sunday of month in 1970.
func (z zone) writeRule(w *lineWriter, kind, name string, from, to int, date, month string) {
	w.line("BEGIN:" + kind)
	w.line(fmt.Sprintf("TZOFFSETFROM:%+03d00", from))
	w.line(fmt.Sprintf("TZOFFSETTO:%+03d00", to))
	w.text("TZNAME", name)
	w.line(fmt.Sprintf("DTSTART:%sT%02d0000", date, 1+from))
	w.line("RRULE:FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=-1SU")
	w.line("END:" + kind)
}
