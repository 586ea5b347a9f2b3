/* help.c: 'waymark help': the overview and each command's usage. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char global_usage[] =
	"usage: waymark [--kb DIR] [--version] [--help] COMMAND [ARGS]\n";

void cli_overview(FILE *f)
{
	fputs(global_usage, f);
	fputs("\ncommands:\n", f);
	for (const struct cmd *c = commands; c->name; c++)
		fprintf(f, "    %-12s %s\n", c->name, c->summary);
	fputs("\n'waymark COMMAND --help' describes one command; "
	      "'man waymark' describes them all.\n", f);
}

int cmd_help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2 || !strcmp(argv[1], "--all")) {
		cli_overview(stdout);
		if (argc >= 2)
			for (c = commands; c->name; c++)
				printf("\n%s", c->usage);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(cli_find("help"));
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error("help", "no command '%s'", argv[1]);
	return cli_help(c);
}

