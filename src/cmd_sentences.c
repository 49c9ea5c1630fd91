/* cmd_sentences.c - `claimlint sentences`: print the sentences of each file,
 * optionally with their cues and scopes. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(const struct cli_cmd *cmd)
{
    (void)cmd;
    printf("usage: claimlint sentences [--split=auto|lines] [--cues] [-r RULES]...\n"
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

/* The options of sentences. */
struct sentences_opts {
    cl_split_mode mode;
    int cues;
    struct cli_list rules;
    cl_format format;
    struct cli_input input;
};

static int parse_format(void *field, const char *arg)
{
    cl_format *format = field;

    if (strcmp(arg, "text") == 0)
        *format = CL_FORMAT_TEXT;
    else if (strcmp(arg, "jsonl") == 0)
        *format = CL_FORMAT_JSONL;
    else {
        cli_error("unknown format '%s' for sentences (text, jsonl)", arg);
        return -1;
    }
    return 0;
}

#define OPT(f) offsetof(struct sentences_opts, f)
static const struct cli_opt sentences_options[] = {
    {"split", 0, CLI_OPT_PARSE, OPT(mode), 0, cli_parse_split},
    {"cues", 0, CLI_OPT_SET, OPT(cues), 1, NULL},
    {"rules", 'r', CLI_OPT_LIST, OPT(rules), 0, NULL},
    {"format", 'f', CLI_OPT_PARSE, OPT(format), 0, parse_format},
    {"help", 'h', CLI_OPT_HELP, 0, 0, NULL},
    CLI_INPUT_OPTIONS(OPT(input)),
    CLI_OPTS_END};
#undef OPT

static int sentences_exec(int argc, char **argv)
{
    struct sentences_opts o = {.mode = CL_SPLIT_AUTO, .format = CL_FORMAT_TEXT,
                               .input = {-1, NULL}};
    int first, i, status = EXIT_OK;
    cl_rules *rules;

    if ((first = cli_parse_options(&cli_cmd_sentences, argc, argv, &o)) == CLI_OPTS_HELP) {
        free(o.rules.items);
        return EXIT_OK;
    }
    if (first < 0)
        goto bad_usage;
    if (first >= argc) {
        cli_error("sentences: no input file (use - for standard input)");
        goto bad_usage;
    }
    rules = cli_load_rules(o.rules.items, o.rules.n);
    free(o.rules.items);
    if (!rules)
        return EXIT_TROUBLE;
    for (i = first; i < argc; i++)
        if (one_file(argv[i], &o.input, rules, o.mode, o.format, o.cues ? CL_WRITE_CUES : 0) !=
            EXIT_OK)
            status = EXIT_TROUBLE;
    cl_rules_free(rules);
    return cli_finish_output(status);
bad_usage:
    free(o.rules.items);
    cli_usage_hint("sentences");
    return EXIT_TROUBLE;
}

const struct cli_cmd cli_cmd_sentences = {"sentences",
                                          "print the sentences of files, with their cues",
                                          sentences_options, usage, sentences_exec};
