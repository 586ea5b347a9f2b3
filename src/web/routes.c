/*
 * routes.c: the one route table, and what happens before and after every
 * handler: matching, login, project access, roles, the anti-forgery
 * check, the transaction, and the headers every answer carries.
 */
#include <pthread.h>
#include <string.h>

#include "auth/auth.h"
#include "lib/html.h"
#include "lib/text.h"
#include "pages.h"

#define P R_PROJECT
#define C (R_PROJECT | R_CONTRIB)
#define L (R_PROJECT | R_LEAD)
#define A R_API

const struct route web_routes[] = {
	{ "GET",  "/", page_home, R_PUBLIC },
	{ "GET",  "/static/:file", page_static, R_PUBLIC },
	{ "GET",  "/login", page_login, R_PUBLIC },
	{ "POST", "/login", page_login_post, R_PUBLIC | R_NOCSRF },
	{ "POST", "/logout", page_logout, 0 },
	{ "GET",  "/projects", page_projects, 0 },
	{ "GET",  "/projects/new", page_project_new, 0 },
	{ "POST", "/projects", page_project_create, 0 },
	{ "GET",  "/portfolio", page_portfolio, 0 },
	{ "GET",  "/p/:project", page_project, P },
	{ "GET",  "/p/:project/edit", page_project_edit, L },
	{ "POST", "/p/:project/edit", page_project_save, L },
	{ "GET",  "/p/:project/dashboard", page_dashboard, P },
	{ "GET",  "/p/:project/roadmap", page_roadmap, P },
	{ "POST", "/p/:project/checkpoints", page_checkpoint_save, C },
	{ "GET",  "/p/:project/stakeholders", page_stakeholders, P },
	{ "POST", "/p/:project/stakeholders", page_stakeholder_add, C },
	{ "GET",  "/p/:project/stakeholders/:id", page_stakeholder_edit, C },
	{ "POST", "/p/:project/stakeholders/:id", page_stakeholder_save, C },
	{ "POST", "/p/:project/stakeholders/:id/delete", page_stakeholder_delete, C },
	{ "GET",  "/p/:project/workarounds", page_workarounds, P },
	{ "POST", "/p/:project/workarounds", page_workaround_add, C },
	{ "GET",  "/p/:project/workarounds/:id", page_workaround_edit, C },
	{ "POST", "/p/:project/workarounds/:id", page_workaround_save, C },
	{ "POST", "/p/:project/workarounds/:id/delete", page_workaround_delete, C },
	{ "GET",  "/p/:project/log", page_log, P },
	{ "POST", "/p/:project/log", page_log_add, C },
	{ "GET",  "/p/:project/log/:id", page_log_edit, C },
	{ "POST", "/p/:project/log/:id", page_log_save, C },
	{ "POST", "/p/:project/log/:id/delete", page_log_delete, C },
	{ "GET",  "/p/:project/links", page_links, L },
	{ "POST", "/p/:project/links", page_links_add, L },
	{ "POST", "/p/:project/links/:id/revoke", page_link_revoke, L },
	{ "GET",  "/p/:project/members", page_members, P },
	{ "POST", "/p/:project/members", page_members_save, L },
	{ "GET",  "/p/:project/audit", page_audit, L },
	{ "GET",  "/p/:project/rollout", page_rollout, P },
	{ "GET",  "/p/:project/registry", page_registry, P },
	{ "POST", "/p/:project/registry", page_registry_add, C },
	{ "GET",  "/p/:project/registry/:id", page_registry_edit, C },
	{ "POST", "/p/:project/registry/:id", page_registry_save, C },
	{ "POST", "/p/:project/registry/:id/delete", page_registry_delete, C },
	{ "POST", "/p/:project/registry/:id/milestone", page_registry_milestone, C },
	{ "POST", "/p/:project/registry/:id/tools", page_registry_tool_add, C },
	{ "POST", "/p/:project/registry/:id/tools/delete", page_registry_tool_remove, C },
	{ "POST", "/p/:project/milestones", page_milestone_add, C },
	{ "POST", "/p/:project/milestones/:id/rename", page_milestone_rename, C },
	{ "POST", "/p/:project/milestones/:id/move", page_milestone_move, C },
	{ "POST", "/p/:project/milestones/:id/delete", page_milestone_delete, C },
	{ "GET",  "/p/:project/benefits", page_benefits, P },
	{ "POST", "/p/:project/benefits", page_benefit_add, C },
	{ "GET",  "/p/:project/benefits/:id", page_benefit, P },
	{ "POST", "/p/:project/benefits/:id", page_benefit_save, C },
	{ "POST", "/p/:project/benefits/:id/measurements", page_benefit_measure, C },
	{ "POST", "/p/:project/benefits/:id/delete", page_benefit_delete, C },
	{ "GET",  "/p/:project/costs", page_costs, P },
	{ "POST", "/p/:project/costs", page_cost_add, C },
	{ "POST", "/p/:project/costs/model", page_cost_model_save, C },
	{ "GET",  "/p/:project/costs/:id", page_cost_edit, C },
	{ "POST", "/p/:project/costs/:id", page_cost_save, C },
	{ "POST", "/p/:project/costs/:id/delete", page_cost_delete, C },
	{ "GET",  "/p/:project/import", page_import, C },
	{ "POST", "/p/:project/import", page_import_post, C },
	{ "GET",  "/evidence", page_evidence, 0 },
	{ "GET",  "/evidence/:id", page_element, 0 },
	{ "GET",  "/admin/users", page_users, R_ADMIN },
	{ "POST", "/admin/users", page_users_add, R_ADMIN },
	{ "GET",  "/s/:token", page_survey, R_PUBLIC },
	{ "POST", "/s/:token", page_survey_submit, R_PUBLIC | R_NOCSRF },

	{ "GET",  "/api/projects", api_projects, A },
	{ "POST", "/api/projects", api_project_create, A },
	{ "GET",  "/api/portfolio", api_portfolio, A },
	{ "GET",  "/api/projects/:project", api_project, A | P },
	{ "GET",  "/api/projects/:project/assessment", api_assessment, A | P },
	{ "GET",  "/api/projects/:project/roadmap", api_roadmap, A | P },
	{ "GET",  "/api/projects/:project/stakeholders", api_stakeholders, A | P },
	{ "POST", "/api/projects/:project/stakeholders", api_stakeholder_add, A | C },
	{ "GET",  "/api/projects/:project/stakeholders/:id", api_stakeholder, A | P },
	{ "PUT",  "/api/projects/:project/stakeholders/:id", api_stakeholder_update, A | C },
	{ "PATCH", "/api/projects/:project/stakeholders/:id", api_stakeholder_update, A | C },
	{ "DELETE", "/api/projects/:project/stakeholders/:id", api_stakeholder_delete, A | C },
	{ "GET",  "/api/projects/:project/log", api_log, A | P },
	{ "POST", "/api/projects/:project/log", api_log_add, A | C },
	{ "PUT",  "/api/projects/:project/log/:id", api_log_update, A | C },
	{ "DELETE", "/api/projects/:project/log/:id", api_log_delete, A | C },
	{ "GET",  "/api/projects/:project/links", api_links, A | L },
	{ "POST", "/api/projects/:project/links", api_link_add, A | L },
	{ "PUT",  "/api/projects/:project/checkpoints/:id", api_checkpoint_set, A | C },
	{ "GET",  "/api/projects/:project/audit", api_audit, A | L },
	{ "GET",  "/api/projects/:project/settings", api_settings, A | P },
	{ "POST", "/api/projects/:project/settings", api_setting_add, A | C },
	{ "GET",  "/api/projects/:project/coverage", api_coverage, A | P },
	{ "PUT",  "/api/projects/:project/settings/:id/milestones/:milestone", api_setting_milestone, A | C },
	{ "GET",  "/api/projects/:project/workarounds", api_workarounds, A | P },
	{ "POST", "/api/projects/:project/workarounds", api_workaround_add, A | C },
	{ "GET",  "/api/projects/:project/workarounds/fix-first", api_workarounds_fix_first, A | P },
	{ "PUT",  "/api/projects/:project/workarounds/:id", api_workaround_update, A | C },
	{ "DELETE", "/api/projects/:project/workarounds/:id", api_workaround_delete, A | C },
	{ "GET",  "/api/projects/:project/benefits", api_benefits, A | P },
	{ "POST", "/api/projects/:project/benefits", api_benefit_add, A | C },
	{ "POST", "/api/projects/:project/benefits/:id/measurements", api_benefit_measure, A | C },
	{ "GET",  "/api/projects/:project/costs", api_costs, A | P },
	{ "POST", "/api/projects/:project/costs", api_cost_add, A | C },
	{ "GET",  "/api/projects/:project/breakeven", api_breakeven, A | P },
	{ "POST", "/api/projects/:project/imports/:kind", api_import, A | C },
	{ "GET",  "/api/kb/search", api_kb_search, A },
	{ "GET",  "/api/kb/elements/:id", api_kb_element, A },
	{ "GET",  "/api/survey/:token", api_survey, A | R_PUBLIC },
	{ "POST", "/api/survey/:token", api_survey_submit, A | R_PUBLIC | R_NOCSRF },
	{ NULL, NULL, NULL, 0 }
};

#undef P
#undef C
#undef L
#undef A

/*
 * Match path against pattern, capturing ':' segments into r->args
 * (pointers into r's own copy of the path). Returns true on a match;
 * a segment that is not UTF-8 matches nothing.
 */
static bool match(const char *pattern, const char *path, const char **args,
		  size_t *nargs, char *buf, size_t bufsize)
{
	size_t n = 0, used = 0;

	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++;
		path++;
		if (*pattern == ':') {
			size_t len = strcspn(path, "/");

			size_t bad;

			/* nothing is named by bytes that are not UTF-8 */
			if (!len || n == 4 || used + len + 1 > bufsize ||
			    !utf8_valid(path, len, &bad))
				return false;
			memcpy(buf + used, path, len);
			buf[used + len] = '\0';
			args[n++] = buf + used;
			used += len + 1;
			pattern += strcspn(pattern, "/");
			path += len;
		} else {
			size_t len = strcspn(pattern, "/");

			if (strncmp(pattern, path, len) ||
			    (path[len] && path[len] != '/'))
				return false;
			pattern += len;
			path += len;
		}
	}
	*nargs = n;
	return !*pattern && !*path;
}

static const struct route *find(struct req *r, char *buf, size_t bufsize,
				bool *other_method)
{
	const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";

	*other_method = false;
	for (const struct route *rt = web_routes; rt->method; rt++) {
		size_t nargs;

		if (!match(rt->pattern, r->path, r->args, &nargs, buf, bufsize))
			continue;
		if (strcmp(rt->method, method)) {
			*other_method = true;
			continue;
		}
		r->nargs = nargs;
		return rt;
	}
	return NULL;
}

/* Who is asking: a session cookie, or for the API a bearer token. */
static int authenticate(struct req *r, unsigned flags)
{
	int rc = STORE_NOTFOUND;

	if (r->cookie && *r->cookie)
		rc = auth_session(r->st, r->cookie, r->now, &r->session,
				  &r->user);
	if (rc == STORE_NOTFOUND && (flags & R_API) && r->bearer) {
		rc = auth_token_user(r->st, r->bearer, &r->user);
		r->by_token = rc == 0;
		if (rc == STORE_NOTFOUND)
			return web_fail(r, 401, "bad_token", "the API token is "
					"not valid");
	}
	if (rc == -1)
		return web_store_fail(r);
	if (rc == 0)
		r->private = true;
	return 0;
}

static int need_login(struct req *r)
{
	struct strbuf url = STRBUF_INIT;

	if (r->api)
		return web_fail(r, 401, "login_required", "log in, or send "
				"an API token as 'Authorization: Bearer TOKEN'");
	sb_adds(&url, "/login?next=");
	html_url(&url, r->path);
	web_redirect(r, url.buf);
	sb_release(&url);
	return -1;
}

static int check_csrf(struct req *r)
{
	const char *given = r->csrf_header ? r->csrf_header
					   : web_form(r, "csrf");

	if (r->by_token || !r->session.csrf)
		return 0;
	if (given && secret_equal(given, r->session.csrf))
		return 0;
	return web_fail(r, 403, "csrf", "the form has expired or did not come "
			"from this site; go back, reload the page and try again");
}

/* Load the project named by args[0] and the user's role in it. */
static int open_project(struct req *r, unsigned flags)
{
	int rc = store_project_get(r->st, web_arg(r, 0), &r->project);

	if (rc == STORE_NOTFOUND)
		return web_not_found(r);
	if (rc)
		return web_store_fail(r);
	if (store_project_access(r->st, r->project.id, r->user.id, &r->role))
		return web_store_fail(r);
	/* a project one may not see does not exist, as far as one can tell */
	if (r->role == ROLE_NONE)
		return web_not_found(r);
	if ((flags & R_LEAD) && r->role < ROLE_LEAD)
		return web_fail(r, 403, "forbidden", "only the project's leads "
				"may do this");
	if ((flags & R_CONTRIB) && r->role < ROLE_CONTRIBUTOR)
		return web_fail(r, 403, "forbidden", "viewers may look but not "
				"change this project");
	return 0;
}

static void common_headers(struct req *r)
{
	web_header(r, "X-Content-Type-Options", "nosniff");
	web_header(r, "Referrer-Policy", "no-referrer");
	web_header(r, "X-Frame-Options", "DENY");
	web_header(r, "Content-Security-Policy", "default-src 'self'; "
		   "img-src 'self' data:; style-src 'self'; script-src 'self'; "
		   "object-src 'none'; base-uri 'none'; form-action 'self'; "
		   "frame-ancestors 'none'");
	if (r->private || r->is_post)
		web_header(r, "Cache-Control", "no-store");
}

static int run(struct req *r, const struct route *rt)
{
	int rc;

	if (authenticate(r, rt->flags))
		return -1;
	if (!r->user.id && !(rt->flags & R_PUBLIC))
		return need_login(r);
	if ((rt->flags & R_ADMIN) && !r->user.admin)
		return web_not_found(r);
	if (r->is_post && !(rt->flags & R_NOCSRF) && check_csrf(r))
		return -1;
	if ((rt->flags & R_PROJECT) && open_project(r, rt->flags))
		return -1;
	rc = rt->fn(r);
	if (r->keep)
		return 0;
	return rc || r->status >= 400 ? -1 : 0;
}

/*
 * Changes take turns here before they take SQLite's write lock: a thread
 * that found the lock taken would sleep 1 to 100 ms in SQLite's busy
 * handler (survey submissions' p99 went to half a second), while one
 * waiting here runs the moment the change before it is done. The busy
 * timeout still covers other processes, such as the CLI.
 */
static pthread_mutex_t write_turn = PTHREAD_MUTEX_INITIALIZER;

void web_dispatch(struct req *r)
{
	char buf[1024];
	bool other_method;
	const struct route *rt = find(r, buf, sizeof(buf), &other_method);
	int rc;

	r->api = !strncmp(r->path, "/api/", 5);
	if (!rt) {
		if (other_method) {
			web_fail(r, 405, "method_not_allowed", "%s is not "
				 "allowed here", r->method);
			web_header(r, "Allow", "GET, POST");
		} else {
			web_not_found(r);
		}
		common_headers(r);
		return;
	}
	r->api = rt->flags & R_API;
	if (r->is_post)
		pthread_mutex_lock(&write_turn);
	if ((r->is_post ? store_begin_write(r->st) : store_begin(r->st))) {
		if (r->is_post)
			pthread_mutex_unlock(&write_turn);
		web_fail(r, 503, "unavailable", "the database is busy or "
			 "unavailable; try again");
		common_headers(r);
		return;
	}
	rc = run(r, rt);
	if (rc == 0 && store_commit(r->st)) {
		store_rollback(r->st);
		web_fail(r, 503, "unavailable", "the change could not be saved; "
			 "try again");
	} else if (rc) {
		store_rollback(r->st);
	}
	if (r->is_post)
		pthread_mutex_unlock(&write_turn);
	common_headers(r);
}
