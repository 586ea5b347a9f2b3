/*
 * money_json.c: benefits, cost items and the cost model as JSON
 * (docs/json.md), and loading them from the store, for the CLI and the
 * API alike.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "money.h"
#include "track.h"

/* A number, or null when it is not finite. */
static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *progress_json(const struct benefit_progress *p)
{
	json_t *o = json_object();
	char day[11];

	json_object_set_new(o, "measurements", json_integer((json_int_t)p->n));
	if (p->latest_day != TRACK_NEVER) {
		track_date_format(p->latest_day, day);
		json_object_set_new(o, "latest_date", json_string(day));
	} else {
		json_object_set_new(o, "latest_date", json_null());
	}
	json_object_set_new(o, "latest", num(p->latest));
	json_object_set_new(o, "share", num(p->share));
	json_object_set_new(o, "expected_share", num(p->expected));
	json_object_set_new(o, "status", json_string(benefit_statuses[p->status]));
	return o;
}

json_t *benefit_json(const struct benefit *b,
		     const struct benefit_progress *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(b->id));
	json_object_set_new(o, "name", json_string(b->name));
	json_object_set_new(o, "metric", json_string(b->metric));
	json_object_set_new(o, "unit", json_string(b->unit));
	json_object_set_new(o, "owner", json_string(b->owner));
	json_object_set_new(o, "baseline", json_real(b->baseline));
	json_object_set_new(o, "baseline_date", json_string(b->baseline_date));
	json_object_set_new(o, "target", json_real(b->target));
	json_object_set_new(o, "target_date", json_string(b->target_date));
	json_object_set_new(o, "schedule", json_string(b->schedule));
	json_object_set_new(o, "cash_releasing", json_boolean(b->cash_releasing));
	json_object_set_new(o, "version", json_integer(b->version));
	if (p)
		json_object_set_new(o, "progress", progress_json(p));
	return o;
}

json_t *benefit_measure_json(const struct benefit_measure *m)
{
	json_t *o = json_object();

	json_object_set_new(o, "date", json_string(m->measured));
	json_object_set_new(o, "value", json_real(m->value));
	json_object_set_new(o, "note", json_string(m->note ? m->note : ""));
	return o;
}

/* A whole number, or null for 0 ("none"). */
static json_t *opt_int(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

json_t *cost_item_json(const struct cost_item *c, const char *benefit_name)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "flow", json_string(c->flow));
	json_object_set_new(o, "category", json_string(c->category));
	json_object_set_new(o, "kind", json_string(c->kind));
	json_object_set_new(o, "start_year", json_integer(c->start_year));
	json_object_set_new(o, "end_year", opt_int(c->end_year));
	json_object_set_new(o, "refresh", opt_int(c->refresh));
	json_object_set_new(o, "ramp", json_integer(c->ramp));
	json_object_set_new(o, "low", json_real(c->low));
	json_object_set_new(o, "expected", json_real(c->expected));
	json_object_set_new(o, "high", json_real(c->high));
	json_object_set_new(o, "benefit", benefit_name ?
			    json_string(benefit_name) : json_null());
	json_object_set_new(o, "version", json_integer(c->version));
	return o;
}

static json_t *case_json(const struct money_model *m, int k)
{
	const struct money_case *c = &m->cases[k];
	json_t *o = json_object(), *years = json_array();

	json_object_set_new(o, "breakeven", opt_int(c->breakeven));
	json_object_set_new(o, "breakeven_year", c->breakeven ?
			    json_integer(m->first_year + c->breakeven - 1) :
			    json_null());
	json_object_set_new(o, "total_cost", json_real(c->total_cost));
	json_object_set_new(o, "total_benefit", json_real(c->total_benefit));
	for (int64_t y = 0; y < m->horizon; y++) {
		const struct money_year *e = &c->years[y];
		json_t *r = json_object();
		json_object_set_new(r, "year", json_integer(e->year));
		json_object_set_new(r, "programme_year", json_integer(y + 1));
		json_object_set_new(r, "cost", json_real(e->cost));
		json_object_set_new(r, "benefit", json_real(e->benefit));
		json_object_set_new(r, "net", json_real(e->net));
		json_object_set_new(r, "cumulative_cost", json_real(e->cum_cost));
		json_object_set_new(r, "cumulative_benefit",
				    json_real(e->cum_benefit));
		json_object_set_new(r, "cumulative_net", json_real(e->cum_net));
		json_array_append_new(years, r);
	}
	json_object_set_new(o, "years", years);
	return o;
}

json_t *money_model_json(const struct money_model *m)
{
	json_t *o = json_object(), *cases = json_object(), *cats = json_array();

	json_object_set_new(o, "first_year", json_integer(m->first_year));
	json_object_set_new(o, "horizon", json_integer(m->horizon));
	for (int k = 0; k < MONEY_NCASES; k++)
		json_object_set_new(cases, money_cases[k], case_json(m, k));
	json_object_set_new(o, "cases", cases);
	for (size_t i = 0; i < m->ncats; i++) {
		json_t *c = json_object();
		json_object_set_new(c, "flow", json_string(m->cats[i].flow));
		json_object_set_new(c, "category",
				    json_string(m->cats[i].category));
		for (int k = 0; k < MONEY_NCASES; k++)
			json_object_set_new(c, money_cases[k],
					    json_real(m->cats[i].total[k]));
		json_array_append_new(cats, c);
	}
	json_object_set_new(o, "categories", cats);
	return o;
}

/* --- from the store --- */

int benefit_list_load(struct store *st, int64_t project,
		      struct benefit_list *l)
{
	memset(l, 0, sizeof(*l));
	if (store_benefits(st, project, &l->v, &l->n))
		return -1;
	l->p = xcalloc(l->n ? l->n : 1, sizeof(*l->p));
	for (size_t i = 0; i < l->n; i++) {
		struct benefit_measure *m;
		size_t nm;
		if (store_benefit_measures(st, project, l->v[i].id, &m, &nm))
			return -1;
		benefit_progress(&l->v[i], m, nm, &l->p[i]);
		store_benefit_measures_free(m, nm);
	}
	return 0;
}

void benefit_list_release(struct benefit_list *l)
{
	store_benefits_free(l->v, l->n);
	free(l->p);
	memset(l, 0, sizeof(*l));
}

json_t *benefit_list_json(const struct benefit_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, benefit_json(&l->v[i], &l->p[i]));
	return a;
}

const char *benefit_list_name(const struct benefit_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n && id; i++)
		if (l->v[i].id == id)
			return l->v[i].name;
	return NULL;
}

int money_model_load(struct store *st, int64_t project, struct money_model *m,
		     struct cost_item **items, size_t *nitems)
{
	int64_t first, horizon;
	int rc;

	memset(m, 0, sizeof(*m));
	*items = NULL;
	*nitems = 0;
	rc = store_cost_model_get(st, project, &first, &horizon);
	if (rc)
		return rc;
	if (store_cost_items(st, project, items, nitems))
		return -1;
	money_model(first, horizon, *items, *nitems, m);
	return 0;
}

json_t *cost_items_json(const struct cost_item *v, size_t n,
			const struct benefit_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, cost_item_json(&v[i],
			benefit_list_name(l, v[i].benefit)));
	return a;
}

json_t *benefit_detail_json(const struct benefit *b,
			    const struct benefit_measure *m, size_t n)
{
	struct benefit_progress p;
	json_t *o, *a = json_array();

	benefit_progress(b, m, n, &p);
	o = benefit_json(b, &p);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, benefit_measure_json(&m[i]));
	json_object_set_new(o, "measurements", a);
	return o;
}

int money_costs_json(struct store *st, int64_t project, json_t **out)
{
	struct benefit_list l = { 0 };
	struct cost_item *v = NULL;
	int64_t first, horizon;
	size_t n = 0;
	json_t *model = json_null();
	int rc;

	*out = NULL;
	rc = store_cost_model_get(st, project, &first, &horizon);
	if (rc == 0) {
		model = json_object();
		json_object_set_new(model, "first_year", json_integer(first));
		json_object_set_new(model, "horizon", json_integer(horizon));
	}
	if ((rc && rc != STORE_NOTFOUND) || benefit_list_load(st, project, &l) ||
	    store_cost_items(st, project, &v, &n)) {
		json_decref(model);
		benefit_list_release(&l);
		return -1;
	}
	*out = json_object();
	json_object_set_new(*out, "model", model);
	json_object_set_new(*out, "items", cost_items_json(v, n, &l));
	store_cost_items_free(v, n);
	benefit_list_release(&l);
	return 0;
}
