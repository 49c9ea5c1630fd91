/* cli_jobs.h - the inputs of a check run and their checking by a pool of
 * threads with output in input order (see cli_jobs.c). Program only. */
#ifndef CL_CLI_JOBS_H
#define CL_CLI_JOBS_H

#include <stddef.h>

#include "cli.h"

/* The input files of a run, directories expanded, in order. */
struct cli_inputs {
    char **paths;
    size_t n, cap;
    int quiet; /* no notes on stderr */
};

/* Add ARG: a file, "-", or a directory searched recursively (in name
 * order, hidden entries skipped) for .txt, .md, .markdown, .html, ... files.
 * Symbolic links are followed, but a directory already on the path (a
 * loop) is not searched again, nor one already searched by another path:
 * a note on stderr names each.
 * Returns -1 after printing why a directory could not be read. */
int cli_inputs_add(struct cli_inputs *in, const char *arg);

/* Add the paths listed one per line in the file LIST ("-": standard
 * input). Returns -1 after printing why something could not be read. */
int cli_inputs_from(struct cli_inputs *in, const char *list);

void cli_inputs_free(struct cli_inputs *in);

/* Text gathered by a worker (its diagnostics), printed by the writer. */
struct cli_text {
    char *data;
    size_t len, cap;
};

/* printf into T (exits when memory runs out). */
void cli_text_printf(struct cli_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* One occurrence copied out of its sentence, so it outlives it. OCC's
 * sentence pointer must be set to &SENT before use (records move while
 * the array grows); its cue pointers point into heap copies and stay. */
struct cli_rec {
    cl_occurrence occ;
    cl_sentence sent;
    char *message, *text;
    char *source; /* the occurrence's source, copied (NULL: none) */
    cl_token *tokens;
    cl_cue *cues;
    const cl_cue **cover;
    const cl_sentence *src; /* the worker's sentence it was copied from */
    int owns;               /* TEXT, TOKENS, CUES are this record's (else shared
                               with the record before, same sentence) */
};

/* One input file and, once checked, what was found in it. */
struct cli_job {
    const char *path;
    void *set;            /* the caller's rule set for it */
    int skip;             /* not to be checked (ignored, no rules) */
    /* filled by the worker */
    cl_doc *doc;
    int rc;               /* < 0: the file could not be checked */
    struct cli_rec *recs;
    size_t nrecs, caprecs;
    struct cli_text err;  /* diagnostics, in order */
    int done;
    int by;               /* the worker that did it (with threads) */
    size_t bytes;         /* of its text (with threads) */
};

/* Record occurrence O in JOB (0, or -1 when out of memory). */
int cli_job_record(struct cli_job *job, const cl_occurrence *o);

/* Record diagnostic D in JOB as a line of text. */
void cli_job_diag(struct cli_job *job, const cl_diag *d);

/* Free what JOB's worker gathered (the document too). */
void cli_job_clear(struct cli_job *job);

/* WS: the calling thread's workspace for cl_check (NULL when none could
 * be made: cl_check then makes its own). */
typedef void (*cli_work_fn)(struct cli_job *job, void *ctx, cl_workspace *ws);
typedef void (*cli_write_fn)(struct cli_job *job, size_t index, void *ctx);

/* Run WORK on every job with NTHREADS threads (1: in this thread, job by
 * job) and WRITE on each job in order, in this thread, as soon as it and
 * all before it are done; then clear the job (cli_job_clear), in the
 * thread that did its work once it is written (memory goes back to the
 * thread that took it: a free from another thread contends for that
 * thread's malloc arena). Returns 0, or -1 when no thread could start. */
int cli_jobs_run(struct cli_job *jobs, size_t n, int nthreads, cli_work_fn work,
                 cli_write_fn write, void *ctx);

#endif
