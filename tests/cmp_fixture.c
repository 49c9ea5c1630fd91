/* cmp_fixture.c - see cmp_fixture.h. */
#include <string.h>

#include "cmp_fixture.h"

static const char source_data[] =
    "The mayor said the bridge may open in 2025.\n"
    "Officials did not approve the <budget> & plan.\n"
    "Caf\xC3\xA9 owners in Z\xC3\xBCrich welcomed the \xE2\x80\x9Cnews\xE2\x80\x9D.\n";

static const char draft_data[] =
    "The bridge will open in 2026.\n"
    "Officials approved the <budget> & \"plan\".\n"
    "Z\xC3\xBCrich's caf\xC3\xA9 owners protested loudly.\n";

static cl_cmp_sentence source[3], draft[3];
static cl_cmp_finding findings[5];
static cl_cmp_result result;

/* Sentence LINE of DATA (one a line, from column 1). */
static void sentence(cl_cmp_sentence *s, const char *data, unsigned line)
{
    const char *p = data, *end;
    unsigned l;

    for (l = 1; l < line; l++)
        p = strchr(p, '\n') + 1;
    end = strchr(p, '\n');
    memset(s, 0, sizeof *s);
    s->text = p;
    s->len = (size_t)(end - p);
    s->nchars = cl_utf8_count(p, s->len);
    s->line = s->end_line = line;
    s->column = 1;
    s->end_column = (unsigned)s->nchars + 1;
    s->start_byte = (size_t)(p - data);
    s->end_byte = (size_t)(end - data);
    s->status = CL_STATUS_STATED;
    s->statement = 1;
}

/* Code points [*START, *END) of WORDS in S. */
static void span(const cl_cmp_sentence *s, const char *words, size_t *start, size_t *end)
{
    const char *p = strstr(s->text, words);

    *start = cl_utf8_count(s->text, (size_t)(p - s->text));
    *end = *start + cl_utf8_count(words, strlen(words));
}

/* Finding K: CODE on draft sentence D at DWORDS, against source sentence
 * SRC ((size_t)-1: none) at SWORDS. */
static void finding(size_t k, cl_cmp_code code, const char *message, size_t d,
                    const char *dwords, size_t src, const char *swords)
{
    cl_cmp_finding *f = &findings[k];

    memset(f, 0, sizeof *f);
    f->code = code;
    f->level = cl_cmp_default_level(code);
    f->message = message;
    f->draft = d;
    span(&draft[d], dwords, &f->start, &f->end);
    f->line = f->end_line = draft[d].line;
    f->column = draft[d].column + (unsigned)f->start;
    f->end_column = draft[d].column + (unsigned)f->end;
    f->source = src;
    f->draft_words = dwords;
    f->source_words = swords;
    if (src != (size_t)-1 && *swords)
        span(&source[src], swords, &f->src_start, &f->src_end);
}

const cl_cmp_result *cmp_fixture(const char *draft_name)
{
    size_t i;

    for (i = 0; i < 3; i++) {
        sentence(&source[i], source_data, (unsigned)i + 1);
        sentence(&draft[i], draft_data, (unsigned)i + 1);
        draft[i].aligned[0] = i;
        draft[i].naligned = 1;
        draft[i].support = 0.75;
    }
    source[0].status = CL_STATUS_HEDGED;
    source[0].cue = "may";
    span(&source[0], "may", &source[0].cue_start, &source[0].cue_end);
    source[1].status = CL_STATUS_NEGATED;
    source[1].cue = "not";
    span(&source[1], "not", &source[1].cue_start, &source[1].cue_end);
    draft[2].support = 0.25;
    finding(0, CL_CMP_HEDGE_DROPPED, "the source hedges (\"may\"), the draft asserts", 0,
            "will open", 0, "may open");
    finding(1, CL_CMP_NUMBER_CHANGED, "2026 where the source says 2025", 0, "2026", 0, "2025");
    finding(2, CL_CMP_NEGATION_FLIPPED, "the source denies it (\"not\") <& the draft asserts it>",
            1, "approved", 1, "did not approve");
    finding(3, CL_CMP_ENTITY_CHANGED, "\"Z\xC3\xBCrich's caf\xC3\xA9\" differs", 2,
            "Z\xC3\xBCrich's caf\xC3\xA9", 2, "Caf\xC3\xA9");
    finding(4, CL_CMP_UNSUPPORTED, "no source sentence says \"protested loudly\"", 2,
            "protested loudly", (size_t)-1, "");
    memset(&result, 0, sizeof result);
    result.source_name = "source <a&b>.txt";
    result.draft_name = draft_name ? draft_name : "draft.txt";
    result.source_data = source_data;
    result.source_len = sizeof source_data - 1;
    result.draft_data = draft_data;
    result.draft_len = sizeof draft_data - 1;
    result.source = source;
    result.nsource = 3;
    result.draft = draft;
    result.ndraft = 3;
    result.findings = findings;
    result.nfindings = 5;
    return &result;
}
