/* copy.c: copying a whole store to another, table by table, and checksums. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/secret.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store_int.h"

/*
 * Every table of the schema (store.c's migrations), parents before the
 * tables that refer to them, with the column whose ids the database
 * generates (NULL: none). A migration that adds a table adds it here:
 * store_copy refuses a store with a table missing from this list.
 */
static const struct {
	const char *name, *id;
} tables[] = {
	{ "organisation", "id" },
	{ "project", "id" },
	{ "stakeholder_group", NULL },
	{ "stakeholder", "id" },
	{ "survey_determinant", NULL },
	{ "survey_exclusion", NULL },
	{ "survey_item", NULL },
	{ "response", "id" },
	{ "response_comment", NULL },
	{ "checkpoint_done", NULL },
	{ "user_account", "id" },
	{ "user_session", NULL },
	{ "api_token", "id" },
	{ "login_failure", NULL },
	{ "project_member", NULL },
	{ "audit_log", "id" },
	{ "survey_link", "id" },
	{ "setting", "id" },
	{ "milestone", NULL },
	{ "milestone_event", NULL },
	{ "setting_tool", NULL },
	{ "usage_figure", NULL },
	{ "observation", "id" },
	{ "observation_determinant", NULL },
	{ "observation_action", NULL },
	{ "workaround", "id" },
	{ "benefit", "id" },
	{ "benefit_measure", NULL },
	{ "cost_model", "project_id" },
	{ "cost_item", "id" },
};
#define NTABLES (sizeof(tables) / sizeof(*tables))

/*
 * Record "what 'table': the driver's message" in why; return -1. (The
 * store's target is left out: a URI may hold a password.)
 */
static int failed(struct store *st, struct strbuf *why, const char *what,
		  const char *table)
{
	sb_reset(why);
	sb_addf(why, "%s '%s': %s", what, table, db_error(st->db));
	return -1;
}

static bool known(const char *name)
{
	if (!strcmp(name, "schema_version"))
		return true;
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name))
			return true;
	return false;
}

/* 1 with why set if st (called label) has a table the list lacks. */
static int check_tables(struct store *st, const char *label,
			struct strbuf *why)
{
	char **names;
	size_t n;
	int rc = 0;

	if (db_tables(st->db, &names, &n)) {
		sb_reset(why);
		sb_addf(why, "cannot list the tables of the %s database: %s",
			label, db_error(st->db));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!rc && !known(names[i])) {
			sb_reset(why);
			sb_addf(why, "the %s database has a table '%s' that "
				"this waymark cannot copy", label, names[i]);
			rc = 1;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int count_rows(struct store *st, const char *table, int64_t *rows,
		      struct strbuf *why)
{
	struct strbuf sql = STRBUF_INIT;
	struct db_stmt *q;
	int rc;

	sb_addf(&sql, "SELECT count(*) FROM %s", table);
	rc = db_prepare_once(st->db, sql.buf, &q);
	sb_release(&sql);
	if (rc)
		return failed(st, why, "cannot count the rows of", table);
	rc = db_step(q);
	*rows = rc == DB_ROW ? db_int(q, 0) : 0;
	db_finalize(q);
	return rc == DB_ROW ? 0 : failed(st, why, "cannot count the rows of",
					 table);
}

/* 1 with why set unless every table of st is empty. */
static int check_empty(struct store *st, struct strbuf *why)
{
	for (size_t i = 0; i < NTABLES; i++) {
		int64_t rows;

		if (count_rows(st, tables[i].name, &rows, why))
			return -1;
		if (rows) {
			sb_reset(why);
			sb_addf(why, "the new database is not empty (table "
				"'%s' has %" PRId64 " row%s): copy only into "
				"an empty one", tables[i].name, rows,
				rows == 1 ? "" : "s");
			return 1;
		}
	}
	return 0;
}

/* Bind column c of row (a SELECT on one store) to ins's parameter c + 1. */
static int bind_column(struct db_stmt *ins, struct db_stmt *row, int c)
{
	const void *p;
	size_t n;

	if (db_null(row, c))
		return db_bind_null(ins, c + 1);
	switch (db_column_kind(row, c)) {
	case DB_INTEGER:
		return db_bind_int(ins, c + 1, db_int(row, c));
	case DB_FLOAT:
		return db_bind_double(ins, c + 1, db_double(row, c));
	case DB_BLOB:
		p = db_blob(row, c, &n);
		return db_bind_blob(ins, c + 1, p, n);
	case DB_TEXT:
	default:
		return db_bind_text(ins, c + 1, db_text(row, c));
	}
}

/* INSERT INTO table (the columns of row) VALUES (?, ...), on to. */
static int prepare_insert(struct store *to, const char *table,
			  struct db_stmt *row, struct db_stmt **ins)
{
	struct strbuf sql = STRBUF_INIT;
	int ncols = db_columns(row), rc;

	sb_addf(&sql, "INSERT INTO %s (", table);
	for (int c = 0; c < ncols; c++)
		sb_addf(&sql, "%s%s", c ? ", " : "", db_column_name(row, c));
	sb_adds(&sql, ") VALUES (");
	for (int c = 0; c < ncols; c++)
		sb_adds(&sql, c ? ", ?" : "?");
	sb_adds(&sql, ")");
	rc = db_prepare_once(to->db, sql.buf, ins);
	sb_release(&sql);
	return rc;
}

static int copy_table(struct store *from, struct store *to, size_t t,
		      struct strbuf *why)
{
	const char *table = tables[t].name;
	struct strbuf sql = STRBUF_INIT;
	struct db_stmt *q, *ins = NULL;
	int rc = -1, step;

	sb_addf(&sql, "SELECT * FROM %s", table);
	if (db_prepare_once(from->db, sql.buf, &q)) {
		sb_release(&sql);
		return failed(from, why, "cannot read", table);
	}
	while ((step = db_step(q)) == DB_ROW) {
		if (!ins && prepare_insert(to, table, q, &ins)) {
			failed(to, why, "cannot write", table);
			goto cleanup;
		}
		for (int c = 0; c < db_columns(q); c++)
			if (bind_column(ins, q, c)) {
				failed(to, why, "cannot write", table);
				goto cleanup;
			}
		if (db_step(ins) != DB_DONE) {
			failed(to, why, "cannot write", table);
			goto cleanup;
		}
		db_reset(ins);
	}
	if (step == DB_ERROR) {
		failed(from, why, "cannot read", table);
		goto cleanup;
	}
	if (tables[t].id && db_sequence_past(to->db, table, tables[t].id)) {
		failed(to, why, "cannot move the id sequence of", table);
		goto cleanup;
	}
	rc = 0;
cleanup:
	db_finalize(ins);
	db_finalize(q);
	sb_release(&sql);
	return rc;
}

int store_copy(struct store *from, struct store *to, struct strbuf *why)
{
	int rc;

	if (from->version != to->version) {
		sb_reset(why);
		sb_addf(why, "the old database is at schema version %d and "
			"the new one at %d", from->version, to->version);
		return 1;
	}
	if ((rc = check_tables(from, "old", why)) ||
	    (rc = check_tables(to, "new", why)) ||
	    (rc = check_empty(to, why)))
		return rc;
	for (size_t t = 0; t < NTABLES; t++)
		if (copy_table(from, to, t, why))
			return -1;
	return 0;
}

/* Write value c of row to sb as kind, length and bytes. */
static void put_value(struct strbuf *sb, struct db_stmt *row, int c)
{
	const char *s;
	size_t n;

	if (db_null(row, c)) {
		sb_adds(sb, "n;");
		return;
	}
	switch (db_column_kind(row, c)) {
	case DB_INTEGER:
		sb_addf(sb, "i%" PRId64 ";", db_int(row, c));
		return;
	case DB_FLOAT:
		sb_addf(sb, "r%.17g;", db_double(row, c));
		return;
	case DB_BLOB:
		s = db_blob(row, c, &n);
		sb_addf(sb, "b%zu:", n);
		break;
	case DB_TEXT:
	default:
		s = db_text(row, c);
		n = strlen(s);
		sb_addf(sb, "t%zu:", n);
	}
	sb_add(sb, s ? s : "", n);
	sb_addch(sb, ';');
}

/* sum += d, as little-endian numbers of SECRET_DIGEST_BYTES bytes. */
static void add_digest(unsigned char *sum, const unsigned char *d)
{
	unsigned carry = 0;

	for (size_t i = 0; i < SECRET_DIGEST_BYTES; i++) {
		carry += (unsigned)sum[i] + d[i];
		sum[i] = (unsigned char)carry;
		carry >>= 8;
	}
}

static int sum_table(struct store *st, size_t t, struct store_table_sum *s,
		     struct strbuf *why)
{
	unsigned char sum[SECRET_DIGEST_BYTES] = { 0 }, d[SECRET_DIGEST_BYTES];
	struct strbuf sql = STRBUF_INIT, row = STRBUF_INIT;
	struct db_stmt *q;
	int step;

	s->table = tables[t].name;
	s->rows = 0;
	sb_addf(&sql, "SELECT * FROM %s", s->table);
	step = db_prepare_once(st->db, sql.buf, &q);
	sb_release(&sql);
	if (step)
		return failed(st, why, "cannot read", s->table);
	while ((step = db_step(q)) == DB_ROW) {
		sb_reset(&row);
		for (int c = 0; c < db_columns(q); c++)
			put_value(&row, q, c);
		secret_digest_bytes(row.buf, row.len, d);
		add_digest(sum, d);
		s->rows++;
	}
	db_finalize(q);
	sb_release(&row);
	if (step == DB_ERROR)
		return failed(st, why, "cannot read", s->table);
	for (size_t i = 0; i < SECRET_DIGEST_BYTES; i++)
		snprintf(s->checksum + 2 * i, 3, "%02x",
			 sum[SECRET_DIGEST_BYTES - 1 - i]);
	return 0;
}

int store_table_sums(struct store *st, struct store_table_sum **v, size_t *n,
		     struct strbuf *why)
{
	*v = xcalloc(NTABLES, sizeof(**v));
	*n = NTABLES;
	for (size_t t = 0; t < NTABLES; t++)
		if (sum_table(st, t, &(*v)[t], why)) {
			free(*v);
			*v = NULL;
			*n = 0;
			return -1;
		}
	return 0;
}

int store_backup_to(struct store *st, const char *path)
{
	struct stat sb;

	if (!db_can_backup(st->db))
		return STORE_NOTFOUND;
	if (stat(path, &sb) == 0)
		return STORE_CONFLICT;
	return db_backup(st->db, path) ?
	       store_fail(st, "cannot copy the database") : 0;
}

bool store_is_postgresql(const char *target)
{
	return db_is_postgresql(target);
}
