/* attrib.c - who asserts a claim: the clause an attribution cue governs and
 * the source it names, and the quotations of a sentence.
 *
 * Attribution follows PARC 3.0 (Pareti 2016): a source, a cue and the
 * content it reports. The shapes recognised, token by token, with no
 * parser:
 *   X said P           source before the cue, content after it
 *   P, X said.         the cue after a comma or a closing quotation mark:
 *   P," said X.        content before it, source after it when none before
 *   P, X said, Q       a parenthetical: content on both sides
 *   X, an MP, said P   an apposition before the cue belongs to the source
 *   according to X, P  the source after the cue, content around it
 *   X told Y that P    the object of a verb of telling is skipped
 * Words between the source and the content (auxiliaries, adverbs,
 * "without evidence") form the cue's verb group; a negation or hedge cue
 * there bears on the whole content ("X falsely claimed P", "X did not say
 * P", "X claimed, without evidence, that P"), so its scope is widened to
 * it. Noun cues ("spokesman") and "in a statement" name no clause of
 * their own: the verb beside them does.
 * Alternatives turned down: a fixed window (the old one was 15 words each
 * way) cut long complements short and, backwards, reached into the clause
 * before "and X said"; a part-of-speech tagger would find subjects better
 * but is a dependency and a model for what a few word lists settle in
 * news copy.
 */
#include <string.h>

#include "internal.h"

static int in_set(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (cl_streq(w, *set))
            return 1;
    return 0;
}

/* Words that open a clause: the subject of a cue never reaches past them. */
static const char *const clause_words[] = {
    "that", "and", "but", "which", "who", "whom", "whose", "because", "while", "when",
    "where", "as", "after", "before", "if", "so", "since", "although", "though", "than",
    "or", "then", "whether", "until", "unless", "whereas", NULL};

/* Auxiliaries and adverbs between a subject and its verb, or after it. */
static const char *const verb_group_words[] = {
    "has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "would", "will",
    "'d", "'ll", "could", "can", "did", "does", "do", "may", "might", "must", "should",
    "also", "again", "once", "then", "never", "not", "n't", "only", "further", "first",
    "earlier", "later", "today", "yesterday", "even", "still", "just", "already", "now",
    "reportedly", "allegedly", "falsely", "wrongly", "baselessly", "without", "evidence",
    "proof", "providing", "offering", "citing", "any", NULL};

/* Lower-case words ending in -ly that are not adverbs. */
static const char *const not_adverbs[] = {"family", "ally", "assembly", "supply", "reply",
                                          "rally", "daily", "weekly", "monthly", "italy",
                                          "july", "fly", NULL};

/* Verbs whose first object is the hearer, not the content. */
static const char *const telling[] = {"told", "tell", "tells", "telling", "informed", "assured",
                                      "warned", "reminded", "promised", "urged", NULL};

static int is_punct(const cl_token *t)
{
    return t->kind == CL_TOK_PUNCT;
}

int cl_token_is_quote(const cl_token *t)
{
    const char *f = t->fold;

    if (t->kind != CL_TOK_PUNCT ||
        (f[0] != '"' && f[0] != '\'' && f[0] != '`' && f[0] != '\xe2' && f[0] != '\xc2'))
        return 0;
    return (cl_streq(f, "\"") || cl_streq(f, "'") || cl_streq(f, "\xe2\x80\x9c") ||
            cl_streq(f, "\xe2\x80\x9d") || cl_streq(f, "\xc2\xab") || cl_streq(f, "\xc2\xbb") ||
            cl_streq(f, "``") || cl_streq(f, "''"));
}

static int is_comma(const cl_token *t)
{
    return cl_streq(t->fold, ",");
}

/* A token that ends a clause outright. */
static int is_strong(const cl_token *t)
{
    const char *f = t->fold;

    return cl_streq(f, ";") || cl_streq(f, ":") || cl_streq(f, "--") ||
           cl_streq(f, "\xe2\x80\x94") || cl_streq(f, "(") || cl_streq(f, ")");
}

static int is_adverb(const cl_token *t, const char *text)
{
    size_t n = strlen(t->fold);

    if (t->kind != CL_TOK_WORD)
        return 0;
    if (in_set(t->fold, verb_group_words))
        return 1;
    /* "publicly", "repeatedly"; not a name ("Reilly") nor a noun */
    return n > 4 && t->fold[n - 2] == 'l' && t->fold[n - 1] == 'y' &&
           !cl_uc_is_upper((unsigned char)text[t->start]) && !in_set(t->fold, not_adverbs);
}

static int capitalised(const cl_token *t, const char *text)
{
    size_t len;
    int32_t c = cl_utf8_decode(text + t->start, t->end - t->start, &len);

    return (t->kind == CL_TOK_WORD || t->kind == CL_TOK_NUMBER) && c > 0 && cl_uc_is_upper(c);
}

/* Lower-case words inside a name ("Department of the Interior"). */
static const char *const name_links[] = {"of", "for", "on", "and", "'s", NULL};

/* End of the noun phrase that names a source, from token K: up to the next
 * punctuation or clause word, at most CAP words; after a capitalised name,
 * a lower-case word other than "of", "the", "and" ends it ("according to
 * Rathbun the property was ..."). */
static uint32_t source_end(const cl_token *toks, size_t n, const char *text, uint32_t k,
                           unsigned cap)
{
    unsigned words = 0;
    int named = 0;

    for (; k < n && words < cap; k++) {
        const cl_token *t = &toks[k];
        if (is_punct(t) || in_set(t->fold, clause_words))
            break;
        if (capitalised(t, text))
            named = 1;
        else if (named && !in_set(t->fold, name_links) &&
                 !(cl_streq(t->fold, "the") && k > 0 && in_set(toks[k - 1].fold, name_links)))
            break;
        words++;
    }
    return k;
}

/* The first token at or after K that ends the clause: a strong boundary,
 * or a comma before "and", "but", "or", "while", "although". */
static uint32_t clause_end(const cl_token *toks, size_t n, uint32_t k)
{
    static const char *const next_clause[] = {"and", "but", "or", "while", "although",
                                              "though", "whereas", NULL};

    for (; k < n; k++) {
        if (is_strong(&toks[k]) && !cl_streq(toks[k].fold, ":"))
            return k;
        if (is_comma(&toks[k]) && k + 1 < n && in_set(toks[k + 1].fold, next_clause))
            return k;
    }
    return (uint32_t)n;
}

/* The range [A, B) without punctuation at its edges. */
static cl_range trimmed(const cl_token *toks, uint32_t a, uint32_t b)
{
    cl_range r;

    while (a < b && is_punct(&toks[a]))
        a++;
    while (b > a && is_punct(&toks[b - 1]))
        b--;
    r.start = a;
    r.end = b;
    return r;
}

enum attr_shape { SHAPE_VERB, SHAPE_PREP, SHAPE_NONE };

/* Whether one-word cue C of a word that is also a noun ("claim",
 * "reports") is the noun here: after a determiner or another noun's
 * modifier ("an asylum claim", "whose claim"), or with no complement after
 * it ("that", a colon, a comma, a pronoun or determiner, "to"). */
static int noun_reading(const cl_cue *c, const cl_token *toks, size_t n)
{
    static const char *const nouns[] = {"claim", "claims", "report", "reports", "quote",
                                        "quotes", "tweet", "tweets", "note", "notes",
                                        "warning", "warnings", "cite", NULL};
    static const char *const determiners[] = {
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
        "our", "my", "your", "whose", "'s", "any", "no", "such", "new", NULL};
    static const char *const complements[] = {
        "that", ":", ",", "the", "a", "an", "he", "she", "it", "they", "we", "i", "his",
        "her", "their", "its", "to", "\"", "\xe2\x80\x9c", "responsibility", "credit", NULL};
    uint32_t k = c->tokens.start;

    if (c->tokens.end - k != 1 || !in_set(toks[k].fold, nouns))
        return 0;
    if (k > 0 && in_set(toks[k - 1].fold, determiners))
        return 1;
    return !(k + 1 < n && in_set(toks[k + 1].fold, complements));
}

static enum attr_shape shape_of(const cl_cue *c, const cl_token *toks, size_t n)
{
    const char *w = toks[c->tokens.start].fold;

    if (noun_reading(c, toks, n))
        return SHAPE_NONE;
    if (cl_streq(w, "according") || (cl_streq(w, "as") && c->tokens.end - c->tokens.start > 1))
        return SHAPE_PREP;
    if (cl_streq(w, "in") || cl_streq(w, "spokesperson") || cl_streq(w, "spokesman") ||
        cl_streq(w, "spokeswoman") || cl_streq(w, "sources") || cl_streq(w, "people"))
        return SHAPE_NONE;
    return SHAPE_VERB;
}

/* "according to X, P" / "P, according to X" */
static void shape_prep(const cl_token *toks, size_t n, const char *text, cl_cue *c)
{
    uint32_t s = c->tokens.end, e = source_end(toks, n, text, s, 12), k;
    long b = (long)c->tokens.start - 1;

    c->source = trimmed(toks, s, e);
    k = e;
    while (k < n && is_comma(&toks[k]))
        k++;
    c->scope[1] = trimmed(toks, k, clause_end(toks, n, k));
    if (b >= 0 && is_comma(&toks[b]))
        c->scope[0] = trimmed(toks, 0, (uint32_t)b);
    else
        c->scope[0].start = c->scope[0].end = c->tokens.start;
}

/* The number of words from token F to the next punctuation, or a large
 * number when they hold what a reported clause starts with ("that",
 * "so", "whether"). */
static unsigned tail_words(const cl_token *toks, size_t n, uint32_t f)
{
    unsigned words = 0;

    for (; f < n && !is_punct(&toks[f]); f++) {
        if (cl_streq(toks[f].fold, "that") || cl_streq(toks[f].fold, "so") ||
            cl_streq(toks[f].fold, "whether") || cl_streq(toks[f].fold, "if"))
            return 1000;
        words++;
    }
    return words;
}

/* The verb shapes; see the file comment. */
static void shape_verb(const cl_token *toks, size_t n, const char *text, cl_cue *c)
{
    long k = (long)c->tokens.start - 1, group, subj, b;
    uint32_t f = c->tokens.end, e, words = 0;
    int inverted = 0, backward;

    /* the verb group before the cue, then its subject */
    while (k >= 0 && is_adverb(&toks[k], text))
        k--;
    group = k + 1;
    for (subj = k; subj >= 0 && words < 16; subj--) {
        const cl_token *t = &toks[subj];
        if ((is_punct(t) && !cl_streq(t->fold, "'")) || in_set(t->fold, clause_words))
            break;
        words++;
    }
    subj++;
    b = subj - 1;
    if (subj < group) {
        c->source = trimmed(toks, (uint32_t)subj, (uint32_t)group);
    } else if (b >= 0 && (is_comma(&toks[b]) || cl_token_is_quote(&toks[b]))) {
        /* "P, said X." or an apposition "X, an MP, said P" */
        uint32_t s = f, se = source_end(toks, n, text, s, 10), named = 0, j;
        for (j = s; j < se; j++)
            named |= capitalised(&toks[j], text);
        /* after a comma, "said the lapses raise questions" is an
         * apposition's verb with its content, not "said Mauer" */
        if (se > s && (se >= n || is_punct(&toks[se])) &&
            (cl_token_is_quote(&toks[b]) || (se - s <= 4 && (named || se - s <= 2)))) {
            inverted = 1;
            c->source = trimmed(toks, s, se);
            f = se;
        } else if (is_comma(&toks[b])) {
            long a = b - 1;
            int commas = 0;
            for (words = 0; a >= 0 && words < 16; a--) {
                if (is_comma(&toks[a]) && !commas++)
                    continue;
                if (is_punct(&toks[a]) || in_set(toks[a].fold, clause_words))
                    break;
                words++;
            }
            c->source = trimmed(toks, (uint32_t)(a + 1), (uint32_t)b);
            b = -1; /* the apposition is the source, not content */
        }
    }
    /* "P, X said." and "P, X said, Q": after the cue (and its source)
     * at most a hearer or a time ("P," X told reporters on Monday); "if
     * P, X would have said so" and "P, X said that Q" are not */
    backward = b >= 0 && (is_comma(&toks[b]) || cl_token_is_quote(&toks[b])) &&
               tail_words(toks, n, f) <= (cl_token_is_quote(&toks[b]) ? 8u : 4u);
    if (backward) {
        long a = b;
        while (a > 0 && !is_strong(&toks[a - 1]))
            a--;
        c->scope[0] = trimmed(toks, (uint32_t)a, (uint32_t)b);
    } else {
        c->scope[0].start = c->scope[0].end = c->tokens.start;
    }
    /* forward: past adverbs, a parenthetical ", without evidence,", the
     * hearer of "told", a colon, quotation marks and "that" */
    while (f < n && is_adverb(&toks[f], text))
        f++;
    if (f < n && is_comma(&toks[f])) {
        uint32_t j;
        for (j = f + 1; j < n && j < f + 8 && !is_punct(&toks[j]); j++)
            ;
        if (j < n && j < f + 8 && is_comma(&toks[j]) && j > f + 1 &&
            (j + 1 < n && cl_streq(toks[j + 1].fold, "that")))
            f = j + 1;
    }
    if (in_set(toks[c->tokens.start].fold, telling)) {
        uint32_t j;
        for (j = f; j < n && j < f + 7 && !is_punct(&toks[j]); j++)
            if (cl_streq(toks[j].fold, "that")) {
                f = j;
                break;
            }
    }
    while (f < n && (is_punct(&toks[f]) && !is_strong(&toks[f])))
        f++;
    if (f < n && cl_streq(toks[f].fold, ":"))
        f++;
    if (f < n && cl_streq(toks[f].fold, "that"))
        f++;
    if (inverted && backward && !(f < n && c->source.end < f && is_comma(&toks[c->source.end]))) {
        /* "P, said X." ends the sentence or clause: nothing after */
        c->scope[1].start = c->scope[1].end = c->tokens.end;
        return;
    }
    e = clause_end(toks, n, f);
    c->scope[1] = trimmed(toks, f, e);
    if (c->scope[1].start >= c->scope[1].end)
        c->scope[1].start = c->scope[1].end = c->tokens.end;
}

/* Widen the scope of a negation or hedge cue that stands in the verb group
 * of attribution cue A (between its source and its content) to A's
 * content: "X falsely claimed P", "X did not say P". */
static void widen_stance(cl_cue *cues, size_t ncues, const cl_cue *a)
{
    uint32_t from = a->source.end > a->source.start && a->source.end <= a->tokens.start
                        ? a->source.end
                        : a->tokens.start;
    uint32_t to = a->scope[1].start > a->tokens.end ? a->scope[1].start : a->tokens.end;
    size_t i;

    if (a->scope[1].start == a->scope[1].end)
        return;
    for (i = 0; i < ncues; i++) {
        cl_cue *c = &cues[i];
        if ((c->def->kind != CL_CUE_NEGATION && c->def->kind != CL_CUE_HEDGE &&
             c->def->kind != CL_CUE_HYPOTHETICAL) ||
            c->tokens.start < from || c->tokens.end > to || c->def->affix)
            continue;
        if (c->scope[1].end <= a->scope[1].start)
            c->scope[1] = a->scope[1]; /* "without evidence, that P": P */
        else if (c->scope[1].end < a->scope[1].end)
            c->scope[1].end = a->scope[1].end;
    }
}

void cl_attribution_shape(const cl_token *toks, size_t n, const char *text, cl_cue *cues,
                          size_t ncues)
{
    size_t i;

    for (i = 0; i < ncues; i++) {
        cl_cue *c = &cues[i];
        c->source.start = c->source.end = c->tokens.start;
        if (c->def->kind != CL_CUE_ATTRIBUTION)
            continue;
        c->scope[0].start = c->scope[0].end = c->tokens.start;
        c->scope[1].start = c->scope[1].end = c->tokens.end;
        switch (shape_of(c, toks, n)) {
        case SHAPE_PREP:
            shape_prep(toks, n, text, c);
            break;
        case SHAPE_VERB:
            shape_verb(toks, n, text, c);
            break;
        default:
            break;
        }
        if (c->source.start >= c->source.end)
            c->source.start = c->source.end = c->tokens.start;
        widen_stance(cues, ncues, c);
    }
}

/* ---- quotations ------------------------------------------------------------ */

/* Which way quotation mark T of TEXT faces: 1 opens, -1 closes, 0 cannot
 * tell. Curly marks say so; a straight one opens after a space or an
 * opening bracket and before a word, and closes after a word or
 * punctuation. */
static int quote_dir(const cl_token *t, const char *text, size_t len)
{
    const char *f = t->fold;
    unsigned char before = t->start ? (unsigned char)text[t->start - 1] : ' ';
    unsigned char after = t->end < len ? (unsigned char)text[t->end] : ' ';
    int space_before = before == ' ' || before == '(' || before == '[' || before == '\t',
        space_after = after == ' ' || after == '\t' || after == '\0';

    if (cl_streq(f, "\xe2\x80\x9c") || cl_streq(f, "\xc2\xab") || cl_streq(f, "``"))
        return 1;
    if (cl_streq(f, "\xe2\x80\x9d") || cl_streq(f, "\xc2\xbb") || cl_streq(f, "''"))
        return -1;
    if (!cl_streq(f, "\"") && !cl_streq(f, "'"))
        return 0;
    /* the fold of a curly single mark is straight: look at the text */
    if ((unsigned char)text[t->start] == 0xE2 && t->end - t->start == 3)
        return (unsigned char)text[t->start + 2] == 0x98 ? 1 : -1;
    if (space_before && !space_after)
        return 1;
    if (!space_before && (space_after || after == ',' || after == '.' || after == ';' ||
                          after == ':' || after == ')' || after == '?' || after == '!'))
        return -1;
    return 0;
}

static int is_single(const cl_token *t)
{
    return cl_streq(t->fold, "'");
}

/* Whether the quotation of tokens (A, B) (exclusive of the marks; B the
 * closing mark, or N when it runs on) stands for someone's words rather
 * than a scare quote: it runs on past the sentence, or has four words or
 * more, or ends in the punctuation of speech (," ." ?" !"). */
static int speech(const cl_token *toks, size_t n, long a, uint32_t b, int open_before)
{
    unsigned words = 0;
    uint32_t k;

    if (open_before || b >= n)
        return 1;
    for (k = (uint32_t)(a + 1); k < b; k++)
        if (!is_punct(&toks[k]))
            words++;
    if (words >= 4)
        return 1;
    return b > 0 && (uint32_t)(a + 1) < b &&
           (cl_streq(toks[b - 1].fold, ",") || cl_streq(toks[b - 1].fold, ".") ||
            cl_streq(toks[b - 1].fold, "?") || cl_streq(toks[b - 1].fold, "!"));
}

static void mark(unsigned char *flags, long a, uint32_t b)
{
    uint32_t k;

    for (k = (uint32_t)(a + 1); k < b; k++)
        flags[k] = 1;
}

int cl_quotes_mark(const char *text, size_t len, const cl_token *toks, size_t n, int open_in,
                   unsigned char *flags)
{
    long open = open_in ? -1 : -2; /* token of the open double mark; -1 before the sentence */
    long sopen = -2;               /* the same for single marks */
    uint32_t k;

    memset(flags, 0, n);
    for (k = 0; k < n; k++) {
        const cl_token *t = &toks[k];
        int d;
        if (!cl_token_is_quote(t) || (d = quote_dir(t, text, len)) == 0)
            continue;
        if (is_single(t)) {
            if (d > 0 && sopen == -2)
                sopen = k;
            else if (d < 0 && sopen >= 0) {
                if (speech(toks, n, sopen, k, 0))
                    mark(flags, sopen, k);
                sopen = -2;
            }
            continue;
        }
        if (d > 0 && open == -2) {
            open = k;
        } else if (d < 0) {
            /* a closing mark with none open: the quotation began before
             * this sentence, as far as its paragraph goes */
            if (open == -2)
                open = -1;
            if (speech(toks, n, open, k, open == -1))
                mark(flags, open, k);
            open = -2;
        } else if (d > 0) {
            open = k; /* a mark left open before is a stray */
        }
    }
    if (sopen >= 0 && speech(toks, n, sopen, (uint32_t)n, 0))
        mark(flags, sopen, (uint32_t)n);
    if (open != -2) {
        mark(flags, open, (uint32_t)n);
        return 1;
    }
    return 0;
}
