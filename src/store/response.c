/* response.c: survey responses, kept with their answers packed by item slot. */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

static int find_slot(struct store *st, int64_t project, const char *id,
		     int64_t *slot)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT slot FROM survey_item WHERE "
		     "project_id = ? AND item = ?", "is", project, id))
		return -1;
	rc = db_step(q);
	*slot = rc == DB_ROW ? db_int(q, 0) : -1;
	db_finalize(q);
	return rc == DB_ERROR ? -1 : 0;
}

/* The project's item ids and their slots, as the survey_item table holds them. */
struct known_items {
	char **ids;
	int64_t *slots;
	size_t n, alloc;
};

static void known_release(struct known_items *k)
{
	store_strings_free(k->ids, k->n);
	free(k->slots);
}

static void known_add(struct known_items *k, const char *id, int64_t slot)
{
	if (k->n == k->alloc) {
		k->alloc = k->alloc ? 2 * k->alloc : 64;
		k->ids = xrealloc(k->ids, k->alloc * sizeof(*k->ids));
		k->slots = xrealloc(k->slots, k->alloc * sizeof(*k->slots));
	}
	k->ids[k->n] = xstrdup(id);
	k->slots[k->n++] = slot;
}

static int read_known(struct store *st, int64_t project, struct known_items *k)
{
	struct db_stmt *q;
	int rc;

	memset(k, 0, sizeof(*k));
	if (db_query(st->db, &q, "SELECT item, slot FROM survey_item WHERE "
		     "project_id = ?", "i", project))
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		known_add(k, db_text(q, 0), db_int(q, 1));
	db_finalize(q);
	return rc == DB_ERROR ? -1 : 0;
}

/*
 * One read of every slot the project has (a survey has tens of items: a
 * look along the list costs less than a query per item, which on a
 * networked database is a round trip each), then an insert only for an
 * item not seen before.
 */
int store_items(struct store *st, int64_t project, char *const *ids,
		size_t n, size_t *slots, bool add)
{
	struct known_items k;
	bool added = false;

	if (read_known(st, project, &k)) {
		known_release(&k);
		return store_fail(st, "cannot read the survey's items");
	}
	for (size_t i = 0; i < n; i++) {
		int64_t slot = -1;

		for (size_t j = 0; j < k.n && slot < 0; j++)
			if (!strcmp(k.ids[j], ids[i]))
				slot = k.slots[j];
		if (slot < 0 && !add) {
			slots[i] = STORE_NO_SLOT;
			continue;
		}
		if (slot < 0) {
			if (db_run(st->db, "INSERT INTO survey_item (project_id, "
				   "slot, item) SELECT ?, coalesce(max(slot) + 1, 0), ? "
				   "FROM survey_item WHERE project_id = ?", "isi",
				   project, ids[i], project) ||
			    find_slot(st, project, ids[i], &slot)) {
				known_release(&k);
				return store_fail(st, "cannot add the survey's items");
			}
			added = true;
			known_add(&k, ids[i], slot);
		}
		slots[i] = (size_t)slot;
	}
	known_release(&k);
	return added ? store_project_touch(st, project) : 0;
}

int store_response_exists(struct store *st, int64_t project,
			  const char *ext_id, bool *exists)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT 1 FROM response WHERE project_id = ? "
		     "AND ext_id = ?", "is", project, ext_id))
		return store_fail(st, "cannot look up the response");
	rc = db_step(q);
	db_finalize(q);
	*exists = rc == DB_ROW;
	return rc == DB_ERROR ? store_fail(st, "cannot look up the response") : 0;
}

int store_response_add(struct store *st, int64_t project, int64_t round,
		       const char *ext_id, const char *grp,
		       const unsigned char *answers, size_t nanswers,
		       char *const *comments)
{
	struct db_stmt *q;
	char *now = store_now();
	int64_t id = 0;
	int rc;

	rc = db_query(st->db, &q, "INSERT INTO response (project_id, round, "
		      "ext_id, grp, received, answers) VALUES (?,?,?,?,?,?) "
		      "RETURNING id", "iisssB", project, round, ext_id, grp, now,
		      (const void *)answers, nanswers);
	free(now);
	if (rc)
		return store_fail(st, "cannot keep the response");
	rc = db_step(q);
	if (rc == DB_ROW)
		id = db_int(q, 0);
	db_finalize(q);
	if (rc != DB_ROW) {
		store_fail(st, "cannot keep the response");
		return db_conflict(st->db) ? STORE_CONFLICT : -1;
	}
	for (size_t i = 0; comments && i < nanswers; i++)
		if (comments[i] && db_run(st->db, "INSERT INTO response_comment "
					  "VALUES (?, ?, ?)", "iis", id,
					  (int64_t)i, comments[i]))
			return store_fail(st, "cannot keep the response's comments");
	return store_project_touch(st, project);
}

int store_responses(struct store *st, int64_t project, int64_t round,
		    response_fn fn, void *ctx)
{
	struct db_stmt *q;
	int rc, stop = 0;

	if (db_query(st->db, &q, "SELECT id, ext_id, round, grp, answers FROM "
		     "response WHERE project_id = ? AND (? = 0 OR round = ?) "
		     "ORDER BY id", "iii", project, round, round))
		return store_fail(st, "cannot read responses");
	while (!stop && (rc = db_step(q)) == DB_ROW) {
		struct stored_response r;
		r.id = db_int(q, 0);
		r.ext_id = (char *)db_text(q, 1);
		r.round = db_int(q, 2);
		r.grp = (char *)db_text(q, 3);
		r.answers = (unsigned char *)db_blob(q, 4, &r.nanswers);
		stop = fn(&r, ctx);
	}
	db_finalize(q);
	if (stop)
		return stop;
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read responses");
}

int store_rounds(struct store *st, int64_t project, int64_t **rounds,
		 int64_t **counts, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0, count_alloc = 0;
	int rc;

	*rounds = *counts = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT round, count(*) FROM response WHERE "
		     "project_id = ? GROUP BY round ORDER BY round", "i", project))
		return store_fail(st, "cannot read rounds");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*rounds, alloc, *n + 1);
		XGROW(*counts, count_alloc, *n + 1);
		(*rounds)[*n] = db_int(q, 0);
		(*counts)[*n] = db_int(q, 1);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read rounds");
}
