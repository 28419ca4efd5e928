/* handover search: the search box on every page and the search page.
 * Loaded on every page, it loads nothing until someone searches; then it adds
 * engine.js, snowball.js and the index files as <script> tags, which work
 * from file:// (fetch, XHR, modules and workers do not). Text from the index
 * or the query reaches the page as text nodes, never as HTML. */
(function () {
  'use strict';

  var LABELS = {
    nl: {
      noResults: 'Geen resultaten voor “{q}”', one: '1 resultaat', many: '{n} resultaten',
      partial: 'Geen pagina bevat alle woorden; dit zijn de pagina’s met de meeste.',
      partialHead: 'Pagina’s met een deel van de woorden', didYouMean: 'Bedoelde u: ',
      short: 'Typ ten minste drie letters.', tips: 'Controleer de spelling, of probeer minder of andere woorden.',
      start: 'Of begin bij: ', all: 'Alle resultaten voor “{q}”', failed: 'Zoeken is niet beschikbaar.',
      facets: { type: 'Type', owner: 'Eigenaar', status: 'Status', tag: 'Tags' }
    },
    en: {
      noResults: 'No results for “{q}”', one: '1 result', many: '{n} results',
      partial: 'No page has all the words; these have most of them.',
      partialHead: 'Pages with some of the words', didYouMean: 'Did you mean: ',
      short: 'Type at least three letters.', tips: 'Check the spelling, or try fewer or other words.',
      start: 'Or start at: ', all: 'All results for “{q}”', failed: 'Search is not available.',
      facets: { type: 'Type', owner: 'Owner', status: 'Status', tag: 'Tags' }
    }
  };
  var PAGE_SIZE = 10, DROPDOWN_SIZE = 6, DEBOUNCE_MS = 60;
  // the search page loads the title blocks of all hits at once when they
  // are this small together (a small site), else as the results scroll
  // into view
  var EAGER_TITLE_BYTES = 8 * 1024;

  var html = document.documentElement;
  var L = LABELS[(html.lang || 'nl').slice(0, 2)] || LABELS.nl;
  var root = html.getAttribute('data-root') || '';
  if (root && root.charAt(root.length - 1) !== '/') root += '/';

  function label(s, q, n) { return s.replace('{q}', q).replace('{n}', String(n)); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---- loading scripts ---- */

  var waiting = {};
  window.__handoverSearch = function (name, data) {
    if (waiting[name]) waiting[name].resolve(data);
  };

  function addScript(src, onload, onerror) {
    var s = document.createElement('script');
    s.src = src;
    s.async = true;
    s.onload = onload;
    s.onerror = onerror;
    document.head.appendChild(s);
  }

  var version = '';
  /** loadIndex loads search/<name>.js and resolves with what it registers. */
  function loadIndex(name) {
    return new Promise(function (resolve, reject) {
      waiting[name] = { resolve: resolve };
      // the manifest is asked for fresh each time so that the dev server's
      // rebuilds show; every other file carries the manifest's version
      var q = name === 'manifest' ? '?t=' + Date.now() : '?v=' + version;
      addScript(root + 'search/' + name + '.js' + q, null, function () {
        reject(new Error('search: cannot load ' + name));
      });
    }).then(function (data) {
      delete waiting[name];
      if (name === 'manifest') version = data.v;
      return data;
    });
  }

  var enginePromise = null;
  /** engine loads the runtime on first use. */
  function engine() {
    if (!enginePromise) {
      enginePromise = Promise.all(['snowball.js', 'engine.js'].map(function (f) {
        return new Promise(function (resolve, reject) { addScript(root + 'assets/search/' + f, resolve, reject); });
      })).then(function () {
        var f = window.snowballFactory;
        var e = window.HandoverSearchEngine.create({
          load: loadIndex,
          stemmers: { nl: f.newStemmer('dutch'), en: f.newStemmer('english') }
        });
        return e.ready().then(function () {
          // the index names the page types (the theme's kind.* labels)
          L.kinds = (e.manifest && e.manifest.kinds) || {};
          return e;
        });
      });
    }
    return enginePromise;
  }

  /* ---- one result ---- */

  /** href resolves a page URL from the index against the site root. */
  function href(url, anchor) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === '/') url = '';
    if (location.protocol === 'file:' && (url === '' || url.charAt(url.length - 1) === '/')) url += 'index.html';
    return (root || './') + url + (anchor ? '#' + anchor : '');
  }

  /** searchHref is the search page for query q: this page when it is the
   * search page, else where the header's search form goes. */
  function searchHref(q) {
    var form = document.querySelector('form.search');
    var page = document.getElementById('search-results') ? 'index.html' : (form && form.getAttribute('action')) || root + 'search/index.html';
    return page + '?q=' + encodeURIComponent(q);
  }

  function appendParts(parent, parts) {
    parts.forEach(function (p) {
      parent.appendChild(p.mark ? el('mark', null, p.text) : document.createTextNode(p.text));
    });
  }

  /** renderResult builds the item for one hit: link, type, breadcrumb,
   * snippet, and the facts of the page that match. */
  function renderResult(e, fr, query, tag) {
    var d = e.describe(fr, query);
    var item = el(tag, 'search-result');
    var a = el('a', 'search-result-link');
    a.setAttribute('href', href(fr.u, d.anchor));
    a.appendChild(el('span', 'search-result-title', fr.t));
    if (d.heading && d.heading !== fr.t) a.appendChild(el('span', 'search-result-heading', d.heading));
    item.appendChild(a);
    var meta = el('div', 'search-result-meta');
    meta.appendChild(el('span', 'search-result-kind', L.kinds[fr.k] || fr.k));
    if (fr.b && fr.b.length) meta.appendChild(el('span', 'search-result-breadcrumb', fr.b.join(' › ')));
    item.appendChild(meta);
    d.facts.forEach(function (f) {
      var p = el('p', 'search-result-fact');
      p.appendChild(el('span', 'search-result-fact-label', f.label + ': '));
      appendParts(p, f.parts);
      item.appendChild(p);
    });
    var p = el('p', 'search-result-snippet');
    appendParts(p, d.parts);
    item.appendChild(p);
    return item;
  }

  function fragments(e, hits) {
    return Promise.all(hits.map(function (h) { return e.fragment(h.doc); }));
  }

  /** didYouMean builds "Bedoelde u: X?" with a link that searches X. */
  function didYouMean(tag, text, onChoose) {
    var p = el(tag, 'search-suggestion', L.didYouMean);
    var a = el('a', null, text);
    a.setAttribute('href', searchHref(text));
    if (onChoose) a.addEventListener('click', function (ev) { ev.preventDefault(); onChoose(text); });
    p.appendChild(a);
    p.appendChild(document.createTextNode('?'));
    return p;
  }

  /* ---- the dropdown under the search box ---- */

  /** Dropdown shows the top results under the header's search box. */
  function Dropdown(input) {
    this.input = input;
    this.list = el('ul', 'search-dropdown');
    this.list.id = 'search-dropdown';
    this.list.setAttribute('role', 'listbox');
    this.list.hidden = true;
    this.active = -1;
    this.seq = 0;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-expanded', 'false');
    input.parentNode.appendChild(this.list);
  }

  Dropdown.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Dropdown.prototype.update = function () {
    var self = this, q = this.input.value, seq = ++this.seq;
    if (!q.trim()) { this.close(); return; }
    engine().then(function (e) {
      return e.search(q).then(function (r) {
        var top = r.hits.slice(0, DROPDOWN_SIZE);
        return fragments(e, top).then(function (frs) {
          if (seq === self.seq) self.show(e, q, r, frs);
        });
      });
    }).catch(function () { if (seq === self.seq) self.message(L.failed); });
  };

  Dropdown.prototype.message = function (text) {
    this.list.setAttribute('data-query', this.input.value);
    this.list.textContent = '';
    this.list.appendChild(el('li', 'search-empty', text));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Dropdown.prototype.option = function (li) {
    li.id = 'search-option-' + this.list.querySelectorAll('[role=option]').length;
    li.setAttribute('role', 'option');
    this.list.appendChild(li);
  };

  Dropdown.prototype.show = function (e, q, r, frs) {
    var self = this;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    if (r.short) { this.close(); return; }
    if (!frs.length) { this.message(label(L.noResults, q)); return; }
    this.list.setAttribute('data-query', q); // which query the options are for
    this.list.textContent = '';
    var better = e.suggestion(r, frs);
    if (better) {
      this.option(didYouMean('li', better, function (text) {
        self.input.value = text;
        self.update();
        self.input.focus();
      }));
    }
    frs.forEach(function (fr, i) {
      if (i === r.full && i > 0) {
        var sep = el('li', 'search-separator', L.partialHead);
        sep.setAttribute('role', 'presentation');
        self.list.appendChild(sep);
      }
      self.option(renderResult(e, fr, r.query, 'li'));
    });
    var all = el('li', 'search-all');
    var a = el('a', null, label(L.all, q));
    a.setAttribute('href', searchHref(q));
    all.appendChild(a);
    this.option(all);
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Dropdown.prototype.move = function (delta) {
    var items = this.list.querySelectorAll('[role=option]'), n = items.length;
    if (this.list.hidden || !n) return;
    if (this.active >= 0) items[this.active].classList.remove('search-active');
    // -1 is the input itself; moving past either end wraps through it
    var next = this.active + delta;
    this.active = next >= n ? -1 : next < -1 ? n - 1 : next;
    if (this.active < 0) { this.input.removeAttribute('aria-activedescendant'); return; }
    items[this.active].classList.add('search-active');
    items[this.active].scrollIntoView({ block: 'nearest' });
    this.input.setAttribute('aria-activedescendant', items[this.active].id);
  };

  /** choose follows the active option; false when there is none. */
  Dropdown.prototype.choose = function () {
    if (this.list.hidden || this.active < 0) return false;
    var a = this.list.querySelectorAll('[role=option]')[this.active].querySelector('a');
    if (!a) return false;
    a.click();
    return true;
  };

  function onKey(dd, ev) {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      dd.move(ev.key === 'ArrowDown' ? 1 : -1);
    } else if (ev.key === 'Enter') {
      if (dd.choose()) ev.preventDefault();
    } else if (ev.key === 'Escape') {
      // a search box's own Escape empties it, and Enter would then search
      // for nothing: Escape closes the results, then leaves the box
      ev.preventDefault();
      if (dd.list.hidden) dd.input.blur(); else dd.close();
    }
  }

  /* ---- the search page ---- */

  function readState() {
    var p = new URLSearchParams(location.search), f = {};
    window.HandoverSearchEngine.FACETS.forEach(function (k) { f[k] = p.getAll(k); });
    return { q: p.get('q') || '', filters: f };
  }

  function writeState(st) {
    var p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    Object.keys(st.filters).forEach(function (k) {
      st.filters[k].forEach(function (v) { p.append(k, v); });
    });
    var s = p.toString();
    try {
      history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
    } catch (err) { /* some browsers refuse replaceState on file:// */ }
  }

  /** Page renders results and facets into #search-results and #search-facets. */
  function Page(results, facets, input) {
    this.results = results;
    this.facetsBox = facets;
    this.input = input;
    this.seq = 0;
    this.state = null;
    this.open = { type: true }; // facets shown open; the others load when opened
    this.observer = null;
  }

  /** facetsToLoad lists the facets the panel shows open or the query filters by. */
  Page.prototype.facetsToLoad = function () {
    var self = this, st = this.state;
    return window.HandoverSearchEngine.FACETS.filter(function (f) {
      return (self.facetsBox && self.open[f]) || (st.filters[f] && st.filters[f].length);
    });
  };

  /** search runs q, as typed in the box or chosen from a suggestion. */
  Page.prototype.search = function (q) {
    this.state.q = q;
    if (this.input && this.input.value !== q) this.input.value = q;
    writeState(this.state);
    this.run();
  };

  Page.prototype.clear = function () {
    this.results.textContent = '';
    if (this.facetsBox) this.facetsBox.textContent = '';
    if (this.observer) this.observer.disconnect();
  };

  Page.prototype.run = function () {
    var self = this, st = this.state, seq = ++this.seq;
    engine().then(function (e) {
      var filtered = window.HandoverSearchEngine.hasFilters(st.filters);
      return e.loadFacets(self.facetsToLoad()).then(function () { return e.search(st.q, st.filters); }).then(function (r) {
        if (seq !== self.seq) return;
        self.clear();
        if (!st.q.trim() && !filtered) return;
        if (r.short) {
          self.results.appendChild(el('p', 'search-empty', L.short));
          return;
        }
        if (!r.hits.length) {
          self.noResults(e, st.q);
          if (filtered && self.facetsBox) self.renderFacets(e, r);
          return;
        }
        if (self.facetsBox) self.renderFacets(e, r);
        var n = r.full || r.hits.length;
        self.results.appendChild(el('p', 'search-count', n === 1 ? L.one : label(L.many, '', n)));
        if (!r.complete) self.results.appendChild(el('p', 'search-partial', L.partial));
        self.list(e, r, seq);
      });
    }).catch(function () {
      self.clear();
      self.results.appendChild(el('p', 'search-empty', L.failed));
    });
  };

  /** noResults says so, and offers what to try instead: the spelling, other
   * words, and the main pages of the site. */
  Page.prototype.noResults = function (e, q) {
    this.results.appendChild(el('p', 'search-empty', label(L.noResults, q)));
    var help = el('p', 'search-help', L.tips);
    this.results.appendChild(help);
    var start = e.manifest.start || []; // the home page first
    if (!start.length) return;
    var p = el('p', 'search-start', L.start);
    start.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode(' · '));
      var a = el('a', null, s[1]);
      a.setAttribute('href', href(s[0], ''));
      p.appendChild(a);
    });
    this.results.appendChild(p);
  };

  /** list adds a link per hit: the first PAGE_SIZE in full, as their
   * fragments arrive; the others as short lines whose title blocks load at
   * once when few, else as they scroll into view (until then a line links to
   * ?open=DOC, which forwards to the page). Pages with every word and pages
   * with some are two lists. */
  Page.prototype.list = function (e, r, seq) {
    var self = this, byBlock = {}, blocks = 0;
    var full = el('ol', 'search-results-list'), partial = null;
    this.results.appendChild(full);
    var items = r.hits.map(function (h, i) {
      var list = full;
      if (i >= r.full && r.full > 0) {
        if (!partial) {
          self.results.appendChild(el('h2', 'search-partial-head', L.partialHead));
          partial = el('ol', 'search-results-list');
          self.results.appendChild(partial);
        }
        list = partial;
      }
      var li = el('li', 'search-result' + (i < PAGE_SIZE ? '' : ' search-result-short'));
      var a = el('a', 'search-result-link');
      a.setAttribute('href', 'index.html?open=' + h.doc + '&v=' + encodeURIComponent(version));
      a.appendChild(el('span', 'search-result-title', '…'));
      li.appendChild(a);
      list.appendChild(li);
      if (i >= PAGE_SIZE) {
        var b = e.blockOf(h.doc);
        if (!byBlock[b]) { byBlock[b] = []; blocks++; }
        byBlock[b].push({ li: li, doc: h.doc });
      }
      return li;
    });
    var fill = function (b) {
      var lines = byBlock[b];
      if (!lines) return;
      delete byBlock[b];
      lines.forEach(function (x) {
        e.title(x.doc).then(function (tl) {
          if (seq === self.seq) x.li.parentNode.replaceChild(renderShort(tl), x.li);
        });
      });
    };
    var top = r.hits.slice(0, PAGE_SIZE);
    fragments(e, top).then(function (frs) {
      if (seq !== self.seq) return;
      var better = e.suggestion(r, frs);
      if (better) self.results.insertBefore(didYouMean('p', better, function (text) { self.search(text); }), self.results.firstChild);
      frs.forEach(function (fr, i) { items[i].parentNode.replaceChild(renderResult(e, fr, r.query, 'li'), items[i]); });
      // the short lines are watched once the full results above them are
      // in place, so that only those scrolled to load their titles
      if (blocks * e.blockBytes() <= EAGER_TITLE_BYTES || !window.IntersectionObserver) {
        Object.keys(byBlock).forEach(fill);
        return;
      }
      self.observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) {
          if (!en.isIntersecting) return;
          self.observer.unobserve(en.target);
          fill(en.target.getAttribute('data-block'));
        });
      }, { rootMargin: '200px 0px' });
      Object.keys(byBlock).forEach(function (b) {
        byBlock[b].forEach(function (x) {
          x.li.setAttribute('data-block', b);
          self.observer.observe(x.li);
        });
      });
    });
  };

  /** renderShort builds a short result line from a title block's entry. */
  function renderShort(tl) {
    var item = el('li', 'search-result search-result-short');
    var a = el('a', 'search-result-link');
    a.setAttribute('href', href(tl.u, ''));
    a.appendChild(el('span', 'search-result-title', tl.t));
    item.appendChild(a);
    var meta = el('div', 'search-result-meta');
    meta.appendChild(el('span', 'search-result-kind', L.kinds[tl.k] || tl.k));
    if (tl.b.length) meta.appendChild(el('span', 'search-result-breadcrumb', tl.b.join(' › ')));
    item.appendChild(meta);
    return item;
  }

  /** renderFacets shows the facets that have values among the results (or
   * a value selected), each as a group of checkboxes. */
  Page.prototype.renderFacets = function (e, r) {
    var self = this, counts = e.facetCounts(r.all, this.state.filters);
    this.facetsBox.textContent = '';
    window.HandoverSearchEngine.FACETS.forEach(function (f) {
      if (counts[f] && !counts[f].length) return; // nothing to choose
      var set = el('details', 'search-facet');
      set.setAttribute('data-facet', f);
      set.appendChild(el('summary', null, L.facets[f]));
      set.open = !!counts[f];
      if (set.open) self.open[f] = true; // so that its toggle event does not search again
      set.addEventListener('toggle', function () {
        if (set.open && !self.open[f]) { self.open[f] = true; self.run(); }
      });
      self.facetsBox.appendChild(set);
      if (!counts[f]) return;
      counts[f].forEach(function (v) {
        var lab = el('label'), box = el('input');
        box.type = 'checkbox';
        box.name = f;
        box.value = v.name;
        box.checked = v.selected;
        box.addEventListener('change', function () { self.toggle(f, v.name, box.checked); });
        lab.appendChild(box);
        lab.appendChild(document.createTextNode(' ' + (f === 'type' ? L.kinds[v.name] || v.name : v.name) + ' '));
        lab.appendChild(el('span', 'search-facet-count', String(v.count)));
        set.appendChild(lab);
      });
    });
  };

  Page.prototype.toggle = function (f, value, on) {
    var list = this.state.filters[f].filter(function (v) { return v !== value; });
    if (on) list.push(value);
    this.state.filters[f] = list;
    writeState(this.state);
    this.run();
  };

  /** forward follows a link made before its page's title block was loaded
   * (?open=DOC&v=VERSION); false when the link is not for this index. */
  function forward(e, p) {
    var doc = Number(p.get('open'));
    if (!p.has('open') || p.get('v') !== version || !(doc >= 0 && doc < e.manifest.n)) return Promise.resolve(false);
    return e.title(doc).then(function (tl) {
      location.replace(href(tl.u, ''));
      return true;
    });
  }

  /* ---- wiring ---- */

  function debounce(fn) {
    var t = 0;
    return function () { clearTimeout(t); t = setTimeout(fn, DEBOUNCE_MS); };
  }

  function start() {
    var results = document.getElementById('search-results');
    // the search page has a box of its own, right above its results
    var input = (results && document.getElementById('search-page-input')) || document.getElementById('search-input');
    document.addEventListener('keydown', function (ev) {
      var t = ev.target, tag = t && t.tagName;
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || !input) return;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
    if (results) {
      startPage(input, results);
      return;
    }
    if (!input) return;
    var dd = new Dropdown(input);
    input.addEventListener('input', debounce(function () { dd.update(); }));
    input.addEventListener('focus', function () { engine().catch(function () {}); });
    input.addEventListener('keydown', function (ev) { onKey(dd, ev); });
    if (input.form) {
      // Enter on an option must follow it, also where the browser submits
      // the form despite the keydown handler
      input.form.addEventListener('submit', function (ev) { if (dd.choose()) ev.preventDefault(); });
    }
    document.addEventListener('click', function (ev) {
      if (!input.parentNode.contains(ev.target)) dd.close();
    });
  }

  function startPage(input, results) {
    var page = new Page(results, document.getElementById('search-facets'), input);
    engine().then(function (e) {
      return forward(e, new URLSearchParams(location.search));
    }).then(function (gone) {
      if (gone) return;
      page.state = readState();
      if (input) input.value = page.state.q;
      page.run();
      if (!input) return;
      input.addEventListener('input', debounce(function () { page.search(input.value); }));
    }).catch(function () { results.appendChild(el('p', 'search-empty', L.failed)); });
    if (!input) return;
    // Escape must not empty the box (and so the results)
    input.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') ev.preventDefault(); });
    if (input.form) {
      input.form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (page.state) page.search(input.value);
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
