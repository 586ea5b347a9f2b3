/* stakeholder.c: 'waymark stakeholder': the people of a project. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "assess/stakeholder_csv.h"
#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "store/store.h"

static const struct opt stakeholder_opts[] = {
	{ "name", true }, { "group", true }, { "organisation", true },
	{ "power", true }, { "interest", true }, { "attitude", true },
	{ "json", false }, { "skip-bad", false },
	{ NULL, false }
};
#define NFIELDS 6

static int stakeholder_import(struct store *st, struct project *p,
			      struct opts *o);

/* Apply the options given; report and return 3 on a bad value. */
static int apply(struct store *st, const struct project *p,
		 struct stakeholder *s, const struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < NFIELDS && !rc; i++)
		if (o->value[i] && stakeholder_set(s, stakeholder_opts[i].name,
						   o->value[i], &err))
			rc = EXIT_BADINPUT;
	if (!rc && project_check_group(st, p, s->grp, &err))
		rc = EXIT_BADINPUT;
	if (rc)
		error("%s", err.buf);
	sb_release(&err);
	return rc;
}

static int64_t parse_id(const char *s)
{
	long v;

	if (cli_parse_long(s, 1, 2147483647L, &v))
		die(EXIT_USAGE, "'%s' is not a stakeholder id; see 'waymark "
		    "stakeholder list PROJECT'", s);
	return v;
}

static int sh_add(struct store *st, struct project *p, struct opts *o)
{
	struct stakeholder s;
	int rc;

	if (!o->value[0] || !o->value[1])
		return cli_usage_error("stakeholder", "'stakeholder add' needs "
				       "--name and --group");
	stakeholder_init(&s);
	s.project_id = p->id;
	rc = apply(st, p, &s, o);
	if (!rc && store_stakeholder_add(st, &s))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!rc) {
		if (opt_flag(stakeholder_opts, o, "json"))
			cli_print_json(stakeholder_json(&s));
		else
			printf("added stakeholder %lld to '%s'\n",
			       (long long)s.id, p->name);
	}
	stakeholder_release(&s);
	return rc;
}

static int sh_list(struct store *st, struct project *p, struct opts *o)
{
	static const char *const head[] = {
		"ID", "GROUP", "POWER", "INTEREST", "ATTITUDE", "ORGANISATION",
		"NAME"
	};
	struct stakeholder *v;
	size_t n;

	if (store_stakeholder_list(st, p->id, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(stakeholder_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, stakeholder_json(&v[i]));
		cli_print_json(a);
	} else {
		struct table *t = table_new(7, head);
		for (size_t i = 0; i < n; i++) {
			table_row(t);
			table_cellf(t, "%lld", (long long)v[i].id);
			table_cell(t, v[i].grp);
			table_cellf(t, "%lld", (long long)v[i].power);
			table_cellf(t, "%lld", (long long)v[i].interest);
			table_cell(t, v[i].attitude);
			table_cell(t, v[i].organisation);
			table_cell(t, v[i].name);
		}
		table_print(t, stdout);
		table_free(t);
	}
	store_stakeholders_free(v, n);
	return 0;
}

static int sh_edit(struct store *st, struct project *p, struct opts *o)
{
	struct stakeholder s;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("stakeholder", "'stakeholder edit' takes a "
				       "project and a stakeholder id");
	rc = store_stakeholder_get(st, p->id, parse_id(o->argv[1]), &s);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no stakeholder %s", p->name,
		    o->argv[1]);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	rc = apply(st, p, &s, o);
	if (!rc && store_stakeholder_update(st, &s))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!rc)
		printf("saved stakeholder %lld\n", (long long)s.id);
	stakeholder_release(&s);
	return rc;
}

static int sh_rm(struct store *st, struct project *p, struct opts *o)
{
	int64_t id;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("stakeholder", "'stakeholder rm' takes a "
				       "project and a stakeholder id");
	id = parse_id(o->argv[1]);
	rc = store_stakeholder_delete(st, p->id, id);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no stakeholder %s", p->name,
		    o->argv[1]);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed stakeholder %lld\n", (long long)id);
	return 0;
}

static int stakeholder_import(struct store *st, struct project *p,
			      struct opts *o)
{
	bool skip = opt_flag(stakeholder_opts, o, "skip-bad");
	struct stakeholder_rows rows;
	struct diags d;
	struct strbuf data = STRBUF_INIT, err = STRBUF_INIT;
	size_t added = 0;
	int rc;

	if (o->argc != 2)
		return cli_usage_error("stakeholder", "'stakeholder import' takes "
				       "a project and a CSV file");
	if ((rc = cli_read_file(o->argv[1], &data)))
		return rc;
	diags_init(&d);
	rc = stakeholders_parse_csv(o->argv[1], data.buf, data.len, &rows, &d);
	/* groups are the project's: check them against the store */
	for (size_t i = 0; rc == 0 && i < rows.n; i++) {
		if (!*rows.v[i].grp)
			continue;
		sb_reset(&err);
		if (project_check_group(st, p, rows.v[i].grp, &err))
			diag_add(&d, o->argv[1], rows.line[i], 0, NULL, (long)i,
				 "%s", err.buf);
	}
	rc = cli_import_verdict(&d, rc, skip);
	for (size_t i = 0; rc == 0 && i < rows.n; i++) {
		if (diag_record_bad(&d, (long)i))
			continue;
		rows.v[i].project_id = p->id;
		if (store_stakeholder_add(st, &rows.v[i]))
			die(EXIT_INTERNAL, "%s", store_error(st));
		added++;
	}
	if (rc == 0)
		printf("imported %zu stakeholder%s into '%s'%s\n", added,
		       added == 1 ? "" : "s", p->name,
		       rows.n > added ? " (bad rows skipped, listed above)" : "");
	stakeholder_rows_release(&rows);
	diags_release(&d);
	sb_release(&data);
	sb_release(&err);
	return rc;
}

int cmd_stakeholder(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "add", sh_add }, { "list", sh_list }, { "edit", sh_edit },
		{ "rm", sh_rm }, { "import", stakeholder_import },
	};

	return cli_project_action("stakeholder", argc, argv, stakeholder_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
