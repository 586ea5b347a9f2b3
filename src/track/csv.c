/*
 * csv.c: settings, milestones reached, usage figures and the barrier
 * and enabler log, from CSV files, every value checked against the file
 * and the project before anything is kept.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csvread.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "csvrows.h"
#include "log.h"
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

/* Read the file into R->rows; 0, or -1 if it cannot be read as a whole. */
int reader_read(struct reader *R, const char *data, size_t len)
{
	size_t bad;

	assert(R->ncolumns <= MAXCOLS);
	if (!utf8_valid(data, len, &bad)) {
		diag_add(R->d, R->file, 0, 0, NULL, -1, "not valid UTF-8 (byte "
			 "%zu); save the file as UTF-8", bad + 1);
		return -1;
	}
	return csv_read(R->file, data, len, on_record, R, R->d) ? -1 : 0;
}

void reader_free(struct reader *R)
{
	for (size_t i = 0; i < R->n; i++)
		for (size_t c = 0; c < MAXCOLS; c++)
			free(R->rows[i].f[c]);
	free(R->rows);
}

/* Report err (a message naming its field) at row i's column c. */
void reader_report(struct reader *R, size_t i, size_t c, struct strbuf *err)
{
	diag_add(R->d, R->file, R->rows[i].pos[c].line, R->rows[i].pos[c].col,
		 NULL, (long)i, "%s", err->buf);
	sb_reset(err);
}

/* Order the problems by where they are, keeping the order of ties. */
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

void track_diags_sort(struct diags *d)
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
		reader_report(R, i, 0, &err);
	}
	for (size_t i = 0; i < out->n; i++) {
		const struct setting *s = &out->v[i];
		if (*s->name && setting_find(existing, nexisting, s->name) >= 0) {
			sb_addf(&err, "name: the project has a setting '%s' already",
				s->name);
			reader_report(R, i, 0, &err);
		}
		if (!*s->parent)
			continue;
		if (!strcmp(s->parent, s->name)) {
			sb_addf(&err, "parent: a setting cannot be its own parent");
			reader_report(R, i, 2, &err);
		} else if (setting_find(existing, nexisting, s->parent) < 0 &&
			   file_find(out->v, order, m, s->parent) < 0) {
			sb_addf(&err, "parent: no setting '%s' in the project or in "
				"this file", s->parent);
			reader_report(R, i, 2, &err);
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
				reader_report(R, i, 2, &err);
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
	rc = reader_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->pos = xcalloc(R.n ? R.n * 4 : 1, sizeof(*out->pos));
	out->n = R.n;
	for (size_t i = 0; i < R.n; i++) {
		struct setting *s = &out->v[i];
		setting_init(s);
		memcpy(&out->pos[i * 4], R.rows[i].pos, 4 * sizeof(*out->pos));
		for (size_t c = 0; c < 4; c++) {
			if (!R.rows[i].f[c] || R.rows[i].bad)
				continue;
			if (setting_set(s, setting_columns[c], R.rows[i].f[c], &err))
				reader_report(&R, i, c, &err);
		}
	}
	if (rc == 0)
		settings_check(&R, out, existing, nexisting);
	track_diags_sort(d);
	reader_free(&R);
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
	rc = reader_read(&R, data, len);
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
			reader_report(&R, i, 0, &err);
		for (m = 0; m < nmilestones && strcmp(milestones[m].id, w->f[1]); m++)
			;
		if (m == nmilestones) {
			sb_addf(&err, "milestone: '%s' is not one of the project's "
				"milestones:", w->f[1]);
			for (size_t k = 0; k < nmilestones; k++)
				sb_addf(&err, " %s", milestones[k].id);
			reader_report(&R, i, 1, &err);
		}
		if (track_date_parse(w->f[2], &day, &err)) {
			struct strbuf msg = STRBUF_INIT;
			sb_addf(&msg, "date: %s", err.buf);
			sb_reset(&err);
			reader_report(&R, i, 2, &msg);
			sb_release(&msg);
		} else if (day > today) {
			sb_addf(&err, "date: '%s' is after today; record a milestone "
				"once it is reached", w->f[2]);
			reader_report(&R, i, 2, &err);
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
		reader_report(&R, pairs[k].row, 1, &err);
	}
	free(pairs);
	track_diags_sort(d);
	reader_free(&R);
	sb_release(&err);
	return rc;
}

void milestone_rows_release(struct milestone_rows *rows)
{
	store_milestone_events_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}

/* --- usage figures --- */

static const char *const usage_columns[] = {
	"setting", "metric", "month", "value", "eligible"
};

void track_month_format(int32_t day, char out[8])
{
	char d[11];

	track_date_format(day, d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

int track_month_parse(const char *s, struct strbuf *err)
{
	struct strbuf day = STRBUF_INIT, why = STRBUF_INIT;
	int32_t d;
	int rc = 0;

	sb_addf(&day, "%s-01", s);
	if (strlen(s) != 7 || track_date_parse(day.buf, &d, &why)) {
		sb_addf(err, "'%s' is not a month written YYYY-MM", s);
		rc = -1;
	}
	sb_release(&day);
	sb_release(&why);
	return rc;
}

/*
 * A number from the whole of text s into *v: finite, and >= 0 (or > 0
 * when positive). 0, or -1 with the reason in err naming field.
 */
static int number_parse(const char *field, const char *s, bool positive,
			double *v, struct strbuf *err)
{
	char *end;

	if (!*s || strspn(s, "0123456789.eE+-") != strlen(s)) {
		sb_addf(err, "%s: '%s' is not a number", field, s);
		return -1;
	}
	*v = strtod(s, &end);
	if (*end || !isfinite(*v)) {
		sb_addf(err, "%s: '%s' is not a number", field, s);
		return -1;
	}
	if (positive ? *v <= 0 : *v < 0) {
		sb_addf(err, "%s: %s must be %s", field, s, positive ?
			"above 0" : "0 or more");
		return -1;
	}
	return 0;
}

static int by_figure(const void *a, const void *b)
{
	const struct usage_figure *const *x = a, *const *y = b;
	int c;

	if ((*x)->setting != (*y)->setting)
		return ((*x)->setting > (*y)->setting) -
		       ((*x)->setting < (*y)->setting);
	if ((c = strcmp((*x)->metric, (*y)->metric)) ||
	    (c = strcmp((*x)->month, (*y)->month)))
		return c;
	return (*x > *y) - (*x < *y);
}

/* Check one record's fields into f; problems go to R's list. */
static void usage_row(struct reader *R, size_t i,
		      const struct setting *settings, size_t nsettings,
		      const char *this_month, struct usage_figure *f)
{
	struct raw *w = &R->rows[i];
	struct strbuf err = STRBUF_INIT;
	long s;

	f->metric = xstrdup(w->f[1] ? w->f[1] : "");
	f->month = xstrdup(w->f[2] ? w->f[2] : "");
	f->setting = -1;
	f->eligible = NAN;
	if (w->bad)
		return;
	if (!*w->f[0])
		sb_addf(&err, "setting: must not be empty");
	else if ((s = setting_find(settings, nsettings, w->f[0])) < 0)
		sb_addf(&err, "setting: the project has no setting '%s'; see "
			"'waymark setting list'", w->f[0]);
	else
		f->setting = settings[s].id;
	if (err.len)
		reader_report(R, i, 0, &err);
	if (check_text("metric", w->f[1], TRACK_METRIC_MAX, true, &err))
		reader_report(R, i, 1, &err);
	else if (strpbrk(w->f[1], "\n\r\t")) {
		sb_addf(&err, "metric: must be on one line, without tabs");
		reader_report(R, i, 1, &err);
	}
	if (track_month_parse(w->f[2], &err)) {
		struct strbuf msg = STRBUF_INIT;
		sb_addf(&msg, "month: %s", err.buf);
		sb_reset(&err);
		reader_report(R, i, 2, &msg);
		sb_release(&msg);
	} else if (strcmp(w->f[2], this_month) > 0) {
		sb_addf(&err, "month: '%s' is after this month", w->f[2]);
		reader_report(R, i, 2, &err);
	}
	if (number_parse("value", w->f[3], false, &f->value, &err))
		reader_report(R, i, 3, &err);
	if (w->f[4] && *w->f[4]) {
		if (number_parse("eligible", w->f[4], true, &f->eligible, &err)) {
			reader_report(R, i, 4, &err);
		} else if (f->value > f->eligible) {
			sb_addf(&err, "eligible: %s is below the value %s; the "
				"value counts some of those eligible", w->f[4],
				w->f[3]);
			reader_report(R, i, 4, &err);
		}
	}
	sb_release(&err);
}

int usage_parse_csv(const char *file, const char *data, size_t len,
		    const struct setting *settings, size_t nsettings,
		    const char *this_month, struct usage_rows *out,
		    struct diags *d)
{
	struct reader R = {
		.file = file, .columns = usage_columns, .ncolumns = 5,
		.nrequired = 4, .expected = "setting, metric, month, value and "
		"eligible", .d = d,
	};
	struct strbuf err = STRBUF_INIT;
	const struct usage_figure **order;
	size_t m = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->n = R.n;
	order = xcalloc(R.n ? R.n : 1, sizeof(*order));
	for (size_t i = 0; i < R.n; i++) {
		usage_row(&R, i, settings, nsettings, this_month, &out->v[i]);
		if (out->v[i].setting >= 0 && !R.rows[i].bad)
			order[m++] = &out->v[i];
	}
	qsort(order, m, sizeof(*order), by_figure);
	for (size_t k = 1, start = 0; k < m; k++) {
		size_t i = (size_t)(order[k] - out->v);
		if (order[k]->setting != order[start]->setting ||
		    strcmp(order[k]->metric, order[start]->metric) ||
		    strcmp(order[k]->month, order[start]->month)) {
			start = k;
			continue;
		}
		sb_addf(&err, "month: %s of '%s' for this setting is given "
			"already on line %d", order[k]->month, order[k]->metric,
			R.rows[order[start] - out->v].pos[2].line);
		reader_report(&R, i, 2, &err);
	}
	free(order);
	track_diags_sort(d);
	reader_free(&R);
	sb_release(&err);
	return rc;
}

/* --- the barrier and enabler log --- */

int observations_parse_csv(const struct kb *kb, const char *file,
			   const char *data, size_t len,
			   const struct setting *settings, size_t nsettings,
			   int32_t today, struct observation_rows *out,
			   struct diags *d)
{
	struct reader R = {
		.file = file, .columns = log_fields, .ncolumns = LOG_NFIELDS,
		.nrequired = 4, .expected = "date, reporter, text, kind, severity, "
		"status, setting, determinants and actions", .d = d,
	};
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->n = R.n;
	for (size_t i = 0; i < R.n; i++) {
		struct observation *o = &out->v[i];
		const char *name;
		long s;

		observation_init(o);
		if (R.rows[i].bad)
			continue;
		for (size_t c = 0; c < LOG_NFIELDS; c++) {
			if (c == LOG_SETTING || !R.rows[i].f[c])
				continue;
			/* an empty severity or status keeps the default */
			if (!*R.rows[i].f[c] &&
			    (c == LOG_SEVERITY || c == LOG_STATUS))
				continue;
			if (observation_set(kb, o, log_fields[c],
					    R.rows[i].f[c], today, &err))
				reader_report(&R, i, c, &err);
		}
		name = R.rows[i].f[LOG_SETTING];
		if (!name || !*name)
			continue;
		if ((s = setting_find(settings, nsettings, name)) < 0) {
			sb_addf(&err, "setting: the project has no setting '%s'; "
				"see 'waymark setting list'", name);
			reader_report(&R, i, LOG_SETTING, &err);
		} else {
			o->setting = settings[s].id;
			o->setting_name = xstrdup(name);
		}
	}
	track_diags_sort(d);
	reader_free(&R);
	sb_release(&err);
	return rc;
}

void usage_rows_release(struct usage_rows *rows)
{
	store_usage_figures_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}

void observation_rows_release(struct observation_rows *rows)
{
	store_observations_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}
