/*
 * api_kb.c: the evidence base through the JSON API (docs/api.md): search,
 * and one element with its framework, determinants, children and the
 * elements of other frameworks on the same determinants. The shapes are
 * those of 'waymark kb search|show --json' (docs/json.md).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kbjson.h"
#include "pages.h"

int api_kb_search(struct req *r)
{
	const char *q = web_query(r, "q"), *l = web_query(r, "limit");
	struct strbuf why = STRBUF_INIT;
	struct kb_hit *hits;
	size_t n, shown;
	int64_t limit = 20;
	json_t *a;

	if (!q || check_text("q", q, 1000, true, &why)) {
		sb_release(&why);
		return web_fail(r, 400, "bad_request", "q: give the words to "
				"search for (UTF-8, at most 1000 bytes)");
	}
	if (l && web_int(l, 0, 100000, &limit))
		return web_fail(r, 400, "bad_request", "limit: expected a "
				"whole number from 0 (all) to 100000");
	n = kb_search(r->kb, q, &hits);
	shown = limit && (size_t)limit < n ? (size_t)limit : n;
	a = kb_search_json(q, hits, n, shown);
	kb_hits_free(hits, n);
	return web_json(r, 200, a);
}

/* Short forms of v[0..n). */
static json_t *short_list(const struct kb_element **v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, kb_element_json(v[i], false));
	return a;
}

/* The elements whose parent is e, in file order. */
static json_t *children_json(const struct kb_element *e)
{
	const struct kb_framework *fw = e->framework;
	json_t *a = json_array();

	for (size_t i = 0; i < fw->nelements; i++) {
		const struct kb_element *c = &fw->elements[i];
		if (c->parent.s && !strcmp(c->parent.s, e->id.s))
			json_array_append_new(a, kb_element_json(c, false));
	}
	return a;
}

int api_kb_element(struct req *r)
{
	const struct kb_element *e = kb_element(r->kb, web_arg(r, 0)), **same;
	json_t *root, *dets;
	size_t nsame;

	if (!e)
		return web_fail(r, 404, "not_found", "no element with this id; "
				"GET /api/kb/search?q=WORDS finds one");
	root = json_object();
	dets = json_array();
	json_object_set_new(root, "element", kb_element_json(e, true));
	json_object_set_new(root, "framework", kb_framework_json(e->framework));
	for (size_t i = 0; i < e->ndeterminants; i++) {
		const struct kb_determinant *d =
			kb_determinant(r->kb, e->determinants[i].s);
		if (d)
			json_array_append_new(dets, kb_determinant_json(d));
	}
	json_object_set_new(root, "determinants", dets);
	json_object_set_new(root, "children", children_json(e));
	nsame = kb_same_determinants(r->kb, e, &same);
	json_object_set_new(root, "same_determinants", short_list(same, nsame));
	free(same);
	return web_json(r, 200, root);
}
