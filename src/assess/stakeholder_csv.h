/* stakeholder_csv.h: reading stakeholders from CSV. */
#ifndef WM_STAKEHOLDER_CSV_H
#define WM_STAKEHOLDER_CSV_H

#include <stddef.h>

#include "lib/diag.h"
#include "project.h"

struct stakeholder_rows {
	struct stakeholder *v;	/* one per data row, in file order */
	int *line;		/* the line each row starts on */
	size_t n, alloc, line_alloc;
};

/*
 * Parse CSV with a header naming columns name and group (required) and
 * organisation, power, interest, attitude (optional; empty keeps the
 * default), read with csv_read (lib/csvread.h). Each bad value goes to d
 * at file:line:column where its field starts, with the row's index as
 * its record. out is always filled (one stakeholder per data row, bad
 * ones included) and is the caller's to release with
 * stakeholder_rows_release. Returns 0 if the file could be read as a
 * whole (rows may still be bad), -1 if not (see d).
 */
int stakeholders_parse_csv(const char *file, const char *data, size_t len,
			   struct stakeholder_rows *out, struct diags *d);
/* Free what rows holds and leave it empty. */
void stakeholder_rows_release(struct stakeholder_rows *rows);

#endif
