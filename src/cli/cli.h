/* cli.h: the command table and what every command shares. */
#ifndef WM_CLI_H
#define WM_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "kb/kb.h"

#define WAYMARK_VERSION "0.1.0"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;	/* one line for 'waymark help' */
	const char *usage;	/* the synopsis and options, as --help prints */
};

/* The table (commands.c), ended by an entry with a NULL name. */
extern const struct cmd commands[];
const struct cmd *cli_find(const char *name);

/* Command entry points, one file each. */
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_kb(int argc, char **argv);

/* Folders given with --kb, in order, after those in $WAYMARK_KB. */
void cli_add_kb_dir(const char *dir);

/*
 * The evidence base: built in, then $WAYMARK_KB, then --kb folders.
 * Loaded and checked once; on any problem prints them all and exits 3.
 */
const struct kb *cli_kb(void);
/* As cli_kb but returns problems instead of exiting (for 'kb check'). */
size_t cli_kb_load(struct kb *kb, struct diags *errs,
		   const char *extra_dir);

/* Print v as indented JSON on stdout, then release it. */
void cli_print_json(json_t *v);

/* The list of commands, for help and for a bare 'waymark'. */
void cli_overview(FILE *f);

/* Print cmd's usage on stdout (for --help) and return 0. */
int cli_help(const struct cmd *cmd);
/* "waymark: MSG" then a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmdname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
