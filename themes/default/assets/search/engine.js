/* handover search engine: text pipeline, index loading, matching, ranking;
 * the pipeline mirrors generator/search (analyze.go, dates.go), and the Go
 * tests check that both make the same terms. No DOM (search.js does the
 * page); plain ES5-style script, for file://. A query is a list of slots,
 * one per word, date or synonym; a slot matches by any of its alternatives
 * (the word, its completions, synonyms, compound parts, near spellings). */
(function (g) {
  'use strict';

  /* Ranking: every weight is here. A slot scores on a page the best weight ×
   * idf × impact (the page's BM25F weight of the term, index.go) of the terms
   * it matched there; a page the sum over the slots × the weight of its kind. */
  var RANK = {
    title: 3,             // a term in the page's title (or in a compound of it) counts three times
    prefix: 0.6,          // a completion of the word being typed ("klachtaf" → klachtafhandeling)
    stemPrefix: 0.9,      // a stem the word being typed begins with ("klachtafhandelin" → klachtafhandel)
    fuzzy: [1, 0.4, 0.3], // a term 1 or 2 edits from a word the site does not have
    synonym: 0.8,         // a synonym from search.synonyms in handover.yaml
    split: 0.8,           // a compound of the query found as its parts ("klantenservicemedewerker")
    dateWords: 0.5,       // the words of a date, on a page without the date as such
    main: 1.5,            // a folder's main page whose title holds the query: first for its own topic
    kinds: {              // topic queries: processes and instructions before people
      process: 1.2, instruction: 1.1, page: 1, governance: 1, decision: 1, kpi: 1, risk: 1,
      meeting: 1, training: 1, person: 0.8
    }
  };
  var PREFIX_MIN = 3;        // shorter words are matched only whole ("ai", "mt")
  var PREFIX_SHARDS = 2;     // shards loaded for one prefix, at most
  var PREFIX_TERMS = 64;     // terms used for one prefix, the most frequent first
  var FUZZY_TERMS = 6;       // terms a misspelt word stands for, the most frequent first
  var RARE = 2, RARE_TIMES = 20; // a word on few pages also stands for a near one RARE_TIMES as common
  var SOFT_BELOW = 20;       // pages with most words follow when fewer than this have all
  var SOFT_MAX = 200;        // and at most this many of them
  var PHRASE_CHECK = 30;     // pages whose text is read for a quoted phrase
  var MAX_WORD = 64;         // letters of a word that count (analyze.go maxWord)
  var MAX_QUERY_WORDS = 32;  // words of a query that count: each costs a pass over its postings
  var COMPLETIONS = ['e', 'en', 'g', 'ng', 's']; // usual endings of a word being typed

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
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  /** fold lower-cases, removes diacritics and expands ligatures (analyze.go fold). */
  function fold(s) {
    s = s.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(s)) return s;
    return s.normalize('NFKD').replace(/\p{Mn}/gu, '').replace(/[ßæœøłđðþ]/g, function (c) { return SPECIAL[c]; });
  }

  function isDigits(w) { return /^[0-9]+$/.test(w); }
  function runes(w) { return Array.from(w).length; }

  /** words splits folded text into letter/digit runs, without single
   * letters, and cuts long words to MAX_WORD letters (analyze.go words). */
  function words(folded) {
    return (folded.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return runes(w) > 1 || isDigits(w);
    }).map(cutWord);
  }

  /** cutWord cuts w to MAX_WORD letters (code points, as Go counts runes):
   * stemming takes time quadratic in a word's length. */
  function cutWord(w) {
    if (w.length <= MAX_WORD) return w; // a letter is one or two UTF-16 units
    return Array.from(w).slice(0, MAX_WORD).join('');
  }

  function normalizeDutch(w) {
    var n = runes(w);
    if (n >= 6 && /ies$/.test(w)) return w.slice(0, -1);
    if (n >= 7 && /ieen$/.test(w)) return w.slice(0, -2);
    return w;
  }

  /** dutchStemEnd turns a stem's final v or z into f or s (analyze.go). */
  function dutchStemEnd(t) {
    var c = t.charAt(t.length - 1);
    if (runes(t) < 3 || (c !== 'v' && c !== 'z')) return t;
    return t.slice(0, -1) + (c === 'v' ? 'f' : 's');
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
      if (has(c, w)) return c[w];
      var t = w;
      if (!isDigits(w)) t = lang === 'nl' ? dutchStemEnd(stemmers.nl.stem(normalizeDutch(w))) : stemmers.en.stem(w);
      return (c[w] = t);
    };
  }

  /** termsOf returns the index terms a folded word may stand for: its stem
   * in each language of the site (stem.langs, both by default). */
  function termsOf(w, stem) {
    var t = {};
    if (isDigits(w)) {
      t[w] = true;
      if (trimZeros(w)) t[trimZeros(w)] = true;
    } else {
      (stem.langs || ['nl', 'en']).forEach(function (l) { t[stem(l, w)] = true; });
    }
    return Object.keys(t).sort();
  }

  /* ---- dates (dates.go) ---- */

  var MONTHS = {};
  ['januari january jan', 'februari february feb', 'maart march mrt mar', 'april apr', 'mei may',
   'juni june jun', 'juli july jul', 'augustus august aug', 'september sept sep', 'oktober october okt oct',
   'november nov', 'december dec'].forEach(function (names, i) {
    names.split(' ').forEach(function (n) { MONTHS[n] = i + 1; });
  });
  function num(w, max, lo, hi) {
    var n = w && w.length <= max && isDigits(w) ? parseInt(w, 10) : 0;
    return n >= lo && n <= hi ? n : 0;
  }
  function pad(n, k) { return ('000' + n).slice(-k); }

  /** dateAt returns the date that starts at ws[i], {n: words, terms}, or null. */
  function dateAt(ws, i) {
    var a = ws[i] || '', b = ws[i + 1] || '', c = ws[i + 2] || '', y, m, d;
    var digit = function (w) { return w.charAt(0) >= '0' && w.charAt(0) <= '9'; };
    var year = function (w) { return w.length === 4 ? num(w, 4, 1900, 2099) : 0; };
    var month = function (w) { return has(MONTHS, w) ? MONTHS[w] : 0; };
    var full = function () { return { n: 3, terms: [pad(y, 4) + pad(m, 2) + pad(d, 2), pad(y, 4) + pad(m, 2)] }; };
    if (digit(a)) {
      if ((d = num(a, 2, 1, 31)) && (m = month(b) || num(b, 2, 1, 12)) && (y = year(c))) return full(); // 17 maart 2026, 17-03-2026
      if ((y = year(a)) && (m = num(b, 2, 1, 12)) && (d = num(c, 2, 1, 31))) return full();        // 2026-03-17
    } else if (digit(b) && (m = month(a))) {
      if ((d = num(b, 2, 1, 31)) && (y = year(c))) return full();                                     // March 17, 2026
      if ((y = year(b))) return { n: 2, terms: [pad(y, 4) + pad(m, 2)] };                              // maart 2026
    }
    return null;
  }

  /** findDates lists the dates in folded words: {start, n, terms} (dates.go dateTerms). */
  function findDates(ws) {
    var out = [];
    for (var i = 0; i < ws.length;) {
      var dt = dateAt(ws, i);
      if (!dt) { i++; continue; }
      out.push({ start: i, n: dt.n, terms: dt.terms });
      i += dt.n;
    }
    return out;
  }

  /* ---- decoding (encode.go, index.go, tier.go) ---- */

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

  /** decodePostings turns postings into parallel arrays of documents and
   * impacts, typed and sized once (growing arrays keep the collector busy). */
  function decodePostings(s) {
    var n = 0, i, c;
    if (s.charAt(0) === '~') { // dense: one impact per document (index.go denseOf)
      var dd = new Int32Array(s.length - 1), di = new Uint8Array(s.length - 1);
      for (i = 1; i < s.length; i++) {
        if ((c = CODE[s.charCodeAt(i)])) { dd[n] = i - 1; di[n++] = c; }
      }
      return { docs: dd.subarray(0, n), imp: di.subarray(0, n) };
    }
    if (s.charAt(0) === '!') return decodeTiered(s);
    var docs = new Int32Array(s.length >> 1), imp = new Uint8Array(s.length >> 1), doc = 0, v = 0, shift = 0, wantImpact = false;
    for (i = 0; i < s.length; i++) {
      c = CODE[s.charCodeAt(i)];
      if (wantImpact) { imp[n++] = c; wantImpact = false; continue; }
      if (c >= 32) { v += (c - 32) << shift; shift += 5; continue; }
      doc += v + (c << shift);
      docs[n] = doc;
      v = 0; shift = 0; wantImpact = true;
    }
    return { docs: docs.subarray(0, n), imp: imp.subarray(0, n) };
  }

  /** decodeTiered decodes a very common word's postings (tier.go). */
  function decodeTiered(s) {
    var rest = CODE[s.charCodeAt(1)], dot = s.indexOf('.'), n = 0, i, c;
    var docs = new Int32Array((dot - 2) * 6), imp = new Uint8Array((dot - 2) * 6);
    for (i = 2; i < dot; i++) {
      c = CODE[s.charCodeAt(i)];
      for (var bit = 0; c; bit++, c >>= 1) {
        if (c & 1) { docs[n] = (i - 2) * 6 + bit; imp[n++] = rest; }
      }
    }
    var top = decodePostings(s.slice(dot + 1)), j = 0;
    for (var k = 0; k < top.docs.length; k++) {
      while (docs[j] !== top.docs[k]) j++;
      imp[j] = top.imp[k];
    }
    return { docs: docs.subarray(0, n), imp: imp.subarray(0, n) };
  }

  /** IMPACT scores each impact (encode.go): its weight, 1-31 of 31, times
   * RANK.title when the term is in the title (flag 32). */
  var IMPACT = new Float64Array(64);
  for (var ii = 1; ii < 64; ii++) IMPACT[ii] = (ii & 31) / 31 * (ii & 32 ? RANK.title : 1);

  /** distance returns the edit distance of a and b (insert, delete,
   * substitute, swap neighbours), or max + 1 when it is more. */
  function distance(a, b, max) {
    var n = a.length, m = b.length, j, prev2 = null, prev = [], cur;
    if (Math.abs(n - m) > max) return max + 1;
    for (j = 0; j <= m; j++) prev[j] = j;
    for (var i = 1; i <= n; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= m; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return Math.min(prev[m], max + 1);
  }

  /* ---- queries ---- */

  /** atom is one word to find: its terms and, for the word being typed, its
   * prefix and the stems of its usual completions ("gradin" → grading, stem
   * grade). lookup fills lists, the postings it matched. */
  function atom(w, stem, prefix) {
    var at = { word: w, terms: termsOf(w, stem), prefix: prefix, lists: [], more: [] };
    if (prefix) {
      COMPLETIONS.forEach(function (end) {
        termsOf(w + end, stem).forEach(function (t) { if (at.terms.indexOf(t) < 0 && at.more.indexOf(t) < 0) at.more.push(t); });
      });
    }
    return at;
  }

  /** parseQuery returns the slots of query q, each with its alternatives
   * ({atoms, weight, kind}), and its quoted phrases as lists of slot numbers. */
  function parseQuery(q, stem, synonyms) {
    // markup is not what anyone looks for: <b>werkinstructie</b> is werkinstructie
    q = (q || '').replace(/<\/?[a-z][^<>]*>/gi, ' ');
    var parts = q.split(/["\u201c\u201d\u201e\u00ab\u00bb]/);
    // the last word is still being typed unless a space or quote follows it
    var open = /[\p{L}\p{N}]$/u.test(q), slots = [], phrases = [], budget = MAX_QUERY_WORDS;
    parts.forEach(function (text, pi) {
      var ws = words(fold(text)).slice(0, Math.max(0, budget)), dates = findDates(ws), di = 0, first = slots.length;
      var phrase = pi % 2 === 1 && pi < parts.length - 1; // between two quotes
      budget -= ws.length;
      for (var k = 0; k < ws.length; k++) {
        var dt = dates[di], w = ws[k];
        if (dt && dt.start === k) {
          var span = ws.slice(k, k + dt.n);
          slots.push({ text: span.join(' '), alts: [
            { atoms: [{ word: span.join(' '), terms: [dt.terms[0]], prefix: '', lists: [], more: [] }], weight: 1, kind: 'date' },
            { atoms: span.filter(function (x) { return !STOP[x]; }).map(function (x) { return atom(x, stem, ''); }), weight: RANK.dateWords, kind: 'dateWords' }] });
          k += dt.n - 1; di++;
          continue;
        }
        if (STOP[w]) continue;
        var last = pi === parts.length - 1 && open && k === ws.length - 1, short = runes(w) < PREFIX_MIN;
        slots.push({ text: w, word: w, short: short, last: last,
          alts: [{ atoms: [atom(w, stem, last && !short ? w : '')], weight: 1, kind: 'word' }] });
      }
      if (phrase && slots.length - first > 1) {
        for (var ph = [], s = first; s < slots.length; s++) ph.push(s);
        phrases.push(ph);
      }
    });
    if (synonyms && synonyms.length && !phrases.length) slots = withSynonyms(slots, synonyms, stem);
    return { slots: slots, phrases: phrases, text: q };
  }

  /** sameWord reports whether folded words a and b share a term. */
  function sameWord(a, b, stem) {
    var tb = termsOf(b, stem);
    return a === b || termsOf(a, stem).some(function (t) { return tb.indexOf(t) >= 0; });
  }

  /** withSynonyms merges the slots that spell a member of a synonym group
   * into one slot with the other members as alternatives. */
  function withSynonyms(slots, groups, stem) {
    var out = [];
    for (var i = 0; i < slots.length;) {
      var best = null;
      groups.forEach(function (members) {
        members.forEach(function (m, mi) {
          var mw = m.split(' '), ok = i + mw.length <= slots.length;
          for (var k = 0; ok && k < mw.length; k++) ok = !!slots[i + k].word && sameWord(slots[i + k].word, mw[k], stem);
          if (ok && (!best || mw.length > best.n)) best = { n: mw.length, members: members, self: mi };
        });
      });
      if (!best) { out.push(slots[i++]); continue; }
      var own = slots.slice(i, i + best.n), s = own[0];
      if (own.length > 1) {
        s = { text: own.map(function (x) { return x.text; }).join(' '),
          alts: [{ atoms: own.map(function (x) { return x.alts[0].atoms[0]; }), weight: 1, kind: 'word' }] };
      }
      best.members.forEach(function (m, mi) {
        if (mi !== best.self) s.alts.push({ atoms: m.split(' ').map(function (w) { return atom(w, stem, ''); }), weight: RANK.synonym, kind: 'synonym' });
      });
      out.push(s);
      i += best.n;
    }
    return out;
  }

  /** matched reports whether an alternative of a slot can match a page. */
  function matched(slot) {
    return slot.alts.some(function (a) { return a.atoms.length && a.atoms.every(function (at) { return at.lists.length; }); });
  }

  function eachAtom(query, fn) {
    query.slots.forEach(function (s) { s.alts.forEach(function (a) { a.atoms.forEach(fn); }); });
  }

  function lowerBound(a, v) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < v) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** Engine answers queries over one site's index; opts.load(name) returns a
   * promise of the data that search/<name>.js registers. */
  function Engine(opts) {
    this.load = opts.load;
    this.stem = makeStem(opts.stemmers);
    this.manifest = null;
    this.postings = {};  // term -> decoded postings
    this.shards = {};    // shard number -> promise of shard data
    this.loaded = {};    // shard number -> shard data, once loaded
    this.fragments = {};
    this.blocks = {};    // title block number -> promise of its data
    this.facets = { names: {}, of: {}, val: {} };
    this.facetPromises = {};
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.load('manifest').then(function (m) {
        m.shards = m.shards ? m.shards.split(' ') : [];
        m.isMain = new Uint8Array(m.n);
        var d = 0;
        decodeVarints(m.main || '').forEach(function (delta) { d += delta; m.isMain[d] = 1; });
        m.syn = m.syn || [];
        if (m.langs) self.stem.langs = m.langs.split(' ');
        return (self.manifest = m);
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

  /** loadShards loads the shards numbered in need (an object's keys). */
  Engine.prototype.loadShards = function (need) {
    var self = this;
    return Promise.all(Object.keys(need).map(Number).filter(function (i) {
      return i >= 0 && i < self.manifest.shards.length;
    }).map(function (i) {
      if (!self.shards[i]) {
        self.shards[i] = self.load('t/' + i).then(function (d) {
          var byTerm = {};
          for (var k = 0; k < d.t.length; k++) byTerm[d.t[k]] = k;
          self.loaded[i] = { data: d, byTerm: byTerm };
        });
      }
      return self.shards[i];
    }));
  };

  /** shardsFor lists the shards of the query's terms and of the prefix of
   * the word being typed. Its other completions are looked for in those. */
  Engine.prototype.shardsFor = function (query) {
    var need = {}, self = this;
    eachAtom(query, function (at) {
      at.terms.forEach(function (t) { need[self.shardOf(t)] = true; });
      if (!at.prefix) return;
      var a = self.shardOf(at.prefix), b = self.shardOf(at.prefix + '\uffff');
      for (var i = a; i <= Math.min(b, a + PREFIX_SHARDS - 1); i++) need[i] = true;
    });
    return need;
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

  /** find returns the shard and position of term if its shard is one the
   * query loaded (have): results must not depend on earlier queries. */
  Engine.prototype.find = function (term, have) {
    var n = this.shardOf(term), sh = have[n] && this.loaded[n];
    return sh && has(sh.byTerm, term) ? { sh: sh, i: sh.byTerm[term] } : null;
  };

  /** lookup fills an atom's lists: its terms and, for the word being typed,
   * the stems it begins with, its completions and the terms it begins. */
  Engine.prototype.lookup = function (at, have) {
    var self = this, seen = {}, w = at.prefix, k, f;
    var add = function (f, weight) {
      var t = f && f.sh.data.t[f.i];
      if (!f || seen[t]) return;
      seen[t] = true;
      at.lists.push({ p: self.postingsOf(f.sh, f.i), w: weight, t: t });
    };
    at.lists = [];
    at.terms.forEach(function (t) { add(self.find(t, have), 1); });
    if (!w) return;
    for (k = 1; k <= 3 && w.length - k >= 4; k++) add(this.find(w.slice(0, w.length - k), have), RANK.stemPrefix);
    at.more.forEach(function (t) { add(self.find(t, have), RANK.stemPrefix); });
    var a = this.shardOf(w), b = Math.min(this.shardOf(w + '\uffff'), a + PREFIX_SHARDS - 1), found = [];
    for (var s = a; s <= b; s++) {
      var sh = have[s] && this.loaded[s], terms = sh ? sh.data.t : [];
      for (var i = lowerBound(terms, w); i < terms.length && terms[i].lastIndexOf(w, 0) === 0; i++) {
        if (!seen[terms[i]]) found.push({ sh: sh, i: i });
      }
    }
    found.sort(function (x, y) { return y.sh.data.p[y.i].length - x.sh.data.p[x.i].length; });
    found.slice(0, PREFIX_TERMS).forEach(function (x) { add(x, RANK.prefix); });
  };

  /** fuzzy returns the terms of the shards in have nearest to word w or its
   * terms (1 edit from 4 letters, 2 from 9): [{sh, i, d}], most frequent first. */
  Engine.prototype.fuzzy = function (w, terms, have) {
    var n = runes(w), best = n >= 9 ? 2 : n >= 4 ? 1 : 0, out = [], self = this;
    if (!best) return out;
    var targets = [w].concat(terms.filter(function (t) { return t !== w; }));
    Object.keys(have).sort(function (a, b) { return a - b; }).forEach(function (k) {
      var sh = self.loaded[k], ts = sh ? sh.data.t : [];
      for (var i = 0; i < ts.length; i++) {
        if (ts[i].length < 3 || isDigits(ts[i])) continue;
        for (var j = 0, d = best + 1; j < targets.length && d > 0; j++) d = Math.min(d, distance(targets[j], ts[i], best));
        if (d > best || d === 0) continue;
        if (d < best) { out = []; best = d; }
        out.push({ sh: sh, i: i, d: d });
      }
    });
    var key = function (x) { return x.sh.data.p[x.i].length; };
    out.sort(function (x, y) { return key(y) - key(x) || (x.sh.data.t[x.i] < y.sh.data.t[y.i] ? -1 : 1); });
    return out.slice(0, FUZZY_TERMS);
  };

  /** splits returns how compound w may split: [{first, rest: [words]}], a
   * first part in the shards in have (longest first), and a rest, with or
   * without a linking s, e or en. */
  Engine.prototype.splits = function (w, have) {
    var out = [];
    for (var n = w.length - 4; n >= 4 && w.length >= 8 && out.length < 2; n--) {
      var head = w.slice(0, n), f = this.find(head, have) || this.find(this.stem('nl', head), have), rest = w.slice(n);
      if (f) out.push({ first: f, rest: [rest.replace(/^[se]/, ''), rest.replace(/^en/, ''), rest].filter(function (r, i, a) { return r.length >= 4 && a.indexOf(r) === i; }) });
    }
    return out;
  };

  /** resolve loads the shards the query needs and fills every atom's lists.
   * A word the site lacks gets the alternative of its compound parts or else
   * of the nearest terms: in the shards loaded, or when none, a few more. */
  Engine.prototype.resolve = function (query) {
    var self = this, have = this.shardsFor(query);
    return this.loadShards(have).then(function () {
      eachAtom(query, function (at) { self.lookup(at, have); });
      var last = query.slots[query.slots.length - 1];
      if (query.slots.length > 1 && last.short && last.last && !matched(last)) query.slots.pop(); // still typing
      var missing = query.slots.filter(function (s) { return s.word && !s.short && !matched(s) && !isDigits(s.word); });
      query.slots.forEach(function (s) { self.rare(s, have); });
      var need = {};
      missing.forEach(function (s) {
        var w = s.word, terms = s.alts[0].atoms[0].terms;
        s.split = self.splits(w, have);
        s.split.forEach(function (sp) {
          sp.rest.forEach(function (r) { termsOf(r, self.stem).forEach(function (t) { need[self.shardOf(t)] = true; }); });
        });
        s.near = self.fuzzy(w, terms, have);
        if (!s.near.length && w.length >= 5) {
          // a typo early in the word sorts it away from its term: the
          // neighbouring shards, and those of the word with its first two
          // letters swapped or its first left out
          var at = self.shardOf(terms[0]);
          need[at - 1] = need[at + 1] = need[self.shardOf(w.charAt(1) + w.charAt(0) + w.slice(2))] = need[self.shardOf(w.slice(1))] = true;
        }
      });
      return self.loadShards(need).then(function () {
        for (var k in need) have[k] = true;
        missing.forEach(function (s) { self.correct(s, have); });
      });
    });
  };

  /** rare gives a word on few pages (RARE, or one in 500) the alternative of
   * a word an edit or two away on RARE_TIMES as many: a misspelling of the
   * site ("organisatei") must not hide the word meant. Loaded shards only. */
  Engine.prototype.rare = function (s, have) {
    var self = this, a = s.alts[0].atoms[0], n = 0;
    if (!s.word || s.short || s.alts.length > 1 || runes(s.word) < 5 || isDigits(s.word) || !a.lists.length) return;
    a.lists.forEach(function (l) { n += l.p.docs.length; });
    if (n > Math.max(RARE, this.manifest.n / 500)) return;
    s.near = this.fuzzy(s.word, a.terms, have).filter(function (x) { return self.postingsOf(x.sh, x.i).docs.length >= n * RARE_TIMES; });
    if (s.near.length) this.addNear(s);
  };

  /** addNear adds to slot s the alternative of the terms near its word (s.near). */
  Engine.prototype.addNear = function (s) {
    var self = this, near = { word: s.word, terms: [], prefix: '', lists: [] };
    s.near.forEach(function (x) { near.lists.push({ p: self.postingsOf(x.sh, x.i), w: RANK.fuzzy[x.d], t: x.sh.data.t[x.i] }); });
    s.alts.push({ atoms: [near], weight: 1, kind: 'fuzzy' });
    s.corrected = near.lists[0].t;
  };

  /** correct gives a slot whose word the site lacks the alternative of its
   * compound parts (klantenservice|medewerker) or else of the nearest terms. */
  Engine.prototype.correct = function (s, have) {
    var self = this, w = s.word;
    var split = s.split.some(function (sp) {
      return sp.rest.some(function (r) {
        var rest = atom(r, self.stem, ''), head = { word: w, terms: [sp.first.sh.data.t[sp.first.i]], prefix: '', more: [] };
        self.lookup(rest, have);
        if (!rest.lists.length) return false;
        self.lookup(head, have);
        s.alts.push({ atoms: [head, rest], weight: RANK.split, kind: 'split' });
        return true;
      });
    });
    if (!split && !s.near.length) s.near = this.fuzzy(w, s.alts[0].atoms[0].terms, have);
    if (!split && s.near.length) this.addNear(s);
  };

  /** search ranks the documents for q (see rank) that pass the facet filters
   * ({type: ['process'], …}). r.short marks a query of under three letters
   * that found nothing (it is searched only as a whole word: MT, AI): the
   * page asks for a third letter rather than saying "no results". */
  Engine.prototype.search = function (q, filters) {
    var self = this;
    return this.ready().then(function () {
      var query = parseQuery(q, self.stem, self.manifest.syn);
      return Promise.all([self.resolve(query), self.loadFacets(['type'].concat(filtered(filters)))]).then(function () {
        var r = self.rank(query, filters);
        return query.phrases.length ? self.checkPhrases(r) : r;
      }).then(function (r) {
        r.short = !r.hits.length && runes(query.text.replace(/[^\p{L}\p{N}]/gu, '')) < PREFIX_MIN;
        return r;
      });
    });
  };

  /** accumulate adds each page's best score of a slot to total, and counts
   * the slot in count, strong (3 letters or more) and titled (in the title). */
  function accumulate(slot, best, total, c) {
    var touched = [], title = c.scratch;
    var mark = function (d, s, t) {
      if (best[d] === 0) touched.push(d);
      if (s > best[d]) { best[d] = s; title[d] = t; }
    };
    slot.alts.forEach(function (alt) {
      if (!alt.atoms.length || !alt.atoms.every(function (at) { return at.lists.length; })) return;
      if (alt.atoms.length === 1) { // the common case, inline: it runs for every posting
        alt.atoms[0].lists.forEach(function (l) {
          var f = alt.weight * l.w * l.p.idf, docs = l.p.docs, imp = l.p.imp;
          for (var i = 0; i < docs.length; i++) {
            var d = docs[i], s = f * IMPACT[imp[i]];
            if (best[d] === 0) touched.push(d);
            if (s > best[d]) { best[d] = s; title[d] = imp[i] >> 5; }
          }
        });
        return;
      }
      var sums = null;
      alt.atoms.forEach(function (at, k) {
        var m = {};
        at.lists.forEach(function (l) {
          var f = alt.weight * l.w * l.p.idf, docs = l.p.docs, imp = l.p.imp;
          for (var i = 0; i < docs.length; i++) {
            var d = docs[i], s = f * IMPACT[imp[i]];
            if ((k === 0 || sums[d] !== undefined) && !(m[d] >= s)) m[d] = s;
          }
        });
        if (k === 0) { sums = m; return; }
        var next = {};
        for (var d in m) if (sums[d] !== undefined) next[d] = sums[d] + m[d];
        sums = next;
      });
      // several words that must all be there score their mean
      for (var d in sums) mark(Number(d), sums[d] / alt.atoms.length, 0);
    });
    for (var i = 0; i < touched.length; i++) {
      var d = touched[i];
      total[d] += best[d];
      if (!c.count[d]++) c.docs.push(d);
      if (!slot.short) c.strong[d]++;
      c.titled[d] += title[d];
      best[d] = title[d] = 0;
    }
  }

  /** rank orders the pages for a resolved query: those with every slot
   * (hits[0 … full-1]) by score, then, when fewer than SOFT_BELOW have
   * them all, those with most of the slots. */
  Engine.prototype.rank = function (query, filters) {
    var n = this.manifest.n, slots = query.slots, d, i;
    // per-document arrays, kept between queries and cleared where used:
    // allocating them for each query of a 100,000-page site keeps the
    // collector busier than ranking does
    var c = this.scratch || (this.scratch = { best: new Float64Array(n), total: new Float64Array(n), count: new Uint8Array(n),
      strong: new Uint8Array(n), titled: new Uint8Array(n), scratch: new Uint8Array(n) });
    var best = c.best, total = c.total;
    c.docs = []; // the documents that matched any slot
    slots.forEach(function (s) { accumulate(s, best, total, c); });
    var browse = !slots.length && hasFilters(filters || {});
    if (browse) for (d = 0; d < n; d++) c.docs.push(d);
    var need = slots.length, soft = need <= 2 ? 1 : (need >> 1) + 1;
    var kinds = this.facets.val.type, main = this.manifest.isMain;
    var weight = (this.facets.names.type || []).map(function (k) { return RANK.kinds[k] || 1; });
    var fullKeys = [], softKeys = [];
    for (i = 0; i < c.docs.length; i++) {
      d = c.docs[i];
      var k = c.count[d], all = browse || k === need, score = total[d];
      // a page with some of the words needs one of three letters or more:
      // "alert(1)" does not find every page with a 1
      if (browse || k >= soft && (all || c.strong[d])) {
        if (kinds && kinds[d] >= 0) score *= weight[kinds[d]];
        if (main[d] && k && c.titled[d] === k) score *= RANK.main;
        // score (and count) with the document in one number: a typed-array
        // sort needs no comparator and keeps 100,000 hits within the 5 ms
        var key = (Math.min(Math.round(score * 1000), 1048575) + (all ? 0 : k * 1048576)) * -1048576 + d;
        (all ? fullKeys : softKeys).push(key);
      }
      total[d] = score;
    }
    var docs = sortKeys(fullKeys), hits = this.hitsOf(docs, total, filters), full = hits.length;
    if (full < SOFT_BELOW && !browse && softKeys.length) {
      var partial = sortKeys(softKeys).slice(0, SOFT_MAX);
      docs = docs.concat(partial);
      hits = hits.concat(this.hitsOf(partial, total, filters));
    }
    for (i = 0; i < c.docs.length; i++) {
      d = c.docs[i];
      total[d] = c.count[d] = c.strong[d] = c.titled[d] = 0;
    }
    return { query: query, hits: hits, all: docs, full: full, complete: full > 0 || !slots.length };
  };

  function sortKeys(keys) {
    var sorted = Float64Array.from(keys).sort(), out = new Array(sorted.length);
    for (var i = 0; i < sorted.length; i++) out[i] = ((sorted[i] % 1048576) + 1048576) % 1048576;
    return out;
  }

  /** hitsOf returns the documents that pass the filters, with their scores. */
  Engine.prototype.hitsOf = function (docs, total, filters) {
    var on = filters && hasFilters(filters), hits = [];
    for (var i = 0; i < docs.length; i++) {
      if (!on || this.passes(docs[i], filters, '')) hits.push({ doc: docs[i], score: total[docs[i]] });
    }
    return hits;
  };

  /** checkPhrases reads the first PHRASE_CHECK pages with every word of the
   * quoted phrases: those with the words in a row stay first, those whose
   * text was cut for the index follow, the others drop to the partial matches. */
  Engine.prototype.checkPhrases = function (r) {
    var self = this, top = r.hits.slice(0, Math.min(r.full, PHRASE_CHECK));
    return Promise.all(top.map(function (h) { return self.fragment(h.doc); })).then(function (frs) {
      var yes = [], maybe = [], no = [];
      frs.forEach(function (fr, i) { (self.hasPhrases(fr, r.query) ? yes : fr.c ? no : maybe).push(top[i]); });
      var full = yes.concat(maybe, r.hits.slice(top.length, r.full));
      r.hits = full.concat(no, r.hits.slice(r.full));
      r.full = full.length;
      r.complete = r.full > 0;
      return r;
    });
  };

  /** hasPhrases reports whether fragment fr has every quoted phrase of the
   * query, word after word (stop words left out). */
  Engine.prototype.hasPhrases = function (fr, query) {
    var self = this, texts = [fr.t];
    fr.x.forEach(function (s) { texts.push(s[1], s[2]); });
    (fr.f || []).forEach(function (f) { texts.push(f[1]); });
    var seqs = texts.map(function (t) {
      return words(fold(t)).filter(function (w) { return !STOP[w]; }).map(function (w) { return self.stem(fr.l, w); });
    });
    return query.phrases.every(function (ph) {
      var want = ph.map(function (i) { return query.slots[i].alts[0].atoms[0].terms; });
      return seqs.some(function (seq) {
        for (var i = 0; i + want.length <= seq.length; i++) {
          for (var k = 0; k < want.length && want[k].indexOf(seq[i + k]) >= 0; k++);
          if (k === want.length) return true;
        }
        return false;
      });
    });
  };

  Engine.prototype.fragment = function (doc) {
    if (!this.fragments[doc]) this.fragments[doc] = this.load('f/' + doc.toString(36));
    return this.fragments[doc];
  };

  /* ---- facets (facets.go) ---- */

  /** FACETS are the facet names, as used in the URL. */
  var FACETS = ['type', 'owner', 'status', 'tag'];

  /** loadFacets loads the facets named (search/g/<name>.js) that are not
   * loaded yet and expands each per document. */
  Engine.prototype.loadFacets = function (names) {
    var self = this;
    return this.ready().then(function () {
      return Promise.all((names || FACETS).map(function (f) {
        if (!self.facetPromises[f]) self.facetPromises[f] = self.load('g/' + f).then(function (data) { self.addFacet(f, data); });
        return self.facetPromises[f];
      }));
    }).then(function () { return self.facets; });
  };

  /** addFacet expands one facet file per document. */
  Engine.prototype.addFacet = function (f, data) {
    var n = this.manifest.n, of;
    if (data.docs) {
      var tags = new Array(n);
      data.docs.forEach(function (s, t) {
        var doc = 0;
        decodeVarints(s).forEach(function (delta) { doc += delta; (tags[doc] = tags[doc] || []).push(t); });
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
      this.facets.val[f] = val;
    }
    this.facets.names[f] = data.names;
    this.facets.of[f] = of;
  };

  /** filtered lists the facets that filters select values of. */
  function filtered(filters) {
    return FACETS.filter(function (f) { return filters && filters[f] && filters[f].length; });
  }

  function hasFilters(f) {
    for (var k in f) if (f[k] && f[k].length) return true;
    return false;
  }

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
      var names = self.facets.names[f], counts = new Array(names.length).fill(0), list = [];
      docs.forEach(function (d) {
        if (self.passes(d, filters, f)) self.facets.of[f](d).forEach(function (v) { counts[v]++; });
      });
      names.forEach(function (name, v) {
        var selected = (filters[f] || []).indexOf(name) >= 0;
        if (counts[v] || selected) list.push({ name: name, count: counts[v], selected: selected });
      });
      list.sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
      out[f] = list;
    });
    return out;
  };

  /* ---- title blocks (titles.go) ---- */

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

  /* ---- snippets ---- */

  /** matcher tells whether a word of text in a page of language lang matches
   * the query: its term was matched, it begins with the word being typed, or
   * it is a compound holding a word of the query. */
  Engine.prototype.matcher = function (query, lang) {
    var stem = this.stem, m = marks(query);
    return function (word) {
      var w = cutWord(fold(word)), t = isDigits(w) ? w : stem(lang, w), i;
      if (STOP[w]) return false;
      if (m.terms[t] || m.terms[trimZeros(w)]) return true;
      for (i = 0; i < m.prefixes.length; i++) if (w.lastIndexOf(m.prefixes[i], 0) === 0 || t.lastIndexOf(m.prefixes[i], 0) === 0) return true;
      for (i = 0; i < m.words.length; i++) if (w.length > m.words[i].length && w.indexOf(m.words[i]) >= 0) return true;
      return false;
    };
  };

  /** marks collects, once per query, the terms it matched (a date's words
   * only when the date was not found), its prefix and its longer words. */
  function marks(query) {
    if (query.marks) return query.marks;
    var m = query.marks = { terms: {}, prefixes: [], words: [] };
    query.slots.forEach(function (s) {
      var dated = s.alts[0].kind === 'date' && matched({ alts: [s.alts[0]] });
      s.alts.forEach(function (a) {
        if (a.kind === 'dateWords' && dated) return;
        a.atoms.forEach(function (at) {
          at.lists.forEach(function (l) { m.terms[l.t] = true; });
          if (at.prefix) m.prefixes.push(at.prefix);
          if (at.word.length >= 4 && a.kind !== 'fuzzy' && a.kind !== 'date') m.words.push(at.word);
        });
      });
    });
    return m;
  }

  /** tokens lists the words of text with offsets and whether each matches. */
  function tokens(text, match, terms) {
    var out = [], re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, word: m[0], hit: match(m[0]) });
    findDates(out.map(function (t) { return cutWord(fold(t.word)); })).forEach(function (dt) {
      if (!dt.terms.some(function (x) { return terms[x]; })) return;
      for (var k = dt.start; k < dt.start + dt.n; k++) out[k].hit = true;
    });
    return out;
  }

  var SNIPPET_BEFORE = 8, SNIPPET_CHARS = 220, FACT_CHARS = 140, FACTS_SHOWN = 2;

  /** describe cuts a snippet from the section of fragment fr that matches the
   * query best, {anchor, heading, parts: [{text, mark}], facts: [{label,
   * parts}]}, facts being the page's facts that match. */
  Engine.prototype.describe = function (fr, query) {
    var match = this.matcher(query, fr.l), terms = marks(query).terms, best = null, facts = [];
    var hits = function (toks) { return toks.filter(function (t) { return t.hit; }).length; };
    fr.x.forEach(function (s) {
      var body = tokens(s[2], match, terms), score = hits(tokens(s[1], match, terms)) * 3 + Math.min(hits(body), 10);
      if (!best || score > best.score) best = { score: score, section: s, toks: body };
    });
    if (!best || best.score === 0) {
      var text = fr.m || (fr.x[0] ? fr.x[0][2] : '');
      best = { section: ['', '', text], toks: tokens(text, match, terms) };
    }
    // the facts with most matches, a match in the label ("Voorzitter") first
    (fr.f || []).forEach(function (f, i) {
      var toks = tokens(f[1], match, terms), score = hits(tokens(f[0], match, terms)) * 10 + hits(toks);
      if (score) facts.push({ label: f[0], toks: toks, text: f[1], score: score, i: i });
    });
    facts = facts.sort(function (a, b) { return b.score - a.score || a.i - b.i; }).slice(0, FACTS_SHOWN).map(function (f) {
      return { label: f.label, parts: snippet(f.text, f.toks, FACT_CHARS) };
    });
    return { anchor: best.section[0], heading: best.section[1], parts: snippet(best.section[2], best.toks, SNIPPET_CHARS), facts: facts };
  };

  function snippet(text, toks, chars) {
    var first = 0, i, parts = [];
    for (i = 0; i < toks.length; i++) if (toks[i].hit) { first = i; break; }
    var from = toks.length ? toks[Math.max(0, first - SNIPPET_BEFORE)].start : 0;
    var to = Math.min(text.length, from + chars), pos = from;
    // a cut text ends with a whole word
    for (i = toks.length - 1; i >= 0 && to < text.length; i--) if (toks[i].end <= to && toks[i].start >= from) { to = toks[i].end; break; }
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

  /** suggestion returns the query with each misspelt word replaced by the
   * word meant, spelt as in the fragments frs; "" when none was corrected. */
  Engine.prototype.suggestion = function (r, frs) {
    var self = this, changed = false;
    var out = r.query.slots.map(function (s) {
      if (!s.corrected) return s.text;
      changed = true;
      for (var i = 0; i < frs.length; i++) {
        var ws = words(fold([frs[i].t].concat(frs[i].x.map(function (x) { return x[1] + ' ' + x[2]; })).join(' ')));
        for (var j = 0; j < ws.length; j++) if (self.stem(frs[i].l, ws[j]) === s.corrected) return ws[j];
      }
      return s.corrected;
    });
    return changed ? out.join(' ') : '';
  };

  g.HandoverSearchEngine = {
    create: function (opts) { return new Engine(opts); },
    fold: fold,
    words: words,
    isStopWord: function (w) { return STOP[w] === true; },
    makeStem: makeStem,
    parseQuery: parseQuery,
    findDates: findDates,
    distance: distance,
    hasFilters: hasFilters,
    FACETS: FACETS,
    RANK: RANK,
    titleFromSlug: titleFromSlug,
    decodeVarints: decodeVarints,
    decodePostings: decodePostings,
    Engine: Engine
  };
})(typeof window !== 'undefined' ? window : globalThis);
