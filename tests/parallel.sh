#!/bin/sh
# parallel.sh - claimlint as a mapper under GNU parallel (docs/scale.md):
# the fixtures checked by several claimlint processes at once, with the
# paths as arguments (-X) and as standard input (--pipe + --files-from -),
# on the local "sshlogin" ":" as a cluster run would, must give the same
# jsonl findings as one claimlint run over the same files; and the
# per-claim counts of the docs' `sort | uniq -c` recipe must agree.
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data).
# GNU parallel (Debian package `parallel', installed by scripts/deps) is
# needed: without it the test is skipped (exit 77).
suite=parallel
. "$(dirname "$0")/lib.sh"
LC_ALL=C
export LC_ALL
# parallel keeps state in $PARALLEL_HOME (default ~/.parallel): not in HOME
export PARALLEL_HOME="$tmp/parallel-home"
mkdir -p "$PARALLEL_HOME"

cases="args-X pipe-files-from sshlogin-local counts"
if ! command -v parallel >/dev/null 2>&1 ||
    ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    skip "GNU parallel is missing (run scripts/deps, or apt-get install parallel)"
fi

rules="-r rules/examples/rubio-mexico.xml -r rules/examples/harbor-bridge.xml"
# every fixture article and draft, in C collation order
for f in fixtures/articles/* fixtures/drafts/*; do
    [ -f "$f" ] && printf '%s\n' "$f"
done >"$tmp/list"
nfiles=$(wc -l <"$tmp/list")

# the reference: one claimlint run over all the files, named as arguments
# (fixture names have no blanks)
# shellcheck disable=SC2086,SC2046
"$prog" -f jsonl --fail-on never -j 1 $rules $(cat "$tmp/list") \
    >"$tmp/one" 2>"$tmp/one.err"
st=$?
if [ $st -ne 0 ] || [ ! -s "$tmp/one" ]; then
    echo "the single run failed (status $st) or found nothing:"
    cat "$tmp/one.err"
    for c in $cases; do bad "$c: no reference output"; done
    finish
fi
sort "$tmp/one" >"$tmp/one.sorted"

# same(NAME, FILE, STATUS): FILE holds the findings of the parallel run, STATUS
# its exit status; with -k the order is the input order, so the output must be
# the reference byte for byte, and sorted it must be the sorted reference
same() {
    if [ "$3" -ne 0 ]; then
        bad "$1: parallel exited with status $3"
        cat "$2.err"
        return
    fi
    sort "$2" >"$2.sorted"
    if ! diff -u "$tmp/one.sorted" "$2.sorted" >"$2.diff"; then
        bad "$1: the findings differ from one claimlint run (sorted)"
        head -20 "$2.diff"
    elif ! cmp -s "$tmp/one" "$2"; then
        bad "$1: the findings of parallel -k are not in input order"
    else
        ok "$1 ($nfiles files, $(wc -l <"$2") findings)"
    fi
}

# 1. paths as arguments, at most 2 a process, 2 processes at a time
# shellcheck disable=SC2086
parallel -k -j2 -X -n 2 "$prog" -f jsonl --fail-on never -j 1 $rules {} \
    <"$tmp/list" >"$tmp/x" 2>"$tmp/x.err"
same args-X "$tmp/x" $?

# 2. paths on standard input: blocks of 2 lines to each claimlint's
#    --files-from - (the Hadoop Streaming mapper's shape)
# shellcheck disable=SC2086
parallel -k -j2 --pipe -N 2 "$prog" --files-from - -f jsonl --fail-on never \
    $rules <"$tmp/list" >"$tmp/p" 2>"$tmp/p.err"
same pipe-files-from "$tmp/p" $?

# 3. as across machines, with the local machine as the only sshlogin (":"),
#    the rule files named as base files (copied once per machine)
# shellcheck disable=SC2086
parallel -k -S : --basefile rules/examples/rubio-mexico.xml \
    --basefile rules/examples/harbor-bridge.xml -j2 --pipe -N 3 \
    "$prog" --files-from - -f jsonl --fail-on never $rules \
    <"$tmp/list" >"$tmp/s" 2>"$tmp/s.err"
same sshlogin-local "$tmp/s" $?

# 4. the reduce step of docs/scale.md: findings per claim, unordered
#    parallel output (no -k) counted with sort | uniq -c
# shellcheck disable=SC2086
parallel -j2 --pipe -N 1 "$prog" --files-from - -f jsonl --fail-on never \
    $rules <"$tmp/list" >"$tmp/u" 2>"$tmp/u.err"
st=$?
count() {
    grep -o '^{"file":"[^"]*"' "$1" >/dev/null || return 1
    sed -n 's/.*,"claim":"\([^"]*\)",.*/\1/p' "$1" | sort | uniq -c
}
if [ $st -ne 0 ]; then
    bad "counts: parallel exited with status $st"
    cat "$tmp/u.err"
elif ! count "$tmp/one" >"$tmp/one.counts" || [ ! -s "$tmp/one.counts" ]; then
    bad "counts: no claim ids in the single run's output"
elif ! count "$tmp/u" >"$tmp/u.counts" ||
    ! diff -u "$tmp/one.counts" "$tmp/u.counts"; then
    bad "counts: findings per claim differ"
else
    ok "counts ($(wc -l <"$tmp/u.counts") claims found)"
fi

finish
