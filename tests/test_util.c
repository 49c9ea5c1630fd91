/* test_util.c - UTF-8 decoding, JSON escaping, buffers and arenas. */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

START_TEST(test_utf8_decode)
{
    size_t len;

    ck_assert_int_eq(cl_utf8_decode("A", 1, &len), 'A');
    ck_assert_uint_eq(len, 1);
    ck_assert_int_eq(cl_utf8_decode("\xC3\xA9", 2, &len), 0xE9);
    ck_assert_uint_eq(len, 2);
    ck_assert_int_eq(cl_utf8_decode("\xE2\x80\xA6", 3, &len), 0x2026);
    ck_assert_int_eq(cl_utf8_decode("\xF0\x9F\x98\x80", 4, &len), 0x1F600);
    ck_assert_uint_eq(len, 4);
    ck_assert_int_eq(cl_utf8_decode("\xE2\x80", 2, &len), -1);       /* truncated */
    ck_assert_int_eq(cl_utf8_decode("\xC1\xBF", 2, &len), -1);       /* overlong */
    ck_assert_int_eq(cl_utf8_decode("\xF4\x90\x80\x80", 4, &len), -1); /* > U+10FFFF */
    ck_assert_int_eq(cl_utf8_decode("\x80", 1, &len), -1);
    ck_assert_uint_eq(cl_utf8_invalid("ok \xC3\xA9", 5), (size_t)-1);
    ck_assert_uint_eq(cl_utf8_invalid("ok \xC3", 4), 3);
    ck_assert_uint_eq(cl_utf8_count("h\xC3\xA9\xE2\x80\xA6", 6), 3);
}
END_TEST

START_TEST(test_classes)
{
    ck_assert(cl_uc_is_letter(0xE9));
    ck_assert(cl_uc_is_letter(0x0416)); /* Cyrillic */
    ck_assert(!cl_uc_is_letter('1'));
    ck_assert(cl_uc_is_digit(0x0663));  /* Arabic-Indic three */
    ck_assert(cl_uc_is_space(0xA0));
    ck_assert(cl_uc_is_space(0x2028));
    ck_assert(cl_uc_is_upper(0xC9));
    ck_assert(cl_uc_is_lower(0xE9));
}
END_TEST

START_TEST(test_json_escape)
{
    cl_buf b = {0};
    const char *in = "a\"b\\c\nd\te\x01</script>\xE2\x80\xA8z";

    ck_assert_int_eq(cl_json_str(&b, in, strlen(in)), 0);
    ck_assert_str_eq(b.data, "\"a\\\"b\\\\c\\nd\\te\\u0001<\\/script>\\u2028z\"");
    cl_buf_free(&b);
}
END_TEST

/* JSON-escape IN[0..N) into OUT the plain way, byte by byte, as
 * cl_json_str must. */
static void ref_escape(const unsigned char *in, size_t n, cl_buf *out)
{
    size_t i;

    cl_buf_putc(out, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c == '"' || c == '\\')
            cl_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            cl_buf_puts(out, "\\n");
        else if (c == '\t')
            cl_buf_puts(out, "\\t");
        else if (c == '\r')
            cl_buf_puts(out, "\\r");
        else if (c == '<' && i + 1 < n && in[i + 1] == '/') {
            cl_buf_puts(out, "<\\/");
            i++;
        } else if (c == 0xE2 && i + 2 < n && in[i + 1] == 0x80 &&
                   (in[i + 2] == 0xA8 || in[i + 2] == 0xA9)) {
            cl_buf_puts(out, in[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
        } else if (c < 0x20 || c == 0x7F)
            cl_buf_printf(out, "\\u%04x", c);
        else
            cl_buf_putc(out, (char)c);
    }
    cl_buf_putc(out, '"');
}

START_TEST(test_json_escape_random)
{
    /* strings dense in what must be escaped, of every length up to 300 and
     * at every alignment, appended to a buffer that already holds text:
     * the same as the plain escaper, and never past the reserved space
     * (cl_json_w_end stops the program if a writer overran it) */
    static const unsigned char pieces[][3] = {
        {'"', 0, 0}, {'\\', 0, 0}, {'\n', 0, 0}, {'\t', 0, 0}, {'\r', 0, 0}, {1, 0, 0},
        {0x1F, 0, 0}, {0x7F, 0, 0}, {'<', 0, 0}, {'/', 0, 0}, {0xE2, 0x80, 0xA8},
        {0xE2, 0x80, 0xA9}, {0xE2, 0x80, 0xA0}, {0xC3, 0xA9, 0}, {'a', 0, 0}, {' ', 0, 0}};
    unsigned char in[1024];
    cl_buf got = {0}, want = {0};
    unsigned seed = 12345;
    size_t round, n, k;

    for (round = 0; round < 3000; round++) {
        size_t target = round % 301, lead = round % 37;
        n = 0;
        while (n < target) {
            const unsigned char *pc;
            seed = seed * 1103515245u + 12345u;
            /* mostly plain letters, so that runs of every length occur */
            pc = pieces[(seed >> 16) % 4 ? 14 : (seed >> 8) % (sizeof pieces / sizeof pieces[0])];
            for (k = 0; k < 3 && (k == 0 || pc[k]) && n < sizeof in; k++)
                in[n++] = pc[k];
        }
        got.len = want.len = 0;
        for (k = 0; k < lead; k++) {
            cl_buf_putc(&got, 'x');
            cl_buf_putc(&want, 'x');
        }
        ck_assert_int_eq(cl_json_str(&got, (const char *)in, n), 0);
        ref_escape(in, n, &want);
        ck_assert_uint_eq(got.len, want.len);
        ck_assert_msg(memcmp(got.data, want.data, got.len) == 0, "round %zu differs", round);
    }
    cl_buf_free(&got);
    cl_buf_free(&want);
}
END_TEST

START_TEST(test_buf_and_arena)
{
    cl_buf b = {0};
    cl_arena *a = cl_arena_new();
    size_t i;
    char *p;

    for (i = 0; i < 1000; i++)
        ck_assert_int_eq(cl_buf_printf(&b, "%zu,", i), 0);
    ck_assert_uint_eq(strlen(b.data), b.len);
    ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    cl_buf_free(&b);
    for (i = 0; i < 10000; i++) {
        p = cl_arena_strndup(a, "hello world", 5);
        ck_assert_str_eq(p, "hello");
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
    }
    p = cl_arena_alloc(a, 1 << 20); /* larger than a block */
    ck_assert_ptr_nonnull(p);
    memset(p, 1, 1 << 20);
    cl_arena_reset(a);
    ck_assert_ptr_nonnull(cl_arena_alloc(a, 10));
    cl_arena_free(a);
    cl_arena_free(NULL);
}
END_TEST

/* Arrays and buffers that grow past a huge page (2 MiB) move into memory
 * of their own: what they held comes with them, a buffer's NUL too. */
START_TEST(test_grow_huge)
{
    uint32_t *v = NULL;
    size_t cap = 0, i, n = 3u << 20; /* 12 MiB of numbers */
    cl_buf b = {0};

    /* (no ck_assert in the loops: each passing one writes a mark) */
    for (i = 0; i < n; i++) {
        if (cl_grow(&v, &cap, i + 1, sizeof *v, 16) != 0)
            ck_abort_msg("cannot grow to %zu", i + 1);
        v[i] = (uint32_t)(i * 2654435761u);
    }
    ck_assert_uint_ge(cap, n);
    for (i = 0; i < n; i++)
        if (v[i] != (uint32_t)(i * 2654435761u))
            ck_abort_msg("element %zu lost in growing", i);
    free(v);
    for (i = 0; b.len < (5u << 20); i++)
        if (cl_buf_printf(&b, "%zu,", i) != 0)
            ck_abort_msg("cannot print %zu", i);
    ck_assert_int_eq(cl_buf_reserve(&b, 3u << 20), 0); /* moves it, keeps the NUL */
    ck_assert_uint_eq(strlen(b.data), b.len);
    ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    ck_assert(strstr(b.data, "654321,654322,") != NULL);
    cl_buf_free(&b);
}
END_TEST

START_TEST(test_utf8_count_wide)
{
    /* the eight-byte path must agree with a byte-by-byte count, whatever
     * the alignment of multibyte characters against eight-byte blocks */
    char text[64];
    size_t start, len, i, want;

    for (i = 0; i + 3 <= sizeof text; i += 3)
        memcpy(text + i, i % 2 ? "\xE2\x80\xA6" : "ab\xC3", 3); /* a stray byte too */
    for (start = 0; start < 9; start++)
        for (len = 0; start + len <= sizeof text - 1; len++) {
            for (want = 0, i = start; i < start + len; i++)
                want += ((unsigned char)text[i] & 0xC0) != 0x80;
            ck_assert_uint_eq(cl_utf8_count(text + start, len), want);
        }
    /* and validation finds the first bad byte after a long ASCII run */
    ck_assert_uint_eq(cl_utf8_invalid("abcdefghijklmnop\xC3", 17), 16);
    ck_assert_uint_eq(cl_utf8_invalid("abcdefghijklmnopq", 17), (size_t)-1);
}
END_TEST

struct item {
    int key, order;
};

static int by_key(const void *a, const void *b)
{
    const struct item *x = a, *y = b;

    return (x->key > y->key) - (x->key < y->key);
}

START_TEST(test_sort_stable)
{
    /* small arrays take the insertion sort, large ones qsort: both sort,
     * and keep equal keys in their order */
    struct item v[100];
    size_t n, i;

    for (n = 0; n <= 100; n += 5) {
        for (i = 0; i < n; i++) {
            v[i].key = (int)((i * 7) % 5);
            v[i].order = (int)i;
        }
        cl_sort(v, n, sizeof *v, by_key);
        for (i = 1; i < n; i++) {
            ck_assert_int_le(v[i - 1].key, v[i].key);
            if (v[i - 1].key == v[i].key)
                ck_assert_int_lt(v[i - 1].order, v[i].order);
        }
    }
}
END_TEST

START_TEST(test_data_path)
{
    char *p = cl_data_path("claimlint.rng");

    ck_assert_ptr_nonnull(p);
    free(p);
    ck_assert_ptr_null(cl_data_path("no/such/file"));
    ck_assert_int_eq(cl_error_last()->code, CL_EIO);
    ck_assert_str_eq(cl_version(), PACKAGE_VERSION);
}
END_TEST

Suite *suite_util(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");

    tcase_add_test(tc, test_utf8_decode);
    tcase_add_test(tc, test_classes);
    tcase_add_test(tc, test_json_escape);
    tcase_add_test(tc, test_json_escape_random);
    tcase_add_test(tc, test_buf_and_arena);
    tcase_add_test(tc, test_grow_huge);
    tcase_add_test(tc, test_data_path);
    tcase_add_test(tc, test_utf8_count_wide);
    tcase_add_test(tc, test_sort_stable);
    suite_add_tcase(s, tc);
    return s;
}
