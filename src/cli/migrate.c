/* migrate.c: 'waymark migrate-db' and 'waymark backup': whole databases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/secret.h"
#include "lib/strbuf.h"
#include "opts.h"
#include "store/store.h"

/* target as it may be shown: a URI's password replaced by "***". */
static char *shown(const char *target)
{
	struct strbuf sb = STRBUF_INIT;
	const char *scheme = strstr(target, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3))
			       : NULL;

	if (colon) {
		sb_add(&sb, target, (size_t)(colon - target));
		sb_addf(&sb, ":***%s", at);
	} else {
		sb_adds(&sb, target);
	}
	return sb_detach(&sb);
}

/* Open target (migrated to this waymark's schema) or say why not. */
static struct store *open_store(const char *target, const char *label)
{
	struct store *st;
	char *msg = NULL, *name = shown(target);

	if (store_open(target, &st, &msg)) {
		error("cannot open the %s database '%s': %s", label, name, msg);
		free(msg);
		free(name);
		return NULL;
	}
	if (store_backup_path(st))
		fprintf(stderr, "waymark: the %s database was upgraded; a copy "
			"of it as it was is at '%s'\n", label,
			store_backup_path(st));
	free(name);
	return st;
}

static json_t *sums_json(const struct store_table_sum *a,
			 const struct store_table_sum *b, size_t n, bool same)
{
	json_t *tables = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(tables, json_pack(
			"{s:s, s:I, s:s, s:I, s:s, s:b}", "table", a[i].table,
			"rows", (json_int_t)a[i].rows, "checksum", a[i].checksum,
			"copied_rows", (json_int_t)b[i].rows,
			"copied_checksum", b[i].checksum,
			"same", a[i].rows == b[i].rows &&
				!strcmp(a[i].checksum, b[i].checksum)));
	return json_pack("{s:o, s:b}", "tables", tables, "same", same);
}

static void print_sums(const struct store_table_sum *a,
		       const struct store_table_sum *b, size_t n)
{
	printf("%-24s %9s %9s  %-16s  %s\n", "table", "rows", "copied",
	       "checksum", "verdict");
	for (size_t i = 0; i < n; i++) {
		bool same = a[i].rows == b[i].rows &&
			    !strcmp(a[i].checksum, b[i].checksum);

		printf("%-24s %9lld %9lld  %.16s  %s\n", a[i].table,
		       (long long)a[i].rows, (long long)b[i].rows,
		       a[i].checksum, same ? "same" : "DIFFERS");
		if (!same)
			printf("%-24s %9s %9s  %.16s\n", "", "", "",
			       b[i].checksum);
	}
}

/*
 * Compare the tables of from and to (to's copy not yet committed):
 * print them, and say whether every one is the same. -1 on failure.
 */
static int verify(struct store *from, struct store *to, bool json)
{
	struct store_table_sum *a = NULL, *b = NULL;
	struct strbuf why = STRBUF_INIT;
	size_t na = 0, nb = 0;
	bool same = true;
	int rc = -1;

	if (store_table_sums(from, &a, &na, &why) ||
	    store_table_sums(to, &b, &nb, &why)) {
		error("cannot check the copy: %s", why.buf);
		goto cleanup;
	}
	for (size_t i = 0; i < na; i++)
		same = same && a[i].rows == b[i].rows &&
		       !strcmp(a[i].checksum, b[i].checksum);
	if (json)
		cli_print_json(sums_json(a, b, na, same));
	else
		print_sums(a, b, na);
	rc = same ? 0 : 1;
cleanup:
	free(a);
	free(b);
	sb_release(&why);
	return rc;
}

/* An existing file for SQLite (store_open would make one); URIs pass. */
static bool exists(const char *target)
{
	struct stat sb;

	return store_is_postgresql(target) || stat(target, &sb) == 0;
}

int cmd_migrate_db(int argc, char **argv)
{
	static const struct opt table[] = { { "json", false }, { NULL, false } };
	struct store *from = NULL, *to = NULL;
	struct strbuf why = STRBUF_INIT;
	char *from_name = NULL, *to_name = NULL;
	struct opts o;
	int rc = cli_parse("migrate-db", argc, argv, table, &o);
	bool json;

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc != 2)
		return cli_usage_error("migrate-db", "give FROM and TO");
	json = opt_flag(table, &o, "json");
	if (!strcmp(o.argv[0], o.argv[1]))
		return cli_usage_error("migrate-db", "FROM and TO are the same");
	from_name = shown(o.argv[0]);
	to_name = shown(o.argv[1]);
	if (!exists(o.argv[0])) {
		error("no database at '%s'", from_name);
		rc = EXIT_NOTFOUND;
		goto cleanup;
	}
	rc = EXIT_INTERNAL;
	if (!(from = open_store(o.argv[0], "old")) ||
	    !(to = open_store(o.argv[1], "new")))
		goto cleanup;
	/* from stays still while it is read: writers wait */
	if (store_begin_write(from) || store_begin_write(to)) {
		error("%s", store_error(from));
		goto cleanup;
	}
	switch (store_copy(from, to, &why)) {
	case 0:
		break;
	case 1:
		error("%s; nothing was copied", why.buf);
		rc = EXIT_BADINPUT;
		goto rollback;
	default:
		error("%s; nothing was copied", why.buf);
		goto rollback;
	}
	switch (verify(from, to, json)) {
	case 0:
		break;
	case 1:
		error("the copy differs from '%s'; nothing was kept in '%s'",
		      from_name, to_name);
		/* fall through */
	default:
		goto rollback;
	}
	if (store_commit(to)) {
		error("%s", store_error(to));
		goto rollback;
	}
	store_rollback(from);
	if (!json)
		printf("copied every table from '%s' to '%s'; rows and "
		       "checksums are the same\n", from_name, to_name);
	rc = 0;
	goto cleanup;
rollback:
	store_rollback(to);
	store_rollback(from);
cleanup:
	store_close(from);
	store_close(to);
	free(from_name);
	free(to_name);
	sb_release(&why);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	static const struct opt table[] = { { NULL, false } };
	struct store *st;
	struct opts o;
	int rc = cli_parse("backup", argc, argv, table, &o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc != 1)
		return cli_usage_error("backup", "give the PATH to copy to");
	if (store_is_postgresql(cli_db_target())) {
		error("the database is PostgreSQL: back it up with pg_dump "
		      "(see docs/deploy.md)");
		return EXIT_BADINPUT;
	}
	if (!exists(cli_db_target())) {
		error("no database at '%s'", cli_db_target());
		return EXIT_NOTFOUND;
	}
	/* not cli_store(): a copy cannot be taken inside a transaction */
	if (!(st = open_store(cli_db_target(), "current")))
		return EXIT_INTERNAL;
	switch (store_backup_to(st, o.argv[0])) {
	case 0:
		printf("copied '%s' to '%s'\n", cli_db_target(), o.argv[0]);
		break;
	case STORE_CONFLICT:
		error("'%s' exists: give a new path", o.argv[0]);
		rc = EXIT_BADINPUT;
		break;
	default:
		error("%s", store_error(st));
		rc = EXIT_INTERNAL;
	}
	store_close(st);
	return rc;
}
