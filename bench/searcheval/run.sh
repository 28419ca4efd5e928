#!/usr/bin/env bash
# Search quality: handover beside Pagefind and MiniSearch on the same built sites.
#
#   make searcheval                       # or: bench/searcheval/run.sh [eval.mjs flags]
#   bench/searcheval/run.sh --split tune  # only the queries tuned against
#   bench/searcheval/run.sh --engines handover --show   # every query, with what came first
#
# For each example (nl: examples/nl-klantenservice, en: examples/en-small) it copies the
# site into $WORK/sites, adds the site's search.synonyms from testdata/synonyms.yaml to
# its handover.yaml, and builds it with handover. Then, over that same public/ folder:
#   - handover: themes/default/assets/search/engine.js in node on public/search, as the
#     search page runs it;
#   - Pagefind 1.6.0: `pagefind --site` on a copy of public/ that holds only the pages
#     handover indexes (content pages and people; not print, search, readiness, changes),
#     with data-pagefind-body on <main> so that navigation and footer are left out, as
#     Pagefind's documentation advises; queried with its node-side pagefind.js;
#   - MiniSearch 7.2.0: the same pages, title and the text of <main>, diacritics folded,
#     no stemming, searched with prefix and fuzzy (0.2) matching and the title boosted 2×.
# eval.mjs prints recall@3, MRR (first 10) and the zero-result rate per engine, for the
# tuned and held-out queries apart, and per kind of query.
#
# Needs go, node and npm; installs pagefind and minisearch into $PEERS/node when missing
# (the same folder as bench/search.sh and ../shared/bench/peers.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/searcheval"
WORK="${WORK:-/tmp/searcheval}"
PEERS="${PEERS:-/tmp/peers}"
PAGEFIND_VERSION="${PAGEFIND_VERSION:-1.6.0}"
MINISEARCH_VERSION="${MINISEARCH_VERSION:-7.2.0}"

log() { printf '== %s\n' "$*" >&2; }

mkdir -p "$WORK" "$PEERS/node"
[ -f "$PEERS/node/package.json" ] || echo '{"name":"peers","private":true}' >"$PEERS/node/package.json"
if [ ! -f "$PEERS/node/node_modules/pagefind/package.json" ] || [ ! -f "$PEERS/node/node_modules/minisearch/package.json" ]; then
  log "npm install pagefind@$PAGEFIND_VERSION minisearch@$MINISEARCH_VERSION into $PEERS/node"
  (cd "$PEERS/node" && npm install --no-audit --no-fund "pagefind@$PAGEFIND_VERSION" "minisearch@$MINISEARCH_VERSION" >&2)
fi
PF=""
for b in "$PEERS"/node/node_modules/@pagefind/*/bin/pagefind_extended "$PEERS"/node/node_modules/@pagefind/*/bin/pagefind; do
  if [ -x "$b" ]; then PF="$b"; break; fi
done
[ -n "$PF" ] || { echo "no pagefind binary under $PEERS/node/node_modules/@pagefind" >&2; exit 1; }

log "building handover"
(cd "$ROOT" && go build -o "$WORK/handover" ./cmd/handover)

sites=()
for pair in nl:nl-klantenservice en:en-small; do
  name="${pair%%:*}" example="${pair#*:}"
  dir="$WORK/sites/$name"
  rm -rf "$dir" "$WORK/pagefind-$name"
  mkdir -p "$dir"
  cp -r "$ROOT/examples/$example/." "$dir/"
  rm -rf "$dir/public"
  node "$HERE/eval.mjs" --add-synonyms "$HERE/testdata/synonyms.yaml" "$name" "$dir/handover.yaml"
  log "handover build $dir"
  "$WORK/handover" build -q "$dir" -d "$dir/public"
  node "$HERE/eval.mjs" --pagefind-site "$dir/public" "$WORK/pagefind-$name"
  log "pagefind --site $WORK/pagefind-$name"
  "$PF" --site "$WORK/pagefind-$name" >"$WORK/pagefind-$name.log" 2>&1 || { cat "$WORK/pagefind-$name.log" >&2; exit 1; }
  sites+=(--site "$name=$dir/public" --pagefind "$name=$WORK/pagefind-$name/pagefind")
done

exec node "$HERE/eval.mjs" --queries "$HERE/testdata/queries.tsv" --assets "$ROOT/themes/default/assets/search" \
  --modules "$PEERS/node/node_modules" "${sites[@]}" "$@"
