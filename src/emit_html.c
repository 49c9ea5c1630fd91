/* emit_html.c - `claimlint check -f html`: one self-contained HTML page for
 * editors. A header (files checked, rule files, counts, legend), then for
 * each document the per-claim table and the article itself, every sentence
 * that makes a claim highlighted by status and severity with a side note.
 *
 * The page loads nothing and runs no script (a Content-Security-Policy says
 * so to the browser); everything that comes from an article or a rule file
 * is escaped, and only http, https and mailto sources become links.
 *
 * The page is written in the finish hook: its header names every file and
 * the totals, which are known only then. Documents are rendered as they end
 * (end_file) into a buffer kept until then. Streaming them and moving the
 * header to the top with CSS (`order`) was turned down: the DOM, screen
 * readers and the text of the page would still put it last.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* cl_report_css and cl_report_legend, the style sheet and the legend of the
 * page, and cl_compare_css, what compare's page adds to the style sheet
 * (emit_compare_html.c): NUL-terminated byte arrays that scripts/embed makes from
 * src/report.css and src/report-legend.html into the build tree (see
 * Makefile.am). Arrays, not string literals: C compilers need not take
 * string literals longer than 4095 bytes. The comment that opens each of
 * those files says what it is for and is left out of the array, so that
 * the page carries exactly the rest. */
#include "report_assets.h"

#define NO_ROW ((size_t)-1)

/* One occurrence of the current document, copied out of the callback. */
struct h_occ {
    const cl_claim *claim;   /* owned by the rules */
    size_t row;              /* claim's index in rule order, or NO_ROW */
    size_t seq;              /* arrival order, to keep sorting stable */
    cl_status status;
    cl_level level;
    const char *message;     /* in the document arena */
    unsigned line, column;
    size_t sent_start, sent_end;   /* bytes of the sentence in the file */
    size_t match_start, match_end; /* bytes of the match in the file */
    const cl_cue_def *cue;   /* the deciding cue (owned by the rules) or NULL */
    const char *cue_text;    /* its words in the sentence, or NULL */
};

/* A document already rendered, for the header. */
struct h_file {
    const char *name;  /* in the run arena */
    size_t counts[4];  /* occurrences by level; unstated ones only above ok */
};

struct html_state {
    int ready;                 /* setup() done */
    const cl_rules *rules;     /* whose claims are the table's rows */
    size_t nclaims;
    cl_level *unstated_level;  /* per claim row, for the current document */
    const char **unstated_msg; /* per claim row, NULL when the claim is stated */
    size_t *head;              /* per claim row: its first occurrence, scratch */
    cl_arena *doc_arena;       /* the current document's copies */
    cl_arena *run_arena;       /* file names, kept to the end */
    const cl_doc *doc;         /* document of the buffered occurrences */
    struct h_occ *occ;
    size_t nocc, capocc;
    size_t counts[4];          /* of the current document */
    struct h_file *files;
    size_t nfiles, capfiles;
    cl_buf body;               /* the rendered documents */
};

/* ---- escaping ------------------------------------------------------------ */

/* Append the N bytes of UTF-8 at S to B, escaped for HTML text and quoted
 * attribute values alike: & < > " ' become references, a line feed and a
 * tab numeric references, a carriage return a space, other C0 controls and
 * DEL their visible Control Pictures (U+2400...), and C1 controls U+FFFD:
 * HTML allows those neither raw nor as references. In TEXT (not in an
 * attribute) such a character is written as its code point, "U+0007", in a
 * span of class cl-ctl instead: few fonts have the pictures. */
void cl_html_esc(cl_buf *b, const char *s, size_t n, int text)
{
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        char pic[4];
        unsigned code = c;
        size_t skip = 0;

        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\n': rep = "&#10;"; break;
        case '\t': rep = "&#9;"; break;
        case '\r': rep = " "; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                pic[0] = '\xE2';
                pic[1] = '\x90';
                pic[2] = (char)(c == 0x7F ? 0xA1 : 0x80 + c);
                pic[3] = '\0';
                rep = pic;
            } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                       (unsigned char)s[i + 1] <= 0x9F) {
                code = (unsigned char)s[i + 1];
                rep = "\xEF\xBF\xBD";
                skip = 1;
            }
        }
        if (!rep)
            continue;
        cl_buf_add(b, s + run, i - run);
        if (text && (rep == pic || skip))
            cl_buf_printf(b, "<span class=\"cl-ctl\" title=\"control character\">U+%04X</span>",
                          code);
        else
            cl_buf_puts(b, rep);
        i += skip;
        run = i + 1;
    }
    cl_buf_add(b, s + run, n - run);
}

void cl_html_escs(cl_buf *b, const char *s)
{
    if (s)
        cl_html_esc(b, s, strlen(s), 0);
}

/* Whether HREF may become a link: http, https or mailto only, so that a
 * rule file cannot plant a javascript: or data: URL. */
static int safe_href(const char *href)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    size_t i, k;

    if (!href)
        return 0;
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        for (k = 0; schemes[i][k]; k++) {
            char c = href[k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != schemes[i][k])
                break;
        }
        if (!schemes[i][k])
            return 1;
    }
    return 0;
}

void cl_html_head_end(cl_buf *b, int compare)
{
    cl_buf_puts(b, "</title>\n<style>\n");
    cl_buf_puts(b, cl_report_css);
    if (compare)
        cl_buf_puts(b, cl_compare_css);
    cl_buf_puts(b, "</style>\n</head>\n<body>\n");
}

/* ---- state ---------------------------------------------------------------- */

/* Allocate what every hook needs, once: the claim index and the arenas.
 * After a failure, the next call allocates only what is still missing. */
static int setup(cl_emitter *e)
{
    struct html_state *st = e->state;
    size_t n = e->rules ? cl_rules_claim_count(e->rules) : 0, m = n ? n : 1;

    if (st->ready)
        return 0;
    if (!st->unstated_level)
        st->unstated_level = calloc(m, sizeof *st->unstated_level);
    if (!st->unstated_msg)
        st->unstated_msg = calloc(m, sizeof *st->unstated_msg);
    if (!st->head)
        st->head = calloc(m, sizeof *st->head);
    if (!st->doc_arena)
        st->doc_arena = cl_arena_new();
    if (!st->run_arena)
        st->run_arena = cl_arena_new();
    if (!st->unstated_level || !st->unstated_msg || !st->head ||
        !st->doc_arena || !st->run_arena)
        return cl_nomem(NULL);
    st->rules = e->rules;
    st->nclaims = n;
    st->ready = 1;
    return 0;
}

/* Row of claim C in rule order, or NO_ROW. */
static size_t find_row(const struct html_state *st, const cl_claim *c)
{
    return c->index < st->nclaims && cl_rules_claim(st->rules, c->index) == c ? c->index : NO_ROW;
}

/* Forget the current document's occurrences. */
static void reset_doc(struct html_state *st)
{
    size_t i;

    for (i = 0; i < st->nclaims; i++) {
        st->unstated_level[i] = CL_LEVEL_OK;
        st->unstated_msg[i] = NULL;
    }
    memset(st->counts, 0, sizeof st->counts);
    st->nocc = 0;
    st->doc = NULL;
    cl_arena_reset(st->doc_arena);
}

/* A copy of S (NULL: "") in arena A; NULL when out of memory. */
static const char *copy_str(cl_arena *a, const char *s)
{
    return s ? cl_arena_strndup(a, s, strlen(s)) : "";
}

/* Copy the words of token range R of S into arena A; NULL when empty or out
 * of memory. */
static const char *copy_range(cl_arena *a, const cl_sentence *s, cl_range r)
{
    size_t from, to;

    if (r.start >= r.end)
        return NULL;
    from = s->tokens[r.start].start;
    to = s->tokens[r.end - 1].end;
    return cl_arena_strndup(a, s->text + from, to - from);
}

static int html_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct html_state *st = e->state;
    struct h_occ *h;
    size_t row;
    int err;
    /* a finding turned off by a claimlint-disable comment is shown, as ok,
     * with the comment's reason: it is no finding */
    cl_level level = o->suppressed ? CL_LEVEL_OK : o->level;
    const char *message = o->message;
    char note[1024];

    if (o->suppressed) {
        snprintf(note, sizeof note, "suppressed by the comment on line %u%s%s: %s",
                 o->suppressed_line, *o->suppressed_reason ? " -- " : "",
                 o->suppressed_reason, o->message);
        message = note;
    }

    if ((err = setup(e)) < 0)
        return err;
    if (st->doc != doc) /* a document that failed midway left occurrences */
        reset_doc(st);
    st->doc = doc;
    row = find_row(st, o->claim);
    if (!o->sentence) {
        if (row != NO_ROW) {
            st->unstated_level[row] = level;
            if (!(st->unstated_msg[row] = copy_str(st->doc_arena, message)))
                return cl_nomem(NULL);
        }
        if (level > CL_LEVEL_OK && (unsigned)level < 4)
            st->counts[level]++;
        return 0;
    }
    CL_TRY(cl_grow(&st->occ, &st->capocc, st->nocc + 1, sizeof *st->occ, 16));
    h = &st->occ[st->nocc];
    memset(h, 0, sizeof *h);
    h->claim = o->claim;
    h->row = row;
    h->seq = st->nocc;
    h->status = o->status;
    h->level = level;
    h->line = o->line;
    h->column = o->column;
    h->sent_start = o->sentence->start_byte;
    h->sent_end = o->sentence->end_byte;
    h->match_start = o->start_byte;
    h->match_end = o->end_byte;
    if (!(h->message = copy_str(st->doc_arena, message)))
        return cl_nomem(NULL);
    if (o->cue) {
        h->cue = o->cue->def;
        h->cue_text = copy_range(st->doc_arena, o->sentence, o->cue->tokens);
        if (!h->cue_text && o->cue->tokens.start < o->cue->tokens.end)
            return cl_nomem(NULL);
    }
    if ((unsigned)level < 4)
        st->counts[level]++;
    st->nocc++;
    return 0;
}

/* ---- the article ---------------------------------------------------------- */

/* Writing the article's text: paragraphs (<p>) at blank lines, <br> at
 * other line breaks, and the highlight spans now open, which a paragraph
 * break closes and the next paragraph reopens (so tags never cross). */
struct render {
    cl_buf *b;
    const char *text;
    int in_p;        /* a <p> is open */
    int pending_br;  /* a line break waits for the next visible character */
    int any;         /* something visible was written */
    cl_buf tag[2];   /* the start tags of the open spans, without '>' */
    size_t nopen;
};

/* Open a paragraph (reopening the spans) or write the pending line break,
 * before visible content. */
static void ensure_p(struct render *r)
{
    size_t k;

    if (!r->in_p) {
        cl_buf_puts(r->b, "<p>");
        for (k = 0; k < r->nopen; k++) {
            if (r->tag[k].data)
                cl_buf_add(r->b, r->tag[k].data, r->tag[k].len);
            cl_buf_putc(r->b, '>');
        }
        r->in_p = 1;
    } else if (r->pending_br) {
        cl_buf_puts(r->b, "<br>\n");
    }
    r->pending_br = 0;
    r->any = 1;
}

static void para_break(struct render *r)
{
    size_t k;

    if (r->in_p) {
        for (k = 0; k < r->nopen; k++)
            cl_buf_puts(r->b, "</span>");
        cl_buf_puts(r->b, "</p>\n");
    }
    r->in_p = 0;
    r->pending_br = 0;
}

/* Open the span whose start tag is in r->tag[r->nopen] (built by the
 * caller), with ID (may be NULL) on its first part only. */
static void open_span(struct render *r, const char *id)
{
    ensure_p(r);
    if (r->tag[r->nopen].data)
        cl_buf_add(r->b, r->tag[r->nopen].data, r->tag[r->nopen].len);
    if (id)
        cl_buf_printf(r->b, " id=\"%s\"", id);
    cl_buf_putc(r->b, '>');
    r->nopen++;
}

static void close_span(struct render *r)
{
    if (r->in_p)
        cl_buf_puts(r->b, "</span>");
    r->nopen--;
}

static int is_break(char c)
{
    return c == '\n' || c == '\r';
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Write the text of bytes [FROM, TO) of the article. */
static void render_text(struct render *r, size_t from, size_t to)
{
    const char *t = r->text;
    size_t i = from, j;

    while (i < to) {
        if (is_break(t[i])) {
            int blank = 0;
            i += (t[i] == '\r' && i + 1 < to && t[i + 1] == '\n') ? 2 : 1;
            for (;;) { /* swallow the blank lines that follow */
                for (j = i; j < to && is_blank(t[j]); j++)
                    ;
                if (j >= to || !is_break(t[j]))
                    break;
                blank = 1;
                i = j + ((t[j] == '\r' && j + 1 < to && t[j + 1] == '\n') ? 2 : 1);
            }
            if (blank)
                para_break(r);
            else if (r->in_p)
                r->pending_br = 1;
        } else if (is_blank(t[i])) {
            while (i < to && is_blank(t[i]))
                i++;
            if (r->in_p && !r->pending_br)
                cl_buf_putc(r->b, ' ');
        } else {
            for (j = i; j < to && !is_break(t[j]) && !is_blank(t[j]); j++)
                ;
            ensure_p(r);
            cl_html_esc(r->b, t + i, j - i, 1);
            i = j;
        }
    }
}

/* "K. CLAIM: STATUS, SEVERITY - MESSAGE", escaped, for hover titles. */
static void occ_title(cl_buf *b, const struct h_occ *o, size_t note)
{
    cl_buf_printf(b, "%zu. ", note);
    cl_html_escs(b, o->claim->id);
    cl_buf_printf(b, ": %s, %s - ", cl_status_name(o->status), cl_level_name(o->level));
    cl_html_escs(b, o->message);
}

/* The most severe of the occurrences OCC[I] for I in IDX[0..N) (the first
 * among equals). */
static const struct h_occ *decisive(const struct h_occ *occ, const size_t *idx, size_t n)
{
    const struct h_occ *best = NULL;
    size_t i;

    for (i = 0; i < n; i++)
        if (!best || occ[idx[i]].level > best->level)
            best = &occ[idx[i]];
    return best;
}

/* Build in TAG the start tag (without '>') of a highlight span of class
 * KIND ("cl-hl" for a sentence, "cl-m" for a match) for the occurrences
 * OCC[IDX[0..N)], note numbers their index in OCC + 1; with a hover title
 * listing them when TITLE. */
static void build_tag(cl_buf *tag, const char *kind, const struct h_occ *occ, const size_t *idx,
                      size_t n, int title)
{
    const struct h_occ *d = decisive(occ, idx, n);
    size_t i, k;

    tag->len = 0;
    if (tag->data)
        tag->data[0] = '\0';
    cl_buf_printf(tag, "<span class=\"%s cl-%s cl-%s\" data-claim=\"", kind,
                  cl_status_name(d->status), cl_level_name(d->level));
    for (i = 0; i < n; i++) {
        for (k = 0; k < i && occ[idx[k]].claim != occ[idx[i]].claim; k++)
            ;
        if (k < i)
            continue; /* the same claim twice in one sentence */
        if (i)
            cl_buf_putc(tag, ' ');
        cl_html_escs(tag, occ[idx[i]].claim->id);
    }
    cl_buf_printf(tag, "\" data-status=\"%s\" data-severity=\"%s\"", cl_status_name(d->status),
                  cl_level_name(d->level));
    if (!title)
        return;
    cl_buf_puts(tag, " title=\"");
    for (i = 0; i < n; i++) {
        if (i)
            cl_buf_puts(tag, "&#10;");
        occ_title(tag, &occ[idx[i]], idx[i] + 1);
    }
    cl_buf_putc(tag, '"');
}

void cl_html_badge(cl_buf *b, const char *name)
{
    cl_buf_printf(b, "<span class=\"cl-badge cl-badge-%s\">%s</span>", name, name);
}

/* The side note of occurrence O, number NOTE, of document DOCNO: the claim,
 * its status, severity and deciding cue, the message (and the claim's title
 * when the message does not quote it), the verdict with its sources and
 * where the claim is declared. Kept to a few lines so that notes stay
 * beside their sentences. */
static void note(cl_buf *b, size_t docno, const struct h_occ *o, size_t note)
{
    const cl_claim *c = o->claim;
    size_t i;

    cl_buf_printf(b, "<span class=\"cl-note cl-note-%s\" id=\"d%zu-n%zu\" role=\"note\">\n",
                  cl_level_name(o->level), docno, note);
    cl_buf_printf(b, "<span class=\"cl-note-head\"><a class=\"cl-num\" href=\"#d%zu-r%zu\" "
                     "title=\"line %u, column %u\">%zu</a> ",
                  docno, note, o->line, o->column, note);
    if (o->row != NO_ROW)
        cl_buf_printf(b, "<a class=\"cl-id\" href=\"#d%zu-c%zu\">", docno, o->row + 1);
    else
        cl_buf_puts(b, "<span class=\"cl-id\">");
    cl_html_escs(b, c->id);
    cl_buf_puts(b, o->row != NO_ROW ? "</a> " : "</span> ");
    cl_html_badge(b, cl_status_name(o->status));
    cl_buf_putc(b, ' ');
    cl_html_badge(b, cl_level_name(o->level));
    if (o->cue) {
        cl_buf_printf(b, " <span class=\"cl-cue\" title=\"cue declared at ");
        cl_html_escs(b, o->cue->file);
        cl_buf_printf(b, ":%u\">%s <q>", o->cue->line, cl_cue_kind_name(o->cue->kind));
        cl_html_escs(b, o->cue_text ? o->cue_text : o->cue->phrase);
        cl_buf_puts(b, "</q></span>");
    } else {
        cl_buf_puts(b, " <span class=\"cl-cue\">no cue</span>");
    }
    cl_buf_puts(b, "</span>\n<span class=\"cl-note-msg\">");
    cl_html_escs(b, o->message);
    cl_buf_puts(b, "</span>\n");
    if (c->title && !strstr(o->message, c->title)) {
        cl_buf_puts(b, "<span class=\"cl-note-title\">");
        cl_html_escs(b, c->title);
        cl_buf_puts(b, "</span>\n");
    }
    cl_buf_printf(b, "<span class=\"cl-note-src\"><span class=\"cl-verdict\">%s</span>: ",
                  cl_verdict_name(c->verdict));
    for (i = 0; i < c->nsources; i++) {
        const cl_source *s = &c->sources[i];
        if (i)
            cl_buf_puts(b, "; ");
        if (safe_href(s->href)) {
            cl_buf_puts(b, "<a href=\"");
            cl_html_escs(b, s->href);
            cl_buf_puts(b, "\" rel=\"noopener noreferrer\">");
            cl_html_escs(b, s->text && *s->text ? s->text : s->href);
            cl_buf_puts(b, "</a>");
        } else {
            cl_html_escs(b, s->text);
            if (s->href) {
                cl_buf_puts(b, " (<span class=\"cl-loc\">");
                cl_html_escs(b, s->href);
                cl_buf_puts(b, "</span>)");
            }
        }
    }
    if (!c->nsources)
        cl_buf_puts(b, "no source given");
    cl_buf_puts(b, " <span class=\"cl-loc\">");
    cl_html_escs(b, c->file);
    cl_buf_printf(b, ":%u</span></span>\n</span>", c->line);
}

static int occ_cmp(const void *a, const void *b)
{
    const struct h_occ *x = a, *y = b;

    if (x->sent_start != y->sent_start)
        return x->sent_start < y->sent_start ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

static size_t clamp(size_t v, size_t lo, size_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Write the highlighted sentence (or merged overlapping sentences) made of
 * OCC[A..B), bytes [FROM, TO), group G, then its markers and notes. IDX and
 * CUTS are scratch arrays of at least B - A and 2 (B - A) + 2 entries. */
static void render_group(struct render *r, size_t docno, const struct h_occ *occ, size_t a,
                         size_t b, size_t from, size_t to, size_t g, size_t *idx, size_t *cuts)
{
    size_t i, k, ncuts = 0, n = b - a;
    char id[64];

    for (i = 0; i < n; i++)
        idx[i] = a + i;
    build_tag(&r->tag[r->nopen], "cl-hl", occ, idx, n, 1);
    snprintf(id, sizeof id, "d%zu-s%zu", docno, g);
    open_span(r, id);
    /* split at every match boundary: overlapping matches share segments */
    cuts[ncuts++] = from;
    cuts[ncuts++] = to;
    for (i = a; i < b; i++) {
        cuts[ncuts++] = clamp(occ[i].match_start, from, to);
        cuts[ncuts++] = clamp(occ[i].match_end, from, to);
    }
    qsort(cuts, ncuts, sizeof *cuts, size_cmp);
    for (k = 0; k + 1 < ncuts; k++) {
        size_t x = cuts[k], y = cuts[k + 1], m = 0;
        if (x == y)
            continue;
        for (i = a; i < b; i++)
            if (occ[i].match_start < occ[i].match_end && occ[i].match_start <= x &&
                occ[i].match_end >= y)
                idx[m++] = i;
        if (m) {
            /* the sentence's title says it all when every claim covers it */
            build_tag(&r->tag[r->nopen], "cl-m", occ, idx, m, m < n);
            open_span(r, NULL);
        }
        render_text(r, x, y);
        if (m)
            close_span(r);
    }
    close_span(r);
    ensure_p(r);
    for (i = a; i < b; i++) {
        cl_buf_printf(r->b, "<sup class=\"cl-ref\"><a class=\"cl-ref-%s\" id=\"d%zu-r%zu\" "
                            "href=\"#d%zu-n%zu\" title=\"",
                      cl_level_name(occ[i].level), docno, i + 1, docno, i + 1);
        occ_title(r->b, &occ[i], i + 1);
        cl_buf_printf(r->b, "\">%zu</a></sup>", i + 1);
    }
    for (i = a; i < b; i++)
        note(r->b, docno, &occ[i], i + 1);
}

/* Write the article of DOC with the (sorted) occurrences of ST. */
static int render_article(struct html_state *st, const cl_doc *doc, size_t docno)
{
    size_t len, pos = 0, a = 0, g = 0;
    const char *text = cl_doc_text(doc, &len);
    struct render r;
    size_t *idx = malloc((st->nocc ? st->nocc : 1) * sizeof *idx);
    size_t *cuts = malloc((2 * st->nocc + 2) * sizeof *cuts);

    if (!idx || !cuts) {
        free(idx);
        free(cuts);
        return cl_nomem(NULL);
    }
    memset(&r, 0, sizeof r);
    r.b = &st->body;
    r.text = text ? text : "";
    if (!text)
        len = 0;
    cl_buf_puts(r.b, "<div class=\"cl-article\">\n");
    while (a < st->nocc) {
        size_t b = a + 1, from = clamp(st->occ[a].sent_start, pos, len);
        size_t to = clamp(st->occ[a].sent_end, from, len);
        while (b < st->nocc && st->occ[b].sent_start < to) {
            if (st->occ[b].sent_end > to)
                to = clamp(st->occ[b].sent_end, from, len);
            b++;
        }
        render_text(&r, pos, from);
        render_group(&r, docno, st->occ, a, b, from, to, ++g, idx, cuts);
        pos = to;
        a = b;
    }
    render_text(&r, pos, len);
    para_break(&r);
    if (!r.any)
        cl_buf_puts(r.b, "<p class=\"cl-empty\">(empty document)</p>\n");
    cl_buf_puts(r.b, "</div>\n");
    if (r.tag[0].failed || r.tag[1].failed)
        r.b->failed = 1; /* a tag was cut short: the page must not be used */
    cl_buf_free(&r.tag[0]);
    cl_buf_free(&r.tag[1]);
    free(idx);
    free(cuts);
    return 0;
}

/* ---- the per-claim table -------------------------------------------------- */

void cl_html_counts(cl_buf *b, const size_t counts[4])
{
    static const char *const names[4][2] = {
        {"ok", "ok"}, {"info", "infos"}, {"warning", "warnings"}, {"error", "errors"}};
    int l;

    for (l = CL_LEVEL_ERROR; l >= CL_LEVEL_OK; l--)
        cl_buf_printf(b, "<span class=\"cl-count cl-badge-%s\"><b>%zu</b> %s</span>%s",
                      names[l][0], counts[l], names[l][counts[l] == 1 ? 0 : 1],
                      l > CL_LEVEL_OK ? " " : "");
}

/* Write the table of every claim of the rules for the current document. */
static int render_table(cl_emitter *e, size_t docno)
{
    struct html_state *st = e->state;
    cl_buf *b = &st->body;
    size_t *next = malloc((st->nocc ? st->nocc : 1) * sizeof *next);
    size_t i, row;

    if (!next)
        return cl_nomem(NULL);
    for (row = 0; row < st->nclaims; row++)
        st->head[row] = NO_ROW;
    for (i = st->nocc; i-- > 0;) { /* lists in document order */
        if ((row = st->occ[i].row) == NO_ROW)
            continue;
        next[i] = st->head[row];
        st->head[row] = i;
    }
    cl_buf_puts(b, "<table class=\"cl-claims\">\n<thead><tr><th scope=\"col\">Claim</th>"
                   "<th scope=\"col\">Title</th><th scope=\"col\">Verdict</th>"
                   "<th scope=\"col\">Status</th><th scope=\"col\">Severity</th>"
                   "<th scope=\"col\">Where</th></tr></thead>\n<tbody>\n");
    for (row = 0; row < st->nclaims; row++) {
        const cl_claim *c = cl_rules_claim(e->rules, row);
        const struct h_occ *d = NULL;
        cl_status status;
        cl_level level;
        const char *msg;
        for (i = st->head[row]; i != NO_ROW; i = next[i])
            if (!d || st->occ[i].level > d->level)
                d = &st->occ[i];
        status = d ? d->status : CL_STATUS_UNSTATED;
        level = d ? d->level : st->unstated_level[row];
        msg = d ? d->message : st->unstated_msg[row];
        cl_buf_printf(b, "<tr id=\"d%zu-c%zu\" class=\"cl-row-%s\" data-claim=\"", docno, row + 1,
                      cl_level_name(level));
        cl_html_escs(b, c->id);
        cl_buf_printf(b, "\" data-status=\"%s\" data-severity=\"%s\" title=\"",
                      cl_status_name(status), cl_level_name(level));
        cl_html_escs(b, msg);
        cl_buf_puts(b, "\"><td>");
        if (d)
            cl_buf_printf(b, "<a href=\"#d%zu-r%zu\"><code>", docno, st->head[row] + 1);
        else
            cl_buf_puts(b, "<code>");
        cl_html_escs(b, c->id);
        cl_buf_puts(b, d ? "</code></a></td><td>" : "</code></td><td>");
        cl_html_escs(b, c->title);
        cl_buf_printf(b, "</td><td>%s</td><td>", cl_verdict_name(c->verdict));
        cl_html_badge(b, cl_status_name(status));
        cl_buf_puts(b, "</td><td>");
        cl_html_badge(b, cl_level_name(level));
        cl_buf_puts(b, "</td><td class=\"cl-where\">");
        for (i = st->head[row]; i != NO_ROW; i = next[i])
            cl_buf_printf(b, "%s<a href=\"#d%zu-r%zu\" title=\"%s\">%u:%u</a>",
                          i == st->head[row] ? "" : " ", docno, i + 1,
                          cl_status_name(st->occ[i].status), st->occ[i].line,
                          st->occ[i].column);
        if (!d)
            cl_buf_puts(b, "&mdash;");
        cl_buf_puts(b, "</td></tr>\n");
    }
    cl_buf_puts(b, "</tbody>\n</table>\n");
    free(next);
    return 0;
}

/* Render the current document, number DOCNO, F its entry for the header,
 * into the body. */
static int render_doc(cl_emitter *e, const cl_doc *doc, size_t docno, const struct h_file *f)
{
    struct html_state *st = e->state;
    int err;

    if (st->nocc > 1)
        qsort(st->occ, st->nocc, sizeof *st->occ, occ_cmp);
    cl_buf_printf(&st->body, "<section class=\"cl-doc\" id=\"d%zu\">\n<h2>", docno);
    cl_html_escs(&st->body, f->name);
    cl_buf_puts(&st->body, "</h2>\n<p class=\"cl-docsum\">");
    cl_html_counts(&st->body, f->counts);
    cl_buf_printf(&st->body, " &middot; %zu claim %s in the text</p>\n", st->nocc,
                  st->nocc == 1 ? "occurrence" : "occurrences");
    if ((err = render_table(e, docno)) < 0)
        return err;
    cl_buf_puts(&st->body, "<h3>The article</h3>\n");
    if ((err = render_article(st, doc, docno)) < 0)
        return err;
    cl_buf_puts(&st->body, "</section>\n");
    return st->body.failed ? cl_nomem(NULL) : 0;
}

/* Render the document that ends. When that fails, its section is taken
 * out again, so that the page stays whole for the other documents (the
 * caller reports the error). */
static int html_end_file(cl_emitter *e, const cl_doc *doc)
{
    struct html_state *st = e->state;
    struct h_file *f;
    size_t mark = st->body.len;
    int err;

    if ((err = setup(e)) < 0)
        return err;
    if (st->doc != doc)
        reset_doc(st); /* no occurrence at all (no claims), or stale ones */
    CL_TRY(cl_grow(&st->files, &st->capfiles, st->nfiles + 1, sizeof *st->files, 8));
    f = &st->files[st->nfiles];
    if (!(f->name = copy_str(st->run_arena, cl_doc_name(doc))))
        return cl_nomem(NULL);
    memcpy(f->counts, st->counts, sizeof f->counts);
    err = render_doc(e, doc, st->nfiles + 1, f);
    reset_doc(st);
    if (err < 0) {
        if (!st->body.failed && st->body.data) {
            st->body.len = mark;
            st->body.data[mark] = '\0';
        }
        return err;
    }
    st->nfiles++;
    return 0;
}

/* ---- the page ------------------------------------------------------------- */

/* A distinct rule file and what it declares, for the header. */
struct rule_file {
    const char *path;
    size_t claims, cues;
};

/* Add PATH to the list V of N files (capacity *CAP), or find it there;
 * returns its entry or NULL when out of memory. */
static struct rule_file *rule_file(struct rule_file **v, size_t *n, size_t *cap,
                                   const char *path)
{
    size_t i;

    for (i = *n; i-- > 0;)
        if ((*v)[i].path == path || strcmp((*v)[i].path, path) == 0)
            return &(*v)[i];
    if (cl_grow(&*v, &*cap, *n + 1, sizeof **v, 8) < 0)
        return NULL;
    (*v)[*n].path = path;
    (*v)[*n].claims = (*v)[*n].cues = 0;
    return &(*v)[(*n)++];
}

/* The rule files that declared the claims, then the cue lexicons. */
static int rules_list(cl_emitter *e, cl_buf *b)
{
    struct rule_file *v = NULL, *f;
    size_t n = 0, cap = 0, i;
    size_t nclaims = e->rules ? cl_rules_claim_count(e->rules) : 0;
    size_t ncues = e->rules ? cl_rules_cue_count(e->rules) : 0;

    for (i = 0; i < nclaims; i++) {
        const cl_claim *c = cl_rules_claim(e->rules, i);
        if (!(f = rule_file(&v, &n, &cap, c->file ? c->file : "?")))
            goto nomem;
        f->claims++;
    }
    for (i = 0; i < ncues; i++) {
        const cl_cue_def *c = cl_rules_cue(e->rules, i);
        if (!(f = rule_file(&v, &n, &cap, c->file ? c->file : "?")))
            goto nomem;
        f->cues++;
    }
    cl_buf_puts(b, "<section><h2>Rule files</h2>\n<ul class=\"cl-rules\">\n");
    for (i = 0; i < n; i++) {
        cl_buf_puts(b, "<li><code>");
        cl_html_escs(b, v[i].path);
        cl_buf_puts(b, "</code> <span class=\"cl-mini\">");
        if (v[i].claims)
            cl_buf_printf(b, "%zu claim%s", v[i].claims, v[i].claims == 1 ? "" : "s");
        if (v[i].cues) /* no count: it moves with every change to a lexicon */
            cl_buf_printf(b, "%scues", v[i].claims ? ", " : "");
        cl_buf_puts(b, "</span></li>\n");
    }
    if (!n)
        cl_buf_puts(b, "<li>none</li>\n");
    cl_buf_puts(b, "</ul></section>\n");
    free(v);
    return 0;
nomem:
    free(v);
    return cl_nomem(NULL);
}

/* Write the head and the header of the page to E->out. */
static int page_top(cl_emitter *e)
{
    struct html_state *st = e->state;
    cl_buf *b = &e->out;
    size_t totals[4] = {0, 0, 0, 0}, i;
    size_t nclaims = e->rules ? cl_rules_claim_count(e->rules) : 0;
    int l;

    for (i = 0; i < st->nfiles; i++)
        for (l = 0; l < 4; l++)
            totals[l] += st->files[i].counts[l];
    cl_buf_puts(b, CL_HTML_HEAD "<title>claimlint report: ");
    if (st->nfiles == 1)
        cl_html_escs(b, st->files[0].name);
    else
        cl_buf_printf(b, "%zu files", st->nfiles);
    cl_html_head_end(b, 0);
    cl_buf_puts(b, "<input type=\"checkbox\" class=\"cl-toggle\" id=\"cl-hide-notes\">\n"
                   "<input type=\"checkbox\" class=\"cl-toggle\" id=\"cl-hide-ok\">\n"
                   "<header class=\"cl-top\"><div class=\"cl-wrap\">\n<h1>Claim report</h1>\n"
                   "<p class=\"cl-totals\">");
    cl_html_counts(b, totals);
    cl_buf_printf(b, " &middot; %zu file%s checked against %zu claim%s</p>\n", st->nfiles,
                  st->nfiles == 1 ? "" : "s", nclaims, nclaims == 1 ? "" : "s");
    cl_buf_puts(b, "<div class=\"cl-meta\">\n<section><h2>Files checked</h2>\n"
                   "<ol class=\"cl-files\">\n");
    for (i = 0; i < st->nfiles; i++) {
        const size_t *c = st->files[i].counts;
        cl_buf_printf(b, "<li><a href=\"#d%zu\">", i + 1);
        cl_html_escs(b, st->files[i].name);
        cl_buf_printf(b, "</a> <span class=\"cl-mini\">%zu error%s, %zu warning%s, %zu info%s"
                         "</span></li>\n",
                      c[CL_LEVEL_ERROR], c[CL_LEVEL_ERROR] == 1 ? "" : "s",
                      c[CL_LEVEL_WARNING], c[CL_LEVEL_WARNING] == 1 ? "" : "s",
                      c[CL_LEVEL_INFO], c[CL_LEVEL_INFO] == 1 ? "" : "s");
    }
    if (!st->nfiles)
        cl_buf_puts(b, "<li>none</li>\n");
    cl_buf_puts(b, "</ol></section>\n");
    if (rules_list(e, b) < 0)
        return cl_nomem(NULL);
    cl_buf_puts(b, cl_report_legend);
    cl_buf_puts(b, "</div>\n<p class=\"cl-switches\">"
                   "<label for=\"cl-hide-notes\">Hide the notes</label>"
                   "<label for=\"cl-hide-ok\">Only findings</label>"
                   " Hover a highlight or a number for the claim; the notes give the cue,"
                   " the source and the message.</p>\n"
                   "</div></header>\n<main class=\"cl-wrap\">\n");
    return 0;
}

static int html_finish(cl_emitter *e)
{
    struct html_state *st = e->state;
    cl_buf tmp;
    int err;

    if ((err = setup(e)) < 0)
        return err;
    if ((err = page_top(e)) < 0)
        return err;
    if ((err = cl_emit_flush(e)) < 0)
        return err;
    /* write the rendered documents through e->out without copying them */
    tmp = e->out;
    e->out = st->body;
    st->body = tmp;
    err = cl_emit_flush(e);
    tmp = e->out;
    e->out = st->body;
    st->body = tmp;
    if (err < 0)
        return err;
    if (!st->nfiles)
        cl_buf_puts(&e->out, "<p class=\"cl-none\">No document was checked.</p>\n");
    cl_buf_puts(&e->out, "</main>\n<footer class=\"cl-wrap\">Written by claimlint. A claim&rsquo;s "
                         "status in the table is that of its most severe occurrence.</footer>\n"
                         "</body>\n</html>\n");
    return 0;
}

static void html_free(cl_emitter *e)
{
    struct html_state *st = e->state;

    if (!st)
        return;
    free(st->unstated_level);
    free(st->unstated_msg);
    free(st->head);
    free(st->occ);
    free(st->files);
    cl_arena_free(st->doc_arena);
    cl_arena_free(st->run_arena);
    cl_buf_free(&st->body);
}

const struct cl_emitter_ops cl_emit_html = {
    "html", "one self-contained HTML page: per-claim tables and the highlighted articles",
    sizeof(struct html_state), html_occurrence, html_end_file, html_finish, html_free};
