/* load.c: a project's settings with the days they reached each milestone. */
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "track.h"

struct by_id {
	int64_t id;
	size_t index;
};

static int cmp_id(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

long track_milestone_index(const struct track_data *t, const char *id)
{
	for (size_t k = 0; k < t->nmilestones; k++)
		if (!strcmp(t->milestones[k].id, id))
			return (long)k;
	return -1;
}

int track_load(struct store *st, int64_t project, struct track_data *t)
{
	struct milestone_event *ev;
	struct by_id *ids;
	struct strbuf err = STRBUF_INIT;
	size_t nev, nm;

	memset(t, 0, sizeof(*t));
	t->first = t->last = TRACK_NEVER;
	if (store_settings(st, project, &t->settings, &t->n) ||
	    store_milestones(st, project, &t->milestones, &t->nmilestones) ||
	    store_milestone_events(st, project, &ev, &nev))
		return -1;
	nm = t->nmilestones;
	t->reached = xcalloc(t->n * nm + 1, sizeof(*t->reached));
	t->ts = xcalloc(t->n + 1, sizeof(*t->ts));
	ids = xcalloc(t->n + 1, sizeof(*ids));
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < nm; k++)
			t->reached[i * nm + k] = TRACK_NEVER;
		t->ts[i].type = setting_type_index(t->settings[i].type);
		t->ts[i].reached = &t->reached[i * nm];
		ids[i] = (struct by_id){ t->settings[i].id, i };
	}
	qsort(ids, t->n, sizeof(*ids), cmp_id);
	for (size_t e = 0; e < nev; e++) {
		struct by_id key = { ev[e].setting, 0 }, *hit;
		long k = track_milestone_index(t, ev[e].milestone);
		int32_t day;

		hit = bsearch(&key, ids, t->n, sizeof(*ids), cmp_id);
		sb_reset(&err);
		if (!hit || k < 0 || track_date_parse(ev[e].date, &day, &err))
			continue;	/* the store keeps only checked days */
		t->reached[hit->index * nm + (size_t)k] = day;
		if (t->first == TRACK_NEVER || day < t->first)
			t->first = day;
		if (t->last == TRACK_NEVER || day > t->last)
			t->last = day;
	}
	free(ids);
	sb_release(&err);
	store_milestone_events_free(ev, nev);
	return 0;
}

void track_data_release(struct track_data *t)
{
	store_settings_free(t->settings, t->n);
	store_groups_free(t->milestones, t->nmilestones);
	free(t->reached);
	free(t->ts);
	memset(t, 0, sizeof(*t));
}
