/*
 * workaround.c: 'waymark workaround': the log of workarounds and of
 * mismatches between the system's picture and clinical reality, and the
 * list of what to fix first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "lib/xalloc.h"
#include "opts.h"
#include "store/store.h"
#include "track/track.h"
#include "track/workaround.h"

/* The first NFIELDS are the entry's fields, named as workaround_set's. */
static const struct opt wa_opts[] = {
	{ "description", true }, { "harm", true }, { "frequency", true },
	{ "observed", true }, { "reporter", true }, { "kind", true },
	{ "setting", true }, { "status", true }, { "json", false },
	{ "min-risk", true },
	{ NULL, false }
};
#define NFIELDS 8

static int64_t parse_id(const char *s)
{
	long v;

	if (cli_parse_long(s, 1, 2147483647L, &v))
		die(EXIT_USAGE, "'%s' is not a workaround id; see 'waymark "
		    "workaround list PROJECT'", s);
	return v;
}

/*
 * Set the fields given as options and find the setting; report and
 * return EXIT_BADINPUT on a bad value.
 */
static int apply(struct store *st, struct workaround *w, const struct opts *o,
		 bool is_new)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < NFIELDS && !rc; i++) {
		const char *name = wa_opts[i].name;
		if (o->value[i] && workaround_set(w, name, o->value[i], &err))
			rc = EXIT_BADINPUT;
	}
	if (!rc && is_new && workaround_missing(w, &err))
		rc = EXIT_BADINPUT;
	if (!rc) {
		int r = workaround_resolve(st, w, &err);
		if (r < 0)
			die(EXIT_INTERNAL, "%s", store_error(st));
		if (r)
			rc = EXIT_BADINPUT;
	}
	if (rc)
		error("%s", err.buf);
	sb_release(&err);
	return rc;
}

/* The entry named by the second operand; exits 4 if there is none. */
static void load(struct store *st, const struct project *p, const char *id,
		 struct workaround *w)
{
	int rc = store_workaround_get(st, p->id, parse_id(id), w);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no workaround %s", p->name,
		    id);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static void show_text(const struct workaround *w)
{
	int risk = workaround_risk(w->harm, w->frequency);

	printf("%s %lld\n", w->kind, (long long)w->id);
	printf("  status:     %s\n", w->status);
	printf("  risk:       %d (%s): %s\n", risk, risk_name(risk),
	       risk_action(risk));
	printf("  harm:       %lld (%s)\n", (long long)w->harm,
	       harm_name(w->harm));
	printf("  frequency:  %lld (%s)\n", (long long)w->frequency,
	       frequency_name(w->frequency));
	printf("  setting:    %s\n", *w->setting_name ? w->setting_name : "-");
	printf("  observed:   %s by %s\n", w->observed, w->reporter);
	printf("  recorded:   %s, last changed %s\n", w->created, w->updated);
	term_wrap(stdout, w->description, 2, 2, term_width());
}

static int wa_add(struct store *st, struct project *p, struct opts *o)
{
	struct workaround w;
	char today[11];
	int rc;

	if (o->argc != 1)
		return cli_usage_error("workaround", "'workaround add' takes a "
				       "project");
	workaround_init(&w);
	w.project = p->id;
	track_date_format(track_today(), today);
	free(w.observed);
	w.observed = xstrdup(today);
	rc = apply(st, &w, o, true);
	if (!rc && store_workaround_add(st, &w))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!rc) {
		if (opt_flag(wa_opts, o, "json"))
			cli_print_json(workaround_json(&w));
		else
			printf("added %s %lld to '%s' (risk %d, %s)\n", w.kind,
			       (long long)w.id, p->name,
			       workaround_risk(w.harm, w.frequency),
			       risk_name(workaround_risk(w.harm, w.frequency)));
	}
	store_workaround_release(&w);
	return rc;
}

/* A table of entries v[order[i]] (order NULL: all of v in turn). */
static void print_table(const struct workaround *v, const size_t *order,
			size_t n, bool ranked)
{
	static const char *const all[] = {
		"ID", "RISK", "HARM", "FREQ", "STATUS", "KIND", "OBSERVED",
		"SETTING", "DESCRIPTION"
	};
	static const char *const first[] = {
		"#", "ID", "RISK", "HARM", "FREQ", "STATUS", "OBSERVED",
		"SETTING", "DESCRIPTION"
	};
	struct table *t = table_new(9, ranked ? first : all);

	for (size_t k = 0; k < n; k++) {
		const struct workaround *w = &v[order ? order[k] : k];
		int risk = workaround_risk(w->harm, w->frequency);
		table_row(t);
		if (ranked)
			table_cellf(t, "%zu", k + 1);
		table_cellf(t, "%lld", (long long)w->id);
		table_cellf(t, "%d %s", risk, risk_name(risk));
		table_cellf(t, "%lld", (long long)w->harm);
		table_cellf(t, "%lld", (long long)w->frequency);
		table_cell(t, w->status);
		if (!ranked)
			table_cell(t, w->kind);
		table_cell(t, w->observed);
		table_cell(t, *w->setting_name ? w->setting_name : "-");
		table_cell(t, w->description);
	}
	table_print(t, stdout);
	table_free(t);
}

static int wa_list(struct store *st, struct project *p, struct opts *o)
{
	struct workaround_filter f = {
		opt_get(wa_opts, o, "kind"), opt_get(wa_opts, o, "status"),
		opt_get(wa_opts, o, "setting"), 0
	};
	const char *min = opt_get(wa_opts, o, "min-risk");
	struct strbuf err = STRBUF_INIT;
	struct workaround *v;
	size_t n, m = 0, *order;
	long risk = 0;

	if (o->argc != 1)
		return cli_usage_error("workaround", "'workaround list' takes a "
				       "project");
	if (min && cli_parse_long(min, 1, WA_LEVELS, &risk))
		return cli_usage_error("workaround", "--min-risk: expected a "
				       "rating from 1 to %d", WA_LEVELS);
	f.min_risk = risk;
	if (workaround_filter_check(&f, &err)) {
		error("%s", err.buf);
		sb_release(&err);
		return EXIT_BADINPUT;
	}
	if (store_workarounds(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	order = xcalloc(n + 1, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		if (workaround_matches(&v[i], &f))
			order[m++] = i;
	if (opt_flag(wa_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t k = 0; k < m; k++)
			json_array_append_new(a, workaround_json(&v[order[k]]));
		cli_print_json(a);
	} else {
		print_table(v, order, m, false);
	}
	free(order);
	store_workarounds_free(v, n);
	return 0;
}

static int wa_fix_first(struct store *st, struct project *p, struct opts *o)
{
	struct workaround *v;
	size_t n, m, *order;

	if (o->argc != 1)
		return cli_usage_error("workaround", "'workaround fix-first' takes "
				       "a project");
	if (store_workarounds(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	order = xcalloc(n + 1, sizeof(*order));
	m = workaround_fix_first(v, n, order);
	if (opt_flag(wa_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t k = 0; k < m; k++) {
			json_t *e = workaround_json(&v[order[k]]);
			json_object_set_new(e, "rank", json_integer((json_int_t)k + 1));
			json_array_append_new(a, e);
		}
		cli_print_json(a);
	} else if (!m) {
		printf("nothing open in '%s': no workaround or mismatch to fix\n",
		       p->name);
	} else {
		print_table(v, order, m, true);
	}
	free(order);
	store_workarounds_free(v, n);
	return 0;
}

static int wa_show(struct store *st, struct project *p, struct opts *o)
{
	struct workaround w;

	if (o->argc != 2)
		return cli_usage_error("workaround", "'workaround show' takes a "
				       "project and an id");
	load(st, p, o->argv[1], &w);
	if (opt_flag(wa_opts, o, "json"))
		cli_print_json(workaround_json(&w));
	else
		show_text(&w);
	store_workaround_release(&w);
	return 0;
}

static int wa_edit(struct store *st, struct project *p, struct opts *o)
{
	struct workaround w;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("workaround", "'workaround edit' takes a "
				       "project and an id");
	load(st, p, o->argv[1], &w);
	rc = apply(st, &w, o, false);
	if (!rc && store_workaround_update(st, &w))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!rc) {
		if (opt_flag(wa_opts, o, "json"))
			cli_print_json(workaround_json(&w));
		else
			printf("saved %s %lld (risk %d, %s; %s)\n", w.kind,
			       (long long)w.id, workaround_risk(w.harm, w.frequency),
			       risk_name(workaround_risk(w.harm, w.frequency)),
			       w.status);
	}
	store_workaround_release(&w);
	return rc;
}

static int wa_rm(struct store *st, struct project *p, struct opts *o)
{
	int64_t id;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("workaround", "'workaround rm' takes a "
				       "project and an id");
	id = parse_id(o->argv[1]);
	rc = store_workaround_delete(st, p->id, id);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no workaround %s", p->name,
		    o->argv[1]);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed workaround %lld\n", (long long)id);
	return 0;
}

static int wa_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "workaround", "workarounds");
}

int cmd_workaround(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", wa_add }, { "list", wa_list }, { "show", wa_show },
		{ "edit", wa_edit }, { "rm", wa_rm }, { "import", wa_import },
		{ "fix-first", wa_fix_first },
	};

	return cli_project_action("workaround", argc, argv, wa_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
