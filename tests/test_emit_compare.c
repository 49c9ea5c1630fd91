/* test_emit_compare.c - compare's emitters (emit_compare*.c) on a result
 * built by hand (cmp_fixture.c): each format's essential content. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmp_fixture.h"
#include "tests.h"

/* ---- a small JSON checker: whether the text is one JSON value ------------ */

static const char *json_value(const char *p);

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

static const char *json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p && *p != '"') {
        if ((unsigned char)*p < 0x20)
            return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                int i;
                for (i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
        p++;
    }
    return *p == '"' ? p + 1 : NULL;
}

static const char *json_seq(const char *p, char close, int object)
{
    p = json_ws(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (object) {
            if (!(p = json_string(json_ws(p))))
                return NULL;
            p = json_ws(p);
            if (*p++ != ':')
                return NULL;
        }
        if (!(p = json_value(p)))
            return NULL;
        p = json_ws(p);
        if (*p == close)
            return p + 1;
        if (*p++ != ',')
            return NULL;
    }
}

static const char *json_value(const char *p)
{
    p = json_ws(p);
    if (*p == '{')
        return json_seq(p, '}', 1);
    if (*p == '[')
        return json_seq(p, ']', 0);
    if (*p == '"')
        return json_string(p);
    if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
        return p + 4;
    if (!strncmp(p, "false", 5))
        return p + 5;
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
        char *end;
        strtod(p, &end);
        return end;
    }
    return NULL;
}

static int is_json(const char *s)
{
    const char *end = json_value(s);
    return end && *json_ws(end) == '\0';
}

/* ---- running an emitter -------------------------------------------------- */

/* The output of FORMAT with FLAGS for NDRAFTS copies of the fixture
 * (malloc'd); *COUNTS the emitter's counts at error, warning, info. */
static char *emit(const char *format, unsigned flags, int ndrafts, size_t counts[3])
{
    cl_cmp_emitter *e = NULL;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    int i;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cl_cmp_emitter_new(&e, format, f, flags), 0);
    for (i = 0; i < ndrafts; i++)
        ck_assert_int_eq(cl_cmp_emitter_result(e, cmp_fixture(i ? "draft 2.txt" : NULL)), 0);
    ck_assert_int_eq(cl_cmp_emitter_finish(e), 0);
    if (counts) {
        counts[0] = cl_cmp_emitter_count(e, CL_LEVEL_ERROR);
        counts[1] = cl_cmp_emitter_count(e, CL_LEVEL_WARNING);
        counts[2] = cl_cmp_emitter_count(e, CL_LEVEL_INFO);
    }
    cl_cmp_emitter_free(e);
    fclose(f);
    return out;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += *s == '\n';
    return n;
}

START_TEST(test_codes)
{
    int i;

    for (i = 0; i < CL_CMP_NCODES; i++)
        ck_assert_int_eq(cl_cmp_code_parse(cl_cmp_code_name((cl_cmp_code)i)), i);
    ck_assert_str_eq(cl_cmp_code_name(CL_CMP_HEDGE_ADDED), "hedge-added");
    ck_assert_int_eq(cl_cmp_code_parse("no-such-code"), -1);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_NEGATION_FLIPPED), CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_HEDGE_DROPPED), CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_NUMBER_CHANGED), CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_ENTITY_CHANGED), CL_LEVEL_ERROR);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_ATTRIBUTION_DROPPED), CL_LEVEL_WARNING);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_UNSUPPORTED), CL_LEVEL_WARNING);
    ck_assert_int_eq(cl_cmp_default_level(CL_CMP_HEDGE_ADDED), CL_LEVEL_INFO);
}
END_TEST

START_TEST(test_unknown_format)
{
    cl_cmp_emitter *e = (cl_cmp_emitter *)1;

    ck_assert_int_eq(cl_cmp_emitter_new(&e, "report-text", stdout, 0), CL_EINVAL);
    ck_assert_ptr_null(e);
    cl_cmp_emitter_free(NULL);
}
END_TEST

START_TEST(test_text)
{
    size_t counts[3];
    char *out = emit("text", 0, 1, counts);

    ck_assert_msg(!strncmp(out, "draft.txt:1:12: error: the source hedges (\"may\"), the draft "
                                "asserts [hedge-dropped]\n"
                                "  The bridge will open in 2026.\n"
                                "             ^~~~~~~~~\n"
                                "  source <a&b>.txt:1:1: note: the source says: The mayor said "
                                "the bridge may open in 2025.\n",
                          strlen("draft.txt:1:12: error: the source hedges (\"may\"), the draft "
                                 "asserts [hedge-dropped]\n")),
                  "%s", out);
    /* the source's underline stands under its words */
    ck_assert_ptr_nonnull(strstr(out, "the source says: The mayor said the bridge may open in "
                                      "2025.\n                                                  "
                                      "                       ^~~~~~~~\n"));
    /* non-ASCII: the caret counts code points */
    ck_assert_ptr_nonnull(strstr(out, "draft.txt:3:1: error: \"Z\xC3\xBCrich's caf\xC3\xA9\" "
                                      "differs [entity-changed]\n"
                                      "  Z\xC3\xBCrich's caf\xC3\xA9 owners protested loudly.\n"
                                      "  ^~~~~~~~~~~~~\n"));
    ck_assert_ptr_nonnull(strstr(out, "draft.txt:3:22: warning: no source sentence says "
                                      "\"protested loudly\" [unsupported]\n"));
    ck_assert_ptr_nonnull(strstr(out, "  source <a&b>.txt:3:1: note: no source sentence carries "
                                      "it; the closest says: Caf\xC3\xA9 owners"));
    ck_assert_ptr_nonnull(strstr(out, "\n4 errors, 1 warning, 0 infos in 1 draft\n"));
    ck_assert_uint_eq(counts[0], 4);
    ck_assert_uint_eq(counts[1], 5);
    ck_assert_uint_eq(counts[2], 5);
    free(out);
    out = emit("text", CL_WRITE_QUIET, 2, NULL);
    ck_assert_ptr_null(strstr(out, "errors"));
    ck_assert_ptr_nonnull(strstr(out, "draft 2.txt:1:12: error:"));
    free(out);
    out = emit("text", CL_WRITE_COLOR, 2, NULL);
    ck_assert_ptr_nonnull(strstr(out, "\033[1mdraft.txt:1:12: \033[0m\033[1;31merror:\033[0m "));
    ck_assert_ptr_nonnull(strstr(out, "8 errors, 2 warnings, 0 infos in 2 drafts\n"));
    free(out);
}
END_TEST

START_TEST(test_unsupported_alone)
{
    const cl_cmp_result *r = cmp_fixture(NULL);
    cl_cmp_sentence *d = (cl_cmp_sentence *)&r->draft[2];
    cl_cmp_emitter *e;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);

    d->naligned = 0; /* no source sentence comes close */
    ck_assert_int_eq(cl_cmp_emitter_new(&e, "jsonl", f, 0), 0);
    ck_assert_int_eq(cl_cmp_emitter_result(e, r), 0);
    ck_assert_int_eq(cl_cmp_emitter_finish(e), 0);
    cl_cmp_emitter_free(e);
    ck_assert_int_eq(cl_cmp_emitter_new(&e, "text", f, 0), 0);
    ck_assert_int_eq(cl_cmp_emitter_result(e, r), 0);
    ck_assert_int_eq(cl_cmp_emitter_finish(e), 0);
    cl_cmp_emitter_free(e);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(out, "\"code\":\"unsupported\""));
    ck_assert_ptr_nonnull(strstr(strstr(out, "\"code\":\"unsupported\""), "\"source\":null}\n"));
    ck_assert_ptr_nonnull(strstr(out, "  source <a&b>.txt: note: no source sentence carries it\n"));
    free(out);
}
END_TEST

START_TEST(test_gnu)
{
    char *out = emit("gnu", 0, 1, NULL);

    ck_assert_uint_eq(count_lines(out), 5);
    ck_assert_msg(!strncmp(out, "draft.txt:1:12: error: the source hedges (\"may\"), the draft "
                                "asserts [hedge-dropped]\ndraft.txt:1:25: error: 2026 where",
                           90), "%s", out);
    free(out);
}
END_TEST

START_TEST(test_json)
{
    char *out = emit("json", 0, 2, NULL);

    ck_assert_msg(is_json(out), "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "{\"findings\":[\n{\"file\":\"draft.txt\",\"line\":1,"
                                      "\"column\":12,\"end_line\":1,\"end_column\":21,"
                                      "\"code\":\"hedge-dropped\",\"severity\":\"error\","));
    ck_assert_ptr_nonnull(strstr(out, "\"match\":{\"start\":11,\"end\":20,\"text\":\"will open\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"source\":{\"file\":\"source <a&b>.txt\",\"index\":0,"
                                      "\"closest\":false,\"line\":1,\"column\":1,"));
    ck_assert_ptr_nonnull(strstr(out, "\"status\":\"hedged\",\"cue\":\"may\",\"match\":{\"start\":"
                                      "26,\"end\":34,\"text\":\"may open\"}}"));
    ck_assert_ptr_nonnull(strstr(out, "\"closest\":true"));
    ck_assert_ptr_nonnull(strstr(out, "the <budget> & \\\"plan\\\".\""));
    ck_assert_ptr_nonnull(strstr(out, "\"summary\":{\"drafts\":2,\"errors\":8,\"warnings\":2,"
                                      "\"infos\":0}}\n"));
    free(out);
    out = emit("json", 0, 0, NULL);
    ck_assert_str_eq(out, "{\"findings\":[],\"summary\":{\"drafts\":0,\"errors\":0,\"warnings\":0,"
                          "\"infos\":0}}\n");
    free(out);
}
END_TEST

START_TEST(test_jsonl)
{
    char *out = emit("jsonl", 0, 1, NULL), *line, *save = NULL;
    size_t n = 0;

    ck_assert_uint_eq(count_lines(out), 5);
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++)
        ck_assert_msg(is_json(line), "%s", line);
    ck_assert_uint_eq(n, 5);
    free(out);
}
END_TEST

START_TEST(test_rdjsonl)
{
    char *out = emit("rdjsonl", 0, 1, NULL), *line, *save = NULL;

    ck_assert_ptr_nonnull(strstr(out, "{\"message\":\"the source hedges (\\\"may\\\"), the draft "
                                      "asserts\",\"location\":{\"path\":\"draft.txt\",\"range\":"
                                      "{\"start\":{\"line\":1,\"column\":12},\"end\":{\"line\":1,"
                                      "\"column\":21}}},\"severity\":\"ERROR\",\"source\":{\"name\":"
                                      "\"claimlint\"},\"code\":{\"value\":\"hedge-dropped\"},"
                                      "\"related_locations\":[{\"message\":\"source sentence\","));
    /* reviewdog's columns are bytes: two two-byte letters before */
    ck_assert_ptr_nonnull(strstr(out, "\"range\":{\"start\":{\"line\":3,\"column\":24},"
                                      "\"end\":{\"line\":3,\"column\":40}}},\"severity\":\"WARNING\""));
    ck_assert_ptr_nonnull(strstr(out, "\"closest source sentence\""));
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        ck_assert_msg(is_json(line), "%s", line);
    free(out);
}
END_TEST

START_TEST(test_sarif)
{
    char *out = emit("sarif", 0, 2, NULL);

    ck_assert_msg(is_json(out), "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\"version\":\"2.1.0\""));
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"hedge-added\",\"name\":\"HedgeAdded\","
                                      "\"shortDescription\":{\"text\":\"the source asserts, the "
                                      "draft hedges\"},\"defaultConfiguration\":{\"level\":"
                                      "\"note\"}}"));
    ck_assert_ptr_nonnull(strstr(out, "\"relatedLocations\":[{\"id\":0,\"message\":{\"text\":"
                                      "\"source sentence\"},\"physicalLocation\":{"
                                      "\"artifactLocation\":{\"uri\":\"source%20%3Ca&b%3E.txt\","
                                      "\"index\":0}"));
    ck_assert_ptr_nonnull(strstr(out, "{\"ruleId\":\"unsupported\",\"ruleIndex\":5,\"level\":"
                                      "\"warning\""));
    /* the source once, then each draft */
    ck_assert_ptr_nonnull(strstr(out, "\"artifacts\":[\n{\"location\":{\"uri\":\"source%20%3Ca&b"
                                      "%3E.txt\"},\"roles\":[\"analysisTarget\"]},\n{\"location\":"
                                      "{\"uri\":\"draft.txt\"}"));
    ck_assert_ptr_nonnull(strstr(out, "{\"uri\":\"draft%202.txt\"}"));
    free(out);
    out = emit("sarif", 0, 0, NULL);
    ck_assert_msg(is_json(out), "%s", out);
    free(out);
}
END_TEST

START_TEST(test_junit)
{
    char *out = emit("junit", 0, 2, NULL);

    ck_assert_ptr_nonnull(strstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
                                      "  <testsuite name=\"draft.txt\" package=\"claimlint\" "
                                      "id=\"0\" "));
    ck_assert_ptr_nonnull(strstr(out, "tests=\"3\" failures=\"3\" errors=\"0\""));
    ck_assert_ptr_nonnull(strstr(out, "<property name=\"claimlint.source\" value=\"source "
                                      "&lt;a&amp;b&gt;.txt\"/>"));
    ck_assert_ptr_nonnull(strstr(out, "<testcase classname=\"draft.txt\" name=\"2:1: Officials "
                                      "approved the &lt;budget&gt; &amp; &quot;plan&quot;.\""));
    ck_assert_ptr_nonnull(strstr(out, "<failure message=\"the source hedges (&quot;may&quot;), "
                                      "the draft asserts (2 findings)\" type=\"error\">"));
    ck_assert_ptr_nonnull(strstr(out, "<testsuite name=\"draft 2.txt\" package=\"claimlint\" "
                                      "id=\"1\" "));
    ck_assert_ptr_nonnull(strstr(out, "</testsuite>\n</testsuites>\n"));
    free(out);
}
END_TEST

START_TEST(test_html)
{
    char *out = emit("html", 0, 2, NULL);

    ck_assert_msg(!strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\">", 31), "%.80s", out);
    ck_assert_ptr_nonnull(strstr(out, "<title>claimlint compare: 2 drafts</title>"));
    ck_assert_ptr_null(strstr(out, "<budget>"));
    ck_assert_ptr_null(strstr(out, "<a&b>"));
    ck_assert_ptr_nonnull(strstr(out, "approved</mark> the &lt;budget&gt; &amp; &quot;plan&quot;."));
    ck_assert_ptr_nonnull(strstr(out, "<li id=\"s-2-3\" class=\"cl-cmp-s\">"));
    ck_assert_ptr_nonnull(strstr(out, "<a href=\"#s-1-1\">source 1:1</a>"));
    ck_assert_ptr_nonnull(strstr(out, "<a href=\"#s-1-3\">closest source 3:1</a>"));
    ck_assert_ptr_nonnull(strstr(out, "<li id=\"t-1-3\" class=\"cl-cmp-s cl-error cl-cmp-uns\">"));
    ck_assert_ptr_nonnull(strstr(out, "<mark class=\"cl-cmp-w cl-src\" title=\"hedge-dropped: may "
                                      "open\">may open</mark>"));
    ck_assert_ptr_nonnull(strstr(out, "<code>hedge-added</code>"));
    ck_assert_ptr_nonnull(strstr(out, ".cl-cmp{display:grid"));
    ck_assert_ptr_nonnull(strstr(out, "</html>\n"));
    free(out);
    out = emit("html", 0, 0, NULL);
    ck_assert_ptr_nonnull(strstr(out, "No draft was compared."));
    free(out);
}
END_TEST

START_TEST(test_write_error)
{
    static const char *const formats[] = {"text", "gnu", "json", "jsonl",
                                          "sarif", "junit", "rdjsonl", "html"};
    size_t i;

    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        FILE *f = fopen("/dev/full", "w");
        cl_cmp_emitter *e;
        int rc;
        if (!f)
            return; /* no /dev/full here */
        setvbuf(f, NULL, _IONBF, 0);
        ck_assert_int_eq(cl_cmp_emitter_new(&e, formats[i], f, 0), 0);
        rc = cl_cmp_emitter_result(e, cmp_fixture(NULL));
        if (rc == 0)
            rc = cl_cmp_emitter_finish(e);
        ck_assert_msg(rc == CL_EIO, "%s: %d", formats[i], rc);
        cl_cmp_emitter_free(e);
        fclose(f);
    }
}
END_TEST

Suite *suite_emit_compare(void)
{
    Suite *s = suite_create("emit_compare");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_codes);
    tcase_add_test(tc, test_unknown_format);
    tcase_add_test(tc, test_text);
    tcase_add_test(tc, test_unsupported_alone);
    tcase_add_test(tc, test_gnu);
    tcase_add_test(tc, test_json);
    tcase_add_test(tc, test_jsonl);
    tcase_add_test(tc, test_rdjsonl);
    tcase_add_test(tc, test_sarif);
    tcase_add_test(tc, test_junit);
    tcase_add_test(tc, test_html);
    tcase_add_test(tc, test_write_error);
    suite_add_tcase(s, tc);
    return s;
}
