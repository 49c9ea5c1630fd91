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
                                             "unstated", "none"};
static const char *const level_names[] = {"ok", "info", "warning", "error"};

const char *cl_verdict_name(cl_verdict v)
{
    return (unsigned)v < 4 ? verdict_names[v] : "?";
}

const char *cl_status_name(cl_status s)
{
    return (unsigned)s < 6 ? status_names[s] : "?";
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

void cl_claim_free_codes(cl_claim_impl *c)
{
    uint32_t i, k;

    for (i = 0; i < c->nregexes; i++)
        pcre2_code_free(c->regexes[i].code);
    for (i = 0; i < c->nantiregexes; i++)
        pcre2_code_free(c->antiregexes[i].code);
    for (i = 0; i < c->npatterns; i++)
        for (k = 0; k < c->patterns[i].ntoks; k++)
            pcre2_code_free(c->patterns[i].toks[k].re);
    for (i = 0; i < c->nantipatterns; i++)
        for (k = 0; k < c->antipatterns[i].ntoks; k++)
            pcre2_code_free(c->antipatterns[i].toks[k].re);
}

/* ---- parsing helpers ------------------------------------------------------ */

struct ctx {
    cl_rules *r;
    const char *file;
    cl_arena *arena;
    int errors;
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

static char *prop(struct ctx *c, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s;

    if (!v)
        return NULL;
    s = cl_arena_strndup(c->arena, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return s;
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

/* Fill T from a <token> element. */
static int parse_token(struct ctx *c, xmlNodePtr n, cl_tokspec *t)
{
    unsigned line = (unsigned)xmlGetLineNo(n);
    char *text = text_of(c, n), *skip = prop(c, n, "skip"), *p, *bar, *written;
    cl_tokvec tv = {0};
    uint32_t k, count;

    memset(t, 0, sizeof *t);
    if (!text)
        return CL_ENOMEM;
    t->skip = skip ? (unsigned)strtoul(skip, NULL, 10) : 0;
    t->inflected = (unsigned char)yes(c, n, "inflected");
    t->casesens = (unsigned char)yes(c, n, "case");
    if (yes(c, n, "regex")) {
        size_t len = strlen(text) + 8;
        char *src = cl_arena_alloc(c->arena, len);
        if (!src)
            return CL_ENOMEM;
        snprintf(src, len, "(?:%s)", text);
        t->re = compile_re(c, src,
                           PCRE2_ANCHORED | PCRE2_ENDANCHORED | (t->casesens ? 0 : PCRE2_CASELESS),
                           line);
        return t->re ? 0 : CL_ESCHEMA;
    }
    written = cl_arena_strndup(c->arena, text, strlen(text)); /* for messages */
    if (!written)
        return CL_ENOMEM;
    for (count = 1, p = text; *p; p++)
        count += *p == '|';
    t->alts = cl_arena_alloc(c->arena, count * sizeof *t->alts);
    if (!t->alts)
        return CL_ENOMEM;
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
            return CL_ENOMEM;
        }
        if (tv.n != 1) {
            err(c, line,
                "token alternative '%s' is %zu tokens; a <token> matches one token "
                "(write one <token> per token, or use <regex>)",
                p, tv.n);
            continue;
        }
        t->alts[k] = t->casesens ? cl_arena_strndup(c->arena, p + tv.v[0].start,
                                                    tv.v[0].end - tv.v[0].start)
                                 : tv.v[0].fold;
        if (!t->alts[k++]) {
            cl_tokvec_free(&tv);
            return CL_ENOMEM;
        }
    }
    cl_tokvec_free(&tv);
    t->nalts = k;
    return k == count ? 0 : CL_ESCHEMA;
}

/* Fill P from the <token> children of N. */
static int parse_tokens(struct ctx *c, xmlNodePtr n, cl_pattern *p)
{
    xmlNodePtr k;
    uint32_t count = 0;
    int rc = 0;

    p->line = (unsigned)xmlGetLineNo(n);
    for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "token") == 0)
            count++;
    p->toks = cl_arena_alloc(c->arena, (count ? count : 1) * sizeof *p->toks);
    if (!p->toks)
        return CL_ENOMEM;
    for (k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "token") == 0) {
            int trc = parse_token(c, k, &p->toks[p->ntoks]);
            if (trc == CL_ENOMEM)
                return CL_ENOMEM;
            if (trc < 0)
                rc = CL_ESCHEMA;
            p->ntoks++;
        }
    return rc;
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

    ci->patterns = alloc_n(c, (size_t)count_children(n, "pattern"), sizeof *ci->patterns);
    ci->regexes = alloc_n(c, (size_t)count_children(n, "regex"), sizeof *ci->regexes);
    ci->antipatterns = alloc_n(c, (size_t)nanti, sizeof *ci->antipatterns);
    ci->antiregexes = alloc_n(c, (size_t)nanti, sizeof *ci->antiregexes);
    if (!ci->patterns || !ci->regexes || !ci->antipatterns || !ci->antiregexes)
        return CL_ENOMEM;
    for (k = n->children; k; k = k->next) {
        const char *name = (const char *)k->name;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(name, "pattern") == 0) {
            if (parse_tokens(c, k, &ci->patterns[ci->npatterns++]) == CL_ENOMEM)
                return CL_ENOMEM;
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
            } else if (parse_tokens(c, k, &ci->antipatterns[ci->nantipatterns++]) ==
                       CL_ENOMEM) {
                return CL_ENOMEM;
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
        return CL_ENOMEM;
    ci->pub.sources = src;
    ci->pub.examples = ex;
    for (k = n->children; k; k = k->next) {
        const char *name = (const char *)k->name;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        /* cl_xml_text returns NULL only when out of memory */
        if (strcmp(name, "title") == 0) {
            if (!(ci->pub.title = text_of(c, k)))
                return CL_ENOMEM;
        } else if (strcmp(name, "message") == 0) {
            if (!(ci->pub.message = text_of(c, k)))
                return CL_ENOMEM;
        } else if (strcmp(name, "source") == 0) {
            src[ci->pub.nsources].href = prop(c, k, "href");
            if (!(src[ci->pub.nsources++].text = text_of(c, k)))
                return CL_ENOMEM;
        } else if (strcmp(name, "example") == 0) {
            char *st = prop(c, k, "status");
            int i = name_index(status_names, 6, st);
            ex[ci->pub.nexamples].status = i == CL_STATUS_UNSTATED || i < 0 ? CL_STATUS_NONE
                                                                           : (cl_status)i;
            if (!(ex[ci->pub.nexamples].text = text_of(c, k)))
                return CL_ENOMEM;
            ex[ci->pub.nexamples++].line = (unsigned)xmlGetLineNo(k);
        }
    }
    return 0;
}

int cl_claim_parse(cl_rules *r, void *node, const char *file, const char *ruleset)
{
    xmlNodePtr n = node;
    struct ctx c = {r, file, cl_rules_arena(r), 0};
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
    if (parse_texts(&c, n, ci) < 0 || parse_matchers(&c, n, ci) < 0)
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
                return CL_ENOMEM;
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
                return CL_ENOMEM;
        for (k = 0; k < ci->nantipatterns; k++)
            if (stem_pattern(r, st, &ci->antipatterns[k]) < 0)
                return CL_ENOMEM;
    }
    /* duplicate ids: sort by id and compare neighbours */
    if (n < 2)
        return 0;
    if (!(sorted = malloc(n * sizeof *sorted)))
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
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

/* ---- the prefilter ---------------------------------------------------------- */

/* Skip a quantifier at *P, if any: sets *MIN_ZERO when it allows no
 * occurrence. Returns 1 when there was one, 0 when not, -1 for a brace
 * that is not clearly a quantifier (its meaning depends on the PCRE2
 * version). */
static int skip_quantifier(const char **p, int *min_zero)
{
    const char *q = *p;

    *min_zero = 0;
    if (*q == '?' || *q == '*') {
        *min_zero = 1;
        q++;
    } else if (*q == '+') {
        q++;
    } else if (*q == '{') {
        const char *d = q + 1;
        size_t lead = 0;
        while (*d >= '0' && *d <= '9') {
            d++;
            lead++;
        }
        if (*d == ',')
            for (d++; *d >= '0' && *d <= '9'; d++)
                ;
        if (*d != '}' || !lead)
            return -1;
        *min_zero = q[1] == '0' && lead == 1;
        for (q++; *q == '0'; q++)
            ;
        if (*q < '1' || *q > '9')
            *min_zero = 1; /* {0}, {00,3}, ... */
        q = d + 1;
    } else {
        return 0;
    }
    if (*q == '?' || *q == '+')
        q++; /* lazy, possessive */
    *p = q;
    return 1;
}

/* Past the character class opening at Q (a '['), or NULL when it does not
 * close: a leading ']' is literal, as are escaped characters, and POSIX
 * classes ([:alpha:]) nest. */
static const char *skip_class(const char *q)
{
    for (q++; *q == '^'; q++)
        ;
    if (*q == ']')
        q++;
    while (*q && *q != ']') {
        if (*q == '\\' && q[1])
            q++;
        else if (*q == '[' && q[1] == ':')
            for (q += 2; *q && !(q[0] == ':' && q[1] == ']'); q++)
                ;
        if (*q)
            q++;
    }
    return *q ? q + 1 : NULL;
}

/* Skip the group opening at *P (a '('), nested groups, classes and
 * escapes included; -1 when it does not close. */
static int skip_group(const char **p)
{
    const char *q = *p;
    int depth = 0;

    for (; *q; q++) {
        if (*q == '\\') {
            if (!*++q)
                return -1;
        } else if (*q == '[') {
            if (!(q = skip_class(q)))
                return -1;
            q--; /* at the ']' */
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')' && --depth == 0) {
            *p = q + 1;
            return 0;
        }
    }
    return -1;
}

size_t cl_regex_literal(const char *src, char *out, size_t cap)
{
    char run[256];
    size_t nrun = 0, best = 0;
    const char *p = src;
    int min_zero, quantified;

#define END_RUN()                                                                                  \
    do {                                                                                           \
        if (nrun > best && nrun < cap) {                                                           \
            memcpy(out, run, nrun);                                                                \
            out[nrun] = '\0';                                                                      \
            best = nrun;                                                                           \
        }                                                                                          \
        nrun = 0;                                                                                  \
    } while (0)

    if (cap)
        out[0] = '\0';
    while (*p) {
        unsigned char c = (unsigned char)*p;
        int lit = -1; /* the literal character of this atom, if any */
        if (c == '|' || c == ')' || c == '*' || c == '+' || c == '?' || c == '{')
            return 0; /* alternation at the top, or a form not understood */
        if (c == '^' || c == '$') {
            p++; /* zero-width: the run goes on */
            continue;
        }
        if (c == '(') {
            if (p[1] == '*')
                return 0; /* (*VERB) */
            if (p[1] == '?') {
                /* an option setting such as (?i) or (?-i) is zero-width */
                const char *q = p + 2;
                while (*q && strchr("imnsJUx-^", *q))
                    q++;
                if (*q == ')' && q > p + 2) {
                    if (memchr(p + 2, 'x', (size_t)(q - p - 2)))
                        return 0; /* extended: white space is not literal */
                    p = q + 1;
                    continue;
                }
            }
            if (skip_group(&p) < 0 || skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        }
        if (c == '[') {
            if (!(p = skip_class(p)))
                return 0;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        }
        if (c == '\\') {
            unsigned char d = (unsigned char)p[1];
            if (!d)
                return 0;
            if (strchr("bBAzZGK", d)) {
                p += 2; /* assertions: zero-width */
                continue;
            }
            if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9')) {
                /* a class such as \s or \d; anything with an argument
                 * ({...}, <...>, hex digits, \Q...\E) is not worth it */
                if (!strchr("dDwWsShHvVRNX", d) || p[2] == '{')
                    return 0;
                p += 2;
                if (skip_quantifier(&p, &min_zero) < 0)
                    return 0;
                END_RUN();
                continue;
            }
            if (d >= 0x80)
                return 0;
            lit = d; /* an escaped punctuation character stands for itself */
            p += 2;
        } else if (c == '.') {
            p++;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        } else if (c >= 0x80) {
            /* a non-ASCII character: case folding would need Unicode */
            for (p++; ((unsigned char)*p & 0xC0) == 0x80; p++)
                ;
            if (skip_quantifier(&p, &min_zero) < 0)
                return 0;
            END_RUN();
            continue;
        } else {
            lit = c;
            p++;
        }
        if ((quantified = skip_quantifier(&p, &min_zero)) < 0)
            return 0;
        if (min_zero) {
            END_RUN(); /* optional: not part of what must be there */
            continue;
        }
        if (nrun + 1 >= sizeof run)
            END_RUN();
        run[nrun++] = (char)(lit >= 'A' && lit <= 'Z' ? lit + 32 : lit);
        if (quantified)
            END_RUN(); /* repeated: the next character need not follow it */
    }
    END_RUN();
#undef END_RUN
    return best;
}

/* Number the alternatives of every non-regex token of P. */
/* The number of the folded form of the case-sensitive word W: a token
 * spelled exactly W has that fold, so the index can find it by it. 0 when
 * W is not one token, or is one of the few whose fold is not its letters
 * lower-cased (the "ca" of "can't"); < 0 when out of memory. */
static long casesens_id(cl_claim_index *x, cl_arena *a, const char *w)
{
    static const char *const odd[] = {"ca", "wo", "sha", "ai"};
    cl_tokvec tv = {0};
    long id = 0;
    size_t k;

    if (cl_tokenize(a, w, strlen(w), &tv) < 0)
        return CL_ENOMEM;
    if (tv.n == 1) {
        id = (long)cl_strtab_intern(&x->vocab, tv.v[0].fold);
        if (!id)
            id = CL_ENOMEM;
        for (k = 0; k < sizeof odd / sizeof odd[0]; k++)
            if (strcmp(tv.v[0].fold, odd[k]) == 0)
                id = 0;
    }
    cl_tokvec_free(&tv);
    return id;
}

/* Number the alternatives of every non-regex token of P (for a
 * case-sensitive token, their folded forms, 0 when one has none). */
static int intern_pattern(cl_claim_index *x, cl_arena *a, cl_pattern *p)
{
    uint32_t k, i;

    for (k = 0; k < p->ntoks; k++) {
        cl_tokspec *t = &p->toks[k];
        if (t->re)
            continue;
        if (!(t->alt_ids = cl_arena_alloc(a, (t->nalts ? t->nalts : 1) * sizeof *t->alt_ids)))
            return CL_ENOMEM;
        for (i = 0; i < t->nalts; i++) {
            long id = t->casesens ? casesens_id(x, a, t->alts[i])
                                  : (long)cl_strtab_intern(&x->vocab, t->alts[i]);
            if (id < 0 || (!id && !t->casesens))
                return CL_ENOMEM;
            t->alt_ids[i] = (uint32_t)id;
        }
    }
    return 0;
}

/* Words too common to find a pattern by: the most frequent English words
 * of four letters or more (shorter ones lose to longer words anyway). */
static int common_word(const char *w)
{
    static const char *const words[] = {
        "about", "after", "also", "been", "before", "being", "between", "both", "could",
        "does", "each", "first", "from", "have", "into", "just", "like", "made", "many",
        "more", "most", "much", "only", "other", "over", "said", "same", "should", "some",
        "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
        "those", "through", "time", "under", "very", "were", "what", "when", "where",
        "which", "while", "will", "with", "would", "year", "years"};
    size_t k;

    for (k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(w, words[k]) == 0)
            return 1;
    return 0;
}

/* How good token T is as the index's way in: -1 when it cannot be one (a
 * regex or case-sensitive token), else higher for fewer, longer, less
 * common words. */
static long anchor_score(const cl_tokspec *t)
{
    size_t shortest = (size_t)-1, len;
    uint32_t a;
    int common = 0;

    if (t->re || !t->nalts)
        return -1;
    for (a = 0; a < t->nalts; a++) {
        if (!t->alt_ids[a])
            return -1; /* a case-sensitive word with no fold to find it by */
        len = strlen(t->alts[a]);
        if (len < shortest)
            shortest = len;
        common |= common_word(t->alts[a]);
    }
    return (common ? 0 : 1000) + (long)(shortest > 30 ? 30 : shortest) * 10 - (long)t->nalts;
}

/* Choose P's anchor; 0 when P has no token the index can find it by. */
static int choose_anchor(cl_pattern *p)
{
    long best = -1, sc;
    uint32_t k, back = 0;

    for (k = 0; k < p->ntoks; k++)
        if ((sc = anchor_score(&p->toks[k])) > best) {
            best = sc;
            p->anchor = k;
        }
    if (best < 0)
        return 0;
    for (k = 1; k <= p->anchor; k++)
        back += 1 + p->toks[k].skip;
    p->back = back;
    return 1;
}

/* Whether the index finds pattern P (by its anchor). */
static int indexable(const cl_pattern *p)
{
    return p->ntoks && anchor_score(&p->toks[p->anchor]) >= 0;
}

static int by_key(const void *a, const void *b)
{
    const cl_literal *x = a, *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->regex > y->regex) - (x->regex < y->regex);
}

/* The literals of the sentence regexes of R, into X (REGEXES, LITS,
 * ALWAYS_RE, BLOOM); counts the claims with a regex that has none. */
static int index_regexes(cl_claim_index *x, cl_rules *r, size_t nregex)
{
    size_t n = cl_rules_claim_count_internal(r), i;
    cl_arena *a = cl_rules_arena(r);
    char lit[256];
    uint32_t j;

    x->regexes = malloc((nregex ? nregex : 1) * sizeof *x->regexes);
    x->always_re = malloc((nregex ? nregex : 1) * sizeof *x->always_re);
    x->lits = malloc((nregex ? nregex : 1) * sizeof *x->lits);
    if (!x->regexes || !x->always_re || !x->lits)
        return CL_ENOMEM;
    for (i = 0; i < n; i++) {
        const cl_claim_impl *ci = cl_rules_claim_impl(r, i);
        int falls_back = 0;
        for (j = 0; j < ci->nregexes; j++) {
            uint32_t id = (uint32_t)x->nregexes++;
            size_t len = ci->regexes[j].source
                             ? cl_regex_literal(ci->regexes[j].source, lit, sizeof lit)
                             : 0;
            cl_literal *l = &x->lits[x->nlits];
            x->regexes[id].claim = (uint32_t)i;
            x->regexes[id].pattern = j;
            x->regexes[id].p = NULL;
            x->regexes[id].anchor = x->regexes[id].back = x->regexes[id].serial = 0;
            x->regexes[id].first_id = 0;
            x->regexes[id].first_inflected = 0;
            if (len < 4) {
                x->always_re[x->nalways_re++] = id;
                falls_back = 1;
                continue;
            }
            if (!(l->text = cl_arena_strndup(a, lit, len)))
                return CL_ENOMEM;
            memcpy(&l->key, lit, 4);
            l->regex = id;
            l->len = len;
            x->nlits++;
        }
        for (j = 0; j < ci->npatterns && !falls_back; j++)
            falls_back = ci->patterns[j].ntoks && !indexable(&ci->patterns[j]);
        x->fallback_claims += falls_back;
    }
    if (!x->nlits)
        return 0;
    qsort(x->lits, x->nlits, sizeof *x->lits, by_key);
    if (!(x->bloom = calloc(CL_BLOOM_BITS / 64, sizeof *x->bloom)))
        return CL_ENOMEM;
    for (i = 0; i < x->nlits; i++) {
        uint32_t bit = cl_bloom_bit(x->lits[i].key);
        x->bloom[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
    return 0;
}

int cl_claim_index_build(cl_claim_index *x, cl_rules *r)
{
    size_t n = cl_rules_claim_count_internal(r), i, nrefs = 0, nalways = 0, nregex = 0;
    cl_arena *a = cl_rules_arena(r);
    uint32_t k, alt, id, *fill = NULL;
    cl_strtab vocab = x->vocab; /* the cue words are numbered already */

    memset(x, 0, sizeof *x);
    x->vocab = vocab;
    /* number the words, and count the entries of each kind */
    for (i = 0; i < n; i++) {
        cl_claim_impl *ci = (cl_claim_impl *)cl_rules_claim_impl(r, i);
        for (k = 0; k < ci->npatterns; k++) {
            cl_pattern *p = &ci->patterns[k];
            if (intern_pattern(x, a, p) < 0)
                goto fail;
            p->serial = (uint32_t)x->npatterns++;
            if (p->ntoks && choose_anchor(p))
                nrefs += p->toks[p->anchor].nalts;
            else if (p->ntoks)
                nalways++;
        }
        for (k = 0; k < ci->nantipatterns; k++) {
            if (intern_pattern(x, a, &ci->antipatterns[k]) < 0)
                goto fail;
            ci->antipatterns[k].serial = (uint32_t)x->npatterns++;
        }
        nregex += ci->nregexes;
    }
    x->start = calloc(x->vocab.n + 2, sizeof *x->start);
    fill = calloc(x->vocab.n + 2, sizeof *fill);
    x->refs = malloc((nrefs ? nrefs : 1) * sizeof *x->refs);
    x->always = malloc((nalways ? nalways : 1) * sizeof *x->always);
    if (!x->start || !fill || !x->refs || !x->always || index_regexes(x, r, nregex) < 0)
        goto fail;
    /* counting sort of the refs by word */
    for (i = 0; i < n; i++) {
        const cl_claim_impl *ci = cl_rules_claim_impl(r, i);
        for (k = 0; k < ci->npatterns; k++)
            if (indexable(&ci->patterns[k]))
                for (alt = 0; alt < ci->patterns[k].toks[ci->patterns[k].anchor].nalts; alt++)
                    x->start[ci->patterns[k].toks[ci->patterns[k].anchor].alt_ids[alt] + 1]++;
    }
    for (id = 1; id <= x->vocab.n + 1; id++)
        x->start[id] += x->start[id - 1];
    for (i = 0; i < n; i++) {
        const cl_claim_impl *ci = cl_rules_claim_impl(r, i);
        for (k = 0; k < ci->npatterns; k++) {
            const cl_pattern *p = &ci->patterns[k];
            const cl_tokspec *t0 = &p->toks[0];
            cl_pattern_ref ref = {(uint32_t)i, k, p, p->anchor, p->back, p->serial, 0, 0};
            if (p->ntoks && !t0->re && !t0->casesens && t0->nalts == 1) {
                ref.first_id = t0->alt_ids[0];
                ref.first_inflected = t0->inflected;
            }
            if (!indexable(p)) {
                if (p->ntoks)
                    x->always[x->nalways++] = ref;
                continue;
            }
            for (alt = 0; alt < p->toks[p->anchor].nalts; alt++) {
                id = p->toks[p->anchor].alt_ids[alt];
                x->refs[x->start[id] + fill[id]++] = ref;
            }
        }
    }
    free(fill);
    return 0;
fail:
    free(fill);
    cl_claim_index_free(x);
    return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
}

size_t cl_rules_prefilter_fallbacks(const cl_rules *r)
{
    return cl_rules_claim_index(r)->fallback_claims;
}

void cl_claim_index_free(cl_claim_index *x)
{
    cl_strtab_free(&x->vocab);
    free(x->start);
    free(x->refs);
    free(x->always);
    free(x->regexes);
    free(x->always_re);
    free(x->lits);
    free(x->bloom);
    memset(x, 0, sizeof *x);
}
