/* request.c: reading a request and writing its answer, for every handler. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "lib/jsonout.h"
#include "lib/xalloc.h"
#include "web.h"

void req_init(struct req *r)
{
	memset(r, 0, sizeof(*r));
	sb_init(&r->out);
	r->status = 200;
	r->type = "text/html; charset=utf-8";
}

static void fields_free(struct web_field *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
		free(v[i].filename);
	}
	free(v);
}

void req_release(struct req *r)
{
	fields_free(r->query, r->nquery);
	fields_free(r->form, r->nform);
	fields_free(r->headers, r->nheaders);
	json_decref(r->json);
	store_user_release(&r->user);
	store_session_release(&r->session);
	if (r->project.name)
		project_release(&r->project);
	sb_release(&r->out);
	memset(r, 0, sizeof(*r));
}

void req_add_field(struct web_field **v, size_t *n, const char *name,
		   const char *value)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].value = xstrdup(value);
	(*v)[*n].filename = NULL;
	(*v)[*n].len = strlen(value);
	(*n)++;
}

static const char *lookup(const struct web_field *v, size_t n,
			  const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].value;
	return NULL;
}

const char *web_query(const struct req *r, const char *name)
{
	return lookup(r->query, r->nquery, name);
}

const char *web_form(const struct req *r, const char *name)
{
	return lookup(r->form, r->nform, name);
}

const struct web_field *web_form_file(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name))
			return r->form[i].filename ? &r->form[i] : NULL;
	return NULL;
}

size_t web_form_all(const struct req *r, const char *name,
		    const char **v, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nform && n < max; i++)
		if (!strcmp(r->form[i].name, name))
			v[n++] = r->form[i].value;
	return n;
}

const char *web_arg(const struct req *r, size_t n)
{
	return n < r->nargs ? r->args[n] : NULL;
}

int web_int(const char *s, int64_t lo, int64_t hi, int64_t *v)
{
	char *end;
	long long n;

	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	n = strtoll(s, &end, 10);
	if (*end || n < lo || n > hi)
		return -1;
	*v = n;
	return 0;
}

void web_header(struct req *r, const char *name, const char *value)
{
	req_add_field(&r->headers, &r->nheaders, name, value);
}

int web_redirect(struct req *r, const char *url)
{
	sb_reset(&r->out);
	r->status = 303;
	web_header(r, "Location", url);
	return 0;
}

int web_redirect_project(struct req *r, const char *name, const char *rest,
			 ...)
{
	struct strbuf url = STRBUF_INIT;
	va_list ap;

	sb_adds(&url, "/p/");
	html_url(&url, name);
	va_start(ap, rest);
	sb_vaddf(&url, rest, ap);
	va_end(ap);
	web_redirect(r, url.buf);
	sb_release(&url);
	return 0;
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Please log in";
	case 403: return "Not allowed";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Changed or taken";
	case 413: return "Too large";
	case 415: return "Unsupported form";
	case 422: return "Please check the form";
	case 429: return "Too many attempts";
	case 503: return "Unavailable";
	default: return status >= 500 ? "Something went wrong" : "Error";
	}
}

int web_fail(struct req *r, int status, const char *code, const char *fmt,
	     ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	sb_reset(&r->out);
	r->status = status;
	/* out of service for now: say when to ask again */
	if (status == 503)
		web_header(r, "Retry-After", "5");
	if (r->api) {
		r->type = "application/json";
		json_t *o = json_pack("{s:{s:s, s:s}}", "error", "code", code,
				      "message", msg.buf);
		char *s;

		/* a message quoting a path or value that is not UTF-8 */
		if (!o)
			o = json_pack("{s:{s:s, s:s}}", "error", "code", code,
				      "message", "(the message quoted text that "
				      "is not UTF-8)");
		s = json_dumps(o, JSON_COMPACT);
		sb_adds(&r->out, s);
		sb_addch(&r->out, '\n');
		free(s);
		json_decref(o);
	} else {
		r->type = "text/html; charset=utf-8";
		page_begin(r, status_title(status), NULL);
		html(&r->out, "<h1>%s</h1>\n<p class=\"error-message\">%s</p>\n",
		     status_title(status), msg.buf);
		page_end(r);
	}
	sb_release(&msg);
	return -1;
}

int web_not_found(struct req *r)
{
	return web_fail(r, 404, "not_found", "there is nothing at %s",
			r->path);
}

int web_store_fail(struct req *r)
{
	fprintf(stderr, "waymark serve: %s %s: %s\n", r->method, r->path,
		store_error(r->st));
	if (store_unavailable(r->st))
		return web_fail(r, 503, "unavailable", "the database cannot be "
				"reached; nothing was changed; try again");
	return web_fail(r, 500, "internal", "the database failed; the change "
			"was not made");
}

int web_json(struct req *r, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII |
			     JSON_OUT_REAL);

	json_decref(v);
	sb_reset(&r->out);
	r->status = status;
	r->type = "application/json";
	if (s) {
		sb_adds(&r->out, s);
		sb_addch(&r->out, '\n');
	}
	free(s);
	return 0;
}

int web_audit(struct req *r, int64_t project, const char *action,
	      const char *entity, json_t *before, json_t *after)
{
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS)
			 : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS)
			: NULL;
	int rc = store_audit_add(r->st, project, r->user.name, action,
				 entity, b, a);

	free(b);
	free(a);
	return rc ? web_store_fail(r) : 0;
}
