/*
 * test-web.c: the route table's guarantees, tested by calling the
 * dispatcher with requests built here (no network): who may reach what,
 * the anti-forgery check, error shapes, and the escaping helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/demo.h"
#include "auth/auth.h"
#include "kb/kb.h"
#include "lib/diag.h"
#include "lib/html.h"
#include "web/web.h"
#include "testdb.h"

static struct kb kb;
static struct store *st;
static struct web_config cfg;
static char dir[64], path[256];
static char lead_cookie[SECRET_TOKEN_LEN + 1], lead_csrf[SECRET_TOKEN_LEN + 1];
static char viewer_cookie[SECRET_TOKEN_LEN + 1], viewer_csrf[SECRET_TOKEN_LEN + 1];
static char stranger_cookie[SECRET_TOKEN_LEN + 1], stranger_csrf[SECRET_TOKEN_LEN + 1];
static char lead_token[SECRET_TOKEN_LEN + 1];

/* A user with a session, and a role in the demo project (ROLE_NONE: none). */
static void person(const char *name, enum role role, int64_t project,
		   char *cookie, char *csrf)
{
	struct strbuf why = STRBUF_INIT;
	struct user u;

	assert_int_equal(auth_user_add(st, name, NULL, "a long enough password",
				       false, &u, &why), 0);
	if (role)
		assert_int_equal(store_member_set(st, project, u.id, role), 0);
	assert_int_equal(auth_session_start(st, u.id, 1000, 1, cookie, csrf), 0);
	if (role == ROLE_LEAD)
		assert_int_equal(auth_token_add(st, u.id, "test", lead_token), 0);
	store_user_release(&u);
	sb_release(&why);
}

static int setup(void **state)
{
	struct diags d;
	struct project p;
	char *msg = NULL;

	(void)state;
	assert_int_equal(secret_init(), 0);
	kb_init(&kb);
	diags_init(&d);
	if (kb_load_builtin(&kb, &d) || kb_finish(&kb, &d))
		return -1;
	diags_release(&d);
	snprintf(dir, sizeof(dir), "/tmp/waymark-web-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s", testdb(dir, "w.db"));
	if (store_open(path, &st, &msg))
		return -1;
	if (demo_create(&kb, st, &p))
		return -1;
	person("lead", ROLE_LEAD, p.id, lead_cookie, lead_csrf);
	person("viewer", ROLE_VIEWER, p.id, viewer_cookie, viewer_csrf);
	person("stranger", ROLE_NONE, p.id, stranger_cookie, stranger_csrf);
	project_release(&p);
	web_config_init(&cfg);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	store_close(st);
	kb_release(&kb);
	web_config_release(&cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

/* Dispatch method path as the holder of cookie (NULL: nobody). */
static void ask(struct req *r, const char *method, const char *url,
		const char *cookie)
{
	req_init(r);
	r->method = method;
	r->path = url;
	r->is_post = strcmp(method, "GET") != 0;
	r->cookie = cookie;
	r->addr = "127.0.0.1";
	r->kb = &kb;
	r->st = st;
	r->cfg = &cfg;
	r->now = 2000;
}

static void go(struct req *r)
{
	web_dispatch(r);
}

static const char *header(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (!strcmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}

static void nobody_is_sent_to_login(void **state)
{
	struct req r;

	(void)state;
	ask(&r, "GET", "/p/demo-clinical-app", NULL);
	go(&r);
	assert_int_equal(r.status, 303);
	assert_string_equal(header(&r, "Location"),
			    "/login?next=%2Fp%2Fdemo-clinical-app");
	req_release(&r);

	ask(&r, "GET", "/api/projects/demo-clinical-app", NULL);
	go(&r);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.out.buf, "\"code\":\"login_required\""));
	req_release(&r);
}

static void strangers_see_nothing(void **state)
{
	static const char *const urls[] = {
		"/p/demo-clinical-app", "/p/demo-clinical-app/dashboard",
		"/p/demo-clinical-app/roadmap", "/p/demo-clinical-app/edit",
		"/p/demo-clinical-app/audit", "/p/demo-clinical-app/links",
		"/p/demo-clinical-app/stakeholders/1",
		"/api/projects/demo-clinical-app/assessment",
	};
	struct req r, missing;

	(void)state;
	for (size_t i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		ask(&r, "GET", urls[i], stranger_cookie);
		go(&r);
		assert_int_equal(r.status, 404);
		req_release(&r);
	}
	/* the same words as for a project that does not exist */
	ask(&r, "GET", "/api/projects/demo-clinical-app", stranger_cookie);
	go(&r);
	ask(&missing, "GET", "/api/projects/no-such-thing", stranger_cookie);
	go(&missing);
	assert_int_equal(missing.status, 404);
	assert_non_null(strstr(r.out.buf, "\"code\":\"not_found\""));
	assert_non_null(strstr(missing.out.buf, "\"code\":\"not_found\""));
	req_release(&r);
	req_release(&missing);
}

static void viewers_may_look_not_change(void **state)
{
	struct req r;

	(void)state;
	ask(&r, "GET", "/p/demo-clinical-app/edit", viewer_cookie);
	go(&r);
	assert_int_equal(r.status, 403);
	req_release(&r);

	ask(&r, "POST", "/p/demo-clinical-app/stakeholders", viewer_cookie);
	req_add_field(&r.form, &r.nform, "csrf", viewer_csrf);
	req_add_field(&r.form, &r.nform, "name", "Someone");
	go(&r);
	assert_int_equal(r.status, 403);
	req_release(&r);
}

static void forms_need_the_session_token(void **state)
{
	struct req r;
	struct project p;

	(void)state;
	/* none */
	ask(&r, "POST", "/projects", lead_cookie);
	req_add_field(&r.form, &r.nform, "name", "made-here");
	req_add_field(&r.form, &r.nform, "title", "Made here");
	go(&r);
	assert_int_equal(r.status, 403);
	req_release(&r);
	/* another session's */
	ask(&r, "POST", "/projects", lead_cookie);
	req_add_field(&r.form, &r.nform, "csrf", viewer_csrf);
	req_add_field(&r.form, &r.nform, "name", "made-here");
	req_add_field(&r.form, &r.nform, "title", "Made here");
	go(&r);
	assert_int_equal(r.status, 403);
	req_release(&r);
	assert_int_equal(store_project_get(st, "made-here", &p), STORE_NOTFOUND);
	/* its own */
	ask(&r, "POST", "/projects", lead_cookie);
	req_add_field(&r.form, &r.nform, "csrf", lead_csrf);
	req_add_field(&r.form, &r.nform, "name", "made-here");
	req_add_field(&r.form, &r.nform, "title", "Made here");
	go(&r);
	assert_int_equal(r.status, 303);
	assert_string_equal(header(&r, "Location"), "/p/made-here");
	req_release(&r);
	assert_int_equal(store_project_get(st, "made-here", &p), 0);
	project_release(&p);
}

static void api_tokens_need_no_form_token(void **state)
{
	struct req r;

	(void)state;
	ask(&r, "GET", "/api/projects", NULL);
	r.bearer = lead_token;
	go(&r);
	assert_int_equal(r.status, 200);
	assert_true(r.by_token);
	req_release(&r);

	ask(&r, "GET", "/api/projects", NULL);
	r.bearer = "not-a-token";
	go(&r);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.out.buf, "\"code\":\"bad_token\""));
	req_release(&r);
}

static void unknown_paths_and_methods(void **state)
{
	struct req r;

	(void)state;
	ask(&r, "GET", "/nothing/here", lead_cookie);
	go(&r);
	assert_int_equal(r.status, 404);
	req_release(&r);
	ask(&r, "DELETE", "/projects", lead_cookie);
	go(&r);
	assert_int_equal(r.status, 405);
	req_release(&r);
	/* a segment may not be empty, nor may a route match a longer path */
	ask(&r, "GET", "/p//dashboard", lead_cookie);
	go(&r);
	assert_int_equal(r.status, 404);
	req_release(&r);
	ask(&r, "GET", "/projectsX", lead_cookie);
	go(&r);
	assert_int_equal(r.status, 404);
	req_release(&r);
}

static void expired_sessions_end(void **state)
{
	struct req r;

	(void)state;
	ask(&r, "GET", "/projects", lead_cookie);
	r.now = 1000 + 3600 + 1;	/* the session lasted one hour */
	go(&r);
	assert_int_equal(r.status, 303);
	req_release(&r);
}

static void escaping(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html(&sb, "<a href=\"/p/%u\" title=\"%s\">%s</a> %d%%", "a b/c?d",
	     "\"quoted\" & 'single'", "<script>", 5);
	assert_string_equal(sb.buf, "<a href=\"/p/a%20b%2Fc%3Fd\" title=\""
			    "&quot;quoted&quot; &amp; &#39;single&#39;\">"
			    "&lt;script&gt;</a> 5%");
	sb_reset(&sb);
	html(&sb, "%s|%R|%I|%z|%f", NULL, "<b>", (int64_t)-7, (size_t)3, 2.345);
	assert_string_equal(sb.buf, "|<b>|-7|3|2.35");
	sb_release(&sb);
}

static void config_settings(void **state)
{
	struct web_config c;
	struct strbuf err = STRBUF_INIT;

	(void)state;
	web_config_init(&c);
	assert_int_equal(web_config_set(&c, "port", "9000", &err), 0);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(web_config_set(&c, "listen", "[::1]:81", &err), 0);
	assert_int_equal(web_config_set(&c, "threads", "0", &err), -1);
	assert_non_null(strstr(err.buf, "threads: expected a whole number"));
	sb_reset(&err);
	assert_int_equal(web_config_set(&c, "colour", "red", &err), -1);
	assert_string_equal(err.buf, "unknown setting 'colour'");
	web_config_release(&c);
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nobody_is_sent_to_login),
		cmocka_unit_test(strangers_see_nothing),
		cmocka_unit_test(viewers_may_look_not_change),
		cmocka_unit_test(forms_need_the_session_token),
		cmocka_unit_test(api_tokens_need_no_form_token),
		cmocka_unit_test(unknown_paths_and_methods),
		cmocka_unit_test(expired_sessions_end),
		cmocka_unit_test(escaping),
		cmocka_unit_test(config_settings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
