#!/usr/bin/env bash
# Checks .ci/fuzz.sh's verdicts on saved logs: only a bare deadline is a flake.
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
[ $status -eq 0 ] && echo "ok  	.ci/fuzz.sh classifier"
exit $status
