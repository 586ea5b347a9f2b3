/*
 * page_stakeholders.c: a project's stakeholders: the list, the power and
 * interest grid, and adding, editing and deleting one.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/chart.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"

static const char *const score_choices[] = { "1", "2", "3", "4", "5", NULL };
static const char *const power_labels[] = {
	"1 (very little)", "2", "3", "4", "5 (a great deal)", NULL
};
static const char *const interest_labels[] = {
	"1 (hardly any)", "2", "3", "4", "5 (very keen)", NULL
};
static const char *const fields[] = {
	"name", "group", "organisation", "power", "interest", "attitude", NULL
};

/* The project's groups as NULL-terminated choices for a select. */
struct choices {
	struct group *g;
	size_t n;
	const char **ids, **titles;
};

static int choices_load(struct req *r, struct choices *c)
{
	memset(c, 0, sizeof(*c));
	if (store_groups(r->st, r->project.id, &c->g, &c->n))
		return -1;
	c->ids = xcalloc(c->n + 1, sizeof(*c->ids));
	c->titles = xcalloc(c->n + 1, sizeof(*c->titles));
	for (size_t i = 0; i < c->n; i++) {
		c->ids[i] = c->g[i].id;
		c->titles[i] = c->g[i].title;
	}
	return 0;
}

static void choices_release(struct choices *c)
{
	store_groups_free(c->g, c->n);
	free(c->ids);
	free(c->titles);
	memset(c, 0, sizeof(*c));
}

static const char *group_title(const struct choices *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->ids[i], id))
			return c->titles[i];
	return id;
}

/* What the user typed if it was refused, else the stakeholder's value. */
static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *v)
{
	return form_error_for(f, name) ? web_form(r, name) : v;
}

static void stakeholder_fields(struct req *r, const struct form *f,
			       const struct stakeholder *s,
			       const struct choices *c)
{
	char power[24], interest[24];

	snprintf(power, sizeof(power), "%lld", (long long)s->power);
	snprintf(interest, sizeof(interest), "%lld", (long long)s->interest);
	form_input(r, f, "text", "name", "Name or role",
		   shown(r, f, "name", s->name), NULL, true);
	form_select(r, f, "group", "Group", c->ids, c->titles, s->grp,
		    "The stakeholder group their survey answers count for.");
	form_input(r, f, "text", "organisation", "Organisation",
		   shown(r, f, "organisation", s->organisation), NULL, false);
	form_select(r, f, "power", "Power over the project", score_choices,
		    power_labels, power, NULL);
	form_select(r, f, "interest", "Interest in the project", score_choices,
		    interest_labels, interest, NULL);
	form_select(r, f, "attitude", "Attitude", stakeholder_attitudes, NULL,
		    s->attitude, NULL);
}

/*
 * Set s's fields from the form through stakeholder_set, then check its
 * group belongs to the project. A new stakeholder needs a name and a
 * group; an edit leaves fields not sent as they were. Returns the number
 * of problems, or -1 after web_store_fail.
 */
static int apply_form(struct req *r, struct form *f, struct stakeholder *s,
		      bool is_new)
{
	struct strbuf why = STRBUF_INIT;
	int rc;

	for (size_t i = 0; fields[i]; i++) {
		const char *v = web_form(r, fields[i]);

		if (!v && is_new && i < 2)
			v = "";
		if (!v)
			continue;
		sb_reset(&why);
		if (stakeholder_set(s, fields[i], v, &why))
			form_error(f, fields[i], why.buf);
	}
	if (!form_error_for(f, "group")) {
		sb_reset(&why);
		rc = project_check_group(r->st, &r->project, s->grp, &why);
		if (rc == -1) {
			sb_release(&why);
			return web_store_fail(r);
		}
		if (rc)
			form_error(f, "group", why.buf);
	}
	sb_release(&why);
	return (int)f->nerrs;
}

/* --- the list --- */

/* The chart's colour class for an attitude: for, against, or neither. */
static const char *attitude_class(const char *attitude)
{
	if (!strcmp(attitude, "champion") || !strcmp(attitude, "supporter"))
		return "enabler";
	if (!strcmp(attitude, "sceptic") || !strcmp(attitude, "resistant"))
		return "barrier";
	return "neutral";
}

static void grid(struct req *r, const struct stakeholder *v, size_t n)
{
	struct chart_point *pts = xcalloc(n + 1, sizeof(*pts));
	struct chart_scatter c = {
		{ "power-interest", "Power and interest",
		  "Each stakeholder placed by their interest in the project "
		  "(across) and their power over it (up).", "Stakeholder", 0 },
		{ 1, 5, 1, 3, NULL, "Interest" },
		{ 1, 5, 1, 3, NULL, "Power" },
		{ "Keep satisfied", "Manage closely", "Monitor",
		  "Keep informed" },
		pts, n,
	};

	for (size_t i = 0; i < n; i++) {
		pts[i].label = v[i].name;
		pts[i].x = (double)v[i].interest;
		pts[i].y = (double)v[i].power;
		pts[i].cls = attitude_class(v[i].attitude);
	}
	html(&r->out, "<figure class=\"chart\"><figcaption>Power and interest"
	     "</figcaption><p class=\"hint\">Manage closely: high power and "
	     "interest. Keep satisfied: high power. Keep informed: high "
	     "interest. Monitor: the rest. Blue: champions and supporters; "
	     "brown: sceptics and resistant; grey: neutral.</p>");
	chart_scatter_svg(&r->out, &c);
	html(&r->out, "<details class=\"table-view\"><summary>Table view"
	     "</summary>");
	chart_scatter_table(&r->out, &c);
	html(&r->out, "</details></figure>\n");
	free(pts);
}

static void table(struct req *r, const struct stakeholder *v, size_t n,
		  const struct choices *c)
{
	bool edit = r->role >= ROLE_CONTRIBUTOR;

	if (!n) {
		html(&r->out, "<p>No stakeholders are recorded yet.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z "
	     "stakeholder%s</caption><thead><tr><th scope=\"col\">Name or role"
	     "</th><th scope=\"col\">Group</th><th scope=\"col\">Organisation"
	     "</th><th scope=\"col\" class=\"num\">Power</th><th scope=\"col\" "
	     "class=\"num\">Interest</th><th scope=\"col\">Attitude</th>%R"
	     "</tr></thead><tbody>\n", n,
	     n == 1 ? "" : "s", edit ? "<th scope=\"col\">Change</th>" : "");
	for (size_t i = 0; i < n; i++) {
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td>"
		     "<td>%s</td><td class=\"num\">%I</td><td class=\"num\">%I"
		     "</td><td>%s</td>", v[i].name, group_title(c, v[i].grp),
		     v[i].organisation, v[i].power, v[i].interest,
		     v[i].attitude);
		if (edit)
			html(&r->out, "<td><a href=\"/p/%u/stakeholders/%I\" "
			     "aria-label=\"Edit %s\">Edit</a></td>",
			     r->project.name, v[i].id, v[i].name);
		html(&r->out, "</tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "added"))
		return "The stakeholder is added.";
	if (!strcmp(done, "saved"))
		return "The stakeholder is saved.";
	if (!strcmp(done, "deleted"))
		return "The stakeholder is deleted.";
	return NULL;
}

/* The list page, with the add form holding draft and its problems. */
static int list_page(struct req *r, const struct form *f,
		     const struct stakeholder *draft)
{
	struct stakeholder *v;
	struct choices c;
	size_t n;
	const char *done = done_text(web_query(r, "done"));

	if (choices_load(r, &c))
		return web_store_fail(r);
	if (store_stakeholder_list(r->st, r->project.id, &v, &n)) {
		choices_release(&c);
		return web_store_fail(r);
	}
	page_begin(r, "Stakeholders", "stakeholders");
	html(&r->out, "<h1>Stakeholders</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	form_summary(r, f);
	if (n)
		grid(r, v, n);
	table(r, v, n, &c);
	if (r->role >= ROLE_CONTRIBUTOR) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add a stakeholder</h2><form method=\"post\" "
		     "action=\"/p/%u/stakeholders\" class=\"narrow\">",
		     r->project.name);
		page_csrf(r);
		stakeholder_fields(r, f, draft, &c);
		html(&r->out, "<button type=\"submit\">Add the stakeholder"
		     "</button></form></section>\n");
	}
	page_end(r);
	store_stakeholders_free(v, n);
	choices_release(&c);
	return 0;
}

int page_stakeholders(struct req *r)
{
	struct form f = FORM_INIT;
	struct stakeholder s;
	int rc;

	stakeholder_init(&s);
	rc = list_page(r, &f, &s);
	stakeholder_release(&s);
	return rc;
}

static int back_to_list(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name,
				    "/stakeholders?done=%s", done);
}

int page_stakeholder_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct stakeholder s;
	struct strbuf entity = STRBUF_INIT;
	json_t *after;
	int rc;

	stakeholder_init(&s);
	s.project_id = r->project.id;
	rc = apply_form(r, &f, &s, true);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = list_page(r, &f, &s);
		goto out;
	}
	if (store_stakeholder_add(r->st, &s)) {
		rc = web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "stakeholder:%lld", (long long)s.id);
	after = stakeholder_json(&s);
	rc = web_audit(r, r->project.id, "add", entity.buf, NULL, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "added");
out:
	sb_release(&entity);
	form_release(&f);
	stakeholder_release(&s);
	return rc;
}

/* Load the stakeholder named by the path, of this project only. */
static int load(struct req *r, struct stakeholder *s)
{
	int64_t id;
	int rc;

	memset(s, 0, sizeof(*s));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_stakeholder_get(r->st, r->project.id, id, s);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

static int edit_page(struct req *r, const struct form *f,
		     const struct stakeholder *s, const char *name)
{
	struct choices c;

	if (choices_load(r, &c))
		return web_store_fail(r);
	page_begin(r, "Edit a stakeholder", "stakeholders");
	html(&r->out, "<p><a href=\"/p/%u/stakeholders\">All stakeholders</a>"
	     "</p><h1>Edit: %s</h1>\n", r->project.name, name);
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/stakeholders/%I\" "
	     "class=\"narrow\">", r->project.name, s->id);
	page_csrf(r);
	form_version(r, s->version);
	stakeholder_fields(r, f, s, &c);
	html(&r->out, "<button type=\"submit\">Save</button></form>\n"
	     "<h2>Delete</h2><form method=\"post\" "
	     "action=\"/p/%u/stakeholders/%I/delete\" data-confirm=\"Delete "
	     "%s from the stakeholders?\">", r->project.name, s->id, name);
	page_csrf(r);
	html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
	     "stakeholder</button></form>\n<p class=\"hint\">Survey answers "
	     "already given are kept: they were never tied to a name.</p>\n");
	page_end(r);
	choices_release(&c);
	return 0;
}

int page_stakeholder_edit(struct req *r)
{
	struct form f = FORM_INIT;
	struct stakeholder s;
	int rc = load(r, &s);

	if (!rc)
		rc = edit_page(r, &f, &s, s.name);
	stakeholder_release(&s);
	return rc;
}

int page_stakeholder_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct stakeholder s;
	struct strbuf entity = STRBUF_INIT;
	json_t *before = NULL, *after;
	char *name = NULL;
	int64_t stored;
	int rc = load(r, &s);

	if (rc)
		goto out;
	before = stakeholder_json(&s);
	name = xstrdup(s.name);
	stored = s.version;
	rc = form_version_read(r, &f, &s.version);
	if (rc >= 0)
		rc += apply_form(r, &f, &s, false);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = edit_page(r, &f, &s, name);
		goto out;
	}
	rc = store_stakeholder_update(r->st, &s);
	if (rc == STORE_STALE) {
		/* before is the record as stored: this request read it */
		after = stakeholder_json(&s);
		form_stale(r, &f, before, after);
		json_decref(after);
		s.version = stored;
		rc = edit_page(r, &f, &s, name);
		goto out;
	}
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) :
		     web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "stakeholder:%lld", (long long)s.id);
	after = stakeholder_json(&s);
	rc = web_audit(r, r->project.id, "edit", entity.buf, before, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "saved");
out:
	free(name);
	json_decref(before);
	sb_release(&entity);
	form_release(&f);
	stakeholder_release(&s);
	return rc;
}

int page_stakeholder_delete(struct req *r)
{
	struct stakeholder s;
	struct strbuf entity = STRBUF_INIT;
	json_t *before;
	int rc = load(r, &s);

	if (rc)
		goto out;
	rc = store_stakeholder_delete(r->st, r->project.id, s.id);
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) :
		     web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "stakeholder:%lld", (long long)s.id);
	before = stakeholder_json(&s);
	rc = web_audit(r, r->project.id, "delete", entity.buf, before, NULL);
	json_decref(before);
	if (!rc)
		rc = back_to_list(r, "deleted");
out:
	sb_release(&entity);
	stakeholder_release(&s);
	return rc;
}
