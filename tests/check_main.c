/* check_main.c - the unit-test binary: one Check suite per area. Run with
 * CK_RUN_SUITE=cues to pick one, CK_FORK=no for gdb and valgrind. */
#include <stdio.h>
#include <stdlib.h>

#include "tests.h"

const char *test_srcpath(const char *rel)
{
    static char buf[4096];
    const char *top = getenv("CLAIMLINT_SRCDIR");

    snprintf(buf, sizeof buf, "%s/%s", top && *top ? top : ".", rel);
    return buf;
}

cl_rules *test_rules(const char *rel)
{
    cl_rules *r = NULL;
    int rc;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    rc = cl_rules_load(r, test_srcpath(rel));
    ck_assert_msg(rc == 0, "loading %s: %s", rel,
                  cl_error_last() ? cl_error_last()->message : "?");
    ck_assert_int_eq(cl_rules_compile(r), 0);
    return r;
}

int main(void)
{
    SRunner *sr = srunner_create(suite_util());
    int failed;

    srunner_add_suite(sr, suite_segment());
    srunner_add_suite(sr, suite_tokenize());
    srunner_add_suite(sr, suite_rules());
    srunner_add_suite(sr, suite_cues());
    srunner_add_suite(sr, suite_doc());
    srunner_add_suite(sr, suite_match());
    srunner_add_suite(sr, suite_input());
    srunner_add_suite(sr, suite_config());
    srunner_add_suite(sr, suite_emit_compare());
    srunner_add_suite(sr, suite_compare());
    srunner_add_suite(sr, suite_draft());
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
