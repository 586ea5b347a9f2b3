/* setting.c: 'waymark setting': the settings that must take part in a rollout. */
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

static const struct opt setting_opts[] = {
	{ "name", true }, { "type", true }, { "parent", true },
	{ "it-system", true }, { "json", false },
	{ NULL, false }
};

/* The options as changes to a setting (NULL where not given). */
static struct setting_change change_of(const struct opts *o)
{
	return (struct setting_change){
		opt_get(setting_opts, o, "name"), opt_get(setting_opts, o, "type"),
		opt_get(setting_opts, o, "parent"),
		opt_get(setting_opts, o, "it-system"),
	};
}

/* Find setting name of p; exits 4 if there is none. */
static void get_setting(struct store *st, const struct project *p,
			const char *name, struct setting *s)
{
	int rc = store_setting_get(st, p->id, name, s);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no setting '%s'; see "
		    "'waymark setting list %s'", p->name, name, p->name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static int st_add(struct store *st, struct project *p, struct opts *o)
{
	struct setting_change c = change_of(o);
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	int rc = 0;

	if (o->argc != 1)
		return cli_usage_error("setting", "'setting add' takes a project");
	if (!c.name || !c.type)
		return cli_usage_error("setting", "'setting add' needs --name "
				       "and --type");
	setting_init(&s);
	s.project = p->id;
	if (setting_set(&s, "name", c.name, &err) ||
	    setting_set(&s, "type", c.type, &err) ||
	    (c.parent && setting_set(&s, "parent", c.parent, &err)) ||
	    (c.it_system && setting_set(&s, "it_system", c.it_system, &err)))
		rc = TRACK_BAD;
	else
		rc = track_setting_add(st, &s, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("added setting '%s' (%s) to '%s'\n", s.name, s.type, p->name);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}

static int st_edit(struct store *st, struct project *p, struct opts *o)
{
	struct setting_change c = change_of(o);
	struct strbuf err = STRBUF_INIT;
	struct setting s, after;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("setting", "'setting edit' takes a project "
				       "and a setting");
	if (!c.name && !c.type && !c.parent && !c.it_system)
		return cli_usage_error("setting", "'setting edit' needs at least "
				       "one of --name, --type, --parent and "
				       "--it-system");
	get_setting(st, p, o->argv[1], &s);
	rc = track_setting_edit(st, p->id, s.id, &c, NULL, &after, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("saved setting '%s' (%s) in '%s'\n", after.name,
		       after.type, p->name);
	store_setting_release(&after);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}

static int st_rm(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("setting", "'setting rm' takes a project "
				       "and a setting");
	get_setting(st, p, o->argv[1], &s);
	rc = track_setting_remove(st, p->id, s.id, NULL, &err);
	rc = cli_track_result(st, rc, &err);
	if (!rc)
		printf("removed setting '%s' from '%s'\n", s.name, p->name);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}

/* Setting i's tools joined by ", " into out. */
static void tools_text(const struct track_data *t, size_t i, struct strbuf *out)
{
	sb_reset(out);
	for (size_t j = t->tool_at[i]; j < t->tool_at[i + 1]; j++)
		sb_addf(out, "%s%s", j > t->tool_at[i] ? ", " : "",
			t->tools[j].tool);
}

static int st_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"NAME", "TYPE", "PARENT", "IT SYSTEM", "MILESTONE", "DATE", "TOOLS"
	};
	struct strbuf tools = STRBUF_INIT;
	struct track_data t;

	if (o->argc != 1)
		return cli_usage_error("setting", "'setting list' takes a project");
	if (track_load(st, p->id, &t))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(setting_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < t.n; i++)
			json_array_append_new(a, track_setting_json(&t, i));
		cli_print_json(a);
	} else {
		struct table *tb = table_new(7, head);
		for (size_t i = 0; i < t.n; i++) {
			const struct setting *s = &t.settings[i];
			long last = -1;
			char day[11] = "";
			for (size_t k = 0; k < t.nmilestones; k++)
				if (t.ts[i].reached[k] != TRACK_NEVER)
					last = (long)k;
			if (last >= 0)
				track_date_format(t.ts[i].reached[last], day);
			tools_text(&t, i, &tools);
			table_row(tb);
			table_cell(tb, s->name);
			table_cell(tb, s->type);
			table_cell(tb, s->parent);
			table_cell(tb, s->it_system);
			table_cell(tb, last >= 0 ? t.milestones[last].id : "-");
			table_cell(tb, day);
			table_cell(tb, tools.buf);
		}
		table_print(tb, stdout);
		table_free(tb);
	}
	sb_release(&tools);
	track_data_release(&t);
	return 0;
}

static int st_show(struct store *st, struct project *p, struct opts *o)
{
	struct strbuf tools = STRBUF_INIT;
	struct track_data t;
	long i;

	if (o->argc != 2)
		return cli_usage_error("setting", "'setting show' takes a project "
				       "and a setting");
	if (track_load(st, p->id, &t))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if ((i = setting_find(t.settings, t.n, o->argv[1])) < 0)
		die(EXIT_NOTFOUND, "project '%s' has no setting '%s'; see "
		    "'waymark setting list %s'", p->name, o->argv[1], p->name);
	if (opt_flag(setting_opts, o, "json")) {
		cli_print_json(track_setting_json(&t, (size_t)i));
	} else {
		const struct setting *s = &t.settings[i];
		tools_text(&t, (size_t)i, &tools);
		printf("name:       %s\ntype:       %s\nparent:     %s\n"
		       "it system:  %s\ntools:      %s\nmilestones:\n", s->name,
		       s->type, *s->parent ? s->parent : "-",
		       *s->it_system ? s->it_system : "-",
		       tools.len ? tools.buf : "-");
		for (size_t k = 0; k < t.nmilestones; k++) {
			char day[11] = "-";
			if (t.ts[i].reached[k] != TRACK_NEVER)
				track_date_format(t.ts[i].reached[k], day);
			printf("  %-12s %s\n", t.milestones[k].id, day);
		}
	}
	sb_release(&tools);
	track_data_release(&t);
	return 0;
}

static int st_import(struct store *st, struct project *p, struct opts *o)
{
	return cli_track_import(st, p, o, "setting", "settings");
}

/* 'setting tool add|rm PROJECT SETTING TOOL' */
static int tool_change(struct store *st, struct project *p, struct opts *o,
		       bool add)
{
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	int rc;

	if (o->argc != 3)
		return cli_usage_error("setting", "'setting tool %s' takes a "
				       "project, a setting and a tool",
				       add ? "add" : "rm");
	if (tool_check(o->argv[2], &err)) {
		rc = cli_track_result(st, TRACK_BAD, &err);
		sb_release(&err);
		return rc;
	}
	get_setting(st, p, o->argv[1], &s);
	rc = add ? store_setting_tool_add(st, p->id, s.id, o->argv[2]) :
	     store_setting_tool_remove(st, p->id, s.id, o->argv[2]);
	if (rc == STORE_CONFLICT)
		sb_addf(&err, "tool: '%s' uses '%s' already", s.name, o->argv[2]);
	else if (rc == STORE_NOTFOUND)
		sb_addf(&err, "tool: '%s' does not use '%s'", s.name, o->argv[2]);
	rc = cli_track_result(st, rc == STORE_CONFLICT ? TRACK_BAD : rc, &err);
	if (!rc)
		printf("%s '%s' %s '%s'\n", add ? "added" : "removed",
		       o->argv[2], add ? "to" : "from", s.name);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}

static int tool_add(struct store *st, struct project *p, struct opts *o)
{
	return tool_change(st, p, o, true);
}

static int tool_rm(struct store *st, struct project *p, struct opts *o)
{
	return tool_change(st, p, o, false);
}

int cmd_setting(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", st_add }, { "list", st_list }, { "import", st_import },
		{ "edit", st_edit }, { "rm", st_rm }, { "show", st_show },
	};
	static const struct project_action tool_actions[] = {
		{ "add", tool_add }, { "rm", tool_rm },
	};

	if (argc >= 2 && !strcmp(argv[1], "tool")) {
		if (argc < 3)
			return cli_usage_error("setting", "'setting tool' needs "
					       "add or rm");
		return cli_project_action("setting", argc - 1, argv + 1,
					  setting_opts, tool_actions, 2);
	}
	return cli_project_action("setting", argc, argv, setting_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
