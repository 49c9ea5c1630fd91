/* fuzz_rules.c - fuzz target: the rule loader. The input is a rule file:
 * it is written to a private directory (the loader reads files only) and
 * loaded and compiled; when it compiles, its cues and claims are checked
 * and its <example>s run. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    fuzz_devnull();
    return 0;
}

static void on_example(const cl_claim *claim, const cl_example *ex, cl_status got,
                       const cl_cue *cue, const char *matched, void *userdata)
{
    (void)userdata;
    FUZZ_ASSERT(claim != NULL && ex != NULL && ex->text != NULL);
    FUZZ_ASSERT((unsigned)got <= CL_STATUS_NONE);
    FUZZ_ASSERT(!cue || cue->def != NULL);
    FUZZ_ASSERT((got == CL_STATUS_NONE) == (matched == NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_rules(data, size);
    cl_rules *rules;

    if (fuzz_load_rules(&rules, path) < 0)
        return 0;
    fuzz_check_rules(rules);
    FUZZ_ASSERT(cl_rules_test(rules, on_example, NULL) >= 0);
    cl_rules_free(rules);
    return 0;
}
