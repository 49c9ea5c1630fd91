/* input_html.c - the prose of an HTML file, read with libxml2's HTML
 * parser (which copes with the tag soup of real pages), mapped back to the
 * file.
 *
 * The SAX interface is used rather than the tree so that every piece of
 * text can be placed in the file: a cursor walks the file alongside the
 * text the parser hands over (see characters()). Kept: text outside the skipped elements; block elements (p,
 * div, headings, list items, table cells, ...) bound sentences; <br> is a
 * line break, so <br><br> is a blank line.
 * Left out: head, script, style, code, pre, noscript, template, textarea,
 * svg, math, and comments.
 */
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "internal.h"

struct html_state {
    cl_extract *x;
    const char *data; /* the whole file */
    size_t len, base;
    size_t cursor;    /* file offset up to which text has been placed */
    htmlParserCtxtPtr ctxt;
    int skip;         /* depth inside skipped elements */
    int failed;
};

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return 1;
    return 0;
}

static const char *const skipped[] = {"head",   "script", "style", "code", "pre",
                                      "noscript", "template", "textarea", "svg", "math",
                                      "select", NULL};

static const char *const blocks[] = {
    "p",      "div",     "h1",      "h2",     "h3",         "h4",     "h5",    "h6",
    "li",     "ul",      "ol",      "dl",     "dt",         "dd",     "td",    "th",
    "tr",     "table",   "caption", "thead",  "tbody",      "tfoot",  "blockquote",
    "section", "article", "header", "footer", "aside",      "nav",    "main",  "figure",
    "figcaption", "hr",  "form",   "fieldset",   "legend", "address",
    "details", "summary", "body",   "html",   "title",      "option", NULL};

static void start_element(void *ud, const xmlChar *name, const xmlChar **attrs)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;

    (void)attrs;
    /* <br> is a line break: one joins lines as a hard wrap does, two make
     * a blank line, which ends a sentence */
    if (!st->skip && strcasecmp((const char *)name, "br") == 0) {
        if (cl_extract_put(st->x, "\n", 1, st->cursor) < 0)
            st->failed = 1;
        return;
    }
    if (in_list((const char *)name, skipped))
        st->skip++;
    else if (!st->skip && in_list((const char *)name, blocks) &&
             cl_extract_break(st->x, st->cursor) < 0)
        st->failed = 1;
}

static void end_element(void *ud, const xmlChar *name)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;

    if (in_list((const char *)name, skipped)) {
        if (st->skip)
            st->skip--;
    } else if (!st->skip && in_list((const char *)name, blocks) &&
               cl_extract_break(st->x, st->cursor) < 0) {
        st->failed = 1;
    }
}

/* Whether the '<' at P (N bytes) opens a tag, an end tag or a comment. */
static int is_tag(const char *p, size_t n)
{
    unsigned char c = n > 1 ? (unsigned char)p[1] : 0;

    if ((c | 32) >= 'a' && (c | 32) <= 'z')
        return 1;
    if (c == '/' && n > 2 && (((unsigned char)p[2] | 32) >= 'a' && ((unsigned char)p[2] | 32) <= 'z'))
        return 1;
    return n >= 4 && memcmp(p, "<!--", 4) == 0;
}

/* Length of the markup (tag, comment, declaration) at P, at most N bytes. */
static size_t markup_len(const char *p, size_t n)
{
    const char *end;

    if (n >= 4 && memcmp(p, "<!--", 4) == 0) {
        for (end = p + 4; end + 3 <= p + n; end++)
            if (memcmp(end, "-->", 3) == 0)
                return (size_t)(end + 3 - p);
        return n;
    }
    end = memchr(p, '>', n);
    return end ? (size_t)(end + 1 - p) : n;
}

/* Place the text the parser hands over by walking the file from the
 * cursor: bytes that are the text's own are copied as they are; a
 * character reference standing for the next character is mapped to where
 * it stands; markup is stepped over; a byte the parser dropped (a control
 * character, the CR of CRLF) is skipped. The parser's read position is
 * not used for this: libxml2 hands long runs of text over in pieces while
 * it has read further on. */
static void characters(void *ud, const xmlChar *uch, int ulen)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;
    const char *ch = (const char *)uch, *d = st->data;
    size_t n = ulen > 0 ? (size_t)ulen : 0, i = 0, c = st->cursor, run, w, m;
    char buf[8];
    int rc = 0;

    if (!n)
        return;
    /* text of a skipped element (script, style, ...) is walked over too,
     * so that the cursor stays in step, but not kept */
    while (i < n && rc == 0) {
        if (c >= st->len) {
            /* the file is used up (the walk lost step, or the parser made
             * text up): what is left stands at the end of the file, with
             * everything after it, so that positions never go back */
            if (!st->skip)
                rc = cl_extract_put(st->x, ch + i, n - i, st->len);
            c = st->len;
            break;
        }
        /* a real tag or comment is markup even when the text starts with
         * '<' (the parser hands "<" of "<![CDATA[" over as text) */
        if (d[c] == '<' && is_tag(d + c, st->len - c)) {
            c += markup_len(d + c, st->len - c);
            continue;
        }
        for (run = 0; i + run < n && c + run < st->len && ch[i + run] == d[c + run]; run++)
            ;
        /* never split a UTF-8 character between a copy and something else */
        while (run && i + run < n && ((unsigned char)ch[i + run] & 0xC0) == 0x80)
            run--;
        if (run) {
            if (!st->skip)
                rc = cl_extract_copy(st->x, ch + i, run, c);
            i += run;
            c += run;
            continue;
        }
        w = 1;
        while (i + w < n && ((unsigned char)ch[i + w] & 0xC0) == 0x80)
            w++;
        if (d[c] == '&' && (m = cl_entity_decode(d + c, st->len - c, buf, &run)) > 0 &&
            run == w && memcmp(buf, ch + i, w) == 0) {
            if (!st->skip)
                rc = cl_extract_put(st->x, ch + i, w, c);
            i += w;
            c += m;
        } else if (d[c] == '<') {
            c += markup_len(d + c, st->len - c);
        } else {
            c++; /* a byte the parser left out */
        }
    }
    st->cursor = c;
    if (rc < 0)
        st->failed = 1;
}

int cl_extract_html(cl_extract *x, const char *data, size_t len, size_t base, const char *name)
{
    struct html_state st;
    htmlSAXHandler sax;
    htmlParserCtxtPtr ctxt;

    if (len - base == 0)
        return 0;
    /* libxml2 takes the length as an int */
    if (len - base > INT_MAX)
        return cl_error_set(CL_EINPUT, name, 0, 0,
                            "HTML input of 2 GiB or more is not supported; "
                            "check it as text (--input-format text)");
    memset(&st, 0, sizeof st);
    st.x = x;
    st.data = data;
    st.len = len;
    st.base = base;
    st.cursor = base;
    memset(&sax, 0, sizeof sax);
    sax.startElement = start_element;
    sax.endElement = end_element;
    sax.characters = characters;
    sax.cdataBlock = characters;
    /* the text was checked as UTF-8: parse it as such whatever it declares */
    ctxt = htmlCreateMemoryParserCtxt(data + base, (int)(len - base));
    if (!ctxt)
        return cl_nomem(name);
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->_private = &st;
    ctxt->userData = ctxt;
    st.ctxt = ctxt;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NOBLANKS | HTML_PARSE_NOIMPLIED);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
    if (st.failed)
        return cl_nomem(name);
    return 0;
}
