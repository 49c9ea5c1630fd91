/* cli.h - shared pieces of the claimlint program (not the library): the
 * command table and helpers the commands use. */
#ifndef CL_CLI_H
#define CL_CLI_H

#include <stddef.h>

#include "claimlint.h"

struct cli_opt;

/* One command of the program, in the manner of tmux's cmd_entry: its name,
 * a one-line summary, its options (a table ended by an entry with a NULL
 * name; NULL when the command reads its arguments itself), the usage its
 * --help prints on standard output, and its entry point, which gets argv
 * with argv[0] the command name and returns the exit code. */
struct cli_cmd {
    const char *name;
    const char *summary;
    const struct cli_opt *options;
    void (*usage)(const struct cli_cmd *cmd);
    int (*exec)(int argc, char **argv);
};

extern const struct cli_cmd cli_cmd_check;
extern const struct cli_cmd cli_cmd_report;
extern const struct cli_cmd cli_cmd_rules;
extern const struct cli_cmd cli_cmd_sentences;
extern const struct cli_cmd cli_cmd_explain;
extern const struct cli_cmd cli_cmd_compare;

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* Program name for messages ("claimlint"). */
extern const char *cli_progname;

/* Print "claimlint: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Print "Try 'claimlint [COMMAND] --help' for more information." on stderr. */
void cli_usage_hint(const char *command);

/* Print a diagnostic in the GNU form FILE:LINE:COL: SEVERITY: MESSAGE. */
void cli_print_diag(const cl_diag *d);

/* Print the thread's last library error (or WHAT and CODE) as a diagnostic. */
void cli_print_last_error(const char *what, int code);

/* Load the rule files PATHS[0..N) (the standard cue lexicon when N is 0)
 * and compile them. Prints every diagnostic; returns NULL on failure. */
cl_rules *cli_load_rules(char **paths, int n);

/* Flush standard output; prints an error and returns EXIT_TROUBLE when
 * anything written to it failed, else STATUS. */
int cli_finish_output(int status);

/* A growable list of strings (cli_list_add), such as the -r files. */
struct cli_list {
    char **items;
    int n;
};

/* Append ITEM to LIST (exits on out of memory). */
void cli_list_add(struct cli_list *list, char *item);

/* What an option does; the field is in the command's options structure. */
enum cli_opt_kind {
    CLI_OPT_SET,    /* no argument: the int field becomes VALUE */
    CLI_OPT_STRING, /* an argument: the const char * field points at it */
    CLI_OPT_LIST,   /* an argument, added to the struct cli_list field */
    CLI_OPT_PARSE,  /* an argument, given to PARSE with the field */
    CLI_OPT_CALL,   /* no argument: PARSE with the field and NULL */
    CLI_OPT_HELP    /* no argument: print the command's usage, stop parsing */
};

/* One option of a command: --NAME, and -LETTER when LETTER is not 0; FIELD
 * is the offsetof of what it sets in the command's options structure.
 * PARSE returns < 0 after printing why the argument is bad. */
struct cli_opt {
    const char *name;
    char letter;
    enum cli_opt_kind kind;
    size_t field;
    int value;
    int (*parse)(void *field, const char *arg);
};

/* The entry that ends a table of options. */
#define CLI_OPTS_END {NULL, 0, CLI_OPT_SET, 0, 0, NULL}

enum { CLI_OPTS_USAGE = -1, CLI_OPTS_HELP = -2 };

/* Parse the options of ARGV (argv[0] the command, named in getopt's
 * messages) by the table of CMD into the structure OPTS, in the order
 * given, with getopt_long: long options may be abbreviated, take their
 * argument as --opt=value or --opt value, short ones as -xVALUE or
 * -x VALUE, operands may come first and "--" ends the options. Returns the
 * index of the first operand (ARGV is permuted to put them last);
 * CLI_OPTS_HELP after printing the usage for --help; CLI_OPTS_USAGE after
 * printing what is wrong with an option (the caller adds the usage hint). */
int cli_parse_options(const struct cli_cmd *cmd, int argc, char **argv, void *opts);

/* Handlers of options (CLI_OPT_PARSE, CLI_OPT_CALL) several commands use. */
/* --split: a cl_split_mode, auto or lines */
int cli_parse_split(void *mode, const char *arg);
/* --input-format: an int, the cl_input_format */
int cli_parse_input_format(void *format, const char *arg);
/* --fail-on: an int, a cl_level or CL_LEVEL_ERROR + 1 for never */
int cli_parse_fail_on(void *fail_on, const char *arg);
/* --color: an int, 1 always, 0 never, -1 auto */
int cli_parse_color(void *color, const char *arg);
/* --allow-outside-includes: sets cli_allow_outside_includes */
int cli_allow_outside(void *unused, const char *arg);

/* How input files are read: --input-format (-1: by extension) and
 * --stdin-filename (the name used for "-"). */
struct cli_input {
    int format;
    const char *stdin_name;
};

/* The options of struct cli_input (at offset IN in the options structure)
 * and --allow-outside-includes, for a command's table. */
#define CLI_INPUT_OPTIONS(in)                                                                   \
    {"input-format", 0, CLI_OPT_PARSE, (in) + offsetof(struct cli_input, format), 0,              \
     cli_parse_input_format},                                                                   \
        {"stdin-filename", 0, CLI_OPT_STRING, (in) + offsetof(struct cli_input, stdin_name), 0,   \
         NULL},                                                                                 \
        {"allow-outside-includes", 0, CLI_OPT_CALL, 0, 0, cli_allow_outside}

#define CLI_INPUT_HELP                                                                      \
    "      --input-format=F  text, markdown or html (default: by file extension)\n"          \
    "      --stdin-filename=NAME  the name reported for standard input (-)\n"                \
    "      --allow-outside-includes  let rule files include files outside their tree\n"

/* Set by --allow-outside-includes: rule files may include any file. */
extern int cli_allow_outside_includes;

/* Read PATH ("-": standard input) as a document of the chosen format into
 * *DOC; on failure prints the error and returns < 0. */
int cli_open_doc(cl_doc **doc, const char *path, const struct cli_input *in);

/* strdup that exits with a message when memory runs out. */
char *cli_strdup(const char *s);

/* Like cli_open_doc, but prints nothing: the error is in cli_last_error(). */
int cli_read_doc(cl_doc **doc, const char *path, const struct cli_input *in);

/* The error of this thread's last cli_read_doc when it failed with an error
 * worded by the program (standard input closed; a read error of standard
 * input, named after --stdin-filename), else cl_error_last(). */
const cl_diag *cli_last_error(void);

/* Set by main when descriptor 0 was closed at start: reading "-" is then
 * the error "cannot read: standard input is closed". */
extern int cli_stdin_closed;

/* The number of processors online (at least 1). */
int cli_cores(void);

#endif
