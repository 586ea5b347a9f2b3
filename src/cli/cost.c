/*
 * cost.c: 'waymark cost' (the cost model's frame and items) and
 * 'waymark breakeven' (the model by year in three cases).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "store/store.h"
#include "track/money.h"

/* The first eleven are cost_item_fields, in their order. */
static const struct opt cost_opts[] = {
	{ "name", true }, { "flow", true }, { "category", true },
	{ "kind", true }, { "start-year", true }, { "end-year", true },
	{ "refresh", true }, { "ramp", true }, { "low", true },
	{ "expected", true }, { "high", true }, { "benefit", true },
	{ "first-year", true }, { "horizon", true }, { "json", false },
	{ NULL, false }
};
#define NFIELDS 11
#define OPT_BENEFIT 11

/*
 * Set the fields given as options (a new item's low and high default to
 * its expected amount), and the benefit link. 0, or EXIT_BADINPUT after
 * saying why.
 */
static int apply(struct store *st, const struct project *p,
		 struct cost_item *c, const struct opts *o, bool is_new)
{
	struct strbuf err = STRBUF_INIT;
	const char *link = o->value[OPT_BENEFIT];
	int rc = 0;

	for (size_t i = 0; i < NFIELDS && !rc; i++)
		if (o->value[i] && cost_item_set(c, cost_item_fields[i],
						 o->value[i], &err))
			rc = EXIT_BADINPUT;
	if (is_new && !o->value[8])	/* low and high default to expected */
		c->low = c->expected;
	if (is_new && !o->value[10])
		c->high = c->expected;
	if (!rc && link && !*link) {
		c->benefit = 0;
	} else if (!rc && link) {
		struct benefit b;
		int brc = store_benefit_get(st, p->id, link, &b);
		if (brc == STORE_NOTFOUND) {
			sb_addf(&err, "benefit: project '%s' has no benefit '%s'",
				p->name, link);
			rc = EXIT_BADINPUT;
		} else if (brc) {
			die(EXIT_INTERNAL, "%s", store_error(st));
		} else {
			c->benefit = b.id;
			store_benefit_release(&b);
		}
	}
	if (!rc && cost_item_check(c, &err))
		rc = EXIT_BADINPUT;
	if (rc)
		error("%s", err.buf);
	sb_release(&err);
	return rc;
}

static void get(struct store *st, const struct project *p, const char *key,
		struct cost_item *c)
{
	int rc = store_cost_item_get(st, p->id, key, c);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no cost item '%s'; see "
		    "'waymark cost list %s'", p->name, key, p->name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static int taken(const struct project *p, const struct cost_item *c, int rc,
		 struct store *st)
{
	if (rc == STORE_CONFLICT) {
		error("name: project '%s' has a cost item '%s' already", p->name,
		      c->name);
		return EXIT_BADINPUT;
	}
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	return 0;
}

static int co_model(struct store *st, struct project *p, struct opts *o)
{
	const char *fy = opt_get(cost_opts, o, "first-year");
	const char *hz = opt_get(cost_opts, o, "horizon");
	int64_t first = 0, horizon = 0;
	long v;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("cost", "'cost model' takes a project");
	rc = store_cost_model_get(st, p->id, &first, &horizon);
	if (rc && rc != STORE_NOTFOUND)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!fy && !hz) {
		if (rc)
			die(EXIT_NOTFOUND, "project '%s' has no cost model yet; set "
			    "one with --first-year and --horizon", p->name);
		printf("first year %lld, horizon %lld years (%lld to %lld)\n",
		       (long long)first, (long long)horizon, (long long)first,
		       (long long)(first + horizon - 1));
		return 0;
	}
	if (rc && (!fy || !hz))
		return cli_usage_error("cost", "a new cost model needs both "
				       "--first-year and --horizon");
	if (fy && cli_parse_long(fy, 1900, 9999, &v))
		die(EXIT_BADINPUT, "first_year: expected a year from 1900 to "
		    "9999, got '%s'", fy);
	if (fy)
		first = v;
	if (hz && cli_parse_long(hz, 1, MONEY_YEARS, &v))
		die(EXIT_BADINPUT, "horizon: expected a whole number of years "
		    "from 1 to %d, got '%s'", MONEY_YEARS, hz);
	if (hz)
		horizon = v;
	if (store_cost_model_set(st, p->id, first, horizon))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("cost model of '%s': %lld to %lld\n", p->name, (long long)first,
	       (long long)(first + horizon - 1));
	return 0;
}

static int co_add(struct store *st, struct project *p, struct opts *o)
{
	struct cost_item c;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("cost", "'cost add' takes a project");
	if (!o->value[0] || !o->value[2] || !o->value[9])
		return cli_usage_error("cost", "'cost add' needs --name, "
				       "--category and --expected");
	cost_item_init(&c);
	c.project = p->id;
	rc = apply(st, p, &c, o, true);
	if (!rc)
		rc = taken(p, &c, store_cost_items_add(st, p->id, &c, 1), st);
	if (!rc)
		printf("added %s '%s' to '%s'\n", c.flow, c.name, p->name);
	store_cost_item_release(&c);
	return rc;
}

/* "1-7", "2-", "3" for an item's years. */
static void years_cell(struct table *t, const struct cost_item *c)
{
	if (c->end_year == c->start_year)
		table_cellf(t, "%lld", (long long)c->start_year);
	else if (c->end_year)
		table_cellf(t, "%lld-%lld", (long long)c->start_year,
			    (long long)c->end_year);
	else
		table_cellf(t, "%lld-", (long long)c->start_year);
}

static int co_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"NAME", "FLOW", "CATEGORY", "KIND", "YEARS", "EVERY", "RAMP",
		"LOW", "EXPECTED", "HIGH", "BENEFIT"
	};
	struct benefit_list l;
	struct cost_item *v;
	size_t n;

	if (o->argc != 1)
		return cli_usage_error("cost", "'cost list' takes a project");
	if (opt_flag(cost_opts, o, "json")) {
		json_t *j;
		if (money_costs_json(st, p->id, &j))
			die(EXIT_INTERNAL, "%s", store_error(st));
		cli_print_json(j);
		return 0;
	}
	if (benefit_list_load(st, p->id, &l) ||
	    store_cost_items(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	struct table *t = table_new(11, head);
	for (size_t i = 0; i < n; i++) {
		const char *b = benefit_list_name(&l, v[i].benefit);
		table_row(t);
		table_cell(t, v[i].name);
		table_cell(t, v[i].flow);
		table_cell(t, v[i].category);
		table_cell(t, v[i].kind);
		years_cell(t, &v[i]);
		if (v[i].refresh)
			table_cellf(t, "%lld", (long long)v[i].refresh);
		else
			table_cell(t, "-");
		table_cellf(t, "%lld", (long long)v[i].ramp);
		table_cellf(t, "%.2f", v[i].low);
		table_cellf(t, "%.2f", v[i].expected);
		table_cellf(t, "%.2f", v[i].high);
		table_cell(t, b ? b : "-");
	}
	table_print(t, stdout);
	table_free(t);
	store_cost_items_free(v, n);
	benefit_list_release(&l);
	return 0;
}

static int co_edit(struct store *st, struct project *p, struct opts *o)
{
	struct cost_item c;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("cost", "'cost edit' takes a project and "
				       "an item");
	get(st, p, o->argv[1], &c);
	rc = apply(st, p, &c, o, false);
	if (!rc)
		rc = taken(p, &c, store_cost_item_update(st, &c), st);
	if (!rc)
		printf("saved %s '%s'\n", c.flow, c.name);
	store_cost_item_release(&c);
	return rc;
}

static int co_rm(struct store *st, struct project *p, struct opts *o)
{
	struct cost_item c;

	if (o->argc != 2)
		return cli_usage_error("cost", "'cost rm' takes a project and an "
				       "item");
	get(st, p, o->argv[1], &c);
	if (store_cost_item_delete(st, p->id, c.id))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed %s '%s'\n", c.flow, c.name);
	store_cost_item_release(&c);
	return 0;
}

static int co_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "cost", "costs");
}

int cmd_cost(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "model", co_model }, { "add", co_add }, { "list", co_list },
		{ "edit", co_edit }, { "rm", co_rm }, { "import", co_import },
	};

	return cli_project_action("cost", argc, argv, cost_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}

/* --- breakeven --- */

static const struct opt breakeven_opts[] = {
	{ "case", true }, { "json", false },
	{ NULL, false }
};

static void print_case(const struct money_model *m, int k)
{
	static const char *const head[] = {
		"YEAR", "#", "COST", "BENEFIT", "NET", "CUM COST", "CUM BENEFIT",
		"CUM NET"
	};
	const struct money_case *c = &m->cases[k];
	struct table *t = table_new(8, head);

	printf("%s case: ", money_cases[k]);
	if (c->breakeven)
		printf("breaks even in %lld (year %lld of %lld)\n",
		       (long long)(m->first_year + c->breakeven - 1),
		       (long long)c->breakeven, (long long)m->horizon);
	else
		printf("does not break even by %lld (the horizon, %lld years)\n",
		       (long long)(m->first_year + m->horizon - 1),
		       (long long)m->horizon);
	printf("(%s)\n", money_case_notes[k]);
	for (int64_t y = 0; y < m->horizon; y++) {
		const struct money_year *e = &c->years[y];
		table_row(t);
		table_cellf(t, "%lld", (long long)e->year);
		table_cellf(t, "%lld", (long long)y + 1);
		table_cellf(t, "%.0f", e->cost);
		table_cellf(t, "%.0f", e->benefit);
		table_cellf(t, "%.0f", e->net);
		table_cellf(t, "%.0f", e->cum_cost);
		table_cellf(t, "%.0f", e->cum_benefit);
		table_cellf(t, "%.0f", e->cum_net);
	}
	table_print(t, stdout);
	table_free(t);
}

static void print_categories(const struct money_model *m)
{
	static const char *const head[] = {
		"FLOW", "CATEGORY", "LOW CASE", "EXPECTED", "HIGH CASE"
	};
	struct table *t = table_new(5, head);

	printf("totals over %lld years by category\n", (long long)m->horizon);
	for (size_t i = 0; i < m->ncats; i++) {
		table_row(t);
		table_cell(t, m->cats[i].flow);
		table_cell(t, m->cats[i].category);
		for (int k = 0; k < MONEY_NCASES; k++)
			table_cellf(t, "%.0f", m->cats[i].total[k]);
	}
	table_print(t, stdout);
	table_free(t);
}

static int breakeven(struct store *st, struct project *p, struct opts *o)
{
	const char *kase = opt_get(breakeven_opts, o, "case");
	struct money_model m;
	struct cost_item *v;
	size_t n;
	int k = kase ? money_case_index(kase) : -1, rc;

	if (o->argc != 1)
		return cli_usage_error("breakeven", "'breakeven' takes a project");
	if (kase && k < 0)
		return cli_usage_error("breakeven", "--case: '%s' is not a case; "
				       "use low, expected or high", kase);
	rc = money_model_load(st, p->id, &m, &v, &n);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no cost model; set one with "
		    "'waymark cost model %s --first-year YEAR --horizon N'",
		    p->name, p->name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(breakeven_opts, o, "json")) {
		json_t *j = money_model_json(&m);
		for (int i = 0; i < MONEY_NCASES && k >= 0; i++)
			if (i != k)
				json_object_del(json_object_get(j, "cases"),
						money_cases[i]);
		cli_print_json(j);
	} else {
		for (int i = 0; i < MONEY_NCASES; i++) {
			if (k >= 0 && i != k)
				continue;
			print_case(&m, i);
			printf("\n");
		}
		print_categories(&m);
	}
	money_model_release(&m);
	store_cost_items_free(v, n);
	return 0;
}

int cmd_breakeven(int argc, char **argv)
{
	return cli_project_command("breakeven", argc, argv, breakeven_opts,
				   breakeven);
}
