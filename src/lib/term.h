/* term.h: readable terminal output: width, colour, wrapping, tables. */
#ifndef WM_TERM_H
#define WM_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Columns of the terminal on stdout; $COLUMNS or 80 when not a TTY. */
size_t term_width(void);
/* True if f is a TTY, NO_COLOR is unset or empty, and TERM is not dumb. */
bool term_color(FILE *f);
/* Bold text when colour is on for f, plain otherwise. */
void term_bold(FILE *f, const char *s);

/*
 * Print text word-wrapped to width columns. The first line is indented by
 * first spaces, the rest by indent. Ends with a newline.
 */
void term_wrap(FILE *f, const char *text, size_t first, size_t indent,
	       size_t width);

/* As term_wrap, for text that starts at column col, already reached. */
void term_wrap_from(FILE *f, const char *text, size_t col, size_t indent,
		    size_t width);

/*
 * A table whose columns are aligned; the last column wraps to the
 * terminal width. table_new takes the headers (or NULL for none);
 * table_row starts a row, padding the previous one; table_cell and
 * table_cellf add a cell (copied); table_print writes it to f with the
 * header in bold when colour is on; table_free releases it all.
 */
struct table;
struct table *table_new(size_t ncols, const char *const *headers);
void table_row(struct table *t);
void table_cell(struct table *t, const char *s);
void table_cellf(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void table_print(struct table *t, FILE *f);
void table_free(struct table *t);

#endif
