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
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "claimlint.h"

#if defined(__GNUC__)
#define CL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CL_PRINTF(f, a)
#endif

/* ---- error.c ---------------------------------------------------------- */

/* Record an error as this thread's last error (see cl_error_last) and return
 * CODE, so callers can write `return cl_error_set(CL_ENOMEM, ...)`.
 * FILE may be NULL; LINE and COLUMN are 1-based, 0 when unknown. */
int cl_error_set(int code, const char *file, unsigned line, unsigned column,
                 const char *fmt, ...) CL_PRINTF(5, 6);

/* Clear this thread's last error. */
void cl_error_clear(void);

/* Record "out of memory" (about FILE, which may be NULL) as the last error
 * and return CL_ENOMEM: `return cl_nomem(NULL);`. */
int cl_nomem(const char *file);

/* Return the negative code of EXPR from the calling function, if any. */
#define CL_TRY(expr)                                                                             \
    do {                                                                                         \
        int cl_try_rc_ = (expr);                                                                 \
        if (cl_try_rc_ < 0)                                                                      \
            return cl_try_rc_;                                                                   \
    } while (0)

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

/* Make room for NEED elements of SIZE bytes in the array whose pointer is
 * at PARRAY (any T **) and whose capacity is *CAP: the capacity doubles,
 * from MIN at first. Returns 0, or CL_ENOMEM (recorded) with the array
 * and *CAP as they were. */
int cl_grow_slow(void *parray, size_t *cap, size_t need, size_t size, size_t min);
static inline int cl_grow(void *parray, size_t *cap, size_t need, size_t size, size_t min)
{
    return need <= *cap ? 0 : cl_grow_slow(parray, cap, need, size, min); /* hot paths */
}

/* Duplicate N bytes of S into a new NUL-terminated malloc'd string; NULL when
 * out of memory. The caller frees it. */
char *cl_strndup(const char *s, size_t n);

/* Sort N items of SIZE bytes at BASE with CMP, stably: an insertion sort
 * for a few small items (no allocation), qsort otherwise. */
void cl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

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

/* A string table: each distinct string gets a small number (from 1), so
 * that matching compares integers. Keys are borrowed and must outlive the
 * table. Zero-initialise ({0}) to start. */
typedef struct cl_strtab {
    const char **keys;
    uint32_t *ids;
    uint64_t *hashes;
    size_t cap, n;
} cl_strtab;

/* The number of S, adding it when new; 0 when out of memory. */
uint32_t cl_strtab_intern(cl_strtab *t, const char *s);

/* The number of S, or 0 when it is not in the table. */
uint32_t cl_strtab_find(const cl_strtab *t, const char *s);

/* Whether the strings A and B are equal; inline, for the short words of
 * the hot path, where a call to strcmp costs more than the comparison. */
static inline int cl_streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The same, for a caller that already has HASH = cl_str_hash(S). */
uint32_t cl_strtab_find_hashed(const cl_strtab *t, const char *s, uint64_t hash);

/* The hash the string table uses (64-bit FNV-1a of the bytes of S). */
uint64_t cl_str_hash(const char *s);

void cl_strtab_free(cl_strtab *t);

/* Remove "DIR/../" pairs from PATH in place, lexically, for messages and
 * for opening files named relative to other files. */
void cl_path_tidy(char *path);

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

/* A cache of what tokenizing found for each distinct word (its folded form,
 * numbers and stem), so that a repeated word costs one hash lookup; one per
 * thread, kept across documents. */
typedef struct cl_words cl_words;
typedef struct cl_stemmer cl_stemmer;

/* A new, empty word cache in *OUT, or CL_ENOMEM. */
int cl_words_new(cl_words **out);
void cl_words_free(cl_words *w);

/* The 32-bit hash the word cache files the N bytes of S under (for tests
 * of what shares an index slot). */
uint32_t cl_words_key_hash(const char *s, size_t n);

/* Longer "addresses" (URLs, e-mail addresses) are split like other text;
 * the bound keeps a line of 200 MB without spaces linear. */
#define CL_MAX_ADDRESS 2048

/* The letters a token whose folded form is FOLD is written with when they
 * are not FOLD's own ("wo" of "won't" folds to "will"), or NULL. The
 * string is static. */
const char *cl_fold_spelling(const char *fold);

/* Whether a token whose folded form is FOLD may start right after an
 * ASCII letter or digit: the "not" of "cannot", a clitic ("'s", "n't"). */
int cl_fold_inside_word(const char *fold);

/* cl_tokenize, with each token's FOLD_ID in VOCAB and, when STEMMER is not
 * NULL, its STEM and STEM_ID (non-words stem to themselves) filled in, as
 * the document reader does. TEXT[LEN] must be NUL. The strings belong to WORDS and stay valid until
 * the next call with WORDS. The tokens are those of cl_tokenize. 0 or
 * CL_ENOMEM. */
int cl_tokenize_words(cl_words *words, const cl_strtab *vocab, cl_stemmer *stemmer,
                      const char *text, size_t len, cl_tokvec *out);

/* ---- stem.c ----------------------------------------------------------- */

/* A Snowball English stemmer with a small cache; one per thread. */
int cl_stemmer_new(cl_stemmer **out);
void cl_stemmer_free(cl_stemmer *s);

/* Stem of the NUL-terminated folded word WORD, copied into ARENA; NULL when
 * out of memory. Non-words (punctuation, numbers) stem to themselves.
 * Stems are cached in S, so a repeated word is not stemmed again. */
const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word);

/* Stem of the folded word WORD[0..N) with no cache, for a caller that keeps
 * stems itself: the string (not NUL-terminated, *LEN bytes) is in S's
 * buffer and valid until the next call with S. NULL when out of memory. */
const char *cl_stem_direct(cl_stemmer *s, const char *word, size_t n, size_t *len);

/* ---- xml.c ------------------------------------------------------------ */

/* Where an XML reader's problems go: CODE (CL_EPARSE for XML errors,
 * CL_ESCHEMA for schema ones, CL_ENOMEM, CL_EIO), the file, 1-based LINE
 * and COLUMN (0 when unknown) and the message (valid during the call). */
typedef void (*cl_xml_report_fn)(void *ud, int code, const char *file, unsigned line,
                                 unsigned column, const char *msg);

/* A schema message kept for after the caller's own checks. */
typedef struct cl_xml_kept {
    unsigned line, column;
    char msg[240];
} cl_xml_kept;

/* One XML file being read safely (see xml.c). Fill with cl_xml_init;
 * the fields after UD are the reader's. */
typedef struct cl_xml {
    const char *file;        /* the name in messages */
    cl_xml_report_fn report; /* may be NULL */
    void *ud;
    int code;                /* what libxml2's errors are now: parse or schema */
    int defer;               /* keep schema messages in KEPT */
    int nomem;               /* libxml2 ran out of memory: its tree is not whole */
    size_t errors;           /* errors libxml2 reported */
    cl_xml_kept kept[32];
    size_t nkept, dropped;
    void *prev, *prev_ctx;   /* the error handler to restore */
    void *pc, *doc;          /* libxml2's parser context and tree */
} cl_xml;

/* Start reading FILE (named so in messages; borrowed), problems to REPORT.
 * Remembers the error handler in place, restored by cl_xml_done. */
void cl_xml_init(cl_xml *x, const char *file, cl_xml_report_fn report, void *ud);

/* Load the shipped RELAX NG schema NAME ("claimlint.rng") into *OUT (free
 * it with cl_xml_schema_free); problems go to X's report. */
int cl_xml_schema(void **out, const char *name, cl_xml *x);
void cl_xml_schema_free(void *schema);

/* Parse the file PATH: no network, no external entities, and a DOCTYPE is
 * refused with DOCTYPE_MSG. Installs X's error handler. Returns 0,
 * CL_EPARSE, CL_ESCHEMA (a DOCTYPE) or CL_ENOMEM, each reported. */
int cl_xml_read(cl_xml *x, const char *path, const char *doctype_msg);

/* Validate the tree against SCHEMA: 0, CL_ESCHEMA (its messages reported,
 * or with DEFER kept in X->KEPT for the caller) or CL_ENOMEM. */
int cl_xml_validate(cl_xml *x, void *schema, int defer);

/* The tree's root element (an xmlNodePtr). */
void *cl_xml_root(const cl_xml *x);

/* Put X's error handler back in place (a nested read replaced it). */
void cl_xml_handle(cl_xml *x);

/* Free the tree and restore the error handler of before. */
void cl_xml_done(cl_xml *x);

/* Text content of the XML element NODE with runs of white space collapsed
 * to one space and trimmed, copied into ARENA; NULL when out of memory. */
char *cl_xml_text(cl_arena *arena, void *node);

/* The attribute NAME of element NODE, copied into ARENA, in *OUT: NULL
 * when the element has none. Returns 0, or CL_ENOMEM (and *OUT NULL) when
 * it has one that could not be read. */
int cl_xml_prop(cl_arena *arena, void *node, const char *name, char **out);

/* ---- rules.c ---------------------------------------------------------- */

/* A compiled cue: its definition and the words of its phrase (folded forms,
 * or stems when the cue is inflected), owned by the rule set. */
typedef struct cl_cue_entry {
    cl_cue_def def;
    const char **words;
    uint32_t *word_ids; /* WORDS numbered in the rules' vocabulary */
    uint32_t nwords;
} cl_cue_entry;

/* The cue index: one-word cues by their word, longer ones by their first
 * two words. A cue compares folded forms, or stems when it is inflected
 * (plain: [0], inflected: [1]). Word ids run from 1 to NIDS. */
enum {
    CL_CUEIX_ONE = 1,   /* FLAGS[id]: a one-word plain cue is word id */
    CL_CUEIX_MULTI = 2, /* a longer plain cue starts with word id */
                        /* the same shifted left by 2: inflected cues */
    CL_CUEIX_ATTR_ONE = 16,  /* a one-word attribution cue is word id */
    CL_CUEIX_ATTR_MULTI = 32 /* a longer attribution cue starts with it */
};                           /* the same shifted left by 2: inflected cues */

typedef struct cl_cue_pair {
    uint32_t first, second; /* word ids; FIRST 0: an empty slot */
    uint32_t start;         /* MULTI[START .. START + COUNT): the cues */
    uint32_t count;
    uint32_t inflected;
} cl_cue_pair;

typedef struct cl_cue_index {
    uint32_t nids;
    const unsigned char *flags;  /* by word id (NIDS + 1 of them) */
    const uint32_t *one_start[2]; /* ONE[i][ONE_START[i][id] .. ONE_START[i][id + 1]) */
    const uint32_t *one[2];       /* the one-word cues (cl_rules_entry numbers) */
    const cl_cue_pair *pairs;     /* open addressing, PAIR_MASK + 1 slots */
    uint32_t pair_mask;
    const uint32_t *multi;        /* a pair's cues, longest first, then in file order */
} cl_cue_index;

/* The slot of the pair (FIRST, SECOND, INFLECTED) in X, or NULL. */
static inline const cl_cue_pair *cl_cue_pair_find(const cl_cue_index *x, uint32_t first,
                                                  uint32_t second, int inflected)
{
    uint64_t h = (((uint64_t)first << 32) | second) * 0x9E3779B97F4A7C15ULL;
    uint32_t i = (uint32_t)(h >> 40) ^ (uint32_t)inflected;

    for (;; i++) {
        const cl_cue_pair *p = &x->pairs[i & x->pair_mask];
        if (!p->first)
            return NULL;
        if (p->first == first && p->second == second && p->inflected == (uint32_t)inflected)
            return p;
    }
}

/* Whether the folded word W is one of the commonest English words, which
 * the claim index does not choose to find a pattern by. */
int cl_common_word(const char *w);

/* Those words, in strcmp order (*N of them; static). */
const char *const *cl_common_words(size_t *n);

/* Whether the folded word W is in most sentences of English prose (of
 * three letters or more): a word the sieve counts as there unless it keys
 * a pattern. */
int cl_everyday_word(const char *w);

/* Those words, in strcmp order (*N of them; static). */
const char *const *cl_everyday_words(size_t *n);

/* R's cue index; empty (NIDS 0) before compiling. Owned by R. */
const cl_cue_index *cl_rules_cue_index(const cl_rules *r);

/* The rules' vocabulary: every word a cue phrase or a claim pattern names
 * (folded forms, and stems for inflected words), numbered from 1. Owned by
 * R; built by cl_rules_compile. */
const cl_strtab *cl_rules_vocab(const cl_rules *r);

/* The I-th compiled cue. */
const cl_cue_entry *cl_rules_entry(const cl_rules *r, uint32_t i);

/* Whether any cue matches by stem (then sentences need their stems). */
int cl_rules_need_stems(const cl_rules *r);

/* The abbreviations of the rules' language, loaded by cl_rules_compile. */
const cl_abbrevs *cl_rules_abbrevs(const cl_rules *r);

/* Report a rule-file problem to the diagnostic callback (and as the last
 * error); returns CODE and counts it as an error of the load. */
int cl_rules_report(cl_rules *r, int code, const char *file, unsigned line, unsigned column,
                    const char *fmt, ...) CL_PRINTF(6, 7);

/* The arena that owns the rules' strings. */
cl_arena *cl_rules_arena(cl_rules *r);

/* Mark that sentences need stems (an inflected cue or token). */
void cl_rules_set_need_stems(cl_rules *r);

/* Report the thread's last error (set by a helper; FALLBACK_FILE when it
 * names none) as a problem of R; returns CODE. */
int cl_rules_report_last(cl_rules *r, int code, const char *fallback_file);

/* Problems reported so far, and whether R is compiled. */
int cl_rules_errors(const cl_rules *r);
int cl_rules_compiled(const cl_rules *r);

/* The loader of R while it loads (load.c's), or NULL; set it with the
 * function that frees it (the previous one is freed; NULL, NULL frees it
 * and leaves none). */
void *cl_rules_loader(cl_rules *r);
void cl_rules_set_loader(cl_rules *r, void *loader, void (*free_fn)(void *));

/* A zeroed cue entry at the end of R's lexicon, for a <cue> being read
 * (NULL when out of memory); cl_rules_cue_keep adds it to the lexicon. */
cl_cue_entry *cl_rules_cue_slot(cl_rules *r);
void cl_rules_cue_keep(cl_rules *r);

/* Compiling, step by step (load.c's cl_rules_compile runs them): number
 * the words of every cue phrase (stems of inflected ones, with ST) in the
 * vocabulary; load the abbreviations; group the cues by first word. */
int cl_rules_index_words(cl_rules *r, cl_stemmer *st);
int cl_rules_load_abbrevs(cl_rules *r);
int cl_rules_index_cues(cl_rules *r);

/* ---- load.c ----------------------------------------------------------- */

/* Whether the rule-file tree at ROOT (an xmlNodePtr) surely conforms to
 * claimlint.rng: 1 only when it does, 0 when it does not or the quick
 * check cannot tell (the schema must then decide). Reads the tree only. */
int cl_rules_conforms(const void *root);

/* ---- claims.c --------------------------------------------------------- */

/* One <token> of a pattern: up to SKIP other tokens may come before it;
 * ALTS are folded forms (stems when INFLECTED, surfaces when CASESENS);
 * a regex token has RE instead (anchored at both ends). */
/* A <number>: a value (or a range) and a unit ("%", "USD", "" for any). */
typedef struct cl_numspec {
    int has_value, has_min, has_max;
    double value, min, max;
    char unit[8];
} cl_numspec;

typedef struct cl_tokspec {
    unsigned skip;                /* words (not punctuation) that may come between */
    const cl_numspec *num;        /* a <number>, matched by value instead */
    unsigned char inflected, casesens;
    unsigned char optional;       /* the token may be missing */
    const char **alts;
    uint32_t *alt_ids; /* ALTS numbered in the rules' vocabulary (folded
                        * forms for CASESENS, 0 when one has none) */
    uint32_t nalts;
    pcre2_code *re;
} cl_tokspec;

typedef struct cl_pattern {
    cl_tokspec *toks;
    uint32_t ntoks;
    unsigned line;
    /* a <near>: its required tokens in any order within WINDOW words */
    unsigned near, window;
    /* set by the prefilter: the token the index finds the pattern by (its
     * likely rarest word, never an optional one), how many tokens at least
     * (BEFORE: the required ones) and how many words at most (BACK) come
     * before it from the pattern's start, and a number among all the
     * rules' patterns */
    uint32_t anchor, before, back, serial;
} cl_pattern;

typedef struct cl_regex {
    pcre2_code *code;
    const char *source;
    unsigned line;
} cl_regex;

/* A claim with its compiled patterns; the public part first. */
typedef struct cl_claim_impl {
    cl_claim pub;
    /* set by the prefilter when the claim is tried on every sentence: why
     * (a static string), and the line of the <regex> or pattern at fault */
    const char *unindexed;
    unsigned unindexed_line;
    cl_pattern *patterns;
    uint32_t npatterns;
    cl_regex *regexes;
    uint32_t nregexes;
    cl_pattern *antipatterns;
    uint32_t nantipatterns;
    cl_regex *antiregexes;
    uint32_t nantiregexes;
} cl_claim_impl;

/* Parse the <claim> element NODE of FILE (rule set RULESET) into R,
 * compiling its regexes; problems are reported with file and line. */
int cl_claim_parse(cl_rules *r, void *node, const char *file, const char *ruleset);

/* Finish the claims of R: stems of inflected tokens (with STEMMER),
 * duplicate ids. */
int cl_claims_compile(cl_rules *r, cl_stemmer *stemmer);


/* ---- prefilter.c ------------------------------------------------------ */

/* The prefilter: which patterns a sentence can hold. Every word a
 * pattern names is numbered in VOCAB; REFS[START[id] .. START[id + 1])
 * are the patterns whose key token names word ID (by folded form, or by
 * stem when that token is inflected): a required word, the one the rules
 * use least among those not likely to be common. A pattern is tried only
 * when all its required words occur, at each place its anchor (the token
 * with the word least likely to be common) does; a case-sensitive word is
 * indexed by its folded form. Patterns made only of regex tokens are
 * tried everywhere (ALWAYS).
 * Sentence <regex>es, numbered in claim order in REGEXES, run only on a
 * sentence that contains every run of plain characters of 3 bytes or more
 * that every match must contain (compared in ASCII lower case), found in
 * one pass over its text by an Aho-Corasick automaton of all of them
 * (AC). The runs
 * a regex needs are ACL_REGEX[ACL_START[run] .. ACL_START[run + 1]],
 * RE_NREQ[regex] how many distinct runs it needs; LITS[regex] its longest
 * literal (for explanations). Regexes with no such literal of 4 bytes or
 * more run on every sentence
 * (ALWAYS_RE). FALLBACK_CLAIMS counts the claims with a regex or a
 * pattern that the prefilter cannot index. */
typedef struct cl_pattern_ref {
    uint32_t claim, pattern;
    /* for patterns: the pattern itself and its ANCHOR, BACK and SERIAL,
     * copied here so that the index is read in one sweep */
    const cl_pattern *p;
    uint32_t anchor, back, serial;
    /* the word the first token must be when it names just one (a quick
     * test before the pattern is read), else 0 */
    uint32_t first_id;
    unsigned char first_inflected;
    /* a word the pattern cannot do without besides its key (the one the
     * rules use least), else 0: a quick test before the others */
    uint32_t key2;
    /* the other words it needs, token by token: their number and their
     * numbers in the vocabulary, ending with a 0 (in the index's REQ) */
    const uint32_t *req;
} cl_pattern_ref;

/* Whether B is a word character of ASCII ([A-Za-z0-9_]), for \b. */
static inline int cl_ascii_word(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
}

/* Word boundaries a regex's run of literal characters needs: a \b
 * before its first character (a word character of ASCII), after its last;
 * and whether every match has the run where a word starts (its first
 * character a word character of ASCII, after a \b or a class such as \s
 * that matches no ASCII letter or digit), which the sieve relies on. */
enum { CL_RUN_WORD_BEFORE = 1, CL_RUN_WORD_AFTER = 2, CL_RUN_STARTS_WORD = 4 };

typedef struct cl_literal {
    const char *text; /* NULL when the regex has none */
    size_t len;
} cl_literal;

/* An Aho-Corasick automaton of strings (numbered from 0) over bytes, ASCII
 * letters in either case alike: CLS maps bytes to NC classes, DELTA[state +
 * class] is the next state (states are row offsets; those from OUT_BASE on
 * end a string), OWN the string a state ends (by output index, the
 * string's number + 1, or 0) and DICT the next state along the suffixes
 * that ends one (by output index + 1, or 0). MAXLEN is the longest
 * string; DELTA is NULL when there is none. */
typedef struct cl_acm {
    unsigned char cls[256];
    uint32_t nc, out_base, maxlen;
    uint32_t *delta, *own, *dict;
} cl_acm;

/* A slot of the sieve's table: the strings that start with the bytes
 * GRAM (0: an empty slot). */
typedef struct cl_sieve_slot {
    uint32_t gram, start, n;
} cl_sieve_slot;

#ifdef __SSE2__
/* The ASCII letters and digits of the 16 bytes at P as a mask, bit k for
 * P[k]. */
static inline unsigned cl_alnum16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
                                   _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), low));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                  _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
}
#endif

/* Bits of the sieve's filter of string starts. */
#define CL_SIEVE_BITS 65536u

/* Of four bytes read into a uint32_t by memcpy, the first three. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CL_GRAM3_MASK 0xFFFFFF00u
#else
#define CL_GRAM3_MASK 0x00FFFFFFu
#endif

/* The hash of the 3-byte start GRAM of a sieve string. */
static inline uint32_t cl_sieve_hash(uint32_t gram)
{
    return (gram * 0x9E3779B1u) >> 8;
}

/* The bit of the 4-byte start GRAM of a sieve string in a filter of
 * CL_SIEVE_BITS bits. */
static inline uint32_t cl_sieve_hash4(uint32_t gram)
{
    return (gram * 0x9E3779B1u) >> 16;
}

typedef struct cl_claim_index {
    cl_strtab vocab;
    uint32_t *start;
    cl_pattern_ref *refs;
    uint32_t *req;           /* the refs' REQ lists */
    cl_pattern_ref *always;
    size_t nalways;
    cl_pattern_ref *regexes; /* (claim, index of its <regex>) */
    size_t nregexes;
    uint32_t *always_re;
    size_t nalways_re;
    cl_literal *lits;        /* by regex */
    uint32_t *re_nreq;       /* by regex */
    uint32_t *acl_start, *acl_regex; /* run r's regexes: ACL_REGEX[ACL_START[r] ..
                                      * ACL_START[r + 1]) */
    unsigned char *acl_flags; /* by ACL_REGEX entry: CL_RUN_* of the run there */
    uint32_t *acl_len;       /* by run: its length */
    const char **acl_names;  /* by run: its bytes (in the rules' arena) */
    size_t nacl;             /* distinct runs */
    cl_acm ac;               /* of the runs: string k is run k */
    /* The sieve (cl_match_may): whether a sentence can make a claim at
     * all, from its bytes, before it is tokenized. Its strings (SV_STR,
     * SV_LEN long) are those of the words the patterns need
     * (cl_sieve_string), each the start of a token, and, unless
     * SV_RUNS_AC, the regexes' runs, each after a \b: all are looked for
     * where a word starts, by their first three bytes (the bit
     * cl_sieve_hash gives in SV_BITS for a string of three, the bit
     * cl_sieve_hash4 gives to the first four in SV_BITS4 for a longer
     * one; then the slot of the same three in
     * SV_SLOT, whose strings are SV_ORDER[start .. start + n]). With
     * SV_RUNS_AC, a run may stand anywhere and the runs' automaton finds
     * them. By string, SV_RUN is the run it is (+ 1, or 0) and
     * SV_IDS[SV_START[k] .. SV_START[k + 1]] the words it stands for.
     * SV_BARE lists the words with no string, there in every sentence.
     * SV_ON is 0 when some pattern or regex must be tried everywhere. */
    int sv_on, sv_runs_ac;
    uint64_t sv_bits[CL_SIEVE_BITS / 64];  /* strings of 3 bytes, by their start */
    uint64_t sv_bits4[CL_SIEVE_BITS / 64]; /* longer ones, by their first 4 */
    const char **sv_str;
    uint32_t *sv_len, *sv_order, sv_mask;
    uint64_t *sv_head;       /* by string, its first 8 bytes and the mask of
                              * those it has, as memcpy lays them out */
    cl_sieve_slot *sv_slot;
    uint32_t *sv_run, *sv_start, *sv_ids, *sv_bare;
    size_t nsv, nsv_bare;
    /* by string, whether an attribution cue needs it (the sentence may
     * name a speaker); SV_ATTR_ALL when one needs no string */
    unsigned char *sv_attr;
    int sv_attr_all;
    size_t fallback_claims;
    size_t npatterns;        /* patterns numbered (serial) */
    int has_near;            /* some pattern is a <near> */
} cl_claim_index;

/* The longest run of literal characters that every match of the PCRE2
 * pattern SRC must contain, lower-cased (ASCII) into OUT (CAP bytes, NUL
 * included); returns its length, 0 when the pattern's syntax gives none
 * for sure (alternation at the top, extended mode, ...). */
size_t cl_regex_literal(const char *src, char *out, size_t cap);

/* The bytes that every token whose folded form is W starts with (or whose
 * stem is W, when STEMMED), ASCII letters in either case, as W[*START ..
 * *START + length), the length returned; 0 when there are none to rely
 * on. Such a token starts a sentence or follows a byte that is no ASCII
 * letter or digit. */
size_t cl_sieve_string(const char *w, int stemmed, size_t *start);

/* Build the prefilter of the N CLAIMS (after cl_claims_compile) into X,
 * allocating its strings in A. ATTR lists the words of the attribution
 * cues, for the sieve: for each cue, the number of its words (with
 * CL_ATTR_INFLECTED when it matches by stems) and their numbers in the
 * vocabulary, then a 0 (NULL: none). */
enum { CL_ATTR_WORDS = 0xFFFF, CL_ATTR_INFLECTED = 0x10000 };
int cl_claim_index_build(cl_claim_index *x, cl_arena *a, cl_claim_impl *const *claims, size_t n,
                         const uint32_t *attr);
void cl_claim_index_free(cl_claim_index *x);

/* ---- rules.c: the claims of a rule set ---------------------------------- */

/* Add an empty claim to R (zeroed, its INDEX set, owned by R) and return
 * it, or NULL when out of memory. */
cl_claim_impl *cl_rules_new_claim(cl_rules *r);

/* The I-th claim of R with its patterns, and their number. */
const cl_claim_impl *cl_rules_claim_impl(const cl_rules *r, size_t i);
size_t cl_rules_claim_count_internal(const cl_rules *r);

/* The prefilter of R, to read (built by cl_rules_compile) and to build. */
const cl_claim_index *cl_rules_claim_index(const cl_rules *r);
cl_claim_index *cl_rules_claim_index_mut(cl_rules *r);

/* R's claims (owned by R), *N their number: for building the prefilter. */
cl_claim_impl *const *cl_rules_claims(cl_rules *r, size_t *n);

/* ---- match.c ---------------------------------------------------------- */

/* Scratch space for matching claims, one per thread (PCRE2 match data,
 * limits, result vectors). */
typedef struct cl_matcher cl_matcher;

int cl_matcher_new(cl_matcher **out);
void cl_matcher_free(cl_matcher *m);

/* What the prefilter let through, counted over a matcher's life: pattern
 * attempts (a pattern tried at a token), sentence regexes run and
 * sentence regexes skipped because their literal was not there, and the
 * sentences the sieve read (cl_match_may). */
typedef struct cl_match_stats {
    size_t patterns_tried, regexes_run, regexes_skipped, sentences_sieved;
} cl_match_stats;

/* M's counts; owned by M. */
const cl_match_stats *cl_matcher_stats(const cl_matcher *m);

/* What cl_match_may tells of a sentence. */
enum {
    CL_SIEVE_PASS = 0,  /* no claim can match it */
    CL_SIEVE_TRY = 1,   /* a claim may match it */
    CL_SIEVE_INERT = 2  /* no claim can match it, and it holds no quotation
                         * mark and no attribution: the next sentences of
                         * its paragraph owe it nothing */
};

/* Whether a claim of R may match sentence S, told from its text alone
 * (S->text and S->len; no tokens, no NCHARS needed): CL_SIEVE_PASS or
 * CL_SIEVE_INERT when cl_match_sentence would surely find nothing in it
 * (its regexes are counted as skipped), CL_SIEVE_TRY when it must be
 * tried, < 0 when out of memory. The sieve of the claim index: the
 * strings of the words each pattern needs, of the attribution cues' words
 * and the regexes' runs, looked for in one pass. */
int cl_match_may(cl_matcher *m, const cl_rules *r, const cl_sentence *s);

typedef struct cl_match {
    uint32_t claim; /* index in the rules */
    cl_range tokens;
    /* bit i: token tokens.start + i was matched by one of the pattern's
     * own <token>s (not skipped over); regex matches have none */
    uint64_t own;
} cl_match;

/* Find every claim of R in sentence S: at most one occurrence per claim and
 * position, overlapping matches of one claim merged, antipattern overlaps
 * dropped. *OUT points into M (valid until the next call); *N the count, in
 * order of position. A regex that hits its match limit is reported to
 * DIAG (may be NULL) and counts as no match. */
int cl_match_sentence(cl_matcher *m, const cl_rules *r, const cl_sentence *s, cl_diag_fn diag,
                      void *ud, const char *docname, const cl_match **out, size_t *n);

/* What became of one <pattern>, <near> or <regex> of a claim on a
 * sentence, for explanations: whether it was tried (the prefilter let it
 * through), matched (TOKENS the first match), and the line of the
 * antipattern that dropped that match (0: none). */
typedef struct cl_attempt {
    const char *what;  /* "pattern", "near" or "regex" */
    unsigned line;     /* of the element in its rule file */
    int tried, matched;
    cl_range tokens;
    unsigned dropped_by;
} cl_attempt;

/* The attempts of every pattern and regex of claim CLAIM of R on S, into
 * OUT (CAP of them; returns how many there are, which may be more), or
 * < 0 on error. */
int cl_match_attempts(cl_matcher *m, const cl_rules *r, uint32_t claim, const cl_sentence *s,
                      cl_attempt *out, size_t cap);

/* Status of match MATCH of S from its cues, by precedence: negated when a
 * negation covers it, else hedged when a hedge does, else attributed when
 * an attribution does or most of its words lie inside a quotation, else
 * stated. A cue covers a match when its scope reaches a token of it, or
 * when the cue stands inside the match; a cue on words the pattern names
 * itself is part of the claim and covers nothing (a claim about
 * "unaccompanied" travel is not denied by its own word). *DECIDER gets
 * the deciding cue (NULL when stated, or attributed by a quotation
 * alone), *ATTRIBUTION the attribution covering it (or NULL) and *QUOTED
 * whether it is quoted; the covering cues go to M's buffer, returned in
 * *COVER / *NCOVER (valid until the next call). */
cl_status cl_match_status(cl_matcher *m, const cl_sentence *s, const cl_match *match,
                          const cl_cue **decider, const cl_cue **attribution, int *quoted,
                          const cl_cue *const **cover, size_t *ncover);

/* ---- input.c, input_markdown.c, input_html.c ------------------------ */

/* The prose extracted from a marked-up file, and its map back to the
 * file: each piece says where its text starts in the prose and in the
 * file, and whether its bytes were copied one for one (VERBATIM) or stand
 * for something else (an entity, an inserted block break), in which case
 * every byte of it maps to ORIG. */
typedef struct cl_xpiece {
    size_t text, orig;
    int verbatim;
} cl_xpiece;

typedef struct cl_extract {
    cl_buf text;
    cl_xpiece *v;
    size_t n, cap;
} cl_extract;

/* Append N bytes of the file, found at file offset ORIG, verbatim. */
int cl_extract_copy(cl_extract *x, const char *src, size_t n, size_t orig);

/* Append the N bytes at S standing for the file's text at ORIG. */
int cl_extract_put(cl_extract *x, const char *s, size_t n, size_t orig);

/* End a block: make sure the prose ends with a blank line (a sentence
 * boundary), mapped to ORIG. */
int cl_extract_break(cl_extract *x, size_t orig);

/* Decode the HTML character reference at S (N bytes, starting with '&')
 * into OUT (at least 8 bytes) as UTF-8; returns the reference's length in
 * S (0 when it is not a known reference) and sets *OUTLEN. */
size_t cl_entity_decode(const char *s, size_t n, char *out, size_t *outlen);

void cl_extract_free(cl_extract *x);

/* Extract the prose of the LEN bytes of Markdown / HTML at DATA (whose
 * first BASE bytes are a byte-order mark) into X. NAME is for messages. */
int cl_extract_markdown(cl_extract *x, const char *data, size_t len, size_t base,
                        const char *name);
int cl_extract_html(cl_extract *x, const char *data, size_t len, size_t base, const char *name);

/* ---- suppress.c ------------------------------------------------------ */

typedef enum cl_directive_kind {
    CL_DIRECTIVE_DISABLE,
    CL_DIRECTIVE_ENABLE,
    CL_DIRECTIVE_DISABLE_NEXT_LINE
} cl_directive_kind;

/* One <!-- claimlint-... --> comment: where it is (line, column, bytes
 * [START, END) of the file), which claims it names (none: all) and why. */
typedef struct cl_directive {
    cl_directive_kind kind;
    unsigned line, column;
    size_t start, end;
    const char **ids;
    size_t nids;
    const char *reason; /* NULL when none was given */
} cl_directive;

typedef struct cl_directives {
    cl_directive *v;
    size_t n, cap;
    cl_arena *arena;
} cl_directives;

/* Find the directives in the LEN bytes at DATA (after BASE bytes of
 * byte-order mark), in file order, into OUT. */
int cl_directives_scan(cl_directives *out, const char *data, size_t len, size_t base);
void cl_directives_free(cl_directives *ds);

/* The directive that suppresses claim C for a finding starting on LINE at
 * file offset BYTE, or NULL: a disable-next-line on the line before, or
 * the last disable or enable naming C that ends before BYTE. */
const cl_directive *cl_directives_find(const cl_directives *ds, const cl_claim *c,
                                       unsigned line, size_t byte);

/* The first disable naming claim C anywhere (for unstated claims), or NULL. */
const cl_directive *cl_directives_find_any(const cl_directives *ds, const cl_claim *c);

/* ---- doc.c ------------------------------------------------------------ */

/* Have document D use the stemmer ST and the word cache WORDS (NULL: none;
 * D makes its own when analysis needs one) instead of its own; both stay
 * the caller's, and must outlive D's analysis. */
void cl_doc_lend(cl_doc *d, cl_stemmer *st, cl_words *words);

/* A cl_doc_analyze flag with CL_ANALYZE_CUES: a sentence that cannot hold
 * an attribution (whose source later quotations take) comes from
 * cl_doc_next without its cues, which cl_doc_cues then finds on demand. */
#define CL_ANALYZE_DEFER (1u << 8)

/* Find the cues of DOC's current sentence if cl_doc_next deferred them
 * (see CL_ANALYZE_DEFER); the sentence cl_doc_next gave is updated in
 * place. Returns 0 or < 0. */
int cl_doc_cues(cl_doc *doc);

/* Have cl_doc_next pass over the sentences for which MAY(UD, S) says
 * CL_SIEVE_PASS or CL_SIEVE_INERT (S with its text only: no tokens,
 * positions or cues), MAY < 0 failing the call; NULL: none. A sentence
 * that comes after some it passed over in its paragraph gets the
 * quotation and speaker they leave, found when it comes. Set after
 * cl_doc_analyze. */
void cl_doc_sieve(cl_doc *doc, int (*may)(void *ud, const cl_sentence *s), void *ud);

/* The directives of DOC (borrowed). */
const cl_directives *cl_doc_directives(const cl_doc *doc);

/* Line and column in the original file of the character starting at byte
 * OFF of sentence S's text (S the current sentence of DOC); *BYTE gets its
 * byte offset in the file (may be NULL). */
void cl_doc_position(const cl_doc *doc, const cl_sentence *s, size_t off, unsigned *line,
                     unsigned *column, size_t *byte);

/* ---- emit.c, emit_json.c and the other emit_*.c -------------------- */

/* One output format: a table row in emit.c and one file. STATE_SIZE bytes
 * of zeroed state are allocated for it. Each hook returns 0 or < 0. */
struct cl_emitter_ops {
    const char *name, *description;
    size_t state_size;
    int (*occurrence)(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o);
    int (*end_file)(cl_emitter *e, const cl_doc *doc);
    int (*finish)(cl_emitter *e);
    void (*free)(cl_emitter *e);
};

struct cl_emitter {
    const struct cl_emitter_ops *ops;
    FILE *f;
    unsigned flags;
    const cl_rules *rules;
    size_t counts[4];  /* findings by level, not counting suppressed ones */
    size_t suppressed; /* findings turned off by claimlint-disable comments */
    size_t files;      /* documents ended */
    cl_buf out;        /* pending output, flushed by cl_emit_flush */
    int failed;        /* a write failed */
    void *state;
};

extern const struct cl_emitter_ops cl_emit_text, cl_emit_gnu, cl_emit_json, cl_emit_jsonl,
    cl_emit_sarif, cl_emit_junit, cl_emit_rdjsonl, cl_emit_html, cl_emit_report_text,
    cl_emit_report_json;

/* Write E->out to E->f and empty it; CL_EIO (once recorded) on failure. */
int cl_emit_flush(cl_emitter *e);

/* Whether O is a finding to show: above ok and not suppressed. Emitters
 * that list only live findings use this; json and jsonl also list the
 * suppressed ones, marked. */
#define CL_SHOWN(o) ((o)->level > CL_LEVEL_OK && !(o)->suppressed)

/* Append finding O of DOC as one JSON object (no newline) to B. */
void cl_json_finding(cl_buf *b, const cl_doc *doc, const cl_occurrence *o);

/* Append the text of token range R of S to B. */
void cl_range_text(cl_buf *b, const cl_sentence *s, cl_range r);

/* ---- what the emitters of check and of compare share (emit*.c) -------- */

/* Write OUT to F and empty it; *FAILED (0 at first) remembers a failure:
 * 1 a write failed, 2 OUT lost an allocation. Returns 0, CL_ENOMEM or
 * CL_EIO (recorded). cl_emit_flush is this on an emitter's output. */
int cl_out_flush(FILE *f, cl_buf *out, int *failed);

/* text (emit_text.c): "FILE:LINE:COL: LABEL: " (no position when LINE is
 * 0; LABEL NULL: the name of LEVEL), FILE made visible, in colour (LEVEL's)
 * with COLOR; a line of INDENT spaces then a caret and tildes under the
 * code points [START, END) of TEXT (LEN bytes) as cl_buf_add_visible
 * writes it. */
void cl_text_head(cl_buf *b, const char *file, unsigned line, unsigned column, cl_level level,
                  const char *label, int color);
void cl_text_carets(cl_buf *b, size_t indent, const char *text, size_t len, size_t start,
                    size_t end, int color);

/* The summary's counts: "no findings", or "N errors, M warnings, K infos"
 * of COUNTS (by level). */
void cl_text_totals(cl_buf *b, const size_t counts[4]);

/* The findings of COUNTS (by level) at LEVEL or above. */
size_t cl_count_at(const size_t counts[4], cl_level level);

/* "N WORD" or "N WORDS" as N is 1 or not. */
void cl_plural(cl_buf *b, size_t n, const char *word, const char *words);

/* rdjsonl (emit_rdjsonl.c): the 1-based byte column of byte offset OFF in
 * DATA (LEN bytes), a UTF-8 byte-order mark not counted; reviewdog's
 * severity name (ERROR, WARNING, INFO) of L. */
size_t cl_byte_column(const char *data, size_t len, size_t off);
const char *cl_rd_severity(cl_level l);

/* sarif (emit_sarif.c) */
#define CL_SARIF_HEAD                                                                            \
    "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","         \
    "\"runs\":[{\n\"columnKind\":\"unicodeCodePoints\",\n\"results\":["
#define CL_FNV_OFFSET UINT64_C(0xcbf29ce484222325)

/* FNV-1a 64 of the N bytes at S added to H; the same with every run of
 * white space counted as one space and the ends trimmed. */
uint64_t cl_fnv_add(uint64_t h, const char *s, size_t n);
uint64_t cl_fnv_add_collapsed(uint64_t h, const char *s, size_t n);

/* A set of strings, each with its index in order of addition: NUL-
 * terminated one after the other in NAMES, found through an open-addressing
 * hash table of index + 1 (0 is an empty slot). Zero-initialise to start. */
typedef struct cl_strset {
    cl_buf names;
    size_t *offsets;
    size_t n, cap;
    size_t *table;
    size_t table_cap;
} cl_strset;

/* The index of the NUL-terminated string S (LEN bytes) in SET, adding it
 * when new (then *ADDED is 1); -1 when out of memory. */
long cl_strset_add(cl_strset *set, const char *s, size_t len, int *added);
const char *cl_strset_get(const cl_strset *set, size_t i);
void cl_strset_free(cl_strset *set);

/* Fingerprints seen in one document and how often; zero-initialise,
 * free(V) to release. */
struct cl_fp_slot {
    uint64_t hash;
    size_t count; /* 0: the slot is empty */
};
typedef struct cl_fpset {
    struct cl_fp_slot *v;
    size_t cap, used;
} cl_fpset;

/* How many times fingerprint H was seen, this time included; 0 when out
 * of memory. */
size_t cl_fpset_count(cl_fpset *fs, uint64_t h);
void cl_fpset_clear(cl_fpset *fs);

/* A rule's name as a JSON string: ID in PascalCase ("rubio-mexico.trip" is
 * "RubioMexicoTrip"). */
void cl_sarif_name(cl_buf *b, const char *id);

/* SARIF's level for a claimlint level: info is "note", ok is "none". */
const char *cl_sarif_level(cl_level l);

/* Append the file name NAME to B as a URI reference: "<stdin>" is "stdin",
 * an absolute path becomes a file:// URI, and every byte that may not stand
 * as itself in a URI path is percent-encoded (":" too, so that a relative
 * name like "a:b.txt" is not read as a scheme; non-ASCII bytes too). */
void cl_sarif_uri(cl_buf *b, const char *name);

/* Append ,"KEY":{...} for the LINE:COL..END_LINE:END_COL span with
 * snippet TEXT (LEN bytes). */
void cl_sarif_region(cl_buf *b, const char *key, unsigned line, unsigned col, unsigned end_line,
                     unsigned end_col, const char *text, size_t len);

/* The end of the log after the results array: the tool (claimlint, its
 * version, the reportingDescriptors RULES_JSON, comma-separated), the
 * ARTIFACTS (URIs) as analysis targets, the closing brackets. */
void cl_sarif_tail(cl_buf *b, const cl_buf *rules_json, const cl_strset *artifacts);

/* junit (emit_junit.c) */
#define CL_JUNIT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"

/* Append the N bytes at S to B escaped for XML 1.0 text, or for a quoted
 * attribute value when ATTR (see emit_junit.c); cl_xml_str for a NUL-
 * terminated S (NULL appends nothing). */
void cl_xml_escape(cl_buf *b, const char *s, size_t n, int attr);
void cl_xml_str(cl_buf *b, const char *s, int attr);

/* The timestamp of now (or of SOURCE_DATE_EPOCH when it is a number) as
 * YYYY-MM-DDTHH:MM:SS, UTC; the host name (once: HOST starts empty), or
 * "localhost" with SOURCE_DATE_EPOCH. */
void cl_junit_timestamp(char buf[32]);
void cl_junit_host(char host[256]);

/* "  <testsuite ...>" named NAME, number ID, with its counts, and the
 * open <properties> with claimlint's version; the caller closes it. */
void cl_junit_suite_open(cl_buf *b, const char *name, size_t id, const char *host,
                         size_t tests, size_t failures);

/* html (emit_html.c) */
#define CL_HTML_HEAD                                                                             \
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"                       \
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "               \
    "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"                         \
    "<meta name=\"referrer\" content=\"no-referrer\">\n"                                           \
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"

/* Append the N bytes of UTF-8 at S to B escaped for HTML text (TEXT) or a
 * quoted attribute value (see emit_html.c); cl_html_escs for a NUL-
 * terminated S (NULL appends nothing), attribute-safe. */
void cl_html_esc(cl_buf *b, const char *s, size_t n, int text);
void cl_html_escs(cl_buf *b, const char *s);

/* After CL_HTML_HEAD "<title>" and the title: close it, the report's
 * style sheet (with COMPARE, and compare's rules), open the body. */
void cl_html_head_end(cl_buf *b, int compare);

/* A badge NAME (a level or status name: its class is cl-badge-NAME); the
 * counts by level as badges, errors first. */
void cl_html_badge(cl_buf *b, const char *name);
void cl_html_counts(cl_buf *b, const size_t counts[4]);

/* ---- emit_compare.c and emit_compare_*.c: compare's output ---------- */

/* One output format of compare: a table row in emit_compare.c. STATE_SIZE
 * bytes of zeroed state are allocated for it. RESULT writes one draft's
 * findings (called after they are counted), FINISH what remains. */
struct cl_cmp_emitter_ops {
    const char *name;
    size_t state_size;
    int (*result)(cl_cmp_emitter *e, const cl_cmp_result *r);
    int (*finish)(cl_cmp_emitter *e);
    void (*free)(cl_cmp_emitter *e);
};

struct cl_cmp_emitter {
    const struct cl_cmp_emitter_ops *ops;
    FILE *f;
    unsigned flags;
    size_t counts[4]; /* findings by level */
    size_t drafts;    /* results written */
    cl_buf out;       /* pending output, flushed by cl_cmp_flush */
    int failed;       /* as cl_out_flush's */
    void *state;
};

extern const struct cl_cmp_emitter_ops cl_cmp_emit_text, cl_cmp_emit_gnu, cl_cmp_emit_json,
    cl_cmp_emit_jsonl, cl_cmp_emit_sarif, cl_cmp_emit_junit, cl_cmp_emit_rdjsonl,
    cl_cmp_emit_html;

/* Whether finding F is one to write: above ok, of a known code and level. */
#define CL_CMP_SHOWN(f)                                                                          \
    ((f)->level > CL_LEVEL_OK && (unsigned)(f)->level < 4 && (unsigned)(f)->code < CL_CMP_NCODES)

/* Write E->out to E->f and empty it (cl_out_flush). */
int cl_cmp_flush(cl_cmp_emitter *e);

/* A static English description of CODE ("the source hedges, the draft
 * asserts"). */
const char *cl_cmp_code_description(cl_cmp_code code);

/* The source sentence finding F of R is shown with: the one it was
 * compared with, else (unsupported) the closest the draft sentence was
 * aligned with, then *CLOSEST is 1; NULL when there is none. */
const cl_cmp_sentence *cl_cmp_related(const cl_cmp_result *r, const cl_cmp_finding *f,
                                      int *closest);

/* The byte offsets [*FROM, *TO) of code points [START, END) of TEXT (LEN
 * bytes of UTF-8), clamped to it. */
void cl_cp_bytes(const char *text, size_t len, size_t start, size_t end, size_t *from,
                 size_t *to);

/* Append the code points [START, END) of S's text to B. */
void cl_cmp_words(cl_buf *b, const cl_cmp_sentence *s, size_t start, size_t end);

/* The byte offset in DATA (LEN bytes) of LINE and COLUMN as claimlint
 * counts them (1-based, code points, a byte-order mark not counted),
 * clamped to the end of the line and of the data. */
size_t cl_line_col_byte(const char *data, size_t len, unsigned line, unsigned column);

/* Append finding F of R as one JSON object (no newline) to B. */
void cl_cmp_json_finding(cl_buf *b, const cl_cmp_result *r, const cl_cmp_finding *f);

/* ---- check.c ---------------------------------------------------------- */

/* The counts of the matcher of workspace WS; owned by WS. */
const cl_match_stats *cl_workspace_stats(const cl_workspace *ws);

/* The source that attribution A (or NULL) of sentence S names, written to
 * B: the subject of the cue; for a quotation (QUOTED), the source named by
 * an attribution of the sentence, else the paragraph's last one. Returns
 * B's text, or NULL when there is none (or "" when out of memory, with
 * B->failed set). */
const char *cl_attribution_source(cl_buf *b, const cl_sentence *s, const cl_cue *a, int quoted);

/* Format claim C's message for STATUS, deciding CUE and SOURCE (who says
 * it, or NULL) into B. */
int cl_format_message(cl_buf *b, const cl_claim *c, cl_status status, const cl_sentence *s,
                      const cl_cue *cue, const char *source);

/* ---- cues.c ----------------------------------------------------------- */

/* A growable cue array, reused from sentence to sentence. */
typedef struct cl_cuevec {
    cl_cue *v;
    size_t n, cap;
    /* scratch of cl_cues_find, kept for the next sentence */
    struct cl_cuevec *cand;
    unsigned char *marks;
    size_t marks_cap;
} cl_cuevec;

/* Find the cues of RULES among the N tokens TOKS (stems filled when
 * cl_rules_need_stems) and resolve their scopes; OUT is cleared first and
 * ends sorted by position. Returns 0 or CL_ENOMEM. */
int cl_cues_find(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out);

void cl_cuevec_free(cl_cuevec *v);

/* Whether an attribution cue of RULES matches among the N tokens TOKS
 * (as cl_cues_candidates would find it): 0 means cl_cues_find finds none. */
int cl_cues_may_attribute(const cl_rules *r, const cl_token *toks, size_t n);

/* Every phrase of RULES that matches among the N tokens TOKS, before any
 * is chosen (no scopes), into OUT (cleared first). For explanations. */
int cl_cues_candidates(const cl_rules *r, const cl_token *toks, size_t n, cl_cuevec *out);

/* Why the scope part SIDE (0 backward, 1 forward) of CUE stops where it
 * does: "terminator" (then *TERM is that terminator), "window",
 * "sentence end", "sentence start" or "none" (no scope). */
const char *cl_cue_scope_stop(const cl_cue *cue, int side, const cl_token *toks, size_t n,
                              const cl_cue *cues, size_t ncues, const cl_cue **term);

/* ---- attrib.c --------------------------------------------------------- */

/* Whether token T is a quotation mark (straight, curly, guillemet). */
int cl_token_is_quote(const cl_token *t);

/* Give each attribution cue among CUES (of the N tokens TOKS of sentence
 * text TEXT, scopes resolved) the clause it governs as its scope and the
 * source it names, and widen to that clause the scope of a negation or
 * hedge in its verb group ("X falsely claimed P"). */
void cl_attribution_shape(const cl_token *toks, size_t n, const char *text, cl_cue *cues,
                          size_t ncues);

/* Set FLAGS[i] (N bytes) for each token of the LEN bytes of sentence TEXT
 * that lies inside a quotation of someone's words; OPEN_IN when a
 * quotation opened before the sentence is still open. Returns whether one
 * is still open at its end. */
int cl_quotes_mark(const char *text, size_t len, const cl_token *toks, size_t n, int open_in,
                   unsigned char *flags);

/* ---- number.c --------------------------------------------------------- */

/* The number written at token I of S (one token or several: "£95,500",
 * "3.5 million", "two-thirds", "13.8 per cent"): returns how many tokens
 * it takes (0: none is there), its value in *VALUE and its unit in UNIT
 * ("%", "USD", "GBP", ...; "" when none is written). */
size_t cl_number_at(const cl_sentence *s, size_t i, double *value, char unit[8]);

/* Whether VALUE in UNIT is what SPEC asks for. */
int cl_number_fits(const cl_numspec *spec, double value, const char *unit);

/* The unit a rule file names ("%", "percent", "GBP", "usd", "$"), in its
 * canonical form into OUT; -1 when unknown. */
int cl_number_unit(const char *name, char out[8]);

/* ---- draft.c ---------------------------------------------------------- */

/* The verdict a drafted claim gets from the status STATUS of its source
 * sentence, in *VERDICT, and the level its stated status is overridden
 * with in *STATED (CL_LEVEL_OK: none): stated -> supported; attributed ->
 * supported, stated a warning (restating it without the attribution is
 * flagged); hedged -> disputed; negated -> refuted. */
void cl_draft_verdict(cl_status status, cl_verdict *verdict, cl_level *stated);

/* The claim title made of the LEN bytes of statement TEXT into B (emptied
 * first): its first letter upper-cased, cut after 100 characters at a word
 * boundary with "...". Returns 0 or CL_ENOMEM. */
int cl_draft_title(cl_buf *b, const char *text, size_t len);

/* S as an id into OUT (CAP bytes): ASCII letters and digits lower-cased,
 * runs of other characters one '-', "r-" before a start that is not a
 * letter. Returns 0, or -1 when nothing is left. */
int cl_draft_slug(char *out, size_t cap, const char *s);

/* ---- json.c ----------------------------------------------------------- */

/* Append the N bytes at S (UTF-8) to B as a JSON string literal with quotes.
 * Control characters, quotes, backslashes, U+2028/U+2029 and "</" are
 * escaped, so the result is also safe inside an HTML <script>. */
int cl_json_str(cl_buf *b, const char *s, size_t n);

/* Writing a JSON object into B in one reserved stretch: cl_json_w_begin
 * reserves BUDGET bytes past the end of B; the caller then writes at most
 * that much at P (its own bytes directly, strings with cl_json_w_str, each
 * counted in the budget as N + 2: its escapes grow the buffer as needed)
 * and cl_json_w_end sets B's length to P. Every function returns 0 or
 * CL_ENOMEM (B then marked failed). After a failed begin nothing may be
 * written at P; after a failed string the caller's own bytes still fit and
 * cl_json_w_end reports the failure. B keeps owning its memory; P is only
 * valid until the next change of B other than through W. */
typedef struct cl_json_w {
    cl_buf *b;
    char *p;    /* where the next byte goes */
    size_t end; /* offset in B->data the budget reaches */
} cl_json_w;

int cl_json_w_begin(cl_json_w *w, cl_buf *b, size_t budget);
int cl_json_w_str(cl_json_w *w, const char *s, size_t n);
int cl_json_w_end(cl_json_w *w);

#endif
