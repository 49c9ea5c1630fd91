/* cmd_explain.c - `claimlint explain`: tokens, stems, cues and scopes of a
 * sentence given on the command line, or of every sentence of a file. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint explain [-r RULES]... (-e SENTENCE | FILE)\n"
           "Show how claimlint reads a sentence: its tokens with folded forms and stems,\n"
           "each cue with the rule that declared it, each scope with what ended it, and\n"
           "each claim the sentence makes, with its status and the cues that decided it.\n"
           "  -e, --sentence=S  explain the sentence S\n"
           "  -r, --rules=R     cue lexicon or rule file/directory (default: the\n"
           "                    standard English lexicon); may be repeated\n"
           CLI_INPUT_HELP
           "  -h, --help        show this help\n");
}

/* The options of explain. */
struct explain_opts {
    const char *sentence;
    struct cli_list rules;
    struct cli_input input;
};

#define OPT(f) offsetof(struct explain_opts, f)
static const struct cli_opt explain_options[] = {
    {"sentence", 'e', CLI_OPT_STRING, OPT(sentence), 0, NULL},
    {"rules", 'r', CLI_OPT_LIST, OPT(rules), 0, NULL},
    {"help", 'h', CLI_OPT_HELP, 0, 0, NULL},
    CLI_INPUT_OPTIONS(OPT(input)),
    CLI_OPTS_END};
#undef OPT

static int explain_exec(int argc, char **argv)
{
    struct explain_opts o = {.input = {-1, NULL}};
    int first, rc, status = EXIT_OK;
    cl_rules *rules;
    cl_doc *doc = NULL;

    if ((first = cli_parse_options(&cli_cmd_explain, argc, argv, &o)) == CLI_OPTS_HELP) {
        free(o.rules.items);
        return EXIT_OK;
    }
    if (first < 0)
        goto bad_usage;
    if ((o.sentence != NULL) == (first < argc) || argc - first > 1) {
        cli_error("explain: give either -e SENTENCE or one FILE");
        goto bad_usage;
    }
    rules = cli_load_rules(o.rules.items, o.rules.n);
    free(o.rules.items);
    if (!rules)
        return EXIT_TROUBLE;
    if (o.sentence) {
        rc = cl_doc_new(&doc, "<sentence>", o.sentence, strlen(o.sentence));
        if (rc < 0)
            cli_print_last_error("<sentence>", rc);
    } else {
        rc = cli_open_doc(&doc, argv[first], &o.input);
    }
    if (rc == 0 &&
        (rc = cl_explain_doc(stdout, doc, rules, o.sentence ? CL_SPLIT_LINES : CL_SPLIT_AUTO)) < 0)
        cli_print_last_error(cl_doc_name(doc), rc);
    if (rc < 0)
        status = EXIT_TROUBLE;
    cl_doc_free(doc);
    cl_rules_free(rules);
    return cli_finish_output(status);
bad_usage:
    free(o.rules.items);
    cli_usage_hint("explain");
    return EXIT_TROUBLE;
}

const struct cli_cmd cli_cmd_explain = {"explain", "show tokens, stems, cues and scopes of sentences",
                                        explain_options, usage, explain_exec};
