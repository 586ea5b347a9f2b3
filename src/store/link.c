/* link.c: survey links, the tokens through which stakeholders answer. */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

#define LINK_COLS "id, project_id, token, stakeholder_id, grp, round, " \
	"label, created, used_on, revoked, responses"

static void link_from_row(struct db_stmt *q, struct survey_link *l)
{
	memset(l, 0, sizeof(*l));
	l->id = db_int(q, 0);
	l->project = db_int(q, 1);
	l->token = db_strdup(q, 2);
	l->stakeholder = db_null(q, 3) ? 0 : db_int(q, 3);
	l->grp = db_strdup(q, 4);
	l->round = db_int(q, 5);
	l->label = db_strdup(q, 6);
	l->created = db_strdup(q, 7);
	l->used_on = db_strdup(q, 8);
	l->revoked = db_int(q, 9) != 0;
	l->responses = db_int(q, 10);
}

int store_link_add(struct store *st, struct survey_link *l)
{
	struct db_stmt *q;
	int rc;

	free(l->created);
	l->created = store_now();
	/* an open link has no stakeholder: 0 is kept as NULL */
	if (db_query(st->db, &q, "INSERT INTO survey_link (token, project_id, "
		     "stakeholder_id, grp, round, label, created) VALUES "
		     "(?, ?, NULLIF(?, 0), ?, ?, ?, ?) RETURNING id", "siisiss",
		     l->token, l->project, l->stakeholder, l->grp, l->round,
		     l->label ? l->label : "", l->created))
		return store_fail(st, "cannot add the survey link");
	rc = db_step(q);
	if (rc == DB_ROW)
		l->id = db_int(q, 0);
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the survey link");
	return store_project_touch(st, l->project);
}

int store_link_get(struct store *st, const char *token, struct survey_link *l)
{
	struct db_stmt *q;
	int rc;

	memset(l, 0, sizeof(*l));
	if (db_query(st->db, &q, "SELECT " LINK_COLS " FROM survey_link WHERE "
		     "token = ?", "s", token))
		return store_fail(st, "cannot read the survey link");
	rc = db_step(q);
	if (rc == DB_ROW)
		link_from_row(q, l);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the survey link");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_links(struct store *st, int64_t project, struct survey_link **v,
		size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " LINK_COLS " FROM survey_link WHERE "
		     "project_id = ? ORDER BY id", "i", project))
		return store_fail(st, "cannot list survey links");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		link_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return 0;
	store_links_free(*v, *n);
	*v = NULL;
	*n = 0;
	return store_fail(st, "cannot list survey links");
}

int store_link_revoke(struct store *st, int64_t project, int64_t id)
{
	if (db_run(st->db, "UPDATE survey_link SET revoked = 1 WHERE "
		   "project_id = ? AND id = ?", "ii", project, id))
		return store_fail(st, "cannot revoke the survey link");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

int store_link_count(struct store *st, int64_t id)
{
	struct db_stmt *q;
	char *now = store_now();
	int64_t project = 0;
	int rc;

	/*
	 * The day only, never the time: a time could be matched against a
	 * response's receipt and name the stakeholder who gave it.
	 */
	now[strcspn(now, "T")] = '\0';
	rc = db_query(st->db, &q, "UPDATE survey_link SET responses = "
		      "responses + 1, used_on = CASE WHEN stakeholder_id IS NULL "
		      "THEN used_on ELSE ? END WHERE id = ? RETURNING project_id",
		      "si", now, id);
	free(now);
	if (rc)
		return store_fail(st, "cannot count the link's response");
	rc = db_step(q);
	if (rc == DB_ROW)
		project = db_int(q, 0);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot count the link's response");
	if (rc != DB_ROW)
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_link_release(struct survey_link *l)
{
	free(l->token);
	free(l->grp);
	free(l->label);
	free(l->created);
	free(l->used_on);
	memset(l, 0, sizeof(*l));
}

void store_links_free(struct survey_link *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_link_release(&v[i]);
	free(v);
}
