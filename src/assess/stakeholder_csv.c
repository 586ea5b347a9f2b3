/* stakeholder_csv.c: stakeholders from a CSV file, every value checked. */
#include <stdlib.h>
#include <string.h>

#include "lib/csvread.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "project.h"
#include "stakeholder_csv.h"

static const char *const columns[] = {
	"name", "group", "organisation", "power", "interest", "attitude", NULL
};

struct reader {
	const char *file;
	int col[6];		/* field index of each column, or -1 */
	size_t nheader;
	struct stakeholder_rows *out;
	struct diags *d;
};

static int header(struct reader *R, const struct csv_record *r)
{
	for (size_t c = 0; c < 6; c++)
		R->col[c] = -1;
	R->nheader = r->nfields;
	for (size_t f = 0; f < r->nfields; f++) {
		size_t c;
		for (c = 0; columns[c] && strcmp(columns[c], r->fields[f]); c++)
			;
		if (!columns[c]) {
			diag_add(R->d, R->file, r->line, (int)f + 1, r->fields[f], -1,
				 "unknown column; expected name, group, "
				 "organisation, power, interest and attitude");
			return -1;
		}
		if (R->col[c] >= 0) {
			diag_add(R->d, R->file, r->line, (int)f + 1, r->fields[f], -1,
				 "column given twice");
			return -1;
		}
		R->col[c] = (int)f;
	}
	if (R->col[0] < 0 || R->col[1] < 0) {
		diag_add(R->d, R->file, r->line, 1, NULL, -1, "the header must "
			 "name at least the columns 'name' and 'group'");
		return -1;
	}
	return 0;
}

static void row(struct reader *R, const struct csv_record *r)
{
	struct stakeholder_rows *o = R->out;
	struct stakeholder *s;
	struct strbuf err = STRBUF_INIT;
	long rec = (long)o->n;

	XGROW(o->v, o->alloc, o->n + 1);
	XGROW(o->line, o->line_alloc, o->n + 1);
	s = &o->v[o->n];
	o->line[o->n++] = r->line;
	stakeholder_init(s);
	if (r->nfields != R->nheader) {
		diag_add(R->d, R->file, r->line, 1, NULL, rec, "expected %zu "
			 "fields as in the header, found %zu", R->nheader,
			 r->nfields);
		return;
	}
	for (size_t c = 0; columns[c]; c++) {
		const char *v;
		if (R->col[c] < 0)
			continue;
		v = r->fields[R->col[c]];
		if (!*v && c >= 2)
			continue;	/* optional columns keep their defaults */
		sb_reset(&err);
		if (stakeholder_set(s, columns[c], v, &err))
			diag_add(R->d, R->file, r->line, R->col[c] + 1, NULL,
				 rec, "%s", err.buf);
	}
	sb_release(&err);
}

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
