/* org.c: 'waymark org': organisations, their users and their projects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "opts.h"
#include "store/store.h"

static const struct opt org_opts[] = {
	{ "title", true }, { "json", false },
	{ NULL, false }
};

int64_t cli_get_org(struct store *st, const char *name)
{
	struct organisation o;
	int64_t id;
	int rc;

	if (!strcmp(name, "none"))
		return 0;
	rc = store_org_get(st, name, &o);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "no organisation '%s'; see 'waymark org list'",
		    name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	id = o.id;
	store_org_release(&o);
	return id;
}

static json_t *org_json(const struct organisation *o)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)o->id,
			 "name", o->name, "title", o->title,
			 "created", o->created);
}

static int org_add(struct store *st, struct opts *o)
{
	struct strbuf err = STRBUF_INIT;
	struct organisation org = { 0 };
	int rc;

	if (o->argc != 1)
		return cli_usage_error("org", "add: expected one short name");
	org.name = o->argv[0];
	org.title = (char *)opt_get(org_opts, o, "title");
	if (org_check(org.name, org.title, &err)) {
		error("%s", err.buf);
		sb_release(&err);
		return EXIT_BADINPUT;
	}
	rc = store_org_add(st, &org);
	if (rc == STORE_CONFLICT)
		die(EXIT_BADINPUT, "an organisation '%s' exists already",
		    org.name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("added organisation '%s' (id %lld)\n", org.name,
	       (long long)org.id);
	free(org.created);
	return 0;
}

static int org_list(struct store *st, struct opts *o)
{
	struct organisation *v;
	size_t n;

	if (o->argc)
		return cli_usage_error("org", "list: takes no arguments");
	if (store_org_list(st, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(org_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, org_json(&v[i]));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-20s %s\n", v[i].name, v[i].title);
	}
	store_orgs_free(v, n);
	return 0;
}

static int org_show(struct store *st, struct opts *o)
{
	struct organisation org;
	struct user_org *u;
	struct project *p;
	size_t nu, np;

	if (o->argc != 1)
		return cli_usage_error("org", "show: expected one organisation");
	if (store_org_get_id(st, cli_get_org(st, o->argv[0]), &org))
		die(EXIT_NOTFOUND, "no organisation '%s'", o->argv[0]);
	if (store_org_users(st, org.id, &u, &nu) ||
	    store_org_projects(st, org.id, &p, &np))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(org_opts, o, "json")) {
		json_t *j = org_json(&org), *users = json_array(),
		       *projects = json_array();
		for (size_t i = 0; i < nu; i++)
			json_array_append_new(users, json_pack("{s:s, s:s, s:s}",
				"name", u[i].name, "display", u[i].display,
				"role", u[i].org_admin ? "org-admin" : "member"));
		for (size_t i = 0; i < np; i++)
			json_array_append_new(projects, json_pack("{s:s, s:s}",
				"name", p[i].name, "title", p[i].title));
		json_object_set_new(j, "users", users);
		json_object_set_new(j, "projects", projects);
		cli_print_json(j);
	} else {
		printf("%s  (%s)\n\nUsers:\n", org.title, org.name);
		for (size_t i = 0; i < nu; i++)
			printf("  %-20s %s%s\n", u[i].name, u[i].display,
			       u[i].org_admin ? " (org-admin)" : "");
		if (!nu)
			printf("  none\n");
		printf("Projects:\n");
		for (size_t i = 0; i < np; i++)
			printf("  %-20s %s\n", p[i].name, p[i].title);
		if (!np)
			printf("  none\n");
	}
	store_user_orgs_free(u, nu);
	store_projects_free(p, np);
	store_org_release(&org);
	return 0;
}

static int org_rm(struct store *st, struct opts *o)
{
	int64_t id;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("org", "rm: expected one organisation");
	if (!strcmp(o->argv[0], "none"))
		return cli_usage_error("org", "rm: expected an organisation, "
				       "not 'none'");
	id = cli_get_org(st, o->argv[0]);
	rc = store_org_delete(st, id);
	if (rc == STORE_CONFLICT)
		die(EXIT_BADINPUT, "organisation '%s' still has users or "
		    "projects; move them first (see 'waymark org show %s')",
		    o->argv[0], o->argv[0]);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed organisation '%s'\n", o->argv[0]);
	return 0;
}

int cmd_org(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct store *st, struct opts *o);
	} actions[] = {
		{ "add", org_add }, { "list", org_list },
		{ "show", org_show }, { "rm", org_rm },
	};
	struct opts o;
	int rc;

	if (argc < 2)
		return cli_usage_error("org", "expected an action: add, list, "
				       "show or rm");
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++) {
		if (strcmp(argv[1], actions[i].name))
			continue;
		rc = cli_parse("org", argc - 1, argv + 1, org_opts, &o);
		if (rc)
			return rc == 1 ? 0 : rc;
		return actions[i].fn(cli_store(), &o);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(cli_find("org"));
	return cli_usage_error("org", "unknown action '%s'", argv[1]);
}
