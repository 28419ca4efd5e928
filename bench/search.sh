#!/usr/bin/env bash
# Search benchmark: handover's index beside Pagefind on the same built site.
#
#   bench/search.sh            # SIZES="1000 10000" by default
#
# For each size N it takes the corpus $WORK/corpus-N (made with
# ../shared/bench/gencorpus.py --pages N --seed 1 when missing), builds it
# with handover, and measures
#   - search.Build time per page (bench/searchbuild: the content loaded once,
#     the index built RUNS times, median),
#   - the index on disk (public/search): bytes and files,
#   - first-query bytes and query latency for QUERIES, from engine.js run in
#     node against the built index (generator/search/testdata/harness.js,
#     "page" mode: runtime, manifest, shards, type facet, 10 fragments; the
#     latency as wall time and as the process's CPU time, medians of 21),
#   - Pagefind on the same public/ folder: index time (wall, /usr/bin/time),
#     index bytes and files, first-query bytes (pagefind_query.mjs: entry,
#     meta, wasm, chunks, 5 fragments; pagefind.js and worker reported apart).
# Results: $WORK/search-results/*.json and a Markdown table on stdout.
# Outputs are renamed into $WORK/trash, never deleted before a timed run
# (ext4 without a journal slows down inode allocation after deletions; see
# ../shared/bench/README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench}"
WORK="${WORK:-/tmp/bench}"
SIZES="${SIZES:-1000 10000}"
RUNS="${RUNS:-3}"
PEERS="${PEERS:-/tmp/peers}"
HANDOVER="${HANDOVER:-$WORK/handover-search-bin}"
RES="$WORK/search-results"
QUERIES=("organisatie" "borging" "interim manager" "incident" "dashboard" "escalatie klanten" "organisatei")
mkdir -p "$WORK/trash" "$RES"

log() { printf '== %s\n' "$*" >&2; }
trash() { if [ -e "$1" ]; then mv "$1" "$WORK/trash/$(basename "$1").$(date +%s%N)"; fi; }

pagefind_bin() {
  for b in "$PEERS"/node/node_modules/@pagefind/*/bin/pagefind_extended "$PEERS"/node/node_modules/@pagefind/*/bin/pagefind; do
    [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

corpus() { # corpus N -> path
  local n="$1" c="$WORK/corpus-$1"
  if [ ! -d "$c/content" ]; then
    log "generating $c"
    python3 "$SHARED/gencorpus.py" --pages "$n" --seed 1 --out "$c" >&2
  fi
  echo "$c"
}

log "building handover and searchbuild"
(cd "$ROOT" && go build -o "$HANDOVER" ./cmd/handover && go build -o "$WORK/searchbuild" ./bench/searchbuild)
PF="$(pagefind_bin)" || { echo "pagefind not installed: run ../shared/bench/peers.sh install" >&2; exit 1; }

echo "| pages | tool | index build | per page | index on disk | first query (median [range]) | + JS | query latency (median: wall; CPU) |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  c="$(corpus "$n")"
  out="$WORK/handover-out-$n"
  trash "$out"
  log "handover build $c (n=$n)"
  /usr/bin/time -f '%e %M' -o "$RES/handover-build-$n.time" "$HANDOVER" build "$c" -d "$out" >/dev/null 2>"$RES/handover-build-$n.log" || true
  log "search.Build x$RUNS"
  "$WORK/searchbuild" -site "$c" -runs "$RUNS" >"$RES/searchbuild-$n.json"
  node "$ROOT/generator/search/testdata/harness.js" query "$ROOT/themes/default/assets/search" "$out" page "${QUERIES[@]}" >"$RES/handover-query-$n.json"
  log "pagefind --site $out"
  trash "$out/pagefind"
  /usr/bin/time -f '%e %M' -o "$RES/pagefind-build-$n.time" "$PF" --site "$out" >"$RES/pagefind-build-$n.log" 2>&1
  node "$SHARED/pagefind_query.mjs" "$out/pagefind" "${QUERIES[@]}" >"$RES/pagefind-query-$n.json"
  python3 - "$n" "$out" "$RES" <<'PY'
import json, os, statistics, sys
n, out, res = sys.argv[1], sys.argv[2], sys.argv[3]
def tree(d):
    b = f = 0
    for root, _, files in os.walk(d):
        for x in files:
            b += os.path.getsize(os.path.join(root, x)); f += 1
    return b, f
kib = lambda b: f"{b/1024:,.0f} KiB"
mib = lambda b: f"{b/1048576:,.1f} MiB"
sb = json.load(open(f"{res}/searchbuild-{n}.json"))
hq = json.load(open(f"{res}/handover-query-{n}.json"))
pq = json.load(open(f"{res}/pagefind-query-{n}.json"))
hb, hf = tree(os.path.join(out, "search"))
pb, pf = tree(os.path.join(out, "pagefind"))
pft = float(open(f"{res}/pagefind-build-{n}.time").read().split()[0])
pfm = int(open(f"{res}/pagefind-build-{n}.time").read().split()[1]) // 1024
hbt = open(f"{res}/handover-build-{n}.time").read().split()
pages = sb["pages"]
hbytes = [q["bytes"] for q in hq]
pbytes = [q["fetched_bytes"] for q in pq["queries"]]
pjs = pq["pagefind_js"] + pq["worker_js"]
print(f"| {n} | handover | {sb['median_s']:.2f} s (search.Build; whole `handover build` {float(hbt[0]):.1f} s, {int(hbt[1])//1024} MiB) "
      f"| {sb['us_per_page']:.0f} µs | {mib(hb)} in {hf:,} files | {kib(statistics.median(hbytes))} [{kib(min(hbytes))}–{kib(max(hbytes))}] incl. runtime "
      f"| (included) | {statistics.median(q['ms'] for q in hq):.2f} ms; {statistics.median(q['cpuMs'] for q in hq):.2f} ms |")
print(f"| {n} | Pagefind 1.6 | {pft:.2f} s ({pfm} MiB) | {pft/pages*1e6:.0f} µs | {mib(pb)} in {pf:,} files "
      f"| {kib(statistics.median(pbytes))} [{kib(min(pbytes))}–{kib(max(pbytes))}] | +{kib(pjs)} | {statistics.median(q['node_ms'] for q in pq['queries'])} ms (cold, incl. loading) |")
with open(f"{res}/queries-{n}.md", "w") as f:
    f.write("| query | handover hits | handover bytes | handover ms (wall; CPU) | Pagefind results | Pagefind bytes (+JS) |\n|---|---|---|---|---|---|\n")
    for h, p in zip(hq, pq["queries"]):
        f.write(f"| `{h['query']}` | {h['hits']:,} | {kib(h['bytes'])} | {h['ms']:.2f}; {h['cpuMs']:.2f} | {p['results']:,} | {kib(p['fetched_bytes'])} (+{kib(pjs)}) |\n")
PY
done
for n in $SIZES; do echo; echo "Per query, $n pages:"; echo; cat "$RES/queries-$n.md"; done
