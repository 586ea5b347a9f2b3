/*
 * money_csv.c: benefit measurements and cost items from CSV files, every
 * value checked against the file and the project before anything is
 * kept.
 */
#include <stdlib.h>
#include <string.h>

#include "csvrows.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "money.h"

/* The benefit named name among v, or -1. */
static long benefit_find(const struct benefit *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return (long)i;
	return -1;
}

/* Report "field: " + why at row i's column c. */
static void report_field(struct reader *R, size_t i, size_t c,
			 struct strbuf *why)
{
	struct strbuf msg = STRBUF_INIT;

	sb_addf(&msg, "%s: %s", R->columns[c], why->buf);
	sb_reset(why);
	reader_report(R, i, c, &msg);
	sb_release(&msg);
}

/* --- measurements --- */

static const char *const measure_columns[] = {
	"benefit", "date", "value", "note"
};

/* Check row i of R into m; its benefit's index is returned, or -1. */
static long measure_row(struct reader *R, size_t i,
			const struct benefit *benefits, size_t nbenefits,
			int32_t today, struct benefit_measure *m)
{
	struct raw *w = &R->rows[i];
	struct strbuf err = STRBUF_INIT;
	long b = -1;
	int32_t d;

	m->measured = xstrdup(w->f[1] ? w->f[1] : "");
	m->note = xstrdup(w->f[3] ? w->f[3] : "");
	if (w->bad)
		return -1;
	if (!*w->f[0])
		sb_addf(&err, "must not be empty");
	else if ((b = benefit_find(benefits, nbenefits, w->f[0])) < 0)
		sb_addf(&err, "the project has no benefit '%s'; see 'waymark "
			"benefit list'", w->f[0]);
	else
		m->benefit = benefits[b].id;
	if (err.len)
		report_field(R, i, 0, &err);
	if (track_date_parse(w->f[1], &d, &err))
		report_field(R, i, 1, &err);
	else if (d > today) {
		sb_addf(&err, "'%s' is after today; record a measurement once it "
			"is made", w->f[1]);
		report_field(R, i, 1, &err);
	}
	if (money_number("value", w->f[2], -MONEY_MAX, MONEY_MAX, &m->value,
			 &err))
		reader_report(R, i, 2, &err);
	if (w->f[3] && check_text("note", w->f[3], MONEY_TEXT_MAX, false, &err))
		reader_report(R, i, 3, &err);
	sb_release(&err);
	return b;
}

int measures_parse_csv(const char *file, const char *data, size_t len,
		       const struct benefit *benefits, size_t nbenefits,
		       int32_t today, struct measure_rows *out,
		       struct diags *d)
{
	struct reader R = {
		.file = file, .columns = measure_columns, .ncolumns = 4,
		.nrequired = 3, .expected = "benefit, date, value and note",
		.d = d,
	};
	struct strbuf err = STRBUF_INIT;
	long *which;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->n = R.n;
	which = xcalloc(R.n ? R.n : 1, sizeof(*which));
	for (size_t i = 0; i < R.n; i++)
		which[i] = measure_row(&R, i, benefits, nbenefits, today,
				       &out->v[i]);
	/* a benefit and day given twice: files are short, so compare pairs */
	for (size_t i = 0; i < R.n; i++) {
		for (size_t j = 0; j < i && which[i] >= 0; j++) {
			if (which[j] != which[i] ||
			    strcmp(out->v[j].measured, out->v[i].measured))
				continue;
			sb_addf(&err, "date: %s of benefit '%s' is given already "
				"on line %d", out->v[i].measured,
				benefits[which[i]].name, R.rows[j].pos[1].line);
			reader_report(&R, i, 1, &err);
			break;
		}
	}
	free(which);
	track_diags_sort(d);
	reader_free(&R);
	sb_release(&err);
	return rc;
}

void measure_rows_release(struct measure_rows *rows)
{
	store_benefit_measures_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}

/* --- cost items --- */

/* cost_item_fields' eleven, then the benefit's name. */
static const char *const cost_columns[] = {
	"name", "flow", "category", "kind", "start_year", "expected",
	"end_year", "refresh", "ramp", "low", "high", "benefit"
};
#define NCOST_COLUMNS 12
#define NCOST_REQUIRED 6

static long column_of(const char *field)
{
	for (long c = 0; c < NCOST_COLUMNS; c++)
		if (!strcmp(cost_columns[c], field))
			return c;
	return 0;
}

/* Check row i of R into c. */
static void cost_row(struct reader *R, size_t i,
		     const struct benefit *benefits, size_t nbenefits,
		     struct cost_item *c)
{
	struct raw *w = &R->rows[i];
	struct strbuf err = STRBUF_INIT;
	const char *at;
	size_t bad = R->d->n;

	cost_item_init(c);
	if (w->bad)
		return;
	for (size_t k = 0; k < NCOST_COLUMNS - 1; k++)
		if (w->f[k] && cost_item_set(c, cost_columns[k], w->f[k], &err))
			reader_report(R, i, k, &err);
	/* low and high default to expected */
	if (!w->f[9])
		c->low = c->expected;
	if (!w->f[10])
		c->high = c->expected;
	if (w->f[11] && *w->f[11]) {
		long b = benefit_find(benefits, nbenefits, w->f[11]);
		if (b < 0) {
			sb_addf(&err, "the project has no benefit '%s'; see "
				"'waymark benefit list'", w->f[11]);
			report_field(R, i, 11, &err);
		} else {
			c->benefit = benefits[b].id;
		}
	}
	/* the item as a whole, once each field is good */
	if (R->d->n == bad && (at = cost_item_check(c, &err)))
		reader_report(R, i, (size_t)column_of(at), &err);
	sb_release(&err);
}

int cost_items_parse_csv(const char *file, const char *data, size_t len,
			 const struct cost_item *existing, size_t nexisting,
			 const struct benefit *benefits, size_t nbenefits,
			 struct cost_rows *out, struct diags *d)
{
	struct reader R = {
		.file = file, .columns = cost_columns, .ncolumns = NCOST_COLUMNS,
		.nrequired = NCOST_REQUIRED, .expected = "name, flow, category, "
		"kind, start_year, expected, end_year, refresh, ramp, low, high "
		"and benefit", .d = d,
	};
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_read(&R, data, len);
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->n = R.n;
	for (size_t i = 0; i < R.n; i++) {
		const char *name;
		cost_row(&R, i, benefits, nbenefits, &out->v[i]);
		name = out->v[i].name;
		if (!*name)
			continue;
		for (size_t j = 0; j < nexisting; j++)
			if (!strcmp(existing[j].name, name)) {
				sb_addf(&err, "name: the project has a cost item "
					"'%s' already", name);
				reader_report(&R, i, 0, &err);
				break;
			}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(out->v[j].name, name)) {
				sb_addf(&err, "name: '%s' is given already on line "
					"%d", name, R.rows[j].pos[0].line);
				reader_report(&R, i, 0, &err);
				break;
			}
	}
	track_diags_sort(d);
	reader_free(&R);
	sb_release(&err);
	return rc;
}

void cost_rows_release(struct cost_rows *rows)
{
	store_cost_items_free(rows->v, rows->n);
	memset(rows, 0, sizeof(*rows));
}
