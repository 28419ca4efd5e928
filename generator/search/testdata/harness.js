// Node harness for the Go tests: runs the browser-side search code
// (themes/default/assets/search) outside a browser.
//
//   node harness.js pipeline ASSETS < lines     → per line: "nl-terms\ten-terms"
//   node harness.js snowball ASSETS LANG < words → per word: its Snowball stem
//   node harness.js slug ASSETS < segments       → per segment: titleFromSlug
//   node harness.js decode ASSETS < postings     → per line: "[docs] [impacts]"
//   node harness.js dates ASSETS < lines          → per line: the date terms of its words
//   node harness.js run ASSETS SITE < queries     → (a JSON list of queries, run in
//       order by one engine) JSON per query: the URLs of the hits, how many have
//       every word, the suggestion, short, and the facts and snippet of the first
//   node harness.js search ASSETS SITE < query   → JSON: the query as parsed,
//       the hits and the snippet of each: one query of any length, read
//       whole from stdin (an argument holds at most 128 kB)
//   node harness.js query ASSETS SITE MODE Q...  → (SITE a folder or a JSON
//       file mapping paths to contents) JSON: bytes and files a
//       first query loads (MODE dropdown: 6 fragments; page: 10 fragments,
//       the type facet and, as search.js does, the title blocks of all hits
//       when they are small enough), hits, the time of the query once
//       loaded (wall and CPU, medians of 21), and apart from that the bytes
//       of the other facets and of every title block the hits need.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [mode, assets] = process.argv.slice(2, 4);
const runtime = ['search.js', 'engine.js', 'snowball.js', 'search.css'];
vm.runInThisContext(fs.readFileSync(path.join(assets, 'engine.js'), 'utf8'));
const factory = require(path.resolve(assets, 'snowball.js'));
const stemmers = { nl: factory.newStemmer('dutch'), en: factory.newStemmer('english') };
const E = globalThis.HandoverSearchEngine;

function lines() {
  return fs.readFileSync(0, 'utf8').split('\n').filter((l) => l !== '');
}

function pipeline() {
  const stem = E.makeStem(stemmers);
  const out = lines().map((l) => {
    const ws = E.words(E.fold(l)).filter((w) => !E.isStopWord(w));
    return ws.map((w) => stem('nl', w)).join(' ') + '\t' + ws.map((w) => stem('en', w)).join(' ');
  });
  process.stdout.write(out.join('\n') + '\n');
}

function snowball(lang) {
  const s = stemmers[lang];
  process.stdout.write(lines().map((w) => s.stem(w)).join('\n') + '\n');
}

// loader returns a load function for the index in SITE, a folder or a JSON
// file that maps each path to its content; it calls seen(name, src) for
// each file it loads.
function loader(site, seen) {
  const packed = site.endsWith('.json') ? JSON.parse(fs.readFileSync(site, 'utf8')) : null;
  return (name) => {
    const src = packed ? packed['search/' + name + '.js'] : fs.readFileSync(path.join(site, 'search', name + '.js'), 'utf8');
    seen(name, src);
    let data;
    globalThis.__handoverSearch = (n, d) => { data = d; };
    vm.runInThisContext(src);
    return Promise.resolve(data);
  };
}

async function query(site, how, queries) {
  const results = [];
  for (const q of queries) {
    const loaded = [];
    let bytes = 0;
    for (const f of runtime) bytes += fs.statSync(path.join(assets, f)).size;
    const load = loader(site, (name, src) => {
      bytes += Buffer.byteLength(src);
      loaded.push(name);
    });
    const e = E.create({ load, stemmers });
    if (how === 'page') await e.loadFacets(['type']);
    const r = await e.search(q, {});
    const n = how === 'page' ? 10 : 6;
    const frs = await Promise.all(r.hits.slice(0, n).map((h) => e.fragment(h.doc)));
    frs.forEach((fr) => e.describe(fr, r.query));
    const rest = r.hits.slice(n);
    const blocks = new Set(rest.map((h) => e.blockOf(h.doc)));
    const eager = how === 'page' && blocks.size * e.blockBytes() <= 8 * 1024; // search.js EAGER_TITLE_BYTES
    if (eager) await Promise.all(rest.map((h) => e.title(h.doc)));
    if (how === 'page') e.facetCounts(r.all, {});
    // the median of 21 runs: other processes share the machine. Besides the
    // wall time, the CPU time of the process, which other processes on a
    // busy machine disturb less
    const times = [], cpu = [];
    for (let i = 0; i < 21; i++) {
      e.postings = {}; // decode again each time: the cost of a new query
      const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
      await e.search(q, {});
      const c = process.cpuUsage(c0);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu.push((c.user + c.system) / 1e3);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const ms = times[10], minMs = times[0], cpuMs = cpu[10];
    const firstFiles = loaded.length;
    let before = bytes;
    await e.loadFacets();
    e.facetCounts(r.all, {});
    const facetBytes = bytes - before;
    before = bytes;
    await Promise.all(rest.map((h) => e.title(h.doc)));
    const titleBytes = bytes - before;
    bytes = before - facetBytes;
    // the pages with every word (the ones with most words follow them)
    const ids = process.env.HARNESS_IDS ? r.hits.slice(0, r.full).map((h) => h.doc) : undefined;
    results.push({ ids, query: q, hits: r.hits.length, files: firstFiles + runtime.length, bytes, facetBytes, titleBytes, eager, ms, minMs, cpuMs, loaded });
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

// search: one query from stdin, as the search page runs it
async function search(site) {
  const q = fs.readFileSync(0, 'utf8');
  const e = E.create({ load: loader(site, () => {}), stemmers });
  const r = await e.search(q, {});
  const frs = await Promise.all(r.hits.map((h) => e.fragment(h.doc)));
  const snippets = frs.map((fr) => e.describe(fr, r.query).parts.filter((p) => p.mark).length);
  const words = r.query.slots.map((s) => ({ word: s.text, exact: s.alts[0].atoms[0].terms, prefix: s.alts[0].atoms[0].prefix }));
  process.stdout.write(JSON.stringify({ words, hits: r.hits.map((h) => h.doc), full: r.full, marks: snippets }) + '\n');
}

// dates: per line, the date terms engine.js finds in its words (dates.go dateTerms)
function dates() {
  const out = lines().map((l) => [].concat(...E.findDates(E.words(E.fold(l))).map((d) => d.terms)).join(' '));
  process.stdout.write(out.join('\n') + '\n');
}

// run: queries from stdin (JSON), each run by the same engine, as the search page does
async function run(site) {
  const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
  const e = E.create({ load: loader(site, () => {}), stemmers });
  const out = [];
  for (const q of queries) {
    const r = await e.search(q, {});
    const urls = await Promise.all(r.hits.map((h) => e.title(h.doc).then((t) => t.u)));
    const frs = await Promise.all(r.hits.slice(0, 3).map((h) => e.fragment(h.doc)));
    const d = frs.length ? e.describe(frs[0], r.query) : null;
    const text = (parts) => parts.map((p) => (p.mark ? '[' + p.text + ']' : p.text)).join('');
    out.push({
      q, urls, full: r.full, complete: r.complete, short: !!r.short, suggestion: e.suggestion(r, frs),
      facts: d ? d.facts.map((f) => f.label + ': ' + text(f.parts)) : [], snippet: d ? text(d.parts) : '',
    });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

// decode: per line of postings, "[docs] [impacts]" as Go's fmt.Sprint prints them
function decode() {
  const out = lines().map((l) => { const p = E.decodePostings(l); return '[' + p.docs.join(' ') + '] [' + p.imp.join(' ') + ']'; });
  process.stdout.write(out.join('\n') + '\n');
}

// slug: per URL segment, the title engine.js derives from it
function slug() {
  process.stdout.write(lines().map((l) => E.titleFromSlug(l) || '-').join('\n') + '\n');
}

if (mode === 'pipeline') pipeline();
else if (mode === 'slug') slug();
else if (mode === 'decode') decode();
else if (mode === 'snowball') snowball(process.argv[4]);
else if (mode === 'query') query(process.argv[4], process.argv[5], process.argv.slice(6));
else if (mode === 'search') search(process.argv[4]);
else if (mode === 'dates') dates();
else if (mode === 'run') run(process.argv[4]);
else throw new Error('unknown mode ' + mode);
