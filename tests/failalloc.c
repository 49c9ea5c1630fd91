/* failalloc.c - allocation-failure injection for tests/failalloc.sh: an
 * LD_PRELOAD module that makes the N-th allocation of a claimlint process
 * return NULL, so that a sweep over every N shows each allocation failure
 * handled (a clear message, exit status 2, no crash, no leak).
 *
 * It interposes malloc, calloc, realloc, reallocarray, strdup, strndup,
 * posix_memalign and aligned_alloc and forwards to the C library's through
 * dlsym(RTLD_NEXT). glibc's own callers of malloc (fopen, getline,
 * realpath, opendir, ...) go through the interposed malloc too, so they are
 * counted and can fail. Allocations are counted only from the start of a
 * main() whose program is claimlint (argv[0] named claimlint or
 * lt-claimlint: the libtool wrapper script and what it runs are left
 * alone), so the count does not depend on the dynamic loader or on the
 * libraries' constructors. Counting stops when main returns or exit() is
 * called: what the C library and libxml2 do while the process ends is out
 * of claimlint's hands.
 *
 * Environment:
 *   CLAIMLINT_FAIL_ALLOC=N          the N-th counted allocation fails
 *                                   (0 or unset: none fails, count only)
 *   CLAIMLINT_FAIL_ALLOC_MODE=once  only that one fails (default)
 *                            all    it and every later one fail
 *   CLAIMLINT_FAIL_ALLOC_COUNT=PATH at exit, write the number of counted
 *                                   allocations to PATH
 *   CLAIMLINT_FAIL_ALLOC_SCOPE=all  count every allocation (default)
 *                             own   only those whose caller is claimlint's
 *                                   program or libclaimlint
 *   CLAIMLINT_FAIL_ALLOC_TRACE=1    on stderr, name the object (and symbol,
 *                                   when it has one) that called the
 *                                   allocation that failed; 2: and a
 *                                   backtrace (addr2line turns it into
 *                                   source lines)
 *
 * The static buffer serves the allocations made while dlsym() itself runs
 * (it may call calloc before the real one is known).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <execinfo.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the real allocator ------------------------------------------------------ */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);

static _Alignas(max_align_t) char boot_buf[8192];
static size_t boot_used;
static int resolving;

static int in_boot(const void *p)
{
    return (const char *)p >= boot_buf && (const char *)p < boot_buf + sizeof boot_buf;
}

static void *boot_alloc(size_t n)
{
    size_t a = _Alignof(max_align_t);
    void *p;

    n = (n + a - 1) / a * a;
    if (n > sizeof boot_buf - boot_used)
        return NULL;
    p = boot_buf + boot_used;
    boot_used += n;
    return p; /* zeroed: static storage, never reused */
}

static void resolve(void)
{
    if (real_malloc || resolving)
        return;
    resolving = 1;
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    resolving = 0;
    if (!real_malloc || !real_calloc || !real_realloc || !real_free || !real_posix_memalign) {
        static const char msg[] = "failalloc: cannot find the C library's allocator\n";
        (void)!write(2, msg, sizeof msg - 1);
        _exit(127);
    }
}

/* ---- counting ---------------------------------------------------------------- */

static int active;              /* in claimlint's main */
static unsigned long fail_at;   /* 0: none */
static int fail_all;            /* every allocation from fail_at on fails */
static int scope_own;           /* count only claimlint's own allocations */
static int trace;
static const char *count_path;
static void *main_base;         /* the program's load address */
static atomic_ulong counted;

/* The executable segments of claimlint's code: the program and
 * libclaimlint, found once (dladdr on each allocation would be slow). */
static struct { uintptr_t lo, hi; } own_segs[16];
static int nown_segs;

static int find_own(struct dl_phdr_info *info, size_t size, void *data)
{
    int i;

    (void)size;
    (void)data;
    /* the program is the object without a name */
    if (!(!info->dlpi_name || !*info->dlpi_name || info->dlpi_addr == (uintptr_t)main_base ||
          strstr(info->dlpi_name, "/libclaimlint.so")))
        return 0;
    for (i = 0; i < info->dlpi_phnum && nown_segs < 16; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD && (info->dlpi_phdr[i].p_flags & PF_X)) {
            own_segs[nown_segs].lo = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            own_segs[nown_segs].hi = own_segs[nown_segs].lo + info->dlpi_phdr[i].p_memsz;
            nown_segs++;
        }
    return 0;
}

/* Whether the code at ADDR belongs to claimlint. */
static int own_code(const void *addr)
{
    int i;

    for (i = 0; i < nown_segs; i++)
        if ((uintptr_t)addr >= own_segs[i].lo && (uintptr_t)addr < own_segs[i].hi)
            return 1;
    return 0;
}

static void report(const void *caller, unsigned long n)
{
    Dl_info info;
    char line[512];
    int len;

    if (dladdr(caller, &info) && info.dli_fname)
        len = snprintf(line, sizeof line, "failalloc: allocation %lu fails, called from %s(%s+%#lx)\n",
                       n, info.dli_fname, info.dli_sname ? info.dli_sname : "",
                       (unsigned long)((const char *)caller -
                                       (const char *)(info.dli_sname ? info.dli_saddr
                                                                     : info.dli_fbase)));
    else
        len = snprintf(line, sizeof line, "failalloc: allocation %lu fails, called from %p\n", n,
                       caller);
    if (len > 0)
        (void)!write(2, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
    if (trace > 1) {
        void *frames[32];
        backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
    }
}

/* ---- libxml2's own defect ------------------------------------------------------ */

/* libxml2 2.9.14, xmlregexp.c: xmlRegNewParserCtxt (inlined into
 * xmlRegexpCompile) does not check what xmlStrdup returns, and
 * xmlFAParseRegExp -> xmlFAParseBranch -> xmlFAParsePiece -> xmlFAParseAtom
 * -> xmlFAIsChar then reads *ctxt->cur, a NULL pointer: SIGSEGV. The RELAX
 * NG validator reaches it for every value checked against a pattern facet
 * (relaxng.c: xmlRelaxNGSchemaFacetCheck -> xmlschemastypes.c:
 * xmlSchemaCheckFacet -> xmlRegexpCompile), that is, while validating each
 * rule file. Later libxml2 releases check the copy. That one allocation,
 * xmlStrdup called from xmlRegexpCompile, is neither counted nor failed. */
static uintptr_t strdup_lo, strdup_hi, recomp_lo, recomp_hi;

static void fn_range(const char *name, uintptr_t *lo, uintptr_t *hi)
{
    void *f = dlsym(RTLD_DEFAULT, name);
    const ElfW(Sym) *sym = NULL;
    Dl_info info;

    if (f && dladdr1(f, &info, (void **)&sym, RTLD_DL_SYMENT) && sym && sym->st_size) {
        *lo = (uintptr_t)f;
        *hi = *lo + sym->st_size;
    }
}

static int in_range(const void *p, uintptr_t lo, uintptr_t hi)
{
    return (uintptr_t)p >= lo && (uintptr_t)p < hi;
}

/* Whether CALLER is xmlStrdup called by xmlRegexpCompile. Walking the
 * stack for each allocation would cost more than the run itself; instead,
 * the copy is the allocation right after the parser context, which
 * xmlRegexpCompile allocates itself (the first of its own allocations). */
static _Thread_local int after_regexp_alloc;

static int libxml2_regexp_strdup(const void *caller)
{
    int after = after_regexp_alloc;

    after_regexp_alloc = in_range(caller, recomp_lo, recomp_hi);
    return after && in_range(caller, strdup_lo, strdup_hi);
}

/* Whether the allocation called from CALLER is to fail. */
static int should_fail(const void *caller)
{
    unsigned long n;

    if (!active || (!fail_at && !count_path))
        return 0;
    if (scope_own ? !own_code(caller) : libxml2_regexp_strdup(caller))
        return 0;
    n = atomic_fetch_add(&counted, 1) + 1;
    if (n == fail_at || (fail_all && fail_at && n > fail_at)) {
        if (trace && n == fail_at)
            report(caller, n);
        return 1;
    }
    return 0;
}

static void write_count(void)
{
    FILE *f;

    if (!count_path || !(f = fopen(count_path, "w")))
        return;
    fprintf(f, "%lu\n", atomic_load(&counted));
    fclose(f);
}

/* Stop counting when the program ends: at exit() (the first handler
 * registered runs last; this one is registered before main) or when main
 * returns. */
static void at_exit(void)
{
    active = 0;
    write_count();
}

/* ---- the start of main --------------------------------------------------------- */

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int is_claimlint(const char *argv0)
{
    const char *base = strrchr(argv0, '/');

    base = base ? base + 1 : argv0;
    return strcmp(base, "claimlint") == 0 || strcmp(base, "lt-claimlint") == 0;
}

static int wrapped_main(int argc, char **argv, char **envp)
{
    const char *s;
    Dl_info info;
    int rc;

    if (argc > 0 && is_claimlint(argv[0])) {
        if ((s = getenv("CLAIMLINT_FAIL_ALLOC")))
            fail_at = strtoul(s, NULL, 10);
        s = getenv("CLAIMLINT_FAIL_ALLOC_MODE");
        fail_all = s && strcmp(s, "all") == 0;
        s = getenv("CLAIMLINT_FAIL_ALLOC_SCOPE");
        scope_own = s && strcmp(s, "own") == 0;
        s = getenv("CLAIMLINT_FAIL_ALLOC_TRACE");
        trace = s ? atoi(s) : 0;
        count_path = getenv("CLAIMLINT_FAIL_ALLOC_COUNT");
        if (count_path && !*count_path)
            count_path = NULL;
        if (dladdr((void *)real_main, &info))
            main_base = info.dli_fbase;
        if (fail_at || count_path) {
            dl_iterate_phdr(find_own, NULL);
            fn_range("xmlStrdup", &strdup_lo, &strdup_hi);
            fn_range("xmlRegexpCompile", &recomp_lo, &recomp_hi);
            atexit(at_exit);
            active = 1;
        }
    }
    rc = real_main(argc, argv, envp);
    if (active)
        at_exit();
    return rc;
}

typedef int (*start_fn)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void),
                        void *);

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
    start_fn start = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");

    real_main = main;
    return start(wrapped_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* ---- the interposed functions ------------------------------------------------- */

static void *do_malloc(size_t n, const void *caller)
{
    if (!real_malloc) {
        resolve();
        if (!real_malloc)
            return boot_alloc(n);
    }
    if (should_fail(caller)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_malloc(n);
}

void *malloc(size_t n)
{
    return do_malloc(n, __builtin_return_address(0));
}

void *calloc(size_t k, size_t n)
{
    if (!real_calloc) {
        resolve();
        if (!real_calloc)
            return n && k > (size_t)-1 / n ? NULL : boot_alloc(k * n);
    }
    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return real_calloc(k, n);
}

static void *do_realloc(void *p, size_t n, const void *caller)
{
    if (!real_realloc)
        resolve();
    if (in_boot(p)) {
        void *q = do_malloc(n, caller);
        size_t room = (size_t)(boot_buf + sizeof boot_buf - (char *)p);
        if (q)
            memcpy(q, p, n < room ? n : room);
        return q;
    }
    if (!real_realloc)
        return NULL;
    if (should_fail(caller)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_realloc(p, n);
}

void *realloc(void *p, size_t n)
{
    return do_realloc(p, n, __builtin_return_address(0));
}

void *reallocarray(void *p, size_t k, size_t n)
{
    if (n && k > (size_t)-1 / n) {
        errno = ENOMEM;
        return NULL;
    }
    return do_realloc(p, k * n, __builtin_return_address(0));
}

void free(void *p)
{
    if (!p || in_boot(p))
        return;
    if (!real_free)
        resolve();
    if (real_free)
        real_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (!real_posix_memalign)
        resolve();
    if (should_fail(__builtin_return_address(0)))
        return ENOMEM;
    return real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    void *p = NULL;

    if (!real_posix_memalign)
        resolve();
    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    errno = real_posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, n);
    return errno ? NULL : p;
}

/* libxml2 seeds the hash functions of its dictionaries and hash tables
 * with time(NULL), and the seed decides when a table grows: the order of
 * its allocations then changes from one second to the next. While armed,
 * time() called from libxml2 returns a fixed value, so that allocation N is
 * the same one in every run. */
time_t time(time_t *t)
{
    static time_t (*real_time)(time_t *);
    Dl_info info;
    time_t now;

    if ((fail_at || count_path) && dladdr(__builtin_return_address(0), &info) &&
        info.dli_fname && strstr(info.dli_fname, "/libxml2.so")) {
        now = 1;
    } else {
        if (!real_time)
            real_time = (time_t(*)(time_t *))dlsym(RTLD_NEXT, "time");
        now = real_time(NULL);
    }
    if (t)
        *t = now;
    return now;
}

/* strdup and strndup are counted as allocations of their callers. */
char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = do_malloc(n, __builtin_return_address(0));

    if (p)
        memcpy(p, s, n);
    return p;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *p = do_malloc(n + 1, __builtin_return_address(0));

    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}
