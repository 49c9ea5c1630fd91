#!/bin/sh
# long-input.sh - a 200 MiB single line on standard input (docs/security.md):
# a sentence before it, the long run of words with no sentence end, a
# sentence at its end on the same line, and one on the next line. The run
# is cut into pieces of at most 16 KiB, so claimlint must
#   long-line-status     exit 1 (findings), with no message on stderr;
#   long-line-findings   report the claims of the three sentences, at their
#                        lines and columns (the one at the end of the long
#                        line at column 209715200 and more), and nothing else;
#   long-line-memory     stay below 1.5 times the input plus 64 MiB of
#                        resident memory (it holds the file once, then one
#                        sentence at a time; GNU time measures it).
# It takes some seconds, and is skipped (exit 77) under valgrind and in
# sanitizer builds, where it would take minutes and the memory figure
# means nothing.
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data);
# CLAIMLINT_VALGRIND and CLAIMLINT_SAN_CFLAGS (set by make check) skip it.
suite=long-input
. "$(dirname "$0")/lib.sh"
if [ -n "${CLAIMLINT_VALGRIND:-}" ] || [ -n "${CLAIMLINT_SAN_CFLAGS:-}" ]; then
    skip "not under valgrind or sanitizers (too slow there)"
fi

# 6553600 times a 32-byte unit ("lorem ... sed" and the space that replaces
# yes's newline): exactly 200 MiB
size=209715200
unit='lorem ipsum dolor sit amet, sed'
article() {
    printf 'The trip was linked to policy.\n'
    yes "$unit" | tr '\n' ' ' | head -c $size
    printf 'and so on. The deal was done.\n'
    printf 'Reportedly 12 warships came, said the Fed.\n'
}

timer=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    timer="/usr/bin/time -o $tmp/rss -f %M"
fi
# shellcheck disable=SC2086
article | $timer "$prog" check -f gnu -q --no-config -r fixtures/rules/good/claims.xml - \
    >"$tmp/out" 2>"$tmp/err"
st=$?

if [ $st -eq 1 ] && [ ! -s "$tmp/err" ]; then
    ok long-line-status
else
    bad "long-line-status: exit status $st, expected 1 and no message"
    head -c 2000 "$tmp/err"
fi

# "The deal" starts 11 characters after the long run ("and so on. ")
col=$((size + 16))
cat >"$tmp/want" <<EOF
<stdin>:1:5: error: states an unsupported claim: trip linked to policy [t.skip]
<stdin>:2:$col: error: stated claim t.message (unsupported, cue ""): the deal is done {unknown} [t.message]
<stdin>:3:12: warning: hedges a refuted claim ("Reportedly"): a number of warships [t.regex-token]
EOF
if diff -u "$tmp/want" "$tmp/out" >"$tmp/diff"; then
    ok long-line-findings
else
    bad "long-line-findings: the findings differ"
    head -40 "$tmp/diff"
fi

if [ -z "$timer" ]; then
    echo "SKIP long-line-memory: GNU time (/usr/bin/time, Debian package time) is missing"
else
    rss=$(tail -n 1 "$tmp/rss")
    limit=$((size * 3 / 2 / 1024 + 65536))
    case $rss in
    '' | *[!0-9]*) bad "long-line-memory: no measure from GNU time: $(cat "$tmp/rss")" ;;
    *)
        if [ "$rss" -le $limit ]; then
            ok "long-line-memory ($rss KiB at most, limit $limit KiB)"
        else
            bad "long-line-memory: $rss KiB resident, limit $limit KiB"
        fi
        ;;
    esac
fi

finish
