/* cli.h - shared pieces of the claimlint program (not the library): the
 * command table and helpers the commands use. */
#ifndef CL_CLI_H
#define CL_CLI_H

#include <getopt.h>

#include "claimlint.h"

/* One command of the program: name, one-line summary, and its entry
 * point, which gets argv with argv[0] the command name and returns the exit
 * code; each command prints its own usage with --help. */
struct cli_cmd {
    const char *name;
    const char *summary;
    int (*exec)(int argc, char **argv);
};

extern const struct cli_cmd cli_cmd_check;
extern const struct cli_cmd cli_cmd_report;
extern const struct cli_cmd cli_cmd_rules;
extern const struct cli_cmd cli_cmd_sentences;
extern const struct cli_cmd cli_cmd_explain;

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

/* Parse the argument of --split into *MODE; prints the error and returns -1
 * when it is neither auto nor lines. */
int cli_parse_split(const char *arg, cl_split_mode *mode);

/* Flush standard output; prints an error and returns EXIT_TROUBLE when
 * anything written to it failed, else STATUS. */
int cli_finish_output(int status);

/* How input files are read: --input-format (-1: by extension) and
 * --stdin-filename (the name used for "-"). */
struct cli_input {
    int format;
    const char *stdin_name;
};

enum { OPT_INPUT_FORMAT = 1000, OPT_STDIN_FILENAME, OPT_ALLOW_OUTSIDE };

#define CLI_INPUT_LONGOPTS                                                                  \
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},                              \
        {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},                      \
        {"allow-outside-includes", no_argument, NULL, OPT_ALLOW_OUTSIDE}

#define CLI_INPUT_HELP                                                                      \
    "      --input-format=F  text, markdown or html (default: by file extension)\n"          \
    "      --stdin-filename=NAME  the name reported for standard input (-)\n"                \
    "      --allow-outside-includes  let rule files include files outside their tree\n"

/* Set by --allow-outside-includes: rule files may include any file. */
extern int cli_allow_outside_includes;

/* Handle OPT if it is one of the input options: 1 handled, 0 not one of
 * them, -1 a bad value (error printed). */
int cli_input_option(struct cli_input *in, int opt, const char *arg);

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

/* Append PATH to a growable list of strings (exits on out of memory). */
void cli_list_add(char ***list, int *n, char *path);

#endif
