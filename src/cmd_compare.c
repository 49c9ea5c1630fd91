/* cmd_compare.c - `claimlint compare SOURCE DRAFT...`: each draft read
 * against its source, the findings in the chosen format. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct compare_opts {
    struct cli_list rules; /* -r: cue files instead of the standard lexicon */
    const char *format;
    int fail_on;           /* -1: the configuration's, else error */
    cl_split_mode mode;
    int color;             /* -1: auto */
    const char *config_path;
    int no_config;
    int quiet;
    struct cli_input input;
};

static void usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint compare [-f FORMAT] [--fail-on LEVEL] SOURCE DRAFT...\n"
           "Read each DRAFT (a rewrite, a summary, wire copy adapted) against SOURCE and\n"
           "report what it changes: a denial turned into an assertion or the reverse\n"
           "(negation-flipped), a hedge dropped (hedge-dropped) or added (hedge-added), a\n"
           "number or date changed (number-changed), a name changed (entity-changed), a\n"
           "claim someone made restated in the draft's own voice (attribution-dropped),\n"
           "a sentence no source sentence carries (unsupported). \"-\" reads standard\n"
           "input (for one of them).\n");
    printf("  -f, --format=F     text (default), gnu, json, jsonl, sarif, junit, rdjsonl\n"
           "                     or html (the draft and the source side by side)\n"
           "      --fail-on=L    exit 1 on findings at L or above: error (default),\n"
           "                     warning, info, or never\n"
           "  -r, --rules=R      cue files to read statuses with (default: the standard\n"
           "                     lexicon; repeatable)\n"
           "      --config=FILE  take severities and --fail-on from this configuration\n"
           "                     instead of the .claimlint.xml found above the source\n"
           "      --no-config    use no configuration file\n"
           "      --color=WHEN   auto (default: on a terminal), always or never\n"
           "      --no-color     same as --color=never\n");
    printf(CLI_INPUT_HELP);
    printf("  -q, --quiet        no summary line\n"
           "      --split=MODE   auto (default) or lines: every line is one sentence\n"
           "  -h, --help         show this help\n"
           "Exit status: 0 no findings at the --fail-on level, 1 findings, 2 errors.\n");
}

#define OPT(f) offsetof(struct compare_opts, f)
static const struct cli_opt compare_options[] = {
    {"rules", 'r', CLI_OPT_LIST, OPT(rules), 0, NULL},
    {"format", 'f', CLI_OPT_STRING, OPT(format), 0, NULL},
    {"fail-on", 0, CLI_OPT_PARSE, OPT(fail_on), 0, cli_parse_fail_on},
    {"split", 0, CLI_OPT_PARSE, OPT(mode), 0, cli_parse_split},
    {"color", 0, CLI_OPT_PARSE, OPT(color), 0, cli_parse_color},
    {"no-color", 0, CLI_OPT_SET, OPT(color), 0, NULL},
    {"config", 0, CLI_OPT_STRING, OPT(config_path), 0, NULL},
    {"no-config", 0, CLI_OPT_SET, OPT(no_config), 1, NULL},
    {"quiet", 'q', CLI_OPT_SET, OPT(quiet), 1, NULL},
    {"help", 'h', CLI_OPT_HELP, 0, 0, NULL},
    CLI_INPUT_OPTIONS(OPT(input)),
    CLI_OPTS_END};
#undef OPT

static void config_diag(const cl_diag *d, void *ud)
{
    (void)ud;
    cli_print_diag(d);
}

/* The configuration for the run: --config, else the .claimlint.xml above
 * the source. Returns 0 (with *OUT NULL when there is none) or -1. */
static int load_config(const struct compare_opts *o, const char *source, cl_config **out)
{
    char *path = NULL, *dir;
    int rc;

    *out = NULL;
    if (o->no_config)
        return 0;
    if (o->config_path) {
        path = cli_strdup(o->config_path);
    } else {
        char *slash;
        dir = cli_strdup(strcmp(source, "-") == 0 ? "." : source);
        if ((slash = strrchr(dir, '/')) != NULL)
            slash[slash == dir ? 1 : 0] = '\0';
        else
            strcpy(dir, ".");
        rc = cl_config_find(&path, dir);
        free(dir);
        if (rc < 0) {
            cli_print_last_error(source, CL_EIO);
            return -1;
        }
        if (!path)
            return 0;
    }
    rc = cl_config_load(out, path, config_diag, NULL);
    free(path);
    return rc < 0 ? -1 : 0;
}

static int exec(int argc, char **argv)
{
    struct compare_opts o = {.format = "text", .fail_on = -1, .mode = CL_SPLIT_AUTO,
                             .color = -1, .input = {-1, NULL}};
    int first, i, status = EXIT_OK, stdin_used = 0;
    cl_rules *rules = NULL;
    cl_config *config = NULL;
    cl_doc *sdoc = NULL;
    cl_cmp_source *src = NULL;
    cl_cmp_emitter *em = NULL;
    cl_level levels[CL_CMP_NCODES];
    int fail_on;

    if ((first = cli_parse_options(&cli_cmd_compare, argc, argv, &o)) == CLI_OPTS_HELP) {
        free(o.rules.items);
        return EXIT_OK;
    }
    if (first < 0)
        goto bad_usage;
    if (argc - first < 2) {
        cli_error(argc - first == 0 ? "compare: no source file"
                                    : "compare: no draft file (compare SOURCE DRAFT...)");
        goto bad_usage;
    }
    if (o.config_path && o.no_config) {
        cli_error("compare: --config and --no-config exclude each other");
        goto bad_usage;
    }
    for (i = first; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && stdin_used++) {
            cli_error("compare: standard input (-) can be read only once");
            goto bad_usage;
        }
    if ((i = cl_cmp_emitter_new(&em, o.format, stdout, 0)) == CL_ENOMEM) {
        cli_error("out of memory");
        free(o.rules.items);
        return EXIT_TROUBLE;
    } else if (i < 0) {
        cli_error("unknown format '%s' for compare (text, gnu, json, jsonl, sarif, junit, "
                  "rdjsonl, html)",
                  o.format);
        goto bad_usage;
    }
    cl_cmp_emitter_free(em);
    em = NULL;
    if (o.color < 0)
        o.color = isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    if (load_config(&o, argv[first], &config) < 0) {
        free(o.rules.items);
        return EXIT_TROUBLE;
    }
    for (i = 0; i < CL_CMP_NCODES; i++) {
        int l = config ? cl_config_compare_level(config, (cl_cmp_code)i) : -1;
        levels[i] = l >= 0 ? (cl_level)l : cl_cmp_default_level((cl_cmp_code)i);
    }
    fail_on = o.fail_on >= 0                                ? o.fail_on
              : config && cl_config_fail_on(config) >= 0 ? cl_config_fail_on(config)
                                                          : CL_LEVEL_ERROR;
    if (!(rules = cli_load_rules(o.rules.items, o.rules.n))) {
        status = EXIT_TROUBLE;
        goto out;
    }
    if (cli_open_doc(&sdoc, argv[first], &o.input) < 0) {
        status = EXIT_TROUBLE;
        goto out;
    }
    if (cl_cmp_source_new(&src, sdoc, rules, o.mode) < 0) {
        cli_print_last_error(argv[first], CL_ENOMEM);
        status = EXIT_TROUBLE;
        goto out;
    }
    if (cl_cmp_emitter_new(&em, o.format, stdout,
                           (o.color ? CL_WRITE_COLOR : 0) | (o.quiet ? CL_WRITE_QUIET : 0)) < 0) {
        cli_print_last_error(NULL, CL_ENOMEM);
        status = EXIT_TROUBLE;
        goto out;
    }
    for (i = first + 1; i < argc; i++) {
        cl_doc *ddoc = NULL;
        cl_cmp_result *res = NULL;
        if (cli_open_doc(&ddoc, argv[i], &o.input) < 0) {
            status = EXIT_TROUBLE;
            continue;
        }
        if (cl_compare(&res, src, ddoc, o.mode, levels) < 0) {
            cli_print_last_error(argv[i], CL_ENOMEM);
            status = EXIT_TROUBLE;
        } else if (cl_cmp_emitter_result(em, res) < 0) {
            status = EXIT_TROUBLE;
        }
        cl_cmp_result_free(res);
        cl_doc_free(ddoc);
    }
    if (cl_cmp_emitter_finish(em) < 0) {
        const cl_diag *d = cl_error_last();
        cli_error(d && d->code == CL_ENOMEM ? "out of memory" : "error writing the output");
        status = EXIT_TROUBLE;
    }
    if (status == EXIT_OK && fail_on <= CL_LEVEL_ERROR &&
        cl_cmp_emitter_count(em, (cl_level)fail_on) > 0)
        status = EXIT_FINDINGS;
out:
    cl_cmp_emitter_free(em);
    cl_cmp_source_free(src);
    cl_doc_free(sdoc);
    cl_rules_free(rules);
    cl_config_free(config);
    free(o.rules.items);
    return cli_finish_output(status);
bad_usage:
    free(o.rules.items);
    cli_usage_hint("compare");
    return EXIT_TROUBLE;
}

const struct cli_cmd cli_cmd_compare = {"compare", "check drafts against their source article",
                                        compare_options, usage, exec};
