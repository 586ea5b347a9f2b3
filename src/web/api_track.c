/*
 * api_track.c: the JSON API of rollout tracking (docs/api.md): the
 * settings registry, adding a setting, coverage over time, and the day a
 * setting reached a milestone. Shapes as 'waymark setting list --json'
 * and 'waymark coverage --json'; the rules are track.h's.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "pages.h"
#include "rollout.h"

int api_settings(struct req *r)
{
	struct track_data t;
	json_t *a;

	if (track_load(r->st, r->project.id, &t)) {
		track_data_release(&t);
		return web_store_fail(r);
	}
	a = json_array();
	for (size_t i = 0; i < t.n; i++)
		json_array_append_new(a, track_setting_json(&t, i));
	track_data_release(&t);
	return web_json(r, 200, a);
}

/* Fail 422 bad_field with err's text. */
static int bad_field(struct req *r, const struct strbuf *err)
{
	return web_fail(r, 422, "bad_field", "%s", err->buf);
}

/* Set s's fields from the body's keys; problems go to err. */
static void body_fields(json_t *body, struct setting *s, struct strbuf *err)
{
	static const char *const fields[] = { "name", "type", "parent",
					      "it_system", NULL };
	struct strbuf why = STRBUF_INIT;
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v) {
		size_t i;
		for (i = 0; fields[i] && strcmp(fields[i], key); i++)
			;
		sb_reset(&why);
		if (!fields[i])
			sb_addf(&why, "%s: not a field of a setting; use name, "
				"type, parent or it_system", key);
		else if (!json_is_string(v) ||
			 strlen(json_string_value(v)) != json_string_length(v))
			sb_addf(&why, "%s: expected a string", key);
		else
			setting_set(s, key, json_string_value(v), &why);
		if (why.len)
			sb_addf(err, "%s%s", err->len ? "; " : "", why.buf);
	}
	sb_release(&why);
}

int api_setting_add(struct req *r)
{
	struct strbuf err = STRBUF_INIT, url = STRBUF_INIT;
	struct setting s;
	json_t *after;
	int rc;

	if (!r->json || !json_is_object(r->json))
		return web_fail(r, 400, "bad_request", "send a JSON object as "
				"the body, with Content-Type: application/json");
	setting_init(&s);
	s.project = r->project.id;
	body_fields(r->json, &s, &err);
	rc = err.len ? TRACK_BAD : track_setting_add(r->st, &s, &err);
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc) {
		rc = bad_field(r, &err);
	} else {
		char entity[48];
		after = setting_json(&s);
		snprintf(entity, sizeof(entity), "setting:%" PRId64, s.id);
		rc = web_audit(r, r->project.id, "add", entity, NULL, after);
		if (!rc) {
			sb_adds(&url, "/api/projects/");
			html_url(&url, r->project.name);
			sb_addf(&url, "/settings/%" PRId64, s.id);
			web_header(r, "Location", url.buf);
			rc = web_json(r, 201, json_incref(after));
		}
		json_decref(after);
	}
	store_setting_release(&s);
	sb_release(&err);
	sb_release(&url);
	return rc;
}

int api_coverage(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	struct coverage_report rep;
	struct coverage_query q;
	int rc;

	memset(&rep, 0, sizeof(rep));
	if (rollout_query(r, &q))
		return -1;
	rc = coverage_report_make(r->st, &r->project, &q, &rep, &err);
	if (rc == -1)
		rc = web_store_fail(r);
	else if (rc)
		rc = web_fail(r, rc == STORE_NOTFOUND ? 404 : 400, rc ==
			      STORE_NOTFOUND ? "not_found" : "bad_request", "%s",
			      err.buf);
	else
		rc = web_json(r, 200, coverage_json(&r->project, &rep));
	coverage_report_release(&rep);
	sb_release(&err);
	return rc;
}

int api_setting_milestone(struct req *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *before = NULL, *after = NULL, *date;
	struct setting s;
	int64_t id;
	int rc;

	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	if (!r->json || !json_is_object(r->json))
		return web_fail(r, 400, "bad_request", "send a JSON object as "
				"the body, with Content-Type: application/json");
	rc = store_setting_by_id(r->st, r->project.id, id, &s);
	if (rc)
		return rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
	date = json_object_get(r->json, "date");
	if (!json_is_string(date) || json_object_size(r->json) != 1) {
		rc = web_fail(r, 422, "bad_field", "date: send only a date, a "
			      "string written YYYY-MM-DD");
		goto out;
	}
	rc = registry_milestone_set(r, &s, web_arg(r, 2), json_string_value(date),
				    &err, &before, &after);
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (rc && !strncmp(err.buf, "milestone:", 10)) {
		rc = web_fail(r, 404, "not_found", "no milestone with this id in "
			      "the project; see GET .../coverage");
	} else if (rc) {
		rc = web_fail(r, 422, "bad_field", "date: %s", err.buf);
	} else {
		char entity[48];
		snprintf(entity, sizeof(entity), "setting:%" PRId64, s.id);
		rc = web_audit(r, r->project.id, "milestone", entity, before,
			       after);
		if (!rc)
			rc = web_json(r, 200, json_pack(
				"{s:I, s:s, s:s, s:s}", "setting",
				(json_int_t)s.id, "name", s.name, "milestone",
				web_arg(r, 2), "date", json_string_value(date)));
	}
out:
	json_decref(before);
	json_decref(after);
	store_setting_release(&s);
	sb_release(&err);
	return rc;
}
