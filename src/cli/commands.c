/* commands.c: the one table of waymark's subcommands. */
#include <string.h>

#include "cli.h"

const struct cmd commands[] = {
	{ "help", cmd_help, "show help for waymark or one command",
	  "usage: waymark help [COMMAND]\n"
	  "       waymark help --all\n" },
	{ "version", cmd_version, "print the version",
	  "usage: waymark version\n" },
	{ "kb", cmd_kb, "browse, search and check the evidence base",
	  "usage: waymark kb list [--kind KIND] [--source FRAMEWORK] [--json]\n"
	  "       waymark kb show ID [--all] [--json]\n"
	  "       waymark kb search TEXT... [--limit N] [--json]\n"
	  "       waymark kb crosswalk [--json]\n"
	  "       waymark kb frameworks [--json]\n"
	  "       waymark kb determinants [--json]\n"
	  "       waymark kb kinds [--json]\n"
	  "       waymark kb check [DIR] [--json]\n"
	  "\n"
	  "options:\n"
	  "    --kb DIR          add or replace frameworks from DIR's YAML files\n"
	  "    --json            print JSON (shapes in docs/json.md)\n"
	  "    --kind KIND       only elements of this kind\n"
	  "    --source FW       only elements of this framework\n"
	  "    --all             show every element that shares a determinant\n"
	  "    --limit N         at most N results (default 20; 0 for all)\n" },
	{ NULL, NULL, NULL, NULL }
};

const struct cmd *cli_find(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}
