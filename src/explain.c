/* explain.c - `claimlint explain`: show a rule author why a sentence got its
 * tokens, cues and scopes, each cue with the rule-file line that declared it
 * and what ended its scope. */
#include <string.h>

#include "internal.h"
#include "visible.h"

/* Text from the article and the rule files is written with its control
 * characters visible (visible.h). */
static void quoted(cl_buf *b, const cl_sentence *s, cl_range r)
{
    cl_buf_putc(b, '"');
    cl_range_visible(b, s, r);
    cl_buf_putc(b, '"');
}

/* FILE:LINE of a rule */
static void at(cl_buf *b, const char *file, unsigned line)
{
    cl_buf_puts_visible(b, file);
    cl_buf_printf(b, ":%u", line);
}

static void explain_cue(cl_buf *b, const cl_sentence *s, const cl_cue *c)
{
    const cl_cue_def *d = c->def;
    size_t st, en;
    int side;

    cl_cue_chars(s, c, &st, &en);
    cl_buf_printf(b, "  %-11s ", cl_cue_kind_name(d->kind));
    quoted(b, s, c->tokens);
    cl_buf_printf(b, " tokens %u-%u, chars %zu-%zu", c->tokens.start, c->tokens.end - 1, st, en);
    if (d->kind == CL_CUE_TERMINATOR)
        cl_buf_printf(b, ", ends %s scopes",
                      d->direction == CL_DIR_BOTH ? "all"
                      : d->direction == CL_DIR_FORWARD ? "forward" : "backward");
    else if (d->kind == CL_CUE_ATTRIBUTION)
        cl_buf_puts(b, ", governs its clause");
    else if (d->direction == CL_DIR_BOTH)
        cl_buf_printf(b, ", both, window %u before and %u after", d->before, d->window);
    else if (d->direction == CL_DIR_BACKWARD)
        cl_buf_printf(b, ", backward, window %u", d->before);
    else if (d->direction == CL_DIR_FORWARD)
        cl_buf_printf(b, ", forward, window %u", d->window);
    if (d->scope != CL_SCOPE_WINDOW && d->kind != CL_CUE_ATTRIBUTION)
        cl_buf_puts(b, d->scope == CL_SCOPE_CLAUSE ? ", clause scope" : ", sentence scope");
    if (d->inflected)
        cl_buf_puts(b, ", inflected");
    if (d->affix)
        cl_buf_printf(b, ", affix of %u characters (%s)", d->affix,
                      d->suffix ? "suffix" : "prefix");
    cl_buf_puts(b, "\n              rule \"");
    cl_buf_puts_visible(b, d->phrase);
    cl_buf_puts(b, "\" at ");
    at(b, d->file, d->line);
    cl_buf_putc(b, '\n');
    if (d->kind == CL_CUE_PSEUDO) {
        cl_buf_puts(b, "              not a cue: suppresses the cues it overlaps\n");
        return;
    }
    if (d->kind == CL_CUE_ATTRIBUTION) {
        cl_buf_puts(b, "              source ");
        if (c->source.start < c->source.end)
            quoted(b, s, c->source);
        else
            cl_buf_puts(b, "(not named)");
        cl_buf_putc(b, '\n');
    }
    for (side = 0; side < 2; side++) {
        const cl_cue *term;
        const char *stop =
            cl_cue_scope_stop(c, side, s->tokens, s->ntokens, s->cues, s->ncues, &term);
        if (strcmp(stop, "none") == 0)
            continue;
        cl_buf_printf(b, "              %s scope ", side ? "forward " : "backward");
        if (c->scope[side].start < c->scope[side].end) {
            cl_sentence_range_chars(s, c->scope[side], &st, &en);
            quoted(b, s, c->scope[side]);
            cl_buf_printf(b, " chars %zu-%zu", st, en);
        } else {
            cl_buf_puts(b, "(empty)");
        }
        if (c->def->kind == CL_CUE_ATTRIBUTION)
            cl_buf_puts(b, ", the clause it reports");
        else
            cl_buf_printf(b, ", ended by %s", stop);
        if (term) {
            cl_buf_putc(b, ' ');
            quoted(b, s, term->tokens);
            cl_buf_puts(b, " (");
            at(b, term->def->file, term->def->line);
            cl_buf_putc(b, ')');
        }
        cl_buf_putc(b, '\n');
    }
}

/* The numbers of S as a <number> reads them: their tokens, value and
 * unit. Listed only when there are some. */
static void explain_numbers(cl_buf *b, const cl_sentence *s)
{
    size_t i, n, shown = 0;
    double v;
    char unit[8];

    for (i = 0; i < s->ntokens; i += n ? n : 1) {
        cl_range r;
        if (!(n = cl_number_at(s, i, &v, unit)))
            continue;
        if (!shown++)
            cl_buf_puts(b, "numbers (as <number> reads them):\n");
        r.start = (uint32_t)i;
        r.end = (uint32_t)(i + n);
        cl_buf_printf(b, "  tokens %zu-%zu ", i, i + n - 1);
        quoted(b, s, r);
        cl_buf_printf(b, ": value %.15g%s%s\n", v, unit[0] ? ", unit " : "", unit);
    }
}

/* Every claim the prefilter let through on S: each of its patterns and
 * regexes, matched or not, and a match an antipattern dropped. */
static void explain_attempts(cl_buf *b, cl_matcher *mt, const cl_rules *rules,
                             const cl_sentence *s)
{
    size_t i, k, n = cl_rules_claim_count(rules), shown = 0;
    cl_attempt a[64];

    for (i = 0; i < n; i++) {
        const cl_claim *c = cl_rules_claim(rules, i);
        int got = cl_match_attempts(mt, rules, (uint32_t)i, s, a, 64), tried = 0;
        if (got < 0) {
            b->failed = 1;
            return;
        }
        for (k = 0; k < (size_t)got && k < 64; k++)
            tried |= a[k].tried;
        if (!tried)
            continue;
        if (!shown++)
            cl_buf_puts(b, "attempts (the claims whose words or literal occur here):\n");
        cl_buf_printf(b, "  %s\n", c->id);
        for (k = 0; k < (size_t)got && k < 64; k++) {
            cl_buf_printf(b, "    %-7s at ", a[k].what);
            at(b, c->file, a[k].line);
            if (!a[k].tried) {
                cl_buf_puts(b, ": not tried (its words or literal are not here)\n");
                continue;
            }
            if (!a[k].matched) {
                cl_buf_puts(b, ": tried, no match\n");
                continue;
            }
            cl_buf_puts(b, ": matched ");
            quoted(b, s, a[k].tokens);
            if (a[k].dropped_by) {
                cl_buf_puts(b, ", dropped by the antipattern at ");
                at(b, c->file, a[k].dropped_by);
            }
            cl_buf_putc(b, '\n');
        }
        if ((size_t)got > 64)
            cl_buf_printf(b, "    (%d more not shown)\n", got - 64);
    }
    if (!shown)
        cl_buf_puts(b, "attempts: none (no claim's words or literal occur here)\n");
}

static void explain_claims(cl_buf *b, cl_matcher *mt, const cl_rules *rules, const cl_doc *doc,
                           const cl_sentence *s)
{
    const cl_match *m;
    size_t n, i, k, st, en;

    if (cl_match_sentence(mt, rules, s, NULL, NULL, cl_doc_name(doc), &m, &n) < 0) {
        b->failed = 1;
        return;
    }
    cl_buf_printf(b, "claims (%zu):\n", n);
    if (!n && cl_rules_claim_count(rules))
        cl_buf_puts(b, "  (none: see the attempts below)\n");
    for (i = 0; i < n; i++) {
        const cl_claim *c = cl_rules_claim(rules, m[i].claim);
        const cl_cue *decider, *attr;
        const cl_cue *const *cover;
        size_t ncover;
        int inquote;
        cl_status status =
            cl_match_status(mt, s, &m[i], &decider, &attr, &inquote, &cover, &ncover);
        cl_buf src = {0};
        const char *source;

        cl_sentence_range_chars(s, m[i].tokens, &st, &en);
        cl_buf_printf(b, "  %s ", c->id);
        quoted(b, s, m[i].tokens);
        cl_buf_printf(b, " tokens %u-%u, chars %zu-%zu\n", m[i].tokens.start,
                      m[i].tokens.end - 1, st, en);
        cl_buf_puts(b, "              rule at ");
        at(b, c->file, c->line);
        cl_buf_printf(b, ", verdict %s\n", cl_verdict_name(c->verdict));
        cl_buf_printf(b, "              status %s, severity %s", cl_status_name(status),
                      cl_level_name(c->levels[status]));
        if (!ncover && !inquote)
            cl_buf_puts(b, ": no negation, hedge or attribution cue covers the match, and "
                           "it is not quoted\n");
        else
            cl_buf_puts(b, "\n");
        if (inquote)
            cl_buf_printf(b, "              %s most of its words lie inside a quotation%s\n",
                          decider ? "also      " : "decided by",
                          s->in_quote ? " opened in an earlier sentence of the paragraph"
                                      : " (four words or more, or ending in the "
                                        "punctuation of speech)");
        source = cl_attribution_source(&src, s, attr, inquote);
        if (attr || inquote) {
            cl_buf_puts(b, "              source ");
            if (source) {
                cl_buf_putc(b, '"');
                cl_buf_puts(b, source);
                cl_buf_puts(b, attr && attr->source.start < attr->source.end
                                   ? "\", named by the attribution\n"
                                   : "\", named earlier in the sentence or paragraph\n");
            } else {
                cl_buf_puts(b, "not named\n");
            }
        }
        if (src.failed)
            b->failed = 1;
        cl_buf_free(&src);
        for (k = 0; k < ncover; k++) {
            cl_buf_printf(b, "              %s %s ", cover[k] == decider ? "decided by" : "also     ",
                          cl_cue_kind_name(cover[k]->def->kind));
            quoted(b, s, cover[k]->tokens);
            cl_buf_puts(b, " (");
            at(b, cover[k]->def->file, cover[k]->def->line);
            cl_buf_puts(b, ")\n");
        }
    }
}

/* Phrases of the lexicon that match but were not taken as cues, and the
 * cue that won over each: a pseudo-cue, or a longer (or earlier) phrase. */
static void explain_rejected(cl_buf *b, const cl_rules *rules, const cl_sentence *s)
{
    cl_cuevec cand = {0};
    size_t i, k, shown = 0;

    if (cl_cues_candidates(rules, s->tokens, s->ntokens, &cand) < 0) {
        b->failed = 1;
        return;
    }
    for (i = 0; i < cand.n; i++) {
        const cl_cue *c = &cand.v[i];
        const cl_cue *won = NULL;
        for (k = 0; k < s->ncues; k++) {
            const cl_cue *f = &s->cues[k];
            if (f->def == c->def && f->tokens.start == c->tokens.start)
                break;
            if (!won && f->tokens.start < c->tokens.end && c->tokens.start < f->tokens.end)
                won = f;
        }
        /* another phrase for the same words and kind says nothing new */
        if (k < s->ncues || !won ||
            (won->def->kind == c->def->kind && won->tokens.start == c->tokens.start &&
             won->tokens.end == c->tokens.end))
            continue;
        if (!shown++)
            cl_buf_puts(b, "not taken (a cue that overlaps them won):\n");
        cl_buf_printf(b, "  %-11s ", cl_cue_kind_name(c->def->kind));
        quoted(b, s, c->tokens);
        cl_buf_puts(b, " (");
        at(b, c->def->file, c->def->line);
        cl_buf_printf(b, "), lost to %s ",
                      won->def->kind == CL_CUE_PSEUDO ? "pseudo-cue" : "the longer cue");
        quoted(b, s, won->tokens);
        cl_buf_putc(b, '\n');
    }
    cl_cuevec_free(&cand);
}

/* The N bytes at S written visibly, then spaces up to WIDTH bytes and one
 * more (as printf's "%-18s " pads). */
static void column(cl_buf *b, const char *s, size_t n, size_t width)
{
    size_t start = b->len;

    cl_buf_add_visible(b, s, n);
    n = b->len - start;
    do
        cl_buf_putc(b, ' ');
    while (n++ < width);
}

/* Explain one sentence into B. */
static void explain_sentence(cl_buf *b, cl_matcher *mt, const cl_rules *rules,
                             const cl_doc *doc, const cl_sentence *s)
{
    size_t i, shown;

    cl_buf_puts_visible(b, cl_doc_name(doc));
    cl_buf_printf(b, ":%u:%u: sentence\n  ", s->line, s->column);
    cl_buf_add_visible(b, s->text, s->len);
    cl_buf_putc(b, '\n');
    cl_buf_printf(b, "tokens (%zu):\n", s->ntokens);
    cl_buf_printf(b, "  %4s  %-9s %-7s %-18s %-18s %s\n", "#", "chars", "kind", "text", "fold",
                  "stem");
    for (i = 0; i < s->ntokens; i++) {
        const cl_token *t = &s->tokens[i];
        char span[32];
        snprintf(span, sizeof span, "%u-%u", t->cstart, t->cend);
        cl_buf_printf(b, "  %4zu  %-9s %-7s ", i, span, cl_token_kind_name(t->kind));
        column(b, s->text + t->start, t->end - t->start, 18);
        column(b, t->fold, strlen(t->fold), 18);
        cl_buf_puts_visible(b, t->stem ? t->stem : "-");
        cl_buf_putc(b, '\n');
    }
    explain_numbers(b, s);
    for (i = 0, shown = 0; i < s->ncues; i++)
        shown += s->cues[i].def->kind != CL_CUE_TERMINATOR;
    /* terminators are named where they end a scope, not listed */
    cl_buf_printf(b, "cues (%zu):\n", shown);
    if (!shown)
        cl_buf_puts(b, "  (none: no phrase of the lexicon occurs in this sentence)\n");
    for (i = 0; i < s->ncues; i++)
        if (s->cues[i].def->kind != CL_CUE_TERMINATOR)
            explain_cue(b, s, &s->cues[i]);
    explain_rejected(b, rules, s);
    if (cl_rules_claim_count(rules)) {
        explain_claims(b, mt, rules, doc, s);
        explain_attempts(b, mt, rules, s);
    }
}

int cl_explain_doc(FILE *f, cl_doc *doc, const cl_rules *rules, cl_split_mode mode)
{
    cl_buf b = {0};
    cl_matcher *mt = NULL;
    const cl_sentence *s;
    int rc, first = 1;

    if ((rc = cl_matcher_new(&mt)) < 0)
        return rc;
    rc = cl_doc_analyze(doc, rules, mode, CL_ANALYZE_CUES | CL_ANALYZE_STEMS);
    while (rc == 0 && (rc = cl_doc_next(doc, &s)) > 0) {
        b.len = 0;
        if (!first)
            cl_buf_putc(&b, '\n');
        first = 0;
        explain_sentence(&b, mt, rules, doc, s);
        if (b.failed)
            rc = CL_ENOMEM;
        else if (fwrite(b.data, 1, b.len, f) != b.len)
            rc = cl_error_set(CL_EIO, NULL, 0, 0, "cannot write output");
        else
            rc = 0;
    }
    cl_buf_free(&b);
    cl_matcher_free(mt);
    return rc < 0 ? rc : 0;
}
