/* emit_rdjsonl.c - the "rdjsonl" output format: reviewdog's Diagnostic
 * JSON Lines (`reviewdog -f=rdjsonl`), one finding per line, which
 * reviewdog turns into review comments on the lines a change touches.
 *
 * reviewdog counts columns in UTF-8 bytes (its Position: "byte count in
 * UTF-8"), not code points, and its range end is exclusive: both are
 * computed here from the finding's byte offsets in the original file. A
 * claim that no sentence makes has a path but no range. Findings turned
 * off by claimlint-disable comments are left out.
 */
#include <string.h>

#include "internal.h"

static void str(cl_buf *b, const char *s)
{
    cl_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* The 1-based byte column in DATA (LEN bytes) of byte offset OFF: bytes
 * since the last line end ("\n", "\r\n" or a lone "\r"), not counting a
 * UTF-8 byte-order mark that begins the file (as claimlint's columns do
 * not). */
size_t cl_byte_column(const char *data, size_t len, size_t off)
{
    size_t start = off < len ? off : len;

    while (start > 0 && data[start - 1] != '\n' && data[start - 1] != '\r')
        start--;
    if (start == 0 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 && off >= 3)
        start = 3;
    return off - start + 1;
}

/* reviewdog's severity: ERROR, WARNING or INFO. */
const char *cl_rd_severity(cl_level l)
{
    return l == CL_LEVEL_ERROR ? "ERROR" : l == CL_LEVEL_WARNING ? "WARNING" : "INFO";
}

static int rdjsonl_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    const cl_claim *c = o->claim;
    const char *href = NULL;
    cl_buf *b = &e->out;
    size_t i;

    if (!CL_SHOWN(o))
        return 0;
    for (i = 0; i < c->nsources && !href; i++)
        href = c->sources[i].href;
    cl_buf_puts(b, "{\"message\":");
    str(b, o->message);
    cl_buf_puts(b, ",\"location\":{\"path\":");
    str(b, cl_doc_name(doc));
    if (o->sentence) {
        size_t len;
        const char *data = cl_doc_text(doc, &len);
        cl_buf_printf(b,
                      ",\"range\":{\"start\":{\"line\":%u,\"column\":%zu},"
                      "\"end\":{\"line\":%u,\"column\":%zu}}",
                      o->line, cl_byte_column(data, len, o->start_byte), o->end_line,
                      cl_byte_column(data, len, o->end_byte));
    }
    cl_buf_printf(b, "},\"severity\":\"%s\",\"source\":{\"name\":\"claimlint\"},\"code\":{\"value\":",
                  cl_rd_severity(o->level));
    str(b, c->id);
    if (href) {
        cl_buf_puts(b, ",\"url\":");
        str(b, href);
    }
    cl_buf_puts(b, "}}\n");
    return cl_emit_flush(e);
}

const struct cl_emitter_ops cl_emit_rdjsonl = {
    "rdjsonl", "reviewdog diagnostics, one JSON object per finding and line (reviewdog -f=rdjsonl)",
    0, rdjsonl_occurrence, NULL, NULL, NULL};
