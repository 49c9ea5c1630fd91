#!/bin/sh
# sieve.sh - the sieve changes no finding: every rule file of the tree
# (the examples and the good test rules) checked against every fixture
# article, draft and input, with the sieve (sentences no claim can match
# passed over untokenized) and without it (CLAIMLINT_NO_SIEVE=1), must give
# the same jsonl output, diagnostics and exit status. A pair whose output
# has no finding in a sentence proves little: at least one must have some.
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data).
suite=sieve
. "$(dirname "$0")/lib.sh"

found=0
for rules in rules/examples/*.xml fixtures/rules/good/*.xml; do
    case $rules in */mini-cues.xml) continue ;; esac
    name=$(basename "$rules" .xml)
    # shellcheck disable=SC2046
    run -f jsonl --fail-on never -j 1 -r "$rules" fixtures/articles fixtures/drafts \
        fixtures/inputs >"$tmp/with" 2>"$tmp/with.err"
    st1=$?
    # shellcheck disable=SC2046
    CLAIMLINT_NO_SIEVE=1 run -f jsonl --fail-on never -j 1 -r "$rules" fixtures/articles \
        fixtures/drafts fixtures/inputs >"$tmp/without" 2>"$tmp/without.err"
    st2=$?
    if [ $st1 -eq $st2 ] && cmp -s "$tmp/with" "$tmp/without" &&
        cmp -s "$tmp/with.err" "$tmp/without.err"; then
        ok "$name: same output (status $st1, $(wc -l <"$tmp/with") findings)"
    else
        bad "$name: the sieve changes the output (status $st1 and $st2)"
        diff "$tmp/without" "$tmp/with" | head -10
        diff "$tmp/without.err" "$tmp/with.err" | head -10
    fi
    grep -q '"sentence":"' "$tmp/with" && found=$((found + 1))
done
if [ $found -gt 0 ]; then
    ok "rule files with findings in sentences: $found"
else
    bad "no rule file found a claim in a sentence: the comparison proves nothing"
fi
finish
