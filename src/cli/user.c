/* user.c: 'waymark user': accounts of the web application. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "opts.h"

static const struct opt user_opts[] = {
	{ "display", true }, { "admin", false }, { "password-stdin", false },
	{ "label", true }, { "json", false }, { "yes", false },
	{ "org", true }, { "org-admin", false },
	{ NULL, false }
};

static const char *const role_names[] = {
	"none", "viewer", "contributor", "lead", NULL
};

/* A password read from the first line of standard input, or a new one. */
static char *get_password(const struct opts *o, bool *generated)
{
	char token[SECRET_TOKEN_LEN + 1];
	struct strbuf line = STRBUF_INIT;
	int c;

	*generated = !opt_flag(user_opts, o, "password-stdin");
	if (*generated) {
		secret_token(token);
		token[20] = '\0';	/* 120 random bits are plenty */
		return xstrdup(token);
	}
	while ((c = getchar()) != EOF && c != '\n')
		sb_addch(&line, c);
	if (line.len && line.buf[line.len - 1] == '\r')
		line.buf[--line.len] = '\0';
	return sb_detach(&line);
}

static void get_user(struct store *st, const char *name, struct user *u)
{
	int rc = store_user_get(st, name, u);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "no user '%s'", name);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static int user_add(struct store *st, struct opts *o)
{
	struct strbuf why = STRBUF_INIT;
	struct user u;
	bool generated;
	char *pw;
	int64_t org;
	int rc;

	if (o->argc != 1)
		return cli_usage_error("user", "add: expected one login name");
	if (opt_flag(user_opts, o, "org-admin") && !opt_get(user_opts, o, "org"))
		return cli_usage_error("user", "add: --org-admin needs --org ORG");
	org = opt_get(user_opts, o, "org") ?
	      cli_get_org(st, opt_get(user_opts, o, "org")) : 0;
	pw = get_password(o, &generated);
	rc = auth_user_add(st, o->argv[0], opt_get(user_opts, o, "display"), pw,
			   opt_flag(user_opts, o, "admin"), &u, &why);
	if (rc == STORE_CONFLICT)
		die(EXIT_BADINPUT, "a user '%s' exists already", o->argv[0]);
	if (rc)
		die(EXIT_BADINPUT, "%s", why.buf);
	if (org && store_user_org_set(st, u.id, org,
				      opt_flag(user_opts, o, "org-admin")))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("added %s'%s'\n", u.admin ? "the administrator " : "user ",
	       u.name);
	if (generated)
		printf("password: %s\n(shown once: keep it safe, or set another "
		       "with 'waymark user passwd %s')\n", pw, u.name);
	free(pw);
	store_user_release(&u);
	sb_release(&why);
	return 0;
}

/* The name of user's organisation (NULL: none; free it); exits on failure. */
static char *org_of(struct store *st, int64_t user, bool *org_admin)
{
	struct user_org uo;
	struct organisation org;

	if (store_user_org(st, user, &uo) ||
	    (uo.org && store_org_get_id(st, uo.org, &org)))
		die(EXIT_INTERNAL, "%s", store_error(st));
	free(uo.name);
	free(uo.display);
	*org_admin = uo.org_admin;
	if (!uo.org)
		return NULL;
	free(org.title);
	free(org.created);
	return org.name;
}

static int user_list(struct store *st, struct opts *o)
{
	struct user *v;
	size_t n;
	bool org_admin;

	if (store_user_list(st, &v, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(user_opts, o, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			char *org = org_of(st, v[i].id, &org_admin);
			json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:b, s:s, s:o, s:b}",
				"id", (json_int_t)v[i].id, "name", v[i].name,
				"display", v[i].display, "admin", v[i].admin,
				"created", v[i].created, "organisation",
				org ? json_string(org) : json_null(),
				"org_admin", org_admin));
			free(org);
		}
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++) {
			char *org = org_of(st, v[i].id, &org_admin);
			printf("%-20s %-30s %-16s%s\n", v[i].name, v[i].display,
			       org ? org : "-", v[i].admin ? " (administrator)" :
			       org_admin ? " (org-admin)" : "");
			free(org);
		}
	}
	store_users_free(v, n);
	return 0;
}

static int user_passwd(struct store *st, struct opts *o)
{
	struct strbuf why = STRBUF_INIT;
	struct user u;
	bool generated;
	char *pw;

	if (o->argc != 1)
		return cli_usage_error("user", "passwd: expected one login name");
	get_user(st, o->argv[0], &u);
	pw = get_password(o, &generated);
	if (auth_user_passwd(st, u.id, pw, &why))
		die(EXIT_BADINPUT, "%s", why.buf);
	printf("set a new password for '%s'; their sessions have ended\n",
	       u.name);
	if (generated)
		printf("password: %s\n", pw);
	free(pw);
	store_user_release(&u);
	sb_release(&why);
	return 0;
}

static int user_rm(struct store *st, struct opts *o)
{
	struct user u;

	if (o->argc != 1)
		return cli_usage_error("user", "rm: expected one login name");
	if (!opt_flag(user_opts, o, "yes"))
		return cli_usage_error("user", "rm: add --yes to remove '%s' and "
				       "end their sessions", o->argv[0]);
	get_user(st, o->argv[0], &u);
	if (store_user_delete(st, u.id))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("removed user '%s'\n", u.name);
	store_user_release(&u);
	return 0;
}

static int user_token(struct store *st, struct opts *o)
{
	char token[SECRET_TOKEN_LEN + 1];
	const char *label = opt_get(user_opts, o, "label");
	struct user u;

	if (o->argc != 1)
		return cli_usage_error("user", "token: expected one login name");
	get_user(st, o->argv[0], &u);
	if (auth_token_add(st, u.id, label ? label : "", token))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("%s\n", token);
	store_user_release(&u);
	return 0;
}

static int user_grant(struct store *st, struct opts *o)
{
	struct user u;
	struct project p;
	size_t role;

	if (o->argc != 3)
		return cli_usage_error("user", "grant: expected NAME PROJECT ROLE");
	for (role = 0; role_names[role] && strcmp(role_names[role],
						  o->argv[2]); role++)
		;
	if (!role_names[role])
		return cli_usage_error("user", "grant: role '%s': expected lead, "
				       "contributor, viewer or none", o->argv[2]);
	get_user(st, o->argv[0], &u);
	cli_get_project(st, o->argv[1], &p);
	if (store_member_set(st, p.id, u.id, (enum role)role))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("'%s' is now %s%s of '%s'\n", u.name, role ? "a " : "",
	       role ? role_names[role] : "no longer a member", p.name);
	store_user_release(&u);
	project_release(&p);
	return 0;
}

static int user_org(struct store *st, struct opts *o)
{
	bool org_admin = opt_flag(user_opts, o, "org-admin");
	struct user u;
	int64_t org;

	if (o->argc != 2)
		return cli_usage_error("user", "org: expected NAME ORG (or 'none')");
	if (org_admin && !strcmp(o->argv[1], "none"))
		return cli_usage_error("user", "org: --org-admin needs an "
				       "organisation, not 'none'");
	get_user(st, o->argv[0], &u);
	org = cli_get_org(st, o->argv[1]);
	if (store_user_org_set(st, u.id, org, org_admin))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (org)
		printf("'%s' is now %s of organisation '%s'\n", u.name,
		       org_admin ? "an administrator" : "a member", o->argv[1]);
	else
		printf("'%s' is now in no organisation\n", u.name);
	store_user_release(&u);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct store *st, struct opts *o);
	} actions[] = {
		{ "add", user_add }, { "list", user_list },
		{ "passwd", user_passwd }, { "rm", user_rm },
		{ "token", user_token }, { "grant", user_grant },
		{ "org", user_org },
	};
	struct opts o;
	int rc;

	if (argc < 2)
		return cli_usage_error("user", "expected an action: add, list, "
				       "passwd, rm, token, grant or org");
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++) {
		if (strcmp(argv[1], actions[i].name))
			continue;
		rc = cli_parse("user", argc - 1, argv + 1, user_opts, &o);
		if (rc)
			return rc == 1 ? 0 : rc;
		if (secret_init())
			die(EXIT_INTERNAL, "libsodium cannot be initialised");
		return actions[i].fn(cli_store(), &o);
	}
	return cli_usage_error("user", "unknown action '%s'", argv[1]);
}
