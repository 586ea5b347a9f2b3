/* user.c: users, their sessions and API tokens, and failed logins. */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

/* Failed logins older than this are forgotten when another is recorded. */
#define LOGIN_FAILURE_KEEP (24 * 60 * 60)

#define USER_COLS "id, name, display, pwhash, admin, created"

static void user_from_row(struct db_stmt *q, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_int(q, 0);
	u->name = db_strdup(q, 1);
	u->display = db_strdup(q, 2);
	u->pwhash = db_strdup(q, 3);
	u->admin = db_int(q, 4) != 0;
	u->created = db_strdup(q, 5);
}

int store_user_add(struct store *st, struct user *u)
{
	struct db_stmt *q;
	int rc;

	free(u->created);
	u->created = store_now();
	if (db_query(st->db, &q, "INSERT INTO user_account (name, display, "
		     "pwhash, admin, created) VALUES (?, ?, ?, ?, ?) RETURNING id",
		     "sssbs", u->name, u->display ? u->display : "",
		     u->pwhash ? u->pwhash : "", (int)u->admin, u->created))
		return store_fail(st, "cannot add the user");
	rc = db_step(q);
	if (rc == DB_ROW)
		u->id = db_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_write_failed(st, "cannot add the user");
}

/* Step q once into u: 0, STORE_NOTFOUND or -1. Finalizes q. */
static int user_one(struct store *st, struct db_stmt *q, struct user *u)
{
	int rc = db_step(q);

	memset(u, 0, sizeof(*u));
	if (rc == DB_ROW)
		user_from_row(q, u);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the user");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_user_get(struct store *st, const char *name, struct user *u)
{
	struct db_stmt *q;

	if (db_query(st->db, &q, "SELECT " USER_COLS " FROM user_account "
		     "WHERE name = ?", "s", name))
		return store_fail(st, "cannot read the user");
	return user_one(st, q, u);
}

int store_user_get_id(struct store *st, int64_t id, struct user *u)
{
	struct db_stmt *q;

	if (db_query(st->db, &q, "SELECT " USER_COLS " FROM user_account "
		     "WHERE id = ?", "i", id))
		return store_fail(st, "cannot read the user");
	return user_one(st, q, u);
}

int store_user_list(struct store *st, struct user **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " USER_COLS " FROM user_account "
		     "ORDER BY name", ""))
		return store_fail(st, "cannot list users");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		user_from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list users");
}

int store_user_set_password(struct store *st, int64_t id, const char *pwhash)
{
	if (db_run(st->db, "UPDATE user_account SET pwhash = ? WHERE id = ?",
		   "si", pwhash ? pwhash : "", id))
		return store_fail(st, "cannot change the password");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	/* whoever knew the old password may hold a session: end them all */
	if (db_run(st->db, "DELETE FROM user_session WHERE user_id = ?", "i", id))
		return store_fail(st, "cannot end the user's sessions");
	return 0;
}

int store_user_update(struct store *st, const struct user *u)
{
	if (db_run(st->db, "UPDATE user_account SET display = ?, admin = ? "
		   "WHERE id = ?", "sbi", u->display ? u->display : "",
		   (int)u->admin, u->id))
		return store_fail(st, "cannot save the user");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

int store_user_delete(struct store *st, int64_t id)
{
	/* sessions, tokens and memberships go with it (ON DELETE CASCADE) */
	if (db_run(st->db, "DELETE FROM user_account WHERE id = ?", "i", id))
		return store_fail(st, "cannot delete the user");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

int store_user_count(struct store *st, int64_t *n)
{
	struct db_stmt *q;
	int rc;

	*n = 0;
	if (db_query(st->db, &q, "SELECT count(*) FROM user_account", ""))
		return store_fail(st, "cannot count users");
	rc = db_step(q);
	if (rc == DB_ROW)
		*n = db_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_fail(st, "cannot count users");
}

void store_user_release(struct user *u)
{
	free(u->name);
	free(u->display);
	free(u->pwhash);
	free(u->created);
	memset(u, 0, sizeof(*u));
}

void store_users_free(struct user *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_user_release(&v[i]);
	free(v);
}

/* --- sessions --- */

int store_session_add(struct store *st, const char *hash, int64_t user,
		      const char *csrf, int64_t created, int64_t expires)
{
	if (db_run(st->db, "INSERT INTO user_session (hash, user_id, csrf, "
		   "created, expires) VALUES (?, ?, ?, ?, ?)", "sisii", hash,
		   user, csrf, created, expires))
		return store_write_failed(st, "cannot keep the session");
	return 0;
}

int store_session_get(struct store *st, const char *hash, int64_t now,
		      struct session *s)
{
	struct db_stmt *q;
	int rc;

	memset(s, 0, sizeof(*s));
	if (db_query(st->db, &q, "SELECT user_id, csrf, created, expires FROM "
		     "user_session WHERE hash = ? AND expires > ?", "si", hash,
		     now))
		return store_fail(st, "cannot read the session");
	rc = db_step(q);
	if (rc == DB_ROW) {
		s->user = db_int(q, 0);
		s->csrf = db_strdup(q, 1);
		s->created = db_int(q, 2);
		s->expires = db_int(q, 3);
	}
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the session");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_session_delete(struct store *st, const char *hash)
{
	/* 0 even when there was none: logging out twice is no error */
	if (db_run(st->db, "DELETE FROM user_session WHERE hash = ?", "s", hash))
		return store_fail(st, "cannot end the session");
	return 0;
}

int store_sessions_purge(struct store *st, int64_t now)
{
	if (db_run(st->db, "DELETE FROM user_session WHERE expires <= ?", "i",
		   now))
		return store_fail(st, "cannot forget expired sessions");
	return 0;
}

void store_session_release(struct session *s)
{
	free(s->csrf);
	memset(s, 0, sizeof(*s));
}

/* --- API tokens --- */

int store_token_add(struct store *st, const char *hash, int64_t user,
		    const char *label)
{
	char *now = store_now();
	int rc = db_run(st->db, "INSERT INTO api_token (hash, user_id, label, "
			"created) VALUES (?, ?, ?, ?)", "siss", hash, user,
			label ? label : "", now);

	free(now);
	return rc ? store_write_failed(st, "cannot keep the API token") : 0;
}

int store_token_user(struct store *st, const char *hash, int64_t *user)
{
	struct db_stmt *q;
	int rc;

	*user = 0;
	if (db_query(st->db, &q, "SELECT user_id FROM api_token WHERE hash = ?",
		     "s", hash))
		return store_fail(st, "cannot read the API token");
	rc = db_step(q);
	if (rc == DB_ROW)
		*user = db_int(q, 0);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the API token");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_tokens(struct store *st, int64_t user, struct api_token **v,
		 size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT id, user_id, label, created FROM "
		     "api_token WHERE user_id = ? ORDER BY id", "i", user))
		return store_fail(st, "cannot list API tokens");
	while ((rc = db_step(q)) == DB_ROW) {
		struct api_token *t;
		XGROW(*v, alloc, *n + 1);
		t = &(*v)[(*n)++];
		t->id = db_int(q, 0);
		t->user = db_int(q, 1);
		t->label = db_strdup(q, 2);
		t->created = db_strdup(q, 3);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list API tokens");
}

int store_token_delete(struct store *st, int64_t user, int64_t id)
{
	if (db_run(st->db, "DELETE FROM api_token WHERE user_id = ? AND id = ?",
		   "ii", user, id))
		return store_fail(st, "cannot delete the API token");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

void store_tokens_free(struct api_token *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].created);
	}
	free(v);
}

/* --- failed logins --- */

int store_login_failed(struct store *st, const char *name, const char *addr,
		       int64_t now)
{
	if (db_run(st->db, "INSERT INTO login_failure (name, addr, at) "
		   "VALUES (?, ?, ?)", "ssi", name ? name : "",
		   addr ? addr : "", now))
		return store_fail(st, "cannot record the failed login");
	/* keep the table small: nothing counts windows longer than a day */
	if (db_run(st->db, "DELETE FROM login_failure WHERE at < ?", "i",
		   now - LOGIN_FAILURE_KEEP))
		return store_fail(st, "cannot forget old failed logins");
	return 0;
}

int store_login_failures(struct store *st, const char *name,
			 const char *addr, int64_t since, int64_t *by_name,
			 int64_t *by_addr)
{
	struct db_stmt *q;
	int rc;

	*by_name = *by_addr = 0;
	if (db_query(st->db, &q, "SELECT (SELECT count(*) FROM login_failure "
		     "WHERE name = ? AND at >= ?), (SELECT count(*) FROM "
		     "login_failure WHERE addr = ? AND at >= ?)", "sisi", name,
		     since, addr, since))
		return store_fail(st, "cannot count failed logins");
	rc = db_step(q);
	if (rc == DB_ROW) {
		*by_name = db_int(q, 0);
		*by_addr = db_int(q, 1);
	}
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_fail(st, "cannot count failed logins");
}

int store_login_clear(struct store *st, const char *name)
{
	if (db_run(st->db, "DELETE FROM login_failure WHERE name = ?", "s",
		   name))
		return store_fail(st, "cannot forget failed logins");
	return 0;
}
