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

static void share_cell(struct table *t, double share)
{
	if (share < 0)
		table_cell(t, "-");
	else
		table_cellf(t, "%.1f%%", share * 100);
}

static void print_tools(const struct coverage_report *r)
{
	static const char *const head[] = { "TOOL", "SETTINGS" };
	struct table *tb;

	printf("\nother tools in use: %zu\n", r->ntools);
	if (!r->ntools)
		return;
	tb = table_new(2, head);
	for (size_t i = 0; i < r->ntools; i++) {
		table_row(tb);
		table_cell(tb, r->tools[i].tool);
		table_cellf(tb, "%zu", r->tools[i].settings);
	}
	table_print(tb, stdout);
	table_free(tb);
}

static void print_stalled(const struct coverage_report *r)
{
	static const char *const head[] = {
		"NAME", "TYPE", "MILESTONE", "SINCE", "WEEKS"
	};
	const struct track_data *t = &r->t;
	struct table *tb;
	char day[11];

	track_date_format(r->to, day);
	printf("\nstalled on %s (no new milestone in %ld weeks, not at '%s'): "
	       "%zu; not started: %zu\n", day, r->weeks,
	       t->milestones[t->nmilestones - 1].id, r->nstalled,
	       r->not_started);
	if (!r->nstalled)
		return;
	tb = table_new(5, head);
	for (size_t i = 0; i < r->nstalled; i++) {
		const struct stalled *sv = &r->stalled[i];
		const struct setting *s = &t->settings[sv->setting];
		track_date_format(sv->since, day);
		table_row(tb);
		table_cell(tb, s->name);
		table_cell(tb, s->type);
		table_cell(tb, t->milestones[sv->milestone].id);
		table_cell(tb, day);
		table_cellf(tb, "%ld", (long)((r->to - sv->since) / 7));
	}
	table_print(tb, stdout);
	table_free(tb);
}

static void print_text(const struct project *p, const struct coverage_report *r)
{
	static const char *const head[] = {
		"DATE", "REACHED", "SHARE", "ORGANISATION", "SITE", "TEAM"
	};
	const struct coverage *c = &r->c;
	struct table *tb = table_new(6, head);
	char day[11];

	printf("coverage of '%s' in '%s': %zu settings must take part (the "
	       "project says %lld; registered %zu: %zu organisation%s, %zu "
	       "site%s, %zu team%s)\n",
	       r->t.milestones[r->milestone].id, p->name, c->population,
	       (long long)p->settings, c->registered, c->type_total[0],
	       c->type_total[0] == 1 ? "" : "s", c->type_total[1],
	       c->type_total[1] == 1 ? "" : "s", c->type_total[2],
	       c->type_total[2] == 1 ? "" : "s");
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
	print_stalled(r);
	print_tools(r);
}

static int coverage(struct store *st, struct project *p, struct opts *o)
{
	const char *sw = opt_get(coverage_opts, o, "stalled-weeks");
	struct coverage_query q = {
		opt_get(coverage_opts, o, "milestone"),
		opt_get(coverage_opts, o, "from"), opt_get(coverage_opts, o, "to"),
		opt_get(coverage_opts, o, "every"), 8, track_today(),
	};
	struct strbuf err = STRBUF_INIT;
	struct coverage_report r;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("coverage", "'coverage' takes a project");
	if (q.every && strcmp(q.every, "week") && strcmp(q.every, "month"))
		return cli_usage_error("coverage", "--every: '%s' is neither week "
				       "nor month", q.every);
	if (sw && cli_parse_long(sw, 1, 1000, &q.weeks))
		return cli_usage_error("coverage", "--stalled-weeks: expected a "
				       "whole number of weeks from 1 to 1000");
	rc = coverage_report_make(st, p, &q, &r, &err);
	if (!(rc = cli_track_result(st, rc, &err))) {
		if (opt_flag(coverage_opts, o, "json"))
			cli_print_json(coverage_json(p, &r));
		else
			print_text(p, &r);
	}
	coverage_report_release(&r);
	sb_release(&err);
	return rc;
}

int cmd_coverage(int argc, char **argv)
{
	return cli_project_command("coverage", argc, argv, coverage_opts,
				   coverage);
}
