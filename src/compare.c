/* compare.c - a draft read against its source: each draft sentence is
 * aligned with the source sentences that carry its words, then compared
 * with them for polarity, hedging, attribution, numbers and names.
 *
 * Alignment. The source's content words (stems of the words that are not
 * function words or cues, numbers, names) go into an inverted index, each
 * weighted by its rarity in the source (inverse sentence frequency). A
 * draft sentence scores each source sentence by the weight of the words
 * they share, walking only the postings of its own words, so the cost
 * grows with the length of the draft and the source, not their product.
 * The best sentence is taken, then up to two more that carry a good part
 * of what the first does not (a draft sentence may merge two).
 *
 * Comparison. For every content word the draft shares with its source
 * sentences, the cues of each side say whether that word is denied,
 * hedged (as an uncertainty, or as a settled future: "will"), or reported
 * as someone's words; the words on which the sides differ, weighted,
 * decide a finding. Numbers are compared by value (cl_number_at), names
 * and dates as written, and a word swapped for its antonym (won / lost)
 * reverses polarity without a negation. The word lists are data
 * (rules/compare/en.txt). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- the word lists ------------------------------------------------------- */

enum { LEX_FUTURE = 1, LEX_NOTNAME = 2, LEX_DATE = 4 };

enum { LEX_PAIRS = 3 };

typedef struct lexent {
    uint32_t syn;              /* synonym group + 1, or 0 */
    uint32_t ant[LEX_PAIRS];   /* antonym pairs + 1 the word is in, 0 past the last */
    uint8_t side[LEX_PAIRS];   /* 0 or 1: which side of each pair */
    uint8_t flags;
} lexent;

/* Whether words E and F are on opposite sides of an antonym pair. */
static int opposite(const lexent *e, const lexent *f)
{
    int i, j;

    for (i = 0; i < LEX_PAIRS && e->ant[i]; i++)
        for (j = 0; j < LEX_PAIRS && f->ant[j]; j++)
            if (e->ant[i] == f->ant[j] && e->side[i] != f->side[j])
                return 1;
    return 0;
}

typedef struct cmp_lex {
    cl_arena *arena;
    cl_strtab tab;    /* stems (and folds of %names / %dates) */
    lexent *ent;      /* by id - 1 */
    size_t cap;
    uint32_t ngroups, npairs;
} cmp_lex;

static lexent *lex_entry(cmp_lex *lx, const char *w)
{
    char *k = cl_arena_strndup(lx->arena, w, strlen(w));
    uint32_t id;

    if (!k || !(id = cl_strtab_intern(&lx->tab, k)))
        return NULL;
    if (cl_grow(&lx->ent, &lx->cap, id, sizeof *lx->ent, 64) < 0)
        return NULL;
    return &lx->ent[id - 1];
}

static const lexent *lex_find(const cmp_lex *lx, const char *w)
{
    uint32_t id = w ? cl_strtab_find(&lx->tab, w) : 0;

    return id ? &lx->ent[id - 1] : NULL;
}

/* Load rules/compare/en.txt into LX; stems by STEM. */
static int lex_load(cmp_lex *lx, cl_stemmer *stem)
{
    char *path = cl_data_path("compare/en.txt"), *data = NULL, *line, *next;
    size_t len, lineno = 0;
    int rc, section = 0; /* 1 antonyms 2 synonyms 3 future 4 names 5 dates */

    if (!path)
        return CL_EIO;
    if ((rc = cl_read_file(path, &data, &len)) < 0) {
        free(path);
        return rc;
    }
    if (!(lx->arena = cl_arena_new())) {
        rc = cl_nomem(NULL);
        goto out;
    }
    for (line = data; line && *line; line = next) {
        char *tok, *save = NULL;
        int side = 0;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (*line == '#' || *line == '\0')
            continue;
        if (*line == '%') {
            section = strncmp(line, "%antonyms", 9) == 0   ? 1
                      : strncmp(line, "%synonyms", 9) == 0 ? 2
                      : strncmp(line, "%future", 7) == 0   ? 3
                      : strncmp(line, "%names", 6) == 0    ? 4
                      : strncmp(line, "%dates", 6) == 0    ? 5
                                                           : 0;
            if (!section) {
                rc = cl_error_set(CL_EPARSE, path, (unsigned)lineno, 1, "unknown section '%s'", line);
                goto out;
            }
            continue;
        }
        if (section == 1)
            lx->npairs++;
        if (section == 2)
            lx->ngroups++;
        for (tok = strtok_r(line, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save)) {
            char fold[64];
            const char *key;
            size_t i, n = strlen(tok);
            lexent *e;
            uint32_t before;
            if (strcmp(tok, "/") == 0) {
                side = 1;
                continue;
            }
            if (n >= sizeof fold)
                continue;
            for (i = 0; i <= n; i++)
                fold[i] = (char)tolower((unsigned char)tok[i]);
            key = fold;
            if (section <= 3 && !(key = cl_stem(stem, lx->arena, fold))) {
                rc = cl_nomem(NULL);
                goto out;
            }
            before = (uint32_t)lx->tab.n;
            if (!(e = lex_entry(lx, key))) {
                rc = cl_nomem(NULL);
                goto out;
            }
            if (lx->tab.n > before)
                memset(e, 0, sizeof *e);
            if (section == 1) {
                int k;
                for (k = 0; k < LEX_PAIRS && e->ant[k] && e->ant[k] != lx->npairs; k++)
                    ;
                if (k < LEX_PAIRS && !e->ant[k]) {
                    e->ant[k] = lx->npairs;
                    e->side[k] = (uint8_t)side;
                }
            } else if (section == 2) {
                if (!e->syn)
                    e->syn = lx->ngroups;
            } else if (section == 3) {
                e->flags |= LEX_FUTURE;
            } else if (section == 4) {
                e->flags |= LEX_NOTNAME;
            } else if (section == 5) {
                e->flags |= LEX_DATE | LEX_NOTNAME;
            }
        }
    }
    rc = 0;
out:
    free(data);
    free(path);
    return rc;
}

static void lex_free(cmp_lex *lx)
{
    cl_strtab_free(&lx->tab);
    free(lx->ent);
    cl_arena_free(lx->arena);
}

/* ---- sentences kept whole --------------------------------------------- */

/* What the cues of a sentence say of one of its words. */
enum { HEDGE_NONE = 0, HEDGE_FUTURE = 1, HEDGE_DOUBT = 2 };

typedef struct tokinfo {
    uint32_t word;      /* content word: id in the source's word table (0: none) */
    uint32_t key;       /* synonym-or-stem key, for alignment */
    uint8_t content, name;
    uint8_t date; /* 1 a day of the week, 2 a month, 3 "yesterday", "last year" */
} tokinfo;

/* Where a token of a draft sentence is in its file. */
typedef struct tokpos {
    unsigned line, column, end_line, end_column;
} tokpos;

typedef struct cmp_num {
    double value;
    char unit[8];
    uint32_t start, end; /* tokens */
    int approx;
} cmp_num;

typedef struct csent {
    cl_cmp_sentence pub;
    cl_sentence s;      /* a deep copy */
    tokinfo *ti;
    tokpos *pos;        /* drafts only: where each token is */
    cmp_num *nums;
    size_t nnums;
    const cl_cue *dec; /* the cue deciding the sentence's status */
} csent;

/* A side of the comparison: the sentences of one document. */
typedef struct side {
    cl_arena *arena;
    csent *v;
    size_t n, cap;
    cl_strtab lower; /* folds seen in lower case */
    cl_strtab names; /* folds of names in running text */
    int nomem;
    int positions;   /* keep each token's place in the file (drafts) */
    cl_strtab strs;  /* the words of the side, each copied once: */
    const char **strv; /* STRV[id - 1] the copy of the word numbered id */
    size_t strcap;
} side;

struct cl_cmp_source {
    const cl_rules *rules;
    cmp_lex lex;
    side src;
    char *name, *data;
    size_t len;
    cl_strtab words;   /* content keys of the source */
    uint32_t *df;      /* sentences per key, by id - 1 */
    uint32_t *post_start, *post; /* postings: sentence indices */
    size_t nkeys;
    double *sweight;   /* by sentence: the weight of its distinct words */
    struct numref *nums; /* every number of the source, by value */
    size_t nnums;
    const char **names;  /* every capitalised word, undotted, sorted, once */
    size_t nnames;
};

struct numref {
    double value;
    uint32_t sent, idx;
};

static const char *const stopwords[] = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from",
    "with", "by", "as", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
    "had", "having", "do", "does", "did", "it", "its", "this", "that", "these", "those", "which",
    "who", "whom", "whose", "what", "when", "where", "why", "how", "he", "she", "they", "we", "i",
    "you", "his", "her", "hers", "their", "theirs", "our", "my", "your", "him", "them", "us", "me",
    "there", "here", "than", "then", "so", "such", "also", "not", "n't", "no", "never", "may",
    "might", "could", "would", "should", "will", "'ll", "shall", "can", "must", "said", "says",
    "say", "saying", "told", "tell", "according", "'s", "'re", "'ve", "'d", "'m", "about",
    "into", "over", "up", "out", "more", "most", "some", "any", "all", "each", "other", "if",
    "whether", "because", "while", "just", "only", "very", "both", "either", "neither", "own",
    "same", "too", "itself", "themselves", "himself", "herself", "s", "mr", "mrs", "ms", "dr",
    "now", "yet", "still", "even", "however", "although", "though", "which", "whom", "would",
    "being", "upon", "per", "via", "among", "within", "without", "against", "between", "under",
    "again", "further", "once", "many", "much", "few", "several", "last", "week", "year", "years",
    "day", "days", "time", "new", "one", NULL};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (cl_streq(w, *list))
            return 1;
    return 0;
}

static int starts_upper(const cl_sentence *s, const cl_token *t)
{
    size_t n;
    int32_t c = cl_utf8_decode(s->text + t->start, t->end - t->start, &n);

    return c > 0 && cl_uc_is_upper(c);
}

/* The copy of word W kept by SD (made at its first use), or NULL when out
 * of memory: words repeat, so each is stored once. */
static const char *intern_word(side *sd, const char *w)
{
    uint32_t id = cl_strtab_find(&sd->strs, w);
    char *copy;

    if (id)
        return sd->strv[id - 1];
    if (!(copy = cl_arena_strndup(sd->arena, w, strlen(w))) ||
        cl_grow(&sd->strv, &sd->strcap, sd->strs.n + 1, sizeof *sd->strv, 256) < 0 ||
        !(id = cl_strtab_intern(&sd->strs, copy)))
        return NULL;
    sd->strv[id - 1] = copy;
    return copy;
}

/* Point the strings of T at SD's copies. */
static int copy_token(side *sd, cl_token *t)
{
    const char *stem = t->stem;

    if (!(t->fold = intern_word(sd, t->fold)))
        return cl_nomem(NULL);
    if (stem && !(t->stem = intern_word(sd, stem)))
        return cl_nomem(NULL);
    return 0;
}

/* The degree of hedge cue C of S: a settled future ("will", "is set to")
 * or a doubt. */
static int hedge_degree(const cmp_lex *lx, const cl_sentence *s, const cl_cue *c)
{
    static const char *const glue[] = {"is", "are", "was", "were", "to", "be", "for", NULL};
    uint32_t t;

    for (t = c->tokens.start; t < c->tokens.end; t++) {
        const lexent *e = lex_find(lx, s->tokens[t].stem ? s->tokens[t].stem : s->tokens[t].fold);
        if (cl_streq(s->tokens[t].fold, "would")) {
            /* the future seen from the past ("she said it would open", "the
             * vote would come in March"), unless counterfactual ("would
             * have been worse") */
            if (t + 1 < s->ntokens && (cl_streq(s->tokens[t + 1].fold, "have") ||
                                       cl_streq(s->tokens[t + 1].fold, "'ve")))
                return HEDGE_DOUBT;
        } else if (!(e && (e->flags & LEX_FUTURE)) && !in_list(s->tokens[t].fold, glue)) {
            return HEDGE_DOUBT;
        }
    }
    return HEDGE_FUTURE; /* "will", "is set to", "is to" */
}

/* What the cues of a sentence say of a span of its words. */
typedef struct spanstat {
    const cl_cue *neg;        /* the negation, or NULL */
    int hedge;                /* HEDGE_* */
    const cl_cue *hedge_cue;  /* the strongest hedge, or NULL */
    int attr;                 /* reported as someone's words */
    const cl_cue *attr_cue;   /* the attribution, or NULL (a quotation) */
} spanstat;

/* Negations that contrast rather than deny ("rather than", "instead of",
 * "contrary to"): a paraphrase may use one where the source does not. */
static const char *const contrastive[] = {"rather", "instead", "contrary", "unlike", "opposed",
                                          "contrast", "other", "apart", "besides", NULL};

/* Read the span of CS from its first to its last token marked in MASK as
 * one match (cl_match_status: a cue counts when its scope reaches a word
 * of the span or it stands inside it). */
static void span_read(const cmp_lex *lx, cl_matcher *m, const csent *cs, const uint8_t *mask,
                      spanstat *out)
{
    const cl_sentence *s = &cs->s;
    const cl_cue *dec, *attr, *const *cover;
    size_t ncover, k;
    uint32_t t, first = UINT32_MAX, last = 0;
    int quoted;
    cl_status st;
    cl_match mt;

    memset(out, 0, sizeof *out);
    for (t = 0; t < s->ntokens; t++)
        if (mask[t]) {
            if (first == UINT32_MAX)
                first = t;
            last = t;
        }
    if (first == UINT32_MAX)
        return;
    mt.claim = 0;
    mt.tokens.start = first;
    mt.tokens.end = last + 1;
    mt.own = 0;
    st = cl_match_status(m, s, &mt, &dec, &attr, &quoted, &cover, &ncover);
    if (st == CL_STATUS_NEGATED && !in_list(s->tokens[dec->tokens.start].fold, contrastive))
        out->neg = dec;
    for (k = 0; k < ncover; k++) {
        const cl_cue *c = cover[k];
        int d;
        if (c->def->kind != CL_CUE_HEDGE && c->def->kind != CL_CUE_HYPOTHETICAL)
            continue;
        if (st == CL_STATUS_ATTRIBUTED && c == dec)
            continue; /* "he believes P" reports a belief */
        d = hedge_degree(lx, s, c);
        if (d > out->hedge) {
            out->hedge = d;
            out->hedge_cue = c;
        }
    }
    if (st == CL_STATUS_ATTRIBUTED && !attr && !quoted && dec)
        attr = dec;
    out->attr = attr || quoted;
    out->attr_cue = attr;
}

static int is_approx(const cl_sentence *s, uint32_t start, uint32_t end)
{
    static const char *const before[] = {"about", "around", "roughly", "nearly", "almost",
                                         "some", "approximately", "over", "than", "least",
                                         "to", "under", "estimated", "circa", "approx", "~",
                                         "close", "above", "below", "beyond", "exceeding",
                                         NULL};
    if (start > 0 && in_list(s->tokens[start - 1].fold, before))
        return 1;
    if (end + 1 < s->ntokens && cl_streq(s->tokens[end].fold, "or") &&
        (cl_streq(s->tokens[end + 1].fold, "more") || cl_streq(s->tokens[end + 1].fold, "so")))
        return 1;
    return 0;
}

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", NULL};

/* Whether token I of S names a day or a year relative to now: "yesterday",
 * "today", "tomorrow", the "last" / "this" / "next" of "last year". */
static int relative_date(const cl_sentence *s, size_t i)
{
    static const char *const days[] = {"yesterday", "today", "tomorrow", "tonight", NULL};
    static const char *const which[] = {"last", "this", "next", "previous", "coming", NULL};
    static const char *const units[] = {"year", "week", "month", "weekend", "monday", "tuesday",
                                        "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "spring", "summer", "autumn", "fall", "winter", NULL};
    const char *f = s->tokens[i].fold;

    if (in_list(f, days))
        return 1;
    return in_list(f, which) && i + 1 < s->ntokens && in_list(s->tokens[i + 1].fold, units);
}

/* Copy sentence S of DOC (the current one) into side SD, with its words'
 * positions, statuses, numbers and names. */
static int keep_sentence(side *sd, const cmp_lex *lx, cl_matcher *m, const cl_doc *doc,
                         const cl_sentence *s)
{
    cl_arena *a = sd->arena;
    csent *cs;
    cl_token *toks;
    size_t i, nwords = 0, ncontent = 0;
    int rc;

    if (cl_grow(&sd->v, &sd->cap, sd->n + 1, sizeof *sd->v, 64) < 0)
        return CL_ENOMEM;
    cs = &sd->v[sd->n];
    memset(cs, 0, sizeof *cs);
    cs->s = *s;
    if (!(cs->s.text = cl_arena_strndup(a, s->text, s->len)))
        return cl_nomem(NULL);
    toks = cl_arena_alloc(a, (s->ntokens ? s->ntokens : 1) * sizeof *toks);
    cs->ti = cl_arena_alloc(a, (s->ntokens ? s->ntokens : 1) * sizeof *cs->ti);
    if (!toks || !cs->ti)
        return cl_nomem(NULL);
    memcpy(toks, s->tokens, s->ntokens * sizeof *toks);
    memset(cs->ti, 0, (s->ntokens ? s->ntokens : 1) * sizeof *cs->ti);
    if (sd->positions &&
        !(cs->pos = cl_arena_alloc(a, (s->ntokens ? s->ntokens : 1) * sizeof *cs->pos)))
        return cl_nomem(NULL);
    for (i = 0; i < s->ntokens; i++) {
        size_t last = toks[i].end;
        if ((rc = copy_token(sd, &toks[i])) < 0)
            return rc;
        if (!cs->pos)
            continue;
        cl_doc_position(doc, s, toks[i].start, &cs->pos[i].line, &cs->pos[i].column, NULL);
        do
            last--;
        while (last > toks[i].start && ((unsigned char)s->text[last] & 0xC0) == 0x80);
        cl_doc_position(doc, s, last, &cs->pos[i].end_line, &cs->pos[i].end_column, NULL);
        cs->pos[i].end_column++;
    }
    cs->s.tokens = toks;
    if (s->ncues) {
        cl_cue *cues = cl_arena_alloc(a, s->ncues * sizeof *cues);
        if (!cues)
            return cl_nomem(NULL);
        memcpy(cues, s->cues, s->ncues * sizeof *cues);
        cs->s.cues = cues;
    }
    if (s->quoted) {
        unsigned char *q = cl_arena_alloc(a, s->ntokens ? s->ntokens : 1);
        if (!q)
            return cl_nomem(NULL);
        memcpy(q, s->quoted, s->ntokens);
        cs->s.quoted = q;
    }
    if (s->speaker && !(cs->s.speaker = cl_arena_strndup(a, s->speaker, strlen(s->speaker))))
        return cl_nomem(NULL);
    /* content words, names, dates; words seen in lower case */
    for (i = 0; i < s->ntokens; i++) {
        const cl_token *t = &toks[i];
        tokinfo *ti = &cs->ti[i];
        const lexent *e;
        size_t k;
        int in_cue = 0;
        if (t->kind == CL_TOK_NUMBER) {
            ti->content = 1;
            nwords++;
            continue;
        }
        if (t->kind != CL_TOK_WORD)
            continue;
        nwords++;
        if (!starts_upper(&cs->s, t) && !cl_strtab_intern(&sd->lower, t->fold))
            return cl_nomem(NULL);
        for (k = 0; k < s->ncues && !in_cue; k++)
            in_cue = i >= s->cues[k].tokens.start && i < s->cues[k].tokens.end &&
                     s->cues[k].def->kind != CL_CUE_ATTRIBUTION;
        e = lex_find(lx, t->fold);
        if (e && (e->flags & LEX_DATE) && starts_upper(&cs->s, t))
            ti->date = 1;
        if (ti->date)
            ti->date = in_list(t->fold, weekdays) ? 1 : 2;
        if (relative_date(&cs->s, i))
            ti->date = 3;
        if (in_cue || in_list(t->fold, stopwords) || strlen(t->fold) < 2)
            continue;
        ti->content = 1;
        ncontent++;
        if (starts_upper(&cs->s, t) && !ti->date && !(e && (e->flags & LEX_NOTNAME)))
            ti->name = 1; /* sentence-initial ones are settled once every sentence is read */
    }
    /* numbers */
    for (i = 0; i < s->ntokens; i++) {
        double v;
        char unit[8];
        size_t used = cl_number_at(&cs->s, i, &v, unit);
        cmp_num *nv;
        if (!used && toks[i].kind == CL_TOK_NUMBER && isdigit((unsigned char)toks[i].fold[0])) {
            /* "113-page", "33rd", "10-year-old": the value of the digits */
            char *end;
            v = strtod(toks[i].fold, &end);
            used = 1;
        }
        if (!used)
            continue;
        nv = cl_arena_alloc(a, (cs->nnums + 1) * sizeof *nv);
        if (!nv)
            return cl_nomem(NULL);
        if (cs->nnums)
            memcpy(nv, cs->nums, cs->nnums * sizeof *nv);
        nv[cs->nnums].value = v;
        memcpy(nv[cs->nnums].unit, unit, sizeof unit);
        nv[cs->nnums].start = (uint32_t)i;
        nv[cs->nnums].end = (uint32_t)(i + used);
        nv[cs->nnums].approx = is_approx(&cs->s, (uint32_t)i, (uint32_t)(i + used));
        cs->nums = nv;
        cs->nnums++;
        i += used - 1;
    }
    cs->pub.text = cs->s.text;
    cs->pub.len = s->len;
    cs->pub.nchars = s->nchars;
    cs->pub.line = s->line;
    cs->pub.column = s->column;
    cs->pub.end_line = s->end_line;
    cs->pub.end_column = s->end_column;
    cs->pub.start_byte = s->start_byte;
    cs->pub.end_byte = s->end_byte;
    cs->pub.statement = nwords >= 4 && ncontent >= 2;
    sd->n++;
    return 0;
}

/* Whether CS is in title case: most of its words of four letters or more
 * begin with a capital, and there are three of them at least. */
static int title_case(const csent *cs)
{
    size_t t, n = 0, up = 0;

    for (t = 0; t < cs->s.ntokens; t++) {
        const cl_token *k = &cs->s.tokens[t];
        if (k->kind != CL_TOK_WORD || k->end - k->start < 4)
            continue;
        n++;
        up += starts_upper(&cs->s, k);
    }
    return up >= 3 && up * 5 >= n * 4;
}

/* A name that opens a sentence is a name only when the word is never seen
 * in lower case (in SD or OTHER). */
static void settle_names(side *sd, const side *other)
{
    size_t i, t;

    for (i = 0; i < sd->n; i++) {
        csent *cs = &sd->v[i];
        for (t = 0; t < cs->s.ntokens; t++) {
            const char *f = cs->s.tokens[t].fold;
            int initial = t == 0 || (t <= 2 && cs->s.tokens[t - 1].kind == CL_TOK_PUNCT);
            if (!cs->ti[t].name || !initial)
                continue;
            if (cl_strtab_find(&sd->lower, f) || (other && cl_strtab_find(&other->lower, f)))
                cs->ti[t].name = 0;
        }
    }
    /* names in running text, not opening a sentence */
    for (i = 0; i < sd->n; i++)
        if (!title_case(&sd->v[i]))
            for (t = 1; t < sd->v[i].s.ntokens; t++)
                if (sd->v[i].ti[t].name && sd->v[i].s.tokens[t - 1].kind != CL_TOK_PUNCT &&
                    !cl_strtab_intern(&sd->names, sd->v[i].s.tokens[t].fold))
                    sd->nomem = 1;
    /* a capitalised word opening a sentence ("Stamped Protected B on every
     * page, ...") is a name when it is one elsewhere */
    for (i = 0; i < sd->n; i++) {
        csent *cs = &sd->v[i];
        for (t = 0; t < cs->s.ntokens && t < 3; t++) {
            const char *f = cs->s.tokens[t].fold;
            int initial = t == 0 || cs->s.tokens[t - 1].kind == CL_TOK_PUNCT;
            size_t n = strlen(f);
            int verbal = (n > 4 && strcmp(f + n - 2, "ed") == 0) ||
                         (n > 5 && strcmp(f + n - 3, "ing") == 0) ||
                         (n > 4 && strcmp(f + n - 2, "ly") == 0);
            int before_name = t + 1 < cs->s.ntokens &&
                              cs->s.tokens[t + 1].kind == CL_TOK_WORD &&
                              starts_upper(&cs->s, &cs->s.tokens[t + 1]);
            if (cs->ti[t].name && initial && !cl_strtab_find(&sd->names, f) &&
                !(other && cl_strtab_find(&other->names, f)) && (verbal || !before_name))
                cs->ti[t].name = 0;
        }
    }
    /* a headline in title case ("Rubio Visits Mexico") capitalises every
     * word: there a word is a name only when it is one in running text */
    for (i = 0; i < sd->n; i++) {
        csent *cs = &sd->v[i];
        if (!title_case(cs))
            continue;
        for (t = 0; t < cs->s.ntokens; t++) {
            const char *f = cs->s.tokens[t].fold;
            if (cs->ti[t].name && !cl_strtab_find(&sd->names, f) &&
                !(other && cl_strtab_find(&other->names, f)))
                cs->ti[t].name = 0;
        }
    }
}

/* The sentence's status as a whole (its content words as one match). */
static void sentence_status(cl_matcher *m, csent *cs)
{
    const cl_sentence *s = &cs->s;
    uint32_t first = UINT32_MAX, last = 0, t;
    const cl_cue *dec, *attr, *const *cover;
    size_t ncover;
    int quoted;
    cl_match mt;

    for (t = 0; t < s->ntokens; t++)
        if (cs->ti[t].content) {
            if (first == UINT32_MAX)
                first = t;
            last = t;
        }
    cs->pub.status = CL_STATUS_STATED;
    if (first == UINT32_MAX)
        return;
    mt.claim = 0;
    mt.tokens.start = first;
    mt.tokens.end = last + 1;
    mt.own = 0;
    cs->pub.status = cl_match_status(m, s, &mt, &dec, &attr, &quoted, &cover, &ncover);
    cs->dec = dec;
}

/* Read DOC into side SD. */
static int read_side(side *sd, const cmp_lex *lx, cl_doc *doc, const cl_rules *rules,
                     cl_split_mode mode)
{
    const cl_sentence *s;
    cl_matcher *m;
    int rc;
    size_t i;

    if (!(sd->arena = cl_arena_new()))
        return cl_nomem(NULL);
    if ((rc = cl_matcher_new(&m)) < 0)
        return rc;
    rc = cl_doc_analyze(doc, rules, mode, CL_ANALYZE_CUES | CL_ANALYZE_STEMS);
    while (rc >= 0 && (rc = cl_doc_next(doc, &s)) > 0)
        rc = keep_sentence(sd, lx, m, doc, s);
    for (i = 0; rc >= 0 && i < sd->n; i++) {
        csent *cs = &sd->v[i];
        sentence_status(m, cs);
        if (cs->dec) {
            size_t b = cs->s.tokens[cs->dec->tokens.start].start;
            size_t e = cs->s.tokens[cs->dec->tokens.end - 1].end;
            cl_sentence_range_chars(&cs->s, cs->dec->tokens, &cs->pub.cue_start,
                                    &cs->pub.cue_end);
            if (!(cs->pub.cue = cl_arena_strndup(sd->arena, cs->s.text + b, e - b)))
                rc = cl_nomem(NULL);
        }
    }
    cl_matcher_free(m);
    return rc < 0 ? rc : 0;
}

static void side_free(side *sd)
{
    free(sd->v);
    cl_strtab_free(&sd->lower);
    cl_strtab_free(&sd->names);
    cl_strtab_free(&sd->strs);
    free(sd->strv);
    cl_arena_free(sd->arena);
}

/* ---- the source index -------------------------------------------------- */

/* The alignment key of token T of CS: its synonym group, else its stem
 * (a number: its folded form). Interned in TAB when ADD, else looked up
 * (0 when the source lacks it). */
static uint32_t token_key(const cmp_lex *lx, cl_strtab *tab, cl_arena *a, const cl_token *t,
                          int add, int *oom)
{
    char buf[24];
    const char *k = t->stem ? t->stem : t->fold;
    const lexent *e = lex_find(lx, k);

    if (e && e->syn) {
        snprintf(buf, sizeof buf, "\x01syn%u", (unsigned)e->syn);
        k = buf;
    }
    if (!add)
        return cl_strtab_find(tab, k);
    if (k == buf && !(k = cl_arena_strndup(a, buf, strlen(buf)))) {
        *oom = 1;
        return 0;
    }
    {
        uint32_t id = cl_strtab_intern(tab, k);
        if (!id)
            *oom = 1;
        return id;
    }
}

/* Weight of key K of the source: rarer is heavier. */
static double key_weight(const cl_cmp_source *x, uint32_t k)
{
    double n = (double)x->src.n + 1;

    return log(n / ((k ? x->df[k] : 0) + 0.5));
}

static int num_equal(const cmp_num *a, const cmp_num *b);
static size_t undotted(const char *w, char out[64]);
static int name_form(const char *f, size_t n, const char *g, size_t m);

static int cmp_numref(const void *a, const void *b)
{
    double x = ((const struct numref *)a)->value, y = ((const struct numref *)b)->value;

    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index the numbers and the capitalised words of the source X, so that a
 * draft's number or name is looked up instead of searched for. */
static int index_numbers_and_names(cl_cmp_source *x)
{
    size_t i, t, n = 0, cap = 0;

    for (i = 0; i < x->src.n; i++)
        n += x->src.v[i].nnums;
    if (!(x->nums = malloc((n ? n : 1) * sizeof *x->nums)))
        return cl_nomem(NULL);
    for (i = 0; i < x->src.n; i++)
        for (t = 0; t < x->src.v[i].nnums; t++) {
            struct numref *r = &x->nums[x->nnums++];
            r->value = x->src.v[i].nums[t].value;
            r->sent = (uint32_t)i;
            r->idx = (uint32_t)t;
        }
    qsort(x->nums, x->nnums, sizeof *x->nums, cmp_numref);
    for (i = 0; i < x->src.n; i++) {
        const csent *cs = &x->src.v[i];
        for (t = 0; t < cs->s.ntokens; t++) {
            char buf[64];
            size_t len;
            char *copy;
            if ((cs->s.tokens[t].kind != CL_TOK_WORD && cs->s.tokens[t].kind != CL_TOK_NUMBER) ||
                !starts_upper(&cs->s, &cs->s.tokens[t]))
                continue;
            len = undotted(cs->s.tokens[t].fold, buf);
            if (cl_grow(&x->names, &cap, x->nnames + 1, sizeof *x->names, 64) < 0 ||
                !(copy = cl_arena_strndup(x->src.arena, buf, len)))
                return cl_nomem(NULL);
            x->names[x->nnames++] = copy;
        }
    }
    if (x->nnames) {
        size_t k = 1;
        qsort(x->names, x->nnames, sizeof *x->names, cmp_str);
        for (i = 1; i < x->nnames; i++)
            if (strcmp(x->names[i], x->names[k - 1]) != 0)
                x->names[k++] = x->names[i];
        x->nnames = k;
    }
    return 0;
}

/* Whether the name F, or a form of it, is a capitalised word of the source
 * (has_name over every sentence, through the index). */
static int source_has_name(const cl_cmp_source *x, const char *name)
{
    char f[64];
    size_t n = undotted(name, f), lo = 0, hi = x->nnames, k = n < 5 ? n : 5;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(x->names[mid], f, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->nnames && strncmp(x->names[lo], f, k) == 0; lo++)
        if (name_form(f, n, x->names[lo], strlen(x->names[lo])))
            return 1;
    return 0;
}

/* Where the number DN is in the source: 1 in a sentence within two of
 * sentence NEAR, 2 only farther away, 0 nowhere. */
static int source_has_number(const cl_cmp_source *x, const cmp_num *dn, size_t near)
{
    double v = dn->value, a = v * 0.9, b = v * 1.1, lo_v = a < b ? a : b;
    size_t lo = 0, hi = x->nnums;
    int found = 0;

    lo_v -= 1e-9 * fabs(v);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->nums[mid].value < lo_v)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->nnums && x->nums[lo].value <= (a > b ? a : b) + 1e-9 * fabs(v); lo++) {
        const struct numref *r = &x->nums[lo];
        if (!num_equal(dn, &x->src.v[r->sent].nums[r->idx]))
            continue;
        if (r->sent + 2 >= near && r->sent <= near + 2)
            return 1;
        found = 2;
    }
    return found;
}

int cl_cmp_source_new(cl_cmp_source **out, cl_doc *source, const cl_rules *rules,
                      cl_split_mode mode)
{
    cl_cmp_source *x;
    cl_stemmer *stem = NULL;
    size_t i, t;
    int rc, oom = 0;

    *out = NULL;
    if (!(x = calloc(1, sizeof *x)))
        return cl_nomem(NULL);
    x->rules = rules;
    if ((rc = cl_stemmer_new(&stem)) < 0 || (rc = lex_load(&x->lex, stem)) < 0)
        goto fail;
    if ((rc = read_side(&x->src, &x->lex, source, rules, mode)) < 0)
        goto fail;
    settle_names(&x->src, NULL);
    if (x->src.nomem) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    /* keys and document frequencies */
    for (i = 0; i < x->src.n && !oom; i++) {
        csent *cs = &x->src.v[i];
        for (t = 0; t < cs->s.ntokens && !oom; t++)
            if (cs->ti[t].content)
                cs->ti[t].key = token_key(&x->lex, &x->words, x->src.arena, &cs->s.tokens[t], 1,
                                          &oom);
    }
    if (oom) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    x->nkeys = x->words.n;
    x->df = calloc(x->nkeys + 1, sizeof *x->df);
    x->post_start = calloc(x->nkeys + 2, sizeof *x->post_start);
    if (!x->df || !x->post_start) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    {
        /* one posting per (key, sentence): count, then fill */
        uint32_t *last = calloc(x->nkeys + 1, sizeof *last);
        size_t total = 0;
        if (!last) {
            rc = cl_nomem(NULL);
            goto fail;
        }
        for (i = 0; i < x->src.n; i++)
            for (t = 0; t < x->src.v[i].s.ntokens; t++) {
                uint32_t k = x->src.v[i].ti[t].key;
                if (k && last[k] != i + 1) {
                    last[k] = (uint32_t)i + 1;
                    x->df[k]++;
                    total++;
                }
            }
        for (i = 1; i <= x->nkeys; i++)
            x->post_start[i + 1] = x->post_start[i] + x->df[i];
        if (!(x->post = malloc((total ? total : 1) * sizeof *x->post))) {
            free(last);
            rc = cl_nomem(NULL);
            goto fail;
        }
        memset(last, 0, (x->nkeys + 1) * sizeof *last);
        {
            uint32_t *fill = calloc(x->nkeys + 2, sizeof *fill);
            if (!fill) {
                free(last);
                rc = cl_nomem(NULL);
                goto fail;
            }
            for (i = 0; i < x->src.n; i++)
                for (t = 0; t < x->src.v[i].s.ntokens; t++) {
                    uint32_t k = x->src.v[i].ti[t].key;
                    if (k && last[k] != i + 1) {
                        last[k] = (uint32_t)i + 1;
                        x->post[x->post_start[k] + fill[k]++] = (uint32_t)i;
                    }
                }
            free(fill);
        }
        free(last);
    }
    if (!(x->sweight = calloc(x->src.n + 1, sizeof *x->sweight))) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    for (i = 0; i < x->src.n; i++) {
        const csent *cs = &x->src.v[i];
        for (t = 0; t < cs->s.ntokens; t++) {
            size_t u;
            int dup = 0;
            if (!cs->ti[t].key)
                continue;
            for (u = 0; u < t && !dup; u++)
                dup = cs->ti[u].key == cs->ti[t].key;
            if (!dup)
                x->sweight[i] += key_weight(x, cs->ti[t].key);
        }
    }
    if ((rc = index_numbers_and_names(x)) < 0)
        goto fail;
    {
        size_t len;
        const char *d = cl_doc_text(source, &len);
        x->name = cl_strndup(cl_doc_name(source), strlen(cl_doc_name(source)));
        x->data = cl_strndup(d, len);
        x->len = len;
        if (!x->name || !x->data) {
            rc = cl_nomem(NULL);
            goto fail;
        }
    }
    cl_stemmer_free(stem);
    *out = x;
    return 0;
fail:
    cl_stemmer_free(stem);
    cl_cmp_source_free(x);
    return rc;
}

void cl_cmp_source_free(cl_cmp_source *x)
{
    if (!x)
        return;
    lex_free(&x->lex);
    side_free(&x->src);
    cl_strtab_free(&x->words);
    free(x->df);
    free(x->post_start);
    free(x->post);
    free(x->sweight);
    free(x->nums);
    free(x->names);
    free(x->name);
    free(x->data);
    free(x);
}

/* ---- comparing ------------------------------------------------------------ */

typedef struct cl_cmp_result_impl {
    cl_cmp_result pub;
    cl_arena *arena;
    side draft;
    cl_cmp_sentence *src_pub, *draft_pub;
    cl_cmp_finding *f;
    size_t nf, fcap;
    char *draft_name, *draft_data;
    cl_matcher *m;
    uint8_t *dmask, *smask; /* tokens of a draft and a source sentence */
    uint8_t *want;          /* by key: a word still to be placed (zero between uses) */
    size_t dcap, scap;
} cmp_res;

/* Token index of key K in source sentence CS, or -1. */
static long find_key(const csent *cs, uint32_t k)
{
    size_t t;

    for (t = 0; t < cs->s.ntokens; t++)
        if (cs->ti[t].key == k)
            return (long)t;
    return -1;
}

typedef struct align_ctx {
    double *score;
    uint32_t *touched;
    size_t ntouched;
    uint32_t *stamp; /* by key: GEN when the sentence at hand holds it */
    uint32_t gen;
    size_t nkeys;
} align_ctx;

/* Stamp the keys of source sentence CS in AC, so that whether it holds a
 * key is one look (a sentence cut from a long run may have thousands of
 * words). */
static void stamp_keys(align_ctx *ac, const csent *cs)
{
    size_t t;

    if (++ac->gen == 0) { /* wrapped: old stamps would collide */
        memset(ac->stamp, 0, (ac->nkeys + 1) * sizeof *ac->stamp);
        ac->gen = 1;
    }
    for (t = 0; t < cs->s.ntokens; t++)
        if (cs->ti[t].key)
            ac->stamp[cs->ti[t].key] = ac->gen;
}

/* Whether word T of D has a kin in the sentences D is aligned with: a
 * word of the same first six letters ("fishermen" / "fisherman",
 * "retrieve" / "retrieval"), which the stemmer does not join. */
static int kin_in_aligned(const cl_cmp_source *x, const csent *d, size_t t)
{
    const char *f = d->s.tokens[t].fold;
    size_t a, u;

    if (d->s.tokens[t].kind != CL_TOK_WORD || strlen(f) < 6)
        return 0;
    for (a = 0; a < d->pub.naligned; a++) {
        const csent *s = &x->src.v[d->pub.aligned[a]];
        for (u = 0; u < s->s.ntokens; u++)
            if (s->s.tokens[u].kind == CL_TOK_WORD && strncmp(s->s.tokens[u].fold, f, 6) == 0)
                return 1;
    }
    return 0;
}

/* Align draft sentence D with the source. Returns 0 or CL_ENOMEM. */
static int align(const cl_cmp_source *x, align_ctx *ac, csent *d)
{
    size_t t, i, j, n = 0;
    double total = 0;
    uint32_t cand[16];
    size_t ncand = 0;
    uint8_t *got;

    d->pub.naligned = 0;
    d->pub.support = 0;
    ac->ntouched = 0;
    for (t = 0; t < d->s.ntokens; t++) {
        uint32_t k = d->ti[t].key;
        size_t p;
        int dup = 0;
        if (!d->ti[t].content)
            continue;
        for (i = 0; i < t && !dup; i++)
            dup = d->ti[i].content && d->ti[i].key == k && k;
        if (dup)
            continue;
        total += key_weight(x, k);
        n++;
        /* a word of many sentences weighs little and would make the cost
         * grow with the product of the lengths: it counts in the coverage
         * of the candidates, not in finding them */
        if (!k || x->df[k] > 256 + x->src.n / 64)
            continue;
        for (p = x->post_start[k]; p < x->post_start[k + 1]; p++) {
            uint32_t sj = x->post[p];
            if (ac->score[sj] == 0)
                ac->touched[ac->ntouched++] = sj;
            ac->score[sj] += key_weight(x, k);
        }
    }
    if (!n || !ac->ntouched) {
        for (i = 0; i < ac->ntouched; i++)
            ac->score[ac->touched[i]] = 0;
        return 0;
    }
    /* the best few candidates */
    for (i = 0; i < ac->ntouched; i++) {
        uint32_t sj = ac->touched[i];
        size_t at = ncand;
        while (at > 0 && ac->score[cand[at - 1]] < ac->score[sj])
            at--;
        if (at < 16) {
            if (ncand < 16)
                ncand++;
            memmove(cand + at + 1, cand + at, (ncand - at - 1) * sizeof *cand);
            cand[at] = sj;
        }
    }
    for (i = 0; i < ac->ntouched; i++)
        ac->score[ac->touched[i]] = 0;
    /* greedy: the best, then those that add what it lacks */
    got = calloc(d->s.ntokens + 1, 1);
    if (!got)
        return cl_nomem(NULL);
    while (d->pub.naligned < 3) {
        double best = 0, best_rank = 0, rank;
        long bj = -1;
        for (j = 0; j < ncand; j++) {
            double gain = 0;
            const csent *cs = &x->src.v[cand[j]];
            int already = 0;
            for (i = 0; i < d->pub.naligned; i++)
                already |= d->pub.aligned[i] == cand[j];
            if (already)
                continue;
            stamp_keys(ac, cs);
            for (t = 0; t < d->s.ntokens; t++) {
                size_t u;
                int dup = 0;
                /* a sentence merged in must bring words of the statement,
                 * not only a name (which may be the one the draft changed) */
                if (!d->ti[t].content || !d->ti[t].key || got[t] ||
                    (d->pub.naligned > 0 && (d->ti[t].name || d->s.tokens[t].kind == CL_TOK_NUMBER)))
                    continue;
                for (u = 0; u < t && !dup; u++)
                    dup = d->ti[u].content && d->ti[u].key == d->ti[t].key;
                if (!dup && ac->stamp[d->ti[t].key] == ac->gen)
                    gain += key_weight(x, d->ti[t].key);
            }
            /* the first pick also weighs how much of the source sentence
             * the draft keeps, so that a sentence copied whole aligns with
             * itself and not with a longer one holding the same words */
            if (d->pub.naligned == 0 && x->sweight[cand[j]] > 0)
                rank = gain / total + 0.3 * gain / x->sweight[cand[j]] +
                       (cs->s.len == d->s.len && memcmp(cs->s.text, d->s.text, d->s.len) == 0);
            else
                rank = gain;
            if (rank > best_rank) {
                best_rank = rank;
                best = gain;
                bj = (long)j;
            }
        }
        if (bj < 0 || (d->pub.naligned > 0 && (best < 0.08 * total || best < 3.0)))
            break;
        d->pub.aligned[d->pub.naligned++] = cand[bj];
        stamp_keys(ac, &x->src.v[cand[bj]]);
        for (t = 0; t < d->s.ntokens; t++)
            if (d->ti[t].content && d->ti[t].key && ac->stamp[d->ti[t].key] == ac->gen)
                got[t] = 1;
    }
    /* the support counts the words a paraphrase keeps; a name or a number
     * the source sentences lack is compared on its own (a changed name is
     * entity-changed, not unsupported) */
    {
        double sw = 0, sc = 0;
        for (t = 0; t < d->s.ntokens; t++) {
            size_t u;
            int dup = 0;
            double w;
            int kept;
            if (!d->ti[t].content)
                continue;
            for (u = 0; u < t && !dup; u++)
                dup = d->ti[u].content && d->ti[u].key == d->ti[t].key && d->ti[t].key;
            if (dup)
                continue;
            kept = got[t] || kin_in_aligned(x, d, t);
            if (!kept && (d->ti[t].name || d->s.tokens[t].kind == CL_TOK_NUMBER))
                continue;
            w = key_weight(x, d->ti[t].key);
            sw += w;
            sc += kept ? w : 0;
        }
        d->pub.support = sw > 0 ? sc / sw : d->pub.naligned ? 1 : 0;
    }
    free(got);
    if (d->pub.support > 1)
        d->pub.support = 1;
    return 0;
}

/* Code points of tokens [A, B) of S. */
static void token_chars(const cl_sentence *s, uint32_t a, uint32_t b, size_t *start, size_t *end)
{
    cl_range r;

    r.start = a;
    r.end = b;
    cl_sentence_range_chars(s, r, start, end);
}

static int add_finding(cmp_res *r, const cl_level *levels, cl_cmp_code code, size_t di,
                       const csent *d, uint32_t da, uint32_t db, size_t si, const csent *s,
                       uint32_t sa, uint32_t sb, const char *fmt, ...) CL_PRINTF(12, 13);

static int add_finding(cmp_res *r, const cl_level *levels, cl_cmp_code code, size_t di,
                       const csent *d, uint32_t da, uint32_t db, size_t si, const csent *s,
                       uint32_t sa, uint32_t sb, const char *fmt, ...)
{
    cl_cmp_finding *f;
    cl_level level = levels ? levels[code] : cl_cmp_default_level(code);
    char msg[512];
    va_list ap;
    size_t a, b;

    if (level == CL_LEVEL_OK)
        return 0;
    if (cl_grow(&r->f, &r->fcap, r->nf + 1, sizeof *r->f, 8) < 0)
        return CL_ENOMEM;
    f = &r->f[r->nf];
    memset(f, 0, sizeof *f);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!(f->message = cl_arena_strndup(r->arena, msg, strlen(msg))))
        return cl_nomem(NULL);
    f->code = code;
    f->level = level;
    f->draft = di;
    if (da < db) {
        token_chars(&d->s, da, db, &f->start, &f->end);
        f->line = d->pos[da].line;
        f->column = d->pos[da].column;
        f->end_line = d->pos[db - 1].end_line;
        f->end_column = d->pos[db - 1].end_column;
        a = d->s.tokens[da].start;
        b = d->s.tokens[db - 1].end;
        f->draft_words = cl_arena_strndup(r->arena, d->s.text + a, b - a);
    } else {
        f->start = 0;
        f->end = d->pub.nchars;
        f->line = d->pub.line;
        f->column = d->pub.column;
        f->end_line = d->pub.end_line;
        f->end_column = d->pub.end_column;
        f->draft_words = "";
    }
    f->source = s ? si : (size_t)-1;
    f->source_words = "";
    if (s && sa < sb) {
        token_chars(&s->s, sa, sb, &f->src_start, &f->src_end);
        a = s->s.tokens[sa].start;
        b = s->s.tokens[sb - 1].end;
        f->source_words = cl_arena_strndup(r->arena, s->s.text + a, b - a);
    }
    if (!f->draft_words || !f->source_words)
        return cl_nomem(NULL);
    r->nf++;
    return 0;
}

/* The words of cue C of CS, for messages. */
static void cue_words(const csent *cs, const cl_cue *c, char *out, size_t cap)
{
    size_t a, b;

    out[0] = '\0';
    if (!c)
        return;
    a = cs->s.tokens[c->tokens.start].start;
    b = cs->s.tokens[c->tokens.end - 1].end;
    snprintf(out, cap, "%.*s", (int)(b - a < 200 ? b - a : 200), cs->s.text + a);
}

/* Extend a name at token T of CS over its neighbouring name tokens. */
static void name_span(const csent *cs, uint32_t t, uint32_t *a, uint32_t *b)
{
    *a = t;
    *b = t + 1;
    while (*a > 0 && cs->ti[*a - 1].name)
        (*a)--;
    while (*b < cs->s.ntokens && cs->ti[*b].name)
        (*b)++;
}

/* W without its dots ("u.s." is "us"), cut to 63 bytes, into OUT;
 * returns its length. */
static size_t undotted(const char *w, char out[64])
{
    size_t n = 0;

    for (; *w && n < 63; w++)
        if (*w != '.')
            out[n++] = *w;
    out[n] = '\0';
    return n;
}

/* Whether the undotted words F (N bytes) and G (M bytes) are one name or
 * forms of it: "Mexico" / "Mexican", "Scientology" / "Scientologists". */
static int name_form(const char *f, size_t n, const char *g, size_t m)
{
    size_t p = n < m ? n : m, q = 0;

    while (q < p && f[q] == g[q])
        q++;
    if (q == n && q == m)
        return 1;
    return q >= 5 && q * 5 >= p * 3;
}

/* Whether a capitalised word of CS is the name NAME or a form of it. */
static int has_name(const csent *cs, const char *name)
{
    char f[64], g[64];
    size_t t, n = undotted(name, f), m;

    for (t = 0; t < cs->s.ntokens; t++) {
        if ((cs->s.tokens[t].kind != CL_TOK_WORD && cs->s.tokens[t].kind != CL_TOK_NUMBER) ||
            !starts_upper(&cs->s, &cs->s.tokens[t]))
            continue;
        m = undotted(cs->s.tokens[t].fold, g);
        if (name_form(f, n, g, m))
            return 1;
    }
    return 0;
}

static int num_equal(const cmp_num *a, const cmp_num *b)
{
    double x = a->value, y = b->value;

    if (a->unit[0] && b->unit[0] && strcmp(a->unit, b->unit) != 0)
        return 0;
    if (fabs(x - y) <= 1e-9 * (fabs(x) + fabs(y)))
        return 1;
    /* "about 100" for 107, "more than 30" for 32 */
    if ((a->approx || b->approx) && fabs(x - y) <= 0.1 * (fabs(x) > fabs(y) ? fabs(x) : fabs(y)))
        return 1;
    return 0;
}

/* Whether word A is word B with a negative prefix ("uncrowded",
 * "illegal", "dishonest"). */
static int negative_of(const char *a, const char *b)
{
    static const char *const prefixes[] = {"un", "in", "im", "il", "ir", "dis", "non", "non-", NULL};
    const char *const *p;
    size_t n = strlen(b);

    for (p = prefixes; *p; p++) {
        size_t k = strlen(*p), m;
        if (strncmp(a, *p, k) != 0)
            continue;
        /* the rest is B, give or take an ending ("uncrowded" / "crowd") */
        for (m = 0; a[k + m] && a[k + m] == b[m]; m++)
            ;
        if (m >= 4 && m + 3 >= n && strlen(a + k) <= n + 3)
            return 1;
    }
    return 0;
}

/* A polarity reversal without a negation between draft sentence D and
 * source sentence S: a word of D whose antonym S has (and not the word
 * itself), or one S has with a negative prefix ("crowded" /
 * "uncrowded"). Adds the finding; returns 1 when there is one, 0 when
 * not, < 0 on error. */
static int antonym(const cl_cmp_source *x, cmp_res *r, const cl_level *levels, size_t di,
                   const csent *d, size_t sj, const csent *s)
{
    size_t t, u;

    for (t = 0; t < d->s.ntokens; t++) {
        const cl_token *dt = &d->s.tokens[t];
        const lexent *e = lex_find(&x->lex, dt->stem ? dt->stem : dt->fold);
        long other = -1;
        int same = 0;
        if (dt->kind != CL_TOK_WORD || !d->ti[t].content)
            continue;
        for (u = 0; u < s->s.ntokens && !same; u++) {
            const cl_token *st = &s->s.tokens[u];
            const lexent *f;
            if (st->kind != CL_TOK_WORD)
                continue;
            if (cl_streq(st->stem ? st->stem : st->fold, dt->stem ? dt->stem : dt->fold))
                same = 1;
            else if (e && e->ant[0] && (f = lex_find(&x->lex, st->stem ? st->stem : st->fold)) &&
                     opposite(e, f) && other < 0)
                other = (long)u;
            else if (other < 0 && strlen(st->fold) >= 5 && strlen(dt->fold) >= 5 &&
                     (negative_of(st->fold, dt->fold) || negative_of(dt->fold, st->fold)))
                other = (long)u;
        }
        if (same || other < 0)
            continue;
        {
            const cl_token *ot = &s->s.tokens[other];
            int rc = add_finding(r, levels, CL_CMP_NEGATION_FLIPPED, di, d, (uint32_t)t,
                                 (uint32_t)t + 1, sj, s, (uint32_t)other, (uint32_t)other + 1,
                                 "the draft says \"%.*s\" where the source says \"%.*s\"",
                                 (int)(dt->end - dt->start), d->s.text + dt->start,
                                 (int)(ot->end - ot->start), s->s.text + ot->start);
            return rc < 0 ? rc : 1;
        }
    }
    return 0;
}

/* Whether CS is a heading: no stop or other mark ends it. */
static int heading(const csent *cs)
{
    size_t n = cs->s.len;
    const char *t = cs->s.text;

    while (n > 0 && strchr("\"')]\xE2\x80\x9D\x99", t[n - 1]))
        n--;
    return n > 0 && !strchr(".!?:;", t[n - 1]);
}

/* Whether draft sentence D says who speaks, as source sentence S does with
 * attribution A (NULL: a quotation): D has an attribution of its own, or
 * names the source's speaker ("Bolden called the choice a very difficult
 * decision" for a quotation of Bolden's; "the government launched" for
 * "the government announced it had launched"). */
static int names_speaker(const csent *d, const csent *s, const cl_cue *a)
{
    size_t k, t, u;

    for (k = 0; k < d->s.ncues; k++)
        if (d->s.cues[k].def->kind == CL_CUE_ATTRIBUTION)
            return 1;
    if (a) {
        for (t = a->source.start; t < a->source.end; t++)
            for (u = 0; s->ti[t].content && u < d->s.ntokens; u++)
                if (d->ti[u].content && cl_streq(d->s.tokens[u].fold, s->s.tokens[t].fold))
                    return 1;
    } else if (s->s.speaker) {
        for (u = 0; u < d->s.ntokens; u++) {
            const char *w = d->s.text + d->s.tokens[u].start, *p;
            size_t n = d->s.tokens[u].end - d->s.tokens[u].start;
            if (!d->ti[u].name)
                continue;
            for (p = s->s.speaker; *p; p++)
                if (strncmp(p, w, n) == 0)
                    return 1;
        }
    }
    return 0;
}

/* Whether token T lies in the scope of cue C. */
static int in_scope(const cl_cue *c, uint32_t t)
{
    return (t >= c->scope[0].start && t < c->scope[0].end) ||
           (t >= c->scope[1].start && t < c->scope[1].end);
}

/* The share of the words of CS marked in MASK that an attribution reports
 * or a quotation holds. */
static double attributed_share(const csent *cs, const uint8_t *mask)
{
    size_t t, k, n = 0, in = 0;

    for (t = 0; t < cs->s.ntokens; t++) {
        int got = cs->s.quoted && cs->s.quoted[t];
        if (!mask[t] || cs->ti[t].name)
            continue;
        n++;
        for (k = 0; k < cs->s.ncues && !got; k++)
            got = cs->s.cues[k].def->kind == CL_CUE_ATTRIBUTION &&
                  in_scope(&cs->s.cues[k], (uint32_t)t);
        in += got;
    }
    return n ? (double)in / (double)n : 0;
}

/* Whether some source sentence denies what negation C of draft sentence D
 * denies: a negation there covers two of the words C covers (all of them
 * when fewer). The draft may take a denial from a sentence other than the
 * one it was aligned with. */
/* Whether a negation of S covers two of the words KEYS[0..NK) (all of
 * them when there is one). */
static int denies_words(const csent *s, const uint32_t *keys, size_t nk)
{
    size_t k, t, j;

    for (k = 0; k < s->s.ncues; k++) {
        const cl_cue *n = &s->s.cues[k];
        size_t hits = 0;
        if (n->def->kind != CL_CUE_NEGATION)
            continue;
        for (t = 0; t < s->s.ntokens; t++) {
            if (!s->ti[t].key || !in_scope(n, (uint32_t)t))
                continue;
            for (j = 0; j < nk && keys[j] != s->ti[t].key; j++)
                ;
            hits += j < nk;
        }
        if (hits >= (nk < 2 ? nk : 2))
            return 1;
    }
    return 0;
}

static int denial_in_source(const cl_cmp_source *x, const csent *d, const cl_cue *c)
{
    uint32_t keys[16];
    size_t nk = 0, t, p, w;

    for (t = 0; t < d->s.ntokens && nk < 16; t++)
        if (d->ti[t].content && d->ti[t].key && !d->ti[t].name && in_scope(c, (uint32_t)t))
            keys[nk++] = d->ti[t].key;
    /* only the sentences that hold one of the words can */
    for (w = 0; w < nk; w++)
        for (p = x->post_start[keys[w]]; p < x->post_start[keys[w] + 1]; p++)
            if (denies_words(&x->src.v[x->post[p]], keys, nk))
                return 1;
    return 0;
}

/* Whether the names at tokens [DA, DB) of D and [SA, SB) of S stand in
 * the same place: the same word before them or after them. */
static int same_slot(const csent *d, uint32_t da, uint32_t db, const csent *s, uint32_t sa,
                     uint32_t sb)
{
    if (da > 0 && sa > 0 && d->s.tokens[da - 1].kind == CL_TOK_WORD &&
        cl_streq(d->s.tokens[da - 1].fold, s->s.tokens[sa - 1].fold))
        return 1;
    return db < d->s.ntokens && sb < s->s.ntokens && d->s.tokens[db].kind == CL_TOK_WORD &&
           cl_streq(d->s.tokens[db].fold, s->s.tokens[sb].fold);
}

/* Compare draft sentence DI with its aligned source sentences. */
static int compare_sentence(const cl_cmp_source *x, cmp_res *r, const cl_level *levels, size_t di)
{
    const csent *d = &r->draft.v[di];
    const csent *best;
    size_t t, i;
    int rc, stance_found = 0;
    char cue[256];

    if (!d->pub.statement)
        return 0;
    if (d->pub.naligned == 0 || d->pub.support < 0.42) {
        const csent *near = d->pub.naligned ? &x->src.v[d->pub.aligned[0]] : NULL;
        if (!near)
            return add_finding(r, levels, CL_CMP_UNSUPPORTED, di, d, 0, 0, 0, NULL, 0, 0,
                               "no source sentence carries this");
        return add_finding(r, levels, CL_CMP_UNSUPPORTED, di, d, 0, 0, d->pub.aligned[0], near,
                           0, 0,
                           "no source sentence carries this (the closest carries %.0f%% of its "
                           "words)",
                           d->pub.support * 100);
    }
    best = &x->src.v[d->pub.aligned[0]];
    /* polarity, hedges and attribution: the span of the words the draft
     * shares with each aligned sentence, read on both sides */
    for (i = 0; i < d->pub.naligned && !stance_found; i++) {
        size_t sj = d->pub.aligned[i];
        const csent *s = &x->src.v[sj];
        spanstat ds, ss;
        int nshared = 0;
        if (cl_grow(&r->dmask, &r->dcap, d->s.ntokens + 1, 1, 64) < 0 ||
            cl_grow(&r->smask, &r->scap, s->s.ntokens + 1, 1, 64) < 0)
            return CL_ENOMEM;
        memset(r->dmask, 0, d->s.ntokens);
        memset(r->smask, 0, s->s.ntokens);
        for (t = 0; t < d->s.ntokens; t++) {
            long st;
            if (!d->ti[t].content || !d->ti[t].key || (st = find_key(s, d->ti[t].key)) < 0)
                continue;
            r->dmask[t] = 1;
            nshared++;
        }
        /* the first place of each word the draft shares: "rescued 700 ...
         * and the navy reportedly saved 200" holds "rescued" once */
        for (t = 0; t < d->s.ntokens; t++)
            if (r->dmask[t])
                r->want[d->ti[t].key] = 1;
        for (t = 0; t < s->s.ntokens; t++)
            if (s->ti[t].content && s->ti[t].key && r->want[s->ti[t].key]) {
                r->smask[t] = 1;
                r->want[s->ti[t].key] = 0;
            }
        for (t = 0; t < d->s.ntokens; t++)
            if (r->dmask[t])
                r->want[d->ti[t].key] = 0;
        if (nshared < 2)
            continue;
        span_read(&x->lex, r->m, d, r->dmask, &ds);
        span_read(&x->lex, r->m, s, r->smask, &ss);
        if (ds.neg && !ss.neg && denial_in_source(x, d, ds.neg))
            ds.neg = NULL;
        if ((ds.neg != NULL) != (ss.neg != NULL)) {
            stance_found = 1;
            if (ds.neg) {
                cue_words(d, ds.neg, cue, sizeof cue);
                rc = add_finding(r, levels, CL_CMP_NEGATION_FLIPPED, di, d, ds.neg->tokens.start,
                                 ds.neg->tokens.end, sj, s, 0, 0,
                                 "the draft denies (\"%s\") what the source asserts", cue);
            } else {
                cue_words(s, ss.neg, cue, sizeof cue);
                rc = add_finding(r, levels, CL_CMP_NEGATION_FLIPPED, di, d, 0, 0, sj, s,
                                 ss.neg->tokens.start, ss.neg->tokens.end,
                                 "the draft asserts what the source denies (\"%s\")", cue);
            }
            if (rc < 0)
                return rc;
            continue;
        }
        if ((rc = antonym(x, r, levels, di, d, sj, s)) != 0) {
            if (rc < 0)
                return rc;
            stance_found = 1;
            continue;
        }
        if (ss.hedge == HEDGE_DOUBT && ds.hedge < HEDGE_DOUBT) {
            stance_found = 1;
            cue_words(s, ss.hedge_cue, cue, sizeof cue);
            if ((rc = add_finding(r, levels, CL_CMP_HEDGE_DROPPED, di, d,
                                  ds.hedge_cue ? ds.hedge_cue->tokens.start : 0,
                                  ds.hedge_cue ? ds.hedge_cue->tokens.end : 0, sj, s,
                                  ss.hedge_cue->tokens.start, ss.hedge_cue->tokens.end,
                                  "the source hedges this (\"%s\"); the draft states it as %s",
                                  cue, ds.hedge_cue ? "settled" : "fact")) < 0)
                return rc;
        } else if (ds.hedge == HEDGE_DOUBT && ss.hedge < HEDGE_DOUBT) {
            stance_found = 1;
            cue_words(d, ds.hedge_cue, cue, sizeof cue);
            if ((rc = add_finding(r, levels, CL_CMP_HEDGE_ADDED, di, d, ds.hedge_cue->tokens.start,
                                  ds.hedge_cue->tokens.end, sj, s, 0, 0,
                                  "the source states this; the draft hedges it (\"%s\")", cue)) < 0)
                return rc;
        }
        /* a headline does not say who says what */
        if (ss.attr && !heading(d) && attributed_share(s, r->smask) >= 0.5 &&
            attributed_share(d, r->dmask) < 0.5 && !names_speaker(d, s, ss.attr_cue)) {
            stance_found = 1;
            if (ss.attr_cue) {
                cue_words(s, ss.attr_cue, cue, sizeof cue);
                rc = add_finding(r, levels, CL_CMP_ATTRIBUTION_DROPPED, di, d, 0, 0, sj, s,
                                 ss.attr_cue->tokens.start, ss.attr_cue->tokens.end,
                                 "the source attributes this (\"%s\"); the draft states it in "
                                 "its own voice",
                                 cue);
            } else {
                rc = add_finding(r, levels, CL_CMP_ATTRIBUTION_DROPPED, di, d, 0, 0, sj, s, 0, 0,
                                 "the source gives this as a quotation; the draft states it in "
                                 "its own voice");
            }
            if (rc < 0)
                return rc;
        }
    }
    /* numbers */
    for (i = 0; i < d->nnums; i++) {
        const cmp_num *dn = &d->nums[i];
        const csent *slot = NULL;
        const cmp_num *sn = NULL;
        size_t a, u, k, slot_i = 0;
        int found = 0, anywhere = 0;
        for (a = 0; a < d->pub.naligned && !found; a++) {
            const csent *s = &x->src.v[d->pub.aligned[a]];
            for (u = 0; u < s->nnums && !found; u++)
                found = num_equal(dn, &s->nums[u]);
        }
        if (found)
            continue;
        /* near the aligned sentence: context the draft brought in */
        anywhere = source_has_number(x, dn, d->pub.aligned[0]);
        if (anywhere == 1)
            continue;
        /* the source number it replaces: one of the aligned sentences'
         * numbers the draft does not have */
        for (a = 0; a < d->pub.naligned && !sn; a++) {
            const csent *s = &x->src.v[d->pub.aligned[a]];
            for (u = 0; u < s->nnums && !sn; u++) {
                int kept = 0;
                for (k = 0; k < d->nnums && !kept; k++)
                    kept = num_equal(&d->nums[k], &s->nums[u]);
                if (!kept) {
                    sn = &s->nums[u];
                    slot = s;
                    slot_i = d->pub.aligned[a];
                }
            }
        }
        if (anywhere == 2 && !sn)
            continue;
        /* "the two countries", "both": a small number in words with no
         * number of the source's to compare it with */
        if (!sn && !isdigit((unsigned char)d->s.tokens[dn->start].fold[0]) &&
            fabs(dn->value) <= 10)
            continue;
        {
            size_t a0 = d->s.tokens[dn->start].start, b0 = d->s.tokens[dn->end - 1].end;
            if (sn) {
                size_t a1 = slot->s.tokens[sn->start].start, b1 = slot->s.tokens[sn->end - 1].end;
                rc = add_finding(r, levels, CL_CMP_NUMBER_CHANGED, di, d, dn->start, dn->end,
                                 slot_i, slot, sn->start, sn->end,
                                 "the draft says \"%.*s\" where the source says \"%.*s\"",
                                 (int)(b0 - a0), d->s.text + a0, (int)(b1 - a1), slot->s.text + a1);
            } else {
                rc = add_finding(r, levels, CL_CMP_NUMBER_CHANGED, di, d, dn->start, dn->end,
                                 d->pub.aligned[0], best, 0, 0,
                                 "the source does not give the number \"%.*s\"", (int)(b0 - a0),
                                 d->s.text + a0);
            }
            if (rc < 0)
                return rc;
        }
        break; /* one number finding a sentence */
    }
    /* dates named by words: a day or month the aligned sentences lack while
     * they name another */
    for (t = 0; t < d->s.ntokens; t++) {
        size_t a, u;
        int found = 0;
        long other = -1;
        size_t other_s = 0;
        if (!d->ti[t].date)
            continue;
        for (a = 0; a < d->pub.naligned && !found; a++) {
            const csent *s = &x->src.v[d->pub.aligned[a]];
            for (u = 0; u < s->s.ntokens && !found; u++) {
                if (s->ti[u].date != d->ti[t].date)
                    continue;
                if (cl_streq(s->s.tokens[u].fold, d->s.tokens[t].fold))
                    found = 1;
                else if (other < 0)
                    other = (long)u, other_s = d->pub.aligned[a];
            }
        }
        if (!found && other >= 0) {
            const csent *s = &x->src.v[other_s];
            if ((rc = add_finding(r, levels, CL_CMP_NUMBER_CHANGED, di, d, (uint32_t)t,
                                  (uint32_t)t + 1, other_s, s, (uint32_t)other, (uint32_t)other + 1,
                                  "the draft says \"%.*s\" where the source says \"%.*s\"",
                                  (int)(d->s.tokens[t].end - d->s.tokens[t].start),
                                  d->s.text + d->s.tokens[t].start,
                                  (int)(s->s.tokens[other].end - s->s.tokens[other].start),
                                  s->s.text + s->s.tokens[other].start)) < 0)
                return rc;
            break;
        }
    }
    /* names */
    for (t = 0; t < d->s.ntokens; t++) {
        const char *f = d->s.tokens[t].fold;
        size_t a;
        int found = 0, elsewhere = 0, slot = 0;
        long missing = -1;
        size_t missing_s = 0;
        uint32_t na, nb;
        if (!d->ti[t].name)
            continue;
        for (a = 0; a < d->pub.naligned && !found; a++)
            found = has_name(&x->src.v[d->pub.aligned[a]], f);
        if (found)
            continue;
        /* the names of the aligned sentences the draft lacks: the one in
         * the draft name's place ("a blog written by Devocht" for "by
         * Rathbun") is the one it replaced; else the first */
        name_span(d, (uint32_t)t, &na, &nb);
        for (a = 0; a < d->pub.naligned && !slot; a++) {
            const csent *s = &x->src.v[d->pub.aligned[a]];
            size_t u;
            for (u = 0; u < s->s.ntokens && !slot; u++) {
                uint32_t sa, sb;
                if (!s->ti[u].name || has_name(d, s->s.tokens[u].fold))
                    continue;
                name_span(s, (uint32_t)u, &sa, &sb);
                slot = same_slot(d, na, nb, s, sa, sb);
                if (missing < 0 || slot)
                    missing = (long)u, missing_s = d->pub.aligned[a];
            }
        }
        /* a name the source has elsewhere is context the draft brings in,
         * unless it stands in the place of another */
        elsewhere = source_has_name(x, f);
        if (elsewhere && !slot)
            continue;
        name_span(d, (uint32_t)t, &na, &nb);
        if (missing >= 0) {
            const csent *s = &x->src.v[missing_s];
            uint32_t sa, sb;
            size_t a0 = d->s.tokens[na].start, b0 = d->s.tokens[nb - 1].end, a1, b1;
            name_span(s, (uint32_t)missing, &sa, &sb);
            a1 = s->s.tokens[sa].start;
            b1 = s->s.tokens[sb - 1].end;
            rc = add_finding(r, levels, CL_CMP_ENTITY_CHANGED, di, d, na, nb, missing_s, s, sa, sb,
                             "the draft names \"%.*s\" where the source names \"%.*s\"",
                             (int)(b0 - a0), d->s.text + a0, (int)(b1 - a1), s->s.text + a1);
        } else {
            size_t a0 = d->s.tokens[na].start, b0 = d->s.tokens[nb - 1].end;
            rc = add_finding(r, levels, CL_CMP_ENTITY_CHANGED, di, d, na, nb, d->pub.aligned[0],
                             best, 0, 0, "the source does not name \"%.*s\"", (int)(b0 - a0),
                             d->s.text + a0);
        }
        if (rc < 0)
            return rc;
        break;
    }
    return 0;
}

int cl_compare(cl_cmp_result **out, const cl_cmp_source *x, cl_doc *draft, cl_split_mode mode,
               const cl_level *levels)
{
    cmp_res *r;
    align_ctx ac = {NULL, NULL, 0, NULL, 0, 0};
    size_t i, t;
    int rc, oom = 0;

    *out = NULL;
    if (!(r = calloc(1, sizeof *r)) || !(r->arena = cl_arena_new())) {
        free(r);
        return cl_nomem(NULL);
    }
    r->draft.positions = 1;
    if ((rc = cl_matcher_new(&r->m)) < 0 ||
        (rc = read_side(&r->draft, &x->lex, draft, x->rules, mode)) < 0)
        goto fail;
    settle_names(&r->draft, &x->src);
    if (r->draft.nomem) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    for (i = 0; i < r->draft.n; i++) {
        csent *d = &r->draft.v[i];
        for (t = 0; t < d->s.ntokens; t++)
            if (d->ti[t].content)
                d->ti[t].key = token_key(&x->lex, (cl_strtab *)&x->words, NULL, &d->s.tokens[t], 0,
                                         &oom);
    }
    ac.score = calloc(x->src.n + 1, sizeof *ac.score);
    ac.touched = calloc(x->src.n + 1, sizeof *ac.touched);
    ac.stamp = calloc(x->nkeys + 1, sizeof *ac.stamp);
    ac.nkeys = x->nkeys;
    r->want = calloc(x->nkeys + 1, 1);
    if (!ac.score || !ac.touched || !ac.stamp || !r->want) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    for (i = 0; i < r->draft.n; i++)
        if (r->draft.v[i].pub.statement && (rc = align(x, &ac, &r->draft.v[i])) < 0)
            goto fail;
    for (i = 0; i < r->draft.n; i++)
        if ((rc = compare_sentence(x, r, levels, i)) < 0)
            goto fail;
    /* the public view */
    r->src_pub = malloc((x->src.n ? x->src.n : 1) * sizeof *r->src_pub);
    r->draft_pub = malloc((r->draft.n ? r->draft.n : 1) * sizeof *r->draft_pub);
    if (!r->src_pub || !r->draft_pub) {
        rc = cl_nomem(NULL);
        goto fail;
    }
    for (i = 0; i < x->src.n; i++)
        r->src_pub[i] = x->src.v[i].pub;
    for (i = 0; i < r->draft.n; i++)
        r->draft_pub[i] = r->draft.v[i].pub;
    {
        size_t len;
        const char *dd = cl_doc_text(draft, &len);
        r->draft_name = cl_strndup(cl_doc_name(draft), strlen(cl_doc_name(draft)));
        r->draft_data = cl_strndup(dd, len);
        if (!r->draft_name || !r->draft_data) {
            rc = cl_nomem(NULL);
            goto fail;
        }
        r->pub.draft_len = len;
    }
    r->pub.source_name = x->name;
    r->pub.source_data = x->data;
    r->pub.source_len = x->len;
    r->pub.draft_name = r->draft_name;
    r->pub.draft_data = r->draft_data;
    r->pub.source = r->src_pub;
    r->pub.nsource = x->src.n;
    r->pub.draft = r->draft_pub;
    r->pub.ndraft = r->draft.n;
    r->pub.findings = r->f;
    r->pub.nfindings = r->nf;
    free(ac.score);
    free(ac.touched);
    free(ac.stamp);
    *out = &r->pub;
    return 0;
fail:
    free(ac.score);
    free(ac.touched);
    free(ac.stamp);
    cl_cmp_result_free(&r->pub);
    return rc;
}

void cl_cmp_result_free(cl_cmp_result *res)
{
    cmp_res *r = (cmp_res *)res;

    if (!r)
        return;
    side_free(&r->draft);
    cl_arena_free(r->arena);
    cl_matcher_free(r->m);
    free(r->want);
    free(r->dmask);
    free(r->smask);
    free(r->src_pub);
    free(r->draft_pub);
    free(r->f);
    free(r->draft_name);
    free(r->draft_data);
    free(r);
}

