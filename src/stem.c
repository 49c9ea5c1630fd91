/* stem.c - Snowball English stems (libstemmer), for cues and patterns marked
 * inflected="yes". A stemmer keeps internal state, so each thread or document
 * owns its own. Prose repeats its words, so stems are cached: a table of up
 * to CACHE_MAX words, emptied when it fills (simpler than LRU, and a
 * document's common words come straight back). */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { CACHE_SLOTS = 1 << 16, CACHE_MAX = CACHE_SLOTS / 2 };

struct cache_slot {
    const char *word, *stem; /* in the cache arena; word NULL: empty */
};

struct cl_stemmer {
    struct sb_stemmer *sb;
    struct cache_slot *cache;
    size_t cached;
    cl_arena *arena;
};

static uint64_t word_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

int cl_stemmer_new(cl_stemmer **out)
{
    cl_stemmer *s = calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
    s->sb = sb_stemmer_new("english", "UTF_8");
    s->cache = calloc(CACHE_SLOTS, sizeof *s->cache);
    s->arena = cl_arena_new();
    if (!s->sb || !s->cache || !s->arena) {
        cl_stemmer_free(s);
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "cannot create the English stemmer");
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

const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word)
{
    size_t n = strlen(word), i = (size_t)word_hash(word) & (CACHE_SLOTS - 1);
    const sb_symbol *r;
    const char *stem;

    while (s->cache[i].word) {
        if (strcmp(s->cache[i].word, word) == 0)
            return cl_arena_strndup(arena, s->cache[i].stem, strlen(s->cache[i].stem));
        i = (i + 1) & (CACHE_SLOTS - 1);
    }
    r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
    if (!r) {
        cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (s->cached >= CACHE_MAX) {
        /* full: start again (callers hold copies, never the cache's own) */
        memset(s->cache, 0, CACHE_SLOTS * sizeof *s->cache);
        cl_arena_reset(s->arena);
        s->cached = 0;
        i = (size_t)word_hash(word) & (CACHE_SLOTS - 1);
    }
    stem = cl_arena_strndup(s->arena, (const char *)r, (size_t)sb_stemmer_length(s->sb));
    s->cache[i].word = cl_arena_strndup(s->arena, word, n);
    if (!stem || !s->cache[i].word) {
        s->cache[i].word = NULL;
        cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    s->cache[i].stem = stem;
    s->cached++;
    return cl_arena_strndup(arena, stem, strlen(stem));
}
