/* emit_text.c - human output of `claimlint check`: one GNU-style line per
 * finding, FILE:LINE:COL: SEVERITY: MESSAGE [RULESET.CLAIM], the sentence
 * with the match underlined and the cue that decided, then a summary. */
#include <string.h>

#include "internal.h"
#include "visible.h"

#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *level_color(cl_level l)
{
    switch (l) {
    case CL_LEVEL_ERROR: return "\033[1;31m";
    case CL_LEVEL_WARNING: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}

void cl_text_head(cl_buf *b, const char *file, unsigned line, unsigned column, cl_level level,
                  const char *label, int color)
{
    if (color)
        cl_buf_puts(b, C_BOLD);
    /* text from the article, the rule files and file names: control
     * characters written visibly (visible.h) */
    cl_buf_puts_visible(b, file);
    if (line)
        cl_buf_printf(b, ":%u:%u", line, column);
    cl_buf_puts(b, ": ");
    if (color)
        cl_buf_printf(b, C_RESET "%s", level_color(level));
    cl_buf_printf(b, "%s:", label ? label : cl_level_name(level));
    if (color)
        cl_buf_puts(b, C_RESET);
    cl_buf_putc(b, ' ');
}

void cl_text_carets(cl_buf *b, size_t indent, const char *text, size_t len, size_t start,
                    size_t end, int color)
{
    /* the underline counts the columns of the text as written */
    size_t from = indent + cl_visible_columns(text, len, start);
    size_t to = indent + cl_visible_columns(text, len, end);
    size_t i;

    for (i = 0; i < from; i++)
        cl_buf_putc(b, ' ');
    if (color)
        cl_buf_puts(b, "\033[1;32m");
    cl_buf_putc(b, '^');
    for (i = from + 1; i < to; i++)
        cl_buf_putc(b, '~');
    if (color)
        cl_buf_puts(b, C_RESET);
    cl_buf_putc(b, '\n');
}

static int text_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    cl_buf *b = &e->out;
    int color = (e->flags & CL_WRITE_COLOR) != 0;

    if (!CL_SHOWN(o))
        return 0;
    cl_text_head(b, cl_doc_name(doc), o->sentence ? o->line : 0, o->column, o->level, NULL, color);
    cl_buf_puts_visible(b, o->message);
    cl_buf_printf(b, " [%s]\n", o->claim->id);
    if (o->sentence) {
        const cl_sentence *s = o->sentence;
        cl_buf_puts(b, "  ");
        cl_buf_add_visible(b, s->text, s->len);
        cl_buf_putc(b, '\n');
        cl_text_carets(b, 2, s->text, s->len, o->match_start, o->match_end, color);
        if (o->cue) {
            cl_buf_printf(b, "  %s cue \"", cl_cue_kind_name(o->cue->def->kind));
            cl_range_visible(b, s, o->cue->tokens);
            cl_buf_puts(b, "\" (");
            cl_buf_puts_visible(b, o->cue->def->file);
            cl_buf_printf(b, ":%u)\n", o->cue->def->line);
        }
        if (o->status == CL_STATUS_ATTRIBUTED && !o->cue)
            cl_buf_puts(b, "  inside a quotation\n");
        if (o->source) {
            cl_buf_puts(b, "  source \"");
            cl_buf_puts_visible(b, o->source);
            cl_buf_puts(b, "\"\n");
        }
    }
    cl_buf_puts(b, "  claim declared at ");
    cl_buf_puts_visible(b, o->claim->file);
    cl_buf_printf(b, ":%u\n", o->claim->line);
    return cl_emit_flush(e);
}

void cl_plural(cl_buf *b, size_t n, const char *word, const char *words)
{
    cl_buf_printf(b, "%zu %s", n, n == 1 ? word : words);
}

void cl_text_totals(cl_buf *b, const size_t counts[4])
{
    if (!counts[CL_LEVEL_INFO] && !counts[CL_LEVEL_WARNING] && !counts[CL_LEVEL_ERROR]) {
        cl_buf_puts(b, "no findings");
        return;
    }
    cl_plural(b, counts[CL_LEVEL_ERROR], "error", "errors");
    cl_buf_puts(b, ", ");
    cl_plural(b, counts[CL_LEVEL_WARNING], "warning", "warnings");
    cl_buf_puts(b, ", ");
    cl_plural(b, counts[CL_LEVEL_INFO], "info", "infos");
}

static int text_finish(cl_emitter *e)
{
    cl_buf *b = &e->out;

    if (e->flags & CL_WRITE_QUIET)
        return 0;
    cl_text_totals(b, e->counts);
    cl_buf_puts(b, " in ");
    cl_plural(b, e->files, "file", "files");
    cl_buf_puts(b, " (");
    cl_plural(b, e->rules ? cl_rules_claim_count(e->rules) : 0, "claim", "claims");
    if (e->suppressed) {
        cl_buf_puts(b, ", ");
        cl_plural(b, e->suppressed, "finding suppressed", "findings suppressed");
    }
    cl_buf_puts(b, ")\n");
    return 0;
}

const struct cl_emitter_ops cl_emit_text = {
    "text", "findings for people: FILE:LINE:COL: SEVERITY: MESSAGE [ID], the sentence, a summary",
    0, text_occurrence, NULL, text_finish, NULL};
