// Expands every event of an iCalendar file with Mozilla's ical.js, the way
// Thunderbird does: the file's own VTIMEZONE is registered, then each
// event's recurrence is iterated up to (not including) an instant.
//
//   node expand.mjs ICAL_JS CALENDAR.ics UNTIL_ISO
//
// prints {"UID": ["2027-01-05T09:00:00.000Z", …], …}: each start in UTC.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [icalPath, file, until] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(icalPath).href)).default;
const comp = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
for (const tz of comp.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(tz);
}
const end = new Date(until);
const out = {};
for (const ve of comp.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(ve);
  const tzid = ve.getFirstProperty("dtstart").getParameter("tzid");
  if (!ev.startDate.zone || ev.startDate.zone.tzid !== tzid || !ev.startDate.zone.component) {
    throw new Error(`${ev.uid}: DTSTART is not in the file's VTIMEZONE ${tzid}`);
  }
  const starts = [];
  const it = ev.iterator();
  for (let next = it.next(); next; next = it.next()) {
    const d = next.toJSDate();
    if (d >= end) break;
    starts.push(d.toISOString());
  }
  out[ev.uid] = starts;
}
console.log(JSON.stringify(out));
