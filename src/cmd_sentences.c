/* cmd_sentences.c - `claimlint sentences`: print the sentences of each file,
 * optionally with their cues and scopes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: claimlint sentences [--split=auto|lines] [--cues] [-r RULES]...\n"
            "                           [-f text|jsonl] FILE...|-\n"
            "Print the sentences of each FILE (\"-\" reads standard input).\n"
            "  --split=auto    find sentences in prose (default)\n"
            "  --split=lines   every non-blank line is one sentence\n"
            "  --cues          also print negation, hedge and other cues with their scopes\n"
            "  -r, --rules=R   cue lexicon or rule file/directory (default: the standard\n"
            "                  English lexicon); may be repeated\n"
            "  -f, --format=F  text (default) or jsonl\n"
            CLI_INPUT_HELP
            "  -h, --help      show this help\n");
}

/* Print every sentence of PATH; returns 0, or 2 after printing why not. */
static int one_file(const char *path, const struct cli_input *in, const cl_rules *rules,
                    cl_split_mode mode, cl_format format, unsigned wflags)
{
    cl_doc *doc = NULL;
    const cl_sentence *s;
    int rc;

    if (cli_open_doc(&doc, path, in) < 0)
        return EXIT_TROUBLE;
    rc = cl_doc_analyze(doc, rules, mode, wflags & CL_WRITE_CUES ? CL_ANALYZE_CUES : 0);
    while (rc == 0 && (rc = cl_doc_next(doc, &s)) > 0)
        rc = cl_sentence_write(stdout, doc, s, format, wflags);
    cl_doc_free(doc);
    if (rc < 0) {
        cli_print_last_error(path, rc);
        return EXIT_TROUBLE;
    }
    return EXIT_OK;
}

static int sentences_exec(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"split", required_argument, NULL, 's'}, {"cues", no_argument, NULL, 'c'},
        {"rules", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},        CLI_INPUT_LONGOPTS,
        {NULL, 0, NULL, 0}};
    cl_split_mode mode = CL_SPLIT_AUTO;
    cl_format format = CL_FORMAT_TEXT;
    unsigned wflags = 0;
    char **rpaths = NULL;
    int nr = 0, opt, i, status = EXIT_OK;
    cl_rules *rules;
    struct cli_input input = {-1, NULL};

    while ((opt = getopt_long(argc, argv, "r:f:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 's':
            if (cli_parse_split(optarg, &mode) < 0)
                goto bad_usage;
            break;
        case 'c':
            wflags |= CL_WRITE_CUES;
            break;
        case 'r':
            cli_list_add(&rpaths, &nr, optarg);
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                format = CL_FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                format = CL_FORMAT_JSONL;
            else {
                cli_error("unknown format '%s' for sentences (text, jsonl)", optarg);
                goto bad_usage;
            }
            break;
        case 'h':
            usage(stdout);
            free(rpaths);
            return EXIT_OK;
        default:
            if (cli_input_option(&input, opt, optarg) > 0)
                break;
            goto bad_usage;
        }
    }
    if (optind >= argc) {
        cli_error("sentences: no input file (use - for standard input)");
        goto bad_usage;
    }
    rules = cli_load_rules(rpaths, nr);
    free(rpaths);
    if (!rules)
        return EXIT_TROUBLE;
    for (i = optind; i < argc; i++)
        if (one_file(argv[i], &input, rules, mode, format, wflags) != EXIT_OK)
            status = EXIT_TROUBLE;
    cl_rules_free(rules);
    return cli_finish_output(status);
bad_usage:
    free(rpaths);
    cli_usage_hint("sentences");
    return EXIT_TROUBLE;
}

const struct cli_cmd cli_cmd_sentences = {
    "sentences", "print the sentences of files, with their cues", sentences_exec};
