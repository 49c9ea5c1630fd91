/* test_cues.c - cue matching (longest first, pseudo-cues, inflection) and
 * scope resolution (direction, window, terminators, punctuation), on a small
 * lexicon written for the tests: fixtures/rules/good/mini-cues.xml. */
#include <string.h>

#include "tests.h"

struct cue_case {
    const char *sentence;
    const char *want; /* "kind:cue<backward scope>forward scope; ..." */
};

static const struct cue_case cases[] = {
    {"The trip is not linked to policy.", "negation:not>linked to policy"},
    {"It is not only fast but cheap.", "pseudo:not only; terminator:but"},
    {"He didn't say that but left.", "negation:n't>say that; terminator:that; terminator:but"},
    {"The diagnosis was ruled out.", "negation:was ruled out<The diagnosis"},
    {"Studies suggested a link.", "hedge:suggested>a link"},
    {"The data suggests otherwise.", "hedge:suggests>otherwise"},
    {"The partnership is expected to play a crucial role in ensuring the safety of all.",
     "hedge:is expected to>play a crucial role in ensuring the safety"},
    {"The article does not provide information on whether the trip is part of it.",
     "hedge:does not provide information on whether>the trip is part of it"},
    {"He reportedly met the president today.", "hedge:reportedly<He>met the president"},
    {"It was fine; it was not good.", "terminator:;; negation:not>good"},
    {"According to officials, the deal is done.",
     "attribution:According to@officials>the deal is done"},
    {"He never came.", "negation:never"},
    {"It was not, in fact, true.", "negation:not>in fact, true"},
    {"Nothing to see here.", ""},
    {"NOT LINKED", "negation:NOT>LINKED"},
    {"not", "negation:not"},
    {"A b c d e f g h not i j k l m n o", "negation:not>i j k l m"},
    /* a terminator that ends only backward scopes: "that" starts a clause */
    {"He said that it was not true that they met.",
     "terminator:that; negation:not>true that they met; terminator:that"},
    {"He knew that reportedly it was so.", "terminator:that; hedge:reportedly>it was so"},
    /* different windows before and after */
    {"So he was unable to go home now.", "negation:unable<he was>to go home"},
};

START_TEST(test_affix_chars)
{
    /* an affixal cue is only its affix; the rest of its word is in scope */
    cl_rules *rules = test_rules("fixtures/rules/good/mini-cues.xml");
    const char *text = "He was unable to go, a careless man.";
    cl_doc *doc = NULL;
    const cl_sentence *s;
    size_t st, en, spans[3][2];

    ck_assert_int_eq(cl_doc_new(&doc, "t", text, strlen(text)), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    ck_assert_uint_eq(s->ncues, 2);
    cl_cue_chars(s, &s->cues[0], &st, &en);
    ck_assert_uint_eq(st, 7); /* "un" */
    ck_assert_uint_eq(en, 9);
    ck_assert_uint_eq(cl_cue_scope_chars(s, &s->cues[0], spans), 3);
    ck_assert_uint_eq(spans[0][0], 0); /* "He was" */
    ck_assert_uint_eq(spans[0][1], 6);
    ck_assert_uint_eq(spans[1][0], 9); /* "able" */
    ck_assert_uint_eq(spans[1][1], 13);
    ck_assert_uint_eq(spans[2][0], 14); /* "to go, a": 3 words */
    ck_assert_uint_eq(spans[2][1], 22);
    cl_cue_chars(s, &s->cues[1], &st, &en);
    ck_assert_uint_eq(st, 27); /* "less" of "careless" */
    ck_assert_uint_eq(en, 31);
    ck_assert_uint_eq(cl_cue_scope_chars(s, &s->cues[1], spans), 3);
    ck_assert_uint_eq(spans[0][0], 21); /* "a" */
    ck_assert_uint_eq(spans[1][0], 23); /* "care" */
    ck_assert_uint_eq(spans[1][1], 27);
    ck_assert_uint_eq(spans[2][0], 32); /* "man" */
    cl_doc_free(doc);
    cl_rules_free(rules);
}
END_TEST

static void range_text(char *buf, size_t size, const cl_sentence *s, cl_range r)
{
    size_t len;

    if (r.start >= r.end) {
        buf[0] = '\0';
        return;
    }
    len = s->tokens[r.end - 1].end - s->tokens[r.start].start;
    snprintf(buf, size, "%.*s", (int)len, s->text + s->tokens[r.start].start);
}

/* Summarize the cues of SENTENCE found with RULES into OUT. */
static void summarize(const cl_rules *rules, const char *sentence, char *out, size_t size)
{
    cl_doc *doc = NULL;
    const cl_sentence *s;
    char part[512];
    size_t i;

    out[0] = '\0';
    ck_assert_int_eq(cl_doc_new(&doc, "t", sentence, strlen(sentence)), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        if (i)
            strncat(out, "; ", size - strlen(out) - 1);
        strncat(out, cl_cue_kind_name(c->def->kind), size - strlen(out) - 1);
        strncat(out, ":", size - strlen(out) - 1);
        range_text(part, sizeof part, s, c->tokens);
        strncat(out, part, size - strlen(out) - 1);
        if (c->source.start < c->source.end) {
            range_text(part, sizeof part, s, c->source);
            strncat(out, "@", size - strlen(out) - 1);
            strncat(out, part, size - strlen(out) - 1);
        }
        if (c->scope[0].start < c->scope[0].end) {
            range_text(part, sizeof part, s, c->scope[0]);
            strncat(out, "<", size - strlen(out) - 1);
            strncat(out, part, size - strlen(out) - 1);
        }
        if (c->scope[1].start < c->scope[1].end) {
            range_text(part, sizeof part, s, c->scope[1]);
            strncat(out, ">", size - strlen(out) - 1);
            strncat(out, part, size - strlen(out) - 1);
        }
    }
    ck_assert_int_eq(cl_doc_next(doc, &s), 0);
    cl_doc_free(doc);
}

/* Attribution shapes with the standard lexicon: cue@source<before>after,
 * for the attribution cues only (and the negations its verb group widens). */
static const struct {
    const char *sentence, *want;
} attr_cases[] = {
    {"Trump claimed the election was stolen.",
     "attribution:claimed@Trump>the election was stolen"},
    {"The election was stolen, Trump said.", "attribution:said@Trump<The election was stolen"},
    {"\"The election was stolen,\" said Trump.",
     "attribution:said@Trump<The election was stolen"},
    {"The trip, officials said, was linked to a decision.",
     "attribution:said@officials<The trip>was linked to a decision"},
    {"Paul Dewar, an Ottawa MP, said the lapses raise questions.",
     "attribution:said@Paul Dewar, an Ottawa MP>the lapses raise questions"},
    {"Whitmore told LA Weekly that he turned himself in.",
     "attribution:told@Whitmore>he turned himself in"},
    {"According to Rathbun the property was returned.",
     "attribution:According to@Rathbun>the property was returned"},
    {"The firm cut jobs, and the mayor said taxes would rise.",
     "attribution:said@the mayor>taxes would rise"},
    {"He said: \"We will appeal.\"", "attribution:said@He>We will appeal"},
    {"If it fails, the courts would have said so.", "attribution:said@the courts>so"},
    {"Trump claimed, without evidence, that the vote was rigged.",
     "attribution:claimed@Trump>the vote was rigged; negation:without evidence>the vote was "
     "rigged"},
};

START_TEST(test_attribution_shapes)
{
    cl_rules *rules = test_rules("rules/cues/en.xml");
    char got[2048], filtered[2048] = "", *p, *save = NULL;

    summarize(rules, attr_cases[_i].sentence, got, sizeof got);
    for (p = strtok_r(got, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        while (*p == ' ')
            p++;
        if (strncmp(p, "attribution:", 12) != 0 && strncmp(p, "negation:without", 16) != 0)
            continue;
        if (*filtered)
            strcat(filtered, "; ");
        strcat(filtered, p);
    }
    ck_assert_msg(strcmp(filtered, attr_cases[_i].want) == 0, "'%s':\n got  [%s]\n want [%s]",
                  attr_cases[_i].sentence, filtered, attr_cases[_i].want);
    cl_rules_free(rules);
}
END_TEST

START_TEST(test_cue_table)
{
    cl_rules *rules = test_rules("fixtures/rules/good/mini-cues.xml");
    char got[2048];

    summarize(rules, cases[_i].sentence, got, sizeof got);
    ck_assert_msg(strcmp(got, cases[_i].want) == 0, "'%s':\n got  [%s]\n want [%s]",
                  cases[_i].sentence, got, cases[_i].want);
    cl_rules_free(rules);
}
END_TEST

START_TEST(test_cue_chars)
{
    /* jsonl offsets are code points of the sentence text */
    cl_rules *rules = test_rules("fixtures/rules/good/mini-cues.xml");
    const char *text = "Señor Núñez is not linked.";
    cl_doc *doc = NULL;
    const cl_sentence *s;
    size_t st, en;

    ck_assert_int_eq(cl_doc_new(&doc, "t", text, strlen(text)), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    ck_assert_uint_eq(s->ncues, 1);
    cl_sentence_range_chars(s, s->cues[0].tokens, &st, &en);
    ck_assert_uint_eq(st, 15);
    ck_assert_uint_eq(en, 18);
    cl_sentence_range_chars(s, s->cues[0].scope[1], &st, &en);
    ck_assert_uint_eq(st, 19);
    ck_assert_uint_eq(en, 25);
    cl_doc_free(doc);
    cl_rules_free(rules);
}
END_TEST

START_TEST(test_scope_stop_reasons)
{
    cl_rules *rules = test_rules("fixtures/rules/good/mini-cues.xml");
    const char *texts[] = {"It is not good but fine.", "It is not good.",
                           "A not b c d e f g h i."};
    const char *want[] = {"terminator", "sentence end", "window"};
    const cl_cue *term;
    size_t i;

    for (i = 0; i < 3; i++) {
        cl_doc *doc = NULL;
        const cl_sentence *s;
        ck_assert_int_eq(cl_doc_new(&doc, "t", texts[i], strlen(texts[i])), 0);
        ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES), 0);
        ck_assert_int_eq(cl_doc_next(doc, &s), 1);
        ck_assert_str_eq(cl_cue_scope_stop(&s->cues[0], 1, s->tokens, s->ntokens, s->cues,
                                           s->ncues, &term),
                         want[i]);
        ck_assert(i == 0 ? term == &s->cues[1] : term == NULL);
        ck_assert_str_eq(cl_cue_scope_stop(&s->cues[0], 0, s->tokens, s->ntokens, s->cues,
                                           s->ncues, &term),
                         "none");
        cl_doc_free(doc);
    }
    cl_rules_free(rules);
}
END_TEST

START_TEST(test_standard_lexicon)
{
    /* the shipped lexicon loads, validates and covers the basic kinds */
    cl_rules *r = NULL;
    size_t i, kinds[6] = {0};

    ck_assert_int_eq(cl_rules_new(&r), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0); /* no cues given: the standard ones */
    ck_assert_uint_gt(cl_rules_cue_count(r), 100);
    for (i = 0; i < cl_rules_cue_count(r); i++)
        kinds[cl_rules_cue(r, i)->kind]++;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        ck_assert_msg(kinds[i] > 0, "no %s cue", cl_cue_kind_name((cl_cue_kind)i));
    cl_rules_free(r);
}
END_TEST

/* Whether cue E matches at token I, word by word: the reference. */
static int scan_matches(const cl_cue_entry *e, const cl_sentence *s, size_t i)
{
    uint32_t k;

    if (!e->nwords || i + e->nwords > s->ntokens)
        return 0;
    for (k = 0; k < e->nwords; k++)
        if ((e->def.inflected ? s->tokens[i + k].stem_id : s->tokens[i + k].fold_id) !=
            e->word_ids[k])
            return 0;
    return 1;
}

START_TEST(test_index_vs_scan)
{
    /* the candidates from the index are exactly the phrases that match,
     * found by comparing every cue at every token, and at each token they
     * come in the order explain lists them: by folded form before by a
     * different stem, longest first, then in file order */
    static const char *const files[] = {
        "fixtures/articles/attribution.txt", "fixtures/articles/fed-rates.txt",
        "fixtures/articles/harbor-bridge.txt", "fixtures/articles/rubio-mexico.txt",
        "fixtures/drafts/rubio-overclaim.txt"};
    static const char *const extra =
        "It is not clear whether it is possible that they said it could not have been "
        "denied, as it appears, or that it might be suggested; reportedly it was claimed.";
    cl_rules *r = NULL;
    size_t f, i, k, nsent = 0, ncand = 0, multi = 0, stems = 0;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0);
    for (f = 0; f <= sizeof files / sizeof files[0]; f++) {
        const char *name = f < sizeof files / sizeof files[0] ? files[f] : "extra";
        cl_doc *doc = NULL;
        const cl_sentence *s;
        if (f < sizeof files / sizeof files[0])
            ck_assert_int_eq(cl_doc_load(&doc, test_srcpath(name), name), 0);
        else
            ck_assert_int_eq(cl_doc_new(&doc, "extra", extra, strlen(extra)), 0);
        ck_assert_int_eq(cl_doc_analyze(doc, r, CL_SPLIT_AUTO, CL_ANALYZE_CUES), 0);
        while (cl_doc_next(doc, &s) == 1) {
            cl_cuevec cand = {0};
            size_t seen = 0;
            nsent++;
            ck_assert_int_eq(cl_cues_candidates(r, s->tokens, s->ntokens, &cand), 0);
            for (i = 0; i < s->ntokens; i++) {
                int differs = s->tokens[i].stem_id != s->tokens[i].fold_id;
                size_t first = seen;
                for (k = 0; k < cl_rules_cue_count(r); k++) {
                    const cl_cue_entry *e = cl_rules_entry(r, (uint32_t)k);
                    size_t j;
                    if (!scan_matches(e, s, i))
                        continue;
                    for (j = first; j < cand.n && cand.v[j].def != &e->def; j++)
                        ;
                    ck_assert_msg(j < cand.n, "%s: cue at line %u not a candidate at token %zu",
                                  name, e->def.line, i);
                    ck_assert_uint_eq(cand.v[j].tokens.start, i);
                    ck_assert_uint_eq(cand.v[j].tokens.end, i + e->nwords);
                    seen++;
                    multi += e->nwords > 1;
                    stems += e->def.inflected && differs;
                }
                for (k = first; k < seen; k++)
                    ck_assert_uint_eq(cand.v[k].tokens.start, i);
                for (k = first + 1; k < seen; k++) {
                    const cl_cue *x = &cand.v[k - 1], *y = &cand.v[k];
                    int gx = differs && x->def->inflected, gy = differs && y->def->inflected;
                    uint32_t lx = x->tokens.end - x->tokens.start;
                    uint32_t ly = y->tokens.end - y->tokens.start;
                    ck_assert(gx < gy || (gx == gy && (lx > ly || (lx == ly && x->def < y->def))));
                }
            }
            ck_assert_uint_eq(cand.n, seen); /* nothing more */
            ncand += cand.n;
            cl_cuevec_free(&cand);
        }
        cl_doc_free(doc);
    }
    /* the texts reach every path of the index */
    ck_assert_uint_gt(nsent, 50);
    ck_assert_uint_gt(ncand, 200);
    ck_assert_uint_gt(multi, 10);
    ck_assert_uint_gt(stems, 3);
    cl_rules_free(r);
}
END_TEST

/* Whether an attribution is among the candidates CAND. */
static int has_attribution(const cl_cuevec *cand)
{
    size_t i;

    for (i = 0; i < cand->n; i++)
        if (cand->v[i].def->kind == CL_CUE_ATTRIBUTION)
            return 1;
    return 0;
}

START_TEST(test_may_attribute)
{
    /* the quick test for an attribution says yes exactly where a
     * candidate is one: one-word, two-word, longer and inflected cues, and
     * the first words of a longer cue alone */
    static const struct {
        const char *text;
        int want;
    } texts[] = {
        {"It was done in a statement.", 1},   {"It was done in a house.", 0},
        {"He says so.", 1},                   {"They were telling us.", 1},
        {"It rained all day.", 0},            {"As reported by the paper.", 1},
        {"As it happened, the paper ran.", 0}, {"The spokeswoman left.", 1},
        {"He adds that it ran.", 1},          {"He adds salt.", 0},
        {"According to them, yes.", 1},       {"According as it was.", 0},
        {"", 0},
    };
    static const char *const files[] = {
        "fixtures/articles/attribution.txt", "fixtures/articles/fed-rates.txt",
        "fixtures/articles/harbor-bridge.txt", "fixtures/articles/rubio-mexico.txt"};
    cl_rules *r = NULL;
    size_t f, i, yes = 0, no = 0;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cl_doc *doc = NULL;
        const cl_sentence *s;
        ck_assert_int_eq(cl_doc_new(&doc, "t", texts[i].text, strlen(texts[i].text)), 0);
        ck_assert_int_eq(cl_doc_analyze(doc, r, CL_SPLIT_LINES, CL_ANALYZE_CUES), 0);
        if (cl_doc_next(doc, &s) == 1)
            ck_assert_msg(cl_cues_may_attribute(r, s->tokens, s->ntokens) == texts[i].want,
                          "%s", texts[i].text);
        else
            ck_assert_int_eq(texts[i].want, 0);
        cl_doc_free(doc);
    }
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        cl_doc *doc = NULL;
        const cl_sentence *s;
        ck_assert_int_eq(cl_doc_load(&doc, test_srcpath(files[f]), files[f]), 0);
        ck_assert_int_eq(cl_doc_analyze(doc, r, CL_SPLIT_AUTO, CL_ANALYZE_CUES), 0);
        while (cl_doc_next(doc, &s) == 1) {
            cl_cuevec cand = {0};
            int may = cl_cues_may_attribute(r, s->tokens, s->ntokens);
            ck_assert_int_eq(cl_cues_candidates(r, s->tokens, s->ntokens, &cand), 0);
            ck_assert_msg(may == has_attribution(&cand), "%s: line %u: %s", files[f], s->line,
                          may ? "no attribution there" : "an attribution missed");
            yes += may;
            no += !may;
            cl_cuevec_free(&cand);
        }
        cl_doc_free(doc);
    }
    ck_assert_uint_gt(yes, 10);
    ck_assert_uint_gt(no, 20);
    cl_rules_free(r);
}
END_TEST

START_TEST(test_deferred_cues)
{
    /* a sentence whose cues are left for later holds no attribution: the
     * speaker each sentence takes from the ones before is the same as when
     * every sentence is analyzed (pass 0 asks for no cues); cues found on
     * demand are the same cues (pass 1 asks for every sentence's) */
    static const char *const files[] = {
        "fixtures/articles/attribution.txt", "fixtures/articles/fed-rates.txt",
        "fixtures/articles/harbor-bridge.txt", "fixtures/articles/rubio-mexico.txt"};
    static const char *const extra =
        "In a statement the minister's office said the plan stood. \"It will go ahead.\" "
        "The plan was late.\n\nAna Ruiz says it was never late. \"Never.\" It was late.\n\n"
        "The mayor tells reporters the bridge is safe. \"It is safe.\"";
    const size_t nfiles = sizeof files / sizeof files[0];
    cl_rules *r = NULL;
    size_t f, deferred = 0, speakers = 0, quoted = 0;
    int pass;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0);
    for (pass = 0; pass < 2; pass++) {
        for (f = 0; f <= nfiles; f++) {
            const char *name = f < nfiles ? files[f] : "extra";
            cl_doc *eager = NULL, *lazy = NULL;
            const cl_sentence *a, *b;
            int ra;
            if (f < nfiles) {
                ck_assert_int_eq(cl_doc_load(&eager, test_srcpath(name), name), 0);
                ck_assert_int_eq(cl_doc_load(&lazy, test_srcpath(name), name), 0);
            } else {
                ck_assert_int_eq(cl_doc_new(&eager, name, extra, strlen(extra)), 0);
                ck_assert_int_eq(cl_doc_new(&lazy, name, extra, strlen(extra)), 0);
            }
            ck_assert_int_eq(cl_doc_analyze(eager, r, CL_SPLIT_AUTO, CL_ANALYZE_CUES), 0);
            ck_assert_int_eq(
                cl_doc_analyze(lazy, r, CL_SPLIT_AUTO, CL_ANALYZE_CUES | CL_ANALYZE_DEFER), 0);
            while ((ra = cl_doc_next(eager, &a)) == 1) {
                size_t i;
                ck_assert_int_eq(cl_doc_next(lazy, &b), 1);
                ck_assert_uint_eq(a->start_byte, b->start_byte);
                ck_assert_str_eq(a->speaker ? a->speaker : "-", b->speaker ? b->speaker : "-");
                if (pass == 0) {
                    deferred += b->ncues == 0 && a->ncues > 0;
                    speakers += a->speaker != NULL;
                    quoted += f == nfiles && a->speaker != NULL;
                    if (b->ncues == 0)
                        continue;
                } else {
                    ck_assert_int_eq(cl_doc_cues(lazy), 0);
                    ck_assert_int_eq(cl_doc_cues(lazy), 0); /* once is enough */
                }
                ck_assert_uint_eq(a->ncues, b->ncues);
                for (i = 0; i < a->ncues; i++)
                    ck_assert_msg(memcmp(&a->cues[i], &b->cues[i], sizeof a->cues[i]) == 0,
                                  "%s: line %u: cue %zu differs", name, a->line, i);
            }
            ck_assert_int_eq(ra, 0);
            ck_assert_int_eq(cl_doc_next(lazy, &b), 0);
            cl_doc_free(eager);
            cl_doc_free(lazy);
        }
    }
    ck_assert_uint_gt(deferred, 10);
    ck_assert_uint_gt(speakers, 3);
    /* the quotations of EXTRA, after "In a statement ... said", "says" and
     * "tells" */
    ck_assert_uint_eq(quoted, 5);
    cl_rules_free(r);
}
END_TEST

START_TEST(test_token_is_quote)
{
    /* every kind of quotation mark is one, and no other token is: the
     * reference compares each token's fold with the whole list */
    static const char *const marks[] = {"\"", "'", "\xe2\x80\x9c", "\xe2\x80\x9d",
                                        "\xc2\xab", "\xc2\xbb", "``", "''"};
    static const char text[] =
        "\"A\" 'b' \xe2\x80\x9c" "c\xe2\x80\x9d \xe2\x80\x98" "d\xe2\x80\x99 \xc2\xab" "e\xc2\xbb ``f'' "
        "g's \xe2\x80\x94 \xc2\xa7 5\xc2\xb0 $3 (h) [i] - j, k; l: m! n? o. `p` \xe2\x80\xa6";
    cl_rules *r = NULL;
    cl_doc *doc = NULL;
    const cl_sentence *s;
    size_t i, k, quotes = 0;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0);
    ck_assert_int_eq(cl_doc_new(&doc, "t", text, strlen(text)), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, r, CL_SPLIT_LINES, 0), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    for (i = 0; i < s->ntokens; i++) {
        int want = 0;
        for (k = 0; k < sizeof marks / sizeof marks[0]; k++)
            want |= s->tokens[i].kind == CL_TOK_PUNCT && strcmp(s->tokens[i].fold, marks[k]) == 0;
        ck_assert_msg(cl_token_is_quote(&s->tokens[i]) == want, "token %zu \"%s\"", i,
                      s->tokens[i].fold);
        quotes += want;
    }
    ck_assert_uint_eq(quotes, 12);
    cl_doc_free(doc);
    cl_rules_free(r);
}
END_TEST

Suite *suite_cues(void)
{
    Suite *s = suite_create("cues");
    TCase *tc = tcase_create("cues");

    tcase_add_loop_test(tc, test_cue_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_loop_test(tc, test_attribution_shapes, 0,
                        (int)(sizeof attr_cases / sizeof attr_cases[0]));
    tcase_add_test(tc, test_cue_chars);
    tcase_add_test(tc, test_affix_chars);
    tcase_add_test(tc, test_scope_stop_reasons);
    tcase_add_test(tc, test_standard_lexicon);
    tcase_add_test(tc, test_index_vs_scan);
    tcase_add_test(tc, test_may_attribute);
    tcase_add_test(tc, test_deferred_cues);
    tcase_add_test(tc, test_token_is_quote);
    suite_add_tcase(s, tc);
    return s;
}
