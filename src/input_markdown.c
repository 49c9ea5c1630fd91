/* input_markdown.c - the prose of a Markdown file (CommonMark with GitHub
 * tables and strikethrough, parsed by md4c), mapped back to the file.
 *
 * Kept: the text of paragraphs, headings, list items, table cells and
 * block quotes; the text of links and emphasis, which do not break a
 * sentence. Left out: code blocks and code spans, raw HTML (comments
 * included), link and image URLs, image descriptions, and YAML (---) or
 * TOML (+++) front matter. Every block ends with a blank line so that it
 * bounds sentences.
 */
#include <limits.h>
#include <string.h>

#include <md4c.h>

#include "internal.h"

struct md_state {
    cl_extract *x;
    const char *data;  /* the whole file */
    size_t len;
    const char *doc;   /* what md4c parses: after the mark and front matter */
    int skip;          /* inside a code block, raw HTML block or image */
    int failed;
};

/* File offset of P, a pointer md4c gives us into the document, or of the
 * last position copied when P is not in it (md4c's own "\n"). */
static size_t offset_of(const struct md_state *st, const char *p)
{
    if (p >= st->data && p <= st->data + st->len)
        return (size_t)(p - st->data);
    if (st->x->n) {
        const cl_xpiece *last = &st->x->v[st->x->n - 1];
        return last->verbatim ? last->orig + (st->x->text.len - last->text) : last->orig;
    }
    return (size_t)(st->doc - st->data);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct md_state *st = ud;

    (void)detail;
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML)
        st->skip++;
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct md_state *st = ud;

    (void)detail;
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) {
        st->skip--;
        return 0;
    }
    /* every block bounds sentences: paragraphs, headings, items, cells */
    if (cl_extract_break(st->x, offset_of(st, NULL)) < 0)
        st->failed = 1;
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct md_state *st = ud;

    (void)detail;
    if (type == MD_SPAN_IMG)
        st->skip++;
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct md_state *st = ud;

    (void)detail;
    if (type == MD_SPAN_IMG)
        st->skip--;
    return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE size, void *ud)
{
    struct md_state *st = ud;
    char buf[8];
    size_t n;
    int rc = 0;

    if (st->skip)
        return 0;
    switch (type) {
    case MD_TEXT_NORMAL:
        if (t >= st->data && t + size <= st->data + st->len)
            rc = cl_extract_copy(st->x, t, size, (size_t)(t - st->data));
        else
            rc = cl_extract_put(st->x, t, size, offset_of(st, NULL));
        break;
    case MD_TEXT_SOFTBR:
        /* a line break inside a paragraph is a space */
        rc = cl_extract_put(st->x, " ", 1, offset_of(st, NULL));
        break;
    case MD_TEXT_BR:
        /* a hard break is a line break, as <br> in HTML */
        rc = cl_extract_put(st->x, "\n", 1, offset_of(st, NULL));
        break;
    case MD_TEXT_ENTITY:
        if (cl_entity_decode(t, size, buf, &n) == size && n)
            rc = cl_extract_put(st->x, buf, n, offset_of(st, t));
        else
            rc = cl_extract_copy(st->x, t, size, offset_of(st, t));
        break;
    case MD_TEXT_NULLCHAR:
        rc = cl_extract_put(st->x, "\xEF\xBF\xBD", 3, offset_of(st, t));
        break;
    default:
        /* code spans, inline HTML and math are not prose */
        break;
    }
    if (rc < 0)
        st->failed = 1;
    return 0;
}

/* Length of YAML (---) or TOML (+++) front matter at the start of S. */
static size_t front_matter(const char *s, size_t n)
{
    const char *fence, *p, *end = s + n;
    size_t flen = 3;

    if (n < 4 || (strncmp(s, "---", 3) != 0 && strncmp(s, "+++", 3) != 0) ||
        (s[3] != '\n' && s[3] != '\r'))
        return 0;
    fence = s[0] == '-' ? "---" : "+++";
    for (p = s + 3; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line = p + 1;
        if (!eol)
            return 0;
        line = eol + 1;
        if ((size_t)(end - line) >= flen && strncmp(line, fence, flen) == 0) {
            const char *q = line + flen;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q == end || *q == '\n')
                return (size_t)((q < end ? q + 1 : q) - s);
        }
        p = eol + 1;
    }
    return 0;
}

int cl_extract_markdown(cl_extract *x, const char *data, size_t len, size_t base,
                        const char *name)
{
    struct md_state st;
    MD_PARSER parser;
    size_t fm;
    int rc;

    /* md4c takes the length, and keeps its offsets, as 32-bit unsigned
     * values: the 2 GiB limit of HTML keeps well clear of their end */
    if (len - base > INT_MAX)
        return cl_error_set(CL_EINPUT, name, 0, 0,
                            "Markdown input of 2 GiB or more is not supported; "
                            "check it as text (--input-format text)");
    fm = front_matter(data + base, len - base);
    memset(&st, 0, sizeof st);
    memset(&parser, 0, sizeof parser);
    st.x = x;
    st.data = data;
    st.len = len;
    st.doc = data + base + fm;
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    rc = md_parse(st.doc, (MD_SIZE)(len - base - fm), &parser, &st);
    if (st.failed)
        return cl_nomem(name);
    if (rc != 0)
        return cl_error_set(CL_EINPUT, name, 0, 0, "cannot parse as Markdown (md4c error %d)",
                            rc);
    return 0;
}
