/*
 * page_costs.c: a project's cost model: its frame, the break-even chart
 * and year-by-year table in three cases, the items, and adding, editing
 * and deleting them.
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

static const char *const labels[] = {
	"Name", "Flow", "Category", "Kind", "Start year", "End year",
	"Refresh every (years)", "Ramp-up (years)", "Low amount a year",
	"Expected amount a year", "High amount a year"
};
static const char *const hints[] = {
	NULL, NULL, "e.g. devices, licences, support, training, project staff, "
	"infrastructure, cash savings", NULL, "Programme year, 1 being the "
	"first.", "Leave empty to run to the horizon.", "One-off items only: "
	"bought again every so many years (devices: 3 to 5).", "Recurring "
	"items only: years to reach the full amount.", "The least it may "
	"come to. Empty: the expected amount.", NULL, "The most it may come "
	"to. Empty: the expected amount."
};

/* An amount rounded to a whole number, for tables (JSON has it whole). */
static const char *amount(double v, char buf[32])
{
	snprintf(buf, 32, "%.0f", v == 0 ? 0 : v);
	return buf;
}

static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *text)
{
	return form_error_for(f, name) ? web_form(r, name) : text;
}

/* The benefits as choices for the link, "" first for none. */
struct choices {
	struct benefit_list l;
	const char **ids, **names;
	char (*idbuf)[24];
};

static int choices_load(struct req *r, struct choices *c)
{
	if (benefit_list_load(r->st, r->project.id, &c->l))
		return -1;
	c->ids = xcalloc(c->l.n + 2, sizeof(*c->ids));
	c->names = xcalloc(c->l.n + 2, sizeof(*c->names));
	c->idbuf = xcalloc(c->l.n + 1, sizeof(*c->idbuf));
	c->ids[0] = "";
	c->names[0] = "(none)";
	for (size_t i = 0; i < c->l.n; i++) {
		snprintf(c->idbuf[i], sizeof(c->idbuf[i]), "%lld",
			 (long long)c->l.v[i].id);
		c->ids[i + 1] = c->idbuf[i];
		c->names[i + 1] = c->l.v[i].name;
	}
	return 0;
}

static void choices_release(struct choices *c)
{
	benefit_list_release(&c->l);
	free(c->ids);
	free(c->names);
	free(c->idbuf);
}

/* The text of field k of c as a form shows it. */
static void field_text(const struct cost_item *c, size_t k, char buf[40])
{
	const int64_t ints[] = { c->start_year, c->end_year, c->refresh, c->ramp };
	const double amounts[] = { c->low, c->expected, c->high };

	buf[0] = '\0';
	if (k >= 4 && k <= 7 && (ints[k - 4] || k == 4 || k == 7))
		snprintf(buf, 40, "%lld", (long long)ints[k - 4]);
	else if (k >= 8 && *c->name)
		snprintf(buf, 40, "%.15g", amounts[k - 8]);
}

static void item_fields(struct req *r, const struct form *f,
			const struct cost_item *c, const struct choices *ch)
{
	char buf[40], link[24] = "";

	for (size_t k = 0; cost_item_fields[k]; k++) {
		const char *name = cost_item_fields[k];
		if (k == 1) {
			form_select(r, f, name, labels[k], cost_flows, NULL, c->flow,
				    "A cost, or the value of a benefit.");
		} else if (k == 3) {
			form_select(r, f, name, labels[k], cost_kinds, NULL, c->kind,
				    NULL);
		} else {
			const char *text = k == 0 ? c->name : k == 2 ? c->category :
					   buf;
			field_text(c, k, buf);
			form_input(r, f, "text", name, labels[k],
				   shown(r, f, name, text), hints[k],
				   k == 0 || k == 2 || k == 9);
		}
	}
	if (c->benefit)
		snprintf(link, sizeof(link), "%lld", (long long)c->benefit);
	form_select(r, f, "benefit", "Benefit it values", ch->ids, ch->names,
		    link, "For a benefit's value: its benefit profile.");
}

/*
 * Set c's fields from the form (a new item's low and high default to its
 * expected amount), the benefit link, then check the item as a whole.
 * Returns the number of problems.
 */
static size_t apply_form(struct req *r, struct form *f, struct cost_item *c,
			 const struct choices *ch, bool is_new)
{
	struct strbuf why = STRBUF_INIT;
	const char *link = web_form(r, "benefit"), *low, *high, *at;

	for (size_t k = 0; cost_item_fields[k]; k++) {
		const char *v = web_form(r, cost_item_fields[k]);
		if ((k == 8 || k == 10) && v && !*v)
			v = NULL;	/* empty: as expected */
		sb_reset(&why);
		if (v && cost_item_set(c, cost_item_fields[k], v, &why))
			form_error(f, cost_item_fields[k], why.buf);
	}
	low = web_form(r, "low");
	high = web_form(r, "high");
	if (low ? !*low : is_new)	/* empty or, when new, absent: expected */
		c->low = c->expected;
	if (high ? !*high : is_new)
		c->high = c->expected;
	if (link) {
		int64_t id = 0;
		bool found = !*link;
		for (size_t i = 0; i < ch->l.n && !found; i++)
			if (!strcmp(ch->ids[i + 1], link)) {
				found = true;
				id = ch->l.v[i].id;
			}
		if (found)
			c->benefit = id;
		else
			form_error(f, "benefit", "benefit: not a benefit of this "
				   "project");
	}
	sb_reset(&why);
	if (!f->nerrs && (at = cost_item_check(c, &why)))
		form_error(f, at, why.buf);
	sb_release(&why);
	return f->nerrs;
}

/* --- the model --- */

static void model_form(struct req *r, const struct form *f, int64_t first,
		       int64_t horizon)
{
	char fy[24] = "", hz[24] = "";

	if (first)
		snprintf(fy, sizeof(fy), "%lld", (long long)first);
	if (horizon)
		snprintf(hz, sizeof(hz), "%lld", (long long)horizon);
	html(&r->out, "<section aria-labelledby=\"model\"><h2 id=\"model\">"
	     "The model's years</h2><form method=\"post\" "
	     "action=\"/p/%u/costs/model\" class=\"narrow\">", r->project.name);
	page_csrf(r);
	form_input(r, f, "text", "first_year", "First year",
		   shown(r, f, "first_year", fy), "The calendar year of programme "
		   "year 1.", true);
	form_input(r, f, "text", "horizon", "Horizon (years)",
		   shown(r, f, "horizon", hz), "1 to 30. Benefits take years: "
		   "EPR programmes took 4 to 9 to break even.", true);
	html(&r->out, "<button type=\"submit\">Save the years</button></form>"
	     "</section>\n");
}

/* Cumulative cost and benefit of case k, break-even marked. */
static void breakeven_chart(struct req *r, const struct money_model *m, int k)
{
	const struct money_case *c = &m->cases[k];
	size_t n = (size_t)m->horizon;
	struct chart_xy *cost = xcalloc(n, sizeof(*cost));
	struct chart_xy *benefit = xcalloc(n, sizeof(*benefit));
	struct chart_tick *ticks = xcalloc(n, sizeof(*ticks));
	char (*tl)[12] = xcalloc(n, sizeof(*tl));
	struct strbuf title = STRBUF_INIT, desc = STRBUF_INIT, mark = STRBUF_INIT;
	struct chart_series s[2] = {
		{ "Cumulative cost", cost, n, 0, "cost" },
		{ "Cumulative benefit", benefit, n, 0, "benefit" },
	};
	double hi = 0;

	for (size_t y = 0; y < n; y++) {
		cost[y] = (struct chart_xy){ (double)c->years[y].year,
					     c->years[y].cum_cost };
		benefit[y] = (struct chart_xy){ (double)c->years[y].year,
						c->years[y].cum_benefit };
		hi = fmax(hi, fmax(c->years[y].cum_cost, c->years[y].cum_benefit));
		snprintf(tl[y], sizeof(tl[y]), "%lld", (long long)c->years[y].year);
		ticks[y] = (struct chart_tick){ (double)c->years[y].year, tl[y] };
	}
	sb_addf(&title, "Cumulative cost and benefit, %s case", money_cases[k]);
	sb_addf(&desc, "Running totals of cost and of benefit by year from %lld "
		"to %lld in the %s case (%s). ", (long long)m->first_year,
		(long long)(m->first_year + m->horizon - 1), money_cases[k],
		money_case_notes[k]);
	if (c->breakeven) {
		sb_addf(&mark, "break-even, %lld",
			(long long)(m->first_year + c->breakeven - 1));
		sb_addf(&desc, "Benefit catches up with cost in %lld.",
			(long long)(m->first_year + c->breakeven - 1));
	} else {
		sb_addf(&desc, "Benefit does not catch up with cost within the "
			"horizon.");
	}
	{
		struct chart_line ch = {
			{ "breakeven-chart", title.buf, desc.buf, "Year", 0 },
			{ (double)m->first_year, (double)(m->first_year + m->horizon -
			  1), 1, NAN, NULL, "Year" },
			{ 0, 1, 0, NAN, NULL, "Cumulative amount" },
			ticks, n, s, 2,
			c->breakeven ? (double)(m->first_year + c->breakeven - 1) :
			NAN, c->breakeven ? c->years[c->breakeven - 1].cum_benefit :
			NAN, c->breakeven ? mark.buf : NULL,
		};
		chart_scale_round(&ch.y, 0, hi > 0 ? hi : 1, 8);
		html(&r->out, "<figure class=\"chart\"><figcaption>%s</figcaption>",
		     title.buf);
		chart_line_svg(&r->out, &ch);
		html(&r->out, "<details class=\"table-view\"><summary>Table view"
		     "</summary>");
		chart_line_table(&r->out, &ch);
		html(&r->out, "</details></figure>\n");
	}
	free(cost);
	free(benefit);
	free(ticks);
	free(tl);
	sb_release(&title);
	sb_release(&desc);
	sb_release(&mark);
}

static void cases_table(struct req *r, const struct money_model *m, int k)
{
	html(&r->out, "<p>The three cases are scenarios. The <strong>low</strong> "
	     "case is the pessimistic one: every cost at its high amount and "
	     "every benefit at its low amount. The <strong>expected</strong> "
	     "case takes the expected amounts. The <strong>high</strong> case "
	     "is the optimistic one: every cost at its low amount and every "
	     "benefit at its high amount.</p>\n"
	     "<div class=\"table-wrap\"><table><caption>Break-even in "
	     "each case</caption><thead><tr><th scope=\"col\">Case</th>"
	     "<th scope=\"col\">Assumes</th>"
	     "<th scope=\"col\">Breaks even</th><th scope=\"col\" class=\"num\">"
	     "Total cost</th><th scope=\"col\" class=\"num\">Total benefit</th>"
	     "</tr></thead><tbody>\n");
	char a[32], b[32];

	for (int i = 0; i < MONEY_NCASES; i++) {
		const struct money_case *c = &m->cases[i];
		html(&r->out, "<tr><th scope=\"row\"><a href=\"/p/%u/costs?case=%s\""
		     "%R>%s</a></th>", r->project.name, money_cases[i],
		     i == k ? " aria-current=\"true\"" : "", money_cases[i]);
		html(&r->out, "<td>%s</td>", money_case_notes[i]);
		if (c->breakeven)
			html(&r->out, "<td>%I (year %I)</td>",
			     m->first_year + c->breakeven - 1, c->breakeven);
		else
			html(&r->out, "<td>not within the horizon</td>");
		html(&r->out, "<td class=\"num\">%s</td><td class=\"num\">%s"
		     "</td></tr>\n", amount(c->total_cost, a),
		     amount(c->total_benefit, b));
	}
	html(&r->out, "</tbody></table></div>\n");
}

static void years_table(struct req *r, const struct money_model *m, int k)
{
	const struct money_case *c = &m->cases[k];
	char a[4][32];

	html(&r->out, "<div class=\"table-wrap\"><table><caption>Year by year, "
	     "%s case</caption><thead><tr><th scope=\"col\">Year</th>"
	     "<th scope=\"col\" class=\"num\">Cost</th><th scope=\"col\" "
	     "class=\"num\">Benefit</th><th scope=\"col\" class=\"num\">Net</th>"
	     "<th scope=\"col\" class=\"num\">Cumulative net</th></tr></thead>"
	     "<tbody>\n", money_cases[k]);
	for (int64_t y = 0; y < m->horizon; y++) {
		const struct money_year *e = &c->years[y];
		html(&r->out, "<tr><th scope=\"row\">%I</th><td class=\"num\">%s"
		     "</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
		     "<td class=\"num\">%s</td></tr>\n", e->year,
		     amount(e->cost, a[0]), amount(e->benefit, a[1]),
		     amount(e->net, a[2]), amount(e->cum_net, a[3]));
	}
	html(&r->out, "</tbody></table></div>\n");
}

static void items_table(struct req *r, const struct cost_item *v, size_t n,
			const struct choices *ch)
{
	bool edit = r->role >= ROLE_CONTRIBUTOR;
	char a[3][32];

	if (!n) {
		html(&r->out, "<p>No costs or benefits are entered yet.</p>\n");
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table><caption>%z item%s"
	     "</caption><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">"
	     "Flow</th><th scope=\"col\">Category</th><th scope=\"col\">Kind"
	     "</th><th scope=\"col\">Years</th><th scope=\"col\" class=\"num\">"
	     "Low amount</th><th scope=\"col\" class=\"num\">Expected amount"
	     "</th><th scope=\"col\" class=\"num\">High amount</th>"
	     "<th scope=\"col\">Benefit"
	     "</th>%R</tr></thead><tbody>\n", n, n == 1 ? "" : "s",
	     edit ? "<th scope=\"col\">Change</th>" : "");
	for (size_t i = 0; i < n; i++) {
		const struct cost_item *c = &v[i];
		const char *b = benefit_list_name(&ch->l, c->benefit);
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
		     "<td>%s", c->name, c->flow, c->category, c->kind);
		if (c->refresh)
			html(&r->out, ", every %I years", c->refresh);
		if (c->ramp)
			html(&r->out, ", ramp %I years", c->ramp);
		html(&r->out, "</td><td>%I", c->start_year);
		if (c->end_year)
			html(&r->out, " to %I", c->end_year);
		else
			html(&r->out, " on");
		html(&r->out, "</td><td class=\"num\">%s</td><td class=\"num\">"
		     "%s</td><td class=\"num\">%s</td><td>%s</td>",
		     amount(c->low, a[0]), amount(c->expected, a[1]),
		     amount(c->high, a[2]), b ? b : "–");
		if (edit)
			html(&r->out, "<td><a href=\"/p/%u/costs/%I\" aria-label="
			     "\"Edit %s\">Edit</a></td>", r->project.name, c->id,
			     c->name);
		html(&r->out, "</tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

static const char *done_text(const char *done)
{
	static const char *const v[][2] = {
		{ "added", "The item is added." },
		{ "saved", "The item is saved." },
		{ "deleted", "The item is deleted." },
		{ "model", "The model's years are saved." },
	};

	for (size_t i = 0; done && i < sizeof(v) / sizeof(*v); i++)
		if (!strcmp(done, v[i][0]))
			return v[i][1];
	return NULL;
}

static int costs_page(struct req *r, const struct form *f,
		      const struct cost_item *draft)
{
	const char *done = done_text(web_query(r, "done"));
	const char *kase = web_query(r, "case");
	int k = kase ? money_case_index(kase) : MONEY_EXPECTED;
	struct money_model m;
	struct cost_item *v;
	struct choices ch = { 0 };
	size_t n;
	int rc;

	if (k < 0)
		return web_fail(r, 400, "bad_request", "case: use low, expected "
				"or high");
	rc = money_model_load(r->st, r->project.id, &m, &v, &n);
	if (rc == STORE_NOTFOUND)
		rc = store_cost_items(r->st, r->project.id, &v, &n);
	if (rc || choices_load(r, &ch)) {
		choices_release(&ch);
		return web_store_fail(r);
	}
	page_begin(r, "Costs and break-even", "costs");
	html(&r->out, "<h1>Costs and break-even</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	page_import_done(r);
	form_summary(r, f);
	if (m.horizon) {
		breakeven_chart(r, &m, k);
		cases_table(r, &m, k);
		years_table(r, &m, k);
	} else {
		html(&r->out, "<p>Set the model's first year and horizon to see "
		     "the years and the break-even.</p>\n");
	}
	html(&r->out, "<h2>Costs and benefits</h2>\n");
	items_table(r, v, n, &ch);
	if (r->role >= ROLE_CONTRIBUTOR) {
		model_form(r, f, m.first_year, m.horizon);
		html(&r->out, "<section aria-labelledby=\"add\"><h2 id=\"add\">"
		     "Add a cost or benefit</h2><form method=\"post\" "
		     "action=\"/p/%u/costs\" class=\"narrow\">", r->project.name);
		page_csrf(r);
		item_fields(r, f, draft, &ch);
		html(&r->out, "<button type=\"submit\">Add the item</button>"
		     "</form></section>\n");
	}
	page_end(r);
	money_model_release(&m);
	store_cost_items_free(v, n);
	choices_release(&ch);
	return 0;
}

int page_costs(struct req *r)
{
	struct form f = FORM_INIT;
	struct cost_item c;
	int rc;

	cost_item_init(&c);
	rc = costs_page(r, &f, &c);
	store_cost_item_release(&c);
	return rc;
}

static int audited(struct req *r, const char *action, const char *entity,
		   json_t *before, json_t *after)
{
	int rc = web_audit(r, r->project.id, action, entity, before, after);

	json_decref(before);
	json_decref(after);
	return rc;
}

static int item_audited(struct req *r, const char *action, int64_t id,
			json_t *before, json_t *after)
{
	char entity[40];

	snprintf(entity, sizeof(entity), "cost:%lld", (long long)id);
	return audited(r, action, entity, before, after);
}

int page_cost_model_save(struct req *r)
{
	struct form f = FORM_INIT;
	const char *fy = web_form(r, "first_year"), *hz = web_form(r, "horizon");
	int64_t first = 0, horizon = 0, of, oh;
	json_t *before = NULL, *after;
	int rc;

	if (web_int(fy, 1900, 9999, &first))
		form_error(&f, "first_year", "first_year: a year from 1900 to 9999");
	if (web_int(hz, 1, MONEY_YEARS, &horizon))
		form_error(&f, "horizon", "horizon: a whole number of years from 1 "
			   "to 30");
	if (f.nerrs) {
		struct cost_item c;
		cost_item_init(&c);
		r->status = 422;
		rc = costs_page(r, &f, &c);
		store_cost_item_release(&c);
		form_release(&f);
		return rc;
	}
	rc = store_cost_model_get(r->st, r->project.id, &of, &oh);
	if (rc == 0)
		before = json_pack("{s:I, s:I}", "first_year", (json_int_t)of,
				   "horizon", (json_int_t)oh);
	if ((rc && rc != STORE_NOTFOUND) ||
	    store_cost_model_set(r->st, r->project.id, first, horizon)) {
		json_decref(before);
		return web_store_fail(r);
	}
	after = json_pack("{s:I, s:I}", "first_year", (json_int_t)first,
			  "horizon", (json_int_t)horizon);
	rc = audited(r, "edit", "cost-model", before, after);
	if (!rc)
		rc = web_redirect_project(r, r->project.name, "/costs?done=model");
	return rc;
}

int page_cost_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct choices ch = { 0 };
	struct cost_item c;
	int rc;

	cost_item_init(&c);
	c.project = r->project.id;
	if (choices_load(r, &ch)) {
		rc = web_store_fail(r);
		goto out;
	}
	if (apply_form(r, &f, &c, &ch, true) == 0) {
		rc = store_cost_items_add(r->st, r->project.id, &c, 1);
		if (rc == STORE_CONFLICT) {
			form_error(&f, "name", "name: the project has an item of "
				   "this name already");
		} else {
			if (rc)
				rc = web_store_fail(r);
			else if (!(rc = item_audited(r, "add", c.id, NULL,
				   cost_item_json(&c, benefit_list_name(&ch.l,
								   c.benefit)))))
				rc = web_redirect_project(r, r->project.name,
							  "/costs?done=added");
			goto out;
		}
	}
	r->status = 422;
	rc = costs_page(r, &f, &c);
out:
	choices_release(&ch);
	form_release(&f);
	store_cost_item_release(&c);
	return rc;
}

static int load(struct req *r, struct cost_item *c)
{
	int64_t id;
	int rc;

	memset(c, 0, sizeof(*c));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_cost_item_get(r->st, r->project.id, web_arg(r, 1), c);
	if (rc == 0 && c->id != id) {
		store_cost_item_release(c);
		rc = STORE_NOTFOUND;	/* a name that is a number: not by path */
	}
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

static int edit_page(struct req *r, const struct form *f,
		     const struct cost_item *c, const char *name)
{
	struct choices ch = { 0 };

	if (choices_load(r, &ch)) {
		choices_release(&ch);
		return web_store_fail(r);
	}
	page_begin(r, "Edit a cost or benefit", "costs");
	html(&r->out, "<p><a href=\"/p/%u/costs\">Costs and break-even</a></p>"
	     "<h1>Edit: %s</h1>\n", r->project.name, name);
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/costs/%I\" "
	     "class=\"narrow\">", r->project.name, c->id);
	page_csrf(r);
	form_version(r, c->version);
	item_fields(r, f, c, &ch);
	html(&r->out, "<button type=\"submit\">Save</button></form>\n"
	     "<h2>Delete</h2><form method=\"post\" action=\"/p/%u/costs/%I/"
	     "delete\" data-confirm=\"Delete %s from the cost model?\">",
	     r->project.name, c->id, name);
	page_csrf(r);
	html(&r->out, "<button type=\"submit\" class=\"danger\">Delete this "
	     "item</button></form>\n");
	page_end(r);
	choices_release(&ch);
	return 0;
}

int page_cost_edit(struct req *r)
{
	struct form f = FORM_INIT;
	struct cost_item c;
	int rc = load(r, &c);

	if (!rc)
		rc = edit_page(r, &f, &c, c.name);
	store_cost_item_release(&c);
	return rc;
}

int page_cost_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct choices ch = { 0 };
	struct cost_item c;
	json_t *before, *mine;
	char *name;
	int64_t stored;
	int rc = load(r, &c);

	if (rc)
		return rc;
	stored = c.version;
	if (choices_load(r, &ch)) {
		choices_release(&ch);
		store_cost_item_release(&c);
		return web_store_fail(r);
	}
	before = cost_item_json(&c, benefit_list_name(&ch.l, c.benefit));
	name = xstrdup(c.name);
	if (form_version_read(r, &f, &c.version) +
	    apply_form(r, &f, &c, &ch, false) == 0) {
		rc = store_cost_item_update(r->st, &c);
		if (rc == STORE_STALE) {
			mine = cost_item_json(&c, benefit_list_name(&ch.l,
								    c.benefit));
			form_stale(r, &f, before, mine);
			json_decref(mine);
			c.version = stored;
			rc = edit_page(r, &f, &c, name);
		} else if (rc == STORE_CONFLICT)
			form_error(&f, "name", "name: the project has an item of "
				   "this name already");
		else if (rc)
			rc = web_store_fail(r);
		else if (!(rc = item_audited(r, "edit", c.id, json_incref(before),
				cost_item_json(&c, benefit_list_name(&ch.l,
								c.benefit)))))
			rc = web_redirect_project(r, r->project.name,
						  "/costs?done=saved");
	}
	if (f.nerrs) {
		r->status = 422;
		rc = edit_page(r, &f, &c, name);
	}
	json_decref(before);
	free(name);
	choices_release(&ch);
	form_release(&f);
	store_cost_item_release(&c);
	return rc;
}

int page_cost_delete(struct req *r)
{
	struct cost_item c;
	int rc = load(r, &c);

	if (rc)
		return rc;
	rc = store_cost_item_delete(r->st, r->project.id, c.id);
	if (rc)
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
	else if (!(rc = item_audited(r, "delete", c.id, cost_item_json(&c, NULL),
				     NULL)))
		rc = web_redirect_project(r, r->project.name,
					  "/costs?done=deleted");
	store_cost_item_release(&c);
	return rc;
}
