/* emit_html.c - the html output format (being written). */
#include "internal.h"

static int html_finish(cl_emitter *e)
{
    return cl_error_set(CL_EINVAL, NULL, 0, 0, "the html format is not available yet");
}

const struct cl_emitter_ops cl_emit_html = {"html", "(not available yet)", 0, NULL, NULL, html_finish,
                                        NULL};
