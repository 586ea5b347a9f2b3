/* json.c: the evidence base as JSON (the stable shapes in docs/json.md). */
#include <jansson.h>

#include "kb.h"
#include "kbjson.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *str_list(const struct kb_str *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i].s));
	return a;
}

json_t *kb_element_json(const struct kb_element *e, bool full)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(e->id.s));
	json_object_set_new(o, "framework", json_string(e->framework->id.s));
	json_object_set_new(o, "kind", json_string(e->kind.s));
	json_object_set_new(o, "title", json_string(e->title.s));
	json_object_set_new(o, "determinants",
			    str_list(e->determinants, e->ndeterminants));
	json_object_set_new(o, "parent", str_or_null(e->parent.s));
	json_object_set_new(o, "source", json_string(e->source.s));
	if (!full)
		return o;
	json_object_set_new(o, "summary", json_string(e->summary.s));
	json_object_set_new(o, "citation", json_string(e->framework->citation.s));
	json_object_set_new(o, "related", str_list(e->related, e->nrelated));
	json_object_set_new(o, "keywords", str_list(e->keywords, e->nkeywords));
	{
		json_t *attrs = json_object();
		for (size_t i = 0; i < e->nattrs; i++)
			json_object_set_new(attrs, e->attrs[i].key.s,
					    json_string(e->attrs[i].value.s));
		json_object_set_new(o, "attrs", attrs);
	}
	json_object_set_new(o, "note", str_or_null(e->note.s));
	return o;
}

json_t *kb_framework_json(const struct kb_framework *fw)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(fw->id.s));
	json_object_set_new(o, "title", json_string(fw->title.s));
	json_object_set_new(o, "citation", json_string(fw->citation.s));
	json_object_set_new(o, "summary", str_or_null(fw->summary.s));
	json_object_set_new(o, "elements", json_integer((json_int_t)fw->nelements));
	return o;
}

json_t *kb_determinant_json(const struct kb_determinant *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(d->id.s));
	json_object_set_new(o, "title", json_string(d->title.s));
	json_object_set_new(o, "summary", json_string(d->summary.s));
	return o;
}

json_t *diags_json(const struct diags *errs)
{
	json_t *a = json_array();

	for (size_t i = 0; i < errs->n; i++) {
		const struct diag *e = &errs->v[i];
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(e->file));
		json_object_set_new(o, "line", json_integer(e->line));
		json_object_set_new(o, "column", json_integer(e->col));
		json_object_set_new(o, "message", json_string(e->msg));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *kb_search_json(const char *query, const struct kb_hit *hits,
		       size_t n, size_t shown)
{
	json_t *a = json_array();

	for (size_t i = 0; i < shown; i++) {
		json_t *h = kb_element_json(hits[i].el, false);

		json_object_set_new(h, "citation", json_string(
			hits[i].el->framework->citation.s));
		/* three decimals, cut rather than rounded */
		json_object_set_new(h, "score", json_real(
			(double)(long)(hits[i].score * 1000) / 1000));
		json_object_set_new(h, "matched", json_string(hits[i].matched));
		json_array_append_new(a, h);
	}
	return json_pack("{s:s, s:I, s:o}", "query", query, "count",
			 (json_int_t)n, "hits", a);
}
