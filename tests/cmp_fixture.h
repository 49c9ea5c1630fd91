/* cmp_fixture.h - a compare result built by hand, for the tests of
 * compare's emitters (test_emit_compare.c, cmp_emit.c). */
#ifndef CL_CMP_FIXTURE_H
#define CL_CMP_FIXTURE_H

#include "internal.h"

/* A source of three sentences and a draft of three, with findings of five
 * codes (unsupported among them, with a closest source sentence), non-ASCII
 * text, quotes and < & >. DRAFT_NAME names the draft (NULL: "draft.txt").
 * Static storage: one at a time. */
const cl_cmp_result *cmp_fixture(const char *draft_name);

#endif
