/* roadmap.c: select, rank and order the actions a project needs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/xalloc.h"
#include "plan.h"
#include "store/store.h"

static const struct {
	const char *id, *words;
} condition_words[] = {
	{ "byod", "staff use their own devices" },
	{ "org-devices", "the organisation issues the devices" },
	{ "industry-partner", "an industry partner is involved" },
	{ "academic-partner", "an academic partner is involved" },
	{ "nhs-partner", "other NHS organisations are partners" },
	{ "many-settings", "20 or more settings must take part" },
	{ "single-platform", "the app runs on a single device platform" },
	{ "opt-in", "staff choose whether to adopt it" },
	{ "mandated", "adoption is mandated" },
	{ "shared-record", "it is a shared care record" },
	{ "epr", "it is an electronic patient record" },
	{ "mobile-app", "it is a clinical mobile app" },
	{ "thin-team", "fewer than 3 people work on it full time" },
};

static bool holds(const struct project *p, const char *c)
{
	const char *d = p->device_model, *t = p->technology;

	if (!strcmp(c, "byod"))
		return !strcmp(d, "byod") || !strcmp(d, "mixed");
	if (!strcmp(c, "org-devices"))
		return !strcmp(d, "organisation-owned") || !strcmp(d, "mixed");
	if (!strcmp(c, "industry-partner"))
		return project_has_partner(p, "industry");
	if (!strcmp(c, "academic-partner"))
		return project_has_partner(p, "academic");
	if (!strcmp(c, "nhs-partner"))
		return project_has_partner(p, "nhs");
	if (!strcmp(c, "many-settings"))
		return p->settings >= 20;
	if (!strcmp(c, "single-platform"))
		return !strcmp(p->platforms, "single");
	if (!strcmp(c, "opt-in") || !strcmp(c, "mandated"))
		return !strcmp(p->adoption, c);
	if (!strcmp(c, "shared-record"))
		return !strcmp(t, "shared-care-record");
	if (!strcmp(c, "epr"))
		return !strcmp(t, "epr");
	if (!strcmp(c, "mobile-app"))
		return !strcmp(t, "clinical-mobile-app");
	if (!strcmp(c, "thin-team"))
		return p->dedicated_staff < 3;
	return false;
}

bool plan_condition(const struct project *p, const char *condition,
		    const char **why)
{
	*why = condition;
	for (size_t i = 0; i < sizeof(condition_words) / sizeof(*condition_words); i++)
		if (!strcmp(condition_words[i].id, condition))
			*why = condition_words[i].words;
	return holds(p, condition);
}

/* A determinant's state and mean, as the assessment sees it. */
struct det_state {
	const char *id, *title;
	const char *state;
	bool ambivalent;
	double mean;
};

static void det_states(const struct kb *kb, const struct assessment *a,
		       struct det_state *out)
{
	for (size_t d = 0; d < kb->ndeterminants; d++) {
		out[d] = (struct det_state){ kb->determinants[d].id.s,
			kb->determinants[d].title.s, "unknown", false, 0 };
		if (!a || !a->round)
			continue;
		for (size_t k = 0; k < a->ndets; k++) {
			const struct score_cell *c = &a->score.overall[k];
			if (strcmp(a->dets[k], out[d].id))
				continue;
			out[d].state = score_class_name(c->cls);
			out[d].ambivalent = a->score.ambivalent[k];
			out[d].mean = c->n ? c->mean : 0;
		}
	}
}

/* The states the action answers; the default when it names none. */
static bool wants(const struct kb_action *act, const char *state)
{
	static const char *const dflt[] = {
		"barrier", "ambivalent", "mixed", "unknown"
	};

	if (!act->nstates) {
		for (size_t i = 0; i < 4; i++)
			if (!strcmp(dflt[i], state))
				return true;
		return false;
	}
	for (size_t i = 0; i < act->nstates; i++)
		if (!strcmp(act->states[i].s, state))
			return true;
	return false;
}

static double severity(const char *state, double mean)
{
	if (!strcmp(state, "barrier"))
		return SEV_BARRIER_BASE + 2.0 * (3.0 - mean);
	if (!strcmp(state, "ambivalent"))
		return SEV_AMBIVALENT;
	if (!strcmp(state, "mixed"))
		return SEV_MIXED;
	if (!strcmp(state, "unknown"))
		return SEV_UNKNOWN;
	if (!strcmp(state, "enabler"))
		return SEV_ENABLER;
	return SEV_CONDITION;
}

static void add_trigger(struct plan_item *it, size_t *alloc,
			struct trigger t)
{
	XGROW(it->triggers, *alloc, it->ntriggers + 1);
	it->triggers[it->ntriggers++] = t;
}

/*
 * A logged barrier calls for the actions that answer barriers; a logged
 * ambivalence for those that answer disagreement or barriers.
 */
static bool wants_logged(const struct kb_action *act, const char *kind)
{
	return wants(act, "barrier") ||
	       (!strcmp(kind, "ambivalent") && wants(act, "ambivalent"));
}

/* Add a trigger for each entry of the plan's log on determinant det. */
static void logged_triggers(const struct kb *kb, const struct kb_action *act,
			    const char *det, const struct plan *pl,
			    struct plan_item *it, size_t *alloc)
{
	const struct kb_determinant *d = kb_determinant(kb, det);

	for (size_t k = 0; d && k < pl->nlogged; k++) {
		const struct plan_logged *l = &pl->logged[k];
		if (strcmp(l->determinant, det) || !wants_logged(act, l->kind))
			continue;
		add_trigger(it, alloc, (struct trigger){ "logged", d->id.s,
			    d->title.s, 0, SEV_LOGGED_BASE + l->severity, l });
	}
}

/* Collect why act applies to p; false if it does not. */
static bool match(const struct kb *kb, const struct project *p,
		  const struct kb_action *act, const struct det_state *ds,
		  const struct plan *pl, struct plan_item *it)
{
	size_t alloc = 0;
	const char *why;

	memset(it, 0, sizeof(*it));
	for (size_t i = 0; i < act->nwhen; i++)
		if (!plan_condition(p, act->when[i].s, &why))
			return false;
	if (wants(act, "always")) {
		for (size_t i = 0; i < act->nwhen; i++) {
			plan_condition(p, act->when[i].s, &why);
			add_trigger(it, &alloc, (struct trigger){ "always", NULL,
				    why, 0, SEV_CONDITION });
		}
		if (!act->nwhen)
			add_trigger(it, &alloc, (struct trigger){ "always", NULL,
				    "recommended for every project", 0,
				    SEV_CONDITION });
	}
	for (size_t i = 0; i < act->ndeterminants; i++) {
		logged_triggers(kb, act, act->determinants[i].s, pl, it, &alloc);
		for (size_t d = 0; d < kb->ndeterminants; d++) {
			const struct det_state *s = &ds[d];
			if (strcmp(s->id, act->determinants[i].s))
				continue;
			if (s->ambivalent && wants(act, "ambivalent"))
				add_trigger(it, &alloc, (struct trigger){
					"ambivalent", s->id, s->title, s->mean,
					SEV_AMBIVALENT });
			else if (wants(act, s->state))
				add_trigger(it, &alloc, (struct trigger){
					s->state, s->id, s->title, s->mean,
					severity(s->state, s->mean) });
		}
	}
	return it->ntriggers > 0;
}

static size_t count_frameworks(const struct kb *kb, const struct kb_action *act)
{
	const struct kb_framework *seen[16];
	size_t n = 0;

	for (size_t i = 0; i < act->nsources; i++) {
		const struct kb_element *e = kb_element(kb, act->sources[i].s);
		size_t k;
		if (!e)
			continue;
		for (k = 0; k < n && seen[k] != e->framework; k++)
			;
		if (k == n && n < 16)
			seen[n++] = e->framework;
	}
	return n;
}

static int by_severity(const void *x, const void *y)
{
	const struct trigger *a = x, *b = y;

	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = strcmp(a->title, b->title)))
		return c;
	/* the survey's reading before the log's, then the log by entry */
	if (!a->logged || !b->logged)
		return (a->logged != NULL) - (b->logged != NULL);
	return (a->logged->id > b->logged->id) - (a->logged->id < b->logged->id);
}

static void score(const struct kb *kb, struct plan_item *it,
		  const struct checkpoint_done *done, size_t ndone)
{
	const struct kb_action *act = it->action;

	qsort(it->triggers, it->ntriggers, sizeof(*it->triggers), by_severity);
	it->frameworks = count_frameworks(kb, act);
	it->score = it->triggers[0].severity +
		    W_MORE_TRIGGERS * (double)(it->ntriggers - 1) +
		    W_FRAMEWORK * (double)it->frameworks;
	for (size_t i = 0; act->checkpoint.s && i < ndone; i++)
		if (!strcmp(done[i].checkpoint, act->checkpoint.s))
			it->done = true;
	if (it->done)
		it->score *= DONE_FACTOR;
	/* keep two decimals so that output and ordering agree exactly */
	it->score = round(it->score * 100.0) / 100.0;
	it->step = (size_t)kb_step_index(act->step.s);	/* kb check ensures it */
}

/* Whether item i must wait for another unplaced item of the same step. */
static bool blocked(const struct plan *pl, size_t i, const bool *placed)
{
	const struct kb_action *a = pl->items[i].action;

	for (size_t k = 0; k < a->nafter; k++)
		for (size_t j = 0; j < pl->n; j++)
			if (!placed[j] && j != i &&
			    pl->items[j].step == pl->items[i].step &&
			    !strcmp(pl->items[j].action->id.s, a->after[k].s))
				return true;
	return false;
}

/* Better of two available items: higher score, then id. */
static bool better(const struct plan_item *a, const struct plan_item *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return strcmp(a->action->id.s, b->action->id.s) < 0;
}

/* Order by step, then within a step by 'after' links, best first. */
static void order(struct plan *pl)
{
	struct plan_item *out = xcalloc(pl->n + 1, sizeof(*out));
	bool *placed = xcalloc(pl->n + 1, sizeof(*placed));
	size_t k = 0;

	for (size_t step = 0; kb_steps[step]; step++) {
		for (;;) {
			long pick = -1;
			for (size_t i = 0; i < pl->n; i++) {
				if (placed[i] || pl->items[i].step != step)
					continue;
				if (blocked(pl, i, placed))
					continue;
				if (pick < 0 || better(&pl->items[i], &pl->items[pick]))
					pick = (long)i;
			}
			if (pick < 0)
				break;
			placed[pick] = true;
			out[k++] = pl->items[pick];
		}
	}
	/* kb check forbids cycles; anything left would be a broken base */
	for (size_t i = 0; i < pl->n; i++)
		if (!placed[i])
			out[k++] = pl->items[i];
	free(pl->items);
	free(placed);
	pl->items = out;
}

/* Longest piece of a logged observation's text quoted in a trigger. */
#define LOGGED_QUOTE 60

/* Copy the log into the plan, its text cut to a quote. */
static void logged_copy(struct plan *pl, const struct plan_logged *v, size_t n)
{
	pl->logged = xcalloc(n + 1, sizeof(*pl->logged));
	pl->nlogged = n;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i].text);
		char *text;

		pl->logged[i] = v[i];
		pl->logged[i].determinant = xstrdup(v[i].determinant);
		pl->logged[i].kind = xstrdup(v[i].kind);
		pl->logged[i].date = xstrdup(v[i].date);
		if (len > LOGGED_QUOTE) {
			/* cut at a character's start, and say so */
			len = LOGGED_QUOTE;
			while (len && ((unsigned char)v[i].text[len] & 0xc0) == 0x80)
				len--;
			text = xcalloc(len + 4, 1);
			memcpy(text, v[i].text, len);
			memcpy(text + len, "...", 3);
		} else {
			text = xstrdup(v[i].text);
		}
		pl->logged[i].text = text;
	}
}

int plan_build(const struct kb *kb, const struct project *p,
	       const struct assessment *a, const struct checkpoint_done *done,
	       size_t ndone, const struct plan_logged *logged, size_t nlogged,
	       struct plan *out)
{
	struct det_state *ds = xcalloc(kb->ndeterminants + 1, sizeof(*ds));
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	logged_copy(out, logged, nlogged);
	det_states(kb, a, ds);
	for (size_t i = 0; i < kb->nactions; i++) {
		struct plan_item it;
		if (!match(kb, p, &kb->actions[i], ds, out, &it)) {
			free(it.triggers);
			continue;
		}
		it.action = &kb->actions[i];
		score(kb, &it, done, ndone);
		XGROW(out->items, alloc, out->n + 1);
		out->items[out->n++] = it;
	}
	order(out);
	free(ds);
	return 0;
}

void plan_release(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->items[i].triggers);
	free(pl->items);
	for (size_t i = 0; i < pl->nlogged; i++) {
		free((char *)pl->logged[i].determinant);
		free((char *)pl->logged[i].kind);
		free((char *)pl->logged[i].date);
		free((char *)pl->logged[i].text);
	}
	free(pl->logged);
	memset(pl, 0, sizeof(*pl));
}

size_t plan_logged_from(const struct observation *obs, size_t nobs,
			struct plan_logged **out)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	for (size_t i = 0; i < nobs; i++) {
		const struct observation *o = &obs[i];
		if (!strcmp(o->status, "closed") || !strcmp(o->kind, "enabler"))
			continue;
		for (size_t k = 0; k < o->ndeterminants; k++) {
			XGROW(*out, alloc, n + 1);
			(*out)[n++] = (struct plan_logged){ o->id,
				o->determinants[k], o->kind, o->severity,
				o->observed, o->text };
		}
	}
	return n;
}

int plan_load(const struct kb *kb, struct store *st, const struct project *p,
	      int64_t round, struct assessment *a, struct plan *pl)
{
	struct checkpoint_done *done;
	struct observation *obs;
	struct plan_logged *logged;
	size_t ndone, nobs, nlogged;
	int rc = assessment_load(kb, st, p, round, a);

	if (rc)
		return rc;
	if (store_checkpoints(st, p->id, &done, &ndone)) {
		assessment_release(a);
		return -1;
	}
	if (store_observations(st, p->id, NULL, NULL, &obs, &nobs)) {
		store_checkpoints_free(done, ndone);
		assessment_release(a);
		return -1;
	}
	nlogged = plan_logged_from(obs, nobs, &logged);
	plan_build(kb, p, a, done, ndone, logged, nlogged, pl);
	free(logged);
	store_observations_free(obs, nobs);
	store_checkpoints_free(done, ndone);
	return 0;
}

size_t plan_still_open(const struct plan *pl, size_t step,
		       struct plan_open **out)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];

		if (it->step != step || it->done)
			continue;
		for (size_t t = 0; t < it->ntriggers; t++) {
			if (strcmp(it->triggers[t].state, "barrier") &&
			    strcmp(it->triggers[t].state, "ambivalent") &&
			    strcmp(it->triggers[t].state, "logged"))
				continue;
			XGROW(*out, alloc, n + 1);
			(*out)[n++] = (struct plan_open){ it, &it->triggers[t] };
		}
	}
	return n;
}
