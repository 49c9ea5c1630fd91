/* emit_sentences.c - the output of `claimlint sentences`: one sentence per
 * line of text, or one JSON object per line (jsonl) with its cues. */
#include <string.h>

#include "internal.h"
#include "visible.h"

/* The byte address of code point N of the LEN bytes at S. */
static const char *char_at(const char *s, size_t len, size_t n)
{
    size_t i = 0;

    while (i < len && n) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return s + i;
}

static void jsonl_cues(cl_buf *b, const cl_sentence *s)
{
    size_t i, k, n, st, en, spans[3][2];

    int first = 1;

    cl_buf_puts(b, ",\"cues\":[");
    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        const char *from, *to;
        if (c->def->kind == CL_CUE_TERMINATOR)
            continue; /* structure, not a cue: see explain */
        if (!first)
            cl_buf_putc(b, ',');
        first = 0;
        cl_buf_puts(b, "{\"kind\":");
        cl_json_str(b, cl_cue_kind_name(c->def->kind), strlen(cl_cue_kind_name(c->def->kind)));
        cl_cue_chars(s, c, &st, &en);
        /* the cue's text: the code points [st, en) of the sentence */
        from = char_at(s->text, s->len, st);
        to = char_at(from, s->len - (size_t)(from - s->text), en - st);
        cl_buf_puts(b, ",\"text\":");
        cl_json_str(b, from, (size_t)(to - from));
        cl_buf_printf(b, ",\"start\":%zu,\"end\":%zu,\"scope\":[", st, en);
        n = cl_cue_scope_chars(s, c, spans);
        for (k = 0; k < n; k++)
            cl_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu}", k ? "," : "", spans[k][0],
                          spans[k][1]);
        cl_buf_puts(b, "]}");
    }
    cl_buf_putc(b, ']');
}

static void text_cues(cl_buf *b, const cl_sentence *s)
{
    size_t i;
    int side;

    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        if (c->def->kind == CL_CUE_TERMINATOR)
            continue;
        cl_buf_printf(b, "  %s \"", cl_cue_kind_name(c->def->kind));
        cl_range_visible(b, s, c->tokens);
        cl_buf_putc(b, '"');
        for (side = 0; side < 2; side++) {
            if (c->scope[side].start >= c->scope[side].end)
                continue;
            cl_buf_printf(b, " %s \"", side ? "->" : "<-");
            cl_range_visible(b, s, c->scope[side]);
            cl_buf_putc(b, '"');
        }
        cl_buf_putc(b, '\n');
    }
}

int cl_sentence_write(FILE *f, const cl_doc *doc, const cl_sentence *s, cl_format format,
                      unsigned flags)
{
    cl_buf b = {0};
    const char *name = cl_doc_name(doc);
    int rc = 0;

    if (format == CL_FORMAT_JSONL) {
        cl_buf_puts(&b, "{\"file\":");
        cl_json_str(&b, name, strlen(name));
        cl_buf_printf(&b, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,\"text\":",
                      s->line, s->column, s->end_line, s->end_column);
        cl_json_str(&b, s->text, s->len);
        if (flags & CL_WRITE_CUES)
            jsonl_cues(&b, s);
        cl_buf_puts(&b, "}\n");
    } else {
        /* control characters made visible (visible.h) */
        cl_buf_puts_visible(&b, name);
        cl_buf_printf(&b, ":%u:%u: ", s->line, s->column);
        cl_buf_add_visible(&b, s->text, s->len);
        cl_buf_putc(&b, '\n');
        if (flags & CL_WRITE_CUES)
            text_cues(&b, s);
    }
    if (b.failed)
        rc = CL_ENOMEM;
    else if (fwrite(b.data, 1, b.len, f) != b.len)
        rc = cl_error_set(CL_EIO, NULL, 0, 0, "cannot write output");
    cl_buf_free(&b);
    return rc;
}
