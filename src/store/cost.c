/*
 * cost.c: the cost model: its frame (first year and horizon) and its
 * items, each a cost or a benefit's value over the programme's years.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

int store_cost_model_get(struct store *st, int64_t project,
			 int64_t *first_year, int64_t *horizon)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT first_year, horizon FROM cost_model "
		     "WHERE project_id = ?", "i", project))
		return store_fail(st, "cannot read the cost model");
	rc = db_step(q);
	if (rc == DB_ROW) {
		*first_year = db_int(q, 0);
		*horizon = db_int(q, 1);
	}
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the cost model");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_cost_model_set(struct store *st, int64_t project,
			 int64_t first_year, int64_t horizon)
{
	if (db_run(st->db, "INSERT INTO cost_model (project_id, first_year, "
		   "horizon) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE "
		   "SET first_year = excluded.first_year, horizon = "
		   "excluded.horizon", "iii", project, first_year, horizon))
		return store_write_failed(st, "cannot set the cost model");
	return store_project_touch(st, project);
}

#define ITEM_COLS "id, project_id, name, flow, category, kind, start_year, " \
	"end_year, refresh, ramp, low, expected, high, benefit_id, created, " \
	"updated, version"

static void from_row(struct db_stmt *q, struct cost_item *c)
{
	c->id = db_int(q, 0);
	c->project = db_int(q, 1);
	c->name = db_strdup(q, 2);
	c->flow = db_strdup(q, 3);
	c->category = db_strdup(q, 4);
	c->kind = db_strdup(q, 5);
	c->start_year = db_int(q, 6);
	c->end_year = db_null(q, 7) ? 0 : db_int(q, 7);
	c->refresh = db_null(q, 8) ? 0 : db_int(q, 8);
	c->ramp = db_int(q, 9);
	c->low = db_double(q, 10);
	c->expected = db_double(q, 11);
	c->high = db_double(q, 12);
	c->benefit = db_null(q, 13) ? 0 : db_int(q, 13);
	c->created = db_strdup(q, 14);
	c->updated = db_strdup(q, 15);
	c->version = db_int(q, 16);
}

static int insert(struct store *st, struct cost_item *c)
{
	struct db_stmt *q;
	int rc;

	free(c->created);
	free(c->updated);
	c->created = store_now();
	c->updated = xstrdup(c->created);
	if (db_query(st->db, &q, "INSERT INTO cost_item (project_id, name, flow, "
		     "category, kind, start_year, end_year, refresh, ramp, low, "
		     "expected, high, benefit_id, created, updated) VALUES (?, ?, "
		     "?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, "
		     "?, NULLIF(?, 0), ?, ?) RETURNING id",
		     "issssiiiidddiss", c->project, c->name, c->flow,
		     c->category, c->kind, c->start_year, c->end_year,
		     c->refresh, c->ramp, c->low, c->expected, c->high,
		     c->benefit, c->created, c->updated))
		return store_fail(st, "cannot add the cost item");
	rc = db_step(q);
	if (rc == DB_ROW) {
		c->id = db_int(q, 0);
		c->version = 1;
	}
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_write_failed(st, "cannot add the cost item");
}

int store_cost_items_add(struct store *st, int64_t project,
			 struct cost_item *v, size_t n)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		v[i].project = project;
		if ((rc = insert(st, &v[i])))
			return rc;
	}
	return store_project_touch(st, project);
}

int store_cost_item_get(struct store *st, int64_t project, const char *key,
			struct cost_item *c)
{
	struct db_stmt *q;
	bool num = *key && strspn(key, "0123456789") == strlen(key) &&
		   strlen(key) < 19;
	int64_t id = num ? strtoll(key, NULL, 10) : -1;
	int rc;

	/* a name that looks like a number wins over the id it spells */
	if (db_query(st->db, &q, "SELECT " ITEM_COLS " FROM cost_item WHERE "
		     "project_id = ? AND (name = ? OR id = ?) ORDER BY "
		     "CASE WHEN name = ? THEN 0 ELSE 1 END LIMIT 1", "isis",
		     project, key, id, key))
		return store_fail(st, "cannot read the cost item");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, c);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the cost item");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_cost_items(struct store *st, int64_t project, struct cost_item **v,
		     size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " ITEM_COLS " FROM cost_item WHERE "
		     "project_id = ? ORDER BY flow DESC, category, name", "i",
		     project))
		return store_fail(st, "cannot list cost items");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list cost items");
}

int store_cost_item_update(struct store *st, struct cost_item *c)
{
	free(c->updated);
	c->updated = store_now();
	if (db_run(st->db, "UPDATE cost_item SET name = ?, flow = ?, category = ?, "
		   "kind = ?, start_year = ?, end_year = NULLIF(?, 0), "
		   "refresh = NULLIF(?, 0), ramp = ?, low = ?, expected = ?, "
		   "high = ?, benefit_id = NULLIF(?, 0), updated = ?, version = "
		   "version + 1 WHERE project_id = ? AND id = ? AND version = ?",
		   "ssssiiiidddisiii", c->name,
		   c->flow, c->category, c->kind, c->start_year,
		   c->end_year, c->refresh, c->ramp,
		   c->low, c->expected, c->high, c->benefit,
		   c->updated, c->project, c->id, c->version))
		return store_write_failed(st, "cannot save the cost item");
	if (!db_changes(st->db))
		return store_missed(st, "cost_item", c->project, c->id);
	c->version++;
	return store_project_touch(st, c->project);
}

int store_cost_item_delete(struct store *st, int64_t project, int64_t id)
{
	if (db_run(st->db, "DELETE FROM cost_item WHERE project_id = ? AND id = ?",
		   "ii", project, id))
		return store_fail(st, "cannot delete the cost item");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_cost_item_release(struct cost_item *c)
{
	free(c->name);
	free(c->flow);
	free(c->category);
	free(c->kind);
	free(c->created);
	free(c->updated);
	memset(c, 0, sizeof(*c));
}

void store_cost_items_free(struct cost_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_cost_item_release(&v[i]);
	free(v);
}
