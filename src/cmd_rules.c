/* cmd_rules.c - `claimlint rules check|test`: validate rule files, and run
 * the <example>s embedded in them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint rules check [--allow-outside-includes] FILE...\n"
           "       claimlint rules test FILE...\n"
           "       claimlint rules list [-r] RULES...\n"
           "check: load each rule file (schema, regexes, ids, includes) and report every\n"
           "       error with its file and line.\n"
           "test:  run each claim's <example>s and report those whose status differs.\n"
           "list:  every claim of the rules: id, verdict, title and where it is declared.\n"
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
    if (argc < 2 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "test") != 0)) {
        cli_error("rules: expected 'check', 'test' or 'list'%s%s%s", argc >= 2 ? ", not '" : "",
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
const struct cli_cmd cli_cmd_rules = {"rules", "check rule files, run their examples, list claims",
                                      NULL, usage, rules_exec};
