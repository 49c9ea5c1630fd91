/* emit_compare.c - the output of `claimlint compare`: the codes, the table
 * of formats and what they share, and the formats for people and tools
 * that read lines: text, gnu, json, jsonl, rdjsonl. SARIF and JUnit are in
 * emit_compare_ci.c, the HTML page in emit_compare_html.c.
 *
 * Every format is check's with a draft in place of a document and a
 * finding's code (negation-flipped, ...) in place of a claim id: the same
 * locations (code-point columns, exclusive ends; byte columns for
 * reviewdog), the same severity names, the same summary. What check has
 * no room for, the source sentence a finding was compared with, goes
 * where each format keeps related places: a note under the finding
 * (text), a "source" object (json), related locations (SARIF, rdjsonl).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "visible.h"

static const struct {
    const char *name;
    cl_level level;
    const char *description;
} codes[CL_CMP_NCODES] = {
    {"negation-flipped", CL_LEVEL_ERROR, "the source denies what the draft asserts, or the reverse"},
    {"hedge-dropped", CL_LEVEL_ERROR, "the source hedges, the draft asserts"},
    {"number-changed", CL_LEVEL_ERROR, "a number, amount or date differs from the source"},
    {"entity-changed", CL_LEVEL_ERROR, "a person, organisation or place differs from the source"},
    {"attribution-dropped", CL_LEVEL_WARNING, "the source attributes it, the draft states it"},
    {"unsupported", CL_LEVEL_WARNING, "no source sentence carries it"},
    {"hedge-added", CL_LEVEL_INFO, "the source asserts, the draft hedges"},
};

const char *cl_cmp_code_name(cl_cmp_code code)
{
    return (unsigned)code < CL_CMP_NCODES ? codes[code].name : "?";
}

int cl_cmp_code_parse(const char *name)
{
    int i;

    for (i = 0; name && i < CL_CMP_NCODES; i++)
        if (strcmp(codes[i].name, name) == 0)
            return i;
    return -1;
}

cl_level cl_cmp_default_level(cl_cmp_code code)
{
    return (unsigned)code < CL_CMP_NCODES ? codes[code].level : CL_LEVEL_OK;
}

const char *cl_cmp_code_description(cl_cmp_code code)
{
    return (unsigned)code < CL_CMP_NCODES ? codes[code].description : "";
}

/* ---- the emitter ------------------------------------------------------------ */

static const struct cl_cmp_emitter_ops *const formats[] = {
    &cl_cmp_emit_text, &cl_cmp_emit_gnu,   &cl_cmp_emit_json,    &cl_cmp_emit_jsonl,
    &cl_cmp_emit_sarif, &cl_cmp_emit_junit, &cl_cmp_emit_rdjsonl, &cl_cmp_emit_html,
};
#define NFORMATS (sizeof formats / sizeof formats[0])

int cl_cmp_emitter_new(cl_cmp_emitter **out, const char *format, FILE *f, unsigned flags)
{
    cl_cmp_emitter *e;
    size_t i;

    *out = NULL;
    for (i = 0; i < NFORMATS && (!format || strcmp(formats[i]->name, format) != 0); i++)
        ;
    if (i == NFORMATS)
        return cl_error_set(CL_EINVAL, NULL, 0, 0, "unknown format '%s'",
                            format ? format : "(null)");
    if (!f)
        return cl_error_set(CL_EINVAL, NULL, 0, 0, "no output stream");
    e = calloc(1, sizeof *e);
    if (!e || (formats[i]->state_size && !(e->state = calloc(1, formats[i]->state_size)))) {
        free(e);
        return cl_nomem(NULL);
    }
    e->ops = formats[i];
    e->f = f;
    e->flags = flags;
    *out = e;
    return 0;
}

int cl_cmp_emitter_result(cl_cmp_emitter *e, const cl_cmp_result *res)
{
    size_t i;

    if (!e || !res)
        return cl_error_set(CL_EINVAL, NULL, 0, 0, "no compare result");
    for (i = 0; i < res->nfindings; i++)
        if (CL_CMP_SHOWN(&res->findings[i]))
            e->counts[res->findings[i].level]++;
    e->drafts++;
    return e->ops->result ? e->ops->result(e, res) : 0;
}

int cl_cmp_emitter_finish(cl_cmp_emitter *e)
{
    int rc = e->ops->finish ? e->ops->finish(e) : 0;

    if (rc == 0)
        rc = cl_cmp_flush(e);
    if (rc == 0 && fflush(e->f) != 0)
        rc = cl_error_set(CL_EIO, NULL, 0, 0, "cannot write output");
    return rc;
}

size_t cl_cmp_emitter_count(const cl_cmp_emitter *e, cl_level level)
{
    return cl_count_at(e->counts, level);
}

void cl_cmp_emitter_free(cl_cmp_emitter *e)
{
    if (!e)
        return;
    if (e->ops->free)
        e->ops->free(e);
    cl_buf_free(&e->out);
    free(e->state);
    free(e);
}

int cl_cmp_flush(cl_cmp_emitter *e)
{
    return cl_out_flush(e->f, &e->out, &e->failed);
}

/* ---- what the formats share ------------------------------------------------- */

const cl_cmp_sentence *cl_cmp_related(const cl_cmp_result *r, const cl_cmp_finding *f,
                                      int *closest)
{
    const cl_cmp_sentence *d = f->draft < r->ndraft ? &r->draft[f->draft] : NULL;

    *closest = 0;
    if (f->source < r->nsource)
        return &r->source[f->source];
    if (d && d->naligned > 0 && d->aligned[0] < r->nsource) {
        *closest = 1;
        return &r->source[d->aligned[0]];
    }
    return NULL;
}

void cl_cp_bytes(const char *text, size_t len, size_t start, size_t end, size_t *from,
                 size_t *to)
{
    size_t i = 0, cp = 0, n;

    if (end < start)
        end = start;
    while (i < len && cp < start) {
        cl_utf8_decode(text + i, len - i, &n);
        i += n;
        cp++;
    }
    *from = i;
    while (i < len && cp < end) {
        cl_utf8_decode(text + i, len - i, &n);
        i += n;
        cp++;
    }
    *to = i;
}

void cl_cmp_words(cl_buf *b, const cl_cmp_sentence *s, size_t start, size_t end)
{
    size_t from, to;

    if (!s || !s->text)
        return;
    cl_cp_bytes(s->text, s->len, start, end, &from, &to);
    cl_buf_add(b, s->text + from, to - from);
}

size_t cl_line_col_byte(const char *data, size_t len, unsigned line, unsigned column)
{
    size_t i = 0, n;
    unsigned l = 1, c = 1;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && l < line) {
        if (data[i] == '\n' || data[i] == '\r') {
            i += data[i] == '\r' && i + 1 < len && data[i + 1] == '\n' ? 2 : 1;
            l++;
        } else {
            i++;
        }
    }
    while (i < len && c < column && data[i] != '\n' && data[i] != '\r') {
        cl_utf8_decode(data + i, len - i, &n);
        i += n;
        c++;
    }
    return i;
}

/* ---- text ------------------------------------------------------------------ */

/* The note under a finding: the source sentence it was compared with, its
 * words in question underlined; for unsupported, that none carries it and
 * the closest one. */
static void text_source(cl_buf *b, const cl_cmp_result *r, const cl_cmp_finding *f, int color)
{
    int closest;
    const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);
    const char *name = r->source_name ? r->source_name : "";

    cl_buf_puts(b, "  ");
    if (!s) {
        cl_text_head(b, name, 0, 0, CL_LEVEL_INFO, "note", color);
        cl_buf_puts(b, "no source sentence carries it\n");
        return;
    }
    cl_text_head(b, name, s->line, s->column, CL_LEVEL_INFO, "note", color);
    cl_buf_puts(b, closest ? "no source sentence carries it; the closest says: "
                           : "the source says: ");
    cl_buf_add_visible(b, s->text ? s->text : "", s->text ? s->len : 0);
    cl_buf_putc(b, '\n');
    if (!closest && f->src_end > f->src_start && s->text) {
        /* the underline goes under the sentence: as many columns in as the
         * line shows before it, without its colours (all of it printable
         * once made visible: one column a code point) */
        cl_buf t = {0};
        cl_text_head(&t, name, s->line, s->column, CL_LEVEL_INFO, "note", 0);
        cl_buf_puts(&t, "the source says: ");
        if (t.failed)
            b->failed = 1;
        else
            cl_text_carets(b, 2 + cl_utf8_count(t.data, t.len), s->text, s->len, f->src_start,
                           f->src_end, color);
        cl_buf_free(&t);
    }
}

static int text_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    cl_buf *b = &e->out;
    int color = (e->flags & CL_WRITE_COLOR) != 0;
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        const cl_cmp_finding *f = &r->findings[i];
        const cl_cmp_sentence *d = f->draft < r->ndraft ? &r->draft[f->draft] : NULL;
        if (!CL_CMP_SHOWN(f))
            continue;
        cl_text_head(b, r->draft_name ? r->draft_name : "", f->line, f->column, f->level, NULL,
                     color);
        cl_buf_puts_visible(b, f->message ? f->message : "");
        cl_buf_printf(b, " [%s]\n", cl_cmp_code_name(f->code));
        if (d && d->text) {
            cl_buf_puts(b, "  ");
            cl_buf_add_visible(b, d->text, d->len);
            cl_buf_putc(b, '\n');
            cl_text_carets(b, 2, d->text, d->len, f->start, f->end, color);
        }
        text_source(b, r, f, color);
        CL_TRY(cl_cmp_flush(e));
    }
    return cl_cmp_flush(e);
}

static int text_finish(cl_cmp_emitter *e)
{
    cl_buf *b = &e->out;

    if (e->flags & CL_WRITE_QUIET)
        return 0;
    cl_text_totals(b, e->counts);
    cl_buf_puts(b, " in ");
    cl_plural(b, e->drafts, "draft", "drafts");
    cl_buf_putc(b, '\n');
    return 0;
}

const struct cl_cmp_emitter_ops cl_cmp_emit_text = {"text", 0, text_result, text_finish, NULL};

/* ---- gnu ------------------------------------------------------------------- */

static int gnu_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        const cl_cmp_finding *f = &r->findings[i];
        if (!CL_CMP_SHOWN(f))
            continue;
        cl_buf_puts_visible(&e->out, r->draft_name ? r->draft_name : "");
        cl_buf_printf(&e->out, ":%u:%u: %s: ", f->line, f->column, cl_level_name(f->level));
        cl_buf_puts_visible(&e->out, f->message ? f->message : "");
        cl_buf_printf(&e->out, " [%s]\n", cl_cmp_code_name(f->code));
    }
    return cl_cmp_flush(e);
}

const struct cl_cmp_emitter_ops cl_cmp_emit_gnu = {"gnu", 0, gnu_result, NULL, NULL};

/* ---- json, jsonl ------------------------------------------------------------ */

static void jstr(cl_buf *b, const char *s)
{
    if (s)
        cl_json_str(b, s, strlen(s));
    else
        cl_buf_puts(b, "null");
}

/* "match":{"start","end","text"} for code points [START, END) of S. */
static void json_match(cl_buf *b, const cl_cmp_sentence *s, size_t start, size_t end)
{
    size_t from, to;

    cl_cp_bytes(s->text, s->len, start, end, &from, &to);
    cl_buf_printf(b, ",\"match\":{\"start\":%zu,\"end\":%zu,\"text\":", start, end);
    cl_json_str(b, s->text + from, to - from);
    cl_buf_putc(b, '}');
}

void cl_cmp_json_finding(cl_buf *b, const cl_cmp_result *r, const cl_cmp_finding *f)
{
    const cl_cmp_sentence *d = f->draft < r->ndraft ? &r->draft[f->draft] : NULL;
    int closest;
    const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);

    cl_buf_puts(b, "{\"file\":");
    jstr(b, r->draft_name);
    cl_buf_printf(b, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u", f->line,
                  f->column, f->end_line, f->end_column);
    cl_buf_printf(b, ",\"code\":\"%s\",\"severity\":\"%s\",\"message\":",
                  cl_cmp_code_name(f->code), cl_level_name(f->level));
    jstr(b, f->message);
    if (d && d->text) {
        cl_buf_puts(b, ",\"sentence\":");
        cl_json_str(b, d->text, d->len);
        cl_buf_printf(b, ",\"sentence_line\":%u,\"sentence_column\":%u", d->line, d->column);
        json_match(b, d, f->start, f->end);
    } else {
        cl_buf_puts(b, ",\"sentence\":null,\"sentence_line\":null,\"sentence_column\":null,"
                       "\"match\":null");
    }
    cl_buf_puts(b, ",\"draft_words\":");
    cl_json_str(b, f->draft_words ? f->draft_words : "", f->draft_words ? strlen(f->draft_words) : 0);
    cl_buf_puts(b, ",\"source_words\":");
    cl_json_str(b, f->source_words ? f->source_words : "",
                f->source_words ? strlen(f->source_words) : 0);
    cl_buf_puts(b, ",\"source\":");
    if (s && s->text) {
        cl_buf_puts(b, "{\"file\":");
        jstr(b, r->source_name);
        cl_buf_printf(b, ",\"index\":%zu,\"closest\":%s", (size_t)(s - r->source),
                      closest ? "true" : "false");
        cl_buf_printf(b, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u", s->line,
                      s->column, s->end_line, s->end_column);
        cl_buf_puts(b, ",\"sentence\":");
        cl_json_str(b, s->text, s->len);
        cl_buf_printf(b, ",\"status\":\"%s\",\"cue\":", cl_status_name(s->status));
        jstr(b, s->cue);
        if (!closest && f->src_end > f->src_start)
            json_match(b, s, f->src_start, f->src_end);
        else
            cl_buf_puts(b, ",\"match\":null");
        cl_buf_putc(b, '}');
    } else {
        cl_buf_puts(b, "null");
    }
    cl_buf_putc(b, '}');
}

struct json_state {
    size_t written;
};

static int json_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    struct json_state *st = e->state;
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        if (!CL_CMP_SHOWN(&r->findings[i]))
            continue;
        cl_buf_puts(&e->out, st->written++ ? ",\n" : "{\"findings\":[\n");
        cl_cmp_json_finding(&e->out, r, &r->findings[i]);
        CL_TRY(cl_cmp_flush(e));
    }
    return 0;
}

static int json_finish(cl_cmp_emitter *e)
{
    struct json_state *st = e->state;

    cl_buf_puts(&e->out, st->written ? "\n]," : "{\"findings\":[],");
    cl_buf_printf(&e->out,
                  "\"summary\":{\"drafts\":%zu,\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu}}\n",
                  e->drafts, e->counts[CL_LEVEL_ERROR], e->counts[CL_LEVEL_WARNING],
                  e->counts[CL_LEVEL_INFO]);
    return 0;
}

static int jsonl_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        if (!CL_CMP_SHOWN(&r->findings[i]))
            continue;
        cl_cmp_json_finding(&e->out, r, &r->findings[i]);
        cl_buf_putc(&e->out, '\n');
        CL_TRY(cl_cmp_flush(e));
    }
    return 0;
}

const struct cl_cmp_emitter_ops cl_cmp_emit_json = {"json", sizeof(struct json_state),
                                                    json_result, json_finish, NULL};
const struct cl_cmp_emitter_ops cl_cmp_emit_jsonl = {"jsonl", 0, jsonl_result, NULL, NULL};

/* ---- rdjsonl ----------------------------------------------------------------- */

/* "range":{...} of LINE:COL..END_LINE:END_COL (code points) of DATA, in
 * reviewdog's byte columns. */
static void rd_range(cl_buf *b, const char *data, size_t len, unsigned line, unsigned col,
                     unsigned end_line, unsigned end_col)
{
    size_t from = cl_line_col_byte(data, len, line, col);
    size_t to = cl_line_col_byte(data, len, end_line, end_col);

    cl_buf_printf(b,
                  ",\"range\":{\"start\":{\"line\":%u,\"column\":%zu},"
                  "\"end\":{\"line\":%u,\"column\":%zu}}",
                  line, cl_byte_column(data, len, from), end_line, cl_byte_column(data, len, to));
}

static int rdjsonl_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    cl_buf *b = &e->out;
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        const cl_cmp_finding *f = &r->findings[i];
        int closest;
        const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);
        if (!CL_CMP_SHOWN(f))
            continue;
        cl_buf_puts(b, "{\"message\":");
        cl_json_str(b, f->message ? f->message : "", f->message ? strlen(f->message) : 0);
        cl_buf_puts(b, ",\"location\":{\"path\":");
        cl_json_str(b, r->draft_name ? r->draft_name : "", r->draft_name ? strlen(r->draft_name) : 0);
        if (r->draft_data)
            rd_range(b, r->draft_data, r->draft_len, f->line, f->column, f->end_line,
                     f->end_column);
        cl_buf_printf(b, "},\"severity\":\"%s\",\"source\":{\"name\":\"claimlint\"},"
                         "\"code\":{\"value\":\"%s\"}",
                      cl_rd_severity(f->level), cl_cmp_code_name(f->code));
        if (s) {
            cl_buf_printf(b, ",\"related_locations\":[{\"message\":\"%s\",\"location\":{\"path\":",
                          closest ? "closest source sentence" : "source sentence");
            cl_json_str(b, r->source_name ? r->source_name : "",
                        r->source_name ? strlen(r->source_name) : 0);
            if (r->source_data)
                cl_buf_printf(b,
                              ",\"range\":{\"start\":{\"line\":%u,\"column\":%zu},"
                              "\"end\":{\"line\":%u,\"column\":%zu}}",
                              s->line, cl_byte_column(r->source_data, r->source_len, s->start_byte),
                              s->end_line,
                              cl_byte_column(r->source_data, r->source_len, s->end_byte));
            cl_buf_puts(b, "}}]");
        }
        cl_buf_puts(b, "}\n");
        CL_TRY(cl_cmp_flush(e));
    }
    return 0;
}

const struct cl_cmp_emitter_ops cl_cmp_emit_rdjsonl = {"rdjsonl", 0, rdjsonl_result, NULL, NULL};
