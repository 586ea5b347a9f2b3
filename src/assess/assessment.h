/*
 * assessment.h: a project's assessment for one round: its survey, the
 * responses of that round, their scores, and the change since the round
 * before. CLI and web both show an assessment through this one module.
 */
#ifndef WM_ASSESSMENT_H
#define WM_ASSESSMENT_H

#include <jansson.h>
#include <stdint.h>

#include "assess/score.h"
#include "survey/survey.h"

struct kb;
struct store;
struct project;

struct assessment {
	const struct project *project;
	struct survey survey;
	/* the survey's determinants, in order, as scored */
	char **dets, **det_titles;
	size_t ndets;
	int64_t round;		/* 0 when there are no responses yet */
	int64_t prev_round;	/* 0 when there is no earlier round */
	int64_t *rounds, *round_counts;
	size_t nrounds;
	struct score_result score;
	struct score_result prev;	/* valid when prev_round != 0 */
};

/*
 * Load and score round (0: the latest) of project p. Returns 0; -1 with
 * the store's error; STORE_NOTFOUND if round has no responses.
 */
int assessment_load(const struct kb *kb, struct store *st,
		    const struct project *p, int64_t round,
		    struct assessment *a);
void assessment_release(struct assessment *a);

/* The assessment as JSON (docs/json.md); suppressed groups never appear. */
json_t *assessment_json(const struct assessment *a);

/*
 * Determinant indexes of a by class, most severe first: barriers by
 * rising mean, enablers by falling mean. Returns the count; *out is
 * allocated.
 */
size_t assessment_ranked(const struct assessment *a, enum score_class cls,
			 size_t **out);

#endif
