/* util.c - small shared helpers: growable buffers, arenas, file reading and
 * the lookup of shipped data files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Arrays of a huge page or more grow into memory the kernel may back with
 * huge pages (and files of HUGE_READ or more are read into it, see
 * read_buffer): a virtual machine pays each fault of a 4 KiB page dearly
 * (11 us on one; the sentence spans of a 100 MB file took 2,900). */
enum { HUGE_READ = 4u << 20, HUGE_PAGE = 2u << 20 };

/* P (its first OLD bytes kept; NULL for none) moved to N bytes that may
 * be backed by huge pages, or NULL (P unchanged) for N under a huge page
 * or when refused. Not realloc: a block the kernel has backed with huge
 * pages could not be moved by mremap on one machine, and realloc then
 * copied it into 4 KiB pages. */
static void *huge_realloc(void *p, size_t old, size_t n)
{
#ifdef MADV_HUGEPAGE
    size_t cap = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    char *q;

    if (n < HUGE_PAGE || n > SIZE_MAX / 2 || !(q = aligned_alloc(HUGE_PAGE, cap)))
        return NULL;
    (void)madvise(q, cap, MADV_HUGEPAGE); /* a hint: no matter if refused */
    if (old)
        memcpy(q, p, old);
    free(p);
    return q;
#else
    (void)p;
    (void)old;
    (void)n;
    return NULL;
#endif
}

int cl_buf_reserve(cl_buf *b, size_t extra)
{
    size_t want, cap;
    char *p;

    if (b->failed)
        return cl_nomem(NULL);
    if (extra > SIZE_MAX - b->len - 1)
        goto fail;
    want = b->len + extra + 1;
    if (want <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    /* the bytes in use and the NUL after them, when there is room for it */
    p = huge_realloc(b->data, b->len < b->cap ? b->len + 1 : b->len, cap);
    if (!p && !(p = realloc(b->data, cap)))
        goto fail;
    b->data = p;
    b->cap = cap;
    return 0;
fail:
    b->failed = 1;
    return cl_nomem(NULL);
}

int cl_buf_add(cl_buf *b, const char *s, size_t n)
{
    if (cl_buf_reserve(b, n) < 0)
        return cl_nomem(NULL);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int cl_buf_puts(cl_buf *b, const char *s)
{
    return cl_buf_add(b, s, strlen(s));
}

int cl_buf_putc(cl_buf *b, char c)
{
    return cl_buf_add(b, &c, 1);
}

int cl_buf_printf(cl_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || cl_buf_reserve(b, (size_t)n) < 0)
        return cl_nomem(NULL);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void cl_buf_free(cl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int cl_grow_slow(void *parray, size_t *cap, size_t need, size_t size, size_t min)
{
    void *v, *w;
    size_t n = *cap ? *cap : min;

    while (n < need && n <= SIZE_MAX / 2)
        n *= 2;
    if (n < need || n > SIZE_MAX / size)
        return cl_nomem(NULL);
    memcpy(&v, parray, sizeof v);
    if (!(w = huge_realloc(v, *cap * size, n * size)) && !(w = realloc(v, n * size)))
        return cl_nomem(NULL);
    memcpy(parray, &w, sizeof w);
    *cap = n;
    return 0;
}

char *cl_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- arena ----------------------------------------------------------------
 * A list of blocks; allocation bumps a pointer in the newest block. Chosen
 * over per-object malloc because a sentence's tokens, folded forms and cues
 * all die together. */

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct cl_arena {
    struct arena_block *head;
};

enum { ARENA_BLOCK = 64 * 1024 };

cl_arena *cl_arena_new(void)
{
    return calloc(1, sizeof(cl_arena));
}

void *cl_arena_alloc(cl_arena *a, size_t n)
{
    struct arena_block *b = a->head;
    size_t size;

    n = (n + 15) & ~(size_t)15;
    if (!n)
        n = 16;
    if (!b || b->size - b->used < n) {
        size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + size);
        if (!b) {
            cl_nomem(NULL);
            return NULL;
        }
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    b->used += n;
    return b->data + b->used - n;
}

char *cl_arena_strndup(cl_arena *a, const char *s, size_t n)
{
    char *p = cl_arena_alloc(a, n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void cl_arena_reset(cl_arena *a)
{
    struct arena_block *b, *next;

    if (!a || !a->head)
        return;
    /* keep the oldest block (the last in the list), free the rest */
    for (b = a->head; b->next; b = next) {
        next = b->next;
        free(b);
    }
    b->used = 0;
    a->head = b;
}

void cl_arena_free(cl_arena *a)
{
    struct arena_block *b, *next;

    if (!a)
        return;
    for (b = a->head; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

/* ---- sorting --------------------------------------------------------------- */

void cl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    unsigned char tmp[64], *v = base;
    size_t i, j;

    if (n < 2)
        return;
    if (n > 24 || size > sizeof tmp) {
        qsort(base, n, size, cmp);
        return;
    }
    /* insertion sort: no allocation, and fast for the few items a
     * sentence has */
    for (i = 1; i < n; i++) {
        if (cmp(v + (i - 1) * size, v + i * size) <= 0)
            continue;
        memcpy(tmp, v + i * size, size);
        for (j = i; j > 0 && cmp(v + (j - 1) * size, tmp) > 0; j--)
            memcpy(v + j * size, v + (j - 1) * size, size);
        memcpy(v + j * size, tmp, size);
    }
}

/* ---- string table ---------------------------------------------------------- */

uint64_t cl_str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static size_t strtab_slot_h(const cl_strtab *t, const char *s, uint64_t h)
{
    size_t mask = t->cap - 1, i = (size_t)h & mask;

    while (t->keys[i] && (t->hashes[i] != h || !cl_streq(t->keys[i], s)))
        i = (i + 1) & mask;
    return i;
}

uint32_t cl_strtab_find(const cl_strtab *t, const char *s)
{
    return cl_strtab_find_hashed(t, s, cl_str_hash(s));
}

uint32_t cl_strtab_find_hashed(const cl_strtab *t, const char *s, uint64_t hash)
{
    size_t i;

    if (!t->cap)
        return 0;
    i = strtab_slot_h(t, s, hash);
    return t->keys[i] ? t->ids[i] : 0;
}

uint32_t cl_strtab_intern(cl_strtab *t, const char *s)
{
    size_t i;
    uint64_t h;

    if ((t->n + 1) * 2 > t->cap) {
        cl_strtab bigger = {0};
        size_t k;
        bigger.cap = t->cap ? t->cap * 2 : 64;
        bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
        bigger.ids = calloc(bigger.cap, sizeof *bigger.ids);
        bigger.hashes = calloc(bigger.cap, sizeof *bigger.hashes);
        if (!bigger.keys || !bigger.ids || !bigger.hashes) {
            free(bigger.keys);
            free(bigger.ids);
            free(bigger.hashes);
            cl_nomem(NULL);
            return 0;
        }
        for (k = 0; k < t->cap; k++)
            if (t->keys[k]) {
                i = strtab_slot_h(&bigger, t->keys[k], t->hashes[k]);
                bigger.keys[i] = t->keys[k];
                bigger.ids[i] = t->ids[k];
                bigger.hashes[i] = t->hashes[k];
            }
        bigger.n = t->n;
        cl_strtab_free(t);
        *t = bigger;
    }
    h = cl_str_hash(s);
    i = strtab_slot_h(t, s, h);
    if (!t->keys[i]) {
        t->keys[i] = s;
        t->hashes[i] = h;
        t->ids[i] = (uint32_t)++t->n;
    }
    return t->ids[i];
}

void cl_strtab_free(cl_strtab *t)
{
    free(t->keys);
    free(t->ids);
    free(t->hashes);
    memset(t, 0, sizeof *t);
}

/* ---- files --------------------------------------------------------------- */

/* Read F to its end into a new NUL-terminated buffer. HINT is its size
 * when known (a regular file): then the whole file comes in one read into
 * a buffer of that size, with no copy; a pipe is read in growing steps. */
/* Files from HUGE_READ on are read into memory the kernel may back with
 * huge pages: each pass over the text (checking, segmenting, copying
 * sentences) then misses the TLB far less, which a virtual machine pays
 * dearly (on one, a scan of 100 MB took 0.13 s in 4 KiB pages, 0.005 s in
 * 2 MiB ones). */

/* Room for a file of HINT bytes, its NUL and the byte that shows its end
 * into B: in huge pages for a big file (when that fails, the usual way). */
static int read_buffer(cl_buf *b, size_t hint)
{
#ifdef MADV_HUGEPAGE
    if (hint >= HUGE_READ && hint < SIZE_MAX / 2) {
        size_t cap = (hint + 2 + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
        char *data = aligned_alloc(HUGE_PAGE, cap);
        if (data) {
            (void)madvise(data, cap, MADV_HUGEPAGE); /* a hint: no matter if refused */
            b->data = data;
            b->cap = cap;
            return 0;
        }
    }
#endif
    return cl_buf_reserve(b, hint ? hint + 2 : 65536);
}

/* Read descriptor FD (PATH in messages) to its end. HINT is the size of a
 * regular file (else 0): a read that returns less than it asked for then
 * meets the end, and a file that has not changed size comes in one read. */
static int read_fd(int fd, const char *path, size_t hint, char **out, size_t *len)
{
    cl_buf b = {0};
    ssize_t n;

    if (read_buffer(&b, hint) < 0)
        return cl_nomem(NULL);
    for (;;) {
        size_t want;
        if (b.cap - b.len < 2 && cl_buf_reserve(&b, b.cap) < 0) {
            cl_buf_free(&b);
            return cl_nomem(NULL);
        }
        want = b.cap - b.len - 1;
        if (want > (size_t)1 << 30)
            want = (size_t)1 << 30; /* what one read may be asked */
        n = read(fd, b.data + b.len, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            cl_buf_free(&b);
            return cl_error_set(CL_EIO, path, 0, 0, "cannot read: %s", strerror(e));
        }
        b.len += (size_t)n;
        if (n == 0 || (hint && (size_t)n < want))
            break;
    }
    b.data[b.len] = '\0';
    *out = b.data;
    *len = b.len;
    return 0;
}

int cl_read_file(const char *path, char **out, size_t *len)
{
    struct stat st;
    int fd, rc;

    *out = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0)
        return read_fd(STDIN_FILENO, "<stdin>", 0, out, len);
    /* open, fstat, one read, close: no stdio (its buffer would be one
     * more copy, and fopen takes a lock every thread shares) */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return cl_error_set(CL_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) != 0)
        memset(&st, 0, sizeof st); /* size unknown: read as a stream */
    else if (S_ISDIR(st.st_mode)) {
        close(fd);
        return cl_error_set(CL_EIO, path, 0, 0, "is a directory");
    }
    rc = read_fd(fd, path,
                 S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2
                     ? (size_t)st.st_size
                     : 0,
                 out, len);
    close(fd);
    return rc;
}

/* Remove "DIR/../" pairs from PATH in place, lexically, so that messages
 * name "rules/cues/en.xml" rather than "rules/examples/../cues/en.xml". A
 * DIR that is itself ".." is kept. */
void cl_path_tidy(char *path)
{
    char *p = path, *seg, *next;

    while ((next = strstr(p, "/../")) != NULL) {
        seg = next;
        while (seg > path && seg[-1] != '/')
            seg--;
        if ((next - seg == 2 && strncmp(seg, "..", 2) == 0) || (next - seg == 1 && *seg == '.') ||
            next == seg) {
            p = next + 1;
            continue;
        }
        memmove(seg, next + 4, strlen(next + 4) + 1);
        p = seg > path ? seg - 1 : path;
    }
}

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);

    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

char *cl_data_path(const char *name)
{
    const char *dirs[3];
    size_t i, n = 0;
    const char *env = getenv("CLAIMLINT_DATADIR");

    if (env && *env)
        dirs[n++] = env;
    dirs[n++] = CL_PKGDATADIR;
    dirs[n++] = CL_SRCRULESDIR;
    for (i = 0; i < n; i++) {
        char *p = join_path(dirs[i], name);
        if (!p) {
            cl_nomem(NULL);
            return NULL;
        }
        if (access(p, R_OK) == 0) {
            /* "build/../rules/x" reads better as "rules/x" in messages */
            char *real = realpath(p, NULL);
            if (real) {
                free(p);
                return real;
            }
            return p;
        }
        free(p);
    }
    cl_error_set(CL_EIO, name, 0, 0,
                 "data file not found (looked in%s%s %s %s; set CLAIMLINT_DATADIR)",
                 env && *env ? " " : "", env && *env ? env : "", CL_PKGDATADIR,
                 CL_SRCRULESDIR);
    return NULL;
}
