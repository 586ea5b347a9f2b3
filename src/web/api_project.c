/*
 * api_project.c: the JSON API of projects (docs/api.md): the projects one
 * can see, a new project, its assessment and road map (rendered once per
 * revision of the project, see cache.h), stakeholders, survey links,
 * checkpoints and the audit log. The shapes are those of the CLI's
 * --json (docs/json.md); fields are set through the same rules
 * (project_set, stakeholder_set), so a value is checked the same way
 * wherever it comes from.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "auth/auth.h"
#include "cache.h"
#include "kb/kb.h"
#include "lib/html.h"
#include "lib/jsonout.h"
#include "lib/xalloc.h"
#include "api.h"
#include "pages.h"
#include "plan/plan.h"

/* What the cache keeps for a project (cache_key.kind). */
enum { CACHED_ASSESSMENT = 1, CACHED_ROADMAP = 2 };

static const char *const role_names[] = {
	"none", "viewer", "contributor", "lead"
};

/* The fields a body may set, named as project_set and stakeholder_set do. */
static const char *const project_fields[] = {
	"name", "title", "technology", "care-settings", "sites", "staff",
	"settings", "partners", "devices", "adoption", "step", "platforms",
	"dedicated-staff", "notes", "anonymity", NULL
};
static const char *const stakeholder_fields[] = {
	"name", "group", "organisation", "power", "interest", "attitude", NULL
};

/* --- answering --- */

/* Answer JSON text rendered before (with its newline). Returns 0. */
static int send_text(struct req *r, int status, const char *s, size_t len)
{
	sb_reset(&r->out);
	sb_add(&r->out, s, len);
	r->status = status;
	r->type = "application/json";
	return 0;
}

/* Location: /api/projects/PROJECT[/what[/id]] of something just made. */
void location(struct req *r, const char *project, const char *what,
	      int64_t id)
{
	struct strbuf url = STRBUF_INIT;

	sb_adds(&url, "/api/projects/");
	html_url(&url, project);
	if (what)
		sb_addf(&url, "/%s/%" PRId64, what, id);
	web_header(r, "Location", url.buf);
	sb_release(&url);
}

/* --- reading the request --- */

/* The body as a JSON object, or NULL after answering 400. */
json_t *body_object(struct req *r)
{
	if (r->json && json_is_object(r->json))
		return r->json;
	web_fail(r, 400, "bad_request", "send a JSON object as the body, "
		 "with Content-Type: application/json");
	return NULL;
}

/*
 * Query parameter name as a whole number in [lo, hi], or def when it is
 * absent. Returns 0, or -1 after answering 400 (the value is not echoed:
 * a query need not be UTF-8).
 */
int query_int(struct req *r, const char *name, int64_t lo, int64_t hi,
	      int64_t def, int64_t *v)
{
	const char *s = web_query(r, name);

	*v = def;
	if (!s || !web_int(s, lo, hi, v))
		return 0;
	return web_fail(r, 400, "bad_request", "%s: expected a whole number "
			"from %" PRId64 " to %" PRId64, name, lo, hi);
}

int api_version(struct req *r, int64_t *version)
{
	json_t *v = r->json && json_is_object(r->json) ?
		    json_object_get(r->json, "version") : NULL;
	int64_t h = 0, b = 0;

	if (r->if_match && strcmp(r->if_match, "*")) {
		const char *s = r->if_match;
		char *t;
		size_t n;
		int bad;

		if (!strncmp(s, "W/", 2))
			s += 2;
		n = strlen(s);
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			s++;
			n -= 2;
		}
		t = xstrndup(s, n);
		bad = web_int(t, 1, INT64_MAX, &h);
		free(t);
		if (bad)
			return web_fail(r, 400, "bad_request", "If-Match: "
					"expected the version read, as in "
					"If-Match: \"3\"");
	}
	if (v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return web_fail(r, 400, "bad_request", "version: "
					"expected the version read, a whole "
					"number of 1 or more");
		b = json_integer_value(v);
		json_object_del(r->json, "version");
	}
	if (h && b && h != b)
		return web_fail(r, 400, "bad_request", "If-Match and version "
				"name different versions; send one");
	if (h || b)
		*version = h ? h : b;
	return 0;
}

void api_etag(struct req *r, int64_t version)
{
	char tag[32];

	snprintf(tag, sizeof(tag), "\"%" PRId64 "\"", version);
	web_header(r, "ETag", tag);
}

int api_stale(struct req *r, json_t *current)
{
	/* the error as every other API error has it, and the stored record */
	json_t *o = json_pack("{s:{s:s, s:s}, s:O}", "error", "code", "stale",
			      "message", "the record changed since it was "
			      "read; nothing was saved; see current for the "
			      "stored record", "current", current);

	api_etag(r, json_integer_value(json_object_get(current, "version")));
	web_json(r, 409, o);
	return -1;
}

int api_updated(struct req *r, int rc, const char *kind, int64_t id,
		int64_t version, json_t *before, json_t *after)
{
	struct strbuf entity = STRBUF_INIT;

	if (rc == STORE_STALE) {
		rc = api_stale(r, before);
	} else if (rc) {
		rc = rc == STORE_NOTFOUND ? web_not_found(r) : web_store_fail(r);
	} else {
		sb_addf(&entity, "%s:%" PRId64, kind, id);
		rc = web_audit(r, r->project.id, "edit", entity.buf, before,
			       after);
		if (!rc) {
			api_etag(r, version);
			rc = web_json(r, 200, json_incref(after));
		}
	}
	json_decref(after);
	sb_release(&entity);
	return rc;
}

/* Start the next problem in err: problems are separated by "; ". */
struct strbuf *problem(struct strbuf *err)
{
	if (err->len)
		sb_adds(err, "; ");
	return err;
}

static bool one_of(const char *s, const char *const *v)
{
	for (; *v; v++)
		if (!strcmp(s, *v))
			return true;
	return false;
}

static void list_fields(struct strbuf *sb, const char *const *v)
{
	for (size_t i = 0; v[i]; i++)
		sb_addf(sb, "%s%s", i ? (v[i + 1] ? ", " : " or ") : "", v[i]);
}

/*
 * A body's value as the text the field rules take: a string as it is, a
 * number written out, an array of strings (partners) joined by commas.
 * Returns 0, or -1 with the reason (naming field) added to err.
 */
static int value_text(const char *field, json_t *v, struct strbuf *out,
		      struct strbuf *err)
{
	size_t i;
	json_t *x;

	sb_reset(out);
	if (json_is_string(v)) {
		sb_add(out, json_string_value(v), json_string_length(v));
		if (strlen(out->buf) == out->len)
			return 0;
	} else if (json_is_integer(v)) {
		sb_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	} else if (json_is_real(v)) {
		sb_addf(out, "%g", json_real_value(v));
		return 0;
	} else if (json_is_array(v) && !strcmp(field, "partners")) {
		json_array_foreach(v, i, x) {
			if (!json_is_string(x))
				break;
			if (i)
				sb_addch(out, ',');
			sb_adds(out, json_string_value(x));
		}
		if (i == json_array_size(v))
			return 0;
	}
	sb_addf(problem(err), "%s: expected %s", field,
		!strcmp(field, "partners") ? "a list of strings" :
		"a string or a number");
	return -1;
}

static int set_project(void *p, const char *field, const char *value,
		       struct strbuf *err)
{
	return project_set(p, field, value, err);
}

static int set_stakeholder(void *s, const char *field, const char *value,
			   struct strbuf *err)
{
	return stakeholder_set(s, field, value, err);
}

/*
 * Set every key of body on obj through set. Keys are the field names of
 * the rules; '_' may stand for '-' (as the JSON output writes them). Each
 * bad or unknown key is described in err by name. Returns the number of
 * problems.
 */
size_t apply_fields(json_t *body, const char *const *fields,
		    const char *what, field_fn set, void *obj,
		    struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
	const char *key;
	json_t *v;
	size_t bad = 0;

	json_object_foreach(body, key, v) {
		char name[32];
		size_t n = strlen(key);

		for (size_t i = 0; i < n && i < sizeof(name) - 1; i++)
			name[i] = key[i] == '_' ? '-' : key[i];
		name[n < sizeof(name) - 1 ? n : sizeof(name) - 1] = '\0';
		if (n >= sizeof(name) || !one_of(name, fields)) {
			sb_addf(problem(err), "%s: not a field of %s; use ",
				key, what);
			list_fields(err, fields);
			bad++;
			continue;
		}
		if (value_text(key, v, &text, err)) {
			bad++;
			continue;
		}
		sb_reset(&why);
		if (set(obj, name, text.buf, &why)) {
			sb_adds(problem(err), why.buf);
			bad++;
		}
	}
	sb_release(&text);
	sb_release(&why);
	return bad;
}

/* Fail 422 bad_field with the problems in err; releases err. */
int bad_fields(struct req *r, struct strbuf *err)
{
	web_fail(r, 422, "bad_field", "%s", err->buf);
	sb_release(err);
	return -1;
}

/* --- projects --- */

static json_t *groups_json(const struct group *g, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "id", g[i].id,
						   "title", g[i].title));
	return a;
}

/* Answer p as 'project show --json' has it, with the user's role. */
static int project_answer(struct req *r, const struct project *p,
			  enum role role, int status)
{
	struct group *g;
	struct stakeholder *s;
	size_t ng, ns;
	json_t *j;
	char *org;

	if (store_project_org_name(r->st, p->id, &org))
		return web_store_fail(r);
	if (store_groups(r->st, p->id, &g, &ng)) {
		free(org);
		return web_store_fail(r);
	}
	if (store_stakeholder_list(r->st, p->id, &s, &ns)) {
		store_groups_free(g, ng);
		free(org);
		return web_store_fail(r);
	}
	j = project_json(p);
	json_object_set_new(j, "groups", groups_json(g, ng));
	json_object_set_new(j, "stakeholders", json_integer((json_int_t)ns));
	json_object_set_new(j, "organisation", org ? json_string(org) :
			    json_null());
	free(org);
	json_object_set_new(j, "role", json_string(role_names[role]));
	store_groups_free(g, ng);
	store_stakeholders_free(s, ns);
	return web_json(r, status, j);
}

int api_projects(struct req *r)
{
	struct project *v;
	enum role *roles;
	size_t n;
	json_t *a = json_array();

	if (store_project_list_for(r->st, r->user.id, &v, &roles,
				   &n)) {
		json_decref(a);
		return web_store_fail(r);
	}
	for (size_t i = 0; i < n; i++) {
		json_t *p = project_json(&v[i]);
		json_object_set_new(p, "role",
				    json_string(role_names[roles[i]]));
		json_array_append_new(a, p);
	}
	store_projects_free(v, n);
	free(roles);
	return web_json(r, 200, a);
}

int api_project(struct req *r)
{
	api_etag(r, r->project.version);
	return project_answer(r, &r->project, r->role, 200);
}

int api_project_create(struct req *r)
{
	json_t *body = body_object(r), *name, *after;
	struct strbuf err = STRBUF_INIT, entity = STRBUF_INIT;
	struct project p;
	int rc;

	if (!body)
		return -1;
	name = json_object_get(body, "name");
	/* as 'project new NAME': the title is the name until one is given */
	project_init(&p, json_is_string(name) ? json_string_value(name) : "");
	if (!name)
		sb_adds(&err, "name: required: a short name such as "
			"'ward-app'");
	if (apply_fields(body, project_fields, "a project", set_project, &p,
			 &err) || err.len) {
		project_release(&p);
		return bad_fields(r, &err);
	}
	rc = store_project_add_by(r->st, &p, r->user.id);
	if (rc == STORE_CONFLICT) {
		rc = web_fail(r, 409, "conflict", "name: a project named '%s' "
			      "exists already; choose another", p.name);
		goto out;
	}
	if (rc) {
		rc = web_store_fail(r);
		goto out;
	}
	after = project_json(&p);
	sb_addf(&entity, "project:%s", p.name);
	rc = web_audit(r, p.id, "create", entity.buf, NULL, after);
	json_decref(after);
	if (rc)
		goto out;
	rc = project_answer(r, &p, ROLE_LEAD, 201);
	if (!rc)
		location(r, p.name, NULL, 0);
out:
	sb_release(&entity);
	project_release(&p);
	return rc;
}

/* --- the assessment and the road map, cached per revision --- */

typedef int (*render_fn)(struct req *r, int64_t round, json_t **out);

static int no_round(struct req *r, int64_t round)
{
	return web_fail(r, 404, "not_found", "project '%s' has no responses "
			"in round %" PRId64, r->project.name, round);
}

static int render_assessment(struct req *r, int64_t round, json_t **out)
{
	struct assessment a;
	int rc = assessment_load(r->kb, r->st, &r->project, round, &a);

	if (rc == STORE_NOTFOUND)
		return no_round(r, round);
	if (rc)
		return web_store_fail(r);
	*out = assessment_json(&a);
	assessment_release(&a);
	return 0;
}

static int render_roadmap(struct req *r, int64_t round, json_t **out)
{
	struct assessment a;
	struct plan pl;
	struct rollout ro;
	int rc = plan_load(r->kb, r->st, &r->project, round, &a, &pl);

	if (rc == STORE_NOTFOUND)
		return no_round(r, round);
	if (rc)
		return web_store_fail(r);
	rollout_advise(&r->project, &a, &ro);
	*out = plan_document_json(r->kb, &r->project, &a, &pl, &ro);
	plan_release(&pl);
	assessment_release(&a);
	return 0;
}

/*
 * Answer what render makes for ?round=N (default the latest) from this
 * thread's cache when the project has not changed since it was made;
 * otherwise render it and keep it. A hit costs one read of the revision
 * and one copy.
 */
static int cached(struct req *r, unsigned kind, render_fn render)
{
	struct cache_key k = { kind, r->project.id,
			       cache_hash(r->project.created), 0, 0 };
	const char *s;
	size_t len;
	json_t *v = NULL;
	char *text;

	if (query_int(r, "round", 1, 1000, 0, &k.round))
		return -1;
	if (store_project_revision(r->st, r->project.id, &k.revision))
		return web_store_fail(r);
	s = cache_get(&k, &len);
	if (s)
		return send_text(r, 200, s, len);
	if (render(r, k.round, &v))
		return -1;
	text = v ? json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII |
			      JSON_OUT_REAL) : NULL;
	json_decref(v);
	if (!text)
		return web_fail(r, 500, "internal", "the answer could not be "
				"written as JSON");
	send_text(r, 200, text, strlen(text));
	sb_addch(&r->out, '\n');
	free(text);
	cache_put(&k, r->out.buf, r->out.len);
	return 0;
}

int api_assessment(struct req *r)
{
	return cached(r, CACHED_ASSESSMENT, render_assessment);
}

int api_roadmap(struct req *r)
{
	return cached(r, CACHED_ROADMAP, render_roadmap);
}

/* --- stakeholders --- */

int api_stakeholders(struct req *r)
{
	struct stakeholder *v;
	size_t n;
	json_t *a;

	if (store_stakeholder_list(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, stakeholder_json(&v[i]));
	store_stakeholders_free(v, n);
	return web_json(r, 200, a);
}

/*
 * Add the reason to err if grp is not one of the project's groups.
 * Returns -1 (answered) if the store failed, else 0.
 */
static int check_group(struct req *r, const char *grp, struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	int rc = project_check_group(r->st, &r->project, grp, &why);

	if (rc == 1)
		sb_adds(problem(err), why.buf);
	sb_release(&why);
	return rc < 0 ? web_store_fail(r) : 0;
}

int api_stakeholder_add(struct req *r)
{
	json_t *body = body_object(r), *after;
	struct strbuf err = STRBUF_INIT, entity = STRBUF_INIT;
	struct stakeholder s;
	int rc = -1;

	if (!body)
		return -1;
	stakeholder_init(&s);
	s.project_id = r->project.id;
	if (!json_object_get(body, "name"))
		sb_adds(problem(&err), "name: required: a name or role");
	if (!json_object_get(body, "group"))
		sb_adds(problem(&err), "group: required: one of the project's "
			"groups");
	apply_fields(body, stakeholder_fields, "a stakeholder",
		     set_stakeholder, &s, &err);
	if (*s.grp && check_group(r, s.grp, &err))
		goto out;
	if (err.len) {
		rc = bad_fields(r, &err);
		goto out;
	}
	if (store_stakeholder_add(r->st, &s)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = stakeholder_json(&s);
	sb_addf(&entity, "stakeholder:%" PRId64, s.id);
	rc = web_audit(r, r->project.id, "add", entity.buf, NULL, after);
	if (!rc) {
		location(r, r->project.name, "stakeholders", s.id);
		rc = web_json(r, 201, json_incref(after));
	}
	json_decref(after);
out:
	sb_release(&err);
	sb_release(&entity);
	stakeholder_release(&s);
	return rc;
}

/* The stakeholder named by the path; -1 after answering 404 or 500. */
static int stakeholder_from_path(struct req *r, struct stakeholder *s)
{
	int64_t id;
	int rc;

	memset(s, 0, sizeof(*s));
	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_stakeholder_get(r->st, r->project.id, id, s);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	return rc ? web_store_fail(r) : 0;
}

int api_stakeholder(struct req *r)
{
	struct stakeholder s;

	if (stakeholder_from_path(r, &s))
		return -1;
	api_etag(r, s.version);
	web_json(r, 200, stakeholder_json(&s));
	stakeholder_release(&s);
	return 0;
}

/* PUT and PATCH: the fields given change, the others stay. */
int api_stakeholder_update(struct req *r)
{
	json_t *body = body_object(r), *before = NULL;
	struct strbuf err = STRBUF_INIT;
	struct stakeholder s;
	int rc = -1;

	if (!body || stakeholder_from_path(r, &s))
		return -1;
	before = stakeholder_json(&s);
	if (api_version(r, &s.version))
		goto out;
	apply_fields(body, stakeholder_fields, "a stakeholder",
		     set_stakeholder, &s, &err);
	if (*s.grp && check_group(r, s.grp, &err))
		goto out;
	if (err.len) {
		rc = bad_fields(r, &err);
		goto out;
	}
	rc = store_stakeholder_update(r->st, &s);
	rc = api_updated(r, rc, "stakeholder", s.id, s.version, before,
			 rc ? NULL : stakeholder_json(&s));
out:
	json_decref(before);
	sb_release(&err);
	stakeholder_release(&s);
	return rc;
}

int api_stakeholder_delete(struct req *r)
{
	struct stakeholder s;
	struct strbuf entity = STRBUF_INIT;
	json_t *before;
	int64_t id;
	int rc;

	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	rc = store_stakeholder_get(r->st, r->project.id, id, &s);
	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	if (rc)
		return web_store_fail(r);
	before = stakeholder_json(&s);
	stakeholder_release(&s);
	rc = store_stakeholder_delete(r->st, r->project.id, id);
	if (rc == STORE_NOTFOUND)
		rc = web_not_found(r);
	else if (rc)
		rc = web_store_fail(r);
	if (!rc) {
		sb_addf(&entity, "stakeholder:%" PRId64, id);
		rc = web_audit(r, r->project.id, "delete", entity.buf, before,
			       NULL);
	}
	json_decref(before);
	sb_release(&entity);
	if (rc)
		return rc;
	sb_reset(&r->out);
	r->status = 204;
	r->type = "application/json";
	return 0;
}

/* --- survey links --- */

/*
 * A link as JSON. The token (and the address built from it) is shown
 * only when with_token: the audit log never keeps it.
 */
static json_t *link_json(const struct req *r, const struct survey_link *l,
			 bool with_token)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(l->id));
	if (with_token) {
		struct strbuf url = STRBUF_INIT;
		const char *base = r->cfg && r->cfg->public_url ?
				   r->cfg->public_url : "";
		size_t n = strlen(base);

		sb_add(&url, base, n && base[n - 1] == '/' ? n - 1 : n);
		sb_adds(&url, "/s/");
		sb_adds(&url, l->token);
		json_object_set_new(o, "token", json_string(l->token));
		json_object_set_new(o, "url", json_string(url.buf));
		sb_release(&url);
	}
	json_object_set_new(o, "stakeholder", l->stakeholder ?
			    json_integer(l->stakeholder) : json_null());
	json_object_set_new(o, "group", l->grp ? json_string(l->grp)
					      : json_null());
	json_object_set_new(o, "round", json_integer(l->round));
	json_object_set_new(o, "label", json_string(l->label ? l->label : ""));
	json_object_set_new(o, "created", json_string(l->created ? l->created
								 : ""));
	json_object_set_new(o, "used_on", l->used_on ? json_string(l->used_on)
						     : json_null());
	json_object_set_new(o, "revoked", json_boolean(l->revoked));
	json_object_set_new(o, "responses", json_integer(l->responses));
	return o;
}

int api_links(struct req *r)
{
	struct survey_link *v;
	size_t n;
	json_t *a;

	if (store_links(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, link_json(r, &v[i], true));
	store_links_free(v, n);
	return web_json(r, 200, a);
}

/* A link's round unless the body says: the latest with responses, else 1. */
static int latest_round(struct req *r, int64_t *round)
{
	int64_t *rounds, *counts;
	size_t n;

	*round = 1;
	if (store_rounds(r->st, r->project.id, &rounds, &counts, &n))
		return web_store_fail(r);
	if (n)
		*round = rounds[n - 1];
	free(rounds);
	free(counts);
	return 0;
}

struct link_body {
	int64_t stakeholder, round;
	const char *grp, *label;
};

/* Read a link's fields from body; each problem is described in err. */
static void link_fields(json_t *body, struct link_body *b, struct strbuf *err)
{
	static const char *const fields[] = {
		"stakeholder", "group", "round", "label", NULL
	};
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v) {
		if (!one_of(key, fields)) {
			sb_addf(problem(err), "%s: not a field of a survey "
				"link; use ", key);
			list_fields(err, fields);
		} else if (json_is_null(v)) {
			continue;
		} else if (!strcmp(key, "stakeholder")) {
			if (json_is_integer(v) && json_integer_value(v) > 0)
				b->stakeholder = json_integer_value(v);
			else
				sb_adds(problem(err), "stakeholder: expected "
					"the id of one of the project's "
					"stakeholders");
		} else if (!strcmp(key, "group")) {
			if (json_is_string(v))
				b->grp = json_string_value(v);
			else
				sb_adds(problem(err), "group: expected the id "
					"of one of the project's groups");
		} else if (!strcmp(key, "round")) {
			if (json_is_integer(v) && json_integer_value(v) >= 1 &&
			    json_integer_value(v) <= 1000)
				b->round = json_integer_value(v);
			else
				sb_adds(problem(err), "round: expected a whole "
					"number from 1 to 1000");
		} else if (!json_is_string(v)) {
			sb_adds(problem(err), "label: expected a string");
		} else {
			struct strbuf why = STRBUF_INIT;
			if (check_text("label", json_string_value(v), 200,
				       false, &why))
				sb_adds(problem(err), why.buf);
			else
				b->label = json_string_value(v);
			sb_release(&why);
		}
	}
}

int api_link_add(struct req *r)
{
	json_t *body = body_object(r), *after;
	struct link_body b = { 0, 0, NULL, "" };
	struct strbuf err = STRBUF_INIT, entity = STRBUF_INIT;
	struct stakeholder s = { 0 };
	struct survey_link l = { 0 };
	int rc = -1;

	if (!body)
		return -1;
	link_fields(body, &b, &err);
	if (b.stakeholder) {
		rc = store_stakeholder_get(r->st, r->project.id, b.stakeholder,
					   &s);
		if (rc == STORE_NOTFOUND)
			sb_addf(problem(&err), "stakeholder: project '%s' has "
				"no stakeholder %" PRId64, r->project.name,
				b.stakeholder);
		else if (rc) {
			rc = web_store_fail(r);
			goto out;
		} else if (!b.grp) {
			/* a stakeholder's answers count for their group */
			b.grp = s.grp;
		}
	}
	rc = -1;
	if (b.grp && check_group(r, b.grp, &err))
		goto out;
	if (err.len) {
		rc = bad_fields(r, &err);
		goto out;
	}
	if (!b.round && latest_round(r, &b.round))
		goto out;
	if (auth_link_add(r->st, r->project.id, b.stakeholder, b.grp, b.round,
			  b.label, &l)) {
		rc = web_store_fail(r);
		goto out;
	}
	after = link_json(r, &l, false);
	sb_addf(&entity, "link:%" PRId64, l.id);
	rc = web_audit(r, r->project.id, "add", entity.buf, NULL, after);
	json_decref(after);
	if (!rc)
		rc = web_json(r, 201, link_json(r, &l, true));
out:
	if (s.name)
		stakeholder_release(&s);
	if (l.token)
		store_link_release(&l);
	sb_release(&err);
	sb_release(&entity);
	return rc;
}

/* --- checkpoints --- */

/* A checkpoint's state, as 'waymark gate --json' lists it. */
static json_t *checkpoint_json(const struct kb_element *e,
			       const struct checkpoint_done *d)
{
	return json_pack("{s:s, s:s, s:b, s:s?, s:s?, s:s?}", "id", e->id.s,
			 "title", e->title.s, "done", d != NULL,
			 "by", d ? d->by : NULL, "at", d ? d->at : NULL,
			 "note", d ? d->note : NULL);
}

/* The checkpoint's state now, as JSON in *out. */
static int checkpoint_now(struct req *r, const struct kb_element *e,
			  json_t **out)
{
	struct checkpoint_done *v;
	const struct checkpoint_done *d = NULL;
	size_t n;

	if (store_checkpoints(r->st, r->project.id, &v, &n))
		return web_store_fail(r);
	for (size_t i = 0; i < n && !d; i++)
		if (!strcmp(v[i].checkpoint, e->id.s))
			d = &v[i];
	*out = checkpoint_json(e, d);
	store_checkpoints_free(v, n);
	return 0;
}

/* Read {"done": bool, "note": "..."}; problems are described in err. */
static void checkpoint_fields(json_t *body, bool *done, const char **note,
			      struct strbuf *err)
{
	json_t *v;
	const char *key;

	if (!json_is_boolean(json_object_get(body, "done")))
		sb_adds(problem(err), "done: required: true or false");
	json_object_foreach(body, key, v) {
		if (!strcmp(key, "done")) {
			*done = json_is_true(v);
		} else if (strcmp(key, "note")) {
			sb_addf(problem(err), "%s: not a field of a "
				"checkpoint; use done or note", key);
		} else if (!json_is_string(v)) {
			sb_adds(problem(err), "note: expected a string");
		} else {
			struct strbuf why = STRBUF_INIT;
			if (check_text("note", json_string_value(v), 2000,
				       false, &why))
				sb_adds(problem(err), why.buf);
			*note = json_string_value(v);
			sb_release(&why);
		}
	}
}

int api_checkpoint_set(struct req *r)
{
	const struct kb_element *e = kb_element(r->kb, web_arg(r, 1));
	json_t *body, *before = NULL, *after = NULL;
	struct strbuf err = STRBUF_INIT, entity = STRBUF_INIT;
	const char *note = NULL, *by;
	bool done = false;
	int rc;

	if (!e || strcmp(e->kind.s, "checkpoint"))
		return web_fail(r, 404, "not_found", "no checkpoint with this "
				"id in the evidence base; the road map's "
				"actions name theirs");
	if (!(body = body_object(r)))
		return -1;
	checkpoint_fields(body, &done, &note, &err);
	if (err.len)
		return bad_fields(r, &err);
	if (checkpoint_now(r, e, &before))
		return -1;
	by = r->user.display && *r->user.display ? r->user.display
						  : r->user.name;
	rc = store_checkpoint_set(r->st, r->project.id, e->id.s,
				  done ? by : NULL, note);
	if (rc == STORE_NOTFOUND) {
		/* it was not done: nothing changes */
		rc = 0;
		after = json_incref(before);
	} else if (rc) {
		rc = web_store_fail(r);
	} else if (!(rc = checkpoint_now(r, e, &after))) {
		sb_addf(&entity, "checkpoint:%s", e->id.s);
		rc = web_audit(r, r->project.id, done ? "done" : "undo",
			       entity.buf, before, after);
	}
	if (!rc)
		rc = web_json(r, 200, json_incref(after));
	json_decref(before);
	json_decref(after);
	sb_release(&entity);
	return rc;
}

/* --- the audit log --- */

/* Kept JSON text as JSON again (text that does not parse stays text). */
static json_t *kept_json(const char *text)
{
	json_t *v;

	if (!text)
		return json_null();
	v = json_loads(text, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(text);
}

/* One entry of the audit log. */
static json_t *entry_json(const struct audit_entry *e)
{
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
			 "id", (json_int_t)e->id, "at", e->at, "who", e->who,
			 "action", e->action, "entity", e->entity,
			 "before", kept_json(e->before),
			 "after", kept_json(e->after));
}

int api_audit(struct req *r)
{
	struct audit_entry *v;
	size_t n;
	int64_t below, limit;
	json_t *a, *page;

	if (query_int(r, "below", 0, INT64_MAX, 0, &below) ||
	    query_int(r, "limit", 1, 500, 50, &limit))
		return -1;
	if (store_audit_list(r->st, r->project.id, below, (size_t)limit, &v,
			     &n))
		return web_store_fail(r);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, entry_json(&v[i]));
	page = json_pack("{s:o, s:o}", "entries", a, "next",
			 n == (size_t)limit && n ? json_integer(v[n - 1].id)
			 : json_null());
	store_audit_free(v, n);
	return web_json(r, 200, page);
}
