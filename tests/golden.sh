#!/bin/sh
# golden.sh - end-to-end tests: run claimlint on checked-in inputs and diff
# its stdout, stderr and exit status against checked-in expectations.
#
# Each case is a directory tests/golden/NAME/ holding
#   cmd      the arguments, one shell-quoted line, run from the source tree
#   stdout   expected standard output
#   stderr   expected standard error (optional: absent means empty)
#   status   expected exit status (optional: absent means 0)
#   stdin    fed to standard input (optional)
# The data directory ($CLAIMLINT_DATADIR) is written @DATADIR@ in expectations.
# UPDATE_GOLDEN=1 rewrites the expectations from the current output.
# CLAIMLINT_VALGRIND=valgrind runs every case under memcheck.
suite=golden
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=0 # JUnit timestamps
# claimlint names data files by their real path: match that form
datadir_real=$(cd "$CLAIMLINT_DATADIR" && pwd -P)
datadir_re=$(printf '%s\n' "$datadir_real" | sed 's/[]\/$*.^[]/\\&/g')
for dir in tests/golden/*/; do
    name=$(basename "$dir")
    [ -f "$dir/cmd" ] || continue
    args=$(cat "$dir/cmd")
    stdin=/dev/null
    [ -f "$dir/stdin" ] && stdin="$dir/stdin"
    eval "set -- $args"
    run "$@" <"$stdin" >"$tmp/out.raw" 2>"$tmp/err.raw"
    status=$?
    # the data directory differs between trees: show it as @DATADIR@
    sed "s/$datadir_re/@DATADIR@/g" "$tmp/out.raw" >"$tmp/out"
    sed "s/$datadir_re/@DATADIR@/g" "$tmp/err.raw" >"$tmp/err"
    if [ -n "${UPDATE_GOLDEN:-}" ]; then
        cp "$tmp/out" "$dir/stdout"
        if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/stderr"; else rm -f "$dir/stderr"; fi
        if [ "$status" -ne 0 ]; then echo "$status" >"$dir/status"; else rm -f "$dir/status"; fi
    fi
    want_status=0
    [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
    [ -f "$dir/stderr" ] || : >"$tmp/noerr"
    good=1
    if [ "$status" != "$want_status" ]; then
        echo "FAIL $name: exit status $status, expected $want_status"
        good=0
    fi
    if ! diff -u "$dir/stdout" "$tmp/out" >"$tmp/diff"; then
        echo "FAIL $name: stdout differs"; cat "$tmp/diff"
        good=0
    fi
    experr="$dir/stderr"
    [ -f "$experr" ] || experr="$tmp/noerr"
    if ! diff -u "$experr" "$tmp/err" >"$tmp/diff"; then
        echo "FAIL $name: stderr differs"; cat "$tmp/diff"
        good=0
    fi
    if [ $good -eq 1 ]; then
        ok "$name"
    else
        fail=$((fail + 1))
    fi
done
finish
