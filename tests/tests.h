/* tests.h - the suites of the unit-test binary, one per area, and helpers. */
#ifndef CL_TESTS_H
#define CL_TESTS_H

#include <check.h>

#include "internal.h"

Suite *suite_util(void);
Suite *suite_segment(void);
Suite *suite_tokenize(void);
Suite *suite_rules(void);
Suite *suite_cues(void);
Suite *suite_doc(void);
Suite *suite_match(void);
Suite *suite_input(void);
Suite *suite_config(void);
Suite *suite_emit_compare(void);
Suite *suite_compare(void);
Suite *suite_draft(void);

/* Path of a file in the source tree (fixtures/...); static buffer. */
const char *test_srcpath(const char *rel);

/* Compiled rules from the source-tree file REL (fails the test on error). */
cl_rules *test_rules(const char *rel);

#endif
