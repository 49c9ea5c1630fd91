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
    return cl_uc_is_letter(c) || cl_uc_is_digit(c);
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

/* Write the case-folded form of TEXT[0..N) into ARENA: lower case, curly
 * apostrophes straightened. ASCII takes a fast path; anything else goes
 * through libunistring's full case mapping. */
static char *fold(cl_arena *arena, const char *s, size_t n)
{
    size_t i, outlen = 0;
    char *out;
    uint8_t *mapped;
    cl_buf b = {0};

    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == n) {
        out = cl_arena_alloc(arena, n + 1);
        if (!out)
            return NULL;
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
        cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    out = cl_arena_strndup(arena, (const char *)mapped, outlen);
    free(mapped);
    return out;
}

static int push(cl_arena *arena, cl_tokvec *out, const char *text, size_t start, size_t end,
                uint32_t cstart, cl_token_kind kind, const char *fold_override)
{
    cl_token *t;

    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        cl_token *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
        out->v = v;
        out->cap = cap;
    }
    t = &out->v[out->n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->cstart = cstart;
    t->cend = cstart + (uint32_t)cl_utf8_count(text + start, end - start);
    t->kind = kind;
    t->fold = fold_override ? cl_arena_strndup(arena, fold_override, strlen(fold_override))
                            : fold(arena, text + start, end - start);
    t->stem = NULL;
    if (!t->fold)
        return CL_ENOMEM;
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
    if (!url && (dot_after_at >= j || !is_alnum((unsigned char)text[j - 1])))
        return 0;
    *kind = url ? CL_TOK_URL : CL_TOK_EMAIL;
    return j - i;
}

/* A cheap test before scan_address: an address starts with "http", "www"
 * or a run of ASCII letters and digits followed by one of . @ _ + - :
 * (an e-mail's local part, a scheme). Most words are followed by a space
 * or punctuation and fail here, which keeps the tokenizer from scanning
 * every word twice. */
static int may_be_address(const char *text, size_t len, size_t i)
{
    size_t j = i;

    while (j < len && j - i < 256) {
        unsigned char c = (unsigned char)text[j] | 32;
        if (!(c >= 'a' && c <= 'z') && !(text[j] >= '0' && text[j] <= '9'))
            break;
        j++;
    }
    return j > i && j < len && strchr(".@_+-:", text[j]) && text[j] != '\0';
}

/* Clitics split from the end of a word, PTB style. */
static size_t clitic_len(const char *fold_word, size_t n, const char **base_fold)
{
    static const char *const clitics[] = {"'s", "'re", "'ve", "'ll", "'d", "'m"};
    size_t k, cl;

    *base_fold = NULL;
    if (n > 3 && strcmp(fold_word + n - 3, "n't") == 0)
        return 3;
    for (k = 0; k < sizeof clitics / sizeof clitics[0]; k++) {
        cl = strlen(clitics[k]);
        if (n > cl && strcmp(fold_word + n - cl, clitics[k]) == 0)
            return cl;
    }
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
static int push_word(cl_arena *arena, cl_tokvec *out, const char *text, size_t start, size_t end,
                     uint32_t cstart, cl_token_kind kind)
{
    char *f = fold(arena, text + start, end - start);
    size_t n, cl, base_bytes, k;
    const char *base_fold;
    char tmp[8];
    int rc;

    if (!f)
        return CL_ENOMEM;
    n = strlen(f);
    if (kind == CL_TOK_WORD && n == 6 && strcmp(f, "cannot") == 0) {
        if ((rc = push(arena, out, text, start, start + 3, cstart, kind, "can")) < 0)
            return rc;
        return push(arena, out, text, start + 3, end, cstart + 3, kind, "not");
    }
    cl = kind == CL_TOK_WORD ? clitic_len(f, n, &base_fold) : 0;
    if (!cl)
        return push(arena, out, text, start, end, cstart, kind, f);
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
    rc = push(arena, out, text, start, start + base_bytes, cstart, kind, base_fold);
    if (rc < 0)
        return rc;
    return push(arena, out, text, start + base_bytes, end, out->v[out->n - 1].cend, kind,
                f + n - cl);
}

int cl_tokenize(cl_arena *arena, const char *text, size_t len, cl_tokvec *out)
{
    size_t i = 0, w, w2, j;
    uint32_t cpos = 0;
    int32_t c, d;
    cl_token_kind kind;
    int rc;

    out->n = 0;
    while (i < len) {
        c = peek(text, len, i, &w);
        if (cl_uc_is_space(c)) {
            i += w;
            cpos++;
            continue;
        }
        if (may_be_address(text, len, i) && (j = scan_address(text, len, i, &kind)) > 0) {
            if ((rc = push(arena, out, text, i, i + j, cpos, kind, NULL)) < 0)
                return rc;
        } else if (is_alnum(c)) {
            kind = cl_uc_is_digit(c) ? CL_TOK_NUMBER : CL_TOK_WORD;
            j = i + w;
            for (;;) {
                d = peek(text, len, j, &w2);
                if (is_alnum(d)) {
                    j += w2;
                    continue;
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
            if ((rc = push_word(arena, out, text, i, j, cpos, kind)) < 0)
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
            kind = (c < 0x80 && strchr("$%&+<=>^|~#@*/\\`", (int)c)) ? CL_TOK_SYMBOL : CL_TOK_PUNCT;
            if (c >= 0x80 && !cl_uc_is_letter(c))
                kind = (c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0xB0) ? CL_TOK_SYMBOL
                                                                        : CL_TOK_PUNCT;
            if ((rc = push(arena, out, text, i, j, cpos, kind, NULL)) < 0)
                return rc;
        }
        cpos = out->v[out->n - 1].cend;
        i = out->v[out->n - 1].end;
    }
    return 0;
}
