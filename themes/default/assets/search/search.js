/* handover search: the search box on every page and the search page.
 *
 * Loaded with <script defer> on every page. Until someone searches it loads
 * nothing else; then it adds engine.js, snowball.js and the index files as
 * plain <script> tags, which browsers allow from file:// (fetch, XHR,
 * modules and workers they do not). Every text from the index or the query
 * reaches the page as a text node, never as HTML.
 */
(function () {
  'use strict';

  var LABELS = {
    nl: {
      noResults: 'Geen resultaten voor “{q}”', one: '1 resultaat', many: '{n} resultaten',
      partial: 'Geen pagina bevat alle woorden; dit zijn de beste gedeeltelijke treffers.',
      more: 'Meer resultaten', all: 'Alle resultaten voor “{q}”', failed: 'Zoeken is niet beschikbaar.',
      facets: { type: 'Type', owner: 'Eigenaar', status: 'Status', tag: 'Tags' },
      kinds: {
        process: 'Proces', instruction: 'Werkinstructie', decision: 'Besluit', governance: 'Governance',
        risk: 'Risico', kpi: 'KPI', training: 'Training', meeting: 'Overleg', page: 'Pagina', person: 'Persoon'
      }
    },
    en: {
      noResults: 'No results for “{q}”', one: '1 result', many: '{n} results',
      partial: 'No page has all the words; these are the best partial matches.',
      more: 'More results', all: 'All results for “{q}”', failed: 'Search is not available.',
      facets: { type: 'Type', owner: 'Owner', status: 'Status', tag: 'Tags' },
      kinds: {
        process: 'Process', instruction: 'Work instruction', decision: 'Decision', governance: 'Governance',
        risk: 'Risk', kpi: 'KPI', training: 'Training', meeting: 'Meeting', page: 'Page', person: 'Person'
      }
    }
  };
  var PAGE_SIZE = 10, DROPDOWN_SIZE = 6, DEBOUNCE_MS = 60;

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
        return e.ready().then(function () { return e; });
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

  function appendParts(parent, parts) {
    parts.forEach(function (p) {
      parent.appendChild(p.mark ? el('mark', null, p.text) : document.createTextNode(p.text));
    });
  }

  /** renderResult builds the item for one hit: link, type, breadcrumb, snippet. */
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
    var p = el('p', 'search-result-snippet');
    appendParts(p, d.parts);
    item.appendChild(p);
    return item;
  }

  function fragments(e, hits) {
    return Promise.all(hits.map(function (h) { return e.fragment(h.doc); }));
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

  Dropdown.prototype.show = function (e, q, r, frs) {
    var self = this;
    this.active = -1;
    if (!frs.length) { this.message(label(L.noResults, q)); return; }
    this.list.setAttribute('data-query', q); // which query the options are for
    this.list.textContent = '';
    frs.forEach(function (fr, i) {
      var li = renderResult(e, fr, r.query, 'li');
      li.id = 'search-option-' + i;
      li.setAttribute('role', 'option');
      self.list.appendChild(li);
    });
    var all = el('li', 'search-all');
    all.id = 'search-option-' + frs.length;
    all.setAttribute('role', 'option');
    var a = el('a', null, label(L.all, q));
    a.setAttribute('href', root + 'search/index.html?q=' + encodeURIComponent(q));
    all.appendChild(a);
    this.list.appendChild(all);
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Dropdown.prototype.move = function (delta) {
    var items = this.list.children, n = items.length;
    if (this.list.hidden || !n || !items[0].id) return;
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
    var a = this.list.children[this.active].querySelector('a');
    if (!a) return false;
    location.href = a.href;
    return true;
  };

  function onKey(dd, ev) {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      dd.move(ev.key === 'ArrowDown' ? 1 : -1);
    } else if (ev.key === 'Enter') {
      if (dd.choose()) ev.preventDefault();
    } else if (ev.key === 'Escape') {
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
  }

  Page.prototype.run = function () {
    var self = this, st = this.state, seq = ++this.seq;
    engine().then(function (e) {
      var filtered = window.HandoverSearchEngine.hasFilters(st.filters);
      var needFacets = self.facetsBox ? e.loadFacets() : Promise.resolve();
      return needFacets.then(function () { return e.search(st.q, st.filters); }).then(function (r) {
        if (seq !== self.seq) return;
        self.results.textContent = '';
        if (self.facetsBox) self.renderFacets(e, r);
        if (!st.q.trim() && !filtered) return;
        if (!r.hits.length) {
          self.results.appendChild(el('p', 'search-empty', label(L.noResults, st.q)));
          return;
        }
        self.results.appendChild(el('p', 'search-count', r.hits.length === 1 ? L.one : label(L.many, '', r.hits.length)));
        if (!r.complete) self.results.appendChild(el('p', 'search-partial', L.partial));
        var list = el('ol', 'search-results-list');
        self.results.appendChild(list);
        self.page(e, r, list, 0, seq);
      });
    }).catch(function () {
      self.results.textContent = '';
      self.results.appendChild(el('p', 'search-empty', L.failed));
    });
  };

  /** page appends the results from `from` on, and a button for more. */
  Page.prototype.page = function (e, r, list, from, seq) {
    var self = this, hits = r.hits.slice(from, from + PAGE_SIZE);
    fragments(e, hits).then(function (frs) {
      if (seq !== self.seq) return;
      frs.forEach(function (fr) { list.appendChild(renderResult(e, fr, r.query, 'li')); });
      if (from + PAGE_SIZE >= r.hits.length) return;
      var more = el('button', 'search-more', L.more);
      more.type = 'button';
      more.addEventListener('click', function () {
        more.remove();
        self.page(e, r, list, from + PAGE_SIZE, seq);
      });
      self.results.appendChild(more);
    });
  };

  Page.prototype.renderFacets = function (e, r) {
    var self = this, counts = e.facetCounts(r.all, this.state.filters);
    this.facetsBox.textContent = '';
    Object.keys(counts).forEach(function (f) {
      if (!counts[f].length) return;
      var set = el('fieldset', 'search-facet');
      set.appendChild(el('legend', null, L.facets[f]));
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
      self.facetsBox.appendChild(set);
    });
  };

  Page.prototype.toggle = function (f, value, on) {
    var list = this.state.filters[f].filter(function (v) { return v !== value; });
    if (on) list.push(value);
    this.state.filters[f] = list;
    writeState(this.state);
    this.run();
  };

  /* ---- wiring ---- */

  function debounce(fn) {
    var t = 0;
    return function () { clearTimeout(t); t = setTimeout(fn, DEBOUNCE_MS); };
  }

  function start() {
    var input = document.getElementById('search-input');
    var results = document.getElementById('search-results');
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
    engine().then(function () {
      page.state = readState();
      if (input) input.value = page.state.q;
      page.run();
      if (!input) return;
      input.addEventListener('input', debounce(function () {
        page.state.q = input.value;
        writeState(page.state);
        page.run();
      }));
    }).catch(function () { results.appendChild(el('p', 'search-empty', L.failed)); });
    if (input && input.form) {
      input.form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (!page.state) return;
        page.state.q = input.value;
        writeState(page.state);
        page.run();
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
