/* stakeholder_csv.c: stakeholders from a CSV file, every value checked. */
#include <stdlib.h>
#include <string.h>

#include "lib/csvread.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "project.h"
#include "stakeholder_csv.h"

/* The columns a header may name; the first two are required. */
static const char *const columns[] = {
	"name", "group", "organisation", "power", "interest", "attitude"
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))
#define NREQUIRED 2

struct reader {
	const char *file;
	int col[NCOLUMNS];	/* field index of each column, or -1 */
	size_t nheader;
	struct stakeholder_rows *out;
	struct diags *d;
};

static int header(struct reader *R, const struct csv_record *r)
{
	R->nheader = r->nfields;
	return csv_header(R->file, r, columns, NCOLUMNS, NREQUIRED,
			  "name, group, organisation, power, interest and "
			  "attitude", R->col, R->d);
}

/* Append a default stakeholder for record r to the output. */
static struct stakeholder *row_add(struct stakeholder_rows *o,
				   const struct csv_record *r)
{
	XGROW(o->v, o->alloc, o->n + 1);
	XGROW(o->line, o->line_alloc, o->n + 1);
	o->line[o->n] = r->line;
	stakeholder_init(&o->v[o->n]);
	return &o->v[o->n++];
}

/* Set s's fields from record r, which has a field for every column. */
static void row_values(struct reader *R, const struct csv_record *r,
		       struct stakeholder *s, long rec)
{
	struct strbuf err = STRBUF_INIT;

	for (size_t c = 0; c < NCOLUMNS; c++) {
		const struct csv_field *f;
		if (R->col[c] < 0)
			continue;
		f = &r->fields[R->col[c]];
		if (!f->len && c >= NREQUIRED)
			continue;	/* optional columns keep their defaults */
		sb_reset(&err);
		if (strlen(f->text) != f->len)
			diag_add(R->d, R->file, f->line, f->col, NULL, rec,
				 "%s: a NUL byte in the field; remove it",
				 columns[c]);
		else if (stakeholder_set(s, columns[c], f->text, &err))
			diag_add(R->d, R->file, f->line, f->col, NULL, rec, "%s",
				 err.buf);
	}
	sb_release(&err);
}

static void row(struct reader *R, const struct csv_record *r)
{
	long rec = (long)R->out->n;
	struct stakeholder *s = row_add(R->out, r);

	if (r->nfields == R->nheader)
		row_values(R, r, s, rec);
	else
		diag_add(R->d, R->file, r->fields[0].line, r->fields[0].col, NULL,
			 rec, "expected %zu fields as in the header, found %zu",
			 R->nheader, r->nfields);
}

/* csv_read's callback: stops (1) if the header is unusable. */
static int on_record(const struct csv_record *r, void *ctx)
{
	struct reader *R = ctx;

	if (r->index == 0)
		return header(R, r) ? 1 : 0;
	row(R, r);
	return 0;
}

int stakeholders_parse_csv(const char *file, const char *data, size_t len,
			   struct stakeholder_rows *out, struct diags *d)
{
	struct reader R = { .file = file, .out = out, .d = d };
	size_t bad;

	memset(out, 0, sizeof(*out));
	if (!utf8_valid(data, len, &bad)) {
		diag_add(d, file, 0, 0, NULL, -1, "not valid UTF-8 (byte %zu); "
			 "save the file as UTF-8", bad + 1);
		return -1;
	}
	return csv_read(file, data, len, on_record, &R, d) ? -1 : 0;
}

void stakeholder_rows_release(struct stakeholder_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		stakeholder_release(&rows->v[i]);
	free(rows->v);
	free(rows->line);
	memset(rows, 0, sizeof(*rows));
}
