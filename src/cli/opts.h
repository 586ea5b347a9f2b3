/*
 * opts.h: one way to read options for every command, on top of
 * getopt_long. Each command declares its options once in a table; --help,
 * --db and --kb are understood everywhere.
 */
#ifndef WM_OPTS_H
#define WM_OPTS_H

#include <stdbool.h>

struct opt {
	const char *name;	/* long name without "--" */
	bool has_arg;
};

/*
 * The values found, by the table's index: the argument, "" for a flag
 * given, NULL for absent. Options given twice keep the last value.
 */
struct opts {
	const char *value[32];
	int argc;		/* operands left */
	char **argv;
};

/*
 * Parse argv (argv[0] is the action or command name) for cmd. Returns 0;
 * 1 if --help was given and the usage printed (the caller returns 0); or
 * EXIT_USAGE after reporting the problem.
 */
int cli_parse(const char *cmd, int argc, char **argv,
	      const struct opt *table, struct opts *o);

/* The value of option name (NULL if absent or not in the table). */
const char *opt_get(const struct opt *table, const struct opts *o,
		    const char *name);
bool opt_flag(const struct opt *table, const struct opts *o,
	      const char *name);

/*
 * Parse s as a whole decimal number from lo to hi into *out. Returns 0,
 * or -1 (out unchanged) for anything else: empty, trailing text, overflow.
 */
int cli_parse_long(const char *s, long lo, long hi, long *out);

struct store;
struct project;

/* An action of a command that works on one project (its first operand). */
struct project_action {
	const char *name;
	int (*fn)(struct store *st, struct project *p, struct opts *o);
};

/*
 * Run 'waymark CMD ACTION PROJECT ...': find the action, parse options,
 * open the store, find the project, call the action. Returns its status.
 */
int cli_project_action(const char *cmd, int argc, char **argv,
		       const struct opt *table,
		       const struct project_action *actions, size_t n);

/* Run 'waymark CMD PROJECT ...' for a command with no actions. */
int cli_project_command(const char *cmd, int argc, char **argv,
			const struct opt *table,
			int (*fn)(struct store *, struct project *, struct opts *));

#endif
