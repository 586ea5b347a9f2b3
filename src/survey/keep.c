/* keep.c: putting validated survey responses into the store, once each. */
#include <string.h>

#include "lib/xalloc.h"
#include "store/store.h"
#include "survey/survey.h"

int survey_keeper_init(struct survey_keeper *k, struct store *st,
		       int64_t project, const struct survey *s)
{
	char **ids;
	int rc;

	memset(k, 0, sizeof(*k));
	k->st = st;
	k->project = project;
	k->s = s;
	ids = xcalloc(s->nitems + 1, sizeof(*ids));
	k->slots = xcalloc(s->nitems + 1, sizeof(*k->slots));
	for (size_t i = 0; i < s->nitems; i++)
		ids[i] = s->items[i].id;
	rc = store_items(st, project, ids, s->nitems, k->slots, true);
	free(ids);
	if (rc) {
		survey_keeper_release(k);
		return -1;
	}
	for (size_t i = 0; i < s->nitems; i++)
		if (k->slots[i] + 1 > k->nslots)
			k->nslots = k->slots[i] + 1;
	k->packed = xcalloc(k->nslots + 1, 1);
	k->comments = xcalloc(k->nslots + 1, sizeof(*k->comments));
	return 0;
}

void survey_keeper_release(struct survey_keeper *k)
{
	free(k->slots);
	free(k->packed);
	free(k->comments);
	memset(k, 0, sizeof(*k));
}

int survey_keep(struct survey_keeper *k, int64_t round,
		const struct survey_response *r, bool *added)
{
	const struct survey *s = k->s;
	bool exists;

	*added = false;
	if (store_response_exists(k->st, k->project, r->id, &exists))
		return -1;
	if (exists)
		return 0;
	memset(k->packed, 0, k->nslots);
	memset(k->comments, 0, k->nslots * sizeof(*k->comments));
	for (size_t i = 0; i < s->nitems; i++) {
		k->packed[k->slots[i]] = r->values[i];
		k->comments[k->slots[i]] = r->comments ? r->comments[i] : NULL;
	}
	if (store_response_add(k->st, k->project, round, r->id,
			       s->groups[r->group].id, k->packed, k->nslots,
			       k->comments))
		return -1;
	*added = true;
	return 0;
}
