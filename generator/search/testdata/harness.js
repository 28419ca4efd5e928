// Node harness for the Go tests: runs the browser-side search code
// (themes/default/assets/search) outside a browser.
//
//   node harness.js pipeline ASSETS < lines     → per line: "nl-terms\ten-terms"
//   node harness.js snowball ASSETS LANG < words → per word: its Snowball stem
//   node harness.js query ASSETS SITE MODE Q...  → JSON: bytes and files a
//       first query loads (MODE dropdown: 6 fragments; page: 10), apart from
//       that the facets file, hits, and the time of the query once loaded.
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

async function query(site, how, queries) {
  const results = [];
  for (const q of queries) {
    const loaded = [];
    let bytes = 0;
    for (const f of runtime) bytes += fs.statSync(path.join(assets, f)).size;
    const load = (name) => {
      const file = path.join(site, 'search', name + '.js');
      const src = fs.readFileSync(file, 'utf8');
      bytes += Buffer.byteLength(src);
      loaded.push(name);
      let data;
      globalThis.__handoverSearch = (n, d) => { data = d; };
      vm.runInThisContext(src);
      return Promise.resolve(data);
    };
    const e = E.create({ load, stemmers });
    const r = await e.search(q, {});
    const n = how === 'page' ? 10 : 6;
    const frs = await Promise.all(r.hits.slice(0, n).map((h) => e.fragment(h.doc)));
    frs.forEach((fr) => e.describe(fr, r.query));
    const before = bytes;
    await e.loadFacets();
    e.facetCounts(r.all, {});
    const facetBytes = bytes - before;
    bytes = before;
    const t0 = process.hrtime.bigint();
    const reps = 20;
    for (let i = 0; i < reps; i++) {
      e.postings = {}; // decode again each time: the cost of a new query
      await e.search(q, {});
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / reps;
    results.push({ query: q, hits: r.hits.length, files: loaded.length - 1 + runtime.length, bytes, facetBytes, ms, loaded });
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

if (mode === 'pipeline') pipeline();
else if (mode === 'snowball') snowball(process.argv[4]);
else if (mode === 'query') query(process.argv[4], process.argv[5], process.argv.slice(6));
else throw new Error('unknown mode ' + mode);
