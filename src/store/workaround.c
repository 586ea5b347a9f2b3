/*
 * workaround.c: the workaround and mismatch log: where staff work around
 * the system, or where its picture and clinical reality diverge.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

/* The setting's name ("" for none), as get and list give it. */
static void setting_name_set(struct store *st, struct workaround *w)
{
	struct db_stmt *q;

	free(w->setting_name);
	w->setting_name = NULL;
	if (w->setting && !db_query(st->db, &q, "SELECT name FROM setting "
				    "WHERE id = ?", "i", w->setting)) {
		if (db_step(q) == DB_ROW)
			w->setting_name = db_strdup(q, 0);
		db_finalize(q);
	}
	if (!w->setting_name)
		w->setting_name = xstrdup("");
}

int store_workaround_add(struct store *st, struct workaround *w)
{
	struct db_stmt *q;
	int rc;

	if ((rc = store_setting_in_project(st, w->project, w->setting)))
		return rc;
	free(w->created);
	free(w->updated);
	w->created = store_now();
	w->updated = xstrdup(w->created);
	if (db_query(st->db, &q, "INSERT INTO workaround (project_id, kind, "
		     "description, setting_id, harm, frequency, status, observed, "
		     "reporter, created, updated) VALUES (?, ?, ?, (SELECT id FROM "
		     "setting WHERE id = ?), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "issiiisssss", w->project, w->kind, w->description,
		     w->setting, w->harm, w->frequency, w->status, w->observed,
		     w->reporter, w->created, w->updated))
		return store_fail(st, "cannot add the workaround");
	rc = db_step(q);
	if (rc == DB_ROW) {
		w->id = db_int(q, 0);
		w->version = 1;
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the workaround");
	setting_name_set(st, w);
	return store_project_touch(st, w->project);
}

#define WORKAROUND_COLS "w.id, w.project_id, w.kind, w.description, " \
	"w.setting_id, s.name, w.harm, w.frequency, w.status, w.observed, " \
	"w.reporter, w.created, w.updated, w.version"

static void from_row(struct db_stmt *q, struct workaround *w)
{
	w->id = db_int(q, 0);
	w->project = db_int(q, 1);
	w->kind = db_strdup(q, 2);
	w->description = db_strdup(q, 3);
	w->setting = db_null(q, 4) ? 0 : db_int(q, 4);
	w->setting_name = xstrdup(db_text(q, 5));
	w->harm = db_int(q, 6);
	w->frequency = db_int(q, 7);
	w->status = db_strdup(q, 8);
	w->observed = db_strdup(q, 9);
	w->reporter = db_strdup(q, 10);
	w->created = db_strdup(q, 11);
	w->updated = db_strdup(q, 12);
	w->version = db_int(q, 13);
}

int store_workaround_get(struct store *st, int64_t project, int64_t id,
			 struct workaround *w)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT " WORKAROUND_COLS " FROM workaround w "
		     "LEFT JOIN setting s ON s.id = w.setting_id WHERE "
		     "w.project_id = ? AND w.id = ?", "ii", project, id))
		return store_fail(st, "cannot read the workaround");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, w);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the workaround");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_workarounds(struct store *st, int64_t project,
		      struct workaround **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " WORKAROUND_COLS " FROM workaround w "
		     "LEFT JOIN setting s ON s.id = w.setting_id WHERE "
		     "w.project_id = ? ORDER BY w.id", "i", project))
		return store_fail(st, "cannot list workarounds");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list workarounds");
}

int store_workaround_update(struct store *st, struct workaround *w)
{
	char *now;
	int rc;

	if ((rc = store_setting_in_project(st, w->project, w->setting)))
		return rc;
	now = store_now();
	rc = db_run(st->db, "UPDATE workaround SET kind = ?, description = ?, "
		    "setting_id = (SELECT id FROM setting WHERE id = ?), harm = ?, "
		    "frequency = ?, status = ?, observed = ?, reporter = ?, "
		    "updated = ?, version = version + 1 WHERE project_id = ? AND "
		    "id = ? AND version = ?", "ssiiissssiii", w->kind,
		    w->description, w->setting, w->harm, w->frequency, w->status,
		    w->observed, w->reporter, now, w->project, w->id, w->version);
	if (rc) {
		free(now);
		return store_write_failed(st, "cannot save the workaround");
	}
	if (!db_changes(st->db)) {
		free(now);
		return store_missed(st, "workaround", w->project, w->id);
	}
	w->version++;
	free(w->updated);
	w->updated = now;
	setting_name_set(st, w);
	return store_project_touch(st, w->project);
}

int store_workaround_delete(struct store *st, int64_t project, int64_t id)
{
	if (db_run(st->db, "DELETE FROM workaround WHERE project_id = ? AND "
		   "id = ?", "ii", project, id))
		return store_fail(st, "cannot delete the workaround");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_workaround_release(struct workaround *w)
{
	free(w->kind);
	free(w->description);
	free(w->setting_name);
	free(w->status);
	free(w->observed);
	free(w->reporter);
	free(w->created);
	free(w->updated);
	memset(w, 0, sizeof(*w));
}

void store_workarounds_free(struct workaround *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_workaround_release(&v[i]);
	free(v);
}
