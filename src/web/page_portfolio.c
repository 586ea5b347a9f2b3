/* page_portfolio.c: every project one can see, side by side, as a page and as JSON. */
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "pages.h"
#include "plan/portfolio.h"
#include "track/track.h"

/*
 * The rows of the projects r's user may see, sorted as ?sort=KEY&dir=
 * asc|desc ask (default name, ascending). Returns 0, or -1 after
 * answering (400 for a bad key or direction).
 */
static int portfolio_for(struct req *r, struct portfolio *pf, int *key,
			 bool *desc)
{
	const char *sort = web_query(r, "sort"), *dir = web_query(r, "dir");
	struct project *v;
	enum role *roles;
	size_t n;
	int rc;

	*key = portfolio_key_index(sort ? sort : "name");
	if (*key < 0)
		return web_fail(r, 400, "bad_request", "sort: cannot sort by '%s'; "
				"use name, title, step, gate, coverage, barriers, "
				"logged, responses or changed", sort);
	if (dir && strcmp(dir, "asc") && strcmp(dir, "desc"))
		return web_fail(r, 400, "bad_request", "dir: must be asc or desc, "
				"not '%s'", dir);
	*desc = dir && !strcmp(dir, "desc");
	if (store_project_list_for(r->st, r->user.id, &v, &roles,
				   &n))
		return web_store_fail(r);
	rc = portfolio_load(r->kb, r->st, v, n, track_today(), pf);
	store_projects_free(v, n);
	free(roles);
	if (rc)
		return web_store_fail(r);
	portfolio_sort(pf, *key, *desc);
	return 0;
}

int api_portfolio(struct req *r)
{
	struct portfolio pf = { 0 };
	int key, rc;
	bool desc;

	r->private = true;
	rc = portfolio_for(r, &pf, &key, &desc);
	if (!rc)
		rc = web_json(r, 200, portfolio_json(&pf, key, desc));
	portfolio_release(&pf);
	return rc;
}

static const char *const headings[] = {
	"Project", "Title", "Phase and step", "Gate", "Coverage",
	"Top barriers", "Logged barriers", "Responses", "Last change"
};

/* A column heading that sorts by it: the other way if it is the sort now. */
static void heading(struct req *r, int k, int key, bool desc)
{
	bool now = k == key;
	const char *next = now && !desc ? "desc" : "asc";

	html(&r->out, "<th scope=\"col\"");
	if (now)
		html(&r->out, " aria-sort=\"%s\"", desc ? "descending" : "ascending");
	html(&r->out, "><a href=\"/portfolio?sort=%u&amp;dir=%u\">%s</a></th>",
	     portfolio_keys[k], next, headings[k]);
}

static void row(struct req *r, const struct portfolio_row *w)
{
	struct strbuf *o = &r->out;

	html(o, "<tr><th scope=\"row\"><a href=\"/p/%u\">%s</a></th><td>%s</td>"
	     "<td>%s: %s</td>", w->name, w->name, w->title, w->phase, w->step);
	if (w->open)
		html(o, "<td>%z of %z checkpoints open</td>", w->open,
		     w->checkpoints);
	else
		html(o, "<td>ready</td>");
	if (w->registry)
		html(o, "<td>%g%% %s (%z of %z)</td>",
		     (double)(long)(w->coverage * 1000 + 0.5) / 10, w->milestone,
		     w->reached, w->population);
	else
		html(o, "<td>no registry</td>");
	html(o, "<td>");
	if (!w->ntop)
		html(o, "none");
	else {
		html(o, "<ol>");
		for (size_t k = 0; k < w->ntop; k++)
			html(o, "<li>%s (mean %f)</li>", w->top[k].title,
			     w->top[k].mean);
		html(o, "</ol>");
	}
	html(o, "</td><td>%z</td><td>%I</td><td>%s</td></tr>\n", w->logged,
	     w->responses, w->changed);
}

int page_portfolio(struct req *r)
{
	struct portfolio pf = { 0 };
	struct strbuf *o = &r->out;
	int key, rc;
	bool desc;

	r->private = true;
	rc = portfolio_for(r, &pf, &key, &desc);
	if (rc)
		goto out;
	page_begin(r, "Portfolio", NULL);
	html(o, "<h1>Portfolio</h1>\n<p>Every project you can see, one row each. "
	     "Coverage is the share of settings live today (or at the last "
	     "milestone when there is no 'live'); the top barriers are the "
	     "latest round's barrier determinants with the lowest means; "
	     "logged barriers are those of the log not closed. Choose a heading "
	     "to sort by it. The same list as JSON: <a href=\"/api/portfolio\">"
	     "/api/portfolio</a>.</p>\n");
	if (!pf.n) {
		html(o, "<p>You have no projects yet.</p>\n");
		page_end(r);
		goto out;
	}
	html(o, "<div class=\"table-wrap\"><table><caption>Projects you can see, "
	     "by %s (%s)</caption><thead><tr>", portfolio_keys[key],
	     desc ? "descending" : "ascending");
	for (int k = 0; portfolio_keys[k]; k++)
		heading(r, k, key, desc);
	html(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < pf.n; i++)
		row(r, &pf.v[i]);
	html(o, "</tbody></table></div>\n");
	page_end(r);
out:
	portfolio_release(&pf);
	return rc;
}
