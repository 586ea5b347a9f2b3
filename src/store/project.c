/* project.c: projects, their stakeholder groups, stakeholders and survey set-up. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/xalloc.h"
#include "store_int.h"

char *store_now(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

int store_write_failed(struct store *st, const char *what)
{
	store_fail(st, what);
	return db_conflict(st->db) ? STORE_CONFLICT : -1;
}

int store_project_touch(struct store *st, int64_t project)
{
	if (db_run(st->db, "UPDATE project SET revision = revision + 1 "
		   "WHERE id = ?", "i", project))
		return store_fail(st, "cannot count the project's change");
	return 0;
}

int store_project_revision(struct store *st, int64_t project, int64_t *rev)
{
	struct db_stmt *q;
	int rc;

	*rev = 0;
	if (db_query(st->db, &q, "SELECT revision FROM project WHERE id = ?",
		     "i", project))
		return store_fail(st, "cannot read the project's revision");
	rc = db_step(q);
	if (rc == DB_ROW)
		*rev = db_int(q, 0);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the project's revision");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

void store_project_from_row(struct db_stmt *q, struct project *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_int(q, 0);
	p->name = db_strdup(q, 1);
	p->title = db_strdup(q, 2);
	p->technology = db_strdup(q, 3);
	p->care_settings = db_strdup(q, 4);
	p->sites = db_int(q, 5);
	p->staff = db_int(q, 6);
	p->settings = db_int(q, 7);
	p->partners = db_strdup(q, 8);
	p->device_model = db_strdup(q, 9);
	p->adoption = db_strdup(q, 10);
	p->step = db_strdup(q, 11);
	p->notes = db_strdup(q, 12);
	p->anonymity = db_int(q, 13);
	p->created = db_strdup(q, 14);
	p->updated = db_strdup(q, 15);
	p->platforms = db_strdup(q, 16);
	p->dedicated_staff = db_int(q, 17);
	p->version = db_int(q, 18);
}

int store_project_add(struct store *st, struct project *p)
{
	struct db_stmt *q;
	int rc;

	free(p->created);
	free(p->updated);
	p->created = store_now();
	p->updated = xstrdup(p->created);
	if (db_query(st->db, &q, "INSERT INTO project (name, title, technology, "
		     "care_settings, sites, staff, settings, partners, "
		     "device_model, adoption, step, notes, anonymity, created, "
		     "updated, platforms, dedicated_staff) "
		     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		     "ssssiiisssssisssi",
		     p->name, p->title, p->technology, p->care_settings, p->sites,
		     p->staff, p->settings, p->partners, p->device_model,
		     p->adoption, p->step, p->notes, p->anonymity, p->created,
		     p->updated, p->platforms, p->dedicated_staff))
		return store_fail(st, "cannot add the project");
	rc = db_step(q);
	if (rc == DB_ROW) {
		p->id = db_int(q, 0);
		p->version = 1;
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the project");
	for (unsigned i = 0; i < ndefault_groups; i++)
		if (store_group_add(st, p->id, default_groups[i].id,
				    default_groups[i].title))
			return -1;
	return 0;
}

int store_project_get(struct store *st, const char *key, struct project *p)
{
	struct db_stmt *q;
	char *end;
	long long id = strtoll(key, &end, 10);
	int rc;

	if (*key && !*end)
		rc = db_query(st->db, &q, "SELECT " STORE_PROJECT_COLS
			      " FROM project WHERE id = ?", "i", (int64_t)id);
	else
		rc = db_query(st->db, &q, "SELECT " STORE_PROJECT_COLS
			      " FROM project WHERE name = ?", "s", key);
	if (rc)
		return store_fail(st, "cannot read the project");
	rc = db_step(q);
	if (rc == DB_ROW)
		store_project_from_row(q, p);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the project");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_project_list(struct store *st, struct project **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " STORE_PROJECT_COLS
		     " FROM project ORDER BY name", ""))
		return store_fail(st, "cannot list projects");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		store_project_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list projects");
}

int store_project_update(struct store *st, struct project *p)
{
	free(p->updated);
	p->updated = store_now();
	if (db_run(st->db, "UPDATE project SET name = ?, title = ?, "
		   "technology = ?, care_settings = ?, sites = ?, staff = ?, "
		   "settings = ?, partners = ?, device_model = ?, adoption = ?, "
		   "step = ?, notes = ?, anonymity = ?, updated = ?, platforms = ?, "
		   "dedicated_staff = ?, revision = revision + 1, "
		   "version = version + 1 WHERE id = ? AND version = ?",
		   "ssssiiisssssissiii", p->name, p->title, p->technology,
		   p->care_settings, p->sites, p->staff, p->settings, p->partners,
		   p->device_model, p->adoption, p->step, p->notes, p->anonymity,
		   p->updated, p->platforms, p->dedicated_staff, p->id,
		   p->version))
		return store_write_failed(st, "cannot save the project");
	if (!db_changes(st->db))
		return store_missed(st, "project", 0, p->id);
	p->version++;
	return 0;
}

int store_project_delete(struct store *st, int64_t id)
{
	if (db_run(st->db, "DELETE FROM project WHERE id = ?", "i", id))
		return store_fail(st, "cannot delete the project");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

void store_projects_free(struct project *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		project_release(&v[i]);
	free(v);
}

/* --- groups --- */

int store_groups(struct store *st, int64_t project, struct group **v,
		 size_t *n)
{
	struct db_stmt *q;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT id, title FROM stakeholder_group "
		     "WHERE project_id = ? ORDER BY position, id", "i", project))
		return store_fail(st, "cannot list groups");
	return store_read_groups(st, q, v, n, "cannot list groups");
}

int store_read_groups(struct store *st, struct db_stmt *q, struct group **v,
		      size_t *n, const char *what)
{
	size_t alloc = 0;
	int rc;

	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[*n].id = db_strdup(q, 0);
		(*v)[*n].title = db_strdup(q, 1);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, what);
}

int store_group_add(struct store *st, int64_t project, const char *id,
		    const char *title)
{
	if (db_run(st->db, "INSERT INTO stakeholder_group (project_id, id, "
		   "title, position) SELECT ?, ?, ?, coalesce(max(position), 0) + 1 "
		   "FROM stakeholder_group WHERE project_id = ?", "issi", project,
		   id, title, project))
		return store_write_failed(st, "cannot add the group");
	return store_project_touch(st, project);
}

int store_group_remove(struct store *st, int64_t project, const char *id)
{
	struct db_stmt *q;
	int rc, used;

	if (db_query(st->db, &q, "SELECT (SELECT count(*) FROM stakeholder "
		     "WHERE project_id = ? AND grp = ?) + (SELECT count(*) FROM "
		     "response WHERE project_id = ? AND grp = ?)", "isis",
		     project, id, project, id))
		return store_fail(st, "cannot remove the group");
	rc = db_step(q);
	used = rc == DB_ROW && db_int(q, 0) > 0;
	db_finalize(q);
	if (rc != DB_ROW)
		return store_fail(st, "cannot remove the group");
	if (used)
		return STORE_CONFLICT;
	if (db_run(st->db, "DELETE FROM stakeholder_group WHERE project_id = ? "
		   "AND id = ?", "is", project, id))
		return store_fail(st, "cannot remove the group");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_groups_free(struct group *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
	}
	free(v);
}

/* --- stakeholders --- */

#define STAKEHOLDER_COLS "id, project_id, name, grp, organisation, power, " \
	"interest, attitude, version"

static void stakeholder_from_row(struct db_stmt *q, struct stakeholder *s)
{
	s->id = db_int(q, 0);
	s->project_id = db_int(q, 1);
	s->name = db_strdup(q, 2);
	s->grp = db_strdup(q, 3);
	s->organisation = db_strdup(q, 4);
	s->power = db_int(q, 5);
	s->interest = db_int(q, 6);
	s->attitude = db_strdup(q, 7);
	s->version = db_int(q, 8);
}

int store_stakeholder_add(struct store *st, struct stakeholder *s)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "INSERT INTO stakeholder (project_id, name, "
		     "grp, organisation, power, interest, attitude) "
		     "VALUES (?,?,?,?,?,?,?) RETURNING id", "isssiis",
		     s->project_id, s->name, s->grp, s->organisation, s->power,
		     s->interest, s->attitude))
		return store_fail(st, "cannot add the stakeholder");
	rc = db_step(q);
	if (rc == DB_ROW) {
		s->id = db_int(q, 0);
		s->version = 1;
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_write_failed(st, "cannot add the stakeholder");
	return store_project_touch(st, s->project_id);
}

int store_stakeholder_get(struct store *st, int64_t project, int64_t id,
			  struct stakeholder *s)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT " STAKEHOLDER_COLS " FROM stakeholder "
		     "WHERE project_id = ? AND id = ?", "ii", project, id))
		return store_fail(st, "cannot read the stakeholder");
	rc = db_step(q);
	if (rc == DB_ROW)
		stakeholder_from_row(q, s);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the stakeholder");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_stakeholder_list(struct store *st, int64_t project,
			   struct stakeholder **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " STAKEHOLDER_COLS " FROM stakeholder "
		     "WHERE project_id = ? ORDER BY id", "i", project))
		return store_fail(st, "cannot list stakeholders");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		stakeholder_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list stakeholders");
}

int store_stakeholder_update(struct store *st, struct stakeholder *s)
{
	if (db_run(st->db, "UPDATE stakeholder SET name = ?, grp = ?, "
		   "organisation = ?, power = ?, interest = ?, attitude = ?, "
		   "version = version + 1 WHERE project_id = ? AND id = ? AND "
		   "version = ?", "sssiisiii", s->name, s->grp,
		   s->organisation, s->power, s->interest, s->attitude,
		   s->project_id, s->id, s->version))
		return store_write_failed(st, "cannot save the stakeholder");
	if (!db_changes(st->db))
		return store_missed(st, "stakeholder", s->project_id, s->id);
	s->version++;
	return store_project_touch(st, s->project_id);
}

int store_stakeholder_delete(struct store *st, int64_t project, int64_t id)
{
	if (db_run(st->db, "DELETE FROM stakeholder WHERE project_id = ? AND "
		   "id = ?", "ii", project, id))
		return store_fail(st, "cannot delete the stakeholder");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

void store_stakeholders_free(struct stakeholder *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		stakeholder_release(&v[i]);
	free(v);
}

/* --- survey configuration --- */

int store_survey_dets(struct store *st, int64_t project, char ***v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT determinant FROM survey_determinant "
		     "WHERE project_id = ? ORDER BY determinant", "i", project))
		return store_fail(st, "cannot read the survey's determinants");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[(*n)++] = db_strdup(q, 0);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 :
	       store_fail(st, "cannot read the survey's determinants");
}

int store_survey_set_dets(struct store *st, int64_t project, char *const *v,
			  size_t n)
{
	if (db_run(st->db, "DELETE FROM survey_determinant WHERE project_id = ?",
		   "i", project))
		return store_fail(st, "cannot change the survey's determinants");
	for (size_t i = 0; i < n; i++)
		if (db_run(st->db, "INSERT INTO survey_determinant VALUES (?, ?)",
			   "is", project, v[i]))
			return store_write_failed(st, "cannot change the survey's "
					    "determinants");
	return store_project_touch(st, project);
}

int store_survey_exclusions(struct store *st, int64_t project,
			    struct exclusion **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT grp, determinant FROM survey_exclusion "
		     "WHERE project_id = ? ORDER BY grp, determinant", "i", project))
		return store_fail(st, "cannot read the survey's tailoring");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[*n].grp = db_strdup(q, 0);
		(*v)[*n].det = db_strdup(q, 1);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 :
	       store_fail(st, "cannot read the survey's tailoring");
}

int store_survey_exclude(struct store *st, int64_t project, const char *grp,
			 const char *det, bool excluded)
{
	int rc = excluded ?
		db_run(st->db, "INSERT INTO survey_exclusion VALUES (?, ?, ?) "
		       "ON CONFLICT DO NOTHING", "iss", project, grp, det) :
		db_run(st->db, "DELETE FROM survey_exclusion WHERE project_id = ? "
		       "AND grp = ? AND determinant = ?", "iss", project, grp, det);
	if (rc)
		return store_fail(st, "cannot change the survey's tailoring");
	return db_changes(st->db) ? store_project_touch(st, project) : 0;
}

void store_exclusions_free(struct exclusion *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].grp);
		free(v[i].det);
	}
	free(v);
}
