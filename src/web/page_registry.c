/*
 * page_registry.c: the settings registry of a project: the list with the
 * milestones each setting reached and the tools it uses; for
 * contributors, adding, editing and deleting a setting, recording the
 * day it reached a milestone, and adding or removing a tool. The rules
 * are track.h's, as in 'waymark setting' and 'waymark milestone'.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "rollout.h"
#include "track/track.h"

static const char *const type_labels[] = {
	"Organisation", "Site", "Team", NULL
};
static const char *const fields[] = { "name", "type", "parent", "it_system",
				      NULL };

/* The registry's names as choices for a parent, "" (none) first. */
static const char **parent_choices(const struct track_data *t,
				   const char ***labels)
{
	const char **v = xcalloc(t->n + 2, sizeof(*v));

	*labels = xcalloc(t->n + 2, sizeof(**labels));
	v[0] = "";
	(*labels)[0] = "(none)";
	for (size_t i = 0; i < t->n; i++)
		v[i + 1] = (*labels)[i + 1] = t->settings[i].name;
	return v;
}

/* What was typed if it was refused, else the setting's value. */
static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *v)
{
	return form_error_for(f, name) ? web_form(r, name) : v;
}

static void setting_fields(struct req *r, const struct form *f,
			   const struct setting *s, const struct track_data *t)
{
	const char **labels, **parents = parent_choices(t, &labels);

	form_input(r, f, "text", "name", "Name", shown(r, f, "name", s->name),
		   NULL, true);
	form_select(r, f, "type", "Type", setting_types, type_labels, s->type,
		    NULL);
	form_select(r, f, "parent", "Parent", parents, labels, s->parent,
		    "The organisation or site it belongs to.");
	form_input(r, f, "text", "it_system", "IT system",
		   shown(r, f, "it_system", s->it_system),
		   "The system it uses now.", false);
	free(parents);
	free(labels);
}

/* Record err ("field: why") against its field of the form. */
static void field_error(struct form *f, const struct strbuf *err)
{
	for (size_t i = 0; fields[i]; i++) {
		size_t n = strlen(fields[i]);
		if (!strncmp(err->buf, fields[i], n) && err->buf[n] == ':') {
			form_error(f, fields[i], err->buf);
			return;
		}
	}
	form_error(f, "name", err->buf);
}

/* --- the list --- */

static void reached_cell(struct req *r, const struct track_data *t, size_t i)
{
	char day[11];
	bool any = false;

	html(&r->out, "<td><ul class=\"plain\">");
	for (size_t k = 0; k < t->nmilestones; k++) {
		if (t->ts[i].reached[k] == TRACK_NEVER)
			continue;
		track_date_format(t->ts[i].reached[k], day);
		html(&r->out, "<li>%s: <time>%s</time></li>",
		     t->milestones[k].title, day);
		any = true;
	}
	html(&r->out, "%R</ul></td>", any ? "" : "<li>none yet</li>");
}

static void registry_table(struct req *r, const struct track_data *t)
{
	bool edit = r->role >= ROLE_CONTRIBUTOR;

	if (!t->n) {
		html(&r->out, "<p>No settings are registered yet.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z setting%s"
	     "</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">"
	     "Type</th><th scope=\"col\">Parent</th><th scope=\"col\">IT system"
	     "</th><th scope=\"col\">Milestones reached</th><th scope=\"col\">"
	     "Other tools</th>%R</tr></thead><tbody>\n", t->n,
	     t->n == 1 ? "" : "s", edit ? "<th scope=\"col\">Change</th>" : "");
	for (size_t i = 0; i < t->n; i++) {
		const struct setting *s = &t->settings[i];
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s"
		     "</td><td>%s</td>", s->name, s->type, s->parent,
		     s->it_system);
		reached_cell(r, t, i);
		html(&r->out, "<td>");
		for (size_t j = t->tool_at[i]; j < t->tool_at[i + 1]; j++)
			html(&r->out, "%R%s", j > t->tool_at[i] ? ", " : "",
			     t->tools[j].tool);
		html(&r->out, "</td>");
		if (edit)
			html(&r->out, "<td><a href=\"/p/%u/registry/%I\" "
			     "aria-label=\"Edit %s\">Edit</a></td>",
			     r->project.name, s->id, s->name);
		html(&r->out, "</tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

static const char *done_text(const char *done)
{
	static const struct { const char *id, *text; } v[] = {
		{ "added", "The setting is added." },
		{ "saved", "The setting is saved." },
		{ "deleted", "The setting is deleted." },
		{ "ms-add", "The milestone is added." },
		{ "ms-rename", "The milestone is renamed." },
		{ "ms-move", "The milestone is moved." },
		{ "ms-delete", "The milestone is removed." },
	};

	for (size_t i = 0; done && i < sizeof(v) / sizeof(*v); i++)
		if (!strcmp(done, v[i].id))
			return v[i].text;
	return NULL;
}

static int list_page(struct req *r, const struct form *f,
		     const struct setting *draft)
{
	const char *done = done_text(web_query(r, "done"));
	struct track_data t;

	if (track_load(r->st, r->project.id, &t)) {
		track_data_release(&t);
		return web_store_fail(r);
	}
	page_begin(r, "Settings registry", "registry");
	html(&r->out, "<h1>Settings registry</h1><p>The organisations, sites "
	     "and teams that must take part. <a href=\"/p/%u/rollout\">"
	     "Coverage over time</a></p>\n", r->project.name);
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	page_import_done(r);
	form_summary(r, f);
	registry_table(r, &t);
	milestones_section(r, f, t.milestones, t.nmilestones);
	if (r->role >= ROLE_CONTRIBUTOR) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add a setting</h2><form method=\"post\" action=\"/p/%u/"
		     "registry\" class=\"narrow\">", r->project.name);
		page_csrf(r);
		setting_fields(r, f, draft, &t);
		html(&r->out, "<button type=\"submit\">Add the setting</button>"
		     "</form></section>\n");
	}
	page_end(r);
	track_data_release(&t);
	return 0;
}

int registry_page(struct req *r, const struct form *f)
{
	struct setting s;
	int rc;

	setting_init(&s);
	rc = list_page(r, f, &s);
	store_setting_release(&s);
	return rc;
}

int page_registry(struct req *r)
{
	struct form f = FORM_INIT;

	return registry_page(r, &f);
}

/* Audit a change of setting id; 0, or -1 after web_store_fail. */
static int audit(struct req *r, const char *action, int64_t id,
		 json_t *before, json_t *after)
{
	char entity[48];

	snprintf(entity, sizeof(entity), "setting:%" PRId64, id);
	return web_audit(r, r->project.id, action, entity, before, after);
}

static int back(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name, "/registry?done=%s",
				    done);
}

int page_registry_add(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	struct form f = FORM_INIT;
	struct setting s;
	json_t *after;
	int rc = 0;

	setting_init(&s);
	s.project = r->project.id;
	for (size_t i = 0; fields[i]; i++) {
		const char *v = web_form(r, fields[i]);
		sb_reset(&err);
		if (v && setting_set(&s, fields[i], v, &err))
			form_error(&f, fields[i], err.buf);
	}
	if (!f.nerrs) {
		sb_reset(&err);
		rc = track_setting_add(r->st, &s, &err);
		if (rc == TRACK_BAD)
			field_error(&f, &err);
	}
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (f.nerrs) {
		r->status = 422;
		rc = list_page(r, &f, &s);
	} else {
		after = setting_json(&s);
		rc = audit(r, "add", s.id, NULL, after);
		json_decref(after);
		if (!rc)
			rc = back(r, "added");
	}
	store_setting_release(&s);
	form_release(&f);
	sb_release(&err);
	return rc;
}

/* The setting the path names, of this project only. */
static int load(struct req *r, struct setting *s)
{
	int64_t id;
	int rc;

	memset(s, 0, sizeof(*s));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_setting_by_id(r->st, r->project.id, id, s);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

static void milestone_form(struct req *r, const struct form *f,
			   const struct track_data *t, int64_t id)
{
	const char **ids = xcalloc(t->nmilestones + 1, sizeof(*ids));
	const char **titles = xcalloc(t->nmilestones + 1, sizeof(*titles));

	for (size_t k = 0; k < t->nmilestones; k++) {
		ids[k] = t->milestones[k].id;
		titles[k] = t->milestones[k].title;
	}
	html(&r->out, "<h2>Record a milestone</h2><form method=\"post\" "
	     "action=\"/p/%u/registry/%I/milestone\" class=\"narrow\">",
	     r->project.name, id);
	page_csrf(r);
	form_select(r, f, "milestone", "Milestone", ids, titles,
		    web_form(r, "milestone"), NULL);
	form_input(r, f, "date", "date", "Reached on", web_form(r, "date"),
		   "YYYY-MM-DD, not after today; replaces an earlier day.",
		   true);
	html(&r->out, "<button type=\"submit\">Record</button></form>\n");
	free(ids);
	free(titles);
}

static void tools_forms(struct req *r, const struct form *f,
			const struct track_data *t, size_t i, int64_t id)
{
	html(&r->out, "<h2>Other tools in use</h2>\n");
	if (t->tool_at[i] == t->tool_at[i + 1])
		html(&r->out, "<p>None recorded.</p>\n");
	else
		html(&r->out, "<ul class=\"plain\">");
	for (size_t j = t->tool_at[i]; j < t->tool_at[i + 1]; j++) {
		html(&r->out, "<li>%s <form method=\"post\" action=\"/p/%u/"
		     "registry/%I/tools/delete\" class=\"inline\">",
		     t->tools[j].tool, r->project.name, id);
		page_csrf(r);
		html(&r->out, "<input type=\"hidden\" name=\"tool\" value=\"%s\">"
		     "<button type=\"submit\" aria-label=\"Remove %s\">Remove"
		     "</button></form></li>", t->tools[j].tool, t->tools[j].tool);
	}
	if (t->tool_at[i] != t->tool_at[i + 1])
		html(&r->out, "</ul>\n");
	html(&r->out, "<form method=\"post\" action=\"/p/%u/registry/%I/tools\" "
	     "class=\"narrow\">", r->project.name, id);
	page_csrf(r);
	form_input(r, f, "text", "tool", "Add a tool", form_error_for(f, "tool") ?
		   web_form(r, "tool") : "", "e.g. paper folders, another "
		   "record.", true);
	html(&r->out, "<button type=\"submit\">Add the tool</button></form>\n");
}

static int edit_page(struct req *r, const struct form *f,
		     const struct setting *s)
{
	struct track_data t;
	long i;

	if (track_load(r->st, r->project.id, &t)) {
		track_data_release(&t);
		return web_store_fail(r);
	}
	for (i = 0; i < (long)t.n && t.settings[i].id != s->id; i++)
		;
	page_begin(r, "Edit a setting", "registry");
	html(&r->out, "<p><a href=\"/p/%u/registry\">All settings</a></p>"
	     "<h1>Edit: %s</h1>\n", r->project.name,
	     i < (long)t.n ? t.settings[i].name : s->name);
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/registry/%I\" "
	     "class=\"narrow\">", r->project.name, s->id);
	page_csrf(r);
	form_version(r, s->version);
	setting_fields(r, f, s, &t);
	html(&r->out, "<button type=\"submit\">Save</button></form>\n");
	if (i < (long)t.n) {
		html(&r->out, "<h2>Milestones reached</h2><table><tbody>");
		for (size_t k = 0; k < t.nmilestones; k++) {
			char day[11] = "-";
			if (t.ts[i].reached[k] != TRACK_NEVER)
				track_date_format(t.ts[i].reached[k], day);
			html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td>"
			     "</tr>", t.milestones[k].title, day);
		}
		html(&r->out, "</tbody></table>\n");
		milestone_form(r, f, &t, s->id);
		tools_forms(r, f, &t, (size_t)i, s->id);
	}
	html(&r->out, "<h2>Delete</h2><form method=\"post\" action=\"/p/%u/"
	     "registry/%I/delete\" data-confirm=\"Delete %s from the registry?"
	     "\">", r->project.name, s->id, s->name);
	page_csrf(r);
	html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
	     "setting</button></form>\n<p class=\"hint\">Its milestones, tools "
	     "and usage figures go with it. A setting that is the parent of "
	     "others cannot be deleted.</p>\n");
	page_end(r);
	track_data_release(&t);
	return 0;
}

int page_registry_edit(struct req *r)
{
	struct form f = FORM_INIT;
	struct setting s;
	int rc = load(r, &s);

	if (!rc)
		rc = edit_page(r, &f, &s);
	store_setting_release(&s);
	return rc;
}

/* Answer a refused change with the edit page, status 422. */
static int refused(struct req *r, struct form *f, const struct setting *s)
{
	r->status = 422;
	return edit_page(r, f, s);
}

/*
 * The setting as stored (before) beside the change submitted, and the
 * form again with the submitted values on the stored version.
 */
static int stale(struct req *r, struct form *f, const struct setting *before,
		 const struct setting_change *c)
{
	struct setting m = *before;	/* borrows every string */
	json_t *stored = setting_json(before), *mine;

	m.name = (char *)(c->name ? c->name : before->name);
	m.type = (char *)(c->type ? c->type : before->type);
	m.parent = (char *)(c->parent ? c->parent : before->parent);
	m.it_system = (char *)(c->it_system ? c->it_system : before->it_system);
	mine = setting_json(&m);
	form_stale(r, f, stored, mine);
	json_decref(stored);
	json_decref(mine);
	return edit_page(r, f, &m);
}

int page_registry_save(struct req *r)
{
	struct setting_change c = {
		web_form(r, "name"), web_form(r, "type"), web_form(r, "parent"),
		web_form(r, "it_system"),
	};
	struct strbuf err = STRBUF_INIT;
	struct form f = FORM_INIT;
	struct setting s, before, after;
	int rc = load(r, &s);

	if (rc)
		goto out;
	if (form_version_read(r, &f, &c.version)) {
		rc = refused(r, &f, &s);
		goto out;
	}
	rc = track_setting_edit(r->st, r->project.id, s.id, &c, &before, &after,
				&err);
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc == STORE_STALE) {
		rc = stale(r, &f, &before, &c);
	} else if (rc) {
		field_error(&f, &err);
		rc = refused(r, &f, &s);
	} else {
		json_t *b = setting_json(&before), *a = setting_json(&after);
		rc = audit(r, "edit", s.id, b, a);
		json_decref(b);
		json_decref(a);
		if (!rc)
			rc = back(r, "saved");
	}
	store_setting_release(&before);
	store_setting_release(&after);
out:
	store_setting_release(&s);
	form_release(&f);
	sb_release(&err);
	return rc;
}

int page_registry_delete(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	struct form f = FORM_INIT;
	struct setting s, gone;
	int rc = load(r, &s);

	if (rc)
		goto out;
	rc = track_setting_remove(r->st, r->project.id, s.id, &gone, &err);
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc) {
		form_error(&f, "name", err.buf);
		rc = refused(r, &f, &s);
	} else {
		json_t *b = setting_json(&gone);
		rc = audit(r, "delete", s.id, b, NULL);
		json_decref(b);
		if (!rc)
			rc = back(r, "deleted");
	}
	store_setting_release(&gone);
out:
	store_setting_release(&s);
	form_release(&f);
	sb_release(&err);
	return rc;
}

int registry_milestone_set(struct req *r, const struct setting *s,
			   const char *milestone, const char *date,
			   struct strbuf *err, json_t **before, json_t **after)
{
	struct track_data t;
	int32_t day;
	long k = -1, i;
	int rc = 0;

	*before = *after = NULL;
	if (track_load(r->st, r->project.id, &t)) {
		track_data_release(&t);
		return -1;
	}
	i = setting_find(t.settings, t.n, s->name);
	if (!milestone || (k = track_milestone_index(&t, milestone)) < 0) {
		sb_addf(err, "milestone: not one of the project's milestones");
		rc = TRACK_BAD;
	} else if (!date || track_date_parse(date, &day, err)) {
		if (!date)
			sb_adds(err, "a day written YYYY-MM-DD is required");
		rc = TRACK_BAD;
	} else if (day > track_today()) {
		sb_addf(err, "'%s' is after today; record a milestone once it "
			"is reached", date);
		rc = TRACK_BAD;
	}
	if (!rc && i >= 0) {
		char was[11] = "";
		if (t.ts[i].reached[k] != TRACK_NEVER)
			track_date_format(t.ts[i].reached[k], was);
		*before = json_pack("{s:s, s:o}", "milestone", milestone, "date",
				    *was ? json_string(was) : json_null());
		*after = json_pack("{s:s, s:s}", "milestone", milestone, "date",
				   date);
		rc = store_milestone_set(r->st, r->project.id, s->id, milestone,
					 date);
	}
	track_data_release(&t);
	return rc;
}

int page_registry_milestone(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	struct form f = FORM_INIT;
	json_t *before, *after;
	struct setting s;
	int rc = load(r, &s);

	if (rc)
		goto out;
	rc = registry_milestone_set(r, &s, web_form(r, "milestone"),
				    web_form(r, "date"), &err, &before, &after);
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc) {
		form_error(&f, strncmp(err.buf, "milestone:", 10) ? "date" :
			   "milestone", err.buf);
		rc = refused(r, &f, &s);
	} else {
		rc = audit(r, "milestone", s.id, before, after);
		if (!rc)
			rc = web_redirect_project(r, r->project.name,
						  "/registry/%" PRId64, s.id);
	}
	json_decref(before);
	json_decref(after);
out:
	store_setting_release(&s);
	form_release(&f);
	sb_release(&err);
	return rc;
}

static int tool_change(struct req *r, bool add)
{
	struct strbuf err = STRBUF_INIT;
	struct form f = FORM_INIT;
	const char *tool = web_form(r, "tool");
	struct setting s;
	int rc = load(r, &s);

	if (rc)
		goto out;
	if (!tool)
		tool = "";
	if (tool_check(tool, &err)) {
		rc = TRACK_BAD;
	} else {
		rc = add ? store_setting_tool_add(r->st, r->project.id, s.id, tool) :
		     store_setting_tool_remove(r->st, r->project.id, s.id, tool);
		if (rc == STORE_CONFLICT)
			sb_addf(&err, "tool: '%s' is recorded already", tool);
		else if (rc == STORE_NOTFOUND)
			sb_addf(&err, "tool: '%s' is not recorded", tool);
	}
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc) {
		form_error(&f, "tool", err.buf);
		rc = refused(r, &f, &s);
	} else {
		json_t *v = json_pack("{s:s}", "tool", tool);
		rc = audit(r, add ? "tool-add" : "tool-remove", s.id,
			   add ? NULL : v, add ? v : NULL);
		json_decref(v);
		if (!rc)
			rc = web_redirect_project(r, r->project.name,
						  "/registry/%" PRId64, s.id);
	}
out:
	store_setting_release(&s);
	form_release(&f);
	sb_release(&err);
	return rc;
}

int page_registry_tool_add(struct req *r)
{
	return tool_change(r, true);
}

int page_registry_tool_remove(struct req *r)
{
	return tool_change(r, false);
}
