/* utf8.c - UTF-8 decoding and the character classes the stages rely on.
 *
 * Decoding is hand-written because it sits on the hot path of every stage;
 * classification of non-ASCII code points is delegated to libunistring, which
 * follows the Unicode Character Database. */
#include <unictype.h>

#include <string.h>

#include "internal.h"

int32_t cl_utf8_decode(const char *str, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    int32_t c;
    size_t need, i;

    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        need = 1;
        c = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        need = 2;
        c = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        need = 3;
        c = s[0] & 0x07;
    } else {
        *len = 1;
        return -1;
    }
    if (n < need + 1) {
        *len = 1;
        return -1;
    }
    for (i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return -1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((need == 2 && c < 0x800) || (need == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        *len = 1;
        return -1;
    }
    *len = need + 1;
    return c;
}

size_t cl_utf8_invalid(const char *s, size_t n)
{
    size_t i = 0, len;

    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            uint64_t x;
            /* ASCII eight bytes at a time */
            while (i + 8 <= n && (memcpy(&x, s + i, 8), !(x & 0x8080808080808080ULL)))
                i += 8;
            if (i < n && (unsigned char)s[i] < 0x80)
                i++;
            continue;
        }
        if (cl_utf8_decode(s + i, n - i, &len) < 0)
            return i;
        i += len;
    }
    return (size_t)-1;
}

size_t cl_utf8_count(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080ULL;
    size_t i = 0, cont = 0;

    /* eight bytes at a time: a continuation byte is 10xxxxxx, so its top
     * bit is set and the next bit is clear */
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (x & high)
            cont += (size_t)__builtin_popcountll(x & ~(x << 1) & high);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

int cl_uc_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return uc_is_alpha((ucs4_t)c) || uc_is_general_category((ucs4_t)c, UC_CATEGORY_M);
}

int cl_uc_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return uc_is_general_category((ucs4_t)c, UC_CATEGORY_Nd);
}

int cl_uc_is_space(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

int cl_uc_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return uc_is_upper((ucs4_t)c) || uc_is_general_category((ucs4_t)c, UC_CATEGORY_Lt);
}

int cl_uc_is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return uc_is_lower((ucs4_t)c);
}
