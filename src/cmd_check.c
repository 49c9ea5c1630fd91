/* cmd_check.c - `claimlint [check]` and `claimlint report`: check files
 * against the claims of rule files and write findings (check) or the
 * per-claim table (report) in the chosen format. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct run {
    cl_emitter *emitter;
    int failed; /* an emitter write failed */
};

static void on_occurrence(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct run *r = ud;

    if (cl_emitter_occurrence(r->emitter, doc, o) < 0)
        r->failed = 1;
}

static void on_diag(const cl_diag *d, void *ud)
{
    (void)ud;
    cli_print_diag(d);
}

static void usage(int report)
{
    if (report)
        printf("usage: claimlint report -r RULES... [-f text|json] [--split=auto|lines] FILE...|-\n"
               "For each FILE, every claim of the rules with its verdict, its status in the\n"
               "file (stated, hedged, negated or unstated), the severity and where, then the\n"
               "evidence: each sentence that makes a claim and the cues that decided.\n");
    else
        printf("usage: claimlint [check] -r RULES... [-f FORMAT] [--fail-on LEVEL] FILE...|-\n"
               "Report the sentences of each FILE that make a declared claim in a way the\n"
               "evidence does not allow (\"-\" reads standard input).\n");
    printf("  -r, --rules=R      rule file or directory of rule files (repeatable)\n");
    if (report) {
        printf("  -f, --format=F     text (default) or json\n");
    } else {
        printf("  -f, --format=F     text (default), gnu, json, jsonl, sarif, junit, rdjsonl\n"
               "                     or html (see --list-formats)\n"
               "      --fail-on=L    exit 1 on findings at L or above: error (default),\n"
               "                     warning, info, or never\n"
               "      --color=WHEN   auto (default: on a terminal), always or never\n"
               "      --no-color     same as --color=never (so is NO_COLOR in the environment)\n");
    }
    printf(CLI_INPUT_HELP);
    printf("      --split=MODE   auto (default) or lines: every line is one sentence\n"
           "  -h, --help         show this help\n"
           "Exit status: 0 no findings at the --fail-on level, 1 findings, 2 errors.\n");
}

/* Map -f for the command to an emitter name: report's "text" and "json"
 * are the report-* emitters; check takes every other format. */
static const char *format_name(const char *f, int report)
{
    const char *name, *desc;
    size_t i;

    if (report) {
        if (strcmp(f, "text") == 0)
            return "report-text";
        if (strcmp(f, "json") == 0)
            return "report-json";
        return NULL;
    }
    if (strncmp(f, "report-", 7) == 0)
        return NULL;
    for (i = 0; cl_emitter_format(i, &name, &desc); i++)
        if (strcmp(f, name) == 0)
            return name;
    return NULL;
}

/* The formats check takes, comma-separated, for messages. */
static void list_check_formats(char *buf, size_t size)
{
    const char *name, *desc;
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; cl_emitter_format(i, &name, &desc); i++) {
        if (strncmp(name, "report-", 7) == 0)
            continue;
        len += (size_t)snprintf(buf + len, size > len ? size - len : 0, "%s%s", len ? ", " : "",
                                name);
    }
}

static int run(int argc, char **argv, int report)
{
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},  {"format", required_argument, NULL, 'f'},
        {"fail-on", required_argument, NULL, 'F'}, {"split", required_argument, NULL, 's'},
        {"color", required_argument, NULL, 'C'},  {"no-color", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},         CLI_INPUT_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *cmd = report ? "report" : "check", *format = "text", *emitter_name;
    char **rpaths = NULL;
    int nr = 0, opt, i, status = EXIT_OK, fail_on = CL_LEVEL_ERROR, color = -1, rc;
    cl_split_mode mode = CL_SPLIT_AUTO;
    cl_rules *rules;
    struct run state = {NULL, 0};
    struct cli_input input = {-1, NULL};
    cl_check_cb cb = {on_occurrence, on_diag, &state};

    while ((opt = getopt_long(argc, argv, "r:f:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'r':
            cli_list_add(&rpaths, &nr, optarg);
            break;
        case 'f':
            format = optarg;
            break;
        case 'F':
            if (strcmp(optarg, "never") == 0)
                fail_on = CL_LEVEL_ERROR + 1;
            else if ((fail_on = cl_level_parse(optarg)) <= CL_LEVEL_OK) {
                cli_error("--fail-on takes error, warning, info or never, not '%s'", optarg);
                goto bad_usage;
            }
            break;
        case 's':
            if (cli_parse_split(optarg, &mode) < 0)
                goto bad_usage;
            break;
        case 'C':
            if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else if (strcmp(optarg, "auto") == 0)
                color = -1;
            else {
                cli_error("--color takes auto, always or never, not '%s'", optarg);
                goto bad_usage;
            }
            break;
        case 'N':
            color = 0;
            break;
        case 'h':
            usage(report);
            free(rpaths);
            return EXIT_OK;
        default:
            if (cli_input_option(&input, opt, optarg) > 0)
                break;
            goto bad_usage;
        }
    }
    if (!(emitter_name = format_name(format, report))) {
        char names[256];
        list_check_formats(names, sizeof names);
        cli_error("unknown format '%s' for %s (%s)", format, cmd, report ? "text, json" : names);
        goto bad_usage;
    }
    if (nr == 0) {
        cli_error("%s: no rule files given (use -r RULES)", cmd);
        goto bad_usage;
    }
    if (optind >= argc) {
        cli_error("%s: no input file (use - for standard input)", cmd);
        goto bad_usage;
    }
    if (color < 0)
        color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    rules = cli_load_rules(rpaths, nr);
    free(rpaths);
    if (!rules)
        return EXIT_TROUBLE;
    if (cl_emitter_new(&state.emitter, emitter_name, stdout, color ? CL_WRITE_COLOR : 0, rules) <
        0) {
        cli_print_last_error(NULL, CL_ENOMEM);
        cl_rules_free(rules);
        return EXIT_TROUBLE;
    }
    for (i = optind; i < argc; i++) {
        cl_doc *doc = NULL;
        if (cli_open_doc(&doc, argv[i], &input) < 0) {
            status = EXIT_TROUBLE;
            continue;
        }
        rc = cl_check(doc, rules, mode, &cb);
        if (rc == 0)
            rc = cl_emitter_end_file(state.emitter, doc);
        if (rc < 0) {
            cli_print_last_error(cl_doc_name(doc), rc);
            status = EXIT_TROUBLE;
        }
        cl_doc_free(doc);
    }
    if (cl_emitter_finish(state.emitter) < 0 || state.failed) {
        cli_error("error writing the output");
        status = EXIT_TROUBLE;
    }
    if (status == EXIT_OK && !report && fail_on <= CL_LEVEL_ERROR &&
        cl_emitter_count(state.emitter, (cl_level)fail_on) > 0)
        status = EXIT_FINDINGS;
    cl_emitter_free(state.emitter);
    cl_rules_free(rules);
    return status;
bad_usage:
    free(rpaths);
    cli_usage_hint(cmd);
    return EXIT_TROUBLE;
}

static int check_exec(int argc, char **argv)
{
    return run(argc, argv, 0);
}

static int report_exec(int argc, char **argv)
{
    return run(argc, argv, 1);
}

const struct cli_cmd cli_cmd_check = {
    "check", "[check] -r RULES... [-f text|json|jsonl] [--fail-on LEVEL] FILE...",
    "report sentences that make claims the evidence does not allow (default)", check_exec};

const struct cli_cmd cli_cmd_report = {"report", "report -r RULES... [-f text|json] FILE...",
                                       "per-claim status table with evidence", report_exec};
