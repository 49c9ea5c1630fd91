/* emit_rdjsonl.c - the rdjsonl output format (being written). */
#include "internal.h"

static int rdjsonl_finish(cl_emitter *e)
{
    return cl_error_set(CL_EINVAL, NULL, 0, 0, "the rdjsonl format is not available yet");
}

const struct cl_emitter_ops cl_emit_rdjsonl = {"rdjsonl", "(not available yet)", 0, NULL, NULL, rdjsonl_finish,
                                        NULL};
