/* suppress.c - in-document control: comments that turn claims off and on.
 *
 *   <!-- claimlint-disable [ID...] [-- reason] -->
 *   <!-- claimlint-enable [ID...] -->
 *   <!-- claimlint-disable-next-line [ID...] [-- reason] -->
 *
 * The same comment form serves Markdown, HTML and plain text (where the
 * comment is taken out of the prose). IDs are full claim ids
 * ("ruleset.claim") or a claim's own id; none means every claim. A
 * disabled claim's findings are kept, marked suppressed with the reason,
 * so JSON output can show them; they do not count.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The first occurrence of the N bytes NEEDLE in [P, END), or NULL. */
static const char *find_bytes(const char *p, const char *end, const char *needle, size_t n)
{
    while ((size_t)(end - p) >= n) {
        const char *hit = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!hit)
            return NULL;
        if (memcmp(hit, needle, n) == 0)
            return hit;
        p = hit + 1;
    }
    return NULL;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Parse the comment body [P, END) after "<!--" into D. 1 when it is a
 * directive, 0 when not, < 0 out of memory. */
static int parse_one(cl_arena *a, const char *p, const char *end, cl_directive *d)
{
    static const struct {
        const char *word;
        cl_directive_kind kind;
    } kinds[] = {{"claimlint-disable-next-line", CL_DIRECTIVE_DISABLE_NEXT_LINE},
                 {"claimlint-disable", CL_DIRECTIVE_DISABLE},
                 {"claimlint-enable", CL_DIRECTIVE_ENABLE}};
    const char *ids_end, *q, *reason = NULL;
    size_t k, n, cap = 0;

    p = skip_blanks(p, end);
    for (k = 0; k < 3; k++) {
        size_t wl = strlen(kinds[k].word);
        if ((size_t)(end - p) >= wl && strncmp(p, kinds[k].word, wl) == 0 &&
            (p + wl == end || strchr(" \t\r\n", p[wl]) || strncmp(p + wl, "--", 2) == 0))
            break;
    }
    if (k == 3)
        return 0;
    d->kind = kinds[k].kind;
    p += strlen(kinds[k].word);
    /* the reason follows " -- " */
    for (q = p, ids_end = end; q + 1 < end; q++)
        if (q[0] == '-' && q[1] == '-' && (q == p || q[-1] == ' ' || q[-1] == '\t')) {
            ids_end = q;
            reason = skip_blanks(q + 2, end);
            break;
        }
    if (reason) {
        const char *r_end = end;
        while (r_end > reason && strchr(" \t\r\n", r_end[-1]))
            r_end--;
        if (!(d->reason = cl_arena_strndup(a, reason, (size_t)(r_end - reason))))
            return cl_nomem(NULL);
    }
    d->ids = NULL;
    d->nids = 0;
    for (q = skip_blanks(p, ids_end); q < ids_end; q = skip_blanks(q, ids_end)) {
        const char *w = q;
        while (q < ids_end && !strchr(" \t\r\n,", *q))
            q++;
        n = (size_t)(q - w);
        if (q < ids_end && *q == ',')
            q++;
        if (!n)
            continue;
        if (d->nids == cap) {
            const char **grown;
            cap = cap ? cap * 2 : 4;
            grown = cl_arena_alloc(a, cap * sizeof *grown);
            if (!grown)
                return cl_nomem(NULL);
            if (d->nids)
                memcpy(grown, d->ids, d->nids * sizeof *grown);
            d->ids = grown;
        }
        if (!(d->ids[d->nids++] = cl_arena_strndup(a, w, n)))
            return cl_nomem(NULL);
    }
    return 1;
}

int cl_directives_scan(cl_directives *out, const char *data, size_t len, size_t base)
{
    const char *p = data + base, *end = data + len, *open, *close;
    unsigned line = 1, col = 1;
    const char *counted = data + base;
    cl_directive d;
    int rc;

    memset(out, 0, sizeof *out);
    if (!(out->arena = cl_arena_new()))
        return cl_nomem(NULL);
    while ((open = find_bytes(p, end, "<!--", 4)) != NULL) {
        close = find_bytes(open + 4, end, "-->", 3);
        if (!close)
            break;
        memset(&d, 0, sizeof d);
        rc = parse_one(out->arena, open + 4, close, &d);
        if (rc < 0)
            return cl_nomem(NULL);
        if (rc > 0) {
            /* line and column of the comment, counted incrementally */
            for (; counted < open; counted++) {
                if (*counted == '\n' ||
                    (*counted == '\r' && (counted + 1 >= end || counted[1] != '\n'))) {
                    line++;
                    col = 1;
                } else if (*counted != '\r' && ((unsigned char)*counted & 0xC0) != 0x80) {
                    col++;
                }
            }
            d.line = line;
            d.column = col;
            d.start = (size_t)(open - data);
            d.end = (size_t)(close + 3 - data);
            CL_TRY(cl_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v, 8));
            out->v[out->n++] = d;
        }
        p = close + 3;
    }
    return 0;
}

void cl_directives_free(cl_directives *ds)
{
    free(ds->v);
    cl_arena_free(ds->arena);
    memset(ds, 0, sizeof *ds);
}

/* Whether directive D names claim C (no ids: every claim). */
static int names(const cl_directive *d, const cl_claim *c)
{
    size_t i;

    if (!d->nids)
        return 1;
    for (i = 0; i < d->nids; i++)
        if (strcmp(d->ids[i], c->id) == 0 || strcmp(d->ids[i], c->local_id) == 0)
            return 1;
    return 0;
}

const cl_directive *cl_directives_find(const cl_directives *ds, const cl_claim *c,
                                       unsigned line, size_t byte)
{
    const cl_directive *state = NULL;
    size_t i;

    for (i = 0; i < ds->n && ds->v[i].line <= line; i++) {
        const cl_directive *d = &ds->v[i];
        if (!names(d, c))
            continue;
        if (d->kind == CL_DIRECTIVE_DISABLE_NEXT_LINE) {
            if (d->line + 1 == line)
                return d;
        } else if (d->end <= byte) {
            /* disable and enable act from where the comment ends */
            state = d->kind == CL_DIRECTIVE_DISABLE ? d : NULL;
        }
    }
    return state;
}

const cl_directive *cl_directives_find_any(const cl_directives *ds, const cl_claim *c)
{
    size_t i;

    for (i = 0; i < ds->n; i++)
        if (ds->v[i].kind == CL_DIRECTIVE_DISABLE && names(&ds->v[i], c))
            return &ds->v[i];
    return NULL;
}
