/* emit_junit.c - the junit output format (being written). */
#include "internal.h"

static int junit_finish(cl_emitter *e)
{
    return cl_error_set(CL_EINVAL, NULL, 0, 0, "the junit format is not available yet");
}

const struct cl_emitter_ops cl_emit_junit = {"junit", "(not available yet)", 0, NULL, NULL, junit_finish,
                                        NULL};
