/* serve.c: 'waymark serve': the web application. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/secret.h"
#include "lib/xalloc.h"
#include "opts.h"
#include "store/store.h"
#include "web/web.h"

static const struct opt serve_opts[] = {
	{ "listen", true }, { "port", true }, { "config", true },
	{ "threads", true }, { "max-body", true }, { "max-fields", true },
	{ "connections", true }, { "timeout", true }, { "session-hours", true },
	{ "secure-cookies", true }, { "access-log", true },
	{ "public-url", true }, { "demo", false },
	{ NULL, false }
};

/* The address part of --listen, for the line that says where to go. */
static char listen_host[256];

static void ready(unsigned port)
{
	printf("waymark: listening on http://%s:%u/ (stop with Ctrl-C)\n",
	       listen_host, port);
	fflush(stdout);
}

int cmd_serve(int argc, char **argv)
{
	struct web_config cfg;
	struct strbuf err = STRBUF_INIT;
	struct opts o;
	const char *file;
	int rc = cli_parse("serve", argc, argv, serve_opts, &o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc)
		return cli_usage_error("serve", "unexpected argument '%s'",
				       o.argv[0]);
	web_config_init(&cfg);
	file = opt_get(serve_opts, &o, "config");
	if (file && web_config_file(&cfg, file, &err))
		die(EXIT_BADINPUT, "%s", err.buf);
	/* flags override the file */
	for (size_t i = 0; serve_opts[i].name; i++) {
		const char *v = o.value[i];

		if (!v || !serve_opts[i].has_arg || !strcmp(serve_opts[i].name,
							   "config"))
			continue;
		if (web_config_set(&cfg, serve_opts[i].name, v, &err)) {
			rc = cli_usage_error("serve", "--%s", err.buf);
			web_config_release(&cfg);
			sb_release(&err);
			return rc;
		}
	}
	/* one database for the set-up below and the server: --db, else the
	 * file's, else $WAYMARK_DB or the default */
	if (cli_db_given() || !cfg.db) {
		free(cfg.db);
		cfg.db = xstrdup(cli_db_target());
	} else {
		cli_set_db(cfg.db);
	}
	if (secret_init())
		die(EXIT_INTERNAL, "libsodium cannot be initialised");

	/* migrate and set up once, before any handler thread opens the store */
	if (opt_flag(serve_opts, &o, "demo"))
		cli_demo_ensure(cli_store());
	else
		cli_store();
	if (cli_store_done(0))
		return EXIT_INTERNAL;

	snprintf(listen_host, sizeof(listen_host), "%.*s",
		 (int)(strrchr(cfg.listen, ':') - cfg.listen), cfg.listen);
	rc = web_serve(&cfg, cli_kb(), ready, &err);
	if (rc)
		error("%s", err.buf);
	else
		printf("waymark: stopped\n");
	web_config_release(&cfg);
	sb_release(&err);
	return rc ? EXIT_INTERNAL : 0;
}
