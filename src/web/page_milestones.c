/*
 * page_milestones.c: the project's list of milestones on the registry
 * page, and for contributors adding one (after a chosen one), renaming,
 * moving up or down and removing one, with a confirmation first when
 * settings have reached it. The rules are track.h's, as in 'waymark
 * milestone add|rename|move|rm'.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "track/track.h"

void milestones_section(struct req *r, const struct form *f,
			const struct group *v, size_t n)
{
	const char **after = xcalloc(n + 2, sizeof(*after));
	const char **labels = xcalloc(n + 2, sizeof(*labels));
	bool edit = r->role >= ROLE_CONTRIBUTOR;

	html(&r->out, "<section aria-labelledby=\"milestones\"><h2 id=\""
	     "milestones\">Milestones</h2><p>Each setting passes these in "
	     "order; coverage counts a later one as passing the earlier."
	     "</p><div class=\"table-wrap\"><table><caption>%z milestone%s, "
	     "in order</caption><thead><tr><th scope=\"col\">Id</th><th "
	     "scope=\"col\">Title</th>%R</tr></thead><tbody>\n", n,
	     n == 1 ? "" : "s", edit ? "<th scope=\"col\">Rename</th><th "
	     "scope=\"col\">Order</th><th scope=\"col\">Remove</th>" : "");
	for (size_t k = 0; k < n; k++) {
		const char *id = v[k].id;

		html(&r->out, "<tr><th scope=\"row\"><code>%s</code></th>"
		     "<td>%s</td>", id, v[k].title);
		if (!edit) {
			html(&r->out, "</tr>\n");
			continue;
		}
		html(&r->out, "<td><form method=\"post\" action=\"/p/%u/"
		     "milestones/%u/rename\" class=\"inline\">",
		     r->project.name, id);
		page_csrf(r);
		html(&r->out, "<label for=\"f-title-%s\" class=\"visually-hidden"
		     "\">New title of %s</label><input type=\"text\" id=\""
		     "f-title-%s\" name=\"title\" value=\"%s\" required> "
		     "<button type=\"submit\">Rename</button></form></td><td>",
		     id, id, id, v[k].title);
		for (int step = -1; step <= 1; step += 2) {
			if ((step < 0 && k == 0) || (step > 0 && k + 1 == n))
				continue;
			html(&r->out, "<form method=\"post\" action=\"/p/%u/"
			     "milestones/%u/move\" class=\"inline\">",
			     r->project.name, id);
			page_csrf(r);
			html(&r->out, "<input type=\"hidden\" name=\"to\" value=\""
			     "%s\"><button type=\"submit\" aria-label=\"Move %s "
			     "%s\">%s</button></form> ", step < 0 ? "up" : "down",
			     id, step < 0 ? "up" : "down", step < 0 ? "Up" :
			     "Down");
		}
		html(&r->out, "</td><td><form method=\"post\" action=\"/p/%u/"
		     "milestones/%u/delete\" class=\"inline\">",
		     r->project.name, id);
		page_csrf(r);
		html(&r->out, "<button type=\"submit\" class=\"danger\" "
		     "aria-label=\"Remove %s\">Remove</button></form></td></tr>\n",
		     id);
	}
	html(&r->out, "</tbody></table></div>\n");
	if (edit) {
		after[0] = "";
		labels[0] = "(at the end)";
		for (size_t k = 0; k < n; k++) {
			after[k + 1] = v[k].id;
			labels[k + 1] = v[k].title;
		}
		html(&r->out, "<h3>Add a milestone</h3><form method=\"post\" "
		     "action=\"/p/%u/milestones\" class=\"narrow\">",
		     r->project.name);
		page_csrf(r);
		form_input(r, f, "text", "ms-id", "Id", form_error_for(f,
			   "ms-id") ? web_form(r, "ms-id") : "", "Lower-case "
			   "letters, digits and '-', as in 'go-live'.", true);
		form_input(r, f, "text", "ms-title", "Title", form_error_for(f,
			   "ms-id") || form_error_for(f, "ms-title") ?
			   web_form(r, "ms-title") : "", NULL, true);
		form_select(r, f, "ms-after", "After", after, labels,
			    web_form(r, "ms-after"), NULL);
		html(&r->out, "<button type=\"submit\">Add the milestone"
		     "</button></form>\n");
	}
	html(&r->out, "</section>\n");
	free(after);
	free(labels);
}

/* The title of milestone id, or NULL; -1 after a store failure. */
static int title_of(struct req *r, const char *id, char **title)
{
	struct group *v;
	size_t n;

	*title = NULL;
	if (store_milestones(r->st, r->project.id, &v, &n))
		return -1;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(v[k].id, id))
			*title = xstrdup(v[k].title);
	store_groups_free(v, n);
	return 0;
}

/* Audit a change to milestone id; before and after are taken. */
static int audit(struct req *r, const char *action, const char *id,
		 json_t *before, json_t *after)
{
	struct strbuf entity = STRBUF_INIT;
	int rc;

	sb_addf(&entity, "milestone:%s", id);
	rc = web_audit(r, r->project.id, action, entity.buf, before, after);
	json_decref(before);
	json_decref(after);
	sb_release(&entity);
	return rc;
}

/*
 * The end of every change: a store failure; the registry page again
 * with the problem against field (422); or the audit and a redirect.
 */
static int finish(struct req *r, int rc, const struct strbuf *err,
		  const char *field, const char *action, const char *id,
		  json_t *before, json_t *after)
{
	struct form f = FORM_INIT;

	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc == STORE_NOTFOUND) {
		rc = web_not_found(r);
	} else if (rc) {
		form_error(&f, field, err->buf);
		r->status = 422;
		rc = registry_page(r, &f);
	} else if (!(rc = audit(r, action, id, before, after))) {
		return web_redirect_project(r, r->project.name,
					    "/registry?done=ms-%s#milestones",
					    action);
	} else {
		return rc;
	}
	json_decref(before);
	json_decref(after);
	form_release(&f);
	return rc;
}

int page_milestone_add(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	const char *id = web_form(r, "ms-id"), *title = web_form(r, "ms-title");
	const char *after = web_form(r, "ms-after");
	int rc;

	if (!id)
		id = "";
	if (!title)
		title = "";
	rc = track_milestone_add(r->st, r->project.id, id, title,
				 after && *after ? after : NULL, &err);
	if (rc == STORE_NOTFOUND)	/* 'after' names none: a form problem */
		rc = TRACK_BAD;
	rc = finish(r, rc, &err, !strncmp(err.buf ? err.buf : "", "title", 5) ?
		    "ms-title" : !strncmp(err.buf ? err.buf : "", "id", 2) ?
		    "ms-id" : "ms-after", "add", id, NULL, rc ? NULL :
		    json_pack("{s:s, s:s, s:o}", "id", id, "title", title,
			      "after", after && *after ? json_string(after) :
			      json_null()));
	sb_release(&err);
	return rc;
}

int page_milestone_rename(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	const char *id = web_arg(r, 1), *title = web_form(r, "title");
	char *was;
	int rc;

	if (title_of(r, id, &was))
		return web_store_fail(r);
	if (!was)
		return web_not_found(r);
	rc = track_milestone_rename(r->st, r->project.id, id, title ? title :
				    "", &err);
	rc = finish(r, rc, &err, "ms-title", "rename", id,
		    json_pack("{s:s}", "title", was),
		    json_pack("{s:s}", "title", title ? title : ""));
	free(was);
	sb_release(&err);
	return rc;
}

int page_milestone_move(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	const char *id = web_arg(r, 1), *to = web_form(r, "to");
	int step = to && !strcmp(to, "up") ? -1 : to && !strcmp(to, "down") ?
		   1 : 0;
	int rc;

	if (!step)
		return web_fail(r, 400, "bad_request", "to: expected up or down");
	rc = track_milestone_shift(r->st, r->project.id, id, step, &err);
	rc = finish(r, rc, &err, "ms-id", "move", id, NULL,
		    json_pack("{s:s}", "moved", to));
	sb_release(&err);
	return rc;
}

/* Ask before removing a milestone that n settings reached. */
static int confirm_page(struct req *r, const char *id, const char *title,
			int64_t n)
{
	r->status = 409;
	page_begin(r, "Remove a milestone", "registry");
	html(&r->out, "<h1>Remove the milestone %s?</h1><p>%I setting%s "
	     "reached <strong>%s</strong>. Removing the milestone removes "
	     "those records too, and coverage of it can no longer be shown."
	     "</p><form method=\"post\" action=\"/p/%u/milestones/%u/delete\">",
	     title, n, n == 1 ? "" : "s", title, r->project.name, id);
	page_csrf(r);
	html(&r->out, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
	     "<button type=\"submit\" class=\"danger\">Remove it and its "
	     "records</button> <a href=\"/p/%u/registry#milestones\">Keep it"
	     "</a></form>\n", r->project.name);
	page_end(r);
	return 0;
}

int page_milestone_delete(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	const char *id = web_arg(r, 1), *confirm = web_form(r, "confirm");
	bool force = confirm && !strcmp(confirm, "yes");
	int64_t removed;
	char *title;
	int rc;

	if (title_of(r, id, &title))
		return web_store_fail(r);
	if (!title)
		return web_not_found(r);
	rc = track_milestone_remove(r->st, r->project.id, id, force, &removed,
				    &err);
	if (rc == TRACK_BAD && removed && !force)
		rc = confirm_page(r, id, title, removed);
	else
		rc = finish(r, rc, &err, "ms-id", "delete", id,
			    json_pack("{s:s, s:s, s:I}", "id", id, "title",
				      title, "reached", (json_int_t)removed),
			    NULL);
	free(title);
	sb_release(&err);
	return rc;
}
