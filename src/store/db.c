/* db.c: the backend-neutral half of the database driver. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lib/xalloc.h"

int db_open(const char *target, struct db **out, char **errmsg)
{
	*out = NULL;
	*errmsg = NULL;
	if (db_is_postgresql(target))
		return db_postgresql.open(target, out, errmsg);
	return db_sqlite.open(target, out, errmsg);
}

void db_close(struct db *db)
{
	if (db)
		db->drv->close(db);
}

int db_exec(struct db *db, const char *sql)
{
	return db->drv->exec(db, sql);
}

static int bind_all(struct db_stmt *st, const char *fmt, va_list ap)
{
	const struct db_driver *d = st->db->drv;
	int rc = 0;

	for (int i = 1; fmt && *fmt && rc == 0; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = d->bind_int(st, i, va_arg(ap, int64_t));
			break;
		case 'b':
			rc = d->bind_int(st, i, va_arg(ap, int) ? 1 : 0);
			break;
		case 'd':
			rc = d->bind_double(st, i, va_arg(ap, double));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			rc = s ? d->bind_text(st, i, s) : d->bind_null(st, i);
			break;
		}
		case 'B': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = d->bind_blob(st, i, p, n);
			break;
		}
		default:
			rc = -1;
		}
	}
	return rc;
}

static int vquery(struct db *db, struct db_stmt **out, const char *sql,
		  const char *fmt, va_list ap)
{
	if (db->drv->prepare(db, sql, out))
		return -1;
	if (bind_all(*out, fmt, ap)) {
		db->drv->finalize(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int db_query(struct db *db, struct db_stmt **out, const char *sql,
	     const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vquery(db, out, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int db_run(struct db *db, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vquery(db, &st, sql, fmt, ap);
	va_end(ap);
	if (rc)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_finalize(st);
	return rc == DB_DONE ? 0 : -1;
}

int db_step(struct db_stmt *st)
{
	return st->db->drv->step(st);
}

int64_t db_int(struct db_stmt *st, int col)
{
	return st->db->drv->col_int(st, col);
}

double db_double(struct db_stmt *st, int col)
{
	return st->db->drv->col_double(st, col);
}

const char *db_text(struct db_stmt *st, int col)
{
	const char *s = st->db->drv->col_text(st, col);
	return s ? s : "";
}

char *db_strdup(struct db_stmt *st, int col)
{
	const char *s = st->db->drv->col_text(st, col);
	return s ? xstrdup(s) : NULL;
}

const void *db_blob(struct db_stmt *st, int col, size_t *n)
{
	return st->db->drv->col_blob(st, col, n);
}

bool db_null(struct db_stmt *st, int col)
{
	return st->db->drv->col_null(st, col);
}

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->db->drv->finalize(st);
}

const char *db_error(struct db *db)
{
	return db->drv->error(db);
}

bool db_conflict(struct db *db)
{
	return db->drv->conflict(db);
}

int64_t db_changes(struct db *db)
{
	return db->drv->changes(db);
}

bool db_unavailable(struct db *db)
{
	return db->drv->unavailable && db->drv->unavailable(db);
}

bool db_can_backup(struct db *db)
{
	return db->drv->backup != NULL;
}

int db_backup(struct db *db, const char *path)
{
	return db->drv->backup ? db->drv->backup(db, path) : -1;
}

const char *db_driver_name(struct db *db)
{
	return db->drv->name;
}

bool db_is_postgresql(const char *target)
{
	return !strncmp(target, "postgresql://", 13) ||
	       !strncmp(target, "postgres://", 11);
}

int db_prepare_once(struct db *db, const char *sql, struct db_stmt **out)
{
	return db->drv->prepare_once(db, sql, out);
}

int db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->drv->bind_int(st, idx, v);
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
	return st->db->drv->bind_double(st, idx, v);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return s ? st->db->drv->bind_text(st, idx, s) : db_bind_null(st, idx);
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	/* a NULL pointer would bind NULL, not an empty blob */
	return st->db->drv->bind_blob(st, idx, p ? p : "", n);
}

int db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->drv->bind_null(st, idx);
}

void db_reset(struct db_stmt *st)
{
	st->db->drv->reset(st);
}

int db_columns(struct db_stmt *st)
{
	return st->db->drv->columns(st);
}

const char *db_column_name(struct db_stmt *st, int col)
{
	return st->db->drv->col_name(st, col);
}

enum db_kind db_column_kind(struct db_stmt *st, int col)
{
	return st->db->drv->col_kind(st, col);
}

int db_tables(struct db *db, char ***names, size_t *n)
{
	struct db_stmt *q;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*n = 0;
	if (db_prepare_once(db, db->drv->tables_sql, &q))
		return -1;
	while ((rc = db_step(q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(db_text(q, 0));
	}
	db_finalize(q);
	if (rc == DB_ERROR) {
		for (size_t i = 0; i < *n; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int db_sequence_past(struct db *db, const char *table, const char *column)
{
	return db->drv->sequence_past ?
	       db->drv->sequence_past(db, table, column) : 0;
}
