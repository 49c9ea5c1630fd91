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

int main(void)
{
    SRunner *sr = srunner_create(suite_util());
    int failed;

    srunner_add_suite(sr, suite_segment());
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
