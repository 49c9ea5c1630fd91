/* doc.c - a document: its bytes, checked as UTF-8, split into sentences
 * that are analyzed one at a time (tokens, stems, cues) so memory stays
 * bounded by the longest sentence, not the document.
 *
 * Positions: every sentence carries line:column in the original file. A
 * cursor walks forward through the file as sentences come, so computing
 * positions costs one pass over the text in total, even for a single line
 * of hundreds of megabytes.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The longest sentence analyzed at once, in bytes; longer runs without a
 * sentence end are cut at white space. Real sentences are far shorter;
 * the bound keeps a line of hundreds of megabytes linear in time and
 * memory. */
#define CL_MAX_SENTENCE (16 * 1024)

struct cl_doc {
    char *name;
    char *data;           /* the original bytes, NUL-terminated */
    size_t len;
    size_t base;          /* bytes of a UTF-8 byte-order mark skipped */
    /* the prose: DATA after BASE for plain text; for Markdown and HTML the
     * text extracted from the markup, with its map back to DATA */
    cl_input_format format;
    cl_extract x;
    const char *plain;
    size_t plain_len;
    cl_directives dirs;   /* <!-- claimlint-... --> comments */
    const cl_rules *rules;
    unsigned flags;
    cl_span *spans;
    size_t nspans, next;
    /* position cursor */
    size_t cur_off;
    unsigned cur_line, cur_col;
    /* per-sentence state, reused */
    cl_arena *arena;
    cl_stemmer *stemmer;
    int stemmer_lent;     /* STEMMER is the caller's, see cl_doc_lend */
    cl_words *words;      /* what tokenizing found for each word */
    int words_lent;       /* WORDS is the caller's */
    int use_stems;        /* the analysis needs stems */
    int cues_deferred;    /* the current sentence's cues are still to find */
    cl_tokvec toks;
    cl_cuevec cues;
    cl_buf text;
    cl_sentence sent;
    /* who says what across the sentences of a paragraph: the quotation
     * marks of each token, whether a quotation is open after the last
     * sentence, where that sentence ended in PLAIN, and the source the
     * paragraph's last attribution named */
    unsigned char *quoted;
    size_t quoted_cap;
    int quote_open;
    size_t prev_end;
    cl_buf speaker;
    /* the current sentence: where it starts, and where its text jumps
     * (text offset -> file offset) at each collapsed line break */
    size_t sent_off;
    unsigned sent_line, sent_col;
    struct jump {
        size_t text, src;
    } *jumps;
    size_t njumps, jumps_cap;
    /* the sieve (cl_doc_sieve): the sentences it passed over since the
     * last one analysed in the paragraph that may leave a quotation open
     * or name a speaker, and PREV_END before each */
    int (*sieve)(void *ud, const cl_sentence *s);
    void *sieve_ud;
    struct skipped {
        cl_span sp;
        size_t prev_end;
    } *skipped;
    size_t nskipped, skipped_cap;
};

const char *cl_doc_name(const cl_doc *doc)
{
    return doc->name;
}

const char *cl_doc_text(const cl_doc *doc, size_t *len)
{
    *len = doc->len;
    return doc->data;
}

/* Advance the cursor to byte OFF (>= the cursor) counting lines and
 * code points; "\r\n", "\n" and a lone "\r" each end a line. */
static void advance(cl_doc *d, size_t off)
{
    const unsigned char *p = (const unsigned char *)d->data;
    size_t i;

    if (off < d->cur_off) {
        /* behind the cursor (cannot happen with a well-ordered map): count
         * again from the start rather than report a wrong position */
        d->cur_off = d->base;
        d->cur_line = d->cur_col = 1;
    }
    if (off > d->cur_off && !memchr(p + d->cur_off, '\r', off - d->cur_off)) {
        /* no carriage returns: lines end at '\n' only, and the column
         * counts the code points after the last one */
        const unsigned char *nl = p + d->cur_off, *last = NULL, *end = p + off;
        unsigned lines = 0;
        while ((nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL) {
            last = nl++;
            lines++;
        }
        if (last) {
            d->cur_line += lines;
            d->cur_col = 1 + (unsigned)cl_utf8_count((const char *)last + 1,
                                                    (size_t)(end - last - 1));
        } else {
            d->cur_col += (unsigned)cl_utf8_count((const char *)p + d->cur_off, off - d->cur_off);
        }
        d->cur_off = off;
        return;
    }
    for (i = d->cur_off; i < off; i++) {
        if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= d->len || p[i + 1] != '\n'))) {
            d->cur_line++;
            d->cur_col = 1;
        } else if (p[i] != '\r' && (p[i] & 0xC0) != 0x80) {
            d->cur_col++;
        }
    }
    d->cur_off = off;
}

/* Line and column of byte OFFSET, for error messages (one scan). */
static void position_of(const char *data, size_t base, size_t offset, unsigned *line,
                        unsigned *col)
{
    cl_doc tmp;

    memset(&tmp, 0, sizeof tmp);
    tmp.data = (char *)data;
    tmp.len = offset;
    tmp.cur_off = base;
    tmp.cur_line = tmp.cur_col = 1;
    advance(&tmp, offset);
    *line = tmp.cur_line;
    *col = tmp.cur_col;
}

/* Check DATA is text claimlint can read; sets the last error otherwise. */
static int check_text(const char *name, const char *data, size_t len, size_t *base)
{
    const unsigned char *u = (const unsigned char *)data;
    const char *nul;
    size_t bad;
    unsigned line, col;

    *base = 0;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return cl_error_set(CL_EINPUT, name, 0, 0,
                            "UTF-16 text is not supported; convert it to UTF-8 "
                            "(e.g. iconv -f UTF-16 -t UTF-8)");
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        *base = 3;
    nul = memchr(data, '\0', len);
    if (nul) {
        position_of(data, *base, (size_t)(nul - data), &line, &col);
        return cl_error_set(CL_EINPUT, name, line, col,
                            "NUL byte at byte offset %zu: binary file, not checked",
                            (size_t)(nul - data));
    }
    bad = cl_utf8_invalid(data, len);
    if (bad != (size_t)-1) {
        position_of(data, *base, bad, &line, &col);
        return cl_error_set(CL_EUTF8, name, line, col,
                            "invalid UTF-8 (byte 0x%02X at byte offset %zu)", u[bad], bad);
    }
    return 0;
}

static int blank_directives(cl_doc *d);

static int doc_make(cl_doc **out, const char *name, char *data, size_t len)
{
    cl_doc *d;
    size_t base;
    int rc;

    *out = NULL;
    if ((rc = check_text(name, data, len, &base)) < 0) {
        free(data);
        return rc;
    }
    d = calloc(1, sizeof *d);
    if (!d || !(d->name = cl_strndup(name, strlen(name))) || !(d->arena = cl_arena_new())) {
        if (d)
            free(d->name);
        free(d);
        free(data);
        return cl_nomem(name);
    }
    d->data = data;
    d->len = len;
    d->base = base;
    d->plain = data + base;
    d->plain_len = len - base;
    *out = d;
    if ((rc = cl_directives_scan(&d->dirs, data, len, base)) < 0 ||
        (rc = blank_directives(d)) < 0) {
        cl_doc_free(d);
        *out = NULL;
        return rc;
    }
    return 0;
}

int cl_doc_load(cl_doc **out, const char *path, const char *name)
{
    char *data;
    size_t len;
    int rc;

    *out = NULL;
    if ((rc = cl_read_file(path, &data, &len)) < 0)
        return rc;
    return doc_make(out, name ? name : path, data, len);
}

int cl_doc_new(cl_doc **out, const char *name, const char *data, size_t len)
{
    char *copy = cl_strndup(data, len);

    *out = NULL;
    if (!copy)
        return cl_nomem(name);
    return doc_make(out, name, copy, len);
}

void cl_doc_free(cl_doc *d)
{
    if (!d)
        return;
    free(d->name);
    free(d->data);
    free(d->spans);
    free(d->skipped);
    cl_arena_free(d->arena);
    if (!d->stemmer_lent)
        cl_stemmer_free(d->stemmer);
    if (!d->words_lent)
        cl_words_free(d->words);
    cl_tokvec_free(&d->toks);
    cl_cuevec_free(&d->cues);
    cl_buf_free(&d->text);
    cl_buf_free(&d->speaker);
    free(d->quoted);
    free(d->jumps);
    cl_extract_free(&d->x);
    cl_directives_free(&d->dirs);
    free(d);
}

const cl_directives *cl_doc_directives(const cl_doc *doc)
{
    return &doc->dirs;
}

/* Plain text: the prose is the text with each directive comment blanked
 * out (line breaks kept), so the comment is no sentence and offsets stay
 * those of the file. */
static int blank_directives(cl_doc *d)
{
    size_t i, k;
    char *t;

    if (!d->dirs.n)
        return 0;
    if (cl_extract_put(&d->x, d->data + d->base, d->len - d->base, d->base) < 0)
        return cl_nomem(NULL);
    d->x.v[0].verbatim = 1;
    t = d->x.text.data;
    for (i = 0; i < d->dirs.n; i++)
        for (k = d->dirs.v[i].start; k < d->dirs.v[i].end; k++)
            if (t[k - d->base] != '\n' && t[k - d->base] != '\r')
                t[k - d->base] = ' ';
    d->plain = t;
    d->plain_len = d->x.text.len;
    return 0;
}

/* Index of the extracted piece holding byte OFF of the prose (0 when the
 * prose is the file's text). */
static size_t piece_of(const cl_doc *d, size_t off)
{
    const cl_xpiece *v = d->x.v;
    size_t lo = 0, hi = d->x.n;

    if (!hi)
        return 0;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].text <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Byte offset in the file of byte OFF of the prose. */
static size_t to_orig(const cl_doc *d, size_t off)
{
    const cl_xpiece *p;

    if (d->format == CL_INPUT_TEXT || !d->x.n)
        return d->base + off;
    p = &d->x.v[piece_of(d, off)];
    return p->verbatim ? p->orig + (off - p->text) : p->orig;
}

/* Byte offset in the file just past the character that ends at prose
 * offset END (exclusive). */
static size_t to_orig_end(const cl_doc *d, size_t end)
{
    size_t o;

    if (end == 0)
        return to_orig(d, 0);
    o = to_orig(d, end - 1);
    /* text that the extractor placed as a whole at one spot of the file
     * (what an HTML parser made up, for one) has no extent there: a span
     * that ends inside it, with more prose placed at the same spot after
     * it, ends where it begins, so that a span after it does not start
     * before this one ends */
    if (d->format != CL_INPUT_TEXT && d->x.n && end < d->plain_len &&
        !d->x.v[piece_of(d, end - 1)].verbatim && to_orig(d, end) == o)
        return o;
    o++;
    while (o < d->len && ((unsigned char)d->data[o] & 0xC0) == 0x80)
        o++;
    return o > d->len ? d->len : o;
}

int cl_doc_set_format(cl_doc *d, cl_input_format format)
{
    int rc;

    cl_extract_free(&d->x);
    d->format = format;
    d->plain = d->data + d->base;
    d->plain_len = d->len - d->base;
    switch (format) {
    case CL_INPUT_TEXT:
        return blank_directives(d);
    case CL_INPUT_MARKDOWN:
        rc = cl_extract_markdown(&d->x, d->data, d->len, d->base, d->name);
        break;
    case CL_INPUT_HTML:
        rc = cl_extract_html(&d->x, d->data, d->len, d->base, d->name);
        break;
    default:
        return cl_error_set(CL_EINVAL, d->name, 0, 0, "unknown input format");
    }
    if (rc < 0) {
        cl_extract_free(&d->x);
        d->format = CL_INPUT_TEXT;
        return rc;
    }
    d->plain = d->x.text.data ? d->x.text.data : "";
    d->plain_len = d->x.text.len;
    return 0;
}

void cl_doc_lend(cl_doc *d, cl_stemmer *st, cl_words *words)
{
    if (!d->stemmer_lent)
        cl_stemmer_free(d->stemmer);
    d->stemmer = st;
    d->stemmer_lent = st != NULL;
    if (!d->words_lent)
        cl_words_free(d->words);
    d->words = words;
    d->words_lent = words != NULL;
}

int cl_doc_analyze(cl_doc *d, const cl_rules *rules, cl_split_mode mode, unsigned flags)
{
    int rc;

    if (!rules || !cl_rules_abbrevs(rules))
        return cl_error_set(CL_EINVAL, d->name, 0, 0, "rules must be compiled before analysis");
    free(d->spans);
    d->spans = NULL;
    d->nspans = d->next = 0;
    d->nskipped = 0;
    d->quote_open = 0;
    d->prev_end = 0;
    d->speaker.len = 0;
    d->rules = rules;
    d->flags = flags;
    d->cur_off = d->base; /* the byte-order mark is no column */
    d->cur_line = d->cur_col = 1;
    d->use_stems = (flags & CL_ANALYZE_STEMS) ||
                   ((flags & CL_ANALYZE_CUES) && cl_rules_need_stems(rules));
    if (d->use_stems && !d->stemmer && (rc = cl_stemmer_new(&d->stemmer)) < 0)
        return rc;
    if (!d->words && (rc = cl_words_new(&d->words)) < 0)
        return rc;
    /* spans are offsets in the prose (d->plain) */
    return cl_segment(d->plain, d->plain_len, cl_rules_abbrevs(rules), mode, &d->spans,
                      &d->nspans);
}

static int add_jump(cl_doc *d, size_t text, size_t src)
{
    if (cl_grow(&d->jumps, &d->jumps_cap, d->njumps + 1, sizeof *d->jumps, 16) < 0)
        return cl_nomem(d->name);
    d->jumps[d->njumps].text = text;
    d->jumps[d->njumps++].src = src;
    return 0;
}

/* Copy the span into the sentence text, each line break with the blanks
 * around it becoming one space; record where the text jumps in the file. */
static int normalize(cl_doc *d, cl_span sp)
{
    const char *p = d->plain;
    size_t i = sp.start;

    d->text.len = 0;
    d->njumps = 0;
    if (cl_buf_reserve(&d->text, sp.end - sp.start) < 0 || add_jump(d, 0, sp.start) < 0)
        return cl_nomem(NULL);
    while (i < sp.end) {
        /* copy up to the next line break in one go */
        const char *nl = memchr(p + i, '\n', sp.end - i);
        const char *cr = memchr(p + i, '\r', (nl ? (size_t)(nl - p) : sp.end) - i);
        size_t stop = cr ? (size_t)(cr - p) : nl ? (size_t)(nl - p) : sp.end;
        memcpy(d->text.data + d->text.len, p + i, stop - i);
        d->text.len += stop - i;
        i = stop;
        if (i >= sp.end)
            break;
        /* a line break: the blanks around it become one space */
        while (d->text.len && (d->text.data[d->text.len - 1] == ' ' ||
                               d->text.data[d->text.len - 1] == '\t'))
            d->text.len--;
        while (i < sp.end && (p[i] == '\n' || p[i] == '\r' || p[i] == ' ' || p[i] == '\t'))
            i++;
        d->text.data[d->text.len++] = ' ';
        if (add_jump(d, d->text.len, i) < 0)
            return cl_nomem(NULL);
    }
    d->text.data[d->text.len] = '\0';
    return 0;
}

/* Whether the text between the sentences ends a paragraph: a blank line. */
static int paragraph_break(const char *t, size_t a, size_t b)
{
    size_t k;
    int newline = 0;

    for (k = a; k < b; k++) {
        if (t[k] == '\n') {
            if (newline)
                return 1;
            newline = 1;
        } else if (t[k] != ' ' && t[k] != '\t' && t[k] != '\r') {
            newline = 0;
        }
    }
    return 0;
}

/* Mark the quoted tokens of S (span SP of the prose), carrying an open
 * quotation over from the sentence before in the same paragraph. */
static int quotations(cl_doc *d, cl_sentence *s, cl_span sp)
{
    size_t n = s->ntokens ? s->ntokens : 1;

    if (paragraph_break(d->plain, d->prev_end, sp.start)) {
        d->quote_open = 0;
        d->speaker.len = 0;
    }
    d->prev_end = sp.end;
    if (d->quoted_cap < n) {
        unsigned char *q = realloc(d->quoted, n);
        if (!q)
            return cl_nomem(d->name);
        d->quoted = q;
        d->quoted_cap = n;
    }
    s->in_quote = d->quote_open;
    d->quote_open = cl_quotes_mark(s->text, s->len, s->tokens, s->ntokens, d->quote_open,
                                   d->quoted);
    s->quoted = d->quoted;
    s->speaker = d->speaker.len ? d->speaker.data : NULL;
    return 0;
}

/* Keep the source of the last attribution of S that names one, for the
 * quotations of the next sentences of the paragraph. The sentence's own
 * speaker stays what it was before it. */
static int remember_speaker(cl_doc *d, cl_sentence *s)
{
    size_t i;

    for (i = s->ncues; i-- > 0;) {
        const cl_cue *c = &s->cues[i];
        if (c->def->kind != CL_CUE_ATTRIBUTION || c->source.start >= c->source.end)
            continue;
        if (s->speaker) {
            /* S points into the buffer about to change: keep a copy */
            char *copy = cl_arena_strndup(d->arena, s->speaker, strlen(s->speaker));
            if (!copy)
                return cl_nomem(d->name);
            s->speaker = copy;
        }
        d->speaker.len = 0;
        cl_range_text(&d->speaker, s, c->source);
        if (d->speaker.failed)
            return cl_nomem(d->name);
        break;
    }
    return 0;
}

/* The cues of the current sentence S, with the attributions shaped, and
 * the paragraph's speaker as its last attribution leaves it. */
static int sentence_cues(cl_doc *d, cl_sentence *s)
{
    int rc;

    if ((rc = cl_cues_find(d->rules, d->toks.v, d->toks.n, &d->cues)) < 0)
        return rc;
    cl_attribution_shape(d->toks.v, d->toks.n, s->text, d->cues.v, d->cues.n);
    s->cues = d->cues.v;
    s->ncues = d->cues.n;
    return remember_speaker(d, s);
}

int cl_doc_cues(cl_doc *d)
{
    if (!d->cues_deferred)
        return 0;
    d->cues_deferred = 0;
    return sentence_cues(d, &d->sent);
}

void cl_doc_sieve(cl_doc *d, int (*may)(void *ud, const cl_sentence *s), void *ud)
{
    d->sieve = may;
    d->sieve_ud = ud;
    d->nskipped = 0;
}

/* The span of the next sentence, taken from the spans: a run with no
 * sentence end (a 200 MB line, a table dump) is cut at the last white
 * space before the limit, else at a character boundary, and the rest left
 * for the next call. */
static cl_span next_span(cl_doc *d)
{
    cl_span sp = d->spans[d->next];

    if (sp.end - sp.start > CL_MAX_SENTENCE) {
        size_t cut = sp.start + CL_MAX_SENTENCE, k;
        for (k = cut; k > sp.start + CL_MAX_SENTENCE / 2; k--)
            if (d->plain[k] == ' ' || d->plain[k] == '\n' || d->plain[k] == '\t')
                break;
        if (k > sp.start + CL_MAX_SENTENCE / 2)
            cut = k;
        else
            while (cut > sp.start && ((unsigned char)d->plain[cut] & 0xC0) == 0x80)
                cut--;
        sp.end = cut;
        while (cut < d->spans[d->next].end &&
               (d->plain[cut] == ' ' || d->plain[cut] == '\n' || d->plain[cut] == '\t' ||
                d->plain[cut] == '\r'))
            cut++;
        d->spans[d->next].start = cut;
        if (cut >= d->spans[d->next].end)
            d->next++;
        while (sp.end > sp.start && (d->plain[sp.end - 1] == ' ' || d->plain[sp.end - 1] == '\n' ||
                                     d->plain[sp.end - 1] == '\t' || d->plain[sp.end - 1] == '\r'))
            sp.end--;
    } else {
        d->next++;
    }
    return sp;
}

/* The text of the sentence at SP into D->sent (everything else zero, its
 * NCHARS too: sentence_words counts them). */
static int sentence_text(cl_doc *d, cl_span sp)
{
    cl_sentence *s = &d->sent;
    int rc;

    cl_arena_reset(d->arena);
    if ((rc = normalize(d, sp)) < 0)
        return rc;
    memset(s, 0, sizeof *s);
    s->text = d->text.data;
    s->len = d->text.len;
    return 0;
}

/* The tokens, quotations and (unless deferred) cues of D->sent at SP,
 * which sentence_text has set, with the paragraph's state they change. */
static int sentence_words(cl_doc *d, cl_span sp)
{
    cl_sentence *s = &d->sent;
    int rc;

    s->nchars = cl_utf8_count(s->text, s->len); /* the sieve needs none */
    /* each distinct word is folded, numbered in the vocabulary and stemmed
     * once (the word cache): cues and claims then compare numbers */
    if ((rc = cl_tokenize_words(d->words, cl_rules_vocab(d->rules),
                                d->use_stems ? d->stemmer : NULL, s->text, s->len, &d->toks)) < 0)
        return rc;
    s->tokens = d->toks.v;
    s->ntokens = d->toks.n;
    if ((rc = quotations(d, s, sp)) < 0)
        return rc;
    d->cues_deferred = 0;
    if (d->flags & CL_ANALYZE_CUES) {
        if ((d->flags & CL_ANALYZE_DEFER) &&
            !cl_cues_may_attribute(d->rules, d->toks.v, d->toks.n))
            d->cues_deferred = 1; /* nothing the next sentences need */
        else if ((rc = sentence_cues(d, s)) < 0)
            return rc;
    }
    return 0;
}

/* The sieve passed over the sentence at SP; unless it is INERT, keep it
 * for its paragraph's next sentences, which may need the quotation it
 * leaves open or the source it names. A paragraph break forgets them, as
 * quotations() does. */
static int skip_sentence(cl_doc *d, cl_span sp, int inert)
{
    if (paragraph_break(d->plain, d->prev_end, sp.start)) {
        d->quote_open = 0;
        d->speaker.len = 0;
        d->nskipped = 0;
    }
    if (!inert) {
        if (cl_grow(&d->skipped, &d->skipped_cap, d->nskipped + 1, sizeof *d->skipped, 16) < 0)
            return cl_nomem(d->name);
        d->skipped[d->nskipped].sp = sp;
        d->skipped[d->nskipped++].prev_end = d->prev_end;
    }
    d->prev_end = sp.end;
    return 0;
}

/* Analyse the sentences of the paragraph that the sieve passed over and
 * kept, in order, for the state they leave (the open quotation, the
 * speaker): as if the sieve had let them through. */
static int catch_up(cl_doc *d)
{
    size_t k, end = d->prev_end;
    int rc;

    for (k = 0; k < d->nskipped; k++) {
        d->prev_end = d->skipped[k].prev_end;
        if ((rc = sentence_text(d, d->skipped[k].sp)) < 0 ||
            (rc = sentence_words(d, d->skipped[k].sp)) < 0)
            return rc;
    }
    d->nskipped = 0;
    d->prev_end = end;
    return 0;
}

int cl_doc_next(cl_doc *d, const cl_sentence **out)
{
    cl_sentence *s = &d->sent;
    cl_span sp;
    int rc;

    *out = NULL;
    if (!d->rules)
        return cl_error_set(CL_EINVAL, d->name, 0, 0, "cl_doc_analyze was not called");
    for (;;) {
        if (d->next >= d->nspans)
            return 0;
        sp = next_span(d);
        if ((rc = sentence_text(d, sp)) < 0)
            return rc;
        if (!d->sieve)
            break;
        if ((rc = d->sieve(d->sieve_ud, s)) < 0)
            return rc;
        if (rc == CL_SIEVE_TRY) {
            if (d->nskipped &&
                ((rc = catch_up(d)) < 0 || (rc = sentence_text(d, sp)) < 0))
                return rc;
            break;
        }
        /* cues found for every sentence may name a speaker the sieve
         * does not look for */
        if ((rc = skip_sentence(d, sp,
                                rc == CL_SIEVE_INERT && (d->flags & CL_ANALYZE_DEFER))) < 0)
            return rc;
    }
    s->start_byte = to_orig(d, sp.start);
    s->end_byte = to_orig_end(d, sp.end);
    advance(d, s->start_byte);
    s->line = d->sent_line = d->cur_line;
    s->column = d->sent_col = d->cur_col;
    d->sent_off = s->start_byte;
    advance(d, s->end_byte);
    s->end_line = d->cur_line;
    s->end_column = d->cur_col;
    if ((rc = sentence_words(d, sp)) < 0)
        return rc;
    *out = s;
    return 1;
}

void cl_doc_position(const cl_doc *d, const cl_sentence *s, size_t off, unsigned *line,
                     unsigned *column, size_t *byte)
{
    cl_doc tmp;
    size_t lo = 0, hi = d->njumps, src;

    (void)s;
    /* the last jump at or before OFF */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->jumps[mid].text <= off)
            lo = mid;
        else
            hi = mid;
    }
    src = d->njumps ? to_orig(d, d->jumps[lo].src + (off - d->jumps[lo].text)) : d->sent_off;
    /* count from the sentence start: one pass over the sentence at most */
    memset(&tmp, 0, sizeof tmp);
    tmp.data = d->data;
    tmp.len = d->len;
    tmp.cur_off = d->sent_off;
    tmp.cur_line = d->sent_line;
    tmp.cur_col = d->sent_col;
    advance(&tmp, src < d->sent_off ? d->sent_off : src);
    *line = tmp.cur_line;
    *column = tmp.cur_col;
    if (byte)
        *byte = tmp.cur_off;
}

void cl_sentence_range_chars(const cl_sentence *s, cl_range r, size_t *start, size_t *end)
{
    if (r.start >= r.end) {
        *start = *end = r.start < s->ntokens ? s->tokens[r.start].cstart : s->nchars;
        return;
    }
    *start = s->tokens[r.start].cstart;
    *end = s->tokens[r.end - 1].cend;
}

void cl_cue_chars(const cl_sentence *s, const cl_cue *c, size_t *start, size_t *end)
{
    cl_sentence_range_chars(s, c->tokens, start, end);
    if (c->def->affix && *end - *start > c->def->affix) {
        if (c->def->suffix)
            *start = *end - c->def->affix;
        else
            *end = *start + c->def->affix;
    }
}

size_t cl_cue_scope_chars(const cl_sentence *s, const cl_cue *c, size_t spans[3][2])
{
    size_t n = 0, cs, ce, ws, we;

    if (c->scope[0].start < c->scope[0].end) {
        cl_sentence_range_chars(s, c->scope[0], &spans[n][0], &spans[n][1]);
        n++;
    }
    cl_cue_chars(s, c, &cs, &ce);
    cl_sentence_range_chars(s, c->tokens, &ws, &we);
    if (c->def->affix && (cs > ws || ce < we)) {
        spans[n][0] = cs > ws ? ws : ce;
        spans[n][1] = cs > ws ? cs : we;
        n++;
    }
    if (c->scope[1].start < c->scope[1].end) {
        cl_sentence_range_chars(s, c->scope[1], &spans[n][0], &spans[n][1]);
        n++;
    }
    return n;
}
