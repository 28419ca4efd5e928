// The handover live-reload client. It listens to the preview server's
// event stream, reloads the page (keeping its scroll position) when the
// page or something it loaded changed, and shows or removes the error
// overlay. It builds the overlay from text nodes only.
(function () {
  'use strict';
  var cfg = window.__handover || {};
  var scrollKey = 'handover-scroll:' + location.pathname;
  var overlayId = '__handover-overlay';

  function restoreScroll(done) {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(scrollKey)); } catch (e) { return; }
    if (!saved) return;
    window.scrollTo(saved.x, saved.y);
    if (done) sessionStorage.removeItem(scrollKey);
  }
  restoreScroll(false);
  if (document.readyState === 'complete') restoreScroll(true);
  else window.addEventListener('load', function () { restoreScroll(true); });

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage full or disabled: reload anyway */ }
    location.reload();
  }

  function normal(p) {
    try { p = decodeURIComponent(p); } catch (e) { /* keep as is */ }
    return p.replace(/\/index\.html?$/, '/');
  }

  // affected reports whether any changed URL path is this page or a
  // resource it loaded; a page that is not a 200 reloads on any change.
  function affected(changed) {
    if (cfg.status !== 200) return true;
    var mine = {};
    mine[normal(location.pathname)] = true;
    performance.getEntriesByType('resource').forEach(function (entry) {
      try {
        var u = new URL(entry.name);
        if (u.origin === location.origin) mine[normal(u.pathname)] = true;
      } catch (e) { /* not a URL */ }
    });
    return changed.some(function (p) { return mine[normal(p)]; });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  function showErrors(title, problems) {
    var old = document.getElementById(overlayId);
    if (old) old.parentNode.removeChild(old);
    if (!problems || !problems.length) return;
    var overlay = el('div');
    overlay.id = overlayId;
    overlay.setAttribute('role', 'alert');
    var box = el('div', 'hd-box');
    var close = el('button', 'hd-close', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    box.appendChild(close);
    box.appendChild(el('p', 'hd-title', title));
    problems.forEach(function (p) {
      var item = el('div', 'hd-problem hd-' + (p.level === 'warning' ? 'warning' : 'error'));
      item.appendChild(el('p', 'hd-msg', p.text));
      if (p.source) item.appendChild(el('pre', 'hd-src', p.source + (p.caret ? '\n' + p.caret : '')));
      box.appendChild(item);
    });
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t && t.closest && t.closest('#' + overlayId + ' .hd-close')) {
      var o = document.getElementById(overlayId);
      if (o) o.parentNode.removeChild(o);
    }
  });

  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(2000);

  var events = new EventSource('/__handover/events');
  events.addEventListener('hello', function (m) {
    var d = JSON.parse(m.data);
    // Changes while the page was loading or disconnected were missed.
    if (d.version && d.version !== cfg.version) reload();
  });
  events.addEventListener('reload', function (m) {
    var d = JSON.parse(m.data);
    cfg.version = d.version;
    if (d.all || affected(d.changed)) reload();
  });
  events.addEventListener('errors', function (m) {
    var d = JSON.parse(m.data);
    showErrors(d.title, d.problems);
  });
  window.addEventListener('pagehide', function () { events.close(); });
  window.addEventListener('pageshow', function (e) {
    // Back from the back-forward cache with the stream closed.
    if (e.persisted) location.reload();
  });
}());
