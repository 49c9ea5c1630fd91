/* emit_compare_html.c - `claimlint compare -f html`: one self-contained
 * page, check's report (emit_html.c: the same head, style sheet, security
 * policy and header) with, for each draft, the draft and its source side
 * by side: the draft's sentences on the left, the words at fault marked
 * and tinted by the most severe finding, each finding with its severity,
 * its code and message and a link to the source sentence it was compared
 * with; the source's sentences on the right, the words in question marked,
 * with their status and cue. Each draft sentence names the source
 * sentences it was aligned with; one that no source sentence carries is
 * marked so.
 *
 * Anchors: d<N> the N-th draft's section, t-<N>-<I> its I-th sentence,
 * s-<N>-<J> the J-th source sentence in its section (all 1-based). A link
 * outlines its target with :target; the page runs no script.
 *
 * The page is written at finish, as check's: its header has the totals.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct html_state {
    cl_buf body;        /* the drafts' sections */
    cl_buf names;       /* the drafts' names, NUL after each */
    size_t (*counts)[4]; /* per draft, findings by level */
    size_t ndrafts, cap;
    cl_strset sources;  /* the sources' names */
};

/* The most severe shown finding of R covering code point C of draft
 * sentence I (SOURCE 0), or of source sentence I (SOURCE 1); NULL when
 * none does. */
static const cl_cmp_finding *covering(const cl_cmp_result *r, size_t i, int source, size_t c)
{
    const cl_cmp_finding *best = NULL;
    size_t k;

    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        size_t from = source ? f->src_start : f->start, to = source ? f->src_end : f->end;
        if (!CL_CMP_SHOWN(f) || (source ? f->source : f->draft) != i || c < from || c >= to)
            continue;
        if (!best || f->level > best->level)
            best = f;
    }
    return best;
}

/* Whether any shown finding of R marks words of sentence I (as above). */
static int any_marks(const cl_cmp_result *r, size_t i, int source)
{
    size_t k;

    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        if (CL_CMP_SHOWN(f) && (source ? f->source : f->draft) == i &&
            (source ? f->src_end > f->src_start : f->end > f->start))
            return 1;
    }
    return 0;
}

/* Write the text of S escaped, the words of the findings on it marked. */
static void marked(cl_buf *b, const cl_cmp_result *r, const cl_cmp_sentence *s, size_t i,
                   int source)
{
    const cl_cmp_finding *open = NULL, *f;
    size_t at = 0, run = 0, c = 0, n;

    if (!s->text)
        return;
    if (!any_marks(r, i, source)) {
        cl_html_esc(b, s->text, s->len, 1);
        return;
    }
    for (; at <= s->len; c++) {
        f = at < s->len ? covering(r, i, source, c) : NULL;
        if (f != open) {
            cl_html_esc(b, s->text + run, at - run, 1);
            run = at;
            if (open)
                cl_buf_puts(b, "</mark>");
            if (f) {
                cl_buf_printf(b, "<mark class=\"cl-cmp-w cl-%s\" title=\"%s: ",
                              source ? "src" : cl_level_name(f->level),
                              cl_cmp_code_name(f->code));
                cl_html_escs(b, source ? f->source_words : f->draft_words);
                cl_buf_puts(b, "\">");
            }
            open = f;
        }
        if (at == s->len)
            break;
        cl_utf8_decode(s->text + at, s->len - at, &n);
        at += n;
    }
    cl_html_esc(b, s->text + run, s->len - run, 1);
    if (open)
        cl_buf_puts(b, "</mark>");
}

static void at(cl_buf *b, const cl_cmp_sentence *s)
{
    cl_buf_printf(b, "<span class=\"cl-cmp-at\">%u:%u</span>", s->line, s->column);
}

/* A draft sentence I of R, draft number N. */
static void draft_sentence(cl_buf *b, const cl_cmp_result *r, size_t i, size_t n)
{
    const cl_cmp_sentence *d = &r->draft[i];
    const cl_cmp_finding *worst = NULL;
    int unsupported = 0;
    size_t k;

    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        if (f->draft != i || !CL_CMP_SHOWN(f))
            continue;
        if (!worst || f->level > worst->level)
            worst = f;
        unsupported |= f->code == CL_CMP_UNSUPPORTED;
    }
    cl_buf_printf(b, "<li id=\"t-%zu-%zu\" class=\"cl-cmp-s%s%s%s%s\">", n, i + 1,
                  worst ? " cl-" : "", worst ? cl_level_name(worst->level) : "",
                  unsupported ? " cl-cmp-uns" : "", d->statement ? "" : " cl-cmp-quiet");
    at(b, d);
    marked(b, r, d, i, 0);
    for (k = 0; k < r->nfindings; k++) {
        const cl_cmp_finding *f = &r->findings[k];
        int closest;
        const cl_cmp_sentence *s = cl_cmp_related(r, f, &closest);
        if (f->draft != i || !CL_CMP_SHOWN(f))
            continue;
        cl_buf_puts(b, "\n<span class=\"cl-cmp-f\">");
        cl_html_badge(b, cl_level_name(f->level));
        cl_buf_printf(b, " <span class=\"cl-cmp-code\">%s</span> ", cl_cmp_code_name(f->code));
        cl_html_escs(b, f->message);
        if (s)
            cl_buf_printf(b, " <a href=\"#s-%zu-%zu\">%s %u:%u</a>", n,
                          (size_t)(s - r->source) + 1, closest ? "closest source" : "source",
                          s->line, s->column);
        cl_buf_puts(b, "</span>");
    }
    if (d->statement) {
        cl_buf_puts(b, "\n<span class=\"cl-cmp-al\">");
        if (!d->naligned) {
            cl_buf_puts(b, "no source sentence carries it");
        } else {
            cl_buf_puts(b, "aligned with");
            for (k = 0; k < d->naligned && k < 3; k++)
                if (d->aligned[k] < r->nsource)
                    cl_buf_printf(b, " <a href=\"#s-%zu-%zu\">%u:%u</a>", n, d->aligned[k] + 1,
                                  r->source[d->aligned[k]].line, r->source[d->aligned[k]].column);
            cl_buf_printf(b, " (%.0f%% of its words)", 100 * (d->support < 0 ? 0 : d->support > 1 ? 1 : d->support));
        }
        cl_buf_puts(b, "</span>");
    }
    cl_buf_puts(b, "</li>\n");
}

/* A source sentence J of R, draft number N: with its status and cue and
 * links back to the draft sentences aligned with it. */
static void source_sentence(cl_buf *b, const cl_cmp_result *r, size_t j, size_t n)
{
    const cl_cmp_sentence *s = &r->source[j];
    size_t i, k, back = 0;

    cl_buf_printf(b, "<li id=\"s-%zu-%zu\" class=\"cl-cmp-s%s\">", n, j + 1,
                  s->statement ? "" : " cl-cmp-quiet");
    at(b, s);
    marked(b, r, s, j, 1);
    if (s->status != CL_STATUS_STATED || s->cue) {
        cl_buf_puts(b, "\n<span class=\"cl-cmp-al\">");
        cl_html_badge(b, cl_status_name(s->status));
        if (s->cue) {
            cl_buf_puts(b, " <q>");
            cl_html_escs(b, s->cue);
            cl_buf_puts(b, "</q>");
        }
        cl_buf_puts(b, "</span>");
    }
    for (i = 0; i < r->ndraft; i++)
        for (k = 0; k < r->draft[i].naligned && k < 3; k++)
            if (r->draft[i].aligned[k] == j) {
                cl_buf_printf(b, "%s<a href=\"#t-%zu-%zu\">%u:%u</a>",
                              back++ ? " " : "\n<span class=\"cl-cmp-al\">in the draft at ", n,
                              i + 1, r->draft[i].line, r->draft[i].column);
                break;
            }
    if (back)
        cl_buf_puts(b, "</span>");
    cl_buf_puts(b, "</li>\n");
}

static int html_result(cl_cmp_emitter *e, const cl_cmp_result *r)
{
    struct html_state *st = e->state;
    cl_buf *b = &st->body;
    size_t mark = b->len, n = st->ndrafts + 1, i, k;
    const char *name = r->draft_name ? r->draft_name : "";
    int added;

    CL_TRY(cl_grow(&st->counts, &st->cap, st->ndrafts + 1, sizeof *st->counts, 8));
    memset(st->counts[st->ndrafts], 0, sizeof st->counts[st->ndrafts]);
    for (k = 0; k < r->nfindings; k++)
        if (CL_CMP_SHOWN(&r->findings[k]))
            st->counts[st->ndrafts][r->findings[k].level]++;
    if (cl_strset_add(&st->sources, r->source_name ? r->source_name : "",
                      r->source_name ? strlen(r->source_name) : 0, &added) < 0)
        return cl_nomem(NULL);
    cl_buf_printf(b, "<section class=\"cl-doc\" id=\"d%zu\">\n<h2>", n);
    cl_html_escs(b, name);
    cl_buf_puts(b, "</h2>\n<p class=\"cl-docsum\">");
    cl_html_counts(b, st->counts[st->ndrafts]);
    cl_buf_puts(b, " &middot; compared with <code>");
    cl_html_escs(b, r->source_name);
    cl_buf_puts(b, "</code></p>\n<div class=\"cl-cmp\">\n<div class=\"cl-cmp-draft\">"
                   "<h3>The draft</h3>\n<ol>\n");
    for (i = 0; i < r->ndraft; i++)
        draft_sentence(b, r, i, n);
    if (!r->ndraft)
        cl_buf_puts(b, "<li class=\"cl-empty\">(empty document)</li>\n");
    cl_buf_puts(b, "</ol></div>\n<div class=\"cl-cmp-src\"><h3>The source</h3>\n<ol>\n");
    for (i = 0; i < r->nsource; i++)
        source_sentence(b, r, i, n);
    if (!r->nsource)
        cl_buf_puts(b, "<li class=\"cl-empty\">(empty document)</li>\n");
    cl_buf_puts(b, "</ol></div>\n</div>\n</section>\n");
    /* the draft's name last: the section and its entry stay together */
    if (b->failed || cl_buf_add(&st->names, name, strlen(name) + 1) < 0) {
        if (!b->failed && b->data) {
            b->len = mark; /* the page stays whole for the other drafts */
            b->data[mark] = '\0';
        }
        return cl_nomem(NULL);
    }
    st->ndrafts++;
    return 0;
}

static void legend(cl_buf *b)
{
    int i;

    cl_buf_puts(b, "<section class=\"cl-legend cl-cmp-legend\"><h2>Codes</h2>\n<dl>\n");
    for (i = 0; i < CL_CMP_NCODES; i++) {
        const char *level = cl_level_name(cl_cmp_default_level((cl_cmp_code)i));
        cl_buf_printf(b, "<dt><code>%s</code></dt><dd>", cl_cmp_code_name((cl_cmp_code)i));
        cl_html_escs(b, cl_cmp_code_description((cl_cmp_code)i));
        cl_buf_printf(b, " <span class=\"cl-badge cl-badge-%s\">%s</span></dd>\n", level, level);
    }
    cl_buf_puts(b, "</dl></section>\n");
}

static int html_finish(cl_cmp_emitter *e)
{
    struct html_state *st = e->state;
    cl_buf *b = &e->out, tmp;
    const char *name = st->names.data;
    size_t i;
    int err;

    cl_buf_puts(b, CL_HTML_HEAD "<title>claimlint compare: ");
    if (st->ndrafts == 1)
        cl_html_escs(b, name);
    else
        cl_buf_printf(b, "%zu drafts", st->ndrafts);
    cl_html_head_end(b, 1);
    cl_buf_puts(b, "<header class=\"cl-top\"><div class=\"cl-wrap\">\n<h1>Compare report</h1>\n"
                   "<p class=\"cl-totals\">");
    cl_html_counts(b, e->counts);
    cl_buf_printf(b, " &middot; %zu draft%s compared with %s</p>\n", st->ndrafts,
                  st->ndrafts == 1 ? "" : "s",
                  st->sources.n == 1 ? "their source" : "their sources");
    cl_buf_puts(b, "<div class=\"cl-meta\">\n<section><h2>Drafts</h2>\n<ol class=\"cl-files\">\n");
    for (i = 0; i < st->ndrafts; i++, name += strlen(name) + 1) {
        const size_t *c = st->counts[i];
        cl_buf_printf(b, "<li><a href=\"#d%zu\">", i + 1);
        cl_html_escs(b, name);
        cl_buf_printf(b, "</a> <span class=\"cl-mini\">%zu error%s, %zu warning%s, %zu info%s"
                         "</span></li>\n",
                      c[CL_LEVEL_ERROR], c[CL_LEVEL_ERROR] == 1 ? "" : "s",
                      c[CL_LEVEL_WARNING], c[CL_LEVEL_WARNING] == 1 ? "" : "s",
                      c[CL_LEVEL_INFO], c[CL_LEVEL_INFO] == 1 ? "" : "s");
    }
    if (!st->ndrafts)
        cl_buf_puts(b, "<li>none</li>\n");
    cl_buf_puts(b, "</ol></section>\n<section><h2>Source</h2>\n<ul class=\"cl-rules\">\n");
    for (i = 0; i < st->sources.n; i++) {
        cl_buf_puts(b, "<li><code>");
        cl_html_escs(b, cl_strset_get(&st->sources, i));
        cl_buf_puts(b, "</code></li>\n");
    }
    if (!st->sources.n)
        cl_buf_puts(b, "<li>none</li>\n");
    cl_buf_puts(b, "</ul></section>\n");
    legend(b);
    cl_buf_puts(b, "</div>\n</div></header>\n<main class=\"cl-wrap\">\n");
    if ((err = cl_cmp_flush(e)) < 0)
        return err;
    /* write the sections through e->out without copying them */
    tmp = e->out;
    e->out = st->body;
    st->body = tmp;
    err = cl_cmp_flush(e);
    tmp = e->out;
    e->out = st->body;
    st->body = tmp;
    if (err < 0)
        return err;
    if (!st->ndrafts)
        cl_buf_puts(&e->out, "<p class=\"cl-none\">No draft was compared.</p>\n");
    cl_buf_puts(&e->out, "</main>\n<footer class=\"cl-wrap\">Written by claimlint. A draft "
                         "sentence&rsquo;s tint is that of its most severe finding; follow a "
                         "link to see the source sentence.</footer>\n</body>\n</html>\n");
    return 0;
}

static void html_free(cl_cmp_emitter *e)
{
    struct html_state *st = e->state;

    if (!st)
        return;
    cl_buf_free(&st->body);
    cl_buf_free(&st->names);
    free(st->counts);
    cl_strset_free(&st->sources);
}

const struct cl_cmp_emitter_ops cl_cmp_emit_html = {"html", sizeof(struct html_state),
                                                    html_result, html_finish, html_free};
