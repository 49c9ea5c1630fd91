/* test_match.c - claim matching (skips, stems, regex tokens, case, sentence
 * regexes, antipatterns, merging), status decisions, the policy table and
 * messages, on fixtures/rules/good/claims.xml. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static cl_rules *rules;

static void setup(void)
{
    rules = test_rules("fixtures/rules/good/claims.xml");
}

static void teardown(void)
{
    cl_rules_free(rules);
    rules = NULL;
}

struct collected {
    char text[4096];
    int warnings;
};

/* "claim:status:level:line:col-eline:ecol:cue|..." for every occurrence. */
static void collect(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct collected *c = ud;
    char part[512], cue[64] = "";

    (void)doc;
    if (o->cue) {
        const cl_token *t0 = &o->sentence->tokens[o->cue->tokens.start];
        const cl_token *t1 = &o->sentence->tokens[o->cue->tokens.end - 1];
        snprintf(cue, sizeof cue, "%.*s", (int)(t1->end - t0->start), o->sentence->text + t0->start);
    }
    snprintf(part, sizeof part, "%s%s:%s:%s:%u:%u-%u:%u:%s", c->text[0] ? "|" : "",
             o->claim->local_id, cl_status_name(o->status), cl_level_name(o->level), o->line,
             o->column, o->end_line, o->end_column, cue);
    strncat(c->text, part, sizeof c->text - strlen(c->text) - 1);
}

static void warn(const cl_diag *d, void *ud)
{
    (void)d;
    ((struct collected *)ud)->warnings++;
}

static void run(const cl_rules *r, const char *text, cl_split_mode mode, struct collected *c)
{
    cl_doc *doc = NULL;
    cl_check_cb cb = {collect, warn, c, NULL, 0};

    memset(c, 0, sizeof *c);
    ck_assert_int_eq(cl_doc_new(&doc, "t.txt", text, strlen(text)), 0);
    ck_assert_int_eq(cl_check(doc, r, mode, &cb), 0);
    cl_doc_free(doc);
}

struct match_case {
    const char *text;
    const char *want;
};

/* unstated claims come last, in rule order */
/* unstated claims come last, in rule order */
#define U_SKIP "|skip:unstated:ok:0:0-0:0:"
#define U_REGEX_TOKEN "|regex-token:unstated:ok:0:0-0:0:"
#define U_CASE "|case:unstated:error:0:0-0:0:"
#define U_SENTENCE_REGEX "|sentence-regex:unstated:ok:0:0-0:0:"
#define U_MESSAGE "|message:unstated:ok:0:0-0:0:|own-word:unstated:ok:0:0-0:0:"

static const struct match_case cases[] = {
    /* skip: up to 3 tokens before "linked", then up to 2 before "policy" */
    {"The Fed said the trip was quickly linked to new policy.",
     "case:stated:ok:1:5-1:8:|skip:stated:error:1:18-1:55:" U_REGEX_TOKEN U_SENTENCE_REGEX
         U_MESSAGE},
    /* stems: "ties" ~ "tie"; a negation standing inside the match counts
     * even with no scope (window 0) */
    {"The Fed: the visit never ties into policy.",
     "case:stated:ok:1:5-1:8:|skip:negated:ok:1:14-1:42:never" U_REGEX_TOKEN U_SENTENCE_REGEX
         U_MESSAGE},
    {"The Fed: the visit is not tied to policy.",
     "case:stated:ok:1:5-1:8:|skip:negated:ok:1:14-1:41:not" U_REGEX_TOKEN U_SENTENCE_REGEX
         U_MESSAGE},
    /* regex token; a hedge looking both ways covers two claims; the
     * claim's own severity for hedged */
    {"The Fed: reportedly 12 warships came.",
     "case:hedged:info:1:5-1:8:reportedly|regex-token:hedged:warning:1:21-1:32:reportedly" U_SKIP
         U_SENTENCE_REGEX U_MESSAGE},
    /* case-sensitive token: "fed" does not match; required claim unstated */
    {"They fed the cat.",
     "skip:unstated:ok:0:0-0:0:" U_REGEX_TOKEN U_CASE U_SENTENCE_REGEX U_MESSAGE},
    /* antipattern drops the overlapping match */
    {"The Fed plays no crucial role.",
     "case:stated:ok:1:5-1:8:" U_SKIP U_REGEX_TOKEN U_SENTENCE_REGEX U_MESSAGE},
    {"The Fed plays a crucial role.",
     "case:stated:ok:1:5-1:8:|sentence-regex:stated:error:1:17-1:29:" U_SKIP U_REGEX_TOKEN
         U_MESSAGE},
    /* a pattern and a regex matching the same words: one occurrence */
    {"The Fed deal was done.",
     "case:stated:ok:1:5-1:8:|message:stated:error:1:9-1:22:" U_SKIP U_REGEX_TOKEN
         U_SENTENCE_REGEX "|own-word:unstated:ok:0:0-0:0:"},
    /* positions across a line break and after non-ASCII text */
    {"Señor Fed: the trip was\n  linked to policy.",
     "case:stated:ok:1:7-1:10:|skip:stated:error:1:16-2:19:" U_REGEX_TOKEN U_SENTENCE_REGEX
         U_MESSAGE},
    /* two occurrences in two sentences */
    {"The Fed met. The Fed left.",
     "case:stated:ok:1:5-1:8:|case:stated:ok:1:18-1:21:" U_SKIP U_REGEX_TOKEN U_SENTENCE_REGEX
         U_MESSAGE},
};

START_TEST(test_match_table)
{
    struct collected c;

    run(rules, cases[_i].text, CL_SPLIT_AUTO, &c);
    ck_assert_msg(strcmp(c.text, cases[_i].want) == 0, "'%s':\n got  %s\n want %s",
                  cases[_i].text, c.text, cases[_i].want);
}
END_TEST

START_TEST(test_examples_pass)
{
    ck_assert_int_eq(cl_rules_test(rules, NULL, NULL), 0);
}
END_TEST

/* Every row of the attribution table: reported speech, quotations, the
 * outlet's stance, futures, conditions and the precedence of statuses. */
START_TEST(test_attribution_examples)
{
    cl_rules *r = test_rules("fixtures/rules/good/attribution.xml");

    ck_assert_int_eq(cl_rules_test(r, NULL, NULL), 0);
    cl_rules_free(r);
}
END_TEST

/* Numbers as <number> reads them: the text, how many tokens, value, unit. */
static const struct {
    const char *text;
    size_t ntok;
    double value;
    const char *unit;
} number_cases[] = {
    {"\xc2\xa3" "95,500 a year", 2, 95500, "GBP"},
    {"13.8% more", 2, 13.8, "%"},
    {"13.8 per cent more", 3, 13.8, "%"},
    {"$3.5bn deal", 2, 3.5e9, "USD"},
    {"US$40 each", 3, 40, "USD"},
    {"GBP 95,500", 2, 95500, "GBP"},
    {"95,500 pounds", 2, 95500, "GBP"},
    {"7 EUR", 2, 7, "EUR"},
    {"3.5 million people", 2, 3.5e6, ""},
    {"12m viewers", 1, 12e6, ""},
    {"5k runners", 1, 5000, ""},
    {"seven days", 1, 7, ""},
    {"twenty-one days", 1, 21, ""},
    {"two-thirds of them", 1, 2.0 / 3, ""},
    {"a dozen eggs", 2, 12, ""},
    {"three hundred pounds", 3, 300, "GBP"},
    {"1,000,000 dollars", 2, 1e6, "USD"},
    {"the bridge", 0, 0, ""},
};

START_TEST(test_numbers)
{
    cl_doc *doc = NULL;
    const cl_sentence *s;
    double v = -1;
    char unit[8];
    size_t n;

    ck_assert_int_eq(cl_doc_new(&doc, "t", number_cases[_i].text, strlen(number_cases[_i].text)),
                     0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_LINES, 0), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    n = cl_number_at(s, 0, &v, unit);
    ck_assert_msg(n == number_cases[_i].ntok, "%s: %zu tokens", number_cases[_i].text, n);
    if (n) {
        ck_assert_msg(v > number_cases[_i].value * (1 - 1e-12) - 1e-12 &&
                          v < number_cases[_i].value * (1 + 1e-12) + 1e-12,
                      "%s: value %g", number_cases[_i].text, v);
        ck_assert_str_eq(unit, number_cases[_i].unit);
    }
    cl_doc_free(doc);
}
END_TEST

START_TEST(test_policy_table)
{
    /* columns: stated, attributed, hedged, negated, unstated */
    static const cl_level want[4][5] = {
        {CL_LEVEL_OK, CL_LEVEL_OK, CL_LEVEL_INFO, CL_LEVEL_ERROR, CL_LEVEL_OK},
        {CL_LEVEL_ERROR, CL_LEVEL_INFO, CL_LEVEL_WARNING, CL_LEVEL_OK, CL_LEVEL_OK},
        {CL_LEVEL_ERROR, CL_LEVEL_WARNING, CL_LEVEL_ERROR, CL_LEVEL_OK, CL_LEVEL_OK},
        {CL_LEVEL_WARNING, CL_LEVEL_OK, CL_LEVEL_OK, CL_LEVEL_WARNING, CL_LEVEL_OK},
    };
    int v, s;

    for (v = 0; v < 4; v++)
        for (s = 0; s < 5; s++)
            ck_assert_int_eq(cl_policy_default((cl_verdict)v, (cl_status)s, 0), want[v][s]);
    ck_assert_int_eq(cl_policy_default(CL_VERDICT_SUPPORTED, CL_STATUS_UNSTATED, 1),
                     CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_level_parse("warning"), CL_LEVEL_WARNING);
    ck_assert_int_eq(cl_level_parse("fatal"), -1);
    ck_assert_str_eq(cl_verdict_name(CL_VERDICT_DISPUTED), "disputed");
    ck_assert_str_eq(cl_status_name(CL_STATUS_NONE), "none");
}
END_TEST

START_TEST(test_claim_fields)
{
    const cl_claim *c;
    size_t i;

    ck_assert_uint_eq(cl_rules_claim_count(rules), 6);
    c = cl_rules_claim(rules, 1);
    ck_assert_str_eq(c->id, "t.regex-token");
    ck_assert_str_eq(c->ruleset, "t");
    ck_assert_int_eq(c->verdict, CL_VERDICT_REFUTED);
    ck_assert_int_eq(c->levels[CL_STATUS_HEDGED], CL_LEVEL_WARNING); /* override */
    ck_assert_int_eq(c->levels[CL_STATUS_STATED], CL_LEVEL_ERROR);
    c = cl_rules_claim(rules, 4);
    ck_assert_uint_eq(c->nsources, 2);
    ck_assert_str_eq(c->sources[0].href, "https://example.org/evidence");
    ck_assert_ptr_null(c->sources[1].href);
    ck_assert_str_eq(c->sources[1].text, "The minutes");
    ck_assert_uint_eq(c->nexamples, 1);
    ck_assert_int_eq(c->examples[0].status, CL_STATUS_NEGATED);
    for (i = 0; i < 6; i++)
        ck_assert_ptr_nonnull(strstr(cl_rules_claim(rules, i)->file, "claims.xml"));
    ck_assert_ptr_null(cl_rules_claim(rules, 6));
}
END_TEST

START_TEST(test_messages)
{
    const cl_claim *skip = cl_rules_claim(rules, 0), *msg = cl_rules_claim(rules, 4);
    cl_buf b = {0};

    ck_assert_int_eq(cl_format_message(&b, skip, CL_STATUS_STATED, NULL, NULL, NULL), 0);
    ck_assert_str_eq(b.data, "states an unsupported claim: trip linked to policy");
    ck_assert_int_eq(cl_format_message(&b, cl_rules_claim(rules, 2), CL_STATUS_UNSTATED, NULL, NULL,
                                       NULL),
                     0);
    ck_assert_str_eq(b.data, "does not state a required claim: the Fed (the bank, not the verb)");
    ck_assert_int_eq(cl_format_message(&b, msg, CL_STATUS_NEGATED, NULL, NULL, NULL), 0);
    ck_assert_str_eq(b.data,
                     "negated claim t.message (unsupported, cue \"\"): the deal is done {unknown}");
    {
        /* braces that are not placeholders stay as written */
        static const char *const braces[][2] = {
            {"{claim}", "c1"},
            {"", ""},
            {"plain text", "plain text"},
            {"{", "{"},
            {"}", "}"},
            {"{}", "{}"},
            {"a {status", "a {status"},
            {"{a{status} b", "{a{status} b"},
            {"{status}{claim}}{", "statedc1}{"},
            {"x {verdict} y {a verdict} z {title} {source}.",
             "x unsupported y an unsupported z T an unnamed source."}};
        cl_claim c = {0};
        size_t i;
        c.id = "c1";
        c.title = "T";
        c.verdict = CL_VERDICT_UNSUPPORTED;
        for (i = 0; i < sizeof braces / sizeof braces[0]; i++) {
            c.message = braces[i][0];
            ck_assert_int_eq(cl_format_message(&b, &c, CL_STATUS_STATED, NULL, NULL, NULL), 0);
            ck_assert_str_eq(b.data, braces[i][1]);
        }
    }
    cl_buf_free(&b);
}
END_TEST

/* Load rules made of the cue lexicon LEXICON (a path in the source tree)
 * and CLAIMS (XML <claim>s) from a file written to PATH (a mkstemps
 * template ending in ".xml"). */
static cl_rules *rules_from(const char *lexicon, const char *claims, char *path)
{
    cl_rules *r = NULL;
    FILE *f;
    int fd = mkstemps(path, 4);

    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    fprintf(f, "<rules xmlns=\"urn:claimlint:rules:1\" id=\"t\"><include href=\"%s\"/>%s</rules>",
            test_srcpath(lexicon), claims);
    fclose(f);
    ck_assert_int_eq(cl_rules_new(&r), 0);
    /* the file in /tmp includes the source tree's mini-cues.xml */
    cl_rules_allow_outside_includes(r, 1);
    ck_assert_int_eq(cl_rules_load(r, path), 0);
    ck_assert_int_eq(cl_rules_compile(r), 0);
    return r;
}

/* rules_from with the mini cue lexicon of the fixtures. */
static cl_rules *rules_with(const char *claims, char *path)
{
    return rules_from("fixtures/rules/good/mini-cues.xml", claims, path);
}

START_TEST(test_regex_limit)
{
    /* a pathological regex hits the match limit: a warning, no match, and
     * the other claims are still checked */
    char path[] = "/tmp/claimlint-test-XXXXXX.xml", *text;
    cl_rules *r = rules_with(
        "<claim id=\"bad\" verdict=\"refuted\"><title>t</title><regex>(a+)+$</regex></claim>"
        "<claim id=\"ok\" verdict=\"refuted\"><title>t</title><regex>a{5}</regex></claim>",
        path);
    struct collected c;
    size_t n = 12000; /* one sentence: below the 16 KiB a sentence is cut at */

    text = malloc(n + 2);
    memset(text, 'a', n);
    text[n] = '!';
    text[n + 1] = '\0';
    run(r, text, CL_SPLIT_LINES, &c);
    ck_assert_int_eq(c.warnings, 1);
    ck_assert_ptr_nonnull(strstr(c.text, "ok:stated:error:1:1-"));
    ck_assert_ptr_nonnull(strstr(c.text, "bad:unstated"));
    free(text);
    cl_rules_free(r);
    unlink(path);
}
END_TEST

/* Check TEXT against the claims CLAIMS (rules_with) in one workspace; the
 * findings go to C->text; the matcher's counts to *ST. */
static void check_counting(const char *claims, const char *text, struct collected *c,
                           cl_match_stats *st)
{
    char path[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_rules *r = rules_with(claims, path);
    cl_workspace *ws = NULL;
    cl_doc *doc = NULL;
    cl_check_cb cb = {collect, warn, c, NULL, 0};

    memset(c, 0, sizeof *c);
    ck_assert_int_eq(cl_workspace_new(&ws), 0);
    cb.workspace = ws;
    ck_assert_int_eq(cl_doc_new(&doc, "t.txt", text, strlen(text)), 0);
    ck_assert_int_eq(cl_check(doc, r, CL_SPLIT_AUTO, &cb), 0);
    *st = *cl_workspace_stats(ws);
    cl_doc_free(doc);
    cl_workspace_free(ws);
    cl_rules_free(r);
    unlink(path);
}

START_TEST(test_prefilter_skips)
{
    /* a claim whose words never occur is never tried, a regex whose
     * literal is not in a sentence never runs there */
    struct collected c;
    cl_match_stats st;

    check_counting("<claim id=\"quokka\" verdict=\"refuted\"><title>t</title><pattern>"
                   "<token>quokka</token><token skip=\"2\">population</token></pattern></claim>"
                   "<claim id=\"zebra\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bzebras?\\b.{0,20}\\bstripes</regex></claim>"
                   "<claim id=\"sleep\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bSleeping\\b</regex></claim>",
                   "The cat sat. The dog was sleeping.", &c, &st);
    ck_assert_uint_eq(st.patterns_tried, 0);
    ck_assert_uint_eq(st.regexes_run, 1);     /* "sleeping" in sentence 2 */
    ck_assert_uint_eq(st.regexes_skipped, 3); /* 2 regexes x 2 sentences - 1 */
    ck_assert_str_eq(c.text, "sleep:stated:error:1:26-1:34:|quokka:unstated:ok:0:0-0:0:"
                             "|zebra:unstated:ok:0:0-0:0:");
}
END_TEST

/* Check the N bytes of TEXT against R in workspace WS; the sentences the
 * sieve has read in WS's life so far. */
static size_t sieved_after(cl_workspace *ws, const cl_rules *r, const char *text, size_t n)
{
    cl_doc *doc = NULL;
    struct collected c;
    cl_check_cb cb = {NULL, warn, &c, ws, 0};

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(cl_doc_new(&doc, "t.txt", text, n), 0);
    ck_assert_int_eq(cl_check(doc, r, CL_SPLIT_AUTO, &cb), 0);
    cl_doc_free(doc);
    ck_assert_int_eq(c.warnings, 0);
    return cl_workspace_stats(ws)->sentences_sieved;
}

START_TEST(test_sieve_rests)
{
    /* once the sieve has let through nine tenths of a megabyte and more,
     * it lets the next text through unread; rules of their own start
     * over */
    static const char claim[] =
        "<claim id=\"quokka\" verdict=\"refuted\"><title>t</title><pattern>"
        "<token>quokka</token><token skip=\"2\">population</token></pattern></claim>";
    static const char line[] = "The quokka population fell.\n", other[] = "The cat sat.\n";
    char p1[] = "/tmp/claimlint-test-XXXXXX.xml", p2[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_rules *r1 = rules_with(claim, p1), *r2 = rules_with(claim, p2);
    /* a megabyte of sentences (the sieve counts them without their line
     * ends), and 100 more */
    size_t nlines = (1 << 20) / (sizeof line - 2) + 100, k, n;
    char *busy = malloc(nlines * (sizeof line - 1) + 1), *calm = malloc(100 * (sizeof other - 1) + 1);
    cl_workspace *ws = NULL;

    ck_assert_ptr_nonnull(busy);
    ck_assert_ptr_nonnull(calm);
    for (k = 0; k < nlines; k++)
        memcpy(busy + k * (sizeof line - 1), line, sizeof line - 1);
    for (k = 0; k < 100; k++)
        memcpy(calm + k * (sizeof other - 1), other, sizeof other - 1);
    ck_assert_int_eq(cl_workspace_new(&ws), 0);
    ck_assert_uint_eq(sieved_after(ws, r1, calm, 100 * (sizeof other - 1)), 100);
    n = sieved_after(ws, r1, busy, nlines * (sizeof line - 1));
    ck_assert_uint_lt(n, 100 + nlines); /* it stopped reading */
    ck_assert_uint_gt(n, 100 + nlines - 150);
    ck_assert_uint_eq(sieved_after(ws, r1, calm, 100 * (sizeof other - 1)), n);
    ck_assert_uint_eq(sieved_after(ws, r2, calm, 100 * (sizeof other - 1)), n + 100);
    cl_workspace_free(ws);
    free(busy);
    free(calm);
    cl_rules_free(r1);
    cl_rules_free(r2);
    unlink(p1);
    unlink(p2);
}
END_TEST

START_TEST(test_prefilter_word_boundaries)
{
    /* a regex's literal next to a \b counts only where a word boundary
     * can be: not inside a word ("tigerish", "sabretiger", "lovers", "_tiger"),
     * but next to a non-ASCII letter, which \b may take either way (and
     * does take as a letter: the regex runs and finds nothing) */
    struct collected c;
    cl_match_stats st;

    check_counting("<claim id=\"both\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\btiger\\b</regex></claim>"
                   "<claim id=\"after\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)lover\\b</regex></claim>"
                   "<claim id=\"before\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bconcat</regex></claim>",
                   "The tigerish mood of concatenation. A sabretiger sat. Tiger lovers agree. "
                   "The \xC3\xA9tiger. Tigers, _tiger and tiger_.",
                   &c, &st);
    /* "both" in sentences 3 and 4, "before" in sentence 1, "after" nowhere */
    ck_assert_uint_eq(st.regexes_run, 3);
    ck_assert_uint_eq(st.regexes_skipped, 12);
    ck_assert_str_eq(c.text, "before:stated:error:1:22-1:35:|both:stated:error:1:55-1:60:"
                             "|after:unstated:ok:0:0-0:0:");
}
END_TEST

START_TEST(test_prefilter_long_sentence)
{
    /* in a long sentence the literals are looked for in two halves at
     * once: a literal is found wherever it stands, at the start, at the
     * end and across the middle, and a regex whose literal is absent
     * still does not run */
    static const char *const units[] = {"a ", "ab ", "abc "};
    size_t u, at, ntexts = 0;

    for (u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), nunits = 120 / ul;
        for (at = 0; at <= nunits; at++) {
            char text[512];
            size_t len = 0, k;
            struct collected c;
            cl_match_stats st;
            for (k = 0; k <= nunits; k++) {
                if (k == at)
                    len += (size_t)snprintf(text + len, sizeof text - len, "Marmalade ");
                if (k < nunits)
                    len += (size_t)snprintf(text + len, sizeof text - len, "%s", units[u]);
            }
            len += (size_t)snprintf(text + len, sizeof text - len, "end.");
            check_counting("<claim id=\"jam\" verdict=\"refuted\"><title>t</title>"
                           "<regex>(?i)\\bmarmalade\\b</regex></claim>"
                           "<claim id=\"long\" verdict=\"refuted\"><title>t</title>"
                           "<regex>(?i)\\bquintessentially british\\b</regex></claim>",
                           text, &c, &st);
            ck_assert_msg(strncmp(c.text, "jam:stated:", 11) == 0, "at %zu of %s: %s", at,
                          units[u], c.text);
            ck_assert_uint_eq(st.regexes_run, 1);
            ck_assert_uint_eq(st.regexes_skipped, 1);
            ntexts++;
        }
    }
    ck_assert_uint_eq(ntexts, 133);
}
END_TEST

START_TEST(test_prefilter_ascii_folds)
{
    /* PCRE2 matches KELVIN SIGN with k and LONG S with s without case:
     * a sentence holding one runs every regex, found or not, while a
     * sentence of ASCII only runs the regexes whose literals it has */
    struct collected c;
    cl_match_stats st;

    check_counting("<claim id=\"kiln\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bkiln\\b</regex></claim>"
                   "<claim id=\"most\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bmost\\b</regex></claim>",
                   "The \xE2\x84\xAAiln was hot. Mo\xC5\xBFt of it cooled. The oven was cold.",
                   &c, &st);
    ck_assert_uint_eq(st.regexes_run, 4);
    ck_assert_uint_eq(st.regexes_skipped, 2);
    ck_assert_str_eq(c.text, "kiln:stated:error:1:5-1:9:|most:stated:error:1:19-1:23:");
}
END_TEST

START_TEST(test_skip_ok_unstated)
{
    /* with skip_ok_unstated, claims left unstated at level ok are not
     * reported; a required claim (unstated: error) still is */
    struct collected c;
    cl_doc *doc = NULL;
    cl_check_cb cb = {collect, warn, &c, NULL, 1};
    const char *text = "They fed the cat.";

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(cl_doc_new(&doc, "t.txt", text, strlen(text)), 0);
    ck_assert_int_eq(cl_check(doc, rules, CL_SPLIT_LINES, &cb), 0);
    ck_assert_str_eq(c.text, "case:unstated:error:0:0-0:0:");
    cl_doc_free(doc);
}
END_TEST

struct literal_case {
    const char *re, *want;
};

static const struct literal_case literal_cases[] = {
    {"(?i)\\bactivity\\b.{0,20}\\bchemotherapy(?:s|ed|ing)?\\b", "chemotherapy"},
    {"(?i)\\bdell\\s+systems?\\b", "system"},
    {"Rubio\\.com", "rubio.com"},
    {"colou?r", "colo"},
    {"ab+cdef", "cdef"},
    {"a{0,3}bcd", "bcd"},
    {"x{2,3}yz", "yz"},
    {"[abc]defg", "defg"},
    {"[]x]abcd", "abcd"},
    {"[[:alpha:]]+wxyz", "wxyz"},
    {"(a[)]b)cdef", "cdef"},
    {"(foo|bar)bazz", "bazz"},
    {"^\\d+ warships$", " warships"},
    {"caf\xc3\xa9 society", " society"},
    {"a|bcdefgh", ""},       /* alternation at the top */
    {"(?x)hello world", ""}, /* extended: spaces are not literal */
    {"{abc}", ""},
    {"\\x41bcdefg", ""},
    {"(a+)+$", ""},
};

START_TEST(test_regex_literal)
{
    const struct literal_case *lc = &literal_cases[_i];
    char out[256];
    size_t n = cl_regex_literal(lc->re, out, sizeof out);

    ck_assert_msg(strcmp(out, lc->want) == 0 && n == strlen(lc->want), "%s: got '%s' (%zu)", lc->re,
                  out, n);
}
END_TEST

START_TEST(test_skips_bounded)
{
    /* six tokens that may each skip 50: backtracking over every way to
     * skip would take hours on this sentence; remembering what failed
     * makes it quick, with the same answer */
    char path[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_rules *r = rules_with(
        "<claim id=\"far\" verdict=\"refuted\"><title>t</title><pattern>"
        "<token>wwww</token><token skip=\"50\">wwww</token><token skip=\"50\">wwww</token>"
        "<token skip=\"50\">wwww</token><token skip=\"50\">wwww</token>"
        "<token skip=\"50\">zzzz</token></pattern></claim>"
        "<claim id=\"near\" verdict=\"refuted\"><title>t</title><pattern>"
        "<token>yyyy</token><token skip=\"50\">wwww</token><token skip=\"50\">wwww</token>"
        "<token skip=\"50\">zzzz</token></pattern></claim>",
        path);
    cl_buf b = {0};
    struct collected c;
    int k;

    for (k = 0; k < 200; k++)
        cl_buf_puts(&b, "wwww ");
    for (k = 0; k < 60; k++)
        cl_buf_puts(&b, "xx ");
    cl_buf_puts(&b, "zzzz yyyy wwww wwww zzzz.");
    run(r, b.data, CL_SPLIT_LINES, &c);
    ck_assert_ptr_nonnull(strstr(c.text, "near:stated:"));
    ck_assert_ptr_nonnull(strstr(c.text, "far:unstated:"));
    cl_buf_free(&b);
    cl_rules_free(r);
    unlink(path);
}
END_TEST

START_TEST(test_optional_bounded)
{
    /* thousands of optional tokens, in order and in any order, on a long
     * sentence of their words: each (token, position) is tried a bounded
     * number of times, so this ends, with a match */
    char path[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_buf rb = {0}, b = {0};
    cl_rules *r;
    struct collected c;
    int k;

    cl_buf_puts(&rb, "<claim id=\"opt\" verdict=\"refuted\"><title>t</title><pattern>");
    for (k = 0; k < 2000; k++)
        cl_buf_printf(&rb, "<token optional=\"yes\" skip=\"50\">w%d</token>", k % 50);
    cl_buf_puts(&rb, "<token>zzzz</token></pattern><near window=\"100\">");
    for (k = 0; k < 2000; k++)
        cl_buf_printf(&rb, "<token optional=\"yes\">w%d</token>", k % 50);
    cl_buf_puts(&rb, "<token>zzzz</token><token>yyyy</token></near></claim>");
    r = rules_with(rb.data, path);
    for (k = 0; k < 1500; k++)
        cl_buf_printf(&b, "w%d ", k % 50);
    cl_buf_puts(&b, "zzzz yyyy.");
    run(r, b.data, CL_SPLIT_LINES, &c);
    ck_assert_ptr_nonnull(strstr(c.text, "opt:stated:"));
    cl_buf_free(&b);
    cl_buf_free(&rb);
    cl_rules_free(r);
    unlink(path);
}
END_TEST

/* The N words of W are in strcmp order, as the binary search of HAS needs:
 * each is found, and the N_OTHERS words of OTHERS are not. */
static void check_word_list(const char *const *w, size_t n, int (*has)(const char *),
                            const char *const *others, size_t n_others)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i)
            ck_assert_msg(strcmp(w[i - 1], w[i]) < 0, "\"%s\" before \"%s\"", w[i - 1], w[i]);
        ck_assert_msg(has(w[i]), "\"%s\" not found", w[i]);
    }
    for (i = 0; i < n_others; i++)
        ck_assert_msg(!has(others[i]), "\"%s\" found", others[i]);
}

START_TEST(test_common_words)
{
    /* words between and around those of the lists, and capitalised ones */
    size_t n;
    const char *const *w = cl_common_words(&n);
    static const char *const others[] = {"", "a", "abound", "market", "thee", "yearz", "zebra",
                                         "That", "the"};
    static const char *const others2[] = {"", "a", "an", "of", "al", "andy", "thea", "zzz",
                                          "The", "yours", "protein"};

    ck_assert_uint_gt(n, 40);
    check_word_list(w, n, cl_common_word, others, sizeof others / sizeof others[0]);
    w = cl_everyday_words(&n);
    ck_assert_uint_gt(n, 40);
    check_word_list(w, n, cl_everyday_word, others2, sizeof others2 / sizeof others2[0]);
}
END_TEST

/* ---- the sieve ---------------------------------------------------------- */

struct sieve_string_case {
    const char *word;
    int stemmed;
    const char *string;
};

static const struct sieve_string_case sieve_string_cases[] = {
    {"resign", 1, "resign"},   /* what its tokens start with */
    {"hope", 0, "hope"},       /* as written */
    {"hope", 1, "hop"},        /* a stem: hoping, the "e" may be its own */
    {"durabl", 1, "durab"},    /* durability */
    {"cell", 1, "cell"},       /* an "l" is the word's own but in "bl" */
    {"happi", 1, "happ"},      /* happy */
    {"die", 1, "d"},           /* dying */
    {"tie", 1, "t"},           /* tying */
    {"sky", 1, "sk"},          /* skies */
    {"say", 1, "say"},         /* a "y" is the word's own */
    {"will", 0, "w"},          /* won't: "wo" */
    {"can", 0, "ca"},          /* can't: "ca" */
    {"shall", 1, "sha"},       /* shan't */
    {"is", 0, ""},             /* ain't: nothing in common */
    {"not", 0, ""},            /* cannot: "not" starts inside a word */
    {"n't", 0, ""},
    {"'s", 0, ""},
    {"o'clock", 0, "o"},       /* the letters and digits it starts with */
    {"u.s.", 0, "u"},
    {"well-known", 0, "well"},
    {"1,000", 0, "1"},
    {"caf\xC3\xA9", 0, "caf"}, /* ASCII only */
    {"", 0, ""},
};

START_TEST(test_sieve_string)
{
    const struct sieve_string_case *k = &sieve_string_cases[_i];
    size_t st = 99, n = cl_sieve_string(k->word, k->stemmed, &st);

    ck_assert_msg(n == strlen(k->string) && (n == 0 || strncmp(k->word + st, k->string, n) == 0),
                  "%s: got \"%.*s\", want \"%s\"", k->word, (int)n, n ? k->word + st : "",
                  k->string);
}
END_TEST

/* Whether TEXT starts with the sieve string of W (a folded form, or a
 * stem when STEMMED). */
static int sieve_string_in(const char *w, int stemmed, const char *text)
{
    size_t st, n = cl_sieve_string(w, stemmed, &st);
    char buf[256];

    if (!n)
        return 1;
    ck_assert_uint_lt(n, sizeof buf);
    memcpy(buf, w + st, n);
    buf[n] = '\0';
    return strncmp(text, buf, n) == 0;
}

START_TEST(test_sieve_stems)
{
    /* the sieve string of a word's stem is in the word: for words that
     * Porter2 changes at the end, its exceptions, and every word of the
     * founding article */
    static const char *const words[] = {
        "hoping", "hopping", "durability", "possibility", "mobility", "ability", "happy",
        "happily", "happiness", "dying", "lying", "tying", "skies", "skis", "idly", "gently",
        "ugly", "early", "only", "singly", "news", "replies", "denied", "cried", "agreed",
        "feed", "generously", "communism", "relational", "conditional", "valenci",
        "hesitancy", "capably", "organization", "organizer", "formalism", "hopefulness",
        "callousness", "decisiveness", "sensitivity", "analogy", "fruitlessly", "electrical",
        "electricity", "formative", "triplicate", "colonialize", "adjustable", "defensible",
        "irritant", "replacement", "adjustment", "dependent", "adoption", "homologous",
        "communism", "activate", "angularity", "effective", "bowdlerize", "controlling",
        "rolling", "generate", "fallen", "inning", "proceeding", "exceeding", "succeeded",
        "won't", "can't", "shan't", "ain't", "cannot", "sprayed", "enjoying", "fly", "flies",
        "by", "say", "says", "saying", "said", "toy", "toys", "obeyed", "yield"};
    cl_stemmer *st = NULL;
    cl_arena *a = NULL;
    cl_tokvec tv = {0};
    char *text;
    size_t k, len;

    ck_assert_int_eq(cl_stemmer_new(&st), 0);
    ck_assert_ptr_nonnull(a = cl_arena_new());
    for (k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n;
        const char *stem = cl_stem_direct(st, words[k], strlen(words[k]), &n);
        char buf[64];
        ck_assert_ptr_nonnull(stem);
        snprintf(buf, sizeof buf, "%.*s", (int)n, stem);
        ck_assert_msg(sieve_string_in(buf, 1, words[k]), "%s: stem %s", words[k], buf);
        ck_assert_msg(sieve_string_in(words[k], 0, words[k]), "%s", words[k]);
    }
    /* every token of the article: its folded form's and stem's strings are
     * in the token's text, the way cl_tokenize_words would number them */
    ck_assert_int_eq(cl_read_file(test_srcpath("fixtures/articles/rubio-mexico.txt"), &text, &len),
                     0);
    ck_assert_int_eq(cl_tokenize(a, text, len, &tv), 0);
    ck_assert_uint_gt(tv.n, 300);
    for (k = 0; k < tv.n; k++) {
        char word[128], lower[128];
        size_t n = tv.v[k].end - tv.v[k].start, i, sn;
        const char *stem;
        if (n >= sizeof word || tv.v[k].kind != CL_TOK_WORD)
            continue;
        memcpy(word, text + tv.v[k].start, n);
        word[n] = '\0';
        for (i = 0; i <= n; i++)
            lower[i] = (char)((word[i] >= 'A' && word[i] <= 'Z') ? word[i] + 32 : word[i]);
        stem = cl_stem_direct(st, tv.v[k].fold, strlen(tv.v[k].fold), &sn);
        ck_assert_ptr_nonnull(stem);
        ck_assert_msg(sieve_string_in(tv.v[k].fold, 0, lower), "%s: fold %s", word, tv.v[k].fold);
        snprintf(word, sizeof word, "%.*s", (int)sn, stem);
        ck_assert_msg(sieve_string_in(word, 1, lower), "%s: stem %s", lower, word);
    }
    free(text);
    cl_tokvec_free(&tv);
    cl_arena_free(a);
    cl_stemmer_free(st);
}
END_TEST

static const char sieve_claims[] =
    "<claim id=\"quokka\" verdict=\"refuted\"><title>t</title><pattern>"
    "<token inflected=\"yes\">quokka</token><token skip=\"3\">population</token></pattern></claim>"
    "<claim id=\"will\" verdict=\"refuted\"><title>t</title><pattern>"
    "<token>we</token><token>will</token><token skip=\"1\">resign</token></pattern></claim>"
    "<claim id=\"zebra\" verdict=\"refuted\"><title>t</title>"
    "<regex>(?i)\\bzebras?\\b.{0,20}\\bstripes</regex></claim>"
    "<claim id=\"lid\" verdict=\"refuted\"><title>t</title>"
    "<regex>(?i)\\bpot\\b.{0,40}\\blid\\b</regex></claim>";

struct sieve_case {
    const char *text;
    int verdict;
};

static const struct sieve_case sieve_cases[] = {
    {"The quokka population fell.", CL_SIEVE_TRY},
    {"Quokkas' populations fell.", CL_SIEVE_TRY}, /* stems, any case */
    {"The cat sat.", CL_SIEVE_INERT},
    {"The quokka sat.", CL_SIEVE_INERT},            /* one word of two */
    {"We won't resign.", CL_SIEVE_TRY},             /* "wo" folds to "will" */
    {"We will stay.", CL_SIEVE_INERT},
    {"Zebras have black stripes.", CL_SIEVE_TRY},   /* a regex's runs */
    {"Zebras have black spots.", CL_SIEVE_INERT},
    {"\"The cat sat.\"", CL_SIEVE_PASS},            /* a quotation mark */
    {"\xE2\x80\x9C" "The cat sat.", CL_SIEVE_PASS},
    {"The cat sat, \xC2\xBB" "he wrote.", CL_SIEVE_PASS},
    {"Rubio's cat sat.", CL_SIEVE_INERT},           /* an apostrophe in a word */
    {"Rubio\xE2\x80\x99s cat sat.", CL_SIEVE_INERT},
    {"The cats' toys.", CL_SIEVE_PASS},             /* one after a word */
    {"'Tis the cat.", CL_SIEVE_PASS},
    {"Jos\xC3\xA9's cat.", CL_SIEVE_PASS},          /* after a non-ASCII letter */
    {"Officials said the cat sat.", CL_SIEVE_PASS}, /* an attribution */
    {"It was, according to him, late.", CL_SIEVE_PASS},
    {"The \xE2\x84\xAAokka sat.", CL_SIEVE_TRY},    /* KELVIN SIGN folds to k */
    {"The cat \xC5\xBF" "at.", CL_SIEVE_TRY},          /* LONG S to s */
    {"The c\xC4\xB1t sat.", CL_SIEVE_TRY},            /* DOTLESS I to i */
    {"THE QUOKKA POPULATION FELL", CL_SIEVE_TRY},    /* capitals, at the end */
    {"the quokka population", CL_SIEVE_TRY},
    {"The quokka populatiox fell.", CL_SIEVE_INERT}, /* past its first 8 bytes */
    {"The quokka populatio", CL_SIEVE_INERT},        /* cut short at the end */
    {"The quokka pop", CL_SIEVE_INERT},
};

/* Whether the sieve of the rules of the lexicon and CLAIMS gives each of
 * the N cases SC its verdict. */
static void sieve_verdicts(const char *claims, const struct sieve_case *sc, size_t n)
{
    char path[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_rules *r = rules_from("rules/cues/en.xml", claims, path);
    cl_matcher *m = NULL;
    cl_sentence s;
    size_t k;

    ck_assert_int_eq(cl_matcher_new(&m), 0);
    for (k = 0; k < n; k++) {
        memset(&s, 0, sizeof s);
        s.text = sc[k].text;
        s.len = strlen(sc[k].text);
        s.nchars = cl_utf8_count(s.text, s.len);
        ck_assert_msg(cl_match_may(m, r, &s) == sc[k].verdict, "%s: %d", sc[k].text,
                      cl_match_may(m, r, &s));
    }
    cl_matcher_free(m);
    cl_rules_free(r);
    unlink(path);
}

START_TEST(test_sieve_verdicts)
{
    sieve_verdicts(sieve_claims, sieve_cases, sizeof sieve_cases / sizeof sieve_cases[0]);
}
END_TEST

START_TEST(test_sieve_everyday)
{
    /* "the" besides a pattern's key counts as there: a sentence with the
     * key is tried whether or not it has "the"; "the" alone is nothing */
    static const struct sieve_case everyday[] = {
        {"The platypus swam.", CL_SIEVE_TRY},
        {"A platypus swam.", CL_SIEVE_TRY},
        {"The wombat swam.", CL_SIEVE_INERT},
        {"Platypuses swam.", CL_SIEVE_TRY}, /* starts with the key: tried */
    };

    sieve_verdicts("<claim id=\"platypus\" verdict=\"refuted\"><title>t</title><pattern>"
                   "<token>the</token><token>platypus</token></pattern></claim>",
                   everyday, sizeof everyday / sizeof everyday[0]);
}
END_TEST

START_TEST(test_sieve_runs)
{
    /* a regex's runs after \b or \s start a word: they are looked for
     * there only; a run that may stand inside a word is looked for
     * everywhere, all runs then by their automaton */
    static const struct sieve_case starts[] = {
        {"Dell systems sold well.", CL_SIEVE_TRY},
        {"Dell  Systems sold well.", CL_SIEVE_TRY},
        {"Dell subsystems sold well.", CL_SIEVE_INERT},
        {"Odell systems sold well.", CL_SIEVE_INERT},
        {"It was dell systems", CL_SIEVE_TRY}, /* at the very end */
    };
    static const struct sieve_case anywhere[] = {
        {"The Odellsystems sold.", CL_SIEVE_TRY},
        {"The dell-systems sold.", CL_SIEVE_TRY},
        {"The dell sold.", CL_SIEVE_INERT},
    };
    static const struct sieve_case three[] = {
        {"The pot had a lid.", CL_SIEVE_TRY},
        {"The POT had a Lid", CL_SIEVE_TRY},
        {"The pot had a handle.", CL_SIEVE_INERT},
        {"The teapot had a lid.", CL_SIEVE_INERT},
        {"The pots had lids.", CL_SIEVE_INERT},
    };
    static const struct sieve_case two[] = {
        {"The cat sat.", CL_SIEVE_TRY},
    };

    sieve_verdicts("<claim id=\"dell\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bdell\\s+systems?\\b</regex></claim>",
                   starts, sizeof starts / sizeof starts[0]);
    /* runs of three letters are looked for as well (two are not: the
     * sieve is then off, and every sentence tried) */
    sieve_verdicts("<claim id=\"lid\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bpot\\b.{0,40}\\blid\\b</regex></claim>",
                   three, sizeof three / sizeof three[0]);
    sieve_verdicts("<claim id=\"go\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)\\bup\\b.{0,9}\\bgo\\b</regex></claim>",
                   two, sizeof two / sizeof two[0]);
    sieve_verdicts("<claim id=\"dell\" verdict=\"refuted\"><title>t</title>"
                   "<regex>(?i)dell-?systems</regex></claim>"
                   "<claim id=\"quokka\" verdict=\"refuted\"><title>t</title><pattern>"
                   "<token>quokka</token></pattern></claim>",
                   anywhere, sizeof anywhere / sizeof anywhere[0]);
}
END_TEST

/* "claim:status:source:line:col|..." for every occurrence. */
static void collect_source(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct collected *c = ud;
    char part[512];

    (void)doc;
    snprintf(part, sizeof part, "%s%s:%s:%s:%u:%u", c->text[0] ? "|" : "", o->claim->local_id,
             cl_status_name(o->status), o->source ? o->source : "", o->line, o->column);
    strncat(c->text, part, sizeof c->text - strlen(c->text) - 1);
}

/* Check TEXT against rules R with the sieve (SIEVE 1) or without. */
static void run_sieve(const cl_rules *r, const char *text, int sieve, struct collected *c)
{
    cl_doc *doc = NULL;
    cl_check_cb cb = {collect_source, warn, c, NULL, 0};

    memset(c, 0, sizeof *c);
    if (!sieve)
        setenv("CLAIMLINT_NO_SIEVE", "1", 1);
    ck_assert_int_eq(cl_doc_new(&doc, "t.txt", text, strlen(text)), 0);
    ck_assert_int_eq(cl_check(doc, r, CL_SPLIT_AUTO, &cb), 0);
    cl_doc_free(doc);
    unsetenv("CLAIMLINT_NO_SIEVE");
}

struct sieve_doc_case {
    const char *text, *want;
};

static const struct sieve_doc_case sieve_doc_cases[] = {
    /* a quotation opened in a sentence the sieve passes over, the claim's
     * sentence inside it */
    {"The minister spoke. \"The cat sat on the mat. The quokka population fell. The dog barked.\"",
     "quokka:attributed::1:"},
    /* closed again before the claim */
    {"\"The cat sat on the mat.\" The quokka population fell.", "quokka:stated::1:"},
    /* a paragraph break ends it */
    {"\"The cat sat on the mat.\n\nThe quokka population fell.", "quokka:stated::3:"},
    /* the speaker named before a quotation's next sentence */
    {"Lee told reporters on Monday: \"The dog barked. The quokka population fell. The cat "
     "sat.\"",
     "quokka:attributed:Lee:1:"},
    {"Lee told reporters on Monday. The cat slept. \"The dog barked. The quokka population "
     "fell. The cow mooed.\"",
     "quokka:attributed:Lee:1:"},
    /* sentences of no claim, no quotation and no speaker between */
    {"\"The cat sat on the mat. The dog barked. The cow mooed. The quokka population fell.",
     "quokka:attributed::1:"},
    {"Lee said that the cat sat. The dog barked. The cow mooed. The quokka population fell.",
     "quokka:stated::1:"},
    /* "won't" by its folded form "will" */
    {"The cat sat. We won't resign.", "will:negated::1:14"},
    /* a regex found by runs of three letters */
    {"The cat sat. The pot had a lid.", "lid:stated::1:18"},
    {"The cat sat. \"The pot had a lid.\"", "lid:attributed::1:19"},
};

START_TEST(test_sieve_same)
{
    /* with the sieve or without: the same findings */
    char path[] = "/tmp/claimlint-test-XXXXXX.xml";
    cl_rules *r = rules_from("rules/cues/en.xml", sieve_claims, path);
    const struct sieve_doc_case *k = &sieve_doc_cases[_i];
    struct collected with, without;

    run_sieve(r, k->text, 1, &with);
    run_sieve(r, k->text, 0, &without);
    ck_assert_str_eq(with.text, without.text);
    ck_assert_msg(strstr(with.text, k->want) != NULL, "%s: %s", k->text, with.text);
    cl_rules_free(r);
    unlink(path);
}
END_TEST

Suite *suite_match(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("match");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_match_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_examples_pass);
    tcase_add_test(tc, test_attribution_examples);
    tcase_add_loop_test(tc, test_numbers, 0, (int)(sizeof number_cases / sizeof number_cases[0]));
    tcase_add_test(tc, test_policy_table);
    tcase_add_test(tc, test_claim_fields);
    tcase_add_test(tc, test_messages);
    tcase_add_test(tc, test_common_words);
    tcase_add_test(tc, test_prefilter_word_boundaries);
    tcase_add_test(tc, test_prefilter_long_sentence);
    tcase_add_test(tc, test_prefilter_ascii_folds);
    tcase_add_test(tc, test_regex_limit);
    tcase_add_test(tc, test_prefilter_skips);
    tcase_add_test(tc, test_skip_ok_unstated);
    tcase_add_loop_test(tc, test_regex_literal, 0,
                        (int)(sizeof literal_cases / sizeof literal_cases[0]));
    tcase_add_test(tc, test_skips_bounded);
    tcase_add_test(tc, test_optional_bounded);
    tcase_add_loop_test(tc, test_sieve_string, 0,
                        (int)(sizeof sieve_string_cases / sizeof sieve_string_cases[0]));
    tcase_add_test(tc, test_sieve_stems);
    tcase_add_test(tc, test_sieve_verdicts);
    tcase_add_test(tc, test_sieve_everyday);
    tcase_add_test(tc, test_sieve_runs);
    tcase_add_test(tc, test_sieve_rests);
    tcase_add_loop_test(tc, test_sieve_same, 0,
                        (int)(sizeof sieve_doc_cases / sizeof sieve_doc_cases[0]));
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}
