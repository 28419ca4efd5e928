"""Expands every event of an iCalendar file with Python's icalendar (the
parser) and dateutil (its RRULE), as Python calendar tools do.

    python3 expand.py CALENDAR.ics UNTIL_ISO

prints {"starts": {"UID": ["2027-01-05T09:00:00Z", ...]}, "dst": {"UID":
[["2027-03-28", "skipped"], ...]}}: each start in UTC, placed as RFC 5545
says (a time a daylight saving change skips moves on by the change; of a
time it repeats, the first), and each start whose wall time the change
skips or repeats.
"""
import datetime
import json
import sys
import zoneinfo

from dateutil.rrule import rrulestr
from icalendar import Calendar

UTC = datetime.timezone.utc


def place(wall, zone):
    """Returns the UTC instant of wall time in zone, and the DST problem."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC), None
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return first.astimezone(UTC), "repeated" if back == wall else "skipped"


def main():
    cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
    until = datetime.datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00"))
    starts, dst = {}, {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        prop = ev["DTSTART"]
        zone = zoneinfo.ZoneInfo(str(prop.params["TZID"]))
        wall = prop.dt.replace(tzinfo=None)
        rule = ev.get("RRULE")
        walls = [wall]
        if rule is not None:
            walls = rrulestr(rule.to_ical().decode(), dtstart=wall)
        starts[uid], dst[uid] = [], []
        for w in walls:
            at, problem = place(w, zone)
            if at >= until:
                break
            starts[uid].append(at.strftime("%Y-%m-%dT%H:%M:%SZ"))
            if problem:
                dst[uid].append([w.date().isoformat(), problem])
    print(json.dumps({"starts": starts, "dst": dst}))


main()
