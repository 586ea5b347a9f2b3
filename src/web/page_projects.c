/* page_projects.c: the projects one can see, and starting a new one. */
#include <string.h>

#include "form.h"
#include "lib/html.h"
#include "pages.h"

static const char *const role_names[] = {
	"none", "viewer", "contributor", "lead"
};

int page_projects(struct req *r)
{
	struct project *v;
	enum role *roles;
	size_t n;

	if (store_project_list_for(r->st, r->user.id, &v, &roles,
				   &n))
		return web_store_fail(r);
	page_begin(r, "Projects", NULL);
	html(&r->out, "<h1>Projects</h1>\n<p><a class=\"button\" "
	     "href=\"/projects/new\">New project</a></p>\n");
	if (!n)
		html(&r->out, "<p>You have no projects yet. Start one, or ask a "
		     "project's lead to add you.</p>\n");
	else
		html(&r->out, "<div class=\"table-wrap\"><table><caption>Projects "
		     "you can see</caption><thead><tr><th scope=\"col\">Project"
		     "</th><th scope=\"col\">Technology</th><th scope=\"col\">"
		     "Phase and step</th><th scope=\"col\">Your role</th></tr>"
		     "</thead><tbody>\n");
	for (size_t i = 0; i < n; i++)
		html(&r->out, "<tr><th scope=\"row\"><a href=\"/p/%u\">%s</a></th>"
		     "<td>%s</td><td>%s: %s</td><td>%s</td></tr>\n", v[i].name,
		     v[i].title, v[i].technology, project_phase(v[i].step),
		     v[i].step, role_names[roles[i]]);
	if (n)
		html(&r->out, "</tbody></table></div>\n");
	page_end(r);
	store_projects_free(v, n);
	free(roles);
	return 0;
}

static int new_form(struct req *r, const struct form *f,
		    const struct project *p)
{
	page_begin(r, "New project", NULL);
	html(&r->out, "<h1>New project</h1>\n");
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/projects\">");
	page_csrf(r);
	form_project(r, f, p, true);
	html(&r->out, "<button type=\"submit\">Create the project</button>"
	     "</form>\n");
	page_end(r);
	return 0;
}

int page_project_new(struct req *r)
{
	struct project p;
	struct form f = FORM_INIT;

	project_init(&p, "");
	new_form(r, &f, &p);
	project_release(&p);
	return 0;
}

int page_project_create(struct req *r)
{
	struct project p;
	struct form f = FORM_INIT;
	int rc = -1;

	project_init(&p, "");
	if (form_project_apply(r, &f, &p, true)) {
		r->status = 422;
		new_form(r, &f, &p);
		goto out;
	}
	rc = store_project_add_by(r->st, &p, r->user.id);
	if (rc == STORE_CONFLICT) {
		form_error(&f, "name", "a project with this short name exists; "
			   "choose another");
		r->status = 422;
		new_form(r, &f, &p);
		goto out;
	}
	if (rc) {
		rc = web_store_fail(r);
		goto out;
	}
	json_t *after = project_json(&p);
	rc = web_audit(r, p.id, "create", "project", NULL, after);
	json_decref(after);
	if (!rc) {
		rc = web_redirect_project(r, p.name, "%s", "");
	}
out:
	form_release(&f);
	project_release(&p);
	return rc;
}
