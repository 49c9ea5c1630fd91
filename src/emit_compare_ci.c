/* emit_compare_ci.c - compare's formats for CI and code-scanning tools,
 * shaped as check's (emit_sarif.c, emit_junit.c):
 *
 * sarif: SARIF 2.1.0, one run; the tool's rules are compare's seven codes
 * (in code order, so ruleIndex is the code), one result per finding whose
 * location is the draft's words at fault (the draft sentence as its
 * context region) and whose related location is the source sentence it was
 * compared with ("source sentence"), or for unsupported the closest one
 * ("closest source sentence"). The source and every draft are artifacts.
 * partialFingerprints["claimlint/v1"] hashes the code, the draft sentence
 * and its words, white space collapsed (":2"... for repeats in a draft).
 * Positions in the source sentence of the words in question are not known
 * to the line (its text joins lines), so they go to the properties as
 * code points of the sentence.
 *
 * junit: one testsuite per draft (its name the draft, the source a
 * property), one testcase per sentence that states something (and any
 * other that has findings), failing, as check's claims do, when it has a
 * finding above ok: the failure's type is the most severe level, its
 * message the first most severe finding's, its text every finding.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- sarif ------------------------------------------------------------------ */

struct sarif_state {
    int started;         /* the head was written */
    size_t results;      /* results written */
    cl_buf rules_json;   /* the seven reportingDescriptors */
    cl_strset artifacts; /* the files' URIs */
    cl_fpset fps;        /* fingerprints in the current draft */
    cl_buf draft_uri, source_uri, scratch;
};

static void jstr(cl_buf *b, const char *s)
{
    cl_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

static int sarif_start(cl_cmp_emitter *e)
{
    struct sarif_state *st = e->state;
    int i;

    if (st->started)
        return 0;
    st->rules_json.len = 0;
    for (i = 0; i < CL_CMP_NCODES; i++) {
        const char *name = cl_cmp_code_name((cl_cmp_code)i);
        cl_buf *b = &st->rules_json;
        cl_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
        jstr(b, name);
        cl_buf_puts(b, ",\"name\":");
        cl_sarif_name(b, name);
        cl_buf_puts(b, ",\"shortDescription\":{\"text\":");
        jstr(b, cl_cmp_code_description((cl_cmp_code)i));
        cl_buf_printf(b, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
                      cl_sarif_level(cl_cmp_default_level((cl_cmp_code)i)));
    }
    if (st->rules_json.failed) {
        cl_buf_free(&st->rules_json);
        return cl_nomem(NULL);
    }
    cl_buf_puts(&e->out, CL_SARIF_HEAD);
    st->started = 1;
    return cl_cmp_flush(e);
}

/* The URI of NAME into U and its artifact index into *INDEX. */
static int artifact(struct sarif_state *st, cl_buf *u, const char *name, size_t *index)
{
    long a;
    int added;

    u->len = 0;
    if (cl_buf_reserve(u, 0) < 0)
        return cl_nomem(NULL);
    u->data[0] = '\0';
    cl_sarif_uri(u, name ? name : "");
    if (u->failed || (a = cl_strset_add(&st->artifacts, u->data, u->len, &added)) < 0)
        return cl_nomem(NULL);
    *index = (size_t)a;
    return 0;
}

static void put_artifact(cl_buf *b, const cl_buf *uri, size_t index)
{
    cl_buf_puts(b, "\"artifactLocation\":{\"uri\":");
    cl_json_str(b, uri->data, uri->len);
    cl_buf_printf(b, ",\"index\":%zu}", index);
}

static int sarif_finding(cl_cmp_emitter *e, const cl_cmp_result *r, const cl_cmp_finding *f,
                         size_t draft_art, size_t source_art)
{
    struct sarif_state *st = e->state;
    const cl_cmp_sentence *d = f->draft < r->ndraft ? &r->draft[f->draft] : NULL;
    int closest;
    const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);
    const char *code = cl_cmp_code_name(f->code);
    cl_buf *b = &e->out;
    uint64_t h;
    size_t seen;

    cl_buf_puts(b, st->results++ ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    jstr(b, code);
    cl_buf_printf(b, ",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":", (int)f->code,
                  cl_sarif_level(f->level));
    jstr(b, f->message);
    cl_buf_puts(b, "},\"locations\":[{\"physicalLocation\":{");
    put_artifact(b, &st->draft_uri, draft_art);
    h = cl_fnv_add(CL_FNV_OFFSET, code, strlen(code) + 1);
    st->scratch.len = 0;
    if (d && d->text) {
        cl_cmp_words(&st->scratch, d, f->start, f->end);
        if (st->scratch.failed)
            return cl_nomem(NULL);
        cl_sarif_region(b, "region", f->line, f->column, f->end_line, f->end_column,
                        st->scratch.data, st->scratch.len);
        cl_sarif_region(b, "contextRegion", d->line, d->column, d->end_line, d->end_column,
                        d->text, d->len);
        h = cl_fnv_add_collapsed(h, d->text, d->len);
        h = cl_fnv_add(h, "", 1);
        h = cl_fnv_add_collapsed(h, st->scratch.data, st->scratch.len);
    } else {
        cl_buf_printf(b, ",\"region\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,"
                         "\"endColumn\":%u}",
                      f->line, f->column, f->end_line, f->end_column);
    }
    cl_buf_puts(b, "}}]");
    if (s && s->text) {
        cl_buf_printf(b, ",\"relatedLocations\":[{\"id\":0,\"message\":{\"text\":\"%s\"},"
                         "\"physicalLocation\":{",
                      closest ? "closest source sentence" : "source sentence");
        put_artifact(b, &st->source_uri, source_art);
        cl_sarif_region(b, "region", s->line, s->column, s->end_line, s->end_column, s->text,
                        s->len);
        cl_buf_puts(b, "}}]");
    }
    if (!(seen = cl_fpset_count(&st->fps, h)))
        return cl_nomem(NULL);
    cl_buf_printf(b, ",\"partialFingerprints\":{\"claimlint/v1\":\"%016llx",
                  (unsigned long long)h);
    if (seen > 1)
        cl_buf_printf(b, ":%zu", seen);
    cl_buf_puts(b, "\"},\"properties\":{\"draft_words\":");
    jstr(b, f->draft_words);
    cl_buf_puts(b, ",\"source_words\":");
    jstr(b, f->source_words);
    cl_buf_puts(b, ",\"source\":");
    if (s && s->text) {
        cl_buf_printf(b, "{\"index\":%zu,\"closest\":%s,\"status\":\"%s\",\"cue\":",
                      (size_t)(s - r->source), closest ? "true" : "false",
                      cl_status_name(s->status));
        if (s->cue)
            jstr(b, s->cue);
        else
            cl_buf_puts(b, "null");
        if (!closest && f->src_end > f->src_start)
            cl_buf_printf(b, ",\"match\":{\"start\":%zu,\"end\":%zu}}", f->src_start, f->src_end);
        else
            cl_buf_puts(b, ",\"match\":null}");
    } else {
        cl_buf_puts(b, "null");
    }
    cl_buf_puts(b, "}}");
    return cl_cmp_flush(e);
}

static int sarif_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    struct sarif_state *st = e->state;
    size_t i, source_art, draft_art;

    CL_TRY(sarif_start(e));
    /* the source first: it is the same file for every draft */
    CL_TRY(artifact(st, &st->source_uri, r->source_name, &source_art));
    CL_TRY(artifact(st, &st->draft_uri, r->draft_name, &draft_art));
    cl_fpset_clear(&st->fps);
    for (i = 0; i < r->nfindings; i++)
        if (CL_CMP_SHOWN(&r->findings[i]))
            CL_TRY(sarif_finding(e, r, &r->findings[i], draft_art, source_art));
    return 0;
}

static int sarif_finish(cl_cmp_emitter *e)
{
    struct sarif_state *st = e->state;

    CL_TRY(sarif_start(e));
    cl_buf_puts(&e->out, st->results ? "\n],\n" : "],\n");
    cl_sarif_tail(&e->out, &st->rules_json, &st->artifacts);
    return 0;
}

static void sarif_free(cl_cmp_emitter *e)
{
    struct sarif_state *st = e->state;

    if (!st)
        return;
    cl_buf_free(&st->rules_json);
    cl_strset_free(&st->artifacts);
    free(st->fps.v);
    cl_buf_free(&st->draft_uri);
    cl_buf_free(&st->source_uri);
    cl_buf_free(&st->scratch);
}

const struct cl_cmp_emitter_ops cl_cmp_emit_sarif = {"sarif", sizeof(struct sarif_state),
                                                     sarif_result, sarif_finish, sarif_free};

/* ---- junit ------------------------------------------------------------------ */

struct junit_state {
    size_t suites;
    char host[256];
};

/* Whether draft sentence I of R is a testcase, and its findings above ok:
 * their number, the most severe level and the first finding at it. */
static int junit_case(const cl_cmp_result *r, size_t i, size_t *n, const cl_cmp_finding **worst)
{
    size_t k;

    *n = 0;
    *worst = NULL;
    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        if (f->draft != i || !CL_CMP_SHOWN(f))
            continue;
        (*n)++;
        if (!*worst || f->level > (*worst)->level)
            *worst = f;
    }
    return r->draft[i].statement || *n;
}

static void junit_failure(cl_buf *b, const cl_cmp_result *r, size_t i)
{
    size_t k;

    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        const cl_cmp_sentence *d = &r->draft[i];
        int closest;
        const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);
        if (f->draft != i || !CL_CMP_SHOWN(f))
            continue;
        cl_xml_str(b, r->draft_name, 0);
        cl_buf_printf(b, ":%u:%u: %s: ", f->line, f->column, cl_level_name(f->level));
        cl_xml_str(b, f->message, 0);
        cl_buf_printf(b, " [%s]\n  ", cl_cmp_code_name(f->code));
        if (d->text)
            cl_xml_escape(b, d->text, d->len, 0);
        cl_buf_puts(b, "\n  ");
        cl_xml_str(b, r->source_name, 0);
        if (s && s->text) {
            cl_buf_printf(b, ":%u:%u: %s", s->line, s->column,
                          closest ? "no source sentence carries it; the closest says: "
                                  : "the source says: ");
            cl_xml_escape(b, s->text, s->len, 0);
            cl_buf_putc(b, '\n');
        } else {
            cl_buf_puts(b, ": no source sentence carries it\n");
        }
    }
}

static int junit_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    struct junit_state *st = e->state;
    cl_buf *b = &e->out;
    size_t i, n, tests = 0, failures = 0;
    const cl_cmp_finding *worst;

    cl_junit_host(st->host);
    for (i = 0; i < r->ndraft; i++)
        if (junit_case(r, i, &n, &worst)) {
            tests++;
            failures += n > 0;
        }
    if (!st->suites)
        cl_buf_puts(b, CL_JUNIT_HEAD);
    cl_junit_suite_open(b, r->draft_name ? r->draft_name : "", st->suites, st->host, tests,
                        failures);
    cl_buf_puts(b, "      <property name=\"claimlint.source\" value=\"");
    cl_xml_str(b, r->source_name, 1);
    cl_buf_puts(b, "\"/>\n    </properties>\n");
    for (i = 0; i < r->ndraft; i++) {
        const cl_cmp_sentence *d = &r->draft[i];
        if (!junit_case(r, i, &n, &worst))
            continue;
        cl_buf_puts(b, "    <testcase classname=\"");
        cl_xml_str(b, r->draft_name, 1);
        cl_buf_printf(b, "\" name=\"%u:%u: ", d->line, d->column);
        if (d->text)
            cl_xml_escape(b, d->text, d->len, 1);
        cl_buf_puts(b, "\" time=\"0\"");
        if (!n) {
            cl_buf_puts(b, "/>\n");
            continue;
        }
        cl_buf_puts(b, ">\n      <failure message=\"");
        cl_xml_str(b, worst->message, 1);
        if (n > 1)
            cl_buf_printf(b, " (%zu findings)", n);
        cl_buf_printf(b, "\" type=\"%s\">", cl_level_name(worst->level));
        junit_failure(b, r, i);
        cl_buf_puts(b, "</failure>\n    </testcase>\n");
    }
    cl_buf_puts(b, "    <system-out/>\n    <system-err/>\n  </testsuite>\n");
    st->suites++;
    return cl_cmp_flush(e);
}

static int junit_finish(cl_cmp_emitter *e)
{
    struct junit_state *st = e->state;

    if (!st->suites)
        cl_buf_puts(&e->out, CL_JUNIT_HEAD);
    cl_buf_puts(&e->out, "</testsuites>\n");
    return 0;
}

const struct cl_cmp_emitter_ops cl_cmp_emit_junit = {"junit", sizeof(struct junit_state),
                                                     junit_result, junit_finish, NULL};
