/*
 * page_benefits.c: a project's benefit profiles: the list with their
 * progress, one benefit's page with its measurements against the target
 * line, and adding, editing, measuring and deleting.
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
#include "track/money.h"
#include "track/track.h"

static const char *const labels[] = {
	"Name", "Metric", "Unit", "Owner", "Baseline", "Baseline date",
	"Target", "Target date", "Measured", "Cash-releasing"
};
static const char *const yes_no[] = { "no", "yes", NULL };

/* What the user typed if it was refused, else text. */
static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *text)
{
	return form_error_for(f, name) ? web_form(r, name) : text;
}

static void benefit_form(struct req *r, const struct form *f,
			 const struct benefit *b)
{
	char base[32], target[32];

	snprintf(base, sizeof(base), "%.15g", b->baseline);
	snprintf(target, sizeof(target), "%.15g", b->target);
	form_input(r, f, "text", "name", labels[0], shown(r, f, "name", b->name),
		   NULL, true);
	form_input(r, f, "text", "metric", labels[1],
		   shown(r, f, "metric", b->metric), "What is measured.", true);
	form_input(r, f, "text", "unit", labels[2], shown(r, f, "unit", b->unit),
		   "e.g. minutes, pagers, %.", true);
	form_input(r, f, "text", "owner", labels[3],
		   shown(r, f, "owner", b->owner), NULL, false);
	form_input(r, f, "text", "baseline", labels[4],
		   shown(r, f, "baseline", *b->name ? base : ""), NULL, true);
	form_input(r, f, "date", "baseline_date", labels[5],
		   shown(r, f, "baseline_date", b->baseline_date), NULL, true);
	form_input(r, f, "text", "target", labels[6],
		   shown(r, f, "target", *b->name ? target : ""),
		   "Above or below the baseline.", true);
	form_input(r, f, "date", "target_date", labels[7],
		   shown(r, f, "target_date", b->target_date), NULL, true);
	form_select(r, f, "schedule", labels[8], benefit_schedules, NULL,
		    b->schedule, NULL);
	form_select(r, f, "cash_releasing", labels[9], yes_no, NULL,
		    b->cash_releasing ? "yes" : "no",
		    "Whether it frees money that can be spent elsewhere.");
}

/*
 * Set b's fields from the form, then check them together. A field not
 * sent is left as it was. Returns the number of problems.
 */
static size_t apply_form(struct req *r, struct form *f, struct benefit *b)
{
	struct strbuf why = STRBUF_INIT;
	const char *at;

	for (size_t i = 0; benefit_fields[i]; i++) {
		const char *v = web_form(r, benefit_fields[i]);
		sb_reset(&why);
		if (v && benefit_set(b, benefit_fields[i], v, &why))
			form_error(f, benefit_fields[i], why.buf);
	}
	sb_reset(&why);
	if (!f->nerrs && (at = benefit_check(b, &why)))
		form_error(f, at, why.buf);
	sb_release(&why);
	return f->nerrs;
}

/* A share as a whole percentage, or a dash. */
static void percent(struct req *r, double share)
{
	if (isnan(share))
		html(&r->out, "<td class=\"num\">–</td>");
	else
		html(&r->out, "<td class=\"num\">%d%%</td>",
		     (int)lround(share * 100));
}

static void list_table(struct req *r, const struct benefit_list *l)
{
	if (!l->n) {
		html(&r->out, "<p>No benefits are recorded yet.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z benefit%s"
	     "</caption><thead><tr><th scope=\"col\">Benefit</th>"
	     "<th scope=\"col\">Unit</th><th scope=\"col\" class=\"num\">"
	     "Baseline</th><th scope=\"col\" class=\"num\">Target</th>"
	     "<th scope=\"col\">By</th><th scope=\"col\" class=\"num\">Latest"
	     "</th><th scope=\"col\" class=\"num\">Progress</th>"
	     "<th scope=\"col\" class=\"num\">Expected</th><th scope=\"col\">"
	     "Status</th></tr></thead><tbody>\n", l->n, l->n == 1 ? "" : "s");
	for (size_t i = 0; i < l->n; i++) {
		const struct benefit *b = &l->v[i];
		html(&r->out, "<tr><th scope=\"row\"><a href=\"/p/%u/benefits/%I\">"
		     "%s</a></th><td>%s</td><td class=\"num\">%g</td>"
		     "<td class=\"num\">%g</td><td>%s</td>", r->project.name,
		     b->id, b->name, b->unit, b->baseline, b->target,
		     b->target_date);
		if (isnan(l->p[i].latest))
			html(&r->out, "<td class=\"num\">–</td>");
		else
			html(&r->out, "<td class=\"num\">%g</td>", l->p[i].latest);
		percent(r, l->p[i].share);
		percent(r, l->p[i].expected);
		html(&r->out, "<td>%s</td></tr>\n",
		     benefit_statuses[l->p[i].status]);
	}
	html(&r->out, "</tbody></table></div>\n<p class=\"hint\">Progress is "
	     "the share of the way from baseline to target at the latest "
	     "measurement; expected is where a straight line from the "
	     "baseline's date to the target's stands that day.</p>\n");
}

static const char *done_text(const char *done)
{
	static const char *const v[][2] = {
		{ "added", "The benefit is added." },
		{ "saved", "The benefit is saved." },
		{ "deleted", "The benefit is deleted." },
		{ "measured", "The measurement is recorded." },
	};

	for (size_t i = 0; done && i < sizeof(v) / sizeof(*v); i++)
		if (!strcmp(done, v[i][0]))
			return v[i][1];
	return NULL;
}

static int list_page(struct req *r, const struct form *f,
		     const struct benefit *draft)
{
	const char *done = done_text(web_query(r, "done"));
	struct benefit_list l;

	if (benefit_list_load(r->st, r->project.id, &l)) {
		benefit_list_release(&l);
		return web_store_fail(r);
	}
	page_begin(r, "Benefits", "benefits");
	html(&r->out, "<h1>Benefits</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	page_import_done(r);
	form_summary(r, f);
	list_table(r, &l);
	if (r->role >= ROLE_CONTRIBUTOR) {
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add a benefit</h2><form method=\"post\" "
		     "action=\"/p/%u/benefits\" class=\"narrow\">",
		     r->project.name);
		page_csrf(r);
		benefit_form(r, f, draft);
		html(&r->out, "<button type=\"submit\">Add the benefit</button>"
		     "</form></section>\n");
	}
	page_end(r);
	benefit_list_release(&l);
	return 0;
}

int page_benefits(struct req *r)
{
	struct form f = FORM_INIT;
	struct benefit b;
	int rc;

	benefit_init(&b);
	rc = list_page(r, &f, &b);
	store_benefit_release(&b);
	return rc;
}

static json_t *audit_json(const struct benefit *b)
{
	return benefit_json(b, NULL);
}

static int audited(struct req *r, const char *action, int64_t id,
		   json_t *before, json_t *after)
{
	struct strbuf entity = STRBUF_INIT;
	int rc;

	sb_addf(&entity, "benefit:%lld", (long long)id);
	rc = web_audit(r, r->project.id, action, entity.buf, before, after);
	sb_release(&entity);
	json_decref(before);
	json_decref(after);
	return rc;
}

int page_benefit_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct benefit b;
	int rc;

	benefit_init(&b);
	b.project = r->project.id;
	if (apply_form(r, &f, &b) == 0) {
		rc = store_benefit_add(r->st, &b);
		if (rc == STORE_CONFLICT) {
			form_error(&f, "name", "name: the project has a benefit "
				   "of this name already");
		} else {
			if (rc)
				rc = web_store_fail(r);
			else if (!(rc = audited(r, "add", b.id, NULL,
						audit_json(&b))))
				rc = web_redirect_project(r, r->project.name,
					"/benefits/%lld?done=added",
					(long long)b.id);
			goto out;
		}
	}
	r->status = 422;
	rc = list_page(r, &f, &b);
out:
	form_release(&f);
	store_benefit_release(&b);
	return rc;
}

/* Load the benefit named by the path, of this project only. */
static int load(struct req *r, struct benefit *b)
{
	int64_t id;
	int rc;

	memset(b, 0, sizeof(*b));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_benefit_get(r->st, r->project.id, web_arg(r, 1), b);
	if (rc == 0 && b->id != id) {
		store_benefit_release(b);
		rc = STORE_NOTFOUND;	/* a name that is a number: not by path */
	}
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

/* The measurements against the straight line from baseline to target. */
static void chart(struct req *r, const struct benefit *b,
		  const struct benefit_measure *m, size_t n)
{
	struct chart_xy *pts = xcalloc(n + 1, sizeof(*pts)), line[2];
	struct chart_tick ticks[2];
	struct chart_series s[2] = {
		{ "Measured", pts, 0, 0, "measured" },
		{ "Target line", line, 2, 1, "target" },
	};
	struct strbuf title = STRBUF_INIT, desc = STRBUF_INIT;
	int32_t from = 0, to = 0, d;
	double lo = fmin(b->baseline, b->target), hi = fmax(b->baseline, b->target);
	struct strbuf err = STRBUF_INIT;

	track_date_parse(b->baseline_date, &from, &err);
	track_date_parse(b->target_date, &to, &err);
	for (size_t i = 0; i < n; i++) {
		if (track_date_parse(m[i].measured, &d, &err))
			continue;
		pts[s[0].n++] = (struct chart_xy){ d, m[i].value };
		lo = fmin(lo, m[i].value);
		hi = fmax(hi, m[i].value);
		if (d < from)
			from = d;
		if (d > to)
			to = d;
	}
	line[0] = (struct chart_xy){ 0, b->baseline };
	line[1] = (struct chart_xy){ 0, b->target };
	track_date_parse(b->baseline_date, &d, &err);
	line[0].x = d;
	ticks[0] = (struct chart_tick){ d, b->baseline_date };
	track_date_parse(b->target_date, &d, &err);
	line[1].x = d;
	ticks[1] = (struct chart_tick){ d, b->target_date };
	sb_addf(&title, "%s against its target", b->name);
	sb_addf(&desc, "%s in %s: each measurement by date, and a dashed line "
		"from the baseline, %g on %s, to the target, %g by %s.", b->metric,
		b->unit, b->baseline, b->baseline_date, b->target, b->target_date);
	{
		struct chart_line c = {
			{ "benefit-chart", title.buf, desc.buf, "Date", 0 },
			{ from, to, 0, NAN, NULL, "Date" },
			{ 0, 1, 0, b->target, "target", b->unit },
			ticks, 2, s, 2, NAN, NAN, NULL,
		};
		/* a little room above and below so no point sits on the frame */
		chart_scale_round(&c.y, lo - (hi - lo) * 0.05,
				  hi + (hi - lo) * 0.05, 6);
		html(&r->out, "<figure class=\"chart\"><figcaption>%s"
		     "</figcaption>", title.buf);
		chart_line_svg(&r->out, &c);
		html(&r->out, "<details class=\"table-view\"><summary>Table view"
		     "</summary>");
		chart_line_table(&r->out, &c);
		html(&r->out, "</details></figure>\n");
	}
	free(pts);
	sb_release(&title);
	sb_release(&desc);
	sb_release(&err);
}

static void measurements(struct req *r, const struct benefit_measure *m,
			 size_t n)
{
	if (!n) {
		html(&r->out, "<p>No measurement is recorded yet.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>Measurements"
	     "</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\" "
	     "class=\"num\">Value</th><th scope=\"col\">Note</th></tr></thead>"
	     "<tbody>\n");
	for (size_t i = 0; i < n; i++)
		html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%g"
		     "</td><td>%s</td></tr>\n", m[i].measured, m[i].value,
		     m[i].note);
	html(&r->out, "</tbody></table></div>\n");
}

static void summary(struct req *r, const struct benefit *b,
		    const struct benefit_progress *p)
{
	html(&r->out, "<dl class=\"facts\"><dt>Metric</dt><dd>%s (%s)</dd>"
	     "<dt>Owner</dt><dd>%s</dd><dt>Baseline</dt><dd>%g on %s</dd>"
	     "<dt>Target</dt><dd>%g by %s</dd><dt>Measured</dt><dd>%s; %s</dd>"
	     "<dt>Progress</dt><dd>", b->metric, b->unit,
	     *b->owner ? b->owner : "–", b->baseline, b->baseline_date,
	     b->target, b->target_date, b->schedule, b->cash_releasing ?
	     "cash-releasing" : "not cash-releasing");
	if (p->status == BENEFIT_NO_DATA)
		html(&r->out, "no measurement yet");
	else
		html(&r->out, "%d%% of the way at the latest measurement; the "
		     "straight line expects %d%%: <strong>%s</strong>",
		     (int)lround(p->share * 100), (int)lround(p->expected * 100),
		     benefit_statuses[p->status]);
	html(&r->out, "</dd></dl>\n");
}

static int benefit_page(struct req *r, const struct form *f,
			const struct benefit *b, const char *name)
{
	const char *done = done_text(web_query(r, "done"));
	struct benefit_measure *m;
	struct benefit_progress p;
	size_t n;
	char today[11];

	if (store_benefit_measures(r->st, r->project.id, b->id, &m, &n))
		return web_store_fail(r);
	benefit_progress(b, m, n, &p);
	page_begin(r, name, "benefits");
	html(&r->out, "<p><a href=\"/p/%u/benefits\">All benefits</a></p>"
	     "<h1>%s</h1>\n", r->project.name, name);
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	form_summary(r, f);
	summary(r, b, &p);
	chart(r, b, m, n);
	measurements(r, m, n);
	if (r->role >= ROLE_CONTRIBUTOR) {
		track_date_format(track_today(), today);
		html(&r->out, "<section aria-labelledby=\"measure\"><h2 "
		     "id=\"measure\">Record a measurement</h2><form method=\"post\" "
		     "action=\"/p/%u/benefits/%I/measurements\" class=\"narrow\">",
		     r->project.name, b->id);
		page_csrf(r);
		form_input(r, f, "date", "date", "Date",
			   shown(r, f, "date", today), NULL, true);
		form_input(r, f, "text", "value", "Value",
			   shown(r, f, "value", ""), b->unit, true);
		form_input(r, f, "text", "note", "Note", shown(r, f, "note", ""),
			   NULL, false);
		html(&r->out, "<button type=\"submit\">Record</button></form>"
		     "</section>\n<section aria-labelledby=\"edit\"><h2 "
		     "id=\"edit\">Edit</h2><form method=\"post\" "
		     "action=\"/p/%u/benefits/%I\" class=\"narrow\">",
		     r->project.name, b->id);
		page_csrf(r);
		form_version(r, b->version);
		benefit_form(r, f, b);
		html(&r->out, "<button type=\"submit\">Save</button></form>"
		     "</section>\n<h2>Delete</h2><form method=\"post\" "
		     "action=\"/p/%u/benefits/%I/delete\" data-confirm=\"Delete "
		     "%s and its measurements?\">", r->project.name, b->id, name);
		page_csrf(r);
		html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
		     "benefit</button></form>\n");
	}
	page_end(r);
	store_benefit_measures_free(m, n);
	return 0;
}

int page_benefit(struct req *r)
{
	struct form f = FORM_INIT;
	struct benefit b;
	int rc = load(r, &b);

	if (!rc)
		rc = benefit_page(r, &f, &b, b.name);
	store_benefit_release(&b);
	return rc;
}

int page_benefit_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct benefit b;
	json_t *before, *mine;
	char *name;
	int64_t stored;
	int rc = load(r, &b);

	if (rc)
		return rc;
	before = audit_json(&b);
	name = xstrdup(b.name);
	stored = b.version;
	if (form_version_read(r, &f, &b.version) + apply_form(r, &f, &b) == 0) {
		rc = store_benefit_update(r->st, &b);
		if (rc == STORE_STALE) {
			mine = audit_json(&b);
			form_stale(r, &f, before, mine);
			json_decref(mine);
			b.version = stored;
			rc = benefit_page(r, &f, &b, name);
		} else if (rc == STORE_CONFLICT)
			form_error(&f, "name", "name: the project has a benefit "
				   "of this name already");
		else if (rc)
			rc = web_store_fail(r);
		else if (!(rc = audited(r, "edit", b.id, json_incref(before),
					audit_json(&b))))
			rc = web_redirect_project(r, r->project.name,
						  "/benefits/%lld?done=saved",
						  (long long)b.id);
	}
	if (f.nerrs) {
		r->status = 422;
		rc = benefit_page(r, &f, &b, name);
	}
	json_decref(before);
	free(name);
	form_release(&f);
	store_benefit_release(&b);
	return rc;
}

int page_benefit_measure(struct req *r)
{
	struct form f = FORM_INIT;
	struct strbuf why = STRBUF_INIT;
	struct benefit_measure m = { 0 };
	struct benefit b;
	const char *date = web_form(r, "date"), *value = web_form(r, "value");
	const char *note = web_form(r, "note");
	int32_t day;
	int rc = load(r, &b);

	if (rc)
		return rc;
	if (track_date_parse(date ? date : "", &day, &why))
		form_error(&f, "date", why.buf);
	else if (day > track_today())
		form_error(&f, "date", "date: after today; record a measurement "
			   "once it is made");
	sb_reset(&why);
	if (money_number("value", value ? value : "", -MONEY_MAX, MONEY_MAX,
			 &m.value, &why))
		form_error(&f, "value", why.buf);
	sb_reset(&why);
	if (note && check_text("note", note, MONEY_TEXT_MAX, false, &why))
		form_error(&f, "note", why.buf);
	if (f.nerrs) {
		r->status = 422;
		rc = benefit_page(r, &f, &b, b.name);
		goto out;
	}
	m.benefit = b.id;
	m.measured = (char *)date;
	m.note = (char *)(note ? note : "");
	if (store_benefit_measures_set(r->st, r->project.id, &m, 1)) {
		rc = web_store_fail(r);
		goto out;
	}
	rc = audited(r, "measure", b.id, NULL, benefit_measure_json(&m));
	if (!rc)
		rc = web_redirect_project(r, r->project.name,
					  "/benefits/%lld?done=measured",
					  (long long)b.id);
out:
	sb_release(&why);
	form_release(&f);
	store_benefit_release(&b);
	return rc;
}

int page_benefit_delete(struct req *r)
{
	struct benefit b;
	int rc = load(r, &b);

	if (rc)
		return rc;
	rc = store_benefit_delete(r->st, r->project.id, b.id);
	if (rc)
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
	else if (!(rc = audited(r, "delete", b.id, audit_json(&b), NULL)))
		rc = web_redirect_project(r, r->project.name,
					  "/benefits?done=deleted");
	store_benefit_release(&b);
	return rc;
}
