/* check.c - the claim check of a document: match every sentence, decide
 * each occurrence's status and severity, format its message, and report the
 * claims no sentence makes as unstated. Also runs the <example>s of rule
 * files (`claimlint rules test`).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *with_article(cl_verdict v)
{
    static const char *const names[] = {"a supported", "an unsupported", "a refuted",
                                        "a disputed"};

    return (unsigned)v < 4 ? names[v] : "a";
}

static void cue_text(cl_buf *b, const cl_sentence *s, const cl_cue *cue)
{
    const cl_token *t0, *t1;

    if (!cue || !s)
        return;
    t0 = &s->tokens[cue->tokens.start];
    t1 = &s->tokens[cue->tokens.end - 1];
    cl_buf_add(b, s->text + t0->start, t1->end - t0->start);
}

/* The default message for STATUS, as a template (an attribution names its
 * CUE and SOURCE when it has them). */
static const char *default_template(const cl_claim *c, cl_status status, const cl_cue *cue,
                                    const char *source)
{
    switch (status) {
    case CL_STATUS_STATED:
        return "states {a verdict} claim: {title}";
    case CL_STATUS_ATTRIBUTED:
        if (!cue)
            return source ? "quotes {source} making {a verdict} claim: {title}"
                          : "quotes {a verdict} claim: {title}";
        return source ? "attributes {a verdict} claim to {source} (\"{cue}\"): {title}"
                      : "attributes {a verdict} claim to a source (\"{cue}\"): {title}";
    case CL_STATUS_HEDGED:
        return "hedges {a verdict} claim (\"{cue}\"): {title}";
    case CL_STATUS_NEGATED:
        return "denies {a verdict} claim (\"{cue}\"): {title}";
    default:
        return c->required ? "does not state a required claim: {title}"
                           : "does not state {a verdict} claim: {title}";
    }
}

int cl_format_message(cl_buf *b, const cl_claim *c, cl_status status, const cl_sentence *s,
                      const cl_cue *cue, const char *source)
{
    const char *t = c->message ? c->message : default_template(c, status, cue, source);
    const char *p, *close;

    b->len = 0;
    cl_buf_reserve(b, 0);
    if (b->data)
        b->data[0] = '\0';
    for (p = t; *p; p = close + 1) {
        const char *open = strchr(p, '{'), *name;
        size_t n;
        /* the text up to the next placeholder in one piece */
        if (!open || !(close = strchr(open, '}'))) {
            cl_buf_puts(b, p);
            break;
        }
        cl_buf_add(b, p, (size_t)(open - p));
        name = open + 1;
        n = (size_t)(close - name);
        if (n == 6 && strncmp(name, "status", 6) == 0)
            cl_buf_puts(b, cl_status_name(status));
        else if (n == 3 && strncmp(name, "cue", 3) == 0)
            cue_text(b, s, cue);
        else if (n == 5 && strncmp(name, "title", 5) == 0)
            cl_buf_puts(b, c->title);
        else if (n == 7 && strncmp(name, "verdict", 7) == 0)
            cl_buf_puts(b, cl_verdict_name(c->verdict));
        else if (n == 9 && strncmp(name, "a verdict", 9) == 0)
            cl_buf_puts(b, with_article(c->verdict));
        else if (n == 5 && strncmp(name, "claim", 5) == 0)
            cl_buf_puts(b, c->id);
        else if (n == 6 && strncmp(name, "source", 6) == 0)
            cl_buf_puts(b, source ? source : "an unnamed source");
        else
            cl_buf_add(b, open, n + 2); /* not a placeholder: keep as written */
    }
    return b->failed ? CL_ENOMEM : 0;
}

const char *cl_attribution_source(cl_buf *b, const cl_sentence *s, const cl_cue *a, int quoted)
{
    size_t i;

    b->len = 0;
    if (!a && quoted)
        for (i = 0; i < s->ncues; i++)
            if (s->cues[i].def->kind == CL_CUE_ATTRIBUTION &&
                s->cues[i].source.start < s->cues[i].source.end)
                a = &s->cues[i];
    if (a && a->source.start < a->source.end)
        cl_range_text(b, s, a->source);
    else if ((a || quoted) && s->speaker)
        cl_buf_puts(b, s->speaker);
    if (!b->len)
        return NULL;
    return b->failed ? "" : b->data;
}

/* Fill O for match M of sentence S. */
static int describe(cl_matcher *mt, const cl_doc *doc, const cl_sentence *s, const cl_claim *c,
                    const cl_match *match, cl_buf *msg, cl_buf *src, cl_occurrence *o)
{
    cl_range m = match->tokens;
    const cl_token *first = &s->tokens[m.start], *last = &s->tokens[m.end - 1];
    size_t lastchar = last->end;

    memset(o, 0, sizeof *o);
    o->claim = c;
    o->sentence = s;
    o->match = m;
    o->status = cl_match_status(mt, s, match, &o->cue, &o->attribution, &o->quoted, &o->cues,
                                &o->ncues);
    o->source = cl_attribution_source(src, s, o->attribution, o->quoted);
    if (src->failed)
        return cl_nomem(NULL);
    o->level = c->levels[o->status];
    o->match_start = first->cstart;
    o->match_end = last->cend;
    cl_doc_position(doc, s, first->start, &o->line, &o->column, &o->start_byte);
    /* the end is just after the last character of the match */
    do
        lastchar--;
    while (lastchar > last->start && ((unsigned char)s->text[lastchar] & 0xC0) == 0x80);
    cl_doc_position(doc, s, lastchar, &o->end_line, &o->end_column, &o->end_byte);
    o->end_column++;
    o->end_byte += last->end - lastchar; /* past the last character */
    if (o->end_byte > s->end_byte) {
        /* text the input's parser made up has no extent in the file (see
         * to_orig_end): the match ends where its sentence does */
        o->end_byte = s->end_byte;
        o->end_line = s->end_line;
        o->end_column = s->end_column;
    }
    if (cl_format_message(msg, c, o->status, s, o->cue, o->source) < 0)
        return cl_nomem(NULL);
    o->message = msg->data;
    return 0;
}

/* Mark O suppressed when a directive of DOC turns its claim off there. */
static void suppress(const cl_doc *doc, cl_occurrence *o)
{
    const cl_directives *ds = cl_doc_directives(doc);
    const cl_directive *d;

    if (!ds->n)
        return;
    d = o->sentence ? cl_directives_find(ds, o->claim, o->line, o->start_byte)
                    : cl_directives_find_any(ds, o->claim);
    if (d) {
        o->suppressed = 1;
        o->suppressed_line = d->line;
        o->suppressed_reason = d->reason ? d->reason : "";
    }
}

/* Warn about ids in directives that name no claim of RULES. */
static void check_directive_ids(const cl_doc *doc, const cl_rules *rules, const cl_check_cb *cb)
{
    const cl_directives *ds = cl_doc_directives(doc);
    size_t i, k, c, n = cl_rules_claim_count(rules);
    char msg[512];
    cl_diag d;

    if (!cb->diag)
        return;
    for (i = 0; i < ds->n; i++)
        for (k = 0; k < ds->v[i].nids; k++) {
            const char *id = ds->v[i].ids[k];
            for (c = 0; c < n; c++) {
                const cl_claim *cl = cl_rules_claim(rules, c);
                if (strcmp(cl->id, id) == 0 || strcmp(cl->local_id, id) == 0)
                    break;
            }
            if (c < n)
                continue;
            snprintf(msg, sizeof msg, "unknown claim '%s' in a claimlint comment", id);
            d.code = CL_EINVAL;
            d.severity = CL_SEV_WARNING;
            d.file = cl_doc_name(doc);
            d.line = ds->v[i].line;
            d.column = ds->v[i].column;
            d.message = msg;
            cb->diag(&d, cb->userdata);
        }
}

/* How much the sieve spares: the text it read and the text it let
 * through, since its last look (SEEN, TRIED, in bytes), and the text left
 * to let through unread (REST) once it was found to spare next to nothing,
 * for the rules RULES. */
struct sieve_rate {
    const cl_rules *rules;
    size_t seen, tried, rest;
};

struct cl_workspace {
    cl_matcher *matcher;
    cl_stemmer *stemmer;
    cl_words *words;
    int no_sieve; /* CLAIMLINT_NO_SIEVE was set when it was made */
    struct sieve_rate rate;
};

int cl_workspace_new(cl_workspace **out)
{
    cl_workspace *ws = calloc(1, sizeof *ws);
    int rc;

    *out = NULL;
    if (!ws)
        return cl_nomem(NULL);
    ws->no_sieve = getenv("CLAIMLINT_NO_SIEVE") != NULL;
    if ((rc = cl_matcher_new(&ws->matcher)) < 0 || (rc = cl_stemmer_new(&ws->stemmer)) < 0 ||
        (rc = cl_words_new(&ws->words)) < 0) {
        cl_workspace_free(ws);
        return rc;
    }
    *out = ws;
    return 0;
}

const cl_match_stats *cl_workspace_stats(const cl_workspace *ws)
{
    return cl_matcher_stats(ws->matcher);
}

void cl_workspace_free(cl_workspace *ws)
{
    if (!ws)
        return;
    cl_matcher_free(ws->matcher);
    cl_stemmer_free(ws->stemmer);
    cl_words_free(ws->words);
    free(ws);
}

/* The sieve of cl_check: whether a claim may match S (see cl_match_may). */
struct sieve {
    cl_matcher *mt;
    const cl_rules *rules;
    struct sieve_rate *rate;
};

/* The sieve reads every byte to spare the tokenizer and the matcher the
 * sentences it turns away; when the rules have words in nearly every
 * sentence (thousands of claims) it turns almost none away. After
 * SIEVE_SAMPLE bytes of which more than nine tenths were let through, it
 * lets the next SIEVE_REST bytes through unread, then reads again: the
 * findings are the same either way, only the time differs. */
enum { SIEVE_SAMPLE = 1 << 20, SIEVE_REST = 15 << 20 };

static int may_match(void *ud, const cl_sentence *s)
{
    const struct sieve *sv = ud;
    struct sieve_rate *r = sv->rate;
    int rc;

    if (r->rules != sv->rules) {
        memset(r, 0, sizeof *r);
        r->rules = sv->rules;
    }
    if (r->rest) {
        r->rest -= s->len < r->rest ? s->len : r->rest;
        return CL_SIEVE_TRY;
    }
    if ((rc = cl_match_may(sv->mt, sv->rules, s)) < 0)
        return rc;
    r->seen += s->len;
    r->tried += rc == CL_SIEVE_TRY ? s->len : 0;
    if (r->seen >= SIEVE_SAMPLE) {
        r->rest = r->tried / 9 > (r->seen - r->tried) ? SIEVE_REST : 0;
        r->seen = r->tried = 0;
    }
    return rc;
}

int cl_check(cl_doc *doc, const cl_rules *rules, cl_split_mode mode, const cl_check_cb *cb)
{
    size_t nclaims = cl_rules_claim_count(rules), i, n;
    unsigned char *seen = calloc(nclaims ? nclaims : 1, 1);
    cl_workspace *ws = cb->workspace;
    cl_matcher *mt = NULL;
    const cl_sentence *s;
    const cl_match *matches;
    struct sieve_rate rate = {0};
    struct sieve sv;
    cl_occurrence o;
    cl_buf msg = {0}, src = {0};
    int rc;

    if (!seen)
        return cl_nomem(cl_doc_name(doc));
    if (ws) {
        mt = ws->matcher;
        cl_doc_lend(doc, ws->stemmer, ws->words);
    } else if ((rc = cl_matcher_new(&mt)) < 0) {
        goto cleanup;
    }
    if ((rc = cl_doc_analyze(doc, rules, mode, CL_ANALYZE_CUES | CL_ANALYZE_DEFER)) < 0)
        goto cleanup;
    /* sentences no claim can match are passed over untokenized */
    sv.mt = mt;
    sv.rules = rules;
    sv.rate = ws ? &ws->rate : &rate;
    if (ws ? !ws->no_sieve : !getenv("CLAIMLINT_NO_SIEVE"))
        cl_doc_sieve(doc, may_match, &sv);
    check_directive_ids(doc, rules, cb);
    while ((rc = cl_doc_next(doc, &s)) > 0) {
        rc = cl_match_sentence(mt, rules, s, cb->diag, cb->userdata, cl_doc_name(doc), &matches,
                               &n);
        if (rc < 0 || (n && (rc = cl_doc_cues(doc)) < 0))
            goto cleanup;
        for (i = 0; i < n; i++) {
            const cl_claim *c = cl_rules_claim(rules, matches[i].claim);
            if ((rc = describe(mt, doc, s, c, &matches[i], &msg, &src, &o)) < 0)
                goto cleanup;
            seen[matches[i].claim] = 1;
            suppress(doc, &o);
            if (cb->occurrence)
                cb->occurrence(doc, &o, cb->userdata);
        }
    }
    if (rc < 0)
        goto cleanup;
    for (i = 0; i < nclaims; i++) {
        const cl_claim *c = cl_rules_claim(rules, i);
        if (seen[i])
            continue;
        memset(&o, 0, sizeof o);
        o.claim = c;
        o.status = CL_STATUS_UNSTATED;
        o.level = c->levels[CL_STATUS_UNSTATED];
        suppress(doc, &o);
        if (cb->skip_ok_unstated && o.level == CL_LEVEL_OK && !o.suppressed)
            continue;
        if ((rc = cl_format_message(&msg, c, o.status, NULL, NULL, NULL)) < 0)
            goto cleanup;
        o.message = msg.data;
        if (cb->occurrence)
            cb->occurrence(doc, &o, cb->userdata);
    }
    rc = 0;
cleanup:
    cl_doc_sieve(doc, NULL, NULL);
    cl_buf_free(&msg);
    cl_buf_free(&src);
    if (ws)
        cl_doc_lend(doc, NULL, NULL);
    else
        cl_matcher_free(mt);
    free(seen);
    return rc;
}

/* ---- rules test ----------------------------------------------------------- */

struct example_run {
    const cl_claim *claim;
    cl_status got;
    cl_level level;
    const cl_cue *cue;     /* valid only inside the callback: copied below */
    const cl_cue_def *cue_def;
    cl_range cue_tokens;
    cl_buf matched; /* the text of the match kept */
    int found;
};

/* Keep the most severe occurrence of the claim under test (the first of
 * equal severity), as `report` does. */
static void example_occurrence(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct example_run *x = ud;

    (void)doc;
    if (o->claim != x->claim || o->status == CL_STATUS_UNSTATED)
        return;
    if (!x->found || o->level > x->level) {
        x->found = 1;
        x->got = o->status;
        x->level = o->level;
        x->cue_def = o->cue ? o->cue->def : NULL;
        if (o->cue)
            x->cue_tokens = o->cue->tokens;
        x->matched.len = 0;
        cl_range_text(&x->matched, o->sentence, o->match);
    }
}

int cl_example_passes(const cl_example *ex, cl_status got)
{
    return got == ex->status || (ex->status == CL_STATUS_MATCH && got != CL_STATUS_NONE);
}

int cl_rules_test(const cl_rules *rules, cl_example_fn fn, void *userdata)
{
    size_t i, k, n = cl_rules_claim_count(rules);
    cl_workspace *ws;
    int failed = 0, rc;

    if ((rc = cl_workspace_new(&ws)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        const cl_claim *c = cl_rules_claim(rules, i);
        for (k = 0; k < c->nexamples; k++) {
            const cl_example *ex = &c->examples[k];
            struct example_run x;
            cl_check_cb cb = {example_occurrence, NULL, NULL, ws, 0};
            cl_doc *doc = NULL;
            cl_cue cue;

            memset(&x, 0, sizeof x);
            x.claim = c;
            x.got = CL_STATUS_NONE;
            cb.userdata = &x;
            if ((rc = cl_doc_new(&doc, c->file, ex->text, strlen(ex->text))) < 0) {
                cl_workspace_free(ws);
                return rc;
            }
            rc = cl_check(doc, rules, CL_SPLIT_LINES, &cb);
            cl_doc_free(doc);
            if (rc == 0 && x.matched.failed)
                rc = cl_nomem(NULL);
            if (rc < 0) {
                cl_buf_free(&x.matched);
                cl_workspace_free(ws);
                return rc;
            }
            memset(&cue, 0, sizeof cue);
            cue.def = x.cue_def;
            cue.tokens = x.cue_tokens;
            if (!cl_example_passes(ex, x.got))
                failed++;
            if (fn)
                fn(c, ex, x.got, x.cue_def ? &cue : NULL, x.found ? x.matched.data : NULL,
                   userdata);
            cl_buf_free(&x.matched);
        }
    }
    cl_workspace_free(ws);
    return failed;
}
