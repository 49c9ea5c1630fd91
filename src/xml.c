/* xml.c - safe reading of the XML files claimlint trusts least: rule files
 * and configurations. One way for both:
 * - never the network (XML_PARSE_NONET), no external entity or DTD read
 *   (no NOENT, no DTDLOAD), and a DOCTYPE refused outright: its entities
 *   could read local files or expand without bound ("billion laughs");
 * - libxml2's errors go to the caller's report function with line and
 *   column; an allocation that fails inside libxml2 is reported once, as
 *   out of memory, and no verdict is drawn from a tree or a validation it
 *   cut short;
 * - the error handler in place before is restored when the file is done,
 *   since a rule file's include is read while the including file is still
 *   being walked;
 * - RELAX NG validation of the shipped schemas, whose messages may be kept
 *   for the caller to explain in its own terms first.
 * Also the helpers every reader of such a tree needs: an element's text
 * and an attribute's value, telling a missing one from out of memory.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "internal.h"

static void say(cl_xml *x, int code, unsigned line, unsigned column, const char *msg)
{
    if (x->report)
        x->report(x->ud, code, x->file, line, column, msg);
}

/* libxml2's structured error handler. */
static void on_error(void *ud, xmlErrorPtr e)
{
    cl_xml *x = ud;
    char msg[1024];
    size_t n;
    unsigned line, column;

    if (!e || e->level == XML_ERR_WARNING)
        return;
    if (e->code == XML_ERR_NO_MEMORY) {
        if (!x->nomem)
            say(x, CL_ENOMEM, 0, 0, "out of memory");
        x->nomem = 1;
        return;
    }
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    line = e->line > 0 ? (unsigned)e->line : 0;
    /* the parser puts the column in int2; validity errors have none */
    column = e->domain == XML_FROM_PARSER && e->int2 > 0 ? (unsigned)e->int2 : 0;
    x->errors++;
    if (x->defer) {
        if (x->nkept < sizeof x->kept / sizeof x->kept[0]) {
            x->kept[x->nkept].line = line;
            x->kept[x->nkept].column = column;
            snprintf(x->kept[x->nkept++].msg, sizeof x->kept[0].msg, "%s", msg);
        } else {
            x->dropped++;
        }
        return;
    }
    say(x, x->code, line, column, msg);
}

void cl_xml_init(cl_xml *x, const char *file, cl_xml_report_fn report, void *ud)
{
    memset(x, 0, sizeof *x);
    x->file = file;
    x->report = report;
    x->ud = ud;
    x->code = CL_EPARSE;
    x->prev = (void *)xmlStructuredError;
    x->prev_ctx = xmlStructuredErrorContext;
}

int cl_xml_schema(void **out, const char *name, cl_xml *x)
{
    xmlRelaxNGParserCtxtPtr pc;
    xmlRelaxNGPtr schema = NULL;
    char *path = cl_data_path(name);

    *out = NULL;
    if (!path) {
        const cl_diag *e = cl_error_last();
        if (x->report)
            x->report(x->ud, CL_EIO, e && e->file ? e->file : name, e ? e->line : 0, 0,
                      e ? e->message : cl_strerror(CL_EIO));
        return CL_EIO;
    }
    x->file = path;
    pc = xmlRelaxNGNewParserCtxt(path);
    if (pc) {
        xmlRelaxNGSetParserStructuredErrors(pc, on_error, x);
        schema = xmlRelaxNGParse(pc);
        xmlRelaxNGFreeParserCtxt(pc);
    }
    if (!pc || x->nomem) {
        if (!x->nomem)
            say(x, CL_ENOMEM, 0, 0, "out of memory");
        if (schema)
            xmlRelaxNGFree(schema);
        free(path);
        x->file = NULL;
        return cl_nomem(NULL);
    }
    if (!schema) {
        say(x, CL_EPARSE, 0, 0, "cannot load the schema");
        free(path);
        x->file = NULL;
        return CL_EPARSE;
    }
    free(path);
    x->file = NULL;
    *out = schema;
    return 0;
}

void cl_xml_schema_free(void *schema)
{
    if (schema)
        xmlRelaxNGFree(schema);
}

int cl_xml_read(cl_xml *x, const char *path, const char *doctype_msg)
{
    xmlDocPtr doc;
    size_t errors = x->errors;

    x->code = CL_EPARSE;
    if (!(x->pc = xmlNewParserCtxt())) {
        say(x, CL_ENOMEM, 0, 0, "out of memory");
        return cl_nomem(NULL);
    }
    xmlSetStructuredErrorFunc(x, on_error);
    /* COMPACT keeps short texts inside their nodes: fewer allocations */
    doc = xmlCtxtReadFile(x->pc, path, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    x->doc = doc;
    if (x->nomem)
        return cl_nomem(NULL);
    if (!doc) {
        if (x->errors == errors)
            say(x, CL_EPARSE, 0, 0, "not a well-formed XML file");
        return CL_EPARSE;
    }
    if (doc->intSubset || doc->extSubset) {
        say(x, CL_ESCHEMA, 0, 0, doctype_msg);
        return CL_ESCHEMA;
    }
    return 0;
}

int cl_xml_validate(cl_xml *x, void *schema, int defer)
{
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    int invalid;

    if (!vc) {
        say(x, CL_ENOMEM, 0, 0, "out of memory");
        return cl_nomem(NULL);
    }
    x->code = CL_ESCHEMA;
    x->defer = defer;
    xmlRelaxNGSetValidStructuredErrors(vc, on_error, x);
    invalid = xmlRelaxNGValidateDoc(vc, x->doc) != 0;
    xmlRelaxNGFreeValidCtxt(vc);
    x->defer = 0;
    if (x->nomem)
        return cl_nomem(NULL);
    return invalid ? CL_ESCHEMA : 0;
}

void *cl_xml_root(const cl_xml *x)
{
    return xmlDocGetRootElement(x->doc);
}

void cl_xml_handle(cl_xml *x)
{
    xmlSetStructuredErrorFunc(x, on_error);
}

void cl_xml_done(cl_xml *x)
{
    xmlSetStructuredErrorFunc(x->prev_ctx, (xmlStructuredErrorFunc)x->prev);
    xmlFreeDoc(x->doc);
    xmlFreeParserCtxt(x->pc);
    x->doc = NULL;
    x->pc = NULL;
}

/* The text of N when it is one text node, read in place (no copy), else
 * NULL: then libxml2 gathers it. */
static const char *plain_text(xmlNodePtr n)
{
    xmlNodePtr c = n->children;

    if (c && !c->next && c->type == XML_TEXT_NODE && c->content)
        return (const char *)c->content;
    return NULL;
}

char *cl_xml_text(cl_arena *arena, void *node)
{
    const char *plain = plain_text((xmlNodePtr)node);
    xmlChar *raw = NULL;
    char *out, *o;
    const char *p;
    int space = 0;

    if (!plain && !(raw = xmlNodeGetContent((xmlNodePtr)node)))
        return NULL;
    p = plain ? plain : (const char *)raw;
    out = cl_arena_alloc(arena, strlen(p) + 1);
    if (out) {
        for (o = out; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = o != out;
                continue;
            }
            if (space)
                *o++ = ' ';
            space = 0;
            *o++ = *p;
        }
        *o = '\0';
    }
    xmlFree(raw);
    return out;
}

int cl_xml_prop(cl_arena *arena, void *node, const char *name, char **out)
{
    xmlAttrPtr a;
    xmlChar *v;
    const char *t;

    *out = NULL;
    /* the first attribute of that name, whatever its namespace, as
     * xmlHasProp and xmlGetProp find it; a plain value is copied from
     * its node */
    for (a = ((xmlNodePtr)node)->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            break;
    if (!a)
        return 0;
    if ((t = plain_text((xmlNodePtr)a)) != NULL) {
        *out = cl_arena_strndup(arena, t, strlen(t));
        return *out ? 0 : CL_ENOMEM;
    }
    v = xmlGetProp((xmlNodePtr)node, (const xmlChar *)name);
    if (v)
        *out = cl_arena_strndup(arena, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return *out ? 0 : CL_ENOMEM;
}
