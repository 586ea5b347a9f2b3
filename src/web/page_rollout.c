/*
 * page_rollout.c: the rollout tab: coverage over time of a milestone,
 * overall and by type, with the period chosen in a form; the stalled
 * settings, those not started, the other tools in use, and depth of use
 * by month. The figures are those of 'waymark coverage' and 'waymark
 * usage'.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/chart.h"
#include "lib/html.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "rollout.h"
#include "track/track.h"

static const char *const every_choices[] = { "month", "week", NULL };
static const char *const every_labels[] = { "Every month", "Every week", NULL };

/* The period and milestone form (GET: it changes nothing). */
static void period_form(struct req *r, const struct coverage_report *rep,
			const struct form *f)
{
	const struct track_data *t = &rep->t;
	const char **ids = xcalloc(t->nmilestones + 1, sizeof(*ids));
	const char **titles = xcalloc(t->nmilestones + 1, sizeof(*titles));
	char from[11], to[11];

	for (size_t k = 0; k < t->nmilestones; k++) {
		ids[k] = t->milestones[k].id;
		titles[k] = t->milestones[k].title;
	}
	track_date_format(rep->from, from);
	track_date_format(rep->to, to);
	html(&r->out, "<form method=\"get\" action=\"/p/%u/rollout\" "
	     "class=\"filters\">", r->project.name);
	if (t->nmilestones)
		form_select(r, f, "milestone", "Milestone", ids, titles,
			    t->milestones[rep->milestone].id,
			    "A setting further on counts as having reached it.");
	form_input(r, f, "date", "from", "From", from, NULL, false);
	form_input(r, f, "date", "to", "To", to, NULL, false);
	form_select(r, f, "every", "Step", every_choices, every_labels,
		    rep->every, NULL);
	html(&r->out, "<button type=\"submit\">Show</button></form>\n");
	free(ids);
	free(titles);
}

/* A series of shares (in %) from the points; -1 shares are gaps. */
static struct chart_xy *series_points(const struct coverage *c, int type)
{
	struct chart_xy *v = xcalloc(c->npoints + 1, sizeof(*v));

	for (size_t i = 0; i < c->npoints; i++) {
		double s = type < 0 ? c->points[i].share :
			   c->points[i].type_share[type];
		v[i].x = c->points[i].date;
		v[i].y = s < 0 ? NAN : s * 100;
	}
	return v;
}

static void coverage_chart(struct req *r, const struct coverage_report *rep)
{
	static const char *const type_names[] = {
		"Organisations", "Sites", "Teams"
	};
	const struct coverage *c = &rep->c;
	struct chart_series series[1 + TRACK_NTYPES];
	struct chart_tick *ticks = xcalloc(c->npoints + 1, sizeof(*ticks));
	char (*labels)[11] = xcalloc(c->npoints + 1, sizeof(*labels));
	struct strbuf desc = STRBUF_INIT, table = STRBUF_INIT;
	size_t ns = 0, nt = 0, every = c->npoints / 8 + 1;
	const char *title = rep->t.milestones[rep->milestone].title;
	struct chart_line ch;

	series[ns++] = (struct chart_series){ "All settings",
		series_points(c, -1), c->npoints, 0, "overall" };
	for (int k = 0; k < TRACK_NTYPES; k++)
		if (c->type_total[k])
			series[ns++] = (struct chart_series){ type_names[k],
				series_points(c, k), c->npoints, 1, NULL };
	for (size_t i = 0; i < c->npoints; i += every) {
		track_date_format(c->points[i].date, labels[nt]);
		ticks[nt] = (struct chart_tick){ c->points[i].date, labels[nt] };
		nt++;
	}
	sb_addf(&desc, "The share of settings that had reached '%s' on each "
		"day from %s to %s: all %zu that must take part, and by type "
		"over those registered.", title, labels[0],
		c->npoints ? labels[nt - 1] : "", c->population);
	ch = (struct chart_line){
		{ "coverage", "Coverage over time", desc.buf, "Day", 640 },
		{ c->npoints ? c->points[0].date : 0,
		  c->npoints ? c->points[c->npoints - 1].date : 1, 0, NAN, NULL,
		  "Day" },
		{ 0, 100, 20, NAN, NULL, "Share (%)" },
		ticks, nt, series, ns, NAN, NAN, NULL,
	};
	html(&r->out, "<figure class=\"chart\"><figcaption>Coverage of %s"
	     "</figcaption>\n", title);
	chart_line_svg(&r->out, &ch);
	chart_line_table(&table, &ch);
	html(&r->out, "<details class=\"table-view\"><summary>Table view"
	     "</summary><div class=\"table-wrap\">%R</div></details></figure>\n",
	     table.buf);
	for (size_t i = 0; i < ns; i++)
		free((void *)series[i].points);
	free(ticks);
	free(labels);
	sb_release(&desc);
	sb_release(&table);
}

static void stalled_list(struct req *r, const struct coverage_report *rep)
{
	char day[11];

	track_date_format(rep->to, day);
	html(&r->out, "<h2>Stalled settings</h2><p>On %s, %z setting%s had "
	     "reached no new milestone in %d weeks without reaching the last; "
	     "%z had not started.</p>\n", day, rep->nstalled,
	     rep->nstalled == 1 ? "" : "s", (int)rep->weeks, rep->not_started);
	if (!rep->nstalled)
		return;
	html(&r->out, "<div class=\"table-wrap\"><table><caption>Stalled "
	     "settings</caption><thead><tr><th scope=\"col\">Setting</th>"
	     "<th scope=\"col\">Type</th><th scope=\"col\">Furthest milestone"
	     "</th><th scope=\"col\">Since</th><th scope=\"col\" class=\"num\">"
	     "Weeks</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < rep->nstalled; i++) {
		const struct stalled *s = &rep->stalled[i];
		track_date_format(s->since, day);
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s"
		     "</td><td>%s</td><td class=\"num\">%d</td></tr>\n",
		     rep->t.settings[s->setting].name,
		     rep->t.settings[s->setting].type,
		     rep->t.milestones[s->milestone].title, day,
		     (int)((rep->to - s->since) / 7));
	}
	html(&r->out, "</tbody></table></div>\n");
}

static void tools_list(struct req *r, const struct coverage_report *rep)
{
	html(&r->out, "<h2>Other tools in use</h2>\n");
	if (!rep->ntools) {
		html(&r->out, "<p>No setting records another tool.</p>\n");
		return;
	}
	html(&r->out, "<p>Tools that compete with the new system for staff's "
	     "attention.</p><div class=\"table-wrap\"><table><caption>Other "
	     "tools</caption><thead><tr><th scope=\"col\">Tool</th><th "
	     "scope=\"col\" class=\"num\">Settings</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < rep->ntools; i++)
		html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%z"
		     "</td></tr>\n", rep->tools[i].tool, rep->tools[i].settings);
	html(&r->out, "</tbody></table></div>\n");
}

/* Depth of use: every metric by month; 0 or -1 after web_store_fail. */
static int usage_table(struct req *r)
{
	struct usage_figure *v;
	struct usage_month *m;
	size_t n, nm;

	if (store_usage_figures(r->st, r->project.id, NULL, &v, &n))
		return web_store_fail(r);
	track_usage(v, n, &m, &nm);
	html(&r->out, "<h2>Depth of use</h2>\n");
	if (!nm)
		html(&r->out, "<p>No usage figures yet ('waymark usage "
		     "import').</p>\n");
	else
		html(&r->out, "<div class=\"table-wrap\"><table><caption>Usage "
		     "by month</caption><thead><tr><th scope=\"col\">Metric</th>"
		     "<th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">"
		     "Total</th><th scope=\"col\" class=\"num\">Settings "
		     "reporting</th><th scope=\"col\" class=\"num\">Eligible</th>"
		     "<th scope=\"col\" class=\"num\">Share</th></tr></thead>"
		     "<tbody>\n");
	for (size_t i = 0; i < nm; i++) {
		char share[16] = "-", elig[32] = "-";
		if (m[i].share >= 0)
			snprintf(share, sizeof(share), "%.1f%%", m[i].share * 100);
		if (m[i].with_eligible)
			snprintf(elig, sizeof(elig), "%g", m[i].eligible);
		html(&r->out, "<tr><td>%s</td><th scope=\"row\">%s</th><td "
		     "class=\"num\">%g</td><td class=\"num\">%z</td><td "
		     "class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
		     m[i].metric, m[i].month, m[i].total, m[i].settings, elig,
		     share);
	}
	if (nm)
		html(&r->out, "</tbody></table></div>\n");
	free(m);
	store_usage_figures_free(v, n);
	return 0;
}

/* Query field name, NULL when absent or empty; -1 if not UTF-8. */
static int query_text(struct req *r, const char *name, const char **v)
{
	size_t bad;

	*v = web_query(r, name);
	if (*v && !**v)
		*v = NULL;
	return *v && !utf8_valid(*v, strlen(*v), &bad) ? -1 : 0;
}

int rollout_query(struct req *r, struct coverage_query *q)
{
	memset(q, 0, sizeof(*q));
	q->weeks = 8;
	q->today = track_today();
	if (query_text(r, "milestone", &q->milestone) ||
	    query_text(r, "from", &q->from) || query_text(r, "to", &q->to) ||
	    query_text(r, "every", &q->every))
		return web_fail(r, 400, "bad_request", "the query is not valid "
				"UTF-8");
	return 0;
}

int page_rollout(struct req *r)
{
	struct coverage_query q;
	struct strbuf err = STRBUF_INIT;
	struct coverage_report rep;
	struct form f = FORM_INIT;
	int rc;

	memset(&rep, 0, sizeof(rep));
	if (rollout_query(r, &q))
		return -1;
	rc = coverage_report_make(r->st, &r->project, &q, &rep, &err);
	if (rc == -1) {
		rc = web_store_fail(r);
		goto out;
	}
	if (rc) {
		rc = web_fail(r, 400, "bad_request", "%s", err.buf);
		goto out;
	}
	page_begin(r, "Rollout", "rollout");
	html(&r->out, "<h1>Rollout</h1><p>%z setting%s must take part (%z "
	     "registered). <a href=\"/p/%u/registry\">The settings registry"
	     "</a></p>\n", rep.c.population, rep.c.population == 1 ? "" : "s",
	     rep.c.registered, r->project.name);
	page_import_done(r);
	period_form(r, &rep, &f);
	coverage_chart(r, &rep);
	stalled_list(r, &rep);
	tools_list(r, &rep);
	rc = usage_table(r);
	if (!rc)
		page_end(r);
out:
	coverage_report_release(&rep);
	form_release(&f);
	sb_release(&err);
	return rc;
}
