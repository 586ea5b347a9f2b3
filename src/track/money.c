/*
 * money.c: the fields of benefits and cost items, a benefit's progress,
 * and the cost model by year with its break-even (rules in money.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "money.h"
#include "track.h"

const char *const money_cases[] = { "low", "expected", "high", NULL };
const char *const money_case_notes[] = {
	"pessimistic: every cost at its high amount, every benefit at its low",
	"every cost and benefit at its expected amount",
	"optimistic: every cost at its low amount, every benefit at its high",
	NULL
};
const char *const benefit_schedules[] = {
	"monthly", "quarterly", "yearly", NULL
};
const char *const cost_flows[] = { "cost", "benefit", NULL };
const char *const cost_kinds[] = { "one-off", "recurring", NULL };
const char *const benefit_statuses[] = {
	"no-data", "behind", "on-track", "met"
};
const char *const benefit_fields[] = {
	"name", "metric", "unit", "owner", "baseline", "baseline_date",
	"target", "target_date", "schedule", "cash_releasing", NULL
};
const char *const cost_item_fields[] = {
	"name", "flow", "category", "kind", "start_year", "end_year",
	"refresh", "ramp", "low", "expected", "high", NULL
};

static long index_of(const char *const *v, const char *s)
{
	for (long i = 0; v[i]; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

int money_case_index(const char *name)
{
	return (int)index_of(money_cases, name);
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

int money_number(const char *field, const char *v, double lo, double hi,
		 double *out, struct strbuf *err)
{
	const char *p = v + (*v == '-');
	size_t ints = strspn(p, "0123456789"), fracs = 0;
	double x;

	if (p[ints] == '.')
		fracs = strspn(p + ints + 1, "0123456789");
	if (!ints || (p[ints] && (p[ints] != '.' || !fracs ||
				  p[ints + 1 + fracs]))) {
		sb_addf(err, "%s: expected a number such as 1200 or 3.5, got '%s'",
			field, v);
		return -1;
	}
	x = strtod(v, NULL);
	if (!(x >= lo && x <= hi)) {
		sb_addf(err, "%s: %s is out of range; use %.15g to %.15g", field,
			v, lo, hi);
		return -1;
	}
	*out = x == 0 ? 0 : x;	/* no negative zero */
	return 0;
}

/* A whole number in [lo, hi] into *out. */
static int whole(const char *field, const char *v, long lo, long hi,
		 int64_t *out, struct strbuf *err)
{
	size_t n = strspn(v, "0123456789");
	long x;

	if (!n || v[n] || n > 6 || (x = strtol(v, NULL, 10)) < lo || x > hi) {
		sb_addf(err, "%s: expected a whole number from %ld to %ld, got "
			"'%s'", field, lo, hi, v);
		return -1;
	}
	*out = x;
	return 0;
}

static int choice(char **dst, const char *field, const char *v,
		  const char *const *allowed, struct strbuf *err)
{
	if (index_of(allowed, v) < 0) {
		sb_addf(err, "%s: '%s' is not allowed; use", field, v);
		for (size_t i = 0; allowed[i]; i++)
			sb_addf(err, "%s %s", i ? (allowed[i + 1] ? "," : " or") :
				"", allowed[i]);
		return -1;
	}
	set_str(dst, v);
	return 0;
}

/* One line of text, at most MONEY_TEXT_MAX bytes. */
static int line(char **dst, const char *field, const char *v, bool required,
		struct strbuf *err)
{
	if (check_text(field, v, MONEY_TEXT_MAX, required, err))
		return -1;
	if (strpbrk(v, "\r\n\t")) {
		sb_addf(err, "%s: must be on one line, without tabs", field);
		return -1;
	}
	set_str(dst, v);
	return 0;
}

static int day(char **dst, const char *field, const char *v,
	       struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	int32_t d;

	if (track_date_parse(v, &d, &why)) {
		sb_addf(err, "%s: %s", field, why.buf);
		sb_release(&why);
		return -1;
	}
	sb_release(&why);
	set_str(dst, v);
	return 0;
}

/* --- benefits --- */

void benefit_init(struct benefit *b)
{
	memset(b, 0, sizeof(*b));
	b->name = xstrdup("");
	b->metric = xstrdup("");
	b->unit = xstrdup("");
	b->owner = xstrdup("");
	b->baseline_date = xstrdup("");
	b->target_date = xstrdup("");
	b->schedule = xstrdup("quarterly");
	b->created = xstrdup("");
	b->updated = xstrdup("");
}

int benefit_set(struct benefit *b, const char *field, const char *value,
		struct strbuf *err)
{
	switch (index_of(benefit_fields, field)) {
	case 0: return line(&b->name, field, value, true, err);
	case 1: return line(&b->metric, field, value, true, err);
	case 2: return line(&b->unit, field, value, true, err);
	case 3: return line(&b->owner, field, value, false, err);
	case 4: return money_number(field, value, -MONEY_MAX, MONEY_MAX,
				    &b->baseline, err);
	case 5: return day(&b->baseline_date, field, value, err);
	case 6: return money_number(field, value, -MONEY_MAX, MONEY_MAX,
				    &b->target, err);
	case 7: return day(&b->target_date, field, value, err);
	case 8: return choice(&b->schedule, field, value, benefit_schedules,
			      err);
	case 9:
		if (strcmp(value, "yes") && strcmp(value, "no")) {
			sb_addf(err, "%s: expected yes or no, got '%s'", field,
				value);
			return -1;
		}
		b->cash_releasing = !strcmp(value, "yes");
		return 0;
	}
	sb_addf(err, "%s: not a field of a benefit", field);
	return -1;
}

const char *benefit_check(const struct benefit *b, struct strbuf *err)
{
	static const char *const needed[] = { "name", "metric", "unit" };
	const char *const have[] = { b->name, b->metric, b->unit };

	for (size_t i = 0; i < 3; i++)
		if (!*have[i]) {
			sb_addf(err, "%s: required", needed[i]);
			return needed[i];
		}
	if (!*b->baseline_date) {
		sb_addf(err, "baseline_date: required: the day the baseline was "
			"measured");
		return "baseline_date";
	}
	if (!*b->target_date) {
		sb_addf(err, "target_date: required: the day the target should "
			"be reached");
		return "target_date";
	}
	/* both are YYYY-MM-DD, so the text compares as the days do */
	if (strcmp(b->target_date, b->baseline_date) <= 0) {
		sb_addf(err, "target_date: %s must come after the baseline's "
			"date, %s", b->target_date, b->baseline_date);
		return "target_date";
	}
	if (b->target == b->baseline) {
		sb_addf(err, "target: must differ from the baseline (%.15g)",
			b->baseline);
		return "target";
	}
	return NULL;
}

void benefit_progress(const struct benefit *b, const struct benefit_measure *v,
		      size_t n, struct benefit_progress *out)
{
	struct strbuf err = STRBUF_INIT;
	int32_t from, to, d;
	size_t latest = n;

	out->n = n;
	out->latest_day = TRACK_NEVER;
	out->latest = out->share = out->expected = NAN;
	out->status = BENEFIT_NO_DATA;
	for (size_t i = 0; i < n; i++) {
		if (track_date_parse(v[i].measured, &d, &err))
			continue;
		if (out->latest_day == TRACK_NEVER || d > out->latest_day) {
			out->latest_day = d;
			latest = i;
		}
	}
	if (latest == n || b->target == b->baseline ||
	    track_date_parse(b->baseline_date, &from, &err) ||
	    track_date_parse(b->target_date, &to, &err) || to <= from) {
		sb_release(&err);
		return;
	}
	sb_release(&err);
	out->latest = v[latest].value;
	out->share = (out->latest - b->baseline) / (b->target - b->baseline);
	if (out->latest_day <= from)
		out->expected = 0;
	else if (out->latest_day >= to)
		out->expected = 1;
	else
		out->expected = (double)(out->latest_day - from) / (to - from);
	if (out->share >= 1)
		out->status = BENEFIT_MET;
	else if (out->share >= out->expected)
		out->status = BENEFIT_ON_TRACK;
	else
		out->status = BENEFIT_BEHIND;
}

/* --- cost items --- */

void cost_item_init(struct cost_item *c)
{
	memset(c, 0, sizeof(*c));
	c->name = xstrdup("");
	c->flow = xstrdup("cost");
	c->category = xstrdup("");
	c->kind = xstrdup("one-off");
	c->start_year = 1;
	c->created = xstrdup("");
	c->updated = xstrdup("");
}

/* A whole number, or "" or "none" for 0. */
static int optional(const char *field, const char *v, int64_t *out,
		    struct strbuf *err)
{
	if (!*v || !strcmp(v, "none")) {
		*out = 0;
		return 0;
	}
	return whole(field, v, 1, MONEY_YEARS, out, err);
}

int cost_item_set(struct cost_item *c, const char *field, const char *value,
		  struct strbuf *err)
{
	switch (index_of(cost_item_fields, field)) {
	case 0: return line(&c->name, field, value, true, err);
	case 1: return choice(&c->flow, field, value, cost_flows, err);
	case 2: return line(&c->category, field, value, true, err);
	case 3: return choice(&c->kind, field, value, cost_kinds, err);
	case 4: return whole(field, value, 1, MONEY_YEARS, &c->start_year, err);
	case 5: return optional(field, value, &c->end_year, err);
	case 6: return optional(field, value, &c->refresh, err);
	case 7:
		if (!*value || !strcmp(value, "none")) {
			c->ramp = 0;
			return 0;
		}
		return whole(field, value, 0, MONEY_YEARS, &c->ramp, err);
	case 8: return money_number(field, value, 0, MONEY_MAX, &c->low, err);
	case 9: return money_number(field, value, 0, MONEY_MAX, &c->expected,
				    err);
	case 10: return money_number(field, value, 0, MONEY_MAX, &c->high, err);
	}
	sb_addf(err, "%s: not a field of a cost item", field);
	return -1;
}

const char *cost_item_check(const struct cost_item *c, struct strbuf *err)
{
	bool oneoff = !strcmp(c->kind, "one-off");

	if (!*c->name) {
		sb_addf(err, "name: required");
		return "name";
	}
	if (!*c->category) {
		sb_addf(err, "category: required, e.g. devices, licences, "
			"support, training, staff, infrastructure or savings");
		return "category";
	}
	if (c->end_year && c->end_year < c->start_year) {
		sb_addf(err, "end_year: %lld comes before start_year %lld",
			(long long)c->end_year, (long long)c->start_year);
		return "end_year";
	}
	if (c->refresh && !oneoff) {
		sb_addf(err, "refresh: only a one-off item is bought again; a "
			"recurring item counts every year already");
		return "refresh";
	}
	if (c->ramp && oneoff) {
		sb_addf(err, "ramp: only a recurring item ramps up");
		return "ramp";
	}
	if (c->low > c->expected) {
		sb_addf(err, "low: %.15g is above expected, %.15g", c->low,
			c->expected);
		return "low";
	}
	if (c->high < c->expected) {
		sb_addf(err, "high: %.15g is below expected, %.15g", c->high,
			c->expected);
		return "high";
	}
	return NULL;
}

double cost_item_case(const struct cost_item *c, int k)
{
	bool cost = strcmp(c->flow, "benefit") != 0;

	if (k == MONEY_LOW)
		return cost ? c->high : c->low;
	if (k == MONEY_HIGH)
		return cost ? c->low : c->high;
	return c->expected;
}

double cost_item_amount(const struct cost_item *c, int k, int64_t y,
			int64_t horizon)
{
	int64_t last = c->end_year && c->end_year < horizon ? c->end_year :
		       horizon;
	double a = cost_item_case(c, k);

	if (y < c->start_year || y > last)
		return 0;
	if (!strcmp(c->kind, "one-off")) {
		if (y == c->start_year)
			return a;
		return c->refresh && (y - c->start_year) % c->refresh == 0 ? a : 0;
	}
	if (c->ramp > 0 && y - c->start_year + 1 < c->ramp)
		return a * (double)(y - c->start_year + 1) / (double)c->ramp;
	return a;
}

static int by_flow_category(const void *a, const void *b)
{
	const struct money_category *x = a, *y = b;
	int c = strcmp(y->flow, x->flow);	/* "cost" before "benefit" */

	return c ? c : strcmp(x->category, y->category);
}

static void categories(const struct cost_item *v, size_t n,
		       struct money_model *m)
{
	size_t alloc = 0;

	for (size_t i = 0; i < n; i++) {
		struct money_category *cat = NULL;
		for (size_t j = 0; j < m->ncats && !cat; j++)
			if (!strcmp(m->cats[j].flow, v[i].flow) &&
			    !strcmp(m->cats[j].category, v[i].category))
				cat = &m->cats[j];
		if (!cat) {
			XGROW(m->cats, alloc, m->ncats + 1);
			cat = &m->cats[m->ncats++];
			memset(cat, 0, sizeof(*cat));
			cat->flow = v[i].flow;
			cat->category = v[i].category;
		}
		for (int k = 0; k < MONEY_NCASES; k++)
			for (int64_t y = 1; y <= m->horizon; y++)
				cat->total[k] += cost_item_amount(&v[i], k, y,
								  m->horizon);
	}
	if (m->ncats)
		qsort(m->cats, m->ncats, sizeof(*m->cats), by_flow_category);
}

/* The years of case k, their totals and the break-even year. */
static void one_case(const struct cost_item *v, size_t n, int k,
		     struct money_model *m)
{
	struct money_case *c = &m->cases[k];
	double cost = 0, benefit = 0;

	c->years = xcalloc((size_t)m->horizon, sizeof(*c->years));
	for (int64_t y = 1; y <= m->horizon; y++) {
		struct money_year *e = &c->years[y - 1];
		e->year = m->first_year + y - 1;
		for (size_t i = 0; i < n; i++) {
			double a = cost_item_amount(&v[i], k, y, m->horizon);
			if (!strcmp(v[i].flow, "benefit"))
				e->benefit += a;
			else
				e->cost += a;
		}
		e->net = e->benefit - e->cost;
		cost += e->cost;
		benefit += e->benefit;
		e->cum_cost = cost;
		e->cum_benefit = benefit;
		e->cum_net = benefit - cost;
	}
	c->total_cost = cost;
	c->total_benefit = benefit;
	/* walk back from the horizon while the position stays at or above 0 */
	c->breakeven = 0;
	for (int64_t y = m->horizon; y >= 1; y--) {
		const struct money_year *e = &c->years[y - 1];
		if (e->cum_net < -MONEY_EPS || e->cum_benefit <= 0)
			break;
		c->breakeven = y;
	}
}

void money_model(int64_t first_year, int64_t horizon,
		 const struct cost_item *v, size_t n, struct money_model *out)
{
	memset(out, 0, sizeof(*out));
	out->first_year = first_year;
	out->horizon = horizon < 1 ? 1 : horizon;
	for (int k = 0; k < MONEY_NCASES; k++)
		one_case(v, n, k, out);
	categories(v, n, out);
}

void money_model_release(struct money_model *m)
{
	for (int k = 0; k < MONEY_NCASES; k++)
		free(m->cases[k].years);
	free(m->cats);
	memset(m, 0, sizeof(*m));
}
