/*
 * web.h: what every page and API handler of 'waymark serve' sees.
 *
 * A handler is one function taking the request. By the time it runs, the
 * route table (routes.c) has matched the path, checked the login, the
 * project and the role, checked the anti-forgery token of a form, and
 * begun a transaction: the handler gathers data through the domain
 * modules, writes its answer into r->out, and returns 0. Any failure is
 * answered through web_fail() and friends, which fill the response
 * (an HTML error page or a JSON error with a stable code) and return -1,
 * so a handler just returns what they return. The transaction is kept
 * only if the handler returns 0 with a status below 400 (or r->keep).
 *
 * Handlers never see libmicrohttpd, SQL or the process: they hold no
 * business logic and print nothing.
 */
#ifndef WM_WEB_H
#define WM_WEB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "store/store.h"

struct kb;

/* Limits and places, from flags and the config file (docs/waymark.1). */
struct web_config {
	char *listen;			/* ADDR:PORT */
	char *db;			/* the store's target */
	unsigned threads;		/* handler threads */
	size_t max_body;		/* bytes in a request body */
	size_t max_fields;		/* fields in a form */
	unsigned connections;		/* open connections at once */
	unsigned timeout;		/* seconds an idle connection is kept */
	unsigned session_hours;		/* a login lasts this long */
	bool secure_cookies;		/* behind TLS: cookies say Secure */
	char *access_log;		/* a file, "-" for stderr, or NULL */
	char *public_url;		/* how links are written, or NULL */
};

struct web_field {
	char *name, *value;	/* value ends in '\0' after len bytes */
	char *filename;		/* an uploaded file's name, else NULL */
	size_t len;
};

struct req {
	/* the request */
	const char *method;		/* "GET", "POST", ... */
	const char *path;		/* decoded, without the query */
	const char *addr;		/* the client's address */
	bool is_post;			/* POST, PUT, PATCH or DELETE */
	const char *cookie;		/* the session cookie's value, or NULL */
	const char *bearer;		/* an Authorization: Bearer token, or NULL */
	const char *csrf_header;	/* X-CSRF-Token, or NULL */
	const char *if_match;		/* If-Match, or NULL */
	struct web_field *query, *form;	/* decoded query and form fields */
	size_t nquery, nform;
	json_t *json;			/* an API request's JSON body, or NULL */
	const char *body;		/* a text/csv body, or NULL */
	size_t nbody;
	const char *args[4];		/* what :name segments of the route matched */
	size_t nargs;

	/* who asks, and for which project */
	struct user user;		/* id 0 when nobody is logged in */
	struct session session;		/* csrf NULL without a session */
	bool by_token;			/* an API token rather than a session */
	struct project project;		/* id 0 unless the route names one */
	enum role role;			/* the user's role in it */

	/* the world */
	const struct kb *kb;
	struct store *st;
	const struct web_config *cfg;
	int64_t now;			/* seconds since the epoch */

	/* the answer */
	int status;
	const char *type;		/* Content-Type */
	struct strbuf out;
	struct web_field *headers;
	size_t nheaders;
	bool api;			/* errors as JSON */
	bool keep;			/* commit even with an error status */
	bool private;			/* the answer depends on who asks */
};

/* --- reading the request --- */

/* The value of query or form field name, or NULL. */
const char *web_query(const struct req *r, const char *name);
const char *web_form(const struct req *r, const char *name);
/*
 * The multipart form field name if it came as a file (filename set,
 * perhaps empty when none was chosen), or NULL.
 */
const struct web_field *web_form_file(const struct req *r, const char *name);
/* Every value of a repeated form field, in order; returns the count. */
size_t web_form_all(const struct req *r, const char *name,
		    const char **v, size_t max);
/* The route's nth :name segment. */
const char *web_arg(const struct req *r, size_t n);
/*
 * A whole number from text s, in [lo, hi]: returns 0 and sets *v, or -1
 * if s is NULL, not a number, or out of range.
 */
int web_int(const char *s, int64_t lo, int64_t hi, int64_t *v);

/* --- answering --- */

/* Add a response header (copied). */
void web_header(struct req *r, const char *name, const char *value);
/* Answer 303 See Other to url (a path of this site); returns 0. */
int web_redirect(struct req *r, const char *url);
/*
 * Answer 303 to a page of project name: "/p/NAME" (name URL-encoded)
 * followed by rest, printf style (e.g. "/links?done=%s"). Returns 0.
 */
int web_redirect_project(struct req *r, const char *name, const char *rest,
			 ...) __attribute__((format(printf, 3, 4)));
/*
 * Answer an error: status, a stable lower-case code for the API
 * ("not_found", "bad_request", "forbidden", "conflict", ...) and a message
 * saying what was wrong (printf style). HTML requests get a page in the
 * normal layout. Returns -1.
 */
int web_fail(struct req *r, int status, const char *code, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));
/* 404 with the same words whether or not the thing exists. Returns -1. */
int web_not_found(struct req *r);
/* 500 after a store failure (the store's message goes to the log). */
int web_store_fail(struct req *r);
/* Answer JSON (takes the reference); returns 0. */
int web_json(struct req *r, int status, json_t *v);

/*
 * Record a change in the audit log as the current user: project is 0 for
 * a site-wide change; before and after are borrowed and may be NULL. Returns 0, or -1 after web_store_fail.
 */
int web_audit(struct req *r, int64_t project, const char *action,
	      const char *entity, json_t *before, json_t *after);

/* --- pages (layout.c) --- */

/*
 * Begin an HTML page: the document head, the site's header with the
 * user's menu and, when r has a project, the project's navigation with
 * current marked (e.g. "dashboard"). Text goes into r->out.
 */
void page_begin(struct req *r, const char *title, const char *current);
void page_end(struct req *r);
/* The hidden anti-forgery field every form that changes something carries. */
void page_csrf(struct req *r);
/* A message box: kind is "ok", "error" or "info". */
void page_notice(struct req *r, const char *kind, const char *text);

/* --- the route table (routes.c) --- */

enum {
	R_PUBLIC = 1 << 0,	/* no login needed */
	R_PROJECT = 1 << 1,	/* args[0] names a project the user can see */
	R_CONTRIB = 1 << 2,	/* ... and may change (contributor or lead) */
	R_LEAD = 1 << 3,	/* ... and leads */
	R_ADMIN = 1 << 4,	/* site administrators only */
	R_API = 1 << 5,		/* JSON in and out; API tokens accepted */
	R_NOCSRF = 1 << 6	/* a POST that needs no session token (login, survey) */
};

typedef int (*web_handler)(struct req *r);
struct route {
	const char *method;
	const char *pattern;	/* "/p/:project/dashboard": ':' matches a segment */
	web_handler fn;
	unsigned flags;
};
extern const struct route web_routes[];

/*
 * Answer r: match a route, authenticate, authorise, run the handler in a
 * transaction. Fills the response fields; never fails.
 */
void web_dispatch(struct req *r);

/* Initialise and release a request's own memory. */
void req_init(struct req *r);
void req_release(struct req *r);
void req_add_field(struct web_field **v, size_t *n, const char *name,
		   const char *value);

/* --- the server (server.c) --- */

void web_config_init(struct web_config *c);
void web_config_release(struct web_config *c);
/*
 * Read a config file of "name = value" lines (# comments); names as the
 * long flags of 'waymark serve'. Returns 0, or -1 with "FILE:LINE:COL:
 * why" in err.
 */
int web_config_file(struct web_config *c, const char *path,
		    struct strbuf *err);
/* Set one setting by name from text; -1 with why in err. */
int web_config_set(struct web_config *c, const char *name, const char *value,
		   struct strbuf *err);

/*
 * Serve until SIGTERM or SIGINT, then let requests in flight finish and
 * close the store. ready (may be NULL) is called once listening, with the
 * port. Returns 0, or -1 with why in err.
 */
int web_serve(const struct web_config *c, const struct kb *kb,
	      void (*ready)(unsigned port), struct strbuf *err);

#endif
