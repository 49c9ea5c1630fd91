/* match.c - find the claims of a rule set in a sentence and decide how the
 * sentence makes each one (stated, hedged, negated) from its cues.
 *
 * Token patterns are matched from every token with a small backtracking
 * search over the allowed gaps (skip); regexes run over the sentence text
 * and their byte spans are turned into the tokens they touch. A claim gets
 * at most one occurrence per stretch of the sentence: overlapping matches
 * of the same claim (a pattern and a regex, or two patterns) are merged.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Match limits keep a pathological regex from hanging a run. */
enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

typedef struct cl_matchvec {
    cl_match *v;
    size_t n, cap;
} cl_matchvec;

struct cl_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *jit;
    cl_matchvec found, anti;
    const cl_cue **cover;
    size_t ncover, cover_cap;
    size_t placed[64]; /* where each pattern token landed, during a match */
    const cl_claim_index *index;
    /* the regex prefilter: by regex, whether it was counted (SEEN[id] ==
     * STAMP) and how many of its runs the sentence holds (COUNT), the
     * regexes to run (TODO, ids in order); by run, whether the sentence
     * holds it (RUN_SEEN); the sentence in lower case, for explanations */
    uint32_t *seen, *count, *todo, *run_seen, *pair_seen, stamp;
    size_t seen_cap, run_cap, pair_cap, ntodo;
    char *lower;
    size_t lower_cap;
    /* per pattern (by serial), the sentence it was last looked at in, and
     * the index entries of the patterns to try in this one */
    uint32_t *p_sentence, *cand, sentence;
    size_t p_cap;
    /* per word of the vocabulary, the sentence it last occurred in: a
     * pattern is tried only when each of its required words is there; the
     * words of this sentence, each once, and where each occurs: its first
     * entry (OCC_HEAD, by word) and the next (OCC_NEXT, by entry) */
    uint32_t *w_sentence, *words, *occ_head, *occ_next;
    size_t w_cap, words_cap;
    /* failed (token, position) pairs of the pattern being matched, kept
     * once a start has taken many steps, so skips cannot explode */
    uint64_t *memo;
    size_t memo_cap, steps;
    uint32_t memo_serial, memo_sentence;
    int memo_on;
    /* the sieve: per word, the sentence it was last seen in by its string
     * (SV_SEEN[word] == SV_STAMP), the same per string, and the keys seen */
    uint32_t *sv_seen, *sv_str_seen, *sv_keys, sv_stamp;
    size_t sv_cap, sv_str_cap;
    cl_match_stats stats;
};

int cl_matcher_new(cl_matcher **out)
{
    cl_matcher *m = calloc(1, sizeof *m);

    *out = NULL;
    if (!m)
        return cl_nomem(NULL);
    m->md = pcre2_match_data_create(16, NULL);
    m->mc = pcre2_match_context_create(NULL);
    m->jit = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    if (!m->md || !m->mc) {
        cl_matcher_free(m);
        return cl_nomem(NULL);
    }
    pcre2_set_match_limit(m->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(m->mc, DEPTH_LIMIT);
    if (m->jit)
        pcre2_jit_stack_assign(m->mc, NULL, m->jit);
    *out = m;
    return 0;
}

const cl_match_stats *cl_matcher_stats(const cl_matcher *m)
{
    return &m->stats;
}

void cl_matcher_free(cl_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->jit);
    free(m->found.v);
    free(m->anti.v);
    free(m->cover);
    free(m->lower);
    free(m->sv_seen);
    free(m->sv_str_seen);
    free(m->sv_keys);
    free(m->seen);
    free(m->todo);
    free(m->count);
    free(m->run_seen);
    free(m->pair_seen);
    free(m->p_sentence);
    free(m->cand);
    free(m->w_sentence);
    free(m->words);
    free(m->occ_head);
    free(m->occ_next);
    free(m->memo);
    free(m);
}

static int push(cl_matchvec *v, uint32_t claim, uint32_t start, uint32_t end, uint64_t own)
{
    CL_TRY(cl_grow(&v->v, &v->cap, v->n + 1, sizeof *v->v, 32));
    v->v[v->n].claim = claim;
    v->v[v->n].tokens.start = start;
    v->v[v->n].tokens.end = end;
    v->v[v->n].own = own;
    v->n++;
    return 0;
}

/* Run RE on the N bytes at S from START; 1 match (offsets in M->md), 0 no
 * match, < 0 a limit or error (reported by the caller). */
static int run_re(cl_matcher *m, const pcre2_code *re, const char *s, size_t n, size_t start)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, start, 0, m->md, m->mc);

    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
        return 0;
    return rc;
}

/* Whether word token T (not a <number>, regex or case-sensitive token)
 * matches TOK: words are compared as numbers of the vocabulary. */
static inline int word_matches(const cl_tokspec *t, const cl_token *tok)
{
    uint32_t a, w = t->inflected ? tok->stem_id : tok->fold_id;

    if (!w)
        return 0;
    for (a = 0; a < t->nalts; a++)
        if (t->alt_ids[a] == w)
            return 1;
    return 0;
}

/* The tokens of the number at token I of S that <number> T matches, or 0. */
static size_t number_len(const cl_tokspec *t, const cl_sentence *s, size_t i)
{
    double v;
    char unit[8];
    size_t n = cl_number_at(s, i, &v, unit);

    return n && cl_number_fits(t->num, v, unit) ? n : 0;
}

static int token_matches(cl_matcher *m, const cl_tokspec *t, const cl_sentence *s, size_t i)
{
    const cl_token *tok = &s->tokens[i];
    uint32_t a;

    if (t->num)
        return number_len(t, s, i) > 0;
    if (t->re)
        return run_re(m, t->re, s->text + tok->start, tok->end - tok->start, 0) == 1;
    if (t->casesens) {
        size_t len = tok->end - tok->start;
        for (a = 0; a < t->nalts; a++)
            if (strlen(t->alts[a]) == len && memcmp(t->alts[a], s->text + tok->start, len) == 0)
                return 1;
        return 0;
    }
    return word_matches(t, tok);
}

/* How many tokens from token I of S token spec T matches: 1 for a word,
 * the tokens of a number for a <number> ("£" "95,500"), 0 when it does
 * not match there. */
static inline size_t token_len(cl_matcher *m, const cl_tokspec *t, const cl_sentence *s,
                               size_t i)
{
    if (!t->num && !t->re && !t->casesens)
        return (size_t)word_matches(t, &s->tokens[i]);
    if (!t->num)
        return token_matches(m, t, s, i) ? 1 : 0;
    return number_len(t, s, i);
}

/* After this many steps from one start, failed (token, position) pairs
 * are remembered for the rest of the sentence. */
enum { MEMO_AFTER = 4096 };

/* Turn on the memo of failures for pattern P in S; 0 or CL_ENOMEM. */
static int memo_start(cl_matcher *m, const cl_pattern *p, const cl_sentence *s)
{
    size_t bits = (size_t)p->ntoks * (s->ntokens + 1), words = (bits + 63) / 64;

    if (m->memo_serial == p->serial && m->memo_sentence == m->sentence) {
        m->memo_on = 1; /* already kept for this pattern and sentence */
        return 0;
    }
    if (words > m->memo_cap) {
        uint64_t *b = realloc(m->memo, words * sizeof *b);
        if (!b)
            return cl_nomem(NULL);
        m->memo = b;
        m->memo_cap = words;
    }
    memset(m->memo, 0, words * sizeof *m->memo);
    m->memo_serial = p->serial;
    m->memo_sentence = m->sentence;
    m->memo_on = 1;
    return 0;
}

/* A token of the pattern that is missing from the match. */
#define ABSENT ((size_t)-1)

/* Match tokens K.. of P with token K placed at or after POS with at most
 * its skip of words before it (punctuation is free), or left out when it
 * is optional; on success *END is one past the last matched token.
 * Backtracking over the skips could take exponential time on a long
 * sentence, so once a start has taken MEMO_AFTER steps each (K, POS) that
 * failed is remembered: a pattern then costs at most tokens x positions x
 * skip. */
static int match_rest(cl_matcher *m, const cl_pattern *p, uint32_t k, size_t pos,
                      const cl_sentence *s, size_t *end)
{
    size_t j, bit = 0;
    unsigned words = 0;
    int rc;

    if (k == p->ntoks) {
        *end = pos;
        return 1;
    }
    if (++m->steps > MEMO_AFTER && !m->memo_on && (rc = memo_start(m, p, s)) < 0)
        return rc;
    if (m->memo_on) {
        bit = (size_t)k * (s->ntokens + 1) + pos;
        if (m->memo[bit / 64] >> (bit % 64) & 1)
            return 0;
    }
    for (j = pos; j < s->ntokens; j++) {
        size_t len;
        if (k < 64)
            m->placed[k] = j;
        if ((len = token_len(m, &p->toks[k], s, j)) != 0 &&
            (rc = match_rest(m, p, k + 1, j + len, s, end)) != 0)
            return rc;
        if (s->tokens[j].kind != CL_TOK_PUNCT && ++words > p->toks[k].skip)
            break;
    }
    if (p->toks[k].optional) {
        if (k < 64)
            m->placed[k] = ABSENT;
        if ((rc = match_rest(m, p, k + 1, pos, s, end)) != 0)
            return rc;
    }
    if (m->memo_on) {
        bit = (size_t)k * (s->ntokens + 1) + pos;
        m->memo[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
    return 0;
}

/* The token N words (punctuation not counted) before token I of S (STEP
 * -1) or after it (STEP 1), or the sentence's first or last token. */
static size_t words_away(const cl_sentence *s, size_t i, unsigned n, int step)
{
    unsigned w = 0;

    while (step < 0 ? i > 0 : i + 1 < s->ntokens) {
        size_t j = step < 0 ? i - 1 : i + 1;
        unsigned nw = w + (s->tokens[j].kind != CL_TOK_PUNCT);
        if (nw > n)
            break;
        i = j;
        w = nw;
    }
    return i;
}

/* Words (not punctuation) among tokens [A, B] of S. */
static unsigned words_in(const cl_sentence *s, size_t a, size_t b)
{
    unsigned w = 0;

    for (; a <= b; a++)
        w += s->tokens[a].kind != CL_TOK_PUNCT;
    return w;
}

/* A <near> P of CLAIM with its anchor at token I of S: each other required
 * token at the place nearest to I (no two on one token) within the window;
 * a match when they all lie within WINDOW words from first to last.
 * Optional tokens found between the first and the last are part of it. */
static int try_near(cl_matcher *m, const cl_pattern *p, const cl_sentence *s, uint32_t claim,
                    size_t i, cl_matchvec *v)
{
    size_t lo = words_away(s, i, p->window, -1), hi = words_away(s, i, p->window, 1);
    size_t first = i, last, j, best, len, best_len = 0;
    uint64_t own = 0;
    uint32_t k, t;

    if (!(len = token_len(m, &p->toks[p->anchor], s, i)))
        return 0;
    last = i + len - 1;
    for (k = 0; k < p->ntoks && k < 64; k++)
        m->placed[k] = ABSENT;
    m->placed[p->anchor < 64 ? p->anchor : 0] = i;
    for (k = 0; k < p->ntoks; k++) {
        if (k == p->anchor || p->toks[k].optional)
            continue;
        best = ABSENT;
        for (j = lo; j <= hi; j++) {
            if (j == i || (best != ABSENT && (j > i ? j - i : i - j) >= (best > i ? best - i : i - best)))
                continue;
            for (t = 0; t < k && t < 64 && m->placed[t] != j; t++)
                ;
            if ((t == k || t == 64) && (len = token_len(m, &p->toks[k], s, j)) != 0) {
                best = j;
                best_len = len;
            }
        }
        if (best == ABSENT)
            return 0;
        if (k < 64)
            m->placed[k] = best;
        if (best < first)
            first = best;
        if (best + best_len - 1 > last)
            last = best + best_len - 1;
    }
    if (words_in(s, first, last) > p->window)
        return 0;
    for (k = 0; k < p->ntoks; k++) {
        if (!p->toks[k].optional)
            continue;
        for (j = first; j <= last; j++)
            if (token_matches(m, &p->toks[k], s, j)) {
                if (j - first < 64)
                    own |= (uint64_t)1 << (j - first);
                break;
            }
    }
    for (k = 0; k < p->ntoks && k < 64; k++)
        if (m->placed[k] != ABSENT && m->placed[k] - first < 64)
            own |= (uint64_t)1 << (m->placed[k] - first);
    return push(v, claim, (uint32_t)first, (uint32_t)(last + 1), own);
}

/* Try pattern P of CLAIM starting at token I of S (for a <near>: with its
 * anchor at I); a match goes to V. */
static int try_at(cl_matcher *m, const cl_pattern *p, const cl_sentence *s, uint32_t claim,
                  size_t i, cl_matchvec *v)
{
    size_t end;
    uint64_t own;
    uint32_t k;
    int rc;

    m->stats.patterns_tried++;
    m->steps = 0;
    m->memo_on = 0;
    if (p->near)
        return try_near(m, p, s, claim, i, v);
    /* the first token present is at I: optional ones before it are out */
    for (k = 0, rc = 0; k < p->ntoks && rc == 0; k++) {
        if (k < 64)
            m->placed[k] = i;
        size_t len = token_len(m, &p->toks[k], s, i);
        if (len && (rc = match_rest(m, p, k + 1, i + len, s, &end)) < 0)
            return rc;
        if (rc == 0 && !p->toks[k].optional)
            return 0;
        if (rc == 0 && k < 64)
            m->placed[k] = ABSENT;
    }
    if (rc <= 0)
        return rc;
    for (own = 0, k = 0; k < p->ntoks && k < 64; k++)
        if (m->placed[k] != ABSENT && m->placed[k] - i < 64)
            own |= (uint64_t)1 << (m->placed[k] - i);
    return push(v, claim, (uint32_t)i, (uint32_t)end, own);
}

/* All matches of pattern P in S, appended to V for CLAIM. */
static int pattern_all(cl_matcher *m, const cl_pattern *p, const cl_sentence *s, uint32_t claim,
                       cl_matchvec *v)
{
    size_t i;
    int rc;

    if (!p->ntoks)
        return 0;
    for (i = 0; i < s->ntokens; i++)
        if ((rc = try_at(m, p, s, claim, i, v)) < 0)
            return rc;
    return 0;
}


/* Tokens touched by the byte span [SO, EO) of S's text. */
static int span_tokens(const cl_sentence *s, size_t so, size_t eo, cl_range *r)
{
    size_t lo = 0, hi = s->ntokens, i;

    /* first token ending after SO */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->tokens[mid].end <= so)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < s->ntokens && s->tokens[i].start < eo; i++)
        ;
    if (i == lo)
        return 0;
    r->start = (uint32_t)lo;
    r->end = (uint32_t)i;
    return 1;
}

static void report_limit(const cl_claim *c, const cl_regex *re, const cl_sentence *s, int rc,
                         cl_diag_fn diag, void *ud, const char *docname)
{
    char msg[1024];
    PCRE2_UCHAR why[128];
    cl_diag d;

    if (!diag)
        return;
    pcre2_get_error_message(rc, why, sizeof why);
    snprintf(msg, sizeof msg, "regex of claim %s (%s:%u) gave up on this sentence: %s",
             c->id, c->file, re->line, (const char *)why);
    d.code = CL_EINPUT;
    d.severity = CL_SEV_WARNING;
    d.file = docname;
    d.line = s->line;
    d.column = s->column;
    d.message = msg;
    diag(&d, ud);
}

/* All matches of regex RE in S, appended to V for CLAIM. */
static int regex_all(cl_matcher *m, const cl_claim *c, const cl_regex *re, const cl_sentence *s,
                     uint32_t claim, cl_matchvec *v, cl_diag_fn diag, void *ud,
                     const char *docname)
{
    size_t start = 0;
    PCRE2_SIZE *ov;
    cl_range r;
    int rc;

    while (start <= s->len) {
        rc = run_re(m, re->code, s->text, s->len, start);
        if (rc < 0) {
            report_limit(c, re, s, rc, diag, ud, docname);
            return 0;
        }
        if (rc == 0)
            return 0;
        ov = pcre2_get_ovector_pointer(m->md);
        if (span_tokens(s, ov[0], ov[1], &r) && (rc = push(v, claim, r.start, r.end, 0)) < 0)
            return rc;
        start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const cl_match *x = a, *y = b;

    if (x->tokens.start != y->tokens.start)
        return x->tokens.start < y->tokens.start ? -1 : 1;
    if (x->claim != y->claim)
        return x->claim < y->claim ? -1 : 1;
    return x->tokens.end < y->tokens.end ? -1 : (x->tokens.end > y->tokens.end);
}

static int overlaps(cl_range a, cl_range b)
{
    return a.start < b.end && b.start < a.end;
}

/* Drop the matches of claim CI (index CLAIM), FOUND[FIRST..LAST), that
 * overlap a match of one of its antipatterns; returns the new LAST. */
static size_t drop_antipatterns(cl_matcher *m, const cl_claim_impl *ci, uint32_t claim,
                                const cl_sentence *s, size_t first, size_t last,
                                cl_diag_fn diag, void *ud, const char *docname)
{
    size_t i, j, keep;
    uint32_t k;

    m->anti.n = 0;
    for (k = 0; k < ci->nantipatterns; k++)
        if (pattern_all(m, &ci->antipatterns[k], s, claim, &m->anti) < 0)
            return last; /* out of memory: keep the matches rather than lose them */
    for (k = 0; k < ci->nantiregexes; k++)
        if (regex_all(m, &ci->pub, &ci->antiregexes[k], s, claim, &m->anti, diag, ud,
                      docname) < 0)
            return last;
    for (i = keep = first; i < last; i++) {
        for (j = 0; j < m->anti.n && !overlaps(m->found.v[i].tokens, m->anti.v[j].tokens); j++)
            ;
        if (j == m->anti.n)
            m->found.v[keep++] = m->found.v[i];
    }
    return keep;
}

static int by_claim(const void *a, const void *b)
{
    const cl_match *x = a, *y = b;

    if (x->claim != y->claim)
        return x->claim < y->claim ? -1 : 1;
    return by_position(a, b);
}

static int by_id(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* Whether the N bytes of U hold a character that PCRE2 matches caselessly
 * with an ASCII letter (KELVIN SIGN with k, LONG S with s, the dotted and
 * dotless I with i): a sentence with one goes past the literal filter. */
static int fold_bytes(const unsigned char *u, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if ((u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x84 && u[i + 2] == 0xAA) ||
            (u[i] == 0xC5 && u[i + 1] == 0xBF) ||
            (u[i] == 0xC4 && (u[i + 1] == 0xB0 || u[i + 1] == 0xB1)))
            return 1;
    return 0;
}

/* Whether sentence S (its NCHARS counted) holds one of those. */
static int has_ascii_fold(const cl_sentence *s)
{
    if (s->nchars == s->len)
        return 0; /* ASCII only: a character a byte */
    return fold_bytes((const unsigned char *)s->text, s->len);
}

/* Grow the stamps *V (*CAP of them) to NEED, the new ones 0; 0 or
 * CL_ENOMEM (then *V and *CAP are as they were). */
static int grow_stamps(uint32_t **v, size_t *cap, size_t need)
{
    uint32_t *grown;

    if (*cap >= need)
        return 0;
    if (!(grown = realloc(*v, need * sizeof *grown)))
        return cl_nomem(NULL);
    memset(grown + *cap, 0, (need - *cap) * sizeof *grown);
    *v = grown;
    *cap = need;
    return 0;
}

/* Make room for the regex filter's stamps of index X; 0 or CL_ENOMEM. */
static int regex_scratch(cl_matcher *m, const cl_claim_index *x)
{
    size_t need = x->nregexes;

    if (m->seen_cap < need) {
        uint32_t *seen = realloc(m->seen, need * sizeof *seen);
        uint32_t *todo = seen ? realloc(m->todo, need * sizeof *todo) : NULL;
        uint32_t *count = todo ? realloc(m->count, need * sizeof *count) : NULL;
        if (seen)
            m->seen = seen;
        if (todo)
            m->todo = todo;
        if (!count)
            return cl_nomem(NULL);
        m->count = count;
        memset(m->seen + m->seen_cap, 0, (need - m->seen_cap) * sizeof *m->seen);
        m->seen_cap = need;
    }
    CL_TRY(grow_stamps(&m->run_seen, &m->run_cap, x->nacl));
    if (x->nacl)
        CL_TRY(grow_stamps(&m->pair_seen, &m->pair_cap, x->acl_start[x->nacl]));
    if (++m->stamp == 0) {
        memset(m->seen, 0, m->seen_cap * sizeof *m->seen);
        if (m->run_seen)
            memset(m->run_seen, 0, m->run_cap * sizeof *m->run_seen);
        if (m->pair_seen)
            memset(m->pair_seen, 0, m->pair_cap * sizeof *m->pair_seen);
        m->stamp = 1;
    }
    return 0;
}

/* Run RUN of X ends at byte I of the N bytes of T: for each regex that
 * needs it, unless it needs a \b before or after the run where the bytes
 * around it allow none (an ASCII word character next to the run's does
 * not; any other byte may, whatever \b means for it), one more of its runs
 * is there. A regex with all its runs there goes to M->todo. */
static void run_found(cl_matcher *m, const cl_claim_index *x, uint32_t run, const unsigned char *t,
                      size_t n, size_t i)
{
    size_t start = i + 1 - x->acl_len[run];
    unsigned ok = (start == 0 || !cl_ascii_word(t[start - 1]) ? CL_RUN_WORD_BEFORE : 0) |
                  (i + 1 >= n || !cl_ascii_word(t[i + 1]) ? CL_RUN_WORD_AFTER : 0);
    uint32_t k;

    if (m->run_seen[run] == m->stamp)
        return;
    if (ok == (CL_RUN_WORD_BEFORE | CL_RUN_WORD_AFTER))
        m->run_seen[run] = m->stamp; /* every regex of the run is served */
    for (k = x->acl_start[run]; k < x->acl_start[run + 1]; k++) {
        uint32_t re = x->acl_regex[k];
        if (m->pair_seen[k] == m->stamp ||
            (x->acl_flags[k] & (CL_RUN_WORD_BEFORE | CL_RUN_WORD_AFTER) & ~ok))
            continue;
        m->pair_seen[k] = m->stamp;
        if (m->seen[re] != m->stamp) {
            m->seen[re] = m->stamp;
            m->count[re] = 0;
        }
        if (++m->count[re] == x->re_nreq[re])
            m->todo[m->ntodo++] = re;
    }
}

/* The automaton's output state O (by output index) was reached at byte I
 * of the N bytes of T: each run it ends, and those along its suffixes, is
 * in the sentence there. */
static void runs_found(cl_matcher *m, const cl_claim_index *x, uint32_t o, const unsigned char *t,
                       size_t n, size_t i)
{
    for (;;) {
        if (x->ac.own[o])
            run_found(m, x, x->ac.own[o] - 1, t, n, i);
        if (!x->ac.dict[o])
            return;
        o = x->ac.dict[o] - 1;
    }
}

/* The ids of the sentence regexes to run on S, in increasing order, into
 * M->todo: those with every run of their literals in S, and those without
 * one; all of them when S has a character that folds to an ASCII letter. */
static int regex_candidates(cl_matcher *m, const cl_sentence *s)
{
    const cl_claim_index *x = m->index;
    size_t i;

    CL_TRY(regex_scratch(m, x));
    m->ntodo = 0;
    if (has_ascii_fold(s)) {
        for (i = 0; i < x->nregexes; i++)
            m->todo[m->ntodo++] = (uint32_t)i;
        return 0;
    }
    for (i = 0; i < x->nalways_re; i++)
        m->todo[m->ntodo++] = x->always_re[i];
    if (x->ac.delta) {
        const uint32_t *delta = x->ac.delta;
        const unsigned char *cls = x->ac.cls, *t = (const unsigned char *)s->text;
        uint32_t st = 0, base = x->ac.out_base, nc = x->ac.nc;
        size_t n = s->len, i2 = 0;
        if (n >= 2 * (size_t)x->ac.maxlen + 64) {
            /* two walks at once, over the first half and over the rest
             * from the longest run less a byte before it, so that each
             * waits less on the other's table reads: every run ending in
             * the second half starts after I2, and a run found twice
             * counts once */
            uint32_t st2 = 0;
            size_t mid = n / 2;
            for (i = 0, i2 = mid - (x->ac.maxlen - 1); i < mid; i++, i2++) {
                st = delta[st + cls[t[i]]];
                st2 = delta[st2 + cls[t[i2]]];
                if (st >= base)
                    runs_found(m, x, (st - base) / nc, t, n, i);
                if (st2 >= base)
                    runs_found(m, x, (st2 - base) / nc, t, n, i2);
            }
            st = st2;
            i = i2;
        } else {
            i = 0;
        }
        for (; i < n; i++) {
            st = delta[st + cls[t[i]]];
            if (st >= base)
                runs_found(m, x, (st - base) / nc, t, n, i);
        }
    }
    m->stats.regexes_skipped += x->nregexes - m->ntodo;
    if (m->ntodo > 1)
        cl_sort(m->todo, m->ntodo, sizeof *m->todo, by_id);
    return 0;
}

/* Whether the filter of old lets sentence regex ID of X run on S: S holds
 * its longest literal (in ASCII lower case), or it has none, or S has a
 * character that folds to an ASCII letter. What explanations show as
 * tried; the matcher asks for more (every run). */
static int regex_tried(cl_matcher *m, const cl_claim_index *x, uint32_t id, const cl_sentence *s)
{
    const cl_literal *l = &x->lits[id];
    size_t i;

    if (!l->text || has_ascii_fold(s))
        return 1;
    if (s->len + 1 > m->lower_cap) {
        char *b = realloc(m->lower, s->len + 1);
        if (!b)
            return cl_nomem(NULL);
        m->lower = b;
        m->lower_cap = s->len + 1;
    }
    for (i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->text[i];
        m->lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (i = 0; i + l->len <= s->len; i++)
        if (m->lower[i] == l->text[0] && memcmp(m->lower + i, l->text, l->len) == 0)
            return 1;
    return 0;
}

/* Whether the words of the list REQ (a cl_pattern_ref's) occur in the
 * sentence, by the word stamps: for each token, one of its words. */
static int words_present(const cl_matcher *m, const uint32_t *req)
{
    uint32_t a;

    for (; *req; req += 1 + *req) {
        for (a = 1; a <= *req && m->w_sentence[req[a]] != m->sentence; a++)
            ;
        if (a > *req)
            return 0;
    }
    return 1;
}

/* No further occurrence, in the chains of occurrences of the words. */
#define NO_OCC UINT32_MAX

/* The first occurrence of a word of anchor token T at or after the chain
 * entries *AT (one per word of T, advanced past it), or NO_OCC. */
static uint32_t next_anchor(const cl_matcher *m, const cl_tokspec *t, uint32_t *at)
{
    uint32_t a, best = NO_OCC;

    for (a = 0; a < t->nalts && a < 8; a++)
        if (at[a] != NO_OCC && (at[a] >> 1) < best)
            best = at[a] >> 1;
    for (a = 0; a < t->nalts && a < 8; a++)
        while (at[a] != NO_OCC && (at[a] >> 1) == best)
            at[a] = m->occ_next[at[a]];
    return best;
}

/* Try pattern REF (found by its key word, every required word present) in
 * S wherever a word of its anchor is (by folded form or stem, as the index
 * of the anchors had it): a <near> at the anchor; a pattern from each
 * start between BACK words and BEFORE tokens before it, each start once. */
static int pattern_at_anchors(cl_matcher *m, const cl_pattern_ref *ref, const cl_sentence *s)
{
    const cl_pattern *p = ref->p;
    const cl_tokspec *t = &p->toks[p->anchor];
    size_t i, st, lo, hi, next = 0;
    uint32_t at[8], a;
    int rc;

    for (a = 0; a < t->nalts && a < 8; a++)
        at[a] = m->w_sentence[t->alt_ids[a]] == m->sentence ? m->occ_head[t->alt_ids[a]] : NO_OCC;
    for (i = 0;; i++) {
        if (t->nalts <= 8) {
            if ((i = next_anchor(m, t, at)) == NO_OCC)
                break;
        } else {
            /* many words: look at every token */
            if (i >= s->ntokens)
                break;
            for (a = 0; a < t->nalts; a++)
                if (t->alt_ids[a] == s->tokens[i].fold_id ||
                    t->alt_ids[a] == s->tokens[i].stem_id)
                    break;
            if (a == t->nalts)
                continue;
        }
        if (p->near) {
            if ((rc = try_at(m, p, s, ref->claim, i, &m->found)) < 0)
                return rc;
            continue;
        }
        if (i < p->before)
            continue;
        hi = i - p->before;
        lo = words_away(s, i, ref->back, -1);
        if (lo < next)
            lo = next;
        for (st = lo; st <= hi; st++) {
            if (ref->first_id &&
                (ref->first_inflected ? s->tokens[st].stem_id : s->tokens[st].fold_id) !=
                    ref->first_id)
                continue;
            if ((rc = try_at(m, p, s, ref->claim, st, &m->found)) < 0)
                return rc;
        }
        if (hi + 1 > next)
            next = hi + 1;
    }
    return 0;
}

/* Room for the sieve's stamps of index X; 0 or CL_ENOMEM. */
static int sieve_scratch(cl_matcher *m, const cl_claim_index *x)
{
    if (m->sv_cap < x->vocab.n + 1) {
        uint32_t *keys = realloc(m->sv_keys, (x->vocab.n + 1) * sizeof *keys);
        if (!keys)
            return cl_nomem(NULL);
        m->sv_keys = keys;
        CL_TRY(grow_stamps(&m->sv_seen, &m->sv_cap, x->vocab.n + 1));
    }
    CL_TRY(grow_stamps(&m->sv_str_seen, &m->sv_str_cap, x->nsv));
    if (++m->sv_stamp == 0) {
        memset(m->sv_seen, 0, m->sv_cap * sizeof *m->sv_seen);
        memset(m->sv_str_seen, 0, m->sv_str_cap * sizeof *m->sv_str_seen);
        m->sv_stamp = 1;
    }
    return 0;
}

/* Word ID of X is in the sentence, as far as the sieve can tell: stamp
 * it, and list it when it keys patterns. */
static inline void sieve_word(cl_matcher *m, const cl_claim_index *x, uint32_t id, size_t *nkeys)
{
    if (m->sv_seen[id] == m->sv_stamp)
        return;
    m->sv_seen[id] = m->sv_stamp;
    if (x->start[id] < x->start[id + 1])
        m->sv_keys[(*nkeys)++] = id;
}

/* Whether an ASCII letter or digit is at T[I] (I < N). */
static inline int alnum_at(const unsigned char *t, size_t n, size_t i)
{
    return i < n && ((unsigned)((t[i] | 32) - 'a') < 26u || (unsigned)(t[i] - '0') < 10u);
}

/* Bytes by what the sieve's scan needs of them: SV_ALNUM an ASCII letter
 * or digit, SV_START a byte a string starts with (those and _), SV_QUOTE
 * one that starts a quotation mark or an apostrophe: " ' ` and the first
 * bytes of the curly ones (E2), the guillemets (C2) and the modifier
 * apostrophe (CA); SV_FOLD the first byte of a character fold_bytes looks
 * for (C4, C5, E2). */
enum { SV_ALNUM = 1, SV_START = 2, SV_QUOTE = 4, SV_FOLD = 8 };

static const unsigned char sieve_class[256] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3, ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3,
    ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3,
    ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3,
    ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3, ['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3,
    ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3, ['j'] = 3, ['k'] = 3, ['l'] = 3,
    ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3,
    ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3, ['_'] = 2,
    ['"'] = 4, ['\''] = 4, ['`'] = 4, [0xC2] = 4, [0xCA] = 4, [0xC4] = 8, [0xC5] = 8,
    [0xE2] = 4 | 8};

/* Whether the N bytes of T may hold a token that is a quotation mark (see
 * cl_token_is_quote): a double or back quote, a guillemet, a curly
 * double quote, or an apostrophe (straight, curly or modifier) that is
 * not between two ASCII letters or digits, where it joins a word (in a
 * text shorter than an address can be: in a longer one, an address cut
 * short might end there). */
static int may_quote(const unsigned char *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char b = t[i];
        size_t w;
        if (!(sieve_class[b] & SV_QUOTE))
            continue;
        if (b == '"' || b == '`')
            return 1;
        if (b == '\'')
            w = 1;
        else if (b == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && (t[i + 2] == 0x98 || t[i + 2] == 0x99))
            w = 3;
        else if (b == 0xCA && i + 1 < n && t[i + 1] == 0xBC)
            w = 2;
        else if ((b == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
                  (t[i + 2] == 0x9C || t[i + 2] == 0x9D)) ||
                 (b == 0xC2 && i + 1 < n && (t[i + 1] == 0xAB || t[i + 1] == 0xBB)))
            return 1;
        else
            continue;
        if (!i || !alnum_at(t, n, i - 1) || !alnum_at(t, n, i + w))
            return 1;
        i += w - 1;
    }
    return 0;
}

/* Eight bytes at once: each byte's low 7 bits; each byte 1. */
#define SWAR_LOW7 0x7F7F7F7F7F7F7F7Full
#define SWAR_BYTES 0x0101010101010101ull

static inline unsigned char lower_byte(unsigned char b)
{
    return (unsigned char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
}

/* The W bytes of T (W <= 64) as bit masks, bit k for T[k]: in *ALNUM the
 * ASCII letters and digits, in *START those and "_"; returns SV_QUOTE when
 * one of them starts a quotation mark or an apostrophe, SV_FOLD when one
 * is SV_FOLD (see sieve_class), or both, or 0. */
static unsigned char sieve_masks(const unsigned char *t, size_t w, uint64_t *alnum,
                                 uint64_t *start)
{
    uint64_t a = 0, st = 0;
    unsigned char q = 0;
    size_t k = 0;

#ifdef __SSE2__
    for (; k + 16 <= w; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + k));
        unsigned an = cl_alnum16(t + k);
        __m128i quote = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('`')),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))),
                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xCA)),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)))));
        a |= (uint64_t)an << k;
        st |= (uint64_t)(an | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('_'))))
              << k;
        __m128i fold = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC4)),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC5))),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
        if (_mm_movemask_epi8(quote))
            q |= SV_QUOTE;
        if (_mm_movemask_epi8(fold))
            q |= SV_FOLD;
    }
#endif
    for (; k < w; k++) {
        unsigned char c = sieve_class[t[k]];
        a |= (uint64_t)(c & SV_ALNUM) << k;
        st |= (uint64_t)(c >> 1 & 1) << k;
        q |= c & (SV_QUOTE | SV_FOLD);
    }
    *alnum = a;
    *start = st;
    return q;
}

/* The sieve strings of X that T[I..] (N bytes) starts with: each is in the
 * sentence there (see cl_match_may). */
static void sieve_at(cl_matcher *m, const cl_claim_index *x, const unsigned char *t, size_t n,
                     size_t i, size_t *nkeys, int *attr)
{
    uint32_t g4, g, h, h4, k, e;
    const cl_sieve_slot *sl;
    uint64_t v = 0, low, upper, hit;

    /* the first 8 bytes there (fewer at the end: the rest 0), ASCII
     * capitals made small (the others stay): their first four look the
     * word start up, all eight are compared with each string's at once */
    if (n - i >= 8)
        memcpy(&v, t + i, 8);
    else
        memcpy(&v, t + i, n - i);
    low = v & SWAR_LOW7;
    upper = (low + SWAR_BYTES * (0x80 - 'A')) & ~(low + SWAR_BYTES * (0x80 - 'Z' - 1)) & ~v &
            SWAR_BYTES * 0x80; /* bit 7 of each byte from A to Z */
    v |= upper >> 2;
    memcpy(&g4, &v, 4);
    g = g4 & CL_GRAM3_MASK;
    h = cl_sieve_hash(g);
    h4 = cl_sieve_hash4(g4);
    hit = x->sv_bits[h >> 6 & (CL_SIEVE_BITS / 64 - 1)] >> (h & 63) |
          x->sv_bits4[h4 >> 6 & (CL_SIEVE_BITS / 64 - 1)] >> (h4 & 63);
    if (!(hit & 1))
        return;
    for (k = h & x->sv_mask; x->sv_slot[k].gram != g; k = (k + 1) & x->sv_mask)
        if (!x->sv_slot[k].gram)
            return;
    sl = &x->sv_slot[k];
    for (e = sl->start; e < sl->start + sl->n; e++) {
        uint32_t str = x->sv_order[e], len = x->sv_len[str], j;
        const char *p = x->sv_str[str];
        if (len > n - i || ((v ^ x->sv_head[2 * str]) & x->sv_head[2 * str + 1]))
            continue;
        for (j = 8; j < len && lower_byte(t[i + j]) == (unsigned char)p[j]; j++)
            ;
        if (j < len)
            continue;
        if (x->sv_run[str])
            run_found(m, x, x->sv_run[str] - 1, t, n, i + len - 1);
        if (m->sv_str_seen[str] != m->sv_stamp) {
            m->sv_str_seen[str] = m->sv_stamp;
            *attr |= x->sv_attr[str];
            for (j = x->sv_start[str]; j < x->sv_start[str + 1]; j++)
                sieve_word(m, x, x->sv_ids[j], nkeys);
        }
    }
}

int cl_match_may(cl_matcher *m, const cl_rules *r, const cl_sentence *s)
{
    const cl_claim_index *x = cl_rules_claim_index(r);
    const unsigned char *t = (const unsigned char *)s->text;
    size_t i, k, n = s->len, nkeys = 0;
    const uint32_t *req;
    uint32_t a;
    unsigned char seen = 0;
    uint64_t carry = 0;
    int rc, attr = x->sv_attr_all;

    if (!x->start)
        return CL_SIEVE_INERT; /* no claims: nothing to find, none to owe */
    /* a text in which an address may be cut short inside a word, and a
     * token start there (one with a character that folds to an ASCII
     * letter is let through after the scan, which sees its first byte) */
    if (!x->sv_on || n >= CL_MAX_ADDRESS)
        return CL_SIEVE_TRY;
    if ((rc = regex_scratch(m, x)) < 0 || (rc = sieve_scratch(m, x)) < 0)
        return rc;
    m->stats.sentences_sieved++;
    m->ntodo = 0;
    for (k = 0; k < x->nsv_bare; k++)
        sieve_word(m, x, x->sv_bare[k], &nkeys);
    /* the strings where a word starts: a letter, digit or "_" after no
     * ASCII letter or digit; 64 bytes at a time */
    for (i = 0; i < n; i += 64) {
        uint64_t alnum, start;
        size_t w = n - i < 64 ? n - i : 64;
        seen |= sieve_masks(t + i, w, &alnum, &start);
        start &= ~(alnum << 1 | carry);
        carry = w == 64 ? alnum >> 63 : 0;
        while (start) {
            size_t at = i + (size_t)__builtin_ctzll(start);
            if (at + 3 > n)
                break;
            sieve_at(m, x, t, n, at, &nkeys, &attr);
            start &= start - 1;
        }
    }
    if (x->sv_runs_ac && x->ac.delta) {
        const uint32_t *delta = x->ac.delta;
        const unsigned char *cls = x->ac.cls;
        uint32_t st = 0, base = x->ac.out_base, nc = x->ac.nc;
        for (i = 0; i < n; i++) {
            st = delta[st + cls[t[i]]];
            if (st >= base)
                runs_found(m, x, (st - base) / nc, t, n, i);
        }
    }
    if (m->ntodo)
        return CL_SIEVE_TRY;
    /* a pattern listed under a word seen, with the others it needs */
    for (i = 0; i < nkeys; i++) {
        uint32_t id = m->sv_keys[i];
        for (k = x->start[id]; k < x->start[id + 1]; k++) {
            const cl_pattern_ref *ref = &x->refs[k];
            if (ref->key2 && m->sv_seen[ref->key2] != m->sv_stamp)
                continue;
            for (req = ref->req; *req; req += 1 + *req) {
                for (a = 1; a <= *req && m->sv_seen[req[a]] != m->sv_stamp; a++)
                    ;
                if (a > *req)
                    break;
            }
            if (!*req)
                return CL_SIEVE_TRY;
        }
    }
    if ((seen & SV_FOLD) && fold_bytes(t, n))
        return CL_SIEVE_TRY;
    m->stats.regexes_skipped += x->nregexes;
    return attr || ((seen & SV_QUOTE) && may_quote(t, n)) ? CL_SIEVE_PASS : CL_SIEVE_INERT;
}

/* Every raw match in S: patterns found through the prefilter (and those
 * it cannot index, tried everywhere), then the claims' sentence regexes. */
static int raw_matches(cl_matcher *m, const cl_rules *r, const cl_sentence *s, cl_diag_fn diag,
                       void *ud, const char *docname)
{
    const cl_claim_index *x = m->index;
    size_t i, k, nwords = 0, ncand = 0;
    int rc;

    if (m->p_cap < x->npatterns) {
        uint32_t *a = realloc(m->p_sentence, x->npatterns * sizeof *a);
        uint32_t *b = a ? realloc(m->cand, x->npatterns * sizeof *b) : NULL;
        if (a)
            m->p_sentence = a;
        if (!a || !b)
            return cl_nomem(NULL);
        m->cand = b;
        memset(m->p_sentence + m->p_cap, 0, (x->npatterns - m->p_cap) * sizeof *a);
        m->p_cap = x->npatterns;
    }
    if (m->w_cap < x->vocab.n + 1) {
        uint32_t *w = realloc(m->w_sentence, (x->vocab.n + 1) * sizeof *w);
        uint32_t *h = w ? realloc(m->occ_head, (x->vocab.n + 1) * sizeof *h) : NULL;
        if (w) {
            memset(w + m->w_cap, 0, (x->vocab.n + 1 - m->w_cap) * sizeof *w);
            m->w_sentence = w;
        }
        if (!w || !h)
            return cl_nomem(NULL);
        m->occ_head = h;
        m->w_cap = x->vocab.n + 1;
    }
    if (2 * s->ntokens > m->words_cap) {
        size_t cap = 2 * s->ntokens + 64;
        uint32_t *w = realloc(m->words, cap * sizeof *w);
        uint32_t *o = w ? realloc(m->occ_next, cap * sizeof *o) : NULL;
        if (w)
            m->words = w;
        if (!w || !o)
            return cl_nomem(NULL);
        m->occ_next = o;
        m->words_cap = cap;
    }
    if (++m->sentence == 0) {
        memset(m->p_sentence, 0, m->p_cap * sizeof *m->p_sentence);
        memset(m->w_sentence, 0, m->w_cap * sizeof *m->w_sentence);
        m->memo_serial = UINT32_MAX;
        m->sentence = 1;
    }
    /* the words of the sentence, each once, and the chain of the
     * occurrences of each (entry 2i: token i's folded form, 2i + 1: its
     * stem when another word), built from the end */
    for (i = s->ntokens; i-- > 0;) {
        uint32_t f = s->tokens[i].fold_id, t = s->tokens[i].stem_id;
        if (t && t != f) {
            if (m->w_sentence[t] != m->sentence) {
                m->w_sentence[t] = m->sentence;
                m->occ_head[t] = NO_OCC;
                m->words[nwords++] = t;
            }
            m->occ_next[2 * i + 1] = m->occ_head[t];
            m->occ_head[t] = (uint32_t)(2 * i + 1);
        }
        if (f) {
            if (m->w_sentence[f] != m->sentence) {
                m->w_sentence[f] = m->sentence;
                m->occ_head[f] = NO_OCC;
                m->words[nwords++] = f;
            }
            m->occ_next[2 * i] = m->occ_head[f];
            m->occ_head[f] = (uint32_t)(2 * i);
        }
    }
    /* the patterns listed under them whose words are all here, each once
     * (the lists, then what each entry needs, asked for ahead, for the
     * reason given below) */
    for (i = 0; i < nwords; i++)
        if (x->start[m->words[i]] < x->start[m->words[i] + 1])
            __builtin_prefetch(&x->refs[x->start[m->words[i]]]);
    for (i = 0; i < nwords; i++) {
        uint32_t id = m->words[i];
        for (k = x->start[id]; k < x->start[id + 1]; k++) {
            __builtin_prefetch(x->refs[k].req);
            __builtin_prefetch(&m->p_sentence[x->refs[k].serial]);
        }
    }
    for (i = 0; i < nwords; i++) {
        uint32_t id = m->words[i];
        for (k = x->start[id]; k < x->start[id + 1]; k++) {
            const cl_pattern_ref *ref = &x->refs[k];
            if ((ref->key2 && m->w_sentence[ref->key2] != m->sentence) ||
                m->p_sentence[ref->serial] == m->sentence)
                continue;
            m->p_sentence[ref->serial] = m->sentence;
            if (words_present(m, ref->req))
                m->cand[ncand++] = (uint32_t)k;
        }
    }
    /* with thousands of claims, each candidate's pattern, its anchor and
     * the anchor's words are cache misses, each read only after the one
     * before: ask for all the patterns, then all the anchors, then all
     * their words, so that the misses of the candidates overlap */
    for (i = 0; i < ncand; i++)
        __builtin_prefetch(x->refs[m->cand[i]].p);
    for (i = 0; i < ncand; i++) {
        const cl_pattern *p = x->refs[m->cand[i]].p;
        __builtin_prefetch(&p->toks[p->anchor]);
    }
    for (i = 0; i < ncand; i++) {
        const cl_pattern *p = x->refs[m->cand[i]].p;
        __builtin_prefetch(p->toks[p->anchor].alt_ids);
    }
    for (i = 0; i < ncand; i++)
        if ((rc = pattern_at_anchors(m, &x->refs[m->cand[i]], s)) < 0)
            return rc;
    for (k = 0; k < x->nalways; k++) {
        const cl_pattern *p =
            &cl_rules_claim_impl(r, x->always[k].claim)->patterns[x->always[k].pattern];
        if ((rc = pattern_all(m, p, s, x->always[k].claim, &m->found)) < 0)
            return rc;
    }
    if (!x->nregexes)
        return 0;
    if ((rc = regex_candidates(m, s)) < 0)
        return rc;
    for (k = 0; k < m->ntodo; k++) {
        const cl_pattern_ref *ref = &x->regexes[m->todo[k]];
        const cl_claim_impl *ci = cl_rules_claim_impl(r, ref->claim);
        m->stats.regexes_run++;
        if ((rc = regex_all(m, &ci->pub, &ci->regexes[ref->pattern], s, ref->claim, &m->found,
                            diag, ud, docname)) < 0)
            return rc;
    }
    return 0;
}

int cl_match_sentence(cl_matcher *m, const cl_rules *r, const cl_sentence *s, cl_diag_fn diag,
                      void *ud, const char *docname, const cl_match **out, size_t *n)
{
    size_t i, k, first;
    int rc;

    m->found.n = 0;
    *out = NULL;
    *n = 0;
    m->index = cl_rules_claim_index(r);
    if (!m->index->start)
        return 0; /* no claims */
    if ((rc = raw_matches(m, r, s, diag, ud, docname)) < 0)
        return rc;
    if (!m->found.n)
        return 0;
    /* antipatterns, claim by claim, only for claims that matched */
    cl_sort(m->found.v, m->found.n, sizeof *m->found.v, by_claim);
    for (i = 0, k = 0; i < m->found.n;) {
        const cl_claim_impl *ci = cl_rules_claim_impl(r, m->found.v[i].claim);
        size_t last, j;
        for (first = i; i < m->found.n && m->found.v[i].claim == m->found.v[first].claim; i++)
            ;
        last = i;
        if (ci->nantipatterns || ci->nantiregexes)
            last = drop_antipatterns(m, ci, m->found.v[first].claim, s, first, last, diag, ud,
                                     docname);
        for (j = first; j < last; j++)
            m->found.v[k++] = m->found.v[j];
    }
    m->found.n = k;
    if (!m->found.n)
        return 0;
    /* sort by position, then merge overlapping matches of the same claim */
    cl_sort(m->found.v, m->found.n, sizeof *m->found.v, by_position);
    for (i = 0, k = 0; i < m->found.n; i++) {
        size_t j;
        for (j = 0; j < k; j++)
            if (m->found.v[j].claim == m->found.v[i].claim &&
                overlaps(m->found.v[j].tokens, m->found.v[i].tokens))
                break;
        if (j < k) {
            /* merge: the union of the spans; a word is the claim's own
             * when any of the merged matches named it */
            cl_match *a = &m->found.v[j], *b = &m->found.v[i];
            if (b->tokens.start - a->tokens.start < 64)
                a->own |= b->own << (b->tokens.start - a->tokens.start);
            if (b->tokens.end > a->tokens.end)
                a->tokens.end = b->tokens.end;
            continue;
        }
        m->found.v[k++] = m->found.v[i];
    }
    m->found.n = k;
    *out = m->found.v;
    *n = k;
    return 0;
}

/* Whether every token of cue C is one of the match's own words. */
static int cue_is_own(const cl_cue *c, const cl_match *mt)
{
    uint32_t t;

    for (t = c->tokens.start; t < c->tokens.end; t++) {
        uint32_t rel = t - mt->tokens.start;
        if (t < mt->tokens.start || rel >= 64 || !(mt->own >> rel & 1))
            return 0;
    }
    return 1;
}

/* Whether some but not all words of cue C are the match's own. */
static int cue_overlaps_own(const cl_cue *c, const cl_match *mt)
{
    uint32_t t;

    for (t = c->tokens.start; t < c->tokens.end; t++) {
        uint32_t rel = t - mt->tokens.start;
        if (t >= mt->tokens.start && rel < 64 && (mt->own >> rel & 1))
            return !cue_is_own(c, mt);
    }
    return 0;
}

/* Whether cue C bears on match MT: its scope covers a token of it, or the
 * cue stands inside it ("the trip is not linked"). A cue on the claim's
 * own words ("unable" in a claim that someone was unable to travel) is
 * part of what is claimed, and bears on nothing. */
static int cue_covers(const cl_cue *c, const cl_match *mt)
{
    if (cue_is_own(c, mt))
        return 0;
    return overlaps(c->scope[0], mt->tokens) || overlaps(c->scope[1], mt->tokens) ||
           overlaps(c->tokens, mt->tokens);
}

/* Whether most of the words of match MT lie inside a quotation. */
static int match_quoted(const cl_sentence *s, const cl_match *mt)
{
    uint32_t k, words = 0, in = 0;

    if (!s->quoted)
        return 0;
    for (k = mt->tokens.start; k < mt->tokens.end; k++) {
        if (s->tokens[k].kind == CL_TOK_PUNCT)
            continue;
        words++;
        in += s->quoted[k] != 0;
    }
    return words && 2 * in > words;
}

/* The kind cue C acts as for match MT of S. Two hedges read otherwise:
 * - "not said", "not mentioned" (a negation word and a verb) say that P is
 *   unknown, but when the verb is the claim's own word the claim is the
 *   saying itself, which is denied ("officials have not said why");
 * - "believes", "thinks" with a subject other than the writer ("he
 *   believes P") report someone's belief: attributed, as FactBank has it;
 *   "I think P" and the passive "he is believed to be P" stay hedges. */
static cl_cue_kind acts_as(const cl_sentence *s, const cl_cue *c, const cl_match *mt)
{
    static const char *const negators[] = {"not", "n't", "never", "no", NULL};
    static const char *const doxastic[] = {"believe", "believes", "believed", "think",
                                           "thinks", NULL};
    uint32_t t, own = 0, neg = 0;
    const char *const *w;

    if (c->def->kind != CL_CUE_HEDGE)
        return c->def->kind;
    for (t = c->tokens.start; t < c->tokens.end; t++) {
        uint32_t rel = t - mt->tokens.start;
        int is_own = t >= mt->tokens.start && rel < 64 && (mt->own >> rel & 1);
        for (w = negators; *w && !cl_streq(s->tokens[t].fold, *w); w++)
            ;
        own += is_own;
        neg += !is_own && *w;
    }
    if (own && own + neg == c->tokens.end - c->tokens.start && neg)
        return CL_CUE_NEGATION;
    if (c->tokens.end - c->tokens.start == 1) {
        for (w = doxastic; *w && !cl_streq(s->tokens[c->tokens.start].fold, *w); w++)
            ;
        if (*w && c->tokens.start > 0) {
            const cl_token *b = &s->tokens[c->tokens.start - 1];
            static const char *const be[] = {"i",   "we",   "you",  "to",    "is",
                                             "are", "was",  "were", "be",    "been",
                                             "being", "'s", "'re",  NULL};
            const char *const *v;
            /* not "I think", nor the passive "he is believed to be": a hedge */
            for (v = be; *v && !cl_streq(b->fold, *v); v++)
                ;
            if (b->kind == CL_TOK_WORD && !*v)
                return CL_CUE_ATTRIBUTION;
        }
    }
    return c->def->kind;
}

/* Whether hedge H asks a question ("whether", "if", "or if"): its last
 * word. */
static int asks(const cl_sentence *s, const cl_cue *h)
{
    const char *w = s->tokens[h->tokens.end - 1].fold;

    return cl_streq(w, "whether") || cl_streq(w, "if");
}

/* Whether the scope of cue C reaches cue D. */
static int covers_cue(const cl_cue *c, const cl_cue *d)
{
    return overlaps(c->scope[0], d->tokens) || overlaps(c->scope[1], d->tokens);
}

cl_status cl_match_status(cl_matcher *m, const cl_sentence *s, const cl_match *match,
                          const cl_cue **decider, const cl_cue **attribution, int *quoted,
                          const cl_cue *const **cover, size_t *ncover)
{
    const cl_cue *neg = NULL, *hedge = NULL, *attr = NULL;
    size_t i;

    m->ncover = 0;
    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        cl_cue_kind kind;
        if (c->def->kind != CL_CUE_NEGATION && c->def->kind != CL_CUE_HEDGE &&
            c->def->kind != CL_CUE_HYPOTHETICAL && c->def->kind != CL_CUE_ATTRIBUTION)
            continue;
        if (!cue_covers(c, match) && !(c->def->kind == CL_CUE_HEDGE && cue_overlaps_own(c, match)))
            continue;
        kind = acts_as(s, c, match);
        if (m->ncover == m->cover_cap) {
            size_t cap = m->cover_cap ? m->cover_cap * 2 : 8;
            const cl_cue **p = realloc(m->cover, cap * sizeof *p);
            if (p) {
                m->cover = p;
                m->cover_cap = cap;
            }
        }
        if (m->ncover < m->cover_cap)
            m->cover[m->ncover++] = c;
        if ((kind == CL_CUE_HEDGE || kind == CL_CUE_HYPOTHETICAL) && !hedge)
            hedge = c;
        if (kind == CL_CUE_NEGATION && !neg)
            neg = c;
        /* the nearest attribution before the match, else the first after */
        if (kind == CL_CUE_ATTRIBUTION && (!attr || c->tokens.start <= match->tokens.start))
            attr = c;
    }
    *cover = m->cover;
    *ncover = m->ncover;
    *attribution = attr;
    *quoted = match_quoted(s, match);
    if (neg && hedge && asks(s, hedge) && hedge->tokens.start > neg->tokens.start &&
        covers_cue(neg, hedge))
        neg = NULL; /* "nobody has said whether P": P is unknown, not denied */
    *decider = neg ? neg : hedge ? hedge : attr;
    if (neg)
        return CL_STATUS_NEGATED;
    if (hedge)
        return CL_STATUS_HEDGED;
    return attr || *quoted ? CL_STATUS_ATTRIBUTED : CL_STATUS_STATED;
}

/* ---- explanations ------------------------------------------------------ */

/* The first match of pattern P (a claim's or an antipattern's) in S into
 * *R; 1 when there is one. */
static int first_match(cl_matcher *m, const cl_pattern *p, const cl_sentence *s, cl_range *r)
{
    cl_matchvec v = {0};
    int rc = pattern_all(m, p, s, 0, &v);

    if (rc >= 0 && (rc = v.n > 0))
        *r = v.v[0].tokens;
    free(v.v);
    return rc;
}

/* The same for regex RE of claim C. */
static int first_regex_match(cl_matcher *m, const cl_claim *c, const cl_regex *re,
                             const cl_sentence *s, cl_range *r)
{
    cl_matchvec v = {0};
    int rc = regex_all(m, c, re, s, 0, &v, NULL, NULL, NULL);

    if (rc >= 0 && (rc = v.n > 0))
        *r = v.v[0].tokens;
    free(v.v);
    return rc;
}

/* The line of the first antipattern of CI that overlaps R in S, or 0. */
static int dropped_by(cl_matcher *m, const cl_claim_impl *ci, const cl_sentence *s, cl_range r,
                      unsigned *line)
{
    cl_range a;
    uint32_t k;
    int rc;

    *line = 0;
    for (k = 0; k < ci->nantipatterns && !*line; k++) {
        if ((rc = first_match(m, &ci->antipatterns[k], s, &a)) < 0)
            return rc;
        if (rc && overlaps(a, r))
            *line = ci->antipatterns[k].line;
    }
    for (k = 0; k < ci->nantiregexes && !*line; k++) {
        if ((rc = first_regex_match(m, &ci->pub, &ci->antiregexes[k], s, &a)) < 0)
            return rc;
        if (rc && overlaps(a, r))
            *line = ci->antiregexes[k].line;
    }
    return 0;
}

/* Whether the anchor of P is one of the tokens of S. */
static int anchor_present(cl_matcher *m, const cl_pattern *p, const cl_sentence *s)
{
    size_t i;

    for (i = 0; i < s->ntokens; i++)
        if (token_matches(m, &p->toks[p->anchor], s, i))
            return 1;
    return 0;
}

int cl_match_attempts(cl_matcher *m, const cl_rules *r, uint32_t claim, const cl_sentence *s,
                      cl_attempt *out, size_t cap)
{
    const cl_claim_impl *ci = cl_rules_claim_impl(r, claim);
    const cl_claim_index *x = cl_rules_claim_index(r);
    size_t n = 0, t, lo, hi;
    uint32_t k;
    int rc;

    m->index = x;
    for (k = 0; k < ci->npatterns + ci->nregexes; k++, n++) {
        cl_attempt a;
        memset(&a, 0, sizeof a);
        if (k < ci->npatterns) {
            const cl_pattern *p = &ci->patterns[k];
            a.what = p->near ? "near" : "pattern";
            a.line = p->line;
            a.tried = p->ntoks && (ci->unindexed || anchor_present(m, p, s));
            if (a.tried && (rc = first_match(m, p, s, &a.tokens)) < 0)
                return rc;
        } else {
            const cl_regex *re = &ci->regexes[k - ci->npatterns];
            a.what = "regex";
            a.line = re->line;
            /* regexes are numbered in claim order: the claim's first one */
            for (lo = 0, hi = x->nregexes; lo < hi;) {
                t = (lo + hi) / 2;
                if (x->regexes[t].claim < claim)
                    lo = t + 1;
                else
                    hi = t;
            }
            if ((rc = regex_tried(m, x, (uint32_t)(lo + k - ci->npatterns), s)) < 0)
                return rc;
            a.tried = rc;
            if (a.tried && (rc = first_regex_match(m, &ci->pub, re, s, &a.tokens)) < 0)
                return rc;
        }
        a.matched = a.tried && rc > 0;
        rc = 0;
        if (a.matched && (rc = dropped_by(m, ci, s, a.tokens, &a.dropped_by)) < 0)
            return rc;
        if (n < cap)
            out[n] = a;
    }
    return (int)n;
}
