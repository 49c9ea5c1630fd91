/* common.c - set-up and invariant checks shared by the fuzz targets (see
 * fuzz.h). Only the public API is used, so what is checked here is what
 * claimlint.h promises a caller.
 *
 * The checks recompute positions from the document's bytes independently
 * of doc.c (lines end at "\n", "\r\n" or a lone "\r"; columns count code
 * points; a byte-order mark is no column), so a sentence or finding that
 * points at the wrong place is a crash, not a silent wrong answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, what);
    abort();
}

void fuzz_setup(void)
{
    const char *d = getenv("CLAIMLINT_DATADIR");

    if (!d || !*d)
        setenv("CLAIMLINT_DATADIR", CL_SRCRULESDIR, 1);
}

FILE *fuzz_devnull(void)
{
    static FILE *f;

    if (!f && !(f = fopen("/dev/null", "w"))) {
        perror("fuzz: /dev/null");
        abort();
    }
    return f;
}

void fuzz_diag_ignore(const cl_diag *d, void *userdata)
{
    static int verbose = -1;
    volatile size_t n = 0;

    (void)userdata;
    if (d->file)
        n += strlen(d->file);
    if (d->message)
        n += strlen(d->message);
    (void)n;
    if (verbose < 0)
        verbose = getenv("FUZZ_VERBOSE") && *getenv("FUZZ_VERBOSE");
    if (verbose)
        fprintf(stderr, "%s:%u:%u: %s\n", d->file ? d->file : "-", d->line, d->column,
                d->message ? d->message : "");
}

/* Compile a rule set from PATH (NULL: the standard lexicon) or abort. */
static cl_rules *compile_or_abort(const char *path)
{
    cl_rules *r = NULL;
    const cl_diag *e;

    if (cl_rules_new(&r) < 0 || (path && cl_rules_load(r, path) < 0) || cl_rules_compile(r) < 0) {
        e = cl_error_last();
        fprintf(stderr, "fuzz: cannot compile %s: %s\n", path ? path : "the standard rules",
                e ? e->message : "unknown error");
        abort();
    }
    return r;
}

const cl_rules *fuzz_standard_rules(void)
{
    static cl_rules *r;

    if (!r) {
        fuzz_setup();
        r = compile_or_abort(NULL);
    }
    return r;
}

const cl_rules *fuzz_example_rules(void)
{
    static cl_rules *r;
    static char path[4096];

    if (!r) {
        fuzz_setup();
        snprintf(path, sizeof path, "%s/examples", getenv("CLAIMLINT_DATADIR"));
        r = compile_or_abort(path);
    }
    return r;
}

/* ---- the private directory for rule files ------------------------------- */

/* fixtures/rules/good/mini-cues.xml, kept here so that a regression input
 * that includes it means the same thing whatever happens to the fixtures */
static const char mini_cues[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rules xmlns=\"urn:claimlint:rules:1\" id=\"mini-cues\" lang=\"en\">\n"
    "  <cue kind=\"negation\" window=\"5\">not</cue>\n"
    "  <cue kind=\"negation\">n't</cue>\n"
    "  <cue kind=\"negation\" direction=\"backward\" window=\"4\">was ruled out</cue>\n"
    "  <cue kind=\"hedge\" inflected=\"yes\">suggest</cue>\n"
    "  <cue kind=\"hedge\" direction=\"both\" window=\"3\">reportedly</cue>\n"
    "  <cue kind=\"hedge\">is expected to</cue>\n"
    "  <cue kind=\"hedge\">does not provide information on whether</cue>\n"
    "  <cue kind=\"pseudo\">not only</cue>\n"
    "  <cue kind=\"terminator\">but</cue>\n"
    "  <cue kind=\"terminator\">;</cue>\n"
    "  <cue kind=\"attribution\" direction=\"both\" window=\"4\">according to</cue>\n"
    "  <cue kind=\"negation\" window=\"0\">never</cue>\n"
    "  <cue kind=\"negation\" affix=\"un-\" direction=\"both\" window=\"3\" "
    "before=\"2\">unable</cue>\n"
    "  <cue kind=\"negation\" affix=\"-less\" direction=\"both\" window=\"2\" "
    "before=\"1\">careless</cue>\n"
    "  <cue kind=\"terminator\" direction=\"backward\">that</cue>\n"
    "</rules>\n";

static char tmpdir[4096];
static char rules_path[4200], cues_path[4200];
static pid_t tmpdir_owner;

/* Remove the directory, only in the process that made it (the replay
 * driver's children inherit the atexit handler). */
static void remove_tmpdir(void)
{
    if (!tmpdir[0] || getpid() != tmpdir_owner)
        return;
    unlink(rules_path);
    unlink(cues_path);
    rmdir(tmpdir);
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
}

const char *fuzz_write_rules(const uint8_t *data, size_t size)
{
    if (!tmpdir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/claimlint-fuzz.XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmpdir)) {
            fprintf(stderr, "fuzz: cannot make %s: %s\n", tmpdir, strerror(errno));
            abort();
        }
        tmpdir_owner = getpid();
        atexit(remove_tmpdir);
        snprintf(rules_path, sizeof rules_path, "%s/rules.xml", tmpdir);
        snprintf(cues_path, sizeof cues_path, "%s/mini-cues.xml", tmpdir);
        write_file(cues_path, mini_cues, sizeof mini_cues - 1);
    }
    write_file(rules_path, data, size);
    return rules_path;
}

int fuzz_load_rules(cl_rules **out, const char *path)
{
    cl_rules *r = NULL;
    int rc;

    *out = NULL;
    if ((rc = cl_rules_new(&r)) < 0)
        return rc;
    cl_rules_set_diag(r, fuzz_diag_ignore, NULL);
    if ((rc = cl_rules_load(r, path)) < 0 || (rc = cl_rules_compile(r)) < 0) {
        cl_rules_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- invariants ------------------------------------------------------------- */

void fuzz_check_rules(const cl_rules *rules)
{
    size_t i, k, n = cl_rules_cue_count(rules);

    for (i = 0; i < n; i++) {
        const cl_cue_def *c = cl_rules_cue(rules, i);
        FUZZ_ASSERT(c != NULL);
        FUZZ_ASSERT(c->phrase != NULL && c->phrase[0] != '\0');
        FUZZ_ASSERT((unsigned)c->kind <= CL_CUE_HYPOTHETICAL);
        FUZZ_ASSERT((unsigned)c->direction <= CL_DIR_NONE);
        FUZZ_ASSERT(c->affix <= strlen(c->phrase));
        FUZZ_ASSERT(cl_cue_kind_name(c->kind) != NULL);
    }
    FUZZ_ASSERT(cl_rules_cue(rules, n) == NULL);
    n = cl_rules_claim_count(rules);
    for (i = 0; i < n; i++) {
        const cl_claim *c = cl_rules_claim(rules, i);
        FUZZ_ASSERT(c != NULL);
        FUZZ_ASSERT(c->id && c->ruleset && c->local_id && c->title);
        FUZZ_ASSERT(strlen(c->id) == strlen(c->ruleset) + 1 + strlen(c->local_id));
        FUZZ_ASSERT((unsigned)c->verdict <= CL_VERDICT_DISPUTED);
        FUZZ_ASSERT(c->index == i);
        for (k = 0; k <= CL_STATUS_UNSTATED; k++)
            FUZZ_ASSERT((unsigned)c->levels[k] <= CL_LEVEL_ERROR);
        for (k = 0; k < c->nsources; k++)
            FUZZ_ASSERT(c->sources[k].text != NULL);
        for (k = 0; k < c->nexamples; k++)
            FUZZ_ASSERT(c->examples[k].text != NULL &&
                        (unsigned)c->examples[k].status <= CL_STATUS_MATCH &&
                        c->examples[k].status != CL_STATUS_UNSTATED);
    }
}

/* A cursor over the document's bytes computing line and column of an
 * offset; moving forward is incremental, moving back starts again. */
static struct {
    const char *data;
    size_t len, base, off;
    unsigned line, col;
} pos;

static void pos_reset(const cl_doc *doc)
{
    const unsigned char *u;

    pos.data = cl_doc_text(doc, &pos.len);
    u = (const unsigned char *)pos.data;
    pos.base = pos.len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    pos.off = pos.base;
    pos.line = pos.col = 1;
}

void fuzz_doc_begin(const cl_doc *doc)
{
    pos_reset(doc);
}

static void pos_at(const cl_doc *doc, size_t off, unsigned *line, unsigned *col)
{
    size_t len;
    const char *data = cl_doc_text(doc, &len);
    const unsigned char *u = (const unsigned char *)data;

    if (data != pos.data || len != pos.len || off < pos.off)
        pos_reset(doc);
    for (; pos.off < off; pos.off++) {
        unsigned char c = u[pos.off];
        if (c == '\n' || (c == '\r' && (pos.off + 1 >= len || u[pos.off + 1] != '\n'))) {
            pos.line++;
            pos.col = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            pos.col++;
        }
    }
    *line = pos.line;
    *col = pos.col;
}

/* FUZZ_LAX_POSITIONS=1 skips the checks of file positions (line, column,
 * byte offsets, file order), to fuzz past a known position bug for the
 * crashes it may hide; never set in make check. */
static int lax_positions(void)
{
    static int lax = -1;

    if (lax < 0)
        lax = getenv("FUZZ_LAX_POSITIONS") && *getenv("FUZZ_LAX_POSITIONS");
    return lax;
}

/* Whether byte OFF of the document starts a character (or is its end). */
static int boundary(const cl_doc *doc, size_t off)
{
    size_t len;
    const char *data = cl_doc_text(doc, &len);

    return off == len || (off < len && ((unsigned char)data[off] & 0xC0) != 0x80);
}

static size_t count_chars(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* An empty range may hold any index (a backward scope of a cue on the
 * first token is [-1, -1) as uint32_t); a non-empty one lies within the
 * tokens. */
static void check_range(const cl_sentence *s, cl_range r)
{
    size_t a, b;

    FUZZ_ASSERT(r.start <= r.end);
    FUZZ_ASSERT(r.start == r.end || r.end <= s->ntokens);
    cl_sentence_range_chars(s, r, &a, &b);
    FUZZ_ASSERT(a <= b && b <= s->nchars);
}

void fuzz_check_sentence(const cl_doc *doc, const cl_sentence *s)
{
    size_t len, i, k, a, b, spans[3][2], nspans;
    unsigned line, col;
    uint32_t prev_end = 0;

    (void)cl_doc_text(doc, &len);
    FUZZ_ASSERT(s->text != NULL);
    FUZZ_ASSERT(s->len > 0);
    FUZZ_ASSERT(s->text[s->len] == '\0');
    FUZZ_ASSERT(strlen(s->text) == s->len);
    FUZZ_ASSERT(s->nchars == count_chars(s->text, s->len));
    if (!lax_positions()) {
        /* empty only when the whole sentence is text an HTML parser made
         * up, which the file holds at one spot (see to_orig_end) */
        FUZZ_ASSERT(s->start_byte <= s->end_byte);
        FUZZ_ASSERT(s->end_byte <= len);
        FUZZ_ASSERT(boundary(doc, s->start_byte) && boundary(doc, s->end_byte));
        pos_at(doc, s->start_byte, &line, &col);
        FUZZ_ASSERT(s->line == line && s->column == col);
        pos_at(doc, s->end_byte, &line, &col);
        FUZZ_ASSERT(s->end_line == line && s->end_column == col);
    }
    for (i = 0; i < s->ntokens; i++) {
        const cl_token *t = &s->tokens[i];
        FUZZ_ASSERT(t->start < t->end && t->end <= s->len);
        FUZZ_ASSERT(t->start >= prev_end);
        FUZZ_ASSERT(t->cstart < t->cend && t->cend <= s->nchars);
        FUZZ_ASSERT(t->cstart == count_chars(s->text, t->start));
        FUZZ_ASSERT(t->cend - t->cstart == count_chars(s->text + t->start, t->end - t->start));
        FUZZ_ASSERT((unsigned)t->kind <= CL_TOK_EMAIL);
        FUZZ_ASSERT(t->fold != NULL);
        FUZZ_ASSERT(cl_token_kind_name(t->kind) != NULL);
        if (t->stem)
            (void)strlen(t->stem);
        prev_end = t->end;
    }
    for (i = 0; i < s->ncues; i++) {
        const cl_cue *c = &s->cues[i];
        FUZZ_ASSERT(c->def != NULL);
        FUZZ_ASSERT(c->tokens.start < c->tokens.end);
        check_range(s, c->tokens);
        check_range(s, c->scope[0]);
        check_range(s, c->scope[1]);
        check_range(s, c->source);
        cl_cue_chars(s, c, &a, &b);
        FUZZ_ASSERT(a <= b && b <= s->nchars);
        nspans = cl_cue_scope_chars(s, c, spans);
        FUZZ_ASSERT(nspans <= 3);
        for (k = 0; k < nspans; k++)
            FUZZ_ASSERT(spans[k][0] <= spans[k][1] && spans[k][1] <= s->nchars);
    }
    FUZZ_ASSERT(cl_sentence_write(fuzz_devnull(), doc, s, CL_FORMAT_TEXT, CL_WRITE_CUES) == 0);
    FUZZ_ASSERT(cl_sentence_write(fuzz_devnull(), doc, s, CL_FORMAT_JSONL, CL_WRITE_CUES) == 0);
}

long fuzz_walk_doc(cl_doc *doc, const cl_rules *rules, cl_split_mode mode, unsigned flags)
{
    const cl_sentence *s;
    size_t prev_end = 0;
    long n = 0;
    int rc;

    if (cl_doc_analyze(doc, rules, mode, flags) < 0)
        return -1;
    fuzz_doc_begin(doc);
    while ((rc = cl_doc_next(doc, &s)) > 0) {
        fuzz_check_sentence(doc, s);
        /* sentences come in file order and do not overlap */
        FUZZ_ASSERT(lax_positions() || s->start_byte >= prev_end);
        prev_end = s->end_byte;
        n++;
    }
    return rc < 0 ? -1 : n;
}

void fuzz_check_occurrence(const cl_doc *doc, const cl_occurrence *o)
{
    const cl_sentence *s = o->sentence;
    size_t len, i;
    unsigned line, col;

    FUZZ_ASSERT(o->claim != NULL && o->claim->id != NULL);
    FUZZ_ASSERT(o->message != NULL);
    (void)strlen(o->message);
    FUZZ_ASSERT((unsigned)o->status <= CL_STATUS_UNSTATED);
    FUZZ_ASSERT((unsigned)o->level <= CL_LEVEL_ERROR);
    FUZZ_ASSERT(!o->suppressed || o->suppressed_reason != NULL);
    if (!s) {
        FUZZ_ASSERT(o->status == CL_STATUS_UNSTATED);
        FUZZ_ASSERT(o->ncues == 0);
        return;
    }
    FUZZ_ASSERT(o->status != CL_STATUS_UNSTATED);
    (void)cl_doc_text(doc, &len);
    check_range(s, o->match);
    FUZZ_ASSERT(o->match.start < o->match.end);
    FUZZ_ASSERT(o->match_start < o->match_end && o->match_end <= s->nchars);
    if (!lax_positions()) {
        /* empty only in text an HTML parser made up (see to_orig_end) */
        FUZZ_ASSERT(o->start_byte <= o->end_byte && o->end_byte <= len);
        FUZZ_ASSERT(o->start_byte >= s->start_byte && o->end_byte <= s->end_byte);
        FUZZ_ASSERT(boundary(doc, o->start_byte) && boundary(doc, o->end_byte));
        pos_at(doc, o->start_byte, &line, &col);
        FUZZ_ASSERT(o->line == line && o->column == col);
        pos_at(doc, o->end_byte, &line, &col);
        FUZZ_ASSERT(o->end_line == line && o->end_column == col);
    }
    if (o->cue)
        FUZZ_ASSERT(o->cue >= s->cues && o->cue < s->cues + s->ncues);
    for (i = 0; i < o->ncues; i++)
        FUZZ_ASSERT(o->cues[i] >= s->cues && o->cues[i] < s->cues + s->ncues);
    /* an attributed occurrence has an attribution or a quotation */
    if (o->attribution)
        FUZZ_ASSERT(o->attribution >= s->cues && o->attribution < s->cues + s->ncues &&
                    o->attribution->def->kind == CL_CUE_ATTRIBUTION);
    if (o->status == CL_STATUS_ATTRIBUTED)
        FUZZ_ASSERT(o->attribution || o->quoted);
    if (o->source)
        (void)strlen(o->source);
}

void fuzz_text_input(const uint8_t *data, size_t size, const char *name, cl_input_format format)
{
    const cl_rules *rules = fuzz_standard_rules();
    cl_doc *doc;

    /* invalid UTF-8, NUL bytes, UTF-16: refused, with an error */
    if (cl_doc_new(&doc, name, (const char *)data, size) < 0) {
        FUZZ_ASSERT(doc == NULL && cl_error_last() != NULL);
        return;
    }
    if (cl_doc_set_format(doc, format) == 0) {
        fuzz_walk_doc(doc, rules, CL_SPLIT_AUTO, CL_ANALYZE_CUES | CL_ANALYZE_STEMS);
        fuzz_walk_doc(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES);
    }
    cl_doc_free(doc);
}
