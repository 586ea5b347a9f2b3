/* page_login.c: logging in and out, and where the site's root leads. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "form.h"
#include "lib/html.h"
#include "pages.h"

#define COOKIE "wm_session"

/* Only a path of this site may follow a login (no "//host" or "http:"). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strchr(next, ':') || !strncmp(next, "/login", 6))
		return "/projects";
	return next;
}

int page_home(struct req *r)
{
	return web_redirect(r, r->user.id ? "/projects" : "/login");
}

static int login_form(struct req *r, const struct form *f, const char *name,
		      const char *next)
{
	page_begin(r, "Log in", NULL);
	html(&r->out, "<h1>Log in</h1>\n");
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/login\" class=\"narrow\">"
	     "<input type=\"hidden\" name=\"next\" value=\"%s\">",
	     safe_next(next));
	form_input(r, f, "text", "name", "Login name", name, NULL, true);
	form_input(r, f, "password", "password", "Password", "", NULL, true);
	html(&r->out, "<button type=\"submit\">Log in</button></form>\n"
	     "<p class=\"hint\">Answering a survey? Use the link you were "
	     "sent: it needs no login.</p>\n");
	page_end(r);
	return 0;
}

int page_login(struct req *r)
{
	struct form f = FORM_INIT;

	if (r->user.id)
		return web_redirect(r, safe_next(web_query(r, "next")));
	login_form(r, &f, "", web_query(r, "next"));
	return 0;
}

static void set_cookie(struct req *r, const char *value, long max_age)
{
	char buf[256];

	snprintf(buf, sizeof(buf), COOKIE "=%s; Path=/; HttpOnly; "
		 "SameSite=Strict; Max-Age=%ld%s", value, max_age,
		 r->cfg->secure_cookies ? "; Secure" : "");
	web_header(r, "Set-Cookie", buf);
}

int page_login_post(struct req *r)
{
	const char *name = web_form(r, "name"), *pw = web_form(r, "password");
	const char *next = web_form(r, "next");
	char token[SECRET_TOKEN_LEN + 1], csrf[SECRET_TOKEN_LEN + 1];
	struct form f = FORM_INIT;
	struct user u;
	int rc;

	if (!name || !pw || !*name || !*pw) {
		form_error(&f, !name || !*name ? "name" : "password",
			   "give your login name and password");
		r->status = 422;
		rc = login_form(r, &f, name ? name : "", next);
		form_release(&f);
		return rc;
	}
	switch (auth_login(r->st, name, pw, r->addr, r->now, &u)) {
	case AUTH_OK:
		break;
	case AUTH_LIMITED:
		return web_fail(r, 429, "too_many_attempts", "too many failed "
				"logins for this name or address; wait %d "
				"minutes and try again", AUTH_WINDOW / 60);
	case AUTH_BAD:
		r->keep = true;	/* the failure counts */
		r->status = 422;
		form_error(&f, "password", "the login name or password is wrong");
		rc = login_form(r, &f, name, next);
		form_release(&f);
		return rc;
	default:
		return web_store_fail(r);
	}
	rc = auth_session_start(r->st, u.id, r->now, r->cfg->session_hours,
				token, csrf);
	store_user_release(&u);
	if (rc)
		return web_store_fail(r);
	set_cookie(r, token, (long)r->cfg->session_hours * 3600);
	return web_redirect(r, safe_next(next));
}

int page_logout(struct req *r)
{
	if (r->cookie && auth_session_end(r->st, r->cookie) == -1)
		return web_store_fail(r);
	set_cookie(r, "", 0);
	return web_redirect(r, "/login");
}
