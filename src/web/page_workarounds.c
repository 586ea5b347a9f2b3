/*
 * page_workarounds.c: a project's workaround and mismatch log: the
 * fix-first list at the top, then every entry with filters, the scales
 * and the risk matrix, and adding, editing (or just changing the status
 * of) and deleting an entry.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "track/track.h"
#include "track/workaround.h"

static const char *const level_choices[] = { "1", "2", "3", "4", "5", NULL };
static const char *const harm_labels[] = {
	"1 negligible", "2 minor", "3 moderate", "4 major", "5 catastrophic",
	NULL
};
static const char *const frequency_labels[] = {
	"1 rare", "2 occasional", "3 regular", "4 frequent", "5 constant", NULL
};
static const char *const fields[] = {
	"description", "harm", "frequency", "observed", "reporter", "kind",
	"setting", "status", NULL
};

/* What the user typed if it was refused, else the entry's value. */
static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *v)
{
	return form_error_for(f, name) ? web_form(r, name) : v;
}

static void entry_fields(struct req *r, const struct form *f,
			 const struct workaround *w, const struct form_settings *c)
{
	char harm[4] = "", freq[4] = "";

	if (w->harm)
		snprintf(harm, sizeof(harm), "%d", (int)w->harm);
	if (w->frequency)
		snprintf(freq, sizeof(freq), "%d", (int)w->frequency);
	form_select(r, f, "kind", "Kind", workaround_kinds, NULL, w->kind,
		    "A workaround: staff get round the system. A mismatch: what "
		    "the system shows differs from what is true.");
	form_textarea(r, f, "description", "What happens",
		      shown(r, f, "description", w->description), NULL);
	form_select(r, f, "setting", "Setting", c->names, c->labels,
		    w->setting_name, NULL);
	form_select(r, f, "harm", "Harm", level_choices, harm_labels, harm,
		    "The worst that could happen to a patient if nobody "
		    "catches it (scales below).");
	form_select(r, f, "frequency", "Frequency", level_choices,
		    frequency_labels, freq, "How often it happens where the "
		    "system is live.");
	form_select(r, f, "status", "Status", workaround_statuses, NULL,
		    w->status, NULL);
	form_input(r, f, "text", "observed", "Day observed (YYYY-MM-DD)",
		   shown(r, f, "observed", w->observed), NULL, true);
	form_input(r, f, "text", "reporter", "Reported by",
		   shown(r, f, "reporter", w->reporter), NULL, true);
}

/*
 * Set w's fields from the form through workaround_set, then find the
 * setting. A new entry needs every required field; an edit leaves fields
 * not sent as they were. Returns the number of problems, or -1 after
 * web_store_fail.
 */
static int apply_form(struct req *r, struct form *f, struct workaround *w,
		      bool is_new)
{
	struct strbuf why = STRBUF_INIT;
	int rc;

	for (size_t i = 0; fields[i]; i++) {
		const char *v = web_form(r, fields[i]);

		if (!v && is_new && i < 5)
			v = "";
		if (!v)
			continue;
		sb_reset(&why);
		if (workaround_set(w, fields[i], v, &why))
			form_error(f, fields[i], why.buf);
	}
	if (!form_error_for(f, "setting")) {
		sb_reset(&why);
		rc = workaround_resolve(r->st, w, &why);
		if (rc < 0) {
			sb_release(&why);
			return web_store_fail(r);
		}
		if (rc)
			form_error(f, "setting", why.buf);
	}
	sb_release(&why);
	return (int)f->nerrs;
}

/* --- the list --- */

static const char *risk_class(int risk)
{
	return risk >= 4 ? "tag tag-barrier" : risk == 3 ? "tag tag-ambivalent"
							 : "tag";
}

/* A small form that changes only the status of entry w. */
static void status_form(struct req *r, const struct workaround *w)
{
	html(&r->out, "<form method=\"post\" action=\"/p/%u/workarounds/%I\" "
	     "class=\"inline-form\">", r->project.name, w->id);
	page_csrf(r);
	html(&r->out, "<label class=\"visually-hidden\" for=\"st-%I\">Status "
	     "of entry %I</label><select id=\"st-%I\" name=\"status\">", w->id,
	     w->id, w->id);
	for (size_t i = 0; workaround_statuses[i]; i++)
		html(&r->out, "<option%R>%s</option>",
		     strcmp(w->status, workaround_statuses[i]) ? "" : " selected",
		     workaround_statuses[i]);
	html(&r->out, "</select> <button type=\"submit\" class=\"secondary\">"
	     "Set</button></form> <a href=\"/p/%u/workarounds/%I\" "
	     "aria-label=\"Edit entry %I\">Edit</a>", r->project.name, w->id,
	     w->id);
}

/* Rows v[order[k]] as a table; ranked adds the fix-first position. */
static void table(struct req *r, const struct workaround *v,
		  const size_t *order, size_t n, bool ranked,
		  const char *caption)
{
	bool edit = r->role >= ROLE_CONTRIBUTOR;

	html(&r->out, "<div class=\"table-wrap\"><table><caption>%s</caption>"
	     "<thead><tr>%R<th scope=\"col\" class=\"num\">Id</th><th "
	     "scope=\"col\">Risk</th><th scope=\"col\" class=\"num\">Harm</th>"
	     "<th scope=\"col\" class=\"num\">Frequency</th><th scope=\"col\">"
	     "Kind</th><th scope=\"col\">What happens</th><th scope=\"col\">"
	     "Setting</th><th scope=\"col\">Observed</th><th scope=\"col\">"
	     "Status</th></tr></thead><tbody>\n", caption,
	     ranked ? "<th scope=\"col\" class=\"num\">#</th>" : "");
	for (size_t k = 0; k < n; k++) {
		const struct workaround *w = &v[order[k]];
		int risk = workaround_risk(w->harm, w->frequency);

		html(&r->out, "<tr>");
		if (ranked)
			html(&r->out, "<td class=\"num\">%z</td>", k + 1);
		html(&r->out, "<td class=\"num\">%I</td><td><span class=\"%s\">"
		     "%d %s</span></td><td class=\"num\">%I %s</td><td "
		     "class=\"num\">%I %s</td><td>%s</td><td>%s</td><td>%s</td>"
		     "<td><time>%s</time> by %s</td><td>", w->id, risk_class(risk), risk,
		     risk_name(risk), w->harm, harm_name(w->harm), w->frequency,
		     frequency_name(w->frequency), w->kind, w->description,
		     *w->setting_name ? w->setting_name : "-", w->observed,
		     w->reporter);
		if (edit)
			status_form(r, w);
		else
			html(&r->out, "%s", w->status);
		html(&r->out, "</td></tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

static void fix_first(struct req *r, const struct workaround *v, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof(*order));
	size_t m = workaround_fix_first(v, n, order);

	html(&r->out, "<section aria-labelledby=\"fix-first\"><h2 "
	     "id=\"fix-first\">Fix first</h2><p class=\"hint\">The entries "
	     "still open or being fixed, the highest risk first, then the "
	     "greater harm, the more frequent, the oldest. The Cambridgeshire "
	     "EPaCCS evaluation met staff made to record the opposite of what "
	     "they did so the software would let them carry on, and advises "
	     "easy routes for reporting such mismatches and putting the removal "
	     "of workarounds that touch safety first (epaccs-2024, Box 2 and "
	     "Box 3).</p>\n");
	if (m)
		table(r, v, order, m, true, "What to fix first");
	else
		html(&r->out, "<p>Nothing is open.</p>\n");
	html(&r->out, "</section>\n");
	free(order);
}

/* The filter form (GET) and the entries that match it. */
static void all_entries(struct req *r, const struct workaround *v, size_t n,
			const struct workaround_filter *f,
			const struct form_settings *c)
{
	static const char *const risks[] = { "", "1", "2", "3", "4", "5", NULL };
	static const char *const risk_labels[] = {
		"any", "1 very low or more", "2 low or more", "3 medium or more",
		"4 high or more", "5 very high", NULL
	};
	const char *kinds[4] = { "", "workaround", "mismatch", NULL };
	const char *statuses[6] = { "", "open", "fixing", "fixed", "accepted",
				    NULL };
	const char *anyk[4] = { "any", "workaround", "mismatch", NULL };
	const char *anys[6] = { "any", "open", "fixing", "fixed", "accepted",
				NULL };
	struct form none = FORM_INIT;
	size_t *order = xcalloc(n + 1, sizeof(*order)), m = 0;
	char min[4] = "";
	const char *setting_labels0 = c->labels[0];

	if (f->min_risk)
		snprintf(min, sizeof(min), "%d", (int)f->min_risk);
	html(&r->out, "<section aria-labelledby=\"all\"><h2 id=\"all\">All "
	     "entries</h2><form method=\"get\" action=\"/p/%u/workarounds\" "
	     "class=\"filters\">", r->project.name);
	form_select(r, &none, "kind", "Kind", kinds, anyk, f->kind, NULL);
	form_select(r, &none, "status", "Status", statuses, anys, f->status,
		    NULL);
	c->labels[0] = "any";
	form_select(r, &none, "setting", "Setting", c->names, c->labels,
		    f->setting, NULL);
	c->labels[0] = setting_labels0;
	form_select(r, &none, "min_risk", "Risk", risks, risk_labels, min, NULL);
	html(&r->out, "<button type=\"submit\" class=\"secondary\">Show"
	     "</button></form>\n");
	for (size_t i = 0; i < n; i++)
		if (workaround_matches(&v[i], f))
			order[m++] = i;
	if (m)
		table(r, v, order, m, false, m == n ? "Every entry" :
		      "The entries that match");
	else
		html(&r->out, "<p>%s</p>\n", n ? "No entry matches." :
		     "Nothing is recorded yet.");
	html(&r->out, "</section>\n");
	free(order);
}

/* The scales and the matrix, as docs/tracking.md has them. */
static void scales(struct req *r)
{
	html(&r->out, "<details><summary>The scales and the risk matrix"
	     "</summary><div class=\"table-wrap\"><table><caption>Risk rating "
	     "by harm (rows) and frequency (columns)</caption><thead><tr><th "
	     "scope=\"col\">Harm</th>");
	for (int fq = 1; fq <= WA_LEVELS; fq++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%d %s</th>", fq,
		     frequency_name(fq));
	html(&r->out, "</tr></thead><tbody>");
	for (int h = WA_LEVELS; h >= 1; h--) {
		html(&r->out, "<tr><th scope=\"row\">%d %s</th>", h, harm_name(h));
		for (int fq = 1; fq <= WA_LEVELS; fq++)
			html(&r->out, "<td class=\"num\">%d</td>",
			     workaround_risk(h, fq));
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div><dl>");
	for (int k = WA_LEVELS; k >= 1; k--)
		html(&r->out, "<dt>%d %s</dt><dd>%s</dd>", k, risk_name(k),
		     risk_action(k));
	html(&r->out, "</dl><p class=\"hint\">The matrix follows the shape of "
	     "the NHS clinical risk management standards (DCB0129, DCB0160): "
	     "consequence against likelihood giving a rating from 1 to 5. Its "
	     "levels and cells are waymark's own; see docs/tracking.md.</p>"
	     "</details>\n");
}

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "added"))
		return "The entry is added.";
	if (!strcmp(done, "saved"))
		return "The entry is saved.";
	if (!strcmp(done, "deleted"))
		return "The entry is deleted.";
	return NULL;
}

/* The page, with the add form holding draft and its problems. */
static int list_page(struct req *r, const struct form *f,
		     const struct workaround *draft)
{
	struct workaround_filter filter = {
		web_query(r, "kind"), web_query(r, "status"),
		web_query(r, "setting"), 0
	};
	const char *done = done_text(web_query(r, "done"));
	struct strbuf why = STRBUF_INIT;
	struct workaround *v;
	struct form_settings c;
	int64_t min = 0;
	size_t n;

	/* an empty choice of the filter form means any */
	if (filter.kind && !*filter.kind)
		filter.kind = NULL;
	if (filter.status && !*filter.status)
		filter.status = NULL;
	if (filter.setting && !*filter.setting)
		filter.setting = NULL;
	if (web_query(r, "min_risk") && *web_query(r, "min_risk") &&
	    web_int(web_query(r, "min_risk"), 1, WA_LEVELS, &min))
		return web_fail(r, 400, "bad_request", "min_risk: expected a "
				"rating from 1 to %d", WA_LEVELS);
	filter.min_risk = min;
	if (workaround_filter_check(&filter, &why)) {
		web_fail(r, 400, "bad_request", "%s", why.buf);
		sb_release(&why);
		return -1;
	}
	if (form_settings_load(r, &c))
		return web_store_fail(r);
	if (store_workarounds(r->st, r->project.id, &v, &n)) {
		form_settings_release(&c);
		return web_store_fail(r);
	}
	page_begin(r, "Workarounds", "workarounds");
	html(&r->out, "<h1>Workarounds and mismatches</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	page_import_done(r);
	form_summary(r, f);
	fix_first(r, v, n);
	all_entries(r, v, n, &filter, &c);
	scales(r);
	if (r->role >= ROLE_CONTRIBUTOR) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add an entry</h2><form method=\"post\" "
		     "action=\"/p/%u/workarounds\" class=\"narrow\">",
		     r->project.name);
		page_csrf(r);
		entry_fields(r, f, draft, &c);
		html(&r->out, "<button type=\"submit\">Add the entry</button>"
		     "</form></section>\n");
	}
	page_end(r);
	store_workarounds_free(v, n);
	form_settings_release(&c);
	return 0;
}

/* A new entry: observed today, reported by the user. */
static void draft_init(struct req *r, struct workaround *w)
{
	struct strbuf ignore = STRBUF_INIT;
	char today[11];

	workaround_init(w);
	w->project = r->project.id;
	track_date_format(track_today(), today);
	workaround_set(w, "observed", today, &ignore);
	workaround_set(w, "reporter", r->user.display && *r->user.display ?
		       r->user.display : r->user.name, &ignore);
	sb_release(&ignore);
}

int page_workarounds(struct req *r)
{
	struct form f = FORM_INIT;
	struct workaround w;
	int rc;

	draft_init(r, &w);
	rc = list_page(r, &f, &w);
	store_workaround_release(&w);
	return rc;
}

static int back_to_list(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name,
				    "/workarounds?done=%s", done);
}

int page_workaround_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct workaround w;
	struct strbuf entity = STRBUF_INIT;
	json_t *after;
	int rc;

	workaround_init(&w);
	w.project = r->project.id;
	rc = apply_form(r, &f, &w, true);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = list_page(r, &f, &w);
		goto out;
	}
	if (store_workaround_add(r->st, &w)) {
		rc = web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "workaround:%lld", (long long)w.id);
	after = workaround_json(&w);
	rc = web_audit(r, r->project.id, "add", entity.buf, NULL, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "added");
out:
	sb_release(&entity);
	form_release(&f);
	store_workaround_release(&w);
	return rc;
}

static int edit_page(struct req *r, const struct form *f,
		     const struct workaround *w)
{
	struct form_settings c;
	int risk = workaround_risk(w->harm, w->frequency);

	if (form_settings_load(r, &c))
		return web_store_fail(r);
	page_begin(r, "Edit an entry", "workarounds");
	html(&r->out, "<p><a href=\"/p/%u/workarounds\">All workarounds and "
	     "mismatches</a></p><h1>Edit entry %I</h1>\n<p>Risk <span "
	     "class=\"%s\">%d %s</span>: %s</p>\n", r->project.name, w->id,
	     risk_class(risk), risk, risk_name(risk), risk_action(risk));
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/workarounds/%I\" "
	     "class=\"narrow\">", r->project.name, w->id);
	page_csrf(r);
	form_version(r, w->version);
	entry_fields(r, f, w, &c);
	html(&r->out, "<button type=\"submit\">Save</button></form>\n"
	     "<h2>Delete</h2><form method=\"post\" "
	     "action=\"/p/%u/workarounds/%I/delete\" data-confirm=\"Delete "
	     "entry %I from the log?\">", r->project.name, w->id, w->id);
	page_csrf(r);
	html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
	     "entry</button></form>\n<p class=\"hint\">To keep the history, "
	     "set the status to fixed or accepted instead.</p>\n");
	page_end(r);
	form_settings_release(&c);
	return 0;
}

int page_workaround_edit(struct req *r)
{
	struct form f = FORM_INIT;
	struct workaround w;
	int rc = workaround_from_path(r, &w);

	if (!rc)
		rc = edit_page(r, &f, &w);
	store_workaround_release(&w);
	return rc;
}

int page_workaround_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct workaround w;
	struct strbuf entity = STRBUF_INIT;
	json_t *before = NULL, *after;
	int64_t stored;
	int rc = workaround_from_path(r, &w);

	if (rc)
		goto out;
	stored = w.version;
	before = workaround_json(&w);
	rc = form_version_read(r, &f, &w.version);
	if (!rc)
		rc = apply_form(r, &f, &w, false);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		r->status = 422;
		rc = edit_page(r, &f, &w);
		goto out;
	}
	rc = store_workaround_update(r->st, &w);
	if (rc == STORE_STALE) {
		after = workaround_json(&w);
		form_stale(r, &f, before, after);
		json_decref(after);
		w.version = stored;
		rc = edit_page(r, &f, &w);
		goto out;
	}
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "workaround:%lld", (long long)w.id);
	after = workaround_json(&w);
	rc = web_audit(r, r->project.id, "edit", entity.buf, before, after);
	json_decref(after);
	if (!rc)
		rc = back_to_list(r, "saved");
out:
	json_decref(before);
	sb_release(&entity);
	form_release(&f);
	store_workaround_release(&w);
	return rc;
}

int page_workaround_delete(struct req *r)
{
	struct workaround w;
	struct strbuf entity = STRBUF_INIT;
	json_t *before;
	int rc = workaround_from_path(r, &w);

	if (rc)
		goto out;
	rc = store_workaround_delete(r->st, r->project.id, w.id);
	if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
		goto out;
	}
	sb_addf(&entity, "workaround:%lld", (long long)w.id);
	before = workaround_json(&w);
	rc = web_audit(r, r->project.id, "delete", entity.buf, before, NULL);
	json_decref(before);
	if (!rc)
		rc = back_to_list(r, "deleted");
out:
	sb_release(&entity);
	store_workaround_release(&w);
	return rc;
}
