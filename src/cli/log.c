/* log.c: 'waymark log': the barrier and enabler log of a deployment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kb/kb.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "store/store.h"
#include "track/log.h"
#include "track/track.h"

/* The first LOG_NFIELDS options are the fields, in log_fields' order. */
static const struct opt log_opts[] = {
	{ "date", true }, { "reporter", true }, { "text", true },
	{ "kind", true }, { "severity", true }, { "status", true },
	{ "setting", true }, { "determinants", true }, { "actions", true },
	{ "json", false },
	{ NULL, false }
};

/* The entry id of operand i; exits 2 if it is not one. */
static int64_t entry_id(struct opts *o, int i)
{
	long id;

	if (cli_parse_long(o->argv[i], 1, 0x7fffffffL, &id))
		exit(cli_usage_error("log", "'%s' is not a log entry number",
				     o->argv[i]));
	return id;
}

/* Read entry id of p or exit 4. */
static void entry_get(struct store *st, struct project *p, int64_t id,
		      struct observation *ob)
{
	int rc = store_observation_get(st, p->id, id, ob);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no log entry %lld", p->name,
		    (long long)id);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

/* Apply the options to ob; report and return EXIT_BADINPUT if bad. */
static int apply(struct store *st, struct observation *ob, const char **values)
{
	struct strbuf err = STRBUF_INIT;
	int rc = observation_apply(cli_kb(), st, ob, values, track_today(), &err);

	if (rc < 0)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (rc)
		error("%s", err.buf);
	sb_release(&err);
	return rc ? EXIT_BADINPUT : 0;
}

static void print_entry(const struct observation *ob, bool json)
{
	if (json) {
		cli_print_json(observation_json(ob));
		return;
	}
	printf("entry %lld: %s, severity %s, %s\n", (long long)ob->id, ob->kind,
	       log_severity[ob->severity], ob->status);
	printf("date:         %s\n", ob->observed);
	printf("reporter:     %s\n", ob->reporter);
	printf("setting:      %s\n", ob->setting_name ? ob->setting_name : "-");
	printf("determinants:");
	for (size_t i = 0; i < ob->ndeterminants; i++) {
		const struct kb_determinant *d = kb_determinant(cli_kb(),
							ob->determinants[i]);
		printf("%s %s (%s)", i ? "," : "", ob->determinants[i],
		       d ? d->title.s : "no longer in the evidence base");
	}
	printf("%s\nactions:     ", ob->ndeterminants ? "" : " -");
	for (size_t i = 0; i < ob->nactions; i++)
		printf("%s %s", i ? "," : "", ob->actions[i]);
	printf("%s\n\n", ob->nactions ? "" : " -");
	term_wrap(stdout, ob->text, 0, 0, term_width());
}

static int lg_add(struct store *st, struct project *p, struct opts *o)
{
	const char *values[LOG_NFIELDS];
	struct observation ob;
	char today[11];
	int rc;

	if (o->argc > 2 || (o->argc == 2 && o->value[LOG_TEXT]))
		return cli_usage_error("log", "'log add' takes a project and the "
				       "text (or --text)");
	if (o->argc < 2 && !o->value[LOG_TEXT])
		return cli_usage_error("log", "'log add' needs the text");
	if (!o->value[LOG_REPORTER])
		return cli_usage_error("log", "'log add' needs --reporter");
	memcpy(values, o->value, sizeof(values));
	if (o->argc == 2)
		values[LOG_TEXT] = o->argv[1];
	track_date_format(track_today(), today);
	if (!values[LOG_DATE])
		values[LOG_DATE] = today;
	observation_init(&ob);
	ob.project = p->id;
	if (!(rc = apply(st, &ob, values))) {
		if (store_observation_add(st, &ob))
			die(EXIT_INTERNAL, "%s", store_error(st));
		if (opt_flag(log_opts, o, "json"))
			print_entry(&ob, true);
		else
			printf("logged entry %lld (%s) in '%s'\n", (long long)ob.id,
			       ob.kind, p->name);
	}
	store_observation_release(&ob);
	return rc;
}

/* Check a filter's value against list; EXIT_BADINPUT if not in it. */
static int filter_ok(const char *opt, const char *v, const char *const *list)
{
	if (!v)
		return 0;
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], v))
			return 0;
	error("--%s: '%s' is not one of the log's %ss; see 'waymark log --help'",
	      opt, v, opt);
	return EXIT_BADINPUT;
}

static int lg_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"ID", "DATE", "KIND", "SEV", "STATUS", "SETTING", "DETERMINANTS",
		"TEXT"
	};
	const char *status = o->value[LOG_STATUS], *kind = o->value[LOG_KIND];
	struct observation *v;
	size_t n;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("log", "'log list' takes a project");
	for (size_t f = 0; f < LOG_NFIELDS; f++)
		if (o->value[f] && f != LOG_STATUS && f != LOG_KIND)
			return cli_usage_error("log", "'log list' filters by "
					       "--status and --kind only");
	if ((rc = filter_ok("status", status, log_statuses)) ||
	    (rc = filter_ok("kind", kind, log_kinds)))
		return rc;
	if (store_observations(st, p->id, status, kind, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(log_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, observation_json(&v[i]));
		cli_print_json(a);
	} else {
		struct table *t = table_new(8, head);
		for (size_t i = 0; i < n; i++) {
			struct strbuf dets = STRBUF_INIT;
			for (size_t k = 0; k < v[i].ndeterminants; k++)
				sb_addf(&dets, "%s%s", k ? " " : "",
					v[i].determinants[k]);
			table_row(t);
			table_cellf(t, "%lld", (long long)v[i].id);
			table_cell(t, v[i].observed);
			table_cell(t, v[i].kind);
			table_cellf(t, "%d", v[i].severity);
			table_cell(t, v[i].status);
			table_cell(t, v[i].setting_name ? v[i].setting_name : "-");
			table_cell(t, dets.len ? dets.buf : "-");
			table_cell(t, v[i].text);
			sb_release(&dets);
		}
		table_print(t, stdout);
		table_free(t);
	}
	store_observations_free(v, n);
	return 0;
}

static int lg_show(struct store *st, struct project *p, struct opts *o)
{
	struct observation ob;

	if (o->argc != 2)
		return cli_usage_error("log", "'log show' takes a project and an "
				       "entry number");
	entry_get(st, p, entry_id(o, 1), &ob);
	print_entry(&ob, opt_flag(log_opts, o, "json"));
	store_observation_release(&ob);
	return 0;
}

static int lg_edit(struct store *st, struct project *p, struct opts *o)
{
	struct observation ob;
	bool any = false;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("log", "'log edit' takes a project and an "
				       "entry number");
	for (size_t f = 0; f < LOG_NFIELDS; f++)
		any |= o->value[f] != NULL;
	if (!any)
		return cli_usage_error("log", "'log edit' needs a field to change, "
				       "e.g. --status closed");
	entry_get(st, p, entry_id(o, 1), &ob);
	if (!(rc = apply(st, &ob, o->value))) {
		if (store_observation_update(st, &ob))
			die(EXIT_INTERNAL, "%s", store_error(st));
		if (opt_flag(log_opts, o, "json"))
			print_entry(&ob, true);
		else
			printf("changed log entry %lld of '%s'\n", (long long)ob.id,
			       p->name);
	}
	store_observation_release(&ob);
	return rc;
}

static int lg_rm(struct store *st, struct project *p, struct opts *o)
{
	int64_t id;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("log", "'log rm' takes a project and an "
				       "entry number");
	id = entry_id(o, 1);
	rc = store_observation_delete(st, p->id, id);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no log entry %lld", p->name,
		    (long long)id);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed log entry %lld of '%s'\n", (long long)id, p->name);
	return 0;
}

static int lg_suggest(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = { "DETERMINANT", "SCORE", "WORDS" };
	struct log_suggestion *v;
	size_t n;

	(void)st;
	(void)p;
	if (o->argc != 2)
		return cli_usage_error("log", "'log suggest' takes a project and "
				       "a text");
	n = log_suggest(cli_kb(), o->argv[1], &v);
	if (opt_flag(log_opts, o, "json")) {
		cli_print_json(log_suggestions_json(v, n));
	} else if (!n) {
		printf("no determinant shares enough words with the text\n");
	} else {
		struct table *t = table_new(3, head);
		for (size_t i = 0; i < n; i++) {
			struct strbuf w = STRBUF_INIT;
			for (size_t k = 0; k < v[i].nwords; k++)
				sb_addf(&w, "%s%s", k ? ", " : "", v[i].words[k]);
			table_row(t);
			table_cell(t, v[i].det->id.s);
			table_cellf(t, "%.2f", v[i].score);
			table_cell(t, w.buf);
			sb_release(&w);
		}
		table_print(t, stdout);
		table_free(t);
	}
	log_suggestions_free(v, n);
	return 0;
}

static int lg_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "log", "log");
}

int cmd_log(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", lg_add }, { "list", lg_list }, { "show", lg_show },
		{ "edit", lg_edit }, { "rm", lg_rm }, { "suggest", lg_suggest },
		{ "import", lg_import },
	};

	return cli_project_action("log", argc, argv, log_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
