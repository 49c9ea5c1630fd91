/* cmd_rules.c - `claimlint rules check|test|list|draft`: validate rule
 * files, run the <example>s embedded in them, list their claims, and draft
 * a starter rule file from a source article. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint rules check [--allow-outside-includes] FILE...\n"
           "       claimlint rules test FILE...\n"
           "       claimlint rules list [-r] RULES...\n"
           "       claimlint rules draft [--id ID] [-o FILE] SOURCE\n"
           "check: load each rule file (schema, regexes, ids, includes) and report every\n"
           "       error with its file and line.\n"
           "test:  run each claim's <example>s and report those whose status differs.\n"
           "list:  every claim of the rules: id, verdict, title and where it is declared.\n"
           "draft: a starter rule file from a source article, one claim per statement.\n"
           "Exit status: 0 all good, 1 an example failed, 2 a rule file has errors.\n");
}

struct test_state {
    size_t passed, failed;
};

static void on_example(const cl_claim *c, const cl_example *ex, cl_status got, const cl_cue *cue,
                       const char *matched, void *ud)
{
    struct test_state *st = ud;

    if (cl_example_passes(ex, got)) {
        st->passed++;
        return;
    }
    st->failed++;
    if (ex->status == CL_STATUS_MATCH)
        printf("%s:%u: error: example of %s should match, does not", c->file, ex->line, c->id);
    else
        printf("%s:%u: error: example of %s should be %s, is %s", c->file, ex->line, c->id,
               cl_status_name(ex->status), cl_status_name(got));
    if (cue)
        printf(" (%s cue \"%s\" at %s:%u)", cl_cue_kind_name(cue->def->kind), cue->def->phrase,
               cue->def->file, cue->def->line);
    printf("\n  %s\n", ex->text);
    if (matched)
        printf("  matched: \"%s\"\n", matched);
}

/* `rules list`: the claims of all the rule files given, loaded together. */
static int list_claims(int argc, char **argv)
{
    struct cli_list paths = {NULL, 0};
    int i;
    size_t k, w = 5, nclaims;
    cl_rules *rules;

    for (i = 0; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            free(paths.items);
            usage(&cli_cmd_rules);
            return EXIT_OK;
        }
    for (i = 0; i < argc; i++)
        if (strcmp(argv[i], "-r") != 0 && strcmp(argv[i], "--rules") != 0)
            cli_list_add(&paths, strncmp(argv[i], "--rules=", 8) == 0 ? argv[i] + 8 : argv[i]);
    if (!paths.n) {
        free(paths.items);
        cli_error("rules list: no rule file given");
        cli_usage_hint("rules");
        return EXIT_TROUBLE;
    }
    rules = cli_load_rules(paths.items, paths.n);
    free(paths.items);
    if (!rules)
        return EXIT_TROUBLE;
    nclaims = cl_rules_claim_count(rules);
    for (k = 0; k < nclaims; k++)
        if (strlen(cl_rules_claim(rules, k)->id) > w)
            w = strlen(cl_rules_claim(rules, k)->id);
    for (k = 0; k < nclaims; k++) {
        const cl_claim *c = cl_rules_claim(rules, k);
        printf("%-*s  %-11s  %s  (%s:%u)\n", (int)w, c->id, cl_verdict_name(c->verdict), c->title,
               c->file, c->line);
    }
    printf("%zu claims\n", nclaims);
    cl_rules_free(rules);
    return cli_finish_output(EXIT_OK);
}

/* ---- rules draft ---------------------------------------------------------- */

static void draft_usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint rules draft [--id ID] [-o FILE] SOURCE\n"
           "Draft a starter rule file from a source article (text, Markdown or HTML):\n"
           "a claim for each check-worthy statement, with the sentence as an example and\n"
           "a verdict from how the source words it (review every one).\n"
           "      --id=ID       the rule set's id (default: from the source's file name)\n"
           "  -o, --output=FILE write the rule file to FILE (default: standard output)\n"
           "      --input-format=F  text, markdown or html (default: by file extension)\n"
           "  -h, --help        show this help\n"
           "Exit status: 0 drafted, 2 usage errors or a source that cannot be read.\n");
}

/* The options of rules draft. */
struct draft_opts {
    const char *id, *output;
    struct cli_input input;
};

#define OPT(f) offsetof(struct draft_opts, f)
static const struct cli_opt draft_options[] = {
    {"id", 0, CLI_OPT_STRING, OPT(id), 0, NULL},
    {"output", 'o', CLI_OPT_STRING, OPT(output), 0, NULL},
    {"input-format", 0, CLI_OPT_PARSE, OPT(input) + offsetof(struct cli_input, format), 0,
     cli_parse_input_format},
    {"help", 'h', CLI_OPT_HELP, 0, 0, NULL},
    CLI_OPTS_END};
#undef OPT

static const struct cli_cmd draft_cmd = {"rules draft", "draft a rule file from a source",
                                         draft_options, draft_usage, NULL};

/* Whether the paths A and B name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Write the N bytes at DATA to PATH, replacing it (as compilers do). */
static int write_output(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "w");

    if (!f) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        return -1;
    }
    if ((fwrite(data, 1, n, f) != n) | (fclose(f) != 0)) { /* close it in any case */
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* `rules draft SOURCE`: the rule file on standard output or in -o FILE. */
static int draft_exec(int argc, char **argv)
{
    struct draft_opts o = {NULL, NULL, {-1, NULL}};
    char *buf = NULL;
    size_t len = 0, nclaims = 0;
    FILE *mem;
    cl_doc *doc = NULL;
    int first, rc, status = EXIT_OK;

    if ((first = cli_parse_options(&draft_cmd, argc, argv, &o)) == CLI_OPTS_HELP)
        return cli_finish_output(EXIT_OK);
    if (first >= 0 && first + 1 != argc)
        cli_error("rules draft: give one SOURCE file");
    if (first < 0 || first + 1 != argc) {
        cli_usage_hint("rules draft");
        return EXIT_TROUBLE;
    }
    if (o.output && strcmp(argv[first], "-") != 0 && same_file(o.output, argv[first])) {
        fprintf(stderr, "%s: error: the output would overwrite the source\n", o.output);
        return EXIT_TROUBLE;
    }
    if (cli_open_doc(&doc, argv[first], &o.input) < 0)
        return EXIT_TROUBLE;
    if (!(mem = open_memstream(&buf, &len))) {
        cl_doc_free(doc);
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    rc = cl_draft(mem, doc, o.id, &nclaims);
    if (fclose(mem) != 0 && rc == 0)
        rc = CL_ENOMEM;
    if (rc < 0) {
        cli_print_last_error(cl_doc_name(doc), rc);
        status = EXIT_TROUBLE;
    } else {
        if (nclaims == 0)
            fprintf(stderr, "%s: warning: no statement to draft a claim from; the rule file has "
                            "no claim\n",
                    cl_doc_name(doc));
        if (o.output)
            status = write_output(o.output, buf, len) < 0 ? EXIT_TROUBLE : EXIT_OK;
        else
            fwrite(buf, 1, len, stdout);
    }
    free(buf);
    cl_doc_free(doc);
    return cli_finish_output(status);
}

static int rules_exec(int argc, char **argv)
{
    int i, k, status = EXIT_OK, test;
    struct test_state st = {0, 0};

    /* the one option of the rules commands, wherever it stands */
    for (i = k = 0; i < argc; i++) {
        if (strcmp(argv[i], "--allow-outside-includes") == 0)
            cli_allow_outside_includes = 1;
        else
            argv[k++] = argv[i];
    }
    argc = k;

    if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(&cli_cmd_rules);
        return EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return list_claims(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "draft") == 0) {
        char name[64];
        snprintf(name, sizeof name, "%s rules draft", cli_progname);
        argv[1] = name; /* getopt's messages name the command */
        return draft_exec(argc - 1, argv + 1);
    }
    if (argc < 2 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "test") != 0)) {
        cli_error("rules: expected 'check', 'test', 'list' or 'draft'%s%s%s", argc >= 2 ? ", not '" : "",
                  argc >= 2 ? argv[1] : "", argc >= 2 ? "'" : "");
        cli_usage_hint("rules");
        return EXIT_TROUBLE;
    }
    test = strcmp(argv[1], "test") == 0;
    if (argc >= 3 && (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)) {
        usage(&cli_cmd_rules);
        return EXIT_OK;
    }
    if (argc < 3) {
        cli_error("rules %s: no rule file given", argv[1]);
        cli_usage_hint("rules");
        return EXIT_TROUBLE;
    }
    for (i = 2; i < argc; i++) {
        cl_rules *rules = cli_load_rules(&argv[i], 1);
        int rc;
        if (!rules) {
            status = EXIT_TROUBLE;
            continue;
        }
        if (!test) {
            size_t nc = cl_rules_claim_count(rules), nq = cl_rules_cue_count(rules), c;
            size_t nf = cl_rules_prefilter_fallbacks(rules);
            printf("%s: ok: %zu claim%s, %zu cue%s", argv[i], nc, nc == 1 ? "" : "s", nq,
                   nq == 1 ? "" : "s");
            if (nf)
                printf(" (%zu claim%s tried on every sentence: no literal to find %s by)", nf,
                       nf == 1 ? "" : "s", nf == 1 ? "it" : "them");
            putchar('\n');
            for (c = 0; c < nc; c++) {
                unsigned line = 0;
                const char *why = cl_rules_claim_unindexed(rules, c, &line);
                if (why)
                    printf("%s:%u: note: claim %s is tried on every sentence: %s\n",
                           cl_rules_claim(rules, c)->file, line, cl_rules_claim(rules, c)->id,
                           why);
            }
        } else if ((rc = cl_rules_test(rules, on_example, &st)) < 0) {
            cli_print_last_error(argv[i], rc);
            status = EXIT_TROUBLE;
        }
        cl_rules_free(rules);
    }
    if (test) {
        printf("examples: %zu passed, %zu failed\n", st.passed, st.failed);
        if (status == EXIT_OK && st.failed)
            status = EXIT_FINDINGS;
    }
    return cli_finish_output(status);
}

/* rules reads its arguments itself: the subcommand, then rule files, with
 * --allow-outside-includes anywhere (no options table) */
const struct cli_cmd cli_cmd_rules = {"rules", "check rule files, run their examples, list claims, draft them",
                                      NULL, usage, rules_exec};
