/*
 * page_users.c: site administration: the accounts, and adding one. Only
 * site administrators reach it (the route table answers 404 to others).
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "form.h"
#include "lib/html.h"
#include "pages.h"

static void users_table(struct req *r, const struct user *v, size_t n)
{
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z account%s"
	     "</caption><thead><tr><th scope=\"col\">Login name</th>"
	     "<th scope=\"col\">Name</th><th scope=\"col\">Site administrator"
	     "</th><th scope=\"col\">Since</th></tr></thead><tbody>\n", n,
	     n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s"
		     "</td><td>%s</td></tr>\n", v[i].name, v[i].display,
		     v[i].admin ? "yes" : "no", v[i].created);
	html(&r->out, "</tbody></table></div>\n");
}

static int users_page(struct req *r, const struct form *f)
{
	struct user *v;
	size_t n;
	const char *done = web_query(r, "done");
	bool again = f->nerrs > 0;
	const char *admin = again ? web_form(r, "admin") : NULL;
	char hint[64];

	if (store_user_list(r->st, &v, &n))
		return web_store_fail(r);
	snprintf(hint, sizeof(hint), "At least %d characters.",
		 AUTH_MIN_PASSWORD);
	page_begin(r, "Users", NULL);
	html(&r->out, "<h1>Users</h1>\n");
	if (done && !strcmp(done, "added") && !again)
		page_notice(r, "ok", "The account is made. Give its owner the "
			    "password by a separate, safe way.");
	form_summary(r, f);
	users_table(r, v, n);
	html(&r->out, "<p class=\"hint\">To give someone a role in a project, "
	     "use the project's People page.</p>\n<section "
	     "aria-labelledby=\"add\"><h2 id=\"add\">Add an account</h2>"
	     "<form method=\"post\" action=\"/admin/users\" class=\"narrow\" "
	     "autocomplete=\"off\">");
	page_csrf(r);
	form_input(r, f, "text", "name", "Login name", again ?
		   web_form(r, "name") : "", "Lower-case letters, digits, "
		   "'.', '_' and '-', starting with a letter.", true);
	form_input(r, f, "text", "display", "Full name", again ?
		   web_form(r, "display") : "", "As shown to others; the login "
		   "name if left empty.", false);
	form_input(r, f, "password", "new-password", "Password", "",
		   hint, true);
	form_input(r, f, "password", "confirm-password", "Password again",
		   "", NULL, true);
	html(&r->out, "<div class=\"field check\"><input type=\"checkbox\" "
	     "id=\"f-admin\" name=\"admin\" value=\"yes\"%R> <label "
	     "for=\"f-admin\">Site administrator (may add accounts and leads "
	     "every project)</label></div><button type=\"submit\">Add the "
	     "account</button></form></section>\n",
	     admin ? " checked" : "");
	page_end(r);
	store_users_free(v, n);
	return 0;
}

int page_users(struct req *r)
{
	struct form f = FORM_INIT;

	return users_page(r, &f);
}

/* Check every field; each problem goes against its field. */
static void check_fields(struct form *f, const char *name,
			 const char *display, const char *pw, const char *pw2)
{
	struct strbuf why = STRBUF_INIT;

	if (auth_check_name(name, &why))
		form_error(f, "name", why.buf);
	sb_reset(&why);
	if (check_text("full name", display, 200, false, &why))
		form_error(f, "display", why.buf);
	sb_reset(&why);
	if (auth_check_password(pw, &why))
		form_error(f, "new-password", why.buf);
	else if (strcmp(pw, pw2))
		form_error(f, "confirm-password", "the two passwords differ; "
			   "type the same password twice");
	sb_release(&why);
}

static const char *field(const struct req *r, const char *name)
{
	const char *v = web_form(r, name);

	return v ? v : "";
}

int page_users_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct strbuf why = STRBUF_INIT, entity = STRBUF_INIT;
	const char *name = field(r, "name"), *display = field(r, "display");
	const char *pw = field(r, "new-password");
	const char *pw2 = field(r, "confirm-password");
	bool admin = web_form(r, "admin") != NULL;
	struct user u;
	json_t *after;
	int rc;

	check_fields(&f, name, display, pw, pw2);
	if (f.nerrs)
		goto again;
	rc = auth_user_add(r->st, name, display, pw, admin, &u, &why);
	if (rc == STORE_CONFLICT) {
		store_user_release(&u);
		form_error(&f, "name", "this login name is taken; choose "
			   "another");
		goto again;
	}
	if (rc) {
		store_user_release(&u);
		rc = web_store_fail(r);
		goto out;
	}
	/* never the password or its hash */
	after = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)u.id,
			  "name", u.name, "display", u.display, "admin",
			  u.admin);
	sb_addf(&entity, "user:%s", u.name);
	rc = web_audit(r, 0, "add", entity.buf, NULL, after);
	json_decref(after);
	store_user_release(&u);
	if (!rc)
		rc = web_redirect(r, "/admin/users?done=added");
	goto out;
again:
	r->status = 422;
	rc = users_page(r, &f);
out:
	sb_release(&why);
	sb_release(&entity);
	form_release(&f);
	return rc;
}
