/* test_tokenize.c - tokens, their offsets and folded forms. */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

struct tok_case {
    const char *input;
    const char *surfaces; /* tokens joined by '|' */
    const char *folds;    /* folded forms joined by '|' (NULL: lower-case surfaces) */
};

static const struct tok_case cases[] = {
    {"The trip is not linked.", "The|trip|is|not|linked|.", "the|trip|is|not|linked|."},
    {"He doesn't know.", "He|does|n't|know|.", "he|does|n't|know|."},
    {"He doesn’t know.", "He|does|n’t|know|.", "he|does|n't|know|."},
    {"We can't go, won't go and cannot go.", "We|ca|n't|go|,|wo|n't|go|and|can|not|go|.",
     "we|can|n't|go|,|will|n't|go|and|can|not|go|."},
    {"Rubio's trip", "Rubio|'s|trip", "rubio|'s|trip"},
    {"They're here and we'll see; I'd go", "They|'re|here|and|we|'ll|see|;|I|'d|go",
     "they|'re|here|and|we|'ll|see|;|i|'d|go"},
    {"O'Brien met the U.S. envoy", "O'Brien|met|the|U.S.|envoy", "o'brien|met|the|u.s.|envoy"},
    {"the U.S.-Mexico border-security pact", "the|U.S.|-|Mexico|border-security|pact", NULL},
    {"It costs $1,200.50 or 3.5%.", "It|costs|$|1,200.50|or|3.5|%|.", NULL},
    {"At 10:30 a.m. sharp", "At|10:30|a.m.|sharp", NULL},
    {"Mail a.b@example.org now.", "Mail|a.b@example.org|now|.", NULL},
    /* the full stop after an address at the end of a sentence */
    {"Write to press@example.org.", "Write|to|press@example.org|.", NULL},
    {"Not x@y. here.", "Not|x|@|y|.|here|.", NULL},
    {"See https://example.com/a.b?c=d.", "See|https://example.com/a.b?c=d|.", NULL},
    {"(see www.example.com)", "(|see|www.example.com|)", NULL},
    {"Wait... what?!", "Wait|...|what|?!", NULL},
    {"Strange -- remarkable", "Strange|--|remarkable", NULL},
    {"ÉCOLE Straße", "ÉCOLE|Straße", "école|straße"},
    {"«Quoi?»", "«|Quoi|?|»", NULL},
    {"", "", NULL},
};

static void join(char *buf, size_t size, const cl_token *t, size_t n, const char *text, int fold)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *s = fold ? t[i].fold : text + t[i].start;
        size_t l = fold ? strlen(t[i].fold) : t[i].end - t[i].start;
        ck_assert_uint_lt(len + l + 2, size);
        if (i)
            buf[len++] = '|';
        memcpy(buf + len, s, l);
        len += l;
        buf[len] = '\0';
    }
}

START_TEST(test_token_table)
{
    const struct tok_case *c = &cases[_i];
    cl_arena *a = cl_arena_new();
    cl_tokvec tv = {0};
    char got[1024], want[1024];
    size_t i;

    ck_assert_int_eq(cl_tokenize(a, c->input, strlen(c->input), &tv), 0);
    join(got, sizeof got, tv.v, tv.n, c->input, 0);
    ck_assert_msg(strcmp(got, c->surfaces) == 0, "'%s': got [%s] want [%s]", c->input, got,
                  c->surfaces);
    join(got, sizeof got, tv.v, tv.n, c->input, 1);
    if (c->folds) {
        snprintf(want, sizeof want, "%s", c->folds);
    } else {
        for (i = 0; c->surfaces[i]; i++)
            want[i] = (char)(c->surfaces[i] >= 'A' && c->surfaces[i] <= 'Z' ? c->surfaces[i] + 32
                                                                            : c->surfaces[i]);
        want[i] = '\0';
    }
    ck_assert_msg(strcmp(got, want) == 0, "'%s': folds [%s] want [%s]", c->input, got, want);
    cl_tokvec_free(&tv);
    cl_arena_free(a);
}
END_TEST

START_TEST(test_token_offsets)
{
    /* code-point offsets differ from byte offsets after non-ASCII text */
    const char *s = "Señor Núñez didn’t go";
    cl_arena *a = cl_arena_new();
    cl_tokvec tv = {0};

    ck_assert_int_eq(cl_tokenize(a, s, strlen(s), &tv), 0);
    ck_assert_uint_eq(tv.n, 5);
    ck_assert_uint_eq(tv.v[1].start, 7);  /* bytes: "Señor " is 7 */
    ck_assert_uint_eq(tv.v[1].cstart, 6); /* code points */
    ck_assert_uint_eq(tv.v[1].cend, 11);
    ck_assert_str_eq(tv.v[2].fold, "did");
    ck_assert_str_eq(tv.v[3].fold, "n't");
    ck_assert_uint_eq(tv.v[3].cstart, 15);
    ck_assert_uint_eq(tv.v[3].cend, 18);
    ck_assert_uint_eq(tv.v[4].cstart, 19);
    ck_assert_int_eq(tv.v[0].kind, CL_TOK_WORD);
    cl_tokvec_free(&tv);
    cl_arena_free(a);
}
END_TEST

START_TEST(test_token_kinds)
{
    const char *s = "Call 555 at x@y.io or https://a.io , $";
    cl_arena *a = cl_arena_new();
    cl_tokvec tv = {0};

    ck_assert_int_eq(cl_tokenize(a, s, strlen(s), &tv), 0);
    ck_assert_uint_eq(tv.n, 8);
    ck_assert_int_eq(tv.v[1].kind, CL_TOK_NUMBER);
    ck_assert_int_eq(tv.v[3].kind, CL_TOK_EMAIL);
    ck_assert_int_eq(tv.v[5].kind, CL_TOK_URL);
    ck_assert_int_eq(tv.v[6].kind, CL_TOK_PUNCT);
    ck_assert_int_eq(tv.v[7].kind, CL_TOK_SYMBOL);
    ck_assert_str_eq(cl_token_kind_name(CL_TOK_URL), "url");
    cl_tokvec_free(&tv);
    cl_arena_free(a);
}
END_TEST

START_TEST(test_token_long_run)
{
    /* a long run with no spaces stays linear and is split into tokens */
    size_t n = 200000, i;
    char *s = malloc(n + 1);
    cl_arena *a = cl_arena_new();
    cl_tokvec tv = {0};

    for (i = 0; i < n; i++)
        s[i] = (i % 2) ? '.' : 'a';
    s[n] = '\0';
    ck_assert_int_eq(cl_tokenize(a, s, n, &tv), 0);
    ck_assert_uint_gt(tv.n, 1);
    ck_assert_uint_eq(tv.v[tv.n - 1].end, n);
    cl_tokvec_free(&tv);
    cl_arena_free(a);
    free(s);
}
END_TEST

START_TEST(test_stems)
{
    cl_stemmer *st = NULL;
    cl_arena *a = cl_arena_new();

    ck_assert_int_eq(cl_stemmer_new(&st), 0);
    ck_assert_str_eq(cl_stem(st, a, "suggested"), "suggest");
    ck_assert_str_eq(cl_stem(st, a, "suggests"), "suggest");
    ck_assert_str_eq(cl_stem(st, a, "linked"), "link");
    ck_assert_str_eq(cl_stem(st, a, "decisions"), "decis");
    cl_stemmer_free(st);
    cl_stemmer_free(NULL);
    cl_arena_free(a);
}
END_TEST

START_TEST(test_stem_cache)
{
    /* more distinct words than the cache holds: it empties and refills,
     * and every stem handed out stays right */
    cl_stemmer *st = NULL;
    cl_arena *a = cl_arena_new();
    const char *first;
    char word[32];
    size_t i;

    ck_assert_int_eq(cl_stemmer_new(&st), 0);
    first = cl_stem(st, a, "connected");
    for (i = 0; i < 100000; i++) {
        snprintf(word, sizeof word, "walking%zu", i);
        ck_assert_ptr_nonnull(cl_stem(st, a, word));
    }
    ck_assert_str_eq(first, "connect");
    ck_assert_str_eq(cl_stem(st, a, "connected"), "connect");
    ck_assert_str_eq(cl_stem(st, a, "connected"), "connect"); /* from the cache */
    cl_stemmer_free(st);
    cl_arena_free(a);
}
END_TEST

/* Whether the tokens A and B of the same text are the same (folds by
 * content, stems by content when B has them). */
static void same_tokens(const cl_tokvec *a, const cl_tokvec *b, const char *text, cl_stemmer *st,
                        cl_arena *arena, const cl_strtab *vocab)
{
    size_t i;

    ck_assert_uint_eq(a->n, b->n);
    for (i = 0; i < a->n; i++) {
        const cl_token *x = &a->v[i], *y = &b->v[i];
        ck_assert_msg(x->start == y->start && x->end == y->end && x->cstart == y->cstart &&
                          x->cend == y->cend && x->kind == y->kind,
                      "'%s': token %zu differs", text, i);
        ck_assert_str_eq(x->fold, y->fold);
        /* the numbers are those of the fold and the stem in VOCAB */
        ck_assert_uint_eq(y->fold_id, cl_strtab_find(vocab, y->fold));
        if (st) {
            ck_assert_str_eq(y->stem, y->kind == CL_TOK_WORD ? cl_stem(st, arena, y->fold) : y->fold);
            ck_assert_uint_eq(y->stem_id, cl_strtab_find(vocab, y->stem));
        } else {
            ck_assert_ptr_null(y->stem);
            ck_assert_uint_eq(y->stem_id, 0);
        }
    }
}

START_TEST(test_word_cache)
{
    /* the word cache hands out what tokenizing each word afresh gives:
     * on the table's texts, on runs of punctuation and symbols and on case
     * variants of a word (which share the first one's fold and stem), twice
     * (the second time from the cache), with and without stems, and after
     * the cache has emptied itself */
    static const char *const punct[] = {
        "Wait...what?! No -- never!!! ?!? Yes.", "$5 & 10% @home #tag a/b `x` ~y^z|w \\ q*r+s=t<u>v",
        "(a) [b] {c} \"d\" 'e' ;:, . - _ \x01\x7f end", "...", "-", "!?", "x.", "'tis rock'n'roll",
        "-5 .5 5. 5, 5-a a- _a_ @ # ''",
        "Walked walked WALKED wAlKeD knows Knows; The the THE \xC3\x89t\xC3\xA9 \xC3\xA9t\xC3\xA9",
        /* keys of 9 to 17 bytes sharing their first 8 */
        "communicated communicates Communicates communicator communications "
        "internationalist internationalism internationalize internationalized internationalised"};
    cl_arena *a = cl_arena_new();
    cl_stemmer *st = NULL, *ref = NULL;
    cl_words *w = NULL;
    cl_tokvec plain = {0}, cached = {0};
    cl_strtab vocab = {0};
    char big[1024];
    size_t i, round;

    ck_assert_int_eq(cl_stemmer_new(&st), 0);
    ck_assert_int_eq(cl_stemmer_new(&ref), 0);
    ck_assert_int_eq(cl_words_new(&w), 0);
    ck_assert_uint_ne(cl_strtab_intern(&vocab, "know"), 0);
    ck_assert_uint_ne(cl_strtab_intern(&vocab, "link"), 0);
    ck_assert_uint_ne(cl_strtab_intern(&vocab, "walk"), 0);
    ck_assert_uint_ne(cl_strtab_intern(&vocab, "the"), 0);
    for (round = 0; round < 4; round++) {
        cl_stemmer *use = round < 2 ? st : NULL;
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const char *t = cases[i].input;
            ck_assert_int_eq(cl_tokenize(a, t, strlen(t), &plain), 0);
            ck_assert_int_eq(cl_tokenize_words(w, &vocab, use, t, strlen(t), &cached), 0);
            same_tokens(&plain, &cached, t, use ? ref : NULL, a, &vocab);
        }
        for (i = 0; i < sizeof punct / sizeof punct[0]; i++) {
            const char *t = punct[i];
            ck_assert_int_eq(cl_tokenize(a, t, strlen(t), &plain), 0);
            ck_assert_int_eq(cl_tokenize_words(w, &vocab, use, t, strlen(t), &cached), 0);
            same_tokens(&plain, &cached, t, use ? ref : NULL, a, &vocab);
        }
    }
    /* numbers in the vocabulary: the fold's and the stem's */
    ck_assert_int_eq(cl_tokenize_words(w, &vocab, st, "He knows; it is linked.", 23, &cached), 0);
    ck_assert_uint_eq(cached.v[1].fold_id, 0);
    ck_assert_uint_eq(cached.v[1].stem_id, cl_strtab_find(&vocab, "know"));
    ck_assert_uint_eq(cached.v[5].stem_id, cl_strtab_find(&vocab, "link"));
    /* more distinct words than the cache keeps: it empties between texts
     * and every token stays right */
    for (i = 0; i < 1600; i++) {
        size_t k, len = (size_t)snprintf(big, sizeof big, "Walked%zu can't", i);
        for (k = 0; k < 100; k++)
            len += (size_t)snprintf(big + len, sizeof big - len, " %zu", i * 100 + k);
        ck_assert_int_eq(cl_tokenize_words(w, &vocab, st, big, len, &cached), 0);
        ck_assert_uint_eq(cached.n, 103);
        ck_assert_str_eq(cached.v[1].fold, "can");
        ck_assert_str_eq(cached.v[2].fold, "n't");
    }
    ck_assert_int_eq(cl_tokenize(a, big, strlen(big), &plain), 0);
    same_tokens(&plain, &cached, big, ref, a, &vocab);
    cl_tokvec_free(&plain);
    cl_tokvec_free(&cached);
    cl_strtab_free(&vocab);
    cl_words_free(w);
    cl_words_free(NULL);
    cl_stemmer_free(st);
    cl_stemmer_free(ref);
    cl_arena_free(a);
}
END_TEST

START_TEST(test_word_cache_collisions)
{
    /* two words of 16 bytes with the same first 8 and the same 32-bit
     * hash, so the same index slot: only the comparison of their last 8
     * bytes tells them apart, and each must come back as itself */
    static const char *const pair[] = {"wordcastvyygaaaa", "wordcastafpiaaaa"};
    char text[64];
    cl_tokvec toks = {0};
    int order, round;

    ck_assert_uint_eq(cl_words_key_hash(pair[0], 16), cl_words_key_hash(pair[1], 16));
    for (order = 0; order < 2; order++) {
        cl_words *w = NULL;
        ck_assert_int_eq(cl_words_new(&w), 0);
        snprintf(text, sizeof text, "%s %s.", pair[order], pair[!order]);
        for (round = 0; round < 2; round++) { /* added, then found */
            ck_assert_int_eq(cl_tokenize_words(w, NULL, NULL, text, strlen(text), &toks), 0);
            ck_assert_uint_eq(toks.n, 3);
            ck_assert_str_eq(toks.v[0].fold, pair[order]);
            ck_assert_str_eq(toks.v[1].fold, pair[!order]);
        }
        cl_words_free(w);
    }
    cl_tokvec_free(&toks);
}
END_TEST

Suite *suite_tokenize(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("tokens");

    tcase_add_loop_test(tc, test_token_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_token_offsets);
    tcase_add_test(tc, test_token_kinds);
    tcase_add_test(tc, test_token_long_run);
    tcase_add_test(tc, test_stems);
    tcase_add_test(tc, test_stem_cache);
    tcase_add_test(tc, test_word_cache);
    tcase_add_test(tc, test_word_cache_collisions);
    suite_add_tcase(s, tc);
    return s;
}
