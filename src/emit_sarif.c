/* emit_sarif.c - the "sarif" output format: SARIF 2.1.0, the static
 * analysis results format that code-scanning dashboards (GitHub, GitLab,
 * Azure DevOps, the VS Code SARIF viewer) read. One run: the tool with one
 * rule (reportingDescriptor) per claim, one result per finding, the
 * documents as artifacts.
 *
 * Output streams: the head is written at the first occurrence or document
 * end, each result as it comes, one per line; the tool with its rules, the
 * artifacts and the closing brackets at finish. The tool comes after the
 * results (JSON objects are unordered) because each document may be
 * checked with its own rule set (configuration files): the rules are every
 * claim of every rule set used, by id, in the order first met, and only the
 * end knows them all. An empty run is still a valid log.
 *
 * Positions: SARIF counts columns in UTF-16 code units unless told
 * otherwise; claimlint counts code points, so the run says
 * "columnKind": "unicodeCodePoints". endColumn is exclusive in SARIF, as
 * claimlint's end_column already is. The region is the match; its
 * contextRegion is the sentence, whose text is the context snippet (SARIF
 * wants a region's snippet to be that region's own text, so the sentence
 * goes to the context region rather than to the match's region).
 *
 * Suppressed findings (claimlint-disable comments) are results with an
 * inSource suppression carrying the comment's line and reason, which
 * dashboards show as dismissed rather than hide. The suppression has no
 * state: the 2.1.0 prose calls that property "status" and its schema
 * "state", and a suppression without one is in effect either way.
 *
 * Fingerprints: partialFingerprints["claimlint/v1"] is the FNV-1a 64 hash of
 * the claim id, the sentence and the matched text with runs of white space
 * collapsed: it survives edits elsewhere in the document (line numbers are
 * not part of it) and changes when the sentence is rewritten. A repeat of
 * the same hash within one document gets ":2", ":3", ... appended (the
 * convention of GitHub's primaryLocationLineHash), so identical sentences
 * do not collapse into one alert.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FNV_PRIME UINT64_C(0x100000001b3)

/* The claims of one rule set, sorted by address. */
struct rules_map {
    const cl_rules *rules;
    long *rule;  /* per claim of RULES (by its index): its place in
                  * tool.driver.rules, or -1 */
    size_t n;
};

struct sarif_state {
    int started;            /* the head was written */
    size_t results;         /* results written */
    cl_strset rule_ids;     /* tool.driver.rules, by claim id */
    cl_buf rules_json;      /* their reportingDescriptors, comma-separated */
    struct rules_map *maps; /* one per rule set met */
    size_t nmaps;
    size_t map;             /* the current rule set's (valid when nmaps) */
    cl_strset artifacts;    /* the documents' URIs */
    /* the current document, its artifact and the fingerprints seen in it */
    const cl_doc *doc;
    size_t artifact;
    cl_fpset fps;
    cl_buf uri, scratch; /* reused */
};

uint64_t cl_fnv_add(uint64_t h, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Hash the N bytes at S into H with every run of white space (Unicode
 * spaces included) counted as one space and the ends trimmed, so that
 * reflowing a paragraph does not change a fingerprint. */
uint64_t cl_fnv_add_collapsed(uint64_t h, const char *s, size_t n)
{
    size_t i = 0, len;
    int pending = 0, any = 0;

    while (i < n) {
        int32_t c = cl_utf8_decode(s + i, n - i, &len);
        if (c >= 0 && cl_uc_is_space(c)) {
            pending = any;
        } else {
            if (pending)
                h = cl_fnv_add(h, " ", 1);
            pending = 0;
            any = 1;
            h = cl_fnv_add(h, s + i, len);
        }
        i += len;
    }
    return h;
}

long cl_strset_add(cl_strset *set, const char *s, size_t len, int *added)
{
    size_t mask, i, k;

    *added = 0;
    if (2 * (set->n + 1) > set->table_cap) {
        size_t cap = set->table_cap ? set->table_cap * 2 : 64;
        size_t *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (k = 0; k < set->n; k++) {
            const char *name = set->names.data + set->offsets[k];
            for (i = cl_fnv_add(CL_FNV_OFFSET, name, strlen(name)) & (cap - 1); t[i];
                 i = (i + 1) & (cap - 1))
                ;
            t[i] = k + 1;
        }
        free(set->table);
        set->table = t;
        set->table_cap = cap;
    }
    mask = set->table_cap - 1;
    for (i = cl_fnv_add(CL_FNV_OFFSET, s, len) & mask; set->table[i]; i = (i + 1) & mask)
        if (strcmp(set->names.data + set->offsets[set->table[i] - 1], s) == 0)
            return (long)(set->table[i] - 1);
    if (cl_grow(&set->offsets, &set->cap, set->n + 1, sizeof *set->offsets, 16) < 0)
        return -1;
    set->offsets[set->n] = set->names.len;
    if (cl_buf_add(&set->names, s, len + 1) < 0)
        return -1;
    set->table[i] = set->n + 1;
    *added = 1;
    return (long)set->n++;
}

const char *cl_strset_get(const cl_strset *set, size_t i)
{
    return set->names.data + set->offsets[i];
}

void cl_strset_free(cl_strset *set)
{
    cl_buf_free(&set->names);
    free(set->offsets);
    free(set->table);
}

void cl_sarif_tail(cl_buf *b, const cl_buf *rules_json, const cl_strset *artifacts)
{
    size_t i;

    cl_buf_puts(b, "\"tool\":{\"driver\":{\"name\":\"claimlint\",\"version\":");
    cl_json_str(b, cl_version(), strlen(cl_version()));
    cl_buf_puts(b, ",\"semanticVersion\":");
    cl_json_str(b, cl_version(), strlen(cl_version()));
    cl_buf_puts(b, ",\"rules\":[");
    cl_buf_add(b, rules_json->data, rules_json->len);
    cl_buf_puts(b, rules_json->len ? "\n]}},\n\"artifacts\":[" : "]}},\n\"artifacts\":[");
    for (i = 0; i < artifacts->n; i++) {
        const char *uri = cl_strset_get(artifacts, i);
        cl_buf_puts(b, i ? ",\n{\"location\":{\"uri\":" : "\n{\"location\":{\"uri\":");
        cl_json_str(b, uri, strlen(uri));
        cl_buf_puts(b, "},\"roles\":[\"analysisTarget\"]}");
    }
    cl_buf_puts(b, artifacts->n ? "\n]\n}]}\n" : "]\n}]}\n");
}

static void str(cl_buf *b, const char *s)
{
    cl_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

const char *cl_sarif_level(cl_level l)
{
    switch (l) {
    case CL_LEVEL_ERROR: return "error";
    case CL_LEVEL_WARNING: return "warning";
    case CL_LEVEL_INFO: return "note";
    default: return "none";
    }
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void cl_sarif_uri(cl_buf *b, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;

    if (strcmp(name, "<stdin>") == 0) {
        cl_buf_puts(b, "stdin");
        return;
    }
    if (name[0] == '/')
        cl_buf_puts(b, "file://");
    for (p = (const unsigned char *)name; *p; p++) {
        if (is_alnum(*p) || strchr("-._~!$&'()*+,;=@/", *p)) {
            cl_buf_putc(b, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            cl_buf_add(b, esc, 3);
        }
    }
}

/* Whether S is an absolute URI that SARIF's "uri" format accepts: a scheme,
 * a colon, then at least one character a URI may hold (valid %XX escapes,
 * at most one "#"; no "[" "]", which only an IPv6 host may use). A <source
 * href> that is not one is kept in the rule's properties but not offered as
 * its helpUri. */
static int is_absolute_uri(const char *s)
{
    static const char hexdigits[] = "0123456789ABCDEFabcdef";
    const unsigned char *p = (const unsigned char *)s;
    int fragment = 0;

    if (!s || !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
        return 0;
    while (is_alnum(*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p++ != ':' || !*p)
        return 0;
    for (; *p; p++) {
        if (*p == '%') {
            if (!p[1] || !strchr(hexdigits, p[1]) || !p[2] || !strchr(hexdigits, p[2]))
                return 0;
            p += 2;
        } else if (*p == '#') {
            if (fragment++)
                return 0;
        } else if (!is_alnum(*p) && !strchr("-._~:/?@!$&'()*+,;=", *p)) {
            return 0;
        }
    }
    return 1;
}

void cl_sarif_name(cl_buf *b, const char *id)
{
    int up = 1;

    cl_buf_putc(b, '"');
    for (; *id; id++) {
        unsigned char c = (unsigned char)*id;
        if (!is_alnum(c)) {
            up = 1;
            continue;
        }
        cl_buf_putc(b, (char)(up && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
        up = 0;
    }
    cl_buf_putc(b, '"');
}

/* The help of claim C for people: the verdict, the severity of each way
 * of making it, the sources and where it is declared. */
static void put_help(cl_buf *b, const cl_claim *c)
{
    cl_buf t = {0};
    size_t i;

    cl_buf_printf(&t, "Verdict of the evidence: %s. Severity when stated: %s, attributed: %s, "
                      "hedged: %s, negated: %s, unstated: %s%s.",
                  cl_verdict_name(c->verdict), cl_level_name(c->levels[CL_STATUS_STATED]),
                  cl_level_name(c->levels[CL_STATUS_ATTRIBUTED]),
                  cl_level_name(c->levels[CL_STATUS_HEDGED]),
                  cl_level_name(c->levels[CL_STATUS_NEGATED]),
                  cl_level_name(c->levels[CL_STATUS_UNSTATED]),
                  c->required ? " (required)" : "");
    for (i = 0; i < c->nsources; i++) {
        cl_buf_puts(&t, i ? "\n- " : "\nSources:\n- ");
        cl_buf_puts(&t, c->sources[i].text ? c->sources[i].text : "");
        if (c->sources[i].href)
            cl_buf_printf(&t, " <%s>", c->sources[i].href);
    }
    cl_buf_printf(&t, "\nDeclared at %s:%u.", c->file ? c->file : "", c->line);
    if (t.failed)
        b->failed = 1;
    else
        cl_json_str(b, t.data, t.len);
    cl_buf_free(&t);
}

static void put_rule(cl_buf *b, const cl_claim *c)
{
    const char *href = NULL;
    size_t i;

    for (i = 0; i < c->nsources && !href; i++)
        href = c->sources[i].href;
    cl_buf_puts(b, "{\"id\":");
    str(b, c->id);
    cl_buf_puts(b, ",\"name\":");
    cl_sarif_name(b, c->id);
    cl_buf_puts(b, ",\"shortDescription\":{\"text\":");
    str(b, c->title);
    cl_buf_puts(b, "},\"fullDescription\":{\"text\":");
    {
        cl_buf t = {0};
        cl_buf_printf(&t, "%s (verdict: %s)", c->title ? c->title : "",
                      cl_verdict_name(c->verdict));
        if (t.failed)
            b->failed = 1;
        else
            cl_json_str(b, t.data, t.len);
        cl_buf_free(&t);
    }
    cl_buf_puts(b, "},\"help\":{\"text\":");
    put_help(b, c);
    cl_buf_putc(b, '}');
    if (is_absolute_uri(href)) {
        cl_buf_puts(b, ",\"helpUri\":");
        str(b, href);
    }
    cl_buf_printf(b, ",\"defaultConfiguration\":{\"level\":\"%s\"}",
                  cl_sarif_level(c->levels[CL_STATUS_STATED]));
    cl_buf_printf(b, ",\"properties\":{\"verdict\":\"%s\",\"required\":%s,\"levels\":{",
                  cl_verdict_name(c->verdict), c->required ? "true" : "false");
    for (i = 0; i <= CL_STATUS_UNSTATED; i++)
        cl_buf_printf(b, "%s\"%s\":\"%s\"", i ? "," : "", cl_status_name((cl_status)i),
                      cl_level_name(c->levels[i]));
    cl_buf_puts(b, "},\"sources\":[");
    for (i = 0; i < c->nsources; i++) {
        cl_buf_puts(b, i ? ",{\"href\":" : "{\"href\":");
        if (c->sources[i].href)
            str(b, c->sources[i].href);
        else
            cl_buf_puts(b, "null");
        cl_buf_puts(b, ",\"text\":");
        str(b, c->sources[i].text);
        cl_buf_putc(b, '}');
    }
    cl_buf_puts(b, "],\"file\":");
    str(b, c->file);
    cl_buf_printf(b, ",\"line\":%u}}", c->line);
}

/* Make E->rules the current rule set: the first time it is met, its claims
 * join tool.driver.rules (those whose id is not there yet) and a lookup
 * from claim to rule index is built for it. */
static int use_rules(cl_emitter *e)
{
    struct sarif_state *st = e->state;
    size_t i, n = e->rules ? cl_rules_claim_count(e->rules) : 0;
    struct rules_map *m;
    int rc = 0;

    if (st->nmaps && st->maps[st->map].rules == e->rules)
        return 0;
    for (i = 0; i < st->nmaps; i++)
        if (st->maps[i].rules == e->rules) {
            st->map = i;
            return 0;
        }
    m = realloc(st->maps, (st->nmaps + 1) * sizeof *m);
    if (!m)
        return cl_nomem(NULL);
    st->maps = m;
    m = &st->maps[st->nmaps];
    m->rules = e->rules;
    m->n = 0;
    if (!(m->rule = malloc((n ? n : 1) * sizeof *m->rule)))
        return cl_nomem(NULL);
    st->map = st->nmaps++;
    for (i = 0; i < n && rc == 0; i++) {
        const cl_claim *c = cl_rules_claim(e->rules, i);
        int added;
        long index = cl_strset_add(&st->rule_ids, c->id, strlen(c->id), &added);
        if (index < 0)
            rc = cl_nomem(NULL);
        if (index >= 0 && added) {
            cl_buf_puts(&st->rules_json, index ? ",\n" : "\n");
            put_rule(&st->rules_json, c);
            if (st->rules_json.failed)
                rc = cl_nomem(NULL);
        }
        m->rule[m->n++] = index; /* -1 after a failure: not one of its claims */
    }
    return rc;
}

/* The index in tool.driver.rules of claim C of the current rule set, or -1
 * when it is not one of its claims. */
static long rule_index(const struct sarif_state *st, const cl_claim *c)
{
    const struct rules_map *m = &st->maps[st->map];

    return c->index < m->n && cl_rules_claim(m->rules, c->index) == c ? m->rule[c->index] : -1;
}

/* Write the head of the log once and open the results array; take in the
 * current rule set. */
static int start(cl_emitter *e)
{
    struct sarif_state *st = e->state;
    int err;

    if ((err = use_rules(e)) < 0)
        return err;
    if (st->started)
        return 0;
    st->started = 1;
    cl_buf_puts(&e->out, CL_SARIF_HEAD);
    return cl_emit_flush(e);
}

/* Make DOC the current document: its URI in st->uri, its artifact, and a
 * fresh set of fingerprints when it is a new document. The name is compared
 * too, because a document that failed half-way never reaches end_file and
 * the next one may be allocated at the same address. */
static int enter(struct sarif_state *st, const cl_doc *doc)
{
    long a;
    int added;

    st->uri.len = 0;
    if (cl_buf_reserve(&st->uri, 0) < 0)
        return cl_nomem(NULL);
    st->uri.data[0] = '\0';
    cl_sarif_uri(&st->uri, cl_doc_name(doc));
    if (st->uri.failed)
        return cl_nomem(NULL);
    if (st->doc == doc && strcmp(cl_strset_get(&st->artifacts, st->artifact), st->uri.data) == 0)
        return 0;
    if ((a = cl_strset_add(&st->artifacts, st->uri.data, st->uri.len, &added)) < 0)
        return cl_nomem(NULL);
    st->doc = doc;
    st->artifact = (size_t)a;
    cl_fpset_clear(&st->fps);
    return 0;
}

size_t cl_fpset_count(cl_fpset *fs, uint64_t h)
{
    size_t i, k, mask;

    if (2 * (fs->used + 1) > fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 64;
        struct cl_fp_slot *t = calloc(cap, sizeof *t);
        if (!t)
            return 0;
        for (k = 0; k < fs->cap; k++) {
            if (!fs->v[k].count)
                continue;
            for (i = fs->v[k].hash & (cap - 1); t[i].count; i = (i + 1) & (cap - 1))
                ;
            t[i] = fs->v[k];
        }
        free(fs->v);
        fs->v = t;
        fs->cap = cap;
    }
    mask = fs->cap - 1;
    for (i = h & mask; fs->v[i].count; i = (i + 1) & mask)
        if (fs->v[i].hash == h)
            return ++fs->v[i].count;
    fs->v[i].hash = h;
    fs->v[i].count = 1;
    fs->used++;
    return 1;
}

void cl_fpset_clear(cl_fpset *fs)
{
    if (fs->v)
        memset(fs->v, 0, fs->cap * sizeof *fs->v);
    fs->used = 0;
}

void cl_sarif_region(cl_buf *b, const char *key, unsigned line, unsigned col, unsigned end_line,
                       unsigned end_col, const char *text, size_t len)
{
    cl_buf_printf(b, ",\"%s\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,"
                     "\"endColumn\":%u,\"snippet\":{\"text\":",
                  key, line, col, end_line, end_col);
    cl_json_str(b, text ? text : "", text ? len : 0);
    cl_buf_puts(b, "}}");
}

/* Append the artifactLocation of the current document. */
static void put_artifact(cl_buf *b, const struct sarif_state *st)
{
    cl_buf_puts(b, "\"artifactLocation\":{\"uri\":");
    cl_json_str(b, st->uri.data, st->uri.len);
    cl_buf_printf(b, ",\"index\":%zu}", st->artifact);
}

static int sarif_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct sarif_state *st = e->state;
    const cl_sentence *s = o->sentence;
    cl_buf *b = &e->out;
    uint64_t h;
    size_t seen;
    long index;
    int err;

    if (o->level == CL_LEVEL_OK)
        return 0;
    if ((err = start(e)) < 0 || (err = enter(st, doc)) < 0)
        return err;
    cl_buf_puts(b, st->results++ ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    str(b, o->claim->id);
    if ((index = rule_index(st, o->claim)) >= 0)
        cl_buf_printf(b, ",\"ruleIndex\":%ld", index);
    cl_buf_printf(b, ",\"level\":\"%s\",\"message\":{\"text\":", cl_sarif_level(o->level));
    str(b, o->message);
    cl_buf_puts(b, "},\"locations\":[{\"physicalLocation\":{");
    put_artifact(b, st);
    h = cl_fnv_add(CL_FNV_OFFSET, o->claim->id, strlen(o->claim->id) + 1);
    if (s) {
        st->scratch.len = 0;
        cl_range_text(&st->scratch, s, o->match);
        if (st->scratch.failed)
            return cl_nomem(NULL);
        cl_sarif_region(b, "region", o->line, o->column, o->end_line, o->end_column, st->scratch.data,
                   st->scratch.len);
        cl_sarif_region(b, "contextRegion", s->line, s->column, s->end_line, s->end_column, s->text,
                   s->len);
        h = cl_fnv_add_collapsed(h, s->text, s->len);
        h = cl_fnv_add(h, "", 1);
        h = cl_fnv_add_collapsed(h, st->scratch.data, st->scratch.len);
    }
    if (!(seen = cl_fpset_count(&st->fps, h)))
        return cl_nomem(NULL);
    cl_buf_printf(b, "}}],\"partialFingerprints\":{\"claimlint/v1\":\"%016llx",
                  (unsigned long long)h);
    if (seen > 1)
        cl_buf_printf(b, ":%zu", seen);
    cl_buf_puts(b, "\"}");
    if (o->suppressed) {
        cl_buf_puts(b, ",\"suppressions\":[{\"kind\":\"inSource\"");
        if (o->suppressed_reason && *o->suppressed_reason) {
            cl_buf_puts(b, ",\"justification\":");
            str(b, o->suppressed_reason);
        }
        if (o->suppressed_line) {
            cl_buf_puts(b, ",\"location\":{\"physicalLocation\":{");
            put_artifact(b, st);
            cl_buf_printf(b, ",\"region\":{\"startLine\":%u}}}", o->suppressed_line);
        }
        cl_buf_puts(b, "}]");
    }
    cl_buf_printf(b, ",\"properties\":{\"status\":\"%s\",\"verdict\":\"%s\",\"cue\":",
                  cl_status_name(o->status), cl_verdict_name(o->claim->verdict));
    if (o->cue && s) {
        cl_buf_puts(b, "{\"kind\":");
        str(b, cl_cue_kind_name(o->cue->def->kind));
        cl_buf_puts(b, ",\"text\":");
        st->scratch.len = 0;
        cl_range_text(&st->scratch, s, o->cue->tokens);
        if (st->scratch.failed)
            return cl_nomem(NULL);
        cl_json_str(b, st->scratch.data ? st->scratch.data : "", st->scratch.len);
        cl_buf_putc(b, '}');
    } else {
        cl_buf_puts(b, "null");
    }
    if ((o->attribution || o->quoted) && s) {
        cl_buf_puts(b, ",\"attribution\":{\"cue\":");
        if (o->attribution) {
            st->scratch.len = 0;
            cl_range_text(&st->scratch, s, o->attribution->tokens);
            if (st->scratch.failed)
                return cl_nomem(NULL);
            cl_json_str(b, st->scratch.data ? st->scratch.data : "", st->scratch.len);
        } else {
            cl_buf_puts(b, "null");
        }
        cl_buf_puts(b, ",\"source\":");
        str(b, o->source);
        cl_buf_printf(b, ",\"quoted\":%s}", o->quoted ? "true" : "false");
    }
    cl_buf_puts(b, "}}");
    return cl_emit_flush(e);
}

/* A document without findings is still an artifact of the run, and its
 * rule set's claims are still rules of the tool. */
static int sarif_end_file(cl_emitter *e, const cl_doc *doc)
{
    struct sarif_state *st = e->state;
    int err;

    if ((err = start(e)) < 0 || (err = enter(st, doc)) < 0)
        return err;
    st->doc = NULL; /* the next document starts afresh, even at this address */
    return cl_emit_flush(e);
}

static int sarif_finish(cl_emitter *e)
{
    struct sarif_state *st = e->state;
    cl_buf *b = &e->out;
    int err;

    if ((err = start(e)) < 0)
        return err;
    cl_buf_puts(b, st->results ? "\n],\n" : "],\n");
    cl_sarif_tail(b, &st->rules_json, &st->artifacts);
    return 0;
}

static void sarif_free(cl_emitter *e)
{
    struct sarif_state *st = e->state;
    size_t i;

    if (!st)
        return;
    for (i = 0; i < st->nmaps; i++)
        free(st->maps[i].rule);
    free(st->maps);
    cl_strset_free(&st->rule_ids);
    cl_strset_free(&st->artifacts);
    cl_buf_free(&st->rules_json);
    free(st->fps.v);
    cl_buf_free(&st->uri);
    cl_buf_free(&st->scratch);
}

const struct cl_emitter_ops cl_emit_sarif = {
    "sarif", "SARIF 2.1.0 log for code-scanning dashboards: one rule per claim, one result per finding",
    sizeof(struct sarif_state), sarif_occurrence, sarif_end_file, sarif_finish, sarif_free};
