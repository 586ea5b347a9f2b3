/* version.c: 'waymark version'. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return cli_help(cli_find("version"));
	if (argc > 1)
		return cli_usage_error("version", "unexpected argument '%s'",
				       argv[1]);
	printf("waymark %s\n", WAYMARK_VERSION);
	return 0;
}

