/* project.c: 'waymark project': create, list, show, edit and remove projects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "lib/xalloc.h"
#include "opts.h"
#include "store/store.h"

/* The project fields settable by option, named as in project_set(). */
static const struct opt field_opts[] = {
	{ "title", true }, { "technology", true }, { "care-settings", true },
	{ "sites", true }, { "staff", true }, { "settings", true },
	{ "partners", true }, { "devices", true }, { "adoption", true },
	{ "step", true }, { "notes", true }, { "anonymity", true },
	{ "platforms", true }, { "dedicated-staff", true },
	{ "name", true }, { "json", false }, { "yes", false },
	{ "add-group", true }, { "remove-group", true }, { "org", true },
	{ NULL, false }
};
#define NFIELDS 15	/* the first entries above are fields */

/* Apply every field option given; on a bad value report it and return 3. */
static int apply_fields(struct project *p, const struct opts *o)
{
	struct strbuf err = STRBUF_INIT;

	for (size_t i = 0; i < NFIELDS; i++) {
		if (!o->value[i])
			continue;
		if (project_set(p, field_opts[i].name, o->value[i], &err)) {
			error("%s", err.buf);
			sb_release(&err);
			return EXIT_BADINPUT;
		}
	}
	return 0;
}

/* Report the store's answer to saving p; returns the exit status. */
static int saved(struct store *st, int rc, const struct project *p,
		 const struct opts *o, const char *verb)
{
	if (rc == STORE_CONFLICT) {
		error("a project named '%s' exists already; choose another "
		      "short name", p->name);
		return EXIT_BADINPUT;
	}
	if (rc) {
		error("%s", store_error(st));
		return EXIT_INTERNAL;
	}
	if (opt_flag(field_opts, o, "json"))
		cli_print_json(project_json(p));
	else
		printf("%s project '%s' (id %lld)\n", verb, p->name,
		       (long long)p->id);
	return 0;
}

void cli_get_project(struct store *st, const char *key, struct project *p)
{
	int rc = store_project_get(st, key, p);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "no project '%s'; see 'waymark project list'",
		    key);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

/* Add p, in the organisation --org names if it is given. */
static int add_in_org(struct store *st, struct project *p,
		      const struct opts *o)
{
	const char *org = opt_get(field_opts, o, "org");
	int64_t id = org ? cli_get_org(st, org) : 0;
	int rc = store_project_add(st, p);

	return rc || !id ? rc : store_project_org_set(st, p->id, id);
}

/* Save p, and move it to the organisation --org names if it is given. */
static int update_in_org(struct store *st, struct project *p,
			 const struct opts *o)
{
	const char *org = opt_get(field_opts, o, "org");
	int64_t id = org ? cli_get_org(st, org) : 0;
	int rc = store_project_update(st, p);

	return rc || !org ? rc : store_project_org_set(st, p->id, id);
}

static int project_new(struct opts *o)
{
	struct store *st;
	struct project p;
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("project", "'project new' takes one short "
				       "name, e.g. 'waymark project new ward-app'");
	project_init(&p, o->argv[0]);
	if (project_set(&p, "name", o->argv[0], &err)) {
		error("%s", err.buf);
		sb_release(&err);
		project_release(&p);
		return EXIT_BADINPUT;
	}
	rc = apply_fields(&p, o);
	if (rc)
		goto done;
	st = cli_store();
	rc = saved(st, add_in_org(st, &p, o), &p, o, "created");
done:
	project_release(&p);
	return rc;
}

static int project_list(struct opts *o)
{
	static const char *const head[] = { "ID", "NAME", "PHASE/STEP", "TITLE" };
	struct store *st = cli_store();
	struct project *v;
	size_t n;

	if (store_project_list(st, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(field_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, project_json(&v[i]));
		cli_print_json(a);
	} else if (!n) {
		fprintf(stderr, "no projects yet; create one with 'waymark "
			"project new NAME' or try 'waymark demo'\n");
	} else {
		struct table *t = table_new(4, head);
		for (size_t i = 0; i < n; i++) {
			table_row(t);
			table_cellf(t, "%lld", (long long)v[i].id);
			table_cell(t, v[i].name);
			table_cellf(t, "%s/%s", project_phase(v[i].step), v[i].step);
			table_cell(t, v[i].title);
		}
		table_print(t, stdout);
		table_free(t);
	}
	store_projects_free(v, n);
	return 0;
}

static void show_field(const char *label, const char *value)
{
	term_bold(stdout, label);
	printf("%*s", (int)(16 - strlen(label)), "");
	term_wrap_from(stdout, *value ? value : "-", 16, 16, term_width());
}

static int project_show(struct opts *o)
{
	struct store *st = cli_store();
	struct project p;
	struct group *g;
	struct stakeholder *sv;
	size_t ng, ns;
	struct strbuf sb = STRBUF_INIT;
	char *org;

	if (o->argc != 1)
		return cli_usage_error("project", "'project show' takes one project");
	cli_get_project(st, o->argv[0], &p);
	if (store_groups(st, p.id, &g, &ng) ||
	    store_stakeholder_list(st, p.id, &sv, &ns) ||
	    store_project_org_name(st, p.id, &org))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(field_opts, o, "json")) {
		json_t *j = project_json(&p), *groups = json_array();
		for (size_t i = 0; i < ng; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "id", json_string(g[i].id));
			json_object_set_new(x, "title", json_string(g[i].title));
			json_array_append_new(groups, x);
		}
		json_object_set_new(j, "groups", groups);
		json_object_set_new(j, "stakeholders", json_integer((json_int_t)ns));
		json_object_set_new(j, "organisation", org ?
				    json_string(org) : json_null());
		cli_print_json(j);
	} else {
		term_bold(stdout, p.title);
		printf("  (%s, id %lld)\n\n", p.name, (long long)p.id);
		show_field("Organisation", org ? org : "none");
		show_field("Technology", p.technology);
		show_field("Care settings", p.care_settings);
		sb_addf(&sb, "%lld sites, %lld staff, %lld settings must take part",
			(long long)p.sites, (long long)p.staff,
			(long long)p.settings);
		show_field("Scale", sb.buf);
		show_field("Partners", *p.partners ? p.partners : "none");
		show_field("Devices", p.device_model);
		show_field("Platforms", p.platforms);
		sb_reset(&sb);
		sb_addf(&sb, "%lld people whose job is the implementation",
			(long long)p.dedicated_staff);
		show_field("Dedicated staff", sb.buf);
		show_field("Adoption", p.adoption);
		sb_reset(&sb);
		sb_addf(&sb, "%s, step %s", project_phase(p.step), p.step);
		show_field("Phase", sb.buf);
		sb_reset(&sb);
		sb_addf(&sb, "%zu", ns);
		show_field("Stakeholders", sb.buf);
		sb_reset(&sb);
		for (size_t i = 0; i < ng; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", g[i].id);
		show_field("Groups", sb.buf);
		sb_reset(&sb);
		sb_addf(&sb, "groups smaller than %lld are never shown",
			(long long)p.anonymity);
		show_field("Anonymity", sb.buf);
		show_field("Notes", p.notes);
	}
	sb_release(&sb);
	store_groups_free(g, ng);
	store_stakeholders_free(sv, ns);
	free(org);
	project_release(&p);
	return 0;
}

/* --add-group ID[:TITLE] and --remove-group ID */
static int edit_groups(struct store *st, const struct project *p,
		       const struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	const char *add = opt_get(field_opts, o, "add-group");
	const char *rm = opt_get(field_opts, o, "remove-group");
	int rc;

	if (add) {
		char *id = xstrdup(add), *title = strchr(id, ':');
		if (title)
			*title++ = '\0';
		if (!valid_slug(id)) {
			error("--add-group: '%s' is not a group id; use lower case "
			      "letters, digits and '-'", id);
			free(id);
			return EXIT_BADINPUT;
		}
		if (title && check_text("--add-group title", title, 200, false,
					&err)) {
			error("%s", err.buf);
			sb_release(&err);
			free(id);
			return EXIT_BADINPUT;
		}
		rc = store_group_add(st, p->id, id, title && *title ? title : id);
		if (rc == STORE_CONFLICT)
			error("the project has a group '%s' already", id);
		else if (rc)
			error("%s", store_error(st));
		free(id);
		if (rc)
			return rc == STORE_CONFLICT ? EXIT_BADINPUT : EXIT_INTERNAL;
	}
	if (rm) {
		rc = store_group_remove(st, p->id, rm);
		if (rc == STORE_NOTFOUND) {
			error("the project has no group '%s'", rm);
			return EXIT_NOTFOUND;
		}
		if (rc == STORE_CONFLICT) {
			error("group '%s' is still used by stakeholders or "
			      "responses; move them first", rm);
			return EXIT_BADINPUT;
		}
		if (rc) {
			error("%s", store_error(st));
			return EXIT_INTERNAL;
		}
	}
	return 0;
}

static int project_edit(struct opts *o)
{
	struct store *st = cli_store();
	struct project p;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("project", "'project edit' takes one project");
	cli_get_project(st, o->argv[0], &p);
	rc = apply_fields(&p, o);
	if (!rc)
		rc = edit_groups(st, &p, o);
	if (!rc)
		rc = saved(st, update_in_org(st, &p, o), &p, o, "saved");
	project_release(&p);
	return rc;
}

static int project_rm(struct opts *o)
{
	struct store *st = cli_store();
	struct project p;

	if (o->argc != 1)
		return cli_usage_error("project", "'project rm' takes one project");
	cli_get_project(st, o->argv[0], &p);
	if (!opt_flag(field_opts, o, "yes")) {
		error("'project rm' deletes '%s' with its stakeholders and "
		      "responses; add --yes to confirm", p.name);
		project_release(&p);
		return EXIT_USAGE;
	}
	if (store_project_delete(st, p.id))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("deleted project '%s'\n", p.name);
	project_release(&p);
	return 0;
}

int cmd_project(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct opts *o);
	} actions[] = {
		{ "new", project_new }, { "list", project_list },
		{ "show", project_show }, { "edit", project_edit },
		{ "rm", project_rm },
	};
	struct opts o;
	int rc;

	if (argc < 2)
		return cli_usage_error("project", "'project' needs an action");
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++) {
		if (strcmp(argv[1], actions[i].name))
			continue;
		rc = cli_parse("project", argc - 1, argv + 1, field_opts, &o);
		if (rc)
			return rc == 1 ? 0 : rc;
		return actions[i].fn(&o);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(cli_find("project"));
	return cli_usage_error("project", "no action '%s'", argv[1]);
}
