/*
 * test-store-web.c: the store's web half on SQLite: users, sessions, API
 * tokens, failed logins, project members, the audit log, survey links,
 * the change counter, and migration 4 of an existing store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "store/store.h"
#include "testdb.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/waymark-store-web-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	struct strbuf cmd = STRBUF_INIT;

	(void)state;
	sb_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf))
		return -1;
	sb_release(&cmd);
	return 0;
}

static struct store *open_fresh(const char *name)
{
	struct store *st;
	char *msg = NULL;

	assert_int_equal(store_open(testdb_fresh(dir, name), &st, &msg), 0);
	assert_true(store_schema_version(st) >= 4);
	return st;
}

static int64_t add_project(struct store *st, const char *name)
{
	struct project p;
	int64_t id;

	project_init(&p, name);
	assert_int_equal(store_project_add(st, &p), 0);
	id = p.id;
	project_release(&p);
	return id;
}

static int64_t add_user(struct store *st, const char *name, bool admin)
{
	struct user u = {0};
	int64_t id;

	u.name = strdup(name);
	u.display = strdup(name);
	u.display[0] = (char)(u.display[0] - 'a' + 'A');
	u.pwhash = strdup("$argon2id$v=19$m=65536,t=2,p=1$x$y");
	u.admin = admin;
	assert_int_equal(store_user_add(st, &u), 0);
	assert_true(u.id > 0);
	assert_non_null(u.created);
	id = u.id;
	store_user_release(&u);
	return id;
}

static int64_t revision(struct store *st, int64_t project)
{
	int64_t rev;

	assert_int_equal(store_project_revision(st, project, &rev), 0);
	return rev;
}

static int64_t count_sessions(struct store *st, int64_t user,
			      const char *const *hashes, size_t n)
{
	int64_t found = 0;

	for (size_t i = 0; i < n; i++) {
		struct session s;
		int rc = store_session_get(st, hashes[i], 0, &s);
		assert_true(rc == 0 || rc == STORE_NOTFOUND);
		if (rc == 0) {
			found += s.user == user;
			store_session_release(&s);
		}
	}
	return found;
}

static void test_users(void **state)
{
	struct store *st = open_fresh("users.db");
	struct user u = {0}, got;
	struct user *v;
	size_t n;
	int64_t ann, bob, count;

	(void)state;
	assert_int_equal(store_user_count(st, &count), 0);
	assert_int_equal(count, 0);
	ann = add_user(st, "ann", true);
	bob = add_user(st, "bob", false);
	/* a login name is unique */
	u.name = strdup("ann");
	u.pwhash = strdup("h");
	assert_int_equal(store_user_add(st, &u), STORE_CONFLICT);
	store_user_release(&u);
	assert_int_equal(store_user_count(st, &count), 0);
	assert_int_equal(count, 2);

	assert_int_equal(store_user_get(st, "ann", &got), 0);
	assert_int_equal(got.id, ann);
	assert_string_equal(got.display, "Ann");
	assert_true(got.admin);
	assert_string_equal(got.pwhash, "$argon2id$v=19$m=65536,t=2,p=1$x$y");
	store_user_release(&got);
	assert_int_equal(store_user_get(st, "nobody", &got), STORE_NOTFOUND);
	store_user_release(&got);	/* zeroed when not found */
	assert_int_equal(store_user_get_id(st, bob, &got), 0);
	assert_string_equal(got.name, "bob");
	assert_false(got.admin);

	/* update saves display and admin, nothing else */
	free(got.display);
	got.display = strdup("Robert");
	got.admin = true;
	free(got.name);
	got.name = strdup("renamed");
	assert_int_equal(store_user_update(st, &got), 0);
	store_user_release(&got);
	assert_int_equal(store_user_get_id(st, bob, &got), 0);
	assert_string_equal(got.name, "bob");
	assert_string_equal(got.display, "Robert");
	assert_true(got.admin);
	got.id = 9999;
	assert_int_equal(store_user_update(st, &got), STORE_NOTFOUND);
	store_user_release(&got);
	assert_int_equal(store_user_get_id(st, 9999, &got), STORE_NOTFOUND);

	assert_int_equal(store_user_list(st, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "ann");
	assert_string_equal(v[1].name, "bob");
	store_users_free(v, n);

	/* a new password ends every session of that user, and only theirs */
	{
		const char *h[] = { "s-ann-1", "s-ann-2", "s-bob" };
		assert_int_equal(store_session_add(st, h[0], ann, "c1", 100, 1000), 0);
		assert_int_equal(store_session_add(st, h[1], ann, "c2", 100, 1000), 0);
		assert_int_equal(store_session_add(st, h[2], bob, "c3", 100, 1000), 0);
		assert_int_equal(count_sessions(st, ann, h, 3), 2);
		assert_int_equal(store_user_set_password(st, ann, "new"), 0);
		assert_int_equal(count_sessions(st, ann, h, 3), 0);
		assert_int_equal(count_sessions(st, bob, h, 3), 1);
		assert_int_equal(store_user_get(st, "ann", &got), 0);
		assert_string_equal(got.pwhash, "new");
		store_user_release(&got);
		assert_int_equal(store_user_set_password(st, 9999, "x"),
				 STORE_NOTFOUND);
	}

	/* deleting a user takes their sessions, tokens and memberships */
	{
		const char *h[] = { "s-bob" };
		int64_t p = add_project(st, "proj"), owner;
		enum role role;
		struct api_token *t;

		assert_int_equal(store_token_add(st, "t-bob", bob, "ci"), 0);
		assert_int_equal(store_member_set(st, p, bob, ROLE_VIEWER), 0);
		assert_int_equal(store_user_delete(st, bob), 0);
		assert_int_equal(store_user_delete(st, bob), STORE_NOTFOUND);
		assert_int_equal(count_sessions(st, bob, h, 1), 0);
		assert_int_equal(store_token_user(st, "t-bob", &owner),
				 STORE_NOTFOUND);
		assert_int_equal(store_tokens(st, bob, &t, &n), 0);
		assert_int_equal(n, 0);
		store_tokens_free(t, n);
		assert_int_equal(store_member_role(st, p, bob, &role), 0);
		assert_int_equal(role, ROLE_NONE);
		assert_int_equal(store_user_count(st, &count), 0);
		assert_int_equal(count, 1);
	}
	store_close(st);
}

static void test_sessions(void **state)
{
	struct store *st = open_fresh("sessions.db");
	struct session s;
	int64_t ann;

	(void)state;
	ann = add_user(st, "ann", false);
	assert_int_equal(store_session_add(st, "live", ann, "csrf-1", 1000,
					   2000), 0);
	assert_int_equal(store_session_add(st, "old", ann, "csrf-2", 100, 500), 0);
	/* the hash is the key */
	assert_int_equal(store_session_add(st, "live", ann, "x", 1, 2),
			 STORE_CONFLICT);
	/* a session of no user cannot be kept */
	assert_int_equal(store_session_add(st, "orphan", 9999, "x", 1, 2), -1);
	assert_non_null(strstr(store_error(st), "cannot keep the session"));

	assert_int_equal(store_session_get(st, "live", 1500, &s), 0);
	assert_int_equal(s.user, ann);
	assert_string_equal(s.csrf, "csrf-1");
	assert_int_equal(s.created, 1000);
	assert_int_equal(s.expires, 2000);
	store_session_release(&s);
	/* expired: at its expiry time and after */
	assert_int_equal(store_session_get(st, "live", 2000, &s), STORE_NOTFOUND);
	assert_int_equal(store_session_get(st, "old", 1500, &s), STORE_NOTFOUND);
	assert_int_equal(store_session_get(st, "none", 0, &s), STORE_NOTFOUND);
	store_session_release(&s);
	/* the expired one is still there until purged */
	assert_int_equal(store_session_get(st, "old", 400, &s), 0);
	store_session_release(&s);
	assert_int_equal(store_sessions_purge(st, 1500), 0);
	assert_int_equal(store_session_get(st, "old", 400, &s), STORE_NOTFOUND);
	assert_int_equal(store_session_get(st, "live", 1500, &s), 0);
	store_session_release(&s);
	/* logging out */
	assert_int_equal(store_session_delete(st, "live"), 0);
	assert_int_equal(store_session_get(st, "live", 1500, &s), STORE_NOTFOUND);
	assert_int_equal(store_session_delete(st, "live"), 0);
	/* times past 2038 */
	assert_int_equal(store_session_add(st, "far", ann, "c", 1,
					   INT64_C(5000000000)), 0);
	assert_int_equal(store_session_get(st, "far", INT64_C(4999999999), &s), 0);
	assert_int_equal(s.expires, INT64_C(5000000000));
	store_session_release(&s);
	store_close(st);
}

static void test_tokens(void **state)
{
	struct store *st = open_fresh("tokens.db");
	struct api_token *v;
	size_t n;
	int64_t ann, bob, owner;

	(void)state;
	ann = add_user(st, "ann", false);
	bob = add_user(st, "bob", false);
	assert_int_equal(store_token_add(st, "h1", ann, "laptop"), 0);
	assert_int_equal(store_token_add(st, "h2", ann, "ci"), 0);
	assert_int_equal(store_token_add(st, "h3", bob, "bob's"), 0);
	assert_int_equal(store_token_add(st, "h1", bob, "again"), STORE_CONFLICT);

	assert_int_equal(store_token_user(st, "h2", &owner), 0);
	assert_int_equal(owner, ann);
	assert_int_equal(store_token_user(st, "h3", &owner), 0);
	assert_int_equal(owner, bob);
	assert_int_equal(store_token_user(st, "nope", &owner), STORE_NOTFOUND);

	assert_int_equal(store_tokens(st, ann, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].label, "laptop");
	assert_string_equal(v[1].label, "ci");
	assert_int_equal(v[0].user, ann);
	assert_true(v[0].id < v[1].id);
	assert_non_null(v[0].created);
	/* bob cannot delete ann's token */
	assert_int_equal(store_token_delete(st, bob, v[0].id), STORE_NOTFOUND);
	assert_int_equal(store_token_delete(st, ann, v[0].id), 0);
	assert_int_equal(store_token_delete(st, ann, v[0].id), STORE_NOTFOUND);
	store_tokens_free(v, n);
	assert_int_equal(store_token_user(st, "h1", &owner), STORE_NOTFOUND);
	assert_int_equal(store_tokens(st, ann, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].label, "ci");
	store_tokens_free(v, n);
	store_close(st);
}

static void failures(struct store *st, const char *name, const char *addr,
		     int64_t since, int64_t want_name, int64_t want_addr)
{
	int64_t by_name = -1, by_addr = -1;

	assert_int_equal(store_login_failures(st, name, addr, since, &by_name,
					      &by_addr), 0);
	assert_int_equal(by_name, want_name);
	assert_int_equal(by_addr, want_addr);
}

static void test_login_failures(void **state)
{
	struct store *st = open_fresh("logins.db");
	const int64_t t = 1700000000;

	(void)state;
	failures(st, "ann", "10.0.0.1", 0, 0, 0);
	assert_int_equal(store_login_failed(st, "ann", "10.0.0.1", t), 0);
	assert_int_equal(store_login_failed(st, "ann", "10.0.0.2", t + 10), 0);
	assert_int_equal(store_login_failed(st, "bob", "10.0.0.1", t + 20), 0);
	assert_int_equal(store_login_failed(st, "ann", "10.0.0.1", t + 30), 0);
	/* by name and by address, over windows that start later and later */
	failures(st, "ann", "10.0.0.1", t, 3, 3);
	failures(st, "ann", "10.0.0.1", t + 10, 2, 2);
	failures(st, "ann", "10.0.0.2", t + 10, 2, 1);
	failures(st, "bob", "10.0.0.1", t + 25, 0, 1);
	failures(st, "ann", "10.0.0.1", t + 31, 0, 0);
	failures(st, "carol", "10.9.9.9", 0, 0, 0);
	/* a good login forgets the name's failures, not the address's */
	assert_int_equal(store_login_clear(st, "ann"), 0);
	failures(st, "ann", "10.0.0.1", 0, 0, 1);
	failures(st, "bob", "10.0.0.1", 0, 1, 1);
	/* failures older than a day go when another is recorded */
	assert_int_equal(store_login_failed(st, "dan", "10.0.0.3",
					    t + 20 + 86400 + 1), 0);
	failures(st, "bob", "10.0.0.1", 0, 0, 0);
	failures(st, "dan", "10.0.0.3", 0, 1, 1);
	store_close(st);
}

static void test_members(void **state)
{
	struct store *st = open_fresh("members.db");
	int64_t alpha, beta, gamma, admin, lead, viewer, stranger;
	struct member *m;
	struct project *v;
	enum role role, *roles;
	size_t n;

	(void)state;
	beta = add_project(st, "beta");
	alpha = add_project(st, "alpha");
	gamma = add_project(st, "gamma");
	admin = add_user(st, "root", true);
	lead = add_user(st, "lena", false);
	viewer = add_user(st, "vic", false);
	stranger = add_user(st, "sam", false);

	assert_int_equal(store_member_role(st, alpha, lead, &role), 0);
	assert_int_equal(role, ROLE_NONE);
	assert_int_equal(store_member_set(st, alpha, viewer, ROLE_VIEWER), 0);
	assert_int_equal(store_member_set(st, alpha, lead, ROLE_CONTRIBUTOR), 0);
	/* setting again replaces the role */
	assert_int_equal(store_member_set(st, alpha, lead, ROLE_LEAD), 0);
	assert_int_equal(store_member_set(st, beta, lead, ROLE_VIEWER), 0);
	assert_int_equal(store_member_role(st, alpha, lead, &role), 0);
	assert_int_equal(role, ROLE_LEAD);
	assert_int_equal(store_member_role(st, beta, lead, &role), 0);
	assert_int_equal(role, ROLE_VIEWER);
	/* no such project or user */
	assert_int_equal(store_member_set(st, 9999, lead, ROLE_VIEWER),
			 STORE_NOTFOUND);
	assert_int_equal(store_member_set(st, alpha, 9999, ROLE_VIEWER),
			 STORE_NOTFOUND);
	/* no such role */
	assert_int_equal(store_member_set(st, alpha, viewer, (enum role)4), -1);
	assert_int_equal(store_member_role(st, alpha, viewer, &role), 0);
	assert_int_equal(role, ROLE_VIEWER);

	/* members: highest role first, then by name */
	assert_int_equal(store_member_set(st, alpha, admin, ROLE_VIEWER), 0);
	assert_int_equal(store_members(st, alpha, &m, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(m[0].name, "lena");
	assert_string_equal(m[0].display, "Lena");
	assert_int_equal(m[0].role, ROLE_LEAD);
	assert_int_equal(m[0].user, lead);
	assert_string_equal(m[1].name, "root");
	assert_string_equal(m[2].name, "vic");
	assert_int_equal(m[2].role, ROLE_VIEWER);
	store_members_free(m, n);
	assert_int_equal(store_members(st, gamma, &m, &n), 0);
	assert_int_equal(n, 0);
	store_members_free(m, n);

	/* an administrator sees every project, as lead */
	assert_int_equal(store_project_list_for(st, admin, &v, &roles,
						&n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].name, "alpha");
	assert_string_equal(v[1].name, "beta");
	assert_string_equal(v[2].name, "gamma");
	for (size_t i = 0; i < n; i++)
		assert_int_equal(roles[i], ROLE_LEAD);
	store_projects_free(v, n);
	free(roles);
	/* a member sees their projects, by name, with their role */
	assert_int_equal(store_project_list_for(st, lead, &v, &roles,
						&n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "alpha");
	assert_int_equal(v[0].id, alpha);
	assert_string_equal(v[0].technology, "other");
	assert_int_equal(roles[0], ROLE_LEAD);
	assert_string_equal(v[1].name, "beta");
	assert_int_equal(roles[1], ROLE_VIEWER);
	store_projects_free(v, n);
	free(roles);
	/* a stranger sees none */
	assert_int_equal(store_project_list_for(st, stranger, &v, &roles,
						&n), 0);
	assert_int_equal(n, 0);
	store_projects_free(v, n);
	free(roles);

	/* ROLE_NONE removes, and is no error when there was nothing */
	assert_int_equal(store_member_set(st, beta, lead, ROLE_NONE), 0);
	assert_int_equal(store_member_set(st, beta, lead, ROLE_NONE), 0);
	assert_int_equal(store_member_role(st, beta, lead, &role), 0);
	assert_int_equal(role, ROLE_NONE);
	/* deleting a project takes its memberships */
	assert_int_equal(store_project_delete(st, alpha), 0);
	assert_int_equal(store_members(st, alpha, &m, &n), 0);
	assert_int_equal(n, 0);
	store_members_free(m, n);
	assert_int_equal(store_project_list_for(st, lead, &v, &roles,
						&n), 0);
	assert_int_equal(n, 0);
	store_projects_free(v, n);
	free(roles);
	store_close(st);
}

static void test_audit(void **state)
{
	struct store *st = open_fresh("audit.db");
	struct audit_entry *v;
	int64_t p, q;
	size_t n;
	char entity[32];

	(void)state;
	p = add_project(st, "audited");
	q = add_project(st, "other");
	for (int i = 1; i <= 5; i++) {
		snprintf(entity, sizeof(entity), "stakeholder/%d", i);
		assert_int_equal(store_audit_add(st, p, "ann", "update", entity,
						 "{\"a\":1}", "{\"a\":2}"), 0);
	}
	assert_int_equal(store_audit_add(st, q, "bob", "create", "project", NULL,
					 "{}"), 0);
	assert_int_equal(store_audit_add(st, 0, "root", "create", "user/ann",
					 NULL, NULL), 0);

	/* newest first, limited */
	assert_int_equal(store_audit_list(st, p, 0, 2, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].entity, "stakeholder/5");
	assert_string_equal(v[1].entity, "stakeholder/4");
	assert_int_equal(v[0].project, p);
	assert_string_equal(v[0].who, "ann");
	assert_string_equal(v[0].action, "update");
	assert_string_equal(v[0].before, "{\"a\":1}");
	assert_string_equal(v[0].after, "{\"a\":2}");
	assert_non_null(v[0].at);
	assert_true(v[0].id > v[1].id);
	/* the next page starts below the last id seen */
	{
		int64_t below = v[1].id;
		store_audit_free(v, n);
		assert_int_equal(store_audit_list(st, p, below, 2, &v, &n), 0);
		assert_int_equal(n, 2);
		assert_string_equal(v[0].entity, "stakeholder/3");
		assert_string_equal(v[1].entity, "stakeholder/2");
		below = v[1].id;
		store_audit_free(v, n);
		assert_int_equal(store_audit_list(st, p, below, 2, &v, &n), 0);
		assert_int_equal(n, 1);
		assert_string_equal(v[0].entity, "stakeholder/1");
		below = v[0].id;
		store_audit_free(v, n);
		assert_int_equal(store_audit_list(st, p, below, 2, &v, &n), 0);
		assert_int_equal(n, 0);
		store_audit_free(v, n);
	}
	/* site-wide entries are project 0, with NULL before and after */
	assert_int_equal(store_audit_list(st, 0, 0, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].entity, "user/ann");
	assert_null(v[0].before);
	assert_null(v[0].after);
	assert_int_equal(v[0].project, 0);
	store_audit_free(v, n);
	/* the log outlives the project */
	assert_int_equal(store_project_delete(st, p), 0);
	assert_int_equal(store_audit_list(st, p, 0, 100, &v, &n), 0);
	assert_int_equal(n, 5);
	store_audit_free(v, n);
	assert_int_equal(store_audit_list(st, q, 0, 100, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_null(v[0].before);
	assert_string_equal(v[0].after, "{}");
	store_audit_free(v, n);
	store_close(st);
}

static void test_links(void **state)
{
	struct store *st = open_fresh("links.db");
	struct survey_link l = {0}, open = {0}, got;
	struct survey_link *v;
	struct stakeholder s;
	int64_t p, other;
	size_t n;

	(void)state;
	p = add_project(st, "linked");
	other = add_project(st, "other");
	stakeholder_init(&s);
	s.project_id = p;
	free(s.grp);
	s.grp = strdup("it");
	assert_int_equal(store_stakeholder_add(st, &s), 0);

	l.project = p;
	l.token = strdup("tok-stakeholder");
	l.stakeholder = s.id;
	l.grp = strdup(s.grp);
	l.round = 1;
	assert_int_equal(store_link_add(st, &l), 0);
	assert_true(l.id > 0);
	assert_non_null(l.created);
	open.project = p;
	open.token = strdup("tok-open");
	open.round = 2;
	open.label = strdup("ward 7 poster");
	assert_int_equal(store_link_add(st, &open), 0);
	/* the token is unique; the round counts from 1 */
	{
		struct survey_link dup = {0};
		dup.project = other;
		dup.token = strdup("tok-open");
		dup.round = 1;
		assert_int_equal(store_link_add(st, &dup), STORE_CONFLICT);
		free(dup.token);
		dup.token = strdup("tok-bad-round");
		dup.round = 0;
		assert_int_equal(store_link_add(st, &dup), -1);
		store_link_release(&dup);
	}

	assert_int_equal(store_link_get(st, "tok-stakeholder", &got), 0);
	assert_int_equal(got.id, l.id);
	assert_int_equal(got.project, p);
	assert_int_equal(got.stakeholder, s.id);
	assert_string_equal(got.grp, s.grp);
	assert_int_equal(got.round, 1);
	assert_string_equal(got.label, "");
	assert_null(got.used_on);
	assert_false(got.revoked);
	assert_int_equal(got.responses, 0);
	store_link_release(&got);
	assert_int_equal(store_link_get(st, "tok-open", &got), 0);
	assert_int_equal(got.stakeholder, 0);
	assert_null(got.grp);
	assert_string_equal(got.label, "ward 7 poster");
	store_link_release(&got);
	assert_int_equal(store_link_get(st, "nope", &got), STORE_NOTFOUND);
	store_link_release(&got);

	/* counting: a stakeholder's link records the day, never the time */
	assert_int_equal(store_link_count(st, l.id), 0);
	assert_int_equal(store_link_count(st, open.id), 0);
	assert_int_equal(store_link_count(st, open.id), 0);
	assert_int_equal(store_link_count(st, 9999), STORE_NOTFOUND);
	assert_int_equal(store_links(st, p, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, l.id);
	assert_int_equal(v[0].responses, 1);
	assert_non_null(v[0].used_on);
	assert_int_equal(strlen(v[0].used_on), 10);
	assert_int_equal(v[0].used_on[4], '-');
	assert_int_equal(v[0].used_on[7], '-');
	assert_true(strncmp(v[0].used_on, v[0].created, 10) >= 0);
	assert_int_equal(v[1].id, open.id);
	assert_int_equal(v[1].responses, 2);
	assert_null(v[1].used_on);
	store_links_free(v, n);

	/* revoking works only within the link's project */
	assert_int_equal(store_link_revoke(st, other, l.id), STORE_NOTFOUND);
	assert_int_equal(store_link_revoke(st, p, 9999), STORE_NOTFOUND);
	assert_int_equal(store_link_revoke(st, p, l.id), 0);
	assert_int_equal(store_link_get(st, "tok-stakeholder", &got), 0);
	assert_true(got.revoked);
	store_link_release(&got);
	assert_int_equal(store_links(st, other, &v, &n), 0);
	assert_int_equal(n, 0);
	store_links_free(v, n);

	/* the links go with their project */
	assert_int_equal(store_project_delete(st, p), 0);
	assert_int_equal(store_link_get(st, "tok-open", &got), STORE_NOTFOUND);
	store_link_release(&l);
	store_link_release(&open);
	stakeholder_release(&s);
	store_close(st);
}

/* Each change raises the revision by one; reads leave it. */
#define CHANGES(st, p, expr) do {					\
		int64_t before_ = revision(st, p);			\
		assert_int_equal((expr), 0);				\
		assert_int_equal(revision(st, p), before_ + 1);		\
	} while (0)
#define READS(st, p, expr) do {						\
		int64_t before_ = revision(st, p);			\
		assert_int_equal((expr), 0);				\
		assert_int_equal(revision(st, p), before_);		\
	} while (0)

static int count_response(const struct stored_response *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static void test_revision(void **state)
{
	struct store *st = open_fresh("revision.db");
	struct project p, got;
	struct stakeholder s;
	struct survey_link l = {0};
	int64_t id, other, rev, other_rev;
	char q1[] = "q1", q2[] = "q2", d1[] = "d1";
	char *items[] = { q1, q2 };
	char *dets[] = { d1 };
	size_t slots[2];
	unsigned char answers[2] = { 1, 2 };
	int counted = 0;

	(void)state;
	project_init(&p, "rev");
	assert_int_equal(store_project_add(st, &p), 0);
	id = p.id;
	other = add_project(st, "bystander");
	other_rev = revision(st, other);
	assert_int_equal(store_project_revision(st, 9999, &rev), STORE_NOTFOUND);

	free(p.title);
	p.title = strdup("Renamed");
	CHANGES(st, id, store_project_update(st, &p));
	CHANGES(st, id, store_group_add(st, id, "porters", "Porters"));
	CHANGES(st, id, store_group_remove(st, id, "porters"));
	stakeholder_init(&s);
	s.project_id = id;
	free(s.grp);
	s.grp = strdup("it");
	CHANGES(st, id, store_stakeholder_add(st, &s));
	s.power = 5;
	CHANGES(st, id, store_stakeholder_update(st, &s));
	CHANGES(st, id, store_survey_set_dets(st, id, dets, 1));
	CHANGES(st, id, store_survey_exclude(st, id, s.grp, "d1", true));
	CHANGES(st, id, store_survey_exclude(st, id, s.grp, "d1", false));
	CHANGES(st, id, store_items(st, id, items, 2, slots, true));
	/* items already there: nothing added, nothing changed */
	READS(st, id, store_items(st, id, items, 2, slots, true));
	CHANGES(st, id, store_response_add(st, id, 1, "r1", s.grp, answers, 2,
					   NULL));
	CHANGES(st, id, store_checkpoint_set(st, id, "cp-1", "ann", "ok"));
	CHANGES(st, id, store_checkpoint_set(st, id, "cp-1", NULL, NULL));
	l.project = id;
	l.token = strdup("tok");
	l.round = 1;
	CHANGES(st, id, store_link_add(st, &l));
	CHANGES(st, id, store_link_count(st, l.id));
	CHANGES(st, id, store_link_revoke(st, id, l.id));
	CHANGES(st, id, store_stakeholder_delete(st, id, s.id));

	/* failed changes and reads leave it */
	rev = revision(st, id);
	assert_int_equal(store_stakeholder_delete(st, id, s.id), STORE_NOTFOUND);
	assert_int_equal(store_group_remove(st, id, "nope"), STORE_NOTFOUND);
	assert_int_equal(store_checkpoint_set(st, id, "cp-9", NULL, NULL),
			 STORE_NOTFOUND);
	assert_int_equal(store_link_revoke(st, other, l.id), STORE_NOTFOUND);
	assert_int_equal(revision(st, id), rev);
	READS(st, id, store_project_get(st, "rev", &got));
	project_release(&got);
	READS(st, id, store_responses(st, id, 0, count_response, &counted));
	assert_int_equal(counted, 1);
	{
		struct group *g;
		struct stakeholder *sv;
		struct survey_link *lv;
		struct checkpoint_done *cv;
		size_t n;
		READS(st, id, store_groups(st, id, &g, &n));
		store_groups_free(g, n);
		READS(st, id, store_stakeholder_list(st, id, &sv, &n));
		store_stakeholders_free(sv, n);
		READS(st, id, store_links(st, id, &lv, &n));
		store_links_free(lv, n);
		READS(st, id, store_checkpoints(st, id, &cv, &n));
		store_checkpoints_free(cv, n);
	}
	/* another project's changes are its own */
	assert_int_equal(revision(st, other), other_rev);
	/* so is a change rolled back */
	assert_int_equal(store_begin(st), 0);
	CHANGES(st, id, store_group_add(st, id, "tmp", "Temporary"));
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(revision(st, id), rev);

	store_link_release(&l);
	stakeholder_release(&s);
	project_release(&p);
	store_close(st);
}

static void test_migrate_from_v3(void **state)
{
	struct store *st;
	struct project p;
	char *msg = NULL, db[256], bak[288];
	int64_t rev;

	(void)state;
	snprintf(db, sizeof(db), "%s", testdb_fresh(dir, "v3.db"));
	assert_int_equal(store_open_upto(db, 3, &st, &msg), 0);
	assert_int_equal(store_schema_version(st), 3);
	store_close(st);
	/* data written as version 3's program would have */
	assert_int_equal(testdb_exec(db, "INSERT INTO project (name, "
		"title, technology, care_settings, sites, staff, settings, "
		"partners, device_model, adoption, step, notes, anonymity, "
		"created, updated, platforms, dedicated_staff) VALUES "
		"('kept', 'Kept', 'other', '', 0, 0, 0, '', 'mixed', "
		"'mandated', 'vision', '', 5, 'x', 'x', 'single', 2);"
		"INSERT INTO stakeholder_group VALUES (1, 'it', 'IT', 1);"), 0);
	assert_int_equal(store_open(db, &st, &msg), 0);
	assert_true(store_schema_version(st) >= 4);
	if (testdb_pg()) {
		/* PostgreSQL migrates inside the transaction: no copy */
		assert_null(store_backup_path(st));
	} else {
		snprintf(bak, sizeof(bak), "%s.v3.bak", db);
		assert_non_null(store_backup_path(st));
		assert_string_equal(store_backup_path(st), bak);
	}
	assert_int_equal(store_project_get(st, "kept", &p), 0);
	assert_string_equal(p.platforms, "single");
	assert_int_equal(p.dedicated_staff, 2);
	assert_int_equal(store_project_revision(st, p.id, &rev), 0);
	assert_int_equal(rev, 0);
	/* the new tables are there and work with the old rows */
	{
		int64_t u = add_user(st, "ann", false);
		struct survey_link l = {0};
		struct audit_entry *v;
		size_t n;

		assert_int_equal(store_member_set(st, p.id, u, ROLE_CONTRIBUTOR), 0);
		l.project = p.id;
		l.token = strdup("t");
		l.round = 1;
		assert_int_equal(store_link_add(st, &l), 0);
		store_link_release(&l);
		assert_int_equal(store_audit_add(st, p.id, "ann", "migrate",
						 "project", NULL, NULL), 0);
		assert_int_equal(store_audit_list(st, p.id, 0, 5, &v, &n), 0);
		assert_int_equal(n, 1);
		store_audit_free(v, n);
		assert_int_equal(store_project_revision(st, p.id, &rev), 0);
		assert_int_equal(rev, 1);
	}
	project_release(&p);
	store_close(st);
}

static void test_release_zeroed(void **state)
{
	struct user u = {0};
	struct session s = {0};
	struct survey_link l = {0};

	(void)state;
	store_user_release(&u);
	store_session_release(&s);
	store_link_release(&l);
	store_users_free(NULL, 0);
	store_tokens_free(NULL, 0);
	store_members_free(NULL, 0);
	store_audit_free(NULL, 0);
	store_links_free(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_login_failures),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_revision),
		cmocka_unit_test(test_migrate_from_v3),
		cmocka_unit_test(test_release_zeroed),
	};
	return cmocka_run_group_tests_name("store-web", tests, setup, teardown);
}
