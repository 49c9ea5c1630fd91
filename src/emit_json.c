/* emit_json.c - machine output of `claimlint check`: `json` (one document
 * with every finding and a summary) and `jsonl` (one finding per line, for
 * streaming and map-reduce). Both carry everything a finding knows. */
#include <string.h>

#include "internal.h"

/* A finding is written in one reserved stretch (cl_json_w). Its budget is
 * the length of its strings plus FIXED for the keys, the punctuation, the
 * quotes (or "null") of each string and the numbers (at most 20 digits
 * each): 840 bytes at most; plus PER_CUE for each cue and PER_SOURCE for
 * each source, with the same in them. Keys go in by memcpy of a known
 * length, numbers digit by digit, strings by cl_json_w_str. */
#define FIXED 1024
#define PER_CUE 32    /* ,{"kind":"","text":""} */
#define PER_SOURCE 32 /* ,{"href":"","text":""} */

#define LIT(w, s) (memcpy((w)->p, s, sizeof s - 1), (w)->p += sizeof s - 1)

/* Add N to *BUDGET, saturating: a budget of SIZE_MAX cannot be reserved. */
static void count(size_t *budget, size_t n)
{
    *budget = n > SIZE_MAX - *budget ? SIZE_MAX : *budget + n;
}

/* The length of S, or 0 when NULL. */
static size_t len0(const char *s)
{
    return s ? strlen(s) : 0;
}

/* V in decimal, two digits at a time. */
static inline void uint_(cl_json_w *w, size_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    size_t x = v, n = 1;
    char *t;

    if (v < 10) {
        *w->p++ = (char)('0' + v);
        return;
    }
    for (; x >= 100; x /= 100)
        n += 2;
    n += x >= 10;
    w->p += n;
    t = w->p;
    for (; v >= 100; v /= 100) {
        t -= 2;
        memcpy(t, pairs + 2 * (v % 100), 2);
    }
    if (v >= 10)
        memcpy(t - 2, pairs + 2 * v, 2);
    else
        t[-1] = (char)('0' + v);
}

/* S (N bytes) as a string, or null when S is NULL. */
static void str(cl_json_w *w, const char *s, size_t n)
{
    if (s)
        cl_json_w_str(w, s, n);
    else
        LIT(w, "null");
}

/* The text of token range R of S (N: its length), "" when empty. */
static const char *range(const cl_sentence *s, cl_range r, size_t *n)
{
    if (r.start >= r.end) {
        *n = 0;
        return "";
    }
    *n = s->tokens[r.end - 1].end - s->tokens[r.start].start;
    return s->text + s->tokens[r.start].start;
}

static void finding(cl_buf *b, const cl_doc *doc, const cl_occurrence *o, int newline)
{
    const cl_claim *c = o->claim;
    const cl_sentence *s = o->sentence;
    const char *name = cl_doc_name(doc), *verdict = cl_verdict_name(c->verdict),
               *status = cl_status_name(o->status), *level = cl_level_name(o->level);
    const char *match = NULL, *cue = NULL, *cue_kind = NULL, *attribution = NULL;
    size_t name_n = len0(name), id_n = len0(c->id), title_n = len0(c->title),
           verdict_n = len0(verdict), status_n = len0(status), level_n = len0(level),
           message_n = len0(o->message), file_n = len0(c->file), match_n = 0, cue_n = 0,
           cue_kind_n = 0, cue_file_n = 0, attribution_n = 0, source_n = 0, reason_n = 0;
    size_t budget = FIXED, i, n;
    cl_json_w w;

    count(&budget, name_n + id_n + title_n + verdict_n + status_n + level_n + message_n + file_n);
    if (s) {
        match = range(s, o->match, &match_n);
        count(&budget, s->len);
        count(&budget, match_n);
    }
    if (o->cue) {
        cue = range(s, o->cue->tokens, &cue_n);
        cue_kind = cl_cue_kind_name(o->cue->def->kind);
        cue_kind_n = len0(cue_kind);
        cue_file_n = len0(o->cue->def->file);
        count(&budget, cue_n + cue_kind_n + cue_file_n);
    }
    for (i = 0; i < o->ncues; i++) {
        range(s, o->cues[i]->tokens, &n);
        count(&budget, PER_CUE + n);
        count(&budget, len0(cl_cue_kind_name(o->cues[i]->def->kind)));
    }
    if (o->attribution)
        attribution = range(s, o->attribution->tokens, &attribution_n);
    source_n = len0(o->source);
    if (o->suppressed)
        reason_n = len0(o->suppressed_reason);
    count(&budget, attribution_n + source_n + reason_n);
    for (i = 0; i < c->nsources; i++) {
        count(&budget, PER_SOURCE);
        count(&budget, len0(c->sources[i].href));
        count(&budget, len0(c->sources[i].text));
    }
    if (cl_json_w_begin(&w, b, budget) < 0)
        return;

    LIT(&w, "{\"file\":");
    str(&w, name, name_n);
    if (s) {
        LIT(&w, ",\"line\":");
        uint_(&w, o->line);
        LIT(&w, ",\"column\":");
        uint_(&w, o->column);
        LIT(&w, ",\"end_line\":");
        uint_(&w, o->end_line);
        LIT(&w, ",\"end_column\":");
        uint_(&w, o->end_column);
    } else {
        LIT(&w, ",\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null");
    }
    LIT(&w, ",\"claim\":");
    str(&w, c->id, id_n);
    LIT(&w, ",\"title\":");
    str(&w, c->title, title_n);
    LIT(&w, ",\"verdict\":");
    str(&w, verdict, verdict_n);
    LIT(&w, ",\"status\":");
    str(&w, status, status_n);
    LIT(&w, ",\"severity\":");
    str(&w, level, level_n);
    LIT(&w, ",\"message\":");
    str(&w, o->message, message_n);
    if (s) {
        LIT(&w, ",\"sentence\":");
        cl_json_w_str(&w, s->text, s->len);
        LIT(&w, ",\"sentence_line\":");
        uint_(&w, s->line);
        LIT(&w, ",\"sentence_column\":");
        uint_(&w, s->column);
        LIT(&w, ",\"match\":{\"start\":");
        uint_(&w, o->match_start);
        LIT(&w, ",\"end\":");
        uint_(&w, o->match_end);
        LIT(&w, ",\"text\":");
        cl_json_w_str(&w, match, match_n);
        LIT(&w, "}");
    } else {
        LIT(&w, ",\"sentence\":null,\"match\":null");
    }
    LIT(&w, ",\"cue\":");
    if (o->cue) {
        LIT(&w, "{\"kind\":");
        str(&w, cue_kind, cue_kind_n);
        LIT(&w, ",\"text\":");
        cl_json_w_str(&w, cue, cue_n);
        LIT(&w, ",\"file\":");
        str(&w, o->cue->def->file, cue_file_n);
        LIT(&w, ",\"line\":");
        uint_(&w, o->cue->def->line);
        LIT(&w, "}");
    } else {
        LIT(&w, "null");
    }
    LIT(&w, ",\"cues\":[");
    for (i = 0; i < o->ncues; i++) {
        const char *kind = cl_cue_kind_name(o->cues[i]->def->kind), *text;

        if (i)
            LIT(&w, ",");
        LIT(&w, "{\"kind\":");
        str(&w, kind, len0(kind));
        LIT(&w, ",\"text\":");
        text = range(s, o->cues[i]->tokens, &n);
        cl_json_w_str(&w, text, n);
        LIT(&w, "}");
    }
    LIT(&w, "],\"attribution\":");
    if (o->attribution || o->quoted) {
        LIT(&w, "{\"cue\":");
        str(&w, attribution, attribution_n);
        LIT(&w, ",\"source\":");
        str(&w, o->source, source_n);
        if (o->quoted)
            LIT(&w, ",\"quoted\":true}");
        else
            LIT(&w, ",\"quoted\":false}");
    } else {
        LIT(&w, "null");
    }
    LIT(&w, ",\"suppressed\":");
    if (o->suppressed) {
        LIT(&w, "{\"line\":");
        uint_(&w, o->suppressed_line);
        LIT(&w, ",\"reason\":");
        str(&w, o->suppressed_reason, reason_n);
        LIT(&w, "}");
    } else {
        LIT(&w, "null");
    }
    LIT(&w, ",\"rule\":{\"file\":");
    str(&w, c->file, file_n);
    LIT(&w, ",\"line\":");
    uint_(&w, c->line);
    LIT(&w, "},\"sources\":[");
    for (i = 0; i < c->nsources; i++) {
        const char *href = c->sources[i].href, *text = c->sources[i].text;

        if (i)
            LIT(&w, ",");
        LIT(&w, "{\"href\":");
        str(&w, href, len0(href));
        LIT(&w, ",\"text\":");
        str(&w, text, len0(text));
        LIT(&w, "}");
    }
    LIT(&w, "]}");
    if (newline)
        LIT(&w, "\n");
    cl_json_w_end(&w);
}

void cl_json_finding(cl_buf *b, const cl_doc *doc, const cl_occurrence *o)
{
    finding(b, doc, o, 0);
}

struct json_state {
    size_t written;
};

static int json_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct json_state *st = e->state;

    if (o->level == CL_LEVEL_OK)
        return 0;
    cl_buf_puts(&e->out, st->written++ ? ",\n" : "{\"findings\":[\n");
    cl_json_finding(&e->out, doc, o);
    return cl_emit_flush(e);
}

static int json_finish(cl_emitter *e)
{
    struct json_state *st = e->state;

    cl_buf_puts(&e->out, st->written ? "\n]," : "{\"findings\":[],");
    cl_buf_printf(&e->out,
                  "\"summary\":{\"files\":%zu,\"claims\":%zu,\"errors\":%zu,\"warnings\":%zu,"
                  "\"infos\":%zu,\"suppressed\":%zu}}\n",
                  e->files, e->rules ? cl_rules_claim_count(e->rules) : 0,
                  e->counts[CL_LEVEL_ERROR], e->counts[CL_LEVEL_WARNING],
                  e->counts[CL_LEVEL_INFO], e->suppressed);
    return 0;
}

static int jsonl_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    if (o->level == CL_LEVEL_OK)
        return 0;
    finding(&e->out, doc, o, 1);
    return cl_emit_flush(e);
}

const struct cl_emitter_ops cl_emit_json = {
    "json", "one JSON document: every finding with all it knows, and a summary",
    sizeof(struct json_state), json_occurrence, NULL, json_finish, NULL};

const struct cl_emitter_ops cl_emit_jsonl = {
    "jsonl", "one JSON object per finding and line, for streaming", 0, jsonl_occurrence, NULL,
    NULL, NULL};
