/* test_doc.c - documents: text checks (UTF-8, NUL, BOM, UTF-16), sentence
 * positions in the original file, line-end styles and normalized text. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static cl_rules *rules;

static void setup(void)
{
    rules = test_rules("fixtures/rules/good/mini-cues.xml");
}

static void teardown(void)
{
    cl_rules_free(rules);
    rules = NULL;
}

/* "LINE:COL-ENDLINE:ENDCOL text|..." for every sentence of DATA. */
static void positions(const char *data, size_t len, cl_split_mode mode, char *out, size_t size)
{
    cl_doc *doc = NULL;
    const cl_sentence *s;
    char part[512];
    int rc;

    out[0] = '\0';
    ck_assert_int_eq(cl_doc_new(&doc, "t", data, len), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, mode, 0), 0);
    while ((rc = cl_doc_next(doc, &s)) > 0) {
        snprintf(part, sizeof part, "%s%u:%u-%u:%u %s", out[0] ? "|" : "", s->line, s->column,
                 s->end_line, s->end_column, s->text);
        strncat(out, part, size - strlen(out) - 1);
    }
    ck_assert_int_eq(rc, 0);
    cl_doc_free(doc);
}

struct pos_case {
    const char *data;
    cl_split_mode mode;
    const char *want;
};

static const struct pos_case pos_cases[] = {
    {"One here. Two there.\n", CL_SPLIT_AUTO, "1:1-1:10 One here.|1:11-1:21 Two there."},
    {"A wrapped\nsentence here.\n\nNext one.", CL_SPLIT_AUTO,
     "1:1-2:15 A wrapped sentence here.|4:1-4:10 Next one."},
    {"A wrapped  \r\n   sentence.\r\n\r\nNext.", CL_SPLIT_AUTO,
     "1:1-2:13 A wrapped sentence.|4:1-4:6 Next."},
    {"Old Mac\rstyle lines.\r\rNext.", CL_SPLIT_AUTO, "1:1-2:13 Old Mac style lines.|4:1-4:6 Next."},
    {"\xEF\xBB\xBFWith a BOM.", CL_SPLIT_AUTO, "1:1-1:12 With a BOM."},
    {"Señor Núñez left. Él no.", CL_SPLIT_AUTO, "1:1-1:18 Señor Núñez left.|1:19-1:25 Él no."},
    {"\tTabbed start.", CL_SPLIT_AUTO, "1:2-1:15 Tabbed start."},
    {"line one. still one\n  line two  \n\nline three", CL_SPLIT_LINES,
     "1:1-1:20 line one. still one|2:3-2:11 line two|4:1-4:11 line three"},
    {"", CL_SPLIT_AUTO, ""},
    {"  \n\t\n  ", CL_SPLIT_AUTO, ""},
};

START_TEST(test_positions)
{
    const struct pos_case *c = &pos_cases[_i];
    char got[2048];

    positions(c->data, strlen(c->data), c->mode, got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d:\n got  [%s]\n want [%s]", _i, got,
                  c->want);
}
END_TEST

struct bad_text {
    const char *data;
    size_t len;
    int code;
    unsigned line, column;
    const char *msg;
};

static const struct bad_text bad_texts[] = {
    {"ok\nbad \xC3\x28 here", 13, CL_EUTF8, 2, 5, "byte offset 7"},
    {"overlong \xC0\xAF", 11, CL_EUTF8, 1, 10, "invalid UTF-8"},
    {"surrogate \xED\xA0\x80", 13, CL_EUTF8, 1, 11, "invalid UTF-8"},
    {"cut \xE2\x82", 6, CL_EUTF8, 1, 5, "invalid UTF-8"},
    {"nul\n\0byte", 9, CL_EINPUT, 2, 1, "NUL byte"},
    {"\xFF\xFEh\0i\0", 6, CL_EINPUT, 0, 0, "UTF-16"},
};

START_TEST(test_bad_text)
{
    const struct bad_text *c = &bad_texts[_i];
    cl_doc *doc = (cl_doc *)1;
    const cl_diag *e;

    ck_assert_int_eq(cl_doc_new(&doc, "bad.txt", c->data, c->len), c->code);
    ck_assert_ptr_null(doc);
    e = cl_error_last();
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->file, "bad.txt");
    ck_assert_uint_eq(e->line, c->line);
    ck_assert_uint_eq(e->column, c->column);
    ck_assert_msg(strstr(e->message, c->msg) != NULL, "message '%s' lacks '%s'", e->message,
                  c->msg);
}
END_TEST

START_TEST(test_load_errors)
{
    cl_doc *doc = NULL;

    ck_assert_int_eq(cl_doc_load(&doc, "/nonexistent/x.txt", NULL), CL_EIO);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(cl_error_last()->file, "/nonexistent/x.txt");
    ck_assert_int_eq(cl_doc_load(&doc, test_srcpath("fixtures"), NULL), CL_EIO);
    ck_assert_ptr_nonnull(strstr(cl_error_last()->message, "directory"));
    if (geteuid() != 0) {
        /* root reads anything; the unreadable case is covered by golden tests */
    }
    ck_assert_int_eq(cl_doc_load(&doc, test_srcpath("fixtures/articles/rubio-mexico.txt"),
                                 "article"),
                     0);
    ck_assert_str_eq(cl_doc_name(doc), "article");
    cl_doc_free(doc);
    cl_doc_free(NULL);
}
END_TEST

START_TEST(test_next_without_analyze)
{
    cl_doc *doc = NULL;
    const cl_sentence *s;

    ck_assert_int_eq(cl_doc_new(&doc, "t", "Hi.", 3), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), CL_EINVAL);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_AUTO, CL_ANALYZE_STEMS), 0);
    ck_assert_int_eq(cl_doc_next(doc, &s), 1);
    ck_assert_str_eq(s->tokens[0].stem, "hi");
    ck_assert_int_eq(cl_doc_next(doc, &s), 0);
    cl_doc_free(doc);
}
END_TEST

START_TEST(test_long_run_is_cut)
{
    /* 100 KB with no sentence end: cut into pieces of at most 16 KiB at
     * white space, each placed right, none lost */
    size_t n = 100 * 1024, i, covered = 0, pieces = 0;
    char *text = malloc(n + 1);
    cl_doc *doc = NULL;
    const cl_sentence *s;
    unsigned last_col = 0;
    int rc;

    for (i = 0; i < n; i++)
        text[i] = (i % 7 == 6) ? ' ' : 'a';
    text[n] = '\0';
    ck_assert_int_eq(cl_doc_new(&doc, "t", text, n), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_AUTO, CL_ANALYZE_CUES), 0);
    while ((rc = cl_doc_next(doc, &s)) > 0) {
        ck_assert_uint_le(s->len, 16 * 1024);
        ck_assert_uint_eq(s->line, 1);
        ck_assert_uint_gt(s->column, last_col);
        ck_assert_uint_eq(s->column, s->start_byte + 1);
        ck_assert_int_ne(text[s->start_byte], ' ');
        last_col = s->column;
        covered += s->len;
        pieces++;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_ge(pieces, 7);
    ck_assert_uint_ge(covered + pieces, n - 8); /* all but the spaces cut at */
    cl_doc_free(doc);
    free(text);
}
END_TEST

Suite *suite_doc(void)
{
    Suite *s = suite_create("doc");
    TCase *tc = tcase_create("doc");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_positions, 0, (int)(sizeof pos_cases / sizeof pos_cases[0]));
    tcase_add_loop_test(tc, test_bad_text, 0, (int)(sizeof bad_texts / sizeof bad_texts[0]));
    tcase_add_test(tc, test_load_errors);
    tcase_add_test(tc, test_next_without_analyze);
    tcase_add_test(tc, test_long_run_is_cut);
    suite_add_tcase(s, tc);
    return s;
}
