/* tokenize.c - split a sentence into word, number, punctuation, URL and
 * e-mail tokens, each with byte and code-point offsets and a case-folded form.
 *
 * The rules follow the Penn Treebank conventions that the annotated corpora
 * use, so cue phrases and corpus spans line up: "don't" is "do" + "n't",
 * "cannot" is "can" + "not", "Rubio's" is "Rubio" + "'s". Hyphenated words
 * stay whole ("border-security"), as in the Conan Doyle corpus.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

#include "internal.h"

const char *cl_token_kind_name(cl_token_kind kind)
{
    static const char *const names[] = {"word", "number", "punct", "symbol", "url", "email"};

    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

void cl_tokvec_free(cl_tokvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_alnum(int32_t c)
{
    if (c < 0x80)
        return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10;
    return cl_uc_is_letter(c) || cl_uc_is_digit(c);
}

/* ASCII letters and digits, without a call: most of the prose is ASCII. */
static int ascii_alnum(unsigned char b)
{
    return (unsigned)((b | 32) - 'a') < 26 || (unsigned)(b - '0') < 10;
}

/* The bytes that may follow the first run of letters and digits of an
 * address (see may_be_address). */
static int address_joiner(unsigned char b)
{
    return b == '.' || b == '@' || b == '_' || b == '+' || b == '-' || b == ':';
}

/* Code point at byte I of TEXT (0 past the end); *W gets its length. */
static int32_t peek(const char *text, size_t len, size_t i, size_t *w)
{
    if (i >= len) {
        *w = 0;
        return 0;
    }
    return cl_utf8_decode(text + i, len - i, w);
}

/* Where the folded forms of a sentence's tokens go: ASCII ones into one
 * block taken from the arena per sentence (an ASCII token folds to as many
 * bytes as it has, so the text's length plus a NUL per token is enough),
 * others into the arena itself. */
typedef struct folds {
    cl_arena *arena;
    char *buf;
    size_t used, cap;
    cl_words *words; /* NULL: fold every token, no numbers or stems */
    size_t len;      /* of the text being tokenized */
} folds;

/* Write the case-folded form of TEXT[0..N): lower case, curly apostrophes
 * straightened. ASCII takes a fast path; anything else goes through
 * libunistring's full case mapping. */
static char *fold(folds *fs, const char *s, size_t n)
{
    size_t i, outlen = 0;
    char *out;
    uint8_t *mapped;
    cl_buf b = {0};

    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == n) {
        if (fs->cap - fs->used > n) {
            out = fs->buf + fs->used;
            fs->used += n + 1;
        } else if (!(out = cl_arena_alloc(fs->arena, n + 1))) {
            return NULL;
        }
        for (i = 0; i < n; i++)
            out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        out[n] = '\0';
        return out;
    }
    /* straighten apostrophes first, then lower-case */
    for (i = 0; i < n;) {
        size_t w;
        int32_t c = cl_utf8_decode(s + i, n - i, &w);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
            cl_buf_putc(&b, '\'');
        else
            cl_buf_add(&b, s + i, w);
        i += w;
    }
    if (b.failed)
        return NULL;
    mapped = u8_tolower((const uint8_t *)b.data, b.len, NULL, NULL, NULL, &outlen);
    cl_buf_free(&b);
    if (!mapped) {
        cl_nomem(NULL);
        return NULL;
    }
    out = cl_arena_strndup(fs->arena, (const char *)mapped, outlen);
    free(mapped);
    return out;
}

/* ---- the word cache ------------------------------------------------------
 *
 * Prose repeats its words: a document of a million words has some tens of
 * thousands of distinct ones. The cache maps the bytes of a token as written
 * (with its kind) to what the tokenizer would work out for it: the folded
 * form, its number in the rules' vocabulary, the stem and its number, the
 * length in code points and whether the word splits ("cannot", clitics).
 * A token then costs one hash and one comparison. The few tokens whose
 * folded form is given rather than computed ("ca" of "can't" folds to "can";
 * the clitic "n't") are looked up by that form, in entries of their own.
 * Every entry is a function of its key, the vocabulary and whether stems are
 * wanted, so the cache changes no token; it is emptied when the vocabulary
 * or the stemmer changes and, between sentences, when it is full. */

/* The index starts small and doubles while at most half full; between
 * sentences the cache is emptied once it holds WORDS_MAX words. */
enum { WORDS_FIRST = 1 << 12, WORDS_MAX = 1 << 17 };

struct word_slot {
    uint64_t head;     /* the key's first 8 bytes (fewer: zero-padded) */
    uint64_t head2;    /* its next 8 bytes, the same way (0: a key of 8 or fewer) */
    uint64_t tag;      /* hash, length, kind and lookup: see slot_tag */
    const char *key;   /* in the cache's arena, NUL-terminated */
    const char *fold;  /* KEY itself for an entry looked up by its fold */
    const char *stem;  /* NULL when stems are not wanted */
    uint32_t nchars, fold_id, stem_id;
    signed char split; /* -1 not known yet, 0 a single token, 1 splits */
};

/* What an entry is compared on besides its bytes: the key's hash H, its
 * length N (keys longer than 16 MB compare their bytes), the token's KIND
 * and whether the key is the folded form. Never 0 (N is not). */
static inline uint64_t slot_tag(uint32_t h, size_t n, cl_token_kind kind, int by_fold)
{
    return (uint64_t)h | (uint64_t)(n & 0xFFFFFF) << 32 | (uint64_t)kind << 56 |
           (uint64_t)by_fold << 63;
}

/* The entries are kept in the order they came, the commonest words first,
 * and found through a small open-addressing index of 8 bytes a slot (the
 * hash in the high half, the entry's number + 1 in the low half; 0 for an
 * empty slot), which stays in the processor's cache where a table of
 * whole entries would not. */
struct cl_words {
    uint64_t *index;
    size_t cap;              /* slots of INDEX, a power of 2 */
    struct word_slot *ent;
    size_t n, ent_cap;
    cl_arena *arena;
    const cl_strtab *vocab;
    cl_stemmer *stemmer;     /* NULL: no stems */
    folds fs;                /* folds into ARENA */
};

/* The first min(N, 8) bytes of S as a number, zero-padded; AVAIL bytes
 * from S may be read (at least N). */
static inline uint64_t key_head(const char *s, size_t n, size_t avail)
{
    uint64_t x = 0;

    if (avail >= 8) {
        memcpy(&x, s, 8);
        return n >= 8 ? x : x & ((1ULL << (8 * n)) - 1);
    }
    memcpy(&x, s, n < 8 ? n : 8);
    return x;
}

/* A hash of the N bytes of S whose first 8 are HEAD, every bit of which
 * depends on every byte (the index takes its low bits). */
static inline uint32_t key_hash(const char *s, size_t n, uint64_t head)
{
    uint64_t h = (head ^ (uint64_t)n) * 0x9E3779B97F4A7C15ULL, x;
    size_t i;

    for (i = 8; i < n; i += 8) {
        x = 0;
        memcpy(&x, s + i, n - i < 8 ? n - i : 8);
        h = (h ^ (h >> 29) ^ x) * 0xFF51AFD7ED558CCDULL;
    }
    h ^= h >> 32;
    h *= 0xC4CEB9FE1A85EC53ULL;
    return (uint32_t)(h >> 32);
}

uint32_t cl_words_key_hash(const char *s, size_t n)
{
    return key_hash(s, n, key_head(s, n, n));
}

int cl_words_new(cl_words **out)
{
    cl_words *w = calloc(1, sizeof *w);

    *out = NULL;
    if (!w)
        return cl_nomem(NULL);
    w->cap = WORDS_FIRST;
    w->index = calloc(w->cap, sizeof *w->index);
    w->arena = cl_arena_new();
    if (!w->index || !w->arena) {
        cl_words_free(w);
        return cl_nomem(NULL);
    }
    w->fs.arena = w->arena;
    *out = w;
    return 0;
}

void cl_words_free(cl_words *w)
{
    if (!w)
        return;
    free(w->index);
    free(w->ent);
    cl_arena_free(w->arena);
    free(w);
}

static void words_clear(cl_words *w)
{
    memset(w->index, 0, w->cap * sizeof *w->index);
    cl_arena_reset(w->arena);
    w->n = 0;
}

/* Double the index. */
static int words_grow(cl_words *w)
{
    size_t cap = w->cap * 2, i, k;
    uint64_t *t = calloc(cap, sizeof *t);

    if (!t)
        return cl_nomem(NULL);
    for (i = 0; i < w->cap; i++) {
        if (!w->index[i])
            continue;
        for (k = (w->index[i] >> 32) & (cap - 1); t[k]; k = (k + 1) & (cap - 1))
            ;
        t[k] = w->index[i];
    }
    free(w->index);
    w->index = t;
    w->cap = cap;
    return 0;
}

/* The entry of KEY[0..N) whose first 8 bytes are HEAD, hash H and tag TAG
 * (see words_get), or NULL with *SLOT the empty index slot where it would
 * go. */
static inline __attribute__((always_inline)) struct word_slot *
words_probe(const cl_words *w, const char *key, size_t n, uint64_t head, uint32_t h, uint64_t tag,
            size_t *slot)
{
    size_t mask = w->cap - 1, i = h & mask;
    struct word_slot *e;
    uint64_t x;

    for (;; i = (i + 1) & mask) {
        if (!(x = w->index[i])) {
            *slot = i;
            return NULL;
        }
        if ((uint32_t)(x >> 32) != h)
            continue;
        e = &w->ent[(uint32_t)x - 1];
        if (e->tag == tag && e->head == head && (n <= 8 || memcmp(e->key + 8, key + 8, n - 8) == 0))
            return e;
    }
}

/* The entry of the NUL-terminated KEY of KIND looked up by its own bytes,
 * or NULL. */
static const struct word_slot *words_find(const cl_words *w, const char *key, cl_token_kind kind)
{
    size_t n = strlen(key), slot = 0;
    uint64_t head = key_head(key, n, n + 1);
    uint32_t h = key_hash(key, n, head);

    return words_probe(w, key, n, head, h, slot_tag(h, n, kind, 0), &slot);
}

/* A new entry for KEY[0..N) (see words_get), whose index slot is the empty
 * slot I. */
static __attribute__((noinline)) struct word_slot *
words_add(cl_words *w, size_t i, const char *key, size_t n, uint64_t head, uint32_t h,
          cl_token_kind kind, int by_fold)
{
    struct word_slot *e;
    const struct word_slot *other;

    if ((w->n + 1) * 2 > w->cap) {
        if (words_grow(w) < 0)
            return NULL;
        for (i = h & (w->cap - 1); w->index[i]; i = (i + 1) & (w->cap - 1))
            ;
    }
    if (w->n == w->ent_cap && cl_grow(&w->ent, &w->ent_cap, w->n + 1, sizeof *w->ent, 1024) < 0)
        return NULL;
    e = &w->ent[w->n];
    if (by_fold) {
        if (!(e->key = e->fold = cl_arena_strndup(w->arena, key, n)))
            return NULL;
    } else {
        /* a word already in lower case keeps one copy, its key and fold */
        if (!(e->fold = fold(&w->fs, key, n)))
            return NULL;
        e->key = strlen(e->fold) == n && memcmp(e->fold, key, n) == 0
                     ? e->fold
                     : cl_arena_strndup(w->arena, key, n);
        if (!e->key)
            return NULL;
    }
    e->head = head;
    e->head2 = n > 8 ? key_head(key + 8, n - 8, n - 8) : 0;
    e->tag = slot_tag(h, n, kind, by_fold);
    e->split = -1;
    e->nchars = (uint32_t)cl_utf8_count(key, n);
    if (e->key != e->fold && (other = words_find(w, e->fold, kind)) != NULL) {
        /* "The" after "the": the same fold, numbers and stem */
        e->fold = other->fold;
        e->fold_id = other->fold_id;
        e->stem = other->stem;
        e->stem_id = other->stem_id;
    } else {
        e->fold_id = w->vocab ? cl_strtab_find(w->vocab, e->fold) : 0;
        e->stem = NULL;
        e->stem_id = 0;
        if (w->stemmer && kind != CL_TOK_WORD) {
            e->stem = e->fold;
            e->stem_id = e->fold_id;
        } else if (w->stemmer) {
            size_t sl;
            const char *st = cl_stem_direct(w->stemmer, e->fold, strlen(e->fold), &sl);
            if (!st || !(e->stem = strlen(e->fold) == sl && memcmp(st, e->fold, sl) == 0
                                       ? e->fold
                                       : cl_arena_strndup(w->arena, st, sl)))
                return NULL;
            e->stem_id = w->vocab ? cl_strtab_find(w->vocab, e->stem) : 0;
        }
    }
    w->index[i] = (uint64_t)h << 32 | (uint64_t)(w->n + 1);
    w->n++;
    return e;
}

/* words_get past the first index slot (or for a key of more than 16
 * bytes): the rest of the probe, and a new entry on a miss. Kept out of
 * line so that the common case, a hit in the first slot, needs few
 * registers. */
static __attribute__((noinline)) struct word_slot *
words_get_slow(cl_words *w, const char *key, size_t n, uint64_t head, uint32_t h, uint64_t tag,
               cl_token_kind kind, int by_fold)
{
    size_t slot = 0;
    struct word_slot *e = words_probe(w, key, n, head, h, tag, &slot);

    return e ? e : words_add(w, slot, key, n, head, h, kind, by_fold);
}

/* The entry of KEY[0..N) (the token's bytes, or its fold when BY_FOLD) of
 * KIND, made on a miss; NULL when out of memory. AVAIL bytes from KEY may be
 * read (at least N). The pointer is good until the next call. */
static inline __attribute__((always_inline)) struct word_slot *
words_get(cl_words *w, const char *key, size_t n, size_t avail, cl_token_kind kind, int by_fold)
{
    uint64_t head = key_head(key, n, avail);
    uint32_t h = key_hash(key, n, head);
    uint64_t tag = slot_tag(h, n, kind, by_fold), x = w->index[h & (w->cap - 1)];

    if (n <= 16 && x && (uint32_t)(x >> 32) == h) {
        struct word_slot *e = &w->ent[(uint32_t)x - 1];
        if (e->tag == tag && e->head == head &&
            e->head2 == (n > 8 ? key_head(key + 8, n - 8, avail - 8) : 0))
            return e;
    }
    return words_get_slow(w, key, n, head, h, tag, kind, by_fold);
}

/* Append a token of the entry E: TEXT[start..end) at code point CSTART.
 * cl_tokenize_words has made room for a token a byte. */
static inline int push_entry(cl_tokvec *out, const struct word_slot *e, size_t start, size_t end,
                             uint32_t cstart, uint32_t cend, cl_token_kind kind)
{
    cl_token *t = &out->v[out->n++];

    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->cstart = cstart;
    t->cend = cend;
    t->kind = kind;
    t->fold = e->fold;
    t->stem = e->stem;
    t->fold_id = e->fold_id;
    t->stem_id = e->stem_id;
    return 0;
}

/* Append the token TEXT[start..end) of KIND at code point CSTART; FOLDED
 * is its folded form when the caller has it (a string that outlives the
 * sentence: FS's or a literal), NULL to fold it here. */
static int push(folds *fs, cl_tokvec *out, const char *text, size_t start, size_t end,
                uint32_t cstart, cl_token_kind kind, const char *folded)
{
    cl_token *t;

    CL_TRY(cl_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v, 64));
    t = &out->v[out->n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->cstart = cstart;
    t->kind = kind;
    if (fs->words) {
        size_t fn = folded ? strlen(folded) : 0;
        struct word_slot *e = folded ? words_get(fs->words, folded, fn, fn + 1, kind, 1)
                                     : words_get(fs->words, text + start, end - start,
                                                 fs->len - start, kind, 0);
        if (!e)
            return cl_nomem(NULL);
        return push_entry(out, e, start, end, cstart,
                          cstart + (folded ? (uint32_t)cl_utf8_count(text + start, end - start)
                                           : e->nchars),
                          kind);
    }
    t->cend = cstart + (uint32_t)cl_utf8_count(text + start, end - start);
    t->fold = folded ? folded : fold(fs, text + start, end - start);
    t->stem = NULL;
    t->fold_id = t->stem_id = 0;
    if (!t->fold)
        return cl_nomem(NULL);
    out->n++;
    return 0;
}

enum { MAX_ADDRESS = CL_MAX_ADDRESS };

/* Length in bytes of a URL or e-mail address starting at I, or 0. Trailing
 * sentence punctuation is left out, and a closing bracket unless the
 * address opened one. */
static size_t scan_address(const char *text, size_t len, size_t i, cl_token_kind *kind)
{
    size_t j = i, w, at = 0, dot_after_at = 0, opens = 0;
    int32_t c;
    int url = 0;

    if ((len - i >= 7 && strncasecmp(text + i, "http://", 7) == 0) ||
        (len - i >= 8 && strncasecmp(text + i, "https://", 8) == 0) ||
        (len - i >= 4 && strncasecmp(text + i, "www.", 4) == 0 && i + 4 < len &&
         is_alnum((unsigned char)text[i + 4])))
        url = 1;
    while (j < len && j - i < MAX_ADDRESS) {
        c = peek(text, len, j, &w);
        if (c <= 0 || cl_uc_is_space(c) || c == '"' || c == '<' || c == '>' || c == 0x201C ||
            c == 0x201D)
            break;
        if (c == '@' && !at && j > i)
            at = j;
        else if (c == '.' && at)
            dot_after_at = j;
        else if (!url && !at && !is_alnum(c) && c != '.' && c != '_' && c != '-' && c != '+')
            break; /* not an address: a word like "a/b" */
        if (c == '(')
            opens++;
        j += w;
    }
    if (!url && !(at && dot_after_at > at + 1))
        return 0;
    /* trim trailing punctuation */
    while (j > i) {
        unsigned char last = (unsigned char)text[j - 1];
        if (strchr(".,;:!?'", last) && last != '\0')
            j--;
        else if (last == ')' && !opens)
            j--;
        else
            break;
    }
    /* the dot that ends a sentence is not the domain's: "at a@b.org." */
    while (dot_after_at >= j && dot_after_at > at)
        for (dot_after_at--; dot_after_at > at && text[dot_after_at] != '.'; dot_after_at--)
            ;
    if (!url && (dot_after_at <= at + 1 || dot_after_at >= j ||
                 !is_alnum((unsigned char)text[j - 1])))
        return 0;
    *kind = url ? CL_TOK_URL : CL_TOK_EMAIL;
    return j - i;
}

/* A cheap test before scan_address: an address starts with "http", "www"
 * or a run of ASCII letters and digits followed by one of . @ _ + - :
 * (an e-mail's local part, a scheme). RUN_END ends the run of ASCII
 * letters and digits that starts at I. Most words are followed by a space
 * or punctuation and fail here. */
static int may_be_address(const char *text, size_t len, size_t i, size_t run_end)
{
    size_t k;

    if (!(run_end > i && run_end - i <= 256 && run_end < len &&
          address_joiner((unsigned char)text[run_end])))
        return 0;
    /* a URL starts with "http" or "www."; an e-mail address has an @
     * before the next white space */
    if ((text[i] | 32) == 'h' || (text[i] | 32) == 'w')
        return 1;
    for (k = run_end; k < len && k - i < MAX_ADDRESS; k++) {
        unsigned char b = (unsigned char)text[k];
        if (b == '@')
            return 1;
        if (b <= ' ')
            return 0;
    }
    return k < len;
}

/* Clitics split from the end of a word, PTB style. */
static size_t clitic_len(const char *fold_word, size_t n)
{
    static const char *const clitics[] = {"'s", "'re", "'ve", "'ll", "'d", "'m"};
    static const size_t lens[] = {2, 3, 3, 3, 2, 2};
    size_t k;

    if (n > 3 && memcmp(fold_word + n - 3, "n't", 3) == 0)
        return 3;
    for (k = 0; k < sizeof clitics / sizeof clitics[0]; k++)
        if (n > lens[k] && memcmp(fold_word + n - lens[k], clitics[k], lens[k]) == 0)
            return lens[k];
    return 0;
}

/* The bases before "n't" whose folded form is not their letters. */
static const char *const nt_bases[][2] = {
    {"ca", "can"}, {"wo", "will"}, {"sha", "shall"}, {"ai", "is"}};

/* The folded base of a word before "n't" when it differs from its letters. */
static const char *nt_base(const char *base, size_t n)
{
    size_t k;

    for (k = 0; k < sizeof nt_bases / sizeof nt_bases[0]; k++)
        if (strlen(nt_bases[k][0]) == n && strncmp(base, nt_bases[k][0], n) == 0)
            return nt_bases[k][1];
    return NULL;
}

const char *cl_fold_spelling(const char *fold)
{
    size_t k;

    for (k = 0; k < sizeof nt_bases / sizeof nt_bases[0]; k++)
        if (strcmp(fold, nt_bases[k][1]) == 0)
            return nt_bases[k][0];
    return NULL;
}

int cl_fold_inside_word(const char *fold)
{
    return strcmp(fold, "not") == 0 || fold[0] == '\'' || strncmp(fold, "n't", 3) == 0;
}

/* Whether the word whose folded form is F splits into tokens. */
static int word_splits(const char *f, cl_token_kind kind)
{
    size_t n = strlen(f);

    if (kind != CL_TOK_WORD)
        return 0;
    if (n == 6 && memcmp(f, "cannot", 6) == 0)
        return 1;
    return n > 2 && memchr(f + 1, '\'', n - 1) && clitic_len(f, n);
}

/* Emit the word TEXT[start..end), splitting clitics and "cannot". */
static int push_word(folds *fs, cl_tokvec *out, const char *text, size_t start, size_t end,
                     uint32_t cstart, cl_token_kind kind)
{
    const char *f;
    size_t n, cl, base_bytes, k;
    const char *base_fold;
    char tmp[8];
    int rc;

    if (fs->words) {
        struct word_slot *e =
            words_get(fs->words, text + start, end - start, fs->len - start, kind, 0);
        if (!e)
            return cl_nomem(NULL);
        if (e->split < 0)
            e->split = (signed char)word_splits(e->fold, kind);
        if (!e->split)
            return push_entry(out, e, start, end, cstart, cstart + e->nchars, kind);
        f = e->fold;
    } else if (!(f = fold(fs, text + start, end - start))) {
        return cl_nomem(NULL);
    }
    n = strlen(f);
    if (kind == CL_TOK_WORD && n == 6 && memcmp(f, "cannot", 6) == 0) {
        if ((rc = push(fs, out, text, start, start + 3, cstart, kind, "can")) < 0)
            return rc;
        return push(fs, out, text, start + 3, end, cstart + 3, kind, "not");
    }
    /* every clitic has an apostrophe, straightened by fold() */
    cl = kind == CL_TOK_WORD && n > 2 && memchr(f + 1, '\'', n - 1) ? clitic_len(f, n) : 0;
    if (!cl)
        return push(fs, out, text, start, end, cstart, kind, f);
    /* The clitic is cl code points long; the apostrophe may be 3 bytes. */
    base_bytes = end - start;
    for (k = 0; k < cl; k++) {
        do
            base_bytes--;
        while (base_bytes > 0 && ((unsigned char)text[start + base_bytes] & 0xC0) == 0x80);
    }
    base_fold = NULL;
    if (cl == 3) {
        size_t bl = n - 3;
        if (bl < sizeof tmp) {
            memcpy(tmp, f, bl);
            tmp[bl] = '\0';
            base_fold = nt_base(tmp, bl);
        }
    }
    rc = push(fs, out, text, start, start + base_bytes, cstart, kind, base_fold);
    if (rc < 0)
        return rc;
    return push(fs, out, text, start + base_bytes, end, out->v[out->n - 1].cend, kind,
                f + n - cl);
}

/* Classes of ASCII bytes for the tokenizer's fast path. */
enum {
    B_SPACE = 1, /* white space */
    B_ALNUM = 2, /* letter or digit */
    B_DIGIT = 4,
    B_WEND = 8,  /* ends a word for sure: not a joiner (' - _), not a
                  * character of an address (. @ + :), not alphanumeric */
    B_NEND = 16, /* the same after a number, where , too may join digits */
    B_PUNCT = 32, /* printable, not alphanumeric: a punctuation token */
    B_SYMBOL = 64 /* of those, the ones that are symbols ($ % & + ...) */
};

/* The class of each byte (0 for the bytes of multi-byte characters, which
 * take the general path): B_SPACE for ' ' \t \n \r \f \v, B_ALNUM and B_DIGIT
 * for letters and digits, B_WEND and B_NEND for the other ASCII bytes but
 * ' - _ . @ + : (and , for B_NEND), B_PUNCT for the printable bytes that
 * are not alphanumeric and B_SYMBOL for $ % & + < = > ^ | ~ # @ * / \ `. */
static const unsigned char byte_class[256] = {
     24,  24,  24,  24,  24,  24,  24,  24,  24,  25,  25,  25,  25,  25,  24,  24,
     24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,  24,
     25,  56,  56, 120, 120, 120, 120,  32,  56,  56, 120,  96,  40,  32,  32, 120,
      6,   6,   6,   6,   6,   6,   6,   6,   6,   6,  32,  56, 120, 120, 120,  56,
     96,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
      2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,  56, 120,  56, 120,  32,
    120,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
      2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,  56, 120,  56, 120,  24,
};

/* The end of the run of ASCII letters and digits at TEXT[J] (LEN bytes,
 * TEXT[LEN] NUL, which ends it): 16 bytes at a time while they are there. */
static inline size_t alnum_end(const char *text, size_t j, size_t len)
{
#ifdef __SSE2__
    for (; j + 16 <= len; j += 16) {
        unsigned end = ~cl_alnum16((const unsigned char *)text + j) & 0xFFFFu;
        if (end)
            return j + (size_t)__builtin_ctz(end);
    }
#endif
    while (byte_class[(unsigned char)text[j]] & B_ALNUM)
        j++;
    return j;
}

static int tokenize(folds *fs, const char *text, size_t len, cl_tokvec *out)
{
    size_t i = 0, w, w2, j;
    uint32_t cpos = 0;
    int32_t c, d;
    cl_token_kind kind;
    int rc;

    out->n = 0;
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        unsigned char f = byte_class[b];
        if (f & B_SPACE) {
            i++;
            cpos++;
            continue;
        }
        /* the fast path: an ASCII word or number that nothing joins to
         * another token, looked up in the word cache */
        if ((f & B_ALNUM) && fs->words) {
            j = alnum_end(text, i + 1, len);
            kind = (f & B_DIGIT) ? CL_TOK_NUMBER : CL_TOK_WORD;
            if (j == len ||
                (byte_class[(unsigned char)text[j]] & (kind == CL_TOK_WORD ? B_WEND : B_NEND))) {
                struct word_slot *e = words_get(fs->words, text + i, j - i, len - i, kind, 0);
                if (!e)
                    return cl_nomem(NULL);
                if (e->split < 0)
                    e->split = (signed char)word_splits(e->fold, kind);
                if (!e->split) {
                    CL_TRY(push_entry(out, e, i, j, cpos, cpos + (uint32_t)(j - i), kind));
                    cpos += (uint32_t)(j - i);
                    i = j;
                    continue;
                }
            }
        }
        /* punctuation, one character or a run of ! and ?, of . or of - */
        if ((f & B_PUNCT) && fs->words) {
            j = i + 1;
            if (b == '!' || b == '?') {
                while (text[j] == '!' || text[j] == '?') /* TEXT[LEN] is NUL */
                    j++;
            } else if (b == '.' || b == '-') {
                while (text[j] == (char)b)
                    j++;
            }
            kind = (f & B_SYMBOL) ? CL_TOK_SYMBOL : CL_TOK_PUNCT;
            struct word_slot *e = words_get(fs->words, text + i, j - i, len - i, kind, 0);
            if (!e)
                return cl_nomem(NULL);
            CL_TRY(push_entry(out, e, i, j, cpos, cpos + (uint32_t)(j - i), kind));
            cpos += (uint32_t)(j - i);
            i = j;
            continue;
        }
        if (b < 0x80) {
            c = b;
            w = 1;
        } else {
            c = peek(text, len, i, &w);
        }
        if (b < 0x80 ? (b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
                     : cl_uc_is_space(c)) {
            i += w;
            cpos++;
            continue;
        }
        /* the run of ASCII letters and digits at I, if any */
        for (j = i; j < len && ascii_alnum((unsigned char)text[j]); j++)
            ;
        if (may_be_address(text, len, i, j) && (w2 = scan_address(text, len, i, &kind)) > 0) {
            if ((rc = push(fs, out, text, i, i + w2, cpos, kind, NULL)) < 0)
                return rc;
        } else if (j > i || is_alnum(c)) {
            kind = cl_uc_is_digit(c) ? CL_TOK_NUMBER : CL_TOK_WORD;
            if (j == i)
                j = i + w;
            for (;;) {
                if (j < len && (unsigned char)text[j] < 0x80) {
                    d = (unsigned char)text[j];
                    w2 = 1;
                    if (ascii_alnum((unsigned char)d)) {
                        j++;
                        continue;
                    }
                } else {
                    d = peek(text, len, j, &w2);
                    if (is_alnum(d)) {
                        j += w2;
                        continue;
                    }
                }
                /* joiners that need an alphanumeric right after them */
                if (is_apostrophe(d) || is_hyphen(d) || d == '_' ||
                    (kind == CL_TOK_NUMBER && (d == '.' || d == ',' || d == ':'))) {
                    size_t w3;
                    int32_t e = peek(text, len, j + w2, &w3);
                    if ((kind == CL_TOK_NUMBER && (d == '.' || d == ',' || d == ':'))
                            ? cl_uc_is_digit(e)
                            : is_alnum(e)) {
                        j += w2;
                        continue;
                    }
                }
                break;
            }
            /* dotted initialisms: U.S., U.S.A., e.g., a.m. */
            if (kind == CL_TOK_WORD && j - i == w && j < len && text[j] == '.') {
                size_t k = j;
                int letters = 1;
                while (k < len && text[k] == '.' && letters < 12) {
                    int32_t e = peek(text, len, k + 1, &w2);
                    size_t w4;
                    if (cl_uc_is_letter(e) && !cl_uc_is_letter(peek(text, len, k + 1 + w2, &w4))) {
                        k += 1 + w2;
                        letters++;
                    } else
                        break;
                }
                if (letters >= 2) {
                    j = k < len && text[k] == '.' ? k + 1 : k;
                }
            }
            if ((rc = push_word(fs, out, text, i, j, cpos, kind)) < 0)
                return rc;
        } else {
            /* punctuation: runs of ! and ?, "...", "--" stay together */
            j = i + w;
            if (c == '!' || c == '?') {
                while (j < len && (text[j] == '!' || text[j] == '?'))
                    j++;
            } else if (c == '.' || c == '-') {
                while (j < len && text[j] == (char)c)
                    j++;
            }
            kind = (c < 0x80 && c != 0 && strchr("$%&+<=>^|~#@*/\\`", (int)c)) ? CL_TOK_SYMBOL
                                                                               : CL_TOK_PUNCT;
            if (c >= 0x80 && !cl_uc_is_letter(c))
                kind = (c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0xB0) ? CL_TOK_SYMBOL
                                                                        : CL_TOK_PUNCT;
            if ((rc = push(fs, out, text, i, j, cpos, kind, NULL)) < 0)
                return rc;
        }
        cpos = out->v[out->n - 1].cend;
        i = out->v[out->n - 1].end;
    }
    return 0;
}

int cl_tokenize(cl_arena *arena, const char *text, size_t len, cl_tokvec *out)
{
    folds fs = {arena, NULL, 0, 2 * len + 1, NULL, len};

    out->n = 0;
    if (!(fs.buf = cl_arena_alloc(arena, fs.cap)))
        return cl_nomem(NULL);
    return tokenize(&fs, text, len, out);
}

int cl_tokenize_words(cl_words *words, const cl_strtab *vocab, cl_stemmer *stemmer,
                      const char *text, size_t len, cl_tokvec *out)
{
    folds fs = {NULL, NULL, 0, 0, words, len};

    out->n = 0;
    /* a token has a byte at least: no check for room a token */
    if (out->cap < len + 1 && cl_grow(&out->v, &out->cap, len + 1, sizeof *out->v, 64) < 0)
        return CL_ENOMEM;
    if (vocab != words->vocab || stemmer != words->stemmer ||
        (words->n && words->n + len > WORDS_MAX)) {
        words_clear(words);
        words->vocab = vocab;
        words->stemmer = stemmer;
    }
    return tokenize(&fs, text, len, out);
}
