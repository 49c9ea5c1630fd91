#!/bin/sh
# input-streams.sh - articles that are not plain files (docs/security.md):
#   stdin-closed*     `claimlint check -r RULES - <&-': standard input is
#                     closed, so it is an input that cannot be read: an error
#                     naming <stdin> (or the --stdin-filename name), exit 2,
#                     and the other inputs still checked, with -j 2 too (no
#                     other input takes the free descriptor 0)
#   stdout-closed-*   `claimlint ... >&-': output that cannot be written is
#                     an error, exit 2
#   stdin-writer-*    a writer that stops early (exits, or is killed) leaves
#                     a part of an article: that part is checked as it is;
#                     a writer that pauses does not cut the article
#   fifo-*            a FIFO named as an input is read like a file, and
#                     claimlint waits for a writer as cat(1) does; a
#                     directory search takes regular files only, so a FIFO
#                     in a searched directory is skipped, never waited for
#   dir-links-*       symbolic links in a searched directory: one back to
#                     an ancestor is a loop, not followed; a directory
#                     reached by two paths is searched once; each with a note
# Each case must pass.
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data);
# CLAIMLINT_VALGRIND=valgrind runs claimlint under memcheck.
suite=input-streams
. "$(dirname "$0")/lib.sh"

rules=fixtures/rules/good/claims.xml
draft=fixtures/inputs/claims-draft.txt
opts="-f gnu -q --no-config -r $rules"
# the reference: the draft checked as a file, its name then replaced
# shellcheck disable=SC2086
run check $opts "$draft" >"$tmp/ref.raw" 2>/dev/null
sed "s|^$draft:|NAME:|" "$tmp/ref.raw" >"$tmp/ref"
if [ "$(wc -l <"$tmp/ref")" -lt 3 ]; then
    echo "the draft gives fewer than 3 findings as a file:"
    cat "$tmp/ref.raw"
    exit 99
fi

# expect NAME STATUS WANT_STATUS OUT WANT_OUT ERR ERR_PATTERN: OUT must equal
# WANT_OUT (a file), ERR must hold a line matching ERR_PATTERN (grep -E; an
# empty pattern: ERR must be empty)
expect() {
    if [ "$2" != "$3" ]; then
        bad "$1: exit status $2, expected $3"
        cat "$6"
    elif ! diff -u "$5" "$4" >"$tmp/diff"; then
        bad "$1: output differs"
        cat "$tmp/diff"
    elif [ -z "$7" ] && [ -s "$6" ]; then
        bad "$1: unexpected messages"
        cat "$6"
    elif [ -n "$7" ] && ! grep -Eq "$7" "$6"; then
        bad "$1: no message matching /$7/"
        cat "$6"
    else
        ok "$1"
    fi
}

# ---- standard input closed ---------------------------------------------------
: >"$tmp/empty"
# shellcheck disable=SC2086
run check $opts - <&- >"$tmp/out" 2>"$tmp/err"
expect stdin-closed $? 2 "$tmp/out" "$tmp/empty" "$tmp/err" \
    '^<stdin>: error: cannot read: standard input is closed$'

# the name given with --stdin-filename is the one reported
# shellcheck disable=SC2086
run check $opts --stdin-filename draft.md - <&- >"$tmp/out" 2>"$tmp/err"
expect stdin-closed-filename $? 2 "$tmp/out" "$tmp/empty" "$tmp/err" \
    '^draft\.md: error: cannot read: standard input is closed$'

# another read error of standard input (it is a directory) names it too
# shellcheck disable=SC2086
run check $opts --stdin-filename draft.md - <. >"$tmp/out" 2>"$tmp/err"
expect stdin-unreadable-filename $? 2 "$tmp/out" "$tmp/empty" "$tmp/err" \
    '^draft\.md: error: cannot read: '

# a list of inputs from a closed standard input
# shellcheck disable=SC2086
run check $opts --files-from - <&- >"$tmp/out" 2>"$tmp/err"
expect stdin-closed-files-from $? 2 "$tmp/out" "$tmp/empty" "$tmp/err" \
    '^-: error: cannot read: standard input is closed$'

# shellcheck disable=SC2086
run sentences - <&- >"$tmp/out" 2>"$tmp/err"
expect stdin-closed-sentences $? 2 "$tmp/out" "$tmp/empty" "$tmp/err" \
    '^<stdin>: error: cannot read: standard input is closed$'

# one thread: the draft before and after the closed standard input
sed "s|^NAME:|$draft:|" "$tmp/ref" >"$tmp/want"
cat "$tmp/want" "$tmp/want" >"$tmp/want2"
# shellcheck disable=SC2086
run check -j 1 $opts "$draft" - "$draft" <&- >"$tmp/out" 2>"$tmp/err"
expect stdin-closed-others-go-on $? 2 "$tmp/out" "$tmp/want2" "$tmp/err" \
    '^<stdin>: error: cannot read: '

# several threads: standard input must stay an error, whatever the other
# inputs' workers open; a big first input would keep descriptor 0 open long
# enough for the worker on "-" to read from it, if that descriptor were free
lines=200000
[ -n "$vg" ] && lines=2000 # minutes under valgrind otherwise
yes 'The Fed said the trip was linked to policy.' | head -n $lines >"$tmp/big.txt"
why=""
for i in 1 2 3; do
    # shellcheck disable=SC2086
    run check -j 2 $opts "$tmp/big.txt" - <&- >"$tmp/out" 2>"$tmp/err"
    st=$?
    named=$(grep -c '^<stdin>:' "$tmp/out")
    big=$(grep -c "^$tmp/big.txt:" "$tmp/out")
    if [ $st -ne 2 ] || [ "$named" -ne 0 ] || [ "$big" -ne $lines ] ||
        ! grep -q '^<stdin>: error: cannot read: standard input is closed$' "$tmp/err"; then
        why="run $i: exit $st, $named findings named <stdin>, $big of $lines in the file"
        break
    fi
done
if [ -n "$why" ]; then
    bad "stdin-closed-threads: $why"
    cat "$tmp/err"
else
    ok stdin-closed-threads
fi

# ---- standard output closed ----------------------------------------------------
# shellcheck disable=SC2086
run check $opts "$draft" >&- 2>"$tmp/err"
expect stdout-closed-check $? 2 "$tmp/empty" "$tmp/empty" "$tmp/err" \
    '^claimlint: error writing the output$'
run --version >&- 2>"$tmp/err"
expect stdout-closed-version $? 2 "$tmp/empty" "$tmp/empty" "$tmp/err" \
    '^claimlint: error writing the output$'
run --help >&- 2>"$tmp/err"
expect stdout-closed-help $? 2 "$tmp/empty" "$tmp/empty" "$tmp/err" \
    '^claimlint: error writing the output$'

# ---- a writer that stops early -------------------------------------------------
printf '%s\n' "<stdin>:1:18: error: states an unsupported claim: trip linked to policy [t.skip]" \
    >"$tmp/want"
# exits after a sentence and a half
# shellcheck disable=SC2086
printf 'The Fed said the trip was linked to policy.\nThe deal wa' |
    run check $opts - >"$tmp/out" 2>"$tmp/err"
expect stdin-writer-exits $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""

# killed in the middle of a sentence, after its first block went out
# shellcheck disable=SC2086
( sh -c 'printf "The Fed said the trip was linked to policy.\nThe deal wa"; kill -9 $$' |
    run check $opts - >"$tmp/out" 2>"$tmp/err" ) 2>/dev/null # no "Killed"
expect stdin-writer-killed $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""

# pauses inside the sentence: the article is read to its end, not to the pause
# shellcheck disable=SC2086
{
    printf 'The Fed said the trip was '
    sleep 1
    printf 'linked to policy.\n'
} | run check $opts - >"$tmp/out" 2>"$tmp/err"
expect stdin-writer-pauses $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""

# ---- FIFOs ---------------------------------------------------------------------
mkfifo "$tmp/fifo.txt" || exit 99
sed "s|^NAME:|$tmp/fifo.txt:|" "$tmp/ref" >"$tmp/want"

# a writer already there
cat "$draft" >"$tmp/fifo.txt" &
# shellcheck disable=SC2086
timeout 60 $vg "$prog" check $opts "$tmp/fifo.txt" >"$tmp/out" 2>"$tmp/err"
expect fifo-with-writer $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""
wait

# claimlint first: it waits (opening a FIFO blocks until a writer comes),
# then checks what the writer sends
# shellcheck disable=SC2086
timeout 60 $vg "$prog" check $opts "$tmp/fifo.txt" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 1
if ! kill -0 $pid 2>/dev/null; then
    wait $pid
    bad "fifo-late-writer: claimlint did not wait for a writer (exit $?)"
    cat "$tmp/err"
else
    # shellcheck disable=SC2016
    timeout 30 sh -c 'cat "$1" >"$2"' sh "$draft" "$tmp/fifo.txt"
    wait $pid
    expect fifo-late-writer $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""
fi

# a directory search takes regular files only: the FIFO there (with no
# writer) is not opened, the file next to it is checked
mkdir "$tmp/dir" && mkfifo "$tmp/dir/a.txt" && cp "$draft" "$tmp/dir/b.txt" || exit 99
sed "s|^NAME:|$tmp/dir/b.txt:|" "$tmp/ref" >"$tmp/want"
# shellcheck disable=SC2086
timeout 60 $vg "$prog" check $opts "$tmp/dir" >"$tmp/out" 2>"$tmp/err"
expect fifo-in-directory $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""

# ---- symbolic links in a searched directory -------------------------------------
# two links to "." and one to ".." below: followed, every combination of
# them would be searched (until the paths grow too long); a loop is not
# followed, and each file is checked once
mkdir -p "$tmp/links/sub" "$tmp/links/real" || exit 99
cp "$draft" "$tmp/links/a.txt" && cp "$draft" "$tmp/links/real/b.txt" || exit 99
ln -s . "$tmp/links/l1" && ln -s . "$tmp/links/l2" && ln -s .. "$tmp/links/sub/up" || exit 99
{
    sed "s|^NAME:|$tmp/links/a.txt:|" "$tmp/ref"
    sed "s|^NAME:|$tmp/links/real/b.txt:|" "$tmp/ref"
} >"$tmp/want"
noisy="-f gnu --no-config -r $rules" # $opts without -q: the notes
for j in 1 2; do
    # shellcheck disable=SC2086
    timeout 10 $vg "$prog" check -j $j $noisy "$tmp/links" >"$tmp/out" 2>"$tmp/err"
    expect dir-links-loop-j$j $? 1 "$tmp/out" "$tmp/want" "$tmp/err" \
        "^$tmp/links/sub/up: note: directory loop, not followed\$"
    n=$(grep -c 'note: directory loop, not followed$' "$tmp/err")
    [ "$n" -eq 3 ] || bad "dir-links-loop-j$j: $n notes on loops, expected 3"
done

# the same directory by two paths: searched once, by the first in name order
ln -s ../real "$tmp/links/sub/alias" || exit 99
# shellcheck disable=SC2086
timeout 10 $vg "$prog" check $noisy "$tmp/links" >"$tmp/out" 2>"$tmp/err"
expect dir-links-twice $? 1 "$tmp/out" "$tmp/want" "$tmp/err" \
    "^$tmp/links/sub/alias: note: same directory as $tmp/links/real, already searched\$"

# -q (in $opts): no notes
# shellcheck disable=SC2086
timeout 10 $vg "$prog" check $opts "$tmp/links" >"$tmp/out" 2>"$tmp/err"
expect dir-links-quiet $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""

# files by their directory entries: a link to a prose file is checked by
# the link's name, a link to nothing and a file that is not prose are not,
# and a prose name that is a directory is searched
mkdir -p "$tmp/kinds/d.txt" || exit 99
cp "$draft" "$tmp/kinds/a.txt" && cp "$draft" "$tmp/kinds/notes.log" &&
    cp "$draft" "$tmp/kinds/d.txt/e.md" || exit 99
ln -s a.txt "$tmp/kinds/b.txt" && ln -s missing.txt "$tmp/kinds/c.txt" || exit 99
{
    sed "s|^NAME:|$tmp/kinds/a.txt:|" "$tmp/ref"
    sed "s|^NAME:|$tmp/kinds/b.txt:|" "$tmp/ref"
    sed "s|^NAME:|$tmp/kinds/d.txt/e.md:|" "$tmp/ref"
} >"$tmp/want"
for j in 1 2; do
    # shellcheck disable=SC2086
    timeout 10 $vg "$prog" check -j $j $opts "$tmp/kinds" >"$tmp/out" 2>"$tmp/err"
    expect dir-entry-kinds-j$j $? 1 "$tmp/out" "$tmp/want" "$tmp/err" ""
done

finish
