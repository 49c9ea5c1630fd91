/* visible.c - control characters written in a visible form (visible.h). */
#include <stdio.h>
#include <string.h>

#include "visible.h"

size_t cl_visible_char(const char *s, size_t n, char out[8], size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    int32_t cp;

    *len = 1;
    if (c == '\t' || (c >= 0x20 && c < 0x7F))
        return 0;
    if (c < 0x20 || c == 0x7F) {
        out[0] = '^';
        out[1] = c == 0x7F ? '?' : (char)(c + 0x40);
        return 2;
    }
    cp = cl_utf8_decode(s, n, len);
    if (cp < 0) {
        snprintf(out, 8, "\\x%02X", c);
        return 4;
    }
    if (cp >= 0x80 && cp <= 0x9F) {
        snprintf(out, 8, "\\u%04X", (unsigned)cp);
        return 6;
    }
    return 0;
}

void cl_buf_add_visible(cl_buf *b, const char *s, size_t n)
{
    size_t i = 0, run = 0, len, w;
    char out[8];

    while (i < n) {
        if ((w = cl_visible_char(s + i, n - i, out, &len)) == 0) {
            i += len;
            continue;
        }
        cl_buf_add(b, s + run, i - run);
        cl_buf_add(b, out, w);
        i += len;
        run = i;
    }
    cl_buf_add(b, s + run, n - run);
}

void cl_buf_puts_visible(cl_buf *b, const char *s)
{
    cl_buf_add_visible(b, s, strlen(s));
}

void cl_range_visible(cl_buf *b, const cl_sentence *s, cl_range r)
{
    if (r.start < r.end)
        cl_buf_add_visible(b, s->text + s->tokens[r.start].start,
                           s->tokens[r.end - 1].end - s->tokens[r.start].start);
}

size_t cl_visible_columns(const char *s, size_t n, size_t nchars)
{
    size_t i = 0, cols = 0, len, w;
    char out[8];

    for (; i < n && nchars; nchars--) {
        w = cl_visible_char(s + i, n - i, out, &len);
        cols += w ? w : 1;
        i += len;
    }
    return cols + nchars; /* past the end: one column each */
}
