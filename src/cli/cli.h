/* cli.h: the command table and what every command shares. */
#ifndef WM_CLI_H
#define WM_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "kb/kb.h"

struct diags;
struct project;
struct stakeholder;
struct store;
struct strbuf;

#define WAYMARK_VERSION "0.1.0"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;	/* one line for 'waymark help' */
	const char *usage;	/* the synopsis and options, as --help prints */
};

/* The table (commands.c), ended by an entry with a NULL name. */
extern const struct cmd commands[];
/* The command named name, or NULL. */
const struct cmd *cli_find(const char *name);

/* Command entry points, one file each. */
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_kb(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_stakeholder(int argc, char **argv);
int cmd_survey(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_roadmap(int argc, char **argv);
int cmd_gate(int argc, char **argv);
int cmd_checkpoint(int argc, char **argv);
int cmd_action(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_setting(int argc, char **argv);
int cmd_milestone(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_usage(int argc, char **argv);
int cmd_workaround(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_benefit(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_breakeven(int argc, char **argv);
int cmd_migrate_db(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_portfolio(int argc, char **argv);
int cmd_org(int argc, char **argv);

/* The store named by --db, $WAYMARK_DB, or the default path. */
void cli_set_db(const char *target);
/*
 * The store, opened on first use with a transaction begun: every command
 * runs in one transaction, committed by cli_finish() only if the command
 * succeeded. Exits 5 if the store cannot be opened.
 */
struct store *cli_store(void);
/* Commit (rc == 0) or roll back, and close the store; returns rc. */
int cli_store_done(int rc);
/* End the command: commit (rc == 0) or roll back, close; returns rc. */
int cli_finish(int rc);
/* Where the store is (for messages). */
const char *cli_db_target(void);
/* Whether --db named the store (rather than $WAYMARK_DB or the default). */
bool cli_db_given(void);

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

/*
 * Make sure the demo project exists, and while the store has no users,
 * an administrator 'admin' whose generated password is printed once.
 */
void cli_demo_ensure(struct store *st);

/* The id of the organisation named name (0 for "none"); exits 4 if none. */
int64_t cli_get_org(struct store *st, const char *name);
/* Find a project by id or short name; exits 4 if there is none. */
void cli_get_project(struct store *st, const char *key, struct project *p);

/*
 * Read a whole file (or stdin for "-"). Returns 0, or after reporting an
 * exit code: 4 if it does not exist, 3 if it is a folder, 5 otherwise.
 */
int cli_read_file(const char *path, struct strbuf *out);
/*
 * Decide an import from its problems: parse_rc is the parser's result.
 * Prints every problem on stderr. Returns 0 if the import may go on (no
 * problems, or --skip-bad and none concerns the whole file), else
 * EXIT_BADINPUT after saying that nothing was imported.
 */
int cli_import_verdict(const struct diags *d, int parse_rc, bool skip_bad);

struct assessment;
struct plan;
/* Load round (0: latest), the checkpoints and the road map; exits on error. */
void cli_load_plan(struct store *st, const struct project *p, long round,
		   struct assessment *a, struct plan *pl);

/*
 * The exit status for a result of the tracking functions (track.h):
 * 0; EXIT_BADINPUT or EXIT_NOTFOUND after printing err; a store failure
 * exits 5.
 */
int cli_track_result(struct store *st, int rc, const struct strbuf *err);

struct opts;
/*
 * 'CMDNAME import PROJECT FILE.csv' for the records of kind (a name from
 * track.h's import_kinds): every problem printed, nothing kept if any.
 * Returns 0 or an exit status.
 */
int cli_track_import(struct store *st, const struct project *p,
		     const struct opts *o, const char *cmdname,
		     const char *kind);

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
