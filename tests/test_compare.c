/* test_compare.c - compare: alignment of draft sentences with the source,
 * and each kind of finding, with the faithful paraphrases near it that
 * must get none. */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static cl_rules *rules;

static void setup(void)
{
    rules = test_rules("rules/cues/en.xml");
}

static void teardown(void)
{
    cl_rules_free(rules);
    rules = NULL;
}

/* Compare DRAFT with SOURCE: "LINE:CODE" for each finding, joined by
 * spaces, into OUT. */
static void run(const char *source, const char *draft, char *out, size_t size)
{
    cl_doc *sd = NULL, *dd = NULL;
    cl_cmp_source *src = NULL;
    cl_cmp_result *res = NULL;
    size_t i;

    out[0] = '\0';
    ck_assert_int_eq(cl_doc_new(&sd, "source", source, strlen(source)), 0);
    ck_assert_int_eq(cl_doc_new(&dd, "draft", draft, strlen(draft)), 0);
    ck_assert_int_eq(cl_cmp_source_new(&src, sd, rules, CL_SPLIT_AUTO), 0);
    ck_assert_int_eq(cl_compare(&res, src, dd, CL_SPLIT_AUTO, NULL), 0);
    for (i = 0; i < res->nfindings; i++) {
        char part[64];
        snprintf(part, sizeof part, "%s%u:%s", out[0] ? " " : "", res->findings[i].line,
                 cl_cmp_code_name(res->findings[i].code));
        strncat(out, part, size - strlen(out) - 1);
    }
    cl_cmp_result_free(res);
    cl_cmp_source_free(src);
    cl_doc_free(dd);
    cl_doc_free(sd);
}

struct cmp_case {
    const char *source, *draft, *want;
};

static const char *const crane =
    "A storm caused a crane to fall into the Grand Mosque in Mecca on Friday, killing 107 "
    "people and injuring 238, according to the Civil Defense Authority.\n"
    "The accident occurred at a time when the mosque was relatively uncrowded.\n"
    "Director Suleiman al-Amr said all of the wounded had been taken to hospital.\n"
    "Officials are expected to open an inquiry into the collapse next week.\n"
    "The crane was not operating at the time of the storm.\n"
    "Construction at the mosque began in 2011 to enlarge it.\n"
    "The contractor won the tender for the expansion project in 2010.\n";

static const struct cmp_case cases[] = {
    /* faithful: other words, other order, shortened, attribution kept */
    {NULL,
     "The Civil Defense Authority said a crane brought down by a storm killed 107 people in "
     "Mecca's Grand Mosque on Friday.\n"
     "Construction began at the mosque in 2011.\n"
     "Officials are expected to open an inquiry next week into the crane collapse.\n"
     "Suleiman al-Amr said all the wounded were taken to hospital.\n",
     ""},
    /* a copy is faithful */
    {NULL, NULL, ""},
    /* negation-flipped: a denial dropped, a denial added, an antonym, an
     * affixal negation */
    {NULL, "The crane was operating at the time of the storm.\n", "1:negation-flipped"},
    {NULL, "Construction at the mosque did not begin in 2011.\n", "1:negation-flipped"},
    {NULL, "The contractor lost the tender for the expansion project in 2010.\n",
     "1:negation-flipped"},
    {NULL, "The accident happened when the mosque was relatively crowded.\n",
     "1:negation-flipped"},
    /* hedge-dropped, hedge-added; "expected to" -> "will" drops the hedge */
    {NULL, "Officials will open an inquiry into the collapse next week.\n", "1:hedge-dropped"},
    {NULL, "Officials open an inquiry into the collapse next week.\n", "1:hedge-dropped"},
    {NULL, "Construction at the mosque may have begun in 2011 to enlarge it.\n", "1:hedge-added"},
    /* number-changed: a count, a year, a day */
    {NULL, "Construction at the mosque began in 2012 to enlarge it.\n", "1:number-changed"},
    {NULL, "The contractor won the tender for the expansion project in 2010 and 2013.\n",
     "1:number-changed"},
    {NULL,
     "A storm caused a crane to fall into the Grand Mosque in Mecca on Saturday, killing 107 "
     "people and injuring 238, according to the Civil Defense Authority.\n",
     "1:number-changed"},
    /* about 100 for 107 is a rounding */
    {NULL,
     "A storm caused a crane to fall into the Grand Mosque in Mecca on Friday, killing about "
     "100 people and injuring 238, according to the Civil Defense Authority.\n",
     ""},
    /* entity-changed: a name in another's place, a name the source lacks */
    {NULL, "Director Khaled al-Maeena said all of the wounded had been taken to hospital.\n",
     "1:entity-changed"},
    {NULL,
     "A storm caused a crane to fall into the Grand Mosque in Medina on Friday, killing 107 "
     "people and injuring 238, according to the Civil Defense Authority.\n",
     "1:entity-changed"},
    /* attribution-dropped */
    {NULL, "All of the wounded had been taken to hospital.\n", "1:attribution-dropped"},
    /* unsupported */
    {NULL, "The Saudi royal family has pledged a fund for the victims' families.\n",
     "1:unsupported"},
    /* a headline in title case names nothing by its capitals, and need not
     * say who says what */
    {NULL, "Storm Topples Crane Into Grand Mosque\n\nThe crane was not operating at the time.\n",
     ""},
    {NULL, "Storm Topples Crane Into Mecca Mosque, Killing 170\n", "1:number-changed"},
    /* a short line, a dateline: no statement */
    {NULL, "Friday, September 12\n", ""},
    /* an empty draft */
    {NULL, "", ""},
};

START_TEST(test_cases)
{
    const struct cmp_case *c = &cases[_i];
    char got[512];

    run(c->source ? c->source : crane, c->draft ? c->draft : crane, got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: got \"%s\", want \"%s\"", _i, got,
                  c->want);
}
END_TEST

/* A sentence that merges two of the source's is aligned with both. */
START_TEST(test_merge)
{
    cl_doc *sd = NULL, *dd = NULL;
    cl_cmp_source *src = NULL;
    cl_cmp_result *res = NULL;
    const char *draft = "The crane fell on Friday when the mosque was relatively uncrowded, and "
                        "all of the wounded were taken to hospital, Suleiman al-Amr said.\n";

    ck_assert_int_eq(cl_doc_new(&sd, "source", crane, strlen(crane)), 0);
    ck_assert_int_eq(cl_doc_new(&dd, "draft", draft, strlen(draft)), 0);
    ck_assert_int_eq(cl_cmp_source_new(&src, sd, rules, CL_SPLIT_AUTO), 0);
    ck_assert_int_eq(cl_compare(&res, src, dd, CL_SPLIT_AUTO, NULL), 0);
    ck_assert_uint_eq(res->ndraft, 1);
    ck_assert_uint_ge(res->draft[0].naligned, 2);
    ck_assert(res->draft[0].support > 0.6);
    ck_assert_uint_eq(res->nsource, 7);
    ck_assert_int_eq(res->source[3].status, CL_STATUS_HEDGED);
    ck_assert_str_eq(res->source[3].cue, "are expected to");
    ck_assert_int_eq(res->source[4].status, CL_STATUS_NEGATED);
    cl_cmp_result_free(res);
    cl_cmp_source_free(src);
    cl_doc_free(dd);
    cl_doc_free(sd);
}
END_TEST

/* Severities: a code at ok is left out; positions point at the words. */
START_TEST(test_levels_and_positions)
{
    cl_doc *sd = NULL, *dd = NULL;
    cl_cmp_source *src = NULL;
    cl_cmp_result *res = NULL;
    cl_level levels[CL_CMP_NCODES];
    const char *draft = "Intro line here.\n\nConstruction at the mosque began in 2012 to enlarge "
                        "it.\n";
    int i;

    for (i = 0; i < CL_CMP_NCODES; i++)
        levels[i] = cl_cmp_default_level((cl_cmp_code)i);
    ck_assert_int_eq(cl_doc_new(&sd, "source", crane, strlen(crane)), 0);
    ck_assert_int_eq(cl_doc_new(&dd, "draft", draft, strlen(draft)), 0);
    ck_assert_int_eq(cl_cmp_source_new(&src, sd, rules, CL_SPLIT_AUTO), 0);
    ck_assert_int_eq(cl_compare(&res, src, dd, CL_SPLIT_AUTO, levels), 0);
    ck_assert_uint_eq(res->nfindings, 1);
    ck_assert_int_eq(res->findings[0].code, CL_CMP_NUMBER_CHANGED);
    ck_assert_int_eq(res->findings[0].level, CL_LEVEL_ERROR);
    ck_assert_uint_eq(res->findings[0].line, 3);
    ck_assert_uint_eq(res->findings[0].column, 37);
    ck_assert_uint_eq(res->findings[0].end_column, 41);
    ck_assert_str_eq(res->findings[0].draft_words, "2012");
    ck_assert_str_eq(res->findings[0].source_words, "2011");
    ck_assert_uint_eq(res->findings[0].source, 5);
    ck_assert_str_eq(res->source_name, "source");
    ck_assert_str_eq(res->draft_name, "draft");
    cl_cmp_result_free(res);
    levels[CL_CMP_NUMBER_CHANGED] = CL_LEVEL_OK;
    ck_assert_int_eq(cl_compare(&res, src, dd, CL_SPLIT_AUTO, levels), 0);
    ck_assert_uint_eq(res->nfindings, 0);
    cl_cmp_result_free(res);
    cl_cmp_source_free(src);
    cl_doc_free(dd);
    cl_doc_free(sd);
}
END_TEST

START_TEST(test_codes)
{
    int i;

    for (i = 0; i < CL_CMP_NCODES; i++)
        ck_assert_int_eq(cl_cmp_code_parse(cl_cmp_code_name((cl_cmp_code)i)), i);
    ck_assert_int_eq(cl_cmp_code_parse("nonsense"), -1);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_NEGATION_FLIPPED), CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_ATTRIBUTION_DROPPED), CL_LEVEL_WARNING);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_UNSUPPORTED), CL_LEVEL_WARNING);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_HEDGE_ADDED), CL_LEVEL_INFO);
}
END_TEST

Suite *suite_compare(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("compare");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_cases, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_merge);
    tcase_add_test(tc, test_levels_and_positions);
    tcase_add_test(tc, test_codes);
    suite_add_tcase(s, tc);
    return s;
}
