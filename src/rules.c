/* rules.c - a compiled rule set: the cue lexicon with its index from a
 * phrase's first word to its cues, the claims, the abbreviations of its
 * language, the vocabulary of the words they name, and the diagnostic
 * callback that loading and compiling report to. load.c fills it from
 * rule files and calls cl_rules_index_* to compile it; while it loads, the
 * rule set only holds the loader for it.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "internal.h"

#define CL_NS "urn:claimlint:rules:1"

struct cl_rules {
    cl_diag_fn diag;
    void *diag_ud;
    int errors;                 /* problems reported */
    cl_arena *arena;            /* strings and phrase words */
    cl_cue_entry *cues;
    size_t ncues, cap;
    int compiled;
    int need_stems;
    cl_cue_index cix;           /* the cues by first word or first two */
    void *cix_mem;              /* its arrays, in one block */
    cl_abbrevs *abbrevs;
    cl_claim_impl **claims;     /* arena-allocated, stable addresses */
    size_t nclaims, claims_cap;
    cl_claim_index cindex;      /* the claims' prefilter */
    void *loader;               /* load.c's state while loading, or NULL */
    void (*loader_free)(void *);
};

const char *cl_cue_kind_name(cl_cue_kind kind)
{
    static const char *const names[] = {"negation", "hedge", "pseudo", "terminator",
                                        "attribution", "hypothetical"};

    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

const char *cl_direction_name(cl_direction dir)
{
    static const char *const names[] = {"forward", "backward", "both", "none"};

    return (unsigned)dir < sizeof names / sizeof names[0] ? names[dir] : "?";
}

int cl_rules_new(cl_rules **out)
{
    cl_rules *r = calloc(1, sizeof *r);

    *out = NULL;
    if (!r || !(r->arena = cl_arena_new())) {
        free(r);
        return cl_nomem(NULL);
    }
    *out = r;
    return 0;
}

void cl_rules_set_diag(cl_rules *r, cl_diag_fn fn, void *userdata)
{
    r->diag = fn;
    r->diag_ud = userdata;
}

/* Free the PCRE2 codes of claim C (the rest lives in the arena). */
static void free_codes(cl_claim_impl *c)
{
    uint32_t i, k;

    for (i = 0; i < c->nregexes; i++)
        pcre2_code_free(c->regexes[i].code);
    for (i = 0; i < c->nantiregexes; i++)
        pcre2_code_free(c->antiregexes[i].code);
    for (i = 0; i < c->npatterns; i++)
        for (k = 0; k < c->patterns[i].ntoks; k++)
            pcre2_code_free(c->patterns[i].toks[k].re);
    for (i = 0; i < c->nantipatterns; i++)
        for (k = 0; k < c->antipatterns[i].ntoks; k++)
            pcre2_code_free(c->antipatterns[i].toks[k].re);
}

void cl_rules_free(cl_rules *r)
{
    size_t i;

    if (!r)
        return;
    if (r->loader_free)
        r->loader_free(r->loader);
    for (i = 0; i < r->nclaims; i++)
        free_codes(r->claims[i]);
    free(r->claims);
    cl_claim_index_free(&r->cindex);
    free(r->cues);
    free(r->cix_mem);
    cl_abbrevs_free(r->abbrevs);
    cl_arena_free(r->arena);
    free(r);
}

/* Report one problem: to the callback, and as the thread's last error. */
static int report_v(cl_rules *r, int code, const char *file, unsigned line, unsigned column,
                    const char *fmt, va_list ap) CL_PRINTF(6, 0);
static int report(cl_rules *r, int code, const char *file, unsigned line, const char *fmt, ...)
    CL_PRINTF(5, 6);

static int report(cl_rules *r, int code, const char *file, unsigned line, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = report_v(r, code, file, line, 0, fmt, ap);
    va_end(ap);
    return rc;
}

static int report_v(cl_rules *r, int code, const char *file, unsigned line, unsigned column,
                    const char *fmt, va_list ap)
{
    char msg[2048];
    cl_diag d;

    vsnprintf(msg, sizeof msg, fmt, ap);
    cl_error_set(code, file, line, column, "%s", msg);
    r->errors++;
    if (r->diag) {
        d.code = code;
        d.severity = CL_SEV_ERROR;
        d.file = file;
        d.line = line;
        d.column = column;
        d.message = msg;
        r->diag(&d, r->diag_ud);
    }
    return code;
}

int cl_rules_report_last(cl_rules *r, int code, const char *fallback_file)
{
    const cl_diag *e = cl_error_last();
    char file[1024], msg[2048];
    unsigned line = e ? e->line : 0;

    snprintf(file, sizeof file, "%s", e && e->file ? e->file : fallback_file);
    snprintf(msg, sizeof msg, "%s", e ? e->message : cl_strerror(code));
    return report(r, code, file, line, "%s", msg);
}

int cl_rules_errors(const cl_rules *r)
{
    return r->errors;
}

int cl_rules_compiled(const cl_rules *r)
{
    return r->compiled;
}

void *cl_rules_loader(cl_rules *r)
{
    return r->loader;
}

void cl_rules_set_loader(cl_rules *r, void *loader, void (*free_fn)(void *))
{
    if (r->loader_free)
        r->loader_free(r->loader);
    r->loader = loader;
    r->loader_free = free_fn;
}

cl_cue_entry *cl_rules_cue_slot(cl_rules *r)
{
    if (cl_grow(&r->cues, &r->cap, r->ncues + 1, sizeof *r->cues, 256) < 0)
        return NULL;
    memset(&r->cues[r->ncues], 0, sizeof r->cues[r->ncues]);
    return &r->cues[r->ncues];
}

void cl_rules_cue_keep(cl_rules *r)
{
    r->ncues++;
}

cl_claim_index *cl_rules_claim_index_mut(cl_rules *r)
{
    return &r->cindex;
}

cl_claim_impl *const *cl_rules_claims(cl_rules *r, size_t *n)
{
    *n = r->nclaims;
    return r->claims;
}

size_t cl_rules_prefilter_fallbacks(const cl_rules *r)
{
    return r->cindex.fallback_claims;
}

const char *cl_rules_claim_unindexed(const cl_rules *r, size_t i, unsigned *line)
{
    if (i >= r->nclaims || !r->claims[i]->unindexed)
        return NULL;
    *line = r->claims[i]->unindexed_line;
    return r->claims[i]->unindexed;
}

int cl_rules_report(cl_rules *r, int code, const char *file, unsigned line, unsigned column,
                    const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = report_v(r, code, file, line, column, fmt, ap);
    va_end(ap);
    return rc;
}

cl_arena *cl_rules_arena(cl_rules *r)
{
    return r->arena;
}

void cl_rules_set_need_stems(cl_rules *r)
{
    r->need_stems = 1;
}

cl_claim_impl *cl_rules_new_claim(cl_rules *r)
{
    cl_claim_impl *c;

    if (cl_grow(&r->claims, &r->claims_cap, r->nclaims + 1, sizeof *r->claims, 32) < 0)
        return NULL;
    c = cl_arena_alloc(r->arena, sizeof *c);
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    c->pub.index = r->nclaims;
    r->claims[r->nclaims++] = c;
    return c;
}

const cl_claim_index *cl_rules_claim_index(const cl_rules *r)
{
    return &r->cindex;
}

const cl_claim_impl *cl_rules_claim_impl(const cl_rules *r, size_t i)
{
    return r->claims[i];
}

size_t cl_rules_claim_count_internal(const cl_rules *r)
{
    return r->nclaims;
}

size_t cl_rules_claim_count(const cl_rules *r)
{
    return r->nclaims;
}

const cl_claim *cl_rules_claim(const cl_rules *r, size_t i)
{
    return i < r->nclaims ? &r->claims[i]->pub : NULL;
}

size_t cl_rules_cue_count(const cl_rules *r)
{
    return r->ncues;
}

const cl_cue_def *cl_rules_cue(const cl_rules *r, size_t i)
{
    return i < r->ncues ? &r->cues[i].def : NULL;
}

const cl_cue_entry *cl_rules_entry(const cl_rules *r, uint32_t i)
{
    return &r->cues[i];
}

int cl_rules_need_stems(const cl_rules *r)
{
    return r->need_stems;
}

const cl_abbrevs *cl_rules_abbrevs(const cl_rules *r)
{
    return r->abbrevs;
}

int cl_rules_load_abbrevs(cl_rules *r)
{
    char *path = cl_data_path("abbreviations/en.txt");
    int rc;

    if (!path)
        return cl_rules_report_last(r, CL_EIO, "abbreviations/en.txt");
    rc = cl_abbrevs_new(&r->abbrevs);
    if (rc == 0 && (rc = cl_abbrevs_load(r->abbrevs, path)) < 0)
        cl_rules_report_last(r, rc, path);
    free(path);
    return rc;
}

/* ---- the cue index ------------------------------------------------------- */

const cl_cue_index *cl_rules_cue_index(const cl_rules *r)
{
    return &r->cix;
}

const cl_strtab *cl_rules_vocab(const cl_rules *r)
{
    return &r->cindex.vocab;
}

int cl_rules_index_words(cl_rules *r, cl_stemmer *st)
{
    cl_tokvec tv = {0};
    size_t i, k;
    int rc = 0;

    for (i = 0; i < r->ncues; i++) {
        cl_cue_entry *e = &r->cues[i];
        if ((rc = cl_tokenize(r->arena, e->def.phrase, strlen(e->def.phrase), &tv)) < 0)
            goto cleanup;
        if (tv.n == 0) {
            report(r, CL_ESCHEMA, e->def.file, e->def.line, "cue phrase has no words");
            continue;
        }
        e->words = cl_arena_alloc(r->arena, tv.n * sizeof *e->words);
        e->word_ids = cl_arena_alloc(r->arena, tv.n * sizeof *e->word_ids);
        if (!e->words || !e->word_ids) {
            rc = CL_ENOMEM;
            goto cleanup;
        }
        e->nwords = (uint32_t)tv.n;
        for (k = 0; k < tv.n; k++) {
            e->words[k] = tv.v[k].fold;
            if (e->def.inflected) {
                if (!(e->words[k] = cl_stem(st, r->arena, tv.v[k].fold))) {
                    rc = CL_ENOMEM;
                    goto cleanup;
                }
                r->need_stems = 1;
            }
            if (!(e->word_ids[k] = cl_strtab_intern(&r->cindex.vocab, e->words[k]))) {
                rc = CL_ENOMEM;
                goto cleanup;
            }
        }
    }
cleanup:
    cl_tokvec_free(&tv);
    return rc;
}

struct order_item {
    uint32_t first, second, inflected, nwords, idx;
};

/* One-word cues before longer ones; then by first word, second word and
 * stems or not; then longest phrase first, then file order. */
static int order_cmp(const void *a, const void *b)
{
    const struct order_item *x = a, *y = b;

    if ((x->nwords > 1) != (y->nwords > 1))
        return x->nwords > 1 ? 1 : -1;
    if (x->inflected != y->inflected)
        return x->inflected < y->inflected ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->second != y->second)
        return x->second < y->second ? -1 : 1;
    if (x->nwords != y->nwords)
        return x->nwords > y->nwords ? -1 : 1;
    return x->idx < y->idx ? -1 : 1;
}

int cl_rules_index_cues(cl_rules *r)
{
    cl_cue_index *x = &r->cix;
    struct order_item *items;
    size_t i, n = 0, nids = r->cindex.vocab.n, npairs = 0, slots, size;
    unsigned char *flags;
    uint32_t *one_start[2], *one[2], *multi;
    cl_cue_pair *pairs;
    char *mem;

    items = malloc((r->ncues ? r->ncues : 1) * sizeof *items);
    if (!items)
        return cl_nomem(NULL);
    for (i = 0; i < r->ncues; i++) {
        const cl_cue_entry *e = &r->cues[i];
        if (!e->nwords)
            continue;
        items[n].first = e->word_ids[0];
        items[n].second = e->nwords > 1 ? e->word_ids[1] : 0;
        items[n].inflected = e->def.inflected ? 1 : 0;
        items[n].nwords = e->nwords;
        items[n++].idx = (uint32_t)i;
    }
    qsort(items, n, sizeof *items, order_cmp);
    for (i = 0; i < n; i++)
        if (items[i].nwords > 1 &&
            (i == 0 || items[i - 1].nwords == 1 || items[i - 1].first != items[i].first ||
             items[i - 1].second != items[i].second ||
             items[i - 1].inflected != items[i].inflected))
            npairs++;
    for (slots = 16; slots < 2 * npairs; slots *= 2)
        ;
    /* one block: the pairs, then the uint32_t arrays, then the flags */
    size = slots * sizeof *pairs + (2 * (nids + 2) + n) * sizeof(uint32_t) + nids + 1;
    if (!(mem = calloc(1, size))) {
        free(items);
        return cl_nomem(NULL);
    }
    free(r->cix_mem);
    r->cix_mem = mem;
    pairs = (cl_cue_pair *)mem;
    one_start[0] = (uint32_t *)(mem + slots * sizeof *pairs);
    one_start[1] = one_start[0] + nids + 2;
    one[0] = one[1] = multi = one_start[1] + nids + 2; /* the entries, in ORDER_CMP order */
    flags = (unsigned char *)(multi + n);
    for (i = 0; i < n; i++) {
        const struct order_item *it = &items[i];
        int shift = it->inflected ? 2 : 0;
        multi[i] = it->idx;
        if (r->cues[it->idx].def.kind == CL_CUE_ATTRIBUTION)
            flags[it->first] |=
                (unsigned char)((it->nwords == 1 ? CL_CUEIX_ATTR_ONE : CL_CUEIX_ATTR_MULTI)
                                << shift);
        if (it->nwords == 1) {
            one_start[it->inflected][it->first + 1]++;
            flags[it->first] |= (unsigned char)(CL_CUEIX_ONE << shift);
            if (!it->inflected)
                one[1] = multi + i + 1;
            continue;
        }
        flags[it->first] |= (unsigned char)(CL_CUEIX_MULTI << shift);
        if (i > 0 && items[i - 1].nwords > 1 && items[i - 1].first == it->first &&
            items[i - 1].second == it->second && items[i - 1].inflected == it->inflected) {
            cl_cue_pair *p = (cl_cue_pair *)cl_cue_pair_find(
                &(cl_cue_index){.pairs = pairs, .pair_mask = (uint32_t)(slots - 1)}, it->first,
                it->second, (int)it->inflected);
            p->count++;
        } else {
            uint64_t h = (((uint64_t)it->first << 32) | it->second) * 0x9E3779B97F4A7C15ULL;
            uint32_t k = (uint32_t)(h >> 40) ^ it->inflected;
            while (pairs[k & (slots - 1)].first)
                k++;
            pairs[k & (slots - 1)] = (cl_cue_pair){it->first, it->second, (uint32_t)i, 1,
                                                   it->inflected};
        }
    }
    free(items);
    for (i = 1; i <= nids + 1; i++) {
        one_start[0][i] += one_start[0][i - 1];
        one_start[1][i] += one_start[1][i - 1];
    }
    x->nids = (uint32_t)nids;
    x->flags = flags;
    x->one_start[0] = one_start[0];
    x->one_start[1] = one_start[1];
    x->one[0] = one[0];
    x->one[1] = one[1];
    x->pairs = pairs;
    x->pair_mask = (uint32_t)(slots - 1);
    x->multi = multi;
    r->compiled = 1;
    return 0;
}
