/* fuzz_markdown.c - fuzz target: the Markdown front end. The input is a
 * Markdown file; its prose is extracted (cl_doc_set_format) and split into
 * sentences, by prose rules and then one per line, with the standard cue
 * lexicon, and every sentence is checked, positions included, against
 * what claimlint.h promises (fuzz/common.c). */
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
    fuzz_text_input(data, size, "fuzz.md", CL_INPUT_MARKDOWN);
    return 0;
}
