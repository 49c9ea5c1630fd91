/* load.c - read rule files into a rule set: the include walk with its
 * safety (a rule tree, shipped files as claimlint:NAME, no cycles, each
 * file once), checks that explain schema errors in the author's terms,
 * <cue> elements, and the finishing step, cl_rules_compile, that turns
 * what was read into the compiled rules.
 *
 * The loading state (the schema, the files read, the include chain, the
 * rule tree) lives here, in a cl_loader the rule set holds only while it
 * is being loaded. Dependencies run one way: load.c calls rules.c (the
 * compiled rules), claims.c (a <claim>) and prefilter.c (the claims'
 * index); none of them calls back.
 *
 * Every problem is reported through the rules' diagnostic callback with
 * its file and line, and loading goes on so that one run shows all of
 * them; the load then fails as a whole.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "internal.h"

#define CL_NS "urn:claimlint:rules:1"

typedef struct cl_loader {
    cl_rules *rules;            /* what is loaded into */
    void *schema;               /* the rule-file schema (xmlRelaxNGPtr) */
    char **loaded;              /* real paths of files read */
    size_t nloaded, loaded_cap;
    const char *stack[64];      /* include chain (real paths) */
    size_t depth;
    char root[PATH_MAX];        /* the rule tree of the file being loaded */
    char root_shown[PATH_MAX];  /* the same as the user named it */
    char datadir[PATH_MAX];     /* where shipped rule files are, resolved */
    int allow_outside;          /* includes may leave the rule tree */
} cl_loader;

#define report(l, code, file, line, ...) cl_rules_report((l)->rules, code, file, line, 0, __VA_ARGS__)
#define report_at(l, code, file, line, column, ...)                                              \
    cl_rules_report((l)->rules, code, file, line, column, __VA_ARGS__)

static void loader_free(void *p)
{
    cl_loader *l = p;
    size_t i;

    if (!l)
        return;
    cl_xml_schema_free(l->schema);
    for (i = 0; i < l->nloaded; i++)
        free(l->loaded[i]);
    free(l->loaded);
    free(l);
}

/* The loader of R, made the first time; NULL when out of memory. */
static cl_loader *loader_of(cl_rules *r)
{
    cl_loader *l = cl_rules_loader(r);

    if (!l && (l = calloc(1, sizeof *l)) != NULL) {
        l->rules = r;
        cl_rules_set_loader(r, l, loader_free);
    }
    return l;
}

void cl_rules_allow_outside_includes(cl_rules *r, int allow)
{
    cl_loader *l = loader_of(r);

    /* out of memory here, the first load fails too; includes stay inside */
    if (l)
        l->allow_outside = allow;
}

/* Where the XML reader's problems go: the rules' report. */
static void xml_report(void *ud, int code, const char *file, unsigned line, unsigned column,
                       const char *msg)
{
    cl_loader *r = ud;

    report_at(r, code, file, line, column, "%s", msg);
}

/* ---- value checks with precise messages ------------------------------------
 * libxml2's RELAX NG messages are generic ("Element cue failed to validate
 * attributes"); when a file fails the schema, these checks say what is wrong
 * in the author's terms, and the schema's own messages are kept only for
 * lines these checks did not explain. */

struct attr_spec {
    const char *elem, *attr;
    const char *values;  /* "a|b|c", or NULL for free text / numbers */
    int max;             /* > 0: a whole number from 0 to max */
    int required;
};

static const struct attr_spec attr_specs[] = {
    {"rules", "id", NULL, 0, 1},
    {"rules", "lang", NULL, 0, 0},
    {"include", "href", NULL, 0, 1},
    {"cue", "kind", "negation|hedge|pseudo|terminator|attribution|hypothetical", 0, 1},
    {"cue", "direction", "forward|backward|both", 0, 0},
    {"cue", "window", NULL, 100, 0},
    {"cue", "before", NULL, 100, 0},
    {"cue", "affix", NULL, 0, 0},
    {"cue", "inflected", "yes|no", 0, 0},
    {"cue", "scope", "window|clause|sentence", 0, 0},
    {"claim", "id", NULL, 0, 1},
    {"claim", "verdict", "supported|unsupported|refuted|disputed", 0, 1},
    {"claim", "required", "yes|no", 0, 0},
    {"claim", "stated", "ok|info|warning|error", 0, 0},
    {"claim", "attributed", "ok|info|warning|error", 0, 0},
    {"claim", "hedged", "ok|info|warning|error", 0, 0},
    {"claim", "negated", "ok|info|warning|error", 0, 0},
    {"claim", "unstated", "ok|info|warning|error", 0, 0},
    {"token", "skip", NULL, 50, 0},
    {"token", "inflected", "yes|no", 0, 0},
    {"token", "regex", "yes|no", 0, 0},
    {"token", "case", "yes|no", 0, 0},
    {"token", "optional", "yes|no", 0, 0},
    {"near", "window", NULL, 100, 1},
    {"number", "skip", NULL, 50, 0},
    {"number", "value", NULL, 0, 0},
    {"number", "min", NULL, 0, 0},
    {"number", "max", NULL, 0, 0},
    {"number", "unit", NULL, 0, 0},
    {"number", "optional", "yes|no", 0, 0},
    {"example", "status", "stated|attributed|hedged|negated|match|none", 0, 1},
    {"source", "href", NULL, 0, 0},
};

static const struct {
    const char *parent, *children;
} child_specs[] = {
    {"rules", "include|cue|claim"},
    {"include", ""},
    {"cue", ""},
    {"claim", "title|message|source|pattern|near|regex|antipattern|example"},
    {"pattern", "token|number"},
    {"near", "token|number"},
    {"antipattern", "token|number|near|regex"},
    {"number", ""},
    {"token", ""},
    {"regex", ""},
    {"title", ""},
    {"message", ""},
    {"source", ""},
    {"example", ""},
};

/* Elements a parent must have: each entry is a list of alternatives. */
static const struct {
    const char *parent, *need, *what;
} required_children[] = {
    {"claim", "title", "a <title>"},
    {"claim", "pattern|near|regex", "at least one <pattern>, <near> or <regex>"},
    {"pattern", "token|number", "at least one <token> or <number>"},
    {"near", "token|number", "at least one <token> or <number>"},
    {"antipattern", "token|number|near|regex", "a <token>, a <near> or a <regex>"},
};

static int in_list(const char *list, const char *word);

static int lint_children(cl_loader *r, xmlNodePtr n, const char *file, unsigned line)
{
    size_t k;
    int found = 0;
    xmlNodePtr c;

    for (k = 0; k < sizeof required_children / sizeof required_children[0]; k++) {
        if (strcmp(required_children[k].parent, (const char *)n->name) != 0)
            continue;
        for (c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && in_list(required_children[k].need, (const char *)c->name))
                break;
        if (!c) {
            report(r, CL_ESCHEMA, file, line, "<%s> needs %s", n->name, required_children[k].what);
            found++;
        }
    }
    return found;
}

static int in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p = list;

    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return 1;
        p += len + (bar ? 1 : 0);
    }
    return 0;
}

static int lint_attrs(cl_loader *r, xmlNodePtr n, const char *file, unsigned line)
{
    int found = 0;
    size_t k;
    xmlAttrPtr a;

    for (a = n->properties; a; a = a->next) {
        for (k = 0; k < sizeof attr_specs / sizeof attr_specs[0]; k++)
            if (strcmp(attr_specs[k].elem, (const char *)n->name) == 0 &&
                strcmp(attr_specs[k].attr, (const char *)a->name) == 0)
                break;
        if (k == sizeof attr_specs / sizeof attr_specs[0]) {
            report(r, CL_ESCHEMA, file, line, "<%s>: unknown attribute '%s'", n->name, a->name);
            found++;
        }
    }
    for (k = 0; k < sizeof attr_specs / sizeof attr_specs[0]; k++) {
        const struct attr_spec *sp = &attr_specs[k];
        xmlChar *v;
        if (strcmp(sp->elem, (const char *)n->name) != 0)
            continue;
        v = xmlGetProp(n, (const xmlChar *)sp->attr);
        if (!v) {
            if (sp->required) {
                report(r, CL_ESCHEMA, file, line, "<%s>: missing attribute '%s'", n->name,
                       sp->attr);
                found++;
            }
            continue;
        }
        if (sp->values && !in_list(sp->values, (const char *)v)) {
            report(r, CL_ESCHEMA, file, line, "<%s>: %s '%s' is not one of %s", n->name,
                   sp->attr, (const char *)v, sp->values);
            found++;
        } else if (sp->max > 0) {
            char *end;
            long val = strtol((const char *)v, &end, 10);
            if (end == (char *)v || *end || val < 0 || val > sp->max) {
                report(r, CL_ESCHEMA, file, line,
                       "<%s>: %s must be a whole number from 0 to %d, not '%s'", n->name,
                       sp->attr, sp->max, (const char *)v);
                found++;
            }
        }
        xmlFree(v);
    }
    return found;
}

/* Check NODE and its element children; mark in LINES[] (bitmap by line,
 * capped) the lines explained. Returns the number of errors reported. */
static int lint_tree(cl_loader *r, xmlNodePtr node, const char *file, const char *parent_children,
                     unsigned char *lines, size_t nlines)
{
    xmlNodePtr c;
    unsigned line = (unsigned)xmlGetLineNo(node);
    const char *children = NULL;
    int found = 0;
    size_t k;

    if (parent_children && !in_list(parent_children, (const char *)node->name)) {
        report(r, CL_ESCHEMA, file, line, "unknown element <%s> here (expected %s)", node->name,
               *parent_children ? parent_children : "no element");
        found++;
    } else if (!node->ns || !node->ns->href ||
               strcmp((const char *)node->ns->href, CL_NS) != 0) {
        report(r, CL_ESCHEMA, file, line, "<%s> is not in the namespace %s", node->name, CL_NS);
        found++;
    }
    for (k = 0; k < sizeof child_specs / sizeof child_specs[0]; k++)
        if (strcmp(child_specs[k].parent, (const char *)node->name) == 0)
            children = child_specs[k].children;
    if (!children && !parent_children) {
        report(r, CL_ESCHEMA, file, line, "the root element must be <rules>, not <%s>",
               node->name);
        if (line < nlines)
            lines[line] = 1;
        return found + 1;
    }
    if (!children)
        return found;
    found += lint_attrs(r, node, file, line);
    found += lint_children(r, node, file, line);
    if (strcmp((const char *)node->name, "cue") == 0) {
        xmlChar *t = xmlNodeGetContent(node);
        const char *p = (const char *)t;
        while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (!p || !*p) {
            report(r, CL_ESCHEMA, file, line, "<cue>: empty phrase");
            found++;
        }
        xmlFree(t);
    }
    if (found && line < nlines)
        lines[line] = 1;
    for (c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            found += lint_tree(r, c, file, children, lines, nlines);
    return found;
}

/* After a schema failure: precise messages, then the schema's own for the
 * lines they left unexplained. */
static void explain_invalid(cl_loader *r, xmlDocPtr doc, const cl_xml *x)
{
    unsigned char lines[4096];
    size_t i;
    int shown = 0, found;

    memset(lines, 0, sizeof lines);
    found = lint_tree(r, xmlDocGetRootElement(doc), x->file, NULL, lines, sizeof lines);
    for (i = 0; i < x->nkept; i++) {
        /* a schema message is kept when no precise one covers its line; one
         * without a line only when there is nothing precise at all */
        if (x->kept[i].line < sizeof lines && lines[x->kept[i].line])
            continue;
        if (x->kept[i].line == 0 && found)
            continue;
        report_at(r, CL_ESCHEMA, x->file, x->kept[i].line, x->kept[i].column, "%s",
                  x->kept[i].msg);
        shown++;
    }
    if (x->dropped && shown)
        report(r, CL_ESCHEMA, x->file, 0, "%zu more schema errors not shown", x->dropped);
}

static int load_schema(cl_loader *r)
{
    cl_xml x;

    if (r->schema)
        return 0;
    cl_xml_init(&x, NULL, xml_report, r);
    return cl_xml_schema(&r->schema, "claimlint.rng", &x);
}

static int attr_is(xmlNodePtr node, const char *name, const char *value)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    int eq = v && strcmp((const char *)v, value) == 0;

    xmlFree(v);
    return eq;
}

static int add_cue(cl_loader *r, xmlNodePtr node, const char *file)
{
    cl_cue_entry *e;
    xmlChar *v, *affix;
    static const char *const kinds[] = {"negation", "hedge", "pseudo", "terminator",
                                        "attribution", "hypothetical"};
    static const char *const dirs[] = {"forward", "backward", "both"};
    size_t k;

    if (!(e = cl_rules_cue_slot(r->rules)))
        return report(r, CL_ENOMEM, file, 0, "out of memory");
    e->def.file = file;
    e->def.line = (unsigned)xmlGetLineNo(node);
    e->def.window = 8;
    e->def.direction = CL_DIR_FORWARD;
    v = xmlGetProp(node, (const xmlChar *)"kind");
    for (k = 0; v && k < 6; k++)
        if (strcmp((const char *)v, kinds[k]) == 0)
            e->def.kind = (cl_cue_kind)k;
    xmlFree(v);
    v = xmlGetProp(node, (const xmlChar *)"direction");
    for (k = 0; v && k < 3; k++)
        if (strcmp((const char *)v, dirs[k]) == 0)
            e->def.direction = (cl_direction)k;
    xmlFree(v);
    v = xmlGetProp(node, (const xmlChar *)"window");
    if (v)
        e->def.window = (unsigned)strtoul((const char *)v, NULL, 10);
    xmlFree(v);
    e->def.before = e->def.window;
    v = xmlGetProp(node, (const xmlChar *)"before");
    if (v)
        e->def.before = (unsigned)strtoul((const char *)v, NULL, 10);
    xmlFree(v);
    e->def.inflected = attr_is(node, "inflected", "yes");
    if (attr_is(node, "scope", "clause"))
        e->def.scope = CL_SCOPE_CLAUSE;
    else if (attr_is(node, "scope", "sentence"))
        e->def.scope = CL_SCOPE_SENTENCE;
    affix = xmlGetProp(node, (const xmlChar *)"affix");
    if (affix) {
        size_t n = strlen((const char *)affix);
        e->def.suffix = affix[0] == '-';
        e->def.affix = (unsigned)cl_utf8_count((const char *)affix, n) - 1;
    }
    if (e->def.kind == CL_CUE_TERMINATOR && !xmlHasProp(node, (const xmlChar *)"direction"))
        e->def.direction = CL_DIR_BOTH; /* ends scopes from either side */
    if (e->def.kind == CL_CUE_PSEUDO || e->def.kind == CL_CUE_TERMINATOR)
        e->def.window = e->def.before = 0;
    if (e->def.kind == CL_CUE_PSEUDO)
        e->def.direction = CL_DIR_NONE;
    e->def.phrase = cl_xml_text(cl_rules_arena(r->rules), node);
    if (!e->def.phrase) {
        xmlFree(affix);
        return report(r, CL_ENOMEM, file, e->def.line, "out of memory");
    }
    if (!*e->def.phrase) {
        xmlFree(affix);
        return report(r, CL_ESCHEMA, file, e->def.line, "empty cue phrase");
    }
    if (affix) {
        /* the affix's letters must begin (un-) or end (-less) the phrase */
        const char *a = (const char *)affix + e->def.suffix, *ph = e->def.phrase;
        size_t al = strlen((const char *)affix) - 1, pl = strlen(ph);
        int ok = al < pl && strncasecmp(e->def.suffix ? ph + pl - al : ph, a, al) == 0;
        if (!ok) {
            report(r, CL_ESCHEMA, file, e->def.line, "affix '%s' is not %s of the cue '%s'",
                   (const char *)affix, e->def.suffix ? "an ending" : "a beginning", ph);
            xmlFree(affix);
            return CL_ESCHEMA;
        }
        xmlFree(affix);
    }
    cl_rules_cue_keep(r->rules);
    return 0;
}

/* ---- the schema's common case, checked quickly ------------------------------
 * libxml2's RELAX NG validator costs far more than reading the file (it
 * compiles each pattern facet anew for every value it checks). The check
 * below follows claimlint.rng over the tree in one pass, but only as far
 * as it can be sure: it answers "conforms" for the plain, canonical forms
 * (values written exactly, integers without signs or leading zeros, text
 * in one text node, no CDATA sections, simple URIs) and "not sure" for
 * anything else, which the schema then validates as before. So it never
 * accepts a file the schema rejects, and a file that fails still gets
 * the schema's messages. */

/* Whether C is white space as XML Schema's \s has it. */
static int xsd_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int in_ns(xmlNodePtr n)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, CL_NS) == 0;
}

static int named(xmlNodePtr n, const char *name)
{
    return strcmp((const char *)n->name, name) == 0;
}

/* The text of N when it is all in one text node ("" for none), else NULL. */
static const char *sole_text(xmlNodePtr n)
{
    xmlNodePtr c = n->children;

    if (!c)
        return "";
    if (c->next || c->type != XML_TEXT_NODE || !c->content)
        return NULL;
    return (const char *)c->content;
}

/* The value of attribute A when it is one plain text, else NULL. */
static const char *attr_text(xmlAttrPtr a)
{
    if (a->ns)
        return NULL;
    return sole_text((xmlNodePtr)a);
}

/* The next element child from C on (C included), skipping white space,
 * comments and processing instructions; *BAD is set at anything else. */
static xmlNodePtr next_elem(xmlNodePtr c, int *bad)
{
    for (; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return in_ns(c) ? c : (*bad = 1, NULL);
        if (c->type == XML_TEXT_NODE) {
            const unsigned char *p = c->content;
            while (p && *p && xsd_space(*p))
                p++;
            if (!p || *p)
                return *bad = 1, NULL;
        } else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE) {
            return *bad = 1, NULL;
        }
    }
    return NULL;
}

/* No element or text other than white space in N. */
static int quick_empty(xmlNodePtr n)
{
    int bad = 0;

    return !next_elem(n->children, &bad) && !bad;
}

/* [A-Za-z][A-Za-z0-9_-]* */
static int quick_identifier(const char *s)
{
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        return 0;
    for (s++; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* An xsd:language in its plain form: [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})* */
static int quick_language(const char *s)
{
    size_t n = 0;
    int first = 1;

    for (;; s++) {
        if (*s == '-' || !*s) {
            if (n < 1 || n > 8)
                return 0;
            if (!*s)
                return 1;
            n = 0;
            first = 0;
        } else if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
                   (!first && *s >= '0' && *s <= '9')) {
            n++;
        } else {
            return 0;
        }
    }
}

/* A whole number from LOW to MAX written plainly: "0" or no leading zero. */
static int quick_number(const char *s, int low, int max)
{
    int v = 0;
    size_t n = 0;

    if (s[0] == '0' && s[1])
        return 0;
    for (; *s; s++, n++) {
        if (*s < '0' || *s > '9' || n == 3)
            return 0;
        v = v * 10 + (*s - '0');
    }
    return n > 0 && v >= low && v <= max;
}

/* One of the words of LIST ("a|b|c"), written exactly. */
static int quick_word(const char *s, const char *list)
{
    return *s && !strchr(s, '|') && in_list(list, s);
}

/* Characters of a URI's path, query and fragment taken without a doubt. */
static int uri_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("-._~/!$&()*+,;=:@?", c) != NULL);
}

/* A non-empty xsd:anyURI of a plain form: an optional scheme, an optional
 * //host of letters, digits, dots and hyphens, then a path, query and at
 * most one fragment of unreserved characters and delimiters (no '%'); with
 * no scheme, no ':' before the first '/'. */
static int quick_uri(const char *s)
{
    const char *p = s;
    int hash = 0;

    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
               *p == '+' || *p == '.' || *p == '-')
            p++;
        p = *p == ':' ? p + 1 : s;
    }
    if (p == s) {
        const char *q;
        for (q = s; *q && *q != '/'; q++)
            if (*q == ':')
                return 0;
    }
    if (p[0] == '/' && p[1] == '/') {
        for (p += 2; *p && *p != '/' && *p != '?' && *p != '#'; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
                return 0;
    }
    for (; *p; p++) {
        if (*p == '#' && !hash++)
            continue;
        if (!uri_char(*p))
            return 0;
    }
    return *s != '\0';
}

/* \s*\S(.|\s)* : some character that is not white space. */
static int quick_text(const char *s)
{
    for (; *s; s++)
        if (!xsd_space((unsigned char)*s))
            return 1;
    return 0;
}

/* \s*\S.* : the same, on one line. */
static int quick_phrase(const char *s)
{
    while (xsd_space((unsigned char)*s))
        s++;
    return *s && !strpbrk(s, "\n\r");
}

/* [^\s\-]+-|-[^\s\-]+ */
static int quick_affix(const char *s)
{
    size_t n = strlen(s), i, from, to;

    if (n < 2)
        return 0;
    from = s[0] == '-' ? 1 : 0;
    to = s[0] == '-' ? n : n - 1;
    if (s[0] != '-' && s[n - 1] != '-')
        return 0;
    for (i = from; i < to; i++)
        if (s[i] == '-' || xsd_space((unsigned char)s[i]))
            return 0;
    return 1;
}

enum { Q_ANY, Q_IDENT, Q_LANG, Q_URI, Q_AFFIX, Q_WORDS, Q_NUM };

struct quick_attr {
    const char *attr;
    int type;
    const char *words; /* Q_WORDS: the values */
    int low, max;      /* Q_NUM: the range */
    int required;
};

#define YESNO Q_WORDS, "yes|no", 0, 0
#define LEVEL Q_WORDS, "ok|info|warning|error", 0, 0
static const struct quick_attr rules_attrs[] = {
    {"id", Q_IDENT, NULL, 0, 0, 1},
    {"lang", Q_LANG, NULL, 0, 0, 0},
};
static const struct quick_attr include_attrs[] = {
    {"href", Q_URI, NULL, 0, 0, 1},
};
static const struct quick_attr cue_attrs[] = {
    {"kind", Q_WORDS, "negation|hedge|pseudo|terminator|attribution|hypothetical", 0, 0, 1},
    {"direction", Q_WORDS, "forward|backward|both", 0, 0, 0},
    {"window", Q_NUM, NULL, 0, 100, 0},
    {"before", Q_NUM, NULL, 0, 100, 0},
    {"inflected", YESNO, 0},
    {"scope", Q_WORDS, "window|clause|sentence", 0, 0, 0},
    {"affix", Q_AFFIX, NULL, 0, 0, 0},
};
static const struct quick_attr claim_attrs[] = {
    {"id", Q_IDENT, NULL, 0, 0, 1},
    {"verdict", Q_WORDS, "supported|unsupported|refuted|disputed", 0, 0, 1},
    {"required", YESNO, 0},
    {"stated", LEVEL, 0},
    {"attributed", LEVEL, 0},
    {"hedged", LEVEL, 0},
    {"negated", LEVEL, 0},
    {"unstated", LEVEL, 0},
};
static const struct quick_attr source_attrs[] = {
    {"href", Q_URI, NULL, 0, 0, 0},
};
static const struct quick_attr example_attrs[] = {
    {"status", Q_WORDS, "stated|attributed|hedged|negated|match|none", 0, 0, 1},
};
static const struct quick_attr near_attrs[] = {
    {"window", Q_NUM, NULL, 1, 100, 1},
};
static const struct quick_attr token_attrs[] = {
    {"skip", Q_NUM, NULL, 0, 50, 0},
    {"inflected", YESNO, 0},
    {"regex", YESNO, 0},
    {"case", YESNO, 0},
    {"optional", YESNO, 0},
};
static const struct quick_attr number_attrs[] = {
    {"skip", Q_NUM, NULL, 0, 50, 0},
    {"value", Q_ANY, NULL, 0, 0, 0},
    {"min", Q_ANY, NULL, 0, 0, 0},
    {"max", Q_ANY, NULL, 0, 0, 0},
    {"unit", Q_ANY, NULL, 0, 0, 0},
    {"optional", YESNO, 0},
};
#undef YESNO
#undef LEVEL
#define QUICK(a) a, sizeof a / sizeof a[0]

/* The attributes of element N as SPEC (COUNT of them) has them. */
static int quick_attrs_ok(xmlNodePtr n, const struct quick_attr *spec, size_t count)
{
    size_t k;
    unsigned have = 0;
    xmlAttrPtr a;

    for (a = n->properties; a; a = a->next) {
        const char *v = attr_text(a);
        const struct quick_attr *q = NULL;
        if (!v)
            return 0;
        for (k = 0; k < count && !q; k++)
            if (strcmp(spec[k].attr, (const char *)a->name) == 0)
                q = &spec[k];
        if (!q || (have >> (q - spec)) & 1)
            return 0;
        have |= 1u << (q - spec);
        switch (q->type) {
        case Q_IDENT:
            if (!quick_identifier(v))
                return 0;
            break;
        case Q_LANG:
            if (!quick_language(v))
                return 0;
            break;
        case Q_URI:
            if (!quick_uri(v))
                return 0;
            break;
        case Q_AFFIX:
            if (!quick_affix(v))
                return 0;
            break;
        case Q_WORDS:
            if (!quick_word(v, q->words))
                return 0;
            break;
        case Q_NUM:
            if (!quick_number(v, q->low, q->max))
                return 0;
            break;
        default:
            break;
        }
    }
    for (k = 0; k < count; k++)
        if (spec[k].required && !((have >> k) & 1))
            return 0;
    return 1;
}

/* <token> or <number> */
static int quick_token(xmlNodePtr n)
{
    const char *t;

    if (named(n, "number"))
        return quick_attrs_ok(n, QUICK(number_attrs)) && quick_empty(n);
    if (!named(n, "token") || !quick_attrs_ok(n, QUICK(token_attrs)))
        return 0;
    t = sole_text(n);
    return t && quick_text(t);
}

/* Children of N: one or more <token> or <number>. */
static int quick_tokens(xmlNodePtr n)
{
    int bad = 0, count = 0;
    xmlNodePtr c;

    for (c = next_elem(n->children, &bad); c; c = next_elem(c->next, &bad), count++)
        if (!quick_token(c))
            return 0;
    return count > 0 && !bad;
}

/* An element whose content is the schema's "text", with no attributes. */
static int quick_text_elem(xmlNodePtr n)
{
    const char *t = sole_text(n);

    return !n->properties && t && quick_text(t);
}

static int quick_near(xmlNodePtr n)
{
    return quick_attrs_ok(n, QUICK(near_attrs)) && quick_tokens(n);
}

static int quick_antipattern(xmlNodePtr n)
{
    int bad = 0;
    xmlNodePtr c = next_elem(n->children, &bad);

    if (n->properties || !c)
        return 0;
    if (named(c, "near") || named(c, "regex")) {
        if (!(named(c, "near") ? quick_near(c) : quick_text_elem(c)))
            return 0;
        return !next_elem(c->next, &bad) && !bad;
    }
    return quick_tokens(n);
}

static int quick_claim(xmlNodePtr n)
{
    int bad = 0, messages = 0, matchers = 0;
    xmlNodePtr c = next_elem(n->children, &bad);

    if (!quick_attrs_ok(n, QUICK(claim_attrs)) || !c || !named(c, "title") || !quick_text_elem(c))
        return 0;
    for (c = next_elem(c->next, &bad); c; c = next_elem(c->next, &bad)) {
        int ok;
        if (named(c, "pattern")) {
            ok = !c->properties && quick_tokens(c);
            matchers++;
        } else if (named(c, "near")) {
            ok = quick_near(c);
            matchers++;
        } else if (named(c, "regex")) {
            ok = quick_text_elem(c);
            matchers++;
        } else if (named(c, "message")) {
            ok = quick_text_elem(c) && !messages++;
        } else if (named(c, "source")) {
            ok = quick_attrs_ok(c, QUICK(source_attrs)) && sole_text(c);
        } else if (named(c, "antipattern")) {
            ok = quick_antipattern(c);
        } else if (named(c, "example")) {
            const char *t = sole_text(c);
            ok = quick_attrs_ok(c, QUICK(example_attrs)) && t && quick_text(t);
        } else {
            ok = 0;
        }
        if (!ok)
            return 0;
    }
    return matchers > 0 && !bad;
}

static int quick_cue(xmlNodePtr n)
{
    const char *t = sole_text(n);

    return t && quick_phrase(t) && quick_attrs_ok(n, QUICK(cue_attrs));
}

int cl_rules_conforms(const void *root)
{
    xmlNodePtr n = (xmlNodePtr)root, c;
    int bad = 0;

    if (!n || n->type != XML_ELEMENT_NODE || !in_ns(n) || !named(n, "rules") ||
        !quick_attrs_ok(n, QUICK(rules_attrs)))
        return 0;
    if (n->doc && n->doc->children != n) {
        /* comments or processing instructions around the root: fine, but
         * nothing else */
        for (c = n->doc->children; c; c = c->next)
            if (c != n && c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE)
                return 0;
    }
    for (c = next_elem(n->children, &bad); c; c = next_elem(c->next, &bad)) {
        int ok;
        if (named(c, "claim"))
            ok = quick_claim(c);
        else if (named(c, "cue"))
            ok = quick_cue(c);
        else if (named(c, "include"))
            ok = quick_attrs_ok(c, QUICK(include_attrs)) && quick_empty(c);
        else
            ok = 0;
        if (!ok)
            return 0;
    }
    return !bad;
}

static int load_path(cl_loader *r, const char *path, const char *from, unsigned from_line);

/* Resolve HREF relative to the directory of FILE; malloc'd. The scheme
 * "claimlint:" names a file shipped with claimlint ("claimlint:cues/en.xml"
 * is the standard lexicon), wherever it is installed. */
static char *resolve_href(const char *file, const char *href)
{
    const char *slash = strrchr(file, '/');
    size_t dl = slash ? (size_t)(slash - file) + 1 : 0, hl = strlen(href);
    char *p;

    if (strncmp(href, "claimlint:", 10) == 0)
        return cl_data_path(href + 10);
    if (href[0] == '/')
        return cl_strndup(href, hl);
    p = malloc(dl + hl + 1);
    if (!p)
        return NULL;
    memcpy(p, file, dl);
    memcpy(p + dl, href, hl + 1);
    cl_path_tidy(p);
    return p;
}

static int walk_rules(cl_loader *r, xmlNodePtr root, const char *file)
{
    xmlNodePtr n;
    xmlChar *id = xmlGetProp(root, (const xmlChar *)"id");
    const char *ruleset = id ? cl_arena_strndup(cl_rules_arena(r->rules), (const char *)id,
                                                strlen((const char *)id))
                             : NULL;
    int rc = 0;

    xmlFree(id);
    if (!ruleset)
        return report(r, CL_ENOMEM, file, 0, "out of memory");
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "claim") == 0) {
            if (cl_claim_parse(r->rules, n, file, ruleset) < 0)
                rc = CL_ESCHEMA;
        } else if (strcmp((const char *)n->name, "cue") == 0) {
            if (add_cue(r, n, file) < 0)
                rc = CL_ESCHEMA;
        } else if (strcmp((const char *)n->name, "include") == 0) {
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            char *target = href ? resolve_href(file, (const char *)href) : NULL;
            if (!target && href && strncmp((const char *)href, "claimlint:", 10) == 0) {
                rc = report(r, CL_EIO, file, (unsigned)xmlGetLineNo(n),
                            "cannot include '%s': no such file shipped with claimlint",
                            (const char *)href);
                xmlFree(href);
                continue;
            }
            xmlFree(href);
            if (!target)
                return report(r, CL_ENOMEM, file, 0, "out of memory");
            if (load_path(r, target, file, (unsigned)xmlGetLineNo(n)) < 0)
                rc = CL_ESCHEMA;
            free(target);
        }
    }
    return rc;
}

/* Parse, validate and walk one rule file. */
static int load_file(cl_loader *r, const char *path)
{
    cl_xml x;
    const char *file;
    int rc, errors = cl_rules_errors(r->rules);

    file = cl_arena_strndup(cl_rules_arena(r->rules), path, strlen(path));
    if (!file)
        return report(r, CL_ENOMEM, path, 0, "out of memory");
    cl_xml_init(&x, file, xml_report, r);
    rc = cl_xml_read(&x, path, "a DOCTYPE is not allowed in rule files (entities could read "
                               "files or grow without bound)");
    if (rc == 0 && cl_rules_conforms(cl_xml_root(&x))) {
        x.code = CL_ESCHEMA; /* as after a validation that passed */
    } else if (rc == 0 && (rc = cl_xml_validate(&x, r->schema, 1)) == CL_ESCHEMA) {
        /* not surely valid: the schema decides, and says why */
        explain_invalid(r, x.doc, &x);
        if (cl_rules_errors(r->rules) == errors)
            report(r, CL_ESCHEMA, file, 0, "does not follow the rule-file schema");
    }
    if (rc == 0) {
        /* the handler stays for the walk: libxml2 reports an allocation
         * that fails in xmlGetProp and the like only there, and the value
         * then looks like a missing attribute */
        rc = walk_rules(r, cl_xml_root(&x), file);
        cl_xml_handle(&x); /* an include's load replaced it */
        if (x.nomem)
            rc = CL_ENOMEM;
    }
    cl_xml_done(&x);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.xml file below the directory PATH, in name order. */
static int load_dir(cl_loader *r, const char *path)
{
    DIR *d = opendir(path);
    struct dirent *de;
    char **names = NULL, **grown;
    size_t n = 0, cap = 0, i, len;
    int rc = 0;

    if (!d)
        return report(r, CL_EIO, path, 0, "cannot open directory: %s", strerror(errno));
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                rc = report(r, CL_ENOMEM, path, 0, "out of memory");
                goto cleanup;
            }
            names = grown;
        }
        len = strlen(path) + strlen(de->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = report(r, CL_ENOMEM, path, 0, "out of memory");
            goto cleanup;
        }
        snprintf(names[n++], len, "%s/%s", path, de->d_name);
    }
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++) {
        struct stat st;
        size_t l = strlen(names[i]);
        if (stat(names[i], &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) || (l > 4 && strcmp(names[i] + l - 4, ".xml") == 0))
            if (load_path(r, names[i], NULL, 0) < 0)
                rc = CL_ESCHEMA;
    }
cleanup:
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

/* Whether the real path PATH is DIR or below it. */
static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    if (!n)
        return 0;
    if (strcmp(dir, "/") == 0)
        return 1;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The resolved directory of the shipped rule files ("" when unknown, NULL
 * when out of memory). */
static const char *data_root(cl_loader *r)
{
    char *p, *slash;

    if (r->datadir[0])
        return r->datadir;
    if ((p = cl_data_path("claimlint.rng")) != NULL) {
        if ((slash = strrchr(p, '/')))
            *slash = '\0';
        if (!realpath(p, r->datadir))
            r->datadir[0] = '\0';
        free(p);
        if (!r->datadir[0] && errno == ENOMEM)
            return NULL;
    } else if (cl_error_last() && cl_error_last()->code == CL_ENOMEM) {
        return NULL;
    }
    return r->datadir;
}

static int load_path(cl_loader *r, const char *path, const char *from, unsigned from_line)
{
    char real[PATH_MAX];
    struct stat st;
    size_t i;
    int rc;

    if (cl_rules_compiled(r->rules))
        return cl_error_set(CL_EINVAL, path, 0, 0, "rules are already compiled");
    if (stat(path, &st) != 0 || !realpath(path, real)) {
        if (from)
            return report(r, CL_EIO, from, from_line, "cannot include '%s': %s", path,
                          strerror(errno));
        return report(r, CL_EIO, path, 0, "cannot open: %s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        if (from)
            return report(r, CL_EIO, from, from_line, "cannot include '%s': is a directory",
                          path);
        if (!r->root[0] || !inside(real, r->root)) {
            char saved[PATH_MAX];
            snprintf(saved, sizeof saved, "%s", r->root);
            snprintf(r->root, sizeof r->root, "%s", real);
            snprintf(r->root_shown, sizeof r->root_shown, "%s", path);
            rc = load_dir(r, path);
            snprintf(r->root, sizeof r->root, "%s", saved);
            return rc;
        }
        return load_dir(r, path);
    }
    if (from && !r->allow_outside && !inside(real, r->root) && !data_root(r))
        return report(r, CL_ENOMEM, from, from_line, "out of memory");
    if (from && !r->allow_outside && !inside(real, r->root) && !inside(real, data_root(r)))
        return report(r, CL_ESCHEMA, from, from_line,
                      "cannot include '%s': it is outside the rule tree %s (an include may "
                      "name files below the directory of the rule file given, or shipped "
                      "files as claimlint:NAME; --allow-outside-includes lifts this)",
                      path, r->root_shown);
    for (i = 0; i < r->depth; i++)
        if (strcmp(r->stack[i], real) == 0)
            return report(r, CL_ESCHEMA, from, from_line,
                          "include cycle: '%s' is already being loaded (it includes this file)",
                          path);
    for (i = 0; i < r->nloaded; i++)
        if (strcmp(r->loaded[i], real) == 0)
            return 0; /* read once */
    if (r->depth == sizeof r->stack / sizeof r->stack[0])
        return report(r, CL_ESCHEMA, from, from_line, "includes nested too deeply");
    if ((rc = load_schema(r)) < 0)
        return rc;
    {
        char **grown = realloc(r->loaded, (r->nloaded + 1) * sizeof *grown);
        if (!grown || !(grown[r->nloaded] = cl_strndup(real, strlen(real)))) {
            if (grown)
                r->loaded = grown;
            return report(r, CL_ENOMEM, path, 0, "out of memory");
        }
        r->loaded = grown;
        r->nloaded++;
    }
    r->stack[r->depth++] = r->loaded[r->nloaded - 1];
    if (!from && !r->root[0]) {
        /* a file given to load: its directory is the rule tree */
        char *slash;
        snprintf(r->root, sizeof r->root, "%s", real);
        slash = strrchr(r->root, '/');
        if (slash)
            *(slash == r->root ? slash + 1 : slash) = '\0';
        snprintf(r->root_shown, sizeof r->root_shown, "%s", path);
        slash = strrchr(r->root_shown, '/');
        if (slash)
            *(slash == r->root_shown ? slash + 1 : slash) = '\0';
        else
            strcpy(r->root_shown, ".");
        rc = load_file(r, path);
        r->root[0] = '\0';
    } else {
        rc = load_file(r, path);
    }
    r->depth--;
    return rc;
}

int cl_rules_load(cl_rules *rules, const char *path)
{
    cl_loader *r = loader_of(rules);
    int errors = cl_rules_errors(rules);
    int rc;

    if (!r)
        return cl_rules_report(rules, CL_ENOMEM, path, 0, 0, "out of memory");
    if ((rc = load_path(r, path, NULL, 0)) < 0)

        return rc;
    return cl_rules_errors(rules) > errors ? CL_ESCHEMA : 0;
}

int cl_rules_load_default(cl_rules *r)
{
    char *path = cl_data_path("cues/en.xml");
    int rc;

    if (!path)
        return cl_rules_report_last(r, CL_EIO, "cues/en.xml");
    rc = cl_rules_load(r, path);
    free(path);
    return rc;
}


/* The prefilter of R's claims, with the words of R's attribution cues. */
static int build_prefilter(cl_rules *r)
{
    size_t n, i, k, nattr = 0, ncues = cl_rules_cue_count(r);
    cl_claim_impl *const *claims = cl_rules_claims(r, &n);
    uint32_t *attr;
    int rc;

    /* each word of a cue must be there: the first CL_ATTR_WORDS will do */
    for (i = 0; i < ncues; i++) {
        const cl_cue_entry *e = cl_rules_entry(r, (uint32_t)i);
        if (e->def.kind == CL_CUE_ATTRIBUTION)
            nattr += 1 + (e->nwords < CL_ATTR_WORDS ? e->nwords : CL_ATTR_WORDS);
    }
    if (!(attr = malloc((nattr + 1) * sizeof *attr)))
        return cl_nomem(NULL);
    nattr = 0;
    for (i = 0; i < ncues; i++) {
        const cl_cue_entry *e = cl_rules_entry(r, (uint32_t)i);
        size_t nw = e->nwords < CL_ATTR_WORDS ? e->nwords : CL_ATTR_WORDS;
        if (e->def.kind != CL_CUE_ATTRIBUTION || !nw)
            continue;
        attr[nattr++] = (uint32_t)nw | (e->def.inflected ? CL_ATTR_INFLECTED : 0);
        for (k = 0; k < nw; k++)
            attr[nattr++] = e->word_ids[k];
    }
    attr[nattr] = 0;
    rc = cl_claim_index_build(cl_rules_claim_index_mut(r), cl_rules_arena(r), claims, n, attr);
    free(attr);
    return rc;
}

int cl_rules_compile(cl_rules *r)
{
    cl_stemmer *st = NULL;
    int rc;

    if (cl_rules_compiled(r))
        return 0;
    if (cl_rules_errors(r))
        return CL_ESCHEMA;
    if (cl_rules_cue_count(r) == 0 && (rc = cl_rules_load_default(r)) < 0)
        return rc;
    if ((rc = cl_stemmer_new(&st)) < 0)
        return rc;
    rc = cl_rules_index_words(r, st);
    if (rc == 0)
        rc = cl_claims_compile(r, st);
    cl_stemmer_free(st);
    if (rc == 0 && !cl_rules_errors(r))
        rc = build_prefilter(r);
    if (rc < 0)
        return rc;
    if ((rc = cl_rules_load_abbrevs(r)) < 0)
        return rc;
    if (cl_rules_errors(r))
        return CL_ESCHEMA;
    if ((rc = cl_rules_index_cues(r)) < 0)
        return rc;
    cl_rules_set_loader(r, NULL, NULL); /* loading is over: frees the loader */
    return 0;
}
