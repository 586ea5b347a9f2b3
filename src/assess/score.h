/*
 * score.h: scores per determinant, overall and per stakeholder group,
 * from survey answers. Pure computation: no store, no output.
 *
 * The method and thresholds are documented in docs/scoring.md; the
 * constants below are the ones it names.
 */
#ifndef WM_SCORE_H
#define WM_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCORE_MIN_N 3		/* fewer respondents: class unknown */
#define SCORE_LOW_N 10		/* fewer respondents: flagged low n */
#define SCORE_MAX_DK 0.5	/* this share of don't know or more: unknown */
#define SCORE_ENABLER 3.5	/* mean at or above, and interval above 3 */
#define SCORE_BARRIER 2.5	/* mean at or below, and interval below 3 */
#define SCORE_MIDPOINT 3.0
#define SCORE_AMBIVALENT_GAP 1.0	/* least gap between group means */
#define SCORE_COMPLEX_SD 1.2	/* spread at or above: complex */
#define SCORE_ANONYMITY_DEFAULT 5
#define SCORE_ANONYMITY_FLOOR 3	/* never show a group smaller than this */

enum score_class { CLASS_UNKNOWN, CLASS_ENABLER, CLASS_BARRIER, CLASS_MIXED };
enum score_complexity { CX_SIMPLE, CX_COMPLICATED, CX_COMPLEX };

struct score_input {
	size_t nitems, ndets, ngroups, nresp;
	const size_t *item_det;		/* nitems: determinant index of each */
	const bool *item_reversed;	/* nitems */
	const unsigned char *values;	/* nresp * nitems answer codes (survey.h) */
	const uint16_t *resp_group;	/* nresp: group index of each response */
	unsigned anonymity;		/* least group size shown, >= FLOOR */
};

struct score_cell {
	size_t n;		/* respondents with at least one rating */
	double mean;		/* of respondents' determinant scores, 1..5 */
	double sd;		/* sample standard deviation */
	double lo, hi;		/* 95% interval for the mean */
	double dk_share;	/* don't-know answers / all answers given */
	size_t answers;		/* answers given, don't know included */
	enum score_class cls;
	bool low_n;
	bool suppressed;	/* a group cell hidden for anonymity */
};

struct score_result {
	size_t ndets, ngroups;
	size_t nresp;
	struct score_cell *overall;	/* ndets */
	struct score_cell *by_group;	/* ngroups * ndets, [g * ndets + d] */
	size_t *group_n;		/* responses per group */
	bool *group_hidden;		/* whole group below the threshold */
	bool *ambivalent;		/* ndets */
	enum score_complexity *complexity;	/* ndets */
};

/*
 * Score in. Fills out (allocated; release with score_release). Returns 0,
 * or -1 if in is inconsistent (an item's determinant or a response's
 * group out of range, anonymity below the floor).
 */
int score_compute(const struct score_input *in, struct score_result *out);
void score_release(struct score_result *r);

/* Lower-case names for output: "enabler", "complex" and so on. */
const char *score_class_name(enum score_class c);
const char *score_complexity_name(enum score_complexity c);

/* The two-sided 95% Student t quantile for df degrees of freedom. */
double score_t95(size_t df);

#endif
