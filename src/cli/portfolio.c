/* portfolio.c: 'waymark portfolio': every project in the store, one row each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "plan/portfolio.h"
#include "store/store.h"
#include "track/track.h"

static const struct opt portfolio_opts[] = {
	{ "sort", true }, { "dir", true }, { "json", false },
	{ NULL, false }
};

static void print_text(const struct portfolio *pf)
{
	static const char *const head[] = {
		"PROJECT", "PHASE/STEP", "GATE", "COVERAGE", "TOP BARRIERS",
		"LOGGED", "RESPONSES", "CHANGED"
	};
	struct table *t = table_new(8, head);

	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_row *w = &pf->v[i];
		struct strbuf sb = STRBUF_INIT;

		table_row(t);
		table_cell(t, w->name);
		table_cellf(t, "%s/%s", w->phase, w->step);
		if (w->open)
			table_cellf(t, "%zu of %zu open", w->open, w->checkpoints);
		else
			table_cell(t, "ready");
		if (w->registry)
			table_cellf(t, "%.1f%% %s", w->coverage * 100, w->milestone);
		else
			table_cell(t, "no registry");
		for (size_t k = 0; k < w->ntop; k++)
			sb_addf(&sb, "%s%s %.2f", k ? ", " : "",
				w->top[k].determinant, w->top[k].mean);
		table_cell(t, w->ntop ? sb.buf : "-");
		table_cellf(t, "%zu", w->logged);
		table_cellf(t, "%lld", (long long)w->responses);
		table_cell(t, w->changed);
		sb_release(&sb);
	}
	table_print(t, stdout);
	table_free(t);
}

int cmd_portfolio(int argc, char **argv)
{
	const char *sort, *dir;
	struct project *v;
	struct portfolio pf = { 0 };
	struct opts o;
	struct store *st;
	size_t n;
	int rc, key;

	rc = cli_parse("portfolio", argc, argv, portfolio_opts, &o);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc > 0)
		return cli_usage_error("portfolio", "unexpected argument '%s'",
				       o.argv[0]);
	sort = opt_get(portfolio_opts, &o, "sort");
	dir = opt_get(portfolio_opts, &o, "dir");
	key = portfolio_key_index(sort ? sort : "name");
	if (key < 0)
		return cli_usage_error("portfolio", "cannot sort by '%s'; use name, "
				       "title, step, gate, coverage, barriers, "
				       "logged, responses or changed", sort);
	if (dir && strcmp(dir, "asc") && strcmp(dir, "desc"))
		return cli_usage_error("portfolio", "--dir must be asc or desc, "
				       "not '%s'", dir);
	st = cli_store();
	if (store_project_list(st, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (portfolio_load(cli_kb(), st, v, n, track_today(), &pf))
		die(EXIT_INTERNAL, "%s", store_error(st));
	portfolio_sort(&pf, key, dir && !strcmp(dir, "desc"));
	if (opt_flag(portfolio_opts, &o, "json"))
		cli_print_json(portfolio_json(&pf, key, dir && !strcmp(dir, "desc")));
	else if (!pf.n)
		printf("no projects yet: start one with 'waymark project new NAME'\n");
	else
		print_text(&pf);
	portfolio_release(&pf);
	store_projects_free(v, n);
	return 0;
}
