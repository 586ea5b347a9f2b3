/*
 * csvread.h: read a CSV file record by record through libcsv, knowing
 * where each field starts (1-based line and byte column), even when a
 * quoted field holds line breaks. A UTF-8 byte-order mark is skipped;
 * CRLF, LF and a lone CR each end a line; blank lines are ignored.
 */
#ifndef WM_CSVREAD_H
#define WM_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct csv_field {
	char *text;		/* a NUL-terminated copy, valid during the call */
	size_t len;		/* text may hold NUL bytes: trust len, not strlen */
	/*
	 * Where the field starts: the byte after the comma before it, or
	 * for a record's first field its first byte that is not a space,
	 * tab or line end. Columns count bytes after any byte-order mark.
	 */
	int line, col;
};

struct csv_record {
	struct csv_field *fields;
	size_t nfields;		/* at least 1 */
	int line;		/* the line the record starts on */
	long index;		/* 0 for the first record (the header) */
};

/* Return 0 to go on, non-zero to stop reading (csv_read returns it). */
typedef int (*csv_record_fn)(const struct csv_record *r, void *ctx);

/*
 * Call fn for each record of the len bytes at data; file is only used in
 * messages. Problems with the file as a whole go to d with record -1,
 * and make csv_read return -1 without calling fn again:
 *  - an empty file (nothing but a byte-order mark, spaces, tabs and line
 *    ends), reported without a position;
 *  - a stray double quote, or text after a closing one, reported at the
 *    offending byte;
 *  - a quoted field never closed, reported where that field starts.
 * Otherwise returns 0, or the non-zero value fn returned to stop. Out of
 * memory ends the process (see xalloc.h).
 */
int csv_read(const char *file, const char *data, size_t len,
	     csv_record_fn fn, void *ctx, struct diags *d);

/*
 * Read header record r: col[c] gets the index of the field that names
 * columns[c], or -1. Every field must name a known column, once; the
 * first nrequired columns must be there. expected lists the columns for
 * messages ("name, type and parent"). Problems go to d at the field (or
 * the header's start), naming the column; returns 0, or -1 after one.
 */
int csv_header(const char *file, const struct csv_record *r,
	       const char *const *columns, size_t ncolumns, size_t nrequired,
	       const char *expected, int *col, struct diags *d);

/*
 * Write the NUL-terminated s to f as one field, in double quotes if it
 * needs them, then ',' or, if last is non-zero, '\n'.
 */
void csv_put(FILE *f, const char *s, int last);

#endif
