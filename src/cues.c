/* cues.c - find the cues of a lexicon in a tokenized sentence and resolve
 * their scopes, in the manner of NegEx and ConText.
 *
 * 1. Every phrase that matches at every token is a candidate (index lookup
 *    by the token's folded form and stem, then a word-by-word comparison).
 * 2. Pseudo-cues are taken first and suppress every cue they overlap; the
 *    other candidates are then taken longest first, so "does not provide
 *    information on whether" wins over the "not" inside it.
 * 3. A negation, hedge or attribution cue's scope runs from the cue in its
 *    direction over at most WINDOW word tokens forward and BEFORE backward
 *    (punctuation does not count), cut short by a terminator cue that ends
 *    scopes from that side (a clause boundary such as "," ends both; "that"
 *    starts a clause, so it ends only scopes running backward) or the
 *    sentence end, and trimmed of punctuation at its edges.
 * Alternatives turned down: stopping a scope at the next cue of another
 * kind (ConText does) would keep "not" from covering "expected to" in
 * "is not expected to", where both must apply.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void cl_cuevec_free(cl_cuevec *v)
{
    if (v->cand) {
        cl_cuevec_free(v->cand);
        free(v->cand);
    }
    free(v->v);
    free(v->marks);
    memset(v, 0, sizeof *v);
}

static int cue_push(cl_cuevec *out, const cl_cue_def *def, uint32_t start, uint32_t end)
{
    CL_TRY(cl_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v, 16));
    memset(&out->v[out->n], 0, sizeof out->v[out->n]);
    out->v[out->n].def = def;
    out->v[out->n].tokens.start = start;
    out->v[out->n].tokens.end = end;
    out->n++;
    return 0;
}

/* Whether the cue E, whose first two words match at token I, matches. */
static int rest_matches(const cl_cue_entry *e, const cl_token *toks, size_t n, size_t i)
{
    uint32_t k;

    if (i + e->nwords > n)
        return 0;
    for (k = 2; k < e->nwords; k++)
        if ((e->def.inflected ? toks[i + k].stem_id : toks[i + k].fold_id) != e->word_ids[k])
            return 0;
    return 1;
}

/* Add the cues of X that match at token I of TOKS comparing word ids ID
 * (of token I) and NEXT (of token I + 1, 0 at the end): folded forms
 * (INFLECTED 0) or stems (1). */
static int candidates_at(const cl_rules *r, const cl_cue_index *x, const cl_token *toks, size_t n,
                         size_t i, uint32_t id, uint32_t next, int inflected, cl_cuevec *cand)
{
    unsigned flags = x->flags[id] >> (inflected ? 2 : 0);
    uint32_t k;
    int rc;

    if (flags & CL_CUEIX_ONE)
        for (k = x->one_start[inflected][id]; k < x->one_start[inflected][id + 1]; k++)
            if ((rc = cue_push(cand, &cl_rules_entry(r, x->one[inflected][k])->def, (uint32_t)i,
                               (uint32_t)i + 1)) < 0)
                return rc;
    if ((flags & CL_CUEIX_MULTI) && next) {
        const cl_cue_pair *p = cl_cue_pair_find(x, id, next, inflected);
        for (k = 0; p && k < p->count; k++) {
            const cl_cue_entry *e = cl_rules_entry(r, x->multi[p->start + k]);
            if (rest_matches(e, toks, n, i) &&
                (rc = cue_push(cand, &e->def, (uint32_t)i, (uint32_t)(i + e->nwords))) < 0)
                return rc;
        }
    }
    return 0;
}

/* The order of the candidates at one token: those found by the token's
 * folded form (or by its stem when that is the same word), then those
 * found by a different stem; longest first; then in file order. */
static int token_order(const cl_cue *x, const cl_cue *y, int stem_differs)
{
    int gx = stem_differs && x->def->inflected, gy = stem_differs && y->def->inflected;
    uint32_t lx = x->tokens.end - x->tokens.start, ly = y->tokens.end - y->tokens.start;

    if (gx != gy)
        return gx - gy;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return x->def < y->def ? -1 : (x->def > y->def);
}

/* Longest first; pseudo-cues before everything; then leftmost. */
static int pick_cmp(const void *a, const void *b)
{
    const cl_cue *x = a, *y = b;
    int px = x->def->kind == CL_CUE_PSEUDO, py = y->def->kind == CL_CUE_PSEUDO;
    uint32_t lx = x->tokens.end - x->tokens.start, ly = y->tokens.end - y->tokens.start;

    if (px != py)
        return py - px;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->tokens.start != y->tokens.start)
        return x->tokens.start < y->tokens.start ? -1 : 1;
    return x->def < y->def ? -1 : (x->def > y->def);
}

/* Whether cue C is the first word of its sentence (after an opening
 * quotation mark) and a comma follows it. */
static int opens_sentence(const cl_token *toks, size_t n, const cl_cue *c)
{
    uint32_t k;

    if (c->tokens.end >= n)
        return 0;
    for (k = 0; k < c->tokens.start; k++)
        if (toks[k].kind != CL_TOK_PUNCT)
            return 0;
    return toks[c->tokens.end].kind == CL_TOK_PUNCT && cl_streq(toks[c->tokens.end].fold, ",");
}

static void mark_terminator(unsigned char *term, const cl_cue *c)
{
    cl_direction d = c->def->direction;
    int bits = (d == CL_DIR_FORWARD ? 1 : d == CL_DIR_BACKWARD ? 2 : 3);
    uint32_t k;

    for (k = c->tokens.start; k < c->tokens.end; k++)
        term[k] |= (unsigned char)bits;
}

/* Whether a cue of OUT other than a terminator spans exactly R. */
static int twin_taken(const cl_cuevec *out, cl_range r)
{
    size_t i;

    for (i = 0; i < out->n; i++)
        if (out->v[i].tokens.start == r.start && out->v[i].tokens.end == r.end &&
            out->v[i].def->kind != CL_CUE_TERMINATOR)
            return 1;
    return 0;
}

static int pos_cmp(const void *a, const void *b)
{
    const cl_cue *x = a, *y = b;

    if (x->tokens.start != y->tokens.start)
        return x->tokens.start < y->tokens.start ? -1 : 1;
    return 0;
}

static int is_punct(const cl_token *t)
{
    return t->kind == CL_TOK_PUNCT;
}

/* Whether terminator token K stops a scope of kind MODE walking by STEP:
 * every terminator stops a window; a clause runs on over commas and
 * quotation marks, except a comma before "and", "or" or "but" going
 * forward (the next clause); a sentence scope never stops. */
static int stops(const cl_token *toks, size_t n, const unsigned char *term, long k, int step,
                 cl_scope_kind mode)
{
    const char *f = toks[k].fold;

    if (mode == CL_SCOPE_SENTENCE || !(term[k] & (step > 0 ? 1 : 2)))
        return 0;
    if (mode == CL_SCOPE_WINDOW)
        return 1;
    if (cl_token_is_quote(&toks[k]))
        return 0;
    if (f[0] == ',' && !f[1]) {
        const char *next = k + 1 < (long)n ? toks[k + 1].fold : "";
        return step > 0 && (cl_streq(next, "and") || cl_streq(next, "or") ||
                            cl_streq(next, "but"));
    }
    return 1;
}

/* Scope from token FROM stepping by STEP (+1 / -1) over at most WINDOW
 * words (of a scope of kind MODE), stopping before a terminator token. */
static cl_range scope_walk(const cl_token *toks, size_t n, const unsigned char *term,
                           long from, int step, unsigned window, cl_scope_kind mode)
{
    long k = from, first = from, last = from - step;
    unsigned words = 0;
    cl_range r;

    if (mode == CL_SCOPE_SENTENCE)
        window = (unsigned)-1;
    while (k >= 0 && k < (long)n && !stops(toks, n, term, k, step, mode) && words < window) {
        if (!is_punct(&toks[k]))
            words++;
        last = k;
        k += step;
    }
    /* trim punctuation at both edges */
    while ((step > 0 ? first <= last : first >= last) && is_punct(&toks[first]))
        first += step;
    while ((step > 0 ? first <= last : first >= last) && is_punct(&toks[last]))
        last -= step;
    if (step > 0 ? first > last : first < last) {
        /* empty: placed where it would start (never before token 0) */
        r.start = r.end = (uint32_t)(from < 0 ? 0 : from);
        return r;
    }
    r.start = (uint32_t)(step > 0 ? first : last);
    r.end = (uint32_t)(step > 0 ? last : first) + 1;
    return r;
}

int cl_cues_candidates(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out)
{
    const cl_cue_index *x = cl_rules_cue_index(r);
    size_t i, from, k, j;
    int rc;

    out->n = 0;
    for (i = 0; i < n; i++) {
        uint32_t f = toks[i].fold_id, s = toks[i].stem_id;
        from = out->n;
        if (f && f <= x->nids && (x->flags[f] & 3) &&
            (rc = candidates_at(r, x, toks, n, i, f, i + 1 < n ? toks[i + 1].fold_id : 0, 0,
                                out)) < 0)
            return rc;
        if (s && s <= x->nids && (x->flags[s] & 12) &&
            (rc = candidates_at(r, x, toks, n, i, s, i + 1 < n ? toks[i + 1].stem_id : 0, 1,
                                out)) < 0)
            return rc;
        /* a few at most: insertion sort */
        for (k = from + 1; k < out->n; k++) {
            cl_cue c = out->v[k];
            for (j = k; j > from && token_order(&c, &out->v[j - 1], s != f) < 0; j--)
                out->v[j] = out->v[j - 1];
            out->v[j] = c;
        }
    }
    return 0;
}

/* Whether an attribution cue of X matches at token I of TOKS, comparing
 * word ids ID (of token I) and NEXT (of token I + 1, 0 at the end): folded
 * forms (INFLECTED 0) or stems (1). */
static int attribution_at(const cl_rules *r, const cl_cue_index *x, const cl_token *toks, size_t n,
                          size_t i, uint32_t id, uint32_t next, int inflected)
{
    unsigned flags = x->flags[id] >> (inflected ? 2 : 0);
    const cl_cue_pair *p;
    uint32_t k;

    if (flags & CL_CUEIX_ATTR_ONE)
        return 1;
    if (!(flags & CL_CUEIX_ATTR_MULTI) || !next ||
        !(p = cl_cue_pair_find(x, id, next, inflected)))
        return 0;
    for (k = 0; k < p->count; k++) {
        const cl_cue_entry *e = cl_rules_entry(r, x->multi[p->start + k]);
        if (e->def.kind == CL_CUE_ATTRIBUTION && rest_matches(e, toks, n, i))
            return 1;
    }
    return 0;
}

int cl_cues_may_attribute(const cl_rules *r, const cl_token *toks, size_t n)
{
    const cl_cue_index *x = cl_rules_cue_index(r);
    size_t i;

    for (i = 0; i < n; i++) {
        uint32_t f = toks[i].fold_id, s = toks[i].stem_id;
        if (f && f <= x->nids && (x->flags[f] & (CL_CUEIX_ATTR_ONE | CL_CUEIX_ATTR_MULTI)) &&
            attribution_at(r, x, toks, n, i, f, i + 1 < n ? toks[i + 1].fold_id : 0, 0))
            return 1;
        if (s && s <= x->nids &&
            (x->flags[s] & ((CL_CUEIX_ATTR_ONE | CL_CUEIX_ATTR_MULTI) << 2)) &&
            attribution_at(r, x, toks, n, i, s, i + 1 < n ? toks[i + 1].stem_id : 0, 1))
            return 1;
    }
    return 0;
}

int cl_cues_find(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out)
{
    unsigned char *taken, *term; /* term: bit 1 forward, bit 2 backward */
    cl_cuevec *cand;
    size_t i, k;
    int rc = 0;

    out->n = 0;
    if (n == 0)
        return 0;
    if (!out->cand && !(out->cand = calloc(1, sizeof *out->cand)))
        return cl_nomem(NULL);
    cand = out->cand;
    if ((rc = cl_cues_candidates(r, toks, n, cand)) < 0 || cand->n == 0)
        return rc;
    if (out->marks_cap < 2 * n) {
        unsigned char *m = realloc(out->marks, 2 * n);
        if (!m)
            return cl_nomem(NULL);
        out->marks = m;
        out->marks_cap = 2 * n;
    }
    taken = out->marks;
    term = out->marks + n;
    memset(out->marks, 0, 2 * n);
    if (cand->n > 1)
        cl_sort(cand->v, cand->n, sizeof *cand->v, pick_cmp);
    for (i = 0; i < cand->n; i++) {
        const cl_cue *c = &cand->v[i];
        for (k = c->tokens.start; k < c->tokens.end && !taken[k]; k++)
            ;
        if (k < c->tokens.end)
            continue; /* overlaps a cue already taken */
        memset(taken + c->tokens.start, 1, c->tokens.end - c->tokens.start);
        if (c->def->kind == CL_CUE_TERMINATOR)
            mark_terminator(term, c);
        if ((rc = cue_push(out, c->def, c->tokens.start, c->tokens.end)) < 0)
            return rc;
    }
    /* a word that is a cue and also a terminator ("if", "whether", "?")
     * still ends the scopes that run into it */
    for (i = 0; i < cand->n; i++) {
        const cl_cue *c = &cand->v[i];
        if (c->def->kind == CL_CUE_TERMINATOR && taken[c->tokens.start] &&
            twin_taken(out, c->tokens))
            mark_terminator(term, c);
    }
    if (out->n > 1)
        cl_sort(out->v, out->n, sizeof *out->v, pos_cmp);
    for (i = 0; i < out->n; i++) {
        cl_cue *c = &out->v[i];
        cl_direction d = c->def->direction;
        c->scope[0].start = c->scope[0].end = c->tokens.start;
        c->scope[1].start = c->scope[1].end = c->tokens.end;
        if (d == CL_DIR_NONE || c->def->kind == CL_CUE_TERMINATOR)
            continue;
        if (c->def->kind == CL_CUE_ATTRIBUTION)
            continue; /* shaped below */
        if (d == CL_DIR_BACKWARD || d == CL_DIR_BOTH)
            c->scope[0] = scope_walk(toks, n, term, (long)c->tokens.start - 1, -1,
                                     c->def->before, c->def->scope);
        if (d == CL_DIR_FORWARD || d == CL_DIR_BOTH)
            c->scope[1] = scope_walk(toks, n, term, (long)c->tokens.end, 1, c->def->window,
                                     c->def->scope);
        if (d != CL_DIR_BACKWARD && c->def->kind != CL_CUE_NEGATION &&
            opens_sentence(toks, n, c))
            /* "Allegedly, P" and "Perhaps, P": a sentence adverb set off by
             * a comma bears on the clause after it ("No, sir, ..." answers
             * a question: it negates nothing after it) */
            c->scope[1] = scope_walk(toks, n, term, (long)c->tokens.end + 1, 1, 40,
                                     CL_SCOPE_CLAUSE);
    }
    return 0;
}

/* Whether a terminator among CUES covers token K and ends scopes running
 * in from SIDE (0: a backward scope, 1: a forward one). */
static const cl_cue *ends_here(const cl_cue *cues, size_t ncues, long k, int side)
{
    size_t i;

    for (i = 0; i < ncues; i++) {
        const cl_cue *c = &cues[i];
        cl_direction d = c->def->direction;
        if (c->def->kind != CL_CUE_TERMINATOR || (uint32_t)k < c->tokens.start ||
            (uint32_t)k >= c->tokens.end)
            continue;
        if (d == CL_DIR_BOTH || (side == 1 && d == CL_DIR_FORWARD) ||
            (side == 0 && d == CL_DIR_BACKWARD))
            return c;
    }
    return NULL;
}

const char *cl_cue_scope_stop(const cl_cue *cue, int side, const cl_token *toks, size_t n,
                              const cl_cue *cues, size_t ncues, const cl_cue **term)
{
    cl_direction d = cue->def->direction;
    unsigned window = side ? cue->def->window : cue->def->before;
    int step = side ? 1 : -1;
    long k;

    *term = NULL;
    if (d == CL_DIR_NONE || cue->def->kind == CL_CUE_TERMINATOR || window == 0 ||
        (side == 0 && d == CL_DIR_FORWARD) || (side == 1 && d == CL_DIR_BACKWARD))
        return "none";
    /* the first token past the scope; punctuation trimmed off the scope may
     * itself be what ended it */
    if (cue->scope[side].start == cue->scope[side].end)
        k = side ? (long)cue->tokens.end : (long)cue->tokens.start - 1;
    else
        k = side ? (long)cue->scope[side].end : (long)cue->scope[side].start - 1;
    for (; k >= 0 && k < (long)n; k += step) {
        if ((*term = ends_here(cues, ncues, k, side)) != NULL)
            return "terminator";
        if (!is_punct(&toks[k]))
            return "window";
    }
    return side ? "sentence end" : "sentence start";
}
