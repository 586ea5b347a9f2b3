/* opts.c: option parsing shared by every command. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "opts.h"
#include "assess/project.h"

#define OPT_HELP 1000
#define OPT_DB 1001
#define OPT_KB 1002

/*
 * getopt_long accepts any unique prefix of a long option; waymark wants
 * options spelled in full (so that '--y' never confirms a deletion).
 * arg is the argument as typed: "--name", "--name=value" or "--name".
 */
static bool full_name(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(arg, "--", 2) && !strncmp(arg + 2, name, n) &&
	       (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

/* Report an unknown option or a missing value (getopt said '?' or ':'). */
static int bad_option(const char *cmd, int c, const char *arg,
		      const struct opt *table, size_t ntable)
{
	if (c == ':' && optopt >= 1 && (size_t)optopt <= ntable)
		return cli_usage_error(cmd, "option '--%s' needs a value",
				       table[optopt - 1].name);
	if (c == ':' && (optopt == OPT_DB || optopt == OPT_KB))
		return cli_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt > 32 && optopt < 127)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_parse(const char *cmd, int argc, char **argv,
	      const struct opt *table, struct opts *o)
{
	struct option longopts[36];
	size_t n = 0, ntable;
	int c;

	memset(o, 0, sizeof(*o));
	for (; table && table[n].name; n++) {
		if (n >= 32)
			BUG("too many options");
		longopts[n].name = table[n].name;
		longopts[n].has_arg = table[n].has_arg ? required_argument :
					no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = (int)n + 1;	/* 0 would be ambiguous */
	}
	ntable = n;
	longopts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	longopts[n++] = (struct option){ "db", required_argument, NULL, OPT_DB };
	longopts[n++] = (struct option){ "kb", required_argument, NULL, OPT_KB };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h' || c == OPT_HELP) {
			cli_help(cli_find(cmd));
			return 1;
		} else if (c == OPT_DB) {
			if (!*optarg)
				return cli_usage_error(cmd, "--db: the path is empty");
			cli_set_db(optarg);
		} else if (c == OPT_KB) {
			cli_add_kb_dir(optarg);
		} else if (c >= 1 && (size_t)c <= ntable) {
			/* the option as typed: before its value if that came apart */
			const char *typed = optarg && optind >= 2 &&
					    optarg == argv[optind - 1] ?
					    argv[optind - 2] : argv[optind - 1];
			if (!full_name(typed, table[c - 1].name))
				return cli_usage_error(cmd, "'%s': spell the option "
						       "in full, '--%s'", typed,
						       table[c - 1].name);
			o->value[c - 1] = table[c - 1].has_arg ? optarg : "";
		} else {
			return bad_option(cmd, c, argv[optind - 1], table, ntable);
		}
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	return 0;
}

int cli_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int find(const struct opt *table, const char *name)
{
	for (int i = 0; table[i].name; i++)
		if (!strcmp(table[i].name, name))
			return i;
	return -1;
}

const char *opt_get(const struct opt *table, const struct opts *o,
		    const char *name)
{
	int i = find(table, name);
	return i < 0 ? NULL : o->value[i];
}

bool opt_flag(const struct opt *table, const struct opts *o, const char *name)
{
	return opt_get(table, o, name) != NULL;
}

/* Parse argv (argv[0] names the action), find the project, call fn. */
static int on_project(const char *cmd, const char *what, int argc,
		      char **argv, const struct opt *table,
		      int (*fn)(struct store *, struct project *, struct opts *))
{
	struct opts o;
	struct store *st;
	struct project p;
	int rc = cli_parse(cmd, argc, argv, table, &o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc < 1)
		return cli_usage_error(cmd, "'%s' needs a project", what);
	st = cli_store();
	cli_get_project(st, o.argv[0], &p);
	rc = fn(st, &p, &o);
	project_release(&p);
	return rc;
}

int cli_project_action(const char *cmd, int argc, char **argv,
		       const struct opt *table,
		       const struct project_action *actions, size_t n)
{
	char what[64];

	if (argc < 2)
		return cli_usage_error(cmd, "'%s' needs an action", cmd);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(cli_find(cmd));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[1], actions[i].name))
			continue;
		snprintf(what, sizeof(what), "%s %s", cmd, argv[1]);
		return on_project(cmd, what, argc - 1, argv + 1, table,
				  actions[i].fn);
	}
	return cli_usage_error(cmd, "no action '%s'", argv[1]);
}

int cli_project_command(const char *cmd, int argc, char **argv,
			const struct opt *table,
			int (*fn)(struct store *, struct project *, struct opts *))
{
	return on_project(cmd, cmd, argc, argv, table, fn);
}
