#!/bin/sh
# validate-sarif.sh - check that `claimlint -f sarif` writes valid SARIF
# 2.1.0: run it on the founding article and the over-claiming draft, an
# empty run, a required claim left unstated, awkward file names, standard
# input and a missing file, and validate each log against the official
# schema (tests/schemas/sarif-schema-2.1.0.json, JSON Schema draft-07) with
# Ajv and its formats (uri, uri-reference, ...). Then check what the schema
# cannot say: ruleIndex and artifact indexes point at the right entries,
# regions are well-formed, fingerprints are unique, and there is one result
# per finding of `-f jsonl`.
#
# The validator is Ajv 8 with ajv-formats, from npm, installed outside the
# tree by scripts/deps:
#     npm install --prefix "$HOME/.cache/claimlint-npm" ajv@8 ajv-formats@3
# $AJV names another npm prefix directory holding them. Not ajv-cli: one
# pattern of the SARIF schema (the "language" property) is not a valid
# Unicode-mode JavaScript regex, and ajv-cli cannot turn unicodeRegExp off.
# A missing validator is a failure, never a skip.
#
# Environment as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR,
# CLAIMLINT_DATADIR; CLAIMLINT_VALGRIND runs claimlint under valgrind.
suite=sarif
. "$(dirname "$0")/lib.sh"
ajv_dir=${AJV:-${HOME:-/nonexistent}/.cache/claimlint-npm}
schema=$srcdir/tests/schemas/sarif-schema-2.1.0.json

missing() {
    bad "sarif: $1; run scripts/deps (it installs Ajv with:" \
        "npm install --prefix \"\$HOME/.cache/claimlint-npm\" ajv@8 ajv-formats@3)," \
        "or set AJV to an npm prefix directory holding ajv and ajv-formats"
    finish
}
command -v node >/dev/null 2>&1 || missing "node (Node.js) is not installed"
NODE_PATH="$ajv_dir/node_modules" node -e 'require("ajv"); require("ajv-formats")' \
    >/dev/null 2>&1 || missing "Ajv is not installed in $ajv_dir"

# validate.js SCHEMA LOG FINDINGS SUPPRESSED: the schema, then the checks
# above.
cat >"$tmp/validate.js" <<'EOF'
"use strict";
const Ajv = require("ajv"), addFormats = require("ajv-formats"), fs = require("fs");
const [schemaFile, logFile, findings, suppressed] = process.argv.slice(2);
const ajv = new Ajv({strict: false, unicodeRegExp: false, allErrors: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
const problems = [];
let log;
try {
    log = JSON.parse(fs.readFileSync(logFile, "utf8"));
} catch (err) {
    console.log("  not JSON: " + err.message);
    process.exit(1);
}
if (!validate(log))
    for (const e of validate.errors.slice(0, 20))
        problems.push(`schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
const say = (cond, what) => { if (!cond) problems.push(what); };
say(log.runs && log.runs.length === 1, "not exactly one run");
const run = (log.runs || [])[0] || {};
const rules = ((run.tool || {}).driver || {}).rules || [];
const artifacts = run.artifacts || [];
const results = run.results || [];
say(run.columnKind === "unicodeCodePoints", "columnKind is not unicodeCodePoints");
say(new Set(rules.map(r => r.id)).size === rules.length, "rule ids are not unique");
const uris = artifacts.map(a => a.location.uri);
say(new Set(uris).size === uris.length, "artifacts are not unique");
say(results.length === Number(findings),
    `${results.length} results for ${findings} findings of -f jsonl`);
const nsup = results.filter(r => r.suppressions && r.suppressions.length).length;
say(nsup === Number(suppressed), `${nsup} suppressed results for ${suppressed} in -f jsonl`);
// fingerprints are unique within one document; a file named twice on the
// command line is two documents (their results are not interleaved)
const seen = new Set();
let doc = 0, lastUri = null;
results.forEach((r, i) => {
    const where = `results[${i}]`;
    say(rules[r.ruleIndex] && rules[r.ruleIndex].id === r.ruleId, `${where}: ruleIndex is not ${r.ruleId}`);
    say(["error", "warning", "note"].includes(r.level), `${where}: level ${r.level}`);
    const pl = r.locations[0].physicalLocation, al = pl.artifactLocation;
    say(artifacts[al.index] && artifacts[al.index].location.uri === al.uri,
        `${where}: artifact index ${al.index} is not ${al.uri}`);
    const reg = pl.region, ctx = pl.contextRegion;
    if (reg) {
        const before = (l1, c1, l2, c2) => l1 < l2 || (l1 === l2 && c1 <= c2);
        say(before(reg.startLine, reg.startColumn + 1, reg.endLine, reg.endColumn),
            `${where}: empty or reversed region`);
        say(ctx && before(ctx.startLine, ctx.startColumn, reg.startLine, reg.startColumn) &&
            before(reg.endLine, reg.endColumn, ctx.endLine, ctx.endColumn),
            `${where}: the context region does not hold the region`);
        say(reg.snippet && ctx.snippet.text.includes(reg.snippet.text.replace(/\s+/g, " ")),
            `${where}: the sentence does not hold the match`);
    } else {
        say(r.properties.status === "unstated", `${where}: a stated finding without a region`);
    }
    const fp = r.partialFingerprints["claimlint/v1"];
    if (al.uri !== lastUri)
        doc++;
    lastUri = al.uri;
    say(/^[0-9a-f]{16}(:[0-9]+)?$/.test(fp), `${where}: fingerprint ${fp}`);
    say(!seen.has(doc + " " + fp), `${where}: fingerprint ${fp} repeated in ${al.uri}`);
    seen.add(doc + " " + fp);
});
for (const p of problems)
    console.log("  " + p);
process.exit(problems.length ? 1 : 0);
EOF

# check NAME WANT_STATUS ARGS...: run claimlint -f sarif ARGS (stdin from
# $tmp/stdin), expect WANT_STATUS, validate the log.
check() {
    name=$1
    want=$2
    shift 2
    run -f sarif "$@" <"$tmp/stdin" >"$tmp/$name.sarif" 2>"$tmp/$name.err"
    status=$?
    "$prog" -f jsonl "$@" <"$tmp/stdin" >"$tmp/$name.jsonl" 2>/dev/null
    findings=$(wc -l <"$tmp/$name.jsonl" | tr -d ' ')
    suppressed=$(grep -c '"suppressed":{' "$tmp/$name.jsonl")
    if [ "$status" != "$want" ]; then
        bad "$name: exit status $status, expected $want"
        cat "$tmp/$name.err"
    elif NODE_PATH="$ajv_dir/node_modules" node "$tmp/validate.js" "$schema" \
        "$tmp/$name.sarif" "$findings" "$suppressed" >"$tmp/$name.out" 2>&1; then
        ok "$name ($findings results)"
    else
        bad "$name: invalid SARIF"
        cat "$tmp/$name.out"
    fi
}

: >"$tmp/stdin"
check rubio-article-and-draft 1 -r rules/examples/rubio-mexico.xml \
    fixtures/articles/rubio-mexico.txt fixtures/drafts/rubio-overclaim.txt
check attribution-article 1 -r fixtures/rules/good/attribution-article.xml \
    fixtures/articles/attribution.txt
check empty-run-no-claims 0 -r rules/cues/en.xml fixtures/inputs/empty.txt
check no-findings 0 -r rules/examples/rubio-mexico.xml fixtures/inputs/empty.txt
check required-unstated 1 -r fixtures/rules/good/claims.xml fixtures/inputs/crlf.txt
check missing-file 2 -r rules/examples/rubio-mexico.xml fixtures/inputs/no-such-file.txt \
    fixtures/drafts/rubio-overclaim.txt

# Awkward names (spaces, a colon, %, #, non-ASCII; an absolute path), a
# sentence made twice (fingerprint :2), control characters and quotes,
# suppressed findings, the same file twice, and standard input.
odd="$tmp/odd name: %41 #1 \"q\" é.txt"
printf 'The deal is done.\nThe deal is done.\nThe deal is done, she said: \001 "x" \047y\047 <b>&amp; ]]> \357\277\276 é.\n' >"$odd"
printf '<!-- claimlint-disable-next-line t.message -- quoted, not asserted -->\nThe deal is done.\n<!-- claimlint-disable t.case -->\n' >>"$odd"
cp "$odd" "$tmp/stdin"
# sources whose href the rule schema (anyURI) takes but SARIF's "uri"
# format does not: they must not become helpUris
cat >"$tmp/hrefs.xml" <<'EOF'
<rules xmlns="urn:claimlint:rules:1" id="h" lang="en">
  <claim id="no-scheme" verdict="unsupported">
    <title>she said "x" &amp; 'y' &lt;b&gt;</title>
    <source href="example.org/no-scheme">no scheme</source>
    <pattern><token>she</token><token>said</token></pattern>
  </claim>
  <claim id="empty-path" verdict="refuted">
    <title>done</title>
    <source href="x:">nothing after the scheme</source>
    <pattern><token>done</token></pattern>
  </claim>
  <claim id="non-ascii" verdict="refuted">
    <title>deal</title>
    <source href="https://example.org/é">an IRI, not a URI</source>
    <pattern><token>deal</token></pattern>
  </claim>
</rules>
EOF
check odd-names-and-stdin 1 -r fixtures/rules/good/claims.xml -r "$tmp/hrefs.xml" "$odd" - "$odd"

# Two configurations, so two rule sets (one overriding a severity): the
# tool's rules are every claim of both, once each.
mkdir "$tmp/a" "$tmp/b"
printf '<config xmlns="urn:claimlint:config:1"><rules href="%s"/></config>\n' \
    "$srcdir/fixtures/rules/good/claims.xml" >"$tmp/a/.claimlint.xml"
printf '<config xmlns="urn:claimlint:config:1"><rules href="%s"/><severity claim="t.message" level="warning"/></config>\n' \
    "$srcdir/fixtures/rules/good/claims.xml" >"$tmp/b/.claimlint.xml"
printf 'The deal is done.\n' >"$tmp/a/x.txt"
cp "$tmp/a/x.txt" "$tmp/b/y.txt"
check two-rule-sets 1 -r rules/examples/rubio-mexico.xml "$tmp/a/x.txt" "$tmp/b/y.txt" \
    fixtures/drafts/rubio-overclaim.txt

finish
