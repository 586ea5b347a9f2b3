/* demo.c: 'waymark demo': create the sample project. */
#include <stdio.h>

#include "assess/demo.h"
#include "auth/auth.h"
#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "opts.h"
#include "store/store.h"

int cmd_demo(int argc, char **argv)
{
	static const struct opt table[] = { { NULL, false } };
	struct opts o;
	int rc = cli_parse("demo", argc, argv, table, &o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc)
		return cli_usage_error("demo", "unexpected argument '%s'", o.argv[0]);
	cli_demo_ensure(cli_store());
	printf("\nexplore it:\n"
	       "  waymark project show %s\n"
	       "  waymark assess show %s\n"
	       "  waymark roadmap %s\n"
	       "  waymark serve          (the web application)\n",
	       DEMO_PROJECT, DEMO_PROJECT, DEMO_PROJECT);
	return 0;
}

void cli_demo_ensure(struct store *st)
{
	struct strbuf why = STRBUF_INIT;
	char pw[SECRET_TOKEN_LEN + 1];
	struct project p;
	struct user u;
	int64_t users;
	int rc = demo_create(cli_kb(), st, &p);

	if (rc && rc != STORE_CONFLICT)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (!rc)
		printf("created the demo project '%s' in %s\n", p.name,
		       cli_db_target());
	else
		printf("the demo project '%s' is already in %s\n", DEMO_PROJECT,
		       cli_db_target());
	project_release(&p);
	if (store_user_count(st, &users))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (users) {
		printf("log in with your account (an administrator can reset a "
		       "password: waymark user passwd NAME)\n");
		return;
	}
	if (secret_init())
		die(EXIT_INTERNAL, "libsodium cannot be initialised");
	secret_token(pw);
	pw[20] = '\0';
	if (auth_user_add(st, "admin", "Administrator", pw, true, &u, &why))
		die(EXIT_INTERNAL, "%s", why.len ? why.buf : store_error(st));
	printf("created the administrator 'admin' with the password\n\n"
	       "    %s\n\n(shown once: keep it, or set another with "
	       "'waymark user passwd admin')\n", pw);
	store_user_release(&u);
	sb_release(&why);
}
