#!/bin/sh
# jobs.sh - `claimlint -j N' writes what `-j 1' writes, byte for byte, on
# standard output and standard error, with the same exit status:
#   many-inputs-jN   more inputs than the files a worker may run ahead of
#                    the writer (8 a thread), among them an input that
#                    cannot be read and an empty one, so the writer waits,
#                    writes runs of finished files and wakes the workers
#                    again many times
#   one-big-jN       a big input first, then small ones: the workers finish
#                    the small ones while the writer waits for the big one
# Each case must pass.
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data);
# CLAIMLINT_VALGRIND=valgrind runs claimlint under memcheck.
suite=jobs
. "$(dirname "$0")/lib.sh"

opts="-f jsonl --fail-on never --no-config -r rules/examples/rubio-mexico.xml"
copies=25
[ -n "$vg" ] && copies=3 # seconds a file under valgrind otherwise
: >"$tmp/empty.txt"
i=0
while [ $i -lt $copies ]; do
    for f in fixtures/articles/* fixtures/drafts/*; do
        [ -f "$f" ] && printf '%s\n' "$f"
    done
    [ $i -eq 1 ] && printf '%s\n' "$tmp/missing.txt" "$tmp/empty.txt"
    i=$((i + 1))
done >"$tmp/list"


# same NAME J ARGS...: -j J over ARGS against -j 1 over ARGS
same() {
    name=$1 j=$2
    shift 2
    run check -j 1 "$@" >"$tmp/one" 2>"$tmp/one.err"
    st1=$?
    run check -j "$j" "$@" >"$tmp/par" 2>"$tmp/par.err"
    st=$?
    if [ $st1 -ne 1 ] && [ $st1 -ne 2 ]; then
        bad "$name: -j 1 exited with status $st1"
        cat "$tmp/one.err"
    elif [ $st -ne $st1 ]; then
        bad "$name: exit status $st, -j 1 gave $st1"
    elif [ ! -s "$tmp/one" ]; then
        bad "$name: no findings"
    elif ! cmp -s "$tmp/one" "$tmp/par"; then
        bad "$name: standard output differs from -j 1"
        diff "$tmp/one" "$tmp/par" | head -10
    elif ! cmp -s "$tmp/one.err" "$tmp/par.err"; then
        bad "$name: standard error differs from -j 1"
        diff "$tmp/one.err" "$tmp/par.err" | head -10
    else
        ok "$name ($(wc -l <"$tmp/one") findings)"
    fi
}

for j in 2 3 7; do
    # shellcheck disable=SC2086
    same many-inputs-j$j $j $opts --files-from "$tmp/list"
done

lines=20000
[ -n "$vg" ] && lines=500
yes 'Rubio said the trip was linked to the decision.' | head -n $lines >"$tmp/big.txt"
for j in 2 3; do
    # shellcheck disable=SC2086
    same one-big-j$j $j $opts "$tmp/big.txt" $(head -n 40 "$tmp/list")
done

finish
