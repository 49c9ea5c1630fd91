/* test_input.c - Markdown and HTML input: what is prose, where sentences
 * break, and that every position points into the original file. */
#include <limits.h>
#include <string.h>

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

struct input_case {
    cl_input_format format;
    const char *data;
    const char *want; /* "LINE:COL-ENDLINE:ENDCOL text|..." */
};

static const struct input_case cases[] = {
    /* Markdown: emphasis and links do not break sentences; columns count
     * the markup of the original line */
    {CL_INPUT_MARKDOWN, "Rubio *met* the [president](http://x.org/a \"t\") today.\n",
     "1:1-1:55 Rubio met the president today."},
    /* a hard-wrapped paragraph, a heading, list items and table cells */
    {CL_INPUT_MARKDOWN, "# Title Here\n\nOne two\nthree four.\n\n- item one\n- item two\n",
     "1:3-1:13 Title Here|3:1-4:12 One two three four.|6:3-6:11 item one|7:3-7:11 item two"},
    {CL_INPUT_MARKDOWN, "| a b | c d |\n|---|---|\n| e f | g |\n",
     "1:3-1:6 a b|1:9-1:12 c d|3:3-3:6 e f|3:9-3:10 g"},
    /* code, HTML comments, front matter and images are not prose */
    {CL_INPUT_MARKDOWN,
     "---\ntitle: x\n---\nSee `code here` now.\n\n```\nnot prose.\n```\n\n<!-- no -->\n\n"
     "An ![alt text](i.png) image.\n",
     "4:1-4:21 See  now.|12:1-12:29 An  image."},
    /* entities become their characters; the position is the entity's */
    {CL_INPUT_MARKDOWN, "Fish &amp; chips &#233;t&eacute;.\n", "1:1-1:34 Fish & chips été."},
    /* block quotes, a BOM, CRLF */
    {CL_INPUT_MARKDOWN, "\xEF\xBB\xBF> Quoted line\r\n> goes on.\r\n", "1:3-2:11 Quoted line goes on."},
    /* HTML: blocks bound sentences, inline elements do not, entities are
     * decoded, skipped elements are skipped */
    {CL_INPUT_HTML,
     "<html><head><title>T</title><style>p{}</style></head><body>\n"
     "<h1>Big News</h1>\n<p>It <b>was</b> &quot;fine&quot;, he\n   said.</p>\n"
     "<script>var x = 'no.';</script><pre>not prose</pre>\n"
     "<ul><li>one</li><li>two &amp; three</li></ul></body></html>\n",
     "2:5-2:13 Big News|3:4-4:9 It was \"fine\", he said.|6:9-6:12 one|6:21-6:36 two & three"},
    {CL_INPUT_HTML, "<p>Caf&eacute; <!-- c --> culture.</p><table><tr><td>a b</td><td>c</td></tr></table>",
     "1:4-1:35 Café  culture.|1:54-1:57 a b|1:66-1:67 c"},
    {CL_INPUT_HTML, "<p>line one<br>line two</p>", "1:4-1:24 line one line two"},
    {CL_INPUT_HTML, "<p>Para one<br><br>Para two</p>", "1:4-1:12 Para one|1:20-1:28 Para two"},
    {CL_INPUT_HTML, "", ""},
    /* a control character the parser drops must not move what follows */
    {CL_INPUT_HTML, "<p>One.</p>Two.\a\n", "1:4-1:8 One.|1:12-1:16 Two."},
    /* "<" handed over as text ("<![CDATA[" in HTML) is not the end tag's */
    {CL_INPUT_HTML, "<p>x &amp</p><![CDATA[y]]>", "1:4-1:10 x &amp|1:14-1:15 <|1:15-1:27 ![CDATA[y]]>"},
    {CL_INPUT_MARKDOWN, "", ""},
};

START_TEST(test_input_table)
{
    const struct input_case *c = &cases[_i];
    cl_doc *doc = NULL;
    const cl_sentence *s;
    char got[2048] = "", part[512];
    int rc;

    ck_assert_int_eq(cl_doc_new(&doc, "t", c->data, strlen(c->data)), 0);
    ck_assert_int_eq(cl_doc_set_format(doc, c->format), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_AUTO, 0), 0);
    while ((rc = cl_doc_next(doc, &s)) > 0) {
        snprintf(part, sizeof part, "%s%u:%u-%u:%u %s", got[0] ? "|" : "", s->line, s->column,
                 s->end_line, s->end_column, s->text);
        strncat(got, part, sizeof got - strlen(got) - 1);
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d:\n got  [%s]\n want [%s]", _i, got, c->want);
    cl_doc_free(doc);
}
END_TEST

START_TEST(test_html_long_run)
{
    /* libxml2 hands text over in pieces of about 1000 bytes while it has
     * read further on: every sentence of a long paragraph is still placed */
    char html[4096] = "<p>";
    cl_doc *doc = NULL;
    const cl_sentence *s;
    unsigned k = 0;
    int i;

    for (i = 0; i < 150; i++)
        strcat(html, "Word word word. ");
    strcat(html, "</p>");
    ck_assert_int_eq(cl_doc_new(&doc, "t.html", html, strlen(html)), 0);
    ck_assert_int_eq(cl_doc_set_format(doc, CL_INPUT_HTML), 0);
    ck_assert_int_eq(cl_doc_analyze(doc, rules, CL_SPLIT_AUTO, 0), 0);
    while (cl_doc_next(doc, &s) > 0) {
        ck_assert_uint_eq(s->column, 4 + 16 * k);
        ck_assert_uint_eq(s->end_column, 4 + 16 * k + 15);
        k++;
    }
    ck_assert_uint_eq(k, 150);
    cl_doc_free(doc);
}
END_TEST

START_TEST(test_huge_markup)
{
    /* libxml2 and md4c take 32-bit lengths: 2 GiB or more is refused
     * before either parser is called, so the length here may exceed the
     * buffer, which is never read */
    static const char data[] = "<p>The Fed met.</p>";
    size_t huge = (size_t)INT_MAX + 1;
    cl_extract x;
    const cl_diag *e;

    memset(&x, 0, sizeof x);
    ck_assert_int_eq(cl_extract_html(&x, data, huge, 0, "big.html"), CL_EINPUT);
    ck_assert_ptr_nonnull(e = cl_error_last());
    ck_assert_str_eq(e->file, "big.html");
    ck_assert_str_eq(e->message, "HTML input of 2 GiB or more is not supported; "
                                 "check it as text (--input-format text)");
    ck_assert_int_eq(cl_extract_markdown(&x, data, huge + 3, 3, "big.md"), CL_EINPUT);
    ck_assert_ptr_nonnull(e = cl_error_last());
    ck_assert_str_eq(e->file, "big.md");
    ck_assert_ptr_nonnull(strstr(e->message, "Markdown input of 2 GiB or more"));
    /* under the limit, parsed as before */
    ck_assert_int_eq(cl_extract_html(&x, data, strlen(data), 0, "small.html"), 0);
    cl_extract_free(&x);
}
END_TEST

START_TEST(test_format_names)
{
    ck_assert_int_eq(cl_input_format_parse("markdown"), CL_INPUT_MARKDOWN);
    ck_assert_int_eq(cl_input_format_parse("md"), CL_INPUT_MARKDOWN);
    ck_assert_int_eq(cl_input_format_parse("html"), CL_INPUT_HTML);
    ck_assert_int_eq(cl_input_format_parse("text"), CL_INPUT_TEXT);
    ck_assert_int_eq(cl_input_format_parse("docx"), -1);
    ck_assert_int_eq(cl_input_format_for_path("a/b.md"), CL_INPUT_MARKDOWN);
    ck_assert_int_eq(cl_input_format_for_path("B.MARKDOWN"), CL_INPUT_MARKDOWN);
    ck_assert_int_eq(cl_input_format_for_path("x.htm"), CL_INPUT_HTML);
    ck_assert_int_eq(cl_input_format_for_path("x.txt"), CL_INPUT_TEXT);
    ck_assert_int_eq(cl_input_format_for_path("dir.md/readme"), CL_INPUT_TEXT);
}
END_TEST

START_TEST(test_entities)
{
    char out[8];
    size_t n;

    ck_assert_uint_eq(cl_entity_decode("&amp;x", 6, out, &n), 5);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(cl_entity_decode("&#x41;", 6, out, &n), 6);
    ck_assert_int_eq(out[0], 'A');
    ck_assert_uint_eq(cl_entity_decode("&#0;", 4, out, &n), 4); /* U+FFFD */
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(cl_entity_decode("&nosuch;", 8, out, &n), 0);
    ck_assert_uint_eq(cl_entity_decode("&amp", 4, out, &n), 0);
}
END_TEST

START_TEST(test_directives)
{
    static const char text[] = "a\n<!-- claimlint-disable x.one two -- because -->\n"
                               "b <!--claimlint-enable-->\n"
                               "<!-- claimlint-disable-next-line -->\n"
                               "<!-- not a directive --> <!-- claimlint-disabled x -->\n"
                               "<!-- claimlint-disable three,four-->";
    cl_directives ds;
    cl_claim one, two, other;

    ck_assert_int_eq(cl_directives_scan(&ds, text, strlen(text), 0), 0);
    ck_assert_uint_eq(ds.n, 4);
    ck_assert_int_eq(ds.v[0].kind, CL_DIRECTIVE_DISABLE);
    ck_assert_uint_eq(ds.v[0].line, 2);
    ck_assert_uint_eq(ds.v[0].column, 1);
    ck_assert_uint_eq(ds.v[0].nids, 2);
    ck_assert_str_eq(ds.v[0].ids[0], "x.one");
    ck_assert_str_eq(ds.v[0].ids[1], "two");
    ck_assert_str_eq(ds.v[0].reason, "because");
    ck_assert_int_eq(ds.v[1].kind, CL_DIRECTIVE_ENABLE);
    ck_assert_uint_eq(ds.v[1].line, 3);
    ck_assert_uint_eq(ds.v[1].column, 3);
    ck_assert_uint_eq(ds.v[1].nids, 0);
    ck_assert_ptr_null(ds.v[1].reason);
    ck_assert_int_eq(ds.v[2].kind, CL_DIRECTIVE_DISABLE_NEXT_LINE);
    ck_assert_uint_eq(ds.v[3].nids, 2);
    ck_assert_str_eq(ds.v[3].ids[1], "four");

    memset(&one, 0, sizeof one);
    one.id = "x.one";
    one.local_id = "one";
    two = one;
    two.id = "x.two";
    two.local_id = "two";
    other = one;
    other.id = "x.other";
    other.local_id = "other";
    /* line 2 after the comment: disabled by full id and by local id */
    ck_assert_ptr_eq(cl_directives_find(&ds, &one, 3, ds.v[0].end + 1), &ds.v[0]);
    ck_assert_ptr_eq(cl_directives_find(&ds, &two, 3, ds.v[0].end + 1), &ds.v[0]);
    ck_assert_ptr_null(cl_directives_find(&ds, &other, 3, ds.v[0].end + 1));
    /* before the comment: not disabled */
    ck_assert_ptr_null(cl_directives_find(&ds, &one, 1, 0));
    /* after the enable: on again */
    ck_assert_ptr_null(cl_directives_find(&ds, &one, 3, ds.v[1].end));
    /* the line after a disable-next-line: every claim */
    ck_assert_ptr_eq(cl_directives_find(&ds, &other, 5, ds.v[2].end + 1), &ds.v[2]);
    ck_assert_ptr_null(cl_directives_find(&ds, &other, 6, ds.v[3].start));
    ck_assert_ptr_eq(cl_directives_find_any(&ds, &two), &ds.v[0]);
    ck_assert_ptr_null(cl_directives_find_any(&ds, &other));
    cl_directives_free(&ds);
}
END_TEST

Suite *suite_input(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("input");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_input_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_format_names);
    tcase_add_test(tc, test_html_long_run);
    tcase_add_test(tc, test_huge_markup);
    tcase_add_test(tc, test_entities);
    tcase_add_test(tc, test_directives);
    suite_add_tcase(s, tc);
    return s;
}
