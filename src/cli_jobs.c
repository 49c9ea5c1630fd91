/* cli_jobs.c - the inputs of a run and their parallel checking.
 *
 * Inputs: files, directories (searched for prose files), and lists of paths
 * (--files-from). Checking: with -j N, N worker threads each take the next
 * file, check it and record what it found (occurrences copied out of the
 * transient sentence, diagnostics as text); the main thread hands each
 * file's record to the emitter in input order, so the output is the same,
 * byte for byte, as with -j 1. Workers run at most a window of files ahead
 * of the writer, which bounds memory. The rules are compiled once and only
 * read by the workers.
 *
 * Alternative turned down: one emitter per worker with output concatenated
 * afterwards. json, sarif, junit and html keep state across files (commas,
 * rule lists, totals), so only a single emitter fed in order gives the
 * same bytes.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>

#include "cli_jobs.h"

/* ---- inputs ------------------------------------------------------------------ */

static void add_path(struct cli_inputs *in, const char *path)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        char **v = realloc(in->paths, cap * sizeof *v);
        if (!v) {
            cli_error("out of memory");
            exit(EXIT_TROUBLE);
        }
        in->paths = v;
        in->cap = cap;
    }
    in->paths[in->n++] = cli_strdup(path);
}

/* An entry of a directory being searched: its path, and whether its
 * entry says it is a regular file (then it needs no stat). */
struct entry {
    char *path;
    int file;
};

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* Whether NAME is a file a directory search takes: prose by extension. */
static int prose_file(const char *name)
{
    static const char *const exts[] = {".txt", ".text", ".md", ".markdown", ".mdown", ".mkd",
                                       ".html", ".htm", ".xhtml"};
    const char *dot = strrchr(name, '.');
    size_t i;

    for (i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

/* The directories one search has met (symbolic links are followed), by
 * device and inode, in a hash table: one on the current path is a loop,
 * one met before by another path is searched once. */
struct seen_dir {
    dev_t dev;
    ino_t ino;
    char *path;  /* the path it was first searched as */
    int open;    /* on the current path */
};

struct search {
    struct cli_inputs *in;
    struct seen_dir *v; /* CAP slots (a power of 2), N used */
    size_t n, cap;
};

static struct seen_dir *seen_slot(struct search *s, dev_t dev, ino_t ino)
{
    size_t i = ((size_t)ino * 0x9E3779B1u ^ (size_t)dev) & (s->cap - 1);

    while (s->v[i].path && (s->v[i].dev != dev || s->v[i].ino != ino))
        i = (i + 1) & (s->cap - 1);
    return &s->v[i];
}

/* The entry of directory ST: found, or new (PATH NULL) */
static struct seen_dir *seen_find(struct search *s, const struct stat *st)
{
    if (2 * (s->n + 1) > s->cap) {
        struct search grown = {s->in, NULL, 0, s->cap ? s->cap * 2 : 64};
        size_t i;
        if (!(grown.v = calloc(grown.cap, sizeof *grown.v))) {
            cli_error("out of memory");
            exit(EXIT_TROUBLE);
        }
        for (i = 0; i < s->cap; i++)
            if (s->v[i].path)
                *seen_slot(&grown, s->v[i].dev, s->v[i].ino) = s->v[i];
        free(s->v);
        s->v = grown.v;
        s->cap = grown.cap;
    }
    return seen_slot(s, st->st_dev, st->st_ino);
}

/* Add the prose files below directory DIR (whose stat is ST), in name
 * order, skipping hidden entries and directories already met. Returns 0,
 * or -1 after printing why DIR cannot be read. */
static int add_dir(struct search *s, const char *dir, const struct stat *dst, int depth)
{
    DIR *d;
    struct dirent *de;
    struct entry *names = NULL;
    size_t n = 0, cap = 0, i, dlen = strlen(dir);
    int rc = 0;
    struct seen_dir *seen;

    if (depth > 64) {
        cli_error("%s: directories nested too deeply", dir);
        return -1;
    }
    seen = seen_find(s, dst);
    if (seen->path) {
        if (!s->in->quiet && seen->open)
            fprintf(stderr, "%s: note: directory loop, not followed\n", dir);
        else if (!s->in->quiet)
            fprintf(stderr, "%s: note: same directory as %s, already searched\n", dir,
                    seen->path);
        return 0;
    }
    seen->dev = dst->st_dev;
    seen->ino = dst->st_ino;
    seen->path = cli_strdup(dir);
    seen->open = 1;
    s->n++;
    if (!(d = opendir(dir))) {
        fprintf(stderr, "%s: error: cannot open directory: %s\n", dir, strerror(errno));
        seen->open = 0;
        return -1;
    }
    while ((de = readdir(d))) {
        size_t len;
        int file = 0;
        if (de->d_name[0] == '.')
            continue;
#ifdef DT_REG
        /* a regular file by its entry needs no stat: none that is not prose */
        if (de->d_type == DT_REG && !prose_file(de->d_name))
            continue;
        file = de->d_type == DT_REG;
#endif
        if (n == cap) {
            struct entry *v;
            cap = cap ? cap * 2 : 32;
            if (!(v = realloc(names, cap * sizeof *v))) {
                cli_error("out of memory");
                exit(EXIT_TROUBLE);
            }
            names = v;
        }
        len = dlen + strlen(de->d_name) + 2;
        if (!(names[n].path = malloc(len))) {
            cli_error("out of memory");
            exit(EXIT_TROUBLE);
        }
        snprintf(names[n].path, len, "%s%s%s", dir, dir[dlen - 1] == '/' ? "" : "/",
                 de->d_name);
        names[n++].file = file;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, entry_cmp);
    for (i = 0; i < n; i++) {
        struct stat st;
        if (names[i].file) {
            add_path(s->in, names[i].path);
        } else if (stat(names[i].path, &st) != 0) {
            /* a dangling link: nothing to check */
        } else if (S_ISDIR(st.st_mode)) {
            if (add_dir(s, names[i].path, &st, depth + 1) < 0)
                rc = -1;
        } else if (S_ISREG(st.st_mode) && prose_file(names[i].path)) {
            add_path(s->in, names[i].path);
        }
        free(names[i].path);
    }
    free(names);
    /* the table may have grown: find DIR's entry again */
    seen_find(s, dst)->open = 0;
    return rc;
}

int cli_inputs_add(struct cli_inputs *in, const char *arg)
{
    struct stat st;
    struct search s = {in, NULL, 0, 0};
    size_t i;
    int rc;

    if (strcmp(arg, "-") == 0 || stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_path(in, arg); /* a file, standard input, or a missing path (reported later) */
        return 0;
    }
    rc = add_dir(&s, arg, &st, 0);
    for (i = 0; i < s.cap; i++)
        free(s.v[i].path);
    free(s.v);
    return rc;
}

int cli_inputs_from(struct cli_inputs *in, const char *list)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;

    if (!f) {
        fprintf(stderr, "%s: error: cannot open: %s\n", list, strerror(errno));
        return -1;
    }
    if (f == stdin && cli_stdin_closed) {
        fprintf(stderr, "%s: error: cannot read: standard input is closed\n", list);
        return -1;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len && cli_inputs_add(in, line) < 0)
            rc = -1;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: error: cannot read: %s\n", list, strerror(errno));
        rc = -1;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

void cli_inputs_free(struct cli_inputs *in)
{
    size_t i;

    for (i = 0; i < in->n; i++)
        free(in->paths[i]);
    free(in->paths);
    memset(in, 0, sizeof *in);
}

/* ---- records ------------------------------------------------------------------ */

void cli_text_printf(struct cli_text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = (t->len + (size_t)n + 1) * 2;
        char *p = realloc(t->data, cap);
        if (!p) {
            cli_error("out of memory");
            exit(EXIT_TROUBLE);
        }
        t->data = p;
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

void cli_job_diag(struct cli_job *job, const cl_diag *d)
{
    static const char *const sev[] = {"note", "warning", "error"};
    char loc[64] = "";

    if (d->line && d->column)
        snprintf(loc, sizeof loc, ":%u:%u", d->line, d->column);
    else if (d->line)
        snprintf(loc, sizeof loc, ":%u", d->line);
    cli_text_printf(&job->err, "%s%s: %s: %s\n", d->file ? d->file : cli_progname, loc,
                      sev[d->severity <= CL_SEV_ERROR ? d->severity : CL_SEV_ERROR], d->message);
}

/* Copy occurrence O out of its sentence into JOB's record. */
int cli_job_record(struct cli_job *job, const cl_occurrence *o)
{
    struct cli_rec *r;
    const cl_sentence *s = o->sentence;
    size_t i;

    if (job->nrecs == job->caprecs) {
        size_t cap = job->caprecs ? job->caprecs * 2 : 16;
        struct cli_rec *v = realloc(job->recs, cap * sizeof *v);
        if (!v)
            return -1;
        job->recs = v;
        job->caprecs = cap;
    }
    r = &job->recs[job->nrecs];
    memset(r, 0, sizeof *r);
    r->occ = *o;
    r->message = cli_strdup(o->message ? o->message : "");
    if (o->source && !(r->source = cli_strdup(o->source))) {
        free(r->message);
        return -1;
    }
    r->occ.source = r->source;
    if (s) {
        const struct cli_rec *prev = job->nrecs ? &job->recs[job->nrecs - 1] : NULL;
        r->sent = *s;
        r->cover = malloc((o->ncues ? o->ncues : 1) * sizeof *r->cover);
        if (!r->cover) {
            free(r->message);
            free(r->source);
            return -1;
        }
        if (prev && prev->src == s && prev->sent.start_byte == s->start_byte) {
            /* another finding in the same sentence: share its copy */
            r->text = prev->text;
            r->tokens = prev->tokens;
            r->cues = prev->cues;
        } else {
            r->owns = 1;
            r->text = cli_strdup(s->text);
            r->tokens = malloc((s->ntokens ? s->ntokens : 1) * sizeof *r->tokens);
            r->cues = malloc((s->ncues ? s->ncues : 1) * sizeof *r->cues);
            if (!r->tokens || !r->cues) {
                free(r->tokens);
                free(r->cues);
                free(r->cover);
                free(r->text);
                free(r->message);
                free(r->source);
                return -1;
            }
            if (s->ntokens) /* a NULL array with no element: memcpy must not see it */
                memcpy(r->tokens, s->tokens, s->ntokens * sizeof *r->tokens);
            for (i = 0; i < s->ntokens; i++) /* folded forms die with the sentence */
                r->tokens[i].fold = r->tokens[i].stem = NULL;
            if (s->ncues)
                memcpy(r->cues, s->cues, s->ncues * sizeof *r->cues);
        }
        r->src = s;
        r->sent.text = r->text;
        r->sent.tokens = r->tokens;
        r->sent.cues = r->cues;
        for (i = 0; i < o->ncues; i++)
            r->cover[i] = r->cues + (o->cues[i] - s->cues);
        r->occ.sentence = &r->sent;
        r->occ.cues = (const cl_cue *const *)r->cover;
        r->occ.cue = o->cue ? r->cues + (o->cue - s->cues) : NULL;
        r->occ.attribution = o->attribution ? r->cues + (o->attribution - s->cues) : NULL;
        /* per-token quotation marks and the paragraph's speaker die with
         * the sentence; the occurrence carries what it needs of them */
        r->sent.quoted = NULL;
        r->sent.speaker = NULL;
    }
    r->occ.message = r->message;
    job->nrecs++;
    return 0;
}

void cli_job_clear(struct cli_job *job)
{
    size_t i;

    for (i = 0; i < job->nrecs; i++) {
        free(job->recs[i].message);
        free(job->recs[i].source);
        free(job->recs[i].cover);
        if (job->recs[i].owns) {
            free(job->recs[i].text);
            free(job->recs[i].tokens);
            free(job->recs[i].cues);
        }
    }
    free(job->recs);
    job->recs = NULL;
    job->nrecs = job->caprecs = 0;
    cl_doc_free(job->doc);
    job->doc = NULL;
    free(job->err.data);
    memset(&job->err, 0, sizeof job->err);
}

/* ---- the pool ------------------------------------------------------------------ */

/* The threads wake each other only when one waits for the other: the
 * writer sleeps until half the window is finished in a row (or every file
 * is), then writes all of it; workers sleep only when the window is full.
 * Waking the writer at every file and every worker at every write cost
 * context switches a file, which on small files was most of the -j
 * speed-up lost. The window is 32 files a worker (8 woke the writer four
 * times as often: 0.38 s against 0.36 s for 15,824 small files with two
 * workers), but no more than POOL_BYTES of text waits for the writer
 * once each worker has two files ahead: big files fill memory first. */
enum { POOL_FILES = 32, POOL_BYTES = 64 << 20 };

struct pool {
    struct cli_job *jobs;
    size_t n, next, written, window, nthreads;
    size_t pending;     /* bytes of text of the jobs finished, not written */
    size_t finished;    /* jobs [0, finished) are all done */
    int writer_waits;
    int idle;           /* workers waiting for room in the window */
    cli_work_fn work;
    void *ctx;
    mtx_t lock;
    cnd_t ready;        /* the writer's */
    cnd_t room;         /* the workers' */
};

/* Whether the writer has enough to do: half a window finished, or all,
 * or some when the text waiting is over POOL_BYTES (workers that wait
 * for room have all they took finished: the writer then always has). */
static int writer_ready(const struct pool *p)
{
    return p->finished == p->n || p->finished - p->written >= p->window / 2 ||
           (p->pending > POOL_BYTES && p->finished > p->written);
}

/* A worker's argument: the pool and its number. */
struct worker_arg {
    struct pool *p;
    int id;
};

static int worker(void *arg)
{
    struct pool *p = ((struct worker_arg *)arg)->p;
    int id = ((struct worker_arg *)arg)->id;
    cl_workspace *ws = NULL;
    size_t i, cur = 0, written;

    cl_workspace_new(&ws); /* NULL on failure: cl_check makes its own */
    mtx_lock(&p->lock);
    for (;;) {
        /* clear this worker's jobs the writer is done with (those written
         * after it left are cleared by cli_jobs_run) */
        written = p->written;
        mtx_unlock(&p->lock);
        for (; cur < written; cur++)
            if (p->jobs[cur].by == id)
                cli_job_clear(&p->jobs[cur]);
        mtx_lock(&p->lock);
        while (p->next < p->n &&
               (p->next >= p->written + p->window ||
                (p->pending > POOL_BYTES && p->next >= p->written + 2 * p->nthreads))) {
            p->idle++;
            cnd_wait(&p->room, &p->lock);
            p->idle--;
        }
        if (p->next >= p->n)
            break;
        i = p->next++;
        mtx_unlock(&p->lock);
        p->jobs[i].by = id;
        p->work(&p->jobs[i], p->ctx, ws);
        if (p->jobs[i].doc)
            (void)cl_doc_text(p->jobs[i].doc, &p->jobs[i].bytes);
        mtx_lock(&p->lock);
        p->jobs[i].done = 1;
        p->pending += p->jobs[i].bytes;
        while (p->finished < p->n && p->jobs[p->finished].done)
            p->finished++;
        if (p->writer_waits && writer_ready(p))
            cnd_signal(&p->ready);
    }
    mtx_unlock(&p->lock);
    cl_workspace_free(ws);
    return 0;
}

int cli_jobs_run(struct cli_job *jobs, size_t n, int nthreads, cli_work_fn work,
                 cli_write_fn write, void *ctx)
{
    struct pool p;
    struct worker_arg *args = NULL;
    thrd_t *threads = NULL;
    int t, started = 0;
    size_t i, bytes;

    if (nthreads <= 1 || n <= 1) {
        cl_workspace *ws = NULL;
        cl_workspace_new(&ws);
        for (i = 0; i < n; i++) {
            work(&jobs[i], ctx, ws);
            write(&jobs[i], i, ctx);
            cli_job_clear(&jobs[i]);
        }
        cl_workspace_free(ws);
        return 0;
    }
    memset(&p, 0, sizeof p);
    p.jobs = jobs;
    p.n = n;
    p.work = work;
    p.ctx = ctx;
    p.nthreads = (size_t)nthreads;
    p.window = (size_t)nthreads * POOL_FILES;
    if (mtx_init(&p.lock, mtx_plain) != thrd_success || cnd_init(&p.ready) != thrd_success ||
        cnd_init(&p.room) != thrd_success ||
        !(threads = calloc((size_t)nthreads, sizeof *threads)) ||
        !(args = calloc((size_t)nthreads, sizeof *args))) {
        free(threads);
        cli_error("cannot start worker threads");
        return -1;
    }
    for (t = 0; t < nthreads; t++) {
        args[started].p = &p;
        args[started].id = started;
        if (thrd_create(&threads[started], worker, &args[started]) == thrd_success)
            started++;
    }
    if (!started) {
        free(args);
        free(threads);
        cli_error("cannot start worker threads");
        return -1;
    }
    /* write in input order, a run of finished files at a time */
    for (i = 0; i < n;) {
        size_t k;
        mtx_lock(&p.lock);
        while (!writer_ready(&p)) {
            p.writer_waits = 1;
            cnd_wait(&p.ready, &p.lock);
        }
        p.writer_waits = 0;
        k = p.finished;
        mtx_unlock(&p.lock);
        for (bytes = 0; i < k; i++) {
            write(&jobs[i], i, ctx);
            bytes += jobs[i].bytes;
        }
        mtx_lock(&p.lock);
        p.written = k;
        p.pending -= bytes;
        if (p.idle)
            cnd_broadcast(&p.room);
        mtx_unlock(&p.lock);
    }
    for (t = 0; t < started; t++)
        thrd_join(threads[t], NULL);
    for (i = 0; i < n; i++)
        cli_job_clear(&jobs[i]); /* those written after their worker left */
    free(args);
    free(threads);
    cnd_destroy(&p.ready);
    cnd_destroy(&p.room);
    mtx_destroy(&p.lock);
    return 0;
}
