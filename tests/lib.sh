# lib.sh - what the shell tests share. Each sets $suite, the word of its
# summary line, then sources this file from its own directory:
#     suite=golden
#     . "$(dirname "$0")/lib.sh"
# (make check runs a test by its path in the source tree, from the build
# directory, so this is found next to it in any build.)
#
# Environment, set by make check (Makefile.am, AM_TESTS_ENVIRONMENT):
#   CLAIMLINT_SRCDIR     the source tree (default: the one holding this file)
#   CLAIMLINT            the program (default: $srcdir/claimlint)
#   CLAIMLINT_DATADIR    its data (default: $srcdir/rules)
#   CLAIMLINT_VALGRIND   valgrind, to run claimlint under memcheck ($vg)
#   KEEP=1               keep the temporary directory
#
# Sourcing it sets srcdir (absolute), prog (absolute) and builddir
# (CLAIMLINT_BUILDDIR, else the current directory, absolute); exports
# CLAIMLINT_DATADIR and NO_COLOR=1; sets vg, the command line that runs
# claimlint under valgrind when CLAIMLINT_VALGRIND is set (empty otherwise;
# CLAIMLINT_NO_JIT=1 is exported then, as valgrind cannot follow PCRE2's
# JIT code); makes the temporary directory $tmp, removed on exit; sets the
# counters pass and fail to 0; and changes to $srcdir, where the tests run.
set -u
srcdir=$(cd "${CLAIMLINT_SRCDIR:-$(dirname "$0")/..}" && pwd) || exit 99
prog=${CLAIMLINT:-$srcdir/claimlint}
case $prog in /*) ;; *) prog=$(pwd)/$prog ;; esac
builddir=${CLAIMLINT_BUILDDIR:-$(pwd)}
case $builddir in /*) ;; *) builddir=$(pwd)/$builddir ;; esac
export CLAIMLINT_DATADIR="${CLAIMLINT_DATADIR:-$srcdir/rules}"
export NO_COLOR=1
vg=""
if [ -n "${CLAIMLINT_VALGRIND:-}" ]; then
    vg="$CLAIMLINT_VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
    export CLAIMLINT_NO_JIT=1 # valgrind cannot follow PCRE2's JIT code
fi
tmp=$(mktemp -d) || exit 99
[ -n "${KEEP:-}" ] && echo "keeping $tmp"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
pass=0
fail=0
cd "$srcdir" || exit 99

# ok WHAT..., bad WHAT...: a case passed or failed (the words of WHAT are
# printed after PASS or FAIL)
ok() {
    echo "PASS $*"
    pass=$((pass + 1))
}

bad() {
    echo "FAIL $*"
    fail=$((fail + 1))
}

# skip WHY: the whole test is skipped (exit 77)
skip() {
    echo "SKIP $suite: $1"
    exit 77
}

# run ARGS...: claimlint ARGS, under valgrind when $vg says so
run() {
    # shellcheck disable=SC2086
    $vg "$prog" "$@"
}

# finish: the summary line scripts/test reads, "SUITE: N passed, M failed",
# and exit: 0 when a case passed and none failed, else 1
finish() {
    echo "$suite: $pass passed, $fail failed"
    [ "$pass" -gt 0 ] && [ "$fail" -eq 0 ]
    exit $?
}
