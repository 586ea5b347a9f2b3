/*
 * page_log.c: a project's barrier and enabler log: the list with its
 * filters, adding, editing, closing and deleting an entry, and the
 * determinants its words suggest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "kb/kb.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "track/log.h"
#include "track/track.h"

#define MAX_CHECKED 64

static const char *const severity_choices[] = { "1", "2", "3", "4", "5", NULL };

/* What the user sent if it was refused or is being reworked, else v. */
static const char *shown(struct req *r, const struct form *f, bool redo,
			 const char *name, const char *v)
{
	const char *sent = web_form(r, name);

	return (redo || form_error_for(f, name)) && sent ? sent : v;
}

static bool has(char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

/* The determinants as checkboxes, ticked as in o. */
static void determinant_boxes(struct req *r, const struct form *f,
			      const struct observation *o)
{
	const char *err = form_error_for(f, "determinants");

	html(&r->out, "<fieldset id=\"f-determinants\" class=\"checks%R\">"
	     "<legend>Determinants</legend><input type=\"hidden\" "
	     "name=\"determinants-sent\" value=\"1\">", err ?
	     " field-error" : "");
	if (err)
		html(&r->out, "<p class=\"error\">%s</p>", err);
	for (size_t d = 0; d < r->kb->ndeterminants; d++) {
		const struct kb_determinant *k = &r->kb->determinants[d];
		html(&r->out, "<label><input type=\"checkbox\" "
		     "name=\"determinants\" value=\"%s\"%R> %s</label>", k->id.s,
		     has(o->determinants, o->ndeterminants, k->id.s) ?
		     " checked" : "", k->title.s);
	}
	html(&r->out, "</fieldset>\n");
}

static void entry_fields(struct req *r, const struct form *f, bool redo,
			 const struct observation *o,
			 const struct form_settings *sc)
{
	char sev[2] = { (char)('0' + o->severity), '\0' };
	struct strbuf acts = STRBUF_INIT;

	for (size_t i = 0; i < o->nactions; i++)
		sb_addf(&acts, "%s%s", i ? " " : "", o->actions[i]);
	form_input(r, f, "date", "date", "Day seen",
		   shown(r, f, redo, "date", o->observed), "YYYY-MM-DD", true);
	form_input(r, f, "text", "reporter", "Reported by",
		   shown(r, f, redo, "reporter", o->reporter), NULL, true);
	form_textarea(r, f, "text", "What was seen",
		      shown(r, f, redo, "text", o->text), NULL);
	form_select(r, f, "kind", "Kind", log_kinds, NULL,
		    shown(r, f, redo, "kind", o->kind), "Ambivalent: it helps "
		    "some people and hinders others.");
	form_select(r, f, "severity", "Severity", severity_choices,
		    log_severity + 1, shown(r, f, redo, "severity", sev), NULL);
	form_select(r, f, "status", "Status", log_statuses, NULL,
		    shown(r, f, redo, "status", o->status), NULL);
	form_select(r, f, "setting", "Setting", sc->names, sc->labels,
		    shown(r, f, redo, "setting", o->setting_name ?
			  o->setting_name : ""), NULL);
	determinant_boxes(r, f, o);
	form_input(r, f, "text", "actions", "Linked road-map actions",
		   shown(r, f, redo, "actions", acts.buf), "Action ids, "
		   "separated by spaces (see the road map).", false);
	sb_release(&acts);
}

/* The suggestions for o's text, with the words that matched. */
static void suggestions(struct req *r, const char *text)
{
	struct log_suggestion *v;
	size_t n = log_suggest(r->kb, text, &v);

	html(&r->out, "<section class=\"suggestions\" aria-labelledby=\"sug\">"
	     "<h2 id=\"sug\">Suggested determinants</h2>");
	if (!n)
		html(&r->out, "<p>No determinant shares enough words with the "
		     "text.</p>");
	else
		html(&r->out, "<p class=\"hint\">From the words the text shares "
		     "with each determinant's title and the evidence filed under "
		     "it. Tick those that fit below.</p><ul>");
	for (size_t i = 0; i < n; i++) {
		html(&r->out, "<li><strong>%s</strong> (score %f): ",
		     v[i].det->title.s, v[i].score);
		for (size_t k = 0; k < v[i].nwords; k++)
			html(&r->out, "%s<mark>%s</mark>", k ? ", " : "",
			     v[i].words[k]);
		html(&r->out, "</li>");
	}
	html(&r->out, "%R</section>\n", n ? "</ul>" : "");
	log_suggestions_free(v, n);
}

/* The form's buttons: save, and suggest (which saves nothing). */
static void buttons(struct req *r, const char *save)
{
	html(&r->out, "<button type=\"submit\">%s</button> <button "
	     "type=\"submit\" name=\"suggest\" value=\"1\" class=\"secondary\">"
	     "Suggest determinants</button></form>\n", save);
}

/* --- the list --- */

static void entries_table(struct req *r, const struct observation *v,
			  size_t n)
{
	bool edit = r->role >= ROLE_CONTRIBUTOR;

	if (!n) {
		html(&r->out, "<p>No entries match.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z entr%s"
	     "</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">"
	     "Day</th><th scope=\"col\">Kind</th><th scope=\"col\" "
	     "class=\"num\">Severity</th><th scope=\"col\">Status</th>"
	     "<th scope=\"col\">Setting</th><th scope=\"col\">Determinants</th>"
	     "<th scope=\"col\">What was seen</th>%R</tr></thead><tbody>\n", n,
	     n == 1 ? "y" : "ies", edit ? "<th scope=\"col\">Change</th>" : "");
	for (size_t i = 0; i < n; i++) {
		const struct observation *o = &v[i];
		html(&r->out, "<tr><th scope=\"row\">%I</th><td class=\"date\">%s</td>"
		     "<td class=\"%s\">%s</td><td class=\"num\">%d</td><td>%s"
		     "</td><td>%s</td><td>", o->id, o->observed, o->kind, o->kind,
		     o->severity, o->status, o->setting_name ? o->setting_name :
		     "");
		for (size_t k = 0; k < o->ndeterminants; k++) {
			const struct kb_determinant *d =
				kb_determinant(r->kb, o->determinants[k]);
			html(&r->out, "%s%s", k ? "; " : "",
			     d ? d->title.s : o->determinants[k]);
		}
		html(&r->out, "</td><td>%s<br><span class=\"hint\">%s</span>"
		     "</td>", o->text, o->reporter);
		if (edit) {
			html(&r->out, "<td><a href=\"/p/%u/log/%I\" aria-label="
			     "\"Edit entry %I\">Edit</a>", r->project.name, o->id,
			     o->id);
			if (strcmp(o->status, "closed")) {
				html(&r->out, "<form method=\"post\" action=\"/p/%u/"
				     "log/%I\" class=\"inline\"><input type=\"hidden\""
				     " name=\"status\" value=\"closed\">",
				     r->project.name, o->id);
				page_csrf(r);
				html(&r->out, "<button type=\"submit\" aria-label="
				     "\"Close entry %I\">Close</button></form>",
				     o->id);
			}
			html(&r->out, "</td>");
		}
		html(&r->out, "</tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

static void filters(struct req *r, const char *status, const char *kind)
{
	html(&r->out, "<form method=\"get\" action=\"/p/%u/log\" "
	     "class=\"filters\"><label>Status <select name=\"status\">"
	     "<option value=\"\">any</option>", r->project.name);
	for (size_t i = 0; log_statuses[i]; i++)
		html(&r->out, "<option%R>%s</option>", status &&
		     !strcmp(status, log_statuses[i]) ? " selected" : "",
		     log_statuses[i]);
	html(&r->out, "</select></label> <label>Kind <select name=\"kind\">"
	     "<option value=\"\">any</option>");
	for (size_t i = 0; log_kinds[i]; i++)
		html(&r->out, "<option%R>%s</option>", kind &&
		     !strcmp(kind, log_kinds[i]) ? " selected" : "",
		     log_kinds[i]);
	html(&r->out, "</select></label> <button type=\"submit\">Show"
	     "</button></form>\n");
}

/* A filter's value if it is one of list, else NULL (any). */
static const char *filter(struct req *r, const char *name,
			  const char *const *list)
{
	const char *v = web_query(r, name);

	for (size_t i = 0; v && list[i]; i++)
		if (!strcmp(v, list[i]))
			return v;
	return NULL;
}

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "added"))
		return "The entry is logged.";
	if (!strcmp(done, "saved"))
		return "The entry is saved.";
	if (!strcmp(done, "deleted"))
		return "The entry is deleted.";
	return NULL;
}

/*
 * The list page with the add form holding draft and its problems (redo:
 * showing what was sent); with suggest, the suggestions for the draft's
 * text above the form.
 */
static int list_page(struct req *r, const struct form *f,
		     const struct observation *draft, bool redo, bool suggest)
{
	const char *status = filter(r, "status", log_statuses);
	const char *kind = filter(r, "kind", log_kinds);
	const char *done = done_text(web_query(r, "done"));
	struct form_settings sc;
	struct observation *v;
	size_t n;

	if (store_observations(r->st, r->project.id, status, kind, &v, &n))
		return web_store_fail(r);
	if (form_settings_load(r, &sc)) {
		store_observations_free(v, n);
		return web_store_fail(r);
	}
	page_begin(r, "Barrier and enabler log", "log");
	html(&r->out, "<h1>Barrier and enabler log</h1>\n<p class=\"hint\">"
	     "What the team meets during the deployment. Open and in-hand "
	     "barriers and ambivalent entries raise the actions on their "
	     "determinants in the <a href=\"/p/%u/roadmap\">road map</a>.</p>\n",
	     r->project.name);
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	page_import_done(r);
	form_summary(r, f);
	filters(r, status, kind);
	entries_table(r, v, n);
	if (r->role >= ROLE_CONTRIBUTOR) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Log an entry</h2>");
		if (suggest)
			suggestions(r, draft->text);
		html(&r->out, "<form method=\"post\" action=\"/p/%u/log\" "
		     "class=\"narrow\">", r->project.name);
		page_csrf(r);
		entry_fields(r, f, redo, draft, &sc);
		buttons(r, "Log the entry");
		html(&r->out, "</section>\n");
	}
	page_end(r);
	store_observations_free(v, n);
	form_settings_release(&sc);
	return 0;
}

int page_log(struct req *r)
{
	struct form f = FORM_INIT;
	struct observation o;
	char today[11];
	int rc;

	observation_init(&o);
	track_date_format(track_today(), today);
	free(o.observed);
	o.observed = xstrdup(today);
	free(o.reporter);
	o.reporter = xstrdup(r->user.display ? r->user.display : "");
	rc = list_page(r, &f, &o, false, false);
	store_observation_release(&o);
	return rc;
}

/*
 * Set o's fields from the form: those sent, the determinants when the
 * form carried its boxes. Returns the number of problems (one at most),
 * or -1 after web_store_fail.
 */
static int apply_form(struct req *r, struct form *f, struct observation *o)
{
	const char *values[LOG_NFIELDS], *ticked[MAX_CHECKED];
	struct strbuf why = STRBUF_INIT, dets = STRBUF_INIT;
	int rc;

	for (size_t i = 0; i < LOG_NFIELDS; i++)
		values[i] = web_form(r, log_fields[i]);
	values[LOG_DETERMINANTS] = NULL;
	if (web_form(r, "determinants-sent")) {
		size_t n = web_form_all(r, "determinants", ticked, MAX_CHECKED);
		for (size_t i = 0; i < n; i++)
			sb_addf(&dets, "%s%s", i ? " " : "", ticked[i]);
		values[LOG_DETERMINANTS] = dets.buf;
	}
	rc = observation_apply(r->kb, r->st, o, values, track_today(), &why);
	if (rc > 0) {
		/* the message starts with the field's name */
		size_t len = strcspn(why.buf, ":");
		char *field = xstrndup(why.buf, len);
		form_error(f, field, why.buf);
		free(field);
	}
	sb_release(&why);
	sb_release(&dets);
	return rc < 0 ? web_store_fail(r) : rc;
}

/* Fill o from the form for suggestions only: keep what parses. */
static void draft_form(struct req *r, struct observation *o)
{
	struct form f = FORM_INIT;

	apply_form(r, &f, o);
	form_release(&f);
	if (!o->ndeterminants) {
		struct log_suggestion *v;
		size_t n = log_suggest(r->kb, o->text, &v);
		o->determinants = xcalloc(n + 1, sizeof(*o->determinants));
		for (size_t i = 0; i < n; i++)
			o->determinants[o->ndeterminants++] =
				xstrdup(v[i].det->id.s);
		log_suggestions_free(v, n);
	}
}

static int back_to_list(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name, "/log?done=%s", done);
}

int log_entry_audit(struct req *r, const char *action, int64_t id,
		    json_t *before, json_t *after)
{
	struct strbuf entity = STRBUF_INIT;
	int rc;

	sb_addf(&entity, "observation:%lld", (long long)id);
	rc = web_audit(r, r->project.id, action, entity.buf, before, after);
	sb_release(&entity);
	return rc;
}

int page_log_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct observation o;
	json_t *after;
	int rc;

	observation_init(&o);
	o.project = r->project.id;
	if (web_form(r, "suggest")) {
		draft_form(r, &o);
		rc = list_page(r, &f, &o, true, true);
		goto out;
	}
	rc = apply_form(r, &f, &o);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = list_page(r, &f, &o, true, false);
		goto out;
	}
	if (store_observation_add(r->st, &o)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = observation_json(&o);
	rc = log_entry_audit(r, "add", o.id, NULL, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "added");
out:
	form_release(&f);
	store_observation_release(&o);
	return rc;
}

int log_entry_load(struct req *r, struct observation *o)
{
	int64_t id;
	int rc;

	memset(o, 0, sizeof(*o));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_observation_get(r->st, r->project.id, id, o);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

static int edit_page(struct req *r, const struct form *f,
		     const struct observation *o, bool suggest)
{
	struct form_settings sc;

	if (form_settings_load(r, &sc))
		return web_store_fail(r);
	page_begin(r, "Edit a log entry", "log");
	html(&r->out, "<p><a href=\"/p/%u/log\">The whole log</a></p>"
	     "<h1>Log entry %I</h1>\n", r->project.name, o->id);
	form_summary(r, f);
	if (suggest)
		suggestions(r, o->text);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/log/%I\" "
	     "class=\"narrow\">", r->project.name, o->id);
	page_csrf(r);
	form_version(r, o->version);
	entry_fields(r, f, suggest, o, &sc);
	buttons(r, "Save");
	html(&r->out, "<h2>Delete</h2><form method=\"post\" action=\"/p/%u/log/"
	     "%I/delete\" data-confirm=\"Delete log entry %I?\">",
	     r->project.name, o->id, o->id);
	page_csrf(r);
	html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
	     "entry</button></form>\n<p class=\"hint\">To keep the record, "
	     "close the entry instead.</p>\n");
	page_end(r);
	form_settings_release(&sc);
	return 0;
}

int page_log_edit(struct req *r)
{
	struct form f = FORM_INIT;
	struct observation o;
	int rc = log_entry_load(r, &o);

	if (!rc)
		rc = edit_page(r, &f, &o, false);
	store_observation_release(&o);
	return rc;
}

int page_log_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct observation o;
	json_t *before = NULL, *after;
	int64_t stored;
	int rc = log_entry_load(r, &o);

	if (rc)
		goto out;
	stored = o.version;
	before = observation_json(&o);
	rc = form_version_read(r, &f, &o.version);
	if (web_form(r, "suggest")) {
		draft_form(r, &o);
		rc = edit_page(r, &f, &o, true);
		goto out;
	}
	if (!rc)
		rc = apply_form(r, &f, &o);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = edit_page(r, &f, &o, false);
		goto out;
	}
	rc = store_observation_update(r->st, &o);
	if (rc == STORE_STALE) {
		after = observation_json(&o);
		form_stale(r, &f, before, after);
		json_decref(after);
		o.version = stored;
		rc = edit_page(r, &f, &o, false);
		goto out;
	}
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
		goto out;
	}
	after = observation_json(&o);
	rc = log_entry_audit(r, "edit", o.id, before, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "saved");
out:
	json_decref(before);
	form_release(&f);
	store_observation_release(&o);
	return rc;
}

int page_log_delete(struct req *r)
{
	struct observation o;
	json_t *before;
	int rc = log_entry_load(r, &o);

	if (rc)
		goto out;
	rc = store_observation_delete(r->st, r->project.id, o.id);
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
		goto out;
	}
	before = observation_json(&o);
	rc = log_entry_audit(r, "delete", o.id, before, NULL);
	json_decref(before);
	if (!rc)
		rc = back_to_list(r, "deleted");
out:
	store_observation_release(&o);
	return rc;
}
