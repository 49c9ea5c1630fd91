#!/bin/sh
# html-browser.sh - render `claimlint check -f html` pages in a real headless
# browser (Debian's chromium) and check the DOM the browser built from them:
# the highlighted sentences with their statuses, the per-claim tables, the
# totals, and that a hostile article or rule file injects no element. Keeps
# a screenshot of the founding article's report, html-report.png, in the
# build directory.
#
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (run from there), CLAIMLINT_DATADIR; CLAIMLINT_BUILDDIR (default: the
# current directory) receives the screenshot; CHROMIUM names the browser
# (default: chromium); CLAIMLINT_VALGRIND runs claimlint under it; KEEP=1
# keeps the pages, DOMs and browser log in the temporary directory.
suite=html
. "$(dirname "$0")/lib.sh"
browser=${CHROMIUM:-chromium}

# check NAME COMMAND...: PASS when the command succeeds
check() {
    name=$1
    shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}

if ! command -v "$browser" >/dev/null 2>&1; then
    bad "browser: '$browser' not found; run scripts/deps to install chromium"
    finish
fi

# run the browser headless on FILE with more options; its chatter goes to
# the log
browse() {
    file=$1
    shift
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" "$@" \
        "file://$file" 2>>"$tmp/browser.log"
}

# dump the DOM of FILE into OUT
dump() {
    browse "$1" --dump-dom >"$2" && grep -q '</html>' "$2"
}

# count PATTERN (extended regex) in FILE: matches, not lines
count() {
    grep -oE -- "$1" "$2" | wc -l | tr -d ' '
}

has() {
    grep -qE -- "$1" "$2"
}

hasnt() {
    ! grep -qE -- "$1" "$2"
}

# the section of document N of the DOM IN into OUT
section() {
    awk -v id="id=\"d$1\"" 'index($0, "<section class=\"cl-doc\" " id ">") { on = 1 }
        on { print } on && /<\/section>/ { exit }' "$2" >"$3"
}

# the part of section file IN from the article on, into OUT
article() {
    sed -n '/<div class="cl-article">/,$p' "$1" >"$2"
}

# The parser rebuilds mis-nested markup (a <p> closed inside a <span>, a
# block in a paragraph) by adding or dropping elements: the same number of
# each kind in the page and in the browser's DOM means it kept ours.
same_structure() {
    for tag in '<p[ >]' '</p>' '<span[ >]' '</span>' '<a ' '</a>' '<sup' '<tr[ >]' '<table' \
        '<section' '<div' '<br>'; do
        if [ "$(count "$tag" "$1")" != "$(count "$tag" "$2")" ]; then
            echo "  $tag: $(count "$tag" "$1") in the page, $(count "$tag" "$2") in the DOM"
            return 1
        fi
    done
}

# a start tag with an attribute NAME (extended regex) whose value starts
# with VALUE: attribute values are quoted, so text that looks like one in
# another value or in the text does not count
tag_attr() {
    echo "<[a-zA-Z][a-zA-Z0-9-]*( +[a-zA-Z_:][-a-zA-Z0-9_:.]*(=\"[^\"]*\")?)* +$1=\"?${2:-}"
}

self_contained() {
    hasnt "<link|<script|<img|<iframe|<object|<embed|$(tag_attr src)|url\\(|@import" "$1"
}

rubio=rules/examples/rubio-mexico.xml
article_txt=fixtures/articles/rubio-mexico.txt
draft_txt=fixtures/drafts/rubio-overclaim.txt

# ---- the founding article and the over-claiming draft ----
run check -f html -r $rubio $article_txt $draft_txt >"$tmp/rubio.html" 2>"$tmp/rubio.err"
st=$?
check "rubio: exit status 1 (the draft has errors), got $st" [ $st -eq 1 ]
check "rubio: nothing on stderr" [ ! -s "$tmp/rubio.err" ]
check "rubio: self-contained page (no script, no external resource)" self_contained "$tmp/rubio.html"
if ! dump "$tmp/rubio.html" "$tmp/rubio.dom"; then
    bad "rubio: chromium rendered the page (see the log below)"
    tail -20 "$tmp/browser.log"
    finish
fi
ok "rubio: chromium rendered the page"
check "rubio: the browser kept the markup as written" same_structure "$tmp/rubio.html" "$tmp/rubio.dom"
check "rubio: no <script> in the DOM" [ "$(count '<script' "$tmp/rubio.dom")" -eq 0 ]
section 1 "$tmp/rubio.dom" "$tmp/d1"
section 2 "$tmp/rubio.dom" "$tmp/d2"
check "rubio: two document sections" sh -c '[ -s "$1" ] && [ -s "$2" ]' sh "$tmp/d1" "$tmp/d2"
check "rubio: sections name their files" has "<h2>$article_txt</h2>" "$tmp/d1"
check "rubio: draft section names its file" has "<h2>$draft_txt</h2>" "$tmp/d2"
article "$tmp/d1" "$tmp/a1"
article "$tmp/d2" "$tmp/a2"

# the highlighted sentences of article part IN, one a line, into OUT (the
# browser writes the line breaks of hover titles as they are)
sentences() {
    tr '\n' ' ' <"$1" | sed 's/<span class="cl-hl /\
&/g' | sed -n 's/<sup class="cl-ref">.*//p' >"$2"
}
sentences "$tmp/a1" "$tmp/s1"
sentences "$tmp/a2" "$tmp/s2"

# highlights: a sentence span and a match span, with status and severity
hl() { # FILE CLAIM STATUS SEVERITY TEXT: a sentence span for CLAIM, its
    # match span with STATUS and SEVERITY, and TEXT in the sentence
    grep -E "class=\"cl-hl [^\"]*\" data-claim=\"([^\"]* )?rubio-mexico\\.$2( [^\"]*)?\"" "$1" |
        grep -E "class=\"cl-m cl-$3 cl-$4\" data-claim=\"([^\"]* )?rubio-mexico\\.$2[ \"]" |
        sed 's/<[^>]*>//g' | grep -qF -- "$5"
}
check "article: trip-policy-link negated in its sentence" \
    hl "$tmp/s1" trip-policy-link negated ok "the trip is not explicitly linked"
check "article: naval-trip-link negated" \
    hl "$tmp/s1" naval-trip-link negated ok "is not directly related to Rubio"
check "article: crucial-role hedged" \
    hl "$tmp/s1" crucial-role hedged ok "is expected to play a crucial role"
check "article: delegation hedged, a warning" \
    hl "$tmp/s1" delegation hedged warning "does not provide information on whether"
check "article: met-sheinbaum stated, ok, highlighted too" \
    hl "$tmp/s1" met-sheinbaum stated ok "Rubio met with President Claudia Sheinbaum"
check "draft: delegation stated, an error" \
    hl "$tmp/s2" delegation stated error "accompanied by a 30-member"
check "draft: trip-policy-link stated, an error" \
    hl "$tmp/s2" trip-policy-link stated error "triggered a policy reversal"
check "draft: sentence of an error has the error class" \
    has 'class="cl-hl cl-stated cl-error" data-claim="[^"]*rubio-mexico\.delegation' "$tmp/s2"
check "draft: the paragraphs of the draft (blank lines) are kept" \
    [ "$(count '<p>' "$tmp/a2")" -eq 5 ]
check "article: the line breaks of the article are kept" \
    [ "$(count '<br>' "$tmp/a1")" -eq 11 ]

# every highlight has a marker and a side note that says it all
notes_ok() {
    n=$(count 'class="cl-note cl-note-' "$1")
    r=$(count '<sup class="cl-ref">' "$1")
    [ "$n" -gt 0 ] && [ "$n" -eq "$r" ]
}
check "article: one note per marker" notes_ok "$tmp/a1"
check "draft: one note per marker" notes_ok "$tmp/a2"
note_of() { # FILE CLAIM: the lines of the first note of CLAIM
    awk -v c=">rubio-mexico.$2</a>" 'index($0, "class=\"cl-note-head\"") && index($0, c) { on = 1 }
        on { print } on && /^<\/span>/ { exit }' "$1"
}
note_of "$tmp/a1" trip-policy-link >"$tmp/note"
check "note: claim, status, severity and deciding cue" \
    has 'cl-badge-negated">negated<.*cl-badge-ok">ok<.*class="cl-cue"[^>]*>negation <q>not</q>' "$tmp/note"
check "note: verdict, source and where the claim is declared" \
    has 'class="cl-verdict">unsupported</span>: The article: .*rubio-mexico\.xml:[0-9]+<' "$tmp/note"
check "note: message" has 'class="cl-note-msg">denies an unsupported claim' "$tmp/note"
check "note: hover title on the highlight" \
    has 'title="[0-9]+\. rubio-mexico\.trip-policy-link: negated, ok - denies' "$tmp/a1"

# the tables: every claim of the rule file, statuses as `claimlint report`
nclaims=$(count '<claim id="' $rubio)
check "rules: the rule file declares 12 claims ($nclaims)" [ "$nclaims" -eq 12 ]
table_ok() { # SECTION FILE: rows as in `claimlint report`
    rows=$(count '<tr id="d[0-9]+-c[0-9]+"' "$1")
    [ "$rows" -eq "$nclaims" ] || { echo "  $rows rows"; return 1; }
    run report -r $rubio "$2" >"$tmp/report" 2>/dev/null
    awk 'NR > 2 && /^  [a-z]/ && NF >= 5 && $1 ~ /\./ { print $1, $3, $4 }' "$tmp/report" \
        >"$tmp/want"
    [ "$(wc -l <"$tmp/want")" -eq "$nclaims" ] || { echo "  report: unexpected output"; return 1; }
    while read -r id status sev; do
        if ! has "<tr id=\"d[0-9]+-c[0-9]+\" class=\"cl-row-$sev\" data-claim=\"$id\" data-status=\"$status\" data-severity=\"$sev\"" "$1"; then
            echo "  no row for $id $status $sev"
            return 1
        fi
    done <"$tmp/want"
}
check "article: the table lists all 12 claims as claimlint report does" table_ok "$tmp/d1" $article_txt
check "draft: the table lists all 12 claims as claimlint report does" table_ok "$tmp/d2" $draft_txt
check "article: unstated claims are in the table" \
    has 'data-claim="rubio-mexico\.water-agreement" data-status="unstated"' "$tmp/d1"

# the header: files, rule files, totals as in the JSON summary, legend
run check -f json -r $rubio $article_txt $draft_txt >"$tmp/json" 2>/dev/null
total() {
    sed -n "s/.*\"summary\":.*\"$1\":\\([0-9]*\\).*/\\1/p" "$tmp/json"
}
sed -n '/<header/,/<\/header>/p' "$tmp/rubio.dom" >"$tmp/header"
check "header: totals as in the JSON summary" \
    has "<b>$(total errors)</b> errors?<.*<b>$(total warnings)</b> warnings?<.*<b>$(total infos)</b> infos?<" "$tmp/header"
check "header: files checked" has "href=\"#d1\">$article_txt</a>" "$tmp/header"
check "header: second file" has "href=\"#d2\">$draft_txt</a>" "$tmp/header"
check "header: rule files" has "<code>$rubio</code>" "$tmp/header"
check "header: legend of the statuses" \
    has 'cl-sw-stated">stated<.*' "$tmp/header"
check "header: legend names hedged, negated, unstated" \
    sh -c 'grep -q "cl-sw-hedged\">hedged<" "$1" && grep -q "cl-sw-negated\">negated<" "$1" &&
        grep -q "cl-sw-unstated\">unstated<" "$1"' sh "$tmp/header"

# the picture, for people (and the test artifact)
png=$builddir/html-report.png
rm -f "$png"
browse "$tmp/rubio.html" --window-size=1280,3600 --screenshot="$png" >/dev/null
check "screenshot: $png" sh -c '[ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = PNG ]' sh "$png"

# ---- a hostile article and a hostile rule file ----
cat >"$tmp/hostile.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rules xmlns="urn:claimlint:rules:1" id="h" lang="en">
  <claim id="fed" verdict="refuted">
    <title>&lt;/span&gt;&lt;/p&gt;&lt;img src=x onerror=alert(2)&gt; "quoted" 'single' &amp;amp;</title>
    <message>&lt;script&gt;alert(3)&lt;/script&gt; {status} "{title}"</message>
    <source href="javascript:alert(4)">click &lt;b&gt;me&lt;/b&gt;</source>
    <source href="https://example.org/?a=1&amp;b=&quot;2&quot;">the "real" evidence</source>
    <pattern><token case="yes">Fed</token></pattern>
  </claim>
</rules>
EOF
run check -f html -r fixtures/rules/good/claims.xml -r "$tmp/hostile.xml" \
    fixtures/inputs/hostile.txt >"$tmp/hostile.html" 2>"$tmp/hostile.err"
st=$?
check "hostile: exit status 1, got $st" [ $st -eq 1 ]
check "hostile: nothing on stderr" [ ! -s "$tmp/hostile.err" ]
check "hostile: self-contained page" self_contained "$tmp/hostile.html"
if dump "$tmp/hostile.html" "$tmp/hostile.dom"; then
    ok "hostile: chromium rendered the page"
else
    bad "hostile: chromium rendered the page"
    tail -20 "$tmp/browser.log"
fi
d=$tmp/hostile.dom
check "hostile: the browser kept the markup as written" same_structure "$tmp/hostile.html" "$d"
check "hostile: no <img> in the DOM" [ "$(count '<img' "$d")" -eq 0 ]
check "hostile: no <script> in the DOM (the page has none)" [ "$(count '<script' "$d")" -eq 0 ]
check "hostile: one <style>, ours" [ "$(count '<style' "$d")" -eq 1 ]
check "hostile: no event handler attribute" hasnt "$(tag_attr 'on[a-z]+')" "$d"
check "hostile: no javascript: link" hasnt "$(tag_attr href javascript:)" "$d"
check "hostile: no comment, no <b> from the input" hasnt '<!--|<b>me' "$d"
check "hostile: </script> shown as text" \
    has '&lt;/script&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;' "$d"
check "hostile: the img tag shown as text" has '"&gt;&lt;img src=x onerror=alert\(1\)&gt;' "$d"
check "hostile: &amp; shown as written" has 'news &amp;amp; "quotes"' "$d"
# (inside the stray quotation mark that opens the line: attributed)
check "hostile: The Fed met. highlighted, attributed" \
    has 'class="cl-m cl-attributed cl-[a-z]+" data-claim="t\.case h\.fed"[^>]*>Fed</span> met\.' "$d"
check "hostile: the rule's title shown as text" \
    has '&lt;/span&gt;&lt;/p&gt;&lt;img src=x onerror=alert\(2\)&gt; "quoted"' "$d"
check "hostile: the rule's message shown as text" has '&lt;script&gt;alert\(3\)&lt;/script&gt; attributed' "$d"
check "hostile: the https source is a link, its query escaped" \
    has '<a href="https://example.org/\?a=1&amp;b=%222%22"|<a href="https://example.org/\?a=1&amp;b=&quot;2&quot;"' "$d"
check "hostile: the javascript: source is text" has 'click &lt;b&gt;me&lt;/b&gt; \(<span class="cl-loc">javascript:alert\(4\)' "$d"
bel=$(printf '\007')
esc=$(printf '\033')
ctl() {
    echo "<span class=\"cl-ctl\" title=\"control character\">U\\+$1</span>"
}
check "hostile: control characters shown as their code points" \
    has "bell$(ctl 0007) escape$(ctl 001B)\\[31m next-line$(ctl 0085) tab here" "$d"
check "hostile: no control character in the DOM" hasnt "[$bel$esc]" "$d"

# ---- no document at all still makes a page ----
run check -f html -r fixtures/rules/good/claims.xml fixtures/inputs/nul-byte.txt \
    >"$tmp/none.html" 2>"$tmp/none.err"
st=$?
check "no document: exit status 2, got $st" [ $st -eq 2 ]
check "no document: the input error and nothing else on stderr" \
    sh -c '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "nul-byte.txt:.*error: NUL byte" "$1"' sh "$tmp/none.err"
if dump "$tmp/none.html" "$tmp/none.dom"; then
    check "no document: a page that says so" has 'No document was checked' "$tmp/none.dom"
    check "no document: markup kept" same_structure "$tmp/none.html" "$tmp/none.dom"
else
    bad "no document: chromium rendered the page"
fi

# ---- compare: a rewrite beside its source ----
run compare -f html fixtures/articles/rubio-mexico.txt fixtures/drafts/rubio-rewrite.txt \
    >"$tmp/cmp.html" 2>"$tmp/cmp.err"
st=$?
check "compare: exit status 1 (the rewrite has errors), got $st" [ $st -eq 1 ]
check "compare: nothing on stderr" [ ! -s "$tmp/cmp.err" ]
check "compare: self-contained page" self_contained "$tmp/cmp.html"
if dump "$tmp/cmp.html" "$tmp/cmp.dom"; then
    ok "compare: chromium rendered the page"
    check "compare: the browser kept the markup as written" same_structure "$tmp/cmp.html" "$tmp/cmp.dom"
    check "compare: the draft and the source side by side" \
        sh -c 'grep -q "class=\"cl-cmp-draft\"" "$1" && grep -q "class=\"cl-cmp-src\"" "$1"' sh "$tmp/cmp.dom"
    check "compare: the seven findings, each with its code" \
        [ "$(count 'class="cl-cmp-f"' "$tmp/cmp.dom")" -eq 7 ]
    # every link to a source sentence has its target on the page
    missing=""
    for id in $(grep -o 'href="#s-[0-9-]*"' "$tmp/cmp.dom" | sed 's/href="#//; s/"//' | sort -u); do
        grep -q "id=\"$id\"" "$tmp/cmp.dom" || missing="$missing $id"
    done
    check "compare: each finding links to a source sentence on the page${missing:+ (missing:$missing)}" \
        [ -z "$missing" ]
    check "compare: the negation's source sentence is there" \
        has "directly related to Rubio" "$tmp/cmp.dom"
else
    bad "compare: chromium rendered the page"
fi

finish
