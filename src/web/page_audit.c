/*
 * page_audit.c: a project's audit log for its leads: who changed what and
 * when, newest first, with what changed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "pages.h"

#define AUDIT_PAGE 50

/* A JSON value as compact text (allocated), or NULL for none. */
static char *compact(json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

/* One row of the list of changed keys: key, before, after. */
static void change_row(struct req *r, const char *key, json_t *b, json_t *a)
{
	char *bs = compact(b), *as = compact(a);

	html(&r->out, "<li><code>%s</code>: %s &rarr; %s</li>", key,
	     bs ? bs : "(none)", as ? as : "(none)");
	free(bs);
	free(as);
}

/* Every key of a JSON object with its value, as a list. */
static void all_keys(struct req *r, json_t *o, const char *caption)
{
	const char *key;
	json_t *v;

	html(&r->out, "<p class=\"muted\">%s</p><ul class=\"changes\">",
	     caption);
	json_object_foreach(o, key, v) {
		char *vs = compact(v);

		html(&r->out, "<li><code>%s</code>: %s</li>", key, vs);
		free(vs);
	}
	html(&r->out, "</ul>");
}

/*
 * What changed: for two JSON objects, the keys whose values differ; for
 * one, its keys; otherwise the JSON text as kept. All of it escaped.
 */
static void changes(struct req *r, const char *before, const char *after)
{
	json_t *b = before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = after ? json_loads(after, 0, NULL) : NULL;
	const char *key;
	json_t *v;
	size_t n = 0;

	if (json_is_object(b) && json_is_object(a)) {
		html(&r->out, "<ul class=\"changes\">");
		json_object_foreach(b, key, v) {
			json_t *w = json_object_get(a, key);

			if (!strcmp(key, "updated") || json_equal(v, w))
				continue;
			change_row(r, key, v, w);
			n++;
		}
		json_object_foreach(a, key, v)
			if (!json_object_get(b, key)) {
				change_row(r, key, NULL, v);
				n++;
			}
		if (!n)
			html(&r->out, "<li>nothing changed</li>");
		html(&r->out, "</ul>");
	} else if (json_is_object(b) && !after) {
		all_keys(r, b, "Was:");
	} else if (json_is_object(a) && !before) {
		all_keys(r, a, "Now:");
	} else {
		if (before)
			html(&r->out, "<p class=\"muted\">Before:</p><pre>%s</pre>",
			     before);
		if (after)
			html(&r->out, "<p class=\"muted\">After:</p><pre>%s</pre>",
			     after);
	}
	json_decref(b);
	json_decref(a);
}

/* One entry: what was done to what, when and by whom, and the changes. */
static void entry(struct req *r, const struct audit_entry *e)
{
	char when[40];
	size_t len = e->at ? strlen(e->at) : 0;

	/* "2026-11-22T03:53:27Z" reads as "2026-11-22 03:53:27 UTC" */
	snprintf(when, sizeof(when), "%s", e->at ? e->at : "");
	if (len == 20 && when[10] == 'T' && when[19] == 'Z') {
		when[10] = ' ';
		snprintf(when + 19, sizeof(when) - 19, " UTC");
	}
	html(&r->out, "<li><p><strong>%s</strong> <code>%s</code></p>"
	     "<p class=\"muted\"><time datetime=\"%s\">%s</time> by %s</p>",
	     e->action, e->entity, e->at, when, e->who);
	changes(r, e->before, e->after);
	html(&r->out, "</li>\n");
}

int page_audit(struct req *r)
{
	struct audit_entry *v;
	size_t n;
	int64_t below = 0;
	const char *q = web_query(r, "below");

	if (q && web_int(q, 1, INT64_MAX, &below))
		return web_fail(r, 400, "bad_request", "'below' must be an "
				"entry number");
	if (store_audit_list(r->st, r->project.id, below, AUDIT_PAGE, &v, &n))
		return web_store_fail(r);
	page_begin(r, "Audit log", "audit");
	html(&r->out, "<h1>Audit log</h1>\n<p>Every change to the project, "
	     "newest first. Survey answers are not listed: they are "
	     "anonymous.</p>\n");
	if (!n)
		html(&r->out, "<p>%s</p>\n", below ? "No older entries." :
		     "Nothing has been changed yet.");
	else
		html(&r->out, "<ol class=\"audit\">\n");
	for (size_t i = 0; i < n; i++)
		entry(r, &v[i]);
	if (n)
		html(&r->out, "</ol>\n");
	html(&r->out, "<nav aria-label=\"Pages of the log\"><p>");
	if (below)
		html(&r->out, "<a href=\"/p/%u/audit\">Newest</a> ",
		     r->project.name);
	if (n == AUDIT_PAGE)
		html(&r->out, "<a href=\"/p/%u/audit?below=%I\">Older</a>",
		     r->project.name, v[n - 1].id);
	html(&r->out, "</p></nav>\n");
	page_end(r);
	store_audit_free(v, n);
	return 0;
}
