// The handover live-reload client. It listens to the preview server's
// event stream, and when the open page changed it takes the new version
// (sent with the event, or fetched after changes it missed) and morphs
// the document into it in place (idiomorph): the scroll
// position, focus, text typed into fields, open <details>, the error
// overlay and whatever the page's own scripts added stay as they are. A
// changed style sheet is swapped without touching the document. A page
// whose layout changed beyond that (another template, other scripts or
// style sheets, another status such as a 404) is reloaded, keeping its
// scroll position. The overlay is built from text nodes only.
(function () {
  'use strict';
  var cfg = window.__handover || {};
  var overlayId = '__handover-overlay';
  var scrollKey = 'handover-scroll:' + location.pathname;
  cfg.morphs = 0; // pages updated in place since this one loaded (tests, benchmarks)
  cfg.timing = {}; // when the last change was announced, fetched and shown (bench/preview)
  function now() { return performance.timeOrigin + performance.now(); }

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

  var reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage full or disabled: reload anyway */ }
    location.reload();
  }

  // ours reports whether node is something the server added to the page:
  // the overlay's style, the overlay and this client. A morph neither
  // takes them from the new version nor removes them.
  function ours(node) {
    return node.nodeType === 1 && (node.hasAttribute('data-handover') || node.id === overlayId);
  }

  // served holds, for each element as the server wrote it, the names of
  // its attributes. This script runs at the end of the body, before the
  // page's deferred scripts, so an element or attribute that is not here
  // was added by a script (the search box's drop-down and its ARIA
  // attributes): a morph leaves those alone.
  var served = new WeakMap();
  function remember(root) {
    if (root.nodeType !== 1) return;
    served.set(root, root.getAttributeNames());
    var all = root.getElementsByTagName('*');
    for (var i = 0; i < all.length; i++) served.set(all[i], all[i].getAttributeNames());
  }
  remember(document.documentElement);

  // What the reader or the browser owns on a form field or a <details>.
  var kept = { value: true, checked: true, selected: true, open: true };

  var morphConfig = {
    morphStyle: 'outerHTML', // the body itself, as the new document has it
    ignoreActiveValue: true,
    restoreFocus: true,
    head: { style: 'none' },
    callbacks: {
      beforeNodeAdded: function (node) { return !ours(node); },
      afterNodeAdded: function (node) { remember(node); },
      beforeNodeMorphed: function (old) { return !ours(old); },
      afterNodeMorphed: function (old, next) {
        if (old.nodeType === 1 && next.nodeType === 1) served.set(old, next.getAttributeNames());
      },
      beforeNodeRemoved: function (node) {
        return !ours(node) && (node.nodeType !== 1 || served.has(node));
      },
      beforeAttributeUpdated: function (name, el, how) {
        var tag = el.tagName;
        if (kept[name] && (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'OPTION' || tag === 'DETAILS')) {
          return false;
        }
        if (how === 'remove') {
          var names = served.get(el);
          return !!names && names.indexOf(name) >= 0;
        }
        return true;
      }
    }
  };

  function pathOf(href, base) {
    try { return new URL(href, base || document.baseURI).pathname; } catch (e) { return href; }
  }

  function normal(p) {
    try { p = decodeURIComponent(p); } catch (e) { /* keep as is */ }
    return p.replace(/\/index\.html?$/, '/');
  }

  function styleSheets(doc) {
    return Array.prototype.filter.call(doc.querySelectorAll('link[rel~="stylesheet"][href]'), function (l) { return !ours(l); });
  }

  // layout is what a page must share with its new version to be morphed
  // into it: the template (the body's class), the language, and the
  // scripts and style sheets it loads. Of the open document only what the
  // server wrote counts: the search box loads its index as scripts.
  function layout(doc, base) {
    var live = doc === document;
    function mine(el) { return !ours(el) && (!live || served.has(el)); }
    var parts = {};
    doc.querySelectorAll('script[src]').forEach(function (s) {
      if (mine(s)) parts['script ' + pathOf(s.getAttribute('src'), base)] = true;
    });
    styleSheets(doc).forEach(function (l) {
      if (mine(l)) parts['style ' + pathOf(l.getAttribute('href'), base)] = true; // twice while swapped
    });
    return [doc.documentElement.getAttribute('lang') || '', doc.body ? doc.body.className : ''].concat(Object.keys(parts).sort()).join('\n');
  }

  // swapStyle replaces a style sheet link by a new one of the same file,
  // and removes the old link once the new one is loaded: the page never
  // shows unstyled.
  function swapStyle(link) {
    var next = link.cloneNode(false);
    var u = new URL(link.getAttribute('href'), document.baseURI);
    u.searchParams.set('handover', cfg.version || String(Date.now()));
    next.href = u.href;
    var done = false;
    function drop() {
      if (done) return;
      done = true;
      if (link.parentNode) link.parentNode.removeChild(link);
    }
    next.addEventListener('load', drop);
    next.addEventListener('error', drop);
    served.set(next, link.getAttributeNames()); // it stands for the server's link
    link.parentNode.insertBefore(next, link.nextSibling);
  }

  // syncHead copies the title and the content of named meta elements:
  // the rest of the head is the layout, which a morph keeps.
  function syncHead(doc) {
    if (document.title !== doc.title) document.title = doc.title;
    doc.head.querySelectorAll('meta[name],meta[property]').forEach(function (m) {
      var key = m.hasAttribute('name') ? 'name' : 'property';
      var sel = 'meta[' + key + '="' + CSS.escape(m.getAttribute(key)) + '"]';
      var mine = document.head.querySelector(sel);
      if (mine && mine.getAttribute('content') !== m.getAttribute('content')) mine.setAttribute('content', m.getAttribute('content') || '');
    });
  }

  // apply updates the document in place to html, the page's new version
  // served with status, or reloads it when that cannot be done.
  function apply(status, html) {
    var url = location.href.split('#')[0];
    var doc = new DOMParser().parseFromString(html, 'text/html');
    if (status !== cfg.status || !doc.body || layout(doc, url) !== layout(document)) {
      reload();
      return;
    }
    doc.querySelectorAll('[data-handover],#' + overlayId).forEach(function (n) { n.parentNode.removeChild(n); });
    var x = window.scrollX, y = window.scrollY;
    syncHead(doc);
    Idiomorph.morph(document.body, doc.body, morphConfig);
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    cfg.morphs++;
    cfg.timing.morphed = now();
    document.dispatchEvent(new CustomEvent('handover:morph'));
  }

  // morph fetches this page again and updates the document in place; the
  // server sends a changed page with the event that announces it, so this
  // is for the changes a page missed (while it loaded or was offline).
  var busy = false, again = false;
  function morph() {
    if (reloading) return;
    if (busy) { again = true; return; }
    busy = true;
    var status = 0;
    cfg.timing.fetch = now();
    fetch(location.href.split('#')[0], { cache: 'no-store', credentials: 'same-origin', headers: { 'X-Handover-Morph': '1' } }).then(function (r) {
      status = r.status;
      return r.text();
    }).then(function (html) {
      cfg.timing.fetched = now();
      apply(status, html);
    }).catch(function () {
      reload();
    }).then(function () {
      busy = false;
      if (again) {
        again = false;
        morph();
      }
    });
  }

  cfg.refresh = morph; // brings the page up to date in place (tests, benchmarks)

  // update handles a change of the outputs at the URL paths changed: it
  // morphs the page into its new version (page, when the server sent it)
  // when the page itself changed, swaps the style sheets that changed, and
  // reloads for a change to any other file the page loaded (a script, an
  // image).
  function update(changed, all, next) {
    if (cfg.status !== 200) { reload(); return; }
    var hit = {};
    changed.forEach(function (p) { hit[normal(p)] = true; });
    var page = all || hit[normal(location.pathname)];
    var sheets = [];
    styleSheets(document).forEach(function (l) {
      if (all || hit[normal(pathOf(l.getAttribute('href')))]) sheets.push(l);
    });
    var seen = {};
    seen[normal(location.pathname)] = true;
    sheets.forEach(function (l) { seen[normal(pathOf(l.getAttribute('href')))] = true; });
    var other = !all && performance.getEntriesByType('resource').some(function (entry) {
      try {
        var u = new URL(entry.name);
        if (u.origin !== location.origin) return false;
        var p = normal(u.pathname);
        return hit[p] && !seen[p];
      } catch (e) { return false; }
    });
    if (other) { reload(); return; }
    sheets.forEach(swapStyle);
    if (!page) return;
    if (next && !busy) {
      try { apply(next.status, next.html || ''); } catch (e) { reload(); }
    } else {
      morph();
    }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  function showErrors(title, close, problems) {
    var old = document.getElementById(overlayId);
    if (old) old.parentNode.removeChild(old);
    if (!problems || !problems.length) return;
    var overlay = el('div');
    overlay.id = overlayId;
    overlay.setAttribute('data-handover', '');
    overlay.setAttribute('role', 'alert');
    var box = el('div', 'hd-box');
    var button = el('button', 'hd-close', '\u00d7');
    button.type = 'button';
    button.setAttribute('aria-label', close || 'Close');
    box.appendChild(button);
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

  // instance returns the server process part of a version, "abc-3" → "abc".
  function instance(v) { return String(v || '').replace(/-\d+$/, ''); }

  // The stream is for this page: a change to it comes with its new version.
  var events = new EventSource(location.origin + '/__handover/events?page=' + encodeURIComponent(location.pathname));
  events.addEventListener('hello', function (m) {
    var d = JSON.parse(m.data);
    if (!d.version || d.version === cfg.version) return;
    // Changes while the page was loading or disconnected were missed:
    // from the same server, the page is brought up to date in place; a
    // new server may serve other scripts and styles, so it reloads.
    var same = instance(d.version) === instance(cfg.version);
    cfg.version = d.version;
    if (same && cfg.status === 200) morph();
    else reload();
  });
  events.addEventListener('reload', function (m) {
    cfg.timing = { event: now() };
    var d = JSON.parse(m.data);
    cfg.version = d.version;
    update(d.changed || [], !!d.all, d.page);
  });
  events.addEventListener('errors', function (m) {
    var d = JSON.parse(m.data);
    showErrors(d.title, d.close, d.problems);
  });
  window.addEventListener('pagehide', function () { events.close(); });
  window.addEventListener('pageshow', function (e) {
    // Back from the back-forward cache with the stream closed.
    if (e.persisted) location.reload();
  });
}());
