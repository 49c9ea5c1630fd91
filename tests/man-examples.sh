#!/bin/sh
# man-examples.sh - keep the manual pages true to the program:
#   1. the example rule file of man/claimlint-rules.5 (the lines between the
#      `.\" example-begin' and `.\" example-end' markers, roff escapes undone)
#      passes `claimlint rules check' and `claimlint rules test' (at least 4
#      examples, none failing);
#   2. both pages render without a warning (man --warnings, else groff -ww);
#   3. every option printed by `claimlint --help' and by `claimlint CMD
#      --help' (check, report, compare, sentences, explain) appears in the section of
#      man/claimlint.1 that documents it (`.SS General', `.SS check', ...).
# Environment, as for golden.sh: CLAIMLINT (the program), CLAIMLINT_SRCDIR
# (the source tree, where this runs), CLAIMLINT_DATADIR (its data);
# CLAIMLINT_VALGRIND=valgrind runs claimlint under memcheck.
suite=man
. "$(dirname "$0")/lib.sh"
# man-db's seccomp sandbox fails in some containers; it guards nothing here
export MAN_DISABLE_SECCOMP=1

# Undo the roff escapes a literal (.nf) block uses: \e is a backslash, \-
# a minus, \(aq an apostrophe, \& nothing. \e goes through a placeholder so
# that "\e-" (a backslash, then a hyphen) stays that.
unroff() {
    sed -e 's/\\e/\x01/g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\&//g' \
        -e 's/\x01/\\/g'
}

# ---- 1. the example rule file ----------------------------------------------
page5=man/claimlint-rules.5
example="$tmp/example.xml"
sed -n '/^\.\\" example-begin/,/^\.\\" example-end/p' "$page5" |
    sed -e '1d' -e '$d' | grep -v -e '^\.nf$' -e '^\.fi$' | unroff >"$example"
if [ ! -s "$example" ]; then
    bad "example: no rule file between the example-begin and example-end markers of $page5"
else
    ok "example: extracted from $page5 ($(wc -l <"$example" | tr -d ' ') lines)"
    if run rules check "$example" >"$tmp/out" 2>"$tmp/err"; then
        ok "example: rules check"
    else
        bad "example: rules check exited $?"
        cat "$tmp/out" "$tmp/err"
    fi
    run rules test "$example" >"$tmp/out" 2>"$tmp/err"
    status=$?
    summary=$(grep '^examples: [0-9]* passed, [0-9]* failed$' "$tmp/out" | tail -n 1)
    passed=$(printf '%s\n' "$summary" | sed -n 's/^examples: \([0-9]*\) passed.*/\1/p')
    failed=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
    if [ "$status" -eq 0 ] && [ -n "$passed" ] && [ "$passed" -ge 4 ] && [ "$failed" = 0 ]; then
        ok "example: rules test ($summary)"
    else
        bad "example: rules test exited $status (${summary:-no summary line}; wanted at least 4 examples, 0 failed)"
        cat "$tmp/out" "$tmp/err"
    fi
fi

# ---- 2. the pages render without warnings ------------------------------------
if command -v man >/dev/null 2>&1; then
    render() { LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$1"; }
    renderer="man --warnings"
elif command -v groff >/dev/null 2>&1; then
    render() { LC_ALL=C.UTF-8 groff -ww -man -Tutf8 "$1"; }
    renderer="groff -ww"
else
    renderer=""
fi
for page in man/claimlint.1 man/claimlint-rules.5; do
    if [ -z "$renderer" ]; then
        echo "SKIP render $page: neither man nor groff is installed (apt-get install man-db)"
        continue
    fi
    render "$page" >"$tmp/page" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/page" ]; then
        ok "render $page ($renderer)"
    else
        bad "render $page ($renderer): exit status $status"
        cat "$tmp/err"
    fi
done

# ---- 3. every option of the program is documented -----------------------------
# The page's source with the font, break and character escapes undone:
# ".BI \-\-fail\-on= LEVEL" reads ".BI --fail-on= LEVEL".
page1=man/claimlint.1
sed -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' -e 's/\\://g' "$page1" |
    unroff >"$tmp/man1"

# The options of a --help text: on its option lines (those starting with
# blanks and a dash), every --long option and every -x short option.
help_options() {
    grep -E '^[[:space:]]+-' "$1" >"$tmp/optlines"
    grep -oE -- '--[A-Za-z][A-Za-z0-9-]*' "$tmp/optlines"
    grep -oE -- '(^|[[:space:],])-[A-Za-z]([[:space:],=]|$)' "$tmp/optlines" |
        sed -e 's/^[[:space:],]*//' -e 's/[[:space:],=]*$//'
}

# The lines of the man page section ".SS NAME", up to the next .SS or .SH.
section() {
    awk -v name="$1" '
        /^\.S[SH] / { t = $0; sub(/^\.S[SH] +/, "", t); gsub(/"/, "", t); on = ($1 == ".SS" && t == name); next }
        on' "$tmp/man1"
}

check_help() { # NAME SECTION ARGS...
    name=$1
    sect=$2
    shift 2
    if ! run "$@" >"$tmp/help" 2>"$tmp/err"; then
        bad "options of $name: '$*' exited $?"
        cat "$tmp/err"
        return
    fi
    section "$sect" >"$tmp/section"
    if [ ! -s "$tmp/section" ]; then
        bad "options of $name: no section '.SS $sect' in $page1"
        return
    fi
    missing=""
    count=0
    for opt in $(help_options "$tmp/help" | sort -u); do
        count=$((count + 1))
        # the option as a word of its own: not inside a longer option
        if ! grep -qE -- "(^|[^A-Za-z0-9-])$opt([^A-Za-z0-9-]|$)" "$tmp/section"; then
            missing="$missing $opt"
        fi
    done
    if [ "$count" -eq 0 ]; then
        bad "options of $name: found no option in '$*'"
    elif [ -n "$missing" ]; then
        bad "options of $name: not in '.SS $sect' of $page1:$missing"
    else
        ok "options of $name: all $count in $page1"
    fi
}

check_help "claimlint" "General" --help
for cmd in check report compare sentences explain; do
    check_help "$cmd" "$cmd" "$cmd" --help
done

finish
