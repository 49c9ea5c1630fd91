/* claimlint.h - public interface of libclaimlint, the claim linter library.
 *
 * The pipeline: a document (cl_doc) is split into sentences, each sentence
 * into tokens; a cue lexicon (part of a cl_rules set) marks negation,
 * hedge, hypothetical, attribution, pseudo and terminator cues with their
 * scopes and quotations are found; the claims of the rule set are matched
 * (cl_check), each occurrence gets its status (stated, attributed, hedged,
 * negated) and, from the claim's verdict, a severity; an emitter writes
 * them in one output format.
 *
 * Conventions: functions return 0 or a negative cl_error code; the detail of
 * the last error of the calling thread is in cl_error_last(). Constructors
 * take the out-parameter first and set it to NULL on failure; every
 * cl_x_free(NULL) does nothing. The library never prints diagnostics: those
 * about rule files go to the callback installed with cl_rules_set_diag().
 */
#ifndef CLAIMLINT_H
#define CLAIMLINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Public entry points are marked CL_EXTERN; everything else in the library is
 * hidden from the shared object. */
#if defined(__GNUC__) && defined(CL_BUILDING_LIBRARY)
#define CL_EXTERN __attribute__((visibility("default")))
#else
#define CL_EXTERN
#endif

/* ---- errors ------------------------------------------------------------ */

typedef enum cl_error {
    CL_OK = 0,
    CL_ENOMEM = -1,   /* out of memory */
    CL_EIO = -2,      /* a file could not be read or written */
    CL_EPARSE = -3,   /* malformed XML or data file */
    CL_ESCHEMA = -4,  /* a rule file breaks the schema or a rule */
    CL_EUTF8 = -5,    /* input is not valid UTF-8 */
    CL_EINVAL = -6,   /* bad argument */
    CL_EINPUT = -7    /* input cannot be checked (binary, NUL bytes, UTF-16) */
} cl_error;

/* A static English description of CODE. */
CL_EXTERN const char *cl_strerror(int code);

typedef enum cl_severity {
    CL_SEV_NOTE = 0,
    CL_SEV_WARNING = 1,
    CL_SEV_ERROR = 2
} cl_severity;

/* One diagnostic: where (FILE may be NULL; LINE, COLUMN 1-based, 0 when
 * unknown) and what. Strings are borrowed: valid during a callback, or until
 * the next failing call of the same thread for cl_error_last(). */
typedef struct cl_diag {
    int code;
    cl_severity severity;
    const char *file;
    unsigned line, column;
    const char *message;
} cl_diag;

typedef void (*cl_diag_fn)(const cl_diag *diag, void *userdata);

/* The last error recorded by a failing call in this thread, or NULL. */
CL_EXTERN const cl_diag *cl_error_last(void);

/* The library's version string, e.g. "0.1.0". */
CL_EXTERN const char *cl_version(void);

/* ---- rules: cue lexicons and loading ------------------------------------- */

typedef enum cl_cue_kind {
    CL_CUE_NEGATION = 0,
    CL_CUE_HEDGE,
    CL_CUE_PSEUDO,
    CL_CUE_TERMINATOR,
    CL_CUE_ATTRIBUTION,
    CL_CUE_HYPOTHETICAL /* future, plans, conditions, questions: a match in
                         * its scope is hedged, as in ConText */
} cl_cue_kind;

typedef enum cl_direction {
    CL_DIR_FORWARD = 0,
    CL_DIR_BACKWARD,
    CL_DIR_BOTH,
    CL_DIR_NONE /* pseudo-cues have no scope */
} cl_direction;

/* What a cue's scope runs over: up to WINDOW (BEFORE) words, cut at any
 * terminator; its clause (commas and quotation marks do not end it, the
 * window still caps it); or the rest of the sentence in its direction.
 * Attribution cues always govern their clause (see cl_cue). */
typedef enum cl_scope_kind {
    CL_SCOPE_WINDOW = 0,
    CL_SCOPE_CLAUSE,
    CL_SCOPE_SENTENCE
} cl_scope_kind;

/* Static names of a cue kind ("negation", ...) and a direction ("forward"). */
CL_EXTERN const char *cl_cue_kind_name(cl_cue_kind kind);
CL_EXTERN const char *cl_direction_name(cl_direction dir);

/* One cue of a lexicon, as written in its rule file. Owned by the cl_rules.
 * For a terminator, DIRECTION says which scopes it ends: those running
 * forward into it, backward into it, or both. */
typedef struct cl_cue_def {
    cl_cue_kind kind;
    cl_direction direction;
    unsigned window;     /* forward scope length in word tokens */
    unsigned before;     /* backward scope length in word tokens */
    int inflected;       /* words match by Snowball stem */
    cl_scope_kind scope; /* what the scope runs over */
    unsigned affix;      /* affixal cue: the affix's length in code points */
    int suffix;          /* the affix ends the word ("-less"), else starts it */
    const char *phrase;  /* as written, white space collapsed */
    const char *file;    /* rule file that declares it */
    unsigned line;
} cl_cue_def;

/* A set of rules: cue lexicons and claims. Load files, compile, then share
 * read-only between threads. */
typedef struct cl_rules cl_rules;

/* Create an empty rule set in *OUT. */
CL_EXTERN int cl_rules_new(cl_rules **out);

/* Send every diagnostic about rule files (XML, schema and rule errors, each
 * with file and line) to FN. Without a callback only cl_error_last() tells. */
CL_EXTERN void cl_rules_set_diag(cl_rules *rules, cl_diag_fn fn, void *userdata);

/* Let <include>s reach files outside the rule tree (by default an include
 * may name only files below the directory of the rule file or directory
 * given to cl_rules_load, and shipped files as "claimlint:NAME"). */
CL_EXTERN void cl_rules_allow_outside_includes(cl_rules *rules, int allow);

/* Load the rule file PATH, following its <include>s (relative to the
 * including file; each file is read once, a cycle is an error). PATH may be a
 * directory: every *.xml file below it, in name order. Returns 0, or
 * CL_EIO / CL_EPARSE / CL_ESCHEMA after reporting every error found. */
CL_EXTERN int cl_rules_load(cl_rules *rules, const char *path);

/* Load the standard cue lexicon shipped with claimlint (cues/en.xml). */
CL_EXTERN int cl_rules_load_default(cl_rules *rules);

/* Finish loading: when no file declared any cue, the standard lexicon is
 * loaded; then the words of cues and claims are numbered (stems of
 * inflected ones), duplicate claim ids reported, the claims' prefilter and
 * the cue index built and the abbreviations loaded, and what loading held
 * (the schema, the list of files read) is freed. After this the set is
 * read-only and may be shared by threads; loading more is CL_EINVAL. */
CL_EXTERN int cl_rules_compile(cl_rules *rules);

/* Number of cues, and the I-th (borrowed from RULES). */
CL_EXTERN size_t cl_rules_cue_count(const cl_rules *rules);
CL_EXTERN const cl_cue_def *cl_rules_cue(const cl_rules *rules, size_t i);

/* Free RULES; NULL is fine. */
CL_EXTERN void cl_rules_free(cl_rules *rules);

/* ---- documents, sentences, tokens, cues ---------------------------------- */

typedef enum cl_split_mode {
    CL_SPLIT_AUTO = 0,  /* prose: punctuation, abbreviations, line structure */
    CL_SPLIT_LINES      /* every non-blank line is one sentence */
} cl_split_mode;

typedef enum cl_token_kind {
    CL_TOK_WORD = 0,
    CL_TOK_NUMBER,
    CL_TOK_PUNCT,
    CL_TOK_SYMBOL,
    CL_TOK_URL,
    CL_TOK_EMAIL
} cl_token_kind;

/* Static name of a token kind ("word", "number", ...). */
CL_EXTERN const char *cl_token_kind_name(cl_token_kind kind);

/* A token of a sentence. Offsets are into the sentence's text: bytes and
 * Unicode code points, 0-based, end-exclusive. FOLD is the case-folded form
 * (curly apostrophes straightened; "n't" for "n’t"; "can" for the "ca" of
 * "can't"); STEM is its Snowball English stem, or NULL when not computed.
 * FOLD_ID and STEM_ID number FOLD and STEM in the rule set's vocabulary,
 * the words its cues and claims name (0: a word no rule names). */
typedef struct cl_token {
    uint32_t start, end;
    uint32_t cstart, cend;
    cl_token_kind kind;
    const char *fold;
    const char *stem;
    uint32_t fold_id, stem_id;
} cl_token;

/* Token indices [start, end); empty when start == end. */
typedef struct cl_range {
    uint32_t start, end;
} cl_range;

/* A cue found in a sentence: its own tokens and its scope, a backward part
 * (before the cue) and a forward part (after it), either possibly empty.
 * An attribution cue's scope is what it reports (the clause it governs:
 * "X said P", "P, X said", "according to X, P"), and SOURCE the tokens that
 * name who says it ("X"; empty when the sentence names nobody). */
typedef struct cl_cue {
    const cl_cue_def *def;
    cl_range tokens;
    cl_range scope[2];
    cl_range source;
} cl_cue;

/* A sentence. TEXT is the sentence as in the file, with each line break
 * (and the blanks around it) replaced by one space; it is NUL-terminated.
 * LINE and COLUMN locate its first character in the original file; END_LINE
 * and END_COLUMN the position just after its last character (1-based lines,
 * 1-based columns counted in Unicode code points; a tab is one column). */
typedef struct cl_sentence {
    const char *text;
    size_t len;     /* bytes */
    size_t nchars;  /* code points */
    unsigned line, column, end_line, end_column;
    size_t start_byte, end_byte; /* the same span as byte offsets in the file */
    const cl_token *tokens;
    size_t ntokens;
    const cl_cue *cues;
    size_t ncues;
    /* quotations: QUOTED[i] is nonzero when token i lies inside a quotation
     * of someone's words (a scare quote of a few words is not one);
     * IN_QUOTE when the sentence begins inside a quotation that an earlier
     * sentence of its paragraph opened; SPEAKER the source named by the
     * last attribution of the paragraph before this sentence, or NULL */
    const unsigned char *quoted;
    int in_quote;
    const char *speaker;
} cl_sentence;

typedef struct cl_doc cl_doc;

/* Read the file PATH ("-" for standard input) into a new document in *OUT.
 * NAME is the name used in messages and output (NULL: PATH). The text must
 * be UTF-8 (a UTF-8 byte-order mark is skipped); invalid UTF-8 is CL_EUTF8
 * and NUL bytes or UTF-16 are CL_EINPUT, with the position in
 * cl_error_last(). */
CL_EXTERN int cl_doc_load(cl_doc **out, const char *path, const char *name);

/* Make a document of the LEN bytes at DATA (copied), named NAME. */
CL_EXTERN int cl_doc_new(cl_doc **out, const char *name, const char *data, size_t len);

/* The name given at creation (borrowed). */
CL_EXTERN const char *cl_doc_name(const cl_doc *doc);

typedef enum cl_input_format {
    CL_INPUT_TEXT = 0,
    CL_INPUT_MARKDOWN,
    CL_INPUT_HTML
} cl_input_format;

/* The input format named NAME ("text", "markdown" or "md", "html"), or -1. */
CL_EXTERN int cl_input_format_parse(const char *name);

/* The input format for a file name, by its extension (.md, .markdown,
 * .html, .htm, .xhtml, ...); plain text for anything else. */
CL_EXTERN cl_input_format cl_input_format_for_path(const char *path);

/* Read DOC as FORMAT: Markdown and HTML are reduced to their prose (code,
 * comments, URLs, scripts and front matter left out; blocks such as
 * headings, list items and table cells bound sentences), and every
 * position reported still points into the original file. Call before
 * cl_doc_analyze. */
CL_EXTERN int cl_doc_set_format(cl_doc *doc, cl_input_format format);

/* The document's original bytes (borrowed; NUL-terminated), *LEN their
 * number. Byte offsets in sentences and occurrences point into them. */
CL_EXTERN const char *cl_doc_text(const cl_doc *doc, size_t *len);

enum {
    CL_ANALYZE_CUES = 1 << 0,  /* find cues and scopes (needs RULES) */
    CL_ANALYZE_STEMS = 1 << 1  /* compute every token's stem */
};

/* Segment DOC with MODE and prepare to analyze its sentences one by one with
 * cl_doc_next(). RULES (borrowed, compiled, may be NULL without
 * CL_ANALYZE_CUES) must outlive the iteration. */
CL_EXTERN int cl_doc_analyze(cl_doc *doc, const cl_rules *rules, cl_split_mode mode,
                             unsigned flags);

/* Analyze the next sentence: *OUT points to it (owned by DOC, valid until
 * the next call). Returns 1 with a sentence, 0 at the end, or < 0. */
CL_EXTERN int cl_doc_next(cl_doc *doc, const cl_sentence **out);

/* Free DOC; NULL is fine. */
CL_EXTERN void cl_doc_free(cl_doc *doc);

/* Code-point span of cue C itself in sentence S: its tokens, or only its
 * affix for an affixal cue ("un" of "unable"). */
CL_EXTERN void cl_cue_chars(const cl_sentence *s, const cl_cue *c, size_t *start, size_t *end);

/* The scope of cue C as up to three code-point spans of S's text, in text
 * order: the backward part, the rest of an affixal cue's word, the forward
 * part. Returns the number of spans written to SPANS (pairs start, end). */
CL_EXTERN size_t cl_cue_scope_chars(const cl_sentence *s, const cl_cue *c, size_t spans[3][2]);

/* Code-point offset, in the sentence's text, of the cue or scope range R:
 * [*START, *END). An empty range gives *START == *END. */
CL_EXTERN void cl_sentence_range_chars(const cl_sentence *s, cl_range r, size_t *start,
                                       size_t *end);

/* ---- claims -------------------------------------------------------------- */

typedef enum cl_verdict {
    CL_VERDICT_SUPPORTED = 0,
    CL_VERDICT_UNSUPPORTED,
    CL_VERDICT_REFUTED,
    CL_VERDICT_DISPUTED
} cl_verdict;

/* How a document makes a claim. CL_STATUS_NONE and CL_STATUS_MATCH only
 * describe examples: ones the claim must not match at all, and ones it
 * must match whatever the status. */
typedef enum cl_status {
    CL_STATUS_STATED = 0,
    CL_STATUS_ATTRIBUTED, /* reported as someone's words or belief */
    CL_STATUS_HEDGED,
    CL_STATUS_NEGATED,
    CL_STATUS_UNSTATED,
    CL_STATUS_NONE,
    CL_STATUS_MATCH
} cl_status;

/* Severity of a finding, in increasing order. */
typedef enum cl_level {
    CL_LEVEL_OK = 0,
    CL_LEVEL_INFO,
    CL_LEVEL_WARNING,
    CL_LEVEL_ERROR
} cl_level;

/* Static names: "supported", "stated", "warning", ... */
CL_EXTERN const char *cl_verdict_name(cl_verdict v);
CL_EXTERN const char *cl_status_name(cl_status s);
CL_EXTERN const char *cl_level_name(cl_level l);

/* Parse a level name ("ok", "info", "warning", "error"); -1 when unknown. */
CL_EXTERN int cl_level_parse(const char *name);

/* An <example> of a claim: a sentence and the status it must get
 * (CL_STATUS_NONE: the claim must not match it). */
typedef struct cl_example {
    cl_status status;
    const char *text;
    unsigned line;
} cl_example;

/* Evidence named by a <source>; HREF may be NULL. */
typedef struct cl_source {
    const char *href;
    const char *text;
} cl_source;

/* A declared claim, owned by its cl_rules. ID is "RULESET.CLAIM". LEVELS
 * holds the severity for each status (stated, attributed, hedged, negated,
 * unstated; indexed by cl_status) after the default policy, the claim's
 * overrides and required="yes". */
typedef struct cl_claim {
    const char *id;
    const char *ruleset;
    const char *local_id;
    const char *title;
    const char *message;  /* template, or NULL for the default message */
    cl_verdict verdict;
    int required;
    cl_level levels[5];
    const cl_source *sources;
    size_t nsources;
    const cl_example *examples;
    size_t nexamples;
    const char *file;
    unsigned line;
    size_t index; /* its place in RULES: cl_rules_claim(rules, index) */
} cl_claim;

/* Number of claims, and the I-th (borrowed from RULES), in load order;
 * the I-th claim's INDEX is I. */
CL_EXTERN size_t cl_rules_claim_count(const cl_rules *rules);
CL_EXTERN const cl_claim *cl_rules_claim(const cl_rules *rules, size_t i);

/* How many claims of RULES (compiled) the prefilter cannot index: a claim
 * with a <regex> that has no plain literal of four characters or more, or
 * a pattern made only of regex tokens. Those are tried
 * on every sentence; the others only where their words occur. */
CL_EXTERN size_t cl_rules_prefilter_fallbacks(const cl_rules *rules);

/* Why claim I of RULES (compiled) is tried on every sentence (a static
 * English phrase: "its <regex> has no ..."), with the line of the regex or
 * pattern at fault in *LINE; NULL when the prefilter finds it by its
 * words. */
CL_EXTERN const char *cl_rules_claim_unindexed(const cl_rules *rules, size_t i, unsigned *line);

/* The default severity for VERDICT and STATUS (DESIGN.md's table:
 * attributed is ok for supported and disputed claims, info for
 * unsupported ones and a warning for refuted ones). */
CL_EXTERN cl_level cl_policy_default(cl_verdict verdict, cl_status status, int required);

/* One occurrence of a claim in a document, given to a cl_check callback.
 * For an unstated claim SENTENCE is NULL and the positions are 0. Pointers
 * are valid during the callback only. */
typedef struct cl_occurrence {
    const cl_claim *claim;
    cl_status status;
    cl_level level;
    const char *message;         /* formatted */
    const cl_sentence *sentence;
    cl_range match;              /* tokens of the match in the sentence */
    size_t match_start, match_end; /* code points in the sentence text */
    unsigned line, column, end_line, end_column; /* of the match, original file */
    size_t start_byte, end_byte; /* the match as byte offsets in the file */
    const cl_cue *cue;           /* the cue that decided the status, or NULL */
    const cl_cue *const *cues;   /* every negation, hedge or attribution cue
                                  * covering it */
    size_t ncues;
    /* who the text says makes the claim, whatever the status: ATTRIBUTION
     * the attribution cue covering the match (NULL when none), QUOTED
     * nonzero when most of its words lie inside a quotation, SOURCE the
     * speaker or writer the text names ("the mayor": the subject of the
     * cue, or for a quotation the speaker named in the sentence or last
     * named in the paragraph), NULL when it names nobody or neither
     * applies. An attributed occurrence has an ATTRIBUTION or is QUOTED. */
    const cl_cue *attribution;
    int quoted;
    const char *source;
    /* set when a claimlint-disable comment turns the claim off here: the
     * comment's line and its reason ("" when it gives none) */
    int suppressed;
    unsigned suppressed_line;
    const char *suppressed_reason;
} cl_occurrence;

/* What cl_check reports to: every occurrence (whatever its level, and
 * suppressed ones marked as such), in document order, then the unstated
 * claims in rule order; and warnings (a regex that hit its match limit, an
 * unknown claim id in a claimlint-disable comment) to DIAG, which may be
 * NULL. */
typedef struct cl_workspace cl_workspace;

typedef struct cl_check_cb {
    void (*occurrence)(const cl_doc *doc, const cl_occurrence *occ, void *userdata);
    cl_diag_fn diag;
    void *userdata;
    /* optional (NULL: cl_check makes and frees its own): scratch reused
     * from one document to the next, see cl_workspace_new */
    cl_workspace *workspace;
    /* nonzero: leave out the unstated claims whose level is ok and that
     * no comment suppresses, which a linter has nothing to say about; with
     * many claims and many small documents they are most of the calls */
    int skip_ok_unstated;
} cl_check_cb;

/* Scratch that cl_check reuses across documents instead of making it anew
 * for each: the stemmer with its cache of stems and the regex match state.
 * Worth it for many small files. A workspace serves one thread at a time;
 * it reads CLAIMLINT_NO_SIEVE once, when made. Returns 0 and the workspace
 * in *OUT (free it with cl_workspace_free), or CL_ENOMEM. */
CL_EXTERN int cl_workspace_new(cl_workspace **out);

/* Free WS; NULL is fine. */
CL_EXTERN void cl_workspace_free(cl_workspace *ws);

/* Check DOC against the claims of RULES (compiled). Returns 0 or < 0 when
 * the document could not be checked (then the last error says why). */
CL_EXTERN int cl_check(cl_doc *doc, const cl_rules *rules, cl_split_mode mode,
                       const cl_check_cb *cb);

/* Run every <example> of RULES: for each, call FN with the claim, the
 * example and the status it got (CL_STATUS_NONE when the claim did not
 * match; CUE the deciding cue or NULL). Returns the number of examples
 * whose status differs from the expected one, or < 0 on error. */
typedef void (*cl_example_fn)(const cl_claim *claim, const cl_example *ex, cl_status got,
                              const cl_cue *cue, const char *matched, void *userdata);
CL_EXTERN int cl_rules_test(const cl_rules *rules, cl_example_fn fn, void *userdata);

/* Whether example EX passes with status GOT: the same status, or any for
 * an example of status CL_STATUS_MATCH (the claim matched). */
CL_EXTERN int cl_example_passes(const cl_example *ex, cl_status got);

/* ---- drafting rules from a source ---------------------------------------- */

/* Draft a starter rule file from the source article DOC (read, its format
 * set; analyzed again here) and write it to F: a comment on what it is,
 * the standard cue lexicon included as "claimlint:cues/en.xml" (so the
 * file loads wherever it is written), then one <claim> per check-worthy
 * statement of the source (a sentence with a verb, final punctuation and
 * five words or more; headings, datelines and captions are left out): a
 * title, a <source> naming DOC's file and line, a <near> on the
 * statement's rarest words in the source (names as written, numbers by
 * value, other words by stem; more words while another sentence has them
 * all), the sentence as an <example> with the status claimlint reads in
 * it, and a verdict from how the source words it: stated -> supported,
 * attributed -> supported with stated="warning", hedged -> disputed,
 * negated -> refuted. The rules are loaded and run on DOC before they are
 * written, so that `rules test` passes on them and checking DOC with them
 * finds nothing at error level. ID is the rule set's id (NULL: the slug
 * of DOC's base name). *NCLAIMS gets the number of claims written (0 when
 * no statement is check-worthy: the file then has none). Returns 0,
 * CL_EINPUT when DOC has no text, CL_EINVAL for a bad ID, or another
 * error (the last error says which). Nothing is written on failure. */
CL_EXTERN int cl_draft(FILE *f, cl_doc *doc, const char *id, size_t *nclaims);

/* ---- configuration -------------------------------------------------------- */

/* A project configuration, .claimlint.xml (schema rules/config.rng). */
typedef struct cl_config cl_config;

/* Look for .claimlint.xml in DIR and its parents: *OUT gets a malloc'd
 * path (the caller frees it), or NULL when there is none. */
CL_EXTERN int cl_config_find(char **out, const char *dir);

/* Load the configuration at PATH into *OUT; errors (XML, schema) go to FN
 * with file and line, and the last error. */
CL_EXTERN int cl_config_load(cl_config **out, const char *path, cl_diag_fn fn, void *userdata);

/* The configuration's path (borrowed). */
CL_EXTERN const char *cl_config_path(const cl_config *c);

/* Its rule files and directories, resolved against its directory. */
CL_EXTERN size_t cl_config_rules_count(const cl_config *c);
CL_EXTERN const char *cl_config_rules(const cl_config *c, size_t i);

/* Its <fail-on>: a cl_level, CL_LEVEL_ERROR + 1 for "never", -1 unset. */
CL_EXTERN int cl_config_fail_on(const cl_config *c);

/* The <ignore> glob that matches the file PATH (borrowed), or NULL. Globs
 * are relative to the configuration's directory; a directory name followed
 * by a slash and two stars is everything below it; a glob without a slash
 * also matches bare file names. */
CL_EXTERN const char *cl_config_ignored(const cl_config *c, const char *path);

/* Apply the <severity> overrides to the compiled RULES (rule sets first,
 * then claims); an id that names nothing is a warning to the callback. */
CL_EXTERN int cl_config_apply(cl_config *c, cl_rules *rules);

CL_EXTERN void cl_config_free(cl_config *c);

/* ---- output -------------------------------------------------------------- */

typedef enum cl_format {
    CL_FORMAT_TEXT = 0,
    CL_FORMAT_JSONL
} cl_format;

enum {
    CL_WRITE_CUES = 1 << 0,  /* include the cues of each sentence */
    CL_WRITE_COLOR = 1 << 1, /* ANSI colours in text output */
    CL_WRITE_QUIET = 1 << 2  /* no summary line in text output */
};

/* Write sentence S of DOC to F in FORMAT (text: "FILE:LINE:COL: TEXT";
 * jsonl: one object per line). Returns 0 or CL_EIO when writing fails. */
CL_EXTERN int cl_sentence_write(FILE *f, const cl_doc *doc, const cl_sentence *s,
                                cl_format format, unsigned flags);

/* Explain every sentence of DOC (split with MODE) to F: its tokens with
 * folded forms and stems, each cue with the rule that declared it, its
 * direction, window and scope and what ended the scope, then each claim
 * match with its status and the cues that decided it. */
CL_EXTERN int cl_explain_doc(FILE *f, cl_doc *doc, const cl_rules *rules, cl_split_mode mode);

/* An emitter turns occurrences into one output format, for `check`
 * ("text", "json", "jsonl") or `report` ("report-text", "report-json").
 * Feed it with cl_emitter_occurrence from a cl_check callback, call
 * cl_emitter_end_file after each document and cl_emitter_finish once. */
typedef struct cl_emitter cl_emitter;

/* Create an emitter of FORMAT writing to F, for the claims of RULES (both
 * borrowed and kept until cl_emitter_free). CL_EINVAL for an unknown
 * format. */
CL_EXTERN int cl_emitter_new(cl_emitter **out, const char *format, FILE *f, unsigned flags,
                             const cl_rules *rules);
/* The rules the next documents are checked with (borrowed; RULES given to
 * cl_emitter_new may be NULL when each document sets its own). */
CL_EXTERN void cl_emitter_set_rules(cl_emitter *e, const cl_rules *rules);
CL_EXTERN int cl_emitter_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o);
CL_EXTERN int cl_emitter_end_file(cl_emitter *e, const cl_doc *doc);
/* Write what remains (closing brackets, the summary). CL_EIO when any write
 * failed. */
CL_EXTERN int cl_emitter_finish(cl_emitter *e);
/* Findings written so far at LEVEL or above. */
CL_EXTERN size_t cl_emitter_count(const cl_emitter *e, cl_level level);
CL_EXTERN void cl_emitter_free(cl_emitter *e);

/* Name and one-line description of the I-th format; 0 past the last. */
CL_EXTERN int cl_emitter_format(size_t i, const char **name, const char **description);

/* ---- compare: a draft checked against its source ------------------------ */

/* What a draft sentence does to the source it restates. */
typedef enum cl_cmp_code {
    CL_CMP_NEGATION_FLIPPED = 0, /* the source denies what the draft asserts, or the reverse */
    CL_CMP_HEDGE_DROPPED,        /* the source hedges, the draft asserts */
    CL_CMP_NUMBER_CHANGED,       /* a number, amount or date differs */
    CL_CMP_ENTITY_CHANGED,       /* a person, organisation or place differs */
    CL_CMP_ATTRIBUTION_DROPPED,  /* the source attributes it, the draft states it */
    CL_CMP_UNSUPPORTED,          /* no source sentence carries it */
    CL_CMP_HEDGE_ADDED,          /* the source asserts, the draft hedges */
    CL_CMP_NCODES
} cl_cmp_code;

/* Static name of CODE ("negation-flipped", ...). */
CL_EXTERN const char *cl_cmp_code_name(cl_cmp_code code);

/* The code named NAME, or -1. */
CL_EXTERN int cl_cmp_code_parse(const char *name);

/* The severity a <severity compare="CODE" level="..."/> of the
 * configuration C gives the compare code CODE (the last such element), or
 * -1 when none does. */
CL_EXTERN int cl_config_compare_level(const cl_config *c, cl_cmp_code code);

/* The default severity of CODE: error for negation-flipped, hedge-dropped,
 * number-changed and entity-changed, warning for attribution-dropped and
 * unsupported, info for hedge-added. */
CL_EXTERN cl_level cl_cmp_default_level(cl_cmp_code code);

/* A sentence of the source or of a draft, as compare read it. TEXT is the
 * sentence (as cl_sentence's); positions are in its file. STATUS is how it
 * makes its statement (stated, attributed, hedged or negated), CUE the
 * words of the cue that decided it (NULL when stated without one), at code
 * points [CUE_START, CUE_END) of TEXT. STATEMENT is 0 for a sentence that
 * states nothing to check (a heading, a dateline, a byline, a few words).
 * For a draft sentence, ALIGNED[0..NALIGNED) are the indices of the source
 * sentences that carry it, best first (none when no source sentence does)
 * and SUPPORT the share (0 to 1) of its content words they carry. */
typedef struct cl_cmp_sentence {
    const char *text;
    size_t len, nchars;
    unsigned line, column, end_line, end_column;
    size_t start_byte, end_byte;
    cl_status status;
    const char *cue;
    size_t cue_start, cue_end;
    int statement;
    size_t aligned[3];
    size_t naligned;
    double support;
} cl_cmp_sentence;

/* A finding of compare. DRAFT is the index of the draft sentence, [START,
 * END) the code points of its words at fault (the whole sentence when no
 * word is), located in the draft file by LINE, COLUMN, END_LINE,
 * END_COLUMN. SOURCE is the index of the source sentence it was compared
 * with ((size_t)-1 for unsupported), [SRC_START, SRC_END) the code points
 * of the source's words in question (the cue, the number, the name; both 0
 * when none). DRAFT_WORDS and SOURCE_WORDS are those words ("" when none).
 * MESSAGE is the formatted message. */
typedef struct cl_cmp_finding {
    cl_cmp_code code;
    cl_level level;
    const char *message;
    size_t draft;
    size_t start, end;
    unsigned line, column, end_line, end_column;
    size_t source;
    size_t src_start, src_end;
    const char *draft_words, *source_words;
} cl_cmp_finding;

/* A draft compared with its source: both files' names and bytes, their
 * sentences and the findings in draft order. The result owns the draft's
 * part; the source's (SOURCE_NAME, SOURCE_DATA, the strings of SOURCE) is
 * borrowed from the cl_cmp_source, which must outlive it. Free it with
 * cl_cmp_result_free. */
typedef struct cl_cmp_result {
    const char *source_name, *draft_name;
    const char *source_data, *draft_data;
    size_t source_len, draft_len;
    const cl_cmp_sentence *source;
    size_t nsource;
    const cl_cmp_sentence *draft;
    size_t ndraft;
    const cl_cmp_finding *findings;
    size_t nfindings;
} cl_cmp_result;

/* An index of a source document's sentences, words, numbers and names. */
typedef struct cl_cmp_source cl_cmp_source;

/* Read SOURCE (analyzed here with MODE; set its input format before) into
 * a new index *OUT, using the cues of RULES (compiled, borrowed: keep it
 * until cl_cmp_source_free) to read each sentence's status. */
CL_EXTERN int cl_cmp_source_new(cl_cmp_source **out, cl_doc *source, const cl_rules *rules,
                                cl_split_mode mode);
CL_EXTERN void cl_cmp_source_free(cl_cmp_source *src);

/* Compare DRAFT (analyzed here with MODE) with the indexed source into a
 * new result *OUT (free it with cl_cmp_result_free). LEVELS gives the
 * severity of each code (NULL: the defaults); a finding at CL_LEVEL_OK is
 * left out. The cost grows with the length of the draft and the number of
 * source sentences that share its rarer words. */
CL_EXTERN int cl_compare(cl_cmp_result **out, const cl_cmp_source *src, cl_doc *draft,
                         cl_split_mode mode, const cl_level *levels);
CL_EXTERN void cl_cmp_result_free(cl_cmp_result *res);

/* An emitter of compare results in one output format (the formats of
 * check: "text", "gnu", "json", "jsonl", "sarif", "junit", "rdjsonl",
 * "html"), writing to F with FLAGS (CL_WRITE_COLOR, CL_WRITE_QUIET). */
typedef struct cl_cmp_emitter cl_cmp_emitter;

CL_EXTERN int cl_cmp_emitter_new(cl_cmp_emitter **out, const char *format, FILE *f,
                                 unsigned flags);
/* Write the findings of one draft (RES is borrowed for the call only). */
CL_EXTERN int cl_cmp_emitter_result(cl_cmp_emitter *e, const cl_cmp_result *res);
/* Write what remains; CL_EIO when any write failed. */
CL_EXTERN int cl_cmp_emitter_finish(cl_cmp_emitter *e);
/* Findings written so far at LEVEL or above. */
CL_EXTERN size_t cl_cmp_emitter_count(const cl_cmp_emitter *e, cl_level level);
CL_EXTERN void cl_cmp_emitter_free(cl_cmp_emitter *e);

#ifdef __cplusplus
}
#endif

#endif
