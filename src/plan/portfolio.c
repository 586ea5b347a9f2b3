/* portfolio.c: one row per project, for the portfolio page, API and command. */
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/xalloc.h"
#include "plan/plan.h"
#include "plan/portfolio.h"
#include "store/store.h"
#include "track/track.h"

const char *const portfolio_keys[] = {
	"name", "title", "step", "gate", "coverage", "barriers", "logged",
	"responses", "changed", NULL
};
enum { K_NAME, K_TITLE, K_STEP, K_GATE, K_COVERAGE, K_BARRIERS, K_LOGGED,
       K_RESPONSES, K_CHANGED };

int portfolio_key_index(const char *key)
{
	for (int i = 0; key && portfolio_keys[i]; i++)
		if (!strcmp(key, portfolio_keys[i]))
			return i;
	return -1;
}

static const char *own(struct portfolio_row *w, const char *s)
{
	w->owned = xrealloc(w->owned, (w->nowned + 1) * sizeof(*w->owned));
	return w->owned[w->nowned++] = xstrdup(s);
}

static int load_gate(const struct kb *kb, struct store *st,
		     const struct project *p, struct portfolio_row *w)
{
	struct checkpoint_done *done;
	size_t ndone;
	struct gate g;

	if (store_checkpoints(st, p->id, &done, &ndone))
		return -1;
	if (!gate_build(kb, p->step, done, ndone, &g)) {
		w->checkpoints = g.n;
		for (size_t i = 0; i < g.n; i++)
			w->open += !g.done[i];
		gate_release(&g);
	}
	store_checkpoints_free(done, ndone);
	return 0;
}

static int load_coverage(struct store *st, const struct project *p,
			 int32_t today, struct portfolio_row *w)
{
	struct track_data t;
	struct coverage c;
	long m;

	w->coverage = -1;
	if (track_load(st, p->id, &t)) {
		track_data_release(&t);
		return -1;
	}
	if (t.n && t.nmilestones) {
		m = track_milestone_index(&t, "live");
		if (m < 0)
			m = (long)t.nmilestones - 1;
		track_coverage(t.ts, t.n, t.nmilestones, (size_t)m, p->settings,
			       &today, 1, &c);
		w->registry = true;
		w->milestone = xstrdup(t.milestones[m].id);
		w->coverage = c.points[0].share;
		w->reached = c.points[0].reached;
		w->population = c.population;
		coverage_release(&c);
	}
	track_data_release(&t);
	return 0;
}

static int load_barriers(const struct kb *kb, struct store *st,
			 const struct project *p, struct portfolio_row *w)
{
	int64_t *rounds, *counts;
	struct observation *obs;
	struct assessment a;
	size_t n, *idx;
	int rc;

	if (store_observations(st, p->id, NULL, "barrier", &obs, &n))
		return -1;
	for (size_t i = 0; i < n; i++)
		w->logged += strcmp(obs[i].status, "closed") != 0;
	store_observations_free(obs, n);

	if (store_rounds(st, p->id, &rounds, &counts, &n))
		return -1;
	if (n) {
		w->round = rounds[n - 1];
		w->responses = counts[n - 1];
	}
	free(rounds);
	free(counts);
	if (!w->round)
		return 0;
	rc = assessment_load(kb, st, p, w->round, &a);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc)
		return -1;
	n = assessment_ranked(&a, CLASS_BARRIER, &idx);
	for (size_t i = 0; i < n && i < PORTFOLIO_TOP; i++) {
		struct portfolio_barrier *b = &w->top[w->ntop++];
		b->determinant = own(w, a.dets[idx[i]]);
		b->title = own(w, a.det_titles[idx[i]]);
		b->mean = a.score.overall[idx[i]].mean;
	}
	free(idx);
	assessment_release(&a);
	return 0;
}

static int load_changed(struct store *st, const struct project *p,
			struct portfolio_row *w)
{
	struct audit_entry *e;
	size_t n;

	if (store_audit_list(st, p->id, 0, 1, &e, &n))
		return -1;
	/* ISO 8601 UTC stamps of one form compare as text */
	w->changed = xstrdup(n && strcmp(e[0].at, p->updated) > 0 ? e[0].at :
			     p->updated);
	store_audit_free(e, n);
	return 0;
}

int portfolio_load(const struct kb *kb, struct store *st,
		   const struct project *v, size_t n, int32_t today,
		   struct portfolio *pf)
{
	pf->v = xcalloc(n + 1, sizeof(*pf->v));
	pf->n = 0;
	for (size_t i = 0; i < n; i++) {
		struct portfolio_row *w = &pf->v[pf->n++];

		w->name = xstrdup(v[i].name);
		w->title = xstrdup(v[i].title);
		w->step = xstrdup(v[i].step);
		w->phase = project_phase(v[i].step);
		if (load_gate(kb, st, &v[i], w) ||
		    load_coverage(st, &v[i], today, w) ||
		    load_barriers(kb, st, &v[i], w) ||
		    load_changed(st, &v[i], w))
			return -1;
	}
	return 0;
}

void portfolio_release(struct portfolio *pf)
{
	for (size_t i = 0; i < pf->n; i++) {
		struct portfolio_row *w = &pf->v[i];
		free(w->name);
		free(w->title);
		free(w->step);
		free(w->milestone);
		free(w->changed);
		for (size_t k = 0; k < w->nowned; k++)
			free(w->owned[k]);
		free(w->owned);
	}
	free(pf->v);
	pf->v = NULL;
	pf->n = 0;
}

#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y))

/* The lowest barrier mean; above the scale's top when there is none. */
static double worst(const struct portfolio_row *w)
{
	return w->ntop ? w->top[0].mean : 6.0;
}

static int by_key(const void *pa, const void *pb, void *ctx)
{
	const struct portfolio_row *a = pa, *b = pb;
	const int *how = ctx;	/* key, then 1 ascending or -1 descending */
	int c = 0;

	switch (how[0]) {
	case K_TITLE:
		c = strcmp(a->title, b->title);
		break;
	case K_STEP:
		c = CMP(kb_step_index(a->step), kb_step_index(b->step));
		break;
	case K_GATE:
		c = CMP(a->open, b->open);
		break;
	case K_COVERAGE:
		c = CMP(a->coverage, b->coverage);
		break;
	case K_BARRIERS:
		c = CMP(worst(a), worst(b));
		break;
	case K_LOGGED:
		c = CMP(a->logged, b->logged);
		break;
	case K_RESPONSES:
		c = CMP(a->responses, b->responses);
		break;
	case K_CHANGED:
		c = strcmp(a->changed, b->changed);
		break;
	}
	c *= how[1];
	if (!c)
		c = strcmp(a->name, b->name) * (how[0] == K_NAME ? how[1] : 1);
	return c;
}

void portfolio_sort(struct portfolio *pf, int key, bool desc)
{
	int how[2] = { key, desc ? -1 : 1 };

	qsort_r(pf->v, pf->n, sizeof(*pf->v), by_key, how);
}

static json_t *row_json(const struct portfolio_row *w)
{
	json_t *top = json_array(), *o;

	for (size_t i = 0; i < w->ntop; i++)
		json_array_append_new(top, json_pack("{s:s, s:s, s:f}",
			"determinant", w->top[i].determinant, "title",
			w->top[i].title, "mean", w->top[i].mean));
	o = json_pack("{s:s, s:s, s:s, s:s, s:{s:b, s:I, s:I}, s:o, s:I, "
		      "s:I, s:I, s:s}",
		      "name", w->name, "title", w->title, "phase", w->phase,
		      "step", w->step,
		      "gate", "ready", w->open == 0, "checkpoints",
		      (json_int_t)w->checkpoints, "open", (json_int_t)w->open,
		      "top_barriers", top,
		      "logged_barriers", (json_int_t)w->logged,
		      "round", (json_int_t)w->round,
		      "responses", (json_int_t)w->responses,
		      "changed", w->changed);
	if (w->registry)
		json_object_set_new(o, "coverage", json_pack("{s:s, s:f, s:I, s:I}",
			"milestone", w->milestone, "share", w->coverage,
			"reached", (json_int_t)w->reached, "population",
			(json_int_t)w->population));
	else
		json_object_set_new(o, "coverage", json_null());
	return o;
}

json_t *portfolio_json(const struct portfolio *pf, int key, bool desc)
{
	json_t *a = json_array();

	for (size_t i = 0; i < pf->n; i++)
		json_array_append_new(a, row_json(&pf->v[i]));
	return json_pack("{s:s, s:s, s:o}", "sort", portfolio_keys[key],
			 "dir", desc ? "desc" : "asc", "projects", a);
}
