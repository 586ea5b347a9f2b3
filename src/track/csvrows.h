/*
 * csvrows.h: what the CSV imports of src/track share: a file read into
 * rows of text with where each field starts, problems reported at the
 * field, and the problems put in the order of the file. Not for callers
 * outside src/track.
 */
#ifndef WM_CSVROWS_H
#define WM_CSVROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/csvread.h"
#include "track.h"

struct strbuf;

#define MAXCOLS 12	/* the most columns an import knows */

/* One data record as text, with where each column's field starts. */
struct raw {
	char *f[MAXCOLS];	/* NULL for a column the header lacks */
	struct track_pos pos[MAXCOLS];
	bool bad;		/* the record itself is unusable */
};

struct reader {
	const char *file;
	const char *const *columns;	/* the first nrequired are required */
	size_t ncolumns, nrequired;
	const char *expected;	/* for messages: "name, type, ..." */
	int col[MAXCOLS];	/* field index of each column, or -1 */
	size_t nheader;
	struct raw *rows;
	size_t n, alloc;
	struct diags *d;
};

/*
 * Read the file (UTF-8) into R->rows, checking the header against
 * R->columns and each record's field count. 0, or -1 if it cannot be
 * read as a whole; problems go to R->d.
 */
int csv_rows_read(struct reader *R, const char *data, size_t len);
void csv_rows_free(struct reader *R);
/* Report err (a message naming its field) at row i's column c; err is reset. */
void csv_rows_report(struct reader *R, size_t i, size_t c, struct strbuf *err);
/* Order the problems by where they are, keeping the order of ties. */
void csv_rows_sort(struct diags *d);

#endif
