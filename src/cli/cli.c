/* cli.c: what every command shares: the evidence base, JSON, usage. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/diag.h"
#include "lib/err.h"
#include "lib/jsonout.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/store.h"
#include "track/track.h"
#include "opts.h"

#include <errno.h>
#include <sys/stat.h>

static char **kb_dirs;
static size_t nkb_dirs, kb_dirs_alloc;
static struct kb the_kb;
static bool kb_loaded;
static char *db_target;
static bool db_given;		/* by --db */
static struct store *the_store;

void cli_set_db(const char *target)
{
	free(db_target);
	db_target = xstrdup(target);
	db_given = true;
}

bool cli_db_given(void)
{
	return db_given;
}

/* mkdir -p for the folder holding path. */
static void make_parent(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			break;
		*s = '/';
	}
	free(p);
}

const char *cli_db_target(void)
{
	const char *env = getenv("WAYMARK_DB");
	const char *base = getenv("XDG_DATA_HOME");
	struct strbuf sb = STRBUF_INIT;

	if (db_target)
		return db_target;
	if (env && *env)
		return db_target = xstrdup(env);
	if (base && *base)
		sb_addf(&sb, "%s/waymark/waymark.db", base);
	else
		sb_addf(&sb, "%s/.local/share/waymark/waymark.db",
			getenv("HOME") ? getenv("HOME") : ".");
	make_parent(sb.buf);
	return db_target = sb_detach(&sb);
}

struct store *cli_store(void)
{
	char *msg = NULL;

	if (the_store)
		return the_store;
	if (store_open(cli_db_target(), &the_store, &msg))
		die(EXIT_INTERNAL, "cannot open the database: %s", msg);
	if (store_backup_path(the_store))
		fprintf(stderr, "waymark: the database was upgraded; a copy of "
			"the old one is at '%s'\n", store_backup_path(the_store));
	if (store_begin(the_store))
		die(EXIT_INTERNAL, "%s", store_error(the_store));
	return the_store;
}

int cli_store_done(int rc)
{
	if (the_store) {
		if (rc == 0 && store_commit(the_store)) {
			error("%s", store_error(the_store));
			rc = EXIT_INTERNAL;
		}
		if (rc != 0)
			store_rollback(the_store);
		store_close(the_store);
		the_store = NULL;
	}
	return rc;
}

int cli_finish(int rc)
{
	rc = cli_store_done(rc);
	free(db_target);
	db_target = NULL;
	fflush(stdout);
	if (ferror(stdout)) {
		error("cannot write the output");
		return EXIT_INTERNAL;
	}
	return rc;
}

void cli_add_kb_dir(const char *dir)
{
	XGROW(kb_dirs, kb_dirs_alloc, nkb_dirs + 1);
	kb_dirs[nkb_dirs++] = xstrdup(dir);
}

static void load_env_dirs(struct kb *kb, struct diags *errs)
{
	const char *env = getenv("WAYMARK_KB");
	char *copy, *p, *next;

	if (!env || !*env)
		return;
	copy = xstrdup(env);
	for (p = copy; p; p = next) {
		next = strchr(p, ':');
		if (next)
			*next++ = '\0';
		if (*p)
			kb_load_dir(kb, p, errs);
	}
	free(copy);
}

size_t cli_kb_load(struct kb *kb, struct diags *errs,
		   const char *extra_dir)
{
	kb_init(kb);
	kb_load_builtin(kb, errs);
	load_env_dirs(kb, errs);
	for (size_t i = 0; i < nkb_dirs; i++)
		kb_load_dir(kb, kb_dirs[i], errs);
	if (extra_dir)
		kb_load_dir(kb, extra_dir, errs);
	if (errs->n)
		return errs->n;
	return kb_finish(kb, errs);
}

static void release_kb(void)
{
	kb_release(&the_kb);
	for (size_t i = 0; i < nkb_dirs; i++)
		free(kb_dirs[i]);
	free(kb_dirs);
}

const struct kb *cli_kb(void)
{
	struct diags errs;

	if (kb_loaded)
		return &the_kb;
	diags_init(&errs);
	if (cli_kb_load(&the_kb, &errs, NULL)) {
		diags_print(&errs, stderr);
		die(EXIT_BADINPUT, "the evidence base is invalid (%zu problem%s "
		    "above); fix the files or run 'waymark kb check DIR'",
		    errs.n, errs.n == 1 ? "" : "s");
	}
	diags_release(&errs);
	kb_loaded = true;
	atexit(release_kb);
	return &the_kb;
}

void cli_print_json(json_t *v)
{
	/* jansson gives NULL for text that is not UTF-8: the store lets none in */
	if (!v)
		BUG("a JSON value could not be built");
	if (json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		       JSON_OUT_REAL))
		die(EXIT_INTERNAL, "cannot write the output");
	fputc('\n', stdout);
	json_decref(v);
}

int cli_help(const struct cmd *cmd)
{
	fputs(cmd->usage, stdout);
	return 0;
}

int cli_usage_error(const char *cmdname, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	error("%s; see 'waymark %s --help'", sb.buf, cmdname);
	sb_release(&sb);
	return EXIT_USAGE;
}

int cli_read_file(const char *path, struct strbuf *out)
{
	if (!strcmp(path, "-")) {
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
			sb_add(out, buf, n);
		if (!ferror(stdin))
			return 0;
	} else if (sb_read_file(out, path) == 0) {
		return 0;
	}
	error("cannot read '%s': %s", path, strerror(errno));
	return errno == ENOENT ? EXIT_NOTFOUND : errno == EISDIR ?
	       EXIT_BADINPUT : EXIT_INTERNAL;
}

int cli_import_verdict(const struct diags *d, int parse_rc, bool skip_bad)
{
	size_t bad = 0;

	diags_print(d, stderr);
	if (!d->n && parse_rc == 0)
		return 0;
	if (parse_rc == 0 && skip_bad && !diags_file_level(d)) {
		for (size_t i = 0; i < d->n; i++) {
			size_t j;
			for (j = 0; j < i; j++)
				if (d->v[j].record == d->v[i].record &&
				    !strcmp(d->v[j].file, d->v[i].file))
					break;
			bad += j == i;	/* first problem of its record */
		}
		fprintf(stderr, "waymark: skipping %zu bad record%s (--skip-bad)\n",
			bad, bad == 1 ? "" : "s");
		return 0;
	}
	error("nothing was imported: %zu problem%s above%s", d->n,
	      d->n == 1 ? "" : "s", parse_rc == 0 && !diags_file_level(d) ?
	      "; fix them, or use --skip-bad to import the good records" : "");
	return EXIT_BADINPUT;
}

int cli_track_result(struct store *st, int rc, const struct strbuf *err)
{
	if (rc == -1)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (rc)
		error("%s", err->buf);
	return rc == STORE_NOTFOUND ? EXIT_NOTFOUND : rc ? EXIT_BADINPUT : 0;
}

int cli_track_import(struct store *st, const struct project *p,
		     const struct opts *o, const char *cmdname,
		     const char *kind)
{
	const struct import_kind *k = import_kind_find(kind);
	struct strbuf data = STRBUF_INIT;
	struct diags d;
	size_t rows;
	int rc;

	if (o->argc != 2)
		return cli_usage_error(cmdname, "'%s import' takes a project "
				       "and a CSV file", cmdname);
	if ((rc = cli_read_file(o->argv[1], &data)))
		return rc;
	diags_init(&d);
	rc = track_import(st, strcmp(kind, "log") ? NULL : cli_kb(), p->id, k, o->argv[1], data.buf,
			  data.len, track_today(), &rows, &d);
	if (rc == -1)
		die(EXIT_INTERNAL, "%s", store_error(st));
	/* no --skip-bad here: a bad record always stops the import */
	rc = cli_import_verdict(&d, rc ? -1 : 0, false);
	if (rc == 0)
		printf("%s %zu %s %s '%s'\n", k->verb, rows,
		       rows == 1 ? k->one : k->many, k->prep, p->name);
	diags_release(&d);
	sb_release(&data);
	return rc;
}
