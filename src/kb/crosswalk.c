/* crosswalk.c: how elements of different frameworks meet on determinants. */
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "lib/xalloc.h"

static size_t shared(const struct kb_element *a, const struct kb_element *b)
{
	size_t n = 0;

	for (size_t i = 0; i < a->ndeterminants; i++)
		if (kb_has_determinant(b, a->determinants[i].s))
			n++;
	return n;
}

struct ranked {
	const struct kb_element *el;
	size_t shared;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c;

	if (x->shared != y->shared)
		return x->shared < y->shared ? 1 : -1;
	c = strcmp(x->el->framework->id.s, y->el->framework->id.s);
	if (c)
		return c;
	return x->el->order < y->el->order ? -1 : x->el->order > y->el->order;
}

size_t kb_same_determinants(const struct kb *kb, const struct kb_element *el,
			    const struct kb_element ***out)
{
	struct ranked *r = xcalloc(kb->nindex, sizeof(*r));
	size_t n = 0;

	for (size_t i = 0; i < kb->nindex; i++) {
		const struct kb_element *o = kb->index[i];
		size_t s;
		if (o->framework == el->framework)
			continue;
		s = shared(el, o);
		if (s) {
			r[n].el = o;
			r[n].shared = s;
			n++;
		}
	}
	qsort(r, n, sizeof(*r), cmp_ranked);
	*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = r[i].el;
	free(r);
	return n;
}

size_t kb_count_linked(const struct kb *kb, const struct kb_framework *fw,
		       const char *determinant)
{
	size_t n = 0;

	for (size_t i = 0; i < kb->nindex; i++)
		if ((!fw || kb->index[i]->framework == fw) &&
		    kb_has_determinant(kb->index[i], determinant))
			n++;
	return n;
}
