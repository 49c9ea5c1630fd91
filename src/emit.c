/* emit.c - the table of output formats and what all emitters share:
 * counting findings and writing buffered output with error checks. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct cl_emitter_ops *const formats[] = {
    &cl_emit_text,  &cl_emit_gnu,  &cl_emit_json, &cl_emit_jsonl,       &cl_emit_sarif,
    &cl_emit_junit, &cl_emit_rdjsonl, &cl_emit_html, &cl_emit_report_text, &cl_emit_report_json,
};
#define NFORMATS (sizeof formats / sizeof formats[0])

int cl_emitter_format(size_t i, const char **name, const char **description)
{
    if (i >= NFORMATS)
        return 0;
    *name = formats[i]->name;
    *description = formats[i]->description;
    return 1;
}

int cl_emitter_new(cl_emitter **out, const char *format, FILE *f, unsigned flags,
                   const cl_rules *rules)
{
    cl_emitter *e;
    size_t i;

    *out = NULL;
    for (i = 0; i < NFORMATS && strcmp(formats[i]->name, format) != 0; i++)
        ;
    if (i == NFORMATS)
        return cl_error_set(CL_EINVAL, NULL, 0, 0, "unknown format '%s'", format);
    e = calloc(1, sizeof *e);
    if (!e || (formats[i]->state_size && !(e->state = calloc(1, formats[i]->state_size)))) {
        free(e);
        return cl_nomem(NULL);
    }
    e->ops = formats[i];
    e->f = f;
    e->flags = flags;
    e->rules = rules;
    *out = e;
    return 0;
}

int cl_out_flush(FILE *f, cl_buf *out, int *failed)
{
    /* *failed: 1 a write failed, 2 an allocation did (it stays the cause) */
    if (out->failed) {
        *failed = 2;
        out->failed = 0;
        out->len = 0;
    }
    if (out->len && fwrite(out->data, 1, out->len, f) != out->len && !*failed)
        *failed = 1;
    out->len = 0;
    if (*failed == 2)
        return cl_nomem(NULL);
    return *failed ? cl_error_set(CL_EIO, NULL, 0, 0, "cannot write output") : 0;
}

int cl_emit_flush(cl_emitter *e)
{
    return cl_out_flush(e->f, &e->out, &e->failed);
}

void cl_emitter_set_rules(cl_emitter *e, const cl_rules *rules)
{
    e->rules = rules;
}

int cl_emitter_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    if (o->suppressed)
        e->suppressed++;
    else if (o->level > CL_LEVEL_OK && (unsigned)o->level < 4)
        e->counts[o->level]++;
    return e->ops->occurrence ? e->ops->occurrence(e, doc, o) : 0;
}

int cl_emitter_end_file(cl_emitter *e, const cl_doc *doc)
{
    e->files++;
    return e->ops->end_file ? e->ops->end_file(e, doc) : 0;
}

int cl_emitter_finish(cl_emitter *e)
{
    int rc = e->ops->finish ? e->ops->finish(e) : 0;

    if (rc == 0)
        rc = cl_emit_flush(e);
    if (rc == 0 && fflush(e->f) != 0)
        rc = cl_error_set(CL_EIO, NULL, 0, 0, "cannot write output");
    return rc;
}

size_t cl_count_at(const size_t counts[4], cl_level level)
{
    size_t n = 0;
    int l;

    for (l = level > CL_LEVEL_INFO ? (int)level : CL_LEVEL_INFO; l <= CL_LEVEL_ERROR; l++)
        n += counts[l];
    return n;
}

size_t cl_emitter_count(const cl_emitter *e, cl_level level)
{
    return cl_count_at(e->counts, level);
}

void cl_emitter_free(cl_emitter *e)
{
    if (!e)
        return;
    if (e->ops->free)
        e->ops->free(e);
    cl_buf_free(&e->out);
    free(e->state);
    free(e);
}

void cl_range_text(cl_buf *b, const cl_sentence *s, cl_range r)
{
    if (r.start < r.end)
        cl_buf_add(b, s->text + s->tokens[r.start].start,
                   s->tokens[r.end - 1].end - s->tokens[r.start].start);
}
