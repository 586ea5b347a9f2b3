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

/* A setting as JSON, with the days it reached milestones (docs/json.md). */
static json_t *setting_json(const struct track_data *t, size_t i)
{
	const struct setting *s = &t->settings[i];
	json_t *o = json_object(), *m = json_object();
	char day[11];

	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "name", json_string(s->name));
	json_object_set_new(o, "type", json_string(s->type));
	json_object_set_new(o, "parent", json_string(s->parent));
	json_object_set_new(o, "it_system", json_string(s->it_system));
	json_object_set_new(o, "created", json_string(s->created));
	for (size_t k = 0; k < t->nmilestones; k++) {
		if (t->ts[i].reached[k] == TRACK_NEVER)
			continue;
		track_date_format(t->ts[i].reached[k], day);
		json_object_set_new(m, t->milestones[k].id, json_string(day));
	}
	json_object_set_new(o, "milestones", m);
	return o;
}

static int st_add(struct store *st, struct project *p, struct opts *o)
{
	static const char *const fields[] = { "name", "type", "parent",
					      "it_system" };
	struct strbuf err = STRBUF_INIT;
	struct setting s, parent;
	int rc = 0;

	if (o->argc != 1)
		return cli_usage_error("setting", "'setting add' takes a project");
	if (!o->value[0] || !o->value[1])
		return cli_usage_error("setting", "'setting add' needs --name "
				       "and --type");
	setting_init(&s);
	s.project = p->id;
	for (size_t i = 0; i < 4 && !rc; i++)
		if (o->value[i] && setting_set(&s, fields[i], o->value[i], &err))
			rc = EXIT_BADINPUT;
	if (!rc && *s.parent) {
		int prc = store_setting_get(st, p->id, s.parent, &parent);
		if (prc == STORE_NOTFOUND) {
			sb_addf(&err, "parent: project '%s' has no setting '%s'",
				p->name, s.parent);
			rc = EXIT_BADINPUT;
		} else if (prc) {
			die(EXIT_INTERNAL, "%s", store_error(st));
		} else {
			store_setting_release(&parent);
		}
	}
	if (!rc) {
		int arc = store_setting_add(st, &s);
		if (arc == STORE_CONFLICT) {
			sb_addf(&err, "name: project '%s' has a setting '%s' already",
				p->name, s.name);
			rc = EXIT_BADINPUT;
		} else if (arc) {
			die(EXIT_INTERNAL, "%s", store_error(st));
		}
	}
	if (rc)
		error("%s", err.buf);
	else
		printf("added setting '%s' (%s) to '%s'\n", s.name, s.type, p->name);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}

static int st_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"NAME", "TYPE", "PARENT", "IT SYSTEM", "MILESTONE", "DATE"
	};
	struct track_data t;

	if (o->argc != 1)
		return cli_usage_error("setting", "'setting list' takes a project");
	if (track_load(st, p->id, &t))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(setting_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < t.n; i++)
			json_array_append_new(a, setting_json(&t, i));
		cli_print_json(a);
	} else {
		struct table *tb = table_new(6, head);
		for (size_t i = 0; i < t.n; i++) {
			const struct setting *s = &t.settings[i];
			long last = -1;
			char day[11] = "";
			for (size_t k = 0; k < t.nmilestones; k++)
				if (t.ts[i].reached[k] != TRACK_NEVER)
					last = (long)k;
			if (last >= 0)
				track_date_format(t.ts[i].reached[last], day);
			table_row(tb);
			table_cell(tb, s->name);
			table_cell(tb, s->type);
			table_cell(tb, s->parent);
			table_cell(tb, s->it_system);
			table_cell(tb, last >= 0 ? t.milestones[last].id : "-");
			table_cell(tb, day);
		}
		table_print(tb, stdout);
		table_free(tb);
	}
	track_data_release(&t);
	return 0;
}

static int st_import(struct store *st, struct project *p, struct opts *o)
{
	struct setting_rows rows;
	struct setting *existing;
	size_t nexisting;
	struct diags d;
	struct strbuf data = STRBUF_INIT;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("setting", "'setting import' takes a "
				       "project and a CSV file");
	if ((rc = cli_read_file(o->argv[1], &data)))
		return rc;
	if (store_settings(st, p->id, &existing, &nexisting))
		die(EXIT_INTERNAL, "%s", store_error(st));
	diags_init(&d);
	rc = settings_parse_csv(o->argv[1], data.buf, data.len, existing,
				nexisting, &rows, &d);
	/* no --skip-bad here: a bad record always stops the import */
	rc = cli_import_verdict(&d, rc || d.n ? -1 : 0, false);
	if (rc == 0) {
		int arc = store_settings_add(st, p->id, rows.v, rows.n);
		if (arc)
			die(EXIT_INTERNAL, "%s", store_error(st));
		printf("imported %zu setting%s into '%s'\n", rows.n,
		       rows.n == 1 ? "" : "s", p->name);
	}
	setting_rows_release(&rows);
	store_settings_free(existing, nexisting);
	diags_release(&d);
	sb_release(&data);
	return rc;
}

int cmd_setting(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", st_add }, { "list", st_list }, { "import", st_import },
	};

	return cli_project_action("setting", argc, argv, setting_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
