/*
 * api_log.c: the barrier and enabler log in the JSON API: list, add,
 * change and delete entries (docs/api.md).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "api.h"
#include "pages.h"
#include "track/log.h"
#include "track/track.h"

static int field_index(const char *key)
{
	for (int i = 0; i < LOG_NFIELDS; i++)
		if (!strcmp(log_fields[i], key))
			return i;
	return -1;
}

/*
 * The text the field rules take for body value v of field f: a string as
 * it is, a whole number written out, null as "" (no setting, no ids),
 * and for the id lists an array of strings joined by spaces. Returns 0,
 * or -1 with the reason in err.
 */
static int value_text(int f, json_t *v, struct strbuf *out, struct strbuf *err)
{
	bool list = f == LOG_DETERMINANTS || f == LOG_ACTIONS;
	size_t i;
	json_t *x;

	if (json_is_string(v) && strlen(json_string_value(v)) ==
	    json_string_length(v)) {
		sb_adds(out, json_string_value(v));
		return 0;
	}
	if (json_is_integer(v)) {
		sb_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	}
	if (json_is_null(v) && (list || f == LOG_SETTING))
		return 0;
	if (json_is_array(v) && list) {
		json_array_foreach(v, i, x) {
			if (!json_is_string(x))
				break;
			sb_addf(out, "%s%s", i ? " " : "", json_string_value(x));
		}
		if (i == json_array_size(v))
			return 0;
	}
	sb_addf(err, "%s: expected %s", log_fields[f], list ?
		"a list of ids" : "a string or a number");
	return -1;
}

/*
 * Apply the body's fields to o (new: date defaults to today). Returns 0;
 * -1 after answering (400, 422 or 500).
 */
static int apply_body(struct req *r, struct observation *o, bool is_new)
{
	struct strbuf text[LOG_NFIELDS], err = STRBUF_INIT;
	const char *values[LOG_NFIELDS] = { NULL };
	char today[11];
	const char *key;
	json_t *v;
	int rc = 0;

	if (!r->json || !json_is_object(r->json))
		return web_fail(r, 400, "bad_request", "send a JSON object as the "
				"body, with Content-Type: application/json");
	for (size_t i = 0; i < LOG_NFIELDS; i++)
		sb_init(&text[i]);
	json_object_foreach(r->json, key, v) {
		int f = field_index(key);
		if (f < 0) {
			sb_addf(&err, "%s: not a field of a log entry; use date, "
				"reporter, text, kind, severity, status, setting, "
				"determinants or actions", key);
			break;
		}
		if (value_text(f, v, &text[f], &err))
			break;
		values[f] = text[f].buf;
	}
	track_date_format(track_today(), today);
	if (is_new && !values[LOG_DATE])
		values[LOG_DATE] = today;
	if (!err.len)
		rc = observation_apply(r->kb, r->st, o, values, track_today(),
				       &err);
	if (rc < 0)
		rc = web_store_fail(r);
	else if (err.len)
		rc = web_fail(r, 422, "bad_field", "%s", err.buf);
	for (size_t i = 0; i < LOG_NFIELDS; i++)
		sb_release(&text[i]);
	sb_release(&err);
	return rc;
}

/* A filter of the query: NULL (any), or one of list; -1 after a 400. */
static int query_filter(struct req *r, const char *name, const char *what,
			const char *const *list, const char **out)
{
	*out = web_query(r, name);
	if (!*out || !**out) {
		*out = NULL;
		return 0;
	}
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], *out))
			return 0;
	return web_fail(r, 400, "bad_request", "%s: not one of the log's %s",
			name, what);
}

int api_log(struct req *r)
{
	const char *status, *kind;
	struct observation *v;
	size_t n;
	json_t *a;

	if (query_filter(r, "status", "statuses", log_statuses, &status) ||
	    query_filter(r, "kind", "kinds", log_kinds, &kind))
		return -1;
	if (store_observations(r->st, r->project.id, status, kind, &v, &n))
		return web_store_fail(r);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, observation_json(&v[i]));
	store_observations_free(v, n);
	return web_json(r, 200, a);
}

int api_log_add(struct req *r)
{
	struct observation o;
	struct strbuf url = STRBUF_INIT;
	json_t *after;
	int rc;

	observation_init(&o);
	o.project = r->project.id;
	if ((rc = apply_body(r, &o, true)))
		goto out;
	if (store_observation_add(r->st, &o)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = observation_json(&o);
	rc = log_entry_audit(r, "add", o.id, NULL, after);
	if (!rc) {
		sb_adds(&url, "/api/projects/");
		html_url(&url, r->project.name);
		sb_addf(&url, "/log/%" PRId64, o.id);
		web_header(r, "Location", url.buf);
		rc = web_json(r, 201, json_incref(after));
	}
	json_decref(after);
out:
	sb_release(&url);
	store_observation_release(&o);
	return rc;
}

int api_log_update(struct req *r)
{
	struct observation o;
	json_t *before = NULL;
	int rc = log_entry_load(r, &o);

	if (rc)
		goto out;
	before = observation_json(&o);
	if ((rc = api_version(r, &o.version)) ||
	    (rc = apply_body(r, &o, false)))
		goto out;
	rc = store_observation_update(r->st, &o);
	rc = api_updated(r, rc, "observation", o.id, o.version, before,
			 rc ? NULL : observation_json(&o));
out:
	json_decref(before);
	store_observation_release(&o);
	return rc;
}

int api_log_delete(struct req *r)
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
	if (!rc) {
		sb_reset(&r->out);
		r->status = 204;
		r->type = "application/json";
	}
out:
	store_observation_release(&o);
	return rc;
}
