/* emit_gnu.c - one line per finding in the GNU form that editors and
 * compilation-mode buffers jump to: FILE:LINE:COL: SEVERITY: MESSAGE [ID].
 * An unstated claim has no position: FILE: SEVERITY: MESSAGE [ID]. */
#include "internal.h"
#include "visible.h"

static int gnu_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    if (!CL_SHOWN(o))
        return 0;
    /* control characters of the file name and the message made visible */
    cl_buf_puts_visible(&e->out, cl_doc_name(doc));
    if (o->sentence)
        cl_buf_printf(&e->out, ":%u:%u", o->line, o->column);
    cl_buf_printf(&e->out, ": %s: ", cl_level_name(o->level));
    cl_buf_puts_visible(&e->out, o->message);
    cl_buf_printf(&e->out, " [%s]\n", o->claim->id);
    return cl_emit_flush(e);
}

const struct cl_emitter_ops cl_emit_gnu = {
    "gnu", "one line per finding: FILE:LINE:COL: SEVERITY: MESSAGE [ID]", 0, gnu_occurrence,
    NULL, NULL, NULL};
