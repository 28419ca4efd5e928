/* handover search engine: text pipeline, index loading and ranking.
 *
 * The text pipeline (fold, words, normalizeDutch, stop words) mirrors
 * generator/search/analyze.go exactly; the Go tests run this file in node
 * to check that both sides produce the same terms. No DOM here, so node can
 * run it; search.js does the page. Plain ES5-style script, no modules, so it
 * works from file://.
 */
(function (g) {
  'use strict';

  var STOP = {};
  ('de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er ' +
   'maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar ' +
   'naar heb hoe heeft hebben deze want nog zal me zij nu ge geen omdat iets worden toch al waren ' +
   'veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch ' +
   'wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere wel ' +
   'the an and or of to is are was were be been being for on at by with as its this that these ' +
   'those from but not no if then than so we you he she they our your their his her them will ' +
   'would can could should do does did has have had there which who what when where how all any ' +
   'each into about also may must shall').split(' ').forEach(function (w) { STOP[w] = true; });

  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th' };
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var CODE = {};
  for (var ci = 0; ci < ALPHABET.length; ci++) CODE[ALPHABET.charCodeAt(ci)] = ci;
  var MAX_IMPACT = 63;
  var PREFIX_WEIGHT = 0.6;   // a word still being typed counts less than a whole word
  var PREFIX_MIN = 3;        // shorter prefixes would match too much
  var PREFIX_SHARDS = 2;     // at most this many shards are loaded for one prefix
  var PREFIX_TERMS = 64;     // and at most this many terms used, the most frequent first
  var MAX_WORD = 64;         // letters of a word that count (analyze.go maxWord)
  var MAX_QUERY_WORDS = 32;  // words of a query that count: each costs a pass over its postings

  /** fold lower-cases, removes diacritics and expands ligatures (analyze.go fold). */
  function fold(s) {
    s = s.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(s)) return s;
    return s.normalize('NFKD').replace(/\p{Mn}/gu, '').replace(/[ßæœøłđðþ]/g, function (c) { return SPECIAL[c]; });
  }

  function isDigits(w) { return /^[0-9]+$/.test(w); }

  /** words splits folded text into letter/digit runs, without single
   * letters, and cuts long words to MAX_WORD letters (analyze.go words). */
  function words(folded) {
    return (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return Array.from(w).length > 1 || isDigits(w);
    }).map(cutWord);
  }

  /** cutWord returns w cut to its first MAX_WORD letters (code points, as
   * Go counts runes): stemming a longer word takes time quadratic in its
   * length, and a query or a page may hold a word of a megabyte. */
  function cutWord(w) {
    if (w.length <= MAX_WORD) return w; // a letter is one or two UTF-16 units
    return Array.from(w).slice(0, MAX_WORD).join('');
  }

  function normalizeDutch(w) {
    var n = Array.from(w).length;
    if (n >= 6 && /ies$/.test(w)) return w.slice(0, -1);
    if (n >= 7 && /ieen$/.test(w)) return w.slice(0, -2);
    return w;
  }

  function trimZeros(w) {
    if (!isDigits(w) || w[0] !== '0') return '';
    return w.replace(/^0+/, '') || '0';
  }

  /** makeStem returns stem(lang, foldedWord) over Snowball stemmers, with a cache. */
  function makeStem(stemmers) {
    var cache = { nl: {}, en: {} };
    return function (lang, w) {
      lang = lang === 'en' ? 'en' : 'nl';
      var c = cache[lang];
      if (Object.prototype.hasOwnProperty.call(c, w)) return c[w];
      var t = w;
      if (!isDigits(w)) t = stemmers[lang].stem(lang === 'nl' ? normalizeDutch(w) : w);
      c[w] = t;
      return t;
    };
  }

  /** decodeVarints is encode.go's appendVarint in reverse. */
  function decodeVarints(s) {
    var out = [], v = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var c = CODE[s.charCodeAt(i)];
      if (c >= 32) { v += (c - 32) * Math.pow(2, shift); shift += 5; continue; }
      out.push(v + c * Math.pow(2, shift));
      v = 0; shift = 0;
    }
    return out;
  }

  /** decodePostings turns (delta, impact) pairs into parallel arrays. */
  function decodePostings(s) {
    var docs = [], imp = [], doc = 0, v = 0, shift = 0, wantImpact = false;
    if (s.charAt(0) === '~') { // dense: one impact per document (index.go denseForm)
      for (var j = 1; j < s.length; j++) {
        var q = CODE[s.charCodeAt(j)];
        if (q) { docs.push(j - 1); imp.push(q); }
      }
      return { docs: docs, imp: imp };
    }
    if (s.charAt(0) === '!') return decodeTiered(s);
    for (var i = 0; i < s.length; i++) {
      var c = CODE[s.charCodeAt(i)];
      if (wantImpact) { imp.push(c); wantImpact = false; continue; }
      if (c >= 32) { v += (c - 32) << shift; shift += 5; continue; }
      doc += v + (c << shift);
      docs.push(doc);
      v = 0; shift = 0; wantImpact = true;
    }
    return { docs: docs, imp: imp };
  }

  /** decodeTiered decodes the postings of a very common word (tier.go):
   * every document that has it, with the rest impact, except the top ones. */
  function decodeTiered(s) {
    var rest = CODE[s.charCodeAt(1)], dot = s.indexOf('.'), docs = [], imp = [];
    for (var i = 2; i < dot; i++) {
      var c = CODE[s.charCodeAt(i)];
      for (var bit = 0; c; bit++, c >>= 1) {
        if (c & 1) { docs.push((i - 2) * 6 + bit); imp.push(rest); }
      }
    }
    var top = decodePostings(s.slice(dot + 1)), j = 0;
    for (var k = 0; k < top.docs.length; k++) {
      while (docs[j] !== top.docs[k]) j++;
      imp[j] = top.imp[k];
    }
    return { docs: docs, imp: imp };
  }

  /** parseQuery returns the query words with the index terms each may match. */
  function parseQuery(q, stem) {
    var all = words(fold(q || '')), ws = all.slice(0, MAX_QUERY_WORDS);
    var out = [];
    ws.forEach(function (w, i) {
      if (STOP[w]) return;
      var exact = {};
      if (isDigits(w)) {
        exact[w] = true;
        if (trimZeros(w)) exact[trimZeros(w)] = true;
      } else {
        exact[stem('nl', w)] = true;
        exact[stem('en', w)] = true;
      }
      var last = i === all.length - 1;
      out.push({ word: w, exact: Object.keys(exact).sort(), prefix: last && w.length >= PREFIX_MIN ? w : '' });
    });
    return out;
  }

  function create(opts) {
    return new Engine(opts);
  }

  /** Engine answers queries over one site's index; opts.load(name) returns a
   * promise of the data that search/<name>.js registers. */
  function Engine(opts) {
    this.load = opts.load;
    this.stem = makeStem(opts.stemmers);
    this.manifest = null;
    this.postings = {};  // term -> decoded postings
    this.shards = {};    // shard number -> promise of shard data
    this.fragments = {};
    this.blocks = {};    // title block number -> promise of its data
    this.facets = { names: {}, of: {} };
    this.facetPromises = {};
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.load('manifest').then(function (m) {
        m.shards = m.shards ? m.shards.split(' ') : [];
        self.manifest = m;
        return m;
      });
    }
    return this.manifestPromise;
  };

  /** shardOf returns the number of the shard that would hold term. */
  Engine.prototype.shardOf = function (term) {
    var s = this.manifest.shards, lo = 0, hi = s.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Engine.prototype.shard = function (i) {
    var self = this;
    if (!this.shards[i]) {
      this.shards[i] = this.load('t/' + i).then(function (d) { return self.indexShard(d); });
    }
    return this.shards[i];
  };

  Engine.prototype.indexShard = function (d) {
    var byTerm = {};
    for (var i = 0; i < d.t.length; i++) byTerm[d.t[i]] = i;
    return { data: d, byTerm: byTerm };
  };

  /** shardsFor lists the shard numbers that the query needs. */
  Engine.prototype.shardsFor = function (query) {
    var need = {}, self = this;
    query.forEach(function (w) {
      w.exact.forEach(function (t) { need[self.shardOf(t)] = true; });
      if (w.prefix) {
        var a = self.shardOf(w.prefix), b = self.shardOf(w.prefix + '\uffff');
        for (var i = a; i <= Math.min(b, a + PREFIX_SHARDS - 1); i++) need[i] = true;
      }
    });
    delete need[-1];
    return Object.keys(need).map(Number);
  };

  /** postingsOf returns the decoded postings of term i of a shard, cached. */
  Engine.prototype.postingsOf = function (sh, i) {
    var t = sh.data.t[i];
    if (!this.postings[t]) {
      var p = decodePostings(sh.data.p[i]);
      p.idf = sh.data.i[i] / 100;
      this.postings[t] = p;
    }
    return this.postings[t];
  };

  /** listsFor returns the postings a query word matches, with weights. */
  Engine.prototype.listsFor = function (w, loaded) {
    var self = this, lists = [];
    loaded.forEach(function (sh) {
      w.exact.forEach(function (t) {
        if (t in sh.byTerm) lists.push({ p: self.postingsOf(sh, sh.byTerm[t]), weight: 1 });
      });
      if (!w.prefix) return;
      var terms = sh.data.t, found = [];
      for (var i = 0; i < terms.length; i++) {
        if (terms[i].lastIndexOf(w.prefix, 0) === 0 && w.exact.indexOf(terms[i]) < 0) found.push(i);
      }
      found.sort(function (a, b) { return sh.data.p[b].length - sh.data.p[a].length; });
      found.slice(0, PREFIX_TERMS).forEach(function (i) {
        lists.push({ p: self.postingsOf(sh, i), weight: PREFIX_WEIGHT });
      });
    });
    return lists;
  };

  /** accumulate adds, per document, the best score of one query word to
   * total and counts the word in count. */
  function accumulate(lists, best, total, count) {
    var touched = [];
    lists.forEach(function (l) {
      var f = l.weight * l.p.idf / MAX_IMPACT, docs = l.p.docs, imp = l.p.imp;
      for (var i = 0; i < docs.length; i++) {
        var d = docs[i], s = f * imp[i];
        if (best[d] === 0) touched.push(d);
        if (s > best[d]) best[d] = s;
      }
    });
    for (var i = 0; i < touched.length; i++) {
      var d = touched[i];
      total[d] += best[d];
      count[d]++;
      best[d] = 0;
    }
  }

  /** search ranks the documents for q: all words must match; when no page
   * has them all, pages with most of them come first. */
  Engine.prototype.search = function (q, filters) {
    var self = this;
    return this.ready().then(function () {
      var query = parseQuery(q, self.stem);
      var waits = self.shardsFor(query).map(function (i) { return self.shard(i); });
      if (filters && hasFilters(filters)) waits.push(self.loadFacets(filtered(filters)));
      return Promise.all(waits).then(function (loaded) {
        return self.rank(query, loaded.filter(function (x) { return x && x.byTerm; }), filters);
      });
    });
  };

  Engine.prototype.rank = function (query, loaded, filters) {
    var self = this, n = this.manifest.n;
    var best = new Float64Array(n), total = new Float64Array(n), count = new Uint8Array(n);
    query.forEach(function (w) { accumulate(self.listsFor(w, loaded), best, total, count); });
    var need = 0, d;
    for (d = 0; d < n; d++) if (count[d] > need) need = count[d];
    var isFiltered = filters && hasFilters(filters);
    var browse = !query.length && isFiltered;
    // sort keys: best score first, then document order; a typed-array sort
    // needs no comparator and keeps 100,000 hits well inside the 5 ms
    var keys = [], all = [];
    for (d = 0; d < n; d++) {
      if (!browse && (count[d] === 0 || count[d] !== need)) continue;
      all.push(d);
      if (!isFiltered || this.passes(d, filters, '')) keys.push(-Math.round(total[d] * 1e4) * 1048576 + d);
    }
    var sorted = Float64Array.from(keys).sort(), hits = new Array(sorted.length);
    for (var i = 0; i < sorted.length; i++) {
      d = ((sorted[i] % 1048576) + 1048576) % 1048576;
      hits[i] = { doc: d, score: total[d] };
    }
    return { query: query, hits: hits, all: all, complete: need === query.length };
  };

  Engine.prototype.fragment = function (doc) {
    if (!this.fragments[doc]) this.fragments[doc] = this.load('f/' + doc.toString(36));
    return this.fragments[doc];
  };

  /** loadFacets loads the facets named (search/g/<name>.js) that are not
   * loaded yet and expands each per document. */
  Engine.prototype.loadFacets = function (names) {
    var self = this;
    return this.ready().then(function () {
      return Promise.all((names || FACETS).map(function (f) {
        if (!self.facetPromises[f]) {
          self.facetPromises[f] = self.load('g/' + f).then(function (data) { self.addFacet(f, data); });
        }
        return self.facetPromises[f];
      }));
    }).then(function () { return self.facets; });
  };

  /** addFacet expands one facet file (facets.go) per document. */
  Engine.prototype.addFacet = function (f, data) {
    var n = this.manifest.n, of;
    if (data.docs) {
      var tags = new Array(n);
      data.docs.forEach(function (s, t) {
        var doc = 0;
        decodeVarints(s).forEach(function (delta) {
          doc += delta;
          (tags[doc] = tags[doc] || []).push(t);
        });
      });
      of = function (doc) { return tags[doc] || []; };
    } else {
      var val = new Int32Array(n), d = 0, r = data.runs || '';
      if (r.charAt(0) === '~') {
        for (d = 0; d < n; d++) val[d] = CODE[r.charCodeAt(d + 1)] - 1;
      } else {
        var runs = decodeVarints(r);
        for (var i = 0; i + 1 < runs.length; i += 2) {
          for (var j = 0; j < runs[i]; j++, d++) val[d] = runs[i + 1] - 1;
        }
      }
      of = function (doc) { return val[doc] < 0 ? [] : [val[doc]]; };
    }
    this.facets.names[f] = data.names;
    this.facets.of[f] = of;
  };

  /** filtered lists the facets that filters select values of. */
  function filtered(filters) {
    return FACETS.filter(function (f) { return filters && filters[f] && filters[f].length; });
  }

  /** titleFromSlug is titles.go's titleFromSlug. */
  function titleFromSlug(seg) {
    seg = seg.replace(/\/$/, '');
    if (/[^\x00-\x7f]/.test(seg)) return '';
    var m = /^([0-9]+)-/.exec(seg);
    if (m) seg = seg.slice(m[0].length);
    seg = seg.replace(/-/g, ' ');
    return seg.charAt(0) >= 'a' && seg.charAt(0) <= 'z' ? seg.charAt(0).toUpperCase() + seg.slice(1) : seg;
  }

  /** blockOf returns the number of the title block (search/d/<i>.js) of doc. */
  Engine.prototype.blockOf = function (doc) { return Math.floor(doc / this.manifest.tb); };

  /** blockBytes estimates the size of one title block. */
  Engine.prototype.blockBytes = function () {
    return this.manifest.tz / Math.max(1, Math.ceil(this.manifest.n / this.manifest.tb));
  };

  /** title resolves with what a short result line shows of doc:
   * {u: URL, t: title, b: breadcrumb, k: kind}. */
  Engine.prototype.title = function (doc) {
    var self = this, i = this.blockOf(doc);
    if (!this.blocks[i]) this.blocks[i] = this.load('d/' + i);
    return this.blocks[i].then(function (bl) {
      var row = bl.r[doc - i * self.manifest.tb], g = bl.g[row[0]];
      return { u: g[0] + row[1], t: row[2] || titleFromSlug(row[1]), b: g[1] ? g[1].split(' › ') : [], k: g[2] };
    });
  };

  /** FACETS are the facet names, as used in the URL. */
  var FACETS = ['type', 'owner', 'status', 'tag'];

  /** passes reports whether doc has, for every facet but skip, one of the
   * selected values (values are names, as in the URL). */
  Engine.prototype.passes = function (doc, filters, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var f = FACETS[i], want = filters[f];
      if (f === skip || !want || !want.length) continue;
      var names = this.facets.names[f], have = this.facets.of[f](doc), ok = false;
      for (var j = 0; j < have.length && !ok; j++) ok = want.indexOf(names[have[j]]) >= 0;
      if (!ok) return false;
    }
    return true;
  };

  /** facetCounts counts, per facet value, the documents that the other
   * facets let through; values are sorted by count, then name. */
  Engine.prototype.facetCounts = function (docs, filters) {
    var self = this, out = {};
    FACETS.forEach(function (f) {
      if (!self.facets.of[f]) return;
      var names = self.facets.names[f], counts = new Array(names.length).fill(0);
      docs.forEach(function (d) {
        if (!self.passes(d, filters, f)) return;
        self.facets.of[f](d).forEach(function (v) { counts[v]++; });
      });
      var list = [];
      names.forEach(function (name, v) {
        var selected = (filters[f] || []).indexOf(name) >= 0;
        if (counts[v] || selected) list.push({ name: name, count: counts[v], selected: selected });
      });
      list.sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
      out[f] = list;
    });
    return out;
  };

  /** matcher returns a function that tells, for one word of text in a page
   * of language lang, whether it matches the query. */
  Engine.prototype.matcher = function (query, lang) {
    var stem = this.stem;
    return function (word) {
      var w = cutWord(fold(word));
      if (STOP[w]) return false;
      var t = isDigits(w) ? w : stem(lang, w);
      for (var i = 0; i < query.length; i++) {
        var q = query[i];
        if (q.exact.indexOf(t) >= 0 || q.exact.indexOf(trimZeros(w)) >= 0) return true;
        if (q.prefix && (w.lastIndexOf(q.prefix, 0) === 0 || t.lastIndexOf(q.prefix, 0) === 0)) return true;
        // a compound that contains the word, as the index split it
        if (q.word.length >= 4 && w.length > q.word.length && w.indexOf(q.word) >= 0) return true;
        if (q.exact[0].length >= 4 && w.length > q.exact[0].length && w.indexOf(q.exact[0]) >= 0) return true;
      }
      return false;
    };
  };

  /** tokens lists the words of original text with their offsets. */
  function tokens(text) {
    var out = [], re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    return out;
  }

  var SNIPPET_BEFORE = 8, SNIPPET_CHARS = 220;

  /** describe picks the section of fragment fr that matches the query best
   * and cuts a snippet from it: {anchor, heading, parts: [{text, mark}]}. */
  Engine.prototype.describe = function (fr, query) {
    var match = this.matcher(query, fr.l), best = null;
    fr.x.forEach(function (s, i) {
      var head = tokens(s[1]).filter(function (t) { return match(t.word); }).length;
      var body = tokens(s[2]).map(function (t) { t.hit = match(t.word); return t; });
      var hits = body.filter(function (t) { return t.hit; }).length;
      var score = head * 3 + Math.min(hits, 10);
      if (!best || score > best.score) best = { score: score, section: s, toks: body, index: i };
    });
    if (!best || best.score === 0) {
      var text = fr.m || (fr.x[0] ? fr.x[0][2] : '');
      best = { score: 0, section: ['', '', text], toks: tokens(text).map(function (t) { t.hit = match(t.word); return t; }) };
    }
    return { anchor: best.section[0], heading: best.section[1], parts: snippet(best.section[2], best.toks) };
  };

  function snippet(text, toks) {
    var first = 0;
    for (var i = 0; i < toks.length; i++) if (toks[i].hit) { first = i; break; }
    var from = toks.length ? toks[Math.max(0, first - SNIPPET_BEFORE)].start : 0;
    var to = Math.min(text.length, from + SNIPPET_CHARS);
    for (var j = toks.length - 1; j >= 0; j--) {
      if (toks[j].end <= to && toks[j].start >= from) { to = toks[j].end; break; }
    }
    var parts = [], pos = from;
    if (from > 0) parts.push({ text: '… ', mark: false });
    toks.forEach(function (t) {
      if (!t.hit || t.start < from || t.end > to) return;
      if (t.start > pos) parts.push({ text: text.slice(pos, t.start), mark: false });
      parts.push({ text: text.slice(t.start, t.end), mark: true });
      pos = t.end;
    });
    if (to > pos) parts.push({ text: text.slice(pos, to), mark: false });
    if (to < text.length) parts.push({ text: ' …', mark: false });
    return parts;
  }

  g.HandoverSearchEngine = {
    create: create,
    fold: fold,
    words: words,
    isStopWord: function (w) { return STOP[w] === true; },
    makeStem: makeStem,
    parseQuery: parseQuery,
    FACETS: FACETS,
    titleFromSlug: titleFromSlug,
    decodeVarints: decodeVarints,
    decodePostings: decodePostings,
    Engine: Engine
  };

  function hasFilters(f) {
    for (var k in f) if (f[k] && f[k].length) return true;
    return false;
  }
  g.HandoverSearchEngine.hasFilters = hasFilters;
})(typeof window !== 'undefined' ? window : globalThis);
