/* checkpoint.c: which of a project's gate checkpoints are done, by whom, when. */
#include <stdlib.h>

#include "lib/xalloc.h"
#include "store_int.h"

int store_checkpoints(struct store *st, int64_t project,
		      struct checkpoint_done **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT checkpoint, done_by, done_at, note "
		     "FROM checkpoint_done WHERE project_id = ? ORDER BY "
		     "checkpoint", "i", project))
		return store_fail(st, "cannot read checkpoints");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[*n].checkpoint = db_strdup(q, 0);
		(*v)[*n].by = db_strdup(q, 1);
		(*v)[*n].at = db_strdup(q, 2);
		(*v)[*n].note = db_strdup(q, 3);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read checkpoints");
}

int store_checkpoint_set(struct store *st, int64_t project,
			 const char *checkpoint, const char *by,
			 const char *note)
{
	char *now;
	int rc;

	if (!by) {
		if (db_run(st->db, "DELETE FROM checkpoint_done WHERE project_id "
			   "= ? AND checkpoint = ?", "is", project, checkpoint))
			return store_fail(st, "cannot change the checkpoint");
		if (!db_changes(st->db))
			return STORE_NOTFOUND;
		return store_project_touch(st, project);
	}
	now = store_now();
	rc = db_run(st->db, "INSERT INTO checkpoint_done VALUES (?, ?, ?, ?, ?) "
		    "ON CONFLICT (project_id, checkpoint) DO UPDATE SET done_by = "
		    "excluded.done_by, done_at = excluded.done_at, note = "
		    "excluded.note", "issss", project, checkpoint, by, now,
		    note ? note : "");
	free(now);
	if (rc)
		return store_fail(st, "cannot change the checkpoint");
	return store_project_touch(st, project);
}

void store_checkpoints_free(struct checkpoint_done *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].checkpoint);
		free(v[i].by);
		free(v[i].at);
		free(v[i].note);
	}
	free(v);
}
