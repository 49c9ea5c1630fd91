/* fuzz_compare.c - fuzz target: compare, the source index and the aligner,
 * through every output format.
 *
 * The input is a source, a NUL byte and a draft: "SOURCE\0DRAFT" (without
 * a NUL, the input is both, so mutations reach the alignment of a text
 * with itself). A first byte of the draft below 0x02 is a selector and is
 * dropped: 1 splits both by lines. Checks what claimlint.h promises of a
 * result: aligned indices in range and best first without repeats,
 * support within [0, 1], findings in draft order with their words inside
 * their sentences and their source a real sentence (or none for
 * unsupported), severities from the table given. */
#include <string.h>

#include "fuzz.h"

static const char *const formats[] = {"text", "gnu",     "json",    "jsonl",
                                      "sarif", "junit", "rdjsonl", "html"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_standard_rules();
    fuzz_devnull();
    return 0;
}

static void check_result(const cl_cmp_result *r, const cl_level *levels)
{
    size_t i, k, prev = 0;

    for (i = 0; i < r->ndraft; i++) {
        const cl_cmp_sentence *d = &r->draft[i];
        FUZZ_ASSERT(d->naligned <= 3);
        FUZZ_ASSERT(d->support >= 0 && d->support <= 1);
        for (k = 0; k < d->naligned; k++) {
            size_t j;
            FUZZ_ASSERT(d->aligned[k] < r->nsource);
            for (j = 0; j < k; j++)
                FUZZ_ASSERT(d->aligned[j] != d->aligned[k]);
        }
        FUZZ_ASSERT(d->cue_start <= d->cue_end && d->cue_end <= d->nchars);
    }
    for (i = 0; i < r->nfindings; i++) {
        const cl_cmp_finding *f = &r->findings[i];
        FUZZ_ASSERT((unsigned)f->code < CL_CMP_NCODES);
        FUZZ_ASSERT(f->level == levels[f->code] && f->level > CL_LEVEL_OK);
        FUZZ_ASSERT(f->draft < r->ndraft && f->draft >= prev);
        prev = f->draft;
        FUZZ_ASSERT(f->start < f->end && f->end <= r->draft[f->draft].nchars);
        FUZZ_ASSERT(f->line >= r->draft[f->draft].line && f->line <= f->end_line);
        FUZZ_ASSERT(f->message && *f->message && f->draft_words && f->source_words);
        if (f->source == (size_t)-1) {
            FUZZ_ASSERT(f->code == CL_CMP_UNSUPPORTED);
        } else {
            FUZZ_ASSERT(f->source < r->nsource);
            FUZZ_ASSERT(f->src_start <= f->src_end &&
                        f->src_end <= r->source[f->source].nchars);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    const uint8_t *draft = nul ? nul + 1 : data;
    size_t slen = nul ? (size_t)(nul - data) : size, dlen = nul ? size - slen - 1 : size, i;
    cl_split_mode mode = CL_SPLIT_AUTO;
    cl_level levels[CL_CMP_NCODES];
    cl_doc *sd = NULL, *dd = NULL;
    cl_cmp_source *src = NULL;
    cl_cmp_result *res = NULL;

    if (nul && dlen > 0 && draft[0] < 0x02) {
        mode = draft[0] ? CL_SPLIT_LINES : CL_SPLIT_AUTO;
        draft++;
        dlen--;
    }
    for (i = 0; i < CL_CMP_NCODES; i++)
        levels[i] = (cl_level)((i + size) % 4); /* some codes off, the others at every level */
    if (cl_doc_new(&sd, "source", (const char *)data, slen) < 0 ||
        cl_doc_new(&dd, "draft", (const char *)draft, dlen) < 0)
        goto out;
    if (cl_cmp_source_new(&src, sd, fuzz_standard_rules(), mode) < 0)
        goto out; /* invalid UTF-8, NUL: an error, not a crash */
    if (cl_compare(&res, src, dd, mode, levels) < 0)
        goto out;
    check_result(res, levels);
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        cl_cmp_emitter *e;
        FUZZ_ASSERT(cl_cmp_emitter_new(&e, formats[i], fuzz_devnull(), 0) == 0);
        FUZZ_ASSERT(cl_cmp_emitter_result(e, res) == 0);
        FUZZ_ASSERT(cl_cmp_emitter_finish(e) == 0);
        cl_cmp_emitter_free(e);
    }
out:
    cl_cmp_result_free(res);
    cl_cmp_source_free(src);
    cl_doc_free(dd);
    cl_doc_free(sd);
    return 0;
}
