/* usage.c: 'waymark usage': depth of use, from usage figures by month. */
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

static const struct opt usage_opts[] = {
	{ "metric", true }, { "json", false },
	{ NULL, false }
};

static int us_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "usage", "usage");
}

static void print_text(const struct project *p, const struct usage_month *v,
		       size_t n)
{
	static const char *const head[] = {
		"METRIC", "MONTH", "TOTAL", "SETTINGS", "ELIGIBLE", "SHARE"
	};
	struct table *tb;

	if (!n) {
		printf("no usage figures in '%s'; see 'waymark usage import'\n",
		       p->name);
		return;
	}
	tb = table_new(6, head);
	for (size_t i = 0; i < n; i++) {
		table_row(tb);
		table_cell(tb, v[i].metric);
		table_cell(tb, v[i].month);
		table_cellf(tb, "%g", v[i].total);
		table_cellf(tb, "%zu", v[i].settings);
		if (v[i].with_eligible)
			table_cellf(tb, "%g (%zu)", v[i].eligible,
				    v[i].with_eligible);
		else
			table_cell(tb, "-");
		if (v[i].share >= 0)
			table_cellf(tb, "%.1f%%", v[i].share * 100);
		else
			table_cell(tb, "-");
	}
	table_print(tb, stdout);
	table_free(tb);
}

static int usage(struct store *st, struct project *p, struct opts *o)
{
	const char *metric = opt_get(usage_opts, o, "metric");
	struct usage_figure *v;
	struct usage_month *m;
	size_t n, nm;

	if (o->argc != 1)
		return cli_usage_error("usage", "'usage' takes a project");
	if (store_usage_figures(st, p->id, metric, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	track_usage(v, n, &m, &nm);
	if (opt_flag(usage_opts, o, "json"))
		cli_print_json(usage_json(p, metric, m, nm));
	else
		print_text(p, m, nm);
	free(m);
	store_usage_figures_free(v, n);
	return 0;
}

int cmd_usage(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "import", us_import },
	};

	if (argc >= 2 && !strcmp(argv[1], "import"))
		return cli_project_action("usage", argc, argv, usage_opts,
					  actions, 1);
	return cli_project_command("usage", argc, argv, usage_opts, usage);
}
