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

void diag_format(const struct diag *g, struct strbuf *sb)
{
	if (g->line > 0)
		sb_addf(sb, "%s:%d:%d: ", g->file, g->line, g->col);
	else
		sb_addf(sb, "%s: ", g->file);
	if (g->where)
		sb_addf(sb, "%s: ", g->where);
	sb_adds(sb, g->msg);
}

char *diag_field(const struct diag *g, const char **msg)
{
	size_t n = strspn(g->msg, "abcdefghijklmnopqrstuvwxyz_");

	*msg = g->msg;
	if (g->where)
		return xstrdup(g->where);
	if (!n || g->msg[n] != ':' || g->msg[n + 1] != ' ')
		return NULL;
	*msg = g->msg + n + 2;
	return xstrndup(g->msg, n);
}

void diags_print(const struct diags *d, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		sb_reset(&sb);
		diag_format(&d->v[i], &sb);
		fprintf(f, "%s\n", sb.buf);
	}
	sb_release(&sb);
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
