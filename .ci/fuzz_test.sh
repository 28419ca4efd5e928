#!/usr/bin/env bash
# Checks .ci/fuzz.sh: its verdicts on saved logs (only a bare deadline is a
# flake) and its loop, which runs a flaked target again, three runs at most.
set -euo pipefail
cd "$(dirname "$0")"
status=0
expect() {
  local want=$1 log=$2 code=$3 got
  got=$(bash fuzz.sh --classify "testdata/$log" "$code")
  if [ "$got" != "$want" ]; then echo "fuzz.sh --classify $log $code = $got, want $want" >&2; status=1; fi
}
expect flake fuzz-deadline.log 1
expect pass  fuzz-deadline.log 0
expect fail  fuzz-finding.log 1
expect fail  fuzz-seed.log 1
expect fail  fuzz-build.log 1
# A deadline beside a real failure is a failure.
cat testdata/fuzz-deadline.log testdata/fuzz-seed.log > "${TMPDIR:-/tmp}/fuzz-both.log"
got=$(bash fuzz.sh --classify "${TMPDIR:-/tmp}/fuzz-both.log" 1); rm -f "${TMPDIR:-/tmp}/fuzz-both.log"
[ "$got" = fail ] || { echo "deadline beside a failing seed = $got, want fail" >&2; status=1; }
# The loop, with a stand-in for go whose fuzz runs print the given logs in turn.
fake=$(mktemp -d)
trap 'rm -rf "$fake"' EXIT
cat > "$fake/go" <<'FAKE'
#!/usr/bin/env bash
case "$1 $2" in
  "list ./...") echo example.com/p ;;
  "test -list") echo FuzzP; echo ok ;;
  *)
    n=$(cat "$FAKE_DIR/n" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_DIR/n"
    set -- $FAKE_LOGS; shift "$n"
    cat "$FAKE_TESTDATA/$1"
    [ "$1" = pass ] || exit 1 ;;
esac
FAKE
chmod +x "$fake/go"
echo "PASS" > "$fake/pass"
loop() { # want-exit want-runs logs...
  local want=$1 runs=$2 code; shift 2
  rm -f "$fake/n"; cp testdata/fuzz-*.log "$fake/"
  GO="$fake/go" FAKE_DIR="$fake" FAKE_TESTDATA="$fake" FAKE_LOGS="$*" FUZZTIME=1s bash fuzz.sh >/dev/null 2>&1 && code=0 || code=$?
  if [ "$code" != "$want" ] || [ "$(cat "$fake/n")" != "$runs" ]; then
    echo "fuzz.sh over $*: exit $code after $(cat "$fake/n") runs, want exit $want after $runs" >&2; status=1
  fi
}
loop 0 1 pass
loop 0 3 fuzz-deadline.log fuzz-deadline.log pass
loop 1 3 fuzz-deadline.log fuzz-deadline.log fuzz-deadline.log pass
loop 1 2 fuzz-deadline.log fuzz-finding.log pass
loop 1 1 fuzz-seed.log pass
[ $status -eq 0 ] && echo "ok  	.ci/fuzz.sh classifier and loop"
exit $status
