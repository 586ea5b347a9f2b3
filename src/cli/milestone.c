/* milestone.c: 'waymark milestone': the milestones and the days settings reach them. */
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

static const struct opt milestone_opts[] = {
	{ "json", false }, { "after", true }, { "first", false },
	{ "force", false },
	{ NULL, false }
};

static int ms_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = { "#", "ID", "TITLE" };
	struct group *v;
	size_t n;

	if (o->argc != 1)
		return cli_usage_error("milestone", "'milestone list' takes a "
				       "project");
	if (store_milestones(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(milestone_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *m = json_object();
			json_object_set_new(m, "id", json_string(v[i].id));
			json_object_set_new(m, "title", json_string(v[i].title));
			json_object_set_new(m, "position", json_integer((json_int_t)i + 1));
			json_array_append_new(a, m);
		}
		cli_print_json(a);
	} else {
		struct table *t = table_new(3, head);
		for (size_t i = 0; i < n; i++) {
			table_row(t);
			table_cellf(t, "%zu", i + 1);
			table_cell(t, v[i].id);
			table_cell(t, v[i].title);
		}
		table_print(t, stdout);
		table_free(t);
	}
	store_groups_free(v, n);
	return 0;
}

static int ms_set(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	struct group *v;
	size_t n, k;
	int32_t day;
	int rc;

	if (o->argc != 4)
		return cli_usage_error("milestone", "'milestone set' takes a "
				       "project, a setting, a milestone and a date");
	if (track_date_parse(o->argv[3], &day, &err)) {
		error("date: %s", err.buf);
		sb_release(&err);
		return EXIT_BADINPUT;
	}
	if (day > track_today()) {
		error("date: '%s' is after today; record a milestone once it is "
		      "reached", o->argv[3]);
		return EXIT_BADINPUT;
	}
	rc = store_setting_get(st, p->id, o->argv[1], &s);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no setting '%s'; see "
		    "'waymark setting list %s'", p->name, o->argv[1], p->name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (store_milestones(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	for (k = 0; k < n && strcmp(v[k].id, o->argv[2]); k++)
		;
	store_groups_free(v, n);
	if (k == n)
		die(EXIT_NOTFOUND, "project '%s' has no milestone '%s'; see "
		    "'waymark milestone list %s'", p->name, o->argv[2], p->name);
	if (store_milestone_set(st, p->id, s.id, o->argv[2], o->argv[3]))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("setting '%s' reached '%s' on %s\n", s.name, o->argv[2],
	       o->argv[3]);
	store_setting_release(&s);
	sb_release(&err);
	return 0;
}

static int ms_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "milestone", "milestones");
}

static int ms_add(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	const char *after = opt_get(milestone_opts, o, "after");
	int rc;

	if (o->argc != 3)
		return cli_usage_error("milestone", "'milestone add' takes a "
				       "project, an id and a title");
	rc = track_milestone_add(st, p->id, o->argv[1], o->argv[2], after, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("added milestone '%s' to '%s'\n", o->argv[1], p->name);
	sb_release(&err);
	return rc;
}

static int ms_rename(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (o->argc != 3)
		return cli_usage_error("milestone", "'milestone rename' takes a "
				       "project, an id and a title");
	rc = track_milestone_rename(st, p->id, o->argv[1], o->argv[2], &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("renamed milestone '%s' of '%s'\n", o->argv[1], p->name);
	sb_release(&err);
	return rc;
}

static int ms_move(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	const char *after = opt_get(milestone_opts, o, "after");
	bool first = opt_flag(milestone_opts, o, "first");
	int rc;

	if (o->argc != 2)
		return cli_usage_error("milestone", "'milestone move' takes a "
				       "project and an id");
	if (!after == !first)
		return cli_usage_error("milestone", "'milestone move' needs "
				       "either --after ID or --first");
	rc = track_milestone_move(st, p->id, o->argv[1], after, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("moved milestone '%s' of '%s'\n", o->argv[1], p->name);
	sb_release(&err);
	return rc;
}

static int ms_rm(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	int64_t removed;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("milestone", "'milestone rm' takes a "
				       "project and an id");
	rc = track_milestone_remove(st, p->id, o->argv[1],
				    opt_flag(milestone_opts, o, "force"),
				    &removed, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("removed milestone '%s' from '%s' (with %lld record%s of "
		       "it being reached)\n", o->argv[1], p->name,
		       (long long)removed, removed == 1 ? "" : "s");
	sb_release(&err);
	return rc;
}

int cmd_milestone(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "list", ms_list }, { "set", ms_set }, { "import", ms_import },
		{ "add", ms_add }, { "rename", ms_rename }, { "move", ms_move },
		{ "rm", ms_rm },
	};

	return cli_project_action("milestone", argc, argv, milestone_opts,
				  actions, sizeof(actions) / sizeof(*actions));
}
