/* config.c - .claimlint.xml: the project configuration found by walking up
 * from each input file's directory (rule files, severity overrides, files
 * to ignore, the default --fail-on), validated by rules/config.rng.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "internal.h"

#define CONFIG_NAME ".claimlint.xml"
#define CONFIG_NS "urn:claimlint:config:1"

struct override {
    const char *claim, *ruleset; /* one of them, or neither for a compare code */
    int code;                    /* a cl_cmp_code for compare, -1 otherwise */
    int status;                  /* -1: every status */
    cl_level level;
    unsigned line;
};

struct cl_config {
    char *path, *dir;
    cl_arena *arena;
    const char **rules;
    size_t nrules;
    const char **ignores;
    size_t nignores;
    struct override *overrides;
    size_t noverrides;
    int fail_on;
    cl_diag_fn diag;
    void *ud;
    int errors;
    int nomem;
};

static void report(cl_config *c, cl_severity sev, unsigned line, const char *fmt, ...)
    CL_PRINTF(4, 5);

static void report(cl_config *c, cl_severity sev, unsigned line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    cl_diag d;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == CL_SEV_ERROR) {
        c->errors++;
        cl_error_set(CL_ESCHEMA, c->path, line, 0, "%s", msg);
    }
    if (c->diag) {
        d.code = CL_ESCHEMA;
        d.severity = sev;
        d.file = c->path;
        d.line = line;
        d.column = 0;
        d.message = msg;
        c->diag(&d, c->ud);
    }
}

/* Where the XML reader's problems go. Out of memory is not the file's
 * fault: it is left to the caller's error, not counted against the file. */
static void xml_report(void *ud, int code, const char *file, unsigned line, unsigned column,
                       const char *msg)
{
    cl_config *c = ud;

    (void)file;
    (void)column;
    if (code == CL_ENOMEM)
        c->nomem = 1;
    else
        report(c, CL_SEV_ERROR, line, "%s", msg);
}

int cl_config_find(char **out, const char *dir)
{
    char path[PATH_MAX + sizeof CONFIG_NAME + 1], cur[PATH_MAX], rel[PATH_MAX];
    char *slash;
    size_t up = 0, k, len;

    *out = NULL;
    if (!dir || !*dir)
        dir = ".";
    if (!realpath(dir, cur))
        return cl_error_set(CL_EIO, dir, 0, 0, "cannot resolve directory: %s", strerror(errno));
    for (;; up++) {
        snprintf(path, sizeof path, "%s/%s", strcmp(cur, "/") == 0 ? "" : cur, CONFIG_NAME);
        if (access(path, F_OK) == 0)
            break;
        if (strcmp(cur, "/") == 0)
            return 0;
        slash = strrchr(cur, '/');
        if (slash == cur)
            cur[1] = '\0';
        else
            *slash = '\0';
    }
    /* name it as the user would: relative to DIR when DIR was relative */
    if (dir[0] != '/') {
        len = (size_t)snprintf(rel, sizeof rel, "%s/", dir);
        for (k = 0; k < up && len + 4 < sizeof rel; k++)
            len += (size_t)snprintf(rel + len, sizeof rel - len, "../");
        snprintf(rel + len, sizeof rel - len, "%s", CONFIG_NAME);
        cl_path_tidy(rel);
        if (strncmp(rel, "./", 2) == 0 && rel[2])
            memmove(rel, rel + 2, strlen(rel + 2) + 1);
        if (access(rel, F_OK) == 0)
            snprintf(path, sizeof path, "%s", rel);
    }
    if (!(*out = cl_strndup(path, strlen(path))))
        return cl_nomem(NULL);
    return 0;
}

/* A path relative to the configuration's directory, in the arena. */
static const char *resolve(cl_config *c, const char *href)
{
    size_t len;
    char *p;

    if (href[0] == '/')
        return cl_arena_strndup(c->arena, href, strlen(href));
    len = strlen(c->dir) + strlen(href) + 2;
    if (!(p = cl_arena_alloc(c->arena, len)))
        return NULL;
    snprintf(p, len, "%s/%s", c->dir, href);
    cl_path_tidy(p);
    return p;
}

static int push_str(cl_config *c, const char ***v, size_t *n, const char *s)
{
    const char **grown;

    if (!s || !(grown = realloc(*v, (*n + 1) * sizeof **v)))
        return cl_nomem(c->path);
    *v = grown;
    (*v)[(*n)++] = s;
    return 0;
}

/* The attribute NAME of N, or NULL when it has none; one that could not be
 * read for want of memory makes the load fail. */
static char *prop(cl_config *c, xmlNodePtr n, const char *name)
{
    char *v;

    if (cl_xml_prop(c->arena, n, name, &v) < 0)
        c->nomem = 1;
    return v;
}

static int walk(cl_config *c, xmlNodePtr root)
{
    static const char *const statuses[] = {"stated", "attributed", "hedged", "negated",
                                                 "unstated"};
    xmlNodePtr n;
    int k;

    for (n = root->children; n; n = n->next) {
        const char *name = (const char *)n->name;
        unsigned line = (unsigned)xmlGetLineNo(n);
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(name, "rules") == 0) {
            char *href = prop(c, n, "href");
            if (!href || push_str(c, &c->rules, &c->nrules, resolve(c, href)) < 0)
                return cl_nomem(NULL);
        } else if (strcmp(name, "ignore") == 0) {
            char *glob = cl_xml_text(c->arena, n);
            if (!glob || push_str(c, &c->ignores, &c->nignores, glob) < 0)
                return cl_nomem(NULL);
        } else if (strcmp(name, "fail-on") == 0) {
            char *v = cl_xml_text(c->arena, n);
            c->fail_on = v && strcmp(v, "never") == 0 ? CL_LEVEL_ERROR + 1 : cl_level_parse(v);
        } else if (strcmp(name, "severity") == 0) {
            struct override *o, *grown;
            char *status = prop(c, n, "status");
            grown = realloc(c->overrides, (c->noverrides + 1) * sizeof *grown);
            if (!grown)
                return cl_nomem(c->path);
            c->overrides = grown;
            o = &c->overrides[c->noverrides++];
            o->claim = prop(c, n, "claim");
            o->ruleset = prop(c, n, "ruleset");
            {
                char *code = prop(c, n, "compare");
                o->code = code ? cl_cmp_code_parse(code) : -1;
            }
            o->status = -1;
            for (k = 0; status && k <= CL_STATUS_UNSTATED; k++)
                if (strcmp(status, statuses[k]) == 0)
                    o->status = k;
            o->level = (cl_level)cl_level_parse(prop(c, n, "level"));
            o->line = line;
        }
    }
    return 0;
}

/* Say that loading PATH ran out of memory, to FN and as the last error. */
static int nomem(const char *path, cl_diag_fn fn, void *ud)
{
    cl_diag d;

    if (fn) {
        d.code = CL_ENOMEM;
        d.severity = CL_SEV_ERROR;
        d.file = path;
        d.line = d.column = 0;
        d.message = "out of memory";
        fn(&d, ud);
    }
    return cl_nomem(path);
}

int cl_config_load(cl_config **out, const char *path, cl_diag_fn fn, void *ud)
{
    cl_config *c = calloc(1, sizeof *c);
    void *schema = NULL;
    cl_xml x;
    char *slash;
    int rc;

    *out = NULL;
    if (!c || !(c->arena = cl_arena_new()) || !(c->path = cl_strndup(path, strlen(path))) ||
        !(c->dir = cl_strndup(path, strlen(path)))) {
        cl_config_free(c);
        return nomem(path, fn, ud);
    }
    slash = strrchr(c->dir, '/');
    if (slash)
        *(slash == c->dir ? slash + 1 : slash) = '\0';
    else
        strcpy(c->dir, ".");
    c->fail_on = -1;
    c->diag = fn;
    c->ud = ud;
    cl_xml_init(&x, c->path, xml_report, c);
    rc = cl_xml_schema(&schema, "config.rng", &x);
    x.file = c->path;
    if (rc == 0)
        rc = cl_xml_read(&x, path, "a DOCTYPE is not allowed in a configuration file");
    if (rc == 0 && (rc = cl_xml_validate(&x, schema, 0)) == CL_ESCHEMA && !c->errors)
        report(c, CL_SEV_ERROR, 0, "does not follow the configuration schema");
    if (rc == 0) {
        rc = walk(c, cl_xml_root(&x));
        if (x.nomem)
            rc = CL_ENOMEM; /* an attribute lost, not missing */
    }
    cl_xml_done(&x);
    cl_xml_schema_free(schema);
    if (rc == CL_ENOMEM || c->nomem)
        rc = nomem(path, fn, ud);
    if (rc < 0) {
        cl_config_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void cl_config_free(cl_config *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->dir);
    free(c->rules);
    free(c->ignores);
    free(c->overrides);
    cl_arena_free(c->arena);
    free(c);
}

const char *cl_config_path(const cl_config *c)
{
    return c->path;
}

size_t cl_config_rules_count(const cl_config *c)
{
    return c->nrules;
}

const char *cl_config_rules(const cl_config *c, size_t i)
{
    return i < c->nrules ? c->rules[i] : NULL;
}

int cl_config_fail_on(const cl_config *c)
{
    return c->fail_on;
}

/* Whether GLOB matches REL, a path relative to the configuration's
 * directory: fnmatch with '/' matched only by '/', a glob without '/'
 * also matching the file name alone, and DIR followed by slash-star-star
 * everything below DIR. */
static int glob_matches(const char *glob, const char *rel)
{
    size_t gl = strlen(glob);
    const char *base = strrchr(rel, '/');

    if (gl >= 3 && strcmp(glob + gl - 3, "/**") == 0)
        return strncmp(rel, glob, gl - 2) == 0 ||
               (strncmp(rel, glob, gl - 3) == 0 && rel[gl - 3] == '\0');
    if (fnmatch(glob, rel, FNM_PATHNAME | FNM_PERIOD) == 0)
        return 1;
    return !strchr(glob, '/') && fnmatch(glob, base ? base + 1 : rel, FNM_PERIOD) == 0;
}

const char *cl_config_ignored(const cl_config *c, const char *path)
{
    char real[PATH_MAX], dir[PATH_MAX];
    size_t i, dl;
    const char *rel;

    if (!c->nignores || !realpath(path, real) || !realpath(c->dir, dir))
        return NULL;
    dl = strlen(dir);
    if (strncmp(real, dir, dl) != 0 || (real[dl] != '/' && dl > 1))
        return NULL;
    rel = real + dl + (dl > 1 ? 1 : 0);
    for (i = 0; i < c->nignores; i++)
        if (glob_matches(c->ignores[i], rel))
            return c->ignores[i];
    return NULL;
}

int cl_config_compare_level(const cl_config *c, cl_cmp_code code)
{
    size_t i;
    int level = -1;

    for (i = 0; i < c->noverrides; i++)
        if (!c->overrides[i].claim && !c->overrides[i].ruleset &&
            c->overrides[i].code == (int)code)
            level = (int)c->overrides[i].level; /* the last one wins */
    return level;
}

int cl_config_apply(cl_config *c, cl_rules *rules)
{
    size_t i, k, n = cl_rules_claim_count(rules);
    int pass, s;

    /* rule sets first, then single claims, so that a claim wins */
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < c->noverrides; i++) {
            const struct override *o = &c->overrides[i];
            int found = 0;
            if ((pass == 0) != (o->ruleset != NULL) || (!o->ruleset && !o->claim))
                continue;
            for (k = 0; k < n; k++) {
                cl_claim *cl = (cl_claim *)&cl_rules_claim_impl(rules, k)->pub;
                if (o->ruleset ? strcmp(cl->ruleset, o->ruleset) != 0
                               : strcmp(cl->id, o->claim) != 0 && strcmp(cl->local_id, o->claim) != 0)
                    continue;
                found = 1;
                for (s = 0; s <= CL_STATUS_UNSTATED; s++)
                    if (o->status < 0 || o->status == s)
                        cl->levels[s] = o->level;
            }
            if (!found)
                report(c, CL_SEV_WARNING, o->line, "no %s '%s' in the rules",
                       o->ruleset ? "rule set" : "claim", o->ruleset ? o->ruleset : o->claim);
        }
    return 0;
}
