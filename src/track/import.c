/*
 * import.c: the CSV imports of tracking records, one function for the
 * CLI and the web: read what the checks need from the store, parse and
 * check the whole file, and store its records only if nothing was wrong.
 */
#include <string.h>

#include "log.h"
#include "money.h"
#include "track.h"
#include "workaround.h"

struct import_ctx {
	struct store *st;
	const struct kb *kb;
	int64_t project;
	const char *file, *data;
	size_t len;
	int32_t today;
	struct diags *d;
	size_t rows;
};

/* 0 when the parse found nothing wrong; 1 when it did (d says what). */
static int verdict(const struct import_ctx *c, int rc)
{
	return rc || c->d->n ? 1 : 0;
}

static int do_settings(struct import_ctx *c)
{
	struct setting_rows rows;
	struct setting *existing;
	size_t nexisting;
	int rc;

	if (store_settings(c->st, c->project, &existing, &nexisting))
		return -1;
	rc = verdict(c, settings_parse_csv(c->file, c->data, c->len, existing,
					   nexisting, &rows, c->d));
	if (!rc && store_settings_add(c->st, c->project, rows.v, rows.n))
		rc = -1;
	c->rows = rows.n;
	setting_rows_release(&rows);
	store_settings_free(existing, nexisting);
	return rc;
}

static int do_milestones(struct import_ctx *c)
{
	struct milestone_rows rows;
	struct setting *settings;
	struct group *ms;
	size_t nsettings, nms;
	int rc;

	if (store_settings(c->st, c->project, &settings, &nsettings))
		return -1;
	if (store_milestones(c->st, c->project, &ms, &nms)) {
		store_settings_free(settings, nsettings);
		return -1;
	}
	rc = verdict(c, milestones_parse_csv(c->file, c->data, c->len,
					     settings, nsettings, ms, nms,
					     c->today, &rows, c->d));
	if (!rc && store_milestones_set(c->st, c->project, rows.v, rows.n))
		rc = -1;
	c->rows = rows.n;
	milestone_rows_release(&rows);
	store_settings_free(settings, nsettings);
	store_groups_free(ms, nms);
	return rc;
}

static int do_usage(struct import_ctx *c)
{
	struct usage_rows rows;
	struct setting *settings;
	size_t nsettings;
	char month[8];
	int rc;

	if (store_settings(c->st, c->project, &settings, &nsettings))
		return -1;
	track_month_format(c->today, month);
	rc = verdict(c, usage_parse_csv(c->file, c->data, c->len, settings,
					nsettings, month, &rows, c->d));
	if (!rc && store_usage_set(c->st, c->project, rows.v, rows.n))
		rc = -1;
	c->rows = rows.n;
	usage_rows_release(&rows);
	store_settings_free(settings, nsettings);
	return rc;
}

static int do_log(struct import_ctx *c)
{
	struct observation_rows rows;
	struct setting *settings;
	size_t nsettings;
	int rc;

	if (store_settings(c->st, c->project, &settings, &nsettings))
		return -1;
	rc = verdict(c, observations_parse_csv(c->kb, c->file, c->data,
					       c->len, settings, nsettings,
					       c->today, &rows, c->d));
	for (size_t i = 0; rc == 0 && i < rows.n; i++) {
		rows.v[i].project = c->project;
		if (store_observation_add(c->st, &rows.v[i]))
			rc = -1;
	}
	c->rows = rows.n;
	observation_rows_release(&rows);
	store_settings_free(settings, nsettings);
	return rc;
}

static int do_workarounds(struct import_ctx *c)
{
	struct workaround_rows rows;
	struct workaround *existing;
	struct setting *settings;
	size_t nexisting, nsettings;
	int rc;

	if (store_settings(c->st, c->project, &settings, &nsettings))
		return -1;
	if (store_workarounds(c->st, c->project, &existing, &nexisting)) {
		store_settings_free(settings, nsettings);
		return -1;
	}
	rc = verdict(c, workarounds_parse_csv(c->file, c->data, c->len,
					      settings, nsettings, existing,
					      nexisting, &rows, c->d));
	for (size_t i = 0; rc == 0 && i < rows.n; i++) {
		rows.v[i].project = c->project;
		if (store_workaround_add(c->st, &rows.v[i]))
			rc = -1;
	}
	c->rows = rows.n;
	workaround_rows_release(&rows);
	store_workarounds_free(existing, nexisting);
	store_settings_free(settings, nsettings);
	return rc;
}

static int do_measurements(struct import_ctx *c)
{
	struct measure_rows rows;
	struct benefit *v;
	size_t n;
	int rc;

	if (store_benefits(c->st, c->project, &v, &n))
		return -1;
	rc = verdict(c, measures_parse_csv(c->file, c->data, c->len, v, n,
					   c->today, &rows, c->d));
	if (!rc && store_benefit_measures_set(c->st, c->project, rows.v,
					      rows.n))
		rc = -1;
	c->rows = rows.n;
	measure_rows_release(&rows);
	store_benefits_free(v, n);
	return rc;
}

static int do_costs(struct import_ctx *c)
{
	struct cost_rows rows;
	struct cost_item *existing;
	struct benefit *bv;
	size_t nexisting, nb;
	int rc;

	if (store_cost_items(c->st, c->project, &existing, &nexisting))
		return -1;
	if (store_benefits(c->st, c->project, &bv, &nb)) {
		store_cost_items_free(existing, nexisting);
		return -1;
	}
	rc = verdict(c, cost_items_parse_csv(c->file, c->data, c->len,
					     existing, nexisting, bv, nb,
					     &rows, c->d));
	if (!rc && store_cost_items_add(c->st, c->project, rows.v, rows.n))
		rc = -1;
	c->rows = rows.n;
	cost_rows_release(&rows);
	store_cost_items_free(existing, nexisting);
	store_benefits_free(bv, nb);
	return rc;
}

const struct import_kind import_kinds[] = {
	{ "settings", "Settings (the registry)", "registry", "imported",
	  "setting", "settings", "into",
	  "name, type, parent, it_system", do_settings },
	{ "milestones", "Milestones reached", "registry", "recorded",
	  "milestone", "milestones", "in",
	  "setting, milestone, date", do_milestones },
	{ "usage", "Usage figures", "rollout", "recorded",
	  "usage figure", "usage figures", "in",
	  "setting, metric, month, value, eligible", do_usage },
	{ "log", "Barrier and enabler log", "log", "imported",
	  "log entry", "log entries", "into",
	  "date, reporter, text, kind, severity, status, setting, "
	  "determinants, actions", do_log },
	{ "workarounds", "Workarounds and mismatches", "workarounds",
	  "imported", "entry", "entries", "into",
	  "description, harm, frequency, observed, reporter, kind, setting, "
	  "status", do_workarounds },
	{ "measurements", "Benefit measurements", "benefits", "recorded",
	  "measurement", "measurements", "in",
	  "benefit, date, value, note", do_measurements },
	{ "costs", "Cost items", "costs", "imported",
	  "cost item", "cost items", "into",
	  "name, flow, category, kind, start_year, expected, end_year, "
	  "refresh, ramp, low, high, benefit", do_costs },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

const struct import_kind *import_kind_find(const char *name)
{
	for (const struct import_kind *k = import_kinds; name && k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

int track_import(struct store *st, const struct kb *kb, int64_t project,
		 const struct import_kind *kind, const char *file,
		 const char *data, size_t len, int32_t today, size_t *rows,
		 struct diags *d)
{
	struct import_ctx c = {
		.st = st, .kb = kb, .project = project, .file = file,
		.data = data, .len = len, .today = today, .d = d
	};
	int rc = kind->run(&c);

	*rows = rc == 0 ? c.rows : 0;
	return rc == 1 ? TRACK_BAD : rc;
}
