/*
 * db.h: the database driver beneath the store: connections, transactions
 * and prepared statements with bound parameters, the same for every
 * backend. Only src/store/ includes this file.
 *
 * SQL written for it uses '?' placeholders and the subset of SQL that
 * SQLite and PostgreSQL share; a driver translates what it must.
 */
#ifndef WM_DB_H
#define WM_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* What a result column holds, from its declared type. */
enum db_kind { DB_INTEGER, DB_FLOAT, DB_TEXT, DB_BLOB };

/* A backend: one per file in src/store/ (sqlite.c, ...). */
struct db_driver {
	const char *name;
	int (*open)(const char *target, struct db **out, char **errmsg);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	int (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_double)(struct db_stmt *st, int idx, double v);
	int (*bind_text)(struct db_stmt *st, int idx, const char *s);
	int (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int col);
	double (*col_double)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	const void *(*col_blob)(struct db_stmt *st, int col, size_t *n);
	bool (*col_null)(struct db_stmt *st, int col);
	void (*finalize)(struct db_stmt *st);
	const char *(*error)(struct db *db);
	int64_t (*changes)(struct db *db);
	/* whether the last failure broke a unique or primary key */
	bool (*conflict)(struct db *db);
	/* whether the last failure was the database being out of reach
	 * (NULL: never) */
	bool (*unavailable)(struct db *db);
	/* copy the database to path before a migration (NULL: the engine
	 * has no such copy, and its migrations are transactional) */
	int (*backup)(struct db *db, const char *path);
	/* prepare sql (copied) for this use only: never kept for reuse */
	int (*prepare_once)(struct db *db, const char *sql,
			    struct db_stmt **out);
	/* make a stepped statement ready to be bound and run again */
	void (*reset)(struct db_stmt *st);
	int (*columns)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int col);
	enum db_kind (*col_kind)(struct db_stmt *st, int col);
	/* the query that lists the schema's tables, one name a row */
	const char *tables_sql;
	/* move table's id generator past the largest id in column (NULL:
	 * the engine does so by itself) */
	int (*sequence_past)(struct db *db, const char *table,
			     const char *column);
};

extern const struct db_driver db_sqlite;
extern const struct db_driver db_postgresql;

/*
 * Every struct db starts with its driver so that the generic functions
 * below can dispatch.
 */
struct db {
	const struct db_driver *drv;
};
struct db_stmt {
	struct db *db;
};

/*
 * Open target: a postgresql:// or postgres:// URI selects PostgreSQL, a
 * file path SQLite. Returns 0, or -1 with *errmsg
 * set to an allocated message (free it).
 */
int db_open(const char *target, struct db **out, char **errmsg);
/* Whether target names a PostgreSQL database. */
bool db_is_postgresql(const char *target);
void db_close(struct db *db);

/* Run SQL without parameters (several statements allowed). 0 or -1. */
int db_exec(struct db *db, const char *sql);

/*
 * Prepare sql and bind its parameters from fmt, one character each:
 * (sql must be a string literal: drivers may keep the prepared statement
 * for reuse keyed by its address.)
 * 'i' int64_t, 'b' bool (as int), 'd' double, 's' const char * (NULL
 * binds NULL), 'B' a blob as (const void *, size_t). Returns 0, or -1
 * (the statement is not created; db_error says why).
 */
int db_query(struct db *db, struct db_stmt **out, const char *sql,
	     const char *fmt, ...);
/* Prepare, bind, step to completion and finalize. 0 or -1. */
int db_run(struct db *db, const char *sql, const char *fmt, ...);

/*
 * Prepare sql, a text built at run time (it is copied, and the statement
 * is never kept for reuse as string literals are). Bind with the
 * db_bind_* functions; after stepping, db_reset makes it ready to be
 * bound and run again. 0, or -1 (db_error says why).
 */
int db_prepare_once(struct db *db, const char *sql, struct db_stmt **out);
/* Bind parameter idx (from 1). 0 or -1. */
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
/* s NULL binds NULL. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
int db_bind_null(struct db_stmt *st, int idx);
void db_reset(struct db_stmt *st);

/* Step: DB_ROW, DB_DONE or DB_ERROR. Columns count from 0. */
int db_step(struct db_stmt *st);
int64_t db_int(struct db_stmt *st, int col);
double db_double(struct db_stmt *st, int col);
/* The text of col, or "" for NULL; valid until the next step. */
const char *db_text(struct db_stmt *st, int col);
/* An allocated copy of the text of col (NULL for NULL). */
char *db_strdup(struct db_stmt *st, int col);
const void *db_blob(struct db_stmt *st, int col, size_t *n);
bool db_null(struct db_stmt *st, int col);
void db_finalize(struct db_stmt *st);
const char *db_error(struct db *db);
/* True if the last failure was a unique or primary key violation. */
bool db_conflict(struct db *db);
/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);
/* True if the last failure was the database being out of reach. */
bool db_unavailable(struct db *db);
/* Whether db_backup can copy this database. */
bool db_can_backup(struct db *db);
int db_backup(struct db *db, const char *path);
/*
 * A result's columns: how many, their names and what they hold (by their
 * declared types, the same for every row). Valid once db_step has
 * returned DB_ROW or DB_DONE.
 */
int db_columns(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);
enum db_kind db_column_kind(struct db_stmt *st, int col);
/*
 * The names of the tables in db's schema (allocated; free each and the
 * array). 0, or -1.
 */
int db_tables(struct db *db, char ***names, size_t *n);
/*
 * After rows were inserted with their ids given: make the ids the
 * database generates for table continue past the largest in column.
 * 0, or -1.
 */
int db_sequence_past(struct db *db, const char *table, const char *column);
/* The driver's name: "sqlite" or "postgresql". */
const char *db_driver_name(struct db *db);

#endif
