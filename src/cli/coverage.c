/* coverage.c: 'waymark coverage': how many settings reached a milestone, over time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "store/store.h"
#include "track/track.h"

static const struct opt coverage_opts[] = {
	{ "milestone", true }, { "from", true }, { "to", true },
	{ "every", true }, { "stalled-weeks", true }, { "json", false },
	{ NULL, false }
};

/* A day given as option name, or fallback if absent. Exits 3 if bad. */
static int32_t day_opt(const struct opts *o, const char *name, int32_t fallback)
{
	const char *v = opt_get(coverage_opts, o, name);
	struct strbuf err = STRBUF_INIT;
	int32_t day;

	if (!v)
		return fallback;
	if (track_date_parse(v, &day, &err))
		die(EXIT_BADINPUT, "--%s: %s", name, err.buf);
	sb_release(&err);
	return day;
}

static void share_cell(struct table *t, double share)
{
	if (share < 0)
		table_cell(t, "-");
	else
		table_cellf(t, "%.1f%%", share * 100);
}

static json_t *share_json(double share)
{
	return share < 0 ? json_null() : json_real(share);
}

static void print_json(const struct project *p, const struct track_data *t,
		       size_t m, const char *every, const struct coverage *c,
		       const struct stalled *sv, size_t ns, size_t not_started,
		       int32_t asof, long weeks)
{
	json_t *o = json_object(), *pts = json_array(), *st = json_array();
	json_t *types = json_object(), *stall = json_object();
	char day[11];

	json_object_set_new(o, "project", json_string(p->name));
	json_object_set_new(o, "milestone", json_string(t->milestones[m].id));
	json_object_set_new(o, "every", json_string(every));
	json_object_set_new(o, "required", json_integer(p->settings));
	json_object_set_new(o, "registered", json_integer((json_int_t)c->registered));
	json_object_set_new(o, "population", json_integer((json_int_t)c->population));
	for (int k = 0; k < TRACK_NTYPES; k++)
		json_object_set_new(types, setting_types[k],
				    json_integer((json_int_t)c->type_total[k]));
	json_object_set_new(o, "registered_by_type", types);
	for (size_t i = 0; i < c->npoints; i++) {
		const struct coverage_point *pt = &c->points[i];
		json_t *x = json_object(), *by = json_object();
		track_date_format(pt->date, day);
		json_object_set_new(x, "date", json_string(day));
		json_object_set_new(x, "reached", json_integer((json_int_t)pt->reached));
		json_object_set_new(x, "share", json_real(pt->share));
		for (int k = 0; k < TRACK_NTYPES; k++) {
			json_t *y = json_object();
			json_object_set_new(y, "reached",
					    json_integer((json_int_t)pt->type_reached[k]));
			json_object_set_new(y, "share", share_json(pt->type_share[k]));
			json_object_set_new(by, setting_types[k], y);
		}
		json_object_set_new(x, "by_type", by);
		json_array_append_new(pts, x);
	}
	json_object_set_new(o, "points", pts);
	track_date_format(asof, day);
	json_object_set_new(stall, "as_of", json_string(day));
	json_object_set_new(stall, "weeks", json_integer(weeks));
	json_object_set_new(stall, "not_started", json_integer((json_int_t)not_started));
	for (size_t i = 0; i < ns; i++) {
		json_t *x = json_object();
		const struct setting *s = &t->settings[sv[i].setting];
		track_date_format(sv[i].since, day);
		json_object_set_new(x, "name", json_string(s->name));
		json_object_set_new(x, "type", json_string(s->type));
		json_object_set_new(x, "milestone",
				    json_string(t->milestones[sv[i].milestone].id));
		json_object_set_new(x, "since", json_string(day));
		json_object_set_new(x, "weeks", json_integer((asof - sv[i].since) / 7));
		json_array_append_new(st, x);
	}
	json_object_set_new(stall, "settings", st);
	json_object_set_new(o, "stalled", stall);
	cli_print_json(o);
}

static void print_text(const struct project *p, const struct track_data *t,
		       size_t m, const struct coverage *c,
		       const struct stalled *sv, size_t ns, size_t not_started,
		       int32_t asof, long weeks)
{
	static const char *const head[] = {
		"DATE", "REACHED", "SHARE", "ORGANISATION", "SITE", "TEAM"
	};
	static const char *const shead[] = {
		"NAME", "TYPE", "MILESTONE", "SINCE", "WEEKS"
	};
	struct table *tb = table_new(6, head);
	char day[11];

	printf("coverage of '%s' in '%s': %zu settings must take part (the "
	       "project says %lld; registered %zu: %zu organisation%s, %zu "
	       "site%s, %zu team%s)\n",
	       t->milestones[m].id, p->name, c->population, (long long)p->settings,
	       c->registered, c->type_total[0], c->type_total[0] == 1 ? "" : "s",
	       c->type_total[1], c->type_total[1] == 1 ? "" : "s",
	       c->type_total[2], c->type_total[2] == 1 ? "" : "s");
	for (size_t i = 0; i < c->npoints; i++) {
		const struct coverage_point *pt = &c->points[i];
		track_date_format(pt->date, day);
		table_row(tb);
		table_cell(tb, day);
		table_cellf(tb, "%zu", pt->reached);
		share_cell(tb, pt->share);
		for (int k = 0; k < TRACK_NTYPES; k++)
			share_cell(tb, pt->type_share[k]);
	}
	table_print(tb, stdout);
	table_free(tb);
	track_date_format(asof, day);
	printf("\nstalled on %s (no new milestone in %ld weeks, not at '%s'): "
	       "%zu; not started: %zu\n", day, weeks,
	       t->milestones[t->nmilestones - 1].id, ns, not_started);
	if (!ns)
		return;
	tb = table_new(5, shead);
	for (size_t i = 0; i < ns; i++) {
		const struct setting *s = &t->settings[sv[i].setting];
		track_date_format(sv[i].since, day);
		table_row(tb);
		table_cell(tb, s->name);
		table_cell(tb, s->type);
		table_cell(tb, t->milestones[sv[i].milestone].id);
		table_cell(tb, day);
		table_cellf(tb, "%ld", (long)((asof - sv[i].since) / 7));
	}
	table_print(tb, stdout);
	table_free(tb);
}

static int coverage(struct store *st, struct project *p, struct opts *o)
{
	const char *every = opt_get(coverage_opts, o, "every");
	const char *mname = opt_get(coverage_opts, o, "milestone");
	const char *sw = opt_get(coverage_opts, o, "stalled-weeks");
	struct track_data t;
	struct coverage c;
	struct stalled *sv;
	size_t ndates, ns, not_started;
	int32_t today = track_today(), from, to, *dates;
	long weeks = 8, m;

	if (o->argc != 1)
		return cli_usage_error("coverage", "'coverage' takes a project");
	if (!every)
		every = "month";
	if (strcmp(every, "week") && strcmp(every, "month"))
		return cli_usage_error("coverage", "--every: '%s' is neither week "
				       "nor month", every);
	if (sw && cli_parse_long(sw, 1, 1000, &weeks))
		return cli_usage_error("coverage", "--stalled-weeks: expected a "
				       "whole number of weeks from 1 to 1000");
	if (track_load(st, p->id, &t))
		die(EXIT_INTERNAL, "%s", store_error(st));
	m = mname ? track_milestone_index(&t, mname) :
	    track_milestone_index(&t, "live");
	if (!mname && m < 0)
		m = (long)t.nmilestones - 1;
	if (m < 0)
		die(EXIT_NOTFOUND, "project '%s' has no milestone '%s'; see "
		    "'waymark milestone list %s'", p->name, mname, p->name);
	to = day_opt(o, "to", today);
	from = day_opt(o, "from", t.first != TRACK_NEVER && t.first < to ?
		       t.first : to);
	if (from > to)
		die(EXIT_BADINPUT, "--from is after --to");
	if ((int64_t)to - from > 366 * 100)
		die(EXIT_BADINPUT, "--from and --to are more than 100 years apart");
	dates = track_dates(from, to, !strcmp(every, "month"), &ndates);
	track_coverage(t.ts, t.n, t.nmilestones, (size_t)m, p->settings, dates,
		       ndates, &c);
	track_stalled(t.ts, t.n, t.nmilestones, to, (int)weeks, &sv, &ns,
		      &not_started);
	if (opt_flag(coverage_opts, o, "json"))
		print_json(p, &t, (size_t)m, every, &c, sv, ns, not_started, to,
			   weeks);
	else
		print_text(p, &t, (size_t)m, &c, sv, ns, not_started, to, weeks);
	free(sv);
	free(dates);
	coverage_release(&c);
	track_data_release(&t);
	return 0;
}

int cmd_coverage(int argc, char **argv)
{
	return cli_project_command("coverage", argc, argv, coverage_opts,
				   coverage);
}
