/*
 * csvread.h: read a CSV file record by record through libcsv, knowing
 * the physical line each record starts on (quoted fields may hold line
 * breaks). A UTF-8 byte-order mark is skipped; CRLF and LF both end a
 * record; blank lines are ignored.
 */
#ifndef WM_CSVREAD_H
#define WM_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct csv_record {
	char **fields;		/* NUL-terminated copies, valid during the call */
	size_t nfields;
	int line;		/* 1-based line the record starts on */
	long index;		/* 0 for the first record (the header) */
};

/* Return 0 to go on, non-zero to stop reading (csv_read returns it). */
typedef int (*csv_record_fn)(const struct csv_record *r, void *ctx);

/*
 * Call fn for each record of data. A malformed file (say, an unclosed
 * quote) is reported in d against file with the line where the problem
 * was found, as a whole-file problem, and -1 is returned. An empty file
 * (nothing but a byte-order mark and white space) is reported the same
 * way. Otherwise returns 0, or what fn returned to stop.
 */
int csv_read(const char *file, const char *data, size_t len,
	     csv_record_fn fn, void *ctx, struct diags *d);

/* Write one field, quoted if it needs to be; then ',' or '\n' if last. */
void csv_put(FILE *f, const char *s, int last);

#endif
