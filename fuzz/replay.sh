#!/bin/sh
# replay.sh - run every fuzz target's checked-in inputs without libFuzzer:
# for each target T, $CLAIMLINT_BUILDDIR/fuzz/replay_T (fuzz/replay.c linked
# with fuzz/fuzz_T.c) on fuzz/corpus/T/ and fuzz/regressions/T/. An input
# passes when its run ends normally: no crash, no sanitizer report, no
# broken invariant (fuzz/common.c). Run by make check; the environment is
# that of tests/golden.sh (CLAIMLINT_SRCDIR, CLAIMLINT_BUILDDIR,
# CLAIMLINT_DATADIR, CLAIMLINT_VALGRIND). FUZZ_TIMEOUT is the limit per
# input in seconds (default 60). The last line is "fuzz: N passed, N failed",
# counting inputs.
set -u
srcdir=${CLAIMLINT_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${CLAIMLINT_BUILDDIR:-$srcdir}
export CLAIMLINT_DATADIR="${CLAIMLINT_DATADIR:-$srcdir/rules}"
vg=""
if [ -n "${CLAIMLINT_VALGRIND:-}" ]; then
    vg="$CLAIMLINT_VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
    export CLAIMLINT_NO_JIT=1 # valgrind cannot follow PCRE2's JIT code
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for t in rules segment markdown html check compare; do
    bin="$builddir/fuzz/replay_$t"
    if [ ! -x "$bin" ]; then
        echo "FAIL $t: $bin is not built"
        fail=$((fail + 1))
        continue
    fi
    dirs=""
    for d in "$srcdir/fuzz/corpus/$t" "$srcdir/fuzz/regressions/$t"; do
        [ -d "$d" ] && dirs="$dirs $d"
    done
    # shellcheck disable=SC2086
    $vg "$bin" -t "${FUZZ_TIMEOUT:-60}" $dirs >"$tmp/out" 2>&1
    status=$?
    summary=$(sed -n 's/^replay: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$tmp/out" | tail -n 1)
    if [ -z "$summary" ]; then
        echo "FAIL $t: the replay ended with status $status and no summary"
        cat "$tmp/out"
        fail=$((fail + 1))
        continue
    fi
    # shellcheck disable=SC2086 # two numbers
    set -- $summary
    pass=$((pass + $1))
    fail=$((fail + $2))
    if [ "$status" -ne 0 ] || [ "$2" -ne 0 ]; then
        echo "FAIL $t: $1 passed, $2 failed (status $status)"
        cat "$tmp/out"
        [ "$2" -ne 0 ] || fail=$((fail + 1))
    else
        echo "PASS $t: $1 inputs"
    fi
done
echo "fuzz: $pass passed, $fail failed"
[ $pass -gt 0 ] && [ $fail -eq 0 ]
