/* fuzz.h - what the libFuzzer targets of fuzz/ share (fuzz/common.c): the
 * entry points, set-up of the data directory, a private directory for rule
 * files, and checks of the invariants claimlint.h promises.
 *
 * Each target is one fuzz_<name>.c defining LLVMFuzzerInitialize and
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer (fuzz/run) or
 * with fuzz/replay.c, which runs the checked-in inputs in `make check`.
 */
#ifndef CL_FUZZ_H
#define CL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "claimlint.h"

/* The data directory used when CLAIMLINT_DATADIR is unset: the source
 * tree's rules/ (both builds define it). */
#ifndef CL_SRCRULESDIR
#error "CL_SRCRULESDIR must name the source tree's rules directory"
#endif

/* libFuzzer's interface (also called by fuzz/replay.c). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: print it and abort, which libFuzzer and the replay
 * driver both report as a crash. */
#define FUZZ_ASSERT(cond)                                                                     \
    do {                                                                                      \
        if (!(cond))                                                                          \
            fuzz_fail(__FILE__, __LINE__, #cond);                                             \
    } while (0)
void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/* Once per process: point CLAIMLINT_DATADIR at CL_SRCRULESDIR when unset. */
void fuzz_setup(void);

/* /dev/null opened for writing, once; the emitters and writers write there. */
FILE *fuzz_devnull(void);

/* A diagnostic callback that drops everything (but reads the strings, so
 * a dangling one shows under ASan); FUZZ_VERBOSE=1 prints them instead, to
 * see why a corpus input does not load. */
void fuzz_diag_ignore(const cl_diag *d, void *userdata);

/* The standard rules (no file: the shipped cue lexicon), compiled on the
 * first call and kept for the life of the process. Aborts when they do not
 * compile: then the set-up, not the input, is wrong. */
const cl_rules *fuzz_standard_rules(void);

/* The shipped example claims (rules/examples/), compiled once. */
const cl_rules *fuzz_example_rules(void);

/* Write the SIZE bytes at DATA as "rules.xml" in this process's private
 * directory (made on the first call under $TMPDIR or /tmp, removed at
 * exit) and return its path (static storage). The directory also holds
 * "mini-cues.xml", a small cue lexicon (fixtures/rules/good/mini-cues.xml),
 * so inputs can exercise relative <include>s; includes outside it are
 * refused by the loader except shipped files (claimlint:NAME). */
const char *fuzz_write_rules(const uint8_t *data, size_t size);

/* Load and compile the rule file at PATH into *OUT (NULL when it does not
 * compile; errors go nowhere). Returns 0 or the failing call's code. */
int fuzz_load_rules(cl_rules **out, const char *path);

/* Check what claimlint.h promises about a compiled rule set: every cue and
 * claim reachable and complete. */
void fuzz_check_rules(const cl_rules *rules);

/* Start checking the positions of DOC: call before the first
 * fuzz_check_sentence or fuzz_check_occurrence of each document (a new
 * document may have the old one's address and length). */
void fuzz_doc_begin(const cl_doc *doc);

/* Check sentence S of DOC (the one cl_doc_next just gave): offsets, lines
 * and columns in range, tokens in order inside the text, cues and scopes
 * inside the tokens. Also writes it in both formats. */
void fuzz_check_sentence(const cl_doc *doc, const cl_sentence *s);

/* Analyze DOC with RULES in MODE and FLAGS and check every sentence;
 * returns the number of sentences, or < 0 when analysis failed. */
long fuzz_walk_doc(cl_doc *doc, const cl_rules *rules, cl_split_mode mode, unsigned flags);

/* The body of the text targets: DATA as a document named NAME in FORMAT
 * (refused input must come with an error), walked by prose rules and then
 * one sentence per line with the standard lexicon. */
void fuzz_text_input(const uint8_t *data, size_t size, const char *name, cl_input_format format);

/* Check an occurrence reported by cl_check for DOC. */
void fuzz_check_occurrence(const cl_doc *doc, const cl_occurrence *o);

#endif
