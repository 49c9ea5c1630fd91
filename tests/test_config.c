/* test_config.c - .claimlint.xml: finding it, reading it, ignore globs and
 * severity overrides. */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static int warnings;

static void count(const cl_diag *d, void *ud)
{
    (void)ud;
    if (d->severity == CL_SEV_WARNING)
        warnings++;
}

START_TEST(test_find_and_load)
{
    char *path = NULL;
    cl_config *c = NULL;
    cl_rules *r;
    const cl_claim *skip, *token;

    ck_assert_int_eq(cl_config_find(&path, test_srcpath("fixtures/config/drafts")), 0);
    ck_assert_ptr_nonnull(path);
    ck_assert_ptr_nonnull(strstr(path, "fixtures/config/.claimlint.xml"));
    ck_assert_int_eq(cl_config_load(&c, path, count, NULL), 0);
    ck_assert_uint_eq(cl_config_rules_count(c), 1);
    ck_assert_ptr_nonnull(strstr(cl_config_rules(c, 0), "claims.xml"));
    ck_assert_int_eq(cl_config_fail_on(c), CL_LEVEL_WARNING);
    /* ignore globs: "old/" plus two stars, and a bare file-name glob */
    ck_assert_ptr_nonnull(cl_config_ignored(c, test_srcpath("fixtures/config/old/archive.txt")));
    ck_assert_ptr_nonnull(
        cl_config_ignored(c, test_srcpath("fixtures/config/drafts/notes.skip.txt")));
    ck_assert_ptr_null(cl_config_ignored(c, test_srcpath("fixtures/config/drafts/story.txt")));
    ck_assert_ptr_null(cl_config_ignored(c, test_srcpath("fixtures/inputs/crlf.txt")));
    /* severity overrides: the rule set, then the claim; unknown ids warn */
    r = test_rules("fixtures/rules/good/claims.xml");
    warnings = 0;
    ck_assert_int_eq(cl_config_apply(c, r), 0);
    ck_assert_int_eq(warnings, 1);
    skip = cl_rules_claim(r, 0);
    token = cl_rules_claim(r, 1);
    ck_assert_int_eq(skip->levels[CL_STATUS_STATED], CL_LEVEL_WARNING);
    ck_assert_int_eq(skip->levels[CL_STATUS_HEDGED], CL_LEVEL_WARNING); /* unchanged */
    ck_assert_int_eq(skip->levels[CL_STATUS_ATTRIBUTED], CL_LEVEL_INFO);
    ck_assert_int_eq(token->levels[CL_STATUS_STATED], CL_LEVEL_ERROR);
    ck_assert_int_eq(token->levels[CL_STATUS_NEGATED], CL_LEVEL_ERROR);
    cl_rules_free(r);
    cl_config_free(c);
    free(path);
}
END_TEST

START_TEST(test_bad_config)
{
    cl_config *c = (cl_config *)1;

    ck_assert_int_lt(cl_config_load(&c, test_srcpath("fixtures/config-bad/.claimlint.xml"), NULL,
                                    NULL),
                     0);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(cl_error_last()->line, 4);
    ck_assert_int_lt(cl_config_load(&c, test_srcpath("fixtures/config/none.xml"), NULL, NULL), 0);
    cl_config_free(NULL);
}
END_TEST

START_TEST(test_find_none)
{
    char *path = (char *)1;

    ck_assert_int_eq(cl_config_find(&path, "/"), 0);
    ck_assert_ptr_null(path);
    ck_assert_int_lt(cl_config_find(&path, "/nonexistent/dir"), 0);
}
END_TEST

Suite *suite_config(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");

    tcase_add_test(tc, test_find_and_load);
    tcase_add_test(tc, test_bad_config);
    tcase_add_test(tc, test_find_none);
    suite_add_tcase(s, tc);
    return s;
}
