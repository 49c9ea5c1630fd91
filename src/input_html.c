/* input_html.c - the prose of an HTML file, read with libxml2's HTML
 * parser (which copes with the tag soup of real pages), mapped back to the
 * file.
 *
 * The SAX interface is used rather than the tree so that every piece of
 * text can be placed in the file: when the parser hands over a run of
 * text, the bytes just before its read position are that text when it was
 * copied as is; anything else (a character reference) is mapped to where
 * it stands. Kept: text outside the skipped elements; block elements (p,
 * div, headings, list items, table cells, ...) bound sentences; <br> is a
 * line break, so <br><br> is a blank line.
 * Left out: head, script, style, code, pre, noscript, template, textarea,
 * svg, math, and comments.
 */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "internal.h"

struct html_state {
    cl_extract *x;
    const char *data; /* the whole file */
    size_t len, base;
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

/* Byte offset in the file of the parser's read position. */
static size_t position(const struct html_state *st)
{
    long consumed = xmlByteConsumed(st->ctxt);

    if (consumed < 0)
        return st->base;
    return st->base + (size_t)consumed > st->len ? st->len : st->base + (size_t)consumed;
}

static void start_element(void *ud, const xmlChar *name, const xmlChar **attrs)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;

    (void)attrs;
    /* <br> is a line break: one joins lines as a hard wrap does, two make
     * a blank line, which ends a sentence */
    if (!st->skip && strcasecmp((const char *)name, "br") == 0) {
        if (cl_extract_put(st->x, "\n", 1, position(st)) < 0)
            st->failed = 1;
        return;
    }
    if (in_list((const char *)name, skipped))
        st->skip++;
    else if (!st->skip && in_list((const char *)name, blocks) &&
             cl_extract_break(st->x, position(st)) < 0)
        st->failed = 1;
}

static void end_element(void *ud, const xmlChar *name)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;

    if (in_list((const char *)name, skipped)) {
        if (st->skip)
            st->skip--;
    } else if (!st->skip && in_list((const char *)name, blocks) &&
               cl_extract_break(st->x, position(st)) < 0) {
        st->failed = 1;
    }
}

static void characters(void *ud, const xmlChar *ch, int len)
{
    struct html_state *st = ((htmlParserCtxtPtr)ud)->_private;
    size_t end = position(st), n = (size_t)len;
    int rc;

    if (st->skip || len <= 0)
        return;
    /* copied as is: the text stands right before the read position */
    if (end >= n && end - n >= st->base && memcmp(st->data + end - n, ch, n) == 0)
        rc = cl_extract_copy(st->x, (const char *)ch, n, end - n);
    else
        rc = cl_extract_put(st->x, (const char *)ch, n, st->x->n ? end : st->base);
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
    memset(&st, 0, sizeof st);
    st.x = x;
    st.data = data;
    st.len = len;
    st.base = base;
    memset(&sax, 0, sizeof sax);
    sax.startElement = start_element;
    sax.endElement = end_element;
    sax.characters = characters;
    sax.cdataBlock = characters;
    /* the text was checked as UTF-8: parse it as such whatever it declares */
    ctxt = htmlCreateMemoryParserCtxt(data + base, (int)(len - base));
    if (!ctxt)
        return cl_error_set(CL_ENOMEM, name, 0, 0, "out of memory");
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
        return cl_error_set(CL_ENOMEM, name, 0, 0, "out of memory");
    return 0;
}
