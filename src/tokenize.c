/* tokenize.c - split a sentence into word, number, punctuation, URL and
 * e-mail tokens, each with byte and code-point offsets and a case-folded form.
 *
 * The rules follow the Penn Treebank conventions that the annotated corpora
 * use, so cue phrases and corpus spans line up: "don't" is "do" + "n't",
 * "cannot" is "can" + "not", "Rubio's" is "Rubio" + "'s". Hyphenated words
 * stay whole ("border-security"), as in the Conan Doyle corpus.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

#include "internal.h"

const char *cl_token_kind_name(cl_token_kind kind)
{
    static const char *const names[] = {"word", "number", "punct", "symbol", "url", "email"};

    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

void cl_tokvec_free(cl_tokvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_alnum(int32_t c)
{
    if (c < 0x80)
        return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10;
    return cl_uc_is_letter(c) || cl_uc_is_digit(c);
}

/* ASCII letters and digits, without a call: most of the prose is ASCII. */
static int ascii_alnum(unsigned char b)
{
    return (unsigned)((b | 32) - 'a') < 26 || (unsigned)(b - '0') < 10;
}

/* The bytes that may follow the first run of letters and digits of an
 * address (see may_be_address). */
static int address_joiner(unsigned char b)
{
    return b == '.' || b == '@' || b == '_' || b == '+' || b == '-' || b == ':';
}

/* Code point at byte I of TEXT (0 past the end); *W gets its length. */
static int32_t peek(const char *text, size_t len, size_t i, size_t *w)
{
    if (i >= len) {
        *w = 0;
        return 0;
    }
    return cl_utf8_decode(text + i, len - i, w);
}

/* Where the folded forms of a sentence's tokens go: ASCII ones into one
 * block taken from the arena per sentence (an ASCII token folds to as many
 * bytes as it has, so the text's length plus a NUL per token is enough),
 * others into the arena itself. */
typedef struct folds {
    cl_arena *arena;
    char *buf;
    size_t used, cap;
} folds;

/* Write the case-folded form of TEXT[0..N): lower case, curly apostrophes
 * straightened. ASCII takes a fast path; anything else goes through
 * libunistring's full case mapping. */
static char *fold(folds *fs, const char *s, size_t n)
{
    size_t i, outlen = 0;
    char *out;
    uint8_t *mapped;
    cl_buf b = {0};

    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == n) {
        if (fs->cap - fs->used > n) {
            out = fs->buf + fs->used;
            fs->used += n + 1;
        } else if (!(out = cl_arena_alloc(fs->arena, n + 1))) {
            return NULL;
        }
        for (i = 0; i < n; i++)
            out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        out[n] = '\0';
        return out;
    }
    /* straighten apostrophes first, then lower-case */
    for (i = 0; i < n;) {
        size_t w;
        int32_t c = cl_utf8_decode(s + i, n - i, &w);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
            cl_buf_putc(&b, '\'');
        else
            cl_buf_add(&b, s + i, w);
        i += w;
    }
    if (b.failed)
        return NULL;
    mapped = u8_tolower((const uint8_t *)b.data, b.len, NULL, NULL, NULL, &outlen);
    cl_buf_free(&b);
    if (!mapped) {
        cl_nomem(NULL);
        return NULL;
    }
    out = cl_arena_strndup(fs->arena, (const char *)mapped, outlen);
    free(mapped);
    return out;
}

/* Append the token TEXT[start..end) of KIND at code point CSTART; FOLDED
 * is its folded form when the caller has it (a string that outlives the
 * sentence: FS's or a literal), NULL to fold it here. */
static int push(folds *fs, cl_tokvec *out, const char *text, size_t start, size_t end,
                uint32_t cstart, cl_token_kind kind, const char *folded)
{
    cl_token *t;

    CL_TRY(cl_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v, 64));
    t = &out->v[out->n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->cstart = cstart;
    t->cend = cstart + (uint32_t)cl_utf8_count(text + start, end - start);
    t->kind = kind;
    t->fold = folded ? folded : fold(fs, text + start, end - start);
    t->stem = NULL;
    t->fold_id = t->stem_id = 0;
    if (!t->fold)
        return cl_nomem(NULL);
    out->n++;
    return 0;
}

/* Longer "addresses" are split like other text; the bound keeps a line of
 * 200 MB without spaces linear. */
enum { MAX_ADDRESS = 2048 };

/* Length in bytes of a URL or e-mail address starting at I, or 0. Trailing
 * sentence punctuation is left out, and a closing bracket unless the
 * address opened one. */
static size_t scan_address(const char *text, size_t len, size_t i, cl_token_kind *kind)
{
    size_t j = i, w, at = 0, dot_after_at = 0, opens = 0;
    int32_t c;
    int url = 0;

    if ((len - i >= 7 && strncasecmp(text + i, "http://", 7) == 0) ||
        (len - i >= 8 && strncasecmp(text + i, "https://", 8) == 0) ||
        (len - i >= 4 && strncasecmp(text + i, "www.", 4) == 0 && i + 4 < len &&
         is_alnum((unsigned char)text[i + 4])))
        url = 1;
    while (j < len && j - i < MAX_ADDRESS) {
        c = peek(text, len, j, &w);
        if (c <= 0 || cl_uc_is_space(c) || c == '"' || c == '<' || c == '>' || c == 0x201C ||
            c == 0x201D)
            break;
        if (c == '@' && !at && j > i)
            at = j;
        else if (c == '.' && at)
            dot_after_at = j;
        else if (!url && !at && !is_alnum(c) && c != '.' && c != '_' && c != '-' && c != '+')
            break; /* not an address: a word like "a/b" */
        if (c == '(')
            opens++;
        j += w;
    }
    if (!url && !(at && dot_after_at > at + 1))
        return 0;
    /* trim trailing punctuation */
    while (j > i) {
        unsigned char last = (unsigned char)text[j - 1];
        if (strchr(".,;:!?'", last) && last != '\0')
            j--;
        else if (last == ')' && !opens)
            j--;
        else
            break;
    }
    /* the dot that ends a sentence is not the domain's: "at a@b.org." */
    while (dot_after_at >= j && dot_after_at > at)
        for (dot_after_at--; dot_after_at > at && text[dot_after_at] != '.'; dot_after_at--)
            ;
    if (!url && (dot_after_at <= at + 1 || dot_after_at >= j ||
                 !is_alnum((unsigned char)text[j - 1])))
        return 0;
    *kind = url ? CL_TOK_URL : CL_TOK_EMAIL;
    return j - i;
}

/* A cheap test before scan_address: an address starts with "http", "www"
 * or a run of ASCII letters and digits followed by one of . @ _ + - :
 * (an e-mail's local part, a scheme). RUN_END ends the run of ASCII
 * letters and digits that starts at I. Most words are followed by a space
 * or punctuation and fail here. */
static int may_be_address(const char *text, size_t len, size_t i, size_t run_end)
{
    return run_end > i && run_end - i <= 256 && run_end < len &&
           address_joiner((unsigned char)text[run_end]);
}

/* Clitics split from the end of a word, PTB style. */
static size_t clitic_len(const char *fold_word, size_t n)
{
    static const char *const clitics[] = {"'s", "'re", "'ve", "'ll", "'d", "'m"};
    static const size_t lens[] = {2, 3, 3, 3, 2, 2};
    size_t k;

    if (n > 3 && memcmp(fold_word + n - 3, "n't", 3) == 0)
        return 3;
    for (k = 0; k < sizeof clitics / sizeof clitics[0]; k++)
        if (n > lens[k] && memcmp(fold_word + n - lens[k], clitics[k], lens[k]) == 0)
            return lens[k];
    return 0;
}

/* The folded base of a word before "n't" when it differs from its letters. */
static const char *nt_base(const char *base, size_t n)
{
    if (n == 2 && strncmp(base, "ca", 2) == 0)
        return "can";
    if (n == 2 && strncmp(base, "wo", 2) == 0)
        return "will";
    if (n == 3 && strncmp(base, "sha", 3) == 0)
        return "shall";
    if (n == 2 && strncmp(base, "ai", 2) == 0)
        return "is";
    return NULL;
}

/* Emit the word TEXT[start..end), splitting clitics and "cannot". */
static int push_word(folds *fs, cl_tokvec *out, const char *text, size_t start, size_t end,
                     uint32_t cstart, cl_token_kind kind)
{
    char *f = fold(fs, text + start, end - start);
    size_t n, cl, base_bytes, k;
    const char *base_fold;
    char tmp[8];
    int rc;

    if (!f)
        return cl_nomem(NULL);
    n = strlen(f);
    if (kind == CL_TOK_WORD && n == 6 && memcmp(f, "cannot", 6) == 0) {
        if ((rc = push(fs, out, text, start, start + 3, cstart, kind, "can")) < 0)
            return rc;
        return push(fs, out, text, start + 3, end, cstart + 3, kind, "not");
    }
    /* every clitic has an apostrophe, straightened by fold() */
    cl = kind == CL_TOK_WORD && n > 2 && memchr(f + 1, '\'', n - 1) ? clitic_len(f, n) : 0;
    if (!cl)
        return push(fs, out, text, start, end, cstart, kind, f);
    /* The clitic is cl code points long; the apostrophe may be 3 bytes. */
    base_bytes = end - start;
    for (k = 0; k < cl; k++) {
        do
            base_bytes--;
        while (base_bytes > 0 && ((unsigned char)text[start + base_bytes] & 0xC0) == 0x80);
    }
    base_fold = NULL;
    if (cl == 3) {
        size_t bl = n - 3;
        if (bl < sizeof tmp) {
            memcpy(tmp, f, bl);
            tmp[bl] = '\0';
            base_fold = nt_base(tmp, bl);
        }
    }
    rc = push(fs, out, text, start, start + base_bytes, cstart, kind, base_fold);
    if (rc < 0)
        return rc;
    return push(fs, out, text, start + base_bytes, end, out->v[out->n - 1].cend, kind,
                f + n - cl);
}

int cl_tokenize(cl_arena *arena, const char *text, size_t len, cl_tokvec *out)
{
    size_t i = 0, w, w2, j;
    uint32_t cpos = 0;
    int32_t c, d;
    cl_token_kind kind;
    folds fs_, *fs = &fs_;
    int rc;

    out->n = 0;
    fs->arena = arena;
    fs->used = 0;
    fs->cap = 2 * len + 1;
    if (!(fs->buf = cl_arena_alloc(arena, fs->cap)))
        return cl_nomem(NULL);
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        if (b == ' ') {
            i++;
            cpos++;
            continue;
        }
        if (b < 0x80) {
            c = b;
            w = 1;
        } else {
            c = peek(text, len, i, &w);
        }
        if (b < 0x80 ? (b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
                     : cl_uc_is_space(c)) {
            i += w;
            cpos++;
            continue;
        }
        /* the run of ASCII letters and digits at I, if any */
        for (j = i; j < len && ascii_alnum((unsigned char)text[j]); j++)
            ;
        if (may_be_address(text, len, i, j) && (w2 = scan_address(text, len, i, &kind)) > 0) {
            if ((rc = push(fs, out, text, i, i + w2, cpos, kind, NULL)) < 0)
                return rc;
        } else if (j > i || is_alnum(c)) {
            kind = cl_uc_is_digit(c) ? CL_TOK_NUMBER : CL_TOK_WORD;
            if (j == i)
                j = i + w;
            for (;;) {
                if (j < len && (unsigned char)text[j] < 0x80) {
                    d = (unsigned char)text[j];
                    w2 = 1;
                    if (ascii_alnum((unsigned char)d)) {
                        j++;
                        continue;
                    }
                } else {
                    d = peek(text, len, j, &w2);
                    if (is_alnum(d)) {
                        j += w2;
                        continue;
                    }
                }
                /* joiners that need an alphanumeric right after them */
                if (is_apostrophe(d) || is_hyphen(d) || d == '_' ||
                    (kind == CL_TOK_NUMBER && (d == '.' || d == ',' || d == ':'))) {
                    size_t w3;
                    int32_t e = peek(text, len, j + w2, &w3);
                    if ((kind == CL_TOK_NUMBER && (d == '.' || d == ',' || d == ':'))
                            ? cl_uc_is_digit(e)
                            : is_alnum(e)) {
                        j += w2;
                        continue;
                    }
                }
                break;
            }
            /* dotted initialisms: U.S., U.S.A., e.g., a.m. */
            if (kind == CL_TOK_WORD && j - i == w && j < len && text[j] == '.') {
                size_t k = j;
                int letters = 1;
                while (k < len && text[k] == '.' && letters < 12) {
                    int32_t e = peek(text, len, k + 1, &w2);
                    size_t w4;
                    if (cl_uc_is_letter(e) && !cl_uc_is_letter(peek(text, len, k + 1 + w2, &w4))) {
                        k += 1 + w2;
                        letters++;
                    } else
                        break;
                }
                if (letters >= 2) {
                    j = k < len && text[k] == '.' ? k + 1 : k;
                }
            }
            if ((rc = push_word(fs, out, text, i, j, cpos, kind)) < 0)
                return rc;
        } else {
            /* punctuation: runs of ! and ?, "...", "--" stay together */
            j = i + w;
            if (c == '!' || c == '?') {
                while (j < len && (text[j] == '!' || text[j] == '?'))
                    j++;
            } else if (c == '.' || c == '-') {
                while (j < len && text[j] == (char)c)
                    j++;
            }
            kind = (c < 0x80 && c != 0 && strchr("$%&+<=>^|~#@*/\\`", (int)c)) ? CL_TOK_SYMBOL
                                                                               : CL_TOK_PUNCT;
            if (c >= 0x80 && !cl_uc_is_letter(c))
                kind = (c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0xB0) ? CL_TOK_SYMBOL
                                                                        : CL_TOK_PUNCT;
            if ((rc = push(fs, out, text, i, j, cpos, kind, NULL)) < 0)
                return rc;
        }
        cpos = out->v[out->n - 1].cend;
        i = out->v[out->n - 1].end;
    }
    return 0;
}
