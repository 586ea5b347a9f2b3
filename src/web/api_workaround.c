/*
 * api_workaround.c: the JSON API of the workaround and mismatch log
 * (docs/api.md): the entries with the filters of 'waymark workaround
 * list', the fix-first list, adding, changing and removing an entry.
 * Shapes as the CLI's --json (docs/json.md); fields go through
 * workaround_set, so a value is checked as everywhere else.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "track/track.h"
#include "track/workaround.h"

static const char *const fields[] = {
	"description", "harm", "frequency", "observed", "reporter", "kind",
	"setting", "status", NULL
};

static int set_field(void *w, const char *field, const char *value,
		     struct strbuf *err)
{
	return workaround_set(w, field, value, err);
}

/* The filter of the query (kind, status, setting, min_risk); -1 answered. */
static int query_filter(struct req *r, struct workaround_filter *f)
{
	struct strbuf err = STRBUF_INIT;
	int64_t min;

	if (query_int(r, "min_risk", 1, WA_LEVELS, 0, &min))
		return -1;
	*f = (struct workaround_filter){
		web_query(r, "kind"), web_query(r, "status"),
		web_query(r, "setting"), min
	};
	if (workaround_filter_check(f, &err)) {
		web_fail(r, 400, "bad_request", "%s", err.buf);
		sb_release(&err);
		return -1;
	}
	return 0;
}

int api_workarounds(struct req *r)
{
	struct workaround_filter f;
	struct workaround *v;
	size_t n;
	json_t *a;

	if (query_filter(r, &f))
		return -1;
	if (store_workarounds(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		if (workaround_matches(&v[i], &f))
			json_array_append_new(a, workaround_json(&v[i]));
	store_workarounds_free(v, n);
	return web_json(r, 200, a);
}

int api_workarounds_fix_first(struct req *r)
{
	struct workaround *v;
	size_t n, m, *order;
	json_t *a;

	if (store_workarounds(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	order = xcalloc(n + 1, sizeof(*order));
	m = workaround_fix_first(v, n, order);
	a = json_array();
	for (size_t k = 0; k < m; k++) {
		json_t *e = workaround_json(&v[order[k]]);
		json_object_set_new(e, "rank", json_integer((json_int_t)k + 1));
		json_array_append_new(a, e);
	}
	free(order);
	store_workarounds_free(v, n);
	return web_json(r, 200, a);
}

/*
 * Set w from the body, check what a new entry needs (is_new), and find
 * its setting. Returns 0; -1 answered (422 with every problem, or 500).
 */
static int from_body(struct req *r, struct workaround *w, bool is_new)
{
	struct strbuf err = STRBUF_INIT;
	json_t *body = body_object(r);
	int rc;

	if (!body)
		return -1;
	apply_fields(body, fields, "a workaround", set_field, w, &err);
	if (is_new && !err.len)
		workaround_missing(w, &err);
	if (!err.len) {
		struct strbuf why = STRBUF_INIT;
		rc = workaround_resolve(r->st, w, &why);
		if (rc > 0)
			sb_adds(problem(&err), why.buf);
		sb_release(&why);
		if (rc < 0) {
			sb_release(&err);
			return web_store_fail(r);
		}
	}
	if (err.len)
		return bad_fields(r, &err);
	sb_release(&err);
	return 0;
}

int api_workaround_add(struct req *r)
{
	struct strbuf entity = STRBUF_INIT;
	struct workaround w;
	char today[11];
	json_t *after;
	int rc;

	workaround_init(&w);
	w.project = r->project.id;
	track_date_format(track_today(), today);
	workaround_set(&w, "observed", today, &entity);
	workaround_set(&w, "reporter", r->user.display && *r->user.display ?
		       r->user.display : r->user.name, &entity);
	sb_reset(&entity);
	if ((rc = from_body(r, &w, true)))
		goto out;
	if (store_workaround_add(r->st, &w)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = workaround_json(&w);
	sb_addf(&entity, "workaround:%" PRId64, w.id);
	rc = web_audit(r, r->project.id, "add", entity.buf, NULL, after);
	if (!rc) {
		location(r, r->project.name, "workarounds", w.id);
		rc = web_json(r, 201, json_incref(after));
	}
	json_decref(after);
out:
	sb_release(&entity);
	store_workaround_release(&w);
	return rc;
}

int workaround_from_path(struct req *r, struct workaround *w)
{
	int64_t id;
	int rc;

	memset(w, 0, sizeof(*w));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_workaround_get(r->st, r->project.id, id, w);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

int api_workaround_update(struct req *r)
{
	struct workaround w;
	json_t *before = NULL;
	int rc = workaround_from_path(r, &w);

	if (rc)
		goto out;
	before = workaround_json(&w);
	if ((rc = api_version(r, &w.version)) ||
	    (rc = from_body(r, &w, false)))
		goto out;
	rc = store_workaround_update(r->st, &w);
	rc = api_updated(r, rc, "workaround", w.id, w.version, before,
			 rc ? NULL : workaround_json(&w));
out:
	json_decref(before);
	store_workaround_release(&w);
	return rc;
}

int api_workaround_delete(struct req *r)
{
	struct strbuf entity = STRBUF_INIT;
	struct workaround w;
	json_t *before;
	int rc = workaround_from_path(r, &w);

	if (rc)
		return rc;
	before = workaround_json(&w);
	rc = store_workaround_delete(r->st, r->project.id, w.id);
	if (rc == STORE_NOTFOUND)
		rc = web_not_found(r);
	else if (rc)
		rc = web_store_fail(r);
	if (!rc) {
		sb_addf(&entity, "workaround:%" PRId64, w.id);
		rc = web_audit(r, r->project.id, "delete", entity.buf, before,
			       NULL);
	}
	json_decref(before);
	sb_release(&entity);
	store_workaround_release(&w);
	if (rc)
		return rc;
	sb_reset(&r->out);
	r->status = 204;
	r->type = "application/json";
	return 0;
}
