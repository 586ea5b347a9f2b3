/*
 * money_demo.c: the demo project's benefits and cost model: a clinical
 * app on staff's phones in an acute hospital, with shared ward devices
 * bought every three years, over seven years from 2024. Figures are
 * made up but of a plausible size for 4,200 staff in 64 settings; the
 * expected case breaks even in year 5 (2028), within the 4 to 9 years
 * the King's Fund review found for EPR programmes; the high case in year
 * 3 (2026), and the low case (costs high, benefits low) not within the
 * seven years.
 */
#include <string.h>

#include "lib/strbuf.h"
#include "money.h"

struct demo_benefit {
	const char *kv[21];	/* field, value, ..., NULL */
	const char *measures[8][2];	/* day, value */
};

static const struct demo_benefit benefits[] = {
	{ { "name", "Phone and bleep time", "metric", "Minutes a nurse spends "
	    "per shift chasing calls and bleeps", "unit", "minutes", "owner",
	    "Deputy chief nurse", "baseline", "45", "baseline_date",
	    "2024-01-15", "target", "25", "target_date", "2026-12-31",
	    "schedule", "quarterly", "cash_releasing", "no", NULL },
	  { { "2024-04-15", "43" }, { "2024-07-15", "40" },
	    { "2024-10-15", "38" }, { "2025-01-15", "36" },
	    { "2025-04-15", "35" }, { "2025-07-15", "33" } } },
	{ { "name", "Pagers retired", "metric", "Pagers still in use", "unit",
	    "pagers", "owner", "Head of telecoms", "baseline", "900",
	    "baseline_date", "2024-01-01", "target", "0", "target_date",
	    "2026-06-30", "schedule", "quarterly", "cash_releasing", "yes",
	    NULL },
	  { { "2024-06-30", "850" }, { "2024-12-31", "620" },
	    { "2025-06-30", "380" } } },
	{ { "name", "Escalation time", "metric", "Minutes from a high early "
	    "warning score to a clinical review", "unit", "minutes", "owner",
	    "Associate medical director, patient safety", "baseline", "38",
	    "baseline_date", "2024-02-01", "target", "20", "target_date",
	    "2026-03-31", "schedule", "monthly", "cash_releasing", "no", NULL },
	  { { "2024-05-01", "37" }, { "2024-09-01", "34" },
	    { "2025-01-01", "33" }, { "2025-05-01", "31" } } },
};

/* name, flow, category, kind, start, end, refresh, ramp, low, exp, high, benefit */
static const char *const items[][12] = {
	{ "Shared ward devices", "cost", "devices", "one-off", "1", "", "3",
	  "0", "120000", "140000", "170000", NULL },
	{ "App licences", "cost", "licences", "recurring", "1", "", "", "0",
	  "80000", "90000", "110000", NULL },
	{ "Support and device management", "cost", "support", "recurring",
	  "1", "", "", "0", "50000", "60000", "75000", NULL },
	{ "Training at go-live", "cost", "training", "one-off", "1", "", "",
	  "0", "60000", "80000", "110000", NULL },
	{ "Refresher training", "cost", "training", "recurring", "2", "", "",
	  "0", "10000", "15000", "20000", NULL },
	{ "Project team", "cost", "project staff", "recurring", "1", "2", "",
	  "0", "160000", "180000", "210000", NULL },
	{ "Wi-Fi and integration", "cost", "infrastructure", "one-off", "1",
	  "", "", "0", "120000", "150000", "200000", NULL },
	{ "Nursing time released", "benefit", "staff time", "recurring", "1",
	  "", "", "3", "200000", "330000", "450000", "Phone and bleep time" },
	{ "Pager contract ended", "benefit", "cash savings", "recurring", "2",
	  "", "", "2", "60000", "80000", "95000", "Pagers retired" },
	{ "Harm avoided by faster escalation", "benefit", "quality",
	  "recurring", "2", "", "", "3", "40000", "120000", "200000",
	  "Escalation time" },
	{ "Less paper and printing", "benefit", "cash savings", "recurring",
	  "1", "", "", "0", "15000", "20000", "25000", NULL },
};

#define N(a) (sizeof(a) / sizeof(*(a)))

static int add_benefit(struct store *st, int64_t project,
		       const struct demo_benefit *d, int64_t *id)
{
	struct strbuf err = STRBUF_INIT;
	struct benefit_measure m[8];
	struct benefit b;
	size_t n = 0;
	int rc;

	benefit_init(&b);
	b.project = project;
	for (size_t i = 0; d->kv[i]; i += 2)
		benefit_set(&b, d->kv[i], d->kv[i + 1], &err);
	rc = store_benefit_add(st, &b);
	*id = b.id;
	for (; !rc && n < N(d->measures) && d->measures[n][0]; n++) {
		m[n] = (struct benefit_measure){ .benefit = b.id,
			.measured = (char *)d->measures[n][0], .note = NULL };
		money_number("value", d->measures[n][1], -MONEY_MAX, MONEY_MAX,
			     &m[n].value, &err);
	}
	if (!rc)
		rc = store_benefit_measures_set(st, project, m, n);
	store_benefit_release(&b);
	sb_release(&err);
	return rc ? -1 : 0;
}

int demo_money(struct store *st, int64_t project)
{
	struct strbuf err = STRBUF_INIT;
	struct cost_item v[N(items)];
	int64_t ids[N(benefits)];
	int rc = 0;

	for (size_t i = 0; i < N(benefits) && !rc; i++)
		rc = add_benefit(st, project, &benefits[i], &ids[i]);
	if (rc || store_cost_model_set(st, project, 2024, 7))
		return -1;
	for (size_t i = 0; i < N(items); i++) {
		cost_item_init(&v[i]);
		for (size_t k = 0; k < 11; k++)
			cost_item_set(&v[i], cost_item_fields[k], items[i][k],
				      &err);
		for (size_t k = 0; items[i][11] && k < N(benefits); k++)
			if (!strcmp(benefits[k].kv[1], items[i][11]))
				v[i].benefit = ids[k];
	}
	rc = store_cost_items_add(st, project, v, N(items));
	for (size_t i = 0; i < N(items); i++)
		store_cost_item_release(&v[i]);
	sb_release(&err);
	return rc ? -1 : 0;
}
