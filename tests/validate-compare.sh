#!/bin/sh
# validate-compare.sh - compare's emitters on a hand-built result
# (tests/cmp_emit, tests/cmp_fixture.c): the SARIF log validates against
# the SARIF 2.1.0 schema with Ajv (as validate-sarif.sh does) and has a
# related location per finding that has a source sentence; the JUnit
# report validates against junit.xsd with xmllint (as validate-junit.sh
# does); then, with tests/failalloc.so, every allocation of each format
# fails in turn and the program must end cleanly: the same output, or exit
# status 2 and "out of memory" on stderr, never a signal.
#
# The validators are those of validate-sarif.sh and validate-junit.sh
# (scripts/deps installs them); a missing one is a failure, never a skip.
suite=compare
. "$(dirname "$0")/lib.sh"
emit=$builddir/tests/cmp_emit
ajv_dir=${AJV:-${HOME:-/nonexistent}/.cache/claimlint-npm}
shim=${CLAIMLINT_FAILALLOC:-}

if [ ! -x "$emit" ]; then
    bad "compare: $emit is not built"
    finish
fi

# SARIF: the schema, one result per finding, related locations
"$emit" sarif 2 >"$tmp/c.sarif" 2>"$tmp/sarif.err" || bad "sarif: exit status $?"
cat >"$tmp/validate.js" <<'JS'
"use strict";
const Ajv = require("ajv"), addFormats = require("ajv-formats"), fs = require("fs");
const [schemaFile, logFile] = process.argv.slice(2);
const ajv = new Ajv({strict: false, unicodeRegExp: false, allErrors: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
const log = JSON.parse(fs.readFileSync(logFile, "utf8"));
const problems = [];
if (!validate(log))
    for (const e of validate.errors.slice(0, 20))
        problems.push(`schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
const run = log.runs[0], rules = run.tool.driver.rules, results = run.results;
if (rules.length !== 7) problems.push(`${rules.length} rules, not 7`);
if (results.length !== 10) problems.push(`${results.length} results, not 10`);
results.forEach((r, i) => {
    if (rules[r.ruleIndex].id !== r.ruleId) problems.push(`results[${i}]: ruleIndex`);
    if (!r.relatedLocations || !r.relatedLocations.length) problems.push(`results[${i}]: no relatedLocations`);
    const a = r.locations[0].physicalLocation.artifactLocation;
    if (run.artifacts[a.index].location.uri !== a.uri) problems.push(`results[${i}]: artifact index`);
});
for (const p of problems) console.log("  " + p);
process.exit(problems.length ? 1 : 0);
JS
if ! command -v node >/dev/null 2>&1 ||
    ! NODE_PATH="$ajv_dir/node_modules" node -e 'require("ajv"); require("ajv-formats")' >/dev/null 2>&1; then
    bad "sarif: node with Ajv is not installed; run scripts/deps"
elif NODE_PATH="$ajv_dir/node_modules" node "$tmp/validate.js" \
    "$srcdir/tests/schemas/sarif-schema-2.1.0.json" "$tmp/c.sarif" >"$tmp/sarif.out" 2>&1; then
    ok "sarif validates"
else
    bad "sarif: invalid"
    cat "$tmp/sarif.out"
fi

# JUnit: the schema, a testsuite per draft, a failure per failing sentence
"$emit" junit 2 >"$tmp/c.xml" 2>"$tmp/junit.err" || bad "junit: exit status $?"
if ! command -v xmllint >/dev/null 2>&1; then
    bad "junit: xmllint is not installed; run scripts/deps"
elif xmllint --noout --schema "$srcdir/tests/schemas/junit.xsd" "$tmp/c.xml" >"$tmp/junit.out" 2>&1 &&
    [ "$(xmllint --xpath 'count(//testsuite)' "$tmp/c.xml")" = 2 ] &&
    [ "$(xmllint --xpath 'count(//failure)' "$tmp/c.xml")" = "$(xmllint --xpath 'sum(//testsuite/@failures)' "$tmp/c.xml")" ]; then
    ok "junit validates"
else
    bad "junit: invalid"
    cat "$tmp/junit.out"
fi

# HTML: well-formed enough for an XML-tolerant HTML parser, nothing raw
"$emit" html 2 >"$tmp/c.html" 2>/dev/null
if command -v xmllint >/dev/null 2>&1 &&
    xmllint --html --noout "$tmp/c.html" >"$tmp/html.out" 2>&1 && ! grep -q '<budget>' "$tmp/c.html"; then
    ok "html parses"
else
    bad "html: does not parse cleanly"
    cat "$tmp/html.out"
fi

# The command's own SARIF and JUnit: the checked-in goldens of
# `claimlint compare` on the founding article and its rewrite (golden.sh
# keeps them equal to what the program writes) validate against the schemas.
cat >"$tmp/schema-only.js" <<'JS'
const Ajv = require("ajv"), addFormats = require("ajv-formats"), fs = require("fs");
const ajv = new Ajv({strict: false, unicodeRegExp: false, allErrors: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
if (!validate(JSON.parse(fs.readFileSync(process.argv[3], "utf8")))) {
    console.log(JSON.stringify(validate.errors, null, 1));
    process.exit(1);
}
JS
golden_sarif=$srcdir/tests/golden/compare-sarif/stdout
golden_junit=$srcdir/tests/golden/compare-junit/stdout
if command -v node >/dev/null 2>&1 &&
    NODE_PATH="$ajv_dir/node_modules" node "$tmp/schema-only.js" \
        "$srcdir/tests/schemas/sarif-schema-2.1.0.json" "$golden_sarif" >"$tmp/gs.out" 2>&1; then
    ok "sarif of claimlint compare validates"
else
    bad "sarif of claimlint compare: invalid"
    cat "$tmp/gs.out"
fi
if command -v xmllint >/dev/null 2>&1 &&
    xmllint --noout --schema "$srcdir/tests/schemas/junit.xsd" "$golden_junit" >"$tmp/gj.out" 2>&1; then
    ok "junit of claimlint compare validates"
else
    bad "junit of claimlint compare: invalid"
    cat "$tmp/gj.out"
fi

# Allocation failures: the shim counts the allocations of a program named
# claimlint, so the emitter runs through a link of that name.
if [ -z "$shim" ] || [ ! -f "$shim" ]; then
    echo "compare: no failalloc shim: no allocation-failure sweep"
else
    case "${CLAIMLINT_SAN_CFLAGS:-}" in
    *sanitize=address*) shim="" ;;
    esac
fi
if [ -n "$shim" ] && [ -f "$shim" ]; then
    ln -s "$emit" "$tmp/claimlint"
    for format in text gnu json jsonl sarif junit rdjsonl html; do
        "$tmp/claimlint" "$format" 2 >"$tmp/ref" 2>/dev/null
        CLAIMLINT_FAIL_ALLOC_SCOPE=own CLAIMLINT_FAIL_ALLOC_COUNT=$tmp/count LD_PRELOAD=$shim \
            "$tmp/claimlint" "$format" 2 >/dev/null 2>&1
        total=$(cat "$tmp/count" 2>/dev/null || echo 0)
        n=1 failed=0
        while [ "$n" -le "$total" ]; do
            CLAIMLINT_FAIL_ALLOC=$n CLAIMLINT_FAIL_ALLOC_SCOPE=own LD_PRELOAD=$shim \
                "$tmp/claimlint" "$format" 2 >"$tmp/out" 2>"$tmp/err"
            status=$?
            if [ "$status" = 0 ] && cmp -s "$tmp/out" "$tmp/ref"; then
                :
            elif [ "$status" = 2 ] && grep -q "out of memory" "$tmp/err"; then
                :
            else
                failed=$((failed + 1))
                echo "  $format: allocation $n failing: exit status $status"
            fi
            n=$((n + 1))
        done
        if [ "$total" -gt 0 ] && [ "$failed" = 0 ]; then
            ok "$format: $total allocations failed in turn"
        else
            bad "$format: $failed of $total allocation failures not handled"
        fi
    done
fi

finish
