/* visible.h - text from articles, rule files and file names made safe to
 * print on a terminal (the text formats: text, gnu, report, sentences,
 * explain). */
#ifndef CL_VISIBLE_H
#define CL_VISIBLE_H

#include "internal.h"

/* How the code point at S (N >= 1 bytes available) is written by
 * cl_buf_add_visible into OUT (not NUL-terminated):
 * returns the number of bytes written, which is also its width in
 * columns when it is not a plain character, and stores in *LEN the
 * number of bytes of S it stands for. A plain character (anything but a
 * control, DEL or an invalid byte) returns 0: it is copied as it is. */
size_t cl_visible_char(const char *s, size_t n, char out[8], size_t *len);

/* Append the N bytes at S to B with every control character made visible,
 * so that an article or a rule file cannot send escape sequences to the
 * reader's terminal: C0 controls other than tab, and DEL, in caret
 * notation as cat -v writes them (ESC is ^[, DEL ^?); C1 controls
 * (U+0080..U+009F) as \u0080..\u009F; a byte that is not UTF-8 (a file
 * name can hold one) as \xFF. Everything else is copied. */
void cl_buf_add_visible(cl_buf *b, const char *s, size_t n);

/* cl_buf_add_visible for the NUL-terminated string S. */
void cl_buf_puts_visible(cl_buf *b, const char *s);

/* cl_buf_add_visible for the text of the tokens R of sentence S. */
void cl_range_visible(cl_buf *b, const cl_sentence *s, cl_range r);

/* The width in columns of the first NCHARS code points of the N bytes at S
 * once written by cl_buf_add_visible (each plain code point counts as one
 * column, a tab too). */
size_t cl_visible_columns(const char *s, size_t n, size_t nchars);

#endif
