/* member.c: who may do what in a project, and the projects a user may see. */
#include <stdlib.h>

#include "lib/xalloc.h"
#include "store_int.h"

/* Whether both project and user exist: 0, STORE_NOTFOUND or -1. */
static int member_parties(struct store *st, int64_t project, int64_t user)
{
	struct db_stmt *q;
	bool both = false;
	int rc;

	if (db_query(st->db, &q, "SELECT (SELECT count(*) FROM project WHERE "
		     "id = ?), (SELECT count(*) FROM user_account WHERE id = ?)",
		     "ii", project, user))
		return store_fail(st, "cannot change the project's members");
	rc = db_step(q);
	if (rc == DB_ROW)
		both = db_int(q, 0) > 0 && db_int(q, 1) > 0;
	db_finalize(q);
	if (rc != DB_ROW)
		return store_fail(st, "cannot change the project's members");
	return both ? 0 : STORE_NOTFOUND;
}

int store_member_set(struct store *st, int64_t project, int64_t user,
		     enum role role)
{
	int rc = member_parties(st, project, user);

	if (rc)
		return rc;
	if (role == ROLE_NONE)
		rc = db_run(st->db, "DELETE FROM project_member WHERE project_id "
			    "= ? AND user_id = ?", "ii", project, user);
	else
		rc = db_run(st->db, "INSERT INTO project_member (project_id, "
			    "user_id, role) VALUES (?, ?, ?) ON CONFLICT "
			    "(project_id, user_id) DO UPDATE SET role = "
			    "excluded.role", "iii", project, user, (int64_t)role);
	return rc ? store_fail(st, "cannot change the project's members") : 0;
}

int store_member_role(struct store *st, int64_t project, int64_t user,
		      enum role *role)
{
	struct db_stmt *q;
	int rc;

	*role = ROLE_NONE;
	if (db_query(st->db, &q, "SELECT role FROM project_member WHERE "
		     "project_id = ? AND user_id = ?", "ii", project, user))
		return store_fail(st, "cannot read the member's role");
	rc = db_step(q);
	if (rc == DB_ROW)
		*role = (enum role)db_int(q, 0);
	db_finalize(q);
	return rc == DB_ERROR ? store_fail(st, "cannot read the member's role") : 0;
}

int store_members(struct store *st, int64_t project, struct member **v,
		  size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT m.user_id, u.name, u.display, m.role "
		     "FROM project_member m JOIN user_account u ON u.id = "
		     "m.user_id WHERE m.project_id = ? ORDER BY m.role DESC, "
		     "u.name", "i", project))
		return store_fail(st, "cannot list the project's members");
	while ((rc = db_step(q)) == DB_ROW) {
		struct member *m;
		XGROW(*v, alloc, *n + 1);
		m = &(*v)[(*n)++];
		m->user = db_int(q, 0);
		m->name = db_strdup(q, 1);
		m->display = db_strdup(q, 2);
		m->role = (enum role)db_int(q, 3);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 :
	       store_fail(st, "cannot list the project's members");
}

void store_members_free(struct member *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].display);
	}
	free(v);
}

int store_project_list_for(struct store *st, int64_t user,
			   struct project **v, enum role **roles, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0, roles_alloc = 0;
	int rc;

	*v = NULL;
	*roles = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " STORE_PROJECT_COLS ", "
		     STORE_ACCESS_ROLE " FROM project WHERE " STORE_ACCESS_ROLE
		     " > 0 ORDER BY name", "iiii", user, user, user, user))
		return store_fail(st, "cannot list the user's projects");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		XGROW(*roles, roles_alloc, *n + 1);
		store_project_from_row(q, &(*v)[*n]);
		(*roles)[*n] = (enum role)db_int(q, STORE_PROJECT_NCOLS);
		(*n)++;
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return 0;
	store_projects_free(*v, *n);
	free(*roles);
	*v = NULL;
	*roles = NULL;
	*n = 0;
	return store_fail(st, "cannot list the user's projects");
}
