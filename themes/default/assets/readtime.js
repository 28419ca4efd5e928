// handover: read time (issue 17). A handover site is read for months after
// it was built, when nobody rebuilds it. The build writes every date a page
// depends on into the page; this script redoes, on the reader's today in the
// site's time zone, what depends on it: the readiness checklist and score,
// the days until (or since) the interim manager's departure, overdue
// milestones and stale KPIs, the maintenance overview's groups and the next
// meetings. Without JavaScript the page shows its build day and says so.
(function () {
  "use strict";
  var DAY = 86400000;
  var rt = null;

  function config() {
    var el = document.getElementById("ho-readtime");
    if (!el) return null;
    try {
      return JSON.parse(el.getAttribute("data-rt"));
    } catch (e) {
      return null;
    }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // now returns today's date (YYYY-MM-DD) and the minutes since midnight
  // in the site's time zone; the browser's own zone when it has no data.
  function now() {
    var d = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", {
        timeZone: rt && rt.tz || undefined, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
      return { day: parts.year + "-" + parts.month + "-" + parts.day, min: (+parts.hour % 24) * 60 + +parts.minute };
    } catch (e) {
      return { day: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()), min: d.getHours() * 60 + d.getMinutes() };
    }
  }
  function ms(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function iso(t) { var d = new Date(t); return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function days(from, to) { return Math.round((ms(to) - ms(from)) / DAY); }
  function label(key, vars) {
    var s = (rt.labels && rt.labels[key]) || "";
    for (var k in vars || {}) s = s.split("{" + k + "}").join(vars[k]);
    return s;
  }
  function date(d) { var t = new Date(ms(d)); return t.getUTCDate() + " " + rt.months[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  function longDate(d) { return rt.weekdays[new Date(ms(d)).getUTCDay()] + " " + date(d); }
  function ago(n) {
    if (n <= 0) return label("today");
    if (n === 1) return label("ago.day");
    if (n < 60) return label("ago.days", { n: n });
    if (n < 730) return label("ago.months", { n: Math.floor(n / 30.44) });
    return label("ago.years", { n: Math.floor(n / 365.25) });
  }
  function ahead(n) {
    if (n <= 0) return label("today");
    if (n === 1) return label("in.day");
    return label("in.days", { n: n });
  }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // Elements shown from a day on (data-from) or hidden from a day on
  // (data-hide-from): overdue badges, a checklist's dated blockers, stale
  // KPIs, late milestones.
  function dated(today) {
    all("[data-from]").forEach(function (el) { el.hidden = el.getAttribute("data-from") > today; });
    all("[data-hide-from]").forEach(function (el) { el.hidden = el.getAttribute("data-hide-from") <= today; });
    all("g.ms[data-late]").forEach(function (g) {
      var late = g.getAttribute("data-late") <= today;
      g.setAttribute("class", "ms " + (late ? "late" : "open"));
    });
  }

  function asOf(today) {
    all("[data-asof]").forEach(function (el) {
      el.textContent = label("asof.today") + " " + date(today) + " (" + label("builton") + " " + date(rt.built) + ")";
      el.setAttribute("data-today", today);
    });
  }

  // The readiness checklist: an item is done when none of its blockers is
  // shown on today; the score is the share of items done.
  function checklist(today) {
    var rows = all("table.checklist tr[data-item]");
    if (!rows.length) return;
    var done = 0;
    rows.forEach(function (tr) {
      var open = all("li", tr).filter(function (li) { return !li.hidden; }).length;
      var ok = open === 0;
      if (ok) done++;
      tr.className = ok ? "done" : "todo";
      tr.setAttribute("data-done", ok ? "true" : "false");
      var badge = tr.querySelector(".badge");
      if (badge) {
        badge.className = "badge " + (ok ? "done" : "todo");
        badge.textContent = label(ok ? "readiness.done" : "readiness.todo");
      }
    });
    var score = Math.floor(done * 100 / rows.length);
    var strong = document.querySelector("[data-score]");
    if (strong) {
      var built = strong.getAttribute("data-score");
      strong.textContent = score + "%";
      strong.setAttribute("data-score-today", String(score));
      var meter = strong.parentNode.querySelector("meter");
      if (meter) { meter.value = score; meter.textContent = score + "%"; }
      var note = strong.parentNode.querySelector("[data-score-built]");
      if (note) {
        note.hidden = false;
        note.textContent = "(" + label("score.today") + "; " + built + "% " + label("score.built") + ", " + date(rt.built) + ")";
      }
    }
    var left = document.querySelector("[data-until]");
    if (left && left.getAttribute("data-until")) {
      var until = left.getAttribute("data-until");
      var n = days(today, until);
      left.setAttribute("data-days-left-today", String(n));
      if (n > 0) left.textContent = label("daysleft", { n: n, date: date(until) });
      else if (n === 0) left.textContent = label("leaves.today", { date: date(until) });
      else {
        left.textContent = label("left", { ago: ago(-n), date: date(until) });
        var dt = left.previousElementSibling;
        if (dt && dt.tagName === "DT") dt.textContent = label("departure");
      }
    }
  }

  // The exit plan's timeline: a line at today.
  function timeline(today) {
    all("svg.timeline-svg").forEach(function (svg) {
      var g = svg.querySelector("g.rt-today");
      if (!g) return;
      var s = svg.getAttribute("data-start"), e = svg.getAttribute("data-end");
      var x0 = +svg.getAttribute("data-x0"), x1 = +svg.getAttribute("data-x1");
      if (today < s || today > e) { g.setAttribute("display", "none"); return; }
      var x = x0 + (x1 - x0) * (ms(today) - ms(s)) / (ms(e) - ms(s));
      var line = g.querySelector("line"), text = g.querySelector("text");
      line.setAttribute("x1", x.toFixed(1)); line.setAttribute("x2", x.toFixed(1));
      text.setAttribute("x", (x > x0 + (x1 - x0) * 0.6 ? x - 4 : x + 4).toFixed(1));
      text.setAttribute("text-anchor", x > x0 + (x1 - x0) * 0.6 ? "end" : "start");
      text.textContent = label("today") + " " + date(today);
      g.removeAttribute("display");
    });
  }

  // The maintenance overview: every review into its group as of today,
  // by owner in the order of the build.
  var BUCKETS = [["overdue", -1], ["soon", 30], ["coming", 90], ["later", Infinity]];
  function bucketOf(due, today) {
    var n = days(today, due);
    if (n < 0) return "overdue";
    for (var i = 1; i < BUCKETS.length; i++) if (n <= BUCKETS[i][1]) return BUCKETS[i][0];
    return "later";
  }
  function maintenance(today) {
    var root = document.querySelector("[data-maintenance]");
    if (!root) return;
    var shells = {}, order = {};
    all("section.mt-owner", root).forEach(function (sec) {
      var key = sec.getAttribute("data-owner");
      if (!shells[key]) {
        var c = sec.cloneNode(true);
        c.querySelector("ul").textContent = "";
        shells[key] = c;
        order[key] = +sec.getAttribute("data-order");
      }
    });
    var rows = all("li[data-due]", root);
    rows.sort(function (a, b) {
      var x = a.getAttribute("data-due"), y = b.getAttribute("data-due");
      return x < y ? -1 : x > y ? 1 : a.textContent < b.textContent ? -1 : a.textContent > b.textContent ? 1 : 0;
    });
    var sections = {};
    all("section.mt-bucket", root).forEach(function (b) {
      all("section.mt-owner", b).forEach(function (s) { s.parentNode.removeChild(s); });
      sections[b.getAttribute("data-bucket")] = { el: b, groups: {}, n: 0 };
    });
    rows.forEach(function (li) {
      var due = li.getAttribute("data-due");
      var b = sections[bucketOf(due, today)];
      if (!b) return;
      var key = li.getAttribute("data-owner");
      if (!b.groups[key]) b.groups[key] = shells[key].cloneNode(true);
      b.groups[key].querySelector("ul").appendChild(li);
      b.n++;
      var n = days(today, due);
      var rel = li.querySelector("[data-rel]");
      if (rel) rel.textContent = n < 0 ? "(" + label("overdue") + ", " + ago(-n) + ")" : "(" + ahead(n) + ")";
      li.setAttribute("data-bucket", bucketOf(due, today));
    });
    Object.keys(sections).forEach(function (k) {
      var b = sections[k];
      Object.keys(b.groups).sort(function (x, y) { return order[x] - order[y]; }).forEach(function (key) {
        b.el.appendChild(b.groups[key]);
      });
      var count = b.el.querySelector("[data-count]");
      if (count) count.textContent = String(b.n);
      var none = b.el.querySelector("p.none");
      if (none) none.hidden = b.n > 0;
    });
  }

  // The next meetings, expanded as calendar.ics's RRULE does
  // (generator/calendar: first occurrence, then every interval weeks, or
  // the first weekday or the day of every interval months).
  function addMonths(t, n) { var d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1); }
  function firstWeekday(t, wd) { var d = new Date(t); return t + ((wd - d.getUTCDay() + 7) % 7) * DAY; }
  function monthDay(t, md) {
    var d = new Date(t), last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    if (md >= 31) md = last; else if (md > last) return null;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), md);
  }
  function clock(min) { min = ((min % 1440) + 1440) % 1440; return pad(Math.floor(min / 60)) + ":" + pad(min % 60); }
  function nextMeetings(p, at, n) {
    var first = ms(p.first), hm = p.start.split(":"), start = +hm[0] * 60 + +hm[1], end = start + (p.minutes || 60);
    var interval = p.interval || 1, out = [], i = 0;
    var from = ms(at.day);
    if (!p.once) { // start close to today: a site may be read years later
      if (!p.monthly) i = Math.max(0, Math.floor((from - first) / DAY / 7 / interval) - 1);
      else {
        var a = new Date(first), b = new Date(from);
        i = Math.max(0, Math.floor(((b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth()) / interval) - 1);
      }
    }
    for (var guard = 0; out.length < n && guard < 5000; i++, guard++) {
      var t;
      if (!p.monthly) t = first + 7 * interval * i * DAY;
      else if (p.byday) t = firstWeekday(addMonths(first, interval * i), p.weekday);
      else t = monthDay(addMonths(first, interval * i), p.monthday);
      if (t !== null) {
        var endsAfter = t > from || t === from && end > at.min;
        if (endsAfter) out.push(longDate(iso(t)) + ", " + clock(start) + "\u2013" + clock(end));
      }
      if (p.once) break;
    }
    return out;
  }
  function meetings(at) {
    all("[data-meeting]").forEach(function (el) {
      var p;
      try { p = JSON.parse(el.getAttribute("data-meeting")); } catch (e) { return; }
      var list = nextMeetings(p, at, +(el.getAttribute("data-count") || 1));
      el.setAttribute("data-today", at.day);
      if (el.tagName === "OL" || el.tagName === "UL") {
        el.textContent = "";
        list.forEach(function (s) { var li = document.createElement("li"); li.textContent = s; el.appendChild(li); });
      } else {
        el.textContent = list.join("; ");
      }
    });
  }

  // Review badges (on a page, in lists and cards): overdue the day after
  // the next review. The build-time state is the fallback without JS.
  function reviews(today) {
    all("[data-review]").forEach(function (el) {
      var badge = el.parentNode.querySelector("[data-overdue]");
      if (badge) badge.hidden = !(el.getAttribute("data-review") < today);
    });
  }

  function run() {
    rt = config();
    var at = now();
    reviews(at.day);
    if (!rt) return;
    dated(at.day);
    asOf(at.day);
    checklist(at.day);
    timeline(at.day);
    maintenance(at.day);
    meetings(at);
    document.documentElement.setAttribute("data-readtime", at.day);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  // The dev server updates an open page in place after a save.
  document.addEventListener("handover:morph", run);
})();
