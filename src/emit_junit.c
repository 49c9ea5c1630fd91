/* emit_junit.c - the "junit" output format: the JUnit XML report that CI
 * servers (Jenkins, GitLab, Azure Pipelines, ...) show as test results.
 * Each document is a <testsuite>, each claim of the rules a <testcase>
 * (classname the rule set, name the claim id) that fails when the claim has
 * findings in that document; the failure lists them. The output validates
 * against the Apache Ant JUnit schema (tests/schemas/junit.xsd), which
 * requires a timestamp, a host name and times on every suite.
 *
 * Findings turned off by claimlint-disable comments are not failures. Each
 * document's testcases are the claims of the rule set it was checked with
 * (configuration files may give documents different ones).
 *
 * The timestamp is the time a document was finished, in UTC without a zone
 * as the schema wants; when SOURCE_DATE_EPOCH is set (the reproducible-
 * builds convention) it is that time instead, and the host name is
 * "localhost", so that the report is the same from run to run. Times are 0:
 * a check takes no measurable time per claim.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* What a claim collected in the current document. */
struct junit_claim {
    size_t findings;
    cl_level worst;
    cl_buf message; /* the first of the most severe findings' messages */
    cl_buf text;    /* every finding, escaped for XML text */
};

struct junit_state {
    int ready;                  /* CLAIMS are those of RULES */
    const cl_rules *rules;      /* the rule set of the current document */
    size_t suites;              /* testsuites written */
    struct junit_claim *claims; /* in rule order */
    size_t nclaims;
    const cl_doc *doc;          /* whose findings the claims hold, or NULL */
    cl_buf doc_name;            /* its name */
    char host[256];
};

/* Append the N bytes at S to B escaped for XML 1.0: the five special
 * characters as entities, characters XML 1.0 forbids (C0 controls other
 * than tab, newline and carriage return; U+FFFE, U+FFFF) dropped, invalid
 * UTF-8 (possible in a file name) as U+FFFD. In an attribute (ATTR) tab,
 * newline and carriage return are character references, which attribute
 * value normalization would otherwise turn into spaces; in text a carriage
 * return is one too, which end-of-line handling would otherwise drop. */
void cl_xml_escape(cl_buf *b, const char *s, size_t n, int attr)
{
    size_t i = 0, run = 0, len;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        int32_t cp = 0;

        len = 1;
        if (c >= 0x80) {
            cp = cl_utf8_decode(s + i, n - i, &len);
            if (cp < 0)
                rep = "\xEF\xBF\xBD";
            else if (cp == 0xFFFE || cp == 0xFFFF)
                rep = "";
        } else if (c == '&') {
            rep = "&amp;";
        } else if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"' && attr) {
            rep = "&quot;";
        } else if (c == '\'' && attr) {
            rep = "&apos;";
        } else if (c == '\r') {
            rep = "&#13;";
        } else if (c == '\n' && attr) {
            rep = "&#10;";
        } else if (c == '\t' && attr) {
            rep = "&#9;";
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            rep = "";
        }
        if (rep) {
            cl_buf_add(b, s + run, i - run);
            cl_buf_puts(b, rep);
            run = i + len;
        }
        i += len;
    }
    cl_buf_add(b, s + run, n - run);
}

void cl_xml_str(cl_buf *b, const char *s, int attr)
{
    if (s)
        cl_xml_escape(b, s, strlen(s), attr);
}

static void free_claims(struct junit_state *st)
{
    size_t i;

    for (i = 0; st->claims && i < st->nclaims; i++) {
        cl_buf_free(&st->claims[i].message);
        cl_buf_free(&st->claims[i].text);
    }
    free(st->claims);
    st->claims = NULL;
    st->nclaims = 0;
    st->ready = 0;
}

/* Build the per-claim table for E->rules, the rule set of the current
 * document (each document may have its own, from its configuration). */
static int setup(cl_emitter *e)
{
    struct junit_state *st = e->state;
    size_t n = e->rules ? cl_rules_claim_count(e->rules) : 0;

    cl_junit_host(st->host);
    if (st->ready && st->rules == e->rules)
        return 0;
    free_claims(st);
    st->doc = NULL;
    st->claims = calloc(n ? n : 1, sizeof *st->claims);
    if (!st->claims) {
        free_claims(st);
        return cl_nomem(NULL);
    }
    st->nclaims = n;
    st->rules = e->rules;
    st->ready = 1;
    return 0;
}

void cl_junit_host(char host[256])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");

    if (!host[0] && ((sde && *sde) || gethostname(host, 256) != 0 || !host[0]))
        strcpy(host, "localhost");
    host[255] = '\0';
}

void cl_junit_suite_open(cl_buf *b, const char *name, size_t id, const char *host,
                         size_t tests, size_t failures)
{
    char stamp[32];

    cl_junit_timestamp(stamp);
    cl_buf_puts(b, "  <testsuite name=\"");
    cl_xml_str(b, name, 1);
    cl_buf_printf(b, "\" package=\"claimlint\" id=\"%zu\" timestamp=\"%s\" hostname=\"", id,
                  stamp);
    cl_xml_str(b, host, 1);
    cl_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
                  tests, failures);
    cl_buf_puts(b, "    <properties>\n      <property name=\"claimlint.version\" value=\"");
    cl_xml_str(b, cl_version(), 1);
    cl_buf_puts(b, "\"/>\n");
}

static struct junit_claim *find(struct junit_state *st, const cl_claim *c)
{
    return c->index < st->nclaims && cl_rules_claim(st->rules, c->index) == c
               ? &st->claims[c->index]
               : NULL;
}

void cl_junit_timestamp(char buf[32])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    struct tm tm;
    char *end;

    if (sde && *sde) {
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0 && v <= 253402300799LL) /* up to year 9999 */
            t = (time_t)v;
    }
    if (!gmtime_r(&t, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm))
        strcpy(buf, "1970-01-01T00:00:00");
}

/* Forget what the claims collected. */
static void reset(struct junit_state *st)
{
    size_t i;

    for (i = 0; i < st->nclaims; i++) {
        st->claims[i].findings = 0;
        st->claims[i].message.len = 0;
        st->claims[i].text.len = 0;
    }
    st->doc = NULL;
}

/* Make DOC the document the claims collect for. A document whose check
 * failed half-way never reaches end_file: its findings are dropped rather
 * than shown under the next document (the failure itself goes to stderr).
 * The name is compared too, as the next document may reuse the address. */
static int enter(struct junit_state *st, const cl_doc *doc)
{
    const char *name = cl_doc_name(doc);

    if (st->doc == doc && st->doc_name.data && strcmp(st->doc_name.data, name) == 0)
        return 0;
    reset(st);
    st->doc_name.len = 0;
    if (cl_buf_puts(&st->doc_name, name) < 0)
        return cl_nomem(NULL);
    st->doc = doc;
    return 0;
}

static int junit_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct junit_state *st = e->state;
    struct junit_claim *jc;
    cl_buf *t;
    int err;

    if (!CL_SHOWN(o))
        return 0;
    if ((err = setup(e)) < 0 || (err = enter(st, doc)) < 0)
        return err;
    if (!(jc = find(st, o->claim)))
        return 0;
    if (!jc->findings || o->level > jc->worst) {
        jc->worst = o->level;
        jc->message.len = 0;
        cl_xml_str(&jc->message, o->message, 1);
    }
    jc->findings++;
    t = &jc->text;
    cl_xml_str(t, cl_doc_name(doc), 0);
    if (o->sentence)
        cl_buf_printf(t, ":%u:%u", o->line, o->column);
    cl_buf_printf(t, ": %s: ", cl_level_name(o->level));
    cl_xml_str(t, o->message, 0);
    cl_buf_putc(t, '\n');
    if (o->sentence) {
        cl_buf_puts(t, "  ");
        cl_xml_escape(t, o->sentence->text, o->sentence->len, 0);
        cl_buf_putc(t, '\n');
    }
    if (t->failed || jc->message.failed)
        return cl_nomem(NULL);
    return 0;
}

static int junit_end_file(cl_emitter *e, const cl_doc *doc)
{
    struct junit_state *st = e->state;
    cl_buf *b = &e->out;
    size_t i, failures = 0;
    int err;

    if ((err = setup(e)) < 0 || (err = enter(st, doc)) < 0)
        return err;
    for (i = 0; i < st->nclaims; i++)
        failures += st->claims[i].findings > 0;
    if (!st->suites)
        cl_buf_puts(b, CL_JUNIT_HEAD);
    cl_junit_suite_open(b, cl_doc_name(doc), st->suites, st->host, st->nclaims, failures);
    cl_buf_puts(b, "    </properties>\n");
    for (i = 0; i < st->nclaims; i++) {
        struct junit_claim *jc = &st->claims[i];
        const cl_claim *c = cl_rules_claim(st->rules, i);
        cl_buf_puts(b, "    <testcase classname=\"");
        cl_xml_str(b, c->ruleset, 1);
        cl_buf_puts(b, "\" name=\"");
        cl_xml_str(b, c->id, 1);
        cl_buf_puts(b, "\" time=\"0\"");
        if (!jc->findings) {
            cl_buf_puts(b, "/>\n");
            continue;
        }
        cl_buf_puts(b, ">\n      <failure message=\"");
        cl_buf_add(b, jc->message.data, jc->message.len);
        if (jc->findings > 1)
            cl_buf_printf(b, " (%zu findings)", jc->findings);
        cl_buf_printf(b, "\" type=\"%s\">", cl_level_name(jc->worst));
        cl_buf_add(b, jc->text.data, jc->text.len);
        cl_buf_puts(b, "</failure>\n    </testcase>\n");
    }
    reset(st);
    cl_buf_puts(b, "    <system-out/>\n    <system-err/>\n  </testsuite>\n");
    st->suites++;
    return cl_emit_flush(e);
}

static int junit_finish(cl_emitter *e)
{
    struct junit_state *st = e->state;

    if (!st->suites)
        cl_buf_puts(&e->out, CL_JUNIT_HEAD);
    cl_buf_puts(&e->out, "</testsuites>\n");
    return 0;
}

static void junit_free(cl_emitter *e)
{
    struct junit_state *st = e->state;

    if (!st)
        return;
    free_claims(st);
    cl_buf_free(&st->doc_name);
}

const struct cl_emitter_ops cl_emit_junit = {
    "junit", "JUnit XML for CI test reports: a testsuite per file, a testcase per claim",
    sizeof(struct junit_state), junit_occurrence, junit_end_file, junit_finish, junit_free};
