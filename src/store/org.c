/*
 * org.c: organisations as tenants: their users and projects, and the
 * one rule of who may see which project.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

#define ORG_COLS "id, name, title, created"

static void org_from_row(struct db_stmt *q, struct organisation *o)
{
	o->id = db_int(q, 0);
	o->name = db_strdup(q, 1);
	o->title = db_strdup(q, 2);
	o->created = db_strdup(q, 3);
}

int store_org_add(struct store *st, struct organisation *o)
{
	struct db_stmt *q;
	int rc;

	free(o->created);
	o->created = store_now();
	if (db_query(st->db, &q, "INSERT INTO organisation (name, title, "
		     "created) VALUES (?, ?, ?) RETURNING id", "sss", o->name,
		     o->title ? o->title : "", o->created))
		return store_fail(st, "cannot add the organisation");
	rc = db_step(q);
	if (rc == DB_ROW)
		o->id = db_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? 0 :
	       store_write_failed(st, "cannot add the organisation");
}

/* Step q once into o: 0, STORE_NOTFOUND or -1. Finalizes q. */
static int org_one(struct store *st, struct db_stmt *q, struct organisation *o)
{
	int rc = db_step(q);

	memset(o, 0, sizeof(*o));
	if (rc == DB_ROW)
		org_from_row(q, o);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the organisation");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_org_get(struct store *st, const char *name, struct organisation *o)
{
	struct db_stmt *q;

	if (db_query(st->db, &q, "SELECT " ORG_COLS " FROM organisation WHERE "
		     "name = ?", "s", name))
		return store_fail(st, "cannot read the organisation");
	return org_one(st, q, o);
}

int store_org_get_id(struct store *st, int64_t id, struct organisation *o)
{
	struct db_stmt *q;

	if (db_query(st->db, &q, "SELECT " ORG_COLS " FROM organisation WHERE "
		     "id = ?", "i", id))
		return store_fail(st, "cannot read the organisation");
	return org_one(st, q, o);
}

int store_org_list(struct store *st, struct organisation **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " ORG_COLS " FROM organisation ORDER "
		     "BY name", ""))
		return store_fail(st, "cannot list organisations");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		org_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list organisations");
}

int store_org_delete(struct store *st, int64_t id)
{
	struct db_stmt *q;
	int64_t users = 0, projects = 0;
	int rc;

	if (db_query(st->db, &q, "SELECT (SELECT count(*) FROM user_account "
		     "WHERE organisation_id = ?), (SELECT count(*) FROM project "
		     "WHERE organisation_id = ?)", "ii", id, id))
		return store_fail(st, "cannot remove the organisation");
	rc = db_step(q);
	if (rc == DB_ROW) {
		users = db_int(q, 0);
		projects = db_int(q, 1);
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return store_fail(st, "cannot remove the organisation");
	if (users || projects)
		return STORE_CONFLICT;
	if (db_run(st->db, "DELETE FROM organisation WHERE id = ?", "i", id))
		return store_fail(st, "cannot remove the organisation");
	return 0;
}

void store_org_release(struct organisation *o)
{
	free(o->name);
	free(o->title);
	free(o->created);
	memset(o, 0, sizeof(*o));
}

void store_orgs_free(struct organisation *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_org_release(&v[i]);
	free(v);
}

#define USER_ORG_COLS "id, COALESCE(organisation_id, 0), name, display, " \
	"org_admin"

static void user_org_from_row(struct db_stmt *q, struct user_org *uo)
{
	uo->user = db_int(q, 0);
	uo->org = db_int(q, 1);
	uo->name = db_strdup(q, 2);
	uo->display = db_strdup(q, 3);
	uo->org_admin = db_int(q, 4) != 0;
}

int store_user_org(struct store *st, int64_t user, struct user_org *uo)
{
	struct db_stmt *q;
	int rc;

	memset(uo, 0, sizeof(*uo));
	if (db_query(st->db, &q, "SELECT " USER_ORG_COLS " FROM user_account "
		     "WHERE id = ?", "i", user))
		return store_fail(st, "cannot read the user's organisation");
	rc = db_step(q);
	if (rc == DB_ROW)
		user_org_from_row(q, uo);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the user's organisation");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

/* Whether organisation org exists: 0 or STORE_NOTFOUND (0: none, always). */
static int org_exists(struct store *st, int64_t org)
{
	struct organisation o;
	int rc;

	if (!org)
		return 0;
	rc = store_org_get_id(st, org, &o);
	store_org_release(&o);
	return rc;
}

/*
 * The organisation's id is put through a subquery so that 0 stores
 * NULL: "no organisation".
 */
#define ORG_OR_NULL "(SELECT id FROM organisation WHERE id = ?)"

int store_user_org_set(struct store *st, int64_t user, int64_t org,
		       bool org_admin)
{
	struct user_org uo;
	int rc = org_exists(st, org);

	if (rc)
		return rc;
	if ((rc = store_user_org(st, user, &uo)))
		return rc;
	free(uo.name);
	free(uo.display);
	if (db_run(st->db, "UPDATE user_account SET organisation_id = "
		   ORG_OR_NULL ", org_admin = ? WHERE id = ?", "ibi", org,
		   (int)(org && org_admin), user))
		return store_fail(st, "cannot change the user's organisation");
	return 0;
}

int store_org_users(struct store *st, int64_t org, struct user_org **v,
		    size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " USER_ORG_COLS " FROM user_account "
		     "WHERE organisation_id = ? ORDER BY name", "i", org))
		return store_fail(st, "cannot list the organisation's users");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		user_org_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 :
	       store_fail(st, "cannot list the organisation's users");
}

void store_user_orgs_free(struct user_org *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].display);
	}
	free(v);
}

int store_project_org(struct store *st, int64_t project, int64_t *org)
{
	struct db_stmt *q;
	int rc;

	*org = 0;
	if (db_query(st->db, &q, "SELECT COALESCE(organisation_id, 0) FROM "
		     "project WHERE id = ?", "i", project))
		return store_fail(st, "cannot read the project's organisation");
	rc = db_step(q);
	if (rc == DB_ROW)
		*org = db_int(q, 0);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the project's organisation");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_project_org_set(struct store *st, int64_t project, int64_t org)
{
	int64_t old;
	int rc = org_exists(st, org);

	if (rc || (rc = store_project_org(st, project, &old)))
		return rc;
	if (old == org)
		return 0;
	if (db_run(st->db, "UPDATE project SET organisation_id = " ORG_OR_NULL
		   " WHERE id = ?", "ii", org, project))
		return store_fail(st, "cannot change the project's organisation");
	return store_project_touch(st, project);
}

int store_org_projects(struct store *st, int64_t org, struct project **v,
		       size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " STORE_PROJECT_COLS " FROM project "
		     "WHERE organisation_id = ? ORDER BY name", "i", org))
		return store_fail(st, "cannot list the organisation's projects");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		store_project_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return 0;
	store_projects_free(*v, *n);
	*v = NULL;
	*n = 0;
	return store_fail(st, "cannot list the organisation's projects");
}

int store_project_access(struct store *st, int64_t project, int64_t user,
			 enum role *role)
{
	struct db_stmt *q;
	int rc;

	*role = ROLE_NONE;
	if (db_query(st->db, &q, "SELECT " STORE_ACCESS_ROLE " FROM project "
		     "WHERE id = ?", "iii", user, user, project))
		return store_fail(st, "cannot read the user's role");
	rc = db_step(q);
	if (rc == DB_ROW)
		*role = (enum role)db_int(q, 0);
	db_finalize(q);
	return rc == DB_ERROR ? store_fail(st, "cannot read the user's role") : 0;
}

int store_project_add_by(struct store *st, struct project *p, int64_t user)
{
	struct user_org uo;
	int rc = store_user_org(st, user, &uo);

	if (rc)
		return rc;
	free(uo.name);
	free(uo.display);
	if ((rc = store_project_add(st, p)))
		return rc;
	if (uo.org && store_project_org_set(st, p->id, uo.org))
		return -1;
	return store_member_set(st, p->id, user, ROLE_LEAD);
}

int store_project_org_name(struct store *st, int64_t project, char **name)
{
	struct db_stmt *q;
	int rc;

	*name = NULL;
	if (db_query(st->db, &q, "SELECT o.name FROM project p JOIN "
		     "organisation o ON o.id = p.organisation_id WHERE p.id = ?",
		     "i", project))
		return store_fail(st, "cannot read the project's organisation");
	rc = db_step(q);
	if (rc == DB_ROW)
		*name = db_strdup(q, 0);
	db_finalize(q);
	return rc == DB_ERROR ?
	       store_fail(st, "cannot read the project's organisation") : 0;
}
