#!/usr/bin/env bash
# bench/build.sh: time `handover build` beside Hugo + Pagefind and the
# goldmark floor on generated corpora, interleaved round by round, with the
# harness of ../shared/bench (rounds.py: one warm-up round, then RUNS
# rounds; wall, user + sys CPU and peak RSS from /usr/bin/time -v).
#
#   bench/build.sh                 # SIZES="1000 10000" RUNS=5
#   SIZES=100000 RUNS=3 bench/build.sh
#   SIZES=100000 RUNS=1 ONLY=handover bench/build.sh   # the cold build alone
#
# Jobs per size:
#   handover           cold build, no cache
#   handover-cache0    cold build with an empty --cache folder (cost of filling it)
#   handover-edit      one page's body edited, then a build with the --cache of
#                      the previous round (the CI case)
#   hugo, pagefind     the peers (skipped when ../shared/bench/peers.sh install has
#                      not been run; PEERS.md has their figures on this machine type)
#   copy-output        cp -r of the cold build's output into a new folder: what
#                      writing the site's files costs, the floor of any build
#                      that starts without an output folder (the edit job's)
#   link-output        cp -al of the same: making the files' names alone
#   floor-2workers     goldmark + chroma alone on both cores
#
# Old outputs are renamed into $WORK/trash, never deleted before a timed run:
# on this machine's ext4 /tmp a build right after `rm -rf` gets slower
# (../shared/bench/README.md). Results: $OUT (JSON lines), summary on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench}"
WORK="${WORK:-/tmp/bench}"
SIZES="${SIZES:-1000 10000}"
RUNS="${RUNS:-5}"
ONLY="${ONLY:-}" # "handover": time the cold build only (no cache jobs, peers or floor)
OUT="${OUT:-$WORK/handover-results/runs.jsonl}"
HANDOVER="${HANDOVER:-$ROOT/bin/handover}"
HUGO="${HUGO:-/tmp/peers/bin/hugo}"
FLOOR="${FLOOR:-/tmp/floor/floor}"
TRASH="$WORK/trash"
mkdir -p "$WORK" "$TRASH" "$(dirname "$OUT")"

log() { printf '=== %s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
trash() { echo "if [ -e '$1' ]; then mv '$1' '$TRASH/'\$(date +%s%N); fi"; }

[ -x "$HANDOVER" ] || (cd "$ROOT" && make build >&2)
pagefind=""
for b in /tmp/peers/node/node_modules/@pagefind/*/bin/pagefind_extended; do [ -x "$b" ] && pagefind="$b"; done

for n in $SIZES; do
  corpus="$WORK/corpus-$n"
  if [ ! -f "$corpus/handover.yaml" ]; then
    log "generating $corpus"
    python3 "$SHARED/gencorpus.py" --pages "$n" --seed 1 --out "$corpus" >&2
  fi
  # The edit job works on its own copy, so the other jobs see the corpus as generated.
  edit="$WORK/handover-edit-$n"
  [ -L "$edit" ] && rm "$edit" # a link to the corpus would make the edit job change the corpus
  [ -d "$edit" ] || cp -r "$corpus/." "$edit"
  page="$(find "$edit/content/instructions" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)"
  jobs="[
 {\"label\": \"handover\", \"cwd\": \"$corpus\", \"prepare\": \"$(trash "$WORK/ho-$n")\",
  \"cmd\": [\"$HANDOVER\", \"build\", \"-q\", \"-d\", \"$WORK/ho-$n\", \"$corpus\"]}"
  if [ "$ONLY" != handover ]; then
    jobs="$jobs,
 {\"label\": \"handover-cache0\", \"cwd\": \"$corpus\", \"prepare\": \"$(trash "$WORK/ho0-$n"); $(trash "$WORK/cache0-$n")\",
  \"cmd\": [\"$HANDOVER\", \"build\", \"-q\", \"--cache\", \"$WORK/cache0-$n\", \"-d\", \"$WORK/ho0-$n\", \"$corpus\"]},
 {\"label\": \"handover-edit\", \"cwd\": \"$edit\", \"prepare\": \"$(trash "$WORK/hoe-$n"); echo \\\"Regel \$(date +%s%N).\\\" >> '$page'\",
  \"cmd\": [\"$HANDOVER\", \"build\", \"-q\", \"--cache\", \"$WORK/cachee-$n\", \"-d\", \"$WORK/hoe-$n\", \"$edit\"]},
 {\"label\": \"copy-output\", \"cwd\": \"$WORK\", \"prepare\": \"$(trash "$WORK/cpo-$n")\",
  \"cmd\": [\"cp\", \"-r\", \"$WORK/ho-$n\", \"$WORK/cpo-$n\"]},
 {\"label\": \"link-output\", \"cwd\": \"$WORK\", \"prepare\": \"$(trash "$WORK/lno-$n")\",
  \"cmd\": [\"cp\", \"-al\", \"$WORK/ho-$n\", \"$WORK/lno-$n\"]}"
  fi
  if [ -x "$FLOOR" ] && [ "$ONLY" != handover ]; then
    jobs="$jobs,
 {\"label\": \"floor-2workers\", \"cwd\": \"$WORK\", \"prepare\": \"$(trash "$WORK/floor2-$n")\", \"env\": [\"GOMAXPROCS=2\"],
  \"cmd\": [\"$FLOOR\", \"-src\", \"$corpus/content\", \"-out\", \"$WORK/floor2-$n\", \"-workers\", \"2\"]}"
  fi
  if [ -x "$HUGO" ] && [ "$ONLY" != handover ]; then
    h="$WORK/hugo-$n"
    [ -f "$h/hugo.toml" ] || "$SHARED/hugo-site/prepare.sh" "$corpus" "$h"
    jobs="$jobs,
 {\"label\": \"hugo\", \"cwd\": \"$h\", \"prepare\": \"$(trash "$h/public")\", \"cmd\": [\"$HUGO\", \"--quiet\"]}"
    if [ -n "$pagefind" ]; then
      [ -f "$h/public-pf/index.html" ] || (cd "$h" && "$HUGO" --quiet --destination public-pf)
      jobs="$jobs,
 {\"label\": \"pagefind\", \"cwd\": \"$h\", \"prepare\": \"$(trash "$h/public-pf/pagefind")\", \"cmd\": [\"$pagefind\", \"--site\", \"public-pf\"]}"
    fi
  fi
  jobs="$jobs
]"
  log "n=$n: $RUNS interleaved rounds + 1 warm-up"
  echo "$jobs" | python3 "$SHARED/rounds.py" --n "$n" --rounds "$RUNS" --out "$OUT"
  # Output bytes of the last runs.
  for d in "$WORK/ho-$n" "$WORK/hugo-$n/public" "$WORK/hugo-$n/public-pf/pagefind"; do
    [ -d "$d" ] && printf 'size n=%s %s: %s bytes in %s files\n' "$n" "$d" "$(du -sb "$d" | cut -f1)" "$(find "$d" -type f | wc -l)"
  done
  # The edited site's cached build must equal a clean build of the same content.
  if [ -d "$WORK/hoe-$n" ] && [ "$ONLY" != handover ]; then
    "$HANDOVER" build -q -d "$WORK/hoe-clean-$n" "$edit" 2>/dev/null || true
    if diff -rq "$WORK/hoe-$n" "$WORK/hoe-clean-$n" >/dev/null; then echo "n=$n: cached edit build == clean build (diff -r)"; else echo "n=$n: CACHED BUILD DIFFERS"; fi
    mv "$WORK/hoe-clean-$n" "$TRASH/$(date +%s%N)"
  fi
done
python3 "$ROOT/bench/report.py" "$OUT"
