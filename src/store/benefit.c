/*
 * benefit.c: benefit profiles and their measurements.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

#define BENEFIT_COLS "id, project_id, name, metric, unit, owner, baseline, " \
	"baseline_date, target, target_date, schedule, cash_releasing, " \
	"created, updated, version"

static void from_row(struct db_stmt *q, struct benefit *b)
{
	b->id = db_int(q, 0);
	b->project = db_int(q, 1);
	b->name = db_strdup(q, 2);
	b->metric = db_strdup(q, 3);
	b->unit = db_strdup(q, 4);
	b->owner = db_strdup(q, 5);
	b->baseline = db_double(q, 6);
	b->baseline_date = db_strdup(q, 7);
	b->target = db_double(q, 8);
	b->target_date = db_strdup(q, 9);
	b->schedule = db_strdup(q, 10);
	b->cash_releasing = db_int(q, 11) != 0;
	b->created = db_strdup(q, 12);
	b->updated = db_strdup(q, 13);
	b->version = db_int(q, 14);
}

int store_benefit_add(struct store *st, struct benefit *b)
{
	struct db_stmt *q;
	int rc;

	free(b->created);
	free(b->updated);
	b->created = store_now();
	b->updated = xstrdup(b->created);
	if (db_query(st->db, &q, "INSERT INTO benefit (project_id, name, metric, "
		     "unit, owner, baseline, baseline_date, target, target_date, "
		     "schedule, cash_releasing, created, updated) VALUES (?, ?, ?, "
		     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", "issssdsdssbss",
		     b->project, b->name, b->metric, b->unit, b->owner,
		     b->baseline, b->baseline_date, b->target, b->target_date,
		     b->schedule, b->cash_releasing, b->created, b->updated))
		return store_fail(st, "cannot add the benefit");
	rc = db_step(q);
	if (rc == DB_ROW) {
		b->id = db_int(q, 0);
		b->version = 1;
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the benefit");
	return store_project_touch(st, b->project);
}

/* Whether key is written as a whole positive number. */
static bool is_number(const char *key)
{
	return *key && strspn(key, "0123456789") == strlen(key) &&
	       strlen(key) < 19;
}

int store_benefit_get(struct store *st, int64_t project, const char *key,
		      struct benefit *b)
{
	struct db_stmt *q;
	int64_t id = is_number(key) ? strtoll(key, NULL, 10) : -1;
	int rc;

	/* a name that looks like a number wins over the id it spells */
	if (db_query(st->db, &q, "SELECT " BENEFIT_COLS " FROM benefit WHERE "
		     "project_id = ? AND (name = ? OR id = ?) ORDER BY "
		     "CASE WHEN name = ? THEN 0 ELSE 1 END LIMIT 1", "isis",
		     project, key, id, key))
		return store_fail(st, "cannot read the benefit");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, b);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the benefit");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_benefits(struct store *st, int64_t project, struct benefit **v,
		   size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " BENEFIT_COLS " FROM benefit WHERE "
		     "project_id = ? ORDER BY name", "i", project))
		return store_fail(st, "cannot list benefits");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list benefits");
}

int store_benefit_update(struct store *st, struct benefit *b)
{
	free(b->updated);
	b->updated = store_now();
	if (db_run(st->db, "UPDATE benefit SET name = ?, metric = ?, unit = ?, "
		   "owner = ?, baseline = ?, baseline_date = ?, target = ?, "
		   "target_date = ?, schedule = ?, cash_releasing = ?, updated = ?, "
		   "version = version + 1 WHERE project_id = ? AND id = ? AND "
		   "version = ?", "ssssdsdssbsiii", b->name,
		   b->metric, b->unit, b->owner, b->baseline, b->baseline_date,
		   b->target, b->target_date, b->schedule, b->cash_releasing,
		   b->updated, b->project, b->id, b->version))
		return store_write_failed(st, "cannot save the benefit");
	if (!db_changes(st->db))
		return store_missed(st, "benefit", b->project, b->id);
	b->version++;
	return store_project_touch(st, b->project);
}

int store_benefit_delete(struct store *st, int64_t project, int64_t id)
{
	/* said outright, so that no backend's foreign key setting matters */
	if (db_run(st->db, "UPDATE cost_item SET benefit_id = NULL WHERE "
		   "project_id = ? AND benefit_id = ?", "ii", project, id) ||
	    db_run(st->db, "DELETE FROM benefit_measure WHERE benefit_id = "
		   "(SELECT id FROM benefit WHERE project_id = ? AND id = ?)",
		   "ii", project, id))
		return store_fail(st, "cannot delete the benefit");
	if (db_run(st->db, "DELETE FROM benefit WHERE project_id = ? AND id = ?",
		   "ii", project, id))
		return store_fail(st, "cannot delete the benefit");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_benefit_release(struct benefit *b)
{
	free(b->name);
	free(b->metric);
	free(b->unit);
	free(b->owner);
	free(b->baseline_date);
	free(b->target_date);
	free(b->schedule);
	free(b->created);
	free(b->updated);
	memset(b, 0, sizeof(*b));
}

void store_benefits_free(struct benefit *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_benefit_release(&v[i]);
	free(v);
}

int store_benefit_measures_set(struct store *st, int64_t project,
			       const struct benefit_measure *v, size_t n)
{
	char *now = store_now();
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		if (db_run(st->db, "INSERT INTO benefit_measure (benefit_id, "
			   "measured, value, note, recorded) SELECT id, ?, ?, ?, ? "
			   "FROM benefit WHERE id = ? AND project_id = ? ON CONFLICT "
			   "(benefit_id, measured) DO UPDATE SET value = "
			   "excluded.value, note = excluded.note, recorded = "
			   "excluded.recorded", "sdssii", v[i].measured, v[i].value,
			   v[i].note ? v[i].note : "", now, v[i].benefit, project))
			rc = store_fail(st, "cannot record the measurement");
		else if (!db_changes(st->db))
			rc = STORE_NOTFOUND;
	}
	free(now);
	return rc ? rc : store_project_touch(st, project);
}

int store_benefit_measures(struct store *st, int64_t project, int64_t benefit,
			   struct benefit_measure **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT m.benefit_id, m.measured, m.value, "
		     "m.note, m.recorded FROM benefit_measure m JOIN benefit b ON "
		     "b.id = m.benefit_id WHERE b.project_id = ? AND b.id = ? "
		     "ORDER BY m.measured", "ii", project, benefit))
		return store_fail(st, "cannot read measurements");
	while ((rc = db_step(q)) == DB_ROW) {
		struct benefit_measure *m;
		XGROW(*v, alloc, *n + 1);
		m = &(*v)[(*n)++];
		m->benefit = db_int(q, 0);
		m->measured = db_strdup(q, 1);
		m->value = db_double(q, 2);
		m->note = db_strdup(q, 3);
		m->recorded = db_strdup(q, 4);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read measurements");
}

void store_benefit_measures_free(struct benefit_measure *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].measured);
		free(v[i].note);
		free(v[i].recorded);
	}
	free(v);
}
