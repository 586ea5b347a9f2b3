/*
 * api_money.c: the JSON API of benefits, measurements, the cost items
 * and the break-even (docs/api.md), in the shapes of the CLI's --json.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "pages.h"
#include "track/money.h"
#include "track/track.h"

static struct strbuf *problem(struct strbuf *err)
{
	if (err->len)
		sb_adds(err, "; ");
	return err;
}

/*
 * A body value as the text the field rules take: a string as it is, a
 * number written out, true and false as yes and no. Returns 0, or -1
 * with the reason added to err.
 */
static int value_text(const char *key, json_t *v, char buf[64],
		      const char **out, struct strbuf *err)
{
	if (json_is_string(v) && strlen(json_string_value(v)) ==
	    json_string_length(v)) {
		*out = json_string_value(v);
		return 0;
	}
	if (json_is_integer(v)) {
		snprintf(buf, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else if (json_is_real(v)) {
		snprintf(buf, 64, "%.15g", json_real_value(v));
	} else if (json_is_boolean(v)) {
		snprintf(buf, 64, "%s", json_is_true(v) ? "yes" : "no");
	} else {
		sb_addf(problem(err), "%s: expected a string or a number", key);
		return -1;
	}
	*out = buf;
	return 0;
}

typedef int (*field_fn)(void *obj, const char *field, const char *value,
			struct strbuf *err);

static int set_benefit(void *b, const char *f, const char *v,
		       struct strbuf *err)
{
	return benefit_set(b, f, v, err);
}

static int set_item(void *c, const char *f, const char *v, struct strbuf *err)
{
	return cost_item_set(c, f, v, err);
}

/*
 * Set every key of body on obj through set, but those in skip (handled
 * by the caller). Each bad or unknown key is described in err.
 */
static void apply(json_t *body, const char *const *fields,
		  const char *const *skip, const char *what, field_fn set,
		  void *obj, struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	const char *key, *text;
	char buf[64];
	json_t *v;

	json_object_foreach(body, key, v) {
		bool known = false, skipped = false;
		for (size_t i = 0; fields[i] && !known; i++)
			known = !strcmp(fields[i], key);
		for (size_t i = 0; skip && skip[i] && !skipped; i++)
			skipped = !strcmp(skip[i], key);
		if (skipped)
			continue;
		if (!known) {
			sb_addf(problem(err), "%s: not a field of %s", key, what);
			continue;
		}
		if (value_text(key, v, buf, &text, err))
			continue;
		sb_reset(&why);
		if (set(obj, key, text, &why))
			sb_adds(problem(err), why.buf);
	}
	sb_release(&why);
}

/* The body as an object, or NULL after answering 400. */
static json_t *body_object(struct req *r)
{
	if (r->json && json_is_object(r->json))
		return r->json;
	web_fail(r, 400, "bad_request", "send a JSON object as the body, "
		 "with Content-Type: application/json");
	return NULL;
}

static void location(struct req *r, const char *what, int64_t id)
{
	struct strbuf url = STRBUF_INIT;

	sb_adds(&url, "/api/projects/");
	html_url(&url, r->project.name);
	sb_addf(&url, "/%s/%" PRId64, what, id);
	web_header(r, "Location", url.buf);
	sb_release(&url);
}

static int audit(struct req *r, const char *action, const char *what,
		 int64_t id, json_t *after)
{
	char entity[40];

	snprintf(entity, sizeof(entity), "%s:%" PRId64, what, id);
	return web_audit(r, r->project.id, action, entity, NULL, after);
}

/* --- benefits --- */

int api_benefits(struct req *r)
{
	struct benefit_list l;
	json_t *a;

	if (benefit_list_load(r->st, r->project.id, &l)) {
		benefit_list_release(&l);
		return web_store_fail(r);
	}
	a = benefit_list_json(&l);
	benefit_list_release(&l);
	return web_json(r, 200, a);
}

int api_benefit_add(struct req *r)
{
	static const char *const needed[] = {
		"name", "metric", "unit", "baseline", "baseline_date", "target",
		"target_date", NULL
	};
	json_t *body = body_object(r), *after;
	struct strbuf err = STRBUF_INIT;
	struct benefit b;
	int rc;

	if (!body)
		return -1;
	benefit_init(&b);
	b.project = r->project.id;
	for (size_t i = 0; needed[i]; i++)
		if (!json_object_get(body, needed[i]))
			sb_addf(problem(&err), "%s: required", needed[i]);
	apply(body, benefit_fields, NULL, "a benefit", set_benefit, &b, &err);
	if (!err.len)
		benefit_check(&b, &err);
	if (err.len) {
		rc = web_fail(r, 422, "bad_field", "%s", err.buf);
		goto out;
	}
	rc = store_benefit_add(r->st, &b);
	if (rc == STORE_CONFLICT) {
		rc = web_fail(r, 409, "conflict", "name: the project has a "
			      "benefit '%s' already", b.name);
		goto out;
	}
	if (rc) {
		rc = web_store_fail(r);
		goto out;
	}
	after = benefit_detail_json(&b, NULL, 0);
	rc = audit(r, "add", "benefit", b.id, after);
	if (!rc) {
		location(r, "benefits", b.id);
		rc = web_json(r, 201, json_incref(after));
	}
	json_decref(after);
out:
	sb_release(&err);
	store_benefit_release(&b);
	return rc;
}

int api_benefit_measure(struct req *r)
{
	static const char *const keys[] = { "date", "value", "note", NULL };
	json_t *body = body_object(r), *after;
	struct strbuf err = STRBUF_INIT, why = STRBUF_INIT;
	struct benefit_measure m = { 0 }, *v;
	const char *text[3] = { NULL, NULL, "" }, *key;
	char buf[3][64];
	struct benefit b;
	int64_t id;
	int32_t day;
	size_t n;
	json_t *x;
	int rc;

	if (!body)
		return -1;
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id) ||
	    store_benefit_get(r->st, r->project.id, web_arg(r, 1), &b))
		return web_not_found(r);
	if (b.id != id) {	/* a name that is a number: not by path */
		store_benefit_release(&b);
		return web_not_found(r);
	}
	json_object_foreach(body, key, x) {
		size_t k;
		for (k = 0; keys[k] && strcmp(keys[k], key); k++)
			;
		if (!keys[k])
			sb_addf(problem(&err), "%s: not a field of a measurement; "
				"use date, value or note", key);
		else
			value_text(key, x, buf[k], &text[k], &err);
	}
	if (!text[0])
		sb_addf(problem(&err), "date: required");
	else if (track_date_parse(text[0], &day, &why))
		sb_addf(problem(&err), "date: %s", why.buf);
	else if (day > track_today())
		sb_addf(problem(&err), "date: '%s' is after today", text[0]);
	sb_reset(&why);
	if (!text[1])
		sb_addf(problem(&err), "value: required");
	else if (money_number("value", text[1], -MONEY_MAX, MONEY_MAX,
			      &m.value, &why))
		sb_adds(problem(&err), why.buf);
	sb_reset(&why);
	if (check_text("note", text[2], MONEY_TEXT_MAX, false, &why))
		sb_adds(problem(&err), why.buf);
	if (err.len) {
		rc = web_fail(r, 422, "bad_field", "%s", err.buf);
		goto out;
	}
	m.benefit = b.id;
	m.measured = (char *)text[0];
	m.note = (char *)text[2];
	if (store_benefit_measures_set(r->st, r->project.id, &m, 1) ||
	    store_benefit_measures(r->st, r->project.id, b.id, &v, &n)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = benefit_detail_json(&b, v, n);
	store_benefit_measures_free(v, n);
	x = benefit_measure_json(&m);
	rc = audit(r, "measure", "benefit", b.id, x);
	json_decref(x);
	if (!rc)
		rc = web_json(r, 201, after);
	else
		json_decref(after);
out:
	sb_release(&err);
	sb_release(&why);
	store_benefit_release(&b);
	return rc;
}

/* --- costs --- */

int api_costs(struct req *r)
{
	json_t *o;

	if (money_costs_json(r->st, r->project.id, &o))
		return web_store_fail(r);
	return web_json(r, 200, o);
}

int api_cost_add(struct req *r)
{
	static const char *const skip[] = { "benefit", NULL };
	json_t *body = body_object(r), *after, *link;
	struct strbuf err = STRBUF_INIT;
	struct cost_item c;
	struct benefit b;
	int rc;

	if (!body)
		return -1;
	cost_item_init(&c);
	for (size_t i = 0; i < 3; i++) {
		const char *need = i == 0 ? "name" : i == 1 ? "category" :
				   "expected";
		if (!json_object_get(body, need))
			sb_addf(problem(&err), "%s: required", need);
	}
	apply(body, cost_item_fields, skip, "a cost item", set_item, &c, &err);
	if (!json_object_get(body, "low"))
		c.low = c.expected;
	if (!json_object_get(body, "high"))
		c.high = c.expected;
	link = json_object_get(body, "benefit");
	if (link && !json_is_null(link)) {
		if (!json_is_string(link) ||
		    store_benefit_get(r->st, r->project.id,
				      json_string_value(link), &b)) {
			sb_addf(problem(&err), "benefit: not a benefit of project "
				"'%s'", r->project.name);
		} else {
			c.benefit = b.id;
			store_benefit_release(&b);
		}
	}
	if (!err.len)
		cost_item_check(&c, &err);
	if (err.len) {
		rc = web_fail(r, 422, "bad_field", "%s", err.buf);
		goto out;
	}
	rc = store_cost_items_add(r->st, r->project.id, &c, 1);
	if (rc == STORE_CONFLICT) {
		rc = web_fail(r, 409, "conflict", "name: the project has a cost "
			      "item '%s' already", c.name);
		goto out;
	}
	if (rc) {
		rc = web_store_fail(r);
		goto out;
	}
	after = cost_item_json(&c, link && json_is_string(link) ?
			       json_string_value(link) : NULL);
	rc = audit(r, "add", "cost", c.id, after);
	if (!rc) {
		location(r, "costs", c.id);
		rc = web_json(r, 201, json_incref(after));
	}
	json_decref(after);
out:
	sb_release(&err);
	store_cost_item_release(&c);
	return rc;
}

int api_breakeven(struct req *r)
{
	const char *kase = web_query(r, "case");
	int k = kase ? money_case_index(kase) : -1, rc;
	struct money_model m;
	struct cost_item *v;
	size_t n;
	json_t *o;

	if (kase && k < 0)
		return web_fail(r, 400, "bad_request", "case: use low, expected "
				"or high");
	rc = money_model_load(r->st, r->project.id, &m, &v, &n);
	if (rc == STORE_NOTFOUND)
		return web_fail(r, 404, "not_found", "the project has no cost "
				"model yet; set its first year and horizon");
	if (rc)
		return web_store_fail(r);
	o = money_model_json(&m);
	for (int i = 0; i < MONEY_NCASES && k >= 0; i++)
		if (i != k)
			json_object_del(json_object_get(o, "cases"),
					money_cases[i]);
	money_model_release(&m);
	store_cost_items_free(v, n);
	return web_json(r, 200, o);
}
