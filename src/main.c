/* main.c - the claimlint program: picks a command from the table and runs
 * it. All the work is in libclaimlint (claimlint.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct cli_cmd *const commands[] = {&cli_cmd_check, &cli_cmd_report, &cli_cmd_rules,
                                                 &cli_cmd_compare, &cli_cmd_sentences,
                                                 &cli_cmd_explain};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: claimlint [COMMAND] [OPTION]... [FILE]...\n"
               "Lint claims in articles: find the sentences that make declared claims and\n"
               "whether they state, hedge or deny them.\n\nCommands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\nOptions:\n  -h, --help     show this help (COMMAND --help for a command)\n"
               "  -V, --version  show the version\n"
               "  --list-formats the output formats of check and report\n"
               "With no COMMAND, check: claimlint -r RULES FILE...\n\n"
               "Exit status: 0 success, 1 findings, 2 usage, input or rule-file errors.\n");
}

/* Standard input closed at start (`claimlint - <&-`): put /dev/null,
 * open for writing only, on descriptor 0, so that no file the run opens
 * (a worker's input, with -j above 1) takes descriptor 0 and passes for
 * standard input, and every read of it still fails (--files-from -).
 * Reading "-" is then the error "standard input is closed" (cli.c).
 * Standard output and error are left as they are: claimlint opens files
 * for reading only, so output sent to one that took descriptor 1 or 2
 * fails, and a closed standard output gives "error writing the output". */
static void guard_stdin(void)
{
    int fd;

    if (fcntl(STDIN_FILENO, F_GETFD) != -1 || errno != EBADF)
        return;
    cli_stdin_closed = 1;
    fd = open("/dev/null", O_WRONLY);
    if (fd > STDIN_FILENO)
        close(fd); /* not possible: descriptor 0 was the lowest free one */
}

int main(int argc, char **argv)
{
    size_t i;

    guard_stdin();
    if (argc < 2) {
        cli_error("no command given");
        cli_usage_hint(NULL);
        return EXIT_TROUBLE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return cli_finish_output(EXIT_OK);
    }
    if (strcmp(argv[1], "--list-formats") == 0) {
        const char *name, *desc;
        for (i = 0; cl_emitter_format(i, &name, &desc); i++)
            printf("%-12s %s\n", name, desc);
        return cli_finish_output(EXIT_OK);
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("claimlint %s\n", cl_version());
        return cli_finish_output(EXIT_OK);
    }
    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i]->name) == 0) {
            /* getopt names argv[0] in its messages: "claimlint sentences" */
            char name[64];
            snprintf(name, sizeof name, "%s %s", cli_progname, commands[i]->name);
            argv[1] = name;
            return commands[i]->exec(argc - 1, argv + 1);
        }
    /* no command: check, as in `claimlint -r rules.xml draft.md` */
    if (argv[1][0] == '-' || strchr(argv[1], '.') || strchr(argv[1], '/')) {
        argv[0] = (char *)"claimlint";
        return cli_cmd_check.exec(argc, argv);
    }
    cli_error("unknown command '%s'", argv[1]);
    cli_usage_hint(NULL);
    return EXIT_TROUBLE;
}
