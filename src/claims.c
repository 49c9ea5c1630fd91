/* claims.c - read <claim> elements into compiled claims: token patterns,
 * PCRE2 regexes (UTF mode, JIT), antipatterns, examples, sources, and the
 * severity of each status after the policy and the claim's overrides.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"

static const char *const verdict_names[] = {"supported", "unsupported", "refuted", "disputed"};
static const char *const status_names[] = {"stated", "attributed", "hedged", "negated",
                                             "unstated", "none", "match"};
static const char *const level_names[] = {"ok", "info", "warning", "error"};

const char *cl_verdict_name(cl_verdict v)
{
    return (unsigned)v < 4 ? verdict_names[v] : "?";
}

const char *cl_status_name(cl_status s)
{
    return (unsigned)s < 7 ? status_names[s] : "?";
}

const char *cl_level_name(cl_level l)
{
    return (unsigned)l < 4 ? level_names[l] : "?";
}

int cl_level_parse(const char *name)
{
    int i;

    for (i = 0; i < 4; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

static int name_index(const char *const *names, int n, const char *v)
{
    int i;

    for (i = 0; v && i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return i;
    return -1;
}

cl_level cl_policy_default(cl_verdict verdict, cl_status status, int required)
{
    /* rows: verdict; columns: stated, attributed, hedged, negated,
     * unstated. A refuted claim repeated without a word that it is false
     * is a warning; an unsupported one an info. */
#define OK CL_LEVEL_OK
#define IN CL_LEVEL_INFO
#define WA CL_LEVEL_WARNING
#define ER CL_LEVEL_ERROR
    static const cl_level table[4][5] = {
        {OK, OK, IN, ER, OK}, /* supported */
        {ER, IN, WA, OK, OK}, /* unsupported */
        {ER, WA, ER, OK, OK}, /* refuted */
        {WA, OK, OK, WA, OK}, /* disputed */
    };
#undef OK
#undef IN
#undef WA
#undef ER

    if ((unsigned)verdict > 3 || (unsigned)status > CL_STATUS_UNSTATED)
        return CL_LEVEL_OK;
    if (status == CL_STATUS_UNSTATED && required)
        return CL_LEVEL_ERROR;
    return table[verdict][status];
}

/* ---- parsing helpers ------------------------------------------------------ */

struct ctx {
    cl_rules *r;
    const char *file;
    cl_arena *arena;
    int errors;
    int nomem; /* an attribute could not be read: not the same as missing */
};

static int err(struct ctx *c, unsigned line, const char *fmt, ...) CL_PRINTF(3, 4);

static int err(struct ctx *c, unsigned line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->errors++;
    return cl_rules_report(c->r, CL_ESCHEMA, c->file, line, 0, "%s", msg);
}

static char *text_of(struct ctx *c, xmlNodePtr n)
{
    return cl_xml_text(c->arena, n);
}

/* The attribute NAME of N, or NULL when it has none; one that could not be
 * read for want of memory is remembered in C (and the claim fails). */
static char *prop(struct ctx *c, xmlNodePtr n, const char *name)
{
    char *v;

    if (cl_xml_prop(c->arena, n, name, &v) < 0)
        c->nomem = 1;
    return v;
}

static int yes(struct ctx *c, xmlNodePtr n, const char *name)
{
    char *v = prop(c, n, name);

    return v && strcmp(v, "yes") == 0;
}

/* Compile SRC with PCRE2 (UTF, JIT when available); errors name the line
 * and PCRE2's message and offset. */
static pcre2_code *compile_re(struct ctx *c, const char *src, uint32_t extra, unsigned line)
{
    int errcode;
    PCRE2_SIZE off;
    pcre2_code *re;
    PCRE2_UCHAR msg[256];

    re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP | extra, &errcode, &off,
                       NULL);
    if (!re) {
        pcre2_get_error_message(errcode, msg, sizeof msg);
        err(c, line, "bad regex '%s': %s at offset %zu", src, (const char *)msg, (size_t)off);
        return NULL;
    }
    /* JIT is an optimisation: without it (an unsupported CPU, or
     * CLAIMLINT_NO_JIT set, as under valgrind, which cannot follow JIT
     * code) matching works the same, only slower */
    if (!getenv("CLAIMLINT_NO_JIT"))
        (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* The folded form of S when it is a clitic the tokenizer splits off a
 * word ("'s", "'M", "n't", with a straight or curly apostrophe), else
 * NULL. */
static const char *clitic_fold(const char *s)
{
    static const char *const clitics[] = {"'s", "'m", "'re", "'ve", "'ll", "'d", "n't", NULL};
    char buf[8];
    size_t i = 0;
    const char *const *c;

    for (; *s && i + 1 < sizeof buf; s++) {
        if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
            (unsigned char)s[2] == 0x99) {
            buf[i++] = '\'';
            s += 2;
        } else {
            buf[i++] = (char)((*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s);
        }
    }
    if (*s)
        return NULL;
    buf[i] = '\0';
    for (c = clitics; *c; c++)
        if (strcmp(buf, *c) == 0)
            return *c;
    return NULL;
}

/* Say that token alternative P splits into the tokens TV, and how. */
static void split_error(struct ctx *c, unsigned line, const char *p, const cl_tokvec *tv)
{
    char parts[512];
    size_t i, len = 0;

    parts[0] = '\0';
    for (i = 0; i < tv->n && len + 8 < sizeof parts; i++)
        len += (size_t)snprintf(parts + len, sizeof parts - len, "%s'%.*s'", i ? " " : "",
                                (int)(tv->v[i].end - tv->v[i].start), p + tv->v[i].start);
    err(c, line,
        "token alternative '%s' is %zu tokens (%s), and a <token> matches one: write a "
        "<token> for each, or a <regex>",
        p, tv->n, parts);
}

/* Fill T from a <token> element. */
static int parse_token(struct ctx *c, xmlNodePtr n, cl_tokspec *t)
{
    unsigned line = (unsigned)xmlGetLineNo(n);
    char *text = text_of(c, n), *skip = prop(c, n, "skip"), *p, *bar, *written;
    const char *clitic;
    cl_tokvec tv = {0};
    uint32_t k, count;

    memset(t, 0, sizeof *t);
    if (!text)
        return cl_nomem(NULL);
    t->skip = skip ? (unsigned)strtoul(skip, NULL, 10) : 0;
    t->inflected = (unsigned char)yes(c, n, "inflected");
    t->casesens = (unsigned char)yes(c, n, "case");
    t->optional = (unsigned char)yes(c, n, "optional");
    if (yes(c, n, "regex")) {
        size_t len = strlen(text) + 8;
        char *src = cl_arena_alloc(c->arena, len);
        if (!src)
            return cl_nomem(NULL);
        snprintf(src, len, "(?:%s)", text);
        t->re = compile_re(c, src,
                           PCRE2_ANCHORED | PCRE2_ENDANCHORED | (t->casesens ? 0 : PCRE2_CASELESS),
                           line);
        return t->re ? 0 : CL_ESCHEMA;
    }
    written = cl_arena_strndup(c->arena, text, strlen(text)); /* for messages */
    if (!written)
        return cl_nomem(NULL);
    for (count = 1, p = text; *p; p++)
        count += *p == '|';
    t->alts = cl_arena_alloc(c->arena, count * sizeof *t->alts);
    if (!t->alts)
        return cl_nomem(NULL);
    for (p = text, k = 0; p; p = bar ? bar + 1 : NULL) {
        bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        while (*p == ' ')
            p++;
        if (!*p) {
            err(c, line, "empty alternative in <token>%s</token>", written);
            continue;
        }
        if (cl_tokenize(c->arena, p, strlen(p), &tv) < 0) {
            cl_tokvec_free(&tv);
            return cl_nomem(NULL);
        }
        if (tv.n != 1 && (clitic = clitic_fold(p)) != NULL) {
            /* "'s" alone reads as a quotation mark and a word, but in text
             * it is the one token split off "Rubio's" */
            t->alts[k++] = clitic;
            continue;
        }
        if (tv.n != 1) {
            split_error(c, line, p, &tv);
            continue;
        }
        t->alts[k] = t->casesens ? cl_arena_strndup(c->arena, p + tv.v[0].start,
                                                    tv.v[0].end - tv.v[0].start)
                                 : tv.v[0].fold;
        if (!t->alts[k++]) {
            cl_tokvec_free(&tv);
            return cl_nomem(NULL);
        }
    }
    cl_tokvec_free(&tv);
    t->nalts = k;
    return k == count ? 0 : CL_ESCHEMA;
}

/* A decimal number of a <number> attribute into *V: 1, 0 when absent, -1
 * (reported) when it is not a finite number. */
static int num_attr(struct ctx *c, xmlNodePtr n, const char *name, unsigned line, double *v)
{
    char *s = prop(c, n, name), *end;

    if (!s)
        return 0;
    *v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end || *v != *v || *v > 1e300 || *v < -1e300) {
        err(c, line, "<number>: %s '%s' is not a number (write digits, with a '.' for "
                     "decimals: 95500, 13.8)", name, s);
        return -1;
    }
    return 1;
}

/* Fill T from a <number> element. */
static int parse_number(struct ctx *c, xmlNodePtr n, cl_tokspec *t)
{
    unsigned line = (unsigned)xmlGetLineNo(n);
    cl_numspec *ns = cl_arena_alloc(c->arena, sizeof *ns);
    char *skip = prop(c, n, "skip"), *unit = prop(c, n, "unit");
    int a, b, v;

    memset(t, 0, sizeof *t);
    if (!ns)
        return cl_nomem(NULL);
    memset(ns, 0, sizeof *ns);
    t->num = ns;
    t->skip = skip ? (unsigned)strtoul(skip, NULL, 10) : 0;
    t->optional = (unsigned char)yes(c, n, "optional");
    v = num_attr(c, n, "value", line, &ns->value);
    a = num_attr(c, n, "min", line, &ns->min);
    b = num_attr(c, n, "max", line, &ns->max);
    if (v < 0 || a < 0 || b < 0)
        return CL_ESCHEMA;
    ns->has_value = v;
    ns->has_min = a;
    ns->has_max = b;
    if (a && b && ns->min > ns->max)
        return err(c, line, "<number>: min %g is above max %g", ns->min, ns->max);
    if (v && (a || b))
        return err(c, line, "<number>: give a value, or a min and a max, not both");
    if (unit && cl_number_unit(unit, ns->unit) < 0)
        return err(c, line,
                   "<number>: unknown unit '%s' (known: %% or percent; USD or $, GBP or £, "
                   "EUR or €, JPY or ¥, CHF, CAD, AUD, NZD, INR, CNY)",
                   unit);
    return 0;
}

/* Fill P from the <token> children of N. */
static int parse_tokens(struct ctx *c, xmlNodePtr n, cl_pattern *p)
{
    xmlNodePtr k;
    uint32_t count = 0, optional = 0;
    int rc = 0;

    p->line = (unsigned)xmlGetLineNo(n);
    for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && (strcmp((const char *)k->name, "token") == 0 ||
                                            strcmp((const char *)k->name, "number") == 0))
            count++;
    p->toks = cl_arena_alloc(c->arena, (count ? count : 1) * sizeof *p->toks);
    if (!p->toks)
        return cl_nomem(NULL);
    for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && (strcmp((const char *)k->name, "token") == 0 ||
                                            strcmp((const char *)k->name, "number") == 0)) {
            int trc = strcmp((const char *)k->name, "number") == 0
                          ? parse_number(c, k, &p->toks[p->ntoks])
                          : parse_token(c, k, &p->toks[p->ntoks]);
            if (trc == CL_ENOMEM)
                return cl_nomem(NULL);
            if (trc < 0)
                rc = CL_ESCHEMA;
            if (p->toks[p->ntoks].optional)
                optional++;
            p->ntoks++;
        }
    if (strcmp((const char *)n->name, "near") == 0) {
        char *w = prop(c, n, "window");
        p->near = 1;
        p->window = w ? (unsigned)strtoul(w, NULL, 10) : 0;
    }
    if (p->ntoks && optional == p->ntoks)
        return err(c, p->line, "every <token> of this <%s> is optional: it would match anything",
                   (const char *)n->name);
    return rc;
}

/* The pattern or <near> element that stands for antipattern N. */
static xmlNodePtr antipattern_body(xmlNodePtr n)
{
    xmlNodePtr k;

    for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "near") == 0)
            return k;
    return n;
}

static int count_children(xmlNodePtr n, const char *name)
{
    int count = 0;

    for (n = n->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            count++;
    return count;
}

static void *alloc_n(struct ctx *c, size_t n, size_t size)
{
    void *p = cl_arena_alloc(c->arena, (n ? n : 1) * size);

    if (p)
        memset(p, 0, (n ? n : 1) * size);
    return p;
}

/* Patterns, regexes and antipatterns of claim element N. */
static int parse_matchers(struct ctx *c, xmlNodePtr n, cl_claim_impl *ci)
{
    xmlNodePtr k, a;
    int nanti = count_children(n, "antipattern");

    ci->patterns = alloc_n(c, (size_t)(count_children(n, "pattern") + count_children(n, "near")),
                           sizeof *ci->patterns);
    ci->regexes = alloc_n(c, (size_t)count_children(n, "regex"), sizeof *ci->regexes);
    ci->antipatterns = alloc_n(c, (size_t)nanti, sizeof *ci->antipatterns);
    ci->antiregexes = alloc_n(c, (size_t)nanti, sizeof *ci->antiregexes);
    if (!ci->patterns || !ci->regexes || !ci->antipatterns || !ci->antiregexes)
        return cl_nomem(NULL);
    for (k = n->children; k; k = k->next) {
        const char *name = (const char *)k->name;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(name, "pattern") == 0 || strcmp(name, "near") == 0) {
            if (parse_tokens(c, k, &ci->patterns[ci->npatterns++]) == CL_ENOMEM)
                return cl_nomem(NULL);
        } else if (strcmp(name, "regex") == 0) {
            cl_regex *re = &ci->regexes[ci->nregexes];
            re->line = (unsigned)xmlGetLineNo(k);
            re->source = text_of(c, k);
            if (re->source && (re->code = compile_re(c, re->source, 0, re->line)))
                ci->nregexes++;
        } else if (strcmp(name, "antipattern") == 0) {
            a = NULL;
            for (a = k->children; a && a->type != XML_ELEMENT_NODE; a = a->next)
                ;
            if (a && strcmp((const char *)a->name, "regex") == 0) {
                cl_regex *re = &ci->antiregexes[ci->nantiregexes];
                re->line = (unsigned)xmlGetLineNo(a);
                re->source = text_of(c, a);
                if (re->source && (re->code = compile_re(c, re->source, 0, re->line)))
                    ci->nantiregexes++;
            } else if (parse_tokens(c, antipattern_body(k),
                                    &ci->antipatterns[ci->nantipatterns++]) == CL_ENOMEM) {
                return cl_nomem(NULL);
            }
        }
    }
    return 0;
}

/* Sources and examples of claim element N. */
static int parse_texts(struct ctx *c, xmlNodePtr n, cl_claim_impl *ci)
{
    cl_source *src = alloc_n(c, (size_t)count_children(n, "source"), sizeof *src);
    cl_example *ex = alloc_n(c, (size_t)count_children(n, "example"), sizeof *ex);
    xmlNodePtr k;

    if (!src || !ex)
        return cl_nomem(NULL);
    ci->pub.sources = src;
    ci->pub.examples = ex;
    for (k = n->children; k; k = k->next) {
        const char *name = (const char *)k->name;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        /* cl_xml_text returns NULL only when out of memory */
        if (strcmp(name, "title") == 0) {
            if (!(ci->pub.title = text_of(c, k)))
                return cl_nomem(NULL);
        } else if (strcmp(name, "message") == 0) {
            if (!(ci->pub.message = text_of(c, k)))
                return cl_nomem(NULL);
        } else if (strcmp(name, "source") == 0) {
            src[ci->pub.nsources].href = prop(c, k, "href");
            if (!(src[ci->pub.nsources++].text = text_of(c, k)))
                return cl_nomem(NULL);
        } else if (strcmp(name, "example") == 0) {
            char *st = prop(c, k, "status");
            int i = name_index(status_names, 7, st);
            ex[ci->pub.nexamples].status = i == CL_STATUS_UNSTATED || i < 0 ? CL_STATUS_NONE
                                                                           : (cl_status)i;
            if (!(ex[ci->pub.nexamples].text = text_of(c, k)))
                return cl_nomem(NULL);
            ex[ci->pub.nexamples++].line = (unsigned)xmlGetLineNo(k);
        }
    }
    return 0;
}

int cl_claim_parse(cl_rules *r, void *node, const char *file, const char *ruleset)
{
    xmlNodePtr n = node;
    struct ctx c = {r, file, cl_rules_arena(r), 0, 0};
    cl_claim_impl *ci = cl_rules_new_claim(r);
    char *v, *full;
    size_t len;
    int s, lv;

    if (!ci)
        return cl_rules_report(r, CL_ENOMEM, file, 0, 0, "out of memory");
    ci->pub.file = file;
    ci->pub.line = (unsigned)xmlGetLineNo(n);
    ci->pub.ruleset = ruleset;
    ci->pub.local_id = prop(&c, n, "id");
    if (!ci->pub.local_id)
        return cl_rules_report(r, CL_ENOMEM, file, 0, 0, "out of memory");
    len = strlen(ruleset) + strlen(ci->pub.local_id) + 2;
    if (!(full = cl_arena_alloc(c.arena, len)))
        return cl_rules_report(r, CL_ENOMEM, file, 0, 0, "out of memory");
    snprintf(full, len, "%s.%s", ruleset, ci->pub.local_id);
    ci->pub.id = full;
    v = prop(&c, n, "verdict");
    ci->pub.verdict = (cl_verdict)(name_index(verdict_names, 4, v) < 0 ? 0
                                                                      : name_index(verdict_names, 4, v));
    ci->pub.required = yes(&c, n, "required");
    for (s = 0; s <= CL_STATUS_UNSTATED; s++) {
        ci->pub.levels[s] = cl_policy_default(ci->pub.verdict, (cl_status)s, ci->pub.required);
        v = prop(&c, n, status_names[s]);
        if (v && (lv = cl_level_parse(v)) >= 0)
            ci->pub.levels[s] = (cl_level)lv;
    }
    if (parse_texts(&c, n, ci) < 0 || parse_matchers(&c, n, ci) < 0 || c.nomem)
        return cl_rules_report(r, CL_ENOMEM, file, 0, 0, "out of memory");
    if (!ci->pub.title)
        ci->pub.title = ci->pub.local_id;
    return c.errors ? CL_ESCHEMA : 0;
}

static int stem_pattern(cl_rules *r, cl_stemmer *st, cl_pattern *p)
{
    uint32_t k, a;

    for (k = 0; k < p->ntoks; k++) {
        if (!p->toks[k].inflected || p->toks[k].re)
            continue;
        cl_rules_set_need_stems(r);
        for (a = 0; a < p->toks[k].nalts; a++)
            if (!(p->toks[k].alts[a] = cl_stem(st, cl_rules_arena(r), p->toks[k].alts[a])))
                return cl_nomem(NULL);
    }
    return 0;
}

struct id_item {
    const cl_claim *claim;
    size_t order; /* load order: the first declaration wins */
};

static int by_id(const void *a, const void *b)
{
    const struct id_item *x = a, *y = b;
    int c = strcmp(x->claim->id, y->claim->id);

    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

int cl_claims_compile(cl_rules *r, cl_stemmer *st)
{
    size_t n = cl_rules_claim_count_internal(r), i;
    struct id_item *sorted;
    uint32_t k;
    int rc = 0;

    for (i = 0; i < n; i++) {
        cl_claim_impl *ci = (cl_claim_impl *)cl_rules_claim_impl(r, i);
        for (k = 0; k < ci->npatterns; k++)
            if (stem_pattern(r, st, &ci->patterns[k]) < 0)
                return cl_nomem(NULL);
        for (k = 0; k < ci->nantipatterns; k++)
            if (stem_pattern(r, st, &ci->antipatterns[k]) < 0)
                return cl_nomem(NULL);
    }
    /* duplicate ids: sort by id and compare neighbours */
    if (n < 2)
        return 0;
    if (!(sorted = malloc(n * sizeof *sorted)))
        return cl_nomem(NULL);
    for (i = 0; i < n; i++) {
        sorted[i].claim = &cl_rules_claim_impl(r, i)->pub;
        sorted[i].order = i;
    }
    qsort(sorted, n, sizeof *sorted, by_id);
    for (i = 1; i < n; i++) {
        const cl_claim *c = sorted[i].claim, *first = sorted[i - 1].claim;
        if (strcmp(c->id, first->id) == 0)
            rc = cl_rules_report(r, CL_ESCHEMA, c->file, c->line, 0,
                                 "duplicate claim id '%s' (first declared at %s:%u)", c->id,
                                 first->file, first->line);
    }
    free(sorted);
    return rc;
}
