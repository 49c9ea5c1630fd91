#!/bin/sh
# validate-junit.sh - check that `claimlint -f junit` writes JUnit XML that
# CI servers accept: run it on the founding article and the over-claiming
# draft, an empty run, a required claim left unstated, awkward file names
# and text (XML special characters, characters XML 1.0 forbids), standard
# input and a missing file, and validate each report with xmllint against
# the Apache Ant JUnit schema (tests/schemas/junit.xsd). Then check what the
# schema cannot say: one testsuite per document checked, one testcase per
# claim, the failures attributes add up, one failure line per finding of
# `-f jsonl`, and SOURCE_DATE_EPOCH makes the report reproducible.
#
# xmllint comes with Debian's libxml2-utils (scripts/deps installs it); a
# missing xmllint is a failure, never a skip.
#
# Environment as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR,
# CLAIMLINT_DATADIR; CLAIMLINT_VALGRIND runs claimlint under valgrind.
suite=junit
. "$(dirname "$0")/lib.sh"
unset SOURCE_DATE_EPOCH
schema=$srcdir/tests/schemas/junit.xsd

if ! command -v xmllint >/dev/null 2>&1; then
    bad "junit: xmllint is not installed; run scripts/deps (Debian package libxml2-utils)"
    finish
fi

xpath() {
    xmllint --xpath "$1" "$2" 2>/dev/null
}

# check NAME WANT_STATUS DOCS ARGS...: run claimlint -f junit ARGS (stdin
# from $tmp/stdin), expect WANT_STATUS and DOCS testsuites, validate.
check() {
    name=$1
    want=$2
    docs=$3
    shift 3
    out="$tmp/$name.xml"
    run -f junit "$@" <"$tmp/stdin" >"$out" 2>"$tmp/$name.err"
    status=$?
    "$prog" -f jsonl "$@" <"$tmp/stdin" >"$tmp/$name.jsonl" 2>/dev/null
    # suppressed findings are not failures
    findings=$(grep -c -v '"suppressed":{' "$tmp/$name.jsonl")
    problems=""
    if [ "$status" != "$want" ]; then
        problems="exit status $status, expected $want"
    elif ! xmllint --noout --schema "$schema" "$out" >"$tmp/$name.xmllint" 2>&1; then
        problems="does not validate against junit.xsd"
    else
        suites=$(xpath 'count(//testsuite)' "$out")
        cases=$(xpath 'count(//testcase)' "$out")
        tests=$(xpath 'sum(//testsuite/@tests)' "$out")
        failures=$(xpath 'count(//failure)' "$out")
        failed=$(xpath 'sum(//testsuite/@failures)' "$out")
        lines=$(xpath '//failure/text()' "$out" | grep -c -v -e '^  ' -e '^$')
        [ "$suites" = "$docs" ] || problems="$problems; $suites testsuites for $docs documents"
        [ "$cases" = "$tests" ] || problems="$problems; $cases testcases, tests adds up to $tests"
        [ "$failures" = "$failed" ] ||
            problems="$problems; $failures failures, failures adds up to $failed"
        [ "$lines" = "$findings" ] ||
            problems="$problems; $lines finding lines for $findings findings of -f jsonl"
    fi
    if [ -z "$problems" ]; then
        ok "$name ($findings findings)"
    else
        bad "$name: ${problems#; }"
        cat "$tmp/$name.err" "$tmp/$name.xmllint" 2>/dev/null
    fi
}

: >"$tmp/stdin"
check rubio-article-and-draft 1 2 -r rules/examples/rubio-mexico.xml \
    fixtures/articles/rubio-mexico.txt fixtures/drafts/rubio-overclaim.txt
check attribution-article 1 1 -r fixtures/rules/good/attribution-article.xml \
    fixtures/articles/attribution.txt
check empty-run-no-claims 0 1 -r rules/cues/en.xml fixtures/inputs/empty.txt
check no-findings 0 1 -r rules/examples/rubio-mexico.xml fixtures/inputs/empty.txt
check required-unstated 1 1 -r fixtures/rules/good/claims.xml fixtures/inputs/crlf.txt
check missing-file 2 1 -r rules/examples/rubio-mexico.xml fixtures/inputs/no-such-file.txt \
    fixtures/drafts/rubio-overclaim.txt

# Awkward names (XML special characters, non-ASCII), text with a control
# character, U+FFFE, quotes, "]]>" and markup, suppressed findings, the
# same file twice, and standard input.
odd="$tmp/odd <name> & \"q\" 'a' é.txt"
printf 'The deal is done.\nThe deal is done, she said: \001 "x" \047y\047 <b>&amp; ]]> \357\277\276 é.\n' >"$odd"
printf '<!-- claimlint-disable-next-line t.message -- quoted, not asserted -->\nThe deal is done.\n<!-- claimlint-disable t.case -->\n' >>"$odd"
cp "$odd" "$tmp/stdin"
check odd-names-and-stdin 1 3 -r fixtures/rules/good/claims.xml "$odd" - "$odd"

# Two configurations, so two rule sets: each document's testcases are the
# claims of its own.
mkdir "$tmp/a" "$tmp/b"
printf '<config xmlns="urn:claimlint:config:1"><rules href="%s"/></config>\n' \
    "$srcdir/fixtures/rules/good/claims.xml" >"$tmp/a/.claimlint.xml"
printf '<config xmlns="urn:claimlint:config:1"><rules href="%s"/><severity claim="t.message" level="warning"/></config>\n' \
    "$srcdir/fixtures/rules/good/claims.xml" >"$tmp/b/.claimlint.xml"
printf 'The deal is done.\n' >"$tmp/a/x.txt"
cp "$tmp/a/x.txt" "$tmp/b/y.txt"
check two-rule-sets 1 3 -r rules/examples/rubio-mexico.xml "$tmp/a/x.txt" "$tmp/b/y.txt" \
    fixtures/drafts/rubio-overclaim.txt

# SOURCE_DATE_EPOCH: the same report twice, dated then, from "localhost".
SOURCE_DATE_EPOCH=86400 "$prog" -f junit -r rules/examples/rubio-mexico.xml \
    fixtures/drafts/rubio-overclaim.txt >"$tmp/r1.xml" 2>&1
SOURCE_DATE_EPOCH=86400 "$prog" -f junit -r rules/examples/rubio-mexico.xml \
    fixtures/drafts/rubio-overclaim.txt >"$tmp/r2.xml" 2>&1
if cmp -s "$tmp/r1.xml" "$tmp/r2.xml" &&
    grep -q 'timestamp="1970-01-02T00:00:00" hostname="localhost"' "$tmp/r1.xml" &&
    xmllint --noout --schema "$schema" "$tmp/r1.xml" >/dev/null 2>&1; then
    ok source-date-epoch
else
    bad "source-date-epoch: the report is not reproducible or not dated 1970-01-02"
    diff "$tmp/r1.xml" "$tmp/r2.xml" | head -5
fi

finish
