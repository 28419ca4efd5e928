#!/usr/bin/env bash
# bench/ab.sh: two handover binaries, before and after a change, measured
# in one run: cold builds interleaved round by round (../shared/bench
# rounds.py: one warm-up round, then RUNS rounds; wall, user + sys CPU and
# peak RSS from /usr/bin/time -v), then live preview in Chromium, each
# binary in turn (bench/preview: save → visible for a body, title and front
# matter edit). A refactoring that says "performance unchanged" shows it
# with this (issue 16; BENCHMARKS.md, "Before and after").
#
#   bench/ab.sh OLD_BINARY NEW_BINARY
#   SIZES="10000 100000" RUNS=3 PREVIEW="1000 10000" bench/ab.sh old new
#
# Old outputs are renamed into $WORK/trash before a timed run, never
# deleted (../shared/bench/README.md). Results: $OUT (JSON lines) and a
# summary on stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench}"
WORK="${WORK:-/tmp/bench}"
SIZES="${SIZES:-10000}"
RUNS="${RUNS:-3}"
RUNS_LARGE="${RUNS_LARGE:-1}" # rounds at 100,000 pages and more
PREVIEW="${PREVIEW:-1000 10000}"
REPS="${REPS:-20}"
OUT="${OUT:-$WORK/ab-results/runs.jsonl}"
OLD="$(realpath "${1:?usage: bench/ab.sh OLD_BINARY NEW_BINARY}")"
NEW="$(realpath "${2:?usage: bench/ab.sh OLD_BINARY NEW_BINARY}")"
TRASH="$WORK/trash"
mkdir -p "$WORK" "$TRASH" "$(dirname "$OUT")"

log() { printf '=== %s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
trash() { echo "if [ -e '$1' ]; then mv '$1' '$TRASH/'\$(date +%s%N); fi"; }

for n in $SIZES $PREVIEW; do
  corpus="$WORK/corpus-$n"
  if [ ! -f "$corpus/handover.yaml" ]; then
    log "generating $corpus"
    python3 "$SHARED/gencorpus.py" --pages "$n" --seed 1 --out "$corpus" >&2
  fi
done

for n in $SIZES; do
  corpus="$WORK/corpus-$n"
  runs="$RUNS"
  [ "$n" -ge 100000 ] && runs="$RUNS_LARGE"
  jobs="["
  for side in before after; do
    bin="$OLD"; [ "$side" = after ] && bin="$NEW"
    dest="$WORK/ab-out-$side-$n"
    jobs="$jobs{\"label\": \"$side\", \"cwd\": \"$corpus\", \"prepare\": \"$(trash "$dest")\",
      \"cmd\": [\"$bin\", \"build\", \"--quiet\", \"-d\", \"$dest\", \".\"]},"
  done
  jobs="${jobs%,}]"
  log "cold build, $n pages, $runs rounds"
  python3 "$SHARED/rounds.py" --n "$n" --rounds "$runs" --out "$OUT" <<<"$jobs"
done

for n in $PREVIEW; do
  for side in before after; do
    bin="$OLD"; [ "$side" = after ] && bin="$NEW"
    log "live preview, $n pages, $side"
    (cd "$ROOT" && go run ./bench/preview -handover "$bin" -hugo none -corpus "$WORK/corpus-$n" -n "$n" \
      -reps "$REPS" -work "$WORK/ab-preview-$side" -out "$WORK/ab-results/preview-$side.jsonl")
  done
done
