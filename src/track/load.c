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

/* What the reader of days needs while the store hands them over. */
struct loader {
	struct track_data *t;
	struct by_id *ids;	/* settings by id */
	int64_t last_id;	/* the previous row's setting, and its index */
	long last_index;
	struct strbuf err;
};

/* Find setting id among L's settings: its index, or -1. */
static long index_of(struct loader *L, int64_t id)
{
	struct by_id key = { id, 0 }, *hit;

	if (id == L->last_id)
		return L->last_index;
	hit = bsearch(&key, L->ids, L->t->n, sizeof(*L->ids), cmp_id);
	L->last_id = id;
	L->last_index = hit ? (long)hit->index : -1;
	return L->last_index;
}

static int on_day(void *ctx, int64_t setting, const char *milestone,
		  const char *date)
{
	struct loader *L = ctx;
	struct track_data *t = L->t;
	long i = index_of(L, setting), k;
	int32_t day;

	if (i < 0 || (k = track_milestone_index(t, milestone)) < 0)
		return 0;
	sb_reset(&L->err);
	if (track_date_parse(date, &day, &L->err))
		return 0;	/* the store keeps only checked days */
	t->reached[(size_t)i * t->nmilestones + (size_t)k] = day;
	if (t->first == TRACK_NEVER || day < t->first)
		t->first = day;
	if (t->last == TRACK_NEVER || day > t->last)
		t->last = day;
	return 0;
}

/* Index the tools by setting: tool_at[i] is where setting i's begin. */
static void index_tools(struct track_data *t, const struct by_id *ids)
{
	size_t *count = xcalloc(t->n + 1, sizeof(*count));
	struct setting_tool *sorted = xcalloc(t->ntools + 1, sizeof(*sorted));

	t->tool_at = xcalloc(t->n + 1, sizeof(*t->tool_at));
	for (size_t j = 0; j < t->ntools; j++) {
		struct by_id key = { t->tools[j].setting, 0 };
		const struct by_id *hit = bsearch(&key, ids, t->n, sizeof(*ids),
						  cmp_id);
		if (hit)
			count[hit->index]++;
	}
	for (size_t i = 0; i < t->n; i++)
		t->tool_at[i + 1] = t->tool_at[i] + count[i];
	memset(count, 0, (t->n + 1) * sizeof(*count));
	for (size_t j = 0; j < t->ntools; j++) {
		struct by_id key = { t->tools[j].setting, 0 };
		const struct by_id *hit = bsearch(&key, ids, t->n, sizeof(*ids),
						  cmp_id);
		if (hit) {
			sorted[t->tool_at[hit->index] + count[hit->index]++] =
				t->tools[j];
		} else {
			free(t->tools[j].tool);
		}
	}
	free(t->tools);
	t->tools = sorted;
	t->ntools = t->tool_at[t->n];
	free(count);
}

int track_load(struct store *st, int64_t project, struct track_data *t)
{
	struct loader L = { .t = t, .last_id = -1, .err = STRBUF_INIT };
	size_t nm;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	t->first = t->last = TRACK_NEVER;
	if (store_settings(st, project, &t->settings, &t->n) ||
	    store_milestones(st, project, &t->milestones, &t->nmilestones) ||
	    store_project_tools(st, project, &t->tools, &t->ntools))
		return -1;
	nm = t->nmilestones;
	t->reached = xcalloc(t->n * nm + 1, sizeof(*t->reached));
	t->ts = xcalloc(t->n + 1, sizeof(*t->ts));
	L.ids = xcalloc(t->n + 1, sizeof(*L.ids));
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < nm; k++)
			t->reached[i * nm + k] = TRACK_NEVER;
		t->ts[i].type = setting_type_index(t->settings[i].type);
		t->ts[i].reached = &t->reached[i * nm];
		L.ids[i] = (struct by_id){ t->settings[i].id, i };
	}
	qsort(L.ids, t->n, sizeof(*L.ids), cmp_id);
	if (!store_milestone_days(st, project, on_day, &L)) {
		index_tools(t, L.ids);
		rc = 0;
	}
	free(L.ids);
	sb_release(&L.err);
	return rc;
}

void track_data_release(struct track_data *t)
{
	store_settings_free(t->settings, t->n);
	store_groups_free(t->milestones, t->nmilestones);
	store_project_tools_free(t->tools, t->ntools);
	free(t->tool_at);
	free(t->reached);
	free(t->ts);
	memset(t, 0, sizeof(*t));
}
