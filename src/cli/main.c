/* main.c: waymark's entry point: global options, then one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"

int main(int argc, char **argv)
{
	const struct cmd *c;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--version") || !strcmp(a, "-v")) {
			printf("waymark %s\n", WAYMARK_VERSION);
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_overview(stdout);
			return 0;
		} else if (!strcmp(a, "--kb")) {
			if (i + 1 >= argc) {
				error("option '--kb' needs a folder");
				return EXIT_USAGE;
			}
			cli_add_kb_dir(argv[++i]);
		} else if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
			const char *path = a[4] == '=' ? a + 5 :
					   i + 1 < argc ? argv[++i] : "";
			if (!*path) {
				error("option '--db' needs a path");
				return EXIT_USAGE;
			}
			cli_set_db(path);
		} else if (!strncmp(a, "--kb=", 5)) {
			cli_add_kb_dir(a + 5);
		} else {
			error("unknown option '%s'; see 'waymark --help'", a);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		cli_overview(stderr);
		return EXIT_USAGE;
	}
	c = cli_find(argv[i]);
	if (!c) {
		error("'%s' is not a waymark command; see 'waymark help'",
		      argv[i]);
		return EXIT_USAGE;
	}
	return cli_finish(c->fn(argc - i, argv + i));
}
