/*
 * plan.h: the road map. From a project's circumstances and its latest
 * assessment, select the evidence's actions that its determinants call
 * for, rank them, place them in phases and steps in dependency order, and
 * say for each why it is there. Also the gates between steps and advice
 * on a big-bang or phased rollout. The rules are in docs/roadmap.md.
 *
 * Same inputs, same road map: every ordering has a deterministic
 * tie-break.
 */
#ifndef WM_PLAN_H
#define WM_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct kb;
struct kb_action;
struct project;
struct assessment;
struct checkpoint_done;
struct kb_element;
struct strbuf;

/* Severities used in the score (docs/roadmap.md). */
#define SEV_BARRIER_BASE 3.0	/* plus 2 x (3 - mean) */
#define SEV_AMBIVALENT 3.5
#define SEV_CONDITION 3.0
#define SEV_MIXED 2.0
#define SEV_UNKNOWN 1.0
#define SEV_ENABLER 0.5
#define SEV_LOGGED_BASE 1.0	/* plus the logged observation's severity */
#define W_MORE_TRIGGERS 0.5	/* each trigger after the strongest */
#define W_FRAMEWORK 0.25	/* each distinct framework among the sources */
#define DONE_FACTOR 0.25	/* an action whose checkpoint is done */

/*
 * A barrier or ambivalent observation of the barrier and enabler log
 * that is open or in hand, on one of its determinants (an observation
 * on three determinants gives three).
 */
struct plan_logged {
	int64_t id;		/* the observation's */
	const char *determinant;
	const char *kind;	/* barrier or ambivalent */
	int severity;		/* 1 to 5 */
	const char *date;	/* YYYY-MM-DD */
	const char *text;
};

struct observation;
/*
 * The log's barriers and ambivalences still open or in hand, one entry
 * per determinant, pointing into obs (closed entries and enablers count
 * for nothing). Returns the count; *out is allocated (free it).
 */
size_t plan_logged_from(const struct observation *obs, size_t nobs,
			struct plan_logged **out);

/* Why an action is in the road map. */
struct trigger {
	const char *state;	/* barrier, ambivalent, mixed, unknown, enabler, always, logged */
	const char *determinant;	/* NULL for a condition */
	const char *title;	/* the determinant's title, or the condition's words */
	double mean;		/* the determinant's mean; 0 if none */
	double severity;
	const struct plan_logged *logged;	/* for state logged, else NULL */
};

struct plan_item {
	const struct kb_action *action;
	size_t step;		/* index into kb_steps */
	double score;
	bool done;		/* its checkpoint is ticked */
	struct trigger *triggers;
	size_t ntriggers;
	size_t frameworks;	/* distinct frameworks among its sources */
};

struct store;

struct plan {
	struct plan_item *items;	/* in road-map order */
	size_t n;
	struct plan_logged *logged;	/* the plan's copy of the log given */
	size_t nlogged;
};

/*
 * The state of each determinant the assessment scored (a may be NULL or
 * have no round: every determinant is then unknown). done lists the
 * project's ticked checkpoints; logged the log's open barriers and
 * ambivalences (copied: the caller keeps its own).
 */
int plan_build(const struct kb *kb, const struct project *p,
	       const struct assessment *a, const struct checkpoint_done *done,
	       size_t ndone, const struct plan_logged *logged, size_t nlogged,
	       struct plan *out);
void plan_release(struct plan *pl);
/*
 * Load round (0: the latest) of project p's assessment into a and build
 * its road map into pl, with the ticked checkpoints and the open and
 * in-hand barriers and ambivalences of the log from st. Returns 0;
 * STORE_NOTFOUND if round has no responses; -1 with the store's error.
 * On success release both.
 */
int plan_load(const struct kb *kb, struct store *st, const struct project *p,
	      int64_t round, struct assessment *a, struct plan *pl);

/* A barrier or ambivalence that an action of a step, not yet done, meets. */
struct plan_open {
	const struct plan_item *item;
	const struct trigger *trigger;
};
/*
 * What is still open in step (an index into kb_steps), in road-map
 * order: *out is allocated (free it). Returns the count.
 */
size_t plan_still_open(const struct plan *pl, size_t step,
		       struct plan_open **out);

/* True if condition (docs/kb-format.md) holds for p; its words in *why. */
bool plan_condition(const struct project *p, const char *condition,
		    const char **why);

/* One trigger in words, e.g. "barrier: Resourcing ... (mean 2.35 of 5)". */
void plan_trigger_words(const struct trigger *t, struct strbuf *sb);

/* The road map's items as JSON, or as a Markdown document. */
json_t *plan_json(const struct kb *kb, const struct plan *pl);
struct rollout;
/*
 * The whole road map document of 'waymark roadmap --json' and the API:
 * {project, round, rollout: {advice, factors}, actions}. A new reference.
 */
json_t *plan_document_json(const struct kb *kb, const struct project *p,
			   const struct assessment *a, const struct plan *pl,
			   const struct rollout *ro);
void plan_markdown(const struct kb *kb, const struct project *p,
		   const struct plan *pl, FILE *f);

/* --- gates --- */

struct gate {
	const char *step;
	bool ready;
	const struct kb_element **checkpoints;	/* of the step, in order */
	const struct checkpoint_done **done;	/* parallel: NULL if not done */
	size_t n;
};

/* What to do while a gate is not passed, from the toolkit's advice. */
struct interim_option {
	const char *source;	/* the evidence element that advises it */
	const char *option;
};
extern const struct interim_option gate_interim[];
extern const size_t gate_ninterim;

/* The gate out of step (one of kb_steps) for a project. */
int gate_build(const struct kb *kb, const char *step,
	       const struct checkpoint_done *done, size_t ndone,
	       struct gate *g);
void gate_release(struct gate *g);

/* --- rollout --- */

struct rollout_vote {
	const char *factor;	/* the King's Fund rollout-factor element id */
	const char *favours;	/* big-bang, phased or either */
	const char *reason;	/* in our words, about this project */
};

struct rollout {
	const char *advice;	/* big-bang, phased, or either */
	struct rollout_vote votes[8];
	size_t n;
};

/*
 * Advise big bang or phased for p (a may be NULL): one vote per King's
 * Fund factor that applies, with its reason; the advice is the majority.
 */
void rollout_advise(const struct project *p, const struct assessment *a,
		    struct rollout *r);

#endif
