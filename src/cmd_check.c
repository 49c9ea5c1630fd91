/* cmd_check.c - `claimlint [check]` and `claimlint report`: check files
 * against the claims of rule files and write findings (check) or the
 * per-claim table (report) in the chosen format. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_jobs.h"

/* The options of check and report (report takes the same, and rejects
 * --fail-on and --color). */
struct check_opts {
    struct cli_list rules; /* -r */
    const char *format;
    int fail_on;           /* -1: the configuration's, else error */
    cl_split_mode mode;
    int color;             /* -1: auto */
    const char *config_path; /* --config */
    int no_config;
    int quiet;
    int nthreads;
    const char *files_from;
    struct cli_input input;
};

/* The rule sets of a run: the -r files alone, or with those of a
 * configuration (one set per configuration file met). */
struct ruleset_entry {
    char *config_path;  /* NULL: no configuration */
    cl_config *config;
    cl_rules *rules;    /* NULL when loading failed */
};

struct run {
    cl_emitter *emitter;
    int failed;         /* an emitter write failed */
    size_t counts[4];   /* this document's live findings by level */
    const struct check_opts *opts;
    struct ruleset_entry **sets; /* each allocated alone: jobs keep pointers */
    size_t nsets;
    /* the configuration found for the last directory looked in: the files
     * of a directory come together, and the search up the tree is a
     * realpath and a stat a level */
    char *last_dir, *last_cfg;
    /* the output shows only what a linter reports: claims left unstated at
     * level ok need not reach it (the per-claim report and the HTML page
     * list every claim) */
    int skip_ok_unstated;
};

static void on_occurrence(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct run *r = ud;

    if (!o->suppressed && (unsigned)o->level < 4)
        r->counts[o->level]++;
    if (cl_emitter_occurrence(r->emitter, doc, o) < 0)
        r->failed = 1;
}

static void usage(const struct cli_cmd *cmd)
{
    int report = cmd == &cli_cmd_report;

    if (report)
        printf("usage: claimlint report [-r RULES]... [-f text|json] FILE|DIR...|-\n"
               "For each FILE, every claim of the rules with its verdict, its status in the\n"
               "file (stated, attributed, hedged, negated or unstated), the severity and\n"
               "where, then the evidence: each sentence that makes a claim and the cues\n"
               "that decided.\n");
    else
        printf("usage: claimlint [check] [-r RULES]... [-f FORMAT] [--fail-on LEVEL] FILE|DIR...|-\n"
               "Report the sentences of each FILE that make a declared claim in a way the\n"
               "evidence does not allow (\"-\" reads standard input).\n");
    printf("  -r, --rules=R      rule file or directory of rule files (repeatable; added to\n"
           "                     those of the .claimlint.xml configuration)\n");
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
    printf("      --config=FILE  use this configuration instead of the .claimlint.xml\n"
           "                     found by walking up from each file's directory\n"
           "      --no-config    use no configuration file\n");
    printf(CLI_INPUT_HELP);
    printf("  -j, --jobs=N       check N files at a time (default: the number of cores);\n"
           "                     the output is the same as with -j 1\n"
           "      --files-from=F read the paths to check from F, one per line (- : stdin)\n"
           "  -q, --quiet        no progress, notes or summary line\n"
           "      --split=MODE   auto (default) or lines: every line is one sentence\n"
           "  -h, --help         show this help\n");
    if (report)
        printf("Exit status: 0 the report was written, 2 errors.\n");
    else
        printf("Exit status: 0 no findings at the --fail-on level, 1 findings, 2 errors.\n");
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

static void config_diag(const cl_diag *d, void *ud)
{
    (void)ud;
    cli_print_diag(d);
}

/* The rules (and configuration) for the input PATH, loading and caching
 * them the first time; NULL after printing why there are none. */
static struct ruleset_entry *rules_for(struct run *r, const char *path)
{
    char *cfg = NULL, *dir, *slash;
    struct ruleset_entry *e, **grown;
    char **paths;
    size_t i;
    int n, k;

    if (r->opts->config_path)
        cfg = cli_strdup(r->opts->config_path);
    else if (!r->opts->no_config) {
        dir = cli_strdup(strcmp(path, "-") == 0 ? "." : path);
        slash = strrchr(dir, '/');
        if (slash)
            *(slash == dir ? slash + 1 : slash) = '\0';
        else
            strcpy(dir, ".");
        if (r->last_dir && strcmp(dir, r->last_dir) == 0) {
            cfg = r->last_cfg ? cli_strdup(r->last_cfg) : NULL;
            free(dir);
        } else if (cl_config_find(&cfg, dir) < 0) {
            cli_print_last_error(path, CL_EIO);
            free(dir);
        } else {
            free(r->last_dir);
            free(r->last_cfg);
            r->last_dir = dir;
            r->last_cfg = cfg ? cli_strdup(cfg) : NULL;
        }
    }
    for (i = 0; i < r->nsets; i++)
        if ((!cfg && !r->sets[i]->config_path) ||
            (cfg && r->sets[i]->config_path && strcmp(cfg, r->sets[i]->config_path) == 0)) {
            free(cfg);
            return r->sets[i]->rules ? r->sets[i] : NULL;
        }
    grown = realloc(r->sets, (r->nsets + 1) * sizeof *grown);
    e = calloc(1, sizeof *e);
    if (!grown || !e) {
        cli_error("out of memory");
        exit(EXIT_TROUBLE);
    }
    r->sets = grown;
    r->sets[r->nsets++] = e;
    e->config_path = cfg;
    if (cfg && cl_config_load(&e->config, cfg, config_diag, NULL) < 0)
        return NULL;
    n = r->opts->rules.n + (e->config ? (int)cl_config_rules_count(e->config) : 0);
    if (n == 0) {
        cli_error("%s: no rule files (give -r RULES, or <rules> in a .claimlint.xml)", path);
        return NULL;
    }
    paths = calloc((size_t)n, sizeof *paths);
    if (!paths) {
        cli_error("out of memory");
        exit(EXIT_TROUBLE);
    }
    for (k = 0; k < r->opts->rules.n; k++)
        paths[k] = r->opts->rules.items[k];
    for (k = r->opts->rules.n; k < n; k++)
        paths[k] = (char *)cl_config_rules(e->config, (size_t)(k - r->opts->rules.n));
    e->rules = cli_load_rules(paths, n);
    free(paths);
    if (e->rules && e->config)
        cl_config_apply(e->config, e->rules);
    return e->rules ? e : NULL;
}

static void free_sets(struct run *r)
{
    size_t i;

    free(r->last_dir);
    free(r->last_cfg);
    r->last_dir = r->last_cfg = NULL;
    for (i = 0; i < r->nsets; i++) {
        free(r->sets[i]->config_path);
        cl_config_free(r->sets[i]->config);
        cl_rules_free(r->sets[i]->rules);
        free(r->sets[i]);
    }
    free(r->sets);
}

/* What the workers and the writer share. */
struct check_ctx {
    struct run *r;
    const struct cli_input *input;
    cl_split_mode mode;
    int cli_fail_on, report, progress;
    int direct; /* one thread: findings go straight to the emitter */
    int skip_ok_unstated;
    size_t total;
    int status;
};

static void print_diag(const cl_diag *d, void *ud)
{
    (void)ud;
    cli_print_diag(d);
}

static void record_occurrence(const cl_doc *doc, const cl_occurrence *o, void *ud)
{
    struct cli_job *job = ud;

    (void)doc;
    if (cli_job_record(job, o) < 0)
        job->rc = CL_ENOMEM;
}

static void record_diag(const cl_diag *d, void *ud)
{
    cli_job_diag(ud, d);
}

/* In a worker: read and check one file, keeping what it finds. */
static void check_work(struct cli_job *job, void *ud, cl_workspace *ws)
{
    struct check_ctx *c = ud;
    struct ruleset_entry *set = job->set;
    cl_check_cb cb = {record_occurrence, record_diag, job, ws, c->skip_ok_unstated};
    const cl_diag *e;
    int rc;

    if (job->skip)
        return;
    if (c->direct) {
        /* one thread: stream each finding as it is found, so a file of any
         * size holds no findings in memory (its notes go out first) */
        if (job->err.len) {
            fwrite(job->err.data, 1, job->err.len, stderr);
            job->err.len = 0;
        }
        cb.occurrence = on_occurrence;
        cb.diag = print_diag;
        cb.userdata = c->r;
        memset(c->r->counts, 0, sizeof c->r->counts);
        cl_emitter_set_rules(c->r->emitter, set->rules);
    }
    rc = cli_read_doc(&job->doc, job->path, c->input);
    if (rc == 0)
        rc = cl_check(job->doc, set->rules, c->mode, &cb);
    if (rc < 0 && (e = cli_last_error()) != NULL)
        cli_job_diag(job, e);
    else if (rc < 0)
        cli_text_printf(&job->err, "%s: error: %s\n", job->path, cl_strerror(rc));
    if (rc < 0 || job->rc < 0)
        job->rc = rc < 0 ? rc : job->rc;
}

/* In the main thread, in input order: write what a file's worker found. */
static void check_write(struct cli_job *job, size_t index, void *ud)
{
    struct check_ctx *c = ud;
    struct run *r = c->r;
    struct ruleset_entry *set = job->set;
    size_t i;
    int fail_on, l, one = EXIT_OK;

    if (c->progress)
        fprintf(stderr, "\r\033[K%s: [%zu/%zu] %s", cli_progname, index + 1, c->total, job->path);
    if (job->err.len)
        fwrite(job->err.data, 1, job->err.len, stderr);
    if (job->skip) {
        one = job->skip < 0 ? EXIT_TROUBLE : EXIT_OK;
    } else if (job->rc < 0) {
        one = EXIT_TROUBLE;
    } else {
        if (!c->direct) {
            memset(r->counts, 0, sizeof r->counts);
            cl_emitter_set_rules(r->emitter, set->rules);
        }
        for (i = 0; i < job->nrecs; i++) {
            struct cli_rec *rec = &job->recs[i];
            /* the record array moved as it grew: point at its own copy */
            if (rec->occ.sentence)
                rec->occ.sentence = &rec->sent;
            on_occurrence(job->doc, &rec->occ, r);
        }
        if (cl_emitter_end_file(r->emitter, job->doc) < 0) {
            cli_print_last_error(cl_doc_name(job->doc), CL_EIO);
            one = EXIT_TROUBLE;
        } else if (!c->report) {
            /* --fail-on, else the configuration's <fail-on>, else error */
            fail_on = c->cli_fail_on >= 0 ? c->cli_fail_on
                      : set->config && cl_config_fail_on(set->config) >= 0
                          ? cl_config_fail_on(set->config)
                          : CL_LEVEL_ERROR;
            for (l = fail_on; l <= CL_LEVEL_ERROR; l++)
                if (l > CL_LEVEL_OK && r->counts[l])
                    one = EXIT_FINDINGS;
        }
    }
    if (one == EXIT_TROUBLE || (one == EXIT_FINDINGS && c->status == EXIT_OK))
        c->status = one;
}

/* Check every input with the run's -j threads; returns the run's status. */
static int check_all(struct run *r, struct cli_inputs *in, int report)
{
    const struct check_opts *o = r->opts;
    struct check_ctx c = {r, &o->input, o->mode, o->fail_on, report, 0, 0, 0, in->n, EXIT_OK};
    struct cli_job *jobs = calloc(in->n ? in->n : 1, sizeof *jobs);
    const char *glob;
    size_t i;

    if (!jobs) {
        cli_error("out of memory");
        return EXIT_TROUBLE;
    }
    /* rule sets and configurations are loaded here, in one thread */
    for (i = 0; i < in->n; i++) {
        struct ruleset_entry *set = rules_for(r, in->paths[i]);
        jobs[i].path = in->paths[i];
        jobs[i].set = set;
        if (!set) {
            jobs[i].skip = -1;
        } else if (set->config && strcmp(in->paths[i], "-") != 0 &&
                   (glob = cl_config_ignored(set->config, in->paths[i]))) {
            jobs[i].skip = 1;
            if (!o->quiet)
                cli_text_printf(&jobs[i].err,
                                "%s: note: not checked: matches <ignore>%s</ignore> of %s\n",
                                in->paths[i], glob, cl_config_path(set->config));
        }
    }
    c.progress = !o->quiet && in->n > 1 && isatty(STDERR_FILENO);
    c.direct = o->nthreads <= 1 || in->n <= 1;
    c.skip_ok_unstated = r->skip_ok_unstated;
    if (cli_jobs_run(jobs, in->n, o->nthreads, check_work, check_write, &c) < 0)
        c.status = EXIT_TROUBLE;
    if (c.progress)
        fputs("\r\033[K", stderr);
    free(jobs);
    return c.status;
}

static int parse_jobs(void *field, const char *arg)
{
    int *nthreads = field;
    char *end;

    *nthreads = (int)strtol(arg, &end, 10);
    if (*end || end == arg || *nthreads < 1 || *nthreads > 1024) {
        cli_error("-j takes a number of threads from 1 to 1024, not '%s'", arg);
        return -1;
    }
    return 0;
}

#define OPT(f) offsetof(struct check_opts, f)
static const struct cli_opt check_options[] = {
    {"rules", 'r', CLI_OPT_LIST, OPT(rules), 0, NULL},
    {"format", 'f', CLI_OPT_STRING, OPT(format), 0, NULL},
    {"fail-on", 0, CLI_OPT_PARSE, OPT(fail_on), 0, cli_parse_fail_on},
    {"split", 0, CLI_OPT_PARSE, OPT(mode), 0, cli_parse_split},
    {"color", 0, CLI_OPT_PARSE, OPT(color), 0, cli_parse_color},
    {"no-color", 0, CLI_OPT_SET, OPT(color), 0, NULL},
    {"config", 0, CLI_OPT_STRING, OPT(config_path), 0, NULL},
    {"no-config", 0, CLI_OPT_SET, OPT(no_config), 1, NULL},
    {"quiet", 'q', CLI_OPT_SET, OPT(quiet), 1, NULL},
    {"jobs", 'j', CLI_OPT_PARSE, OPT(nthreads), 0, parse_jobs},
    {"files-from", 0, CLI_OPT_STRING, OPT(files_from), 0, NULL},
    {"help", 'h', CLI_OPT_HELP, 0, 0, NULL},
    CLI_INPUT_OPTIONS(OPT(input)),
    CLI_OPTS_END};
#undef OPT

static int run(const struct cli_cmd *cmd, int argc, char **argv)
{
    int report = cmd == &cli_cmd_report;
    const char *emitter_name;
    int first, i, status = EXIT_OK;
    struct cli_inputs inputs = {NULL, 0, 0, 0};
    struct run r;
    struct check_opts o = {.format = "text", .fail_on = -1, .mode = CL_SPLIT_AUTO, .color = -1,
                           .nthreads = cli_cores(), .input = {-1, NULL}};

    memset(&r, 0, sizeof r);
    r.opts = &o;
    if ((first = cli_parse_options(cmd, argc, argv, &o)) == CLI_OPTS_HELP) {
        free(o.rules.items);
        return EXIT_OK;
    }
    if (first < 0)
        goto bad_usage;
    if (!(emitter_name = format_name(o.format, report))) {
        char names[256];
        list_check_formats(names, sizeof names);
        cli_error("unknown format '%s' for %s (%s)", o.format, cmd->name,
                  report ? "text, json" : names);
        goto bad_usage;
    }
    r.skip_ok_unstated = !report && strcmp(emitter_name, "html") != 0;
    if (report && (o.fail_on >= 0 || o.color >= 0)) {
        cli_error("report: --fail-on and --color are options of check");
        goto bad_usage;
    }
    if (o.config_path && o.no_config) {
        cli_error("%s: --config and --no-config exclude each other", cmd->name);
        goto bad_usage;
    }
    if (first >= argc && !o.files_from) {
        cli_error("%s: no input file (use - for standard input)", cmd->name);
        goto bad_usage;
    }
    if (o.color < 0)
        o.color = isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    inputs.quiet = o.quiet;
    for (i = first; i < argc; i++)
        if (cli_inputs_add(&inputs, argv[i]) < 0)
            status = EXIT_TROUBLE;
    if (o.files_from && cli_inputs_from(&inputs, o.files_from) < 0)
        status = EXIT_TROUBLE;
    if (cl_emitter_new(&r.emitter, emitter_name, stdout,
                       (o.color ? CL_WRITE_COLOR : 0) | (o.quiet ? CL_WRITE_QUIET : 0), NULL) < 0) {
        cli_print_last_error(NULL, CL_ENOMEM);
        cli_inputs_free(&inputs);
        free(o.rules.items);
        return EXIT_TROUBLE;
    }
    {
        int st = check_all(&r, &inputs, report);
        if (st == EXIT_TROUBLE || (st == EXIT_FINDINGS && status == EXIT_OK))
            status = st;
    }
    cli_inputs_free(&inputs);
    if (cl_emitter_finish(r.emitter) < 0 || r.failed) {
        const cl_diag *d = cl_error_last();
        cli_error(d && d->code == CL_ENOMEM ? "out of memory" : "error writing the output");
        status = EXIT_TROUBLE;
    }
    cl_emitter_free(r.emitter);
    free_sets(&r);
    free(o.rules.items);
    return status;
bad_usage:
    free(o.rules.items);
    cli_usage_hint(cmd->name);
    return EXIT_TROUBLE;
}

static int check_exec(int argc, char **argv)
{
    return run(&cli_cmd_check, argc, argv);
}

static int report_exec(int argc, char **argv)
{
    return run(&cli_cmd_report, argc, argv);
}

const struct cli_cmd cli_cmd_check = {
    "check", "report sentences that make claims the evidence does not allow (default)",
    check_options, usage, check_exec};

const struct cli_cmd cli_cmd_report = {"report", "per-claim status table with evidence",
                                       check_options, usage, report_exec};
