/* segment.c - split plain text into sentences (byte spans), and the
 * abbreviation sets that tell the splitter where a period is no full stop.
 *
 * How CL_SPLIT_AUTO decides, in one paragraph: the text is walked once, line
 * by line. A blank line (or U+2029) always ends a sentence; a list marker at
 * the start of a line ("1.", "2)", "(a)", "a.", "-", "*", "•") starts one and
 * is left out of it. Inside lines, every run of terminators (". ! ? …", "?!",
 * "...", ". . .") with the closing quotes and brackets after it is a
 * candidate; a bounded look at the word before the run (abbreviations,
 * initials) and at the next word after the white space (lowercase? a common
 * sentence starter?) decides whether the sentence ends there. A line without
 * final punctuation ends a sentence when it reads like a headline or is too
 * long to be hard-wrapped (see line_ends_sentence). Each decision looks at a
 * bounded neighbourhood or at the next line only, so the cost is linear in
 * the text, and there is no mutable global state (threads may share one
 * cl_abbrevs, which is read-only once loaded).
 *
 * Alternatives turned down:
 * - A statistical splitter (Punkt, as in NLTK) learns abbreviations from the
 *   text itself; it needs a training pass and gives results that are hard to
 *   explain to a fact-checker. A data file of abbreviations is predictable and
 *   easy to extend (rules/abbreviations/en.txt).
 * - Splitting the text into an array of lines or tokens first would make the
 *   rules simpler to write but costs memory proportional to the text (100 MB
 *   of short lines); the walk below keeps at most the current and next line.
 * - libunistring's u8_sentence_breaks (UAX #29) breaks after "Mr." and
 *   "U.S." and knows nothing about headlines or lists.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE ((size_t)-1)
#define KEY_MAX 64         /* longest abbreviation or listed word, bytes */
#define TOKEN_MAX 64       /* how far back a run looks for its word, bytes */
#define HEAD_MAX_WORDS 20  /* a longer line is never taken for a headline */
#define LONG_LINE 120      /* code points; no one hard-wraps prose this wide */
#define LIST_LINE 40       /* code points; a longer line is no one-per-line item */
#define LIST_REACH 256     /* how far an inline "1)" looks for its "2)", bytes */

/* ---- abbreviation sets -------------------------------------------------- */

enum { AB_ABBR = 1, AB_STARTER, AB_MINOR, AB_TITLE }; /* kinds of entries */
enum { CLS_NEVER = 0, CLS_END, CLS_NUM, CLS_PLAIN }; /* CLS_PLAIN: not listed */

typedef struct ab_slot {
    size_t off;     /* key bytes in the pool */
    uint32_t len;   /* key length; 0 marks a free slot */
    uint8_t kind, cls;
} ab_slot;

/* An open-addressing hash set of (kind, bytes) keys whose bytes live in one
 * growing pool, so loading costs a few allocations, not one per entry. */
struct cl_abbrevs {
    char *pool;
    size_t pool_len, pool_cap;
    ab_slot *slots;
    size_t nslots, count; /* nslots is 0 or a power of two */
};

/* FNV-1a over the kind and the key bytes. */
static uint64_t ab_hash(int kind, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)kind;
    size_t i;

    h *= 1099511628211u;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

/* The slot holding (KIND, S, N), or the free slot where it would go; NULL
 * only when the table has no slots yet. */
static ab_slot *ab_slot_for(const cl_abbrevs *a, int kind, const char *s, size_t n)
{
    size_t mask, i;

    if (a->nslots == 0)
        return NULL;
    mask = a->nslots - 1;
    for (i = (size_t)ab_hash(kind, s, n) & mask;; i = (i + 1) & mask) {
        ab_slot *sl = &a->slots[i];
        if (sl->len == 0 ||
            (sl->kind == kind && sl->len == n && memcmp(a->pool + sl->off, s, n) == 0))
            return sl;
    }
}

/* The entry (KIND, S, N) of A, or NULL. A may be NULL (an empty set). */
static const ab_slot *ab_find(const cl_abbrevs *a, int kind, const char *s, size_t n)
{
    const ab_slot *sl;

    if (!a || n == 0 || n > KEY_MAX)
        return NULL;
    sl = ab_slot_for(a, kind, s, n);
    return sl && sl->len ? sl : NULL;
}

/* Double the slot table (or create it) and re-insert every entry. */
static int ab_grow(cl_abbrevs *a)
{
    size_t nslots = a->nslots ? a->nslots * 2 : 256, i;
    ab_slot *old = a->slots, *slots = calloc(nslots, sizeof *slots);

    if (!slots)
        return cl_nomem(NULL);
    a->slots = slots;
    a->nslots = nslots;
    for (i = 0; old && i < nslots / 2; i++)
        if (old[i].len)
            *ab_slot_for(a, old[i].kind, a->pool + old[i].off, old[i].len) = old[i];
    free(old);
    return 0;
}

/* Add (KIND, S, N) with class CLS to A; a repeated key takes the new class.
 * N is 1..KEY_MAX. Returns 0 or CL_ENOMEM. */
static int ab_add(cl_abbrevs *a, int kind, int cls, const char *s, size_t n)
{
    ab_slot *sl;

    if ((a->count + 1) * 2 > a->nslots && ab_grow(a) < 0)
        return cl_nomem(NULL);
    sl = ab_slot_for(a, kind, s, n);
    if (sl->len) {
        sl->cls = (uint8_t)cls;
        return 0;
    }
    if (a->pool_len + n > a->pool_cap) {
        size_t cap = a->pool_cap ? a->pool_cap * 2 : 4096;
        char *pool;
        while (cap < a->pool_len + n)
            cap *= 2;
        pool = realloc(a->pool, cap);
        if (!pool)
            return cl_nomem(NULL);
        a->pool = pool;
        a->pool_cap = cap;
    }
    memcpy(a->pool + a->pool_len, s, n);
    sl->off = a->pool_len;
    sl->len = (uint32_t)n;
    sl->kind = (uint8_t)kind;
    sl->cls = (uint8_t)cls;
    a->pool_len += n;
    a->count++;
    return 0;
}

int cl_abbrevs_new(cl_abbrevs **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : cl_nomem(NULL);
}

void cl_abbrevs_free(cl_abbrevs *a)
{
    if (!a)
        return;
    free(a->pool);
    free(a->slots);
    free(a);
}

/* Split LINE (N bytes, comment already cut off) into at most MAX fields at
 * spaces and tabs; stores offsets and lengths and returns how many there are
 * (MAX + 1 when there are more). */
static size_t split_fields(const char *line, size_t n, size_t *off, size_t *len, size_t max)
{
    size_t i = 0, nf = 0;

    for (;;) {
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == n)
            return nf;
        if (nf == max)
            return max + 1;
        off[nf] = i;
        while (i < n && line[i] != ' ' && line[i] != '\t')
            i++;
        len[nf] = i - off[nf];
        nf++;
    }
}

/* Parse one line of an abbreviation file (N bytes without the line end) into
 * A. PATH and LINENO only name the place in errors. Directives take any number
 * of words, so they are parsed field by field. */
static int ab_parse_line(cl_abbrevs *a, const char *line, size_t n, const char *path,
                         unsigned lineno)
{
    size_t off[3], len[3], nf, i;
    const char *hash = memchr(line, '#', n);
    int cls = CLS_NEVER, kind, rc;

    if (memchr(line, '\0', n) || cl_utf8_invalid(line, n) != (size_t)-1)
        return cl_error_set(CL_EPARSE, path, lineno, 0, "invalid UTF-8 or NUL byte");
    if (hash)
        n = (size_t)(hash - line);
    nf = split_fields(line, n, off, len, 1);
    if (nf == 0)
        return 0;
    if (line[off[0]] == '%') {
        const char *d = line + off[0];
        if (len[0] == 9 && memcmp(d, "%starters", 9) == 0)
            kind = AB_STARTER;
        else if (len[0] == 6 && memcmp(d, "%minor", 6) == 0)
            kind = AB_MINOR;
        else if (len[0] == 7 && memcmp(d, "%titles", 7) == 0)
            kind = AB_TITLE;
        else
            return cl_error_set(CL_EPARSE, path, lineno,
                                (unsigned)cl_utf8_count(line, off[0]) + 1,
                                "unknown directive '%.*s'", (int)len[0], d);
        for (i = off[0] + len[0]; (nf = split_fields(line + i, n - i, off, len, 1)) > 0;
             i += off[0] + len[0]) {
            if (len[0] > KEY_MAX)
                return cl_error_set(CL_EPARSE, path, lineno,
                                    (unsigned)cl_utf8_count(line, i + off[0]) + 1,
                                    "word longer than %d bytes", KEY_MAX);
            if ((rc = ab_add(a, kind, CLS_NEVER, line + i + off[0], len[0])) < 0)
                return rc;
        }
        return 0;
    }
    nf = split_fields(line, n, off, len, 2);
    if (nf > 2)
        return cl_error_set(CL_EPARSE, path, lineno, 0,
                            "expected an abbreviation and at most one class");
    if (len[0] < 2 || len[0] > KEY_MAX ||
        (line[off[0] + len[0] - 1] != '.' && line[off[0] + len[0] - 1] != '!'))
        return cl_error_set(CL_EPARSE, path, lineno,
                            (unsigned)cl_utf8_count(line, off[0]) + 1,
                            "'%.*s' is no abbreviation: it must end in '.' or '!' "
                            "and be 2 to %d bytes long", (int)len[0], line + off[0], KEY_MAX);
    if (nf == 2) {
        const char *c = line + off[1];
        unsigned col = (unsigned)cl_utf8_count(line, off[1]) + 1;
        if (len[1] == 5 && memcmp(c, "never", 5) == 0)
            cls = CLS_NEVER;
        else if (len[1] == 3 && memcmp(c, "end", 3) == 0)
            cls = CLS_END;
        else if (len[1] == 3 && memcmp(c, "num", 3) == 0)
            cls = CLS_NUM;
        else
            return cl_error_set(CL_EPARSE, path, lineno, col,
                                "unknown class '%.*s' (expected never, end or num)",
                                (int)len[1], c);
    }
    return ab_add(a, AB_ABBR, cls, line + off[0], len[0]);
}

/* Entries read before an error stay in A: a caller that cares discards A. */
int cl_abbrevs_load(cl_abbrevs *a, const char *path)
{
    FILE *f;
    char *buf = NULL;
    size_t cap = 0, n;
    ssize_t got;
    unsigned lineno = 0;
    int rc = 0;

    if (!a || !path)
        return cl_error_set(CL_EINVAL, path, 0, 0, "no abbreviation set or path");
    f = fopen(path, "r");
    if (!f)
        return cl_error_set(CL_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    errno = 0;
    while ((got = getline(&buf, &cap, f)) >= 0) {
        n = (size_t)got;
        lineno++;
        if (n > 0 && buf[n - 1] == '\n')
            n--;
        if (n > 0 && buf[n - 1] == '\r')
            n--;
        if ((rc = ab_parse_line(a, buf, n, path, lineno)) < 0)
            goto cleanup;
    }
    if (!feof(f))
        rc = errno == ENOMEM ? cl_error_set(CL_ENOMEM, path, lineno + 1, 0, "out of memory")
                             : cl_error_set(CL_EIO, path, lineno + 1, 0, "read error: %s",
                                            strerror(errno));
cleanup:
    free(buf);
    fclose(f);
    return rc;
}

/* ---- characters ------------------------------------------------------------ */

/* Eight bytes at a time: X holds eight bytes of the text (any byte order). */
#define ONES ((uint64_t)0x0101010101010101u)
#define HIGHS (ONES * 0x80)

/* Whether all eight bytes of X are 0x20..0x7F: no line end, nothing to
 * decode. (A byte below 0x20 borrows in X - 0x20.., which can only flag
 * bytes above one that is flagged anyway.) */
static int all_printable(uint64_t x)
{
    return ((x | (x - ONES * 0x20)) & HIGHS) == 0;
}

/* Bytes where the walk of a line's content (scan_line) has to stop: line
 * content other than ASCII 0x20..0x7F, terminators, and ')' and '.', which
 * end list markers. All other bytes are a space or neither end a word nor a
 * sentence. */
static int is_stop(unsigned char b)
{
    return b < 0x20 || b >= 0x80 || b == '.' || b == '!' || b == '?' || b == ')';
}

/* The high bit of each byte of X that is_stop holds for; exact for the
 * lowest flagged byte in memory order on a little-endian machine, since
 * borrows only run from a flagged byte upwards. '!' and ')' are found
 * together: (b | 8) == 0x29 holds for 0x21 and 0x29 only. Bytes 0x80 and
 * above are flagged by their own high bit. */
static uint64_t stop_mask(uint64_t x)
{
    return (x | (x - ONES * 0x20) | ((x ^ ONES * '.') - ONES) | ((x ^ ONES * '?') - ONES) |
            (((x | ONES * 0x08) ^ ONES * ')') - ONES)) &
           HIGHS;
}

/* The first stop byte (is_stop) in [I, END), or END. */
static size_t skip_plain(const char *t, size_t i, size_t end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t x, m;

    for (; end - i >= 16; i += 16) {
        uint64_t y, m2;
        memcpy(&x, t + i, 8);
        memcpy(&y, t + i + 8, 8);
        m = stop_mask(x);
        m2 = stop_mask(y);
        if (m | m2)
            return m ? i + (size_t)__builtin_ctzll(m) / 8 : i + 8 + (size_t)__builtin_ctzll(m2) / 8;
    }
    if (end - i >= 8) {
        memcpy(&x, t + i, 8);
        if ((m = stop_mask(x)) != 0)
            return i + (size_t)__builtin_ctzll(m) / 8;
        i += 8;
    }
#endif
    while (i < end && !is_stop((unsigned char)t[i]))
        i++;
    return i;
}

/* A list marker inside a line ("1)", "2.", "3.)", "a.", "•"), see
 * inline_item. */
enum { IM_NONE = 0, IM_BULLET, IM_PAREN, IM_DOT, IM_DOTPAREN };

typedef struct mark {
    int style;    /* IM_*: a bullet, or what follows the number or letter */
    int letter;   /* a letter ("a."), not a number ("1.") */
    long value;   /* the number, the letter or the bullet's code point */
    size_t len;   /* bytes of the marker itself */
    size_t body;  /* first byte after the white space that follows it */
} mark;

/* The segmenter's state: the text, the open sentence and the spans so far. */
typedef struct seg {
    const char *t;
    size_t n;
    const cl_abbrevs *ab;
    size_t start, last; /* open sentence [start, last); start NONE when none */
    size_t word;        /* start of the non-space run being scanned, or NONE */
    int long_line;      /* the line being scanned is longer than LONG_LINE */
    mark list;          /* the last list marker kept in a sentence */
    int in_list;        /* list holds one (until the paragraph ends) */
    size_t item_at;     /* a line's list marker that the line loop keeps */
    cl_span *v;
    size_t nv, cap;
} seg;

/* The code point at I (I < n); U+FFFD for a broken sequence. */
static int32_t dec(const seg *s, size_t i, size_t *len)
{
    int32_t c;

    if ((unsigned char)s->t[i] < 0x80) {
        *len = 1;
        return (unsigned char)s->t[i];
    }
    c = cl_utf8_decode(s->t + i, s->n - i, len);
    return c < 0 ? 0xFFFD : c;
}

/* The code point that ends just before I (I > 0); its first byte in *AT. */
static int32_t dec_back(const seg *s, size_t i, size_t *at)
{
    size_t j = i - 1, len;

    while (j > 0 && i - j < 4 && ((unsigned char)s->t[j] & 0xC0) == 0x80)
        j--;
    *at = j;
    return dec(s, j, &len);
}

/* Character classes, ASCII answered here: the walk asks them for most
 * characters it decodes, and the cl_uc_ functions live in another file. */
static int is_space(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return cl_uc_is_space(c) || c == 0xFEFF;
}

static int is_letter(int32_t c)
{
    return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : cl_uc_is_letter(c);
}

static int is_digit(int32_t c)
{
    return c < 0x80 ? c >= '0' && c <= '9' : cl_uc_is_digit(c);
}

static int is_lower(int32_t c)
{
    return c < 0x80 ? c >= 'a' && c <= 'z' : cl_uc_is_lower(c);
}

static int is_upper(int32_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z' : cl_uc_is_upper(c);
}

/* Sentence terminators. CJK full stops end a sentence without a space. */
static int is_cjk_term(int32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61 || c == 0xFF0E;
}

static int is_term(int32_t c)
{
    if (c < 0x80)
        return c == '.' || c == '!' || c == '?';
    return c == 0x2026 || c == 0x203C || c == 0x203D || (c >= 0x2047 && c <= 0x2049) ||
           is_cjk_term(c);
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static int is_closer(int32_t c)
{
    if (c < 0x80)
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
    return c == 0x2019 || c == 0x201D || c == 0xBB || c == 0xAB || c == 0x203A ||
           c == 0x2039 || c == 0x300D || c == 0x300F || c == 0xFF09;
}

/* Opening quotes, brackets and inverted marks before a sentence's first word.
 * « » ‹ › are both: German quotes the other way round. */
static int is_opener(int32_t c)
{
    if (c < 0x80)
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{';
    return c == 0x2018 || c == 0x201C || c == 0xAB || c == 0xBB || c == 0x2039 ||
           c == 0x203A || c == 0x201E || c == 0x201A || c == 0x300C || c == 0x300E ||
           c == 0xFF08 || c == 0xBF || c == 0xA1;
}

/* Length of the line end at I ("\n", "\r\n", "\r", NEL, U+2028, U+2029), 0
 * when there is none. *PARA is set for U+2029, which ends a paragraph. */
static size_t line_break(const seg *s, size_t i, int *para)
{
    const unsigned char *u = (const unsigned char *)s->t + i;
    size_t left = s->n - i;

    *para = 0;
    if (u[0] == '\n')
        return 1;
    if (u[0] == '\r')
        return left > 1 && u[1] == '\n' ? 2 : 1;
    if (u[0] == 0xC2 && left > 1 && u[1] == 0x85)
        return 2;
    if (u[0] == 0xE2 && left > 2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) {
        *para = u[2] == 0xA9;
        return 3;
    }
    return 0;
}

/* ---- output -------------------------------------------------------------- */

/* Append the span [A, B) to the output. */
static int push(seg *s, size_t a, size_t b)
{
    CL_TRY(cl_grow(&s->v, &s->cap, s->nv + 1, sizeof *s->v, 64));
    s->v[s->nv].start = a;
    s->v[s->nv].end = b;
    s->nv++;
    return 0;
}

/* End the open sentence, if any, after its last non-space character. */
static int close_sentence(seg *s)
{
    size_t a = s->start;

    if (a == NONE)
        return 0;
    s->start = NONE;
    return push(s, a, s->last);
}

/* ---- looking around a terminator ---------------------------------------- */

/* The word after a terminator run: first character after any opening quotes
 * and the letters that follow it (at most KEY_MAX bytes). */
typedef struct word {
    int32_t c;      /* first character, 0 at the end of the text */
    size_t w, wlen; /* the letters from c on; wlen 0 when c is no letter */
    int32_t after;  /* character after the letters, 0 at the end */
    int capped;     /* the letters went on past KEY_MAX bytes */
} word;

/* Read the word at I into *W, skipping opening quotes when SKIP_OPENERS. */
static void read_word(const seg *s, size_t i, int skip_openers, word *w)
{
    size_t len;
    int32_t c;

    memset(w, 0, sizeof *w);
    while (i < s->n) {
        c = dec(s, i, &len);
        if (!skip_openers || !is_opener(c)) {
            w->c = c;
            break;
        }
        i += len;
    }
    w->w = i;
    while (i < s->n) {
        c = (unsigned char)s->t[i];
        if (c < 0x80 ? (c | 32) < 'a' || (c | 32) > 'z' : !is_letter(c = dec(s, i, &len))) {
            w->after = c;
            break;
        }
        if (c < 0x80)
            len = 1;
        if (i + len - w->w > KEY_MAX) {
            w->capped = 1;
            break;
        }
        i += len;
    }
    w->wlen = i - w->w;
}

/* Whether W is a listed sentence starter standing alone as a word ("The",
 * "It" in "It's"), not the start of "A-10" or the initial "A.". */
static int is_starter(const seg *s, const word *w)
{
    int32_t a = w->after;

    if (w->wlen == 0 || w->capped)
        return 0;
    if (a && (is_digit(a) || a == '.' || a == '-' || a == '@' || a == '/' || a == '_' ||
              a == '&'))
        return 0;
    return ab_find(s->ab, AB_STARTER, s->t + w->w, w->wlen) != NULL;
}

/* Whether W is a listed %titles word with its period ("Mrs." in "at 10
 * p.m. Mrs. Lee"): a courtesy title starts a new sentence after an "end"
 * abbreviation, as a %starters word does. */
static int is_title(const seg *s, const word *w)
{
    if (w->wlen == 0 || w->capped || w->after != '.')
        return 0;
    return ab_find(s->ab, AB_TITLE, s->t + w->w, w->wlen + 1) != NULL;
}

/* What follows a terminator run ending at R. */
typedef struct ahead {
    size_t ws; /* bytes of white space after R */
    int para;  /* the white space holds a blank line or U+2029 */
    int nl;    /* it holds a line end */
    word w;    /* the next word (w.c is 0 at the end of the text) */
} ahead;

static void look_ahead(const seg *s, size_t r, ahead *a)
{
    size_t i = r, brk, len;
    int nl = 0, para;

    while (i < s->n) {
        if ((brk = line_break(s, i, &para)) > 0) {
            nl += para ? 2 : 1;
            i += brk;
        } else if (is_space(dec(s, i, &len))) {
            i += len;
        } else {
            break;
        }
    }
    a->ws = i - r;
    a->para = nl >= 2;
    a->nl = nl > 0;
    read_word(s, i, 1, &a->w);
}

/* Start of the word that ends at P (the byte of its terminator), after any
 * opening quotes; never before the open sentence. NONE when the word is
 * longer than TOKEN_MAX bytes (then it is no abbreviation). scan_line keeps
 * the start of the current word, so this costs no backward scan; a backward
 * walk from every period was turned down because "a.a.a..." made it cost
 * TOKEN_MAX steps per byte. */
static size_t token_start(const seg *s, size_t p)
{
    size_t i = s->word > s->start ? s->word : s->start, len;

    if (i > p || p - i > TOKEN_MAX)
        return NONE;
    while (i < p && is_opener(dec(s, i, &len)))
        i += len;
    return i;
}

/* Whether [A, B) is one letter, or dotted letters like "N.Y" (B is the final
 * period). */
static int is_initials(const seg *s, size_t a, size_t b)
{
    size_t len, letters = 0;

    while (a < b) {
        if (!is_letter(dec(s, a, &len)))
            return 0;
        letters++;
        a += len;
        if (a == b)
            break;
        if (s->t[a] != '.')
            return 0;
        a++;
    }
    return letters >= 1;
}

/* Whether [A, B) is a dotted number of three parts or more, like "10.4" of
 * "10.4.1." (B is the final period): a section number whose last period is
 * its own ("No. 10.4.1. Scope"), not a decimal at a sentence end ("3.5."). */
static int is_dotted_number(const seg *s, size_t a, size_t b)
{
    size_t dots = 0;

    if (a == b || s->t[b - 1] < '0' || s->t[b - 1] > '9')
        return 0;
    for (; a < b; a++) {
        if (s->t[a] == '.')
            dots++;
        else if (s->t[a] < '0' || s->t[a] > '9')
            return 0;
    }
    return dots >= 2;
}

/* Class of the word [TS, P] ending in the terminator at P: its listed class,
 * else that of the part after its last hyphen ("ex-Gov."), else CLS_END for
 * initials and dotted section numbers and CLS_PLAIN for ordinary words. */
static int token_class(const seg *s, size_t ts, size_t p)
{
    const ab_slot *sl = ab_find(s->ab, AB_ABBR, s->t + ts, p + 1 - ts);
    size_t i;

    for (i = p; !sl && i > ts; i--)
        if (s->t[i - 1] == '-' || s->t[i - 1] == '/') {
            sl = ab_find(s->ab, AB_ABBR, s->t + i, p + 1 - i);
            break;
        }
    if (sl)
        return sl->cls;
    if (s->t[p] == '.' && (is_initials(s, ts, p) || is_dotted_number(s, ts, p)))
        return CLS_END;
    return CLS_PLAIN;
}

/* Whether the one-letter word "I" ending at P (its period) is the pronoun:
 * the word before it, in the same sentence, starts lowercase and is no
 * %minor word ("it was I. John spoke" ends; "by I. M. Pei" and "John I.
 * Smith" hold an initial). The look back is bounded by TOKEN_MAX. */
static int is_pronoun_i(const seg *s, size_t ts, size_t p)
{
    size_t b = ts, a, at, len;
    int32_t c;

    if (p != ts + 1 || s->t[ts] != 'I')
        return 0;
    while (b > s->start && b + TOKEN_MAX > ts && (s->t[b - 1] == ' ' || s->t[b - 1] == '\t'))
        b--;
    if (b == ts || b <= s->start)
        return 0;
    for (a = b; a > s->start && ts - a < TOKEN_MAX; a = at)
        if (!is_letter(dec_back(s, a, &at)))
            break;
    if (a == b || !is_lower(c = dec(s, a, &len)) || !is_letter(c))
        return 0;
    return ab_find(s->ab, AB_MINOR, s->t + a, b - a) == NULL;
}

/* A period without a space after it ends a sentence only in "world.Today":
 * a word of two or more letters ending lowercase, not an abbreviation, then
 * an uppercase letter and a lowercase one, and no sign of a domain, file
 * name, e-mail address or dotted name ("Node.js", "example.com", "U.S.A",
 * "John.Smith@x.org", "java.util.List" all stay whole). A period after the
 * next word is such a sign unless that word is a listed abbreviation and
 * white space follows ("fell.Mr. Tan" breaks, "Config.Mr.txt" does not). */
static int nospace_break(const seg *s, size_t p)
{
    size_t ts = token_start(s, p), i, len, letters = 0;
    int32_t c = 0, a;
    word w;

    if (ts == NONE)
        return 0;
    for (i = ts; i < p; i += len, letters++)
        if (!is_letter(c = dec(s, i, &len)))
            return 0;
    if (letters < 2 || !is_lower(c) || token_class(s, ts, p) != CLS_PLAIN)
        return 0;
    read_word(s, p + 1, 0, &w);
    if (w.capped || !is_upper(w.c) || w.wlen < 2)
        return 0;
    dec(s, w.w, &len);
    if (len >= w.wlen || !is_lower(dec(s, w.w + len, &len)))
        return 0;
    a = w.after;
    if (a == '.' && ab_find(s->ab, AB_ABBR, s->t + w.w, w.wlen + 1))
        return w.w + w.wlen + 1 < s->n && is_space(dec(s, w.w + w.wlen + 1, &len));
    return !(a == '.' || a == '@' || a == '/' || a == ':' || a == '_' || is_digit(a));
}

/* ---- terminator runs ---------------------------------------------------- */

enum {
    RUN_SINGLE = 1,   /* exactly one terminator character */
    RUN_ELLIPSIS = 2, /* "…", "..." or ". . ." */
    RUN_CJK = 4,      /* holds a CJK full stop */
    RUN_OMISSION = 8  /* ". . ." standing alone between words: text left out */
};

/* Length of a reference mark like "[12]" or "[a]" at I, else 0. */
static size_t ref_mark(const seg *s, size_t i, size_t end)
{
    size_t k = i + 1;

    if (s->t[i] != '[')
        return 0;
    while (k < end && k - i <= 3 &&
           ((s->t[k] >= '0' && s->t[k] <= '9') || (s->t[k] >= 'a' && s->t[k] <= 'z')))
        k++;
    return k > i + 1 && k < end && s->t[k] == ']' ? k + 1 - i : 0;
}

/* Measure the terminator run at P (a terminator) within the line [P, END):
 * terminators (dots may be spaced: ". . ."), then closing quotes, brackets
 * and reference marks mixed with more terminators ('?")', ".[1]"). *Q is the
 * end of the first part, *R of the whole run. Returns RUN_* flags. */
static unsigned scan_run(const seg *s, size_t p, size_t end, size_t *q, size_t *r)
{
    size_t i = p, len, nterm = 0, ndots = 0;
    unsigned fl = 0;
    int spaced = 0;
    int32_t c;

    while (i < end) {
        c = dec(s, i, &len);
        if (c == ' ' && i > p && s->t[i - 1] == '.' && i + 1 < end && s->t[i + 1] == '.') {
            spaced = 1;
            i++;
            continue;
        }
        if (!is_term(c))
            break;
        nterm++;
        ndots += c == '.';
        fl |= (c == 0x2026 ? RUN_ELLIPSIS : 0) | (is_cjk_term(c) ? RUN_CJK : 0);
        i += len;
    }
    *q = i;
    while (i < end) {
        if ((len = ref_mark(s, i, end)) > 0) {
            i += len;
            continue;
        }
        if (!is_closer(c = dec(s, i, &len)) && !is_term(c))
            break;
        fl |= is_cjk_term(c) ? RUN_CJK : 0;
        i += len;
    }
    *r = i;
    if (ndots >= 3)
        fl |= RUN_ELLIPSIS;
    /* "the law . . . shall apply": three spaced dots with a space before them
     * mark an omission inside a sentence (a fourth dot would be its full
     * stop; "paused. . ." keeps its own full stop) */
    if (ndots == 3 && nterm == 3 && spaced && p > 0 && (s->t[p - 1] == ' ' || s->t[p - 1] == '\t'))
        fl |= RUN_OMISSION;
    if (nterm == 1)
        fl |= RUN_SINGLE;
    return fl;
}

/* Length of an omission mark "[...]", "[…]", "[. . .]" or "(...)" whose
 * first dot is at P, within [P, END), else 0: text left out of a quotation
 * (see ends_sentence). */
static size_t omission_mark(const seg *s, size_t p, size_t end)
{
    size_t i = p, len, ndots = 0;
    char close;
    int32_t c;

    if (p == 0 || (s->t[p - 1] != '[' && s->t[p - 1] != '('))
        return 0;
    close = s->t[p - 1] == '[' ? ']' : ')';
    while (i < end) {
        c = dec(s, i, &len);
        if (c == '.' || c == 0x2026)
            ndots += c == '.' ? 1 : 3;
        else if (c != ' ' || i == p || s->t[i - 1] != '.')
            break;
        i += len;
    }
    return ndots == 3 && i < end && s->t[i] == close ? i + 1 - p : 0;
}

/* Whether the sentence ends with the run [P, R) (terminators up to Q, FL its
 * RUN_* flags). The order of the tests is the specification:
 * 1. nothing before the run in this sentence: no ("...and then");
 * 2. the end of the text, a blank line after the run: yes;
 * 3. no space after the run: only CJK stops and "world.Today" break;
 * 4. next word lowercase, or ',;:)' next: no ("Yahoo! and", "etc. and");
 * 5. an ellipsis: yes before a letter (capitalised or caseless), else no;
 *    a spaced omission mark (RUN_OMISSION) only before a %starters word,
 *    and a bracketed one ("[...]") not before a bracket: in '"We will win
 *    [...]" (Smith 2020).' the citation and the full stop follow, while in
 *    '"... yields [...] Ozone is ..."' the omission spans a full stop;
 * 6. a single "." or "!": the word before decides - "never" abbreviations
 *    no, "end" ones, initials and dotted section numbers only before a
 *    %starters or %titles word or at the end of a line too long to be
 *    hard-wrapped, "num" ones not before a number; the pronoun "I" is no
 *    initial (see is_pronoun_i);
 * 7. otherwise yes. */
static int ends_sentence(const seg *s, size_t p, size_t q, size_t r, unsigned fl)
{
    ahead a;
    size_t ts;
    int32_t c;
    int cls;

    if (p == s->start)
        return 0;
    look_ahead(s, r, &a);
    c = a.w.c;
    if (c == 0 || a.para)
        return 1;
    if (a.ws == 0)
        return (fl & RUN_CJK) ||
               ((fl & RUN_SINGLE) && q == r && s->t[p] == '.' && nospace_break(s, p));
    if (is_lower(c) || c == ',' || c == ';' || c == ':' || c == ')' || c == ']' ||
        c == '}')
        return 0;
    if (fl & RUN_OMISSION)
        return is_starter(s, &a.w);
    if ((fl & RUN_ELLIPSIS) && omission_mark(s, p, r) &&
        (s->t[r + a.ws] == '(' || s->t[r + a.ws] == '['))
        return 0;
    if (fl & RUN_ELLIPSIS)
        return is_letter(c);
    if (!(fl & RUN_SINGLE) || s->t[p] == '?' || (unsigned char)s->t[p] >= 0x80)
        return 1;
    ts = token_start(s, p);
    cls = ts == NONE ? CLS_PLAIN : token_class(s, ts, p);
    if (cls == CLS_NUM)
        cls = is_digit(c) || c == '#' ? CLS_NEVER : CLS_PLAIN;
    if (cls == CLS_PLAIN && s->t[p] == '.' && ts != NONE && is_initials(s, ts, p))
        cls = CLS_END;
    if (cls == CLS_END && ts != NONE && is_pronoun_i(s, ts, p))
        cls = CLS_PLAIN;
    if (cls == CLS_NEVER)
        return 0;
    if (cls == CLS_END)
        return is_starter(s, &a.w) || is_title(s, &a.w) || (a.nl && s->long_line);
    return 1;
}

/* ---- lists inside a line ------------------------------------------------- */

static int is_bullet(int32_t c)
{
    return c == 0x2022 || c == 0x2023 || c == 0x25E6 || c == 0x25AA || c == 0x25CF ||
           c == 0x2043;
}

/* Read a list marker at I, within the line [I, END), into *M: a bullet, or a
 * number of 1-3 digits or one letter followed by ")", "." or ".)"; then white
 * space and more text. Returns 0 when there is none. Cheap to call at every
 * word: most words fail on their first or second byte. */
static int parse_mark(const seg *s, size_t i, size_t end, mark *m)
{
    const char *t = s->t;
    size_t k = i, len;
    int32_t c;

    memset(m, 0, sizeof *m);
    if (t[i] >= '0' && t[i] <= '9') {
        for (; k < end && k - i < 3 && t[k] >= '0' && t[k] <= '9'; k++)
            m->value = m->value * 10 + (t[k] - '0');
    } else if ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')) {
        m->letter = 1;
        m->value = (unsigned char)t[i];
        k = i + 1;
    } else if ((unsigned char)t[i] == 0xE2 && is_bullet(c = dec(s, i, &len))) {
        m->style = IM_BULLET;
        m->value = c;
        k = i + len;
    } else {
        return 0;
    }
    if (m->style != IM_BULLET) {
        if (k >= end || (t[k] != ')' && t[k] != '.'))
            return 0;
        m->style = t[k] == ')' ? IM_PAREN : IM_DOT;
        if (t[k++] == '.' && k < end && t[k] == ')') {
            m->style = IM_DOTPAREN;
            k++;
        }
    }
    m->len = k - i;
    if (k >= end || !is_space(dec(s, k, &len)))
        return 0;
    while (k < end && is_space(dec(s, k, &len)))
        k += len;
    m->body = k;
    return k < end;
}

/* Whether N is the marker after M in the same list: the same bullet, or the
 * next number or letter written the same way ("1)" then "2)", "a." then
 * "b."). */
static int mark_follows(const mark *m, const mark *n)
{
    if (n->style != m->style || n->letter != m->letter)
        return 0;
    return n->value == (m->style == IM_BULLET ? m->value : m->value + 1);
}

/* Whether M's successor starts a word in [FROM, END), looking at most
 * LIST_REACH bytes ahead so that "1) 1) 1) ..." stays linear. */
static int has_successor(const seg *s, const mark *m, size_t from, size_t end)
{
    size_t i, stop = end - from > LIST_REACH ? from + LIST_REACH : end;
    mark n;

    for (i = from + 1; i < stop; i++)
        if ((s->t[i - 1] == ' ' || s->t[i - 1] == '\t') && parse_mark(s, i, end, &n) &&
            mark_follows(m, &n))
            return 1;
    return 0;
}

/* An item of a list written inside a line ("Steps: 1) Mix the flour 2) Add
 * the eggs", "1. Heat the pan. 2. Add oil.", "• 3. Check the tyres. • 4.
 * ..."): when the word at *PI, within the line [*PI, END), is such a marker,
 * end the open sentence before it, open one at the marker, which it keeps,
 * move *PI past the marker (and a number after a bullet: "• 3.") and return
 * 1. A marker counts when it is a bullet; when it is the successor of the
 * last one kept ("2)" after "1)"), until the paragraph ends; when the line
 * loop kept it at the line start (item_at); or when it is a first one ("1)",
 * "a.") that follows a ":" or opens a sentence, and its successor follows on
 * the line. Uppercase letters are left out of first markers: "Authors: A.
 * Smith and B. Jones" holds initials. The kept marker's period is no full
 * stop, so "1.)" and "2." never become sentences of their own. */
static int inline_item(seg *s, size_t *pi, size_t end)
{
    size_t i = *pi;
    unsigned char b = (unsigned char)s->t[i];
    mark m, m2;
    int first, rc;

    if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
          b == 0xE2) ||
        !parse_mark(s, i, end, &m))
        return 0;
    first = m.style == IM_BULLET ||
            (m.letter ? m.value == 'a' : m.value == 1);
    if (!(m.style == IM_BULLET || i == s->item_at || (s->in_list && mark_follows(&s->list, &m)) ||
          (first && (s->start == NONE || s->t[s->last - 1] == ':') &&
           has_successor(s, &m, m.body, end))))
        return 0;
    if ((rc = close_sentence(s)) < 0)
        return rc;
    s->start = i;
    s->last = i + m.len;
    s->list = m;
    s->in_list = 1;
    i = m.body;
    if (m.style == IM_BULLET && parse_mark(s, i, end, &m2) && m2.style != IM_BULLET) {
        s->last = i + m2.len;
        i = m2.body;
    }
    s->word = NONE;
    *pi = i;
    return 1;
}

/* The state after the bytes [I, J) of a line, which are spaces and bytes
 * that are no stop (is_stop): the open sentence starts at the first
 * non-space, lasts to the last, and the word ends with the run or goes on.
 * Only the last word is read again, backwards. */
static void walk_plain(seg *s, size_t i, size_t j)
{
    const char *t = s->t;
    size_t k = j, w;

    if (i == j)
        return;
    while (k > i && t[k - 1] == ' ')
        k--;
    if (k == i) {
        s->word = NONE;
        return;
    }
    s->last = k;
    for (w = k; w > i && t[w - 1] != ' '; w--)
        ;
    if (k < j)
        s->word = NONE;
    else if (w > i || s->word == NONE)
        s->word = w;
    if (s->start == NONE) {
        for (w = i; t[w] == ' '; w++)
            ;
        s->start = w;
    }
}

/* Start of a word in (I, J) that could be a list marker ended by the ')' or
 * '.' at J ("2)", "a."): 1-3 digits or one letter after a space; else NONE.
 * inline_item decides. */
static size_t mark_before(const seg *s, size_t i, size_t j)
{
    const char *t = s->t;
    size_t k = j;

    if (t[j] != ')' && t[j] != '.')
        return NONE;
    while (k > i && j - k < 4 && t[k - 1] >= '0' && t[k - 1] <= '9')
        k--;
    if (k == j && j - i >= 2 &&
        ((t[j - 1] >= 'a' && t[j - 1] <= 'z') || (t[j - 1] >= 'A' && t[j - 1] <= 'Z')))
        k = j - 1;
    return k < j && k > i && j - k <= 3 && t[k - 1] == ' ' ? k : NONE;
}

/* Walk the line content [I, END), opening sentences at their first
 * character and ending them after terminator runs. Runs of spaces and plain
 * bytes are skipped eight bytes at a time (skip_plain) and their effect is
 * applied at once (walk_plain); a list marker inside such a run ends at the
 * stop byte after it, so it is looked for there (mark_before). */
static int scan_line(seg *s, size_t i, size_t end)
{
    size_t len, q, r, j, w;
    unsigned fl;
    int32_t c;
    int rc;

    s->word = NONE;
    while (i < end) {
        if (s->word == NONE && (rc = inline_item(s, &i, end)) != 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        if (!is_stop((unsigned char)s->t[i])) {
            j = skip_plain(s->t, i, end);
            if (j < end && (w = mark_before(s, i, j)) != NONE) {
                walk_plain(s, i, w); /* the word at w starts after a space */
                i = w;
                continue;
            }
            walk_plain(s, i, j);
            i = j;
            continue;
        }
        c = dec(s, i, &len);
        if (is_space(c)) {
            s->word = NONE;
            i += len;
            continue;
        }
        if (s->word == NONE)
            s->word = i;
        if (s->start == NONE)
            s->start = i;
        if (!is_term(c)) {
            s->last = i += len;
            continue;
        }
        fl = scan_run(s, i, end, &q, &r);
        s->last = r;
        if (ends_sentence(s, i, q, r, fl) && (rc = close_sentence(s)) < 0)
            return rc;
        i = r;
    }
    return 0;
}

/* ---- lines -------------------------------------------------------------- */

enum { MK_NONE = 0, MK_ITEM, MK_NUM, MK_DASH, MK_LETTER, MK_LETTER_A };

/* One line of the text and what the line rules need to know about it. */
typedef struct line {
    size_t start;        /* first byte of the line */
    size_t end, next;    /* end of content (before the line end), next line */
    size_t first, last;  /* non-space content [first, last); first NONE if blank */
    int para;            /* ended by U+2029 */
    int ascii;           /* no byte of the line is 0x80 or above */
    int marker;          /* MK_*: list marker at first, content from body */
    size_t body;
} line;

/* Recognise a list marker at I, the first character of a line ending at END,
 * followed by white space: a bullet ("*", "+", "•", ...), a number of 1-3
 * digits with ")" or a parenthesised number, letter or roman numeral ("2)",
 * "(a)", "(iv)") -> MK_ITEM; a number with "." ("1.") -> MK_NUM; a dash
 * ("-", "–", "—") -> MK_DASH; a letter or lowercase roman numeral ("a.",
 * "B)", "iv.") -> MK_LETTER (MK_LETTER_A for "a"). The caller accepts the
 * ambiguous kinds only where a list is likely (see starts_item): "George\nW.
 * Bush said", "52 to\n48. Then" and "the trip\n- which began Monday - was"
 * are no lists. Sets *BODY to the first character after the marker's white
 * space. */
static int list_marker(const seg *s, size_t i, size_t end, size_t *body)
{
    const char *t = s->t;
    size_t len, j = i, k;
    int32_t c = dec(s, i, &len);
    int kind = MK_NONE;

    if (c == '*' || c == '+' || c == 0x2022 || c == 0x2023 || c == 0x25E6 || c == 0x25AA ||
        c == 0x25CF || c == 0x2043 || c == '-' || c == 0x2013 || c == 0x2014) {
        kind = c == '-' || c == 0x2013 || c == 0x2014 ? MK_DASH : MK_ITEM;
        j = i + len;
    } else {
        int paren = t[i] == '(';
        j = i + paren;
        for (k = j; k < end && k - j < 3 && t[k] >= '0' && t[k] <= '9'; k++)
            ;
        if (k > j) {
            kind = MK_ITEM;
        } else {
            for (; k < end && k - j < 4 && (t[k] == 'i' || t[k] == 'v' || t[k] == 'x'); k++)
                ;
            if (k == j && j < end && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z')))
                k = j + 1;
            if (k > j)
                kind = paren ? MK_ITEM : (k == j + 1 && (t[j] == 'a')) ? MK_LETTER_A : MK_LETTER;
        }
        if (kind == MK_NONE || k >= end || (paren ? t[k] != ')' : t[k] != '.' && t[k] != ')'))
            return MK_NONE;
        if (kind == MK_ITEM && !paren && t[k] == '.')
            kind = MK_NUM;
        j = k + 1;
    }
    if (j >= end || !is_space(dec(s, j, &len)))
        return MK_NONE;
    while (j < end && is_space(dec(s, j, &len)))
        j += len;
    *body = j;
    return kind;
}

/* Skip from I, within [I, N), the blocks of eight or sixteen bytes that are
 * all printable ASCII (all_printable), sixteen at a time where it can. Sets
 * *LAST to the end of the last block skipped that holds a non-space, if any.
 * Returns the first byte not skipped. */
static size_t skip_printable(const char *t, size_t i, size_t n, size_t *last)
{
    uint64_t x, y;

    while (n - i >= 16) {
        memcpy(&x, t + i, 8);
        memcpy(&y, t + i + 8, 8);
        if ((x | (x - ONES * 0x20) | y | (y - ONES * 0x20)) & HIGHS)
            break;
        if ((x ^ ONES * ' ') | (y ^ ONES * ' '))
            *last = i + 16;
        i += 16;
    }
    while (n - i >= 8) {
        memcpy(&x, t + i, 8);
        if (!all_printable(x))
            break;
        if (x != ONES * ' ')
            *last = i + 8;
        i += 8;
    }
    return i;
}

/* Find the line starting at POS: its end, the next line, its trimmed content
 * and its list marker. After the first character the line is skipped in
 * blocks of printable ASCII (skip_printable: no line end, nothing to
 * decode); the last non-space byte of the last such block is found at the
 * end. */
static void line_scan(const seg *s, size_t pos, line *ln)
{
    const char *t = s->t;
    size_t i = pos, len, brk = 0, blk = NONE, slow = pos;
    int para = 0;

    ln->start = pos;
    ln->first = NONE;
    ln->last = pos;
    ln->ascii = 1;
    while (i < s->n) {
        unsigned char b;
        if (i >= slow && ln->first != NONE) {
            i = skip_printable(t, i, s->n, &blk);
            slow = i + 8; /* a line end or a byte to decode is near */
            if (i == s->n)
                break;
        }
        b = (unsigned char)t[i];
        if (b > ' ' && b < 0x80) { /* the common case, no decoding */
            if (ln->first == NONE)
                ln->first = i;
            ln->last = ++i;
            blk = NONE;
            continue;
        }
        if ((brk = line_break(s, i, &para)) > 0)
            break;
        if (b >= 0x80)
            ln->ascii = 0;
        if (!is_space(dec(s, i, &len))) {
            if (ln->first == NONE)
                ln->first = i;
            ln->last = i + len;
            blk = NONE;
        }
        i += len;
    }
    if (blk != NONE) {
        ln->last = blk;
        while (t[ln->last - 1] == ' ')
            ln->last--;
    }
    ln->end = i;
    ln->next = i + brk;
    ln->para = para;
    ln->marker = MK_NONE;
    ln->body = ln->first;
    if (ln->first != NONE)
        ln->marker = list_marker(s, ln->first, ln->last, &ln->body);
}

/* Whether the word [A, B) counts for a Title Case line: it does unless it
 * starts lowercase and is no %minor word. Leading and trailing punctuation are
 * ignored; *MINOR is set when the word is a lowercase %minor word; returns -1
 * for a word without letters or digits. */
static int title_word(const seg *s, size_t a, size_t b, int *minor)
{
    size_t len, at;
    int32_t c;

    while (a < b && !is_letter(c = dec(s, a, &len)) && !is_digit(c))
        a += len;
    while (b > a && !is_letter(c = dec_back(s, b, &at)) && !is_digit(c))
        b = at;
    if (a == b)
        return -1;
    *minor = 0;
    if (!is_lower(dec(s, a, &len)))
        return 1;
    *minor = ab_find(s->ab, AB_MINOR, s->t + a, b - a) != NULL;
    return *minor;
}

/* Whether the line content [A, B) could be a headline by its words: at most
 * HEAD_MAX_WORDS words, not ending in a way that continues on the next line
 * (",", ":", a dash, a %minor word such as "the"). *TITLE is set when the line
 * is in Title Case. */
static int head_words(const seg *s, size_t a, size_t b, int *title)
{
    size_t i = a, ws = NONE, len, at, nwords = 0;
    int minor = 0, r;
    int32_t c;

    *title = 1;
    for (; i <= b && nwords <= HEAD_MAX_WORDS; i += len) {
        len = 1;
        if (i < b && !is_space(dec(s, i, &len))) {
            if (ws == NONE)
                ws = i;
            continue;
        }
        if (ws != NONE && (r = title_word(s, ws, i, &minor)) >= 0) {
            nwords++;
            *title &= r;
        }
        ws = NONE;
    }
    c = dec_back(s, b, &at);
    if (nwords == 0 || nwords > HEAD_MAX_WORDS || minor)
        return 0;
    return !(c == ',' || c == ';' || c == ':' || c == '-' || c == 0x2013 || c == 0x2014 ||
             c == '&' || c == '/' || c == '(' || c == '+');
}

/* Whether the line content [A, B) ends with terminal punctuation, possibly
 * followed by closing quotes or brackets. */
static int ends_terminal(const seg *s, size_t a, size_t b)
{
    size_t at;
    int32_t c;

    while (b > a) {
        c = dec_back(s, b, &at);
        if (is_term(c))
            return 1;
        if (!is_closer(c))
            return 0;
        b = at;
    }
    return 0;
}

/* Code points of the first word of the content [A, B). */
static size_t first_word_cp(const seg *s, size_t a, size_t b)
{
    size_t len, n = 0;

    while (a < b && !is_space(dec(s, a, &len))) {
        a += len;
        n++;
    }
    return n;
}

/* Whether the content [A, B) is longer than LIMIT code points. */
static int longer_than(const seg *s, size_t a, size_t b, size_t limit)
{
    return b - a > limit && cl_utf8_count(s->t + a, b - a) > limit;
}

/* Whether the content [A, B) reads as an item of a one-per-line list: at
 * most LIST_LINE code points, starting with a capital or a digit (after
 * opening quotes), without final punctuation and not ending in a way that
 * goes on (see head_words). */
static int list_line(const seg *s, size_t a, size_t b)
{
    word w;
    int title;

    if (longer_than(s, a, b, LIST_LINE) || ends_terminal(s, a, b))
        return 0;
    read_word(s, a, 1, &w);
    if (!is_upper(w.c) && !is_digit(w.c))
        return 0;
    return head_words(s, a, b, &title);
}

/* Whether the open sentence ends with line CUR although CUR has no final
 * punctuation. BODY is where CUR's content starts (after a list marker).
 * (d) a line longer than LONG_LINE is no hard-wrapped line but a paragraph
 *     of its own (a document with one paragraph per line), so it ends here;
 * else the next line NX must start, after opening quotes, with a capital, a
 * caseless letter or a digit, and then:
 * (e) a list item (ITEM) ends before an unindented line: wrapped items are
 *     indented ("- milk\nEggs are out" is an item and a sentence);
 * otherwise CUR must be a headline, byline or title line: the sentence began
 * at BODY, CUR has at most HEAD_MAX_WORDS words and does not end in ",", ":",
 * a dash or a %minor word such as "the", and one of these holds:
 * (a) CUR is in Title Case ("Security Talks Between the U.S. and Mexico");
 * (b) NX starts with a %starters word ("In a bid ...", "The trip ...");
 * (c) CUR plus NX's first word would fit within NX's length: a greedy
 *     line-wrapper would have put that word on CUR, so the break is meant;
 * (f) CUR and NX are both short items of a one-per-line list (list_line:
 *     "Fast parsing\nSmall memory use\nPlain C11"), at the same indentation
 *     and CUR no list item (a wrapped item's next line is indented): no one
 *     hard-wraps prose at LIST_LINE code points, and a wrapped paragraph's
 *     lines go on with a lowercase word, a ",", a %minor word or end in
 *     final punctuation.
 * A line ending in terminal punctuation is left to the terminator rules.
 * Turned down: a fixed length threshold (headlines and last lines of
 * paragraphs are both short), Title Case alone (misses sentence-case
 * headlines). Known miss: a hard-wrapped line that starts a sentence and
 * holds only capitalised names ("Presidents Sheinbaum and Lula\nSilva met")
 * passes (a). */
static int line_ends_sentence(const seg *s, const line *cur, size_t body, int item,
                              const line *nx)
{
    word w;
    int title;
    int32_t c;

    if (nx->first == NONE || ends_terminal(s, body, cur->last))
        return 0;
    if (s->long_line)
        return 1;
    read_word(s, nx->first, 1, &w);
    c = w.c;
    if (!(is_upper(c) || is_digit(c) || (is_letter(c) && !is_lower(c))))
        return 0;
    if (item && nx->first == nx->start)
        return 1;
    if (s->start != body || !head_words(s, body, cur->last, &title))
        return 0;
    if (title || is_starter(s, &w))
        return 1;
    if (!item && nx->first - nx->start == cur->first - cur->start &&
        list_line(s, body, cur->last) && list_line(s, nx->first, nx->last))
        return 1;
    return cl_utf8_count(s->t + body, cur->last - body) + 1 +
               first_word_cp(s, nx->first, nx->last) <=
           cl_utf8_count(s->t + nx->first, nx->last - nx->first);
}

/* Whether line CUR's list marker starts a list item. Bullets, "2)" and
 * parenthesised markers always do. In a list (PREV_ITEM: the previous
 * non-blank line was an item; PREV_COLON: it ended in ":") every marker does.
 * Elsewhere "1." does, and other "N." only when no sentence is open (a wrapped
 * "52 to\n48. Then" is none); a dash when indented, when no sentence is open,
 * or before a capital; a letter only as "a.". */
static int starts_item(const seg *s, const line *cur, int prev_item, int prev_colon)
{
    size_t len;

    if (cur->marker != MK_NONE && (prev_item || prev_colon))
        return 1;
    switch (cur->marker) {
    case MK_ITEM:
    case MK_LETTER_A:
        return 1;
    case MK_NUM:
        return s->start == NONE || (s->t[cur->first] == '1' && s->t[cur->first + 1] == '.');
    case MK_DASH:
        return cur->first > cur->start || s->start == NONE || cur->body >= cur->last ||
               !is_lower(dec(s, cur->body, &len));
    default:
        return 0;
    }
}

/* CL_SPLIT_AUTO: the line loop. Keeps the previous line's facts that list
 * markers need and the next line once it has been scanned. */
static int segment_auto(seg *s)
{
    line cur, nx;
    mark m;
    size_t pos = 0, body;
    int have_nx = 0, prev_item = 0, prev_colon = 0, item, rc;

    while (pos < s->n) {
        if (have_nx)
            cur = nx;
        else
            line_scan(s, pos, &cur);
        have_nx = 0;
        pos = cur.next;
        if (cur.first == NONE) {
            s->in_list = 0;
            if ((rc = close_sentence(s)) < 0)
                return rc;
            continue;
        }
        item = starts_item(s, &cur, prev_item, prev_colon);
        body = item ? cur.body : cur.first;
        /* a line whose own items go on inside it ("1) Mix 2) Add", "• 3. ...
         * • 4. ...") keeps its marker, as those items keep theirs */
        s->item_at = NONE;
        if (item && parse_mark(s, cur.first, cur.end, &m) &&
            has_successor(s, &m, m.body, cur.end))
            body = s->item_at = cur.first;
        if (item && (rc = close_sentence(s)) < 0)
            return rc;
        s->long_line = cur.ascii ? cur.last - cur.first > LONG_LINE
                                 : longer_than(s, cur.first, cur.last, LONG_LINE);
        if ((rc = scan_line(s, body, cur.end)) < 0)
            return rc;
        if (s->start != NONE && cur.next < s->n && !cur.para) {
            line_scan(s, cur.next, &nx);
            have_nx = 1;
            if (line_ends_sentence(s, &cur, body, item, &nx) && (rc = close_sentence(s)) < 0)
                return rc;
        }
        if (cur.para) {
            s->in_list = 0;
            if ((rc = close_sentence(s)) < 0)
                return rc;
        }
        prev_item = item;
        prev_colon = s->t[cur.last - 1] == ':';
    }
    return close_sentence(s);
}

/* CL_SPLIT_LINES: every non-blank line, trimmed, is a sentence. */
static int segment_lines(seg *s)
{
    line ln;
    size_t pos = 0;
    int rc;

    while (pos < s->n) {
        line_scan(s, pos, &ln);
        if (ln.first != NONE && (rc = push(s, ln.first, ln.last)) < 0)
            return rc;
        pos = ln.next;
    }
    return 0;
}

int cl_segment(const char *text, size_t n, const cl_abbrevs *abbrevs, cl_split_mode mode,
               cl_span **out, size_t *nout)
{
    seg s;
    int rc;

    if (out)
        *out = NULL;
    if (nout)
        *nout = 0;
    if (!out || !nout || (!text && n > 0) || (mode != CL_SPLIT_AUTO && mode != CL_SPLIT_LINES))
        return cl_error_set(CL_EINVAL, NULL, 0, 0, "cl_segment: invalid argument");
    memset(&s, 0, sizeof s);
    s.t = text;
    s.n = n;
    s.ab = abbrevs;
    s.start = s.word = s.item_at = NONE;
    rc = mode == CL_SPLIT_LINES ? segment_lines(&s) : segment_auto(&s);
    if (rc < 0) {
        free(s.v);
        return rc;
    }
    *out = s.v;
    *nout = s.nv;
    return 0;
}
