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
    fuzz_text_input(data, size, "fuzz.txt", CL_INPUT_TEXT);
    return 0;
}
