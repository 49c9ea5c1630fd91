/* cli.c - helpers shared by the program's commands: option parsing,
 * messages and rule loading. The library never prints; this is where its
 * diagnostics are turned into text on stderr. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *cli_progname = "claimlint";
int cli_allow_outside_includes;
int cli_stdin_closed;

/* The error of this thread's last cli_read_doc, when the program worded it */
static _Thread_local struct {
    int set;
    cl_diag d;
    char file[1024], message[2048];
} read_error;

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", cli_progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_usage_hint(const char *command)
{
    fprintf(stderr, "Try '%s%s%s --help' for more information.\n", cli_progname,
            command ? " " : "", command ? command : "");
}

void cli_print_diag(const cl_diag *d)
{
    static const char *const sev[] = {"note", "warning", "error"};

    if (d->file && d->line && d->column)
        fprintf(stderr, "%s:%u:%u: ", d->file, d->line, d->column);
    else if (d->file && d->line)
        fprintf(stderr, "%s:%u: ", d->file, d->line);
    else if (d->file)
        fprintf(stderr, "%s: ", d->file);
    else
        fprintf(stderr, "%s: ", cli_progname);
    fprintf(stderr, "%s: %s\n", sev[d->severity <= CL_SEV_ERROR ? d->severity : CL_SEV_ERROR],
            d->message);
}

void cli_print_last_error(const char *what, int code)
{
    const cl_diag *e = cl_error_last();
    cl_diag d;

    if (e) {
        cli_print_diag(e);
        return;
    }
    d.code = code;
    d.severity = CL_SEV_ERROR;
    d.file = what;
    d.line = d.column = 0;
    d.message = cl_strerror(code);
    cli_print_diag(&d);
}

static void rules_diag(const cl_diag *d, void *ud)
{
    (void)ud;
    cli_print_diag(d);
}

cl_rules *cli_load_rules(char **paths, int n)
{
    cl_rules *rules;
    int i, failed = 0, rc;

    if (cl_rules_new(&rules) < 0) {
        cli_print_last_error(NULL, CL_ENOMEM);
        return NULL;
    }
    cl_rules_set_diag(rules, rules_diag, NULL);
    cl_rules_allow_outside_includes(rules, cli_allow_outside_includes);
    for (i = 0; i < n; i++)
        if (cl_rules_load(rules, paths[i]) < 0)
            failed = 1;
    if (!failed && (rc = cl_rules_compile(rules)) < 0) {
        if (rc == CL_ENOMEM || rc == CL_EINVAL)
            cli_print_last_error(NULL, rc);
        failed = 1;
    }
    if (failed) {
        cl_rules_free(rules);
        return NULL;
    }
    return rules;
}

int cli_parse_split(void *mode, const char *arg)
{
    if (strcmp(arg, "auto") == 0)
        *(cl_split_mode *)mode = CL_SPLIT_AUTO;
    else if (strcmp(arg, "lines") == 0)
        *(cl_split_mode *)mode = CL_SPLIT_LINES;
    else {
        cli_error("--split takes auto or lines, not '%s'", arg);
        return -1;
    }
    return 0;
}

int cli_parse_input_format(void *format, const char *arg)
{
    if ((*(int *)format = cl_input_format_parse(arg)) < 0) {
        cli_error("--input-format takes text, markdown or html, not '%s'", arg);
        return -1;
    }
    return 0;
}

int cli_parse_fail_on(void *field, const char *arg)
{
    int *fail_on = field;

    if (strcmp(arg, "never") == 0)
        *fail_on = CL_LEVEL_ERROR + 1;
    else if ((*fail_on = cl_level_parse(arg)) <= CL_LEVEL_OK) {
        cli_error("--fail-on takes error, warning, info or never, not '%s'", arg);
        return -1;
    }
    return 0;
}

int cli_parse_color(void *field, const char *arg)
{
    int *color = field;

    if (strcmp(arg, "always") == 0)
        *color = 1;
    else if (strcmp(arg, "never") == 0)
        *color = 0;
    else if (strcmp(arg, "auto") == 0)
        *color = -1;
    else {
        cli_error("--color takes auto, always or never, not '%s'", arg);
        return -1;
    }
    return 0;
}

int cli_allow_outside(void *unused, const char *arg)
{
    (void)unused;
    (void)arg;
    cli_allow_outside_includes = 1;
    return 0;
}

/* The most options a command has; getopt_long's values for long options
 * are CLI_OPT_LONG + their index in the table (short ones are the letter). */
enum { CLI_OPTS_MAX = 32, CLI_OPT_LONG = 256 };

static int takes_argument(enum cli_opt_kind kind)
{
    return kind == CLI_OPT_STRING || kind == CLI_OPT_LIST || kind == CLI_OPT_PARSE;
}

int cli_parse_options(const struct cli_cmd *cmd, int argc, char **argv, void *opts)
{
    const struct cli_opt *table = cmd->options, *o;
    struct option longopts[CLI_OPTS_MAX + 1];
    char shortopts[2 * CLI_OPTS_MAX + 1];
    size_t n, len = 0;
    void *field;
    int c;

    for (n = 0; table[n].name; n++) {
        if (n == CLI_OPTS_MAX)
            abort(); /* a table too long for the arrays above */
        longopts[n].name = table[n].name;
        longopts[n].has_arg = takes_argument(table[n].kind) ? required_argument : no_argument;
        longopts[n].flag = NULL;
        longopts[n].val = CLI_OPT_LONG + (int)n;
        if (table[n].letter) {
            shortopts[len++] = table[n].letter;
            if (takes_argument(table[n].kind))
                shortopts[len++] = ':';
        }
    }
    memset(&longopts[n], 0, sizeof longopts[n]);
    shortopts[len] = '\0';
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c >= CLI_OPT_LONG) {
            o = &table[c - CLI_OPT_LONG];
        } else {
            /* '?': getopt_long said what is wrong */
            for (o = table; o->name && o->letter != c; o++)
                ;
            if (!o->name)
                return CLI_OPTS_USAGE;
        }
        field = (char *)opts + o->field;
        switch (o->kind) {
        case CLI_OPT_SET:
            *(int *)field = o->value;
            break;
        case CLI_OPT_STRING:
            *(const char **)field = optarg;
            break;
        case CLI_OPT_LIST:
            cli_list_add(field, optarg);
            break;
        case CLI_OPT_PARSE:
        case CLI_OPT_CALL:
            if (o->parse(field, o->kind == CLI_OPT_PARSE ? optarg : NULL) < 0)
                return CLI_OPTS_USAGE;
            break;
        case CLI_OPT_HELP:
            cmd->usage(cmd);
            return CLI_OPTS_HELP;
        }
    }
    return optind;
}

int cli_finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing the output");
        return EXIT_TROUBLE;
    }
    return status;
}

static int read_failed(int code, const char *file, const char *message)
{
    snprintf(read_error.file, sizeof read_error.file, "%s", file);
    snprintf(read_error.message, sizeof read_error.message, "%s", message);
    read_error.d.code = code;
    read_error.d.severity = CL_SEV_ERROR;
    read_error.d.file = read_error.file;
    read_error.d.line = read_error.d.column = 0;
    read_error.d.message = read_error.message;
    read_error.set = 1;
    return code;
}

const cl_diag *cli_last_error(void)
{
    return read_error.set ? &read_error.d : cl_error_last();
}

int cli_read_doc(cl_doc **doc, const char *path, const struct cli_input *in)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? (in->stdin_name ? in->stdin_name : "<stdin>") : path;
    int format = in->format >= 0 ? in->format : (int)cl_input_format_for_path(name);
    const cl_diag *e;
    int rc;

    read_error.set = 0;
    if (is_stdin && cli_stdin_closed) {
        *doc = NULL;
        return read_failed(CL_EIO, name, "cannot read: standard input is closed");
    }
    rc = cl_doc_load(doc, path, name);
    /* the library names standard input <stdin> when it cannot read it */
    if (rc < 0 && is_stdin && in->stdin_name && (e = cl_error_last()) && e->file &&
        strcmp(e->file, "<stdin>") == 0)
        read_failed(rc, name, e->message);
    if (rc == 0 && (rc = cl_doc_set_format(*doc, (cl_input_format)format)) < 0) {
        cl_doc_free(*doc);
        *doc = NULL;
    }
    return rc;
}

int cli_open_doc(cl_doc **doc, const char *path, const struct cli_input *in)
{
    int rc = cli_read_doc(doc, path, in);

    if (rc < 0 && read_error.set)
        cli_print_diag(&read_error.d);
    else if (rc < 0)
        cli_print_last_error(strcmp(path, "-") == 0 && in->stdin_name ? in->stdin_name : path, rc);
    return rc;
}

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

char *cli_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (!p) {
        cli_error("out of memory");
        exit(EXIT_TROUBLE);
    }
    return memcpy(p, s, n);
}

void cli_list_add(struct cli_list *list, char *item)
{
    char **grown = realloc(list->items, (size_t)(list->n + 1) * sizeof *list->items);

    if (!grown) {
        cli_error("out of memory");
        exit(EXIT_TROUBLE);
    }
    grown[list->n++] = item;
    list->items = grown;
}
