/* cmp_emit.c - write the hand-built compare result of cmp_fixture.c in one
 * format, for tests/validate-compare.sh (schemas, the allocation-failure
 * sweep): cmp_emit FORMAT [N [color]] writes N drafts (default 1) to
 * standard output; exit status 2 and a message on standard error when the
 * emitter fails. */
#include <stdio.h>
#include <stdlib.h>

#include "cmp_fixture.h"

static int fail(cl_cmp_emitter *e)
{
    const cl_diag *d = cl_error_last();

    fprintf(stderr, "claimlint: %s\n", d ? d->message : "error");
    cl_cmp_emitter_free(e);
    return 2;
}

int main(int argc, char **argv)
{
    cl_cmp_emitter *e = NULL;
    int i, n = argc > 2 ? atoi(argv[2]) : 1;

    if (argc < 2) {
        fprintf(stderr, "usage: cmp_emit FORMAT [N [color]]\n");
        return 2;
    }
    if (cl_cmp_emitter_new(&e, argv[1], stdout, argc > 3 ? CL_WRITE_COLOR : 0) < 0)
        return fail(e);
    for (i = 0; i < n; i++)
        if (cl_cmp_emitter_result(e, cmp_fixture(i ? "draft 2.txt" : NULL)) < 0)
            return fail(e);
    if (cl_cmp_emitter_finish(e) < 0)
        return fail(e);
    cl_cmp_emitter_free(e);
    return 0;
}
