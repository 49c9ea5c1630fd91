/* test_draft.c - drafting a rule file from a source (draft.c): the verdict
 * a source's wording gives, titles, ids, and the key words chosen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

START_TEST(verdict_from_status)
{
    cl_verdict v;
    cl_level stated;

    cl_draft_verdict(CL_STATUS_STATED, &v, &stated);
    ck_assert_int_eq(v, CL_VERDICT_SUPPORTED);
    ck_assert_int_eq(stated, CL_LEVEL_OK);
    cl_draft_verdict(CL_STATUS_ATTRIBUTED, &v, &stated);
    ck_assert_int_eq(v, CL_VERDICT_SUPPORTED);
    ck_assert_int_eq(stated, CL_LEVEL_WARNING);
    cl_draft_verdict(CL_STATUS_HEDGED, &v, &stated);
    ck_assert_int_eq(v, CL_VERDICT_DISPUTED);
    ck_assert_int_eq(stated, CL_LEVEL_OK);
    cl_draft_verdict(CL_STATUS_NEGATED, &v, &stated);
    ck_assert_int_eq(v, CL_VERDICT_REFUTED);
    ck_assert_int_eq(stated, CL_LEVEL_OK);
}
END_TEST

START_TEST(title_capped)
{
    cl_buf b = {0};
    const char *t = "the bridge reopened on Monday";
    const char *lng = "word word word word word word word word word word word word word word word "
                      "word word word word word word word word word word word word end";

    ck_assert_int_eq(cl_draft_title(&b, t, strlen(t)), 0);
    ck_assert_str_eq(b.data, "The bridge reopened on Monday");
    ck_assert_int_eq(cl_draft_title(&b, lng, strlen(lng)), 0);
    ck_assert_uint_le(strlen(b.data), 103);
    ck_assert_str_eq(b.data + strlen(b.data) - 7, "word...");
    cl_buf_free(&b);
}
END_TEST

START_TEST(slugs)
{
    char out[32];

    ck_assert_int_eq(cl_draft_slug(out, sizeof out, "news_crane"), 0);
    ck_assert_str_eq(out, "news_crane");
    ck_assert_int_eq(cl_draft_slug(out, sizeof out, "Rubio Mexico (2025)"), 0);
    ck_assert_str_eq(out, "rubio-mexico-2025");
    ck_assert_int_eq(cl_draft_slug(out, sizeof out, "2025 story"), 0);
    ck_assert_str_eq(out, "r-2025-story");
    ck_assert_int_eq(cl_draft_slug(out, sizeof out, "..."), -1);
}
END_TEST

/* Draft TEXT (named src.txt) into a malloc'd string; *N the claims. */
static char *draft_text(const char *text, size_t *n)
{
    cl_doc *doc = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cl_doc_new(&doc, "src.txt", text, strlen(text)), 0);
    ck_assert_int_eq(cl_draft(f, doc, NULL, n), 0);
    fclose(f);
    cl_doc_free(doc);
    return buf;
}

START_TEST(key_words_rarest)
{
    size_t n;
    char *xml = draft_text("The council approved the harbour budget on Monday.\n"
                           "The council said the harbour will close for dredging.\n"
                           "Mayor Dunmore did not attend the council meeting.\n",
                           &n);

    ck_assert_uint_eq(n, 3);
    /* "budget" and "approved" occur once; "council" everywhere */
    ck_assert_ptr_nonnull(strstr(xml, "<token inflected=\"yes\">budget</token>"));
    ck_assert_ptr_nonnull(strstr(xml, "<token inflected=\"yes\">approved</token>"));
    ck_assert_ptr_null(strstr(xml, ">council</token>"));
    /* names as written, not inflected; no stop or cue words */
    ck_assert_ptr_nonnull(strstr(xml, "<token>Dunmore</token>"));
    ck_assert_ptr_null(strstr(xml, ">the</token>"));
    ck_assert_ptr_null(strstr(xml, ">said</token>"));
    ck_assert_ptr_null(strstr(xml, ">not</token>"));
    /* verdicts from the wording */
    ck_assert_ptr_nonnull(strstr(xml, "verdict=\"supported\">"));
    ck_assert_ptr_nonnull(strstr(xml, "verdict=\"refuted\""));
    ck_assert_ptr_nonnull(strstr(xml, "<example status=\"negated\">Mayor Dunmore"));
    ck_assert_ptr_nonnull(strstr(xml, "id=\"src\""));
    free(xml);
}
END_TEST

START_TEST(numbers_by_value)
{
    size_t n;
    char *xml = draft_text("The firm won the £4m dredging contract last spring.\n"
                           "Inflation fell to 2.9% in July, the bank reported.\n",
                           &n);

    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_nonnull(strstr(xml, "<number value=\"4000000\" unit=\"GBP\"/>"));
    ck_assert_ptr_nonnull(strstr(xml, "<number value=\"2.9\" unit=\"%\"/>"));
    free(xml);
}
END_TEST

START_TEST(not_check_worthy)
{
    size_t n;
    char *xml = draft_text("Harbour dredging to begin\n\nSaturday, September 12, 2015\n\n"
                           "Photo: the harbour at dawn.\n\nToo short to check.\n",
                           &n);

    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(strstr(xml, "<claim"));
    ck_assert_ptr_nonnull(strstr(xml, "<include href=\"claimlint:cues/en.xml\"/>"));
    free(xml);
}
END_TEST

START_TEST(neighbours_kept_apart)
{
    size_t n;
    char *xml = draft_text("The bridge reopened to traffic on Monday after repairs.\n"
                           "The bridge reopened to cyclists on Tuesday after repairs.\n",
                           &n);

    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_null(strstr(xml, "also matches"));
    ck_assert_ptr_nonnull(strstr(xml, ">traffic</token>"));
    ck_assert_ptr_nonnull(strstr(xml, ">cyclists</token>"));
    free(xml);
}
END_TEST

Suite *suite_draft(void)
{
    Suite *s = suite_create("draft");
    TCase *tc = tcase_create("draft");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, verdict_from_status);
    tcase_add_test(tc, title_capped);
    tcase_add_test(tc, slugs);
    tcase_add_test(tc, key_words_rarest);
    tcase_add_test(tc, numbers_by_value);
    tcase_add_test(tc, not_check_worthy);
    tcase_add_test(tc, neighbours_kept_apart);
    suite_add_tcase(s, tc);
    return s;
}
