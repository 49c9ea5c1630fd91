/* emit_sentences.c - the output of `claimlint sentences`: one sentence per
 * line of text, or one JSON object per line (jsonl) with its cues. */
#include <string.h>

#include "internal.h"

static void cue_text(cl_buf *b, const cl_sentence *s, cl_range r)
{
    if (r.start < r.end)
        cl_buf_add(b, s->text + s->tokens[r.start].start,
                   s->tokens[r.end - 1].end - s->tokens[r.start].start);
}

static void jsonl_cues(cl_buf *b, const cl_sentence *s)
{
    size_t i, st, en;
    int side, first;

    cl_buf_puts(b, ",\"cues\":[");
    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        const cl_token *t0 = &s->tokens[c->tokens.start], *t1 = &s->tokens[c->tokens.end - 1];
        if (i)
            cl_buf_putc(b, ',');
        cl_buf_puts(b, "{\"kind\":");
        cl_json_str(b, cl_cue_kind_name(c->def->kind), strlen(cl_cue_kind_name(c->def->kind)));
        cl_buf_puts(b, ",\"text\":");
        cl_json_str(b, s->text + t0->start, t1->end - t0->start);
        cl_buf_printf(b, ",\"start\":%u,\"end\":%u,\"scope\":[", t0->cstart, t1->cend);
        first = 1;
        for (side = 0; side < 2; side++) {
            if (c->scope[side].start >= c->scope[side].end)
                continue;
            cl_sentence_range_chars(s, c->scope[side], &st, &en);
            cl_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu}", first ? "" : ",", st, en);
            first = 0;
        }
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
        cl_buf_printf(b, "  %s \"", cl_cue_kind_name(c->def->kind));
        cue_text(b, s, c->tokens);
        cl_buf_putc(b, '"');
        for (side = 0; side < 2; side++) {
            if (c->scope[side].start >= c->scope[side].end)
                continue;
            cl_buf_printf(b, " %s \"", side ? "->" : "<-");
            cue_text(b, s, c->scope[side]);
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
        cl_buf_printf(&b, "%s:%u:%u: ", name, s->line, s->column);
        cl_buf_add(&b, s->text, s->len);
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
