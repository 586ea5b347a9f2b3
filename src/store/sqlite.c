/* sqlite.c: the SQLite backend of the database driver. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/*
 * Prepared statements are kept for reuse, keyed by the address of their
 * SQL text (always a string literal in the store), so that a command that
 * runs the same statement a hundred thousand times parses it once.
 */
#define CACHE_SIZE 256

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	const char *sql;	/* the cache key, or NULL when not cached */
	bool busy;
};

struct sqlite_db {
	struct db base;
	sqlite3 *h;
	struct sqlite_stmt *cache[CACHE_SIZE];
};

static sqlite3 *H(struct db *db)
{
	return ((struct sqlite_db *)db)->h;
}

static sqlite3_stmt *S(struct db_stmt *st)
{
	return ((struct sqlite_stmt *)st)->h;
}

static int lite_open(const char *target, struct db **out, char **errmsg)
{
	struct sqlite_db *db = xcalloc(1, sizeof(*db));
	int rc;

	db->base.drv = &db_sqlite;
	rc = sqlite3_open_v2(target, &db->h, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "cannot open '%s': %s", target,
			db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		*errmsg = sb_detach(&sb);
		sqlite3_close(db->h);
		free(db);
		return -1;
	}
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_exec(db->h, "PRAGMA foreign_keys = ON;"
			 "PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = NORMAL;", NULL, NULL, NULL)) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "cannot use '%s' as a database: %s", target,
			sqlite3_errmsg(db->h));
		*errmsg = sb_detach(&sb);
		sqlite3_close(db->h);
		free(db);
		return -1;
	}
	*out = &db->base;
	return 0;
}

static void lite_close(struct db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;

	for (size_t i = 0; i < CACHE_SIZE; i++)
		if (d->cache[i]) {
			sqlite3_finalize(d->cache[i]->h);
			free(d->cache[i]);
		}
	sqlite3_close(d->h);
	free(d);
}

static int lite_exec(struct db *db, const char *sql)
{
	return sqlite3_exec(H(db), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int lite_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	size_t slot = ((uintptr_t)sql >> 3) % CACHE_SIZE;
	struct sqlite_stmt *st = d->cache[slot];

	if (st && st->sql == sql && !st->busy) {
		st->busy = true;
		*out = &st->base;
		return 0;
	}
	st = xcalloc(1, sizeof(*st));
	st->base.db = db;
	if (sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st->h, NULL) != SQLITE_OK) {
		free(st);
		*out = NULL;
		return -1;
	}
	/* the newest statement takes the slot unless its holder is in use */
	if (!d->cache[slot] || !d->cache[slot]->busy) {
		if (d->cache[slot]) {
			sqlite3_finalize(d->cache[slot]->h);
			free(d->cache[slot]);
		}
		st->sql = sql;
		st->busy = true;
		d->cache[slot] = st;
	}
	*out = &st->base;
	return 0;
}

static int ok(int rc)
{
	return rc == SQLITE_OK ? 0 : -1;
}

static int lite_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return ok(sqlite3_bind_int64(S(st), i, v));
}

static int lite_bind_double(struct db_stmt *st, int i, double v)
{
	return ok(sqlite3_bind_double(S(st), i, v));
}

static int lite_bind_text(struct db_stmt *st, int i, const char *s)
{
	return ok(sqlite3_bind_text(S(st), i, s, -1, SQLITE_TRANSIENT));
}

static int lite_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	return ok(sqlite3_bind_blob64(S(st), i, p, n, SQLITE_TRANSIENT));
}

static int lite_bind_null(struct db_stmt *st, int i)
{
	return ok(sqlite3_bind_null(S(st), i));
}

static int lite_step(struct db_stmt *st)
{
	switch (sqlite3_step(S(st))) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return DB_ERROR;
	}
}

static int64_t lite_col_int(struct db_stmt *st, int c)
{
	return sqlite3_column_int64(S(st), c);
}

static double lite_col_double(struct db_stmt *st, int c)
{
	return sqlite3_column_double(S(st), c);
}

static const char *lite_col_text(struct db_stmt *st, int c)
{
	return (const char *)sqlite3_column_text(S(st), c);
}

static const void *lite_col_blob(struct db_stmt *st, int c, size_t *n)
{
	const void *p = sqlite3_column_blob(S(st), c);
	*n = (size_t)sqlite3_column_bytes(S(st), c);
	return p;
}

static bool lite_col_null(struct db_stmt *st, int c)
{
	return sqlite3_column_type(S(st), c) == SQLITE_NULL;
}

static void lite_finalize(struct db_stmt *stmt)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)stmt;

	if (st->sql) {
		sqlite3_reset(st->h);
		sqlite3_clear_bindings(st->h);
		st->busy = false;
		return;
	}
	sqlite3_finalize(st->h);
	free(st);
}

static const char *lite_error(struct db *db)
{
	return sqlite3_errmsg(H(db));
}

static int64_t lite_changes(struct db *db)
{
	return sqlite3_changes64(H(db));
}

static bool lite_conflict(struct db *db)
{
	int e = sqlite3_extended_errcode(H(db));
	return e == SQLITE_CONSTRAINT_UNIQUE || e == SQLITE_CONSTRAINT_PRIMARYKEY;
}

static int lite_backup(struct db *db, const char *path)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(H(db), "VACUUM INTO ?", -1, &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int lite_prepare_once(struct db *db, const char *sql,
			     struct db_stmt **out)
{
	struct sqlite_stmt *st = xcalloc(1, sizeof(*st));

	st->base.db = db;
	if (sqlite3_prepare_v2(H(db), sql, -1, &st->h, NULL) != SQLITE_OK) {
		free(st);
		*out = NULL;
		return -1;
	}
	*out = &st->base;
	return 0;
}

static void lite_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

static int lite_columns(struct db_stmt *st)
{
	return sqlite3_column_count(S(st));
}

static const char *lite_col_name(struct db_stmt *st, int c)
{
	return sqlite3_column_name(S(st), c);
}

/* The column's affinity, by SQLite's rules for declared types. */
static enum db_kind lite_col_kind(struct db_stmt *st, int c)
{
	const char *t = sqlite3_column_decltype(S(st), c);

	if (!t || !*t)
		return DB_BLOB;
	if (sqlite3_strlike("%INT%", t, 0) == 0)
		return DB_INTEGER;
	if (sqlite3_strlike("%CHAR%", t, 0) == 0 ||
	    sqlite3_strlike("%CLOB%", t, 0) == 0 ||
	    sqlite3_strlike("%TEXT%", t, 0) == 0)
		return DB_TEXT;
	if (sqlite3_strlike("%BLOB%", t, 0) == 0)
		return DB_BLOB;
	if (sqlite3_strlike("%REAL%", t, 0) == 0 ||
	    sqlite3_strlike("%FLOA%", t, 0) == 0 ||
	    sqlite3_strlike("%DOUB%", t, 0) == 0)
		return DB_FLOAT;
	return DB_FLOAT;	/* NUMERIC affinity */
}

const struct db_driver db_sqlite = {
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.prepare = lite_prepare,
	.bind_int = lite_bind_int,
	.bind_double = lite_bind_double,
	.bind_text = lite_bind_text,
	.bind_blob = lite_bind_blob,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
	.col_text = lite_col_text,
	.col_blob = lite_col_blob,
	.col_null = lite_col_null,
	.finalize = lite_finalize,
	.error = lite_error,
	.changes = lite_changes,
	.conflict = lite_conflict,
	.backup = lite_backup,
	.prepare_once = lite_prepare_once,
	.reset = lite_reset,
	.columns = lite_columns,
	.col_name = lite_col_name,
	.col_kind = lite_col_kind,
	.tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table' "
		      "AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name",
};
