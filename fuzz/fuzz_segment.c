/* fuzz_segment.c - fuzz target: the segmenter, tokenizer, stemmer and cue
 * finder on plain text. The input is a text file; it is split into
 * sentences by prose rules and then one per line, with the standard cue
 * lexicon, and every sentence is checked against what claimlint.h
 * promises (fuzz/common.c). */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_standard_rules();
    fuzz_devnull();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cl_rules *rules = fuzz_standard_rules();
    cl_doc *doc;

    /* invalid UTF-8, NUL bytes, UTF-16: refused, with an error */
    if (cl_doc_new(&doc, "fuzz.txt", (const char *)data, size) < 0) {
        FUZZ_ASSERT(doc == NULL && cl_error_last() != NULL);
        return 0;
    }
    if (cl_doc_set_format(doc, CL_INPUT_TEXT) == 0) {
        fuzz_walk_doc(doc, rules, CL_SPLIT_AUTO, CL_ANALYZE_CUES | CL_ANALYZE_STEMS);
        fuzz_walk_doc(doc, rules, CL_SPLIT_LINES, CL_ANALYZE_CUES);
    }
    cl_doc_free(doc);
    return 0;
}
