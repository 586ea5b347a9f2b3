/* gate.c: the checkpoints that gate a step, and the rollout advice. */
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/xalloc.h"
#include "plan.h"
#include "store/store.h"

const struct interim_option gate_interim[] = {
	{ "nhsd-mobile-toolkit.tip.vision-not-ready-roadmap",
	  "agree why the project is not ready and plan interim solutions or a "
	  "small pilot" },
	{ "nhsd-mobile-toolkit.consideration.implement-rollout-approach",
	  "pilot in a few high-priority areas before going wider (a phased "
	  "rollout)" },
};
const size_t gate_ninterim = sizeof(gate_interim) / sizeof(*gate_interim);

int gate_build(const struct kb *kb, const char *step,
	       const struct checkpoint_done *done, size_t ndone,
	       struct gate *g)
{
	char parent[80];
	const struct kb_framework *fw = kb_framework(kb, "nhsd-mobile-toolkit");

	memset(g, 0, sizeof(*g));
	g->step = step;
	if (!fw)
		return -1;
	snprintf(parent, sizeof(parent), "nhsd-mobile-toolkit.step.%s", step);
	g->checkpoints = xcalloc(fw->nelements + 1, sizeof(*g->checkpoints));
	g->done = xcalloc(fw->nelements + 1, sizeof(*g->done));
	for (size_t i = 0; i < fw->nelements; i++) {
		const struct kb_element *e = &fw->elements[i];
		if (strcmp(e->kind.s, "checkpoint") || !e->parent.s ||
		    strcmp(e->parent.s, parent))
			continue;
		g->checkpoints[g->n] = e;
		for (size_t k = 0; k < ndone; k++)
			if (!strcmp(done[k].checkpoint, e->id.s))
				g->done[g->n] = &done[k];
		g->n++;
	}
	g->ready = g->n > 0;
	for (size_t i = 0; i < g->n; i++)
		if (!g->done[i])
			g->ready = false;
	return 0;
}

void gate_release(struct gate *g)
{
	free(g->checkpoints);
	free(g->done);
	memset(g, 0, sizeof(*g));
}

static void vote(struct rollout *r, const char *factor, const char *favours,
		 const char *reason)
{
	if (r->n < sizeof(r->votes) / sizeof(*r->votes))
		r->votes[r->n++] = (struct rollout_vote){ factor, favours, reason };
}

static size_t barriers(const struct assessment *a)
{
	size_t n = 0;

	for (size_t d = 0; a && a->round && d < a->ndets; d++)
		n += a->score.overall[d].cls == CLASS_BARRIER ||
		     a->score.ambivalent[d];
	return n;
}

void rollout_advise(const struct project *p, const struct assessment *a,
		    struct rollout *r)
{
	size_t big = 0, phased = 0, nb = barriers(a);
	bool epr = !strcmp(p->technology, "epr");

	memset(r, 0, sizeof(*r));
	if (epr)
		vote(r, "kingsfund-2018.rollout-factor.dual-running", "big-bang",
		     "an electronic patient record is used by shared services "
		     "and follows patients between wards: going live in parts "
		     "means running two systems side by side");
	else
		vote(r, "kingsfund-2018.rollout-factor.interdependencies", "phased",
		     "teams can adopt it without changing how they work with "
		     "others, so early adopters can teach those who follow");
	if (!strcmp(p->adoption, "opt-in"))
		vote(r, "kingsfund-2018.rollout-factor.adoption-challenge", "phased",
		     "staff choose to adopt it: uptake grows where it proves "
		     "useful, which a phased plan can follow");
	else
		vote(r, "kingsfund-2018.rollout-factor.holdouts", "big-bang",
		     "adoption is mandated: a single switch leaves no corner "
		     "that can decline to take part");
	if (nb >= 3)
		vote(r, "kingsfund-2018.rollout-factor.risk", "phased",
		     "the assessment shows three or more barriers or disputed "
		     "determinants: pilot and learn before going wide");
	else if (epr || p->staff >= 2000)
		vote(r, "kingsfund-2018.rollout-factor.risk", "big-bang",
		     "disruption is large at this scale: a concentrated "
		     "go-live with extra support lets the organisation bed it in");
	vote(r, "kingsfund-2018.rollout-factor.timing", "either",
	     "whichever model, choose go-live dates away from peak pressure "
	     "such as winter");
	for (size_t i = 0; i < r->n; i++) {
		big += !strcmp(r->votes[i].favours, "big-bang");
		phased += !strcmp(r->votes[i].favours, "phased");
	}
	r->advice = big > phased ? "big-bang" : phased > big ? "phased" : "either";
}
