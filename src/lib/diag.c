/* diag.c: lists of located problems in input. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strbuf.h"
#include "xalloc.h"

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].where);
		free(d->v[i].msg);
	}
	free(d->v);
	diags_init(d);
}

void diag_add(struct diags *d, const char *file, int line, int col,
	      const char *where, long record, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag *g;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	XGROW(d->v, d->alloc, d->n + 1);
	g = &d->v[d->n++];
	g->file = xstrdup(file ? file : "");
	g->line = line;
	g->col = col;
	g->where = where ? xstrdup(where) : NULL;
	g->record = record;
	g->msg = sb_detach(&sb);
}

void diags_print(const struct diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		if (g->line > 0)
			fprintf(f, "%s:%d:%d: ", g->file, g->line, g->col);
		else
			fprintf(f, "%s: ", g->file);
		if (g->where)
			fprintf(f, "%s: ", g->where);
		fprintf(f, "%s\n", g->msg);
	}
}

int diags_file_level(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].record < 0)
			return 1;
	return 0;
}

int diag_record_bad(const struct diags *d, long rec)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].record == rec)
			return 1;
	return 0;
}
