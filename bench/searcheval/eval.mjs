// Search quality evaluation: handover, Pagefind and MiniSearch on the same built sites,
// over the judged queries of testdata/queries.tsv. run.sh prepares the sites; see there.
//
//   node eval.mjs --queries Q.tsv --assets DIR --modules NODE_MODULES
//                 --site nl=PUBLIC --pagefind nl=PAGEFIND_BUNDLE ... [--split tune|heldout]
//                 [--engines handover,pagefind,minisearch] [--show] [--json FILE]
//   node eval.mjs --add-synonyms SYNONYMS.yaml SITE HANDOVER.yaml   (run.sh)
//   node eval.mjs --pagefind-site PUBLIC OUT                       (run.sh)
//
// Metrics, per query: recall@3 is the share of the wanted pages (at most three of them)
// among the first three results; the reciprocal rank is 1/rank of the first wanted page
// within the first ten, else 0 (MRR is its mean); a query has zero results when the engine
// returns nothing.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const pagefindBundles = {}; // site -> folder of its Pagefind bundle

if (argv[0] === '--add-synonyms') addSynonyms(argv[1], argv[2], argv[3]);
else if (argv[0] === '--pagefind-site') pagefindSite(argv[1], argv[2]);
else await main(argv);

// ---- site preparation ----

// addSynonyms appends the search.synonyms of site from the small YAML file of run.sh
// (top-level site keys, each a list of flow sequences) to handover.yaml.
function addSynonyms(file, site, yaml) {
  const groups = [];
  let cur = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*#/.test(line) || !line.trim()) continue;
    const key = /^([a-z]+):\s*$/.exec(line);
    if (key) { cur = key[1]; continue; }
    const item = /^\s+-\s+(\[.*\])\s*$/.exec(line);
    if (item && cur === site) groups.push(item[1]);
  }
  if (!groups.length) return;
  let out = fs.readFileSync(yaml, 'utf8');
  if (!out.endsWith('\n')) out += '\n';
  out += 'search:\n  synonyms:\n' + groups.map((g) => '    - ' + g + '\n').join('');
  fs.writeFileSync(yaml, out);
}

// documents lists the pages handover's index holds, from its title blocks:
// [{url, file}], url relative to the site root ("" is the home page).
function documents(pub) {
  const dir = path.join(pub, 'search', 'd');
  const docs = [];
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort((a, b) => parseInt(a) - parseInt(b));
  for (const f of names) {
    let data;
    const ctx = { __handoverSearch: (n, d) => { data = d; } };
    vm.runInNewContext(fs.readFileSync(path.join(dir, f), 'utf8'), ctx);
    for (const r of data.r) {
      const g = data.g[r[0]];
      const url = g[0] + r[1];
      docs.push({ url, file: path.join(pub, url, 'index.html') });
    }
  }
  return docs;
}

// pagefindSite copies the pages handover indexes into out, with data-pagefind-body on
// <main>, so that Pagefind indexes the same pages and only their content.
function pagefindSite(pub, out) {
  for (const d of documents(pub)) {
    const html = fs.readFileSync(d.file, 'utf8').replace(/<main\b/, '<main data-pagefind-body');
    const dest = path.join(out, d.url, 'index.html');
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, html);
  }
}

// ---- the engines ----

function option(args, name, many) {
  const out = [];
  for (let i = 0; i < args.length; i++) if (args[i] === name) out.push(args[i + 1]);
  return many ? out : out[0];
}

function pairs(list) {
  const m = {};
  for (const p of list) { const i = p.indexOf('='); m[p.slice(0, i)] = p.slice(i + 1); }
  return m;
}

// handoverEngine runs engine.js in node over the index in pub/search, as the search page does.
function handoverEngine(assets, pub) {
  if (!globalThis.HandoverSearchEngine) vm.runInThisContext(fs.readFileSync(path.join(assets, 'engine.js'), 'utf8'));
  const factory = require(path.resolve(assets, 'snowball.js'));
  const E = globalThis.HandoverSearchEngine;
  const load = (name) => {
    let data;
    globalThis.__handoverSearch = (n, d) => { data = d; };
    vm.runInThisContext(fs.readFileSync(path.join(pub, 'search', name + '.js'), 'utf8'));
    return Promise.resolve(data);
  };
  const e = E.create({ load, stemmers: { nl: factory.newStemmer('dutch'), en: factory.newStemmer('english') } });
  return async (q) => {
    const r = await e.search(q, {});
    const top = r.hits.slice(0, 10);
    const titles = await Promise.all(top.map((h) => e.title(h.doc)));
    return { total: r.hits.length, urls: titles.map((t) => t.u) };
  };
}

// pagefindEngine runs Pagefind's own pagefind.js in node, its fetch answered from the bundle.
async function pagefindEngine(bundle, site) {
  const base = 'http://pagefind.invalid/' + site + '/pagefind/';
  if (!Object.keys(pagefindBundles).length) {
    globalThis.fetch = async (input) => {
      const u = new URL(typeof input === 'string' ? input : input.url);
      const [, s, , ...rest] = decodeURIComponent(u.pathname).split('/');
      return new Response(fs.readFileSync(path.join(pagefindBundles[s], rest.join('/'))), { status: 200 });
    };
  }
  pagefindBundles[site] = bundle;
  const pf = await import(pathToFileURL(path.join(bundle, 'pagefind.js')).href + '?site=' + site);
  await pf.options({ basePath: base });
  return async (q) => {
    const r = await pf.search(q);
    const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return { total: r.results.length, urls: top.map((d) => d.url.replace(/^http:\/\/pagefind\.invalid\/[^/]+\//, '').replace(/^\//, '').replace(/index\.html$/, '')) };
  };
}

function fold(s) {
  return s.toLowerCase().normalize('NFKD').replace(/\p{Mn}/gu, '');
}

function textOf(html) {
  return html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'").replace(/&#(\d+);/g, (m, n) => String.fromCodePoint(+n))
    .replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

// miniSearchEngine indexes the title and the text of <main> of each page handover indexes.
function miniSearchEngine(modules, pub) {
  const mod = createRequire(path.join(modules, 'x.js'))('minisearch');
  const MiniSearch = mod.default || mod;
  const ms = new MiniSearch({
    fields: ['title', 'text'], storeFields: ['url'], idField: 'url',
    processTerm: (t) => fold(t),
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
  });
  const docs = documents(pub).map((d) => {
    const html = fs.readFileSync(d.file, 'utf8');
    const main = (/<main\b[^>]*>([\s\S]*)<\/main>/.exec(html) || [, html])[1];
    const title = textOf((/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(main) || /<title>([\s\S]*?)<\/title>/.exec(html) || [, ''])[1]);
    return { url: d.url, title, text: textOf(main) };
  });
  ms.addAll(docs);
  return async (q) => {
    const r = ms.search(q);
    return { total: r.length, urls: r.slice(0, 10).map((x) => x.url) };
  };
}

// ---- evaluation ----

function readQueries(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [site, split, kind, query, wanted] = l.split('\t');
    return { site, split, kind, query, wanted: wanted.split(' ').map((u) => (u === '/' ? '' : u)) };
  });
}

function score(q, urls) {
  const top3 = urls.slice(0, 3);
  const found = q.wanted.filter((u) => top3.includes(u)).length;
  const rank = urls.slice(0, 10).findIndex((u) => q.wanted.includes(u));
  return { recall: found / Math.min(q.wanted.length, 3), rr: rank < 0 ? 0 : 1 / (rank + 1) };
}

function summary(rows) {
  const n = rows.length;
  const mean = (f) => (n ? rows.reduce((a, r) => a + f(r), 0) / n : 0);
  const typo = rows.filter((r) => r.q.kind === 'typo');
  return {
    n, recall: mean((r) => r.recall), mrr: mean((r) => r.rr), zero: mean((r) => (r.total ? 0 : 1)),
    typo: typo.length ? typo.reduce((a, r) => a + r.recall, 0) / typo.length : NaN, typoN: typo.length,
  };
}

async function main(args) {
  const queries = readQueries(option(args, '--queries'));
  const split = option(args, '--split');
  const engines = (option(args, '--engines') || 'handover,pagefind,minisearch').split(',');
  const sites = pairs(option(args, '--site', true));
  const bundles = pairs(option(args, '--pagefind', true));
  const assets = option(args, '--assets');
  const modules = option(args, '--modules');
  const show = args.includes('--show');
  const qs = queries.filter((q) => !split || q.split === split);
  const results = {};
  for (const name of engines) {
    const run = {};
    for (const site of Object.keys(sites)) {
      if (name === 'handover') run[site] = handoverEngine(assets, sites[site]);
      else if (name === 'pagefind') run[site] = await pagefindEngine(bundles[site], site);
      else if (name === 'minisearch') run[site] = miniSearchEngine(modules, sites[site]);
      else throw new Error('unknown engine ' + name);
    }
    const rows = [];
    for (const q of qs) {
      if (!run[q.site]) continue;
      const r = await run[q.site](q.query);
      rows.push({ q, total: r.total, urls: r.urls, ...score(q, r.urls) });
    }
    results[name] = rows;
  }
  const pct = (x) => (x * 100).toFixed(1) + '%';
  const f2 = (x) => (Number.isNaN(x) ? '–' : x.toFixed(2));
  console.log('| engine | queries | recall@3 | MRR | zero results | typo recall@3 |');
  console.log('|---|---|---|---|---|---|');
  for (const sp of split ? [split] : ['tune', 'heldout', 'all']) {
    for (const name of engines) {
      const rows = results[name].filter((r) => sp === 'all' || r.q.split === sp);
      const s = summary(rows);
      console.log(`| ${name} | ${sp} (${s.n}) | ${f2(s.recall)} | ${f2(s.mrr)} | ${pct(s.zero)} | ${f2(s.typo)} (${s.typoN}) |`);
    }
  }
  const kinds = [...new Set(qs.map((q) => q.kind))];
  console.log('\nrecall@3 by kind of query' + (split ? ` (${split})` : ' (all)') + ':\n');
  console.log('| kind | queries | ' + engines.join(' | ') + ' |');
  console.log('|---|---|' + engines.map(() => '---|').join(''));
  for (const k of kinds) {
    const cells = engines.map((name) => f2(summary(results[name].filter((r) => r.q.kind === k)).recall));
    console.log(`| ${k} | ${qs.filter((q) => q.kind === k).length} | ${cells.join(' | ')} |`);
  }
  if (show) {
    for (const name of engines) {
      console.log(`\n${name}:`);
      for (const r of results[name]) {
        const mark = r.recall === 1 ? 'ok ' : r.recall > 0 ? 'part' : 'MISS';
        console.log(`${mark} ${r.q.site} ${r.q.split.padEnd(7)} ${r.q.kind.padEnd(12)} ${JSON.stringify(r.q.query).padEnd(34)} ${r.total} hits: ${r.urls.slice(0, 3).map((u) => u || '/').join('  ')}`);
      }
    }
  }
  const json = option(args, '--json');
  if (json) fs.writeFileSync(json, JSON.stringify(results, null, 1));
}
