/* emit_sarif.c - the sarif output format (being written). */
#include "internal.h"

static int sarif_finish(cl_emitter *e)
{
    return cl_error_set(CL_EINVAL, NULL, 0, 0, "the sarif format is not available yet");
}

const struct cl_emitter_ops cl_emit_sarif = {"sarif", "(not available yet)", 0, NULL, NULL, sarif_finish,
                                        NULL};
