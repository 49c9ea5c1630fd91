/* cmd_explain.c - `claimlint explain`: tokens, stems, cues and scopes of a
 * sentence given on the command line, or of every sentence of a file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: claimlint explain [-r RULES]... (-e SENTENCE | FILE)\n"
            "Show how claimlint reads a sentence: its tokens with folded forms and stems,\n"
            "each cue with the rule that declared it, each scope with what ended it, and\n"
            "each claim the sentence makes, with its status and the cues that decided it.\n"
            "  -e, --sentence=S  explain the sentence S\n"
            "  -r, --rules=R     cue lexicon or rule file/directory (default: the\n"
            "                    standard English lexicon); may be repeated\n"
            CLI_INPUT_HELP
            "  -h, --help        show this help\n");
}

static int explain_exec(int argc, char **argv)
{
    static const struct option longopts[] = {{"sentence", required_argument, NULL, 'e'},
                                             {"rules", required_argument, NULL, 'r'},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_INPUT_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    struct cli_input input = {-1, NULL};
    const char *sentence = NULL;
    char **rpaths = NULL;
    int nr = 0, opt, rc, status = EXIT_OK;
    cl_rules *rules;
    cl_doc *doc = NULL;

    while ((opt = getopt_long(argc, argv, "e:r:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'e':
            sentence = optarg;
            break;
        case 'r':
            cli_list_add(&rpaths, &nr, optarg);
            break;
        case 'h':
            usage(stdout);
            free(rpaths);
            return EXIT_OK;
        default:
            if (cli_input_option(&input, opt, optarg) > 0)
                break;
            free(rpaths);
            cli_usage_hint("explain");
            return EXIT_TROUBLE;
        }
    }
    if ((sentence != NULL) == (optind < argc) || argc - optind > 1) {
        cli_error("explain: give either -e SENTENCE or one FILE");
        free(rpaths);
        cli_usage_hint("explain");
        return EXIT_TROUBLE;
    }
    rules = cli_load_rules(rpaths, nr);
    free(rpaths);
    if (!rules)
        return EXIT_TROUBLE;
    if (sentence) {
        rc = cl_doc_new(&doc, "<sentence>", sentence, strlen(sentence));
        if (rc < 0)
            cli_print_last_error("<sentence>", rc);
    } else {
        rc = cli_open_doc(&doc, argv[optind], &input);
    }
    if (rc == 0 &&
        (rc = cl_explain_doc(stdout, doc, rules, sentence ? CL_SPLIT_LINES : CL_SPLIT_AUTO)) < 0)
        cli_print_last_error(cl_doc_name(doc), rc);
    if (rc < 0)
        status = EXIT_TROUBLE;
    cl_doc_free(doc);
    cl_rules_free(rules);
    return cli_finish_output(status);
}

const struct cli_cmd cli_cmd_explain = {"explain", "show tokens, stems, cues and scopes of sentences",
                                        explain_exec};
