/* assessment.c: load a round's responses, score them, compare rounds. */
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "kb/kb.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* The survey's distinct determinants, in item order. */
static void collect_dets(struct assessment *a, size_t *item_det)
{
	const struct survey *s = &a->survey;
	size_t alloc = 0, alloc2 = 0;

	for (size_t i = 0; i < s->nitems; i++) {
		size_t d;
		for (d = 0; d < a->ndets; d++)
			if (!strcmp(a->dets[d], s->items[i].determinant))
				break;
		if (d == a->ndets) {
			XGROW(a->dets, alloc, a->ndets + 1);
			XGROW(a->det_titles, alloc2, a->ndets + 1);
			a->dets[a->ndets] = s->items[i].determinant;
			a->det_titles[a->ndets] = s->items[i].determinant_title;
			a->ndets++;
		}
		item_det[i] = d;
	}
}

/* Responses of one round unpacked into the matrix score_compute wants. */
struct matrix {
	const struct survey *s;
	long *slot_item;	/* slot -> item index, or -1 */
	size_t nslots;
	unsigned char *values;
	uint16_t *groups;
	size_t n, alloc, galloc;
};

static int add_response(const struct stored_response *r, void *ctx)
{
	struct matrix *m = ctx;
	long g = survey_group_index(m->s, r->grp);
	unsigned char *row;

	if (g < 0)
		return 0;	/* a group removed since: not scored */
	XGROW(m->groups, m->galloc, m->n + 1);
	if (m->alloc < (m->n + 1) * m->s->nitems) {
		size_t need = (m->n + 1) * m->s->nitems;
		m->alloc = need * 2;
		m->values = xrealloc(m->values, m->alloc);
	}
	row = m->values + m->n * m->s->nitems;
	memset(row, 0, m->s->nitems);
	for (size_t slot = 0; slot < r->nanswers && slot < m->nslots; slot++)
		if (m->slot_item[slot] >= 0 && r->answers[slot] <= ANS_DONT_KNOW)
			row[m->slot_item[slot]] = r->answers[slot];
	m->groups[m->n++] = (uint16_t)g;
	return 0;
}

static int score_round(struct store *st, const struct assessment *a,
		       const size_t *item_det, const bool *reversed,
		       const size_t *slots, int64_t round,
		       struct score_result *out)
{
	const struct survey *s = &a->survey;
	struct matrix m = { .s = s };
	struct score_input in;
	int rc;

	for (size_t i = 0; i < s->nitems; i++)
		if (slots[i] != STORE_NO_SLOT && slots[i] + 1 > m.nslots)
			m.nslots = slots[i] + 1;
	m.slot_item = xmalloc((m.nslots + 1) * sizeof(*m.slot_item));
	for (size_t k = 0; k < m.nslots; k++)
		m.slot_item[k] = -1;
	for (size_t i = 0; i < s->nitems; i++)
		if (slots[i] != STORE_NO_SLOT)	/* never answered yet */
			m.slot_item[slots[i]] = (long)i;
	rc = store_responses(st, a->project->id, round, add_response, &m);
	if (rc == 0) {
		in = (struct score_input){
			.nitems = s->nitems, .ndets = a->ndets,
			.ngroups = s->ngroups, .nresp = m.n,
			.item_det = item_det, .item_reversed = reversed,
			.values = m.values, .resp_group = m.groups,
			.anonymity = (unsigned)a->project->anonymity,
		};
		rc = score_compute(&in, out);
	}
	free(m.slot_item);
	free(m.values);
	free(m.groups);
	return rc;
}

/*
 * A round with fewer respondents than the anonymity threshold shows no
 * scores at all: overall figures from so few people could identify them.
 */
static void hide_small_round(struct score_result *r, size_t k)
{
	if (r->nresp >= k)
		return;
	for (size_t d = 0; d < r->ndets; d++) {
		struct score_cell *c = &r->overall[d];
		*c = (struct score_cell){ .cls = CLASS_UNKNOWN, .suppressed = true };
		r->ambivalent[d] = false;
		r->complexity[d] = CX_COMPLICATED;	/* says nothing of them */
	}
}

int assessment_load(const struct kb *kb, struct store *st,
		    const struct project *p, int64_t round,
		    struct assessment *a)
{
	size_t *item_det = NULL, *slots = NULL;
	bool *reversed = NULL;
	char **ids = NULL;
	int rc = -1;

	memset(a, 0, sizeof(*a));
	a->project = p;
	if (survey_build(kb, st, p, &a->survey) ||
	    store_rounds(st, p->id, &a->rounds, &a->round_counts, &a->nrounds)) {
		assessment_release(a);
		return -1;
	}
	if (round == 0 && a->nrounds)
		round = a->rounds[a->nrounds - 1];
	for (size_t r = 0; r < a->nrounds; r++) {
		if (a->rounds[r] == round)
			a->round = round;
		if (a->rounds[r] < round)
			a->prev_round = a->rounds[r];
	}
	if (round != 0 && a->round == 0) {
		assessment_release(a);
		return STORE_NOTFOUND;
	}
	item_det = xcalloc(a->survey.nitems + 1, sizeof(*item_det));
	slots = xcalloc(a->survey.nitems + 1, sizeof(*slots));
	reversed = xcalloc(a->survey.nitems + 1, sizeof(*reversed));
	ids = xcalloc(a->survey.nitems + 1, sizeof(*ids));
	collect_dets(a, item_det);
	for (size_t i = 0; i < a->survey.nitems; i++) {
		reversed[i] = a->survey.items[i].reversed;
		ids[i] = a->survey.items[i].id;
	}
	if (store_items(st, p->id, ids, a->survey.nitems, slots, false))
		goto cleanup;
	if (score_round(st, a, item_det, reversed, slots, a->round, &a->score))
		goto cleanup;
	if (a->prev_round &&
	    score_round(st, a, item_det, reversed, slots, a->prev_round, &a->prev))
		goto cleanup;
	hide_small_round(&a->score, (size_t)p->anonymity);
	if (a->prev_round)
		hide_small_round(&a->prev, (size_t)p->anonymity);
	rc = 0;
cleanup:
	free(item_det);
	free(slots);
	free(reversed);
	free(ids);
	if (rc)
		assessment_release(a);
	return rc;
}

void assessment_release(struct assessment *a)
{
	score_release(&a->score);
	if (a->prev_round)
		score_release(&a->prev);
	survey_release(&a->survey);
	free(a->dets);
	free(a->det_titles);
	free(a->rounds);
	free(a->round_counts);
	memset(a, 0, sizeof(*a));
}

/* Order determinant indexes by overall mean, rising (ties by index). */
static int by_mean_up(const void *x, const void *y, void *ctx)
{
	const struct assessment *as = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	double a = as->score.overall[i].mean, b = as->score.overall[j].mean;

	if (a != b)
		return a < b ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int by_mean_down(const void *x, const void *y, void *ctx)
{
	const struct assessment *as = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	double a = as->score.overall[i].mean, b = as->score.overall[j].mean;

	if (a != b)
		return a > b ? -1 : 1;
	return i < j ? -1 : i > j;
}

size_t assessment_ranked(const struct assessment *a, enum score_class cls,
			 size_t **out)
{
	size_t n = 0;

	*out = xcalloc(a->ndets + 1, sizeof(**out));
	for (size_t d = 0; d < a->ndets; d++)
		if (a->score.overall[d].cls == cls)
			(*out)[n++] = d;
	qsort_r(*out, n, sizeof(**out),
		cls == CLASS_ENABLER ? by_mean_down : by_mean_up, (void *)a);
	return n;
}
