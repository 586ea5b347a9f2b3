/*
 * page_members.c: the people of a project and their roles; leads add
 * people who have an account, change their role, or take them off.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "form.h"
#include "lib/html.h"
#include "pages.h"

static const char *const role_names[] = {
	"none", "viewer", "contributor", "lead", NULL
};
static const char *const role_choices[] = {
	"viewer", "contributor", "lead", NULL
};
static const char *const role_labels[] = {
	"Viewer: sees the project", "Contributor: also changes its data",
	"Lead: also its settings, people, links and audit log", NULL
};

/* The role named s (none included), or -1. */
static int role_from(const char *s)
{
	for (int i = 0; s && role_names[i]; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "added"))
		return "The person is added to the project.";
	if (!strcmp(done, "saved"))
		return "The role is changed.";
	if (!strcmp(done, "removed"))
		return "The person is taken off the project.";
	return NULL;
}

static void role_form(struct req *r, const struct member *m)
{
	html(&r->out, "<form method=\"post\" action=\"/p/%u/members\" "
	     "class=\"inline-form\">", r->project.name);
	page_csrf(r);
	html(&r->out, "<input type=\"hidden\" name=\"name\" value=\"%s\">"
	     "<label for=\"role-%I\">Role of %s</label> <select "
	     "id=\"role-%I\" name=\"role\">", m->name, m->user, m->name,
	     m->user);
	for (size_t i = 0; role_choices[i]; i++)
		html(&r->out, "<option value=\"%s\"%R>%s</option>",
		     role_choices[i], m->role == (enum role)(i + 1) ?
		     " selected" : "", role_choices[i]);
	html(&r->out, "</select> <button type=\"submit\" class=\"secondary\">"
	     "Change</button></form> <form method=\"post\" "
	     "action=\"/p/%u/members\" class=\"inline-form\" "
	     "data-confirm=\"Take %s off the project?\">", r->project.name,
	     m->name);
	page_csrf(r);
	html(&r->out, "<input type=\"hidden\" name=\"name\" value=\"%s\">"
	     "<input type=\"hidden\" name=\"role\" value=\"none\">"
	     "<button type=\"submit\" class=\"danger\" aria-label=\"Remove %s\">"
	     "Remove</button></form>", m->name, m->name);
}

static int members_page(struct req *r, const struct form *f)
{
	struct member *v;
	size_t n;
	bool lead = r->role >= ROLE_LEAD;
	const char *done = done_text(web_query(r, "done"));

	if (store_members(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	page_begin(r, "People", "members");
	html(&r->out, "<h1>People</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	form_summary(r, f);
	if (!n)
		html(&r->out, "<p>Nobody has a role in this project yet; site "
		     "administrators lead every project.</p>\n");
	else
		html(&r->out, "<div class=\"table-wrap\"><table><caption>People "
		     "with a role in this project</caption><thead><tr>"
		     "<th scope=\"col\">Name</th><th scope=\"col\">Login name</th>"
		     "<th scope=\"col\">Role</th>%R</tr></thead><tbody>\n",
		     lead ? "<th scope=\"col\">Change</th>" : "");
	for (size_t i = 0; i < n; i++) {
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td>"
		     "<td>%s</td>", v[i].display, v[i].name,
		     role_names[v[i].role]);
		if (lead) {
			html(&r->out, "<td>");
			role_form(r, &v[i]);
			html(&r->out, "</td>");
		}
		html(&r->out, "</tr>\n");
	}
	if (n)
		html(&r->out, "</tbody></table></div>\n");
	if (lead) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add a person</h2><form method=\"post\" "
		     "action=\"/p/%u/members\" class=\"narrow\">",
		     r->project.name);
		page_csrf(r);
		form_input(r, f, "text", "name", "Login name",
			   f->nerrs ? web_form(r, "name") : "", "They need an "
			   "account first; a site administrator makes one.",
			   true);
		form_select(r, f, "role", "Role", role_choices, role_labels,
			    f->nerrs ? web_form(r, "role") : "viewer", NULL);
		html(&r->out, "<button type=\"submit\">Add</button></form>"
		     "</section>\n");
	}
	page_end(r);
	store_members_free(v, n);
	return 0;
}

int page_members(struct req *r)
{
	struct form f = FORM_INIT;

	return members_page(r, &f);
}

/* How many leads the project has among its members. */
static int count_leads(struct req *r, size_t *leads)
{
	struct member *v;
	size_t n;

	*leads = 0;
	if (store_members(r->st, r->project.id, &v, &n))
		return -1;
	for (size_t i = 0; i < n; i++)
		*leads += v[i].role == ROLE_LEAD;
	store_members_free(v, n);
	return 0;
}

static int refuse(struct req *r, struct form *f, const char *field,
		  const char *msg)
{
	int rc;

	form_error(f, field, msg);
	r->status = 422;
	rc = members_page(r, f);
	form_release(f);
	return rc;
}

static json_t *member_json(const struct user *u, enum role role)
{
	return json_pack("{s:s, s:s}", "user", u->name, "role",
			 role_names[role]);
}

/* Where to go after the change: away, if one took oneself off. */
static int after_save(struct req *r, const struct user *u, enum role role,
		      const char *done)
{
	if (u->id == r->user.id && !r->user.admin && role == ROLE_NONE)
		return web_redirect(r, "/projects");
	return web_redirect_project(r, r->project.name, "/members?done=%s",
				    done);
}

int page_members_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct strbuf entity = STRBUF_INIT;
	const char *name = web_form(r, "name");
	int role = role_from(web_form(r, "role"));
	enum role old;
	struct user u;
	size_t leads;
	json_t *before, *after;
	int rc;

	if (!name || !*name)
		return refuse(r, &f, "name", "give the login name of the person "
			      "to add");
	if (role < 0)
		return refuse(r, &f, "role", "choose viewer, contributor or lead");
	rc = store_user_get(r->st, name, &u);
	if (rc == STORE_NOTFOUND)
		return refuse(r, &f, "name", "there is no account with this "
			      "login name; a site administrator can make one");
	if (rc)
		return web_store_fail(r);
	if (store_member_role(r->st, r->project.id, u.id, &old) ||
	    count_leads(r, &leads)) {
		store_user_release(&u);
		return web_store_fail(r);
	}
	if (old == ROLE_LEAD && role != ROLE_LEAD && leads <= 1) {
		store_user_release(&u);
		return refuse(r, &f, "name", "this person is the project's only "
			      "lead: make someone else lead first");
	}
	if (old == ROLE_NONE && role == ROLE_NONE) {
		store_user_release(&u);
		return refuse(r, &f, "name", "this person has no role in the "
			      "project");
	}
	if (old == (enum role)role) {	/* nothing to change or record */
		rc = after_save(r, &u, old, "saved");
		store_user_release(&u);
		return rc;
	}
	if (store_member_set(r->st, r->project.id, u.id, (enum role)role)) {
		store_user_release(&u);
		return web_store_fail(r);
	}
	sb_addf(&entity, "member:%s", u.name);
	before = old ? member_json(&u, old) : NULL;
	after = role ? member_json(&u, (enum role)role) : NULL;
	rc = web_audit(r, r->project.id, !old ? "add" : role ? "role" :
		       "remove", entity.buf, before, after);
	json_decref(before);
	json_decref(after);
	if (!rc)
		rc = after_save(r, &u, (enum role)role, !old ? "added" : role ?
				"saved" : "removed");
	sb_release(&entity);
	store_user_release(&u);
	return rc;
}
