#!/bin/sh
# failalloc.sh - allocation-failure sweep: every allocation is checked.
#
# Runs realistic claimlint commands with tests/failalloc.c preloaded: once
# to count their allocations (T), then once for each N, with the N-th
# allocation failing. Each run must end by itself (no signal), and either
# fail cleanly - exit status 2 and an error on stderr ("out of memory" when
# the allocation was claimlint's own) - or, when the allocation was one
# claimlint or a library can do without, write the same output with the
# same status as the run without failures.
#
#   claimlint's own allocations (the program and libclaimlint): every N
#   every allocation (libxml2, PCRE2, md4c, the C library...): every N/S-th,
#       S chosen for about $CLAIMLINT_FAIL_ALLOC_SAMPLES runs a command
#       (default 150); CLAIMLINT_FAIL_ALLOC_STRIDE=S sets it, and 1 is every
#       N (about 285,000 runs a command, an hour or more on two cores)
#   leaks: a sample of the own-allocation runs under valgrind memcheck
#       (definite leaks are errors), when valgrind is installed
#
# CLAIMLINT_FAIL_ALLOC_FULL=1 (scripts/test --oom) runs every third own N
# under valgrind, and every allocation with a stride of 50 (about 5,700
# runs a command) unless CLAIMLINT_FAIL_ALLOC_STRIDE says otherwise. A failure is shown with the
# call chain of the allocation that failed (CLAIMLINT_FAIL_ALLOC_TRACE=2 and
# addr2line); to replay one by hand:
#   CLAIMLINT_FAIL_ALLOC=N [CLAIMLINT_FAIL_ALLOC_SCOPE=own] \
#   CLAIMLINT_FAIL_ALLOC_TRACE=2 LD_PRELOAD=tests/failalloc.so ./claimlint ...
#
# Skipped (77) without the shim, under AddressSanitizer (its allocator
# must come first) and in --enable-valgrind builds (the plain build runs
# the valgrind sample).
suite=failalloc
. "$(dirname "$0")/lib.sh"
shim=${CLAIMLINT_FAILALLOC:-}
full=${CLAIMLINT_FAIL_ALLOC_FULL:-}
samples=${CLAIMLINT_FAIL_ALLOC_SAMPLES:-150}

case "${CLAIMLINT_SAN_CFLAGS:-}" in
*sanitize=address*) echo "failalloc: skipped under AddressSanitizer"; exit 77 ;;
esac
if [ -n "${CLAIMLINT_VALGRIND:-}" ]; then
    echo "failalloc: skipped in the valgrind build (the plain build runs it)"
    exit 77
fi
if [ -z "$shim" ] || [ ! -f "$shim" ]; then
    echo "failalloc: skipped: no failalloc shim (${shim:-CLAIMLINT_FAILALLOC unset})"
    exit 77
fi
# valgrind for the leak sample, whatever CLAIMLINT_VALGRIND says
vg=""
if command -v valgrind >/dev/null 2>&1; then
    # nouserintercepts: valgrind replaces the C library's allocator, not the shim
    vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
    vg="$vg --soname-synonyms=somalloc=nouserintercepts"
fi

# valgrind runs the program itself, not libtool's wrapper script of it
binary=$prog
if head -c 512 "$prog" 2>/dev/null | grep -q "libtool"; then
    dir=$(dirname "$prog")
    binary=$dir/.libs/$(basename "$prog")
    [ -x "$dir/.libs/lt-$(basename "$prog")" ] && binary=$dir/.libs/lt-$(basename "$prog")
    LD_LIBRARY_PATH=$dir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi

# The commands: text output of a draft, JSON of the Markdown article. -j 1
# keeps the order of allocations the same from run to run.
cmd_text="check -j 1 -r rules/examples/rubio-mexico.xml fixtures/drafts/rubio-overclaim.txt"
cmd_json="check -j 1 -f json -r rules/examples/rubio-mexico.xml fixtures/articles/rubio-mexico.md"
# the configuration's path: its schema, its rules and severity overrides
cmd_config="check -j 1 --config fixtures/config/.claimlint.xml fixtures/config/drafts/story.txt"
# a rewrite read against its source: the index, the alignment, the findings
cmd_compare="compare -f json fixtures/articles/rubio-mexico.txt fixtures/drafts/rubio-rewrite.txt"

# libxml2 2.9.14 does not survive some failures of its own allocations
# (tests/failalloc.c excludes the most frequent one, in xmlRegexpCompile).
# Backtraces of the others seen (libxml2's source, Debian 2.9.14+dfsg):
#   relaxng.c: xmlRelaxNGNewDefine doubles ctxt->defMax before xmlRealloc
#     and keeps it when the realloc fails; the next defines are written past
#     the end of defTab, and glibc aborts on the corrupted heap (SIGABRT).
#   SIGSEGV inside xmlRelaxNGValidateDoc's internals (validation of a rule
#     file) after an allocation of its own failed.
# A run killed by a signal after an allocation made by libxml2 itself
# failed is counted apart, as a libxml2 defect, not as a failure: such a
# crash is not claimlint's to fix.
libxml2_crash=0


# run ARGS...: run claimlint with the shim; status in $status (not lib.sh's
# run)
run() {
    LD_PRELOAD=$shim "$prog" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# chain N SCOPE ARGS...: the call chain of the N-th allocation, one frame
# a line, from the shim's backtrace and addr2line
chain() {
    n=$1 scope=$2
    shift 2
    CLAIMLINT_FAIL_ALLOC=$n CLAIMLINT_FAIL_ALLOC_SCOPE=$scope CLAIMLINT_FAIL_ALLOC_TRACE=2 \
        LD_PRELOAD=$shim "$prog" "$@" 2>&1 >/dev/null </dev/null |
        sed -n 's/^\(.*\)(\([^)]*\)) *\[\(0x[0-9a-f]*\)\]$/\1 \2 \3/p' |
        while read -r obj off addr; do
            case $obj in
            */failalloc.so | */libc.so*) continue ;;
            esac
            case $off in
            +0x*)
                if command -v addr2line >/dev/null 2>&1; then
                    addr2line -f -i -p -e "$obj" "$(printf '0x%x' $((${off#+} - 1)))" 2>/dev/null |
                        sed "s|$srcdir/||"
                else
                    echo "$obj $off"
                fi
                ;;
            *) echo "$obj $off" ;;
            esac
        done | head -12
}

# judge N SCOPE ARGS...: whether the run with allocation N failing passed
judge() {
    n=$1 scope=$2
    shift 2
    why=""
    if [ "$status" -ge 128 ]; then
        why="killed by signal $((status - 128))"
    elif [ "$status" = "$ref_status" ] && cmp -s "$tmp/out" "$tmp/ref"; then
        why="" # the allocation was one it could do without
    elif [ "$status" -ne 2 ]; then
        why="exit status $status, expected 2 (or $ref_status and the same output)"
    elif [ "$scope" = own ] && ! grep -q "out of memory" "$tmp/err"; then
        why="exit status 2 without 'out of memory' on stderr"
    elif [ ! -s "$tmp/err" ]; then
        why="exit status 2 and nothing on stderr"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        return 0
    fi
    if [ "$scope" = all ] && [ "$status" -ge 128 ] &&
        CLAIMLINT_FAIL_ALLOC=$n CLAIMLINT_FAIL_ALLOC_TRACE=1 LD_PRELOAD=$shim "$prog" "$@" \
            2>&1 >/dev/null </dev/null | grep -q "^failalloc: .*called from .*/libxml2\.so"; then
        libxml2_crash=$((libxml2_crash + 1))
        echo "libxml2 defect: allocation $n of '$*' (libxml2's own): $why"
        return 0
    fi
    chain "$n" "$scope" "$@" >"$tmp/chain"
    fail=$((fail + 1))
    echo "FAIL $scope allocation $n of '$*': $why"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
    sed 's/^/  at /' "$tmp/chain"
    return 1
}

# sweep SCOPE STRIDE ARGS...: fail allocations 1, 1+STRIDE, ... of SCOPE
sweep() {
    scope=$1 stride=$2
    shift 2
    CLAIMLINT_FAIL_ALLOC_SCOPE=$scope CLAIMLINT_FAIL_ALLOC_COUNT=$tmp/count run "$@"
    total=$(cat "$tmp/count" 2>/dev/null || echo 0)
    if [ "$status" != "$ref_status" ] || ! cmp -s "$tmp/out" "$tmp/ref" || [ "$total" -eq 0 ]; then
        echo "FAIL counting run of '$*' ($scope): status $status, $total allocations"
        fail=$((fail + 1))
        return
    fi
    echo "$scope allocations of '$*': $total; failing N = 1, 1+S, 1+2S... with S = $stride"
    n=1
    while [ "$n" -le "$total" ]; do
        CLAIMLINT_FAIL_ALLOC=$n CLAIMLINT_FAIL_ALLOC_SCOPE=$scope run "$@"
        judge "$n" "$scope" "$@"
        n=$((n + stride))
    done
}

# leaks STRIDE ARGS...: own allocations 1, 1+STRIDE, ... under valgrind
leaks() {
    stride=$1
    shift
    total=$(cat "$tmp/own-count")
    n=1
    while [ "$n" -le "$total" ]; do
        # shellcheck disable=SC2086
        CLAIMLINT_NO_JIT=1 CLAIMLINT_FAIL_ALLOC=$n CLAIMLINT_FAIL_ALLOC_SCOPE=own \
            LD_PRELOAD=$shim $vg "$binary" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
        status=$?
        if [ "$status" -eq 99 ]; then
            fail=$((fail + 1))
            echo "FAIL leak with own allocation $n of '$*' failing (valgrind):"
            grep -v "^failalloc" "$tmp/err" | head -30
        else
            pass=$((pass + 1))
        fi
        n=$((n + stride))
    done
}

for cmd in "$cmd_text" "$cmd_json" "$cmd_config" "$cmd_compare"; do
    # shellcheck disable=SC2086
    set -- $cmd
    "$prog" "$@" >"$tmp/ref" 2>"$tmp/ref-err" </dev/null
    ref_status=$?
    if [ "$ref_status" -ge 2 ]; then
        echo "FAIL '$*' without failures: exit status $ref_status"
        cat "$tmp/ref-err"
        fail=$((fail + 1))
        continue
    fi
    sweep own 1 "$@"
    cp "$tmp/count" "$tmp/own-count" 2>/dev/null || echo 0 >"$tmp/own-count"
    CLAIMLINT_FAIL_ALLOC_COUNT=$tmp/count run "$@"
    all=$(cat "$tmp/count" 2>/dev/null || echo 1)
    stride=${CLAIMLINT_FAIL_ALLOC_STRIDE:-}
    if [ -z "$stride" ]; then
        if [ -n "$full" ]; then stride=50; else stride=$((all / samples + 1)); fi
    fi
    sweep all "$stride" "$@"
    if [ -n "$vg" ]; then
        own=$(cat "$tmp/own-count")
        if [ -n "$full" ]; then vstride=3; else vstride=$((own / 6 + 1)); fi
        leaks "$vstride" "$@"
    fi
done
[ -n "$vg" ] || echo "failalloc: valgrind not installed: no leak check"
[ "$libxml2_crash" -eq 0 ] || echo "failalloc: $libxml2_crash crashes inside libxml2 on its own allocation failures"
finish
