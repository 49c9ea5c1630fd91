/* stem.c - Snowball English stems (libstemmer), for cues and patterns marked
 * inflected="yes". A stemmer keeps internal state, so each thread or document
 * owns its own. Prose repeats its words, so stems are cached: a table of up
 * to CACHE_MAX words, emptied when it fills (simpler than LRU, and a
 * document's common words come straight back). The document reader's word
 * cache keeps its own stems and calls cl_stem_direct, past this table: two
 * copies of every word a thread meets cost megabytes. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The table starts small (a short document needs few words) and doubles
 * while it is at most half full, up to MAX_SLOTS, enough for the
 * vocabulary of a large corpus. */
enum { FIRST_SLOTS = 1 << 12, MAX_SLOTS = 1 << 18, CACHE_MAX = MAX_SLOTS / 2 };

struct cache_slot {
    const char *word, *stem; /* in the cache arena; word NULL: empty */
    uint64_t hash;           /* of WORD */
    uint32_t id;             /* of STEM in the vocabulary */
};

struct cl_stemmer {
    struct sb_stemmer *sb;
    struct cache_slot *cache;
    size_t slots, cached;
    cl_arena *arena;
    const cl_strtab *vocab; /* the one the cached ids are numbers in */
};

static void cache_clear(cl_stemmer *s)
{
    memset(s->cache, 0, s->slots * sizeof *s->cache);
    cl_arena_reset(s->arena);
    s->cached = 0;
}

/* Double the table; the words and stems stay where they are. 0 or
 * CL_ENOMEM (then the table is as it was). */
static int cache_grow(cl_stemmer *s)
{
    size_t slots = s->slots * 2, i, k;
    struct cache_slot *t = calloc(slots, sizeof *t);

    if (!t)
        return cl_nomem(NULL);
    for (i = 0; i < s->slots; i++) {
        if (!s->cache[i].word)
            continue;
        for (k = (size_t)s->cache[i].hash & (slots - 1); t[k].word; k = (k + 1) & (slots - 1))
            ;
        t[k] = s->cache[i];
    }
    free(s->cache);
    s->cache = t;
    s->slots = slots;
    return 0;
}

int cl_stemmer_new(cl_stemmer **out)
{
    cl_stemmer *s = calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return cl_nomem(NULL);
    s->sb = sb_stemmer_new("english", "UTF_8");
    s->slots = FIRST_SLOTS;
    s->cache = calloc(s->slots, sizeof *s->cache);
    s->arena = cl_arena_new();
    if (!s->sb || !s->cache || !s->arena) {
        cl_stemmer_free(s);
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory (creating the English stemmer)");
    }
    *out = s;
    return 0;
}

void cl_stemmer_free(cl_stemmer *s)
{
    if (!s)
        return;
    if (s->sb)
        sb_stemmer_delete(s->sb);
    free(s->cache);
    cl_arena_free(s->arena);
    free(s);
}

/* Stem of the NUL-terminated folded word WORD, whose cl_str_hash is HASH,
 * without a copy: the string is owned by S and stays valid until the cache
 * is emptied. *ID gets the stem's number in VOCAB (0 when it is not there;
 * VOCAB may be NULL). NULL when out of memory. */
static const char *cl_stem_lookup(cl_stemmer *s, const cl_strtab *vocab, const char *word,
                                  uint64_t hash, uint32_t *id)
{
    size_t n, i = (size_t)hash & (s->slots - 1);
    struct cache_slot *slot;
    const sb_symbol *r;

    if (vocab != s->vocab) {
        if (s->cached)
            cache_clear(s);
        s->vocab = vocab;
    }
    while ((slot = &s->cache[i])->word) {
        if (slot->hash == hash && cl_streq(slot->word, word)) {
            *id = slot->id;
            return slot->stem;
        }
        i = (i + 1) & (s->slots - 1);
    }
    n = strlen(word);
    r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
    if (!r) {
        cl_nomem(NULL);
        return NULL;
    }
    if (s->cached >= CACHE_MAX) {
        /* full: start again */
        cache_clear(s);
    } else if ((s->cached + 1) * 2 > s->slots && cache_grow(s) < 0) {
        cl_nomem(NULL);
        return NULL;
    }
    for (i = (size_t)hash & (s->slots - 1); s->cache[i].word; i = (i + 1) & (s->slots - 1))
        ;
    slot = &s->cache[i];
    slot->stem = cl_arena_strndup(s->arena, (const char *)r, (size_t)sb_stemmer_length(s->sb));
    slot->word = slot->stem ? cl_arena_strndup(s->arena, word, n) : NULL;
    if (!slot->word) {
        cl_nomem(NULL);
        return NULL;
    }
    slot->hash = hash;
    slot->id = vocab ? cl_strtab_find(vocab, slot->stem) : 0;
    s->cached++;
    *id = slot->id;
    return slot->stem;
}

const char *cl_stem_direct(cl_stemmer *s, const char *word, size_t n, size_t *len)
{
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);

    if (!r) {
        cl_nomem(NULL);
        return NULL;
    }
    *len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}

const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word)
{
    uint32_t id;
    const char *stem = cl_stem_lookup(s, s->vocab, word, cl_str_hash(word), &id);

    return stem ? cl_arena_strndup(arena, stem, strlen(stem)) : NULL;
}
