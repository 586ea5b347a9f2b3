/*
 * csv.c: settings and milestones reached, from CSV files, every value
 * checked against the file and the project before anything is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/csvread.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "csvrows.h"
#include "track.h"

static int header(struct reader *R, const struct csv_record *r)
{
	R->nheader = r->nfields;
	return csv_header(R->file, r, R->columns, R->ncolumns, R->nrequired,
			  R->expected, R->col, R->d);
}

static void row(struct reader *R, const struct csv_record *r)
{
	long rec = (long)R->n;
	struct raw *w;

	XGROW(R->rows, R->alloc, R->n + 1);
	w = &R->rows[R->n++];
	memset(w, 0, sizeof(*w));
	for (size_t c = 0; c < R->ncolumns; c++)
		w->pos[c] = (struct track_pos){ r->line, r->fields[0].col };
	if (r->nfields != R->nheader) {
		diag_add(R->d, R->file, r->fields[0].line, r->fields[0].col, NULL,
			 rec, "expected %zu fields as in the header, found %zu",
			 R->nheader, r->nfields);
		w->bad = true;
		return;
	}
	for (size_t c = 0; c < R->ncolumns; c++) {
		const struct csv_field *f;
		if (R->col[c] < 0)
			continue;
		f = &r->fields[R->col[c]];
		w->pos[c] = (struct track_pos){ f->line, f->col };
		if (strlen(f->text) != f->len) {
			diag_add(R->d, R->file, f->line, f->col, R->columns[c], rec,
				 "a NUL byte in the field; remove it");
			w->bad = true;
			continue;
		}
		w->f[c] = xstrdup(f->text);
	}
}

static int on_record(const struct csv_record *r, void *ctx)
{
	struct reader *R = ctx;

	if (r->index == 0)
		return header(R, r) ? 1 : 0;
	row(R, r);
	return 0;
}

int csv_rows_read(struct reader *R, const char *data, size_t len)
{
	size_t bad;

	if (!utf8_valid(data, len, &bad)) {
		diag_add(R->d, R->file, 0, 0, NULL, -1, "not valid UTF-8 (byte "
			 "%zu); save the file as UTF-8", bad + 1);
		return -1;
	}
	return csv_read(R->file, data, len, on_record, R, R->d) ? -1 : 0;
}

void csv_rows_free(struct reader *R)
{
	for (size_t i = 0; i < R->n; i++)
		for (size_t c = 0; c < MAXCOLS; c++)
			free(R->rows[i].f[c]);
	free(R->rows);
}

void csv_rows_report(struct reader *R, size_t i, size_t c, struct strbuf *err)
{
	diag_add(R->d, R->file, R->rows[i].pos[c].line, R->rows[i].pos[c].col,
		 NULL, (long)i, "%s", err->buf);
	sb_reset(err);
}

struct diag_at {
	struct diag d;
	size_t index;
};

static int by_place(const void *a, const void *b)
{
	const struct diag_at *x = a, *y = b;

	if (x->d.line != y->d.line)
		return (x->d.line > y->d.line) - (x->d.line < y->d.line);
	if (x->d.col != y->d.col)
		return (x->d.col > y->d.col) - (x->d.col < y->d.col);
	return (x->index > y->index) - (x->index < y->index);
}

void csv_rows_sort(struct diags *d)
{
	struct diag_at *v = xcalloc(d->n + 1, sizeof(*v));

	for (size_t i = 0; i < d->n; i++)
		v[i] = (struct diag_at){ d->v[i], i };
	qsort(v, d->n, sizeof(*v), by_place);
	for (size_t i = 0; i < d->n; i++)
		d->v[i] = v[i].d;
	free(v);
}

long setting_find(const struct setting *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].name, name);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* --- settings --- */

static const char *const setting_columns[] = {
	"name", "type", "parent", "it_system"
};

/* Row indexes sorted by name, to find names given in the file. */
static const struct setting *sort_base;
static int by_name(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	int c = strcmp(sort_base[*x].name, sort_base[*y].name);

	return c ? c : (*x > *y) - (*x < *y);
}

/* The row of the file named name (the first, if given twice), or -1. */
static long file_find(const struct setting *v, const size_t *order, size_t n,
		      const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[order[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(v[order[lo]].name, name) ? (long)order[lo] : -1;
}

/* Check names and parents across the file and the project. */
static void settings_check(struct reader *R, struct setting_rows *out,
			   const struct setting *existing, size_t nexisting)
{
	struct strbuf err = STRBUF_INIT;
	size_t *order = xcalloc(out->n ? out->n : 1, sizeof(*order));
	size_t m = 0;

	for (size_t i = 0; i < out->n; i++)
		if (*out->v[i].name)
			order[m++] = i;
	sort_base = out->v;
	qsort(order, m, sizeof(*order), by_name);
	for (size_t k = 1, start = 0; k < m; k++) {
		size_t i = order[k];
		if (strcmp(out->v[i].name, out->v[order[start]].name)) {
			start = k;
			continue;
		}
		sb_addf(&err, "name: '%s' is given already on line %d",
			out->v[i].name, R->rows[order[start]].pos[0].line);
		csv_rows_report(R, i, 0, &err);
	}
	for (size_t i = 0; i < out->n; i++) {
		const struct setting *s = &out->v[i];
		if (*s->name && setting_find(existing, nexisting, s->name) >= 0) {
			sb_addf(&err, "name: the project has a setting '%s' already",
				s->name);
			csv_rows_report(R, i, 0, &err);
		}
		if (!*s->parent)
			continue;
		if (!strcmp(s->parent, s->name)) {
			sb_addf(&err, "parent: a setting cannot be its own parent");
			csv_rows_report(R, i, 2, &err);
		} else if (setting_find(existing, nexisting, s->parent) < 0 &&
			   file_find(out->v, order, m, s->parent) < 0) {
			sb_addf(&err, "parent: no setting '%s' in the project or in "
				"this file", s->parent);
			csv_rows_report(R, i, 2, &err);
		} else {
			/* follow the parents in the file: do they come back here? */
			long j = (long)i;
			for (size_t steps = 0; steps <= m; steps++) {
				j = file_find(out->v, order, m, out->v[j].parent);
				if (j < 0 || (size_t)j == i || !*out->v[j].parent)
					break;
			}
			if (j >= 0 && (size_t)j == i) {
				sb_addf(&err, "parent: '%s' goes round in a circle "
					"back to this setting", s->parent);
				csv_rows_report(R, i, 2, &err);
			}
		}
	}
	free(order);
	sb_release(&err);
}

int settings_parse_csv(const char *file, const char *data, size_t len,
		       const struct setting *existing, size_t nexisting,
		       struct setting_rows *out, struct diags *d)
{
	struct reader R = {
		.file = file, .columns = setting_columns, .ncolumns = 4,
		.nrequired = 2, .expected = "name, type, parent and it_system",
		.d = d,
	};
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = csv_rows_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->pos = xcalloc(R.n ? R.n * 4 : 1, sizeof(*out->pos));
	out->n = R.n;
	for (size_t i = 0; i < R.n; i++) {
		struct setting *s = &out->v[i];
		setting_init(s);
		memcpy(&out->pos[i * 4], R.rows[i].pos, 4 * sizeof(*R.rows[i].pos));
		for (size_t c = 0; c < 4; c++) {
			if (!R.rows[i].f[c] || R.rows[i].bad)
				continue;
			if (setting_set(s, setting_columns[c], R.rows[i].f[c], &err))
				csv_rows_report(&R, i, c, &err);
		}
	}
	if (rc == 0)
		settings_check(&R, out, existing, nexisting);
	csv_rows_sort(d);
	csv_rows_free(&R);
	sb_release(&err);
	return rc;
}

void setting_rows_release(struct setting_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		store_setting_release(&rows->v[i]);
	free(rows->v);
	free(rows->pos);
	memset(rows, 0, sizeof(*rows));
}

/* --- milestones reached --- */

static const char *const milestone_columns[] = {
	"setting", "milestone", "date"
};

struct pair {
	long setting;
	size_t milestone, row;
};

static int by_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->setting != y->setting)
		return (x->setting > y->setting) - (x->setting < y->setting);
	if (x->milestone != y->milestone)
		return (x->milestone > y->milestone) - (x->milestone < y->milestone);
	return (x->row > y->row) - (x->row < y->row);
}

int milestones_parse_csv(const char *file, const char *data, size_t len,
			 const struct setting *settings, size_t nsettings,
			 const struct group *milestones, size_t nmilestones,
			 int32_t today, struct milestone_rows *out,
			 struct diags *d)
{
	struct reader R = {
		.file = file, .columns = milestone_columns, .ncolumns = 3,
		.nrequired = 3, .expected = "setting, milestone and date", .d = d,
	};
	struct strbuf err = STRBUF_INIT;
	struct pair *pairs;
	size_t npairs = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = csv_rows_read(&R, data, len);
	pairs = xcalloc(R.n ? R.n : 1, sizeof(*pairs));
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->n = out->alloc = R.n;
	for (size_t i = 0; i < R.n; i++) {
		struct raw *w = &R.rows[i];
		long s = -1;
		size_t m = nmilestones;
		int32_t day;

		out->v[i].milestone = xstrdup(w->f[1] ? w->f[1] : "");
		out->v[i].date = xstrdup(w->f[2] ? w->f[2] : "");
		if (w->bad)
			continue;
		if (!*w->f[0])
			sb_addf(&err, "setting: must not be empty");
		else if ((s = setting_find(settings, nsettings, w->f[0])) < 0)
			sb_addf(&err, "setting: the project has no setting '%s'; "
				"see 'waymark setting list'", w->f[0]);
		else
			out->v[i].setting = settings[s].id;
		if (err.len)
			csv_rows_report(&R, i, 0, &err);
		for (m = 0; m < nmilestones && strcmp(milestones[m].id, w->f[1]); m++)
			;
		if (m == nmilestones) {
			sb_addf(&err, "milestone: '%s' is not one of the project's "
				"milestones:", w->f[1]);
			for (size_t k = 0; k < nmilestones; k++)
				sb_addf(&err, " %s", milestones[k].id);
			csv_rows_report(&R, i, 1, &err);
		}
		if (track_date_parse(w->f[2], &day, &err)) {
			struct strbuf msg = STRBUF_INIT;
			sb_addf(&msg, "date: %s", err.buf);
			sb_reset(&err);
			csv_rows_report(&R, i, 2, &msg);
			sb_release(&msg);
		} else if (day > today) {
			sb_addf(&err, "date: '%s' is after today; record a milestone "
				"once it is reached", w->f[2]);
			csv_rows_report(&R, i, 2, &err);
		}
		if (s >= 0 && m < nmilestones)
			pairs[npairs++] = (struct pair){ s, m, i };
	}
	qsort(pairs, npairs, sizeof(*pairs), by_pair);
	for (size_t k = 1, start = 0; k < npairs; k++) {
		if (pairs[k].setting != pairs[start].setting ||
		    pairs[k].milestone != pairs[start].milestone) {
			start = k;
			continue;
		}
		sb_addf(&err, "milestone: '%s' of setting '%s' is given already on "
			"line %d", milestones[pairs[k].milestone].id,
			settings[pairs[k].setting].name,
			R.rows[pairs[start].row].pos[1].line);
		csv_rows_report(&R, pairs[k].row, 1, &err);
	}
	free(pairs);
	csv_rows_sort(d);
	csv_rows_free(&R);
	sb_release(&err);
	return rc;
}

void milestone_rows_release(struct milestone_rows *rows)
{
	store_milestone_events_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}
