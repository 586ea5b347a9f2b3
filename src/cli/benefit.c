/* benefit.c: 'waymark benefit': benefit profiles and their measurements. */
#include <math.h>
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
#include "track/track.h"

/* The first ten are benefit_fields, in their order. */
static const struct opt benefit_opts[] = {
	{ "name", true }, { "metric", true }, { "unit", true },
	{ "owner", true }, { "baseline", true }, { "baseline-date", true },
	{ "target", true }, { "target-date", true }, { "schedule", true },
	{ "cash-releasing", true }, { "note", true }, { "json", false },
	{ NULL, false }
};
#define NFIELDS 10

/* Set the fields given as options; 0, or EXIT_BADINPUT after saying why. */
static int apply(struct benefit *b, const struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < NFIELDS && !rc; i++)
		if (o->value[i] && benefit_set(b, benefit_fields[i], o->value[i],
					       &err))
			rc = EXIT_BADINPUT;
	if (!rc && benefit_check(b, &err))
		rc = EXIT_BADINPUT;
	if (rc)
		error("%s", err.buf);
	sb_release(&err);
	return rc;
}

/* The benefit named by key; exits 4 if the project has none. */
static void get(struct store *st, const struct project *p, const char *key,
		struct benefit *b)
{
	int rc = store_benefit_get(st, p->id, key, b);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no benefit '%s'; see "
		    "'waymark benefit list %s'", p->name, key, p->name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

/* Save b (added or updated); exits on failure but a taken name. */
static int save(struct store *st, const struct project *p, struct benefit *b,
		bool is_new)
{
	int rc = is_new ? store_benefit_add(st, b) : store_benefit_update(st, b);

	if (rc == STORE_CONFLICT) {
		error("name: project '%s' has a benefit '%s' already", p->name,
		      b->name);
		return EXIT_BADINPUT;
	}
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	return 0;
}

static int bn_add(struct store *st, struct project *p, struct opts *o)
{
	struct benefit b;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("benefit", "'benefit add' takes a project");
	for (size_t i = 0; i < NFIELDS; i++)
		if (!o->value[i] && i != 3 && i < 8)	/* all but owner */
			return cli_usage_error("benefit", "'benefit add' needs "
					       "--%s", benefit_opts[i].name);
	benefit_init(&b);
	b.project = p->id;
	rc = apply(&b, o);
	if (!rc)
		rc = save(st, p, &b, true);
	if (!rc)
		printf("added benefit '%s' to '%s'\n", b.name, p->name);
	store_benefit_release(&b);
	return rc;
}

/* A share as a percentage, or "-". */
static void share_cell(struct table *t, double share)
{
	if (isnan(share))
		table_cell(t, "-");
	else
		table_cellf(t, "%.0f%%", share * 100);
}

static int bn_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"NAME", "UNIT", "BASELINE", "TARGET", "BY", "LATEST", "PROGRESS",
		"EXPECTED", "STATUS"
	};
	struct benefit_list l;

	if (o->argc != 1)
		return cli_usage_error("benefit", "'benefit list' takes a project");
	if (benefit_list_load(st, p->id, &l))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(benefit_opts, o, "json")) {
		cli_print_json(benefit_list_json(&l));
	} else {
		struct table *t = table_new(9, head);
		for (size_t i = 0; i < l.n; i++) {
			const struct benefit *b = &l.v[i];
			table_row(t);
			table_cell(t, b->name);
			table_cell(t, b->unit);
			table_cellf(t, "%g", b->baseline);
			table_cellf(t, "%g", b->target);
			table_cell(t, b->target_date);
			if (isnan(l.p[i].latest))
				table_cell(t, "-");
			else
				table_cellf(t, "%g", l.p[i].latest);
			share_cell(t, l.p[i].share);
			share_cell(t, l.p[i].expected);
			table_cell(t, benefit_statuses[l.p[i].status]);
		}
		table_print(t, stdout);
		table_free(t);
	}
	benefit_list_release(&l);
	return 0;
}

static void print_benefit(const struct benefit *b,
			  const struct benefit_measure *m, size_t n)
{
	static const char *const head[] = { "DATE", "VALUE", "NOTE" };
	struct benefit_progress p;
	struct table *t;

	benefit_progress(b, m, n, &p);
	printf("%s\n  metric:   %s (%s)\n  owner:    %s\n", b->name, b->metric,
	       b->unit, *b->owner ? b->owner : "-");
	printf("  baseline: %g on %s\n  target:   %g by %s\n", b->baseline,
	       b->baseline_date, b->target, b->target_date);
	printf("  measured: %s; %s\n", b->schedule, b->cash_releasing ?
	       "cash-releasing" : "not cash-releasing");
	if (p.status == BENEFIT_NO_DATA) {
		printf("  progress: no measurement yet\n");
	} else {
		printf("  progress: %.0f%% of the way at the latest measurement "
		       "(%g); the straight line expects %.0f%%: %s\n",
		       p.share * 100, p.latest, p.expected * 100,
		       benefit_statuses[p.status]);
	}
	if (!n)
		return;
	printf("\n");
	t = table_new(3, head);
	for (size_t i = 0; i < n; i++) {
		table_row(t);
		table_cell(t, m[i].measured);
		table_cellf(t, "%g", m[i].value);
		table_cell(t, m[i].note);
	}
	table_print(t, stdout);
	table_free(t);
}

static int bn_show(struct store *st, struct project *p, struct opts *o)
{
	struct benefit b;
	struct benefit_measure *m;
	size_t n;

	if (o->argc != 2)
		return cli_usage_error("benefit", "'benefit show' takes a project "
				       "and a benefit");
	get(st, p, o->argv[1], &b);
	if (store_benefit_measures(st, p->id, b.id, &m, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(benefit_opts, o, "json"))
		cli_print_json(benefit_detail_json(&b, m, n));
	else
		print_benefit(&b, m, n);
	store_benefit_measures_free(m, n);
	store_benefit_release(&b);
	return 0;
}

static int bn_edit(struct store *st, struct project *p, struct opts *o)
{
	struct benefit b;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("benefit", "'benefit edit' takes a project "
				       "and a benefit");
	get(st, p, o->argv[1], &b);
	rc = apply(&b, o);
	if (!rc)
		rc = save(st, p, &b, false);
	if (!rc)
		printf("saved benefit '%s'\n", b.name);
	store_benefit_release(&b);
	return rc;
}

static int bn_rm(struct store *st, struct project *p, struct opts *o)
{
	struct benefit b;

	if (o->argc != 2)
		return cli_usage_error("benefit", "'benefit rm' takes a project "
				       "and a benefit");
	get(st, p, o->argv[1], &b);
	if (store_benefit_delete(st, p->id, b.id))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed benefit '%s' and its measurements\n", b.name);
	store_benefit_release(&b);
	return 0;
}

static int bn_measure(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	const char *note = opt_get(benefit_opts, o, "note");
	struct benefit_measure m = { 0 };
	struct benefit b;
	int32_t day;
	int rc = 0;

	if (o->argc != 4)
		return cli_usage_error("benefit", "'benefit measure' takes a "
				       "project, a benefit, a date and a value");
	get(st, p, o->argv[1], &b);
	if (track_date_parse(o->argv[2], &day, &err)) {
		error("date: %s", err.buf);
		rc = EXIT_BADINPUT;
	} else if (day > track_today()) {
		error("date: '%s' is after today; record a measurement once it "
		      "is made", o->argv[2]);
		rc = EXIT_BADINPUT;
	} else if (money_number("value", o->argv[3], -MONEY_MAX, MONEY_MAX,
				&m.value, &err) ||
		   (note && check_text("note", note, MONEY_TEXT_MAX, false,
				       &err))) {
		error("%s", err.buf);
		rc = EXIT_BADINPUT;
	}
	if (!rc) {
		m.benefit = b.id;
		m.measured = o->argv[2];
		m.note = (char *)(note ? note : "");
		if (store_benefit_measures_set(st, p->id, &m, 1))
			die(EXIT_INTERNAL, "%s", store_error(st));
		printf("benefit '%s' measured %s on %s\n", b.name, o->argv[3],
		       o->argv[2]);
	}
	store_benefit_release(&b);
	sb_release(&err);
	return rc;
}

static int bn_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "benefit", "measurements");
}

int cmd_benefit(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", bn_add }, { "list", bn_list }, { "show", bn_show },
		{ "edit", bn_edit }, { "rm", bn_rm }, { "measure", bn_measure },
		{ "import", bn_import },
	};

	return cli_project_action("benefit", argc, argv, benefit_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
