/*
 * testdb.h: where the unit tests keep their stores. By default a file in
 * the test's temporary folder; when WAYMARK_TEST_PG names a PostgreSQL
 * server (tests/run.sh sets it for its PostgreSQL pass), a database of
 * its own on that server for each name, so that the same tests run
 * against both backends.
 */
#ifndef WM_TESTDB_H
#define WM_TESTDB_H

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The server's URI, or NULL when the tests run on SQLite. */
static inline const char *testdb_pg(void)
{
	const char *s = getenv("WAYMARK_TEST_PG");

	return s && *s ? s : NULL;
}

/* Run one command on the server's own database; exits on failure. */
static inline void testdb_admin(const char *sql)
{
	PGconn *c = PQconnectdb(testdb_pg());
	PGresult *res = NULL;

	if (PQstatus(c) == CONNECTION_OK)
		res = PQexec(c, sql);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(c));
		exit(1);
	}
	PQclear(res);
	PQfinish(c);
}

#define TESTDB_MAX 64
static char testdb_names[TESTDB_MAX][64];

/* The PostgreSQL database for name: t_PID_N, made on first use. */
static inline const char *testdb_pg_target(const char *name, int fresh)
{
	static char target[256];
	const char *uri = testdb_pg(), *slash = strrchr(uri, '/');
	char sql[128];
	int i;

	for (i = 0; i < TESTDB_MAX && testdb_names[i][0]; i++)
		if (!strcmp(testdb_names[i], name))
			break;
	if (i == TESTDB_MAX) {
		fprintf(stderr, "testdb: more than %d stores\n", TESTDB_MAX);
		exit(1);
	}
	if (!testdb_names[i][0] || fresh) {
		if (testdb_names[i][0]) {
			snprintf(sql, sizeof(sql), "DROP DATABASE t_%d_%d "
				 "WITH (FORCE)", (int)getpid(), i);
			testdb_admin(sql);
		}
		snprintf(testdb_names[i], sizeof(testdb_names[i]), "%s", name);
		snprintf(sql, sizeof(sql), "CREATE DATABASE t_%d_%d",
			 (int)getpid(), i);
		testdb_admin(sql);
	}
	snprintf(target, sizeof(target), "%.*s/t_%d_%d",
		 (int)(slash - uri), uri, (int)getpid(), i);
	return target;
}

/*
 * The store target for name: dir/name, or the PostgreSQL database made
 * for name the first time it is asked for. A static buffer.
 */
static inline const char *testdb(const char *dir, const char *name)
{
	static char path[256];

	if (testdb_pg())
		return testdb_pg_target(name, 0);
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	return path;
}

/* The same, emptied first: the file removed, or the database made anew. */
static inline const char *testdb_fresh(const char *dir, const char *name)
{
	if (testdb_pg())
		return testdb_pg_target(name, 1);
	unlink(testdb(dir, name));
	return testdb(dir, name);
}

/*
 * Run sql on target behind the store's back, as an older waymark would
 * have written it. Returns 0 on success.
 */
static inline int testdb_exec(const char *target, const char *sql)
{
	if (testdb_pg()) {
		PGconn *c = PQconnectdb(target);
		PGresult *res = PQexec(c, sql);
		int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;

		if (rc)
			fprintf(stderr, "testdb: %s", PQerrorMessage(c));
		PQclear(res);
		PQfinish(c);
		return rc;
	} else {
		sqlite3 *h;
		int rc = sqlite3_open(target, &h) == SQLITE_OK &&
			 sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;

		sqlite3_close(h);
		return rc;
	}
}

#endif
