/*
 * observation.c: the barrier and enabler log: observations with the
 * determinants they bear on and the road-map actions linked to them.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

/* Replace the determinants and actions of o with its lists. */
static int links_save(struct store *st, const struct observation *o)
{
	if (db_run(st->db, "DELETE FROM observation_determinant WHERE "
		   "observation_id = ?", "i", o->id) ||
	    db_run(st->db, "DELETE FROM observation_action WHERE "
		   "observation_id = ?", "i", o->id))
		return store_fail(st, "cannot save the observation's links");
	for (size_t i = 0; i < o->ndeterminants; i++)
		if (db_run(st->db, "INSERT INTO observation_determinant "
			   "(observation_id, determinant) VALUES (?, ?) ON "
			   "CONFLICT DO NOTHING", "is", o->id, o->determinants[i]))
			return store_fail(st, "cannot save the observation's "
					  "determinants");
	for (size_t i = 0; i < o->nactions; i++)
		if (db_run(st->db, "INSERT INTO observation_action "
			   "(observation_id, action) VALUES (?, ?) ON CONFLICT "
			   "DO NOTHING", "is", o->id, o->actions[i]))
			return store_fail(st, "cannot save the observation's "
					  "actions");
	return 0;
}

int store_observation_add(struct store *st, struct observation *o)
{
	struct db_stmt *q;
	int rc;

	if ((rc = store_setting_in_project(st, o->project, o->setting)))
		return rc;
	free(o->created);
	free(o->updated);
	o->created = store_now();
	o->updated = xstrdup(o->created);
	if (db_query(st->db, &q, "INSERT INTO observation (project_id, observed, "
		     "reporter, text, kind, severity, status, setting_id, created, "
		     "updated) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?) "
		     "RETURNING id", "issssisiss", o->project, o->observed,
		     o->reporter, o->text, o->kind, (int64_t)o->severity,
		     o->status, o->setting, o->created, o->updated))
		return store_fail(st, "cannot add the observation");
	rc = db_step(q);
	if (rc == DB_ROW) {
		o->id = db_int(q, 0);
		o->version = 1;
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the observation");
	if (links_save(st, o))
		return -1;
	return store_project_touch(st, o->project);
}

#define OBS_COLS "o.id, o.project_id, o.observed, o.reporter, o.text, " \
	"o.kind, o.severity, o.status, o.setting_id, s.name, o.created, " \
	"o.updated, o.version FROM observation o LEFT JOIN setting s ON s.id = o.setting_id"

static void from_row(struct db_stmt *q, struct observation *o)
{
	memset(o, 0, sizeof(*o));
	o->id = db_int(q, 0);
	o->project = db_int(q, 1);
	o->observed = db_strdup(q, 2);
	o->reporter = db_strdup(q, 3);
	o->text = db_strdup(q, 4);
	o->kind = db_strdup(q, 5);
	o->severity = (int)db_int(q, 6);
	o->status = db_strdup(q, 7);
	o->setting = db_null(q, 8) ? 0 : db_int(q, 8);
	o->setting_name = db_null(q, 9) ? NULL : db_strdup(q, 9);
	o->created = db_strdup(q, 10);
	o->updated = db_strdup(q, 11);
	o->version = db_int(q, 12);
}

/* The observation of v (sorted by id) with id, or NULL. */
static struct observation *by_id(struct observation *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Attach the determinants (which 0) or actions (1) of the project's
 * observations (id 0) or of one (id > 0) to v, sorted by id.
 */
static int links_read(struct store *st, int64_t project, int64_t id,
		      int which, struct observation *v, size_t n)
{
	struct db_stmt *q;
	int rc;

	if (which == 0)
		rc = db_query(st->db, &q, "SELECT l.observation_id, l.determinant "
			      "FROM observation_determinant l JOIN observation o "
			      "ON o.id = l.observation_id WHERE o.project_id = ? "
			      "AND (? = 0 OR o.id = ?) ORDER BY l.observation_id, "
			      "l.determinant", "iii", project, id, id);
	else
		rc = db_query(st->db, &q, "SELECT l.observation_id, l.action "
			      "FROM observation_action l JOIN observation o "
			      "ON o.id = l.observation_id WHERE o.project_id = ? "
			      "AND (? = 0 OR o.id = ?) ORDER BY l.observation_id, "
			      "l.action", "iii", project, id, id);
	if (rc)
		return store_fail(st, "cannot read the observations' links");
	while ((rc = db_step(q)) == DB_ROW) {
		struct observation *o = by_id(v, n, db_int(q, 0));
		char ***list;
		size_t *len;

		if (!o)
			continue;
		list = which == 0 ? &o->determinants : &o->actions;
		len = which == 0 ? &o->ndeterminants : &o->nactions;
		*list = xrealloc(*list, (*len + 1) * sizeof(**list));
		(*list)[(*len)++] = db_strdup(q, 1);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 :
	       store_fail(st, "cannot read the observations' links");
}

int store_observation_get(struct store *st, int64_t project, int64_t id,
			  struct observation *o)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT " OBS_COLS " WHERE o.project_id = ? "
		     "AND o.id = ?", "ii", project, id))
		return store_fail(st, "cannot read the observation");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, o);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the observation");
	if (rc != DB_ROW)
		return STORE_NOTFOUND;
	if (links_read(st, project, id, 0, o, 1) ||
	    links_read(st, project, id, 1, o, 1)) {
		store_observation_release(o);
		return -1;
	}
	return 0;
}

static int cmp_newest(const void *a, const void *b)
{
	const struct observation *x = a, *y = b;
	int c = strcmp(y->observed, x->observed);

	return c ? c : (y->id > x->id) - (y->id < x->id);
}

int store_observations(struct store *st, int64_t project, const char *status,
		       const char *kind, struct observation **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " OBS_COLS " WHERE o.project_id = ? "
		     "AND (? = '' OR o.status = ?) AND (? = '' OR o.kind = ?) "
		     "ORDER BY o.id", "issss", project, status ? status : "",
		     status ? status : "", kind ? kind : "", kind ? kind : ""))
		return store_fail(st, "cannot list observations");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	if (rc != DB_DONE || links_read(st, project, 0, 0, *v, *n) ||
	    links_read(st, project, 0, 1, *v, *n)) {
		store_observations_free(*v, *n);
		*v = NULL;
		*n = 0;
		return rc != DB_DONE ? store_fail(st, "cannot list observations")
				     : -1;
	}
	if (*n)
		qsort(*v, *n, sizeof(**v), cmp_newest);
	return 0;
}

int store_observation_update(struct store *st, struct observation *o)
{
	int rc;

	if ((rc = store_setting_in_project(st, o->project, o->setting)))
		return rc;
	free(o->updated);
	o->updated = store_now();
	if (db_run(st->db, "UPDATE observation SET observed = ?, reporter = ?, "
		   "text = ?, kind = ?, severity = ?, status = ?, setting_id = "
		   "NULLIF(?, 0), updated = ?, version = version + 1 WHERE id = ? "
		   "AND project_id = ? AND version = ?", "ssssisisiii",
		   o->observed, o->reporter, o->text, o->kind,
		   (int64_t)o->severity, o->status, o->setting, o->updated, o->id,
		   o->project, o->version))
		return store_fail(st, "cannot save the observation");
	if (!db_changes(st->db))
		return store_missed(st, "observation", o->project, o->id);
	o->version++;
	if (links_save(st, o))
		return -1;
	return store_project_touch(st, o->project);
}

int store_observation_delete(struct store *st, int64_t project, int64_t id)
{
	/* the links go by ON DELETE CASCADE, but say so for any backend */
	if (db_run(st->db, "DELETE FROM observation_determinant WHERE "
		   "observation_id = (SELECT id FROM observation WHERE id = ? AND "
		   "project_id = ?)", "ii", id, project) ||
	    db_run(st->db, "DELETE FROM observation_action WHERE observation_id "
		   "= (SELECT id FROM observation WHERE id = ? AND project_id = "
		   "?)", "ii", id, project) ||
	    db_run(st->db, "DELETE FROM observation WHERE id = ? AND "
		   "project_id = ?", "ii", id, project))
		return store_fail(st, "cannot delete the observation");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_observation_release(struct observation *o)
{
	free(o->observed);
	free(o->reporter);
	free(o->text);
	free(o->kind);
	free(o->status);
	free(o->setting_name);
	store_strings_free(o->determinants, o->ndeterminants);
	store_strings_free(o->actions, o->nactions);
	free(o->created);
	free(o->updated);
	memset(o, 0, sizeof(*o));
}

void store_observations_free(struct observation *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_observation_release(&v[i]);
	free(v);
}
