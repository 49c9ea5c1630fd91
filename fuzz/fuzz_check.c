/* fuzz_check.c - fuzz target: the whole check on a (rules, text) pair,
 * through every output format and the explainer.
 *
 * The input is a rule file, a NUL byte and a text: "RULES\0TEXT". Without
 * a NUL, or when the rules do not compile, the text is checked against the
 * shipped example claims (rules/examples/), so that mutations of either
 * half still reach the matcher. A first byte of the text below 0x08 is a
 * selector and is dropped: its bits 0-1 pick the input format (1 Markdown,
 * 2 HTML, else plain text) and bit 2 splits by lines instead of by prose
 * rules. Each occurrence is checked against what claimlint.h promises
 * (fuzz/common.c) and fed to one emitter of each format, all writing to
 * /dev/null. */
#include <string.h>

#include "fuzz.h"

#define MAX_EMITTERS 32

struct run {
    cl_emitter *emitters[MAX_EMITTERS];
    size_t nemitters;
    size_t noccurrences;
    int unstated_seen; /* unstated claims come last */
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_example_rules();
    fuzz_devnull();
    return 0;
}

static void on_occurrence(const cl_doc *doc, const cl_occurrence *o, void *userdata)
{
    struct run *r = userdata;
    size_t i;

    fuzz_check_occurrence(doc, o);
    if (o->sentence)
        fuzz_check_sentence(doc, o->sentence);
    FUZZ_ASSERT(!r->unstated_seen || !o->sentence);
    if (!o->sentence)
        r->unstated_seen = 1;
    r->noccurrences++;
    for (i = 0; i < r->nemitters; i++)
        FUZZ_ASSERT(cl_emitter_occurrence(r->emitters[i], doc, o) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    const uint8_t *text = data;
    size_t text_len = size, i;
    cl_rules *own = NULL;
    const cl_rules *rules;
    cl_input_format format = CL_INPUT_TEXT;
    cl_split_mode mode = CL_SPLIT_AUTO;
    cl_check_cb cb = {0};
    struct run r;
    cl_doc *doc = NULL;
    const char *name, *desc;
    int rc;

    if (nul) {
        fuzz_load_rules(&own, fuzz_write_rules(data, (size_t)(nul - data)));
        text = nul + 1;
        text_len = size - (size_t)(nul - data) - 1;
    }
    rules = own ? own : fuzz_example_rules();
    if (text_len && text[0] < 0x08) {
        format = (text[0] & 3) == 1 ? CL_INPUT_MARKDOWN
                 : (text[0] & 3) == 2 ? CL_INPUT_HTML
                                      : CL_INPUT_TEXT;
        mode = text[0] & 4 ? CL_SPLIT_LINES : CL_SPLIT_AUTO;
        text++;
        text_len--;
    }
    if (cl_doc_new(&doc, format == CL_INPUT_MARKDOWN ? "fuzz.md"
                         : format == CL_INPUT_HTML   ? "fuzz.html"
                                                     : "fuzz.txt",
                   (const char *)text, text_len) < 0 ||
        cl_doc_set_format(doc, format) < 0)
        goto cleanup;

    memset(&r, 0, sizeof r);
    for (i = 0; r.nemitters < MAX_EMITTERS && cl_emitter_format(i, &name, &desc); i++) {
        unsigned flags = strcmp(name, "text") == 0 ? CL_WRITE_COLOR : 0;
        FUZZ_ASSERT(cl_emitter_new(&r.emitters[r.nemitters], name, fuzz_devnull(), flags, rules) ==
                    0);
        r.nemitters++;
    }
    fuzz_doc_begin(doc);
    cb.occurrence = on_occurrence;
    cb.diag = fuzz_diag_ignore;
    cb.userdata = &r;
    rc = cl_check(doc, rules, mode, &cb);
    if (rc == 0)
        FUZZ_ASSERT(r.noccurrences >= cl_rules_claim_count(rules));
    for (i = 0; i < r.nemitters; i++) {
        if (rc == 0) {
            FUZZ_ASSERT(cl_emitter_end_file(r.emitters[i], doc) == 0);
            FUZZ_ASSERT(cl_emitter_finish(r.emitters[i]) == 0);
        }
        cl_emitter_free(r.emitters[i]);
    }
    if (rc == 0)
        FUZZ_ASSERT(cl_explain_doc(fuzz_devnull(), doc, rules, mode) == 0);
cleanup:
    cl_doc_free(doc);
    cl_rules_free(own);
    return 0;
}
