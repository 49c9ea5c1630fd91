/* json.c - JSON string escaping shared by the emitters, and the writer the
 * hot emitters use to build a whole JSON object in one reserved stretch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal.h"

/* The bytes that end a run copied as is: those escaped (control
 * characters, DEL, '"', '\\'), '<' (a '/' after it is escaped) and 0xE2
 * (the first byte of U+2028 and U+2029). */
static const unsigned char special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x30 '<' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50 '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* 0x70 DEL */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xB0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xC0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xD0 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xE0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xF0 */
};

#ifdef __SSE2__
/* A bit for each special byte of the 16 in V. */
static inline unsigned special16(__m128i v)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  lt = _mm_set1_epi8('<'), del = _mm_set1_epi8(0x7F),
                  e2 = _mm_set1_epi8((char)0xE2), c1f = _mm_set1_epi8(0x1F);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, del)));

    /* v <= 0x1F unsigned: max(v, 0x1F) == 0x1F */
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, e2),
                                     _mm_cmpeq_epi8(_mm_max_epu8(v, c1f), c1f)));
    return (unsigned)_mm_movemask_epi8(m);
}

static inline __m128i load16(const unsigned char *s)
{
    return _mm_loadu_si128((const __m128i *)(const void *)s);
}

static inline __m128i load8(const unsigned char *s)
{
    return _mm_loadl_epi64((const __m128i *)(const void *)s);
}

static inline __m128i load4(const unsigned char *s)
{
    int x;

    memcpy(&x, s, 4);
    return _mm_cvtsi32_si128(x);
}
#endif

/* The index of the first special byte of S[I, N), or N. */
static inline size_t scan(const unsigned char *s, size_t i, size_t n)
{
#ifdef __SSE2__
    unsigned bits;

    if (n - i >= 16) {
        for (; n - i >= 16; i += 16)
            if ((bits = special16(load16(s + i))) != 0)
                return i + (size_t)__builtin_ctz(bits);
        if (i == n)
            return n;
        /* the last 16 bytes, less those already seen */
        bits = special16(load16(s + n - 16)) >> (16 - (n - i));
        return bits ? i + (size_t)__builtin_ctz(bits) : n;
    }
    /* fewer than 16: the first and the last 8 (or 4), overlapping */
    if (n - i >= 8) {
        bits = special16(_mm_unpacklo_epi64(load8(s + i), load8(s + n - 8)));
        if (bits & 0xFF)
            return i + (size_t)__builtin_ctz(bits);
        return bits ? n - 8 + (size_t)__builtin_ctz(bits >> 8) : n;
    }
    if (n - i >= 4) {
        bits = special16(_mm_unpacklo_epi32(load4(s + i), load4(s + n - 4)));
        if (bits & 0xF)
            return i + (size_t)__builtin_ctz(bits);
        bits &= 0xF0;
        return bits ? n - 4 + (size_t)__builtin_ctz(bits >> 4) : n;
    }
#else
    for (; n - i >= 4; i += 4) {
        if (special[s[i]])
            return i;
        if (special[s[i + 1]])
            return i + 1;
        if (special[s[i + 2]])
            return i + 2;
        if (special[s[i + 3]])
            return i + 3;
    }
#endif
    for (; i < n && !special[s[i]]; i++)
        ;
    return i;
}

int cl_json_w_begin(cl_json_w *w, cl_buf *b, size_t budget)
{
    w->b = b;
    w->p = NULL;
    w->end = 0;
    if (cl_buf_reserve(b, budget) < 0)
        return CL_ENOMEM;
    w->p = b->data + b->len;
    w->end = b->len + budget;
    return 0;
}

/* An escape writes ADD bytes more than the budget counted: move the end of
 * the budget, growing the buffer when it no longer fits. */
static int more(cl_json_w *w, size_t add)
{
    cl_buf *b = w->b;
    size_t pos = (size_t)(w->p - b->data);

    if (w->end + add < b->cap) { /* ADD is at most 5: no overflow */
        w->end += add;
        return 0;
    }
    b->len = pos;
    if (cl_buf_reserve(b, w->end + add - pos) < 0)
        return CL_ENOMEM;
    w->end += add;
    w->p = b->data + pos;
    return 0;
}

int cl_json_w_str(cl_json_w *w, const char *str, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, j;
    char *p = w->p;

    if (w->b->failed)
        return CL_ENOMEM;
    *p++ = '"';
    for (;;) {
        unsigned char c;
        char esc[6];
        size_t len, used = 1;

        j = scan(s, i, n);
        memcpy(p, s + i, j - i);
        p += j - i;
        if (j == n)
            break;
        c = s[j];
        i = j + 1;
        switch (c) {
        case '"':
        case '\\':
            esc[0] = '\\', esc[1] = (char)c, len = 2;
            break;
        case '\n':
            esc[0] = '\\', esc[1] = 'n', len = 2;
            break;
        case '\t':
            esc[0] = '\\', esc[1] = 't', len = 2;
            break;
        case '\r':
            esc[0] = '\\', esc[1] = 'r', len = 2;
            break;
        case '<':
            /* "</" becomes "<\/": two bytes budgeted, three written */
            *p++ = '<';
            if (i == n || s[i] != '/')
                continue;
            esc[0] = '\\', esc[1] = '/', len = 2;
            i++;
            break;
        case 0xE2:
            if (n - i < 2 || s[i] != 0x80 || (s[i + 1] != 0xA8 && s[i + 1] != 0xA9)) {
                *p++ = (char)c;
                continue;
            }
            memcpy(esc, s[i + 1] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            len = 6;
            used = 3;
            i += 2;
            break;
        default: /* the other control characters and DEL */
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
            break;
        }
        if (len > used) {
            w->p = p;
            if (more(w, len - used) < 0)
                return CL_ENOMEM;
            p = w->p;
        }
        memcpy(p, esc, len);
        p += len;
    }
    *p++ = '"';
    w->p = p;
    return 0;
}

int cl_json_w_end(cl_json_w *w)
{
    cl_buf *b = w->b;

    if (w->p) {
        if ((size_t)(w->p - b->data) > w->end) {
            /* a writer went past the budget it reserved: a bug, and the
             * buffer may be damaged, so stop here, where tests see it */
            fputs("claimlint: internal error: a JSON record overran its reserved space\n",
                  stderr);
            abort();
        }
        b->len = (size_t)(w->p - b->data);
        b->data[b->len] = '\0';
    }
    return b->failed ? CL_ENOMEM : 0;
}

int cl_json_str(cl_buf *b, const char *s, size_t n)
{
    cl_json_w w;

    if (n > SIZE_MAX - 2)
        return cl_buf_reserve(b, SIZE_MAX); /* marks B failed */
    if (cl_json_w_begin(&w, b, n + 2) < 0)
        return CL_ENOMEM;
    cl_json_w_str(&w, s, n);
    return cl_json_w_end(&w);
}
