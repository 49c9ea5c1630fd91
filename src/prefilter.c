/* prefilter.c - which claims a sentence can make, found without trying
 * them all: an index from a required word of each pattern to the patterns
 * it keys, and for sentence <regex>es the runs of plain characters every
 * match must contain, all looked for in one pass over the sentence's text
 * by an Aho-Corasick automaton. Built once by cl_rules_compile; the
 * matcher reads it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Skip a quantifier at *P, if any: sets *MIN_ZERO when it allows no
 * occurrence. Returns 1 when there was one, 0 when not, -1 for a brace
 * that is not clearly a quantifier (its meaning depends on the PCRE2
 * version). */
static int skip_quantifier(const char **p, int *min_zero)
{
    const char *q = *p;

    *min_zero = 0;
    if (*q == '?' || *q == '*') {
        *min_zero = 1;
        q++;
    } else if (*q == '+') {
        q++;
    } else if (*q == '{') {
        const char *d = q + 1;
        size_t lead = 0;
        while (*d >= '0' && *d <= '9') {
            d++;
            lead++;
        }
        if (*d == ',')
            for (d++; *d >= '0' && *d <= '9'; d++)
                ;
        if (*d != '}' || !lead)
            return -1;
        *min_zero = q[1] == '0' && lead == 1;
        for (q++; *q == '0'; q++)
            ;
        if (*q < '1' || *q > '9')
            *min_zero = 1; /* {0}, {00,3}, ... */
        q = d + 1;
    } else {
        return 0;
    }
    if (*q == '?' || *q == '+')
        q++; /* lazy, possessive */
    *p = q;
    return 1;
}

/* Past the character class opening at Q (a '['), or NULL when it does not
 * close: a leading ']' is literal, as are escaped characters, and POSIX
 * classes ([:alpha:]) nest. */
static const char *skip_class(const char *q)
{
    for (q++; *q == '^'; q++)
        ;
    if (*q == ']')
        q++;
    while (*q && *q != ']') {
        if (*q == '\\' && q[1])
            q++;
        else if (*q == '[' && q[1] == ':')
            for (q += 2; *q && !(q[0] == ':' && q[1] == ']'); q++)
                ;
        if (*q)
            q++;
    }
    return *q ? q + 1 : NULL;
}

/* Skip the group opening at *P (a '('), nested groups, classes and
 * escapes included; -1 when it does not close. */
static int skip_group(const char **p)
{
    const char *q = *p;
    int depth = 0;

    for (; *q; q++) {
        if (*q == '\\') {
            if (!*++q)
                return -1;
        } else if (*q == '[') {
            if (!(q = skip_class(q)))
                return -1;
            q--; /* at the ']' */
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')' && --depth == 0) {
            *p = q + 1;
            return 0;
        }
    }
    return -1;
}

/* Runs shorter than this are not looked for. */
enum { RUN_MIN = 3 };

/* The CL_RUN_* flags of the run RUN[0..N) with a \b before it (BEFORE) or
 * after it (AFTER), or after something that matches no ASCII letter or
 * digit (NONWORD): those next to a word character of ASCII. */
static unsigned char run_flags(const char *run, size_t n, int before, int after, int nonword)
{
    int word0 = cl_ascii_word((unsigned char)run[0]);

    return (unsigned char)((before && word0 ? CL_RUN_WORD_BEFORE : 0) |
                           (after && cl_ascii_word((unsigned char)run[n - 1]) ? CL_RUN_WORD_AFTER
                                                                               : 0) |
                           ((before || nonword) && word0 ? CL_RUN_STARTS_WORD : 0));
}

/* cl_regex_literal, and every run of RUN_MIN bytes or more that every
 * match must contain into RUNS (RUNS_CAP bytes, each NUL-terminated, *NRUNS
 * bytes used; runs that do not fit are left out) when RUNS is not NULL,
 * with the run's CL_RUN_* flags in FLAGS[k] for the k-th run (FLAGS has
 * room for RUNS_CAP). The runs mean nothing when it returns 0. */
static size_t regex_runs(const char *src, char *out, size_t cap, char *runs, size_t runs_cap,
                         size_t *nruns, unsigned char *flags)
{
    char run[256];
    size_t nrun = 0, best = 0, k = 0;
    const char *p = src;
    int min_zero, quantified;
    /* a \b just before the run (pending until its first character), and
     * one just after its last character so far */
    int wb_pending = 0, wb_before = 0, wb_after = 0;
    /* the same for a class that matches no ASCII letter or digit (\s) */
    int nw_pending = 0, nw_before = 0;

#define END_RUN()                                                                                  \
    do {                                                                                           \
        if (nrun > best && nrun < cap) {                                                           \
            memcpy(out, run, nrun);                                                                \
            out[nrun] = '\0';                                                                      \
            best = nrun;                                                                           \
        }                                                                                          \
        if (runs && nrun >= RUN_MIN && *nruns + nrun + 1 <= runs_cap) {                            \
            memcpy(runs + *nruns, run, nrun);                                                      \
            runs[*nruns + nrun] = '\0';                                                            \
            *nruns += nrun + 1;                                                                    \
            flags[k++] = run_flags(run, nrun, wb_before, wb_after, nw_before);                     \
        }                                                                                          \
        nrun = 0;                                                                                  \
        wb_pending = wb_before = wb_after = nw_pending = nw_before = 0;                            \
    } while (0)

    if (cap)
        out[0] = '\0';
    while (*p) {
        unsigned char c = (unsigned char)*p;
        int lit = -1; /* the literal character of this atom, if any */
        if (c == '|' || c == ')' || c == '*' || c == '+' || c == '?' || c == '{')
            return 0; /* alternation at the top, or a form not understood */
        if (c == '^' || c == '$') {
            p++; /* zero-width: the run goes on */
            wb_pending = wb_after = nw_pending = 0;
            continue;
        }
        if (c == '(') {
            if (p[1] == '*')
                return 0; /* (*VERB) */
            if (p[1] == '?') {
                /* an option setting such as (?i) or (?-i) is zero-width */
                const char *q = p + 2;
                while (*q && strchr("imnsJUx-^", *q))
                    q++;
                if (*q == ')' && q > p + 2) {
                    if (memchr(p + 2, 'x', (size_t)(q - p - 2)))
                        return 0; /* extended: white space is not literal */
                    p = q + 1;
                    continue;
                }
            }
            if (skip_group(&p) < 0 || skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        }
        if (c == '[') {
            if (!(p = skip_class(p)))
                return 0;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        }
        if (c == '\\') {
            unsigned char d = (unsigned char)p[1];
            if (!d)
                return 0;
            if (strchr("bBAzZGK", d)) {
                p += 2; /* assertions: zero-width */
                if (d == 'b' && nrun)
                    wb_after = 1;
                else if (d == 'b')
                    wb_pending = 1;
                else
                    wb_pending = wb_after = nw_pending = 0;
                continue;
            }
            if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9')) {
                /* a class such as \s or \d; anything with an argument
                 * ({...}, <...>, hex digits, \Q...\E) is not worth it */
                if (!strchr("dDwWsShHvVRNX", d) || p[2] == '{')
                    return 0;
                p += 2;
                if (skip_quantifier(&p, &min_zero) < 0)
                    return 0;
                END_RUN();
                nw_pending = strchr("sWhvR", d) && !min_zero;
                continue;
            }
            if (d >= 0x80)
                return 0;
            lit = d; /* an escaped punctuation character stands for itself */
            p += 2;
        } else if (c == '.') {
            p++;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        } else if (c >= 0x80) {
            /* a non-ASCII character: case folding would need Unicode */
            for (p++; ((unsigned char)*p & 0xC0) == 0x80; p++)
                ;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        } else {
            lit = c;
            p++;
        }
        if ((quantified = skip_quantifier(&p, &min_zero)) < 0)
            return 0;
        if (min_zero) {
            END_RUN(); /* optional: not part of what must be there */
            continue;
        }
        if (nrun + 1 >= sizeof run)
            END_RUN();
        if (!nrun) {
            wb_before = wb_pending;
            nw_before = nw_pending;
        }
        wb_pending = wb_after = nw_pending = 0;
        run[nrun++] = (char)(lit >= 'A' && lit <= 'Z' ? lit + 32 : lit);
        if (quantified)
            END_RUN(); /* repeated: the next character need not follow it */
    }
    END_RUN();
#undef END_RUN
    return best;
}

size_t cl_regex_literal(const char *src, char *out, size_t cap)
{
    return regex_runs(src, out, cap, NULL, 0, NULL, NULL);
}

/* Number the alternatives of every non-regex token of P. */
/* The number of the folded form of the case-sensitive word W: a token
 * spelled exactly W has that fold, so the index can find it by it. 0 when
 * W is not one token, or is one of the few whose fold is not its letters
 * lower-cased (the "ca" of "can't"); < 0 when out of memory. */
static long casesens_id(cl_claim_index *x, cl_arena *a, const char *w)
{
    static const char *const odd[] = {"ca", "wo", "sha", "ai"};
    cl_tokvec tv = {0};
    long id = 0;
    size_t k;

    if (cl_tokenize(a, w, strlen(w), &tv) < 0)
        return cl_nomem(NULL);
    if (tv.n == 1) {
        id = (long)cl_strtab_intern(&x->vocab, tv.v[0].fold);
        if (!id)
            id = CL_ENOMEM;
        for (k = 0; k < sizeof odd / sizeof odd[0]; k++)
            if (strcmp(tv.v[0].fold, odd[k]) == 0)
                id = 0;
    }
    cl_tokvec_free(&tv);
    return id;
}

/* Number the alternatives of every non-regex token of P (for a
 * case-sensitive token, their folded forms, 0 when one has none). */
static int intern_pattern(cl_claim_index *x, cl_arena *a, cl_pattern *p)
{
    uint32_t k, i;

    for (k = 0; k < p->ntoks; k++) {
        cl_tokspec *t = &p->toks[k];
        if (t->re)
            continue;
        if (!(t->alt_ids = cl_arena_alloc(a, (t->nalts ? t->nalts : 1) * sizeof *t->alt_ids)))
            return cl_nomem(NULL);
        for (i = 0; i < t->nalts; i++) {
            long id = t->casesens ? casesens_id(x, a, t->alts[i])
                                  : (long)cl_strtab_intern(&x->vocab, t->alts[i]);
            if (id < 0 || (!id && !t->casesens))
                return cl_nomem(NULL);
            t->alt_ids[i] = (uint32_t)id;
        }
    }
    return 0;
}

/* Words too common to find a pattern by: the most frequent English words
 * of four letters or more (shorter ones lose to longer words anyway), in
 * strcmp order. */
static const char *const common_words[] = {
    "about", "after", "also", "been", "before", "being", "between", "both", "could",
    "does", "each", "first", "from", "have", "into", "just", "like", "made", "many",
    "more", "most", "much", "only", "other", "over", "said", "same", "should", "some",
    "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "time", "under", "very", "were", "what", "when", "where",
    "which", "while", "will", "with", "would", "year", "years"};

const char *const *cl_common_words(size_t *n)
{
    *n = sizeof common_words / sizeof common_words[0];
    return common_words;
}

/* Whether W is one of the N strings of V, which are in strcmp order. */
static int sorted_has(const char *const *v, size_t n, const char *w)
{
    size_t lo = 0, hi = n, mid;
    int c;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if ((c = strcmp(w, v[mid])) == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

int cl_common_word(const char *w)
{
    return sorted_has(common_words, sizeof common_words / sizeof common_words[0], w);
}

/* How good token T is as the index's way in: -1 when it cannot be one (a
 * regex or case-sensitive token), else higher for fewer, longer, less
 * common words. */
static long anchor_score(const cl_tokspec *t)
{
    size_t shortest = (size_t)-1, len;
    uint32_t a;
    int common = 0;

    if (t->re || !t->nalts)
        return -1;
    for (a = 0; a < t->nalts; a++) {
        if (!t->alt_ids[a])
            return -1; /* a case-sensitive word with no fold to find it by */
        len = strlen(t->alts[a]);
        if (len < shortest)
            shortest = len;
        common |= cl_common_word(t->alts[a]);
    }
    return (common ? 0 : 1000) + (long)(shortest > 30 ? 30 : shortest) * 10 - (long)t->nalts;
}

/* Choose P's anchor among its required tokens (the first of them when
 * none can be indexed), and how far before it the pattern starts: at
 * least the required tokens before it, at most the words of all the
 * tokens and skips before it. Returns 0 when P has no token the index can
 * find it by. */
static int choose_anchor(cl_pattern *p)
{
    long best = -1, sc;
    uint32_t k, back = 0, before = 0;

    p->anchor = 0;
    while (p->anchor + 1 < p->ntoks && p->toks[p->anchor].optional)
        p->anchor++;
    for (k = 0; k < p->ntoks; k++)
        if (!p->toks[k].optional && (sc = anchor_score(&p->toks[k])) > best) {
            best = sc;
            p->anchor = k;
        }
    for (k = 0; k < p->anchor; k++)
        before += !p->toks[k].optional;
    for (k = 1; k <= p->anchor; k++)
        back += 1 + p->toks[k].skip;
    p->before = before;
    p->back = back;
    return best >= 0;
}

/* Whether the index finds pattern P (by its anchor). */
static int indexable(const cl_pattern *p)
{
    return p->ntoks && !p->toks[p->anchor].optional && anchor_score(&p->toks[p->anchor]) >= 0;
}

/* The automaton of the NRUNS distinct strings RUNS (ids 0.., of ASCII
 * bytes, letters in lower case) into AC: byte classes, the trie of the
 * strings with its failure moves folded in (a full table), the states that
 * end a string moved last. */
static int build_automaton(cl_acm *ac, const char *const *runs, size_t nruns)
{
    size_t i, total = 1, nstates = 1, head = 0, tail = 0, nout = 0;
    uint32_t nc = 1, c, u, v, *g = NULL, *fail = NULL, *own = NULL, *dict = NULL, *queue = NULL,
             *perm = NULL;
    int rc = CL_ENOMEM;

    memset(ac->cls, 0, sizeof ac->cls);
    ac->maxlen = 0;
    for (i = 0; i < nruns; i++) {
        const unsigned char *r = (const unsigned char *)runs[i];
        for (; *r; r++, total++)
            if (!ac->cls[*r])
                ac->cls[*r] = (unsigned char)nc++; /* at most 127 bytes: ASCII */
        if ((size_t)(r - (const unsigned char *)runs[i]) > ac->maxlen)
            ac->maxlen = (uint32_t)(r - (const unsigned char *)runs[i]);
    }
    for (c = 'A'; c <= 'Z'; c++)
        ac->cls[c] = ac->cls[c + 32];
    g = calloc(total * nc, sizeof *g);
    fail = calloc(total, sizeof *fail);
    own = calloc(total, sizeof *own);
    dict = calloc(total, sizeof *dict);
    queue = malloc(total * sizeof *queue);
    perm = malloc(total * sizeof *perm);
    if (!g || !fail || !own || !dict || !queue || !perm)
        goto done;
    /* the trie: state 0 the root, no move leads back to it */
    for (i = 0; i < nruns; i++) {
        const unsigned char *r = (const unsigned char *)runs[i];
        for (u = 0; *r; r++) {
            uint32_t *to = &g[(size_t)u * nc + ac->cls[*r]];
            if (!*to)
                *to = (uint32_t)nstates++;
            u = *to;
        }
        own[u] = (uint32_t)i + 1;
    }
    /* breadth first: each state's failure is shallower, its row complete */
    for (c = 0; c < nc; c++)
        if ((v = g[c]) != 0)
            queue[tail++] = v;
    while (head < tail) {
        u = queue[head++];
        for (c = 0; c < nc; c++) {
            uint32_t *to = &g[(size_t)u * nc + c], f = g[(size_t)fail[u] * nc + c];
            if (!*to) {
                *to = f;
                continue;
            }
            v = *to;
            fail[v] = f;
            dict[v] = own[f] ? f : dict[f];
            queue[tail++] = v;
        }
    }
    /* number the states that end no run first (the root stays 0) */
    for (u = 0, v = 0; u < nstates; u++)
        if (!own[u] && !dict[u])
            perm[u] = v++;
    ac->out_base = v * nc;
    for (u = 0; u < nstates; u++)
        if (own[u] || dict[u])
            perm[u] = v++;
    nout = nstates - ac->out_base / nc;
    ac->nc = nc;
    ac->delta = malloc(nstates * nc * sizeof *ac->delta);
    ac->own = malloc((nout ? nout : 1) * sizeof *ac->own);
    ac->dict = malloc((nout ? nout : 1) * sizeof *ac->dict);
    if (!ac->delta || !ac->own || !ac->dict)
        goto done;
    for (u = 0; u < nstates; u++) {
        for (c = 0; c < nc; c++)
            ac->delta[(size_t)perm[u] * nc + c] = perm[g[(size_t)u * nc + c]] * nc;
        if (perm[u] * nc >= ac->out_base) {
            uint32_t o = perm[u] - ac->out_base / nc;
            ac->own[o] = own[u];
            ac->dict[o] = dict[u] ? perm[dict[u]] - ac->out_base / nc + 1 : 0;
        }
    }
    rc = 0;
done:
    free(g);
    free(fail);
    free(own);
    free(dict);
    free(queue);
    free(perm);
    return rc;
}

/* The literals of the sentence regexes of the N CLAIMS, into X (REGEXES,
 * LITS, ALWAYS_RE, the runs each needs and their automaton); counts the
 * claims with a regex that has none. */
static int index_regexes(cl_claim_index *x, cl_arena *a, cl_claim_impl *const *claims, size_t n,
                         size_t nregex)
{
    size_t i, nrefs = 0, cap = 0;
    char lit[256], runs[1024];
    unsigned char rflags[sizeof runs];
    uint32_t j;
    struct {
        uint32_t regex, run, flags;
    } *pairs = NULL;
    cl_strtab tab = {0};
    const char **names = NULL;
    int rc = CL_ENOMEM;

    x->regexes = malloc((nregex ? nregex : 1) * sizeof *x->regexes);
    x->always_re = malloc((nregex ? nregex : 1) * sizeof *x->always_re);
    x->lits = calloc(nregex ? nregex : 1, sizeof *x->lits);
    x->re_nreq = calloc(nregex ? nregex : 1, sizeof *x->re_nreq);
    if (!x->regexes || !x->always_re || !x->lits || !x->re_nreq)
        return cl_nomem(NULL);
    for (i = 0; i < n; i++) {
        cl_claim_impl *ci = claims[i];
        int falls_back = 0;
        for (j = 0; j < ci->nregexes; j++) {
            uint32_t id = (uint32_t)x->nregexes++, first = (uint32_t)nrefs;
            size_t nruns = 0, len, at, r;
            len = ci->regexes[j].source ? regex_runs(ci->regexes[j].source, lit, sizeof lit, runs,
                                                     sizeof runs, &nruns, rflags)
                                        : 0;
            x->regexes[id].claim = (uint32_t)i;
            x->regexes[id].pattern = j;
            x->regexes[id].p = NULL;
            x->regexes[id].anchor = x->regexes[id].back = x->regexes[id].serial = 0;
            x->regexes[id].first_id = 0;
            x->regexes[id].first_inflected = 0;
            x->regexes[id].key2 = 0;
            x->regexes[id].req = NULL;
            if (len < RUN_MIN) {
                x->always_re[x->nalways_re++] = id;
                if (!falls_back) {
                    ci->unindexed = "its <regex> has no run of 3 plain characters or more that "
                                    "every match contains";
                    ci->unindexed_line = ci->regexes[j].line;
                }
                falls_back = 1;
                continue;
            }
            if (!(x->lits[id].text = cl_arena_strndup(a, lit, len)))
                goto done;
            x->lits[id].len = len;
            /* the runs it needs, each once: (regex, run) pairs (a run met
             * twice keeps its first word boundaries: every match has both) */
            for (at = 0, r = 0; at < nruns; at += strlen(runs + at) + 1, r++) {
                char *name = cl_arena_strndup(a, runs + at, strlen(runs + at));
                uint32_t run, k;
                if (!name || !(run = cl_strtab_intern(&tab, name)))
                    goto done;
                for (k = first; k < nrefs && pairs[k].run != run - 1; k++)
                    ;
                if (k < nrefs)
                    continue;
                if (cl_grow(&pairs, &cap, nrefs + 1, sizeof *pairs, 64) < 0)
                    goto done;
                pairs[nrefs].regex = id;
                pairs[nrefs].flags = rflags[r];
                pairs[nrefs++].run = run - 1;
                x->re_nreq[id]++;
            }
        }
        for (j = 0; j < ci->npatterns && !falls_back; j++)
            if ((falls_back = ci->patterns[j].ntoks && !indexable(&ci->patterns[j]))) {
                ci->unindexed = "its pattern has no required word to find it by (only regex "
                                "or optional tokens)";
                ci->unindexed_line = ci->patterns[j].line;
            }
        x->fallback_claims += falls_back;
    }
    rc = 0;
    if (!(x->nacl = tab.n))
        goto done;
    rc = CL_ENOMEM;
    /* the regexes of each run, in order of regex */
    x->acl_start = calloc(x->nacl + 1, sizeof *x->acl_start);
    x->acl_regex = malloc((nrefs ? nrefs : 1) * sizeof *x->acl_regex);
    x->acl_flags = malloc(nrefs ? nrefs : 1);
    x->acl_len = malloc(x->nacl * sizeof *x->acl_len);
    names = malloc(x->nacl * sizeof *names);
    if (!x->acl_start || !x->acl_regex || !x->acl_flags || !x->acl_len || !names)
        goto done;
    for (i = 0; i < nrefs; i++)
        x->acl_start[pairs[i].run + 1]++;
    for (i = 1; i <= x->nacl; i++)
        x->acl_start[i] += x->acl_start[i - 1];
    for (i = 0; i < nrefs; i++) {
        x->acl_flags[x->acl_start[pairs[i].run]] = (unsigned char)pairs[i].flags;
        x->acl_regex[x->acl_start[pairs[i].run]++] = pairs[i].regex;
    }
    for (i = x->nacl; i > 0; i--)
        x->acl_start[i] = x->acl_start[i - 1];
    x->acl_start[0] = 0;
    for (i = 0; i < tab.cap; i++)
        if (tab.keys[i]) {
            names[tab.ids[i] - 1] = tab.keys[i];
            x->acl_len[tab.ids[i] - 1] = (uint32_t)strlen(tab.keys[i]);
        }
    rc = build_automaton(&x->ac, names, x->nacl);
    x->acl_names = names;
    names = NULL;
done:
    free(pairs);
    free(names);
    cl_strtab_free(&tab);
    return rc < 0 ? cl_nomem(NULL) : 0;
}

/* Uses of each word of the vocabulary by the required tokens of the N
 * CLAIMS' patterns, into DF (VOCAB.N + 1 entries, zeroed). */
static void count_uses(uint32_t *df, cl_claim_impl *const *claims, size_t n)
{
    size_t i;
    uint32_t k, t, alt;

    for (i = 0; i < n; i++)
        for (k = 0; k < claims[i]->npatterns; k++) {
            const cl_pattern *p = &claims[i]->patterns[k];
            for (t = 0; t < p->ntoks; t++)
                if (!p->toks[t].optional && !p->toks[t].re)
                    for (alt = 0; alt < p->toks[t].nalts; alt++)
                        df[p->toks[t].alt_ids[alt]]++;
        }
}

/* The token the index lists P under (P indexable): a required word that
 * is neither common nor short if there is one, then the one the rules use
 * least (DF: their uses of each word), then the best anchor. The anchor
 * itself stays what P is tried at; the key only finds P. */
static uint32_t choose_key(const cl_pattern *p, const uint32_t *df)
{
    uint32_t k, a, key = p->anchor;
    long best_sc = -1;
    uint64_t best_cost = UINT64_MAX;
    int best_band = 2;

    for (k = 0; k < p->ntoks; k++) {
        const cl_tokspec *t = &p->toks[k];
        long sc;
        uint64_t cost = 0;
        int band = 0;
        if (t->optional || (sc = anchor_score(t)) < 0)
            continue;
        for (a = 0; a < t->nalts; a++) {
            cost += df[t->alt_ids[a]];
            if (strlen(t->alts[a]) <= 3)
                band = 1;
        }
        if (sc < 1000)
            band = 1; /* a common word */
        if (band < best_band || (band == best_band && cost < best_cost) ||
            (band == best_band && cost == best_cost && sc > best_sc)) {
            best_band = band;
            best_cost = cost;
            best_sc = sc;
            key = k;
        }
    }
    return key;
}

/* Whether token T of a pattern is a required word the index can test for:
 * not optional, no regex nor <number>, and each word with a number. */
static int required_word(const cl_tokspec *t)
{
    uint32_t a;

    if (t->optional || t->re || t->num || !t->nalts)
        return 0;
    for (a = 0; a < t->nalts; a++)
        if (!t->alt_ids[a])
            return 0;
    return 1;
}

/* The token of P (indexable, listed under token KEY) with a second word
 * it needs, for a quick test: of its other required tokens naming one
 * word, the one the rules use least (DF); P->ntoks when there is none. */
static uint32_t choose_key2(const cl_pattern *p, uint32_t key, const uint32_t *df)
{
    uint32_t k, best = p->ntoks;

    for (k = 0; k < p->ntoks; k++) {
        const cl_tokspec *t = &p->toks[k];
        if (k == key || !required_word(t) || t->nalts != 1)
            continue;
        if (best == p->ntoks || df[t->alt_ids[0]] < df[p->toks[best].alt_ids[0]])
            best = k;
    }
    return best;
}

/* The words P needs besides its KEY and KEY2 tokens into R (when not
 * NULL): for each required word token, the number of its words and
 * their numbers, then a 0. Returns the entries. */
static size_t required_words(const cl_pattern *p, uint32_t key, uint32_t key2, uint32_t *r)
{
    size_t n = 0;
    uint32_t k, a;

    for (k = 0; k < p->ntoks; k++) {
        const cl_tokspec *t = &p->toks[k];
        if (k == key || k == key2 || !required_word(t))
            continue;
        if (r)
            r[n] = t->nalts;
        for (n++, a = 0; a < t->nalts; a++, n++)
            if (r)
                r[n] = t->alt_ids[a];
    }
    if (r)
        r[n] = 0;
    return n + 1;
}

size_t cl_sieve_string(const char *w, int stemmed, size_t *start)
{
    size_t n = strlen(w), i;
    const char *spelt = cl_fold_spelling(w);

    *start = 0;
    /* "not" of "cannot" and the clitics start inside a word */
    if (cl_fold_inside_word(w))
        return 0;
    /* "will" is written "wo" in "won't": only what the two share. A stem
     * (Porter2) may end in a letter its words do not have there: the "e"
     * of "hope" for hoping, the "l" of "durabl" for durability, the "i" of
     * "happi" for happy; two in "die", "lie", "tie" (dying, lying, tying);
     * and its exceptions have "sky" for skies. The letters before are the
     * words' own. */
    if (spelt)
        for (n = 0; w[n] && w[n] == spelt[n]; n++)
            ;
    else if (!stemmed)
        ;
    else if (n >= 2 && w[n - 2] == 'i' && w[n - 1] == 'e')
        n -= 2;
    else if (n && (w[n - 1] == 'e' || w[n - 1] == 'i' || strcmp(w, "sky") == 0 ||
                   (n >= 2 && w[n - 2] == 'b' && w[n - 1] == 'l')))
        n--;
    /* the letters and digits it starts with: what its token starts with */
    for (i = 0; i < n && ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= '0' && w[i] <= '9')); i++)
        ;
    return i;
}

/* Strings shorter than SIEVE_MIN are in most sentences: looking for them
 * costs more than it spares (and the lookup is by the first three bytes). */
enum { SIEVE_MIN = 3 };

/* Free the sieve of X and leave it off. */
static void sieve_free(cl_claim_index *x)
{
    free(x->sv_str);
    free(x->sv_len);
    free(x->sv_head);
    x->sv_head = NULL;
    free(x->sv_slot);
    free(x->sv_order);
    free(x->sv_run);
    free(x->sv_start);
    free(x->sv_ids);
    free(x->sv_bare);
    free(x->sv_attr);
    memset(x->sv_bits, 0, sizeof x->sv_bits);
    memset(x->sv_bits4, 0, sizeof x->sv_bits4);
    x->sv_str = NULL;
    x->sv_slot = NULL;
    x->sv_len = x->sv_order = x->sv_run = x->sv_start = x->sv_ids = x->sv_bare = NULL;
    x->sv_attr = NULL;
    x->nsv = x->nsv_bare = 0;
    x->sv_mask = 0;
    x->sv_on = x->sv_attr_all = x->sv_runs_ac = 0;
}

/* The 3-byte start of string S (3 bytes or more), as the sieve reads it:
 * the bytes in memory order (memcpy), the fourth 0. */
static uint32_t sieve_gram(const char *s)
{
    uint32_t g = 0;

    memcpy(&g, s, 3);
    return g;
}

/* Words found in most sentences of English prose: frequent words of
 * three letters or more from the top of the Brown corpus's frequency list
 * (Francis and Kucera, 1982), in strcmp order. A pattern that needs one
 * besides its key is not worth the sieve's looking for it: the sieve
 * counts it as there (a pattern keyed by one still has it looked for). */
static const char *const everyday_words[] = {
    "all", "and", "are", "been", "but", "can", "for", "from", "had", "has", "have",
    "her", "him", "his", "into", "its", "more", "not", "one", "only", "out", "said",
    "she", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "two", "was", "were", "what", "when", "which", "who", "will", "with",
    "would", "you", "your"};

int cl_everyday_word(const char *w)
{
    return sorted_has(everyday_words, sizeof everyday_words / sizeof everyday_words[0], w);
}

const char *const *cl_everyday_words(size_t *n)
{
    *n = sizeof everyday_words / sizeof everyday_words[0];
    return everyday_words;
}

/* The sieve's lookup of the NSTR strings STRS into X, which takes STRS:
 * their lengths, the bit of each start in SV_BITS, and the strings of each
 * start, by open addressing on it. */
static int sieve_table(cl_claim_index *x, const char **strs, size_t nstr)
{
    size_t i, slots = 16, at = 0;
    uint32_t *next;

    x->sv_str = strs;
    if (!(x->sv_len = malloc((nstr ? nstr : 1) * sizeof *x->sv_len)) ||
        !(x->sv_head = malloc(2 * (nstr ? nstr : 1) * sizeof *x->sv_head)) ||
        !(x->sv_order = malloc((nstr ? nstr : 1) * sizeof *x->sv_order)))
        return CL_ENOMEM;
    while (slots < 2 * nstr)
        slots *= 2;
    if (!(x->sv_slot = calloc(slots, sizeof *x->sv_slot)))
        return CL_ENOMEM;
    x->sv_mask = (uint32_t)(slots - 1);
    /* count the strings of each start, then place them */
    for (i = 0; i < nstr; i++) {
        uint32_t g = sieve_gram(strs[i]), h = cl_sieve_hash(g);
        cl_sieve_slot *sl = &x->sv_slot[h & x->sv_mask];
        unsigned char head[8] = {0}, mask[8] = {0};
        x->sv_len[i] = (uint32_t)strlen(strs[i]);
        memcpy(head, strs[i], x->sv_len[i] < 8 ? x->sv_len[i] : 8);
        memset(mask, 0xFF, x->sv_len[i] < 8 ? x->sv_len[i] : 8);
        memcpy(&x->sv_head[2 * i], head, 8);
        memcpy(&x->sv_head[2 * i + 1], mask, 8);
        if (x->sv_len[i] > 3) {
            uint32_t g4, h4;
            memcpy(&g4, strs[i], 4);
            h4 = cl_sieve_hash4(g4);
            x->sv_bits4[h4 >> 6 & (CL_SIEVE_BITS / 64 - 1)] |= (uint64_t)1 << (h4 & 63);
        } else {
            x->sv_bits[h >> 6 & (CL_SIEVE_BITS / 64 - 1)] |= (uint64_t)1 << (h & 63);
        }
        while (sl->gram && sl->gram != g)
            sl = &x->sv_slot[(size_t)(sl - x->sv_slot + 1) & x->sv_mask];
        sl->gram = g;
        sl->n++;
    }
    for (i = 0; i < slots; i++) {
        x->sv_slot[i].start = (uint32_t)at;
        at += x->sv_slot[i].n;
    }
    if (!(next = calloc(slots, sizeof *next)))
        return CL_ENOMEM;
    for (i = 0; i < nstr; i++) {
        uint32_t g = sieve_gram(strs[i]);
        size_t k = cl_sieve_hash(g) & x->sv_mask;
        while (x->sv_slot[k].gram != g)
            k = (k + 1) & x->sv_mask;
        x->sv_order[x->sv_slot[k].start + next[k]++] = (uint32_t)i;
    }
    free(next);
    return 0;
}

/* The sieve of X (its refs and runs built): the strings of the words that
 * key, second-key or are required by a pattern, with the runs, in one
 * automaton. Leaves X->SV_ON 0 when it cannot help (some pattern or regex
 * is tried in every sentence), when it would be too big, and when memory
 * runs out: the sieve only spares work. */
static void build_sieve(cl_claim_index *x, cl_arena *a, cl_claim_impl *const *claims, size_t nc,
                        const uint32_t *attr)
{
    size_t i, k, nref = x->start[x->vocab.n + 1], nstr = 0, nids = 0, nattr = 0;
    const char **words = NULL, **strs = NULL;
    unsigned char *need = NULL, *stemmed = NULL;
    uint32_t *str_of = NULL, *count = NULL, *attr_str = NULL;
    cl_strtab tab = {0};
    const uint32_t *r;

    x->sv_on = 0;
    if (x->nalways || x->nalways_re)
        return;
    words = calloc(x->vocab.n + 1, sizeof *words);
    need = calloc(x->vocab.n + 1, 1);
    stemmed = calloc(x->vocab.n + 1, 1);
    str_of = calloc(x->vocab.n + 1, sizeof *str_of);
    if (!words || !need || !stemmed || !str_of)
        goto fail;
    /* the words a token of some pattern matches by stem, not as written */
    for (i = 0; i < nc; i++)
        for (k = 0; k < claims[i]->npatterns; k++) {
            const cl_pattern *p = &claims[i]->patterns[k];
            uint32_t t, alt;
            for (t = 0; t < p->ntoks; t++)
                if (p->toks[t].inflected && p->toks[t].alt_ids)
                    for (alt = 0; alt < p->toks[t].nalts; alt++)
                        stemmed[p->toks[t].alt_ids[alt]] = 1;
        }
    for (i = 0; i < x->vocab.cap; i++)
        if (x->vocab.keys[i])
            words[x->vocab.ids[i]] = x->vocab.keys[i];
    /* the words a sentence needs for some pattern to be tried */
    for (i = 0; i < nref; i++) {
        need[x->refs[i].key2] = 1;
        for (r = x->refs[i].req; *r; r += 1 + *r)
            for (k = 1; k <= *r; k++)
                need[r[k]] = 1;
    }
    for (i = 1; i <= x->vocab.n; i++)
        if (x->start[i] < x->start[i + 1])
            need[i] = 1;
    need[0] = 0;
    /* the runs are strings 0 .. NACL - 1, the words' strings follow; a
     * run some regex needs may stand anywhere (no \b nor \s before it),
     * and then the runs are looked for by their automaton */
    for (i = 0; x->nacl && i < x->acl_start[x->nacl] && !x->sv_runs_ac; i++)
        x->sv_runs_ac = !(x->acl_flags[i] & CL_RUN_STARTS_WORD);
    for (i = 0; i < x->nacl && !x->sv_runs_ac; i++)
        if (strlen(x->acl_names[i]) < SIEVE_MIN || !cl_strtab_intern(&tab, x->acl_names[i]))
            x->sv_runs_ac = 1;
    if (x->sv_runs_ac) {
        cl_strtab_free(&tab);
        memset(&tab, 0, sizeof tab);
    }
    for (i = 1; i <= x->vocab.n; i++) {
        size_t st, len;
        char *str;
        if (!need[i])
            continue;
        if ((len = cl_sieve_string(words[i], stemmed[i], &st)) < SIEVE_MIN ||
            (x->start[i] == x->start[i + 1] && cl_everyday_word(words[i]))) {
            x->nsv_bare++; /* in most sentences: not worth looking for */
            continue;
        }
        if (!(str = cl_arena_strndup(a, words[i] + st, len)) ||
            !(str_of[i] = cl_strtab_intern(&tab, str)))
            goto fail;
        nids++;
    }
    /* each attribution cue by its word with the longest string, one of
     * the common words last */
    for (r = attr; r && *r; r += 1 + (*r & CL_ATTR_WORDS))
        nattr++;
    if (!(attr_str = calloc(nattr + 1, sizeof *attr_str)))
        goto fail;
    for (r = attr, nattr = 0; r && *r; r += 1 + (*r & CL_ATTR_WORDS), nattr++) {
        size_t best = 0, best_len = 0, st, len;
        long best_sc = -1;
        char *str;
        for (k = 1; k <= (*r & CL_ATTR_WORDS); k++) {
            long sc;
            if (!r[k] || r[k] > x->vocab.n)
                continue;
            len = cl_sieve_string(words[r[k]], (*r & CL_ATTR_INFLECTED) != 0, &st);
            sc = (long)len + (cl_common_word(words[r[k]]) ? 0 : 1000);
            if (len >= SIEVE_MIN && sc > best_sc) {
                best_sc = sc;
                best = st;
                best_len = len;
                attr_str[nattr] = r[k];
            }
        }
        if (!best_len) {
            x->sv_attr_all = 1; /* a cue of short words: any sentence */
            continue;
        }
        if (!(str = cl_arena_strndup(a, words[attr_str[nattr]] + best, best_len)) ||
            !(attr_str[nattr] = cl_strtab_intern(&tab, str)))
            goto fail;
    }
    nstr = tab.n;
    strs = malloc((nstr ? nstr : 1) * sizeof *strs);
    count = calloc(nstr + 1, sizeof *count);
    x->sv_run = calloc(nstr ? nstr : 1, sizeof *x->sv_run);
    x->sv_start = calloc(nstr + 1, sizeof *x->sv_start);
    x->sv_ids = malloc((nids ? nids : 1) * sizeof *x->sv_ids);
    x->sv_bare = malloc((x->nsv_bare ? x->nsv_bare : 1) * sizeof *x->sv_bare);
    x->sv_attr = calloc(nstr ? nstr : 1, 1);
    if (!strs || !count || !x->sv_run || !x->sv_start || !x->sv_ids || !x->sv_bare ||
        !x->sv_attr)
        goto fail;
    for (k = 0; k < nattr; k++)
        if (attr_str[k])
            x->sv_attr[attr_str[k] - 1] = 1;
    for (i = 0; i < tab.cap; i++)
        if (tab.keys[i])
            strs[tab.ids[i] - 1] = tab.keys[i];
    for (i = 0; i < x->nacl && !x->sv_runs_ac; i++)
        x->sv_run[i] = (uint32_t)i + 1;
    /* by string, its words (a counting sort) */
    for (i = 1; i <= x->vocab.n; i++)
        if (str_of[i])
            x->sv_start[str_of[i]]++;
    for (k = 1; k <= nstr; k++)
        x->sv_start[k] += x->sv_start[k - 1];
    x->nsv_bare = 0;
    for (i = 1; i <= x->vocab.n; i++) {
        if (str_of[i])
            x->sv_ids[x->sv_start[str_of[i] - 1] + count[str_of[i] - 1]++] = (uint32_t)i;
        else if (need[i])
            x->sv_bare[x->nsv_bare++] = (uint32_t)i;
    }
    i = (size_t)(sieve_table(x, strs, nstr) < 0); /* X takes STRS */
    strs = NULL;
    if (i)
        goto fail;
    x->nsv = nstr;
    x->sv_on = 1;
    goto done;
fail:
    sieve_free(x);
done:
    free(attr_str);
    free(words);
    free(need);
    free(stemmed);
    free(str_of);
    free(strs);
    free(count);
    cl_strtab_free(&tab);
}

int cl_claim_index_build(cl_claim_index *x, cl_arena *a, cl_claim_impl *const *claims, size_t n,
                         const uint32_t *attr)
{
    size_t i, nrefs = 0, nalways = 0, nregex = 0;
    uint32_t k, alt, id, *fill = NULL, *df = NULL, *keys = NULL, *keys2 = NULL, npat = 0;
    size_t nreq = 0;
    cl_strtab vocab = x->vocab; /* the cue words are numbered already */

    memset(x, 0, sizeof *x);
    x->vocab = vocab;
    /* number the words, and count the entries of each kind */
    for (i = 0; i < n; i++) {
        cl_claim_impl *ci = claims[i];
        for (k = 0; k < ci->npatterns; k++) {
            cl_pattern *p = &ci->patterns[k];
            if (intern_pattern(x, a, p) < 0)
                goto fail;
            p->serial = (uint32_t)x->npatterns++;
            x->has_near |= (int)p->near;
            if (p->ntoks && choose_anchor(p))
                nrefs += p->toks[p->anchor].nalts;
            else if (p->ntoks)
                nalways++;
            npat++;
        }
        for (k = 0; k < ci->nantipatterns; k++) {
            if (intern_pattern(x, a, &ci->antipatterns[k]) < 0)
                goto fail;
            ci->antipatterns[k].serial = (uint32_t)x->npatterns++;
            (void)choose_anchor(&ci->antipatterns[k]); /* a <near> is tried at its anchor */
        }
        nregex += ci->nregexes;
    }
    x->start = calloc(x->vocab.n + 2, sizeof *x->start);
    fill = calloc(x->vocab.n + 2, sizeof *fill);
    df = calloc(x->vocab.n + 2, sizeof *df);
    keys = malloc((npat ? npat : 1) * sizeof *keys);
    keys2 = malloc((npat ? npat : 1) * sizeof *keys2);
    x->always = malloc((nalways ? nalways : 1) * sizeof *x->always);
    if (!x->start || !fill || !df || !keys || !keys2 || !x->always ||
        index_regexes(x, a, claims, n, nregex) < 0)
        goto fail;
    /* each indexable pattern is listed under the words of its key token */
    count_uses(df, claims, n);
    for (i = 0, npat = 0, nrefs = 0; i < n; i++) {
        const cl_claim_impl *ci = claims[i];
        for (k = 0; k < ci->npatterns; k++, npat++) {
            const cl_pattern *p = &ci->patterns[k];
            if (!indexable(p))
                continue;
            keys[npat] = choose_key(p, df);
            keys2[npat] = choose_key2(p, keys[npat], df);
            nrefs += p->toks[keys[npat]].nalts;
            nreq += required_words(p, keys[npat], keys2[npat], NULL);
        }
    }
    x->refs = malloc((nrefs ? nrefs : 1) * sizeof *x->refs);
    x->req = malloc((nreq ? nreq : 1) * sizeof *x->req);
    if (!x->refs || !x->req)
        goto fail;
    nreq = 0;
    /* counting sort of the refs by word */
    for (i = 0, npat = 0; i < n; i++) {
        const cl_claim_impl *ci = claims[i];
        for (k = 0; k < ci->npatterns; k++, npat++)
            if (indexable(&ci->patterns[k]))
                for (alt = 0; alt < ci->patterns[k].toks[keys[npat]].nalts; alt++)
                    x->start[ci->patterns[k].toks[keys[npat]].alt_ids[alt] + 1]++;
    }
    for (id = 1; id <= x->vocab.n + 1; id++)
        x->start[id] += x->start[id - 1];
    for (i = 0, npat = 0; i < n; i++) {
        const cl_claim_impl *ci = claims[i];
        for (k = 0; k < ci->npatterns; k++, npat++) {
            const cl_pattern *p = &ci->patterns[k];
            const cl_tokspec *t0 = &p->toks[0];
            cl_pattern_ref ref = {(uint32_t)i, k, p, p->anchor, p->back, p->serial, 0, 0, 0, NULL};
            if (p->ntoks && !p->near && !t0->optional && !t0->re && !t0->casesens &&
                t0->nalts == 1) {
                ref.first_id = t0->alt_ids[0];
                ref.first_inflected = t0->inflected;
            }
            if (!indexable(p)) {
                if (p->ntoks)
                    x->always[x->nalways++] = ref;
                continue;
            }
            if (keys2[npat] < p->ntoks)
                ref.key2 = p->toks[keys2[npat]].alt_ids[0];
            ref.req = x->req + nreq;
            nreq += required_words(p, keys[npat], keys2[npat], x->req + nreq);
            for (alt = 0; alt < p->toks[keys[npat]].nalts; alt++) {
                id = p->toks[keys[npat]].alt_ids[alt];
                x->refs[x->start[id] + fill[id]++] = ref;
            }
        }
    }
    build_sieve(x, a, claims, n, attr);
    free(fill);
    free(df);
    free(keys);
    free(keys2);
    return 0;
fail:
    free(fill);
    free(df);
    free(keys);
    free(keys2);
    cl_claim_index_free(x);
    return cl_nomem(NULL);
}

void cl_claim_index_free(cl_claim_index *x)
{
    cl_strtab_free(&x->vocab);
    free(x->start);
    free(x->refs);
    free(x->req);
    free(x->always);
    free(x->regexes);
    free(x->always_re);
    free(x->lits);
    free(x->re_nreq);
    free(x->acl_start);
    free(x->acl_regex);
    free(x->acl_flags);
    free(x->acl_len);
    free(x->acl_names);
    free(x->ac.delta);
    free(x->ac.own);
    free(x->ac.dict);
    sieve_free(x);
    memset(x, 0, sizeof *x);
}
