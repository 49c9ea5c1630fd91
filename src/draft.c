/* draft.c - `claimlint rules draft`: a starter rule file from a source
 * article. Each check-worthy statement of the source (a sentence with a
 * verb, final punctuation and five words or more) becomes a <claim>: a
 * title, a <source> naming the file and line, a <near> on the statement's
 * rarest content words within the article (names as written, numbers by
 * value, other words by stem), the source sentence as an <example> and a
 * verdict from how the source words it.
 *
 * Nothing is guessed about what claimlint will read: the drafted rules are
 * written to a temporary file, loaded and compiled like any rule file, run
 * on the source (which sentences each claim matches, with what status) and
 * on their examples (the status `rules test` will see). The file written
 * takes its statuses, verdicts and severity overrides from those runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* ---- words ---------------------------------------------------------------- */

/* Function words: never key words. Sorted, for bsearch. */
static const char *const stop_words[] = {
    "about", "above", "additionally", "after", "again", "against", "all", "almost", "already",
    "also", "although", "always", "among", "an", "and", "another", "any", "are", "around",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "currently", "did", "does", "doing", "done", "down", "dr", "during",
    "each", "earlier", "either", "else", "especially", "even", "ever", "every", "few", "for",
    "from", "further", "furthermore", "had", "has", "have", "having", "he", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "however", "if", "in", "including",
    "indeed", "instead", "into", "is", "it", "its", "itself", "just", "last", "later",
    "least", "less", "like", "made", "make", "many", "may", "me", "meanwhile", "might",
    "more", "moreover", "most", "mr", "mrs", "ms", "much", "must", "my", "near", "nearly",
    "neither", "nevertheless", "next", "no", "nonetheless", "nor", "not", "now", "of", "off",
    "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our",
    "ours", "out", "over", "own", "particularly", "per", "quite", "rather", "really",
    "recently", "regarding", "same", "separately", "shall", "she", "should", "since", "so",
    "some", "sometimes", "such", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "therefore", "these", "they", "this", "those", "though", "through", "thus", "to",
    "too", "toward", "towards", "under", "until", "up", "upon", "us", "very", "via", "was",
    "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your"};

/* Words that make a sentence a statement (finite verbs and auxiliaries a
 * suffix test misses). Sorted. */
static const char *const verb_words[] = {
    "am", "are", "became", "began", "brought", "built", "came", "can", "could", "did", "does",
    "fell", "felt", "found", "gave", "got", "grew", "had", "has", "have", "held", "is",
    "kept", "knew", "led", "left", "lost", "made", "may", "met", "might", "must", "paid",
    "put", "ran", "remains", "rose", "said", "sank", "saw", "says", "sent", "set", "shall",
    "should", "sold", "spent", "spoke", "stood", "struck", "thought", "told", "took", "want",
    "wants", "was", "went", "were", "will", "won", "would", "wrote"};

/* Words that open a sentence without being part of its statement. Sorted. */
static const char *const discourse_words[] = {
    "additionally", "also", "and", "but", "furthermore", "however", "indeed", "instead",
    "meanwhile", "moreover", "nevertheless", "nonetheless", "separately", "so", "still",
    "then", "thus", "yet"};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_list(const char *const *list, size_t n, const char *w)
{
    return bsearch(&w, list, n, sizeof *list, cmp_str) != NULL;
}

#define IN_LIST(list, w) in_list(list, sizeof list / sizeof list[0], w)

/* A token of a source sentence as drafting sees it; strings in the arena. */
typedef struct dword {
    const char *text;      /* as written */
    const char *fold, *stem;
    uint32_t start, end;   /* bytes in the sentence's text */
    cl_token_kind kind;
    unsigned char cue;     /* part of a cue found in the sentence */
    unsigned char speaker; /* names the source of an attribution */
    unsigned char in_num;  /* inside a number that starts earlier */
    unsigned char name;    /* written as a name: kept as written */
    unsigned char scope;   /* in the scope of a cue: 3 negation, 2 hedge or
                            * hypothetical, 1 attribution, 0 none */
    size_t numlen;         /* a number starts here: how many tokens */
    double value;
    char unit[8];
    uint32_t key;          /* number in the keys table, 0: not a key word */
} dword;

/* A sentence of the source. */
typedef struct dsent {
    const char *text;
    size_t len;
    unsigned line;
    size_t start_byte;
    dword *w;
    size_t n;
    uint32_t *keys; /* the distinct keys of its words, sorted */
    size_t nkeys;
    int worthy;
} dsent;

/* A claim being drafted from sentence SENT. */
typedef struct dclaim {
    size_t sent;
    size_t pick[16]; /* indices of the key words in the sentence, in order */
    size_t npick;
    unsigned window;
    char id[48];
    size_t neighbour;  /* a sentence sharing key words, for a "none" example */
    int has_neighbour;
    /* what the runs of the drafted rules found */
    int own;           /* matched its own sentence in the source */
    cl_status status;  /* there (the strongest, when several) */
    cl_status example; /* on its example alone, as `rules test` runs it */
    int override[4];      /* a cl_level by status, -1: the verdict's default */
    unsigned seen;        /* bit per status found, in any sentence */
    unsigned other_line;  /* the first line of another sentence it matches */
    cl_status other_status;
} dclaim;

typedef struct draft {
    cl_arena *arena;
    const cl_rules *lexicon;
    cl_strtab cue_folds, cue_stems; /* one-word cues */
    cl_strtab lower;                /* folds seen written in lower case */
    cl_strtab keys;                 /* key words: stems, numbers as "#value" */
    size_t *df;                     /* by key: sentences that have it */
    size_t df_cap;
    size_t **post;                  /* by key: those sentences */
    size_t *npost;
    dsent *s;
    size_t ns, s_cap;
    dclaim *c;
    size_t nc;
    const char *name; /* the source as named in the file */
    char ruleset[64];
} draft;

/* ---- reading the source ------------------------------------------------ */

static int has_letter(const char *s)
{
    size_t i, n = strlen(s), len;

    for (i = 0; i < n; i += len)
        if (cl_uc_is_letter(cl_utf8_decode(s + i, n - i, &len)))
            return 1;
    return 0;
}

/* Whether S has a lower-case letter. */
static int has_lower(const char *s)
{
    size_t i, n = strlen(s), len;

    for (i = 0; i < n; i += len)
        if (cl_uc_is_lower(cl_utf8_decode(s + i, n - i, &len)))
            return 1;
    return 0;
}

static int starts_upper(const char *s)
{
    size_t len;

    return cl_uc_is_upper(cl_utf8_decode(s, strlen(s), &len));
}

/* Mark the tokens of S's cues and of the sources its attributions name. */
static void mark_cues(const cl_sentence *s, dword *w)
{
    size_t k, i;
    unsigned char rank;
    int side;

    for (k = 0; k < s->ncues; k++) {
        const cl_cue *c = &s->cues[k];
        if (c->def->kind == CL_CUE_TERMINATOR || c->def->kind == CL_CUE_PSEUDO)
            continue;
        for (i = c->tokens.start; i < c->tokens.end; i++)
            w[i].cue = 1;
        for (i = c->source.start; i < c->source.end; i++)
            w[i].speaker = 1;
        rank = c->def->kind == CL_CUE_NEGATION      ? 3
               : c->def->kind == CL_CUE_ATTRIBUTION ? 1
                                                    : 2;
        for (side = 0; side < 2; side++)
            for (i = c->scope[side].start; i < c->scope[side].end; i++)
                if (w[i].scope < rank)
                    w[i].scope = rank;
    }
}

/* Read the numbers of S ("£95,500", "13.8%", "2017") whose amount is
 * written in digits. */
static void mark_numbers(const cl_sentence *s, dword *w)
{
    size_t i, k, n;

    for (i = 0; i < s->ntokens; i++) {
        if (w[i].in_num || (s->tokens[i].kind != CL_TOK_NUMBER &&
                            s->tokens[i].kind != CL_TOK_SYMBOL))
            continue;
        n = cl_number_at(s, i, &w[i].value, w[i].unit);
        for (k = i; k < i + n && s->tokens[k].kind != CL_TOK_NUMBER; k++)
            ;
        if (!n || k == i + n)
            continue;
        w[i].numlen = n;
        for (k = i + 1; k < i + n; k++)
            w[k].in_num = 1;
    }
}

static int add_sentence(draft *d, const cl_sentence *s)
{
    dsent *ds;
    size_t i;

    if (cl_grow(&d->s, &d->s_cap, d->ns + 1, sizeof *d->s, 32) < 0)
        return CL_ENOMEM;
    ds = &d->s[d->ns];
    memset(ds, 0, sizeof *ds);
    ds->text = cl_arena_strndup(d->arena, s->text, s->len);
    ds->len = s->len;
    ds->line = s->line;
    ds->start_byte = s->start_byte;
    ds->n = s->ntokens;
    ds->w = cl_arena_alloc(d->arena, (s->ntokens ? s->ntokens : 1) * sizeof *ds->w);
    if (!ds->text || !ds->w)
        return cl_nomem(NULL);
    memset(ds->w, 0, (s->ntokens ? s->ntokens : 1) * sizeof *ds->w);
    for (i = 0; i < s->ntokens; i++) {
        const cl_token *t = &s->tokens[i];
        dword *w = &ds->w[i];
        w->kind = t->kind;
        w->start = t->start;
        w->end = t->end;
        w->text = cl_arena_strndup(d->arena, s->text + t->start, t->end - t->start);
        w->fold = cl_arena_strndup(d->arena, t->fold, strlen(t->fold));
        w->stem = t->stem ? cl_arena_strndup(d->arena, t->stem, strlen(t->stem)) : w->fold;
        if (!w->text || !w->fold || !w->stem)
            return cl_nomem(NULL);
        if (t->kind == CL_TOK_WORD && !starts_upper(w->text) && !cl_strtab_intern(&d->lower, w->fold))
            return cl_nomem(NULL);
    }
    mark_cues(s, ds->w);
    mark_numbers(s, ds->w);
    d->ns++;
    return 0;
}

/* The one-word negation, hedge, hypothetical and attribution cues of the
 * lexicon ("not", "may", "said"): never key words. */
static int index_cue_words(draft *d)
{
    size_t i, n = cl_rules_cue_count(d->lexicon);

    for (i = 0; i < n; i++) {
        const cl_cue_entry *e = cl_rules_entry(d->lexicon, (uint32_t)i);
        cl_strtab *t = e->def.inflected ? &d->cue_stems : &d->cue_folds;
        if (e->nwords != 1 || e->def.kind == CL_CUE_TERMINATOR || e->def.kind == CL_CUE_PSEUDO)
            continue;
        if (!cl_strtab_intern(t, e->words[0]))
            return cl_nomem(NULL);
    }
    return 0;
}

/* ---- check-worthy statements --------------------------------------------- */

static int is_word(const dword *w)
{
    return w->kind == CL_TOK_WORD || w->kind == CL_TOK_NUMBER;
}

static int is_pronoun_or_name(const dword *w)
{
    static const char *const subjects[] = {"he", "it", "she", "that", "this", "which", "who"};
    size_t i;

    if (w->kind == CL_TOK_WORD && starts_upper(w->text))
        return 1;
    for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
        if (strcmp(w->fold, subjects[i]) == 0)
            return 1;
    return 0;
}

/* Whether the sentence has a finite verb, as far as words tell without a
 * parser: an auxiliary or a common verb, a word in -ed, a cue (a report,
 * a hedge, a denial), or a word in -s after a name or pronoun. */
static int has_verb(const dsent *s)
{
    size_t i, len;
    const dword *prev = NULL;

    for (i = 0; i < s->n; i++) {
        const dword *w = &s->w[i];
        if (w->kind != CL_TOK_WORD)
            continue;
        len = strlen(w->fold);
        if (IN_LIST(verb_words, w->fold) || w->cue ||
            (len >= 4 && strcmp(w->fold + len - 2, "ed") == 0))
            return 1;
        if (prev && len >= 4 && w->fold[len - 1] == 's' && w->fold[len - 2] != 's' &&
            !starts_upper(w->text) && is_pronoun_or_name(prev))
            return 1;
        prev = w;
    }
    return 0;
}

/* Whether the sentence ends with . ! or ? (perhaps inside quotation marks
 * or brackets). */
static int has_final_stop(const dsent *s)
{
    size_t i = s->n;

    while (i > 0 && s->w[i - 1].kind == CL_TOK_PUNCT && !strchr(".!?", s->w[i - 1].fold[0]))
        i--;
    if (i > 0 && s->w[i - 1].kind == CL_TOK_WORD)
        return s->w[i - 1].fold[strlen(s->w[i - 1].fold) - 1] == '.'; /* "U.S." */
    return i > 0 && s->w[i - 1].kind == CL_TOK_PUNCT && s->w[i - 1].fold[0] != '\0' &&
           strchr(".!?", s->w[i - 1].fold[0]);
}

static int worthy(const dsent *s)
{
    size_t i, words = 0;

    for (i = 0; i < s->n; i++)
        words += is_word(&s->w[i]);
    return words >= 5 && has_final_stop(s) && has_verb(s);
}

/* ---- key words ------------------------------------------------------------ */

/* Whether the text of W, alone, is one token with W's folded form (a
 * <token> must be one token). */
static int one_token(draft *d, const dword *w)
{
    cl_tokvec tv = {NULL, 0, 0};
    int ok;

    if (strchr(w->text, '|'))
        return 0;
    ok = cl_tokenize(d->arena, w->text, strlen(w->text), &tv) == 0 && tv.n == 1 &&
         strcmp(tv.v[0].fold, w->fold) == 0;
    cl_tokvec_free(&tv);
    return ok;
}

/* Whether word I of S may be a key word: a name, a content word or a
 * number, not a cue, not who the sentence says speaks. */
static int candidate(draft *d, const dsent *s, size_t i)
{
    const dword *w = &s->w[i];

    if (w->cue || w->speaker || w->in_num)
        return 0;
    if (w->numlen)
        return 1;
    if ((w->kind != CL_TOK_WORD && w->kind != CL_TOK_NUMBER) || strlen(w->fold) < 2)
        return 0;
    if (w->kind == CL_TOK_WORD && (!has_letter(w->fold) || w->fold[0] == '\''))
        return 0;
    if (IN_LIST(stop_words, w->fold) || cl_strtab_find(&d->cue_folds, w->fold) ||
        cl_strtab_find(&d->cue_stems, w->stem))
        return 0;
    if (!w->name && strlen(w->fold) < 3)
        return 0;
    return one_token(d, w);
}

/* Decide which words of sentence S are names: capitalized, unless the
 * capital is the sentence's and the source writes the word in lower case
 * elsewhere. */
static void mark_names(draft *d, dsent *s)
{
    size_t i;
    int first = 1;

    for (i = 0; i < s->n; i++) {
        dword *w = &s->w[i];
        if (w->kind != CL_TOK_WORD)
            continue;
        w->name = starts_upper(w->text) && !(first && cl_strtab_find(&d->lower, w->fold));
        first = 0;
    }
}

/* Give every candidate word its key (stem; "#value" for a number) and
 * each sentence its sorted set of keys. */
static int index_keys(draft *d)
{
    size_t i, k;
    char buf[64];

    for (i = 0; i < d->ns; i++) {
        dsent *s = &d->s[i];
        mark_names(d, s);
        s->keys = cl_arena_alloc(d->arena, (s->n ? s->n : 1) * sizeof *s->keys);
        if (!s->keys)
            return cl_nomem(NULL);
        for (k = 0; k < s->n; k++) {
            dword *w = &s->w[k];
            const char *key;
            if (!candidate(d, s, k))
                continue;
            if (w->numlen) {
                snprintf(buf, sizeof buf, "#%.15g", w->value);
                key = cl_arena_strndup(d->arena, buf, strlen(buf));
            } else {
                key = w->stem;
            }
            if (!key || !(w->key = cl_strtab_intern(&d->keys, key)))
                return cl_nomem(NULL);
            s->keys[s->nkeys++] = w->key;
        }
    }
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

/* Sort and deduplicate each sentence's keys; count in how many sentences
 * each key occurs, and list them. */
static int count_keys(draft *d)
{
    size_t i, k, m, nk = d->keys.n + 1;

    d->df = calloc(nk, sizeof *d->df);
    d->npost = calloc(nk, sizeof *d->npost);
    d->post = calloc(nk, sizeof *d->post);
    if (!d->df || !d->npost || !d->post)
        return cl_nomem(NULL);
    for (i = 0; i < d->ns; i++) {
        dsent *s = &d->s[i];
        qsort(s->keys, s->nkeys, sizeof *s->keys, cmp_u32);
        for (k = m = 0; k < s->nkeys; k++)
            if (!m || s->keys[m - 1] != s->keys[k])
                s->keys[m++] = s->keys[k];
        s->nkeys = m;
        for (k = 0; k < m; k++)
            d->df[s->keys[k]]++;
    }
    for (k = 1; k < nk; k++)
        if (d->df[k] && !(d->post[k] = malloc(d->df[k] * sizeof **d->post)))
            return cl_nomem(NULL);
    for (i = 0; i < d->ns; i++)
        for (k = 0; k < d->s[i].nkeys; k++)
            d->post[d->s[i].keys[k]][d->npost[d->s[i].keys[k]]++] = i;
    return 0;
}

static int has_key(const dsent *s, uint32_t key)
{
    return bsearch(&key, s->keys, s->nkeys, sizeof key, cmp_u32) != NULL;
}

/* The sentences other than I (and other than worthy sentences of the same
 * text, already skipped) that have every key of the picked words: those
 * the <near> could match. Returns how many; the first in *WHICH. */
static size_t clashes(const draft *d, size_t i, const size_t *pick, size_t npick, size_t *which)
{
    const dsent *s = &d->s[i];
    uint32_t rare = s->w[pick[0]].key;
    size_t k, j, n = 0;

    for (k = 1; k < npick; k++)
        if (d->df[s->w[pick[k]].key] < d->df[rare])
            rare = s->w[pick[k]].key;
    for (j = 0; j < d->npost[rare]; j++) {
        size_t o = d->post[rare][j];
        if (o == i)
            continue;
        for (k = 0; k < npick && has_key(&d->s[o], s->w[pick[k]].key); k++)
            ;
        if (k == npick && n++ == 0)
            *which = o;
    }
    return n;
}

/* Order of preference of two candidate words of a sentence: the rarer in
 * the source first, then numbers, names, longer words, earlier ones. */
static const dsent *rank_sent;
static const draft *rank_draft;

/* Whether W looks like an adverb in -ly ("directly"): a weaker key word. */
static int adverb(const dword *w)
{
    size_t n = strlen(w->fold);

    return !w->name && n > 4 && strcmp(w->fold + n - 2, "ly") == 0;
}

static int by_rarity(const void *a, const void *b)
{
    const dword *x = &rank_sent->w[*(const size_t *)a], *y = &rank_sent->w[*(const size_t *)b];
    size_t dx = rank_draft->df[x->key], dy = rank_draft->df[y->key];

    if (dx != dy)
        return dx < dy ? -1 : 1;
    if (adverb(x) != adverb(y))
        return adverb(x) ? 1 : -1;
    if ((x->numlen > 0) != (y->numlen > 0))
        return x->numlen ? -1 : 1;
    if (x->name != y->name)
        return x->name ? -1 : 1;
    if (strlen(x->fold) != strlen(y->fold))
        return strlen(x->fold) > strlen(y->fold) ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* Words (not punctuation) from token A to token B of S, both included. */
static unsigned words_between(const dsent *s, size_t a, size_t b)
{
    unsigned n = 0;

    for (; a <= b; a++)
        n += s->w[a].kind != CL_TOK_PUNCT;
    return n;
}

enum { MIN_KEYS = 3, MAX_KEYS = 5, WINDOW_MAX = 100 };

static void statement_range(const dsent *s, size_t *a, size_t *b);

/* Make sure one of the NT words TAKEN lies in the scope of the strongest
 * cue of S that covers a candidate (of the NC CAND, rarest first), so
 * that the match says what the sentence does ("X is not related to Y":
 * a word of "related to Y", not only of X): add the rarest such word,
 * room (CAP words) permitting. */
static void cover_scope(const dsent *s, const size_t *cand, size_t nc, size_t *taken, size_t *nt,
                        size_t cap)
{
    unsigned char best = 0;
    size_t k;

    for (k = 0; k < nc; k++)
        if (s->w[cand[k]].scope > best)
            best = s->w[cand[k]].scope;
    for (k = 0; k < *nt; k++)
        if (s->w[taken[k]].scope == best)
            return;
    for (k = 0; k < nc && s->w[cand[k]].scope != best; k++)
        ;
    if (k == nc || *nt == cap)
        return;
    taken[(*nt)++] = cand[k];
}

/* Pick the key words of sentence I into C: the MIN_KEYS to MAX_KEYS
 * rarest, more while another sentence has them all. Returns 0 when the
 * sentence has too few. */
static int pick_keys(draft *d, size_t i, dclaim *c)
{
    dsent *s = &d->s[i];
    size_t cand[256], nc = 0, k, taken[16], nt = 0, other = 0, words = 0, last, a, e;
    unsigned span;

    /* the words of the statement, not of a dateline or an attribution
     * around it, unless that leaves too few */
    statement_range(s, &a, &e);
    for (k = a, nc = 0; k < e; k++)
        nc += s->w[k].key != 0;
    if (nc < MIN_KEYS) {
        a = 0;
        e = s->n;
    }
    nc = 0;
    for (k = a; k < e && nc < sizeof cand / sizeof cand[0]; k++)
        if (s->w[k].key) {
            for (last = 0; last < nc && s->w[cand[last]].key != s->w[k].key; last++)
                ;
            if (last == nc)
                cand[nc++] = k;
        }
    rank_sent = s;
    rank_draft = d;
    cl_sort(cand, nc, sizeof *cand, by_rarity);
    for (k = 0; k < nc && nt < sizeof taken / sizeof taken[0]; k++) {
        const dword *w = &s->w[cand[k]];
        if (nt >= MIN_KEYS && (nt >= MAX_KEYS || !clashes(d, i, taken, nt, &other)))
            break;
        /* past the minimum, only a word that tells this sentence from
         * another that has all the words so far */
        if (nt >= MIN_KEYS && has_key(&d->s[other], w->key))
            continue;
        taken[nt++] = cand[k];
        words += !w->numlen;
    }
    if (nt < 2 || !words)
        return 0;
    cover_scope(s, cand, nc, taken, &nt, sizeof taken / sizeof taken[0]);
    qsort(taken, nt, sizeof *taken, cmp_size);
    /* a <near> spans at most WINDOW_MAX words: drop the farthest words */
    while (nt > 2 && words_between(s, taken[0], taken[nt - 1] + s->w[taken[nt - 1]].numlen) >
                         WINDOW_MAX * 2 / 3) {
        if (taken[1] - taken[0] > taken[nt - 1] - taken[nt - 2])
            memmove(taken, taken + 1, --nt * sizeof *taken);
        else
            nt--;
    }
    last = taken[nt - 1] + (s->w[taken[nt - 1]].numlen ? s->w[taken[nt - 1]].numlen - 1 : 0);
    span = words_between(s, taken[0], last);
    memcpy(c->pick, taken, nt * sizeof *taken);
    c->npick = nt;
    c->window = span + span / 2 + 4;
    if (c->window > WINDOW_MAX)
        c->window = WINDOW_MAX;
    return 1;
}

/* A sentence that shares two key words or more with claim C's sentence
 * but not all (a near miss for a "none" example), the one sharing most. */
static void pick_neighbour(draft *d, dclaim *c)
{
    const dsent *s = &d->s[c->sent];
    size_t j, k, best = 1, shared;

    for (j = 0; j < d->ns; j++) {
        if (j == c->sent || !d->s[j].worthy)
            continue;
        for (k = shared = 0; k < c->npick; k++)
            shared += has_key(&d->s[j], s->w[c->pick[k]].key);
        if (shared > best && shared < c->npick) {
            best = shared;
            c->neighbour = j;
            c->has_neighbour = 1;
        }
    }
}

/* ---- ids and titles ---------------------------------------------------------- */

/* Append the ASCII letters and digits of S, lower-cased, to OUT (CAP
 * bytes); other characters become one '-' between them. */
static void slug_add(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);

    for (; *s && n + 1 < cap; s++) {
        char ch = *s;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')
            out[n++] = ch;
        else if (n && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = '\0';
}

int cl_draft_slug(char *out, size_t cap, const char *s)
{
    char buf[64] = "";

    slug_add(buf, sizeof buf, s);
    out[0] = '\0';
    if (!buf[0])
        return -1;
    if (!(buf[0] >= 'a' && buf[0] <= 'z')) {
        snprintf(out, cap, "r-%s", buf);
        slug_add(out, cap, "");
    } else {
        snprintf(out, cap, "%s", buf);
    }
    return 0;
}

/* Claim C's id: its first three key words (not numbers), made unique. */
static void make_id(draft *d, dclaim *c)
{
    const dsent *s = &d->s[c->sent];
    char base[40] = "";
    size_t k, used = 0, j, n;
    int dup = 1;

    for (k = 0; k < c->npick && used < 3; k++) {
        const dword *w = &s->w[c->pick[k]];
        if (w->numlen)
            continue;
        if (base[0])
            slug_add(base, sizeof base, "-");
        n = strlen(base);
        if (n)
            base[n++] = '-', base[n] = '\0';
        slug_add(base, sizeof base, w->fold);
        used++;
    }
    if (!(base[0] >= 'a' && base[0] <= 'z')) {
        memmove(base + 6, base, sizeof base - 6);
        memcpy(base, "claim-", 6);
        base[sizeof base - 1] = '\0';
        slug_add(base, sizeof base, "");
    }
    snprintf(c->id, sizeof c->id, "%s", base);
    while (dup) {
        dup = 0;
        for (j = 0; j < d->nc && &d->c[j] != c; j++)
            if (strcmp(d->c[j].id, c->id) == 0) {
                dup++;
                break;
            }
        if (dup)
            snprintf(c->id, sizeof c->id, "%s-%zu", base, (size_t)++used + 1);
    }
}

static int is_quote(const dword *w)
{
    cl_token t;

    memset(&t, 0, sizeof t);
    t.fold = w->fold;
    t.kind = w->kind;
    return w->kind == CL_TOK_PUNCT && cl_token_is_quote(&t);
}

/* The tokens [*A, *B) of S that say its statement: without the discourse
 * words before it ("However,"), a leading "According to X," and an
 * attribution after its last comma (", the mayor said."). */
static void statement_range(const dsent *s, size_t *a, size_t *b)
{
    size_t i = 0, n = s->n, comma = 0, k;

    while (i < n && (is_quote(&s->w[i]) || (s->w[i].kind == CL_TOK_WORD &&
                                            IN_LIST(discourse_words, s->w[i].fold) &&
                                            i + 1 < n)))
        i += s->w[i].kind == CL_TOK_WORD && i + 1 < n && strcmp(s->w[i + 1].fold, ",") == 0 ? 2
                                                                                             : 1;
    /* a dateline: "WASHINGTON (Reuters) - P" */
    if (i < n && s->w[i].kind == CL_TOK_WORD && strlen(s->w[i].fold) > 1 &&
        strcmp(s->w[i].text, s->w[i].fold) != 0 && !has_lower(s->w[i].text))
        for (k = i + 1; k < n && k < i + 8; k++)
            if (s->w[k].kind == CL_TOK_PUNCT && (strcmp(s->w[k].fold, "-") == 0 ||
                                                 strcmp(s->w[k].fold, "\xe2\x80\x94") == 0 ||
                                                 strcmp(s->w[k].fold, "\xe2\x80\x93") == 0)) {
                i = k + 1;
                break;
            }
    /* "According to the coach, P": P */
    if (i + 1 < n && strcmp(s->w[i].fold, "according") == 0 && strcmp(s->w[i + 1].fold, "to") == 0)
        for (k = i + 2; k < n && k < i + 16; k++)
            if (strcmp(s->w[k].fold, ",") == 0) {
                i = k + 1;
                break;
            }
    while (i < n && (is_quote(&s->w[i]) || strcmp(s->w[i].fold, ",") == 0))
        i++;
    for (k = i; k < n; k++)
        if (strcmp(s->w[k].fold, ",") == 0)
            comma = k;
    if (comma > i) {
        size_t words = 0, cue = 0;
        for (k = comma + 1; k < n; k++) {
            words += is_word(&s->w[k]);
            cue |= s->w[k].cue;
        }
        if (cue && words <= 10)
            n = comma;
    }
    while (n > i && (s->w[n - 1].kind == CL_TOK_PUNCT && strchr(".,;:", s->w[n - 1].fold[0])))
        n--;
    while (n > i && is_quote(&s->w[n - 1]))
        n--;
    while (n > i && s->w[n - 1].kind == CL_TOK_PUNCT && strchr(".,;:", s->w[n - 1].fold[0]))
        n--;
    *a = i;
    *b = n > i ? n : s->n;
    if (n <= i)
        *a = 0;
}

enum { TITLE_MAX = 100 };

int cl_draft_title(cl_buf *b, const char *text, size_t len)
{
    size_t i = 0, chars = 0, cut = 0, l;
    int32_t c;

    b->len = 0;
    while (i < len && (text[i] == ' '))
        i++;
    if (i < len && text[i] >= 'a' && text[i] <= 'z') {
        cl_buf_putc(b, (char)(text[i] - 32));
        i++;
        chars++;
    }
    for (; i < len; i += l) {
        c = cl_utf8_decode(text + i, len - i, &l);
        if (c == ' ')
            cut = b->len;
        if (chars == TITLE_MAX && i < len) {
            if (cut)
                b->len = cut;
            while (b->len && strchr(",;:-", b->data[b->len - 1]))
                b->len--;
            cl_buf_puts(b, "...");
            break;
        }
        cl_buf_add(b, text + i, l);
        chars++;
    }
    return b->failed ? cl_nomem(NULL) : 0;
}

/* ---- verdicts ---------------------------------------------------------------- */

void cl_draft_verdict(cl_status status, cl_verdict *verdict, cl_level *stated)
{
    *stated = CL_LEVEL_OK; /* no override */
    switch (status) {
    case CL_STATUS_ATTRIBUTED:
        *verdict = CL_VERDICT_SUPPORTED;
        *stated = CL_LEVEL_WARNING; /* restated without the attribution */
        break;
    case CL_STATUS_HEDGED:
        *verdict = CL_VERDICT_DISPUTED;
        break;
    case CL_STATUS_NEGATED:
        *verdict = CL_VERDICT_REFUTED;
        break;
    default:
        *verdict = CL_VERDICT_SUPPORTED;
        break;
    }
}

/* ---- writing the file ----------------------------------------------------- */

/* Append the N bytes at S to B as XML character data (ATTR: for an
 * attribute value); characters XML 1.0 does not allow become spaces. */
static void xml_add(cl_buf *b, const char *s, size_t n, int attr)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '&')
            cl_buf_puts(b, "&amp;");
        else if (ch == '<')
            cl_buf_puts(b, "&lt;");
        else if (ch == '>')
            cl_buf_puts(b, "&gt;");
        else if (attr && ch == '"')
            cl_buf_puts(b, "&quot;");
        else if (ch < 0x20 && ch != '\t' && (attr || ch != '\n'))
            cl_buf_putc(b, ' ');
        else
            cl_buf_putc(b, (char)ch);
    }
}

static void xml_puts(cl_buf *b, const char *s, int attr)
{
    xml_add(b, s, strlen(s), attr);
}

/* S inside an XML comment: no "--", no control characters. */
static void comment_puts(cl_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' && (s[1] == '-' || s[1] == '\0'))
            cl_buf_puts(b, "- ");
        else
            cl_buf_putc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
    }
}

/* S as a URI reference: bytes outside the unreserved and path characters
 * percent-encoded. */
static void href_puts(cl_buf *b, const char *s)
{
    static const char keep[] = "-._~/:@!$'()*+,;=";

    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            strchr(keep, ch))
            cl_buf_putc(b, (char)ch);
        else
            cl_buf_printf(b, "%%%02X", ch);
    }
}

static void header(draft *d, cl_buf *b, size_t nclaims)
{
    cl_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n  Drafted by `claimlint rules draft` from ");
    comment_puts(b, d->name);
    cl_buf_printf(b, ": %zu claim%s, one per\n", nclaims, nclaims == 1 ? "" : "s");
    cl_buf_puts(b,
                "  check-worthy statement of the source, each with the source sentence as\n"
                "  an example and a <near> on its rarest words in the source.\n"
                "\n"
                "  A starting point, to edit before it is used: the verdicts come from how\n"
                "  the source words each statement (stated or attributed: supported; hedged:\n"
                "  disputed; denied: refuted), not from evidence, so a fact-checker must\n"
                "  review every one. Give patterns the synonyms, word orders and near misses\n"
                "  of the drafts to check, add examples, delete the claims that do not\n"
                "  matter, and keep `claimlint rules test` passing.\n"
                "-->\n");
    cl_buf_puts(b, "<rules xmlns=\"urn:claimlint:rules:1\" id=\"");
    xml_puts(b, d->ruleset, 1);
    cl_buf_puts(b, "\" lang=\"en\">\n  <include href=\"claimlint:cues/en.xml\"/>\n");
}

static void write_near(const draft *d, const dclaim *c, cl_buf *b)
{
    const dsent *s = &d->s[c->sent];
    size_t k;

    cl_buf_printf(b, "    <near window=\"%u\">\n", c->window);
    for (k = 0; k < c->npick; k++) {
        const dword *w = &s->w[c->pick[k]];
        if (w->numlen) {
            cl_buf_printf(b, "      <number value=\"%.15g\"", w->value);
            if (w->unit[0]) {
                cl_buf_puts(b, " unit=\"");
                xml_puts(b, w->unit, 1);
                cl_buf_putc(b, '"');
            }
            cl_buf_puts(b, "/>\n");
        } else if (w->name || w->kind != CL_TOK_WORD) {
            cl_buf_puts(b, "      <token>");
            xml_puts(b, w->text, 0);
            cl_buf_puts(b, "</token>\n");
        } else {
            cl_buf_puts(b, "      <token inflected=\"yes\">");
            xml_puts(b, w->fold, 0);
            cl_buf_puts(b, "</token>\n");
        }
    }
    cl_buf_puts(b, "    </near>\n");
}

/* Claim C as XML. FINAL: with the statuses and verdict the runs found;
 * else a first version for those runs (verdict supported, the example
 * "match"). */
static void write_claim(const draft *d, const dclaim *c, cl_buf *b, cl_buf *title, int final)
{
    static const char *const attrs[] = {"stated", "attributed", "hedged", "negated"};
    const dsent *s = &d->s[c->sent];
    cl_verdict verdict = CL_VERDICT_SUPPORTED;
    cl_level stated;
    size_t a, e;
    int st;

    statement_range(s, &a, &e);
    cl_draft_title(title, s->text + s->w[a].start, s->w[e - 1].end - s->w[a].start);
    if (!title->len || title->failed)
        cl_draft_title(title, s->text, s->len);
    cl_buf_putc(b, '\n');
    if (final) {
        cl_draft_verdict(c->status, &verdict, &stated);
        cl_buf_printf(b, "  <!-- line %u: %s in the source", s->line, cl_status_name(c->status));
        if (c->other_line)
            cl_buf_printf(b, "; also matches line %u (%s): review the pattern", c->other_line,
                          cl_status_name(c->other_status));
        cl_buf_puts(b, " -->\n");
    }
    cl_buf_printf(b, "  <claim id=\"%s\" verdict=\"%s\"", c->id, cl_verdict_name(verdict));
    for (st = 0; final && st < 4; st++)
        if (c->override[st] >= 0)
            cl_buf_printf(b, " %s=\"%s\"", attrs[st], cl_level_name((cl_level)c->override[st]));
    cl_buf_puts(b, ">\n    <title>");
    xml_add(b, title->data, title->len, 0);
    cl_buf_puts(b, "</title>\n    <source href=\"");
    href_puts(b, d->name);
    cl_buf_puts(b, "\">");
    xml_puts(b, d->name, 0);
    cl_buf_printf(b, ":%u: ", s->line);
    xml_add(b, s->text, s->len, 0);
    cl_buf_puts(b, "</source>\n");
    write_near(d, c, b);
    cl_buf_printf(b, "    <example status=\"%s\">", final ? cl_status_name(c->example) : "match");
    xml_add(b, s->text, s->len, 0);
    cl_buf_puts(b, "</example>\n");
    if (final && c->has_neighbour && !c->other_line) {
        cl_buf_puts(b, "    <example status=\"none\">");
        xml_add(b, d->s[c->neighbour].text, d->s[c->neighbour].len, 0);
        cl_buf_puts(b, "</example>\n");
    }
    cl_buf_puts(b, "  </claim>\n");
}

/* The whole file into B: FINAL as for write_claim; only the claims that
 * matched their own sentence in the first runs. */
static int write_rules(draft *d, cl_buf *b, int final, size_t *nclaims)
{
    cl_buf title = {0};
    size_t i, n = 0;

    for (i = 0; i < d->nc; i++)
        n += !final || d->c[i].own;
    header(d, b, n);
    for (i = 0; i < d->nc; i++)
        if (!final || d->c[i].own)
            write_claim(d, &d->c[i], b, &title, final);
    cl_buf_puts(b, "</rules>\n");
    cl_buf_free(&title);
    if (nclaims)
        *nclaims = n;
    return b->failed || title.failed ? cl_nomem(NULL) : 0;
}

/* ---- running the first version ---------------------------------------- */

/* Where each claim of the first version is found in the source. */
static void on_occurrence(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    draft *d = ud;
    dclaim *c;

    (void)doc;
    if (!o->sentence || o->claim->index >= d->nc || o->status > CL_STATUS_NEGATED)
        return;
    c = &d->c[o->claim->index];
    c->seen |= 1u << o->status;
    if (o->sentence->start_byte == d->s[c->sent].start_byte) {
        if (!c->own || o->status > c->status) /* negated > hedged > attributed > stated */
            c->status = o->status;
        c->own = 1;
    } else if (!c->other_line) {
        c->other_line = o->sentence->line;
        c->other_status = o->status;
    }
}

/* The status each claim's example gets alone, as `rules test` runs it. */
static void on_example(const cl_claim *claim, const cl_example *ex, cl_status got,
                       const cl_cue *cue, const char *matched, void *ud)
{
    draft *d = ud;

    (void)ex;
    (void)cue;
    (void)matched;
    if (claim->index < d->nc)
        d->c[claim->index].example = got;
}

struct first_error {
    char msg[512];
};

static void keep_first_error(const cl_diag *diag, void *ud)
{
    struct first_error *e = ud;

    if (diag->severity == CL_SEV_ERROR && !e->msg[0])
        snprintf(e->msg, sizeof e->msg, "%s:%u: %s", diag->file ? diag->file : "", diag->line,
                 diag->message);
}

/* Write B to a new temporary file, its name in PATH (CAP bytes). */
static int write_temp(char *path, size_t cap, const cl_buf *b)
{
    const char *dir = getenv("TMPDIR");
    int fd;
    FILE *f;

    snprintf(path, cap, "%s/claimlint-draft-XXXXXX", dir && *dir ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return cl_error_set(CL_EIO, path, 0, 0, "cannot create a temporary file");
    if (!(f = fdopen(fd, "w"))) {
        close(fd);
        unlink(path);
        return cl_error_set(CL_EIO, path, 0, 0, "cannot write a temporary file");
    }
    if (fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        unlink(path);
        return cl_error_set(CL_EIO, path, 0, 0, "cannot write a temporary file");
    }
    return 0;
}

/* Load and compile the first version B into *OUT. A failure is a bug of
 * the drafting, said so. */
static int load_first(cl_rules **out, const cl_buf *b, const char *docname)
{
    char path[4096];
    struct first_error e = {""};
    cl_rules *r = NULL;
    int rc;

    *out = NULL;
    if ((rc = write_temp(path, sizeof path, b)) < 0)
        return rc;
    if ((rc = cl_rules_new(&r)) == 0) {
        cl_rules_set_diag(r, keep_first_error, &e);
        rc = cl_rules_load(r, path);
        if (rc == 0)
            rc = cl_rules_compile(r);
    }
    unlink(path);
    if (rc < 0 && rc != CL_ENOMEM) {
        cl_rules_free(r);
        return cl_error_set(CL_EINVAL, docname, 0, 0,
                            "internal error: the drafted rules do not load (%s)",
                            e.msg[0] ? e.msg : cl_strerror(rc));
    }
    if (rc < 0) {
        cl_rules_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* Run the first version of the claims on DOC and on their examples; then
 * decide each claim's severity overrides: none of the statuses found in
 * the source may be an error under the verdict the source's wording gives. */
static int run_first(draft *d, cl_doc *doc)
{
    cl_buf b = {0};
    cl_rules *r = NULL;
    cl_check_cb cb = {on_occurrence, NULL, NULL, NULL, 0};
    size_t i;
    int rc, st;

    cb.userdata = d;
    if ((rc = write_rules(d, &b, 0, NULL)) == 0)
        rc = load_first(&r, &b, d->name);
    cl_buf_free(&b);
    if (rc < 0)
        return rc;
    if ((rc = cl_rules_test(r, on_example, d)) >= 0)
        rc = cl_check(doc, r, CL_SPLIT_AUTO, &cb);
    cl_rules_free(r);
    if (rc < 0)
        return rc;
    for (i = 0; i < d->nc; i++) {
        dclaim *c = &d->c[i];
        cl_verdict v;
        cl_level stated, level;
        if (c->example > CL_STATUS_NEGATED)
            c->own = 0; /* its own sentence alone does not match: drop it */
        if (!c->own)
            continue;
        cl_draft_verdict(c->status, &v, &stated);
        c->override[CL_STATUS_STATED] = stated != CL_LEVEL_OK ? (int)stated : -1;
        for (st = 0; st < 4; st++) {
            level = st == CL_STATUS_STATED && stated != CL_LEVEL_OK
                        ? stated
                        : cl_policy_default(v, (cl_status)st, 0);
            if ((c->seen & (1u << st)) && level == CL_LEVEL_ERROR)
                c->override[st] = CL_LEVEL_WARNING;
        }
    }
    return 0;
}

/* ---- drafting -------------------------------------------------------------- */

/* The rule set's id: ID when given (checked), else the slug of the base
 * name of NAME without its extension. */
static int set_ruleset(draft *d, const char *id, const char *name)
{
    const char *base = strrchr(name, '/'), *dot;
    char stem[256];
    size_t i;

    if (id) {
        int ok = ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z')) &&
                 strlen(id) < sizeof d->ruleset;
        for (i = 1; ok && id[i]; i++)
            ok = (id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= 'a' && id[i] <= 'z') ||
                 (id[i] >= '0' && id[i] <= '9') || id[i] == '_' || id[i] == '-';
        if (!ok)
            return cl_error_set(CL_EINVAL, name, 0, 0,
                                "'%s' is not a rule set id: a letter, then letters, digits, "
                                "'_' or '-' (at most %zu)",
                                id, sizeof d->ruleset - 1);
        strcpy(d->ruleset, id);
        return 0;
    }
    base = base ? base + 1 : name;
    snprintf(stem, sizeof stem, "%s", base);
    if ((dot = strrchr(stem, '.')) != NULL && dot != stem)
        stem[dot - stem] = '\0';
    if (cl_draft_slug(d->ruleset, sizeof d->ruleset, stem) < 0)
        strcpy(d->ruleset, "draft");
    return 0;
}

/* Read the sentences of DOC with the standard lexicon's cues. */
static int read_source(draft *d, cl_doc *doc)
{
    const cl_sentence *s;
    int rc;

    rc = cl_doc_analyze(doc, d->lexicon, CL_SPLIT_AUTO, CL_ANALYZE_CUES | CL_ANALYZE_STEMS);
    while (rc == 0 && (rc = cl_doc_next(doc, &s)) > 0)
        rc = add_sentence(d, s);
    return rc < 0 ? rc : 0;
}

/* One claim for each check-worthy sentence (the first of equal ones). */
static int make_claims(draft *d)
{
    size_t i, j;

    d->c = calloc(d->ns, sizeof *d->c);
    if (!d->c)
        return cl_nomem(NULL);
    for (i = 0; i < d->ns; i++) {
        dsent *s = &d->s[i];
        dclaim *c = &d->c[d->nc];
        if (!worthy(s))
            continue;
        for (j = 0; j < i && !(d->s[j].worthy && d->s[j].len == s->len &&
                               memcmp(d->s[j].text, s->text, s->len) == 0);
             j++)
            ;
        if (j < i)
            continue;
        s->worthy = 1;
        memset(c, 0, sizeof *c);
        c->sent = i;
        c->example = CL_STATUS_NONE;
        c->override[0] = c->override[1] = c->override[2] = c->override[3] = -1;
        if (pick_keys(d, i, c))
            d->nc++;
    }
    for (i = 0; i < d->nc; i++) {
        make_id(d, &d->c[i]);
        pick_neighbour(d, &d->c[i]);
    }
    return 0;
}

static void draft_free(draft *d)
{
    size_t k;

    if (d->post)
        for (k = 0; k <= d->keys.n; k++)
            free(d->post[k]);
    free(d->post);
    free(d->npost);
    free(d->df);
    free(d->s);
    free(d->c);
    cl_strtab_free(&d->cue_folds);
    cl_strtab_free(&d->cue_stems);
    cl_strtab_free(&d->lower);
    cl_strtab_free(&d->keys);
    cl_rules_free((cl_rules *)d->lexicon);
    cl_arena_free(d->arena);
}

int cl_draft(FILE *f, cl_doc *doc, const char *id, size_t *nclaims)
{
    draft d;
    cl_rules *lexicon = NULL;
    cl_buf b = {0};
    int rc;

    memset(&d, 0, sizeof d);
    *nclaims = 0;
    d.name = cl_doc_name(doc);
    if ((rc = set_ruleset(&d, id, d.name)) < 0)
        return rc;
    if (!(d.arena = cl_arena_new()))
        return cl_nomem(NULL);
    if ((rc = cl_rules_new(&lexicon)) == 0 && (rc = cl_rules_load_default(lexicon)) == 0)
        rc = cl_rules_compile(lexicon);
    d.lexicon = lexicon;
    if (rc == 0)
        rc = read_source(&d, doc);
    if (rc == 0 && d.ns == 0)
        rc = cl_error_set(CL_EINPUT, d.name, 0, 0, "no text to draft rules from");
    if (rc == 0 && (rc = index_cue_words(&d)) == 0 && (rc = index_keys(&d)) == 0 &&
        (rc = count_keys(&d)) == 0 && (rc = make_claims(&d)) == 0 && d.nc)
        rc = run_first(&d, doc);
    if (rc == 0)
        rc = write_rules(&d, &b, 1, nclaims);
    if (rc == 0 && fwrite(b.data, 1, b.len, f) != b.len)
        rc = cl_error_set(CL_EIO, NULL, 0, 0, "cannot write the rule file");
    cl_buf_free(&b);
    draft_free(&d);
    return rc;
}
