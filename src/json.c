/* json.c - JSON string escaping shared by the emitters. */
#include <string.h>

#include "internal.h"

int cl_json_str(cl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    cl_buf_putc(b, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];

        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7F) {
            memcpy(u, "\\u00", 4);
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            u[6] = '\0';
            esc = u;
        } else if (c == '/' && i > 0 && s[i - 1] == '<')
            esc = "\\/";
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            cl_buf_add(b, s + run, i - run);
            cl_buf_puts(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
            run = i + 1;
            continue;
        }
        if (esc) {
            cl_buf_add(b, s + run, i - run);
            cl_buf_puts(b, esc);
            run = i + 1;
        }
    }
    cl_buf_add(b, s + run, n - run);
    cl_buf_putc(b, '"');
    return b->failed ? CL_ENOMEM : 0;
}
