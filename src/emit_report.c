/* emit_report.c - `claimlint report`: for each document, every claim of
 * the rules with its verdict and status (unstated included) and the
 * evidence, as a table ("report-text") or JSON ("report-json"). A claim's
 * status is that of its most severe occurrence (the first among equals).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "visible.h"

struct rep_cue {
    const char *kind, *text;
};

struct rep_occ {
    unsigned line, column, end_line, end_column;
    cl_status status;
    cl_level level;
    const char *sentence;
    struct rep_cue *cues;
    size_t ncues;
};

struct rep_claim {
    const cl_claim *claim;
    struct rep_occ *occ;
    size_t n, cap;
    cl_level unstated_level;
};

struct report_state {
    const cl_rules *rules;     /* the rules CLAIMS were built from */
    cl_arena *arena;           /* the current document's copies */
    struct rep_claim *claims;  /* in rule order */
    size_t nclaims;
    size_t docs;
};

static void teardown(struct report_state *st)
{
    size_t i;

    for (i = 0; i < st->nclaims; i++)
        free(st->claims[i].occ);
    free(st->claims);
    cl_arena_free(st->arena);
    st->claims = NULL;
    st->arena = NULL;
    st->nclaims = 0;
}

/* Build the claim rows for the emitter's rules (again when they change:
 * files under different configurations have different rules). */
static int setup(cl_emitter *e)
{
    struct report_state *st = e->state;
    size_t i, n = e->rules ? cl_rules_claim_count(e->rules) : 0;

    if (st->arena && st->rules == e->rules)
        return 0;
    teardown(st);
    st->rules = e->rules;
    st->arena = cl_arena_new();
    st->claims = calloc(n ? n : 1, sizeof *st->claims);
    if (!st->arena || !st->claims)
        return cl_nomem(NULL);
    st->nclaims = n;
    for (i = 0; i < n; i++)
        st->claims[i].claim = cl_rules_claim(e->rules, i);
    return 0;
}

static struct rep_claim *find(struct report_state *st, const cl_claim *c)
{
    return c->index < st->nclaims && st->claims[c->index].claim == c ? &st->claims[c->index]
                                                                     : NULL;
}

static const char *copy_range(cl_arena *a, const cl_sentence *s, cl_range r)
{
    size_t from = s->tokens[r.start].start, to = s->tokens[r.end - 1].end;

    return cl_arena_strndup(a, s->text + from, to - from);
}

static int report_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct report_state *st = e->state;
    struct rep_claim *rc;
    struct rep_occ *ro;
    size_t i;
    int err;

    (void)doc;
    if ((err = setup(e)) < 0)
        return err;
    if (!(rc = find(st, o->claim)))
        return 0;
    if (o->status == CL_STATUS_UNSTATED) {
        rc->unstated_level = o->level;
        return 0;
    }
    CL_TRY(cl_grow(&rc->occ, &rc->cap, rc->n + 1, sizeof *rc->occ, 4));
    ro = &rc->occ[rc->n];
    ro->line = o->line;
    ro->column = o->column;
    ro->end_line = o->end_line;
    ro->end_column = o->end_column;
    ro->status = o->status;
    ro->level = o->level;
    ro->sentence = cl_arena_strndup(st->arena, o->sentence->text, o->sentence->len);
    ro->ncues = o->ncues;
    ro->cues = cl_arena_alloc(st->arena, (o->ncues ? o->ncues : 1) * sizeof *ro->cues);
    if (!ro->sentence || !ro->cues)
        return cl_nomem(NULL);
    for (i = 0; i < o->ncues; i++) {
        ro->cues[i].kind = cl_cue_kind_name(o->cues[i]->def->kind);
        if (!(ro->cues[i].text = copy_range(st->arena, o->sentence, o->cues[i]->tokens)))
            return cl_nomem(NULL);
    }
    rc->n++;
    return 0;
}

/* The occurrence that gives the claim its status, or NULL (unstated). */
static const struct rep_occ *decisive(const struct rep_claim *rc)
{
    const struct rep_occ *best = NULL;
    size_t i;

    for (i = 0; i < rc->n; i++)
        if (!best || rc->occ[i].level > best->level)
            best = &rc->occ[i];
    return best;
}

static void reset(struct report_state *st)
{
    size_t i;

    for (i = 0; i < st->nclaims; i++) {
        st->claims[i].n = 0;
        st->claims[i].unstated_level = CL_LEVEL_OK;
    }
    cl_arena_reset(st->arena);
}

static int report_text_end(cl_emitter *e, const cl_doc *doc)
{
    struct report_state *st = e->state;
    cl_buf *b = &e->out;
    size_t i, k, w = 5;
    int err;

    if ((err = setup(e)) < 0)
        return err;
    for (i = 0; i < st->nclaims; i++)
        if (strlen(st->claims[i].claim->id) > w)
            w = strlen(st->claims[i].claim->id);
    /* the file name, cue texts and sentences with control characters
     * made visible (visible.h); claim ids are letters, digits, - and _ */
    cl_buf_puts(b, st->docs++ ? "\n" : "");
    cl_buf_puts_visible(b, cl_doc_name(doc));
    cl_buf_printf(b, ": %zu claim%s\n", st->nclaims, st->nclaims == 1 ? "" : "s");
    cl_buf_printf(b, "  %-*s  %-11s  %-10s  %-8s  %s\n", (int)w, "CLAIM", "VERDICT", "STATUS",
                  "SEVERITY", "WHERE");
    for (i = 0; i < st->nclaims; i++) {
        const struct rep_claim *rc = &st->claims[i];
        const struct rep_occ *d = decisive(rc);
        cl_buf_printf(b, "  %-*s  %-11s  %-10s  %-8s  ", (int)w, rc->claim->id,
                      cl_verdict_name(rc->claim->verdict),
                      cl_status_name(d ? d->status : CL_STATUS_UNSTATED),
                      cl_level_name(d ? d->level : rc->unstated_level));
        for (k = 0; k < rc->n; k++)
            cl_buf_printf(b, "%s%u:%u", k ? " " : "", rc->occ[k].line, rc->occ[k].column);
        if (!rc->n)
            cl_buf_puts(b, "-");
        cl_buf_putc(b, '\n');
    }
    for (i = 0; i < st->nclaims; i++) {
        const struct rep_claim *rc = &st->claims[i];
        for (k = 0; k < rc->n; k++) {
            const struct rep_occ *o = &rc->occ[k];
            size_t c;
            cl_buf_printf(b, "  %u:%u %s %s", o->line, o->column, rc->claim->id,
                          cl_status_name(o->status));
            for (c = 0; c < o->ncues; c++) {
                cl_buf_printf(b, "%s%s \"", c ? ", " : " (", o->cues[c].kind);
                cl_buf_puts_visible(b, o->cues[c].text);
                cl_buf_putc(b, '"');
            }
            cl_buf_printf(b, "%s: ", o->ncues ? ")" : "");
            cl_buf_puts_visible(b, o->sentence);
            cl_buf_putc(b, '\n');
        }
    }
    reset(st);
    return cl_emit_flush(e);
}

static void json_str(cl_buf *b, const char *s)
{
    cl_json_str(b, s, strlen(s));
}

static int report_json_end(cl_emitter *e, const cl_doc *doc)
{
    struct report_state *st = e->state;
    cl_buf *b = &e->out;
    size_t i, k, c;
    int err;

    if ((err = setup(e)) < 0)
        return err;
    cl_buf_puts(b, st->docs++ ? ",\n{\"path\":" : "{\"files\":[\n{\"path\":");
    json_str(b, cl_doc_name(doc));
    cl_buf_puts(b, ",\"claims\":[");
    for (i = 0; i < st->nclaims; i++) {
        const struct rep_claim *rc = &st->claims[i];
        const struct rep_occ *d = decisive(rc);
        cl_buf_puts(b, i ? ",\n  {\"id\":" : "\n  {\"id\":");
        json_str(b, rc->claim->id);
        cl_buf_puts(b, ",\"title\":");
        json_str(b, rc->claim->title);
        cl_buf_printf(b, ",\"verdict\":\"%s\",\"status\":\"%s\",\"severity\":\"%s\"",
                      cl_verdict_name(rc->claim->verdict),
                      cl_status_name(d ? d->status : CL_STATUS_UNSTATED),
                      cl_level_name(d ? d->level : rc->unstated_level));
        cl_buf_puts(b, ",\"occurrences\":[");
        for (k = 0; k < rc->n; k++) {
            const struct rep_occ *o = &rc->occ[k];
            cl_buf_printf(b,
                          "%s{\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,"
                          "\"status\":\"%s\",\"severity\":\"%s\",\"sentence\":",
                          k ? "," : "", o->line, o->column, o->end_line, o->end_column,
                          cl_status_name(o->status), cl_level_name(o->level));
            json_str(b, o->sentence);
            cl_buf_puts(b, ",\"cues\":[");
            for (c = 0; c < o->ncues; c++) {
                cl_buf_printf(b, "%s{\"kind\":\"%s\",\"text\":", c ? "," : "", o->cues[c].kind);
                json_str(b, o->cues[c].text);
                cl_buf_putc(b, '}');
            }
            cl_buf_puts(b, "]}");
        }
        cl_buf_puts(b, "]}");
    }
    cl_buf_puts(b, "\n]}");
    reset(st);
    return cl_emit_flush(e);
}

static int report_json_finish(cl_emitter *e)
{
    struct report_state *st = e->state;

    cl_buf_puts(&e->out, st->docs ? "\n]}\n" : "{\"files\":[]}\n");
    return 0;
}

static void report_free(cl_emitter *e)
{
    if (e->state)
        teardown(e->state);
}

const struct cl_emitter_ops cl_emit_report_text = {
    "report-text", "per-claim table: verdict, status, severity and where, then the evidence",
    sizeof(struct report_state), report_occurrence, report_text_end, NULL, report_free};

const struct cl_emitter_ops cl_emit_report_json = {
    "report-json", "per-claim statuses with every occurrence, as JSON",
    sizeof(struct report_state), report_occurrence, report_json_end, report_json_finish,
    report_free};
