/* build.c: a project's survey, generated from the evidence base. */
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "lib/xalloc.h"
#include "store/store.h"
#include "survey.h"

/* Whether determinant id is in the project's chosen list (empty: all). */
static bool chosen(char **dets, size_t n, const char *id)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(dets[i], id))
			return true;
	return false;
}

static void add_items(struct survey *s, const struct kb_determinant *d,
		      size_t *alloc)
{
	for (size_t j = 0; j < d->nstatements; j++) {
		struct survey_item *it;
		XGROW(s->items, *alloc, s->nitems + 1);
		it = &s->items[s->nitems++];
		it->id = xstrdup(d->statements[j].id.s);
		it->determinant = xstrdup(d->id.s);
		it->determinant_title = xstrdup(d->title.s);
		it->text = xstrdup(d->statements[j].text.s);
		it->reversed = d->statements[j].reversed;
	}
}

static void apply_exclusions(struct survey *s, const struct exclusion *ex,
			     size_t nex)
{
	s->asked = xcalloc(s->ngroups * s->nitems + 1, sizeof(*s->asked));
	for (size_t g = 0; g < s->ngroups; g++)
		for (size_t i = 0; i < s->nitems; i++) {
			bool asked = true;
			for (size_t e = 0; e < nex && asked; e++)
				if (!strcmp(ex[e].grp, s->groups[g].id) &&
				    !strcmp(ex[e].det, s->items[i].determinant))
					asked = false;
			s->asked[g * s->nitems + i] = asked;
		}
}

int survey_build(const struct kb *kb, struct store *st,
		 const struct project *p, struct survey *s)
{
	char **dets = NULL;
	size_t ndets = 0, alloc = 0, nex = 0, ng = 0;
	struct exclusion *ex = NULL;
	struct group *groups = NULL;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	if (store_survey_dets(st, p->id, &dets, &ndets) ||
	    store_survey_exclusions(st, p->id, &ex, &nex) ||
	    store_groups(st, p->id, &groups, &ng))
		goto cleanup;
	s->project = xstrdup(p->name);
	s->title = xstrdup(p->title);
	for (size_t i = 0; i < kb->ndeterminants; i++)
		if (chosen(dets, ndets, kb->determinants[i].id.s))
			add_items(s, &kb->determinants[i], &alloc);
	s->groups = xcalloc(ng + 1, sizeof(*s->groups));
	for (size_t g = 0; g < ng; g++) {
		s->groups[g].id = xstrdup(groups[g].id);
		s->groups[g].title = xstrdup(groups[g].title);
	}
	s->ngroups = ng;
	apply_exclusions(s, ex, nex);
	rc = 0;
cleanup:
	store_strings_free(dets, ndets);
	store_exclusions_free(ex, nex);
	store_groups_free(groups, ng);
	return rc;
}
