/* input.c - what the Markdown and HTML readers share: the extracted prose
 * with its map back to the file, character references, and the choice of
 * format by name or file extension. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "internal.h"

int cl_input_format_parse(const char *name)
{
    if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
        return CL_INPUT_TEXT;
    if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        return CL_INPUT_MARKDOWN;
    if (strcmp(name, "html") == 0)
        return CL_INPUT_HTML;
    return -1;
}

cl_input_format cl_input_format_for_path(const char *path)
{
    static const char *const md[] = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"};
    static const char *const html[] = {".html", ".htm", ".xhtml", ".shtml"};
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    size_t i;

    if (!dot || (slash && dot < slash))
        return CL_INPUT_TEXT;
    for (i = 0; i < sizeof md / sizeof md[0]; i++)
        if (strcasecmp(dot, md[i]) == 0)
            return CL_INPUT_MARKDOWN;
    for (i = 0; i < sizeof html / sizeof html[0]; i++)
        if (strcasecmp(dot, html[i]) == 0)
            return CL_INPUT_HTML;
    return CL_INPUT_TEXT;
}

static int add_piece(cl_extract *x, size_t orig, int verbatim)
{
    cl_xpiece *last = x->n ? &x->v[x->n - 1] : NULL;

    /* a verbatim piece that continues the previous one in both texts */
    if (last && verbatim && last->verbatim &&
        last->orig + (x->text.len - last->text) == orig)
        return 0;
    if (last && last->text == x->text.len) {
        last->orig = orig; /* the previous piece was empty */
        last->verbatim = verbatim;
        return 0;
    }
    CL_TRY(cl_grow(&x->v, &x->cap, x->n + 1, sizeof *x->v, 64));
    x->v[x->n].text = x->text.len;
    x->v[x->n].orig = orig;
    x->v[x->n].verbatim = verbatim;
    x->n++;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Inside a block of markup a line break is only a space: a run of white
 * space holding one becomes a single space (mapped to the line break), so
 * that the segmenter's line rules (headlines, blank lines) see only the
 * block breaks the reader inserts. */
int cl_extract_copy(cl_extract *x, const char *src, size_t n, size_t orig)
{
    size_t i = 0, start, j;

    while (i < n) {
        start = i;
        while (i < n && src[i] != '\n' && src[i] != '\r')
            i++;
        /* the blanks before the line break belong to the run */
        j = i;
        while (j > start && (src[j - 1] == ' ' || src[j - 1] == '\t'))
            j--;
        if (i == n)
            j = n;
        if (j > start) {
            if (add_piece(x, orig + start, 1) < 0 || cl_buf_add(&x->text, src + start, j - start) < 0)
                return cl_nomem(NULL);
        }
        if (i == n)
            break;
        if (cl_extract_put(x, " ", 1, orig + i) < 0)
            return cl_nomem(NULL);
        while (i < n && is_blank(src[i]))
            i++;
    }
    return 0;
}

int cl_extract_put(cl_extract *x, const char *s, size_t n, size_t orig)
{
    if (!n)
        return 0;
    if (add_piece(x, orig, 0) < 0)
        return cl_nomem(NULL);
    return cl_buf_add(&x->text, s, n);
}

int cl_extract_break(cl_extract *x, size_t orig)
{
    size_t len = x->text.len;

    if (len == 0)
        return 0;
    if (len >= 2 && x->text.data[len - 1] == '\n' && x->text.data[len - 2] == '\n')
        return 0;
    return cl_extract_put(x, x->text.data[len - 1] == '\n' ? "\n" : "\n\n",
                          x->text.data[len - 1] == '\n' ? 1 : 2, orig);
}

void cl_extract_free(cl_extract *x)
{
    cl_buf_free(&x->text);
    free(x->v);
    x->v = NULL;
    x->n = x->cap = 0;
}

/* UTF-8 encoding of code point C into OUT; returns its length. */
static size_t put_utf8(unsigned long c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t cl_entity_decode(const char *s, size_t n, char *out, size_t *outlen)
{
    size_t i = 1;
    unsigned long c = 0;
    char name[40];
    const htmlEntityDesc *e;

    *outlen = 0;
    if (n < 3 || s[0] != '&')
        return 0;
    if (s[1] == '#') {
        int hex = i + 1 < n && (s[2] == 'x' || s[2] == 'X');
        int digits = 0;
        for (i = hex ? 3 : 2; i < n && i < 12; i++, digits++) {
            char ch = s[i];
            if (ch >= '0' && ch <= '9')
                c = c * (hex ? 16 : 10) + (unsigned long)(ch - '0');
            else if (hex && ((ch | 32) >= 'a' && (ch | 32) <= 'f'))
                c = c * 16 + (unsigned long)((ch | 32) - 'a' + 10);
            else
                break;
        }
        if (!digits || i >= n || s[i] != ';')
            return 0;
        /* NUL, surrogates and out-of-range code points become U+FFFD */
        if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD;
        *outlen = put_utf8(c, out);
        return i + 1;
    }
    for (i = 1; i < n && i < sizeof name; i++) {
        int alpha = (s[i] | 32) >= 'a' && (s[i] | 32) <= 'z';
        if (!alpha && !(s[i] >= '0' && s[i] <= '9'))
            break;
        name[i - 1] = s[i];
    }
    if (i >= n || i >= sizeof name || s[i] != ';' || i == 1)
        return 0;
    name[i - 1] = '\0';
    e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *outlen = put_utf8(e->value, out);
    return i + 1;
}
