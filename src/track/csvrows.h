/*
 * csvrows.h: how the tracking module's CSV imports read a file: each
 * data record kept as text with where every field starts, so that each
 * import checks its values and reports every problem at its place.
 * For src/track only.
 */
#ifndef WM_TRACK_CSVROWS_H
#define WM_TRACK_CSVROWS_H

#include "track.h"

/* The most columns an import may have. */
#define MAXCOLS 12

/* One data record as text, with where each column's field starts. */
struct raw {
	char *f[MAXCOLS];	/* NULL for a column the header lacks */
	struct track_pos pos[MAXCOLS];
	bool bad;		/* the record itself is unusable */
};

/* Set file, columns, ncolumns, nrequired, expected and d; zero the rest. */
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
 * Read the file into R->rows, checking the header and that each record
 * has as many fields as it (problems go to R->d). Returns 0, or -1 if
 * the file cannot be read as a whole. Free the rows with reader_free.
 */
int reader_read(struct reader *R, const char *data, size_t len);
void reader_free(struct reader *R);
/* Report err (a message naming its field) at row i's column c; reset err. */
void reader_report(struct reader *R, size_t i, size_t c, struct strbuf *err);
/* Order d's problems by line and column, keeping the order of ties. */
void track_diags_sort(struct diags *d);

#endif
