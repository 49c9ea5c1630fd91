/* emit_json.c - machine output of `claimlint check`: `json` (one document
 * with every finding and a summary) and `jsonl` (one finding per line, for
 * streaming and map-reduce). Both carry everything a finding knows. */
#include <string.h>

#include "internal.h"

static void str(cl_buf *b, const char *s)
{
    if (s)
        cl_json_str(b, s, strlen(s));
    else
        cl_buf_puts(b, "null");
}

static void key(cl_buf *b, const char *k, const char *v)
{
    cl_buf_printf(b, ",\"%s\":", k);
    str(b, v);
}

void cl_json_finding(cl_buf *b, const cl_doc *doc, const cl_occurrence *o)
{
    const cl_claim *c = o->claim;
    const cl_sentence *s = o->sentence;
    size_t i;

    cl_buf_puts(b, "{\"file\":");
    str(b, cl_doc_name(doc));
    if (s)
        cl_buf_printf(b, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u", o->line,
                      o->column, o->end_line, o->end_column);
    else
        cl_buf_puts(b, ",\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null");
    key(b, "claim", c->id);
    key(b, "title", c->title);
    key(b, "verdict", cl_verdict_name(c->verdict));
    key(b, "status", cl_status_name(o->status));
    key(b, "severity", cl_level_name(o->level));
    key(b, "message", o->message);
    if (s) {
        cl_buf_puts(b, ",\"sentence\":");
        cl_json_str(b, s->text, s->len);
        cl_buf_printf(b, ",\"sentence_line\":%u,\"sentence_column\":%u", s->line, s->column);
        cl_buf_printf(b, ",\"match\":{\"start\":%zu,\"end\":%zu,\"text\":", o->match_start,
                      o->match_end);
        {
            cl_buf t = {0};
            cl_range_text(&t, s, o->match);
            cl_json_str(b, t.data ? t.data : "", t.len);
            b->failed |= t.failed; /* a lost copy: the finding would be wrong */
            cl_buf_free(&t);
        }
        cl_buf_putc(b, '}');
    } else {
        cl_buf_puts(b, ",\"sentence\":null,\"match\":null");
    }
    cl_buf_puts(b, ",\"cue\":");
    if (o->cue) {
        cl_buf t = {0};
        cl_range_text(&t, s, o->cue->tokens);
        cl_buf_puts(b, "{\"kind\":");
        str(b, cl_cue_kind_name(o->cue->def->kind));
        cl_buf_puts(b, ",\"text\":");
        cl_json_str(b, t.data ? t.data : "", t.len);
        key(b, "file", o->cue->def->file);
        cl_buf_printf(b, ",\"line\":%u}", o->cue->def->line);
        b->failed |= t.failed;
        cl_buf_free(&t);
    } else {
        cl_buf_puts(b, "null");
    }
    cl_buf_puts(b, ",\"cues\":[");
    for (i = 0; i < o->ncues; i++) {
        cl_buf t = {0};
        cl_range_text(&t, s, o->cues[i]->tokens);
        cl_buf_printf(b, "%s{\"kind\":", i ? "," : "");
        str(b, cl_cue_kind_name(o->cues[i]->def->kind));
        cl_buf_puts(b, ",\"text\":");
        cl_json_str(b, t.data ? t.data : "", t.len);
        cl_buf_putc(b, '}');
        b->failed |= t.failed;
        cl_buf_free(&t);
    }
    cl_buf_puts(b, "],\"attribution\":");
    if (o->attribution || o->quoted) {
        cl_buf_puts(b, "{\"cue\":");
        if (o->attribution) {
            cl_buf t = {0};
            cl_range_text(&t, s, o->attribution->tokens);
            cl_json_str(b, t.data ? t.data : "", t.len);
            b->failed |= t.failed;
            cl_buf_free(&t);
        } else {
            cl_buf_puts(b, "null");
        }
        key(b, "source", o->source);
        cl_buf_printf(b, ",\"quoted\":%s}", o->quoted ? "true" : "false");
    } else {
        cl_buf_puts(b, "null");
    }
    cl_buf_puts(b, ",\"suppressed\":");
    if (o->suppressed) {
        cl_buf_printf(b, "{\"line\":%u,\"reason\":", o->suppressed_line);
        str(b, o->suppressed_reason);
        cl_buf_putc(b, '}');
    } else {
        cl_buf_puts(b, "null");
    }
    cl_buf_puts(b, ",\"rule\":{\"file\":");
    str(b, c->file);
    cl_buf_printf(b, ",\"line\":%u}", c->line);
    cl_buf_puts(b, ",\"sources\":[");
    for (i = 0; i < c->nsources; i++) {
        cl_buf_printf(b, "%s{\"href\":", i ? "," : "");
        str(b, c->sources[i].href);
        key(b, "text", c->sources[i].text);
        cl_buf_putc(b, '}');
    }
    cl_buf_puts(b, "]}");
}

struct json_state {
    size_t written;
};

static int json_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    struct json_state *st = e->state;

    if (o->level == CL_LEVEL_OK)
        return 0;
    cl_buf_puts(&e->out, st->written++ ? ",\n" : "{\"findings\":[\n");
    cl_json_finding(&e->out, doc, o);
    return cl_emit_flush(e);
}

static int json_finish(cl_emitter *e)
{
    struct json_state *st = e->state;

    cl_buf_puts(&e->out, st->written ? "\n]," : "{\"findings\":[],");
    cl_buf_printf(&e->out,
                  "\"summary\":{\"files\":%zu,\"claims\":%zu,\"errors\":%zu,\"warnings\":%zu,"
                  "\"infos\":%zu,\"suppressed\":%zu}}\n",
                  e->files, e->rules ? cl_rules_claim_count(e->rules) : 0,
                  e->counts[CL_LEVEL_ERROR], e->counts[CL_LEVEL_WARNING],
                  e->counts[CL_LEVEL_INFO], e->suppressed);
    return 0;
}

static int jsonl_occurrence(cl_emitter *e, const cl_doc *doc, const cl_occurrence *o)
{
    if (o->level == CL_LEVEL_OK)
        return 0;
    cl_json_finding(&e->out, doc, o);
    cl_buf_putc(&e->out, '\n');
    return cl_emit_flush(e);
}

const struct cl_emitter_ops cl_emit_json = {
    "json", "one JSON document: every finding with all it knows, and a summary",
    sizeof(struct json_state), json_occurrence, NULL, json_finish, NULL};

const struct cl_emitter_ops cl_emit_jsonl = {
    "jsonl", "one JSON object per finding and line, for streaming", 0, jsonl_occurrence, NULL,
    NULL, NULL};
