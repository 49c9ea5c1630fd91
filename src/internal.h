/* internal.h - declarations shared by the library's stages; not installed.
 *
 * Everything here is private to libclaimlint: the program and outside users
 * see only claimlint.h. Each stage has its own section, named for its file.
 */
#ifndef CL_INTERNAL_H
#define CL_INTERNAL_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "claimlint.h"

#if defined(__GNUC__)
#define CL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CL_PRINTF(f, a)
/* ---- tokenize.c ------------------------------------------------------- */

/* A growable token array, reused from sentence to sentence. */
typedef struct cl_tokvec {
    cl_token *v;
    size_t n, cap;
} cl_tokvec;

/* Split the LEN bytes of valid UTF-8 TEXT into tokens, appended to OUT after
 * clearing it. Folded forms are allocated in ARENA. Returns 0 or CL_ENOMEM.
 * Words keep inner apostrophes and hyphens; "n't" and the clitics 's 're
 * 've 'll 'd 'm are split off; "cannot" is "can" + "not"; dotted initialisms
 * (U.S.) are one token; URLs and e-mail addresses are one token each. */
int cl_tokenize(cl_arena *arena, const char *text, size_t len, cl_tokvec *out);

/* Free the array of V (not V itself). */
void cl_tokvec_free(cl_tokvec *v);

/* ---- stem.c ----------------------------------------------------------- */

typedef struct cl_stemmer cl_stemmer;

/* A Snowball English stemmer with a small cache; one per thread. */
int cl_stemmer_new(cl_stemmer **out);
void cl_stemmer_free(cl_stemmer *s);

/* Stem of the NUL-terminated folded word WORD, allocated in ARENA; NULL when
 * out of memory. Non-words (punctuation, numbers) stem to themselves. */
const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word);

/* ---- rules.c ---------------------------------------------------------- */

/* A compiled cue: its definition and the words of its phrase (folded forms,
 * or stems when the cue is inflected), owned by the rule set. */
typedef struct cl_cue_entry {
    cl_cue_def def;
    const char **words;
    uint32_t nwords;
} cl_cue_entry;

/* Indices of the cues whose first word is KEY (a folded form or a stem),
 * longest phrase first; returns their number and points *OUT at them. */
size_t cl_rules_candidates(const cl_rules *r, const char *key, const uint32_t **out);

/* The I-th compiled cue. */
const cl_cue_entry *cl_rules_entry(const cl_rules *r, uint32_t i);

/* Whether any cue matches by stem (then sentences need their stems). */
int cl_rules_need_stems(const cl_rules *r);

/* The abbreviations of the rules' language, loaded by cl_rules_compile. */
const cl_abbrevs *cl_rules_abbrevs(const cl_rules *r);

/* ---- cues.c ----------------------------------------------------------- */

/* A growable cue array, reused from sentence to sentence. */
typedef struct cl_cuevec {
    cl_cue *v;
    size_t n, cap;
} cl_cuevec;

/* Find the cues of RULES among the N tokens TOKS (stems filled when
 * cl_rules_need_stems) and resolve their scopes; OUT is cleared first and
 * ends sorted by position. Returns 0 or CL_ENOMEM. */
int cl_cues_find(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out);

void cl_cuevec_free(cl_cuevec *v);

/* Why the scope part SIDE (0 backward, 1 forward) of CUE stops where it
 * does: "terminator", "window", "sentence end" or "none" (no scope). */
const char *cl_cue_scope_stop(const cl_cue *cue, int side, const cl_token *toks, size_t n,
                              const cl_cue *cues, size_t ncues);

/* ---- json.c ----------------------------------------------------------- */

/* Append the N bytes at S (UTF-8) to B as a JSON string literal with quotes.
 * Control characters, quotes, backslashes, U+2028/U+2029 and "</" are
 * escaped, so the result is also safe inside an HTML <script>. */
int cl_json_str(cl_buf *b, const char *s, size_t n);

#endif

/* ---- error.c ---------------------------------------------------------- */

/* Record an error as this thread's last error (see cl_error_last) and return
 * CODE, so callers can write `return cl_error_set(CL_ENOMEM, ...)`.
 * FILE may be NULL; LINE and COLUMN are 1-based, 0 when unknown. */
int cl_error_set(int code, const char *file, unsigned line, unsigned column,
                 const char *fmt, ...) CL_PRINTF(5, 6);

/* Clear this thread's last error. */
void cl_error_clear(void);

/* ---- util.c ----------------------------------------------------------- */

/* Growable byte buffer. Zero-initialise ({0}) to start; cl_buf_free releases.
 * data is always NUL-terminated once anything was appended. */
typedef struct cl_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; later appends do nothing */
} cl_buf;

int cl_buf_reserve(cl_buf *b, size_t extra);
int cl_buf_add(cl_buf *b, const char *s, size_t n);
int cl_buf_puts(cl_buf *b, const char *s);
int cl_buf_putc(cl_buf *b, char c);
int cl_buf_printf(cl_buf *b, const char *fmt, ...) CL_PRINTF(2, 3);
void cl_buf_free(cl_buf *b);

/* Duplicate N bytes of S into a new NUL-terminated malloc'd string; NULL when
 * out of memory. The caller frees it. */
char *cl_strndup(const char *s, size_t n);

/* Arena: many small allocations released together. */
typedef struct cl_arena cl_arena;
cl_arena *cl_arena_new(void);
void *cl_arena_alloc(cl_arena *a, size_t n);            /* 16-aligned, NULL on OOM */
char *cl_arena_strndup(cl_arena *a, const char *s, size_t n);
void cl_arena_reset(cl_arena *a);                       /* keeps the first block */
void cl_arena_free(cl_arena *a);                        /* NULL is fine */

/* Read a whole file (PATH "-" is stdin) into a malloc'd NUL-terminated buffer.
 * On failure returns a negative code and sets the last error naming PATH. */
int cl_read_file(const char *path, char **out, size_t *len);

/* Locate a data file shipped with claimlint (e.g. "claimlint.rng",
 * "cues/en.xml"). Looks in $CLAIMLINT_DATADIR, the installed data directory
 * and the source tree's rules/ directory, in that order. Returns a malloc'd
 * path or NULL (with the last error set). */
char *cl_data_path(const char *name);

/* ---- utf8.c ----------------------------------------------------------- */

/* Decode one code point at S (N bytes available, N >= 1). Stores the number
 * of bytes used in *LEN (>= 1). Returns the code point, or -1 for an invalid
 * sequence (then *LEN is 1). */
int32_t cl_utf8_decode(const char *s, size_t n, size_t *len);

/* Byte offset of the first invalid UTF-8 sequence in S, or (size_t)-1 when S
 * is valid throughout. */
size_t cl_utf8_invalid(const char *s, size_t n);

/* Number of code points in the N bytes at S (valid UTF-8). */
size_t cl_utf8_count(const char *s, size_t n);

/* Character classes used by the segmenter and tokenizer. */
int cl_uc_is_letter(int32_t c);  /* letters and combining marks */
int cl_uc_is_digit(int32_t c);
int cl_uc_is_space(int32_t c);   /* includes NBSP, line and paragraph seps */
int cl_uc_is_upper(int32_t c);
int cl_uc_is_lower(int32_t c);

/* ---- segment.c -------------------------------------------------------- */

/* A set of abbreviations that do not end a sentence (data: rules/abbreviations/). */
typedef struct cl_abbrevs cl_abbrevs;

/* Create an empty set in *OUT. Returns 0 or CL_ENOMEM. */
int cl_abbrevs_new(cl_abbrevs **out);

/* Load entries from the file at PATH into A (format described in
 * rules/abbreviations/en.txt). Errors name the file and line. */
int cl_abbrevs_load(cl_abbrevs *a, const char *path);

/* Free A; NULL is fine. */
void cl_abbrevs_free(cl_abbrevs *a);

/* A byte range [start, end) of a text. */
typedef struct cl_span {
    size_t start, end;
} cl_span;

/* Split the N bytes of valid UTF-8 TEXT into sentences. MODE is
 * CL_SPLIT_AUTO (prose rules) or CL_SPLIT_LINES (one sentence per line).
 * Line ends may be "\n", "\r\n" or "\r". Spans are trimmed of surrounding
 * white space and never empty. On success *OUT is a malloc'd array of *NOUT
 * spans in text order (the caller frees it; NULL when there are none). */
int cl_segment(const char *text, size_t n, const cl_abbrevs *abbrevs,
               cl_split_mode mode, cl_span **out, size_t *nout);

/* ---- tokenize.c ------------------------------------------------------- */

/* A growable token array, reused from sentence to sentence. */
typedef struct cl_tokvec {
    cl_token *v;
    size_t n, cap;
} cl_tokvec;

/* Split the LEN bytes of valid UTF-8 TEXT into tokens, appended to OUT after
 * clearing it. Folded forms are allocated in ARENA. Returns 0 or CL_ENOMEM.
 * Words keep inner apostrophes and hyphens; "n't" and the clitics 's 're
 * 've 'll 'd 'm are split off; "cannot" is "can" + "not"; dotted initialisms
 * (U.S.) are one token; URLs and e-mail addresses are one token each. */
int cl_tokenize(cl_arena *arena, const char *text, size_t len, cl_tokvec *out);

/* Free the array of V (not V itself). */
void cl_tokvec_free(cl_tokvec *v);

/* ---- stem.c ----------------------------------------------------------- */

typedef struct cl_stemmer cl_stemmer;

/* A Snowball English stemmer with a small cache; one per thread. */
int cl_stemmer_new(cl_stemmer **out);
void cl_stemmer_free(cl_stemmer *s);

/* Stem of the NUL-terminated folded word WORD, allocated in ARENA; NULL when
 * out of memory. Non-words (punctuation, numbers) stem to themselves. */
const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word);

/* ---- rules.c ---------------------------------------------------------- */

/* A compiled cue: its definition and the words of its phrase (folded forms,
 * or stems when the cue is inflected), owned by the rule set. */
typedef struct cl_cue_entry {
    cl_cue_def def;
    const char **words;
    uint32_t nwords;
} cl_cue_entry;

/* Indices of the cues whose first word is KEY (a folded form or a stem),
 * longest phrase first; returns their number and points *OUT at them. */
size_t cl_rules_candidates(const cl_rules *r, const char *key, const uint32_t **out);

/* The I-th compiled cue. */
const cl_cue_entry *cl_rules_entry(const cl_rules *r, uint32_t i);

/* Whether any cue matches by stem (then sentences need their stems). */
int cl_rules_need_stems(const cl_rules *r);

/* The abbreviations of the rules' language, loaded by cl_rules_compile. */
const cl_abbrevs *cl_rules_abbrevs(const cl_rules *r);

/* ---- cues.c ----------------------------------------------------------- */

/* A growable cue array, reused from sentence to sentence. */
typedef struct cl_cuevec {
    cl_cue *v;
    size_t n, cap;
} cl_cuevec;

/* Find the cues of RULES among the N tokens TOKS (stems filled when
 * cl_rules_need_stems) and resolve their scopes; OUT is cleared first and
 * ends sorted by position. Returns 0 or CL_ENOMEM. */
int cl_cues_find(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out);

void cl_cuevec_free(cl_cuevec *v);

/* Why the scope part SIDE (0 backward, 1 forward) of CUE stops where it
 * does: "terminator", "window", "sentence end" or "none" (no scope). */
const char *cl_cue_scope_stop(const cl_cue *cue, int side, const cl_token *toks, size_t n,
                              const cl_cue *cues, size_t ncues);

/* ---- json.c ----------------------------------------------------------- */

/* Append the N bytes at S (UTF-8) to B as a JSON string literal with quotes.
 * Control characters, quotes, backslashes, U+2028/U+2029 and "</" are
 * escaped, so the result is also safe inside an HTML <script>. */
int cl_json_str(cl_buf *b, const char *s, size_t n);

#endif
