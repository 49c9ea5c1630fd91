/* test_rules.c - loading rule files: includes, directories, and every kind
 * of bad file, each with its error code, file and line. */
#include <string.h>

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "tests.h"

struct diags {
    int n;
    char text[4096];
};

static void collect(const cl_diag *d, void *ud)
{
    struct diags *c = ud;
    char line[1024];
    const char *base = d->file ? strrchr(d->file, '/') : NULL;

    snprintf(line, sizeof line, "%s:%u: %s\n", base ? base + 1 : (d->file ? d->file : "-"),
             d->line, d->message);
    strncat(c->text, line, sizeof c->text - strlen(c->text) - 1);
    c->n++;
}

struct bad_case {
    const char *file;
    int code;
    const char *want; /* substring of the collected diagnostics */
};

static const struct bad_case bad[] = {
    {"fixtures/rules/bad/malformed.xml", CL_EPARSE, "malformed.xml:4: "},
    {"fixtures/rules/bad/bad-kind.xml", CL_ESCHEMA, "bad-kind.xml:4: "},
    {"fixtures/rules/bad/bad-window.xml", CL_ESCHEMA, "bad-window.xml:3: "},
    {"fixtures/rules/bad/wrong-root.xml", CL_ESCHEMA, "wrong-root.xml:2: "},
    {"fixtures/rules/bad/empty-phrase.xml", CL_ESCHEMA, "empty-phrase.xml:3: "},
    {"fixtures/rules/bad/missing-include.xml", CL_ESCHEMA,
     "missing-include.xml:3: cannot include"},
    {"fixtures/rules/bad/cycle-a.xml", CL_ESCHEMA, "cycle-b.xml:4: include cycle"},
    {"fixtures/rules/no-such-file.xml", CL_EIO, "no-such-file.xml:0: cannot open"},
    {"fixtures/rules/bad/bad-claim.xml", CL_ESCHEMA,
     "bad-claim.xml:3: <claim>: verdict 'maybe' is not one of"},
    {"fixtures/rules/bad/bad-claim.xml", CL_ESCHEMA, "bad-claim.xml:8: <claim> needs a <title>"},
    {"fixtures/rules/bad/bad-claim.xml", CL_ESCHEMA,
     "bad-claim.xml:13: <claim> needs at least one <pattern>, <near> or <regex>"},
    {"fixtures/rules/bad/bad-claim.xml", CL_ESCHEMA, "bad-claim.xml:11: unknown element <frobnicate>"},
    {"fixtures/rules/bad/bad-regex.xml", CL_ESCHEMA,
     "bad-regex.xml:5: bad regex 'trip (linked': missing closing parenthesis at offset 12"},
    {"fixtures/rules/bad/bad-regex.xml", CL_ESCHEMA, "bad-regex.xml:6: bad regex '(?:a[b)'"},
    {"fixtures/rules/bad/multi-token.xml", CL_ESCHEMA,
     "multi-token.xml:5: token alternative 'Rubio's' is 2 tokens"},
    {"fixtures/rules/bad/multi-token.xml", CL_ESCHEMA, "empty alternative in <token>x||y</token>"},
};

START_TEST(test_duplicate_ids)
{
    struct diags d = {0, ""};
    cl_rules *r = NULL;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    cl_rules_set_diag(r, collect, &d);
    ck_assert_int_eq(cl_rules_load(r, test_srcpath("fixtures/rules/bad/dup-id.xml")), 0);
    ck_assert_int_eq(cl_rules_compile(r), CL_ESCHEMA);
    ck_assert_ptr_nonnull(
        strstr(d.text, "dup-id.xml:7: duplicate claim id 'dup.a' (first declared at "));
    cl_rules_free(r);
}
END_TEST

START_TEST(test_bad_rules)
{
    const struct bad_case *c = &bad[_i];
    struct diags d = {0, ""};
    cl_rules *r = NULL;
    int rc;

    ck_assert_int_eq(cl_rules_new(&r), 0);
    cl_rules_set_diag(r, collect, &d);
    rc = cl_rules_load(r, test_srcpath(c->file));
    ck_assert_msg(rc < 0, "%s loaded", c->file);
    ck_assert_msg(rc == c->code || (c->code == CL_ESCHEMA && rc < 0), "%s: code %d want %d",
                  c->file, rc, c->code);
    ck_assert_int_gt(d.n, 0);
    ck_assert_msg(strstr(d.text, c->want) != NULL, "%s: diagnostics\n%s\nlack '%s'", c->file,
                  d.text, c->want);
    ck_assert_ptr_nonnull(cl_error_last());
    ck_assert_int_lt(cl_rules_compile(r), 0); /* a failed load cannot be compiled */
    cl_rules_free(r);
}
END_TEST

START_TEST(test_include_once)
{
    cl_rules *a = test_rules("fixtures/rules/good/mini-cues.xml");
    cl_rules *b = test_rules("fixtures/rules/good/includer.xml");

    /* includer includes mini-cues twice: read once */
    ck_assert_uint_eq(cl_rules_cue_count(a), cl_rules_cue_count(b));
    ck_assert_str_eq(cl_rules_cue(b, 0)->phrase, "not");
    ck_assert_uint_eq(cl_rules_cue(b, 0)->line, 4);
    ck_assert_ptr_nonnull(strstr(cl_rules_cue(b, 0)->file, "mini-cues.xml"));
    ck_assert_int_eq(cl_rules_cue(b, 0)->kind, CL_CUE_NEGATION);
    ck_assert_uint_eq(cl_rules_cue(b, 0)->window, 5);
    ck_assert_int_eq(cl_rules_cue(b, 8)->kind, CL_CUE_TERMINATOR);
    ck_assert_int_eq(cl_rules_cue(b, 8)->direction, CL_DIR_BOTH); /* ends all scopes */
    ck_assert_int_eq(cl_rules_cue(b, 7)->direction, CL_DIR_NONE);   /* pseudo */
    cl_rules_free(a);
    cl_rules_free(b);
}
END_TEST

START_TEST(test_directory)
{
    /* a directory loads every *.xml below it; good/ has two files that
     * overlap through the include */
    cl_rules *r = test_rules("fixtures/rules/good");

    ck_assert_uint_eq(cl_rules_cue_count(r), 15);
    cl_rules_free(r);
}
END_TEST

START_TEST(test_load_after_compile)
{
    cl_rules *r = test_rules("fixtures/rules/good/mini-cues.xml");

    ck_assert_int_eq(cl_rules_load(r, test_srcpath("fixtures/rules/good/includer.xml")),
                     CL_EINVAL);
    cl_rules_free(r);
    cl_rules_free(NULL);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(cl_cue_kind_name(CL_CUE_ATTRIBUTION), "attribution");
    ck_assert_str_eq(cl_direction_name(CL_DIR_BOTH), "both");
    ck_assert_str_eq(cl_strerror(CL_EUTF8), "invalid UTF-8");
}
END_TEST

/* cl_rules_conforms answers 1 only for files the schema accepts, and for
 * the plain forms of rule files it does; when it cannot tell (0), the
 * schema decides. */
#define RULES_OPEN "<rules xmlns='urn:claimlint:rules:1' id='t'>"
#define CLAIM(body) RULES_OPEN "<claim id='c' verdict='refuted'><title>T</title>" body "</claim></rules>"
static const struct {
    int conforms;
    const char *xml;
} conform_cases[] = {
    {1, CLAIM("<pattern><token>a</token></pattern>")},
    {1, RULES_OPEN "<include href='claimlint:cues/en.xml'/><!-- c --><cue kind='negation' "
        "window='5' affix='un-'>unlikely</cue></rules>"},
    {1, CLAIM("<example status='negated'>x</example><near window='100'><token skip='50' "
              "inflected='yes'>a|b</token><number value='3' unit='%'/></near><message>M</message>"
              "<source href='https://example.org/a?b=c#d'>S</source><antipattern><regex>r</regex>"
              "</antipattern><regex>x\ny</regex>")},
    {0, CLAIM("")},                                            /* no pattern */
    {0, CLAIM("<pattern/>")},                                  /* an empty one */
    {0, CLAIM("<message>a</message><message>b</message><regex>r</regex>")},
    {0, CLAIM("<antipattern><regex>r</regex><regex>s</regex></antipattern><regex>r</regex>")},
    {0, RULES_OPEN "<claim id='c' verdict='refuted'><regex>r</regex><title>T</title></claim></rules>"},
    {0, RULES_OPEN "<cue kind='negation'>no\nlonger</cue></rules>"},   /* one line */
    {0, RULES_OPEN "<cue kind='negation' window='101'>no</cue></rules>"},
    {0, RULES_OPEN "<cue kind='negation' affix='un'>no</cue></rules>"},
    {0, RULES_OPEN "<cue kind='negation' foo='1'>no</cue></rules>"},
    {0, RULES_OPEN "<cue kind='negation' xml:lang='en'>no</cue></rules>"},
    {0, RULES_OPEN "<cue kind='negation'> </cue></rules>"},
    {0, RULES_OPEN "<include href='1a:b'/></rules>"},
    {0, CLAIM("<pattern><token>a</token>x</pattern>")},        /* text among elements */
    {0, "<rules xmlns='urn:other' id='t'/>"},
    {0, "<rules xmlns='urn:claimlint:rules:1' id='1t'/>"},
    /* valid, but in forms left to the schema */
    {0, RULES_OPEN "<cue kind=' negation' window='007'>no</cue></rules>"},
    {0, CLAIM("<pattern><token><![CDATA[a]]></token></pattern>")},
    {0, CLAIM("<regex>a<!-- c -->b</regex>")},
    {0, RULES_OPEN "<include href='https://example.org:8080/x.xml'/></rules>"},
};

START_TEST(test_conforms)
{
    cl_xml x;
    void *schema = NULL;
    int valid, quick;

    cl_xml_init(&x, NULL, NULL, NULL);
    ck_assert_int_eq(cl_xml_schema(&schema, "claimlint.rng", &x), 0);
    cl_xml_init(&x, "t.xml", NULL, NULL);
    x.doc = xmlReadMemory(conform_cases[_i].xml, (int)strlen(conform_cases[_i].xml), "t.xml",
                          NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ck_assert_ptr_nonnull(x.doc);
    quick = cl_rules_conforms(cl_xml_root(&x));
    valid = cl_xml_validate(&x, schema, 1) == 0;
    cl_xml_done(&x);
    cl_xml_schema_free(schema);
    ck_assert_msg(!quick || valid, "case %d: conforms, but the schema rejects it", _i);
    ck_assert_msg(quick == conform_cases[_i].conforms, "case %d: conforms %d", _i, quick);
}
END_TEST

/* Every rule file of the source tree (the standard lexicons, the examples,
 * the fixtures and the test inputs, good and bad): what the quick check
 * calls conforming, the schema accepts. A change to claimlint.rng that
 * cl_rules_conforms does not follow shows here. */
static void conforms_walk(const char *dir, void *schema, int *files, int *quick_files)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[4096];

    if (!d)
        return;
    while ((de = readdir(d))) {
        struct stat st;
        size_t n = strlen(de->d_name);
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) < 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            conforms_walk(path, schema, files, quick_files);
        } else if (n > 4 && strcmp(de->d_name + n - 4, ".xml") == 0) {
            cl_xml x;
            int quick, valid;
            cl_xml_init(&x, path, NULL, NULL);
            x.doc = xmlReadFile(path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
            if (x.doc && cl_xml_root(&x) &&
                strcmp((const char *)((xmlNodePtr)cl_xml_root(&x))->name, "rules") == 0) {
                quick = cl_rules_conforms(cl_xml_root(&x));
                valid = cl_xml_validate(&x, schema, 1) == 0;
                ck_assert_msg(!quick || valid, "%s: conforms, but the schema rejects it", path);
                (*files)++;
                *quick_files += quick;
            }
            cl_xml_done(&x);
        }
    }
    closedir(d);
}

START_TEST(test_conforms_tree)
{
    static const char *const dirs[] = {"rules", "fixtures", "tests", "bench", "fuzz"};
    const char *src = getenv("CLAIMLINT_SRCDIR");
    char path[4096];
    void *schema = NULL;
    int files = 0, quick_files = 0;
    size_t k;
    cl_xml x;

    cl_xml_init(&x, NULL, NULL, NULL);
    ck_assert_int_eq(cl_xml_schema(&schema, "claimlint.rng", &x), 0);
    for (k = 0; k < sizeof dirs / sizeof dirs[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", dirs[k]);
        conforms_walk(path, schema, &files, &quick_files);
    }
    cl_xml_schema_free(schema);
    /* the tree has rule files, and the quick check passes most of them */
    ck_assert_int_gt(files, 20);
    ck_assert_int_gt(quick_files, files / 2);
}
END_TEST

Suite *suite_rules(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("load");

    tcase_add_loop_test(tc, test_bad_rules, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, test_include_once);
    tcase_add_test(tc, test_duplicate_ids);
    tcase_add_test(tc, test_directory);
    tcase_add_test(tc, test_load_after_compile);
    tcase_add_test(tc, test_names);
    tcase_add_loop_test(tc, test_conforms, 0,
                        (int)(sizeof conform_cases / sizeof conform_cases[0]));
    tcase_add_test(tc, test_conforms_tree);
    suite_add_tcase(s, tc);
    return s;
}
