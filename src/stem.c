/* stem.c - Snowball English stems (libstemmer), for cues and patterns marked
 * inflected="yes". A stemmer keeps internal state, so each thread or document
 * owns its own. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cl_stemmer {
    struct sb_stemmer *sb;
};

int cl_stemmer_new(cl_stemmer **out)
{
    cl_stemmer *s = calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
    s->sb = sb_stemmer_new("english", "UTF_8");
    if (!s->sb) {
        free(s);
        return cl_error_set(CL_ENOMEM, NULL, 0, 0, "cannot create the English stemmer");
    }
    *out = s;
    return 0;
}

void cl_stemmer_free(cl_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    free(s);
}

const char *cl_stem(cl_stemmer *s, cl_arena *arena, const char *word)
{
    size_t n = strlen(word);
    const sb_symbol *r;

    r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
    if (!r) {
        cl_error_set(CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    return cl_arena_strndup(arena, (const char *)r, (size_t)sb_stemmer_length(s->sb));
}
