/* store_int.h: what the store's files share; not for callers. */
#ifndef WM_STORE_INT_H
#define WM_STORE_INT_H

#include "db.h"
#include "lib/strbuf.h"
#include "store.h"

struct store {
	struct db *db;
	char *target;
	int version;
	char *backup;		/* copy taken before migrating, or NULL */
	struct strbuf err;	/* the last error, if set by the store */
};

/* Record "what: <driver message>" as the error and return -1. */
int store_fail(struct store *st, const char *what);
/* The current time as ISO 8601 UTC (allocated). */
char *store_now(void);
/*
 * Record a failed write as store_fail does; return STORE_CONFLICT if it
 * broke a unique or primary key, else -1.
 */
int store_write_failed(struct store *st, const char *what);
/*
 * Raise project's revision by one: every function that changes a
 * project's data calls this after the change. 0, or -1 (error recorded).
 */
int store_project_touch(struct store *st, int64_t project);
/*
 * After an update of table (by id, and project_id unless project is 0)
 * that changed no row: STORE_STALE if the record is there (its version
 * moved on), STORE_NOTFOUND if not, -1 on error.
 */
int store_missed(struct store *st, const char *table, int64_t project,
		 int64_t id);

/*
 * The one rule of who sees what (store_project_access), as an SQL
 * expression over a row of the table project: the role, 0 to 3, of the
 * user whose id is bound to both its '?'s.
 */
#define STORE_ACCESS_ROLE "(CASE WHEN EXISTS (SELECT 1 FROM user_account a " \
	"WHERE a.id = ? AND (a.admin = 1 OR (a.org_admin = 1 AND " \
	"a.organisation_id = project.organisation_id))) THEN 3 ELSE " \
	"COALESCE((SELECT m.role FROM project_member m WHERE m.project_id = " \
	"project.id AND m.user_id = ?), 0) END)"

/* The columns store_project_from_row reads, in its order. */
#define STORE_PROJECT_COLS "id, name, title, technology, care_settings, " \
	"sites, staff, settings, partners, device_model, adoption, step, " \
	"notes, anonymity, created, updated, platforms, dedicated_staff, " \
	"version"
#define STORE_PROJECT_NCOLS 19
/* Fill p (overwritten, not released) from a row starting with those columns. */
void store_project_from_row(struct db_stmt *q, struct project *p);

/*
 * Read the rows of q, a query of (id, title), into *v and *n (which the
 * caller zeroed) and finalize q. Returns 0, or store_fail(st, what).
 */
int store_read_groups(struct store *st, struct db_stmt *q, struct group **v,
		      size_t *n, const char *what);

/*
 * 0 if setting is 0 (none) or one of project's settings, else
 * STORE_NOTFOUND; -1 with the error recorded if it cannot be read.
 */
int store_setting_in_project(struct store *st, int64_t project,
			     int64_t setting);

#endif
